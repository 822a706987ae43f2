"""anthropic-python against Anthropic's scenarios: llm_mock vs the raw response.

Runs on whichever anthropic line is installed: 2.x sends through httpx2, 0.x
through httpx.
"""

from __future__ import annotations

from typing import Any

import pytest

from pytest_llmcreds.simulate import LLMMock, errors_of, scenario_params
from tests.simulate.sdks import (
    ANTHROPIC_ATTRIBUTES,
    MESSAGES,
    RECORDED,
    failing_transport,
    http_module_of,
    outcome_of,
    raised_by,
    raw_transport,
)

anthropic = pytest.importorskip("anthropic")
HTTP = http_module_of(anthropic)
MODEL = "claude-sonnet-4-5"


def _client(http_client: Any = None, max_retries: int = 0) -> Any:
    options: dict[str, Any] = {"api_key": "sk-ant-test", "max_retries": max_retries}
    if http_client is not None:
        options["http_client"] = http_client
    return anthropic.Anthropic(**options)


def _call(client: Any, stream: bool) -> Any:
    def call() -> Any:
        return client.messages.create(
            model=MODEL, max_tokens=16, messages=MESSAGES, stream=stream
        )

    return call


def _raw_outcome(scenario_id: str) -> Any:
    scenario = errors_of("anthropic").scenario_map()[scenario_id]
    if scenario.is_transport_failure:
        transport = failing_transport(HTTP, scenario.kind)
    else:
        transport = raw_transport(HTTP, RECORDED["anthropic"][scenario_id])
    client = _client(HTTP.Client(transport=transport))
    error = raised_by(_call(client, scenario.kind == "stream"))
    return outcome_of(error, ANTHROPIC_ATTRIBUTES)


@pytest.mark.parametrize("case", scenario_params("anthropic"))
def test_same_exception(llm_mock: LLMMock, case: Any) -> None:
    scenario = case.details
    llm_mock.fail(*case)
    error = raised_by(_call(_client(), scenario.kind == "stream"))
    assert outcome_of(error, ANTHROPIC_ATTRIBUTES) == _raw_outcome(case.scenario)


def test_overloaded_error_class(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "overloaded")
    error = raised_by(_call(_client(), stream=False))
    assert type(error).__name__ == "OverloadedError"


def test_stream_error_status_200(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "stream_error")
    error = raised_by(_call(_client(), stream=True))
    assert getattr(error, "status_code", None) == 200


def test_stream_error_after_events(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "stream_error")
    events = []
    try:
        for event in _call(_client(), stream=True)():
            events.append(event.type)
    except anthropic.APIStatusError:
        pass
    assert events == ["message_start", "content_block_start"]


def test_rate_limit_retried_then_answer(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "rate_limited", times=2)
    message = _call(_client(max_retries=2), stream=False)()
    assert message.content[0].text


def test_request_id_header(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "invalid_api_key")
    error = raised_by(_call(_client(), stream=False))
    assert error.request_id == error.body["request_id"]  # type: ignore[attr-defined]


def test_stream_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("anthropic")
    with _client().messages.stream(
        model=MODEL, max_tokens=16, messages=MESSAGES
    ) as stream:
        text = stream.get_final_text()
    assert text


def test_count_tokens_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("anthropic")
    count = _client().messages.count_tokens(model=MODEL, messages=MESSAGES)
    assert count.input_tokens == 5


def test_models_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("anthropic")
    assert [model.id for model in _client().models.list()] == ["llm-mock-model"]
