"""Run the preflight: resolve, check offline, verify live, and build the result.

The plugin and the ``llmcreds`` command both call :func:`run_preflight`. A
problem inside the checks of one provider becomes a ``preflight_error``
finding for that provider, never an exception that stops the session.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pytest_llmcreds.checks import (
    at_custom_endpoint,
    check_key_presence,
    check_provider,
    normalize_base_url,
)
from pytest_llmcreds.config import Mode
from pytest_llmcreds.keys import safe_url
from pytest_llmcreds.providers import ProviderSpec, Registry
from pytest_llmcreds.resolve import Resolution, read_dotenv_files, resolve
from pytest_llmcreds.results import (
    Finding,
    ModelStatus,
    PreflightResult,
    ProviderResult,
    build_result,
)

if TYPE_CHECKING:
    from pytest_llmcreds.verify import LiveOutcome

logger = logging.getLogger("pytest_llmcreds")


class CacheStore(Protocol):
    def get(self, key: str) -> dict[str, Any] | None: ...

    def set(self, key: str, value: dict[str, Any]) -> None: ...


@dataclass(frozen=True)
class PreflightRequest:
    """The providers, models and options of one preflight run."""

    providers: Sequence[str]
    models: Mapping[str, Sequence[str]] = field(default_factory=dict)
    base_urls: Mapping[str, str] = field(default_factory=dict)
    mode: Mode = "skip"
    #: Only the offline checks, no request.
    offline: bool = True
    #: Only the missing and empty key checks: the run without --llm-preflight.
    presence_only: bool = False
    env_files: Sequence[Path] = ()
    timeout: float = 10.0
    probe: bool = False
    refresh: bool = False
    cache_ttl: float = 300.0


def run_preflight(
    registry: Registry,
    request: PreflightRequest,
    environ: Mapping[str, str],
    *,
    cache: CacheStore | None = None,
) -> PreflightResult:
    """Check every requested provider and return the secret-free result."""
    dotenv, problems = read_dotenv_files(request.env_files)
    resolutions: dict[str, Resolution] = {}
    offline: dict[str, list[Finding]] = {}
    for name in request.providers:
        try:
            resolution = resolve(
                registry[name],
                environ,
                base_url_override=request.base_urls.get(name),
                dotenv=dotenv,
            )
            resolutions[name] = resolution
            offline[name] = (
                check_key_presence(resolution)
                if request.presence_only
                else check_provider(resolution, registry)
            )
        except Exception as error:
            offline[name] = [internal_error(name, error)]

    live: dict[str, LiveOutcome] = {}
    if not request.offline and not request.presence_only and resolutions:
        live = _verify(resolutions, offline, request, cache)

    return PreflightResult(
        warnings=problems,
        mode=request.mode,
        offline=request.offline or request.presence_only,
        providers=[
            _provider_result(
                name,
                resolutions.get(name),
                _settle_key_format(
                    offline[name], resolutions.get(name), live.get(name), registry
                ),
                live.get(name),
                request.models.get(name, ()),
            )
            for name in request.providers
        ],
    )


def _settle_key_format(
    offline: list[Finding],
    resolution: Resolution | None,
    live: LiveOutcome | None,
    registry: Registry,
) -> list[Finding]:
    """Keep ``key_wrong_provider`` at a custom endpoint only if it rejected the key.

    A LiteLLM master key or a gateway's own key may have another provider's
    shape, so there the format is a hint and the endpoint's response decides.
    """
    wrong = [f for f in offline if f.cause == "key_wrong_provider"]
    if not wrong or resolution is None or not at_custom_endpoint(resolution, registry):
        return offline
    if live is not None and any(f.cause == "key_invalid" for f in live.findings):
        return offline
    return [f for f in offline if f.cause != "key_wrong_provider"]


def _verify(
    resolutions: Mapping[str, Resolution],
    offline: dict[str, list[Finding]],
    request: PreflightRequest,
    cache: CacheStore | None,
) -> dict[str, LiveOutcome]:
    """Run the live checks; a failure of the checks themselves is a finding."""
    try:
        from pytest_llmcreds.verify import LiveCheck, verify_all

        checks = [
            LiveCheck(
                resolution=resolution,
                models=tuple(request.models.get(name, ())),
                offline_findings=tuple(offline[name]),
            )
            for name, resolution in resolutions.items()
        ]
        return verify_all(
            checks,
            timeout=request.timeout,
            probe=request.probe,
            cache=cache,
            cache_ttl=request.cache_ttl,
            refresh=request.refresh,
        )
    except Exception as error:
        for name in resolutions:
            offline[name].append(internal_error(name, error))
        return {}


def internal_error(provider: str, error: BaseException) -> Finding:
    """Describe a bug in the checks by the exception's class only.

    The exception's text is left out because it may quote a request, and a
    request may carry the key.
    """
    logger.debug("llmcreds: %s check raised %s", provider, type(error).__name__)
    return Finding(
        cause="preflight_error",
        message=f"the preflight's checks raised {type(error).__name__}.",
        fix="run with --llm-offline to narrow it down, and report it to "
        "pytest-llmcreds with the provider name",
    )


def _provider_result(
    name: str,
    resolution: Resolution | None,
    offline: list[Finding],
    live: LiveOutcome | None,
    models: Sequence[str],
) -> ProviderResult:
    findings = list(offline)
    model_status: dict[str, ModelStatus] = dict.fromkeys(models, "unknown")
    fields: dict[str, Any] = {}
    if live is not None:
        findings += [f for f in live.findings if f not in findings]
        model_status.update(live.models)
        fields["request_id"] = live.request_id
        fields["notes"] = list(live.notes)
    if resolution is not None:
        fields.update(_resolution_fields(resolution))
    return build_result(
        name,
        findings,
        checked="live" if live is not None and live.requests_sent else "offline",
        models=model_status,
        **fields,
    )


#: The shapes a setting may have to be shown; anything else, a key pasted
#: into the wrong variable included, is reported as not shown.
SHOWN_SETTINGS = {
    "organization": re.compile(r"org-[A-Za-z0-9]{1,64}"),
    "project": re.compile(r"proj_[A-Za-z0-9]{1,64}"),
    "api_version": re.compile(
        r"\d{4}-\d{2}-\d{2}(-preview)?|v\d+(alpha|beta)?|latest|preview"
    ),
    "mode": re.compile(r"(?i)true|false|1|0|yes|no"),
}


def shown_setting(role: str, value: str) -> str:
    """Return ``value`` when it has the shape of its setting, else a placeholder."""
    pattern = SHOWN_SETTINGS.get(role)
    if pattern is not None and pattern.fullmatch(value):
        return value
    return "(not shown: not a valid value)"


def _resolution_fields(resolution: Resolution) -> dict[str, Any]:
    spec: ProviderSpec = resolution.spec
    key = resolution.key
    base_url = resolution.base_url
    return {
        "key_source": resolution.key_var,
        "fingerprint": key.fingerprint if key is not None else None,
        "base_url": safe_url(normalize_base_url(spec, base_url)) if base_url else None,
        "settings": {
            extra.name: shown_setting(extra.role, resolution.settings[extra.name])
            for extra in spec.extra_vars
            if extra.name in resolution.settings
        },
    }
