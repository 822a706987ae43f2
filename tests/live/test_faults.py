"""Transport and protocol faults, each against a real socket on 127.0.0.1."""

from __future__ import annotations

import socket
import time
import tracemalloc
from contextlib import ExitStack

import pytest

from pytest_llmcreds.server import FakeProvider, Reply, Route
from tests.conftest import LiveSuite, provider_entry
from tests.live.support import KEYS, Run, run_live

TIMEOUT = 1.0
#: Each fault must be reported within the timeout plus this many seconds.
SLACK = 1.0

OPENAI_ENV = {"OPENAI_API_KEY": KEYS["openai"]}


def openai_behind(server: FakeProvider, reply: Reply) -> str:
    server.mount(
        "openai",
        keys=(KEYS["openai"],),
        routes=(Route("/", reply),),
        base_path="/v1",
    )
    return server.base_url("openai")


def timed_run(base_url: str, timeout: float = TIMEOUT) -> tuple[Run, float]:
    started = time.monotonic()
    run = run_live("openai", OPENAI_ENV, base_url=base_url, timeout=timeout)
    return run, time.monotonic() - started


@pytest.fixture
def closed_port() -> int:
    """A loopback port that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_connection_refused(closed_port: int) -> None:
    run, elapsed = timed_run(f"http://127.0.0.1:{closed_port}/v1")

    assert run.causes == ["network_error"]
    assert "refused" in run.outcome.findings[0].message
    assert f"127.0.0.1:{closed_port}" in run.outcome.findings[0].message
    assert elapsed < TIMEOUT + SLACK


def test_unresolvable_host() -> None:
    run, elapsed = timed_run("http://api.preflight-test.invalid/v1")

    assert run.causes == ["network_error"]
    assert "does not resolve" in run.outcome.findings[0].message
    assert elapsed < TIMEOUT + SLACK


def test_server_never_responds(fake_provider: FakeProvider) -> None:
    base_url = openai_behind(fake_provider, Reply.hang())

    run, elapsed = timed_run(base_url)

    assert run.causes == ["timeout"]
    assert "did not respond within 1 s" in run.outcome.findings[0].message
    assert "--llm-preflight-timeout" in run.outcome.findings[0].fix
    assert elapsed < TIMEOUT + SLACK


def test_self_signed_certificate_rejected() -> None:
    with FakeProvider(tls=True) as server:
        server.mount(
            "openai", keys=(KEYS["openai"],), models=("gpt-4o",), base_path="/v1"
        )

        run, elapsed = timed_run(server.base_url("openai"))

    assert run.causes == ["tls_error"]
    assert "certificate" in run.outcome.findings[0].message
    assert "SSL_CERT_FILE" in run.outcome.findings[0].fix
    assert elapsed < TIMEOUT + SLACK


def test_trusted_with_ssl_cert_file(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeProvider(tls=True) as server:
        server.mount(
            "openai", keys=(KEYS["openai"],), models=("gpt-4o",), base_path="/v1"
        )
        monkeypatch.setenv("SSL_CERT_FILE", str(server.ca_path))

        run, _ = timed_run(server.base_url("openai"))

    assert run.causes == []
    assert run.outcome.requests_sent == 1


def test_trusted_with_requests_ca_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    with FakeProvider(tls=True) as server:
        server.mount(
            "openai", keys=(KEYS["openai"],), models=("gpt-4o",), base_path="/v1"
        )
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_path))

        run, _ = timed_run(server.base_url("openai"))

    assert run.causes == []


def test_html_page(fake_provider: FakeProvider) -> None:
    base_url = openai_behind(fake_provider, Reply.html())

    run, _ = timed_run(base_url)

    assert run.causes == ["base_url_wrong"]
    assert "HTML page" in run.outcome.findings[0].message


def test_malformed_json(fake_provider: FakeProvider) -> None:
    base_url = openai_behind(fake_provider, Reply.malformed_json())

    run, _ = timed_run(base_url)

    assert run.causes == ["base_url_wrong"]
    assert "not valid JSON" in run.outcome.findings[0].message


def test_huge_body_read_bounded(fake_provider: FakeProvider) -> None:
    size = 256 * 1024 * 1024
    base_url = openai_behind(fake_provider, Reply.huge(size))

    tracemalloc.start()
    try:
        run, elapsed = timed_run(base_url, timeout=5.0)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert run.causes == ["unexpected_response"]
    assert "read limit" in run.outcome.findings[0].message
    assert peak < 64 * 1024 * 1024
    assert elapsed < 5.0 + SLACK


def test_redirect_to_another_host(fake_provider: FakeProvider) -> None:
    base_url = openai_behind(
        fake_provider, Reply.redirect("https://collector.example.invalid/v1/models")
    )

    run, _ = timed_run(base_url)

    assert run.causes == ["base_url_wrong"]
    finding = run.outcome.findings[0]
    assert "collector.example.invalid" in finding.message
    assert "not sent on to collector.example.invalid" in finding.fix
    assert run.outcome.requests_sent == 1
    assert len(fake_provider.requests) == 1


def test_connection_closed_abruptly(fake_provider: FakeProvider) -> None:
    base_url = openai_behind(fake_provider, Reply.close())

    run, elapsed = timed_run(base_url)

    assert run.causes == ["network_error"]
    assert elapsed < TIMEOUT + SLACK


@pytest.mark.parametrize("status", [500, 502, 503, 529])
def test_server_errors_unproven(fake_provider: FakeProvider, status: int) -> None:
    reply = Reply.json(
        {
            "type": "error",
            "error": {"type": "overloaded_error", "message": "Overloaded"},
        },
        status=status,
    )
    base_url = openai_behind(fake_provider, reply)

    run, _ = timed_run(base_url)

    assert run.causes == ["server_error"]
    assert f"with {status}" in run.outcome.findings[0].message


#: Fault, the cause it must get and the provider status that follows.
FAULTS: dict[str, tuple[str, str]] = {
    "refused": ("network_error", "indeterminate"),
    "unresolvable": ("network_error", "indeterminate"),
    "hang": ("timeout", "indeterminate"),
    "tls": ("tls_error", "indeterminate"),
    "html": ("base_url_wrong", "failed"),
    "malformed": ("base_url_wrong", "failed"),
    "huge": ("unexpected_response", "failed"),
    "redirect": ("base_url_wrong", "failed"),
    "closed": ("network_error", "indeterminate"),
}

_REPLIES = {
    "hang": Reply.hang(),
    "html": Reply.html(),
    "malformed": Reply.malformed_json(),
    "huge": Reply.huge(256 * 1024 * 1024),
    "redirect": Reply.redirect("https://collector.example.invalid/v1/models"),
    "closed": Reply.close(),
}


def fault_base_url(fault: str, stack: ExitStack, closed_port: int) -> str:
    if fault == "refused":
        return f"http://127.0.0.1:{closed_port}/v1"
    if fault == "unresolvable":
        return "http://api.preflight-test.invalid/v1"
    server = stack.enter_context(FakeProvider(tls=fault == "tls"))
    reply = _REPLIES.get(fault)
    if reply is None:
        server.mount(
            "openai", keys=(KEYS["openai"],), models=("gpt-4o",), base_path="/v1"
        )
        return server.base_url("openai")
    return openai_behind(server, reply)


@pytest.mark.parametrize("fault", list(FAULTS))
def test_fault_skips_only_live_tests(
    live_suite: LiveSuite, closed_port: int, fault: str
) -> None:
    cause, status = FAULTS[fault]
    with ExitStack() as stack:
        base_url = fault_base_url(fault, stack, closed_port)

        started = time.monotonic()
        result, report = live_suite.run(
            "openai",
            env=OPENAI_ENV,
            options=(
                "--llm-preflight",
                "--llm-preflight-timeout",
                str(TIMEOUT),
                f"--llm-base-url=openai={base_url}",
            ),
        )
        elapsed = time.monotonic() - started

    result.assert_outcomes(passed=1, skipped=1)
    entry = provider_entry(report, "openai")
    assert entry["causes"] == [cause]
    assert entry["status"] == status
    assert elapsed < TIMEOUT + SLACK
