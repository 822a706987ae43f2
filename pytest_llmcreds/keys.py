"""Keys as opaque values: a wrapper that never prints itself, and fingerprints.

A key read from the environment lives only inside a :class:`Secret`. Its
``repr`` and ``str`` are the fingerprint, so a key cannot leak through a
traceback with ``--showlocals``, a log record or an f-string by accident.
"""

from __future__ import annotations

import hashlib
import re

#: Prefixes that name a key's kind, longest first so ``sk-proj-`` wins over
#: ``sk-``. Only these characters of a key's start are ever shown.
KIND_PREFIXES: tuple[str, ...] = (
    "sk-ant-admin01-",
    "sk-ant-api03-",
    "sk-ant-oat01-",
    "sk-svcacct-",
    "sk-or-v1-",
    "sk-admin-",
    "sk-proj-",
    "tgp_v1_",
    "sk-",
    "gsk_",
    "xai-",
    "AIza",
)

#: Keys shorter than this show their length only: four characters of a
#: short key are too large a share of it.
MIN_FINGERPRINT_TAIL_LENGTH = 20

_TRIM_CHARACTERS = " \t\r\n\"'`\u201c\u201d\u2018\u2019"


class Secret:
    """A credential value that shows only its fingerprint."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """Return the value, for the one place that sends it."""
        return self._value

    @property
    def fingerprint(self) -> str:
        return fingerprint(self._value)

    @property
    def digest(self) -> str:
        """A SHA-256 of the value, to compare two keys without comparing them."""
        return hashlib.sha256(self._value.encode("utf-8", "surrogatepass")).hexdigest()

    def __len__(self) -> int:
        return len(self._value)

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        return f"Secret({self.fingerprint})"

    __str__ = __repr__

    def __reduce__(self) -> str | tuple[object, ...]:
        raise TypeError("a Secret is never pickled, so it never reaches a file")


def kind_prefix(value: str) -> str:
    for prefix in KIND_PREFIXES:
        if value.startswith(prefix) and len(value) > len(prefix) + 8:
            return prefix
    return ""


def fingerprint(value: str) -> str:
    """Describe a key by its kind prefix, length and last four characters.

    Surrounding whitespace and quotes are left out of the prefix and the
    tail, so a key with a trailing newline still shows its real ending. The
    length counts every character.
    """
    if not value:
        return "(empty)"

    core = value.strip(_TRIM_CHARACTERS) or value
    length = f"({len(value)} chars)"
    if len(core) < MIN_FINGERPRINT_TAIL_LENGTH or not core.isascii():
        return length
    return f"{kind_prefix(core)}…{length}…{core[-4:]}"


def redact(text: str, secrets: list[Secret]) -> str:
    """Replace each secret, and its stripped form, in ``text`` by its fingerprint."""
    for secret in secrets:
        value = secret.reveal()
        for form in {value, value.strip(_TRIM_CHARACTERS)}:
            if len(form) >= 4:
                text = text.replace(form, secret.fingerprint)
    return _BEARER.sub(r"\1[redacted]", text)


_BEARER = re.compile(r"((?:Bearer|Basic)\s+)[^\s'\",]+", re.IGNORECASE)


def safe_url(url: str) -> str:
    """Return ``url`` as it may be shown: without what could be a credential.

    User info becomes ``***@``, query values become ``…``, and a host label
    or path segment that looks like a key becomes ``(hidden)``. A value that
    is not a valid http(s) URL at all is not shown, because a key put in a
    base URL variable is a common mix-up.
    """
    from urllib.parse import urlsplit, urlunsplit

    if not _printable(url):
        return "(not shown: not a printable ASCII URL)"
    try:
        parts = urlsplit(url)
        host = parts.netloc.rpartition("@")[2]
        parts.port  # noqa: B018 - raises ValueError for an invalid port
    except ValueError:
        return "(not shown: not a valid URL)"
    if parts.scheme not in ("http", "https") or not host:
        return "(not shown: not an http(s) URL)"

    match = _HOST_PORT.fullmatch(host)
    hostname, port = (match.group(1), match.group(2) or "") if match else (host, "")
    if looks_like_key(hostname):
        hostname = "(hidden)"
    netloc = ("***@" if "@" in parts.netloc else "") + hostname + port
    path = "/".join(
        "(hidden)" if looks_like_key(segment) else segment
        for segment in parts.path.split("/")
    )
    query = (
        "&".join(
            f"{pair.partition('=')[0]}=…" if "=" in pair else "…"
            for pair in parts.query.split("&")
        )
        if parts.query
        else ""
    )
    return urlunsplit((parts.scheme, netloc, path, query, ""))


_HOST_PORT = re.compile(r"(\[[^\]]*\]|[^:]*)(:\d*)?")


def _printable(text: str) -> bool:
    return text.isascii() and text.isprintable()


#: Letters and digits in a run this long, mixed with both, are treated as a
#: key: provider keys are 32 or more random characters.
_RANDOM_RUN = re.compile(r"[A-Za-z0-9_\-]{32,}")


def looks_like_key(value: str) -> bool:
    """Return True for a value that may be a credential, so it is never shown."""
    if kind_prefix(value) or len(value) >= 40:
        return True
    run = _RANDOM_RUN.search(value)
    return run is not None and _mixed(run.group())


def _mixed(text: str) -> bool:
    return any(c.isdigit() for c in text) and any(c.isalpha() for c in text)
