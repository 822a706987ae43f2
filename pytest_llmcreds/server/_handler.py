"""The request handler that writes catalogue responses and faults to the socket."""

from __future__ import annotations

import json
import logging
import select
import socket
import ssl
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from pytest_llmcreds.server._faults import PlannedFault
from pytest_llmcreds.server._http import _Handler, read_credential
from pytest_llmcreds.server._routes import Reply
from pytest_llmcreds.server._simulated import (
    NotAnEndpoint,
    Simulated,
    TransportFailure,
    endpoint_summary,
)

if TYPE_CHECKING:
    from pytest_llmcreds.server._loopback import ProviderServer

logger = logging.getLogger("pytest_llmcreds.server")

#: Seconds between two checks of a hanging connection for a client that left.
_HANG_POLL = 0.05
#: The largest request body read, so that a runaway client cannot fill memory.
_MAX_BODY = 64 * 1024 * 1024


class CatalogueHandler(_Handler):
    """Serves one provider: faults first, then the ``llm_mock`` catalogue."""

    def _respond(self) -> None:
        owner: ProviderServer = self.server.owner  # type: ignore[assignment]
        body = self._read_body()
        split = urlsplit(self.path)
        headers = dict(self.headers.items())
        owner.record(self.command, split, headers, body, owner.provider, True)

        fault = owner.take_fault()
        if fault is not None and fault.replaces_response:
            self._log(split.path, f"fault {fault.kind}")
            self._replace(fault)
            return

        responder = owner.responder_for(_credential_of(headers, split.query))
        try:
            outcome = responder.respond(
                owner.provider, self.command, owner.origin + self.path, headers, body
            )
        except Exception as error:
            # Without this the client would see a dropped connection and the
            # test a transport error with no hint of the cause.
            logger.exception("fake %s: computing the response failed", owner.provider)
            outcome = _internal_error(error)
        if isinstance(outcome, str):
            self._log(split.path, outcome)
            self._fail_transport(outcome)
            return
        if isinstance(outcome, NotAnEndpoint):
            outcome = _not_found(outcome, self.command, split.path)
        self._log(split.path, _summary(outcome, fault))
        self._write(outcome, fault)

    def _log(self, path: str, result: str) -> None:
        provider = self.server.owner.provider  # type: ignore[attr-defined]
        logger.info("%s %s %s -> %s", provider, self.command, path, result)

    def _read_body(self) -> bytes:
        if self.headers.get("transfer-encoding", "").lower() == "chunked":
            return self._read_chunked()
        length = int(self.headers.get("content-length") or 0)
        if length > _MAX_BODY:
            # The unread rest would be taken for the next request.
            self.close_connection = True
        return self.rfile.read(min(length, _MAX_BODY)) if length else b""

    def _read_chunked(self) -> bytes:
        # RFC 9112 section 7.1: a size line in hex, the data and CRLF, until a
        # chunk of size 0.
        parts: list[bytes] = []
        while sum(len(part) for part in parts) < _MAX_BODY:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                self.rfile.readline()
                break
            parts.append(self.rfile.read(size))
            self.rfile.readline()
        return b"".join(parts)

    # Faults that replace the response.

    def _replace(self, fault: PlannedFault) -> None:
        if fault.kind == "disconnect":
            # Nothing is sent: the client reads end-of-file instead of a
            # status line.
            self.close_connection = True
            return
        replies: dict[str, Callable[[], Reply]] = {
            "reset": Reply.close,
            "malformed_json": lambda: Reply.malformed_json(fault.status),
            "html": lambda: Reply.html(fault.status),
            "huge_body": lambda: Reply.huge(fault.size),
        }
        self._send(replies[fault.kind]())

    def _fail_transport(self, failure: TransportFailure) -> None:
        if failure == "connect_error":
            # A server cannot refuse a connection it has accepted. A reset is
            # the nearest failure, and SDKs map both to their connection error.
            self._reset_connection()
            return
        self._hang()

    def _hang(self) -> None:
        """Send nothing until the client closes the connection or the server stops."""
        self.close_connection = True
        stopping = self.server.owner.stopping
        while not stopping.wait(_HANG_POLL):
            if self._client_left():
                return

    def _client_left(self) -> bool:
        connection = self.connection
        if isinstance(connection, ssl.SSLSocket):
            # TLS sockets reject MSG_PEEK, so such a hang ends when the server
            # stops.
            return False
        readable, _, _ = select.select([connection], [], [], 0)
        if not readable:
            return False
        try:
            return bool(connection.recv(1, socket.MSG_PEEK) == b"")
        except OSError as error:
            logger.debug("fake provider: a hanging connection failed: %s", error)
            return True

    # Writing a response, with the faults that change how it is sent.

    def _write(self, response: Simulated, fault: PlannedFault | None) -> None:
        stopping = self.server.owner.stopping
        latency = fault.seconds if fault is not None and fault.kind == "latency" else 0
        if latency and stopping.wait(latency):
            self.close_connection = True
            return
        self.send_response(response.status)
        for name, value in response.headers:
            self.send_header(name, value)
        if response.streamed:
            self.send_header("transfer-encoding", "chunked")
        else:
            self.send_header("content-length", str(len(response.body)))
        self.end_headers()
        if self.command == "HEAD":
            return
        try:
            self._write_body(response, fault)
        except OSError as error:
            # The client closed the connection while the body was sent.
            logger.debug("fake provider: the client left mid-body: %s", error)
            self.close_connection = True

    def _write_body(self, response: Simulated, fault: PlannedFault | None) -> None:
        pieces, complete = _pieces(response, fault)
        pause = fault.seconds if fault is not None and fault.kind == "drip" else 0.0
        stopping = self.server.owner.stopping
        for piece in pieces:
            if pause and stopping.wait(pause):
                self.close_connection = True
                return
            self.wfile.write(_frame(piece) if response.streamed else piece)
        if not complete:
            # Closing here, without the rest of the body or the final chunk,
            # is what the client sees as a protocol error.
            self.close_connection = True
            return
        if response.streamed:
            self.wfile.write(b"0\r\n\r\n")


