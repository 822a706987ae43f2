"""A real HTTP server on 127.0.0.1 that plays LLM providers, for tests and replays.

It is built on the standard library's ``http.server`` with one thread per
connection. That keeps the fake provider free of dependencies, so the same
class can back a pytest fixture, a ``llmcreds serve`` command that replays
errors for non-Python clients, and benchmarks. It starts in milliseconds.
It can also misbehave below HTTP (reset a connection, never respond, send
a huge body), which ASGI servers such as uvicorn hide from the application.
Each server binds port 0, so parallel test workers never collide.
"""

from __future__ import annotations

import contextlib
import logging
import math
import socket
import ssl
import struct
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from pytest_llmcreds.keys import Secret
from pytest_llmcreds.server._routes import Mount, Reply, Route
from pytest_llmcreds.server._shapes import (
    KEY_INFO_BODIES,
    MODEL_LIST_ENDINGS,
    MODEL_LISTS,
)

logger = logging.getLogger("pytest_llmcreds.server")

#: Request headers that carry a credential, in the order they are read.
CREDENTIAL_HEADERS: tuple[str, ...] = (
    "authorization",
    "x-api-key",
    "api-key",
    "x-goog-api-key",
)

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class RecordedRequest:
    """A request the server received, each credential replaced by its fingerprint."""

    mount: str | None
    method: str
    path: str
    query: str
    headers: Mapping[str, str]
    #: Fingerprint and SHA-256 digest of the credential, when one was sent.
    credential: str | None
    credential_digest: str | None
    credential_header: str | None
    accepted: bool
    body: bytes = b""
    received_at: float = field(default_factory=time.monotonic)


