"""Mistral's API errors (api.mistral.ai).

Two layers respond: a gateway with ``{"detail": ...}`` or ``{"message": ...}``,
and the API with ``{"object": "error", ...}`` whose code is a numeric string.
mistralai 3.x raises ``SDKError`` for every status but 422.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "Mistral"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No key reached the API; the gateway sends the invalid-key body",
        status=401,
        body='{"detail":"Unauthorized"}\n',
        envelope="detail",
        source=(
            "https://github.com/agent0ai/agent-zero/issues/539 (POST https://"
            "api.mistral.ai/v1/chat/completions); https://github.com/nextclou"
            "d/integration_openai/issues/332 (GET /v1/models, 2026)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="invalid_api_key",
        summary="The key is wrong or revoked",
        status=401,
        body='{"detail":"Unauthorized"}\n',
        envelope="detail",
        source=(
            "https://github.com/agent0ai/agent-zero/issues/539 (POST https://"
            "api.mistral.ai/v1/chat/completions); https://github.com/nextclou"
            "d/integration_openai/issues/332 (GET /v1/models, 2026)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="rate_limited",
        summary="The gateway's requests-per-second limit is reached",
        status=429,
        body='{"message":"Requests rate limit exceeded"}\n',
        policy="retry",
        envelope="message",
        source=(
            "https://github.com/pydantic/pydantic-ai/issues/1885; https://git"
            "hub.com/dnakov/anon-kode/issues/53"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="rate_limited_api",
        summary="The API's own rate limit is reached (code 1300)",
        status=429,
        body=(
            '{"object":"error","message":"Rate limit exceeded","type":"rate_l'
            'imited","param":null,"code":"1300"}\n'
        ),
        policy="retry",
        source=(
            "https://github.com/cline/cline/issues/9085 (2026-02); https://gi"
            'thub.com/raycast/extensions/issues/31107 (2026-09, adds "raw_sta'
            'tus_code":429)'
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="overloaded",
        summary="The service tier has no capacity left for the model",
        status=429,
        body=(
            '{"object":"error","message":"Service tier capacity exceeded for '
            'this model.","type":"invalid_request_error","param":null,"code":'
            "null}\n"
        ),
        policy="retry",
        source="https://github.com/continuedev/continue/issues/6185",
        confidence="pasted_in_issue",
        note="The recorded report did not show the status; 429 is assumed.",
    ),
    Scenario(
        id="model_not_found",
        summary="The model name is invalid",
        status=400,
        body=(
            '{"object":"error","message":"Invalid model: does-not-exist","typ'
            'e":"invalid_model","param":null,"code":"1500"}\n'
        ),
        source="Mistral API envelope; message and code reconstructed",
        confidence="inferred",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The prompt exceeds the model's context window",
        status=400,
        body=(
            '{"object":"error","message":"Prompt contains 40000 tokens and 0 '
            "draft tokens, too large for model with 32768 maximum context len"
            'gth","type":"invalid_request_error","param":null,"code":null}\n'
        ),
        source="Mistral API envelope; message reconstructed",
        confidence="inferred",
    ),
    Scenario(
        id="validation_error",
        summary="A request field is malformed (the only status with a typed error)",
        status=422,
        body=(
            '{"detail":[{"loc":["body","messages"],"msg":"Field required","ty'
            'pe":"missing"}]}\n'
        ),
        envelope="detail",
        source=(
            "mistralai 3.7.0 src mistralai/client/chat.py (422 -> HTTPValidat"
            "ionErrorData)"
        ),
        confidence="sdk_source",
    ),
    Scenario(
        id="server_error",
        summary="The API failed while processing the request",
        status=500,
        body=(
            '{"object":"error","message":"Internal server error","type":"inte'
            'rnal_server_error","param":null,"code":"3000"}\n'
        ),
        policy="retry",
        source="Mistral API envelope",
        confidence="inferred",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="mistral",
    family="mistral",
    envelope="flat_error",
    common_headers={
        "content-type": "application/json",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="permission_denied",
            reason="no recorded 403 of Mistral's was found",
        ),
        Absence(
            id="request_too_large",
            reason="no recorded 413 of Mistral's was found",
        ),
        Absence(
            id="insufficient_quota",
            reason="a monthly usage limit arrives as a 429 rate limit",
        ),
        Absence(
            id="stream_error",
            reason="no recorded mid-stream error of Mistral's was found",
        ),
        Absence(
            id="unsupported_region",
            reason="no region block of Mistral's was found",
        ),
    ),
)
