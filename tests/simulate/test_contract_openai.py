"""openai-python against every OpenAI-compatible provider: llm_mock vs the raw response.

Runs on whichever openai line is installed: 3.x sends through httpx2, 2.x
through httpx. For each scenario with a recorded response, the SDK must raise
the same exception class with the same attributes whether the response comes
from ``llm_mock`` or from a plain ``MockTransport`` serving the recording.
"""

from __future__ import annotations

from typing import Any

import pytest

from pytest_llmcreds.simulate import LLMMock, errors_of, scenario_params
from tests.simulate.sdks import (
    AZURE_ENDPOINT,
    MESSAGES,
    OPENAI_ATTRIBUTES,
    OPENAI_COMPATIBLE_BASES,
    OPENAI_SDK_SKIPS,
    RECORDED,
    failing_transport,
    http_module_of,
    outcome_of,
    raised_by,
    raw_transport,
)

openai = pytest.importorskip("openai")
HTTP = http_module_of(openai)
PROVIDERS = (*OPENAI_COMPATIBLE_BASES, "azure_openai")


def _cases() -> list[Any]:
    params = scenario_params(*PROVIDERS)
    return [p for p in params if tuple(p.values[0]) not in OPENAI_SDK_SKIPS]


def _client(provider: str, http_client: Any = None) -> Any:
    options: dict[str, Any] = {"api_key": "sk-test", "max_retries": 0}
    if http_client is not None:
        options["http_client"] = http_client
    if provider == "azure_openai":
        return openai.AzureOpenAI(
            azure_endpoint=AZURE_ENDPOINT, api_version="2024-08-01-preview", **options
        )
    return openai.OpenAI(base_url=OPENAI_COMPATIBLE_BASES[provider], **options)


def _call(client: Any, stream: bool) -> Any:
    return lambda: client.chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=stream
    )


def _raw_outcome(provider: str, scenario_id: str) -> Any:
    scenario = errors_of(provider).scenario_map()[scenario_id]
    if scenario.is_transport_failure:
        transport = failing_transport(HTTP, scenario.kind)
    else:
        transport = raw_transport(HTTP, RECORDED[provider][scenario_id])
    client = _client(provider, HTTP.Client(transport=transport))
    error = raised_by(_call(client, scenario.kind == "stream"))
    return outcome_of(error, OPENAI_ATTRIBUTES)


def _has_reference(provider: str, scenario_id: str) -> bool:
    scenario = errors_of(provider).scenario_map()[scenario_id]
    return scenario.is_transport_failure or scenario_id in RECORDED.get(provider, {})


@pytest.mark.parametrize("case", _cases())
def test_same_exception(llm_mock: LLMMock, case: Any) -> None:
    provider, scenario_id = case
    scenario = case.details
    llm_mock.fail(provider, scenario_id)
    error = raised_by(_call(_client(provider), scenario.kind == "stream"))
    simulated = outcome_of(error, OPENAI_ATTRIBUTES)
    if not _has_reference(provider, scenario_id):
        # Reconstructed entries have no recording to compare with, so only
        # the status the SDK reports is checked.
        assert simulated.attributes["status_code"] == scenario.status
        return
    assert simulated == _raw_outcome(provider, scenario_id)


def test_insufficient_quota_is_rate_limit_error(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "insufficient_quota")
    error = raised_by(_call(_client("openai"), stream=False))
    assert isinstance(error, openai.RateLimitError)


def test_insufficient_quota_code(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "insufficient_quota")
    error = raised_by(_call(_client("openai"), stream=False))
    assert getattr(error, "code", None) == "insufficient_quota"


def test_stream_error_has_no_status(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "stream_error")
    error = raised_by(_call(_client("openai"), stream=True))
    assert not isinstance(error, openai.APIStatusError)


def test_stream_error_after_chunks(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "stream_error")
    stream = _client("openai").chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    received: list[object] = []
    with pytest.raises(openai.APIError):
        received.extend(stream)
    assert len(received) == 2


def test_fail_twice_then_succeed(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "rate_limited", times=2)
    client = openai.OpenAI(api_key="sk-test")
    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert completion.choices[0].message.content


def test_retries_sent(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "rate_limited", times=2)
    client = openai.OpenAI(api_key="sk-test")
    client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    assert [r.scenario for r in llm_mock.requests("openai")] == [
        "rate_limited",
        "rate_limited",
        None,
    ]


def test_timeout_is_api_timeout_error(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "timeout")
    error = raised_by(_call(_client("openai"), stream=False))
    assert isinstance(error, openai.APITimeoutError)


def test_timeout_cause_is_read_timeout(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "timeout")
    error = raised_by(_call(_client("openai"), stream=False))
    assert isinstance(error.__cause__, HTTP.ReadTimeout)


def test_connection_error_cause(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "connection_error")
    error = raised_by(_call(_client("openai"), stream=False))
    assert isinstance(error.__cause__, HTTP.ConnectError)


def test_openai_base_url_variable(
    llm_mock: LLMMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9999/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    llm_mock.fail("openai", "invalid_api_key")
    error = raised_by(lambda: openai.OpenAI(max_retries=0).models.list())
    assert isinstance(error, openai.AuthenticationError)


def test_embeddings_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("openai")
    result = openai.OpenAI(api_key="sk-test").embeddings.create(
        model="text-embedding-3-small", input="hello"
    )
    assert result.data[0].embedding


def test_responses_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("openai")
    response = openai.OpenAI(api_key="sk-test").responses.create(
        model="gpt-4o", input="hello"
    )
    assert response.output_text


def test_responses_stream_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("openai")
    stream = openai.OpenAI(api_key="sk-test").responses.create(
        model="gpt-4o", input="hello", stream=True
    )
    assert [event.type for event in stream][-1] == "response.completed"


def test_models_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("openai")
    models = openai.OpenAI(api_key="sk-test").models.list()
    assert [model.id for model in models]


def test_azure_deployment_recorded(llm_mock: LLMMock) -> None:
    llm_mock.fail("azure_openai", "deployment_not_found")
    raised_by(_call(_client("azure_openai"), stream=False))
    assert llm_mock.requests("azure_openai")[0].model == "gpt-4o"
