"""The preflight of one pytest session: its registry, cache and request.

Imported only once the plugin has work to do in a run.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pytest

from pytest_llmcreds.config import Settings
from pytest_llmcreds.config import build_registry as build
from pytest_llmcreds.preflight import PreflightRequest, run_preflight
from pytest_llmcreds.providers import ProviderSpec, Registry
from pytest_llmcreds.results import Finding, PreflightResult, build_result
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
        # Listing the tests should not call the providers.
        offline=settings.offline or bool(session.config.option.collectonly),
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


def environment_digests(
    registry: Registry, providers: list[str], environ: Mapping[str, str], salt: str
) -> dict[str, str]:
    """Hash, per provider, every variable its SDK reads, to compare processes.

    Under pytest-xdist the controller checks the workers' providers with its
    own environment, which differs when a conftest.py that only workers load
    sets a variable. The salt is the random exchange directory, so a digest
    is useless outside this session.
    """
    digests = {}
    for name in providers:
        spec = registry[name]
        names = (
            *spec.key_vars,
            *spec.base_url_vars,
            *spec.legacy_base_url_vars,
            *(extra.name for extra in spec.extra_vars),
        )
        material = json.dumps([salt, name, [(n, environ.get(n)) for n in names]])
        digest = hashlib.sha256(material.encode("utf-8", "surrogatepass"))
        digests[name] = digest.hexdigest()
    return digests


def mark_environment_differs(
    result: PreflightResult, providers: list[str], registry: Registry
) -> PreflightResult:
    """Replace the verdict on ``providers`` with an environment mismatch."""
    entries = []
    for entry in result.providers:
        if entry.provider not in providers:
            entries.append(entry)
            continue
        spec = registry[entry.provider]
        variables = " or ".join((*spec.key_vars, *spec.base_url_vars)[:4])
        finding = Finding(
            cause="environment_differs",
            message=(
                f"the pytest-xdist workers see other values of {variables} than "
                "the controller, which runs the preflight; a conftest.py that "
                "only the workers load probably sets them."
            ),
            fix=(
                "set them before pytest starts (shell, CI, pytest-dotenv), or "
                "load .env in the conftest.py of the rootdir"
            ),
        )
        entries.append(
            build_result(entry.provider, [finding], models=dict(entry.models))
        )
    return result.model_copy(update={"providers": entries})
