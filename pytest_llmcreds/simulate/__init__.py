"""Simulated LLM provider failures and responses for httpx and httpx2 clients.

``LLMMock`` routes each simulated provider's requests to the error that
provider sends in production, byte for byte, then to a minimal success
response. The ``llm_mock`` fixture of the pytest plugin wraps it.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._mock import (
    FAST_RETRY_AFTER,
    LLMMock,
    PlannedFailure,
    RecordedRequest,
    UnmatchedRequestError,
    redact_headers,
    redact_url,
)
from pytest_llmcreds.simulate._models import NEUTRAL_SCENARIOS, Scenario
from pytest_llmcreds.simulate._params import ScenarioCase, scenario_params
from pytest_llmcreds.simulate._policy import (
    RetryCheck,
    RetryPolicyReport,
    check_retry_policy,
)
from pytest_llmcreds.simulate.catalogue import PROVIDERS, errors_of, scenario_of

__all__ = [
    "FAST_RETRY_AFTER",
    "NEUTRAL_SCENARIOS",
    "PROVIDERS",
    "LLMMock",
    "PlannedFailure",
    "RecordedRequest",
    "RetryCheck",
    "RetryPolicyReport",
    "Scenario",
    "ScenarioCase",
    "UnmatchedRequestError",
    "check_retry_policy",
    "errors_of",
    "redact_headers",
    "redact_url",
    "scenario_of",
    "scenario_params",
]
