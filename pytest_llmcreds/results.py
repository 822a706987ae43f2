"""Preflight results: plain, serialisable and free of secrets by construction.

No model here contains a key: the only key-derived values are fingerprints. The
same models feed the terminal report, the JSON report, skip reasons, the
``llm_preflight`` fixture and xdist workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from pytest_llmcreds.causes import effect_of, rank

Status = Literal["passed", "failed", "indeterminate"]
ModelStatus = Literal["available", "not_found", "no_access", "unknown"]

REPORT_VERSION = 1


class Finding(BaseModel):
    """One diagnosis: a cause id, what was found and the one-line fix."""

    model_config = ConfigDict(frozen=True)

    cause: str
    message: str
    fix: str

    @property
    def effect(self) -> str:
        return effect_of(self.cause)


class ProviderResult(BaseModel):
    """The preflight's verdict on one provider."""

    provider: str
    status: Status
    causes: list[str] = Field(default_factory=list)
    key_source: str | None = None
    fingerprint: str | None = None
    base_url: str | None = None
    request_id: str | None = None
    models: dict[str, ModelStatus] = Field(default_factory=dict)
    findings: list[Finding] = Field(default_factory=list)
    #: "offline" when only the offline checks ran, "live" when the provider
    #: was asked.
    checked: Literal["offline", "live"] = "offline"
    #: Non-secret settings the SDK sends: organization, project, API version.
    settings: dict[str, str] = Field(default_factory=dict)
    #: What the live check did beyond the verdict, such as a probe's cost.
    notes: list[str] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.effect != "warning"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.effect == "warning"]

    def first_problem(self) -> Finding | None:
        problems = self.errors or self.warnings
        return problems[0] if problems else None

    def skip_reason(self) -> str:
        """Return a one-line reason for a skipped live test, with the cause and fix."""
        finding = self.first_problem()
        verdict = "not verified" if self.status == "indeterminate" else "failed"
        if finding is None:
            return f"llmcreds: {self.provider} preflight {verdict}"
        return (
            f"llmcreds: {self.provider} preflight {verdict}: {finding.cause}: "
            f"{finding.message} Fix: {finding.fix}"
        )


def build_result(
    provider: str,
    findings: list[Finding],
    *,
    checked: Literal["offline", "live"] = "offline",
    **fields: object,
) -> ProviderResult:
    """Order the findings, derive the causes and the status from them."""
    ordered = sorted(findings, key=lambda f: rank(f.cause))
    causes: list[str] = []
    for finding in ordered:
        if finding.cause not in causes:
            causes.append(finding.cause)
    effects = {effect_of(c) for c in causes}
    status: Status = "passed"
    if "error" in effects:
        status = "failed"
    elif "unproven" in effects:
        status = "indeterminate"
    return ProviderResult(
        provider=provider,
        status=status,
        causes=causes,
        findings=ordered,
        checked=checked,
        **fields,  # type: ignore[arg-type]
    )


class PreflightResult(BaseModel):
    """The preflight's verdict on every provider it checked."""

    version: int = REPORT_VERSION
    mode: Literal["skip", "fail", "warn", "off"] = "skip"
    offline: bool = True
    providers: list[ProviderResult] = Field(default_factory=list)
    #: Problems of the run itself, such as a .env file that cannot be read.
    warnings: list[str] = Field(default_factory=list)

    def get(self, provider: str) -> ProviderResult | None:
        for result in self.providers:
            if result.provider == provider:
                return result
        return None

    def __getitem__(self, provider: str) -> ProviderResult:
        result = self.get(provider)
        if result is None:
            checked = ", ".join(r.provider for r in self.providers) or "none"
            raise KeyError(
                f"provider {provider!r} was not checked by the preflight "
                f"(checked: {checked}); name it in an llm_live marker, "
                "--llm-provider or the llm_providers ini option"
            )
        return result

    @property
    def failed(self) -> list[ProviderResult]:
        return [r for r in self.providers if r.status != "passed"]

    def write_report(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.report_json() + "\n", encoding="utf-8")

    def report_json(self) -> str:
        """The JSON report, in the documented version 1 schema.

        Text from the environment may hold lone surrogates (bytes that are
        not valid UTF-8); they are written as backslash escapes.
        """
        import json

        return json.dumps(
            _printable_json(self.model_dump()), indent=2, ensure_ascii=False
        )


def _printable_json(value: object) -> object:
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {_printable_json(k): _printable_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable_json(item) for item in value]
    return value
