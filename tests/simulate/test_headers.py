"""llm_mock rejects the request headers that the real HTTP/1.1 stack rejects.

Each case sends the same request twice: once to a listening socket on
127.0.0.1 with no mock, where h11 validates the headers before any byte is
written, and once under ``llm_mock``. Both must raise the same exception
with the same message.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import h11
import pytest

from pytest_llmcreds.simulate import LLMMock
from pytest_llmcreds.simulate._request_head import check_request_head
from tests.simulate.sdks import http_module_of

STACKS = [
    pytest.param("httpx", id="httpx"),
    pytest.param("httpx2", id="httpx2"),
]
BAD_HEADERS = [
    pytest.param({"x-test": "value\n"}, id="trailing-lf"),
    pytest.param({"x-test": "value\r\nx-other: 1"}, id="crlf-injection"),
    pytest.param({"x-test": "val\x00ue"}, id="nul"),
    pytest.param({"x-test": "value "}, id="trailing-space"),
    pytest.param({"x-test": " value"}, id="leading-space"),
    pytest.param({"x-test": "value\t"}, id="trailing-tab"),
    pytest.param({"x test": "value"}, id="space-in-name"),
    pytest.param({"x-test:": "value"}, id="colon-in-name"),
    pytest.param({"": "value"}, id="empty-name"),
]
BAD_KEYS = [
    pytest.param("sk-test\n", id="trailing-lf"),
    pytest.param("sk-test ", id="trailing-space"),
    pytest.param("sk-test\r", id="trailing-cr"),
]
MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture(params=STACKS)
def http(request: pytest.FixtureRequest) -> ModuleType:
    """Each HTTP library that is installed."""
    module: ModuleType = pytest.importorskip(request.param)
    return module


@pytest.fixture
def listener() -> Iterator[str]:
    """Return the base URL of a socket that accepts connections and never reads.

    A real client connects, then h11 rejects the headers before sending, so
    the socket needs no server behind it.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/v1"


def _raised(call: Callable[[], object]) -> BaseException:
    try:
        call()
    except Exception as error:
        return error
    pytest.fail("the request raised nothing")


def _summary(error: BaseException | None) -> tuple[str, str]:
    assert error is not None
    return f"{type(error).__module__}.{type(error).__qualname__}", str(error)


def _post(http: ModuleType, url: str, headers: dict[str, str]) -> Callable[[], Any]:
    def call() -> Any:
        with http.Client(timeout=5) as client:
            return client.post(f"{url}/chat/completions", json={}, headers=headers)

    return call


@pytest.mark.parametrize("headers", BAD_HEADERS)
def test_bad_header_rejected(
    http: ModuleType, listener: str, headers: dict[str, str]
) -> None:
    production = _raised(_post(http, listener, headers))
    with LLMMock() as mock:
        mock.succeed("openai", base_url=listener)
        mocked = _raised(_post(http, listener, headers))
    assert isinstance(mocked, http.LocalProtocolError)
    assert _summary(mocked) == _summary(production)


@pytest.mark.parametrize("headers", BAD_HEADERS[:2])
def test_bad_header_on_default_host(http: ModuleType, headers: dict[str, str]) -> None:
    with LLMMock() as mock:
        mock.succeed("openai")
        mocked = _raised(_post(http, "https://api.openai.com/v1", headers))
    assert isinstance(mocked, http.LocalProtocolError)
    assert "Illegal header value" in str(mocked)


def test_non_ascii_value_rejected(http: ModuleType, listener: str) -> None:
    headers = {"x-test": "caf\u00e9"}
    production = _raised(_post(http, listener, headers))
    with LLMMock() as mock:
        mock.succeed("openai", base_url=listener)
        mocked = _raised(_post(http, listener, headers))
    assert _summary(mocked) == _summary(production)


def test_good_headers_pass(http: ModuleType, listener: str) -> None:
    headers = {"x-test": "a value\twith inner space", "x-empty": ""}
    with LLMMock() as mock:
        mock.succeed("openai", base_url=listener)
        response = _post(http, listener, headers)()
    assert response.status_code == 200


def _openai_call(openai: ModuleType, key: str, base_url: str) -> Callable[[], Any]:
    client = openai.OpenAI(api_key=key, base_url=base_url, max_retries=0, timeout=5)

    def call() -> Any:
        return client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    return call


