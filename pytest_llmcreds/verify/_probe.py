"""The probe: one minimal request per model, asking for a single output token."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pytest_llmcreds.verify._table import Endpoint, VerificationSpec

PROBE_PROMPT = [{"role": "user", "content": "ping"}]

#: Cost of one probe request, by probe kind, for the outcome's notes.
PROBE_COST = {
    "openai_chat": "a few input tokens and at most 1 output token",
    "openai_chat_completion_tokens": "a few input tokens and at most 1 output token",
    "azure_chat": "a few input tokens and at most 1 output token",
    "anthropic_messages": "about 10 input tokens and 1 output token",
    "gemini_generate": "a few input tokens and 1 output token",
}


def probe_request(
    table: VerificationSpec, model: str
) -> tuple[Endpoint, dict[str, Any]]:
    """Return the one-token request that proves ``model`` for ``table``."""
    kind = table.probe
    if kind == "anthropic_messages":
        body: dict[str, Any] = {
            "model": model,
            "max_tokens": 1,
            "messages": PROBE_PROMPT,
        }
        return Endpoint("POST", "/v1/messages"), body
    if kind == "gemini_generate":
        body = {
            "contents": [{"role": "user", "parts": [{"text": "ping"}]}],
            "generationConfig": {"maxOutputTokens": 1},
        }
        name = quote(model.removeprefix("models/"), safe="")
        return Endpoint("POST", f"/{{version}}/models/{name}:generateContent"), body
    if kind == "azure_chat":
        path = f"/openai/deployments/{quote(model, safe='')}/chat/completions"
        body = {"messages": PROBE_PROMPT, "max_tokens": 1}
        return Endpoint("POST", path), body
    # OpenAI rejects max_tokens for its reasoning models and documents
    # max_completion_tokens instead (API reference, chat completions);
    # compatible servers still read max_tokens.
    limit = (
        "max_completion_tokens"
        if kind == "openai_chat_completion_tokens"
        else "max_tokens"
    )
    chat = _chat_path(table)
    return Endpoint("POST", chat), {
        "model": model,
        "messages": PROBE_PROMPT,
        limit: 1,
    }


def _chat_path(table: VerificationSpec) -> str:
    """Return the chat path beside the model list path of ``table``."""
    models_path = table.models.path.split("?")[0]
    return models_path.removesuffix("/models") + "/chat/completions"
