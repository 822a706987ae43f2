"""LLMMock on plain httpx and httpx2 clients: routing, counting, headers, records."""

from __future__ import annotations

import asyncio
import contextlib
import json
from types import ModuleType
from typing import Any

import pytest

from pytest_llmcreds.simulate import (
    FAST_RETRY_AFTER,
    LLMMock,
    UnmatchedRequestError,
)

STACKS = [
    pytest.param("httpx", id="httpx"),
    pytest.param("httpx2", id="httpx2"),
]
CHAT_URL = "https://api.openai.com/v1/chat/completions"
CHAT_BODY = {"model": "gpt-4o", "messages": [{"role": "user", "content": "hi"}]}


@pytest.fixture(params=STACKS)
def http(request: pytest.FixtureRequest) -> ModuleType:
    """Each HTTP library that is installed."""
    module: ModuleType = pytest.importorskip(request.param)
    return module


def _post(http: ModuleType, url: str = CHAT_URL, **kwargs: Any) -> Any:
    with http.Client() as client:
        return client.post(url, json=CHAT_BODY, **kwargs)


def test_status(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "invalid_api_key")
    assert _post(http).status_code == 401


def test_body_is_recorded_text(llm_mock: LLMMock, http: ModuleType) -> None:
    planned = llm_mock.fail("openai", "model_not_found")
    assert _post(http).text == planned.scenario.body


def test_times_then_success(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "server_error", times=1)
    statuses = [_post(http).status_code for _ in range(2)]
    assert statuses == [500, 200]


def test_times_none_fails_always(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "server_error")
    statuses = {_post(http).status_code for _ in range(3)}
    assert statuses == {500}


def test_model_filter(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "model_not_found", model="gpt-5")
    assert _post(http).status_code == 200


