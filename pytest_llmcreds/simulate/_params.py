"""Parametrize a test once per documented scenario of one or more providers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from pytest_llmcreds.simulate._models import Kind, Scenario
from pytest_llmcreds.simulate.catalogue import errors_of, scenario_of


class ScenarioCase(NamedTuple):
    """A provider and scenario id; ``llm_mock.fail(*case)`` serves it."""

    provider: str
    scenario: str

    @property
    def details(self) -> Scenario:
        return scenario_of(self.provider, self.scenario)


def scenario_params(
    *providers: str,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    kinds: Iterable[Kind] | None = None,
) -> list[Any]:
    """Return one ``pytest.param`` per scenario, with ids like ``openai-rate_limited``.

    Use as ``@pytest.mark.parametrize("case", scenario_params("openai"))``.
    ``only`` and ``exclude`` filter by scenario id, ``kinds`` by kind
    (``http``, ``stream``, ``read_timeout``, ``connect_error``).
    """
    # pytest is imported here, not at module level, so that importing the
    # simulate package outside pytest (the llmcreds serve command) stays cheap.
    import pytest

    if not providers:
        raise ValueError("scenario_params needs at least one provider name")
    included = set(only) if only is not None else None
    excluded = set(exclude)
    kind_set = set(kinds) if kinds is not None else None
    params = []
    for provider in providers:
        for scenario in errors_of(provider).scenarios:
            if included is not None and scenario.id not in included:
                continue
            if scenario.id in excluded:
                continue
            if kind_set is not None and scenario.kind not in kind_set:
                continue
            case = ScenarioCase(provider, scenario.id)
            params.append(pytest.param(case, id=f"{provider}-{scenario.id}"))
    return params
