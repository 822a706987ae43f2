"""HTTP for the live check: the client, a bounded read, and exceptions as findings.

The client follows no redirect, because a redirect to another host would
carry the key there; it honours the proxy and certificate variables the way
httpx-based SDKs do (``trust_env``: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY,
NO_PROXY, SSL_CERT_FILE, SSL_CERT_DIR), and REQUESTS_CA_BUNDLE as
requests-based SDKs do. An exception is described by its class and the
host only: httpx exception text can quote the request. Messages name a host
by :func:`host_of`, never by the URL's netloc, which holds any user info.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
import re
import socket
import ssl
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from pytest_llmcreds import __version__
from pytest_llmcreds.keys import looks_like_key, safe_url
from pytest_llmcreds.verify._response import Response, build_response, remove_secrets

#: Bytes read of any body. Model lists of the largest catalogues (OpenRouter
#: lists several hundred models with descriptions) stay below it; a larger
#: body is cut off, so no response can exhaust memory.
MAX_BODY_BYTES = 4 * 1024 * 1024

USER_AGENT = f"pytest-llmcreds/{__version__}"


def make_client() -> httpx.AsyncClient:
    """Build the client shared by every provider's check.

    Raises ImportError when a SOCKS proxy is configured without socksio.
    """
    return httpx.AsyncClient(
        follow_redirects=False,
        trust_env=True,
        verify=_verify_setting(os.environ),
        headers={"user-agent": USER_AGENT, "accept": "application/json"},
    )


def _verify_setting(environ: Mapping[str, str]) -> ssl.SSLContext | bool:
    # httpx reads SSL_CERT_FILE and SSL_CERT_DIR itself when trust_env is on.
    if environ.get("SSL_CERT_FILE") or environ.get("SSL_CERT_DIR"):
        return True
    bundle = environ.get("REQUESTS_CA_BUNDLE")
    if bundle:
        return ssl.create_default_context(cafile=bundle)
    return True


async def fetch(
    client: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    headers: Mapping[str, str],
    json_body: Any = None,
    timeout: float,
) -> Response:
    """Send one request and read at most MAX_BODY_BYTES of the response."""
    async with client.stream(
        method, url, headers=dict(headers), json=json_body, timeout=timeout
    ) as response:
        body, truncated = await _read_bounded(response)
        return build_response(
            response.status_code, response.headers, body, truncated, url
        )


async def _read_bounded(response: httpx.Response) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return b"".join(chunks)[:MAX_BODY_BYTES], True
    return b"".join(chunks), False


@dataclass(frozen=True)
class Failure:
    """A request that got no HTTP response."""

    cause: str
    #: What happened, in words that quote nothing from the exception.
    what: str
    host: str


def host_of(url: str) -> str:
    """Return the URL's host and port for messages, without user info.

    A host label that looks like a key is shown as ``(hidden)``.
    """
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
        port = parts.port
    except ValueError:
        return "(an invalid URL)"
    if not hostname:
        return "(no host)"
    if ":" in hostname:
        hostname = f"[{hostname}]"
    else:
        labels = hostname.split(".")
        hostname = ".".join("(hidden)" if looks_like_key(x) else x for x in labels)
    return f"{hostname}:{port}" if port is not None else hostname


def without_user_info(url: str) -> str:
    """Return ``url`` without ``user:password@``.

    httpx turns user info into a Basic authorization header that replaces
    the key's own header, and logs the URL with it at INFO.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        # httpx rejects the URL too, and the failure names the host only.
        return url
    if "@" not in parts.netloc:
        return url
    netloc = parts.netloc.rpartition("@")[2]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def has_user_info(url: str) -> bool:
    try:
        return "@" in urlsplit(url).netloc
    except ValueError:
        return False


#: The secrets of the live check that runs in the current context, or None
#: outside one. Each provider's check runs in its own asyncio task and sets
#: its own secrets there, so the log filter changes only the live check's
#: records, and each with the secrets of its own provider.
_LOG_SECRETS: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "llmcreds_log_secrets", default=None
)

