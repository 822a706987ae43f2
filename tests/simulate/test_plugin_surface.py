"""The llm_mock fixture as users meet it: through pytester, end to end."""

from __future__ import annotations

import pytest

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


def test_parametrized_ids(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(PARAMETRIZED)
    result = pytester.runpytest("-v", "-p", "no:cacheprovider")
    result.stdout.fnmatch_lines(["*test_each[[]anthropic-overloaded[]] PASSED*"])
