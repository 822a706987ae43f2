"""The error catalogue: one data module per provider, validated when loaded.

Each module defines ``ERRORS``, a :class:`ProviderErrors` table. The bodies
are copies of responses the providers sent (pasted in public bug reports or
read from the server's source); entries whose text had to be reconstructed
are marked in ``confidence`` and ``note``.
"""

from __future__ import annotations

import functools
import importlib
import json
from typing import Any

from pytest_llmcreds.simulate._models import ENVELOPES, ProviderErrors, Scenario

PROVIDERS: tuple[str, ...] = (
    "openai",
    "azure_openai",
    "anthropic",
    "gemini",
    "mistral",
    "groq",
    "openrouter",
    "deepseek",
    "together",
    "xai",
    "ollama",
    "vllm",
    "litellm",
)


class CatalogueError(ValueError):
    """A catalogue entry that does not match its provider's error envelope."""


@functools.cache
def errors_of(provider: str) -> ProviderErrors:
    """Return the validated error table of ``provider``."""
    if provider not in PROVIDERS:
        raise ValueError(
            f"unknown provider {provider!r} for llm_mock; "
            f"use one of: {', '.join(PROVIDERS)}"
        )
    module = importlib.import_module(f"{__name__}.{provider}")
    table: ProviderErrors = module.ERRORS
    for scenario in table.scenarios:
        _validate(table, scenario)
    return table


@functools.cache
def _scenarios_by_id(provider: str) -> dict[str, Scenario]:
    return errors_of(provider).scenario_map()


def scenario_of(provider: str, scenario_id: str) -> Scenario:
    """Return one scenario, naming the valid ids when ``scenario_id`` is unknown."""
    scenarios = _scenarios_by_id(provider)
    if scenario_id in scenarios:
        return scenarios[scenario_id]
    table = errors_of(provider)
    absent = {absence.id: absence.reason for absence in table.absent}
    if scenario_id in absent:
        raise ValueError(
            f"{provider} has no {scenario_id!r} failure: {absent[scenario_id]}"
        )
    raise ValueError(
        f"unknown scenario {scenario_id!r} for {provider}; "
        f"use one of: {', '.join(sorted(scenarios))}"
    )


def _event_payload(body: str) -> Any:
    """Return the JSON of the last ``data:`` line of an event frame or JSON line."""
    lines = [line for line in body.splitlines() if line.strip()]
    data_lines = [line[5:].strip() for line in lines if line.startswith("data:")]
    return json.loads(data_lines[-1] if data_lines else lines[-1])


def _validate(table: ProviderErrors, scenario: Scenario) -> None:
    if scenario.is_transport_failure:
        return
    envelope = ENVELOPES[scenario.envelope or table.envelope]
    try:
        if scenario.kind == "stream":
            payload = _event_payload(scenario.body)
        else:
            payload = json.loads(scenario.body)
        envelope.model_validate(payload)
    except ValueError as error:
        raise CatalogueError(
            f"{table.provider}/{scenario.id}: the body does not match the "
            f"{envelope.__name__} envelope: {error}"
        ) from error
