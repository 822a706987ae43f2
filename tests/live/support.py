"""Helpers for the live-check tests: run verify_all on an environment, keys, a guard."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pytest_llmcreds.checks import check_provider
from pytest_llmcreds.providers import Registry, builtin_providers
from pytest_llmcreds.resolve import resolve
from pytest_llmcreds.results import Finding
from pytest_llmcreds.verify import CacheStore, LiveCheck, LiveOutcome, verify_all

#: Keys of each provider's shape; none is real.
KEYS: dict[str, str] = {
    "openai": "sk-proj-" + "Qx7pL2mZ9vR4tW8yB3nC6dF1gH5jK0sA" * 4,
    "azure_openai": "c51aae9ec269a4eaa6b80c7ab518ba37",
    "anthropic": "sk-ant-api03-" + "Hq3Zr8Wt1Ly6Pm0Nd5Kb9Xc2Vf7Gs4Ja" * 3,
    "gemini": "AIzaSy3Bd4Fh7Jk0Lm3Np6Qr9St2Uv5Wx8Ya1Cd",
    "mistral": "Zk4Lm7Np0Qr3St6Uv9Wx2Ya5Bc8De1Fg",
    "groq": "gsk_" + "Mn4Pq7Rs0Tu3Vw6Xy9Za2Bc5De8Fg1Hj" * 2,
    "openrouter": "sk-or-v1-" + "0123456789abcdef" * 4,
    "deepseek": "sk-" + "fedcba9876543210" * 2,
    "together": "tgp_v1_" + "Rt5Yu8Io1Pa4Sd7Fg0Hj3Kl6Zx9Cv2Bn",
    "xai": "xai-" + "Wq2Er5Ty8Ui1Op4As7Df0Gh3Jk6Lz9Xc" * 2,
    "ollama": "ollama-" + "Tk8Lp1Mn4Bv7Cx0Zq3Wr6Ey9Ut2Io5Pa",
    "vllm": "vllm-" + "Kd3Fg6Hj9Kl2Zx5Cv8Bn1Mq4Wr7Ty0Ui",
    "litellm": "sk-" + "Lt3Yk6Ul9Im2On5Pb8Qc1Rd4Se7Tf0Ug",
}

#: A second, wrong key per provider, of the same shape.
WRONG_KEYS: dict[str, str] = {
    name: key[: len(key) // 2] + key[len(key) // 2 :][::-1]
    for name, key in KEYS.items()
}

REGISTRY = Registry(builtin_providers())


def key_variable(provider: str) -> str:
    return REGISTRY[provider].key_vars[-1 if provider == "azure_openai" else 0]


@dataclass
class Run:
    """One provider's offline findings and live outcome."""

    offline: list[Finding]
    outcome: LiveOutcome

    @property
    def causes(self) -> list[str]:
        return [f.cause for f in self.outcome.findings]

    @property
    def all_causes(self) -> list[str]:
        return [f.cause for f in self.offline] + self.causes

    def text(self) -> str:
        parts = [f"{f.cause} {f.message} {f.fix}" for f in self.outcome.findings]
        return "\n".join(parts + self.outcome.notes)


def run_live(
    provider: str,
    env: Mapping[str, str],
    *,
    base_url: str | None,
    models: tuple[str, ...] = (),
    timeout: float = 5.0,
    probe: bool = False,
    cache: CacheStore | None = None,
    refresh: bool = False,
) -> Run:
    """Resolve ``provider`` from ``env`` with ``base_url`` and verify it live.

    ``base_url`` is required so that no test falls back to the provider's
    real default host.
    """
    spec = REGISTRY[provider]
    resolution = resolve(spec, env, base_url_override=base_url)
    offline = check_provider(resolution, REGISTRY)
    check = LiveCheck(resolution, models, tuple(offline))
    outcomes = verify_all(
        [check], timeout=timeout, probe=probe, cache=cache, refresh=refresh
    )
    return Run(offline, outcomes[provider])


def checks_for(
    env: Mapping[str, str],
    base_urls: Mapping[str, str],
    models: Mapping[str, tuple[str, ...]] | None = None,
) -> list[LiveCheck]:
    checks = []
    for provider, base_url in base_urls.items():
        resolution = resolve(REGISTRY[provider], env, base_url_override=base_url)
        offline = check_provider(resolution, REGISTRY)
        checks.append(
            LiveCheck(resolution, (models or {}).get(provider, ()), tuple(offline))
        )
    return checks


class MemoryCache:
    """The cache store interface, in memory, counting reads and writes."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, Any]] = {}
        self.writes = 0

    def get(self, key: str) -> dict[str, Any] | None:
        return self.values.get(key)

    def set(self, key: str, value: dict[str, Any]) -> None:
        self.writes += 1
        self.values[key] = value


def _is_loopback(host: object) -> bool:
    if not isinstance(host, str):
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


@dataclass
class LoopbackGuard:
    """Refuse, and record, any connection or name lookup beyond loopback.

    Names under ``.invalid`` pass to the resolver, which cannot resolve
    them (RFC 2606).
    """

    violations: list[str] = field(default_factory=list)

    def install(self, monkeypatch: Any) -> None:
        real_getaddrinfo = socket.getaddrinfo
        real_connect = socket.socket.connect
        real_connect_ex = socket.socket.connect_ex
        guard = self

        def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
            name = host.decode() if isinstance(host, bytes) else host
            if name is None or _is_loopback(name) or str(name).endswith(".invalid"):
                return real_getaddrinfo(host, *args, **kwargs)
            guard.violations.append(f"name lookup of {name}")
            raise socket.gaierror(socket.EAI_NONAME, "blocked by the loopback guard")

        def allowed(address: Any) -> bool:
            if isinstance(address, (str, bytes)):  # AF_UNIX
                return True
            return _is_loopback(address[0])

        def connect(sock: socket.socket, address: Any) -> Any:
            if not allowed(address):
                guard.violations.append(f"connection to {address!r}")
                raise ConnectionRefusedError("blocked by the loopback guard")
            return real_connect(sock, address)

        def connect_ex(sock: socket.socket, address: Any) -> Any:
            if not allowed(address):
                guard.violations.append(f"connection to {address!r}")
                return 111
            return real_connect_ex(sock, address)

        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
