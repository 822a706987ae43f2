"""xAI's API errors (api.x.ai/v1).

xAI sends a wrong key as 400 with a flat ``{"code", "error"}`` body whose
``error`` is a string, so openai-python finds no ``code`` or ``type`` in it.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "xAI"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No Authorization header reached the API",
        status=400,
        body=(
            '{"code":"Client specified an invalid argument","error":"Incorrec'
            "t API key provided: ***. You can obtain an API key from https://"
            'console.x.ai."}'
        ),
        source=(
            "https://github.com/continuedev/continue/issues/10778 (invalid-key message)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="invalid_api_key",
        summary="The key is wrong (400, not 401); the API echoes it masked",
        status=400,
        body=(
            '{"code":"Client specified an invalid argument","error":"Incorrec'
            "t API key provided: sk***gA. You can obtain an API key from http"
            's://console.x.ai."}'
        ),
        source=(
            "https://github.com/continuedev/continue/issues/10778; https://gi"
            "thub.com/openai/codex/issues/1352"
        ),
        confidence="inferred",
        note=(
            "The reports show status and message; the {code, error} envelope "
            "is reconstructed."
        ),
    ),
    Scenario(
        id="permission_denied",
        summary="The team has no credits or licenses for the API",
        status=403,
        body=(
            '{"code":"The caller does not have permission to execute the spec'
            'ified operation","error":"Your newly created teams doesn\'t have '
            "any credits yet. You can purchase credits on https://console.x.a"
            'i/team/00000000-0000-0000-0000-000000000000."}'
        ),
        source="public reports of new xAI teams without credits",
        confidence="inferred",
    ),
    Scenario(
        id="model_not_found",
        summary="The model does not exist or the team has no access to it",
        status=404,
        body=(
            '{"code":"Some requested entity was not found","error":"The model'
            " grok-9 does not exist or your team 00000000-0000-0000-0000-0000"
            "00000000 does not have access to it. Please ensure you're using "
            "the correct API key. If you believe this is an error, contact su"
            'pport@x.ai."}'
        ),
        source="public reports of xAI model errors",
        confidence="inferred",
    ),
    Scenario(
        id="insufficient_quota",
        summary=(
            "The team has used all its credits or reached its monthly spending limit"
        ),
        status=429,
        body=(
            '{"code":"Some resource has been exhausted","error":"Your team 00'
            "000000-0000-0000-0000-000000000000 has either used all available"
            " credits or reached its monthly spending limit. To continue maki"
            "ng API requests, please purchase more credits or raise your spen"
            'ding limit."}'
        ),
        source="public reports of xAI teams out of credits",
        confidence="inferred",
    ),
    Scenario(
        id="rate_limited",
        summary="The team's requests-per-minute limit is reached",
        status=429,
        body=(
            '{"code":"Some resource has been exhausted","error":"Too many req'
            'uests. Please slow down and try again later."}'
        ),
        policy="retry",
        source="xAI gRPC status texts",
        confidence="inferred",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The prompt exceeds the model's context window",
        status=400,
        body=(
            '{"code":"Client specified an invalid argument","error":"This mod'
            "el's maximum prompt length is 131072 but the request contains 14"
            '0000 tokens."}'
        ),
        source="xAI gRPC status texts",
        confidence="inferred",
    ),
    Scenario(
        id="server_error",
        summary="xAI's server failed",
        status=500,
        body='{"code":"Internal error","error":"Internal server error"}',
        policy="retry",
        source="xAI gRPC status texts",
        confidence="inferred",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="xai",
    family="openai",
    envelope="xai",
    common_headers={
        "content-type": "application/json",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="request_too_large",
            reason="no recorded 413 of xAI's was found",
        ),
        Absence(
            id="overloaded",
            reason="no recorded 503 of xAI's was found",
        ),
        Absence(
            id="unsupported_region",
            reason="no region block of xAI's was found",
        ),
        Absence(
            id="stream_error",
            reason="no mid-stream error of xAI's was found",
        ),
    ),
    note=(
        "The bodies use xAI's gRPC-status wording and are reconstructed; "
        "only the invalid-key message was seen in reports."
    ),
)
