"""``LLMMock``: route provider requests to simulated errors and success responses.

One respx router serves both HTTP stacks. Each provider that a test calls
``fail`` or ``succeed`` on gets routes for its default hosts, the base URL in
its SDK's environment variable and any ``base_url=``. Every other request
raises :class:`UnmatchedRequestError` at once. When the mock exits it raises
again for the blocked requests that the test's failure does not show, because
SDKs wrap transport exceptions and an application may swallow them.
"""

from __future__ import annotations

import functools
import json
import operator
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import respx
from respx.models import AllMockedAssertionError, SideEffectError
from respx.patterns import M

from pytest_llmcreds.providers import ProviderSpec, builtin_providers
from pytest_llmcreds.simulate import _answers
from pytest_llmcreds.simulate._models import ProviderErrors, Scenario
from pytest_llmcreds.simulate._transport import (
    AiohttpGuard,
    ChunkedStream,
    SimulatedTransportError,
    available_mockers,
)
from pytest_llmcreds.simulate.catalogue import errors_of, scenario_of

#: Seconds sent in ``retry-after`` on retryable errors unless a test requests
#: the recorded value: SDKs sleep that long between attempts.
FAST_RETRY_AFTER = 0.002
#: Statuses that the Stainless-generated SDKs (openai, anthropic, groq,
#: together) retry, so a response with them needs a short ``retry-after``.
_RETRIED_STATUSES = frozenset({408, 409, 429})
_SECRET_HEADERS = frozenset(
    {
        "authorization",
        "proxy-authorization",
        "x-api-key",
        "api-key",
        "x-goog-api-key",
        "cookie",
    }
)
_SECRET_QUERY = frozenset({"key", "api_key", "api-key"})
REDACTED = "[redacted]"
#: Model named in success responses when the request names none.
_DEFAULT_MODEL = "llm-mock-model"


class UnmatchedRequestError(AllMockedAssertionError):
    """A request that matches no simulated provider and no user route."""

    def __init__(self, message: str, request_line: str | None = None) -> None:
        super().__init__(message)
        #: ``METHOD URL`` of the blocked request, credentials redacted, or
        #: None for the summary raised when the mock exits.
        self.request_line = request_line


@dataclass(frozen=True)
class RecordedRequest:
    """One request that reached ``llm_mock``, with credentials redacted.

    ``url`` and ``headers`` are redacted when first read, so that tests which
    never look at them do not pay for it.
    """

    provider: str
    method: str
    path: str
    endpoint: str
    model: str | None
    stream: bool
    json: Any
    #: The scenario id served, or None for a success response.
    scenario: str | None
    #: ``time.monotonic()`` when the request arrived.
    time: float
    #: The unredacted request, kept private so that no credential leaks out.
    _request: httpx.Request = field(repr=False, compare=False)

    @functools.cached_property
    def url(self) -> str:
        """The URL with credential query parameters redacted."""
        return redact_url(str(self._request.url))

    @functools.cached_property
    def headers(self) -> Mapping[str, str]:
        """The headers, lowercased, with credentials redacted."""
        return redact_headers(self._request.headers.multi_items())


@dataclass
class PlannedFailure:
    """A scenario to serve ``times`` times (every time when None)."""

    scenario: Scenario
    times: int | None
    model: str | None
    retry_after: float | str | None
    served: int = 0

    def applies_to(self, model: str | None, stream: bool) -> bool:
        if self.times is not None and self.served >= self.times:
            return False
        if self.model is not None and self.model != model:
            return False
        # An error event inside a stream needs a streaming request.
        return self.scenario.kind != "stream" or stream


RouteKey = tuple[str, tuple[str, ...]]


@dataclass
class _ProviderState:
    spec: ProviderSpec
    errors: ProviderErrors
    bases: list[str] = field(default_factory=list)
    route_keys: set[RouteKey] = field(default_factory=set)
    failures: list[PlannedFailure] = field(default_factory=list)


