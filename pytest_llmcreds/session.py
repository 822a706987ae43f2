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
from pytest_llmcreds.providers import ProviderSpec, Registry
from pytest_llmcreds.results import PreflightResult
from pytest_llmcreds.warnings import warn

if TYPE_CHECKING:
    from pytest_llmcreds.plugin import LLMCredsSession


def build_registry(config: pytest.Config, settings: Settings) -> Registry:
    """Build the registry with the gateways and the providers of plugin hooks.

    A plugin whose hook raises or returns something else than provider specs
    loses its providers, with a warning; the session goes on.
    """
    registry = build(settings.gateways)
    for spec in _plugin_providers(config):
        if spec.name in registry:
            warn(
                config,
                f"a pytest_llmcreds_providers hook returned provider {spec.name!r}, "
                "which already exists; rename it in that plugin",
            )
            continue
        registry.add(spec)
    return registry


def _plugin_providers(config: pytest.Config) -> list[ProviderSpec]:
    try:
        returned = config.hook.pytest_llmcreds_providers(config=config)
    except Exception as error:
        warn(
            config,
            f"a pytest_llmcreds_providers hook raised {type(error).__name__}: "
            f"{error}; its providers are not available",
        )
        return []
    specs: list[ProviderSpec] = []
    for value in returned:
        items = value if isinstance(value, (list, tuple)) else [value]
        for item in items:
            if isinstance(item, ProviderSpec):
                specs.append(item)
            elif item is not None:
                warn(
                    config,
                    "a pytest_llmcreds_providers hook returned "
                    f"{type(item).__name__}, not a ProviderSpec; return a list of "
                    "pytest_llmcreds.providers.ProviderSpec",
                )
    return specs


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
