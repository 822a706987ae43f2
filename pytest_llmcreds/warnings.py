"""The plugin's warning class, so users can filter its warnings by category."""

from __future__ import annotations

import pytest


class LLMCredsWarning(pytest.PytestWarning):
    """Recoverable trouble in pytest-llmcreds, such as an unwritable report."""
