"""An HTTP response as the live check reads it: status, headers, body, error fields."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

#: Headers that carry the provider's request id: openai-python reads
#: x-request-id, anthropic-python request-id, Azure's gateway sends
#: apim-request-id.
REQUEST_ID_HEADERS: tuple[str, ...] = ("x-request-id", "request-id", "apim-request-id")

#: Text that looks like a credential: known key prefixes, masked echoes such
#: as ``sk-proj-****XXXX``, JSON Web Tokens, and unbroken runs of 32 or more
#: letters and digits (hex hashes, Azure and Mistral keys). Model names are
#: kept because they contain hyphens.
_KEY_LIKE = re.compile(
    r"(?:\b(?:sk|gsk|xai|tgp)[-_][A-Za-z0-9*_.\-]{3,}"
    r"|\bAIza[A-Za-z0-9_\-*]{4,}"
    r"|\beyJ[A-Za-z0-9_\-.]{8,}"
    r"|\b[A-Za-z0-9]{32,})"
)

_EXCERPT_LENGTH = 160


@dataclass(frozen=True)
class ErrorFields:
    """The error envelope's fields, whatever the provider's shape."""

    code: str = ""
    type: str = ""
    #: Google's gRPC status name, such as PERMISSION_DENIED.
    status: str = ""
    reasons: tuple[str, ...] = ()
    message: str = ""
    #: Google QuotaFailure quotaId values, such as ...PerMinute-FreeTier.
    quota_ids: tuple[str, ...] = ()

    def identifiers(self) -> set[str]:
        return {v for v in (self.code, self.type, self.status, *self.reasons) if v}


@dataclass(frozen=True)
class Response:
    """One response, with at most the body limit read."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    truncated: bool
    url: str
    data: Any = None
    is_json: bool = False
    fields: ErrorFields = field(default_factory=ErrorFields)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def is_html(self) -> bool:
        if self.content_type in ("text/html", "application/xhtml+xml"):
            return True
        return self.body.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))

    @property
    def request_id(self) -> str | None:
        for name in REQUEST_ID_HEADERS:
            value = self.headers.get(name)
            if value:
                return value
        return None


def build_response(
    status: int, headers: Mapping[str, str], body: bytes, truncated: bool, url: str
) -> Response:
    lowered = {name.lower(): value for name, value in headers.items()}
    data, is_json = _parse_json(body, truncated)
    return Response(
        status=status,
        headers=lowered,
        body=body,
        truncated=truncated,
        url=url,
        data=data,
        is_json=is_json,
        fields=error_fields(data) if is_json else ErrorFields(message=_text(body)),
    )


def _parse_json(body: bytes, truncated: bool) -> tuple[Any, bool]:
    if truncated or not body.strip():
        return None, False
    try:
        return json.loads(body), True
    except (ValueError, UnicodeDecodeError):
        return None, False


def _text(body: bytes) -> str:
    return body[:2048].decode("utf-8", "replace")


def error_fields(data: Any) -> ErrorFields:
    """Read the error fields of every envelope the providers use.

    OpenAI and the servers compatible with it send
    ``{"error": {"message", "type", "code"}}``, and Google adds ``status``
    and ``details``. Azure's gateway sends ``{"statusCode", "message"}`` and
    Mistral ``{"detail": ...}``. vLLM's auth layer and Ollama send
    ``{"error": "text"}``, and Gemini's OpenAI-compatible endpoint a list of
    envelopes. LiteLLM puts an upstream body, as JSON text, in
    ``error.message``.
    """
    if isinstance(data, list):
        data = data[0] if data and isinstance(data[0], dict) else {}
    if not isinstance(data, dict):
        return ErrorFields()
    error = data.get("error")
    if isinstance(error, str):
        return ErrorFields(message=error)
    if isinstance(error, dict):
        return _merge_inner(_from_mapping(error))
    if isinstance(data.get("detail"), (str, list)):
        return ErrorFields(message=_detail_text(data["detail"]))
    return _from_mapping(data)


def _from_mapping(error: Mapping[str, Any]) -> ErrorFields:
    details = error.get("details")
    details = details if isinstance(details, list) else []
    code = error.get("code", error.get("statusCode"))
    return ErrorFields(
        code="" if code is None else str(code),
        type=_string(error.get("type")),
        status=_string(error.get("status")),
        reasons=tuple(
            str(d["reason"]) for d in details if isinstance(d, dict) and "reason" in d
        ),
        message=_string(error.get("message")),
        quota_ids=tuple(
            str(violation.get("quotaId", ""))
            for detail in details
            if isinstance(detail, dict)
            for violation in detail.get("violations", [])
            if isinstance(violation, dict)
        ),
    )


def _merge_inner(outer: ErrorFields) -> ErrorFields:
    """Add the fields of an envelope that LiteLLM re-wrapped as JSON text."""
    start = outer.message.find("{")
    if start < 0:
        return outer
    try:
        inner_data, _ = json.JSONDecoder().raw_decode(outer.message[start:])
    except ValueError:
        return outer
    inner = error_fields(inner_data)
    return ErrorFields(
        code=inner.code or outer.code,
        type=inner.type or outer.type,
        status=inner.status or outer.status,
        reasons=inner.reasons or outer.reasons,
        message=inner.message or outer.message,
        quota_ids=inner.quota_ids or outer.quota_ids,
    )


def _detail_text(detail: str | list[Any]) -> str:
    if isinstance(detail, str):
        return detail
    parts = [str(item.get("msg", "")) for item in detail if isinstance(item, dict)]
    return "; ".join(p for p in parts if p)


def _string(value: object) -> str:
    return "" if value is None or value == "None" else str(value)


def excerpt(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Return a short, single-line piece of ``text`` with anything key-like removed."""
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, "[key]")
    text = _KEY_LIKE.sub("[key]", text)
    text = " ".join(text.split())
    if len(text) > _EXCERPT_LENGTH:
        text = text[: _EXCERPT_LENGTH - 1].rstrip() + "…"
    return text
