"""The hook that gives each test a clean ``llm_fake_server_session``."""

from __future__ import annotations

import pytest

from pytest_llmcreds.server._loopback import LLMFakeServer


class SessionReset:
    """Resets a session-wide fake server after each test, while registered.

    The ``llm_fake_server_session`` fixture registers it when a test first
    requests the server and unregisters it at the end of the session, so a
    run that never uses the server pays nothing for it.
    """

    def __init__(self, server: LLMFakeServer) -> None:
        self.server = server

    @pytest.hookimpl(trylast=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> None:
        if self.server.reset_between_tests:
            self.server.reset()
