"""The ``llm_live`` marker: what a test needs, and why it cannot run.

Imported only when a collected test has the marker.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from pytest_llmcreds.config import unknown_provider
from pytest_llmcreds.providers import Registry
from pytest_llmcreds.results import PreflightResult, ProviderResult

MARKER = "llm_live"


class Requirement(NamedTuple):
    """One provider a live test needs, with the models it names."""

    provider: str
    models: tuple[str, ...] = ()


class MarkerError(Exception):
    """An ``llm_live`` marker with arguments the plugin cannot use."""


def read_requirements(item: pytest.Item, registry: Registry) -> list[Requirement]:
    """Read every ``llm_live`` marker of ``item``; markers stack."""
    requirements: list[Requirement] = []
    for mark in item.iter_markers(MARKER):
        unknown = set(mark.kwargs) - {"model"}
        if unknown:
            raise MarkerError(
                f"{MARKER}: unknown argument {sorted(unknown)[0]!r}; the marker "
                f'takes provider names and model=: @pytest.mark.{MARKER}("openai", '
                'model="gpt-4o-mini")'
            )
        if not mark.args:
            raise MarkerError(
                f"{MARKER} needs at least one provider name, for example "
                f'@pytest.mark.{MARKER}("openai")'
            )
        models = _marker_models(mark.kwargs.get("model"))
        for provider in mark.args:
            if not isinstance(provider, str) or provider not in registry:
                raise MarkerError(f"{MARKER}: {unknown_provider(provider, registry)}")
            requirements.append(Requirement(provider, models))
    return requirements


def _marker_models(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, (list, tuple)) or not all(
        isinstance(name, str) for name in names
    ):
        raise MarkerError(
            f"{MARKER}: model must be a model name or a list of names, not {value!r}"
        )
    for name in names:
        if not name or name != name.strip() or any(c.isspace() for c in name):
            raise MarkerError(
                f"{MARKER}: invalid model name {name!r}; a model name is not empty "
                "and has no whitespace"
            )
    return tuple(names)


#: Causes that concern one model, not the provider: a test that needs
#: other models of the provider can still pass.
MODEL_CAUSES = frozenset({"model_not_found", "model_no_access"})


def skip_reason(result: PreflightResult, requirements: list[Requirement]) -> str | None:
    """Return why a test with these requirements cannot pass, or None."""
    for requirement in requirements:
        provider = result.get(requirement.provider)
        if provider is None:
            continue
        if _provider_blocks(provider):
            return provider.skip_reason()
        for model in requirement.models:
            reason = _model_reason(provider, model)
            if reason is not None:
                return reason
    return None


def _provider_blocks(provider: ProviderResult) -> bool:
    """Return True when no test of ``provider`` can pass, whatever its model."""
    if provider.status == "indeterminate":
        return True
    return any(f.cause not in MODEL_CAUSES for f in provider.errors)


def _model_reason(provider: ProviderResult, model: str) -> str | None:
    status = provider.models.get(model, "unknown")
    if status not in ("not_found", "no_access"):
        return None
    finding = next((f for f in provider.errors if model in f.message), None)
    detail = (
        f"{finding.message} Fix: {finding.fix}"
        if finding is not None
        else "see the preflight report"
    )
    return f"llmcreds: {provider.provider} model {model} is {status}: {detail}"
