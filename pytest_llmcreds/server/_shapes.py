"""Response bodies in each provider's own shape, for an accepted key.

Each shape follows the provider's API reference: the fields an SDK or the
preflight reads are present, and the rest are plausible constants.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

ModelsShape = Literal["openai", "anthropic", "gemini", "ollama", "together"]

Body = dict[str, Any] | list[Any]


def _openai_models(models: Sequence[str]) -> Body:
    # OpenAI "List models": {"object": "list", "data": [{"id", "object",
    # "created", "owned_by"}]}; Groq, Mistral, vLLM and LiteLLM use it too.
    return {
        "object": "list",
        "data": [
            {"id": name, "object": "model", "created": 0, "owned_by": "system"}
            for name in models
        ],
    }


def _together_models(models: Sequence[str]) -> Body:
    # Together's GET /v1/models returns a bare JSON array of model objects.
    return [
        {"id": name, "object": "model", "created": 0, "type": "chat"} for name in models
    ]


def _anthropic_models(models: Sequence[str]) -> Body:
    # Anthropic "List Models": data, has_more, first_id, last_id.
    return {
        "data": [
            {
                "type": "model",
                "id": name,
                "display_name": name,
                "created_at": "2025-01-01T00:00:00Z",
            }
            for name in models
        ],
        "has_more": False,
        "first_id": models[0] if models else None,
        "last_id": models[-1] if models else None,
    }


def _gemini_models(models: Sequence[str]) -> Body:
    # Gemini API "models.list": names carry the "models/" prefix.
    return {
        "models": [
            {
                "name": f"models/{name}",
                "displayName": name,
                "supportedGenerationMethods": ["generateContent", "countTokens"],
            }
            for name in models
        ]
    }


def _ollama_models(models: Sequence[str]) -> Body:
    # Ollama GET /api/tags: {"models": [{"name", "model", "size", ...}]}.
    return {
        "models": [
            {
                "name": name,
                "model": name,
                "modified_at": "2025-01-01T00:00:00Z",
                "size": 0,
                "digest": "0" * 64,
            }
            for name in models
        ]
    }


MODEL_LISTS: dict[ModelsShape, Callable[[Sequence[str]], Body]] = {
    "openai": _openai_models,
    "together": _together_models,
    "anthropic": _anthropic_models,
    "gemini": _gemini_models,
    "ollama": _ollama_models,
}

#: Answers for an accepted key on the key-introspection and minimal-request
#: paths, by the path's ending. Each is the documented success shape.
KEY_INFO_BODIES: dict[str, Body] = {
    # OpenRouter GET /api/v1/key
    "/key": {
        "data": {
            "label": "fake",
            "usage": 0,
            "limit": None,
            "limit_remaining": None,
            "is_free_tier": False,
        }
    },
    # DeepSeek GET /user/balance
    "/user/balance": {
        "is_available": True,
        "balance_infos": [
            {
                "currency": "USD",
                "total_balance": "10.00",
                "granted_balance": "0.00",
                "topped_up_balance": "10.00",
            }
        ],
    },
    # xAI GET /v1/api-key
    "/api-key": {
        "name": "fake",
        "acls": ["api-key:model:*", "api-key:endpoint:*"],
        "api_key_blocked": False,
        "api_key_disabled": False,
        "team_blocked": False,
    },
    # LiteLLM proxy GET /key/info
    "/key/info": {"key": "fake", "info": {"models": [], "spend": 0.0}},
    # OpenAI-compatible chat completion with one output token.
    "/chat/completions": {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": "o"},
                "finish_reason": "length",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    },
    # Anthropic POST /v1/messages with max_tokens 1.
    "/messages": {
        "id": "msg_fake",
        "type": "message",
        "role": "assistant",
        "content": [{"type": "text", "text": "o"}],
        "stop_reason": "max_tokens",
        "usage": {"input_tokens": 1, "output_tokens": 1},
    },
    # Gemini POST models/NAME:generateContent.
    ":generateContent": {
        "candidates": [{"content": {"parts": [{"text": "o"}], "role": "model"}}],
        "usageMetadata": {"promptTokenCount": 1, "candidatesTokenCount": 1},
    },
    # Ollama POST /api/show.
    "/api/show": {"details": {"format": "gguf"}, "model_info": {}},
}

MODEL_LIST_ENDINGS: tuple[str, ...] = ("/models", "/api/tags")
