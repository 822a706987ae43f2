"""The plugin reuses live outcomes from pytest's cache between runs."""

from __future__ import annotations

import pytest

from pytest_llmcreds.server import FakeProvider
from tests.conftest import LIVE_TEST
from tests.live.providers import env_for, mount_provider


def run_session(pytester: pytest.Pytester, base_url: str, *extra: str) -> None:
    result = pytester.runpytest(
        "--llm-preflight", f"--llm-base-url=openai={base_url}", *extra
    )
    result.assert_outcomes(passed=2)


def test_rerun_within_ttl_sends_nothing(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    fake_provider: FakeProvider,
) -> None:
    mount_provider(fake_provider, "openai")
    for name, value in env_for("openai").items():
        monkeypatch.setenv(name, value)
    pytester.makeini("[pytest]\n")
    pytester.makepyfile(LIVE_TEST.format(providers="'openai'"))
    base_url = fake_provider.base_url("openai")

    run_session(pytester, base_url)
    after_first = len(fake_provider.requests)
    run_session(pytester, base_url)
    after_second = len(fake_provider.requests)
    run_session(pytester, base_url, "--llm-preflight-refresh")
    after_refresh = len(fake_provider.requests)

    assert after_first == 1
    assert after_second == 1
    assert after_refresh == 2
