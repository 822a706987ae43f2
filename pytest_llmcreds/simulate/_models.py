"""The shape of the error catalogue: scenarios, provider tables and error envelopes.

Every body in the catalogue is validated against the pydantic model of its
provider's error envelope, so a hand-edited entry that a real SDK would parse
differently fails the package's tests instead of a user's.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Confidence = Literal["pasted_in_issue", "sdk_source", "documented", "inferred"]
Kind = Literal["http", "stream", "read_timeout", "connect_error"]
#: The recommended handling of a failure: retry it with backoff, never retry
#: it, or either (the check does not judge it).
Policy = Literal["retry", "no_retry", "either"]
Family = Literal["openai", "anthropic", "gemini", "mistral", "ollama"]

#: Scenario ids that every provider table uses for the same failure.
NEUTRAL_SCENARIOS: tuple[str, ...] = (
    "missing_api_key",
    "invalid_api_key",
    "permission_denied",
    "unsupported_region",
    "model_not_found",
    "insufficient_quota",
    "rate_limited",
    "context_length_exceeded",
    "request_too_large",
    "server_error",
    "overloaded",
    "timeout",
    "connection_error",
    "stream_error",
)

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_ALPHABETS = {
    "hex": "0123456789abcdef",
    "base58": _BASE58,
    "crockford": _CROCKFORD,
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RequestIdFormat(_Frozen):
    """The header names and shape of the request ids a provider sends."""

    headers: tuple[str, ...]
    prefix: str = ""
    alphabet: Literal["hex", "base58", "crockford", "uuid"] = "hex"
    length: int = 32
    #: The same-shape stand-in that recorded bodies carry; each simulated
    #: response replaces it with the id sent in the headers.
    placeholder: str = ""
    source: str = ""

    def new_id(self) -> str:
        """Return a fresh random id of this provider's shape.

        The ids only need to differ between responses, not to be secret, so
        they come from ``random`` rather than ``secrets``.
        """
        if self.alphabet == "uuid":
            return str(uuid.UUID(int=random.getrandbits(128), version=4))
        if self.alphabet == "hex":
            return self.prefix + format(random.getrandbits(4 * self.length), "x").zfill(
                self.length
            )
        letters = _ALPHABETS[self.alphabet]
        return self.prefix + "".join(random.choices(letters, k=self.length))


class Scenario(_Frozen):
    """One documented failure of one provider, as the provider sends it."""

    id: str
    summary: str
    kind: Kind = "http"
    status: int | None = None
    headers: Mapping[str, str] = Field(default_factory=dict)
    #: The exact body bytes as text; for ``stream`` the error event frame that
    #: follows the first chunks of a successful stream.
    body: str = ""
    policy: Policy = "no_retry"
    #: Key into ``ENVELOPES`` when this body differs from the provider's usual
    #: envelope (an edge or gateway layer responded instead of the API).
    envelope: str | None = None
    source: str
    confidence: Confidence
    note: str = ""

    @property
    def is_transport_failure(self) -> bool:
        return self.kind in ("read_timeout", "connect_error")

    def json_body(self) -> Any:
        """Return the body parsed as JSON, or None when it is not JSON."""
        try:
            return json.loads(self.body)
        except ValueError:
            return None


class Absence(_Frozen):
    """A neutral scenario that a provider cannot produce, and why."""

    id: str
    reason: str


class ProviderErrors(_Frozen):
    """The error catalogue of one provider."""

    provider: str
    family: Family
    #: Key into ``ENVELOPES`` for the envelope most scenarios use.
    envelope: str
    request_id: RequestIdFormat | None = None
    #: Hosts that an official SDK sends to besides the provider's own hosts.
    sdk_hosts: tuple[str, ...] = ()
    #: Headers sent with every response, errors included.
    common_headers: Mapping[str, str] = Field(default_factory=dict)
    scenarios: tuple[Scenario, ...]
    absent: tuple[Absence, ...] = ()
    note: str = ""

    def scenario_map(self) -> dict[str, Scenario]:
        return {scenario.id: scenario for scenario in self.scenarios}


# Error envelopes. ``extra="allow"`` because providers add fields over time
# (Azure's innererror, OpenRouter's metadata); the checked fields are the ones
# the SDKs read.


class _Envelope(BaseModel):
    model_config = ConfigDict(extra="allow")


class OpenAIErrorObject(_Envelope):
    message: str
    type: str | None = None
    param: str | None = None
    code: str | int | None = None


class OpenAIEnvelope(_Envelope):
    """``{"error": {"message", "type", "param", "code"}}`` (OpenAI and clones)."""

    error: OpenAIErrorObject


class AzureGatewayEnvelope(_Envelope):
    """``{"statusCode", "message"}``, sent by Azure's API Management layer."""

    statusCode: int
    message: str


class AnthropicErrorObject(_Envelope):
    type: str
    message: str


class AnthropicEnvelope(_Envelope):
    """``{"type": "error", "error": {"type", "message"}, "request_id"}``."""

    type: Literal["error"]
    error: AnthropicErrorObject
    request_id: str | None = None


class AnthropicEdgeEnvelope(_Envelope):
    """``{"error": {"type", "message"}}`` without ``type``, from the edge layer."""

    error: AnthropicErrorObject


class GoogleStatus(_Envelope):
    code: int
    message: str
    status: str
    details: list[dict[str, Any]] = Field(default_factory=list)


class GoogleEnvelope(_Envelope):
    """``{"error": google.rpc.Status}`` as the Gemini API sends it."""

    error: GoogleStatus


class DetailEnvelope(_Envelope):
    """``{"detail": ...}``, sent by Mistral's gateway."""

    detail: str | list[dict[str, Any]]


class MessageEnvelope(_Envelope):
    """``{"message": str}``, sent by Mistral's rate-limit gateway."""

    message: str


class FlatErrorEnvelope(_Envelope):
    """``{"object": "error", "message", "type", "param", "code"}`` (Mistral, vLLM)."""

    object: Literal["error"]
    message: str
    type: str | None = None
    param: str | None = None
    code: str | int | None = None


class StringErrorEnvelope(_Envelope):
    """``{"error": str}`` (Ollama's native API, vLLM's auth layer)."""

    error: str


class OpenRouterErrorObject(_Envelope):
    message: str
    code: int
    metadata: dict[str, Any] | None = None


class OpenRouterEnvelope(_Envelope):
    """``{"error": {"message", "code": int, "metadata"?}}``."""

    error: OpenRouterErrorObject


class XaiEnvelope(_Envelope):
    """``{"code": str, "error": str}``: gRPC status text and message (xAI)."""

    code: str
    error: str


ENVELOPES: dict[str, type[BaseModel]] = {
    "openai": OpenAIEnvelope,
    "azure_gateway": AzureGatewayEnvelope,
    "anthropic": AnthropicEnvelope,
    "anthropic_edge": AnthropicEdgeEnvelope,
    "google": GoogleEnvelope,
    "detail": DetailEnvelope,
    "message": MessageEnvelope,
    "flat_error": FlatErrorEnvelope,
    "string_error": StringErrorEnvelope,
    "openrouter": OpenRouterEnvelope,
    "xai": XaiEnvelope,
}
