"""The error catalogue and success answers of ``llm_mock``, served over real HTTP.

The responses come from an ``LLMMock`` that is never entered, so it patches
no HTTP library: the loopback server hands it each request it receives and
writes the response it computes to the socket. Planned failures, ``times``,
``model``, request ids and ``retry-after`` therefore behave exactly as they
do under the ``llm_mock`` fixture.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import httpx

from pytest_llmcreds.simulate import FAST_RETRY_AFTER, LLMMock, PlannedFailure, _answers
from pytest_llmcreds.simulate._models import Family
from pytest_llmcreds.simulate._transport import SimulatedTransportError

TransportFailure = Literal["read_timeout", "connect_error"]

#: Response headers that the server sets itself, because it frames the body.
_FRAMING_HEADERS = frozenset({"content-length", "transfer-encoding", "connection"})


@dataclass(frozen=True)
class Simulated:
    """A computed response: status, headers and the body in the pieces to send."""

    status: int
    headers: tuple[tuple[str, str], ...]
    chunks: tuple[bytes, ...]
    #: True for a streamed body, which is sent with chunked transfer encoding.
    streamed: bool

    @property
    def body(self) -> bytes:
        return b"".join(self.chunks)


@dataclass(frozen=True)
class NotAnEndpoint:
    """A request to a path that none of the provider's endpoints serves."""

    endpoints: tuple[str, ...]


Outcome = Simulated | TransportFailure | NotAnEndpoint


class CatalogueResponder:
    """Computes each provider's response from the ``llm_mock`` catalogue.

    Handler threads call :meth:`respond` concurrently; a lock serialises
    them because ``LLMMock`` counts served failures without one.
    """

    def __init__(self, *, retry_after: float = FAST_RETRY_AFTER) -> None:
        self._mock = LLMMock(retry_after=retry_after)
        self._lock = threading.Lock()

    def add(self, provider: str) -> None:
        """Serve ``provider``, with success answers until a failure is planned."""
        with self._lock:
            self._mock.succeed(provider)

    def fail(
        self,
        provider: str,
        scenario: str,
        *,
        times: int | None,
        model: str | None,
        retry_after: float | str | None,
    ) -> PlannedFailure:
        with self._lock:
            return self._mock.fail(
                provider, scenario, times=times, model=model, retry_after=retry_after
            )

    def reset(self, provider: str | None = None) -> None:
        with self._lock:
            self._mock.reset(provider)

    def respond(
        self,
        provider: str,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: bytes,
    ) -> Outcome:
        """Return the response to one request, as ``llm_mock`` would send it."""
        request = httpx.Request(method, url, headers=headers, content=body)
        with self._lock:
            # NOTE: _states and _serve are LLMMock internals; they are the
            # one place where a request becomes a catalogue response.
            state = self._mock._states[provider]
            try:
                response = self._mock._serve(state, request)
            except SimulatedTransportError as error:
                return error.failure
        if response is None:
            return _not_an_endpoint(state.errors.family)
        return _simulated(response, request)


def _not_an_endpoint(family: Family) -> NotAnEndpoint:
    return NotAnEndpoint(tuple(_answers.endpoint_names(family)))


def _simulated(response: httpx.Response, request: httpx.Request) -> Simulated:
    chunks = tuple(response.stream)  # type: ignore[arg-type]
    streamed = "content-length" not in response.headers
    headers = tuple(
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in _FRAMING_HEADERS
    )
    if streamed and _wants_json_array(request):
        chunks = _as_json_array(chunks)
    return Simulated(response.status_code, headers, chunks, streamed)


def _wants_json_array(request: httpx.Request) -> bool:
    # Gemini's streamGenerateContent sends server-sent events only for
    # ?alt=sse, which google-genai 3.6 always adds (models.py). Without it
    # the API streams one JSON array whose elements arrive one by one.
    path = request.url.path
    return path.endswith(":streamGenerateContent") and (
        request.url.params.get("alt") != "sse"
    )


def _as_json_array(chunks: tuple[bytes, ...]) -> tuple[bytes, ...]:
    values = [_event_data(chunk) for chunk in chunks]
    pieces = [b"[" + values[0]] + [b",\r\n" + value for value in values[1:]]
    return (*pieces, b"]")


def _event_data(chunk: bytes) -> bytes:
    """Return the JSON text of a ``data:`` event, compacted."""
    text = chunk.decode("utf-8").strip()
    if text.startswith("data:"):
        text = text[len("data:") :].strip()
    return json.dumps(json.loads(text), separators=(",", ":")).encode()


def endpoint_summary(
    outcome: NotAnEndpoint, method: str, path: str
) -> dict[str, object]:
    """Return the 404 body for a path that no endpoint of the provider serves."""
    return {
        "error": {
            "message": f"Invalid URL ({method} {path}); the fake provider serves "
            f"{', '.join(outcome.endpoints)}",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }
    }


__all__ = [
    "CatalogueResponder",
    "NotAnEndpoint",
    "Outcome",
    "Simulated",
    "TransportFailure",
    "endpoint_summary",
]
