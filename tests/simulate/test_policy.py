"""check_retry_policy: counts attempts per scenario and judges them."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_llmcreds.simulate import LLMMock, check_retry_policy
from tests.simulate.sdks import MESSAGES

openai = pytest.importorskip("openai")
FAST = ["invalid_api_key", "insufficient_quota", "rate_limited", "server_error"]


def _default_app() -> Any:
    client = openai.OpenAI(api_key="sk-test")
    return lambda: client.chat.completions.create(model="gpt-4o", messages=MESSAGES)


def _careful_app() -> Any:
    """Retry transient errors itself, never a quota error."""
    client = openai.OpenAI(api_key="sk-test", max_retries=0)

    def call() -> Any:
        for attempt in range(3):
            try:
                return client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
            except openai.RateLimitError as error:
                if error.code == "insufficient_quota" or attempt == 2:
                    raise
                _wait(error)
            except openai.InternalServerError as error:
                if attempt == 2:
                    raise
                _wait(error)
        return None

    return call


def _wait(error: Any) -> None:
    import time

    time.sleep(float(error.response.headers.get("retry-after", "1")))


def test_default_sdk_retries_quota(llm_mock: LLMMock) -> None:
    report = check_retry_policy(llm_mock, "openai", _default_app(), scenarios=FAST)
    assert [c.scenario for c in report.failures] == ["insufficient_quota"]


def test_quota_requests_counted(llm_mock: LLMMock) -> None:
    report = check_retry_policy(
        llm_mock, "openai", _default_app(), scenarios=["insufficient_quota"]
    )
    assert report.checks[0].requests == 3


def test_careful_app_passes(llm_mock: LLMMock) -> None:
    report = check_retry_policy(llm_mock, "openai", _careful_app(), scenarios=FAST)
    report.assert_ok()


def test_assert_ok_lists_failures(llm_mock: LLMMock) -> None:
    report = check_retry_policy(
        llm_mock, "openai", _default_app(), scenarios=["insufficient_quota"]
    )
    with pytest.raises(AssertionError, match="FAIL insufficient_quota"):
        report.assert_ok()


def test_ignored_retry_after(llm_mock: LLMMock) -> None:
    client = openai.OpenAI(api_key="sk-test", max_retries=0)

    def impatient() -> Any:
        for _ in range(3):
            try:
                return client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
            except openai.RateLimitError:
                continue
        return None

    report = check_retry_policy(
        llm_mock, "openai", impatient, scenarios=["rate_limited"]
    )
    assert report.checks[0].honoured_retry_after is False


def test_mock_clean_afterwards(llm_mock: LLMMock) -> None:
    check_retry_policy(llm_mock, "openai", _default_app(), scenarios=["server_error"])
    assert _default_app()().choices[0].message.content


def test_async_callable(llm_mock: LLMMock) -> None:
    client = openai.AsyncOpenAI(api_key="sk-test", max_retries=0)

    async def call() -> Any:
        return await client.chat.completions.create(model="gpt-4o", messages=MESSAGES)

    report = check_retry_policy(llm_mock, "openai", call, scenarios=["invalid_api_key"])
    assert report.ok
