"""The openai and anthropic SDKs raise from the server what they raise under llm_mock.

Each case runs the SDK twice: once against ``llm_mock`` in-process, once
against the loopback server over real HTTP, and compares the exception
class and its attributes (request ids normalised, since each response gets
a fresh one).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from pytest_llmcreds.server import LLMFakeServer
from pytest_llmcreds.simulate import LLMMock, scenario_params
from tests.simulate.sdks import (
    ANTHROPIC_ATTRIBUTES,
    AZURE_ENDPOINT,
    GENAI_ATTRIBUTES,
    MESSAGES,
    OPENAI_ATTRIBUTES,
    OPENAI_COMPATIBLE_BASES,
    OPENAI_SDK_SKIPS,
    Outcome,
    outcome_of,
    raised_by,
)

openai = pytest.importorskip("openai")
anthropic = pytest.importorskip("anthropic")

OPENAI_PROVIDERS = (*OPENAI_COMPATIBLE_BASES, "azure_openai")
ANTHROPIC_MODEL = "claude-sonnet-4-5"
AZURE_VERSION = "2024-10-21"
#: Seconds the SDK waits for the server's ``timeout`` scenario, which never
#: responds; llm_mock raises the read timeout at once instead.
CLIENT_TIMEOUT = 0.5


def _openai_cases() -> list[Any]:
    params = scenario_params(*OPENAI_PROVIDERS)
    return [p for p in params if tuple(p.values[0]) not in OPENAI_SDK_SKIPS]


def _openai_client(provider: str, server: LLMFakeServer | None) -> Any:
    options: dict[str, Any] = {
        "api_key": "sk-test",
        "max_retries": 0,
        "timeout": CLIENT_TIMEOUT,
    }
    if provider == "azure_openai":
        endpoint = server.base_url(provider) if server else AZURE_ENDPOINT
        return openai.AzureOpenAI(
            azure_endpoint=endpoint, api_version=AZURE_VERSION, **options
        )
    base = OPENAI_COMPATIBLE_BASES[provider]
    if server is not None:
        # The openai SDK's base URL for this provider, moved to the server.
        base = server.origin(provider) + urlsplit(base).path
    return openai.OpenAI(base_url=base, **options)


def _openai_outcome(client: Any, stream: bool) -> Outcome:
    error = raised_by(
        lambda: client.chat.completions.create(
            model="gpt-4o", messages=MESSAGES, stream=stream
        )
    )
    return outcome_of(error, OPENAI_ATTRIBUTES)


@pytest.mark.parametrize("case", _openai_cases())
def test_openai_same_exception(llm_fake_server: LLMFakeServer, case: Any) -> None:
    provider, scenario_id = case
    stream = case.details.kind == "stream"
    with LLMMock() as mock:
        mock.fail(provider, scenario_id)
        expected = _openai_outcome(_openai_client(provider, None), stream)

    llm_fake_server.fail(provider, scenario_id)
    served = _openai_outcome(_openai_client(provider, llm_fake_server), stream)

    assert served == expected


def _anthropic_client(server: LLMFakeServer | None) -> Any:
    options: dict[str, Any] = {
        "api_key": "sk-ant-test",
        "max_retries": 0,
        "timeout": CLIENT_TIMEOUT,
    }
    if server is not None:
        options["base_url"] = server.base_url("anthropic")
    return anthropic.Anthropic(**options)


def _anthropic_outcome(client: Any, stream: bool) -> Outcome:
    error = raised_by(
        lambda: client.messages.create(
            model=ANTHROPIC_MODEL, max_tokens=16, messages=MESSAGES, stream=stream
        )
    )
    return outcome_of(error, ANTHROPIC_ATTRIBUTES)


@pytest.mark.parametrize("case", scenario_params("anthropic"))
def test_anthropic_same_exception(llm_fake_server: LLMFakeServer, case: Any) -> None:
    _, scenario_id = case
    stream = case.details.kind == "stream"
    with LLMMock() as mock:
        mock.fail("anthropic", scenario_id)
        expected = _anthropic_outcome(_anthropic_client(None), stream)

    llm_fake_server.fail("anthropic", scenario_id)
    served = _anthropic_outcome(_anthropic_client(llm_fake_server), stream)

    assert served == expected


def test_request_id_matches_header(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("anthropic", "invalid_api_key")

    error = raised_by(
        lambda: _anthropic_client(llm_fake_server).messages.create(
            model=ANTHROPIC_MODEL, max_tokens=16, messages=MESSAGES
        )
    )

    assert isinstance(error, anthropic.AuthenticationError)
    assert error.request_id
    assert error.request_id == error.body["request_id"]


def test_openai_retries_then_succeeds(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("openai", "rate_limited", times=2)
    client = openai.OpenAI(
        base_url=llm_fake_server.base_url("openai"), api_key="sk-test", max_retries=2
    )

    completion = client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    assert completion.choices[0].message.content
    assert len(llm_fake_server.requests("openai")) == 3


def test_anthropic_stream_success(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.succeed("anthropic")
    client = _anthropic_client(llm_fake_server)

    with client.messages.stream(
        model=ANTHROPIC_MODEL, max_tokens=16, messages=MESSAGES
    ) as stream:
        text = stream.get_final_text()

    assert text == "Hello from llm_mock."


def test_openai_stream_error_mid_stream(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("openai", "stream_error")
    stream = _openai_client("openai", llm_fake_server).chat.completions.create(
        model="gpt-4o", messages=MESSAGES, stream=True
    )
    received: list[Any] = []

    with pytest.raises(openai.APIError):
        received.extend(stream)

    assert len(received) == 2
    assert received[0].choices[0].delta.role == "assistant"


def test_anthropic_stream_error_mid_stream(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("anthropic", "stream_error")
    events: list[str] = []
    stream = _anthropic_client(llm_fake_server).messages.create(
        model=ANTHROPIC_MODEL, max_tokens=16, messages=MESSAGES, stream=True
    )

    with pytest.raises(anthropic.APIStatusError) as raised:
        events.extend(event.type for event in stream)

    assert events == ["message_start", "content_block_start"]
    assert raised.value.status_code == 200


def test_openai_sdk_reads_environ(
    llm_fake_server: LLMFakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    llm_fake_server.fail("openai", "invalid_api_key")
    for name, value in llm_fake_server.environ("openai", fake_keys=True).items():
        monkeypatch.setenv(name, value)

    error = raised_by(
        lambda: openai.OpenAI(max_retries=0).chat.completions.create(
            model="gpt-4o", messages=MESSAGES
        )
    )

    assert isinstance(error, openai.AuthenticationError)
    assert llm_fake_server.requests("openai")[0].credential is not None


def _genai_client(server: LLMFakeServer | None) -> Any:
    genai = pytest.importorskip("google.genai")
    options: dict[str, Any] = {"api_version": "v1beta"}
    if server is not None:
        options["base_url"] = server.base_url("gemini")
    http_options = genai.types.HttpOptions(**options)
    return genai.Client(api_key="AIza-test", http_options=http_options)


def _genai_outcome(client: Any, stream: bool) -> Outcome:
    models = client.models
    call = models.generate_content_stream if stream else models.generate_content
    error = raised_by(lambda: call(model="gemini-2.5-flash", contents="Hello"))
    return outcome_of(error, GENAI_ATTRIBUTES)


def _genai_cases() -> list[Any]:
    # google-genai applies its own timeout and retry rules to transport
    # failures, so only the responses with a status are compared.
    params = scenario_params("gemini")
    return [p for p in params if p.values[0].details.kind in {"http", "stream"}]


@pytest.mark.parametrize("case", _genai_cases())
def test_genai_same_exception(llm_fake_server: LLMFakeServer, case: Any) -> None:
    _, scenario_id = case
    stream = case.details.kind == "stream"
    with LLMMock() as mock:
        mock.fail("gemini", scenario_id)
        client = _genai_client(None)
        expected = _genai_outcome(client, stream)

    llm_fake_server.fail("gemini", scenario_id)
    client = _genai_client(llm_fake_server)
    served = _genai_outcome(client, stream)

    assert served == expected


def test_genai_stream_success(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.succeed("gemini")
    client = _genai_client(llm_fake_server)

    chunks = client.models.generate_content_stream(
        model="gemini-2.5-flash", contents="Hello"
    )
    text = "".join(chunk.text or "" for chunk in chunks)

    assert text == "Hello from llm_mock."
    assert llm_fake_server.requests("gemini")[0].query == "alt=sse"
