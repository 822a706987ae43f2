"""Ollama's errors (default http://127.0.0.1:11434), native and under /v1.

Ollama has no authentication, no rate limits and no quota, and it truncates
an over-long prompt to ``num_ctx`` instead of failing.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "Ollama"

_SCENARIOS = (
    Scenario(
        id="model_not_found",
        summary="The model was never pulled",
        status=404,
        body='{"error":"model \\"llama3.1\\" not found, try pulling it first"}\n',
        source=(
            "ollama/ollama server/routes.go handleScheduleError (fmt.Sprintf("
            '"model %q not found, try pulling it first", name)) - read via re'
            "ad_file, commit 00988753 tree; https://github.com/ollama/ollama/"
            'issues/3876 (older builds: {"error":"model \'llama3\' not found, t'
            'ry pulling it first"} with single quotes)'
        ),
        confidence="sdk_source",
    ),
    Scenario(
        id="model_not_found_openai",
        summary="The model was never pulled, as the /v1 endpoint reports it",
        status=404,
        body=(
            '{"error":{"message":"model \\"llama3.1\\" not found, try pulling i'
            't first","type":"not_found_error","param":null,"code":null}}\n'
        ),
        envelope="openai",
        source=(
            "ollama/ollama openai/openai.go NewError + middleware passing the"
            " native message through (inferred linkage)"
        ),
        confidence="sdk_source",
    ),
    Scenario(
        id="overloaded",
        summary="More requests are queued than OLLAMA_MAX_QUEUE allows",
        status=503,
        body=(
            '{"error":"server busy, please try again.  maximum pending reques'
            'ts exceeded"}\n'
        ),
        policy="retry",
        source=(
            "ollama/ollama server/sched.go ErrMaxQueue (two spaces after the "
            "period); routes.go handleScheduleError"
        ),
        confidence="sdk_source",
    ),
    Scenario(
        id="capability_missing",
        summary="The model does not support tools or images",
        status=400,
        body=(
            '{"error":"registry.ollama.ai/library/llama2:latest does not supp'
            'ort tools"}\n'
        ),
        source="routes.go handleScheduleError (errCapabilities -> 400 err.Error())",
        confidence="inferred",
    ),
    Scenario(
        id="request_canceled",
        summary="The client went away before the answer",
        status=499,
        body='{"error":"request canceled"}\n',
        source="routes.go handleScheduleError",
        confidence="sdk_source",
    ),
    Scenario(
        id="server_error",
        summary="The runner crashed while loading or running the model",
        status=500,
        body='{"error":"llama runner process has terminated: exit status 2"}\n',
        policy="retry",
        source=(
            "ollama server/routes.go (runner errors are sent as 500 with the "
            "error text)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="stream_error",
        summary=(
            "An error line arrives after the first lines of a native stream (HTTP 200)"
        ),
        kind="stream",
        body=(
            '{"error":"an error was encountered while running the model: unex'
            'pected EOF"}\n\n'
        ),
        policy="either",
        source=(
            "ollama server/routes.go streamResponse (an error after streaming"
            " starts is sent as a JSON line)"
        ),
        confidence="inferred",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="ollama",
    family="ollama",
    envelope="string_error",
    common_headers={
        "content-type": "application/json; charset=utf-8",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="missing_api_key",
            reason="Ollama has no authentication",
        ),
        Absence(
            id="invalid_api_key",
            reason="Ollama has no authentication",
        ),
        Absence(
            id="permission_denied",
            reason="Ollama has no authentication",
        ),
        Absence(
            id="unsupported_region",
            reason="Ollama runs locally",
        ),
        Absence(
            id="insufficient_quota",
            reason="Ollama has no billing",
        ),
        Absence(
            id="rate_limited",
            reason="Ollama has no rate limits; a full queue is overloaded",
        ),
        Absence(
            id="context_length_exceeded",
            reason="Ollama truncates the prompt to num_ctx instead of failing",
        ),
        Absence(
            id="request_too_large",
            reason="no size limit of Ollama's was found",
        ),
    ),
)
