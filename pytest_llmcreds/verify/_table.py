"""The requests the live check sends to each provider, and the reasons, as one table.

Each entry names the cheapest request that proves the key without using
tokens, the model list, and the one-token request that ``--llm-preflight-probe``
sends per model. Paths are relative to the base URL the SDK uses; ``{version}``
is the API version and ``{model}`` the configured model. The ``source`` of an
entry is the documentation page or SDK module that shows the request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pytest_llmcreds.providers import ProviderSpec

#: How a model list is laid out: OpenAI's ``{"data": [{"id"}]}``, Together's
#: bare list, Anthropic's paged ``data``, Gemini's ``models[].name`` with the
#: ``models/`` prefix, Ollama's ``models[].name`` with a ``:tag``.
ListShape = Literal["openai", "anthropic", "gemini", "ollama"]

#: The minimal request of the probe: a chat completion, an Anthropic
#: message or a Gemini generateContent call, each asking for one token.
ProbeKind = Literal[
    "openai_chat",
    "openai_chat_completion_tokens",
    "anthropic_messages",
    "gemini_generate",
    "azure_chat",
]

#: What a key-introspection response reports: OpenRouter's remaining credit,
#: DeepSeek's balance flag, xAI's key flags, LiteLLM's key record.
KeyInfoKind = Literal["openrouter", "deepseek", "xai", "litellm"]


@dataclass(frozen=True)
class Endpoint:
    """One HTTP request of the live check."""

    method: Literal["GET", "POST"]
    path: str


@dataclass(frozen=True)
class VerificationSpec:
    """How one provider's key, models and quota are proven."""

    #: The model list; it proves the key too unless ``list_is_public``.
    models: Endpoint
    shape: ListShape
    probe: ProbeKind | None
    source: str
    #: A key-introspection request, sent first, for providers whose model
    #: list is public or proves nothing about the key's account.
    key_info: Endpoint | None = None
    key_info_kind: KeyInfoKind | None = None
    #: True when the model list responds without a valid key.
    list_is_public: bool = False
    #: True when the key check shows whether the account can pay.
    shows_quota: bool = False
    #: The path segment an SDK's base URL ends with, used to suggest a fix
    #: when a base URL responds 404.
    base_path: str = ""
    #: Extra request headers, each sent by the provider's SDK.
    headers: tuple[tuple[str, str], ...] = ()
    #: Free text for docs and notes: why this request and not another.
    why: str = ""
    #: Query parameter that carries the API version (Azure's api-version).
    version_query: str | None = None
    #: API version put in ``{version}`` when the settings name none.
    default_version: str = ""
    #: True sends the model list with the key check even when no model is
    #: configured, because the key check alone may not response.
    always_list: bool = False


_OPENAI_MODELS = Endpoint("GET", "/models")

#: anthropic-python sends this version on every request (_client.py
#: default_headers); the API rejects requests without it.
ANTHROPIC_VERSION = "2023-06-01"