class _Router(respx.Router):
    """A respx router that one ``LLMMock`` at a time owns, reused across mocks.

    Creating a respx router or route costs a few tenths of a millisecond
    (each carries a ``unittest.mock`` call list), which would make every test
    slower than a plain respx route. So provider routes stay in the router
    when its mock exits, and a route matches only for the owner that
    activated it. For any other mock it does not match.
    """

    def __init__(self) -> None:
        super().__init__(assert_all_called=False, assert_all_mocked=True)
        self.owner: LLMMock | None = None
        self._provider_routes: dict[RouteKey, Any] = {}

    def add_provider_route(
        self, key: RouteKey, patterns: Callable[[], list[Any]]
    ) -> None:
        if key in self._provider_routes:
            return
        pattern = functools.reduce(operator.or_, patterns())
        self._provider_routes[key] = self.add(_ProviderRoute(self, key, pattern))

    def release(self) -> None:
        """Return the router to the pool unless a test added its own routes."""
        self.owner = None
        if len(self.routes) != len(self._provider_routes):
            return
        self.calls.clear()
        for route in self.routes:
            route.calls.clear()
        _ROUTER_POOL.append(self)

    def handler(self, request: httpx.Request) -> httpx.Response:
        try:
            return super().handler(request)
        except UnmatchedRequestError:
            raise
        except AllMockedAssertionError:
            raise self._unmatched(request) from None

    async def async_handler(self, request: httpx.Request) -> httpx.Response:
        try:
            return await super().async_handler(request)
        except UnmatchedRequestError:
            raise
        except AllMockedAssertionError:
            raise self._unmatched(request) from None

    def _unmatched(self, request: httpx.Request) -> UnmatchedRequestError:
        if self.owner is None:
            return UnmatchedRequestError(f"{request.method} {request.url} not mocked")
        return self.owner._unmatched(request)


_ROUTER_POOL: list[_Router] = []
#: Mocks inside their ``with`` block, innermost last.
_ACTIVE: list[LLMMock] = []


def _block_aiohttp(method: str, url: str) -> Exception:
    return _ACTIVE[-1]._unmatched_aiohttp(method, url)


def _take_router() -> _Router:
    return _ROUTER_POOL.pop() if _ROUTER_POOL else _Router()


class _ProviderRoute(respx.Route):
    """A provider's route: it gets the response from the router's owner.

    It overrides ``resolve`` instead of setting a side effect because respx
    inspects a side effect's signature on every call, which costs more than
    the rest of the routing.
    """

    def __init__(self, router: _Router, key: RouteKey, pattern: Any) -> None:
        super().__init__(pattern)
        self._router = router
        self._key = key

    def resolve(self, request: httpx.Request, **kwargs: Any) -> Any:
        owner = self._router.owner
        if owner is None:
            return None
        try:
            return owner._serve_route(self._key, request)
        except Exception as error:
            # The router records the call and re-raises the original error.
            raise SideEffectError(self, origin=error) from error


