"""Minimal valid success answers for the common endpoints of each API family.

Each answer carries only the fields the official SDKs require to parse it
(openai-python 3.60, anthropic-python 2.16, google-genai 3.6, mistralai 3.7,
groq 1.7, together 3.1), so "fail twice, then succeed" ends in a parsed
object. Streams are lists of chunks, one event each, in the provider's
framing: server-sent events for the HTTP APIs, JSON lines for Ollama's
native API.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pytest_llmcreds.simulate._models import Family

_CREATED = 1_733_000_000
_TEXT = "Hello from llm_mock."
_VECTOR = [0.0, 0.1, 0.2]
_USAGE = {"prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9}


@dataclass(frozen=True)
class Answer:
    """A success answer: a JSON body, or stream chunks with their content type."""

    body: bytes
    content_type: str = "application/json"
    chunks: tuple[bytes, ...] = ()

    @property
    def is_stream(self) -> bool:
        return bool(self.chunks)


@dataclass(frozen=True)
class Endpoint:
    """One endpoint of an API family, recognised by method and path suffix."""

    name: str
    method: str
    suffix: str
    build: Callable[[str], Answer]
    build_stream: Callable[[str], Answer] | None = None
    #: True when the endpoint streams unless the request says ``"stream": false``
    #: (Ollama's native API).
    streams_by_default: bool = False


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


def _sse(values: list[Any], *, done: bool = False, crlf: bool = False) -> Answer:
    end = b"\r\n\r\n" if crlf else b"\n\n"
    chunks = [b"data: " + _json(value) + end for value in values]
    if done:
        chunks.append(b"data: [DONE]" + end)
    return Answer(b"", "text/event-stream", tuple(chunks))


def _named_sse(events: list[tuple[str, Any]]) -> Answer:
    chunks = tuple(
        b"event: " + name.encode() + b"\ndata: " + _json(value) + b"\n\n"
        for name, value in events
    )
    return Answer(b"", "text/event-stream", chunks)


# OpenAI-compatible APIs (OpenAI, Azure, Groq, Together, vLLM, ...).


def _chat_completion(model: str) -> Answer:
    return Answer(
        _json(
            {
                "id": "chatcmpl-llmmock0001",
                "object": "chat.completion",
                "created": _CREATED,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": _TEXT},
                        "finish_reason": "stop",
                        "logprobs": None,
                    }
                ],
                "usage": _USAGE,
            }
        )
    )


def _chat_chunk(model: str, delta: dict[str, Any], finish: str | None) -> Any:
    return {
        "id": "chatcmpl-llmmock0001",
        "object": "chat.completion.chunk",
        "created": _CREATED,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _chat_stream(model: str) -> Answer:
    return _sse(
        [
            _chat_chunk(model, {"role": "assistant", "content": ""}, None),
            _chat_chunk(model, {"content": "Hello"}, None),
            _chat_chunk(model, {"content": " from llm_mock."}, None),
            _chat_chunk(model, {}, "stop"),
        ],
        done=True,
    )


def _completion(model: str) -> Answer:
    return Answer(
        _json(
            {
                "id": "cmpl-llmmock0001",
                "object": "text_completion",
                "created": _CREATED,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "text": _TEXT,
                        "finish_reason": "stop",
                        "logprobs": None,
                    }
                ],
                "usage": _USAGE,
            }
        )
    )


def _response_object(model: str, status: str) -> Any:
    message = {
        "id": "msg_llmmock0001",
        "type": "message",
        "role": "assistant",
        "status": "completed",
        "content": [{"type": "output_text", "text": _TEXT, "annotations": []}],
    }
    return {
        "id": "resp_llmmock0001",
        "object": "response",
        "created_at": _CREATED,
        "status": status,
        "model": model,
        "output": [message] if status == "completed" else [],
        "parallel_tool_calls": True,
        "tool_choice": "auto",
        "tools": [],
        "usage": {
            "input_tokens": 5,
            "output_tokens": 4,
            "total_tokens": 9,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens_details": {"reasoning_tokens": 0},
        },
    }


def _response(model: str) -> Answer:
    return Answer(_json(_response_object(model, "completed")))


def _response_stream(model: str) -> Answer:
    delta = {
        "type": "response.output_text.delta",
        "item_id": "msg_llmmock0001",
        "output_index": 0,
        "content_index": 0,
        "delta": _TEXT,
        "sequence_number": 2,
    }
    return _named_sse(
        [
            (
                "response.created",
                {
                    "type": "response.created",
                    "sequence_number": 0,
                    "response": _response_object(model, "in_progress"),
                },
            ),
            (
                "response.in_progress",
                {
                    "type": "response.in_progress",
                    "sequence_number": 1,
                    "response": _response_object(model, "in_progress"),
                },
            ),
            ("response.output_text.delta", delta),
            (
                "response.completed",
                {
                    "type": "response.completed",
                    "sequence_number": 3,
                    "response": _response_object(model, "completed"),
                },
            ),
        ]
    )


def _embeddings(model: str) -> Answer:
    return Answer(
        _json(
            {
                "id": "embd-llmmock0001",
                "object": "list",
                "data": [{"object": "embedding", "index": 0, "embedding": _VECTOR}],
                "model": model,
                "usage": {"prompt_tokens": 2, "total_tokens": 2},
            }
        )
    )


def _openai_models(model: str) -> Answer:
    entry = {"id": model, "object": "model", "created": _CREATED, "owned_by": "system"}
    return Answer(_json({"object": "list", "data": [entry]}))


_OPENAI_ENDPOINTS = (
    Endpoint(
        "chat.completions", "POST", "/chat/completions", _chat_completion, _chat_stream
    ),
    Endpoint("responses", "POST", "/responses", _response, _response_stream),
    Endpoint("completions", "POST", "/completions", _completion),
    Endpoint("embeddings", "POST", "/embeddings", _embeddings),
    Endpoint("models", "GET", "/models", _openai_models),
)


# Anthropic Messages API.


def _anthropic_message(model: str) -> Any:
    return {
        "id": "msg_01LLMMockXXXXXXXXXXXXXXX",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": [{"type": "text", "text": _TEXT}],
        "stop_reason": "end_turn",
        "stop_sequence": None,
        "usage": {"input_tokens": 5, "output_tokens": 4},
    }


def _messages(model: str) -> Answer:
    return Answer(_json(_anthropic_message(model)))


def _messages_stream(model: str) -> Answer:
    start = dict(_anthropic_message(model), content=[], stop_reason=None)
    text_delta = {"type": "text_delta", "text": _TEXT}
    return _named_sse(
        [
            ("message_start", {"type": "message_start", "message": start}),
            (
                "content_block_start",
                {
                    "type": "content_block_start",
                    "index": 0,
                    "content_block": {"type": "text", "text": ""},
                },
            ),
            (
                "content_block_delta",
                {"type": "content_block_delta", "index": 0, "delta": text_delta},
            ),
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            (
                "message_delta",
                {
                    "type": "message_delta",
                    "delta": {"stop_reason": "end_turn", "stop_sequence": None},
                    "usage": {"output_tokens": 4},
                },
            ),
            ("message_stop", {"type": "message_stop"}),
        ]
    )


def _count_tokens(model: str) -> Answer:
    return Answer(_json({"input_tokens": 5}))


def _anthropic_models(model: str) -> Answer:
    entry = {
        "type": "model",
        "id": model,
        "display_name": model,
        "created_at": "2025-01-01T00:00:00Z",
    }
    return Answer(
        _json({"data": [entry], "has_more": False, "first_id": model, "last_id": model})
    )


_ANTHROPIC_ENDPOINTS = (
    Endpoint("messages.count_tokens", "POST", "/messages/count_tokens", _count_tokens),
    Endpoint("messages", "POST", "/messages", _messages, _messages_stream),
    Endpoint("models", "GET", "/models", _anthropic_models),
)


# Gemini API (generativelanguage.googleapis.com).


def _gemini_chunk(model: str, text: str, finish: str | None) -> Any:
    candidate: dict[str, Any] = {
        "content": {"parts": [{"text": text}], "role": "model"},
        "index": 0,
    }
    if finish:
        candidate["finishReason"] = finish
    return {
        "candidates": [candidate],
        "usageMetadata": {
            "promptTokenCount": 5,
            "candidatesTokenCount": 4,
            "totalTokenCount": 9,
        },
        "modelVersion": model,
        "responseId": "llmmock0001",
    }


def _generate_content(model: str) -> Answer:
    return Answer(_json(_gemini_chunk(model, _TEXT, "STOP")))


def _stream_generate_content(model: str) -> Answer:
    # Gemini ends each server-sent event with CRLF pairs.
    return _sse(
        [
            _gemini_chunk(model, "Hello", None),
            _gemini_chunk(model, " from llm_mock.", None),
            _gemini_chunk(model, "", "STOP"),
        ],
        crlf=True,
    )


def _embed_content(model: str) -> Answer:
    return Answer(_json({"embedding": {"values": _VECTOR}}))


def _batch_embed_contents(model: str) -> Answer:
    return Answer(_json({"embeddings": [{"values": _VECTOR}]}))


def _count_gemini_tokens(model: str) -> Answer:
    return Answer(_json({"totalTokens": 5}))


def _gemini_models(model: str) -> Answer:
    entry = {
        "name": f"models/{model}",
        "displayName": model,
        "supportedGenerationMethods": ["generateContent", "countTokens"],
    }
    return Answer(_json({"models": [entry]}))


_GEMINI_ENDPOINTS = (
    Endpoint("generateContent", "POST", ":generateContent", _generate_content),
    Endpoint(
        "streamGenerateContent",
        "POST",
        ":streamGenerateContent",
        _stream_generate_content,
        _stream_generate_content,
        streams_by_default=True,
    ),
    Endpoint("embedContent", "POST", ":embedContent", _embed_content),
    Endpoint(
        "batchEmbedContents", "POST", ":batchEmbedContents", _batch_embed_contents
    ),
    Endpoint("countTokens", "POST", ":countTokens", _count_gemini_tokens),
    Endpoint("models", "GET", "/models", _gemini_models),
)


# Mistral's API: OpenAI-like, with a model card that has capabilities.


def _mistral_models(model: str) -> Answer:
    entry = {
        "id": model,
        "object": "model",
        "created": _CREATED,
        "owned_by": "mistralai",
        "capabilities": {"completion_chat": True},
        "type": "base",
    }
    return Answer(_json({"object": "list", "data": [entry]}))


_MISTRAL_ENDPOINTS = (
    Endpoint(
        "chat.completions", "POST", "/chat/completions", _chat_completion, _chat_stream
    ),
    Endpoint("embeddings", "POST", "/embeddings", _embeddings),
    Endpoint("models", "GET", "/models", _mistral_models),
)


# Ollama's native API: JSON lines when streaming.


def _ollama_message(model: str, content: str, done: bool) -> Any:
    value: dict[str, Any] = {
        "model": model,
        "created_at": "2025-01-01T00:00:00Z",
        "message": {"role": "assistant", "content": content},
        "done": done,
    }
    if done:
        value.update(done_reason="stop", prompt_eval_count=5, eval_count=4)
    return value


def _ollama_chat(model: str) -> Answer:
    return Answer(_json(_ollama_message(model, _TEXT, True)))


def _ollama_chat_stream(model: str) -> Answer:
    lines = (
        _ollama_message(model, "Hello", False),
        _ollama_message(model, " from llm_mock.", False),
        _ollama_message(model, "", True),
    )
    chunks = tuple(_json(line) + b"\n" for line in lines)
    return Answer(b"", "application/x-ndjson", chunks)


def _ollama_generate(model: str) -> Answer:
    return Answer(
        _json(
            {
                "model": model,
                "created_at": "2025-01-01T00:00:00Z",
                "response": _TEXT,
                "done": True,
                "done_reason": "stop",
            }
        )
    )


def _ollama_embed(model: str) -> Answer:
    return Answer(_json({"model": model, "embeddings": [_VECTOR]}))


def _ollama_tags(model: str) -> Answer:
    entry = {"name": model, "model": model, "size": 1, "digest": "0" * 64}
    return Answer(_json({"models": [entry]}))


_OLLAMA_ENDPOINTS = (
    Endpoint(
        "api.chat",
        "POST",
        "/api/chat",
        _ollama_chat,
        _ollama_chat_stream,
        streams_by_default=True,
    ),
    Endpoint("api.generate", "POST", "/api/generate", _ollama_generate),
    Endpoint("api.embed", "POST", "/api/embed", _ollama_embed),
    Endpoint("api.tags", "GET", "/api/tags", _ollama_tags),
)

ENDPOINTS: dict[Family, tuple[Endpoint, ...]] = {
    "openai": _OPENAI_ENDPOINTS,
    "anthropic": _ANTHROPIC_ENDPOINTS,
    "gemini": _GEMINI_ENDPOINTS,
    "mistral": _MISTRAL_ENDPOINTS,
    # Ollama serves the OpenAI-compatible API under /v1 beside its own.
    "ollama": _OLLAMA_ENDPOINTS + _OPENAI_ENDPOINTS,
}


def find_endpoint(family: Family, method: str, path: str) -> Endpoint | None:
    """Return the endpoint of ``family`` that serves ``method`` on ``path``."""
    # Gemini's OpenAI-compatible endpoint lives under /v1beta/openai/.
    if family == "gemini" and "/openai/" in path:
        family = "openai"
    for endpoint in ENDPOINTS[family]:
        if endpoint.method == method and path.endswith(endpoint.suffix):
            return endpoint
    return None


def endpoint_names(family: Family) -> list[str]:
    """Return ``METHOD suffix`` for every endpoint of ``family``."""
    return [f"{e.method} ...{e.suffix}" for e in ENDPOINTS[family]]
