"""Start, stop and isolation: no thread, socket or process outlives the server."""

from __future__ import annotations

import gc
import socket
import threading
import time
from typing import Any

import httpx
import pytest
import requests

from pytest_llmcreds.server import LLMFakeServer, is_loopback
from tests.server.support import MESSAGES, child_pids, open_fds, thread_names

CHAT: dict[str, Any] = {"model": "gpt-4o", "messages": MESSAGES}
CYCLES = 200


def port_is_closed(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def _one_cycle() -> int:
    with LLMFakeServer() as server, requests.Session() as session:
        server.fail("openai", "rate_limited", times=1)
        url = server.base_url("openai") + "/chat/completions"
        assert session.post(url, json=CHAT, timeout=5).status_code == 429
        return server.port("openai")


def test_200_cycles_leak_nothing() -> None:
    _one_cycle()  # Imports and caches load once, outside the count.
    gc.collect()
    fds, threads, children = open_fds(), thread_names(), child_pids()

    ports = [_one_cycle() for _ in range(CYCLES)]
    gc.collect()

    # Earlier tests in the same worker may still close sockets or end
    # threads meanwhile, so only an increase counts as a leak.
    assert open_fds() <= fds
    assert thread_names() - threads == set()
    assert child_pids() - children == set()
    assert all(port_is_closed(port) for port in set(ports))


def test_starts_well_under_a_second() -> None:
    started = time.monotonic()
    with LLMFakeServer() as server:
        server.succeed("openai")
        server.succeed("anthropic")
        elapsed = time.monotonic() - started
        response = httpx.post(
            server.base_url("openai") + "/chat/completions", json=CHAT
        )

    assert elapsed < 0.25
    assert response.status_code == 200


def test_stops_after_failure() -> None:
    threads = thread_names()
    ports: list[int] = []

    def failing_test() -> None:
        with LLMFakeServer() as server:
            ports.append(server.port("openai"))
            raise RuntimeError("the test failed")

    with pytest.raises(RuntimeError, match="the test failed"):
        failing_test()
    (port,) = ports

    assert port_is_closed(port)
    assert thread_names() == threads


def test_stops_while_request_hangs() -> None:
    server = LLMFakeServer()
    server.fail("openai", "timeout")
    url = server.base_url("openai") + "/chat/completions"
    outcome: list[BaseException] = []

    def send() -> None:
        try:
            httpx.post(url, json=CHAT, timeout=30)
        except httpx.HTTPError as error:
            outcome.append(error)

    client = threading.Thread(target=send)
    client.start()
    time.sleep(0.2)
    started = time.monotonic()
    server.stop()
    stop_seconds = time.monotonic() - started
    client.join(timeout=5)

    assert stop_seconds < 1.0
    assert not client.is_alive()
    assert outcome


def test_hang_ends_when_client_leaves() -> None:
    with LLMFakeServer() as server:
        server.fail("openai", "timeout")
        url = server.base_url("openai") + "/chat/completions"
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(url, json=CHAT, timeout=0.2)
        # The handler thread notices the closed connection within 0.05 s.
        deadline = time.monotonic() + 2
        while handler_threads() and time.monotonic() < deadline:
            time.sleep(0.05)
        left = handler_threads()

    assert left == []


def handler_threads() -> list[threading.Thread]:
    # socketserver.ThreadingMixIn runs each connection in process_request_thread.
    return [t for t in threading.enumerate() if "process_request" in t.name]


def test_each_provider_own_port() -> None:
    with LLMFakeServer() as first, LLMFakeServer() as second:
        ports = {
            first.port("openai"),
            first.port("anthropic"),
            second.port("openai"),
        }

    assert len(ports) == 3


def test_base_url_forms() -> None:
    with LLMFakeServer() as server:
        origin = server.origin("openai")
        forms = {
            name: server.base_url(name).removeprefix(server.origin(name))
            for name in ("openai", "anthropic", "gemini", "azure_openai", "ollama")
        }
        forms["openrouter"] = server.base_url("openrouter").split(":", 2)[2]

    assert origin.startswith("http://127.0.0.1:")
    assert forms["openai"] == "/v1"
    assert forms["anthropic"] == ""
    assert forms["gemini"] == ""
    assert forms["azure_openai"] == ""
    assert forms["ollama"] == ""
    assert forms["openrouter"].endswith("/api/v1")


def test_environ_names_variables() -> None:
    with LLMFakeServer() as server:
        server.succeed("openai")
        server.succeed("ollama")
        environ = server.environ(fake_keys=True)
        azure = server.environ("azure_openai")
        openai_url = server.base_url("openai")
        ollama_url = server.base_url("ollama")
        azure_url = server.base_url("azure_openai")

    assert environ["OPENAI_BASE_URL"] == openai_url
    assert environ["OLLAMA_HOST"] == ollama_url
    assert environ["OPENAI_API_KEY"] == "llmcreds-fake-key"
    assert "127.0.0.1" in environ["NO_PROXY"].split(",")
    assert azure["AZURE_OPENAI_ENDPOINT"] == azure_url
    assert "OPENAI_BASE_URL" not in azure


def test_fixed_port_for_providers() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    with LLMFakeServer(port=free) as server:
        first = server.port("openai")

    assert first == free


def test_rejects_non_loopback_host() -> None:
    with pytest.raises(ValueError, match=r"'0\.0\.0\.0' is not a loopback address"):
        LLMFakeServer(host="0.0.0.0")


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("example.com", False),
    ],
)
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_stopped_server_rejects_use() -> None:
    server = LLMFakeServer()
    server.stop()

    with pytest.raises(RuntimeError, match="stopped; start a new one"):
        server.succeed("openai")


def _has_ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _has_ipv6_loopback(), reason="no IPv6 loopback here")
def test_ipv6_loopback() -> None:
    with LLMFakeServer(host="::1") as server:
        server.fail("openai", "rate_limited")
        url = server.base_url("openai") + "/chat/completions"
        status = requests.post(url, json=CHAT, timeout=5).status_code

    assert url.startswith("http://[::1]:")
    assert status == 429