class LLMMock:
    """Simulated LLM providers for every httpx and httpx2 client in the process.

    Use it as a context manager (the ``llm_mock`` fixture does). ``router`` is
    a respx router for routes of your own: ``mock.router.get(url).respond(200)``.
    """

    def __init__(self, *, retry_after: float = FAST_RETRY_AFTER) -> None:
        self.retry_after = retry_after
        self.router = _take_router()
        self.router.owner = self
        self._specs = _specs_by_name()
        self._states: dict[str, _ProviderState] = {}
        self._requests: list[RecordedRequest] = []
        self._unmatched_requests: list[str] = []
        self._mockers = available_mockers()

    # Context management.

    def __enter__(self) -> LLMMock:
        for mocker in self._mockers:
            mocker.register(self.router)
            mocker.start()
        _ACTIVE.append(self)
        AiohttpGuard.install()
        AiohttpGuard.blocker = _block_aiohttp
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        for mocker in self._mockers:
            mocker.unregister(self.router)
        self.router.release()
        if self in _ACTIVE:
            _ACTIVE.remove(self)
        if not _ACTIVE:
            AiohttpGuard.blocker = None
        if exc_type is not None or not self._unmatched_requests:
            return
        swallowed = self._swallowed_requests()
        if swallowed:
            raise UnmatchedRequestError(_swallowed_summary(self, swallowed))

    # The test-facing API.

    def fail(
        self,
        provider: str,
        scenario: str,
        *,
        times: int | None = None,
        model: str | None = None,
        base_url: str | None = None,
        retry_after: float | str | None = None,
    ) -> PlannedFailure:
        """Respond to ``provider``'s requests with ``scenario``, then with success.

        ``times`` limits how many requests fail (every request when None);
        ``model`` limits the failure to requests for that model. By default a
        retryable error carries ``retry-after`` of ``FAST_RETRY_AFTER``
        seconds; pass ``retry_after="recorded"`` for the provider's recorded
        headers or a number of seconds.
        """
        if times is not None and times < 0:
            raise ValueError(f"times={times} is negative; use None or a count")
        if isinstance(retry_after, str) and retry_after != "recorded":
            raise ValueError(
                f"retry_after={retry_after!r} is invalid; use None, "
                "a number of seconds or 'recorded'"
            )
        state = self._state(provider, base_url)
        planned = PlannedFailure(
            scenario_of(provider, scenario), times, model, retry_after
        )
        state.failures.append(planned)
        return planned

    def succeed(self, provider: str, *, base_url: str | None = None) -> None:
        """Respond to ``provider``'s requests with success responses only."""
        self._state(provider, base_url)

    def reset(self, provider: str | None = None) -> None:
        """Forget planned failures and recorded requests, of one provider or all.

        The routes stay, so the provider then gets success responses.
        """
        for name, state in self._states.items():
            if provider is None or name == provider:
                state.failures.clear()
        self._requests = [
            r for r in self._requests if provider is not None and r.provider != provider
        ]

    def requests(self, provider: str | None = None) -> list[RecordedRequest]:
        """Return the recorded requests, all of them or those to ``provider``."""
        if provider is None:
            return list(self._requests)
        return [r for r in self._requests if r.provider == provider]

    @property
    def mocked(self) -> dict[str, list[str]]:
        """The base URLs served for each simulated provider."""
        return {name: list(state.bases) for name, state in self._states.items()}

    # Routing.

    def _state(self, provider: str, base_url: str | None) -> _ProviderState:
        errors = errors_of(provider)
        state = self._states.get(provider)
        if state is None:
            state = _ProviderState(self._specs[provider], errors)
            self._states[provider] = state
            self._add_default_routes(state)
        if base_url is not None:
            base = _normalise_base(state.spec, base_url)
            self._add_route(state, (base,), lambda: [M(url__startswith=base)])
        return state

    def _add_default_routes(self, state: _ProviderState) -> None:
        bases = _provider_bases(state.spec)
        hosts = (*state.spec.hosts, *state.errors.sdk_hosts)

        def patterns() -> list[Any]:
            by_base = [M(url__startswith=base) for base in bases]
            by_host = [M(host__regex=_host_regex(host)) for host in hosts]
            return by_base + by_host

        labels = (*bases, *(f"https://{host} (and subdomains)" for host in hosts))
        self._add_route(state, labels, patterns)

    def _add_route(
        self,
        state: _ProviderState,
        labels: tuple[str, ...],
        patterns: Callable[[], list[Any]],
    ) -> None:
        key = (state.spec.name, labels)
        if key in state.route_keys:
            return
        state.route_keys.add(key)
        state.bases.extend(label for label in labels if label not in state.bases)
        self.router.add_provider_route(key, patterns)

    def _serve_route(
        self, key: RouteKey, request: httpx.Request
    ) -> httpx.Response | None:
        state = self._states.get(key[0])
        if state is None or key not in state.route_keys:
            return None
        return self._serve(state, request)

    def _serve(
        self, state: _ProviderState, request: httpx.Request
    ) -> httpx.Response | None:
        endpoint = _answers.find_endpoint(
            state.errors.family, request.method, request.url.path
        )
        if endpoint is None:
            # Not an endpoint of this provider, so the request is unmatched and
            # the report lists the endpoints that are served.
            return None
        body = _json_body(request)
        model = _model_of(request, body)
        stream = _is_stream(endpoint, request, body)
        planned = next((f for f in state.failures if f.applies_to(model, stream)), None)
        scenario = planned.scenario if planned else None
        self._record(state, request, endpoint.name, model, stream, body, scenario)
        response_model = model or _DEFAULT_MODEL
        if planned is None:
            return self._success(state, endpoint, response_model, stream)
        planned.served += 1
        return self._failure(state, planned, endpoint, response_model)

    def _record(
        self,
        state: _ProviderState,
        request: httpx.Request,
        endpoint: str,
        model: str | None,
        stream: bool,
        body: Any,
        scenario: Scenario | None,
    ) -> None:
        self._requests.append(
            RecordedRequest(
                provider=state.spec.name,
                method=request.method,
                path=request.url.path,
                endpoint=endpoint,
                model=model,
                stream=stream,
                json=body,
                scenario=scenario.id if scenario else None,
                time=time.monotonic(),
                _request=request,
            )
        )

    # Responses.

    def _success(
        self,
        state: _ProviderState,
        endpoint: _answers.Endpoint,
        model: str,
        stream: bool,
    ) -> httpx.Response:
        build = endpoint.build_stream if stream and endpoint.build_stream else None
        answer = (build or endpoint.build)(model)
        headers, _ = self._base_headers(state)
        headers["content-type"] = answer.content_type
        if answer.is_stream:
            return httpx.Response(
                200, headers=headers, stream=ChunkedStream(answer.chunks)
            )
        return _response(200, headers, answer.body)

    def _failure(
        self,
        state: _ProviderState,
        planned: PlannedFailure,
        endpoint: _answers.Endpoint,
        model: str,
    ) -> httpx.Response:
        scenario = planned.scenario
        if scenario.is_transport_failure:
            raise SimulatedTransportError(scenario.kind, scenario.summary)  # type: ignore[arg-type]
        headers, request_id = self._base_headers(state)
        headers.update(scenario.headers)
        body = _with_request_id(state.errors, scenario.body, request_id)
        if scenario.kind == "stream":
            return self._stream_failure(state, endpoint, model, headers, body)
        status = scenario.status or 500
        self._set_retry_after(headers, status, planned.retry_after)
        return _response(status, headers, body.encode())

    def _stream_failure(
        self,
        state: _ProviderState,
        endpoint: _answers.Endpoint,
        model: str,
        headers: dict[str, str],
        error_frame: str,
    ) -> httpx.Response:
        build = endpoint.build_stream or endpoint.build
        answer = build(model)
        # Two events of the real stream arrive before the error event.
        chunks = (*answer.chunks[:2], error_frame.encode())
        headers["content-type"] = answer.content_type
        return httpx.Response(200, headers=headers, stream=ChunkedStream(chunks))

    def _base_headers(self, state: _ProviderState) -> tuple[dict[str, str], str]:
        """Return the provider's common headers and a fresh request id in them."""
        headers = dict(state.errors.common_headers)
        id_format = state.errors.request_id
        if id_format is None:
            return headers, ""
        request_id = id_format.new_id()
        for name in id_format.headers:
            headers[name] = request_id
        return headers, request_id

    def _set_retry_after(
        self, headers: dict[str, str], status: int, wanted: float | str | None
    ) -> None:
        if wanted == "recorded":
            return
        retried = status in _RETRIED_STATUSES or status >= 500
        if not retried and "retry-after" not in headers:
            return
        seconds = self.retry_after if wanted is None else float(wanted)
        headers["retry-after"] = f"{seconds:g}"
        if "retry-after-ms" in headers:
            headers["retry-after-ms"] = f"{seconds * 1000:g}"

    # Unmatched requests.

    def _unmatched(self, request: httpx.Request) -> UnmatchedRequestError:
        line = f"{request.method} {redact_url(str(request.url))}"
        return self._block(line)

    def _unmatched_aiohttp(self, method: str, url: str) -> UnmatchedRequestError:
        return self._block(
            f"{method} {redact_url(url)} (aiohttp, which llm_mock does not "
            "intercept: give google-genai http_options=HttpOptions("
            "httpx_async_client=httpx2.AsyncClient()) to send through httpx2)"
        )

    def _block(self, line: str) -> UnmatchedRequestError:
        self._unmatched_requests.append(line)
        header = "llm_mock blocked requests that match no simulated provider:"
        message = self._unmatched_summary(header, self._unmatched_requests)
        return UnmatchedRequestError(message, request_line=line)

    def _swallowed_requests(self) -> list[str]:
        """Return the blocked requests that the test's own failure does not show.

        A request whose ``UnmatchedRequestError`` is in the exception chain
        the test failed with was reported there, so it is left out, with its
        retries (the same request line).
        """
        reported = _reported_lines(_current_test_failure())
        return [line for line in self._unmatched_requests if line not in reported]

    def _unmatched_summary(self, header: str, blocked: list[str]) -> str:
        lines = [header]
        lines += [f"  {line}" for line in _counted(blocked)]
        if not self._states:
            lines.append(
                "No provider is simulated: call llm_mock.fail(provider, "
                "scenario) or llm_mock.succeed(provider) first."
            )
        for name, state in self._states.items():
            endpoints = ", ".join(_answers.endpoint_names(state.errors.family))
            lines.append(f"  {name}: {', '.join(state.bases)}")
            lines.append(f"    endpoints: {endpoints}")
        lines.append(
            "Pass base_url= to fail()/succeed() for another address, or add a "
            "route to llm_mock.router."
        )
        return "\n".join(lines)


