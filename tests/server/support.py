"""What the server tests share: one request per API family and the expected body."""

from __future__ import annotations

import os
import threading
from typing import Any

import pytest

from pytest_llmcreds.simulate import errors_of
from pytest_llmcreds.simulate._models import Scenario

MESSAGES: list[dict[str, Any]] = [{"role": "user", "content": "Hello"}]

#: A request that each family's endpoints serve: method, path after the base
#: URL, JSON body. The server matches endpoints by their path ending.
REQUESTS: dict[str, tuple[str, str, dict[str, Any]]] = {
    "openai": ("POST", "/chat/completions", {"model": "gpt-4o", "messages": MESSAGES}),
    "mistral": (
        "POST",
        "/v1/chat/completions",
        {"model": "mistral-small", "messages": MESSAGES},
    ),
    "anthropic": (
        "POST",
        "/v1/messages",
        {"model": "claude-sonnet-4-5", "max_tokens": 16, "messages": MESSAGES},
    ),
    "gemini": (
        "POST",
        "/v1beta/models/gemini-2.0-flash:generateContent",
        {"contents": [{"role": "user", "parts": [{"text": "Hello"}]}]},
    ),
    "ollama": (
        "POST",
        "/api/chat",
        {"model": "llama3.2", "messages": MESSAGES, "stream": False},
    ),
}


def request_of(provider: str) -> tuple[str, str, dict[str, Any]]:
    """Return the method, path and JSON body of one request for ``provider``."""
    method, path, body = REQUESTS[errors_of(provider).family]
    if provider == "azure_openai":
        path = "/openai/deployments/gpt-4o" + path + "?api-version=2024-10-21"
    return method, path, body


def http_cases() -> list[Any]:
    """Return a param for every HTTP-status scenario of every provider."""
    from pytest_llmcreds.simulate import PROVIDERS

    return [
        pytest.param(provider, scenario.id, id=f"{provider}-{scenario.id}")
        for provider in PROVIDERS
        for scenario in errors_of(provider).scenarios
        if scenario.kind == "http"
    ]


def expected_body(provider: str, scenario: Scenario, headers: Any) -> str:
    """Return the catalogue body with its request id placeholder filled in.

    The server puts a fresh request id in the headers and the same id in the
    body wherever the recorded body has the provider's placeholder.
    """
    id_format = errors_of(provider).request_id
    if id_format is None or not id_format.placeholder:
        return scenario.body
    return scenario.body.replace(id_format.placeholder, headers[id_format.headers[0]])


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def child_pids() -> set[int]:
    """Return the ids of this process's child processes, read from /proc."""
    children: set[int] = set()
    own = str(os.getpid())
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[1] == own:
            children.add(int(entry))
    return children


def thread_names() -> set[str]:
    return {thread.name for thread in threading.enumerate()}
