"""google-genai, mistralai, groq and together: llm_mock vs the raw response.

google-genai 3.x and mistralai 3.x send through httpx2; groq and together
through httpx. Each test skips when its SDK is not installed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from pytest_llmcreds.simulate import (
    LLMMock,
    UnmatchedRequestError,
    errors_of,
    scenario_params,
)
from tests.simulate.sdks import (
    GENAI_ATTRIBUTES,
    MESSAGES,
    MISTRAL_ATTRIBUTES,
    OPENAI_ATTRIBUTES,
    RECORDED,
    failing_transport,
    outcome_of,
    raised_by,
    raw_transport,
)


def _transport(http: Any, provider: str, scenario_id: str) -> Any:
    scenario = errors_of(provider).scenario_map()[scenario_id]
    if scenario.is_transport_failure:
        return failing_transport(http, scenario.kind)
    return raw_transport(http, RECORDED[provider][scenario_id])


def _has_reference(provider: str, scenario_id: str) -> bool:
    scenario = errors_of(provider).scenario_map()[scenario_id]
    return scenario.is_transport_failure or scenario_id in RECORDED.get(provider, {})


def _status_cases(provider: str) -> list[Any]:
    """Scenarios that fail with an HTTP status before any stream starts."""
    return scenario_params(provider, kinds=["http", "read_timeout", "connect_error"])


# google-genai (Gemini).


def _genai_client(http_client: Any = None) -> Any:
    genai = pytest.importorskip("google.genai")
    options: dict[str, Any] = {"api_version": "v1beta"}
    if http_client is not None:
        options["httpx_client"] = http_client
    http_options = genai.types.HttpOptions(**options)
    return genai.Client(api_key="AIza-test", http_options=http_options)


def _genai_generate(client: Any) -> Any:
    return lambda: client.models.generate_content(
        model="gemini-2.5-flash", contents="Hello"
    )


def _genai_stream(client: Any) -> Any:
    return lambda: client.models.generate_content_stream(
        model="gemini-2.5-flash", contents="Hello"
    )


@pytest.mark.parametrize("case", _status_cases("gemini"))
def test_genai_same_exception(llm_mock: LLMMock, case: Any) -> None:
    httpx2 = pytest.importorskip("httpx2")
    llm_mock.fail(*case)
    simulated = outcome_of(
        raised_by(_genai_generate(_genai_client())), GENAI_ATTRIBUTES
    )
    if not _has_reference(*case):
        assert simulated.attributes["code"] == case.details.status
        return
    client = _genai_client(httpx2.Client(transport=_transport(httpx2, *case)))
    raw = outcome_of(raised_by(_genai_generate(client)), GENAI_ATTRIBUTES)
    assert simulated == raw


def test_genai_invalid_key_is_400(llm_mock: LLMMock) -> None:
    genai = pytest.importorskip("google.genai")
    llm_mock.fail("gemini", "invalid_api_key")
    error = raised_by(_genai_generate(_genai_client()))
    assert isinstance(error, genai.errors.ClientError)


def test_genai_stream_error_mid_stream(llm_mock: LLMMock) -> None:
    genai = pytest.importorskip("google.genai")
    llm_mock.fail("gemini", "stream_error")
    # Keep the client referenced: google-genai closes its HTTP client when the
    # Client object is collected, which would end the stream early.
    client = _genai_client()
    chunks: list[Any] = []
    with pytest.raises(genai.errors.ServerError):
        chunks.extend(_genai_stream(client)())
    assert len(chunks) == 2


def test_genai_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("gemini")
    assert _genai_generate(_genai_client())().text


def test_genai_stream_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("gemini")
    client = _genai_client()
    text = "".join(c.text or "" for c in _genai_stream(client)())
    assert text == "Hello from llm_mock."


def test_genai_embed_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("gemini")
    client = _genai_client()
    result = client.models.embed_content(model="gemini-embedding-001", contents="Hello")
    assert result.embeddings[0].values


def test_genai_key_redacted(llm_mock: LLMMock) -> None:
    llm_mock.succeed("gemini")
    _genai_generate(_genai_client())()
    assert llm_mock.requests("gemini")[0].headers["x-goog-api-key"] == "[redacted]"


# mistralai.


def _mistral_client(http_client: Any = None) -> Any:
    mistralai = pytest.importorskip("mistralai.client")
    options: dict[str, Any] = {"api_key": "mistral-test"}
    if http_client is not None:
        options["client"] = http_client
    return mistralai.Mistral(**options)


def _mistral_chat(client: Any) -> Any:
    return lambda: client.chat.complete(model="mistral-small-latest", messages=MESSAGES)


@pytest.mark.parametrize("case", _status_cases("mistral"))
def test_mistral_same_exception(llm_mock: LLMMock, case: Any) -> None:
    httpx2 = pytest.importorskip("httpx2")
    llm_mock.fail(*case)
    simulated = outcome_of(
        raised_by(_mistral_chat(_mistral_client())), MISTRAL_ATTRIBUTES
    )
    if not _has_reference(*case):
        assert simulated.attributes["status_code"] == case.details.status
        return
    client = _mistral_client(httpx2.Client(transport=_transport(httpx2, *case)))
    raw = outcome_of(raised_by(_mistral_chat(client)), MISTRAL_ATTRIBUTES)
    assert simulated == raw


def test_mistral_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("mistral")
    response = _mistral_chat(_mistral_client())()
    assert response.choices[0].message.content


def test_mistral_stream_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("mistral")
    client = _mistral_client()
    events = client.chat.stream(model="mistral-small-latest", messages=MESSAGES)
    assert len(list(events)) == 4


def test_mistral_models_success(llm_mock: LLMMock) -> None:
    llm_mock.succeed("mistral")
    assert _mistral_client().models.list().data


# groq and together (Stainless SDKs on httpx).


def _stainless_client(name: str, http_client: Any = None) -> Any:
    module = pytest.importorskip(name)
    options: dict[str, Any] = {"api_key": f"{name}-test", "max_retries": 0}
    if http_client is not None:
        options["http_client"] = http_client
    client_class = getattr(module, name.capitalize())
    return client_class(**options)


def _chat(client: Any, stream: bool) -> Any:
    return lambda: client.chat.completions.create(
        model="llama-3.3-70b-versatile", messages=MESSAGES, stream=stream
    )


@pytest.mark.parametrize("case", scenario_params("groq", "together"))
def test_stainless_same_exception(llm_mock: LLMMock, case: Any) -> None:
    httpx = pytest.importorskip("httpx")
    stream = case.details.kind == "stream"
    llm_mock.fail(*case)
    error = raised_by(_chat(_stainless_client(case.provider), stream))
    simulated = outcome_of(error, OPENAI_ATTRIBUTES)
    if not _has_reference(*case):
        assert simulated.attributes["status_code"] == case.details.status
        return
    http_client = httpx.Client(transport=_transport(httpx, *case))
    raw_error = raised_by(_chat(_stainless_client(case.provider, http_client), stream))
    assert simulated == outcome_of(raw_error, OPENAI_ATTRIBUTES)


@pytest.mark.parametrize("name", ["groq", "together"])
def test_stainless_success(llm_mock: LLMMock, name: str) -> None:
    llm_mock.succeed(name)
    completion = _chat(_stainless_client(name), stream=False)()
    assert completion.choices[0].message.content


@pytest.mark.parametrize("name", ["groq", "together"])
def test_stainless_stream_error(llm_mock: LLMMock, name: str) -> None:
    module = pytest.importorskip(name)
    llm_mock.fail(name, "stream_error")
    error = raised_by(_chat(_stainless_client(name), stream=True))
    assert isinstance(error, module.APIError)


def test_groq_request_too_large_is_413(llm_mock: LLMMock) -> None:
    llm_mock.fail("groq", "request_too_large")
    error = raised_by(_chat(_stainless_client("groq"), stream=False))
    assert getattr(error, "status_code", None) == 413


def test_genai_async_aiohttp_blocked() -> None:
    pytest.importorskip("aiohttp")
    # Skip before the mock starts: a skip after __enter__ would leave it
    # active for every later test.
    pytest.importorskip("google.genai")
    mock = LLMMock().__enter__()
    mock.succeed("gemini")
    client = _genai_client()

    async def call() -> Any:
        return await client.aio.models.generate_content(
            model="gemini-2.5-flash", contents="Hello"
        )

    raised_by(lambda: asyncio.run(call()))
    with pytest.raises(UnmatchedRequestError, match="httpx_async_client"):
        mock.__exit__(None, None, None)


def test_genai_async_through_httpx2(llm_mock: LLMMock) -> None:
    genai = pytest.importorskip("google.genai")
    httpx2 = pytest.importorskip("httpx2")
    llm_mock.fail("gemini", "invalid_api_key")
    options = genai.types.HttpOptions(
        api_version="v1beta", httpx_async_client=httpx2.AsyncClient()
    )
    client = genai.Client(api_key="AIza-test", http_options=options)

    async def call() -> Any:
        return await client.aio.models.generate_content(
            model="gemini-2.5-flash", contents="Hello"
        )

    error = raised_by(lambda: asyncio.run(call()))
    assert getattr(error, "code", None) == 400