@pytest.mark.parametrize("key", BAD_KEYS)
def test_openai_bad_key(listener: str, key: str) -> None:
    openai = pytest.importorskip("openai")
    http = http_module_of(openai)
    production = _raised(_openai_call(openai, key, listener))
    with LLMMock() as mock:
        mock.succeed("openai", base_url=listener)
        mocked = _raised(_openai_call(openai, key, listener))
    assert isinstance(mocked, openai.APIConnectionError)
    assert isinstance(mocked.__cause__, http.LocalProtocolError)
    assert _summary(mocked) == _summary(production)
    assert _summary(mocked.__cause__) == _summary(production.__cause__)


@pytest.mark.parametrize("key", BAD_KEYS[:2])
def test_openai_bad_key_default_host(key: str) -> None:
    openai = pytest.importorskip("openai")
    with LLMMock() as mock:
        mock.succeed("openai")
        mocked = _raised(_openai_call(openai, key, "https://api.openai.com/v1"))
    assert isinstance(mocked, openai.APIConnectionError)
    assert "Illegal header value" in str(mocked.__cause__)
    assert mock.requests() == []


@pytest.mark.parametrize("key", BAD_KEYS[:2])
def test_anthropic_bad_key(listener: str, key: str) -> None:
    anthropic = pytest.importorskip("anthropic")
    http = http_module_of(anthropic)
    base_url = listener.removesuffix("/v1")

    def call() -> Any:
        client = anthropic.Anthropic(
            api_key=key, base_url=base_url, max_retries=0, timeout=5
        )
        return client.messages.create(
            model="claude-sonnet-4-5", max_tokens=8, messages=MESSAGES
        )

    production = _raised(call)
    with LLMMock() as mock:
        mock.succeed("anthropic", base_url=base_url)
        mocked = _raised(call)
    assert isinstance(mocked, anthropic.APIConnectionError)
    assert isinstance(mocked.__cause__, http.LocalProtocolError)
    assert _summary(mocked.__cause__) == _summary(production.__cause__)


def test_async_bad_header_rejected(http: ModuleType, listener: str) -> None:
    headers = {"x-test": "value\n"}

    async def post() -> Any:
        async with http.AsyncClient(timeout=5) as client:
            return await client.post(f"{listener}/chat/completions", headers=headers)

    def call() -> Any:
        return asyncio.run(post())

    production = _raised(call)
    with LLMMock() as mock:
        mock.succeed("openai", base_url=listener)
        mocked = _raised(call)
    assert isinstance(mocked, http.LocalProtocolError)
    assert _summary(mocked) == _summary(production)


HEAD_CASES = [
    [(b"x", b"")],
    [(b"x", b""), (b"y", b" v")],
    [(b"x", b"a \t b")],
    [(b"x", b"caf\xc3\xa9")],
    [(b"x", b"a\nb")],
    [(b"x", b"a\x0bb")],
    [(b"x", b"v\t")],
    [(b"x-y_z~", b"v")],
    [(b"x(y)", b"v")],
    [(b"Content-Length", b"12")],
    [(b"Content-Length", b"12"), (b"content-length", b"12")],
    [(b"Content-Length", b"12"), (b"content-length", b"13")],
    [(b"Content-Length", b"1" * 21)],
    [(b"Content-Length", b"-1")],
    [(b"Transfer-Encoding", b"chunked")],
    [(b"Transfer-Encoding", b"gzip")],
    [(b"Host", b"second.example")],
]


def _h11_outcome(headers: list[tuple[bytes, bytes]]) -> str:
    try:
        h11.Request(method=b"POST", target=b"/v1/x", headers=headers)
    except h11.LocalProtocolError as error:
        return f"LocalProtocolError: {error}"
    return "accepted"


def _mock_outcome(headers: list[tuple[bytes, bytes]]) -> str:
    httpcore = pytest.importorskip("httpcore")
    request = httpcore.Request(b"POST", "https://example.com/v1/x", headers=headers)
    try:
        check_request_head(httpcore, request)
    except httpcore.LocalProtocolError as error:
        return f"LocalProtocolError: {error}"
    return "accepted"


@pytest.mark.parametrize("extra", HEAD_CASES, ids=repr)
def test_head_check_matches_h11(extra: list[tuple[bytes, bytes]]) -> None:
    for headers in ([(b"Host", b"example.com"), *extra], [*extra, (b"Host", b"a")]):
        assert _mock_outcome(headers) == _h11_outcome(headers)


def test_head_without_host_rejected() -> None:
    headers = [(b"Accept", b"*/*")]
    assert _mock_outcome(headers) == _h11_outcome(headers)
    assert _mock_outcome(headers) != "accepted"
