"""Official SDK clients for the contract tests, and what their exceptions carry.

Each SDK line is built two ways: on its default HTTP stack, where ``llm_mock``
intercepts it, and on a plain ``MockTransport`` of the same HTTP library that
serves a recorded response as it is, with no part of the catalogue involved.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

RECORDED: dict[str, dict[str, dict[str, Any]]] = json.loads(
    (Path(__file__).parent / "recorded_responses.json").read_text(encoding="utf-8")
)

#: Base URL that the openai SDK is given for each OpenAI-compatible provider.
OPENAI_COMPATIBLE_BASES = {
    "openai": "https://api.openai.com/v1",
    "groq": "https://api.groq.com/openai/v1",
    "openrouter": "https://openrouter.ai/api/v1",
    "deepseek": "https://api.deepseek.com",
    "together": "https://api.together.xyz/v1",
    "xai": "https://api.x.ai/v1",
    "ollama": "http://127.0.0.1:11434/v1",
    "vllm": "http://127.0.0.1:8000/v1",
    "litellm": "http://127.0.0.1:4000",
    "mistral": "https://api.mistral.ai/v1",
}
#: Ollama's native scenarios arrive on /api/*, which the openai SDK never calls.
OPENAI_SDK_SKIPS = {
    ("ollama", "model_not_found"),
    ("ollama", "capability_missing"),
    ("ollama", "request_canceled"),
    ("ollama", "stream_error"),
    ("ollama", "server_error"),
    ("ollama", "overloaded"),
}
AZURE_ENDPOINT = "https://example-resource.openai.azure.com"
MESSAGES = [{"role": "user", "content": "Hello"}]
_ID_CHARACTERS = re.compile(r"[0-9A-Za-z]")
#: Request ids as the providers shape them; the recordings carry same-shape
#: placeholders and llm_mock fresh ids, so both become ``<request-id>``.
_REQUEST_IDS = re.compile(
    r"req_[0-9a-f]{32}|req_011C[0-9A-Za-z]{20}|req_01[0-9A-Za-z]{24}"
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


def http_module_of(sdk: ModuleType) -> ModuleType:
    """Return the HTTP library (``httpx`` or ``httpx2``) that ``sdk`` sends with."""
    base_client = importlib.import_module(f"{sdk.__name__}._base_client")
    module = getattr(base_client, "httpx2", None) or base_client.httpx
    assert isinstance(module, ModuleType)
    return module


def raw_transport(http: ModuleType, recorded: dict[str, Any]) -> Any:
    """Return a ``MockTransport`` that serves ``recorded`` exactly."""

    def handler(request: Any) -> Any:
        return http.Response(
            recorded["status"],
            headers=recorded["headers"],
            content=recorded["body"].encode(),
        )

    return http.MockTransport(handler)


def failing_transport(http: ModuleType, failure: str) -> Any:
    """Return a ``MockTransport`` whose requests raise the library's exception."""
    exception_class = {
        "read_timeout": http.ReadTimeout,
        "connect_error": http.ConnectError,
    }[failure]

    def handler(request: Any) -> Any:
        raise exception_class("simulated", request=request)

    return http.MockTransport(handler)


@dataclass(frozen=True)
class Outcome:
    """What an SDK raised, reduced to values two runs can be compared on."""

    exception: str
    attributes: dict[str, Any]


def outcome_of(error: BaseException, names: tuple[str, ...]) -> Outcome:
    """Return the exception class and the named attributes, ids normalised."""
    values = {name: _without_ids(getattr(error, name, None)) for name in names}
    request_id = getattr(error, "request_id", None)
    if isinstance(request_id, str):
        values["request_id"] = _ID_CHARACTERS.sub("x", request_id)
    return Outcome(f"{type(error).__module__}.{type(error).__qualname__}", values)


def _without_ids(value: Any) -> Any:
    if isinstance(value, str):
        return _REQUEST_IDS.sub("<request-id>", value)
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def raised_by(call: Callable[[], object]) -> BaseException:
    """Run ``call`` (consuming a returned stream) and return what it raised."""
    try:
        result = call()
        if hasattr(result, "__iter__") and not isinstance(result, (str, bytes, dict)):
            for _ in result:  # type: ignore[attr-defined]
                pass
    except Exception as error:
        return error
    pytest.fail("the SDK call raised nothing")


OPENAI_ATTRIBUTES = (
    "status_code",
    "code",
    "type",
    "param",
    "request_id",
    "body",
    "message",
)
ANTHROPIC_ATTRIBUTES = ("status_code", "type", "request_id", "body", "message")
GENAI_ATTRIBUTES = ("code", "status", "message", "details")
MISTRAL_ATTRIBUTES = ("status_code", "body", "message")
