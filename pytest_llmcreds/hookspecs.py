"""Hooks that other plugins implement to extend pytest-llmcreds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytest_llmcreds.providers import ProviderSpec


@pytest.hookspec
def pytest_llmcreds_providers(config: pytest.Config) -> list[ProviderSpec] | None:
    """Return providers to add to the catalogue.

    Build each entry with :class:`pytest_llmcreds.providers.ProviderSpec`. A
    name that is already taken by a built-in provider, a gateway or another
    plugin is a usage error. Called once per run, on first use.
    """
