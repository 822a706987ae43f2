"""Every real-world credential case, run through the plugin end to end with pytester."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack

import pytest

from pytest_llmcreds.server import FakeProvider, Reply, Route
from tests.conftest import LiveSuite, provider_entry
from tests.credential_cases import CASES, CaseReply, CaseServer, CredentialCase
from tests.live.support import LoopbackGuard

#: The path each provider's SDK base URL ends with, when a case names none.
USUAL_BASE_PATHS = {"openai": "/v1", "openrouter": "/api/v1"}


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail the case if anything tries to reach a host beyond 127.0.0.1."""
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "REQUESTS_CA_BUNDLE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    guard = LoopbackGuard()
    guard.install(monkeypatch)
    yield
    assert not guard.violations, "; ".join(guard.violations)


def to_reply(reply: CaseReply) -> Reply:
    return Reply(status=reply.status, headers=reply.headers, body=reply.body)


def start_server(
    stack: ExitStack, case: CredentialCase, server: CaseServer
) -> tuple[FakeProvider, str]:
    fake = stack.enter_context(FakeProvider())
    routes = tuple(
        Route(route.path, to_reply(route.reply), requires_key=route.requires_key)
        for route in server.routes
    )
    base_path = server.base_path
    if base_path is None:
        base_path = USUAL_BASE_PATHS.get(case.provider, "")
    fake.mount(
        case.provider,
        prefix="",
        keys=None if server.key is None else (server.key,),
        models=server.models,
        shape=server.models_shape,
        fail=to_reply(server.fail) if server.fail else None,
        routes=routes,
        base_path=base_path,
        delay=server.delay_s,
    )
    return fake, fake.base_url(case.provider)


def test_cases_never_reach_a_real_host() -> None:
    for case in CASES:
        if case.server is None:
            assert "--llm-offline" in case.options, case.id


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_credential_case(live_suite: LiveSuite, case: CredentialCase) -> None:
    with ExitStack() as stack:
        options = ["--llm-preflight", *case.options]
        fake = None
        if case.server is not None:
            fake, base_url = start_server(stack, case, case.server)
            options.append(f"--llm-base-url={case.provider}={base_url}")
        started = time.monotonic()
        result, report = live_suite.run(
            case.provider, env=case.env, files=case.files, options=tuple(options)
        )
        elapsed = time.monotonic() - started
        requests = len(fake.requests) if fake is not None else 0

    entry = provider_entry(report, case.provider)
    expect = case.expect
    if expect.status is not None:
        assert entry["status"] == expect.status
    for cause in expect.causes:
        assert cause in entry["causes"]
    for cause in expect.not_causes:
        assert cause not in entry["causes"]
    printed = result.stdout.str().lower()
    for word in expect.advice_mentions:
        assert word.lower() in printed
    if expect.max_requests is not None:
        assert requests <= expect.max_requests
    if expect.max_seconds is not None:
        assert elapsed <= expect.max_seconds
    # The test without the marker runs whatever the preflight found.
    assert result.parseoutcomes().get("passed", 0) >= 1
    for value in case.env.values():
        if len(value.strip()) >= 16:
            assert value.strip() not in result.stdout.str()