def _swallowed_summary(mock: LLMMock, blocked: list[str]) -> str:
    header = (
        "llm_mock blocked requests that match no simulated provider, and the "
        "test caught the error each one raised (SDKs wrap it, for example in "
        "openai.APIConnectionError, so a broad except hides it):"
    )
    return mock._unmatched_summary(header, blocked)


def _counted(lines: list[str]) -> list[str]:
    """Return each distinct line once, with the count when it repeats."""
    counts = dict.fromkeys(lines, 0)
    for line in lines:
        counts[line] += 1
    return [
        line if count == 1 else f"{line} ({count} requests)"
        for line, count in counts.items()
    ]


def _current_test_failure() -> BaseException | None:
    """Return the exception that the running pytest test raised, if any.

    pytest 9.2 stores it in ``sys.last_value`` (and ``sys.last_exc`` on
    Python 3.12+) when the test call raises, for post-mortem debugging, and
    deletes both before each test call (``_pytest/runner.py``
    ``pytest_runtest_call``), so at fixture teardown they hold this test's
    failure or nothing. Outside pytest they may hold an older exception,
    which contains no error of this mock.
    """
    failure = getattr(sys, "last_exc", None) or getattr(sys, "last_value", None)
    return failure if isinstance(failure, BaseException) else None