def read_credential(headers: Mapping[str, str]) -> tuple[str | None, str | None]:
    """Return the credential a request carries and the header it came in."""
    lowered = {name.lower(): value for name, value in headers.items()}
    for name in CREDENTIAL_HEADERS:
        value = lowered.get(name)
        if value is None:
            continue
        if name == "authorization":
            scheme, _, token = value.partition(" ")
            if scheme.lower() != "bearer":
                continue
            value = token
        return value, name
    return None, None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True
    # The default backlog of 5 drops the SYN of a sixth parallel client,
    # which then retries after a second.
    request_queue_size = 128

    def __init__(self, owner: FakeProvider) -> None:
        self.owner = owner
        self.open_sockets: set[socket.socket] = set()
        self.sockets_lock = threading.Lock()
        if ":" in owner.host:
            self.address_family = socket.AF_INET6
        super().__init__((owner.host, owner.requested_port), owner.handler_class)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that rejects the certificate or drops a huge body breaks
        # its connection on purpose: log it instead of printing a traceback.
        logger.debug("fake provider: a connection ended with an error")


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        with self.server.sockets_lock:
            self.server.open_sockets.add(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            with self.server.sockets_lock:
                self.server.open_sockets.discard(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("fake provider: " + format, *args)

    def do_GET(self) -> None:
        self._respond()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = do_GET

    def _respond(self) -> None:
        owner = self.server.owner
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        split = urlsplit(self.path)
        headers = dict(self.headers.items())
        reply, mount_name, accepted = owner.choose_reply(
            self.command, split.path, headers, split.query
        )
        owner.record(self.command, split, headers, body, mount_name, accepted)
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        stop = self.server.owner.stopping
        # Event.wait rejects math.inf; None waits until the server stops.
        delay = None if math.isinf(reply.delay) else reply.delay
        if reply.delay and stop.wait(delay):
            self.close_connection = True
            return
        if reply.fault == "close":
            self._reset_connection()
            return
        if reply.fault == "huge":
            self._send_huge(reply)
            return
        payload = reply.encoded_body()
        self.send_response(reply.status)
        self._send_headers(reply, len(payload))
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _send_headers(self, reply: Reply, length: int) -> None:
        names = {name.lower() for name in reply.headers}
        for name, value in reply.headers.items():
            # The server frames the body itself; a recorded length would lie.
            if name.lower() in ("content-length", "transfer-encoding"):
                continue
            self.send_header(name, value)
        if "content-type" not in names:
            self.send_header("content-type", reply.content_type())
        self.send_header("content-length", str(length))
        self.end_headers()

    def _send_huge(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self._send_headers(reply, reply.size)
        chunk = b"[" + b"0," * (_CHUNK // 2 - 1) + b"0"
        sent = 0
        try:
            while sent < reply.size and not self.server.owner.stopping.is_set():
                piece = chunk[: reply.size - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:
            # The client stopped reading, which is what a bounded reader does.
            self.close_connection = True

    def _reset_connection(self) -> None:
        # SO_LINGER with a zero timeout makes close() send a TCP RST.
        self.connection.setsockopt(
            socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
        )
        self.close_connection = True


class FakeProvider:
    """A loopback HTTP(S) server that plays one or more LLM providers.

    Mount each provider with :meth:`mount`, point the code under test at
    :meth:`base_url` (or pass :meth:`environ` to a subprocess), and read what
    arrived in :attr:`requests`. Use it as a context manager: the server,
    its threads and sockets are gone when the block ends, even after a
    failure.
    """

    #: The request handler; a subclass of ``_Handler`` can change the responses.
    handler_class: type[_Handler] = _Handler

    def __init__(
        self, *, tls: bool = False, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.tls = tls
        #: The address to bind; port 0 lets the system pick a free port.
        self.host = host
        self.requested_port = port
        self.stopping = threading.Event()
        self._mounts: list[Mount] = []
        self._requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        self.ca_path: Path | None = None

    # Lifecycle

    def start(self) -> FakeProvider:
        if self._server is not None:
            return self
        server = _Server(self)
        try:
            if self.tls:
                self._wrap_tls(server)
        except BaseException:
            server.server_close()
            raise
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fake-provider-{self.port}",
            daemon=True,
        )
        self._thread.start()
        logger.debug("fake provider started on %s", self.origin)
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        self.stopping.set()
        server.shutdown()
        with server.sockets_lock:
            for connection in list(server.open_sockets):
                _shutdown_quietly(connection)
        server.server_close()
        if thread is not None:
            thread.join()
        self._server = self._thread = None
        if self._tempdir is not None:
            self._tempdir.cleanup()
            self._tempdir = None
        logger.debug("fake provider stopped")

    def __enter__(self) -> FakeProvider:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def _wrap_tls(self, server: _Server) -> None:
        import trustme

        authority = trustme.CA()
        certificate = authority.issue_cert("127.0.0.1", "localhost")
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        certificate.configure_cert(context)
        self._tempdir = tempfile.TemporaryDirectory(prefix="llmcreds-ca-")
        self.ca_path = Path(self._tempdir.name) / "ca.pem"
        authority.cert_pem.write_to_path(str(self.ca_path))
        # The handshake runs in the connection's own thread, on first read,
        # so a client that never completes it cannot block accept().
        server.socket = context.wrap_socket(
            server.socket, server_side=True, do_handshake_on_connect=False
        )

    # Addresses

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the fake provider is not running; call start()")
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        scheme = "https" if self.tls else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    def base_url(self, provider: str) -> str:
        """Return the base URL an SDK for ``provider`` should use."""
        mount = self._mount_named(provider)
        return self.origin + mount.prefix + mount.base_path

    def environ(self) -> dict[str, str]:
        """Return variables that point a subprocess's SDKs at this server.

        Each mounted built-in provider whose SDK reads a base URL variable
        gets it. ``NO_PROXY`` keeps proxies out of loopback traffic, and
        ``SSL_CERT_FILE`` makes clients trust the server's certificate
        authority.
        """
        from pytest_llmcreds.providers import builtin_providers

        specs = {spec.name: spec for spec in builtin_providers()}
        found: dict[str, str] = {"NO_PROXY": "127.0.0.1,localhost"}
        for mount in self._mounts:
            spec = specs.get(mount.name)
            if spec is None or not spec.base_url_vars:
                continue
            found[spec.base_url_vars[0]] = self.base_url(mount.name)
        if self.ca_path is not None:
            found["SSL_CERT_FILE"] = str(self.ca_path)
        return found

    # Configuration

    def mount(
        self,
        name: str,
        *,
        keys: tuple[str, ...] | None = None,
        models: tuple[str, ...] | None = None,
        shape: Any = "openai",
        fail: Reply | None = None,
        routes: tuple[Route, ...] = (),
        base_path: str = "",
        prefix: str | None = None,
        delay: float = 0.0,
    ) -> Mount:
        """Serve a fake ``name`` under ``prefix`` (``/NAME`` unless given)."""
        if any(existing.name == name for existing in self._mounts):
            raise ValueError(f"provider {name!r} is already mounted")
        mount = Mount(
            name=name,
            prefix=f"/{name}" if prefix is None else prefix.rstrip("/"),
            keys=keys,
            models=models,
            shape=shape,
            routes=routes,
            base_path=base_path,
            delay=delay,
        )
        if fail is not None:
            mount.fail = fail
        with self._lock:
            self._mounts.append(mount)
            # Longest prefix first, so "/openai_gw" never shadows itself.
            self._mounts.sort(key=lambda m: len(m.prefix), reverse=True)
        return mount

    def _mount_named(self, name: str) -> Mount:
        for mount in self._mounts:
            if mount.name == name:
                return mount
        raise KeyError(f"no provider {name!r} is mounted on the fake provider")

    # Requests

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._requests)

    def requests_for(self, provider: str) -> list[RecordedRequest]:
        return [r for r in self.requests if r.mount == provider]

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def choose_reply(
        self, method: str, path: str, headers: Mapping[str, str], query: str = ""
    ) -> tuple[Reply, str | None, bool]:
        """Pick the response to one request: a route, the key failure or a listing."""
        mount = self._mount_for(path)
        if mount is None:
            return _not_found(method, path), None, False
        relative = path[len(mount.prefix) :] or "/"
        credential, _ = read_credential(headers)
        accepted = mount.accepts(credential)
        reply = _route_reply(mount, method, relative, query, accepted)
        if reply is None:
            reply = mount.fail if not accepted else _standard_reply(mount, relative)
        if reply is None:
            reply = _not_found(method, relative)
        if mount.delay:
            reply = replace(reply, delay=reply.delay + mount.delay)
        return reply, mount.name, accepted

    def _mount_for(self, path: str) -> Mount | None:
        for mount in self._mounts:
            if path == mount.prefix or path.startswith(mount.prefix + "/"):
                return mount
        return None

    def record(
        self,
        method: str,
        split: Any,
        headers: Mapping[str, str],
        body: bytes,
        mount: str | None,
        accepted: bool,
    ) -> None:
        credential, header = read_credential(headers)
        secret = Secret(credential) if credential is not None else None
        shown = {
            name: (
                secret.fingerprint
                if secret and name.lower() in CREDENTIAL_HEADERS
                else value
            )
            for name, value in headers.items()
        }
        request = RecordedRequest(
            mount=mount,
            method=method,
            path=split.path,
            query=split.query,
            headers=shown,
            credential=secret.fingerprint if secret else None,
            credential_digest=secret.digest if secret else None,
            credential_header=header,
            accepted=accepted,
            body=body,
        )
        with self._lock:
            self._requests.append(request)


def _route_reply(
    mount: Mount, method: str, relative: str, query: str, accepted: bool
) -> Reply | None:
    for route in mount.routes:
        if route.method is not None and route.method.upper() != method:
            continue
        if route.requires_key and not accepted:
            continue
        if route.query is not None and route.query not in query:
            continue
        if relative.startswith(route.path):
            return route.reply
    return None


def _standard_reply(mount: Mount, relative: str) -> Reply | None:
    if mount.models is not None and relative.endswith(MODEL_LIST_ENDINGS):
        return Reply(body=MODEL_LISTS[mount.shape](mount.models))
    for ending, body in KEY_INFO_BODIES.items():
        if relative.endswith(ending):
            return Reply(body=body)
    return None


def _not_found(method: str, path: str) -> Reply:
    # OpenAI's response to an unknown path: 404 with "Invalid URL".
    return Reply.json(
        {
            "error": {
                "message": f"Invalid URL ({method} {path})",
                "type": "invalid_request_error",
                "param": None,
                "code": None,
            }
        },
        status=404,
    )


def _shutdown_quietly(connection: socket.socket) -> None:
    # OSError: the client or the handler closed it already.
    with contextlib.suppress(OSError):
        connection.shutdown(socket.SHUT_RDWR)
