"""A fake LLM provider: a real HTTP(S) server on 127.0.0.1 for tests and replays."""

from __future__ import annotations

from pytest_llmcreds.server._faults import PlannedFault
from pytest_llmcreds.server._http import FakeProvider, RecordedRequest, read_credential
from pytest_llmcreds.server._loopback import LLMFakeServer, is_loopback
from pytest_llmcreds.server._routes import DEFAULT_FAIL, Mount, Reply, Route
from pytest_llmcreds.server._shapes import ModelsShape

__all__ = [
    "DEFAULT_FAIL",
    "FakeProvider",
    "LLMFakeServer",
    "ModelsShape",
    "Mount",
    "PlannedFault",
    "RecordedRequest",
    "Reply",
    "Route",
    "is_loopback",
    "read_credential",
]
