"""``LLMFakeServer``: the ``llm_mock`` catalogue on real loopback HTTP servers.

Each simulated provider gets its own :class:`FakeProvider` on its own port,
so that every base URL has the form its SDK expects: an origin for
Anthropic, Gemini, Azure OpenAI and Ollama, ``.../v1`` for OpenAI. Servers
start on first use of a provider and take a few milliseconds each.
"""

from __future__ import annotations

import ipaddress
import logging
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import SplitResult, urlsplit

from pytest_llmcreds.providers import ProviderSpec, builtin_providers
from pytest_llmcreds.server._faults import (
    FaultKind,
    PlannedFault,
    check_positive,
    check_times,
)
from pytest_llmcreds.server._handler import CatalogueHandler
from pytest_llmcreds.server._http import (
    CREDENTIAL_HEADERS,
    FakeProvider,
    RecordedRequest,
    read_credential,
)
from pytest_llmcreds.server._simulated import CatalogueResponder
from pytest_llmcreds.simulate import (
    FAST_RETRY_AFTER,
    PROVIDERS,
    PlannedFailure,
    errors_of,
)
from pytest_llmcreds.simulate._mock import REDACTED, redact_url

logger = logging.getLogger("pytest_llmcreds.server")

#: Host names accepted without ``allow_non_loopback`` besides loopback IPs.
LOOPBACK_NAMES = frozenset({"localhost"})
#: The placeholder key that ``environ(fake_keys=True)`` gives each SDK.
FAKE_KEY = "llmcreds-fake-key"
#: Request headers with secrets that are not API keys.
_OTHER_SECRETS = frozenset({"cookie", "proxy-authorization"})
#: Default size of the ``huge_body`` fault: 64 MiB.
HUGE_BODY_SIZE = 64 * 1024 * 1024
#: Variables that name a CA bundle for OpenSSL (and so Python's ssl and
#: httpx), requests, curl and Node, set by ``environ()`` when TLS is on.
CA_BUNDLE_VARIABLES: tuple[str, ...] = (
    "SSL_CERT_FILE",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "NODE_EXTRA_CA_CERTS",
)


def is_loopback(host: str) -> bool:
    """Return True for ``localhost`` and addresses in 127.0.0.0/8 or ``::1``."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class ProviderServer(FakeProvider):
    """One provider's loopback server, serving the catalogue and planned faults."""

    handler_class = CatalogueHandler

    def __init__(
        self,
        spec: ProviderSpec,
        responder: CatalogueResponder,
        *,
        host: str,
        port: int,
        tls: bool = False,
    ) -> None:
        super().__init__(tls=tls, host=host, port=port)
        self.provider = spec.name
        self.responder = responder
        #: Set by ``accept_keys``: the keys that get the catalogue's responses
        #: and the responders for a missing and for any other key.
        self.accepted_keys: frozenset[str] | None = None
        self.rejections: dict[bool, CatalogueResponder] = {}
        self.faults: list[PlannedFault] = []
        self._faults_lock = threading.Lock()
        self.mount(spec.name, prefix="", base_path=sdk_base_path(spec))

    def take_fault(self) -> PlannedFault | None:
        """Return the first planned fault with uses left, counting this use."""
        with self._faults_lock:
            for fault in self.faults:
                if fault.used_up:
                    continue
                fault.served += 1
                return fault
        return None

    def responder_for(self, credential: str | None) -> CatalogueResponder:
        """Return the responder for a request with ``credential``."""
        if self.accepted_keys is None or credential in self.accepted_keys:
            return self.responder
        return self.rejections[credential is None]

    def add_fault(self, fault: PlannedFault) -> PlannedFault:
        with self._faults_lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._faults_lock:
            self.faults.clear()

    def record(
        self,
        method: str,
        split: Any,
        headers: Mapping[str, str],
        body: bytes,
        mount: str | None,
        accepted: bool,
    ) -> None:
        # A client may send the key as ?key= or ?api_key=, so redact the query.
        redacted = urlsplit(redact_url(SplitResult(*split).geturl()))
        super().record(method, redacted, _hide_secrets(headers), body, mount, accepted)


