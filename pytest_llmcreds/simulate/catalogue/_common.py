"""Scenarios that every provider shares, because the HTTP library produces them."""

from __future__ import annotations

from pytest_llmcreds.simulate._models import Scenario

_HTTPX_SOURCE = (
    "httpx 0.29 / httpx2 2.16 (_transports/default.py map_httpcore_exceptions)"
)


def timeout(title: str) -> Scenario:
    """Return the read timeout scenario of the provider named ``title``."""
    return Scenario(
        id="timeout",
        summary=f"{title} accepts the connection but sends no response in time",
        kind="read_timeout",
        policy="retry",
        source=_HTTPX_SOURCE,
        confidence="sdk_source",
        note="Raised at once as the HTTP library's ReadTimeout instead of after "
        "the client's timeout.",
    )


def connection_error(title: str) -> Scenario:
    """Return the connect error scenario of the provider named ``title``."""
    return Scenario(
        id="connection_error",
        summary=f"{title} cannot be reached (connection refused or DNS failure)",
        kind="connect_error",
        policy="retry",
        source=_HTTPX_SOURCE,
        confidence="sdk_source",
    )
