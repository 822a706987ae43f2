"""The ``llm_live`` marker: what a test needs, and why it cannot run.

Imported only when a collected test has the marker.
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from pytest_llmcreds.config import unknown_provider
from pytest_llmcreds.providers import Registry
from pytest_llmcreds.results import PreflightResult

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
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise MarkerError(
        f"{MARKER}: model must be a model name or a list of names, not {value!r}"
    )


def skip_reason(result: PreflightResult, requirements: list[Requirement]) -> str | None:
    """Return why a test with these requirements cannot pass, or None."""
    for requirement in requirements:
        provider = result.get(requirement.provider)
        if provider is None:
            continue
        if provider.status != "passed":
            return provider.skip_reason()
        for model in requirement.models:
            status = provider.models.get(model, "unknown")
            if status in ("not_found", "no_access"):
                return (
                    f"llmcreds: {provider.provider} model {model} is {status}: "
                    + next(
                        (f.message for f in provider.findings if model in f.message),
                        "see the preflight report",
                    )
                )
    return None
