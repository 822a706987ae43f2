"""Each fault beyond the catalogue, as real clients see it."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
import pytest
import requests

from pytest_llmcreds.server import LLMFakeServer
from tests.server.support import MESSAGES

CHAT: dict[str, Any] = {"model": "gpt-4o", "messages": MESSAGES}
STREAM: dict[str, Any] = {**CHAT, "stream": True}


def _url(server: LLMFakeServer) -> str:
    return server.base_url("openai") + "/chat/completions"


def test_latency_trips_read_timeout(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.latency("openai", 2.0, times=1)

    with pytest.raises(httpx.ReadTimeout):
        httpx.post(_url(llm_fake_server), json=CHAT, timeout=0.2)


def test_latency_trips_requests_timeout(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.latency("openai", 2.0, times=1)

    with pytest.raises(requests.ReadTimeout):
        requests.post(_url(llm_fake_server), json=CHAT, timeout=0.2)


def test_latency_delays_response(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.latency("openai", 0.3, times=1)

    started = time.monotonic()
    slow = requests.post(_url(llm_fake_server), json=CHAT, timeout=5)
    slow_seconds = time.monotonic() - started
    started = time.monotonic()
    fast = requests.post(_url(llm_fake_server), json=CHAT, timeout=5)
    fast_seconds = time.monotonic() - started

    assert slow.status_code == 200
    assert slow_seconds >= 0.3
    assert fast.status_code == 200
    assert fast_seconds < 0.3


def test_latency_before_scenario(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.latency("openai", 0.2, times=1)
    llm_fake_server.fail("openai", "rate_limited", times=1)

    started = time.monotonic()
    response = requests.post(_url(llm_fake_server), json=CHAT, timeout=5)

    assert response.status_code == 429
    assert time.monotonic() - started >= 0.2


def test_drip_sends_slowly(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.drip("openai", interval=0.02, piece_size=64, times=1)

    started = time.monotonic()
    response = httpx.post(_url(llm_fake_server), json=CHAT, timeout=1.0)
    elapsed = time.monotonic() - started

    pieces = -(-len(response.content) // 64)
    assert response.json()["object"] == "chat.completion"
    assert elapsed >= pieces * 0.02


def test_drip_trips_total_deadline(llm_fake_server: LLMFakeServer) -> None:
    # Each piece arrives within the read timeout, so only a deadline on the
    # whole request catches a slow drip.
    llm_fake_server.drip("openai", interval=0.1, piece_size=8, times=1)
    deadline = time.monotonic() + 0.5
    received = b""

    with httpx.stream("POST", _url(llm_fake_server), json=CHAT, timeout=1.0) as r:
        for piece in r.iter_raw():
            received += piece
            if time.monotonic() > deadline:
                break

    assert 0 < len(received) < int(r.headers["content-length"])


def test_disconnect_before_response(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.disconnect("openai", times=1)

    with pytest.raises(httpx.RemoteProtocolError, match="without sending"):
        httpx.post(_url(llm_fake_server), json=CHAT, timeout=5)


def test_disconnect_before_requests(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.disconnect("openai", times=1)

    with pytest.raises(requests.ConnectionError):
        requests.post(_url(llm_fake_server), json=CHAT, timeout=5)


def test_disconnect_mid_response(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.disconnect("openai", after_bytes=20, times=1)

    with pytest.raises(httpx.RemoteProtocolError, match="received 20 bytes"):
        httpx.post(_url(llm_fake_server), json=CHAT, timeout=5)


def test_disconnect_mid_requests(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.disconnect("openai", after_bytes=20, times=1)

    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        requests.post(_url(llm_fake_server), json=CHAT, timeout=5)


def test_reset_connection(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.reset_connection("openai", times=1)

    with pytest.raises(requests.ConnectionError):
        requests.post(_url(llm_fake_server), json=CHAT, timeout=5)


def test_truncated_stream(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.truncate_stream("openai", after_chunks=2, times=1)
    lines: list[str] = []

    with httpx.stream("POST", _url(llm_fake_server), json=STREAM) as response:
        events = response.iter_lines()
        lines.extend(next(events) for _ in range(4))
        with pytest.raises(httpx.RemoteProtocolError, match="incomplete chunked"):
            next(events)

    lines = [line for line in lines if line]

    assert len(lines) == 2
    assert all(line.startswith("data: {") for line in lines)


def test_truncated_plain_body(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.truncate_stream("openai", times=1)

    with pytest.raises(httpx.RemoteProtocolError, match=r"incomplete|received"):
        httpx.post(_url(llm_fake_server), json=CHAT, timeout=5)


def test_malformed_json(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.malformed_json("openai", times=1)

    response = requests.post(_url(llm_fake_server), json=CHAT, timeout=5)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)


def test_html_page(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.html("openai", status=502, times=1)

    response = requests.post(_url(llm_fake_server), json=CHAT, timeout=5)

    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert response.text.startswith("<!DOCTYPE html>")
    with pytest.raises(requests.JSONDecodeError):
        response.json()


def test_huge_body(llm_fake_server: LLMFakeServer) -> None:
    size = 4 * 1024 * 1024
    llm_fake_server.huge_body("openai", size=size, times=1)

    with httpx.stream("POST", _url(llm_fake_server), json=CHAT) as response:
        received = sum(len(piece) for piece in response.iter_raw())

    assert int(response.headers["content-length"]) == size
    assert received == size


def test_huge_body_bounded_reader(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.huge_body("openai", times=1)
    limit = 1024 * 1024
    received = 0

    with httpx.stream("POST", _url(llm_fake_server), json=CHAT) as response:
        for piece in response.iter_raw():
            received += len(piece)
            if received > limit:
                break

    assert received > limit
    assert int(response.headers["content-length"]) == 64 * 1024 * 1024


def test_fault_times_then_normal(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.html("openai", times=2)

    types = [
        requests.post(_url(llm_fake_server), json=CHAT, timeout=5).headers[
            "content-type"
        ]
        for _ in range(3)
    ]

    assert types[:2] == ["text/html; charset=utf-8"] * 2
    assert types[2] == "application/json"


def test_replacing_fault_keeps_scenario(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.html("openai", times=1)
    llm_fake_server.fail("openai", "rate_limited", times=1)

    first = requests.post(_url(llm_fake_server), json=CHAT, timeout=5)
    second = requests.post(_url(llm_fake_server), json=CHAT, timeout=5)

    assert first.headers["content-type"].startswith("text/html")
    assert second.status_code == 429


def test_fault_argument_errors(llm_fake_server: LLMFakeServer) -> None:
    with pytest.raises(ValueError, match="times=-1 is negative"):
        llm_fake_server.html("openai", times=-1)
    with pytest.raises(ValueError, match="seconds=0 must be greater than 0"):
        llm_fake_server.latency("openai", 0)
    with pytest.raises(ValueError, match="after_bytes=-5 is negative"):
        llm_fake_server.disconnect("openai", after_bytes=-5)
    with pytest.raises(ValueError, match="piece_size=0 must be greater than 0"):
        llm_fake_server.drip("openai", piece_size=0)


def test_unknown_names_list_valid_ones(llm_fake_server: LLMFakeServer) -> None:
    with pytest.raises(ValueError, match=r"unknown provider 'opnai'.*openai"):
        llm_fake_server.fail("opnai", "rate_limited")
    with pytest.raises(ValueError, match=r"unknown scenario 'rate'.*rate_limited"):
        llm_fake_server.fail("openai", "rate")
    with pytest.raises(ValueError, match=r"unknown provider 'opnai'"):
        llm_fake_server.html("opnai")


def test_reset_forgets_plans(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("openai", "rate_limited")
    llm_fake_server.html("openai")
    requests.post(_url(llm_fake_server), json=CHAT, timeout=5)

    llm_fake_server.reset()
    response = requests.post(_url(llm_fake_server), json=CHAT, timeout=5)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert len(llm_fake_server.requests()) == 1
