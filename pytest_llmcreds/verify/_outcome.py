"""The live check's input and output types, as the preflight uses them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pytest_llmcreds.resolve import Resolution
from pytest_llmcreds.results import Finding

ModelStatus = Literal["available", "not_found", "no_access", "unknown"]


@dataclass(frozen=True)
class LiveCheck:
    """One provider to verify: what its SDK sends, the models, the offline findings."""

    resolution: Resolution
    models: tuple[str, ...]
    offline_findings: tuple[Finding, ...]


@dataclass
class LiveOutcome:
    """How the provider responded, as findings, model statuses and notes."""

    findings: list[Finding]
    models: dict[str, ModelStatus]
    #: The provider's id of the first failed request, for its support team.
    request_id: str | None
    requests_sent: int
    notes: list[str]
    from_cache: bool = False
    #: Non-secret configuration the check used: the effective base URL, the
    #: API version, organization and project ids.
    settings: dict[str, str] = field(default_factory=dict)


class CacheStore(Protocol):
    """A key-value store for outcomes; the plugin backs it with ``config.cache``."""

    def get(self, key: str) -> dict[str, Any] | None: ...

    def set(self, key: str, value: dict[str, Any]) -> None: ...
