"""Interception of httpx and httpx2 at the connection-pool level, through respx.

httpx sends through ``httpcore`` and httpx2 through ``httpcore2``, a separate
module that respx's own mockers do not patch. Both mockers here replace the
pools' ``handle_request`` methods, turn the pool's request into an
``httpx.Request`` for a respx router, and turn the router's ``httpx.Response``
back into the pool's response type. Because the replacement sits below the
client's transport, each HTTP library still maps transport failures to its own
exceptions: a simulated read timeout reaches the SDK as ``httpx.ReadTimeout``
or ``httpx2.ReadTimeout``, exactly as it would in production.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any, ClassVar, Literal

import httpx
from respx.mocks import AbstractRequestMocker
from respx.patterns import parse_url

TransportFailure = Literal["read_timeout", "connect_error"]

# The pool exception that each failure stands for; the client's transport
# maps it to ``httpx.ReadTimeout`` / ``httpx.ConnectError`` (or the httpx2
# classes of the same names).
_POOL_EXCEPTIONS: dict[TransportFailure, str] = {
    "read_timeout": "ReadTimeout",
    "connect_error": "ConnectError",
}


class SimulatedTransportError(Exception):
    """A transport failure to raise from the pool of whichever stack sent it."""

    def __init__(self, failure: TransportFailure, message: str) -> None:
        super().__init__(message)
        self.failure = failure
        self.message = message


class ChunkedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A response body sent in separate chunks, for sync and async pools alike.

    Server-sent event streams must arrive in chunks so that an SDK's stream
    iterator yields the first events before it reaches the error event.
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = tuple(chunks)

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks:
            yield chunk


class _PoolMocker(AbstractRequestMocker):
    """Shared conversion for one httpcore-like module (``httpcore``/``httpcore2``)."""

    module_name: ClassVar[str]

    @classmethod
    def _module(cls) -> Any:
        return importlib.import_module(cls.module_name)

    @classmethod
    def to_httpx_request(cls, **kwargs: Any) -> httpx.Request:
        request = kwargs["request"]
        method = request.method
        if isinstance(method, bytes):
            method = method.decode("ascii")
        raw_url = (
            request.url.scheme,
            request.url.host,
            request.url.port,
            request.url.target,
        )
        return httpx.Request(
            method,
            parse_url(raw_url),
            headers=request.headers,
            stream=request.stream,
            extensions=request.extensions,
        )

    @classmethod
    def from_sync_httpx_response(
        cls, httpx_response: httpx.Response, target: Any, **kwargs: Any
    ) -> Any:
        module = cls._module()
        return module.Response(
            status=httpx_response.status_code,
            headers=httpx_response.headers.raw,
            content=httpx_response.stream,
            extensions=httpx_response.extensions,
        )

    @classmethod
    async def from_async_httpx_response(
        cls, httpx_response: httpx.Response, target: Any, **kwargs: Any
    ) -> Any:
        return cls.from_sync_httpx_response(httpx_response, target, **kwargs)

    @classmethod
    def _pool_error(cls, error: SimulatedTransportError) -> Exception:
        exception_class = getattr(cls._module(), _POOL_EXCEPTIONS[error.failure])
        return exception_class(error.message)  # type: ignore[no-any-return]

    @classmethod
    def _send_sync_request(
        cls, httpx_request: httpx.Request, **kwargs: Any
    ) -> Any:
        try:
            return super()._send_sync_request(httpx_request, **kwargs)
        except SimulatedTransportError as error:
            raise cls._pool_error(error) from None

    @classmethod
    async def _send_async_request(
        cls, httpx_request: httpx.Request, **kwargs: Any
    ) -> Any:
        try:
            return await super()._send_async_request(httpx_request, **kwargs)
        except SimulatedTransportError as error:
            raise cls._pool_error(error) from None


class HttpcoreMocker(_PoolMocker):
    """Patches httpcore's pools, which every default ``httpx`` client uses."""

    name = "llmcreds-httpcore"
    module_name = "httpcore"
    targets: ClassVar[list[str]] = [
        "httpcore._sync.connection_pool.ConnectionPool",
        "httpcore._async.connection_pool.AsyncConnectionPool",
    ]
    target_methods: ClassVar[list[str]] = ["handle_request", "handle_async_request"]


class Httpcore2Mocker(_PoolMocker):
    """Patches httpcore2's pools, which every default ``httpx2`` client uses.

    ``HTTPProxy`` and ``SOCKSProxy`` subclass ``ConnectionPool`` without
    overriding ``handle_request``, so clients behind a proxy are covered too.
    """

    name = "llmcreds-httpcore2"
    module_name = "httpcore2"
    targets: ClassVar[list[str]] = [
        "httpcore2._sync.connection_pool.ConnectionPool",
        "httpcore2._async.connection_pool.AsyncConnectionPool",
    ]
    target_methods: ClassVar[list[str]] = ["handle_request", "handle_async_request"]


def available_mockers() -> tuple[type[_PoolMocker], ...]:
    """Return the mockers whose HTTP stack is installed."""
    mockers: list[type[_PoolMocker]] = []
    for mocker in (HttpcoreMocker, Httpcore2Mocker):
        try:
            importlib.import_module(mocker.module_name)
        except ImportError:
            continue
        mockers.append(mocker)
    return tuple(mockers)
