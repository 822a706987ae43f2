"""The plugin's warning class, so users can filter its warnings by category."""

from __future__ import annotations

import pytest


class LLMCredsWarning(pytest.PytestWarning):
    """Recoverable trouble in pytest-llmcreds, such as an unwritable report."""


def warn(config: pytest.Config, message: str) -> None:
    """Issue an ``LLMCredsWarning`` that never stops the session.

    With ``-W error`` the warning becomes an exception; the message then goes
    to the terminal instead, because the tests must still run.
    """
    try:
        config.issue_config_time_warning(LLMCredsWarning(message), stacklevel=2)
    except LLMCredsWarning:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"llmcreds: warning: {message}", yellow=True)
