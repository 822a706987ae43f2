"""Reuse a passed or failed outcome for a while, without storing anything secret.

The cache key is a SHA-256 over the provider, the base URL, the key's own
SHA-256 digest, the models, the probe flag and the settings, so a changed
key or model checks again. The stored value holds only what the report may
show: findings with fingerprints only, and the settings as
``shown_settings`` returns them. Indeterminate outcomes (a timeout, a
network or server error) are never stored: the next run checks again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from typing import Any

from pytest_llmcreds.causes import effect_of
from pytest_llmcreds.results import Finding
from pytest_llmcreds.verify._outcome import CacheStore, LiveCheck, LiveOutcome
from pytest_llmcreds.verify._settings import shown_settings

logger = logging.getLogger("pytest_llmcreds.verify")

#: Bump when the stored layout or the meaning of an outcome changes. Version
#: 1 stored the raw settings, so its entries are not read.
CACHE_VERSION = 2
CACHE_PREFIX = "llmcreds/live/"


def cache_key(check: LiveCheck, probe: bool) -> str:
    resolution = check.resolution
    material = {
        "version": CACHE_VERSION,
        "provider": resolution.spec.name,
        "base_url": resolution.base_url,
        "key": resolution.key.digest if resolution.key is not None else None,
        "key_var": resolution.key_var,
        "models": sorted(check.models),
        "probe": probe,
        "settings": sorted(resolution.settings.items()),
    }
    encoded = json.dumps(material, sort_keys=True).encode("utf-8")
    return CACHE_PREFIX + hashlib.sha256(encoded).hexdigest()


def is_cacheable(outcome: LiveOutcome) -> bool:
    return all(effect_of(f.cause) != "unproven" for f in outcome.findings)


def load(
    cache: CacheStore, key: str, ttl: float, *, now: float | None = None
) -> LiveOutcome | None:
    """Return the stored outcome when it is younger than ``ttl`` seconds."""
    now = time.time() if now is None else now
    stored = _read(cache, key)
    if stored is None or stored.get("version") != CACHE_VERSION:
        return None
    age = now - float(stored.get("stored_at", 0.0))
    if age < 0 or age > ttl:
        return None
    try:
        return _outcome_from(stored, age, ttl)
    except (KeyError, TypeError, ValueError):
        logger.debug("live check cache: ignored an unreadable entry")
        return None


def save(
    cache: CacheStore, key: str, outcome: LiveOutcome, *, now: float | None = None
) -> bool:
    """Store ``outcome`` unless it is indeterminate; return whether it was stored."""
    if not is_cacheable(outcome):
        return False
    value: dict[str, Any] = {
        "version": CACHE_VERSION,
        "stored_at": time.time() if now is None else now,
        "findings": [f.model_dump() for f in outcome.findings],
        "models": dict(outcome.models),
        "request_id": outcome.request_id,
        "notes": list(outcome.notes),
        # The outcome's settings are shown_settings already; filtering
        # again keeps a raw value out of the file whatever built the outcome.
        "settings": shown_settings(outcome.settings),
    }
    try:
        cache.set(key, value)
    except (OSError, TypeError, ValueError):
        logger.debug("live check cache: could not store an outcome")
        return False
    return True


def _read(cache: CacheStore, key: str) -> dict[str, Any] | None:
    try:
        stored = cache.get(key)
    except (OSError, TypeError, ValueError):
        logger.debug("live check cache: could not read an entry")
        return None
    return stored if isinstance(stored, dict) else None


def _outcome_from(stored: dict[str, Any], age: float, ttl: float) -> LiveOutcome:
    notes = [str(note) for note in stored["notes"]]
    notes.append(
        f"reused the live check from {age:.0f} s ago (results are kept for "
        f"{ttl:g} s; --llm-preflight-refresh checks again)"
    )
    return LiveOutcome(
        findings=[Finding.model_validate(f) for f in stored["findings"]],
        models=dict(stored["models"]),
        request_id=stored.get("request_id"),
        requests_sent=0,
        notes=notes,
        from_cache=True,
        settings=shown_settings(_strings(stored.get("settings", {}))),
    )


def _strings(value: object) -> dict[str, str]:
    """Return ``value`` as a mapping of strings; raise TypeError when it is not."""
    if not isinstance(value, dict):
        raise TypeError("the stored settings are not a mapping")
    return {str(name): str(item) for name, item in value.items()}
