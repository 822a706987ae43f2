"""The HTTP/1.1 request-head check that httpcore and httpcore2 run before sending.

httpcore 1.0 and httpcore2 2.16 build an ``h11.Request`` from the method,
target and headers before they write a byte, and turn h11's
``LocalProtocolError`` into their own (``_sync/http11.py``
``_send_request_headers``). The client's transport then raises its
``LocalProtocolError``, which SDKs wrap in ``APIConnectionError``. Because
``llm_mock`` replaces the pool's ``handle_request``, that check would never
run, so the mock runs it itself.
"""

from __future__ import annotations

import re
from typing import Any

import h11

# h11 0.16 ``_abnf.py``: a method and a header name are RFC 9110 tokens, and a
# request target is one or more visible ASCII characters.
_TOKEN = re.compile(rb"[-!#$%&'*+.^_`|~0-9a-zA-Z]+")
_TARGET = re.compile(rb"[\x21-\x7e]+")
# The names joined with LF, which no token contains.
_TOKEN_LINES = re.compile(
    rb"[-!#$%&'*+.^_`|~0-9a-zA-Z]+(?:\n[-!#$%&'*+.^_`|~0-9a-zA-Z]+)*"
)
# h11's field-value allows any byte but NUL and whitespace, with spaces or
# tabs only between other bytes. LF is the separator of the joined values, and
# these are the other bytes that no value may contain.
_BAD_VALUE_BYTES = re.compile(rb"[\x00\r\x0b\x0c]")
# Whitespace at the start or end of a value, inside the values joined with LF.
_EDGE_WHITESPACE = (b"\n ", b"\n\t", b" \n", b"\t\n")
_WHITESPACE = (b" ", b"\t")
# h11 0.16 ``_headers.py`` CONTENT_LENGTH_MAX_DIGITS.
_MAX_LENGTH_DIGITS = 20
#: Heads that passed, as (method, target, headers). An SDK client sends the
#: same head again and again, and a dict lookup costs less than the check.
#: NOTE: the heads include credential headers, kept in memory until the
#: cache is cleared, as ``RecordedRequest`` keeps them for the mock's life.
_PASSED: dict[tuple[Any, Any, tuple[Any, ...]], None] = {}
_MAX_PASSED = 256


def check_request_head(pool_module: Any, request: Any) -> None:
    """Raise ``pool_module.LocalProtocolError`` for a head that h11 rejects.

    ``request`` is the pool's request, whose method, target and headers are
    bytes. The common head passes a cheaper check of the same rules. Any
    other head goes to ``h11.Request`` itself, so every exception and its
    message come from h11.
    """
    head = (request.method, request.url.target, tuple(request.headers))
    if _passed_before(head):
        return
    if _is_plainly_valid(*head):
        _remember(head)
        return
    try:
        h11.Request(
            method=request.method,
            target=request.url.target,
            headers=request.headers,
        )
    except h11.LocalProtocolError as error:
        raise pool_module.LocalProtocolError(error) from error


def _passed_before(head: tuple[Any, Any, tuple[Any, ...]]) -> bool:
    try:
        return head in _PASSED
    except TypeError:
        # A header given as a list is unhashable, and is checked each time.
        return False


def _remember(head: tuple[Any, Any, tuple[Any, ...]]) -> None:
    if len(_PASSED) >= _MAX_PASSED:
        _PASSED.clear()
    try:
        _PASSED[head] = None
    except TypeError:
        return


def _is_plainly_valid(method: Any, target: Any, headers: Any) -> bool:
    """Return True for a head that h11 accepts as it is.

    A False result means only that h11 must decide: headers it normalises
    (Transfer-Encoding, repeated Content-Length or Host) are left to it.
    """
    if not isinstance(method, bytes) or not isinstance(target, bytes):
        return False
    if not (_TOKEN.fullmatch(method) and _TARGET.fullmatch(target)):
        return False
    try:
        names = b"\n".join([name for name, _ in headers])
        values = b"\n".join([value for _, value in headers])
    except TypeError:
        return False
    if not _TOKEN_LINES.fullmatch(names):
        return False
    if not _are_plain_values(values, len(headers)):
        return False
    return _has_plain_framing(names.lower().split(b"\n"), headers)


def _are_plain_values(values: bytes, count: int) -> bool:
    # A value that contains LF shows up as one LF too many.
    if values.count(b"\n") != max(count - 1, 0) or _BAD_VALUE_BYTES.search(values):
        return False
    if values[:1] in _WHITESPACE or values[-1:] in _WHITESPACE:
        return False
    return not any(edge in values for edge in _EDGE_WHITESPACE)


def _has_plain_framing(lower_names: list[bytes], headers: Any) -> bool:
    """Return True for one Host, no Transfer-Encoding, at most one Content-Length."""
    if lower_names.count(b"host") != 1 or b"transfer-encoding" in lower_names:
        return False
    lengths = lower_names.count(b"content-length")
    if lengths == 0:
        return True
    if lengths > 1:
        return False
    value = headers[lower_names.index(b"content-length")][1]
    return bool(value.isdigit()) and len(value) <= _MAX_LENGTH_DIGITS
