"""The live preflight through the plugin: once per session, cached, and under xdist."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pytest_llmcreds.server import FakeProvider

OPENAI_KEY = "sk-proj-" + "Qx7pL2mZ9vR4tW8yB3nC6dF1gH5jK0sA" * 5
ANTHROPIC_KEY = "sk-ant-api03-" + "Hq3Zr8Wt1Ly6Pm0Nd5Kb9Xc2Vf7Gs4Ja" * 3
#: The key the fake Anthropic accepts; the environment starts with the other.
ACCEPTED_ANTHROPIC_KEY = "sk-ant-api03-" + "Zx8Cv7Bn6Mm5Ll4Kk3Jj2Hh1Gg0Ff9Ee" * 3

SUITE = """
import pytest

@pytest.mark.llm_live("openai", model="gpt-4o-mini")
@pytest.mark.parametrize("n", range(8))
def test_openai(n):
    pass

@pytest.mark.llm_live("anthropic")
@pytest.mark.parametrize("n", range(8))
def test_anthropic(n):
    pass

def test_offline():
    pass
"""


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeProvider]:
    for name in (
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    with FakeProvider() as server:
        server.mount(
            "openai", keys=(OPENAI_KEY,), models=("gpt-4o-mini",), base_path="/v1"
        )
        server.mount(
            "anthropic",
            keys=(ACCEPTED_ANTHROPIC_KEY,),
            models=("claude-haiku-4-5",),
            shape="anthropic",
        )
        monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
        monkeypatch.setenv("ANTHROPIC_API_KEY", ANTHROPIC_KEY)
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url("openai"))
        monkeypatch.setenv("ANTHROPIC_BASE_URL", server.base_url("anthropic"))
        yield server


def test_xdist_sends_one_request_per_provider(
    pytester: pytest.Pytester, fake: FakeProvider
) -> None:
    pytester.makepyfile(SUITE)

    result = pytester.runpytest_subprocess(
        "-n", "4", "--llm-preflight", "--llm-preflight-refresh", "-rs"
    )

    result.assert_outcomes(passed=9, skipped=8)
    assert len(fake.requests_for("openai")) == 1
    assert len(fake.requests_for("anthropic")) == 1
    result.stdout.fnmatch_lines(["*anthropic preflight failed: key_invalid*"])


def test_rerun_within_cache_time_sends_nothing(
    pytester: pytest.Pytester, fake: FakeProvider
) -> None:
    pytester.makepyfile(SUITE)

    first = pytester.runpytest_subprocess("--llm-preflight")
    sent = len(fake.requests)
    second = pytester.runpytest_subprocess("--llm-preflight")

    first.assert_outcomes(passed=9, skipped=8)
    second.assert_outcomes(passed=9, skipped=8)
    assert sent == 2
    assert len(fake.requests) == sent


def test_refresh_ignores_cache(pytester: pytest.Pytester, fake: FakeProvider) -> None:
    pytester.makepyfile(SUITE)

    pytester.runpytest_subprocess("--llm-preflight")
    pytester.runpytest_subprocess("--llm-preflight", "--llm-preflight-refresh")

    assert len(fake.requests) == 4


def test_cache_ttl_zero_turns_cache_off(
    pytester: pytest.Pytester, fake: FakeProvider
) -> None:
    pytester.makeini("[pytest]\nllm_preflight_cache_ttl = 0\n")
    pytester.makepyfile(SUITE)

    pytester.runpytest_subprocess("--llm-preflight")
    pytester.runpytest_subprocess("--llm-preflight")

    assert len(fake.requests) == 4


def test_changed_key_checks_again(
    pytester: pytest.Pytester, fake: FakeProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(SUITE)

    pytester.runpytest_subprocess("--llm-preflight")
    monkeypatch.setenv("ANTHROPIC_API_KEY", ACCEPTED_ANTHROPIC_KEY)
    result = pytester.runpytest_subprocess("--llm-preflight")

    assert len(fake.requests_for("anthropic")) == 2
    result.assert_outcomes(passed=17)


def test_cache_holds_no_key(pytester: pytest.Pytester, fake: FakeProvider) -> None:
    pytester.makepyfile(SUITE)

    pytester.runpytest_subprocess("--llm-preflight")

    cache = pytester.path / ".pytest_cache"
    texts = [p.read_text(errors="replace") for p in cache.rglob("*") if p.is_file()]
    assert texts
    for key in (OPENAI_KEY, ANTHROPIC_KEY):
        pieces = {key[i : i + 16] for i in range(len(key) - 15)}
        assert not any(piece in text for text in texts for piece in pieces)


def test_fixture_reports_live_status(
    pytester: pytest.Pytester, fake: FakeProvider
) -> None:
    pytester.makepyfile(
        """
import pytest

@pytest.mark.llm_live("openai", model="gpt-4o-mini")
def test_status(llm_preflight):
    openai = llm_preflight["openai"]
    assert openai.status == "passed"
    assert openai.checked == "live"
    assert openai.models == {"gpt-4o-mini": "available"}
"""
    )

    result = pytester.runpytest_subprocess("--llm-preflight")

    result.assert_outcomes(passed=1)


def test_missing_model_skips_only_its_tests(
    pytester: pytest.Pytester, fake: FakeProvider
) -> None:
    pytester.makepyfile(
        """
import pytest

@pytest.mark.llm_live("openai", model="gpt-4o-mini")
def test_listed_model():
    pass

@pytest.mark.llm_live("openai", model="gtp-4o-mini")
def test_typo_model():
    pass

@pytest.mark.llm_live("openai")
def test_any_model():
    pass
"""
    )

    result = pytester.runpytest_subprocess("--llm-preflight", "-rs")

    result.assert_outcomes(passed=2, skipped=1)
    result.stdout.fnmatch_lines(
        ["SKIPPED *llmcreds: openai model gtp-4o-mini is not_found: *gpt-4o-mini*"]
    )
