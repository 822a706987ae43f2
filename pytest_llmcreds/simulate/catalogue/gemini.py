"""The Gemini API's errors (generativelanguage.googleapis.com), google.rpc.Status.

A wrong key is a 400 with ``details[].reason == "API_KEY_INVALID"`` and a
missing one a 403. Gemini sends no request id header and no rate-limit
headers: retry hints live in the body (``google.rpc.RetryInfo``).
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "Gemini"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No key reached the API (403, while a wrong key is 400)",
        status=403,
        body=(
            '{\n  "error": {\n    "code": 403,\n    "message": "Method doesn\'t a'
            "llow unregistered callers (callers without established identity)"
            ". Please use API Key or other form of API consumer identity to c"
            'all this API.",\n    "status": "PERMISSION_DENIED"\n  }\n}\n'
        ),
        source=(
            "https://github.com/PublicAffairs/openai-gemini/issues/92; https:"
            "//github.com/UnityGameStudio/Gemini-Unity-Package/issues/1"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="invalid_api_key",
        summary=(
            "The key is not valid: 400 INVALID_ARGUMENT with reason API_KEY_INVALID"
        ),
        status=400,
        body=(
            '{\n  "error": {\n    "code": 400,\n    "message": "API key not vali'
            'd. Please pass a valid API key.",\n    "status": "INVALID_ARGUMEN'
            'T",\n    "details": [\n      {\n        "@type": "type.googleapis.c'
            'om/google.rpc.ErrorInfo",\n        "reason": "API_KEY_INVALID",\n '
            '       "domain": "googleapis.com",\n        "metadata": {\n       '
            '   "service": "generativelanguage.googleapis.com"\n        }\n    '
            '  },\n      {\n        "@type": "type.googleapis.com/google.rpc.Lo'
            'calizedMessage",\n        "locale": "en-US",\n        "message": "'
            'API key not valid. Please pass a valid API key."\n      }\n    ]\n '
            " }\n}\n"
        ),
        source=(
            "https://github.com/continuedev/continue/issues/8516 (exact JSON,"
            " wrapped in a list in that report); https://github.com/google/ti"
            "mesketch/pull/3703 (adds a third detail: google.rpc.DebugInfo 'I"
            "nvalid API key: <key>' - echoes the key!)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="permission_denied",
        summary="The key's tier has no access to the model",
        status=403,
        body=(
            '{"error":{"code":403,"message":"The caller does not have permiss'
            'ion","status":"PERMISSION_DENIED"}}\n'
        ),
        source=(
            "https://github.com/iBUHub/AIStudioToAPI/issues/109; https://gith"
            "ub.com/google-gemini/gemini-cli/issues/14519"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="service_disabled",
        summary=(
            "The key's Google Cloud project has the Generative Language API disabled"
        ),
        status=403,
        body=(
            '{"error":{"code":403,"message":"Generative Language API has not '
            "been used in project 000000000000 before or it is disabled. Enab"
            "le it by visiting https://console.developers.google.com/apis/api"
            "/generativelanguage.googleapis.com/overview?project=000000000000"
            ' then retry.","status":"PERMISSION_DENIED","details":[{"@type":"'
            'type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISA'
            'BLED","domain":"googleapis.com","metadata":{"service":"generativ'
            'elanguage.googleapis.com","consumer":"projects/000000000000"}}]}'
            "}\n"
        ),
        source="public bug reports of keys whose project has the API disabled",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="unsupported_region",
        summary="The caller's location is not supported: 400 FAILED_PRECONDITION",
        status=400,
        body=(
            '{\n  "error": {\n    "code": 400,\n    "message": "User location is'
            ' not supported for the API use.",\n    "status": "FAILED_PRECONDI'
            'TION"\n  }\n}\n'
        ),
        source=(
            "https://github.com/snailyp/gemini-balance/issues/328; https://gi"
            "thub.com/poenl/gemini-api/issues/4 (Python repr)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="model_not_found",
        summary="The model is unknown for this API version or method",
        status=404,
        body=(
            '{\n  "error": {\n    "code": 404,\n    "message": "models/gemini-pr'
            "o is not found for API version v1beta, or is not supported for g"
            "enerateContent. Call ListModels to see the list of available mod"
            'els and their supported methods.",\n    "status": "NOT_FOUND"\n  }'
            "\n}\n"
        ),
        source=(
            "https://github.com/continuedev/continue/issues/9939; https://git"
            "hub.com/google/adk-python/issues/200"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="rate_limited",
        summary=(
            "A per-minute quota is exhausted: 429 RESOURCE_EXHAUSTED with RetryInfo"
        ),
        status=429,
        body=(
            '{\n  "error": {\n    "code": 429,\n    "message": "You exceeded you'
            "r current quota, please check your plan and billing details. For"
            " more information on this error, head to: https://ai.google.dev/"
            'gemini-api/docs/rate-limits.",\n    "status": "RESOURCE_EXHAUSTED'
            '",\n    "details": [\n      {\n        "@type": "type.googleapis.co'
            'm/google.rpc.QuotaFailure",\n        "violations": [\n          {\n'
            '            "quotaMetric": "generativelanguage.googleapis.com/ge'
            'nerate_content_free_tier_input_token_count",\n            "quotaI'
            'd": "GenerateContentInputTokensPerModelPerMinute-FreeTier",\n    '
            '        "quotaDimensions": {\n              "location": "global",'
            '\n              "model": "gemini-2.5-flash"\n            },\n      '
            '      "quotaValue": "250000"\n          }\n        ]\n      },\n    '
            '  {\n        "@type": "type.googleapis.com/google.rpc.Help",\n    '
            '    "links": [\n          {\n            "description": "Learn mor'
            'e about Gemini API quotas",\n            "url": "https://ai.googl'
            'e.dev/gemini-api/docs/rate-limits"\n          }\n        ]\n      }'
            ',\n      {\n        "@type": "type.googleapis.com/google.rpc.Retry'
            'Info",\n        "retryDelay": "26s"\n      }\n    ]\n  }\n}\n'
        ),
        policy="retry",
        source=(
            "https://github.com/RooCodeInc/Roo-Code/issues/3883 (this JSON, 2"
            "025-06); https://github.com/google-gemini/gemini-cli/issues/8437"
            " (QuotaFailure with per-minute and per-day violations)"
        ),
        confidence="pasted_in_issue",
        note=(
            "Gemini sends no retry-after header; llm_mock adds a short one so"
            " SDKs that retry stay fast."
        ),
    ),
    Scenario(
        id="insufficient_quota",
        summary=(
            "The same RESOURCE_EXHAUSTED response for a daily or zero quota, "
            "where retrying never helps"
        ),
        status=429,
        body=(
            '{\n  "error": {\n    "code": 429,\n    "message": "You exceeded you'
            "r current quota, please check your plan and billing details. For"
            " more information on this error, head to: https://ai.google.dev/"
            'gemini-api/docs/rate-limits.",\n    "status": "RESOURCE_EXHAUSTED'
            '",\n    "details": [\n      {\n        "@type": "type.googleapis.co'
            'm/google.rpc.QuotaFailure",\n        "violations": [\n          {\n'
            '            "quotaMetric": "generativelanguage.googleapis.com/ge'
            'nerate_content_free_tier_input_token_count",\n            "quotaI'
            'd": "GenerateContentInputTokensPerModelPerMinute-FreeTier",\n    '
            '        "quotaDimensions": {\n              "location": "global",'
            '\n              "model": "gemini-2.5-flash"\n            },\n      '
            '      "quotaValue": "250000"\n          }\n        ]\n      },\n    '
            '  {\n        "@type": "type.googleapis.com/google.rpc.Help",\n    '
            '    "links": [\n          {\n            "description": "Learn mor'
            'e about Gemini API quotas",\n            "url": "https://ai.googl'
            'e.dev/gemini-api/docs/rate-limits"\n          }\n        ]\n      }'
            ',\n      {\n        "@type": "type.googleapis.com/google.rpc.Retry'
            'Info",\n        "retryDelay": "26s"\n      }\n    ]\n  }\n}\n'
        ),
        source=(
            "https://github.com/RooCodeInc/Roo-Code/issues/3883 (this JSON, 2"
            "025-06); https://github.com/google-gemini/gemini-cli/issues/8437"
            " (QuotaFailure with per-minute and per-day violations)"
        ),
        confidence="pasted_in_issue",
        note=(
            "The body is the rate_limited one; a 'limit: 0' or per-day quota "
            "shares it, so only the quota id tells them apart."
        ),
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The input token count exceeds the model's maximum",
        status=400,
        body=(
            '{"error":{"code":400,"message":"The input token count (132478) e'
            'xceeds the maximum number of tokens allowed (131072).","status":'
            '"INVALID_ARGUMENT"}}\n'
        ),
        source=(
            "https://github.com/google-gemini/gemini-cli/issues/4118; https:/"
            "/github.com/google-gemini/gemini-cli/issues/4231 (1048576 limit)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="server_error",
        summary="An internal error in the API",
        status=500,
        body=(
            '{\n  "error": {\n    "code": 500,\n    "message": "An internal erro'
            "r has occurred. Please retry or report in https://developers.gen"
            'erativeai.google/guide/troubleshooting",\n    "status": "INTERNAL'
            '"\n  }\n}\n'
        ),
        policy="retry",
        source=(
            "https://github.com/PublicAffairs/openai-gemini/issues/15; https:"
            "//github.com/google-gemini/gemini-cli/issues/7586"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="overloaded",
        summary="The model is overloaded: 503 UNAVAILABLE",
        status=503,
        body=(
            '{"error":{"code":503,"message":"The model is overloaded. Please '
            'try again later.","status":"UNAVAILABLE"}}\n'
        ),
        policy="retry",
        source=(
            "https://github.com/google-gemini/gemini-cli/issues/5191; https:/"
            "/github.com/google-gemini/cookbook/issues/425"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="stream_error",
        summary=(
            "An error chunk arrives after the first chunks of streamGenerateC"
            "ontent (HTTP 200)"
        ),
        kind="stream",
        body=(
            'data: {"error":{"code":500,"message":"An internal error has occu'
            "rred. Please retry or report in https://developers.generativeai."
            'google/guide/troubleshooting","status":"INTERNAL"}}\r\n\r\n\n'
        ),
        policy="either",
        source=(
            "google-genai 3.6 (_api_client.py request_streamed raises on a ch"
            'unk that starts with {"error":)'
        ),
        confidence="inferred",
        note=(
            "No recorded mid-stream failure was found; the SDK's handling of "
            "an error chunk is read from its source."
        ),
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="gemini",
    family="gemini",
    envelope="google",
    common_headers={
        "content-type": "application/json; charset=UTF-8",
        "vary": "Origin, X-Origin, Referer",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="request_too_large",
            reason="no recorded 413 of the Gemini API was found",
        ),
    ),
)