def _reported_lines(failure: BaseException | None) -> set[str]:
    """Return the request lines of the unmatched errors in ``failure``'s chain."""
    lines: set[str] = set()
    pending = [failure] if failure is not None else []
    seen: set[int] = set()
    while pending:
        error = pending.pop()
        if id(error) in seen:
            continue
        seen.add(id(error))
        if isinstance(error, UnmatchedRequestError) and error.request_line:
            lines.add(error.request_line)
        # An exception group (Python 3.11+, or the exceptiongroup backport)
        # holds its members in ``exceptions``.
        members = getattr(error, "exceptions", ())
        if isinstance(members, tuple):
            pending.extend(e for e in members if isinstance(e, BaseException))
        pending.extend(e for e in (error.__cause__, error.__context__) if e)
    return lines


@functools.cache
def _specs_by_name() -> dict[str, ProviderSpec]:
    return {spec.name: spec for spec in builtin_providers()}


def _response(status: int, headers: dict[str, str], body: bytes) -> httpx.Response:
    """Return a response with ``Content-Length``, built the cheap way.

    ``httpx.Response(content=...)`` costs several times more than passing a
    ready stream and raw headers, and every simulated response pays it.
    """
    raw = [(name.encode(), value.encode()) for name, value in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    # A ChunkedStream, unlike httpx.ByteStream, is not read ahead by respx.
    return httpx.Response(status, headers=raw, stream=ChunkedStream((body,)))


# Request parsing.


def _json_body(request: httpx.Request) -> Any:
    content = request.content
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return None


_GEMINI_MODEL = re.compile(r"/models/([^/:]+):")
_AZURE_DEPLOYMENT = re.compile(r"/deployments/([^/]+)/")


def _model_of(request: httpx.Request, body: Any) -> str | None:
    if isinstance(body, dict) and isinstance(body.get("model"), str):
        return str(body["model"])
    path = request.url.path
    for pattern in (_GEMINI_MODEL, _AZURE_DEPLOYMENT):
        match = pattern.search(path)
        if match:
            return match.group(1)
    return None


def _is_stream(endpoint: _answers.Endpoint, request: httpx.Request, body: Any) -> bool:
    if endpoint.build_stream is None:
        return False
    if isinstance(body, dict) and "stream" in body:
        return bool(body["stream"])
    return endpoint.streams_by_default


def _with_request_id(errors: ProviderErrors, body: str, request_id: str) -> str:
    id_format = errors.request_id
    if id_format is None or not id_format.placeholder or not request_id:
        return body
    return body.replace(id_format.placeholder, request_id)


# Base URLs.


def _provider_bases(spec: ProviderSpec) -> list[str]:
    bases: list[str] = []
    if spec.default_base_url:
        bases.append(_normalise_base(spec, spec.default_base_url))
    for variable in spec.base_url_vars:
        value = os.environ.get(variable, "").strip()
        if value:
            bases.append(_normalise_base(spec, value))
    return _with_loopback_aliases(bases)


def _normalise_base(spec: ProviderSpec, value: str) -> str:
    value = value.strip().rstrip("/")
    if spec.base_url_style == "ollama_host":
        value = _ollama_base(value)
    if "://" not in value:
        value = "http://" + value
    return value


def _ollama_base(value: str) -> str:
    # OLLAMA_HOST may be "host", "host:port" or a URL; ollama-python fills
    # in http:// and port 11434.
    scheme, _, rest = value.rpartition("://")
    host_port = rest.split("/", 1)[0]
    if ":" not in host_port:
        host_port += ":11434"
    if host_port.startswith("0.0.0.0"):
        host_port = "127.0.0.1" + host_port[len("0.0.0.0") :]
    return f"{scheme or 'http'}://{host_port}"


def _host_regex(host: str) -> str:
    """Return a pattern for ``host`` and its subdomains."""
    return r"(?:^|\.)" + re.escape(host) + "$"


def _with_loopback_aliases(bases: list[str]) -> list[str]:
    aliases: list[str] = []
    for base in bases:
        aliases.append(base)
        for one, other in (("127.0.0.1", "localhost"), ("localhost", "127.0.0.1")):
            if f"://{one}" in base:
                aliases.append(base.replace(f"://{one}", f"://{other}", 1))
    return list(dict.fromkeys(aliases))


# Redaction.


def redact_headers(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Return the headers as a dict with every credential replaced."""
    redacted: dict[str, str] = {}
    for name, value in items:
        lower = name.lower()
        if lower not in _SECRET_HEADERS:
            redacted[lower] = value
            continue
        scheme, _, credential = value.partition(" ")
        keep_scheme = lower.endswith("authorization") and credential
        redacted[lower] = f"{scheme} {REDACTED}" if keep_scheme else REDACTED
    return redacted


def redact_url(url: str) -> str:
    """Return ``url`` with credential query parameters replaced."""
    parts = urlsplit(url)
    if not parts.query:
        return url
    query = [
        (name, REDACTED if name.lower() in _SECRET_QUERY else value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
    ]
    return parts._replace(query=urlencode(query, safe="[]")).geturl()