def _credential_of(headers: dict[str, str], query: str) -> str | None:
    credential, _ = read_credential(headers)
    if credential is not None:
        return credential
    # Some Gemini clients send the key as ?key= instead of the x-goog-api-key
    # header of the Gemini API reference.
    values = parse_qs(query).get("key")
    return values[0] if values else None


def _summary(response: Simulated, fault: PlannedFault | None) -> str:
    text = str(response.status) + (" streamed" if response.streamed else "")
    return text if fault is None else f"{text}, fault {fault.kind}"


def _frame(piece: bytes) -> bytes:
    # RFC 9112 section 7.1: one chunk is its size in hex, CRLF, data, CRLF.
    return f"{len(piece):x}\r\n".encode() + piece + b"\r\n"


def _pieces(
    response: Simulated, fault: PlannedFault | None
) -> tuple[list[bytes], bool]:
    """Return the body pieces to send and whether they make the whole body."""
    chunks = list(response.chunks)
    if fault is None:
        return chunks, True
    if fault.kind == "drip":
        size = fault.piece_size
        return [c[i : i + size] for c in chunks for i in range(0, len(c), size)], True
    if fault.kind == "truncate_stream":
        if response.streamed:
            return chunks[: fault.after_chunks], False
        body = response.body
        return [body[: len(body) // 2]], False
    if fault.kind == "disconnect" and fault.after_bytes is not None:
        return _cut(chunks, fault.after_bytes), False
    return chunks, True


def _cut(chunks: list[bytes], limit: int) -> list[bytes]:
    sent: list[bytes] = []
    left = limit
    for chunk in chunks:
        if left <= 0:
            break
        sent.append(chunk[:left])
        left -= len(chunk)
    return sent


def _internal_error(error: Exception) -> Simulated:
    message = f"the fake provider failed: {type(error).__name__}: {error}"
    body = json.dumps({"error": {"message": message, "type": "llmcreds_error"}})
    headers = (("content-type", "application/json"),)
    return Simulated(500, headers, (body.encode(),), streamed=False)


def _not_found(outcome: NotAnEndpoint, method: str, path: str) -> Simulated:
    body = json.dumps(endpoint_summary(outcome, method, path)).encode()
    headers = (("content-type", "application/json"),)
    return Simulated(404, headers, (body,), streamed=False)
