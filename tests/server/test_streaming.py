"""Streams in each provider's framing, and stream_error after the first chunks."""

from __future__ import annotations

import json
import time
from typing import Any

import requests

from pytest_llmcreds.server import LLMFakeServer
from tests.server.support import MESSAGES

GEMINI_STREAM = "/v1beta/models/gemini-2.0-flash:streamGenerateContent"
GEMINI_BODY: dict[str, Any] = {
    "contents": [{"role": "user", "parts": [{"text": "Hello"}]}]
}


def _events(response: requests.Response) -> list[str]:
    """Return the data of each server-sent event, in order."""
    lines = [str(line) for line in response.iter_lines(decode_unicode=True)]
    return [line[len("data:") :].strip() for line in lines if line.startswith("data:")]


def test_openai_sse_framing(llm_fake_server: LLMFakeServer) -> None:
    url = llm_fake_server.base_url("openai") + "/chat/completions"

    response = requests.post(
        url, json={"model": "gpt-4o", "messages": MESSAGES, "stream": True}, timeout=5
    )
    events = _events(response)

    assert response.headers["content-type"].startswith("text/event-stream")
    assert response.headers["transfer-encoding"] == "chunked"
    assert events[-1] == "[DONE]"
    assert json.loads(events[0])["object"] == "chat.completion.chunk"


def test_anthropic_named_events(llm_fake_server: LLMFakeServer) -> None:
    url = llm_fake_server.base_url("anthropic") + "/v1/messages"
    body: dict[str, Any] = {
        "model": "claude",
        "max_tokens": 8,
        "messages": MESSAGES,
        "stream": True,
    }

    response = requests.post(url, json=body, timeout=5)
    lines = [str(line) for line in response.iter_lines(decode_unicode=True)]
    names = [
        line[len("event:") :].strip() for line in lines if line.startswith("event:")
    ]

    assert names[0] == "message_start"
    assert names[-1] == "message_stop"


def test_gemini_alt_sse(llm_fake_server: LLMFakeServer) -> None:
    url = llm_fake_server.base_url("gemini") + GEMINI_STREAM + "?alt=sse"

    response = requests.post(url, json=GEMINI_BODY, timeout=5)
    events = [json.loads(data) for data in _events(response)]

    assert response.headers["content-type"].startswith("text/event-stream")
    assert b"\r\n\r\n" in response.content
    assert events[-1]["candidates"][0]["finishReason"] == "STOP"


def test_gemini_json_array_without_alt(llm_fake_server: LLMFakeServer) -> None:
    url = llm_fake_server.base_url("gemini") + GEMINI_STREAM

    response = requests.post(url, json=GEMINI_BODY, timeout=5)
    chunks = json.loads(response.text)

    assert isinstance(chunks, list)
    assert len(chunks) == 3
    assert chunks[0]["candidates"][0]["content"]["parts"][0]["text"] == "Hello"


def test_gemini_stream_error(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("gemini", "stream_error")
    url = llm_fake_server.base_url("gemini") + GEMINI_STREAM + "?alt=sse"

    response = requests.post(url, json=GEMINI_BODY, timeout=5)
    events = [json.loads(data) for data in _events(response)]

    assert response.status_code == 200
    assert "candidates" in events[0]
    assert events[-1]["error"]["status"] == "INTERNAL"


def test_ollama_ndjson(llm_fake_server: LLMFakeServer) -> None:
    url = llm_fake_server.base_url("ollama") + "/api/chat"

    response = requests.post(
        url, json={"model": "llama3.2", "messages": MESSAGES}, timeout=5
    )
    lines = [json.loads(line) for line in response.iter_lines() if line]

    assert response.headers["content-type"] == "application/x-ndjson"
    assert [line["done"] for line in lines] == [False, False, True]


def test_ollama_stream_error(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("ollama", "stream_error")
    url = llm_fake_server.base_url("ollama") + "/api/chat"

    response = requests.post(
        url, json={"model": "llama3.2", "messages": MESSAGES}, timeout=5
    )
    lines = [json.loads(line) for line in response.iter_lines() if line]

    assert lines[0]["done"] is False
    assert "error" in lines[-1]


def test_stream_error_needs_stream(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("openai", "stream_error")
    url = llm_fake_server.base_url("openai") + "/chat/completions"

    plain = requests.post(url, json={"model": "gpt-4o"}, timeout=5)

    assert plain.status_code == 200
    assert plain.json()["object"] == "chat.completion"


def test_chunks_arrive_separately(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.drip("openai", interval=0.05, piece_size=10_000)
    url = llm_fake_server.base_url("openai") + "/chat/completions"
    body: dict[str, Any] = {"model": "gpt-4o", "messages": MESSAGES, "stream": True}

    started = time.monotonic()
    with requests.post(url, json=body, stream=True, timeout=5) as response:
        # chunk_size=None yields data as it arrives (requests' documentation);
        # its type stubs accept only an int.
        lines = response.iter_lines(chunk_size=None)  # type: ignore[call-overload]
        first = next(lines)
        first_at = time.monotonic() - started
        rest = [line for line in lines if line]
        last_at = time.monotonic() - started

    assert first.startswith(b"data: ")
    assert rest[-1] == b"data: [DONE]"
    # Five events, 0.05 s apart: the first is read long before the last.
    assert last_at - first_at >= 0.15
