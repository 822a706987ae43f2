"""AsyncOpenAI and AsyncAnthropic through llm_mock: keys, retries, timeouts, streams."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from pytest_llmcreds.simulate import LLMMock
from tests.simulate.sdks import MESSAGES

openai = pytest.importorskip("openai")
anthropic = pytest.importorskip("anthropic")
MODEL = "claude-sonnet-4-5"


def _raised(make: Callable[[], Awaitable[Any]]) -> BaseException:
    async def run() -> BaseException:
        try:
            await make()
        except Exception as error:
            return error
        pytest.fail("the SDK call raised nothing")

    return asyncio.run(run())


def _openai(max_retries: int = 0) -> Any:
    return openai.AsyncOpenAI(api_key="sk-test", max_retries=max_retries)


def _anthropic(max_retries: int = 0) -> Any:
    return anthropic.AsyncAnthropic(api_key="sk-ant-test", max_retries=max_retries)


def _openai_chat(client: Any) -> Awaitable[Any]:
    return client.chat.completions.create(model="gpt-4o", messages=MESSAGES)  # type: ignore[no-any-return]


def _anthropic_message(client: Any, stream: bool = False) -> Awaitable[Any]:
    return client.messages.create(  # type: ignore[no-any-return]
        model=MODEL, max_tokens=16, messages=MESSAGES, stream=stream
    )


def test_openai_invalid_key(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "invalid_api_key")
    error = _raised(lambda: _openai_chat(_openai()))
    assert isinstance(error, openai.AuthenticationError)


def test_openai_rate_limit_retried(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "rate_limited", times=2)
    completion = asyncio.run(_openai_chat(_openai(max_retries=2)))  # type: ignore[arg-type]
    assert completion.choices[0].message.content


def test_openai_rate_limit_request_count(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "rate_limited")
    _raised(lambda: _openai_chat(_openai(max_retries=2)))
    assert len(llm_mock.requests("openai")) == 3


def test_openai_timeout(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "timeout")
    error = _raised(lambda: _openai_chat(_openai()))
    assert isinstance(error, openai.APITimeoutError)


def test_openai_stream_error(llm_mock: LLMMock) -> None:
    llm_mock.fail("openai", "stream_error")

    async def consume() -> None:
        stream = await _openai().chat.completions.create(
            model="gpt-4o", messages=MESSAGES, stream=True
        )
        async for _ in stream:
            pass

    error = _raised(consume)
    assert type(error) is openai.APIError


def test_anthropic_invalid_key(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "invalid_api_key")
    error = _raised(lambda: _anthropic_message(_anthropic()))
    assert isinstance(error, anthropic.AuthenticationError)


def test_anthropic_rate_limit_retried(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "rate_limited", times=2)
    message = asyncio.run(_anthropic_message(_anthropic(max_retries=2)))  # type: ignore[arg-type]
    assert message.content[0].text


def test_anthropic_timeout(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "timeout")
    error = _raised(lambda: _anthropic_message(_anthropic()))
    assert isinstance(error, anthropic.APITimeoutError)


def test_anthropic_stream_error(llm_mock: LLMMock) -> None:
    llm_mock.fail("anthropic", "stream_error")

    async def consume() -> None:
        stream = await _anthropic_message(_anthropic(), stream=True)
        async for _ in stream:
            pass

    error = _raised(consume)
    assert getattr(error, "status_code", None) == 200
