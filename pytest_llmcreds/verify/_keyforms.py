"""Keys with stray characters: what httpx cannot send, and what cleaning removes."""

from __future__ import annotations

from pytest_llmcreds.checks import clean_key, describe_whitespace


def unsendable(key: str) -> str:
    """Say why httpx cannot send ``key`` in a header, or return ''."""
    if not key.isascii():
        return "httpx rejects a header value with non-ASCII characters"
    if any(c in key for c in "\r\n"):
        return "httpx rejects a header value with a line break"
    if key != key.rstrip():
        return "httpx rejects a header value that ends in whitespace"
    return ""


def what_was_removed(raw: str) -> str:
    """Name what cleaning removes from ``raw``: whitespace, quotes or both."""
    whitespace = describe_whitespace(raw)
    core = raw.strip()
    quoted = core != clean_key(raw)
    parts = [whitespace] if whitespace else []
    if quoted:
        parts.append("the quotes around it")
    return " and ".join(parts) or "the surrounding characters"
