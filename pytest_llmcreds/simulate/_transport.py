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

import functools
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import inspect
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any, ClassVar, Literal

import httpx
from respx.mocks import AbstractRequestMocker
from respx.models import PassThrough
from respx.patterns import parse_url

from pytest_llmcreds.simulate._request_head import check_request_head

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


@functools.lru_cache(maxsize=256)
def _httpx_url(
    scheme: bytes, host: bytes, port: int | None, target: bytes
) -> httpx.URL:
    # httpx.URL is immutable, and tests send to the same few URLs again and
    # again, so the parsed URL is cached.
    return parse_url((scheme, host, port, target))


class _PoolMocker(AbstractRequestMocker):
    """Shared conversion for one httpcore-like module (``httpcore``/``httpcore2``).

    respx's ``start``/``stop`` re-patch the targets through ``unittest.mock``
    for every router, which cost about a millisecond per test in
    ``benchmarks/bench_llm_mock.py``. These mockers
    instead install their wrappers once per process and leave them in place:
    while no router is registered a wrapper calls the original method at
    once, so a request outside ``llm_mock`` goes where it would have gone.
    ``start`` re-installs a wrapper that another patcher removed.
    """

    module_name: ClassVar[str]
    _originals: ClassVar[dict[tuple[str, str], Any]]
    _wrappers: ClassVar[dict[tuple[str, str], Any]]
    #: (module, module name, class, method name, wrapper) of each installed
    #: wrapper, checked on every ``start``.
    _installed: ClassVar[list[tuple[Any, str, Any, str, Any]]]

    def __init_subclass__(cls) -> None:
        super().__init_subclass__()
        cls._originals = {}
        cls._wrappers = {}
        cls._installed = []

    @classmethod
    def _module(cls) -> Any:
        module = sys.modules.get(cls.module_name)
        if module is None:
            module = importlib.import_module(cls.module_name)
        return module

    @classmethod
    def start(cls) -> None:
        # The module is compared with sys.modules because a module removed
        # from sys.modules and imported again (pytester's in-process runs do
        # this) brings new pool classes without the wrappers.
        if cls._installed and all(
            sys.modules.get(name) is module and owner.__dict__.get(method) is wrapper
            for module, name, owner, method, wrapper in cls._installed
        ):
            return
        for target in cls.targets:
            module_name, _, class_name = target.rpartition(".")
            owner = getattr(importlib.import_module(module_name), class_name)
            for method in cls.target_methods:
                if hasattr(owner, method):
                    cls._install(target, owner, method)

    @classmethod
    def _install(cls, target: str, owner: type, method: str) -> None:
        key = (target, method)
        current = owner.__dict__.get(method)
        if current is not None and current is cls._wrappers.get(key):
            return
        original = getattr(owner, method)
        wrapper = cls._wrapper(original)
        cls._originals[key] = original
        cls._wrappers[key] = wrapper
        setattr(owner, method, wrapper)
        cls._installed = [
            cls._installed_entry(target, name, installed)
            for (target, name), installed in cls._wrappers.items()
        ]

    @classmethod
    def _installed_entry(
        cls, target: str, method: str, wrapper: Any
    ) -> tuple[Any, str, Any, str, Any]:
        module_name, _, class_name = target.rpartition(".")
        module = sys.modules[module_name]
        return (module, module_name, getattr(module, class_name), method, wrapper)

    @classmethod
    def stop(cls, force: bool = False) -> None:
        # The wrappers stay installed; with no router they pass through.
        return

    @classmethod
    def _wrapper(cls, original: Any) -> Any:
        intercept = cls.mock(original)
        if inspect.iscoroutinefunction(original):

            async def handle_async_request(self: Any, request: Any) -> Any:
                if not cls.routers:
                    return await original(self, request)
                return await intercept(self, request)

            return handle_async_request

        def handle_request(self: Any, request: Any) -> Any:
            if not cls.routers:
                return original(self, request)
            return intercept(self, request)

        return handle_request

    @classmethod
    def mock(cls, spec: Any) -> Any:
        """Return the replacement for the pool method ``spec``.

        It does what respx's ``AbstractRequestMocker.mock`` does for a pool
        method, whose only argument is the request, without the generic
        argument merging that costs more than the routing itself.
        """
        if inspect.iscoroutinefunction(spec):

            async def amock(self: Any, request: Any) -> Any:
                cls._check_request_head(request)
                httpx_request = cls.to_httpx_request(request=request)
                await httpx_request.aread()
                return await cls._send_async(
                    httpx_request, target_spec=spec, instance=self, request=request
                )

            return amock

        def mock(self: Any, request: Any) -> Any:
            cls._check_request_head(request)
            httpx_request = cls.to_httpx_request(request=request)
            httpx_request.read()
            return cls._send_sync(
                httpx_request, target_spec=spec, instance=self, request=request
            )

        return mock

    @classmethod
    def _check_request_head(cls, request: Any) -> None:
        # NOTE: this is the HTTP/1.1 check. A client with http2=True that
        # negotiates HTTP/2 is validated by h2 instead, which rejects more
        # (uppercase names, connection-specific headers).
        check_request_head(cls._module(), request)

    @classmethod
    def to_httpx_request(cls, **kwargs: Any) -> httpx.Request:
        request = kwargs["request"]
        method = request.method
        if isinstance(method, bytes):
            method = method.decode("ascii")
        url = _httpx_url(
            request.url.scheme, request.url.host, request.url.port, request.url.target
        )
        return httpx.Request(
            method,
            url,
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
    def _send_sync(
        cls,
        httpx_request: httpx.Request,
        *,
        target_spec: Any,
        instance: Any,
        request: Any,
    ) -> Any:
        try:
            httpx_response = cls.handler(httpx_request)  # type: ignore[no-untyped-call]
        except SimulatedTransportError as error:
            raise cls._pool_error(error) from None
        except PassThrough:
            return target_spec(instance, request)
        return cls.from_sync_httpx_response(httpx_response, instance)

    @classmethod
    async def _send_async(
        cls,
        httpx_request: httpx.Request,
        *,
        target_spec: Any,
        instance: Any,
        request: Any,
    ) -> Any:
        try:
            httpx_response = await cls.async_handler(httpx_request)  # type: ignore[no-untyped-call]
        except SimulatedTransportError as error:
            raise cls._pool_error(error) from None
        except PassThrough:
            return await target_spec(instance, request)
        return await cls.from_async_httpx_response(httpx_response, instance)


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


@functools.cache
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


class AiohttpGuard:
    """Blocks aiohttp requests while a mock is active, since nothing routes them.

    google-genai 3.x sends its async requests through aiohttp whenever aiohttp
    is installed, so without this guard they would reach the network. The
    guard wraps ``aiohttp.ClientSession._request`` once per process: at once
    when aiohttp is imported, otherwise right after its first import, through
    an import hook (importing aiohttp eagerly would cost every test run about
    0.1 s). With no blocker set the wrapper passes through.
    """

    blocker: ClassVar[Callable[[str, str], Exception] | None] = None
    _done: ClassVar[bool] = False

    @classmethod
    def install(cls) -> None:
        if cls._done:
            return
        cls._done = True
        aiohttp = sys.modules.get("aiohttp")
        if aiohttp is None:
            sys.meta_path.insert(0, _AiohttpImportHook())
            return
        cls.wrap(aiohttp)

    @classmethod
    def wrap(cls, aiohttp: Any) -> None:
        session_class = aiohttp.ClientSession
        original = session_class._request

        async def _request(self: Any, method: str, url: Any, **kwargs: Any) -> Any:
            if cls.blocker is not None:
                raise cls.blocker(method, str(url))
            return await original(self, method, url, **kwargs)

        session_class._request = _request


class _AiohttpImportHook(importlib.abc.MetaPathFinder):
    """Wraps aiohttp's session as soon as aiohttp is first imported."""

    def find_spec(
        self, fullname: str, path: Any = None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "aiohttp":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _WrappingLoader(spec.loader)
        return spec


class _WrappingLoader(importlib.abc.Loader):
    """A loader that runs the real one, then wraps the module's session."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> Any:
        return self._loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self._loader.exec_module(module)
        AiohttpGuard.wrap(module)

    def __getattr__(self, name: str) -> Any:
        # Resource readers and the like come from the real loader.
        return getattr(self._loader, name)
