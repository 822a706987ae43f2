"""The live half of the preflight: ask each provider, in parallel, if its key works.

:func:`verify_all` sends each provider the cheapest request that proves its
key without using tokens (see ``_table.py`` and docs/live-checks.md), checks
the configured models against the provider's list, and, with ``probe``,
sends one 1-token request per model. Every response becomes findings with the
cause ids of :mod:`pytest_llmcreds.causes`; no key, and no part of one
other than its fingerprint, reaches a finding, a note or a log record.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Sequence

import httpx

from pytest_llmcreds.results import Finding
from pytest_llmcreds.verify import _cache
from pytest_llmcreds.verify._check import ProviderCheck, reason_not_to_send
from pytest_llmcreds.verify._outcome import (
    CacheStore,
    LiveCheck,
    LiveOutcome,
    ModelStatus,
)
from pytest_llmcreds.verify._settings import settings_of, shown_settings
from pytest_llmcreds.verify._table import (
    BY_COMPATIBILITY,
    BY_NAME,
    Endpoint,
    VerificationSpec,
    verification_for,
)
from pytest_llmcreds.verify._transport import make_client, redacted_http_logs

__all__ = [
    "BY_COMPATIBILITY",
    "BY_NAME",
    "CacheStore",
    "Endpoint",
    "LiveCheck",
    "LiveOutcome",
    "ModelStatus",
    "VerificationSpec",
    "verification_for",
    "verify_all",
]

logger = logging.getLogger("pytest_llmcreds.verify")

#: Seconds a provider's check may run past its timeout before it is
#: cancelled; the requests themselves stop at the timeout.
_CANCEL_MARGIN = 1.0


def verify_all(
    checks: Sequence[LiveCheck],
    *,
    timeout: float,
    probe: bool,
    cache: CacheStore | None = None,
    cache_ttl: float = 300.0,
    refresh: bool = False,
) -> dict[str, LiveOutcome]:
    """Verify every provider at once and return its outcome by provider name.

    Runs the async checks on a private event loop, in a worker thread when
    the calling thread already runs a loop. ``timeout`` bounds each
    provider's whole check, in seconds. ``refresh`` ignores stored outcomes
    but stores the new ones; ``cache_ttl`` of 0 or less turns the cache off.
    """

    def run() -> dict[str, LiveOutcome]:
        return asyncio.run(
            _verify(
                checks,
                timeout=timeout,
                probe=probe,
                cache=cache,
                cache_ttl=cache_ttl,
                refresh=refresh,
            )
        )

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return run()
    with concurrent.futures.ThreadPoolExecutor(
        max_workers=1, thread_name_prefix="llmcreds-verify"
    ) as pool:
        return pool.submit(run).result()


async def _verify(
    checks: Sequence[LiveCheck],
    *,
    timeout: float,
    probe: bool,
    cache: CacheStore | None,
    cache_ttl: float,
    refresh: bool,
) -> dict[str, LiveOutcome]:
    outcomes: dict[str, LiveOutcome] = {}
    pending: list[tuple[LiveCheck, str]] = []
    use_cache = cache is not None and cache_ttl > 0
    for check in checks:
        name = check.resolution.spec.name
        reason = reason_not_to_send(check)
        if reason is not None:
            outcomes[name] = _not_sent(check, reason)
            continue
        key = _cache.cache_key(check, probe)
        cached = None
        if use_cache and not refresh:
            assert cache is not None
            cached = _cache.load(cache, key, cache_ttl)
        if cached is not None:
            logger.debug("%s: live check reused from the cache", name)
            outcomes[name] = cached
            continue
        pending.append((check, key))

    fresh = await _run_checks([c for c, _ in pending], timeout=timeout, probe=probe)
    for (check, key), outcome in zip(pending, fresh, strict=True):
        outcomes[check.resolution.spec.name] = outcome
        if use_cache:
            assert cache is not None
            _cache.save(cache, key, outcome)
    return {c.resolution.spec.name: outcomes[c.resolution.spec.name] for c in checks}


async def _run_checks(
    checks: Sequence[LiveCheck], *, timeout: float, probe: bool
) -> list[LiveOutcome]:
    if not checks:
        return []
    try:
        client = make_client()
    except ImportError:
        # httpx needs socksio for an ALL_PROXY of socks5://.
        return [_client_failed(check) for check in checks]
    with redacted_http_logs():
        async with client:
            runs = [
                _run_one(client, check, timeout=timeout, probe=probe)
                for check in checks
            ]
            return list(await asyncio.gather(*runs))


async def _run_one(
    client: httpx.AsyncClient, check: LiveCheck, *, timeout: float, probe: bool
) -> LiveOutcome:
    provider = ProviderCheck(client, check, timeout=timeout, probe=probe)
    try:
        return await asyncio.wait_for(provider.run(), timeout + _CANCEL_MARGIN)
    except asyncio.TimeoutError:
        outcome = provider.outcome()
        outcome.findings.append(
            Finding(
                cause="timeout",
                message=f"the live check of {provider.spec.title} did not finish "
                f"within {timeout:g} s.",
                fix="check the network path to the provider, or raise "
                "--llm-preflight-timeout",
            )
        )
        return outcome
    except Exception as error:
        logger.debug("%s: live check raised %s", provider.name, type(error).__name__)
        outcome = provider.outcome()
        outcome.findings.append(
            Finding(
                cause="preflight_error",
                message=f"the live check raised {type(error).__name__}.",
                fix="rerun with --llm-offline to narrow it down, and report it "
                "to pytest-llmcreds with the provider name",
            )
        )
        return outcome


def _not_sent(check: LiveCheck, reason: str) -> LiveOutcome:
    resolution = check.resolution
    settings = (
        shown_settings(settings_of(resolution, verification_for(resolution.spec)))
        if resolution.base_url
        else {}
    )
    return LiveOutcome(
        findings=[],
        models=dict.fromkeys(check.models, "unknown"),
        request_id=None,
        requests_sent=0,
        notes=[reason],
        settings=settings,
    )


def _client_failed(check: LiveCheck) -> LiveOutcome:
    outcome = _not_sent(check, "no request was sent: the HTTP client could not start")
    outcome.findings.append(
        Finding(
            cause="network_error",
            message="a SOCKS proxy is set (ALL_PROXY or HTTPS_PROXY), but httpx's "
            "SOCKS support is not installed.",
            fix="pip install 'httpx[socks]', or unset the SOCKS proxy variable",
        )
    )
    return outcome