#: Built-in providers by name.
BY_NAME: dict[str, VerificationSpec] = {
    "openai": VerificationSpec(
        models=_OPENAI_MODELS,
        shape="openai",
        probe="openai_chat_completion_tokens",
        base_path="/v1",
        source="OpenAI API reference, Models: GET /v1/models lists the models "
        "the key's project may use; openai-python 3.60 models.list()",
        why="the model list needs a valid key and shows model access; it "
        "uses no tokens",
    ),
    "azure_openai": VerificationSpec(
        models=Endpoint("GET", "/openai/models"),
        shape="openai",
        probe="azure_chat",
        version_query="api-version",
        source="Azure OpenAI data-plane reference, Models - List: GET "
        "{endpoint}/openai/models?api-version=...; openai-python 3.60 "
        "AzureOpenAI sends the key in the api-key header",
        why="the resource's model list needs the key; deployments are not "
        "listed by the data-plane API, so only the probe proves one",
    ),
    "anthropic": VerificationSpec(
        models=Endpoint("GET", "/v1/models?limit=1000"),
        shape="anthropic",
        probe="anthropic_messages",
        headers=(("anthropic-version", ANTHROPIC_VERSION),),
        source="Anthropic API reference, List Models: GET /v1/models with "
        "x-api-key and anthropic-version; anthropic-python 2.16 models.list()",
        why="the model list needs a valid key and uses no tokens",
    ),
    "gemini": VerificationSpec(
        models=Endpoint("GET", "/{version}/models?pageSize=1000"),
        shape="gemini",
        probe="gemini_generate",
        default_version="v1beta",
        source="Gemini API reference, models.list: GET /v1beta/models with "
        "x-goog-api-key; google-genai 3.6 models.list()",
        why="the model list needs a valid key, shows SERVICE_DISABLED and "
        "location errors, and uses no tokens",
    ),
    "mistral": VerificationSpec(
        models=Endpoint("GET", "/v1/models"),
        shape="openai",
        probe="openai_chat",
        source="Mistral API reference, List Models: GET /v1/models; "
        "mistralai 3.7 models.list()",
        why="the model list needs a valid key and uses no tokens",
    ),
    "groq": VerificationSpec(
        models=Endpoint("GET", "/openai/v1/models"),
        shape="openai",
        probe="openai_chat",
        source="GroqCloud API reference, List models: GET "
        "/openai/v1/models; groq-python 1.7 appends /openai/v1",
        why="the model list needs a valid key and uses no tokens",
    ),
    "openrouter": VerificationSpec(
        key_info=Endpoint("GET", "/key"),
        key_info_kind="openrouter",
        models=_OPENAI_MODELS,
        list_is_public=True,
        shows_quota=True,
        shape="openai",
        probe="openai_chat",
        base_path="/api/v1",
        source="OpenRouter API reference, Get current API key: GET "
        "/api/v1/key returns usage and limit_remaining; GET /api/v1/models "
        "is public",
        why="the model list responds without a key, so only the key "
        "endpoint proves it and shows the remaining credit",
    ),
    "deepseek": VerificationSpec(
        key_info=Endpoint("GET", "/user/balance"),
        key_info_kind="deepseek",
        models=_OPENAI_MODELS,
        shows_quota=True,
        shape="openai",
        probe="openai_chat",
        source="DeepSeek API docs, Get User Balance: GET /user/balance "
        "returns is_available; List Models: GET /models",
        why="the balance endpoint proves the key and shows whether the "
        "account can pay; the model list has only the two API models",
    ),
    "together": VerificationSpec(
        models=_OPENAI_MODELS,
        shape="openai",
        probe="openai_chat",
        base_path="/v1",
        source="Together AI API reference, List all models: GET /v1/models "
        "returns a JSON array; together-python 2.x models.list()",
        why="the model list needs a valid key and uses no tokens",
    ),
    "xai": VerificationSpec(
        key_info=Endpoint("GET", "/api-key"),
        key_info_kind="xai",
        models=_OPENAI_MODELS,
        shape="openai",
        probe="openai_chat",
        base_path="/v1",
        source="xAI API reference, API key: GET /v1/api-key returns the "
        "key's ACLs and its blocked and disabled flags; GET /v1/models",
        why="the key endpoint shows a blocked or disabled key that a model "
        "list would only reject with a bare 400",
    ),
    "ollama": VerificationSpec(
        models=Endpoint("GET", "/api/tags"),
        shape="ollama",
        probe=None,
        source="Ollama API docs, List Local Models: GET /api/tags; "
        "ollama-python 0.6 list()",
        why="Ollama has no keys and no quota; the tags list shows which "
        "models are pulled",
    ),
    "vllm": VerificationSpec(
        models=_OPENAI_MODELS,
        shape="openai",
        probe="openai_chat",
        base_path="/v1",
        source="vLLM OpenAI-compatible server: GET /v1/models, behind "
        "--api-key when the server sets one",
        why="the model list is behind the server's API key and shows the "
        "served model names",
    ),
    "litellm": VerificationSpec(
        key_info=Endpoint("GET", "/key/info"),
        key_info_kind="litellm",
        models=Endpoint("GET", "/v1/models"),
        always_list=True,
        shape="openai",
        probe="openai_chat",
        source="LiteLLM proxy docs, Virtual Keys: GET /key/info returns "
        "the calling key's record; GET /v1/models lists the models the "
        "key may use",
        why="/key/info needs the proxy's database, so the model list, "
        "which also needs a key, is asked as well and either proves the key",
    ),
}

#: User gateways, by the API they are compatible with.
BY_COMPATIBILITY: dict[str, VerificationSpec] = {
    "openai": VerificationSpec(
        models=_OPENAI_MODELS,
        shape="openai",
        probe="openai_chat",
        base_path="/v1",
        source="OpenAI API reference, Models: GET {base_url}/models",
        why="an OpenAI-compatible gateway lists its models behind its key",
    ),
    "anthropic": VerificationSpec(
        models=Endpoint("GET", "/v1/models?limit=1000"),
        shape="anthropic",
        probe="anthropic_messages",
        headers=(("anthropic-version", ANTHROPIC_VERSION),),
        source="Anthropic API reference, List Models: GET {base_url}/v1/models",
        why="an Anthropic-compatible gateway lists its models behind its key",
    ),
    "gemini": BY_NAME["gemini"],
    "ollama": BY_NAME["ollama"],
    "mistral": BY_NAME["mistral"],
}


def verification_for(spec: ProviderSpec) -> VerificationSpec:
    """Return the entry for a built-in provider, else for its compatibility."""
    if not spec.gateway and spec.name in BY_NAME:
        return BY_NAME[spec.name]
    return BY_COMPATIBILITY[spec.compatibility]