#: Loggers of httpx and httpcore 1.x. httpx 0.29 logs each request at INFO
#: as ``HTTP Request: GET <url> "HTTP/1.1 401 <reason>"`` (``_client.py``).
#: httpcore 1.0 logs the response headers at DEBUG (``_trace.py``). The URL,
#: the reason phrase and the headers may each contain a key.
HTTP_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)

_URL_IN_TEXT = re.compile(r"\bhttps?://[^\s\"'<>]+", re.IGNORECASE)


class _RedactingFilter(logging.Filter):
    """Remove URL credentials and secrets from httpx and httpcore log records.

    Outside a live check the filter passes records unchanged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        secrets = _LOG_SECRETS.get()
        if secrets is None:
            return True
        if isinstance(record.args, tuple) and record.args:
            record.args = tuple(_redact_argument(a, secrets) for a in record.args)
        elif not record.args and isinstance(record.msg, str):
            record.msg = _redact_text(record.msg, secrets)
        return True


def _redact_argument(argument: object, secrets: tuple[str, ...]) -> object:
    if isinstance(argument, httpx.URL):
        return remove_secrets(safe_url(str(argument)), secrets)
    if isinstance(argument, (str, bytes)):
        text = argument.decode("latin-1") if isinstance(argument, bytes) else argument
        return _redact_text(text, secrets)
    return argument


def _redact_text(text: str, secrets: tuple[str, ...]) -> str:
    text = _URL_IN_TEXT.sub(lambda match: safe_url(match.group()), text)
    return remove_secrets(text, secrets)


_REDACTING_FILTER = _RedactingFilter()


def install_log_filter() -> None:
    """Add the redacting filter to the httpx and httpcore loggers, once."""
    for name in HTTP_LOGGERS:
        # addFilter adds the same filter object once only.
        logging.getLogger(name).addFilter(_REDACTING_FILTER)


@contextlib.contextmanager
def redacted_http_logs(secrets: tuple[str, ...] = ()) -> Iterator[None]:
    """Redact ``secrets`` and URL credentials in HTTP log records of this context."""
    install_log_filter()
    token = _LOG_SECRETS.set(secrets)
    try:
        yield
    finally:
        _LOG_SECRETS.reset(token)


def describe_exception(error: BaseException, url: str) -> Failure:
    """Describe a transport exception by its class and the URL's host."""
    host = host_of(url)
    if isinstance(error, (httpx.TimeoutException, TimeoutError)):
        return Failure("timeout", _timeout_phase(error), host)
    tls = _find(error, ssl.SSLError)
    if tls is not None:
        return Failure("tls_error", _tls_what(tls), host)
    if isinstance(error, httpx.ProxyError):
        return Failure("network_error", "the proxy failed to connect", host)
    if isinstance(error, httpx.RemoteProtocolError):
        return Failure(
            "network_error",
            "the server closed the connection without a response",
            host,
        )
    return Failure("network_error", _connect_what(error), host)


def _timeout_phase(error: BaseException) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return "the connection timed out"
    if isinstance(error, httpx.PoolTimeout):
        return "no connection became free in time"
    return "no response arrived in time"


def _tls_what(error: ssl.SSLError) -> str:
    if isinstance(error, ssl.SSLCertVerificationError):
        # verify_message is OpenSSL's fixed text, such as "self-signed
        # certificate in certificate chain"; it quotes nothing of the request.
        reason = error.verify_message or "the certificate was not trusted"
        return f"the TLS certificate was rejected ({reason})"
    return f"the TLS handshake failed ({type(error).__name__})"


def _connect_what(error: BaseException) -> str:
    if _find(error, socket.gaierror) is not None:
        return "the host name does not resolve"
    if _find(error, ConnectionRefusedError) is not None:
        return "the connection was refused"
    if _find(error, ConnectionResetError) is not None:
        return "the server reset the connection"
    if isinstance(error, httpx.ConnectError):
        return f"the connection failed ({type(error).__name__})"
    return f"the request failed ({type(error).__name__})"


def _find(error: BaseException, kind: type[BaseException]) -> Any:
    """Return the first exception of ``kind`` in ``error``'s chain."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        if isinstance(current, kind):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None