def test_base_url_argument(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("vllm", "model_not_found", base_url="http://127.0.0.1:8123/v1")
    response = _post(http, "http://127.0.0.1:8123/v1/chat/completions")
    assert response.status_code == 404


def test_base_url_variable(
    llm_mock: LLMMock, http: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_BASE_URL", "http://127.0.0.1:8765")
    llm_mock.fail("anthropic", "overloaded")
    assert _post(http, "http://127.0.0.1:8765/v1/messages").status_code == 529


def test_ollama_host_without_scheme(
    llm_mock: LLMMock, http: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLLAMA_HOST", "0.0.0.0:11500")
    llm_mock.fail("ollama", "model_not_found")
    assert _post(http, "http://127.0.0.1:11500/api/chat").status_code == 404


def test_azure_subdomain(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("azure_openai", "deployment_not_found")
    url = "https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions"
    assert _post(http, url).status_code == 404


def test_fast_retry_after(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("anthropic", "rate_limited")
    response = _post(http, "https://api.anthropic.com/v1/messages")
    assert response.headers["retry-after"] == f"{FAST_RETRY_AFTER:g}"


def test_recorded_retry_after(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("anthropic", "rate_limited", retry_after="recorded")
    response = _post(http, "https://api.anthropic.com/v1/messages")
    assert response.headers["retry-after"] == "13"


def test_chosen_retry_after(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("anthropic", "rate_limited", retry_after=1.5)
    response = _post(http, "https://api.anthropic.com/v1/messages")
    assert response.headers["retry-after"] == "1.5"


def test_rate_limit_headers(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "rate_limited")
    assert _post(http).headers["x-ratelimit-remaining-tokens"] == "0"


def test_no_retry_after_on_401(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "invalid_api_key")
    assert "retry-after" not in _post(http).headers


def test_request_id_in_header_and_body(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("anthropic", "invalid_api_key")
    response = _post(http, "https://api.anthropic.com/v1/messages")
    assert response.json()["request_id"] == response.headers["request-id"]


def test_request_ids_differ(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "server_error")
    ids = {_post(http).headers["x-request-id"] for _ in range(2)}
    assert len(ids) == 2


def test_stream_arrives_in_chunks(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "stream_error")
    with (
        http.Client() as client,
        client.stream("POST", CHAT_URL, json=dict(CHAT_BODY, stream=True)) as response,
    ):
        chunks = list(response.iter_raw())
    assert len(chunks) == 3


def test_read_timeout(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "timeout")
    with pytest.raises(http.ReadTimeout):
        _post(http)


def test_connect_error(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "connection_error")
    with pytest.raises(http.ConnectError):
        _post(http)


def test_async_client(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "invalid_api_key")

    async def send() -> int:
        async with http.AsyncClient() as client:
            response = await client.post(CHAT_URL, json=CHAT_BODY)
            return int(response.status_code)

    assert asyncio.run(send()) == 401


def test_async_read_timeout(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "timeout")

    async def send() -> None:
        async with http.AsyncClient() as client:
            await client.post(CHAT_URL, json=CHAT_BODY)

    with pytest.raises(http.ReadTimeout):
        asyncio.run(send())


def test_recorded_request(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "invalid_api_key")
    _post(http)
    recorded = llm_mock.requests("openai")[0]
    assert (recorded.method, recorded.path, recorded.model, recorded.scenario) == (
        "POST",
        "/v1/chat/completions",
        "gpt-4o",
        "invalid_api_key",
    )


def test_bearer_redacted(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.succeed("openai")
    _post(http, headers={"Authorization": "Bearer sk-secret-value"})
    headers = llm_mock.requests("openai")[0].headers
    assert headers["authorization"] == "Bearer [redacted]"


def test_api_key_header_redacted(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.succeed("anthropic")
    _post(http, "https://api.anthropic.com/v1/messages", headers={"x-api-key": "sk"})
    assert llm_mock.requests()[0].headers["x-api-key"] == "[redacted]"


def test_key_query_redacted(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.succeed("gemini")
    url = (
        "https://generativelanguage.googleapis.com/v1beta/models/"
        "gemini-2.5-flash:generateContent?key=AIzaSecret"
    )
    _post(http, url)
    assert "AIzaSecret" not in llm_mock.requests("gemini")[0].url


def test_redact_url_public() -> None:
    from pytest_llmcreds import simulate

    url = "https://example.com/v1/models?key=AIzaSecret&page=2"
    assert simulate.redact_url(url) == (
        "https://example.com/v1/models?key=[redacted]&page=2"
    )


def test_redact_headers_public() -> None:
    from pytest_llmcreds import simulate

    headers = simulate.redact_headers([("X-Api-Key", "sk"), ("Accept", "*/*")])
    assert headers == {"x-api-key": "[redacted]", "accept": "*/*"}


def test_success_answer_parses(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.succeed("openai")
    assert _post(http).json()["model"] == "gpt-4o"


def test_user_route(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.router.get("https://example.com/health").respond(204)
    with http.Client() as client:
        assert client.get("https://example.com/health").status_code == 204


def test_reset(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("openai", "server_error")
    llm_mock.reset("openai")
    assert _post(http).status_code == 200


def test_unmatched_raises(http: ModuleType) -> None:
    # The request itself raises; the mock then exits without raising twice.
    with pytest.raises(UnmatchedRequestError), LLMMock():
        _post(http, "https://example.com/v1/chat/completions")


def test_unmatched_reported_at_exit(http: ModuleType) -> None:
    # The application swallows the error; leaving the mock still fails.
    mock = LLMMock().__enter__()
    with contextlib.suppress(UnmatchedRequestError):
        _post(http, "https://example.com/v1/chat/completions")
    with pytest.raises(UnmatchedRequestError, match=r"example\.com"):
        mock.__exit__(None, None, None)


def test_repeated_unmatched_counted(http: ModuleType) -> None:
    mock = LLMMock()
    mock.__enter__()
    for _ in range(2):
        with contextlib.suppress(UnmatchedRequestError):
            http.get("https://example.com/again")
    with pytest.raises(UnmatchedRequestError, match=r"again \(2 requests\)"):
        mock.__exit__(None, None, None)


def test_unmatched_error_names_request(http: ModuleType) -> None:
    with pytest.raises(UnmatchedRequestError) as caught, LLMMock():
        http.get("https://example.com/named?key=secret")
    assert caught.value.request_line == ("GET https://example.com/named?key=[redacted]")


def test_unknown_endpoint_unmatched(http: ModuleType) -> None:
    mock = LLMMock().__enter__()
    mock.succeed("openai")
    with contextlib.suppress(UnmatchedRequestError):
        _post(http, "https://api.openai.com/v1/unknown")
    with pytest.raises(UnmatchedRequestError, match="endpoints:"):
        mock.__exit__(None, None, None)


def test_unknown_scenario_lists_valid() -> None:
    with pytest.raises(ValueError, match="invalid_api_key"):
        LLMMock().fail("openai", "no_such_scenario")


def test_absent_scenario_says_why() -> None:
    with pytest.raises(ValueError, match="no authentication"):
        LLMMock().fail("ollama", "invalid_api_key")


def test_unknown_provider_lists_valid() -> None:
    with pytest.raises(ValueError, match="anthropic"):
        LLMMock().fail("opnai", "invalid_api_key")


def test_invalid_retry_after() -> None:
    with pytest.raises(ValueError, match="recorded"):
        LLMMock().fail("openai", "rate_limited", retry_after="slow")


def test_streamed_json_lines(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.succeed("ollama")
    body = {"model": "llama3.2", "messages": []}
    with http.Client() as client:
        response = client.post("http://127.0.0.1:11434/api/chat", json=body)
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines[-1]["done"] is True


def test_after_respx_mock(http: ModuleType) -> None:
    # respx restores the pool methods it patched when it stops; llm_mock must
    # reinstall its own on the next entry.
    respx = pytest.importorskip("respx")
    with respx.mock(using="httpcore", assert_all_called=False) as router:
        router.get("https://example.com/").respond(204)
        with LLMMock() as mock:
            mock.fail("openai", "invalid_api_key")
    with LLMMock() as mock:
        mock.fail("openai", "invalid_api_key")
        assert _post(http).status_code == 401


def test_no_model_recorded(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.succeed("openai")
    with http.Client() as client:
        client.get("https://api.openai.com/v1/models")
    assert llm_mock.requests("openai")[0].model is None


def test_mocked_lists_bases(llm_mock: LLMMock) -> None:
    llm_mock.succeed("openai")
    assert "https://api.openai.com/v1" in llm_mock.mocked["openai"]


def test_retry_after_ms_follows(llm_mock: LLMMock, http: ModuleType) -> None:
    llm_mock.fail("azure_openai", "rate_limited")
    url = "https://my-res.openai.azure.com/openai/deployments/gpt-4o/chat/completions"
    assert _post(http, url).headers["retry-after-ms"] == f"{FAST_RETRY_AFTER * 1000:g}"
