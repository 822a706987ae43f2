"""An HTTP response as the live check reads it: status, headers, body, error fields."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pytest_llmcreds.keys import looks_like_key

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

#: A key-like match with fewer distinct characters than this, such as a
#: run of one repeated letter, is filler text, not a key.
_MIN_KEY_CHARACTERS = 4

#: Secrets of at least this many characters are removed piece by piece:
#: every run of this many of their characters is removed wherever it
#: occurs, so an echoed fragment or a key split into chunks is removed too.
#: Shorter secrets are removed whole.
PIECE_LENGTH = 12

#: Secrets shorter than this are not searched for: they would match words.
_MIN_SECRET_LENGTH = 4

#: Characters of a message searched for secrets; the excerpt shows far
#: fewer, and the bound keeps a 4 MiB message from slowing the search.
_SCAN_LENGTH = 64 * 1024

_EXCERPT_LENGTH = 160

#: Whitespace and quotes around a secret, removed to find its core.
_TRIM_CHARACTERS = " \t\r\n\"'`\u201c\u201d\u2018\u2019"

#: Request ids of known shapes: ``req_`` ids (OpenAI, Anthropic) and UUIDs
#: (Azure's apim-request-id). A key-like value of another shape is dropped.
_REQUEST_ID_SHAPE = re.compile(
    r"req_[A-Za-z0-9]{1,64}"
    r"|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
)
_MAX_REQUEST_ID_LENGTH = 128


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
        """The raw request id header; :func:`shown_request_id` is what may be shown."""
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
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: json raises it for arrays or objects nested
        # deeper than the interpreter's recursion limit.
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
            for violation in _list(detail.get("violations"))
            if isinstance(violation, dict)
        ),
    )


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _merge_inner(outer: ErrorFields) -> ErrorFields:
    """Add the fields of an envelope that LiteLLM re-wrapped as JSON text."""
    start = outer.message.find("{")
    if start < 0:
        return outer
    try:
        inner_data, _ = json.JSONDecoder().raw_decode(outer.message[start:])
    except (ValueError, RecursionError):
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
    text = remove_secrets(text[:_SCAN_LENGTH], secrets)
    text = _KEY_LIKE.sub(_hide_key_like, text)
    text = " ".join(text.split())
    if len(text) > _EXCERPT_LENGTH:
        text = text[: _EXCERPT_LENGTH - 1].rstrip() + "…"
    return text


def _hide_key_like(match: re.Match[str]) -> str:
    found = match.group()
    return found if len(set(found)) < _MIN_KEY_CHARACTERS else "[key]"


def remove_secrets(text: str, secrets: tuple[str, ...]) -> str:
    """Replace every piece of each secret in ``text`` with ``[key]``.

    The spans of all pieces are found first and merged, so overlapping or
    adjacent pieces become one ``[key]`` and no part of a piece survives a
    replacement next to it.
    """
    spans = sorted(span for s in secrets for span in _secret_spans(text, s))
    if not spans:
        return text
    parts = []
    end = 0
    for start, stop in _merged(spans):
        parts += [text[end:start], "[key]"]
        end = stop
    parts.append(text[end:])
    return "".join(parts)


def contains_secret(text: str, secrets: tuple[str, ...]) -> bool:
    """Return True when ``text`` contains a piece of any of ``secrets``."""
    return any(next(_secret_spans(text, s), None) is not None for s in secrets)


def _secret_spans(text: str, secret: str) -> Iterator[tuple[int, int]]:
    for piece in _pieces(secret):
        yield from _occurrences(text, piece)


def _pieces(secret: str) -> set[str]:
    """Return the texts to remove for ``secret``: its pieces, or itself if short."""
    pieces: set[str] = set()
    for form in {secret, secret.strip(_TRIM_CHARACTERS)}:
        if len(form) >= PIECE_LENGTH:
            count = len(form) - PIECE_LENGTH + 1
            pieces.update(form[i : i + PIECE_LENGTH] for i in range(count))
        elif len(form) >= _MIN_SECRET_LENGTH:
            pieces.add(form)
    return pieces


def _occurrences(text: str, piece: str) -> Iterator[tuple[int, int]]:
    start = text.find(piece)
    while start >= 0:
        yield start, start + len(piece)
        start = text.find(piece, start + 1)


def _merged(spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Merge sorted, possibly overlapping spans into disjoint ones."""
    start, stop = spans[0]
    for next_start, next_stop in spans[1:]:
        if next_start <= stop:
            stop = max(stop, next_stop)
            continue
        yield start, stop
        start, stop = next_start, next_stop
    yield start, stop


def shown_request_id(response: Response, secrets: tuple[str, ...]) -> str | None:
    """Return the response's request id, or None when it may hold a credential.

    A value of a known request id shape is kept unless it contains a piece
    of a secret. Any other value is kept only when it is short, printable
    and does not look like a key.
    """
    value = response.request_id
    if value is None or contains_secret(value, secrets):
        return None
    if _REQUEST_ID_SHAPE.fullmatch(value):
        return value
    if len(value) > _MAX_REQUEST_ID_LENGTH or not value.isprintable():
        return None
    if looks_like_key(value) or _KEY_LIKE.search(value):
        return None
    return value