def _hide_secrets(headers: Mapping[str, str]) -> dict[str, str]:
    """Redact the secrets that ``FakeProvider.record`` would keep as sent.

    It replaces credential headers by the fingerprint of the credential it
    finds, so a header it finds none in (Basic authorization, say) and
    cookies would otherwise be recorded in full.
    """
    credential, _ = read_credential(headers)
    hidden: dict[str, str] = {}
    for name, value in headers.items():
        lower = name.lower()
        unread = credential is None and lower in CREDENTIAL_HEADERS
        hidden[name] = REDACTED if unread or lower in _OTHER_SECRETS else value
    return hidden


def sdk_base_path(spec: ProviderSpec) -> str:
    """Return the path that the provider's SDK expects after the origin."""
    if not spec.default_base_url:
        return ""
    return urlsplit(spec.default_base_url).path.rstrip("/")


class LLMFakeServer:
    """Loopback HTTP servers that answer like LLM providers, for any client.

    ``fail``, ``succeed`` and ``requests`` work as on ``llm_mock``; point a
    client at :meth:`base_url` or give a subprocess :meth:`environ`. The
    fault methods (``latency``, ``drip``, ``disconnect``, ...) change how the
    next responses travel. Use it as a context manager: every server, thread
    and socket is gone when the block ends, even after a failure.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        retry_after: float = FAST_RETRY_AFTER,
        allow_non_loopback: bool = False,
        tls: bool = False,
    ) -> None:
        if not allow_non_loopback and not is_loopback(host):
            raise ValueError(
                f"host {host!r} is not a loopback address; use 127.0.0.1, "
                "::1 or localhost, or pass allow_non_loopback=True"
            )
        if port < 0 or port > 65535:
            raise ValueError(f"port={port} is out of range; use 0 to 65535")
        self.host = host
        self.first_port = port
        #: True serves HTTPS, each provider with a certificate from its own
        #: throwaway authority. :attr:`ca_bundle` contains them all.
        self.tls = tls
        self._bundle_dir: tempfile.TemporaryDirectory[str] | None = None
        #: Read by ``llm_fake_server_session``: False keeps plans and records
        #: from one test to the next.
        self.reset_between_tests = True
        self._retry_after = retry_after
        self._responder = CatalogueResponder(retry_after=retry_after)
        self._servers: dict[str, ProviderServer] = {}
        self._specs = {spec.name: spec for spec in builtin_providers()}
        self._lock = threading.Lock()
        self._closed = False

    # Lifecycle

    def __enter__(self) -> LLMFakeServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop every provider's server; no thread or socket of them is left."""
        with self._lock:
            servers = list(self._servers.values())
            self._servers.clear()
            self._closed = True
        errors: list[BaseException] = []
        for server in servers:
            try:
                server.stop()
            except Exception as error:  # Stop the others before raising.
                errors.append(error)
        if self._bundle_dir is not None:
            self._bundle_dir.cleanup()
            self._bundle_dir = None
        if errors:
            raise errors[0]

    def server(self, provider: str) -> ProviderServer:
        """Return the server of ``provider``, starting it on first use."""
        check_provider(provider)
        with self._lock:
            if self._closed:
                raise RuntimeError("the fake server is stopped; start a new one")
            server = self._servers.get(provider)
            if server is not None:
                return server
            port = self.first_port + len(self._servers) if self.first_port else 0
            server = ProviderServer(
                self._specs[provider],
                self._responder,
                host=self.host,
                port=port,
                tls=self.tls,
            )
            self._responder.add(provider)
            server.start()
            self._servers[provider] = server
            if self.tls:
                self._write_bundle()
        logger.info("fake %s listening on %s", provider, server.origin)
        return server

    @property
    def ca_bundle(self) -> Path | None:
        """The PEM file of every provider's certificate authority, under TLS."""
        if self._bundle_dir is None:
            return None
        return Path(self._bundle_dir.name) / "ca-bundle.pem"

    def _write_bundle(self) -> None:
        if self._bundle_dir is None:
            self._bundle_dir = tempfile.TemporaryDirectory(prefix="llmcreds-ca-")
        authorities = [
            server.ca_path.read_text(encoding="ascii")
            for server in self._servers.values()
            if server.ca_path is not None
        ]
        assert self.ca_bundle is not None
        self.ca_bundle.write_text("".join(authorities), encoding="ascii")

    @property
    def providers(self) -> tuple[str, ...]:
        """The providers served so far, in the order they were first used."""
        with self._lock:
            return tuple(self._servers)

    # Addresses

    def origin(self, provider: str) -> str:
        """Return ``http://HOST:PORT`` of the provider's server."""
        return self.server(provider).origin

    def port(self, provider: str) -> int:
        """Return the port of the provider's server."""
        return self.server(provider).port

    def base_url(self, provider: str) -> str:
        """Return the base URL in the form the provider's SDK expects.

        ``http://127.0.0.1:PORT/v1`` for OpenAI (the SDK adds
        ``/chat/completions``), the origin for Anthropic, Gemini, Azure
        OpenAI, Groq, Mistral, DeepSeek and Ollama.
        """
        return self.server(provider).base_url(provider)

    def environ(self, *providers: str, fake_keys: bool = False) -> dict[str, str]:
        """Return the variables that point a subprocess's SDKs at these servers.

        Names the base URL variable of each provider given, or of every
        provider served so far (``OPENAI_BASE_URL``, ``ANTHROPIC_BASE_URL``,
        ``AZURE_OPENAI_ENDPOINT``, ``OLLAMA_HOST``, ...), and ``NO_PROXY``
        for loopback. ``fake_keys=True`` also sets each provider's key
        variable to a placeholder, since most SDKs refuse to start without
        one. Providers whose SDK reads no base URL variable (Mistral,
        DeepSeek, OpenRouter, xAI, vLLM) need :meth:`base_url` instead.
        Under TLS, the CA bundle variables name :attr:`ca_bundle`.
        """
        names = providers or self.providers
        found: dict[str, str] = {}
        for name in names:
            found.update(self.server(name).environ())
            spec = self._specs[name]
            if fake_keys and spec.main_key_var:
                found[spec.main_key_var] = FAKE_KEY
        found["NO_PROXY"] = ",".join(_no_proxy_hosts(self.host))
        if self.ca_bundle is not None:
            found.update(dict.fromkeys(CA_BUNDLE_VARIABLES, str(self.ca_bundle)))
        return found

    # The catalogue, as on llm_mock

    def fail(
        self,
        provider: str,
        scenario: str,
        *,
        times: int | None = None,
        model: str | None = None,
        retry_after: float | str | None = None,
    ) -> PlannedFailure:
        """Respond to ``provider``'s requests with ``scenario``, then with success.

        Takes the arguments of ``llm_mock.fail``. Over HTTP, ``timeout``
        sends no response until the client gives up, and
        ``connection_error`` resets the connection after the request.
        """
        self.server(provider)
        return self._responder.fail(
            provider, scenario, times=times, model=model, retry_after=retry_after
        )

    def succeed(self, provider: str) -> None:
        """Respond to ``provider``'s requests with success responses only."""
        self.server(provider)

    def reset(self, provider: str | None = None) -> None:
        """Forget planned failures, faults, accepted keys and recorded requests."""
        self._responder.reset(provider)
        for name, server in self._running(provider):
            server.clear_faults()
            server.clear_requests()
            server.accepted_keys = None
            logger.debug("fake %s reset", name)

    def accept_keys(self, provider: str, *keys: str) -> None:
        """Reject every request to ``provider`` whose key is not one of ``keys``.

        A request without a key gets the provider's ``missing_api_key``
        response and one with another key ``invalid_api_key``, from the same
        catalogue (where a provider has no ``missing_api_key``, both get
        ``invalid_api_key``). Accepted requests get the planned responses.
        Keys are read from the provider's auth headers and from ``?key=``.
        """
        if not keys:
            raise ValueError("accept_keys needs at least one key; pass the keys")
        server = self.server(provider)
        scenarios = errors_of(provider).scenario_map()
        if "invalid_api_key" not in scenarios:
            raise ValueError(
                f"{provider} has no invalid_api_key scenario, so it cannot reject "
                "a key; plan the failure with fail() instead"
            )
        missing = "missing_api_key" if "missing_api_key" in scenarios else None
        for absent, scenario in ((True, missing), (False, "invalid_api_key")):
            responder = CatalogueResponder(retry_after=self._retry_after)
            responder.add(provider)
            responder.fail(
                provider,
                scenario or "invalid_api_key",
                times=None,
                model=None,
                retry_after=None,
            )
            server.rejections[absent] = responder
        server.accepted_keys = frozenset(keys)

    def requests(self, provider: str | None = None) -> list[RecordedRequest]:
        """Return the requests received, in arrival order, keys as fingerprints."""
        found: list[RecordedRequest] = []
        for _, server in self._running(provider):
            found.extend(server.requests)
        return sorted(found, key=lambda request: request.received_at)

    def _running(self, provider: str | None) -> list[tuple[str, ProviderServer]]:
        if provider is not None:
            check_provider(provider)
        with self._lock:
            return [
                (name, server)
                for name, server in self._servers.items()
                if provider is None or name == provider
            ]

    # Faults beyond the catalogue

    def latency(
        self, provider: str, seconds: float, *, times: int | None = None
    ) -> PlannedFault:
        """Wait ``seconds`` before the status line of the next responses."""
        check_positive("seconds", seconds)
        return self._fault(provider, "latency", times, seconds=seconds)

    def drip(
        self,
        provider: str,
        *,
        interval: float = 0.05,
        piece_size: int = 16,
        times: int | None = None,
    ) -> PlannedFault:
        """Send the body ``piece_size`` bytes at a time, ``interval`` seconds apart."""
        check_positive("interval", interval)
        check_positive("piece_size", piece_size)
        return self._fault(
            provider, "drip", times, seconds=interval, piece_size=piece_size
        )

    def disconnect(
        self,
        provider: str,
        *,
        after_bytes: int | None = None,
        times: int | None = None,
    ) -> PlannedFault:
        """Close the connection before the response, or after ``after_bytes`` of it.

        ``after_bytes=None`` closes before the status line; a number sends
        the headers and that many bytes of the body first.
        """
        if after_bytes is not None and after_bytes < 0:
            raise ValueError(
                f"after_bytes={after_bytes} is negative; use None or a byte count"
            )
        return self._fault(provider, "disconnect", times, after_bytes=after_bytes)

    def reset_connection(
        self, provider: str, *, times: int | None = None
    ) -> PlannedFault:
        """Reset the connection (TCP RST) instead of responding."""
        return self._fault(provider, "reset", times)

    def truncate_stream(
        self, provider: str, *, after_chunks: int = 2, times: int | None = None
    ) -> PlannedFault:
        """End a streamed body after ``after_chunks`` events, without its last chunk.

        A response that is not streamed is cut after half of its body.
        """
        if after_chunks < 0:
            raise ValueError(f"after_chunks={after_chunks} is negative; use 0 or more")
        return self._fault(
            provider, "truncate_stream", times, after_chunks=after_chunks
        )

    def malformed_json(
        self, provider: str, *, status: int = 200, times: int | None = None
    ) -> PlannedFault:
        """Respond with a JSON body cut short, as ``application/json``."""
        return self._fault(provider, "malformed_json", times, status=status)

    def html(
        self, provider: str, *, status: int = 200, times: int | None = None
    ) -> PlannedFault:
        """Respond with an HTML page, as a captive portal or proxy does."""
        return self._fault(provider, "html", times, status=status)

    def huge_body(
        self, provider: str, *, size: int = HUGE_BODY_SIZE, times: int | None = None
    ) -> PlannedFault:
        """Respond with a JSON body of ``size`` bytes (64 MiB unless given)."""
        check_positive("size", size)
        return self._fault(provider, "huge_body", times, size=size)

    def _fault(
        self, provider: str, kind: FaultKind, times: int | None, **options: Any
    ) -> PlannedFault:
        check_times(times)
        fault = PlannedFault(kind=kind, times=times, **options)
        return self.server(provider).add_fault(fault)


def check_provider(provider: str) -> None:
    """Raise ``ValueError`` naming the valid providers for an unknown one."""
    if provider in PROVIDERS:
        return
    raise ValueError(
        f"unknown provider {provider!r} for the fake server; "
        f"use one of: {', '.join(PROVIDERS)}"
    )


def _no_proxy_hosts(host: str) -> list[str]:
    hosts = ["127.0.0.1", "localhost", "::1"]
    if host not in hosts:
        hosts.append(host)
    return hosts
