"""The llm_mock fixture as users meet it: through pytester, end to end."""

from __future__ import annotations

import pytest

# Imported here so that pytester's in-process runs find it in sys.modules:
# a run that imports it first removes it again afterwards, and a second
# import fails because respx keeps a registry of mocker names per process.
import pytest_llmcreds.simulate  # noqa: F401

USER_TEST = """
import openai
import pytest

def test_invalid_key(llm_mock, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-dummy")
    llm_mock.fail("openai", "invalid_api_key")
    with pytest.raises(openai.AuthenticationError):
        openai.OpenAI().chat.completions.create(
            model="gpt-4o", messages=[{"role": "user", "content": "hi"}]
        )
"""

SWALLOWED_UNMATCHED = """
import httpx2

def test_swallows(llm_mock):
    try:
        httpx2.get("https://example.com/anything")
    except Exception:
        pass
"""

UNCAUGHT_UNMATCHED = """
import httpx2

def test_uncaught(llm_mock):
    llm_mock.succeed("openai")
    httpx2.get("https://example.com/anything")
"""

UNCAUGHT_SDK_UNMATCHED = """
import openai

def test_uncaught_sdk(llm_mock):
    llm_mock.succeed("openai")
    client = openai.OpenAI(
        api_key="sk-test", base_url="https://example.com/v1", max_retries=1
    )
    client.with_options(timeout=1).models.list()
"""

SWALLOWED_THEN_UNCAUGHT = """
import httpx2

def test_both(llm_mock):
    try:
        httpx2.get("https://example.com/swallowed")
    except Exception:
        pass
    httpx2.get("https://example.com/uncaught")
"""

PARAMETRIZED = """
import pytest
from pytest_llmcreds.simulate import scenario_params

@pytest.mark.parametrize("case", scenario_params("anthropic", only=["overloaded"]))
def test_each(llm_mock, case):
    llm_mock.fail(*case)
"""


def test_acceptance(pytester: pytest.Pytester) -> None:
    pytest.importorskip("openai")
    pytester.makepyfile(USER_TEST)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_fixture_docstring(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--fixtures", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(
        ["llm_mock -- *", "*Simulate LLM providers for every httpx and httpx2*"]
    )


def test_unmatched_fails_test(pytester: pytest.Pytester) -> None:
    pytest.importorskip("httpx2")
    pytester.makepyfile(SWALLOWED_UNMATCHED)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, errors=1)


def test_unmatched_message(pytester: pytest.Pytester) -> None:
    pytest.importorskip("httpx2")
    pytester.makepyfile(SWALLOWED_UNMATCHED)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*GET https://example.com/anything*"])


def test_swallowed_message_says_caught(pytester: pytest.Pytester) -> None:
    pytest.importorskip("httpx2")
    pytester.makepyfile(SWALLOWED_UNMATCHED)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*the test caught the error*"])


def test_uncaught_unmatched_reported_once(pytester: pytest.Pytester) -> None:
    pytest.importorskip("httpx2")
    pytester.makepyfile(UNCAUGHT_UNMATCHED)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, errors=0)
    result.stdout.fnmatch_lines(
        [
            "*GET https://example.com/anything*",
            "*openai: https://api.openai.com/v1*",
        ]
    )


def test_uncaught_sdk_unmatched_reported_once(pytester: pytest.Pytester) -> None:
    pytest.importorskip("openai")
    pytester.makepyfile(UNCAUGHT_SDK_UNMATCHED)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, errors=0)
    result.stdout.fnmatch_lines(["*GET https://example.com/v1/models*"])


def test_swallowed_kept_beside_uncaught(pytester: pytest.Pytester) -> None:
    pytest.importorskip("httpx2")
    pytester.makepyfile(SWALLOWED_THEN_UNCAUGHT)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, errors=1)
    teardown = result.stdout.str().split("ERROR at teardown", 1)[1]
    teardown = teardown.split("= FAILURES =", 1)[0]
    assert "https://example.com/swallowed" in teardown
    assert "https://example.com/uncaught" not in teardown


def test_parametrized_ids(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(PARAMETRIZED)
    result = pytester.runpytest("-v", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*test_each[[]anthropic-overloaded[]] PASSED*"])
