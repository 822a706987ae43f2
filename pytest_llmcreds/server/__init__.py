"""A fake LLM provider: a real HTTP(S) server on 127.0.0.1 for tests and replays."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pytest_llmcreds.server._http import FakeProvider, RecordedRequest, read_credential
from pytest_llmcreds.server._routes import DEFAULT_FAIL, Mount, Reply, Route
from pytest_llmcreds.server._shapes import ModelsShape

if TYPE_CHECKING:
    from pytest_llmcreds.server._faults import PlannedFault
    from pytest_llmcreds.server._loopback import LLMFakeServer, is_loopback

#: Names loaded on first use, because they import the llm_mock catalogue
#: (httpx, respx, pydantic), which ``llmcreds check`` does not need.
_LAZY = {
    "LLMFakeServer": "pytest_llmcreds.server._loopback",
    "is_loopback": "pytest_llmcreds.server._loopback",
    "PlannedFault": "pytest_llmcreds.server._faults",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(_LAZY[name]), name)


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
