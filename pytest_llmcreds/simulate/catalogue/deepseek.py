"""DeepSeek's API errors (api.deepseek.com), in the OpenAI envelope.

DeepSeek puts ``invalid_request_error`` in ``code`` and the category in
``type``; out of balance is a 402.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "DeepSeek"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No Authorization header reached the API",
        status=401,
        body=(
            '{"error":{"message":"Authentication Fails, Your api key: ****Non'
            'e is invalid","type":"authentication_error","param":null,"code":'
            '"invalid_request_error"}}\n'
        ),
        source="https://github.com/BerriAI/litellm/issues/10403 (invalid-key body)",
        confidence="inferred",
        note=(
            "The body of the invalid-key case with an empty key's echo; no di"
            "stinct answer was found."
        ),
    ),
    Scenario(
        id="invalid_api_key",
        summary="The key is wrong; the API echoes its last four characters",
        status=401,
        body=(
            '{"error":{"message":"Authentication Fails, Your api key: ****cd1'
            '5 is invalid","type":"authentication_error","param":null,"code":'
            '"invalid_request_error"}}\n'
        ),
        source="https://github.com/BerriAI/litellm/issues/10403",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="no_such_user",
        summary="The key belongs to no account",
        status=401,
        body=(
            '{\n    "error": {\n        "message": "Authentication Fails (no su'
            'ch user)",\n        "type": "authentication_error",\n        "para'
            'm": null,\n        "code": "invalid_request_error"\n    }\n}\n'
        ),
        source="https://github.com/deepseek-ai/DeepSeek-R1/issues/82",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="insufficient_quota",
        summary="The account balance is used up (402)",
        status=402,
        body=(
            '{"error":{"message":"Insufficient Balance","type":"unknown_error'
            '","param":null,"code":"invalid_request_error"}}\n'
        ),
        source=(
            "https://api-docs.deepseek.com/quick_start/error_codes (402 Insuf"
            "ficient Balance)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="model_not_found",
        summary="The model name is not one DeepSeek serves",
        status=400,
        body=(
            '{"error":{"message":"Model Not Exist","type":"invalid_request_er'
            'ror","param":null,"code":"invalid_request_error"}}\n'
        ),
        source="public reports of 'Model Not Exist' from api.deepseek.com",
        confidence="inferred",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The messages exceed the model's context window",
        status=400,
        body=(
            '{"error":{"message":"This model\'s maximum context length is 1310'
            "72 tokens. However, you requested 140000 tokens (140000 in the m"
            "essages, 0 in the completion). Please reduce the length of the m"
            'essages or completion.","type":"invalid_request_error","param":n'
            'ull,"code":"invalid_request_error"}}\n'
        ),
        source=(
            "https://api-docs.deepseek.com/quick_start/error_codes (400 Invalid Format)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="rate_limited",
        summary="Requests are sent too fast",
        status=429,
        body=(
            '{"error":{"message":"Rate Limit Reached","type":"rate_limit_erro'
            'r","param":null,"code":"invalid_request_error"}}\n'
        ),
        policy="retry",
        source=(
            "https://api-docs.deepseek.com/quick_start/error_codes (429 Rate "
            "Limit Reached)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="server_error",
        summary="DeepSeek's server failed",
        status=500,
        body=(
            '{"error":{"message":"Server Error","type":"server_error","param"'
            ':null,"code":"invalid_request_error"}}\n'
        ),
        policy="retry",
        source=(
            "https://api-docs.deepseek.com/quick_start/error_codes (500 Server Error)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="overloaded",
        summary="The server is overloaded by high traffic (503)",
        status=503,
        body=(
            '{"error":{"message":"Server Overloaded","type":"server_error","p'
            'aram":null,"code":"invalid_request_error"}}\n'
        ),
        policy="retry",
        source=(
            "https://api-docs.deepseek.com/quick_start/error_codes (503 Serve"
            "r Overloaded)"
        ),
        confidence="inferred",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="deepseek",
    family="openai",
    envelope="openai",
    common_headers={
        "content-type": "application/json",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="permission_denied",
            reason="DeepSeek keys have no scopes",
        ),
        Absence(
            id="unsupported_region",
            reason="no region block of DeepSeek's was found",
        ),
        Absence(
            id="request_too_large",
            reason="no size limit response of DeepSeek's was found",
        ),
        Absence(
            id="stream_error",
            reason="no mid-stream error of DeepSeek's was found",
        ),
    ),
    note=(
        "Only the two authentication bodies were seen verbatim; the rest "
        "follow DeepSeek's error code table."
    ),
)
