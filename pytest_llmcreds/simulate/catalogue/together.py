"""Together AI's errors (api.together.xyz/v1), in the OpenAI envelope."""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "Together AI"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No Authorization header reached the API",
        status=401,
        body=(
            '{\n  "error": {\n    "message": "Invalid API key provided. You can'
            " find your API key at https://api.together.xyz/settings/api-keys"
            '.",\n    "type": "invalid_request_error",\n    "param": null,\n    '
            '"code": "invalid_api_key"\n  }\n}\n'
        ),
        source="https://github.com/harshitv804/LawGPT/issues/4 (invalid-key body)",
        confidence="inferred",
        note="No distinct body for a missing key was found.",
    ),
    Scenario(
        id="invalid_api_key",
        summary="The key is wrong or revoked",
        status=401,
        body=(
            '{\n  "error": {\n    "message": "Invalid API key provided. You can'
            " find your API key at https://api.together.xyz/settings/api-keys"
            '.",\n    "type": "invalid_request_error",\n    "param": null,\n    '
            '"code": "invalid_api_key"\n  }\n}\n'
        ),
        source="https://github.com/harshitv804/LawGPT/issues/4",
        confidence="pasted_in_issue",
        note=(
            "The report showed the JSON on one line with spaces; the pretty-p"
            "rinted layout is reconstructed."
        ),
    ),
    Scenario(
        id="model_not_found",
        summary="The model is not served on the serverless API",
        status=400,
        body=(
            '{"error":{"message":"Unable to access non-serverless model moons'
            "hotai/Kimi-K2.5. Please visit https://api.together.ai/models/moo"
            "nshotai/Kimi-K2.5 to create and start a new dedicated endpoint f"
            'or the model.","type":"invalid_request_error","param":null,"code'
            '":"model_not_available"}}\n'
        ),
        source=(
            "https://github.com/can1357/oh-my-pi/pull/8333 (400 model_not_available)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="insufficient_quota",
        summary="The account has no credit left (402)",
        status=402,
        body=(
            '{"error":{"message":"Credit limit exceeded. Please navigate to h'
            "ttps://api.together.xyz/settings/billing to add credit or upgrad"
            'e your plan.","type":"invalid_request_error","param":null,"code"'
            ':"credit_limit"}}\n'
        ),
        source="Together AI error codes (402 payment required)",
        confidence="inferred",
    ),
    Scenario(
        id="rate_limited",
        summary="The account's rate limit is reached",
        status=429,
        headers={
            "x-ratelimit-limit": "10",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": "1",
        },
        body=(
            '{"error":{"message":"You are being rate limited","type":"rate_li'
            'mit_exceeded","param":null,"code":"rate_limit_exceeded"}}\n'
        ),
        policy="retry",
        source="Together AI error codes (429)",
        confidence="inferred",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The request exceeds the model's context window",
        status=400,
        body=(
            '{"error":{"message":"Input validation error: `inputs` tokens + `'
            "max_new_tokens` must be <= 8193. Given: 9000 `inputs` tokens and"
            ' 512 `max_new_tokens`","type":"invalid_request_error","param":"m'
            'ax_tokens","code":null}}\n'
        ),
        source="Together AI inference server validation errors",
        confidence="inferred",
    ),
    Scenario(
        id="server_error",
        summary="Together's server failed",
        status=500,
        body=(
            '{"error":{"message":"Internal server error","type":"server_error'
            '","param":null,"code":null}}\n'
        ),
        policy="retry",
        source="Together AI error codes (500)",
        confidence="inferred",
    ),
    Scenario(
        id="overloaded",
        summary="The model is over capacity (503)",
        status=503,
        body=(
            '{"error":{"message":"The server is overloaded or not ready yet."'
            ',"type":"server_error","param":null,"code":null}}\n'
        ),
        policy="retry",
        source="Together AI error codes (503)",
        confidence="inferred",
    ),
    Scenario(
        id="stream_error",
        summary="An error event arrives after the first chunks of a stream (HTTP 200)",
        kind="stream",
        body=(
            'data: {"error":{"message":"Internal server error","type":"server'
            '_error","param":null,"code":null}}\n\n'
        ),
        policy="either",
        source=(
            "together 3.1 (_streaming.py raises APIError on a data line with "
            "an error key)"
        ),
        confidence="inferred",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="together",
    family="openai",
    envelope="openai",
    # together 3.1 sends chat completions to api-inference.together.ai
    sdk_hosts=("api-inference.together.ai",),
    common_headers={
        "content-type": "application/json",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="permission_denied",
            reason="Together keys have no scopes",
        ),
        Absence(
            id="unsupported_region",
            reason="no region block of Together's was found",
        ),
        Absence(
            id="request_too_large",
            reason="no size limit response of Together's was found",
        ),
    ),
    note=(
        "Only the invalid-key body was seen verbatim; the rest are recons"
        "tructed from Together's error code list."
    ),
)
