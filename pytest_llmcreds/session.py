"""The preflight of one pytest session: its registry, cache and request.

Imported only once the plugin has work to do in a run.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

import pytest

from pytest_llmcreds.config import Settings
from pytest_llmcreds.config import build_registry as build
from pytest_llmcreds.preflight import PreflightRequest, run_preflight
from pytest_llmcreds.providers import Registry
from pytest_llmcreds.results import PreflightResult

if TYPE_CHECKING:
    from pytest_llmcreds.plugin import LLMCredsSession


def build_registry(config: pytest.Config, settings: Settings) -> Registry:
    """Build the registry with the gateways and the providers of plugin hooks."""
    added = config.hook.pytest_llmcreds_providers(config=config)
    return build(settings.gateways, [spec for specs in added for spec in specs or ()])


def run_for_session(
    session: LLMCredsSession, providers: list[str], models: dict[str, list[str]]
) -> PreflightResult:
    """Run the preflight for ``providers`` with the session's settings."""
    settings = session.settings
    request = PreflightRequest(
        providers=providers,
        models=models,
        base_urls=settings.base_urls,
        mode=settings.mode if settings.preflight else "off",
        offline=settings.offline,
        presence_only=not settings.preflight,
        env_files=settings.env_files,
        timeout=settings.timeout,
        probe=settings.probe,
        refresh=settings.refresh,
        cache_ttl=settings.cache_ttl,
    )
    cache = getattr(session.config, "cache", None)
    store = PytestCacheStore(cache) if cache is not None else None
    return run_preflight(session.registry, request, os.environ, cache=store)


class PytestCacheStore:
    """Keep live outcomes in pytest's cache directory (``.pytest_cache``)."""

    def __init__(self, cache: pytest.Cache) -> None:
        self._cache = cache

    def get(self, key: str) -> dict[str, Any] | None:
        value = self._cache.get(key, None)
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        self._cache.set(key, value)
