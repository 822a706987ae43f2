"""The catalogue: complete, valid, sourced, and the generated docs up to date."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pytest_llmcreds.providers import builtin_providers
from pytest_llmcreds.simulate import NEUTRAL_SCENARIOS, PROVIDERS, _docs, errors_of
from pytest_llmcreds.simulate._models import Scenario
from pytest_llmcreds.simulate.catalogue import CatalogueError, _validate

SCENARIOS_MD = Path(__file__).parents[2] / "docs" / "scenarios.md"
ALL = [
    pytest.param(provider, scenario, id=f"{provider}-{scenario.id}")
    for provider in PROVIDERS
    for scenario in errors_of(provider).scenarios
]
#: Scenarios with an HTTP error status, and scenarios that send a body.
HTTP_ERRORS = [case for case in ALL if case.values[1].kind == "http"]
WITH_BODY = [case for case in ALL if not case.values[1].is_transport_failure]


def test_every_builtin_provider() -> None:
    assert set(PROVIDERS) == {spec.name for spec in builtin_providers()}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_neutral_ids_covered(provider: str) -> None:
    table = errors_of(provider)
    covered = {s.id for s in table.scenarios} | {a.id for a in table.absent}
    assert covered >= set(NEUTRAL_SCENARIOS)


@pytest.mark.parametrize("provider", PROVIDERS)
def test_absent_not_simulated(provider: str) -> None:
    table = errors_of(provider)
    assert not {a.id for a in table.absent} & {s.id for s in table.scenarios}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_ids_unique(provider: str) -> None:
    ids = [s.id for s in errors_of(provider).scenarios]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(("provider", "scenario"), ALL)
def test_source_given(provider: str, scenario: Scenario) -> None:
    assert scenario.source


@pytest.mark.parametrize(("provider", "scenario"), HTTP_ERRORS)
def test_http_has_status(provider: str, scenario: Scenario) -> None:
    assert 400 <= (scenario.status or 0) <= 599


@pytest.mark.parametrize(("provider", "scenario"), WITH_BODY)
def test_body_given(provider: str, scenario: Scenario) -> None:
    assert scenario.body.strip()


@pytest.mark.parametrize(
    ("scenario_id", "policy"),
    [
        ("invalid_api_key", "no_retry"),
        ("insufficient_quota", "no_retry"),
        ("context_length_exceeded", "no_retry"),
        ("rate_limited", "retry"),
        ("server_error", "retry"),
        ("overloaded", "retry"),
    ],
)
def test_policy_of_neutral_ids(scenario_id: str, policy: str) -> None:
    policies = {
        s.policy
        for provider in PROVIDERS
        for s in errors_of(provider).scenarios
        if s.id == scenario_id
    }
    assert policies == {policy}


def test_openai_quota_and_rate_limit_share_status() -> None:
    scenarios = errors_of("openai").scenario_map()
    statuses = {
        scenarios["insufficient_quota"].status,
        scenarios["rate_limited"].status,
    }
    assert statuses == {429}


def test_gemini_invalid_key_is_400() -> None:
    assert errors_of("gemini").scenario_map()["invalid_api_key"].status == 400


def test_anthropic_overloaded_is_529() -> None:
    assert errors_of("anthropic").scenario_map()["overloaded"].status == 529


def test_envelope_mismatch_rejected() -> None:
    table = errors_of("anthropic")
    broken: Any = Scenario(
        id="broken",
        summary="x",
        status=400,
        body='{"error": {"message": "no type"}}',
        source="test",
        confidence="inferred",
    )
    with pytest.raises(CatalogueError, match="AnthropicEnvelope"):
        _validate(table, broken)


@pytest.mark.parametrize(
    "source",
    [
        "https://example.com/1; {'https://example.com/2 (Status': '404 (Gone))'}",
        '{"https://example.com/3 (\'model": "sonnet4\')"}',
        "['https://example.com/4', 'https://example.com/5']",
        {"https://example.com/6 (Status": "404)"},
    ],
)
def test_mangled_source_rejected(source: Any) -> None:
    assert _docs.source_problem(source) is not None


def test_mangled_source_fails_render() -> None:
    table = errors_of("openai")
    broken = Scenario(
        id="broken",
        summary="x",
        status=404,
        body="{}",
        source="{'https://example.com/x (Status': '404)'}",
        confidence="inferred",
    )
    with pytest.raises(ValueError, match="openai/broken: invalid source"):
        _docs._provider_section(table.model_copy(update={"scenarios": (broken,)}))


def test_scenarios_md_up_to_date() -> None:
    problems = {
        f"{provider}/{scenario.id}": _docs.source_problem(scenario.source)
        for provider in PROVIDERS
        for scenario in errors_of(provider).scenarios
    }
    assert {key: problem for key, problem in problems.items() if problem} == {}
    assert SCENARIOS_MD.read_text(encoding="utf-8") == _docs.render(), (
        "docs/scenarios.md is out of date; run "
        "python -m pytest_llmcreds.simulate._docs docs/scenarios.md"
    )
