"""Fixtures for the live-check tests: loopback only, no proxy, a fake provider."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pytest_llmcreds.server import FakeProvider
from tests.live.support import LoopbackGuard

PROXY_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE",
)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopbackGuard]:
    """Fail the test if anything tries to reach a host beyond 127.0.0.1."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    guard = LoopbackGuard()
    guard.install(monkeypatch)
    yield guard
    assert not guard.violations, (
        "the test tried to leave the loopback interface: " + "; ".join(guard.violations)
    )


@pytest.fixture
def fake_provider() -> Iterator[FakeProvider]:
    """A fake provider on 127.0.0.1, stopped after the test."""
    with FakeProvider() as server:
        yield server
