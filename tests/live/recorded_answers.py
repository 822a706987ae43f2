# ruff: noqa: E501 - bodies are kept byte for byte, long lines included
"""Recorded error answers of each provider, with the cause the live check must give.

Each body is the provider's answer as published in bug reports, SDK sources
or documentation, with keys and ids replaced by placeholders of the same
shape. ``phase`` says which request gets it: ``key`` for the key check and
the model list, ``probe`` for the one-token request per model.
"""

from __future__ import annotations

from typing import NamedTuple


class RecordedAnswer(NamedTuple):
    provider: str
    scenario: str
    status: int
    headers: dict[str, str]
    body: str
    phase: str
    cause: str
    #: How the body is known: pasted_in_issue, sdk_source, documented or
    #: inferred.
    confidence: str


RECORDED_ANSWERS: tuple[RecordedAnswer, ...] = (
    RecordedAnswer(
        provider="anthropic",
        scenario="missing_api_key",
        status=401,
        headers={},
        body=(
            '{"type":"error","error":{"type":"authentication_error","message":"x-api-key '
            "header is "
            'required"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="invalid_api_key",
        status=401,
        headers={},
        body=(
            '{"type":"error","error":{"type":"authentication_error","message":"invalid '
            'x-api-key"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="permission_denied_oauth_not_allowed",
        status=403,
        headers={},
        body=(
            '{"type":"error","error":{"type":"permission_error","message":"OAuth '
            "authentication is currently not allowed for this "
            'organization."},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="unsupported_region",
        status=403,
        headers={},
        body=('{"error":{"type":"forbidden","message":"Request not allowed"}}\n'),
        phase="key",
        cause="region_blocked",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="model_not_found",
        status=404,
        headers={},
        body=(
            '{"type":"error","error":{"type":"not_found_error","message":"model: '
            'claude-3-5-sonnet-20241022"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        phase="probe",
        cause="model_not_found",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="credit_balance_too_low",
        status=400,
        headers={},
        body=(
            '{"type":"error","error":{"type":"invalid_request_error","message":"Your '
            "credit balance is too low to access the Anthropic API. "
            "Please go to Plans & Billing to upgrade or purchase "
            'credits."},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        phase="probe",
        cause="quota_exhausted",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="rate_limited_input_tokens",
        status=429,
        headers={
            "anthropic-ratelimit-input-tokens-limit": "40000",
            "anthropic-ratelimit-input-tokens-remaining": "0",
            "anthropic-ratelimit-input-tokens-reset": "2025-08-21T12:41:12Z",
            "anthropic-ratelimit-requests-limit": "1000",
            "anthropic-ratelimit-requests-remaining": "999",
            "anthropic-ratelimit-requests-reset": "2025-08-21T12:40:59Z",
            "retry-after": "13",
        },
        body=(
            '{"type":"error","error":{"type":"rate_limit_error","message":"This '
            "request would exceed the rate limit for your "
            "organization (00000000-0000-0000-0000-000000000000) of "
            "40,000 input tokens per minute. For details, refer to: "
            "https://docs.anthropic.com/en/api/rate-limits. You can "
            "see the response headers for current usage. Please "
            "reduce the prompt length or the maximum tokens "
            "requested, or try again later. You may also contact "
            "sales at https://www.anthropic.com/contact-sales to "
            'discuss your options for a rate limit increase."}}\n'
        ),
        phase="key",
        cause="rate_limited",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="prompt_too_long",
        status=400,
        headers={},
        body=(
            '{"type":"error","error":{"type":"invalid_request_error","message":"prompt '
            "is too long: 208310 tokens > 200000 "
            'maximum"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="request_too_large",
        status=413,
        headers={},
        body=(
            '{"type":"error","error":{"type":"request_too_large","message":"Request '
            'exceeds the maximum allowed number of bytes."}}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="documented",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="api_error_500",
        status=500,
        headers={},
        body=(
            '{"type":"error","error":{"type":"api_error","message":"Internal '
            "server "
            'error"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        phase="key",
        cause="server_error",
        confidence="documented",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="overloaded",
        status=529,
        headers={},
        body='{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n',
        phase="key",
        cause="server_error",
        confidence="documented",
    ),
    RecordedAnswer(
        provider="anthropic",
        scenario="wrong_base_url_html_404",
        status=404,
        headers={"content-type": "text/html"},
        body=(
            '<!DOCTYPE html><html id="__next_error__"><head><meta '
            'charSet="utf-8"/>...<title>Not Found \\ '
            "Anthropic</title>...\n"
        ),
        phase="key",
        cause="base_url_wrong",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="azure_openai",
        scenario="missing_api_key",
        status=401,
        headers={},
        body=(
            '{"statusCode":401,"message":"Access denied due to '
            "missing subscription key. Make sure to include "
            'subscription key when making requests to an API."}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="azure_openai",
        scenario="invalid_api_key_or_wrong_endpoint",
        status=401,
        headers={
            "apim-request-id": "00000000-0000-0000-0000-000000000000",
            "content-length": "224",
            "content-type": "application/json",
        },
        body=(
            '{"error":{"code":"401","message":"Access denied due to '
            "invalid subscription key or wrong API endpoint. Make "
            "sure to provide a valid key for an active subscription "
            "and use a correct regional API endpoint for your "
            'resource."}}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="azure_openai",
        scenario="deployment_not_found",
        status=404,
        headers={},
        body=(
            '{"error":{"code":"DeploymentNotFound","message":"The '
            "API deployment for this resource does not exist. If "
            "you created the deployment within the last 5 minutes, "
            'please wait a moment and try again."}}\n'
        ),
        phase="probe",
        cause="model_not_found",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="azure_openai",
        scenario="resource_not_found_wrong_path_or_api_version",
        status=404,
        headers={},
        body=('{"error":{"code":"404","message":"Resource not found"}}\n'),
        phase="key",
        cause="base_url_wrong",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="azure_openai",
        scenario="rate_limited_tokens",
        status=429,
        headers={"retry-after": "60", "x-ratelimit-remaining-tokens": "0"},
        body=(
            '{"error":{"code":"429","message":"Requests to the '
            "ChatCompletions_Create Operation under Azure OpenAI "
            "API version 2024-08-01-preview have exceeded token "
            "rate limit of your current OpenAI S0 pricing tier. "
            "Please retry after 86400 seconds. Please go here: "
            "https://aka.ms/oai/quotaincrease if you would like to "
            'further increase the default rate limit."}}\n'
        ),
        phase="key",
        cause="rate_limited",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="azure_openai",
        scenario="content_filter",
        status=400,
        headers={},
        body=(
            '{"error":{"message":"The response was filtered due to '
            "the prompt triggering Azure OpenAI's content "
            "management policy. Please modify your prompt and "
            "retry. To learn more about our content filtering "
            "policies please read our documentation: "
            'https://go.microsoft.com/fwlink/?linkid=2198766","type":null,"param":"prompt","code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":true,"detected":true},"self_harm":{"filtered":false,"severity":"safe"},"sexual":{"filtered":false,"severity":"safe"},"violence":{"filtered":false,"severity":"safe"}}}}}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="azure_openai",
        scenario="context_length_exceeded",
        status=400,
        headers={},
        body=(
            '{"error":{"message":"This model\'s maximum context '
            "length is 8192 tokens. However, your messages resulted "
            "in 9000 tokens. Please reduce the length of the "
            'messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="inferred",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="missing_api_key",
        status=403,
        headers={},
        body=(
            "{\n"
            '  "error": {\n'
            '    "code": 403,\n'
            '    "message": "Method doesn\'t allow unregistered '
            "callers (callers without established identity). Please "
            "use API Key or other form of API consumer identity to "
            'call this API.",\n'
            '    "status": "PERMISSION_DENIED"\n'
            "  }\n"
            "}\n"
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="invalid_api_key",
        status=400,
        headers={},
        body=(
            "{\n"
            '  "error": {\n'
            '    "code": 400,\n'
            '    "message": "API key not valid. Please pass a valid '
            'API key.",\n'
            '    "status": "INVALID_ARGUMENT",\n'
            '    "details": [\n'
            "      {\n"
            '        "@type": '
            '"type.googleapis.com/google.rpc.ErrorInfo",\n'
            '        "reason": "API_KEY_INVALID",\n'
            '        "domain": "googleapis.com",\n'
            '        "metadata": {\n'
            '          "service": '
            '"generativelanguage.googleapis.com"\n'
            "        }\n"
            "      },\n"
            "      {\n"
            '        "@type": '
            '"type.googleapis.com/google.rpc.LocalizedMessage",\n'
            '        "locale": "en-US",\n'
            '        "message": "API key not valid. Please pass a '
            'valid API key."\n'
            "      }\n"
            "    ]\n"
            "  }\n"
            "}\n"
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="permission_denied_model",
        status=403,
        headers={},
        body=(
            '{"error":{"code":403,"message":"The caller does not '
            'have permission","status":"PERMISSION_DENIED"}}\n'
        ),
        phase="probe",
        cause="model_no_access",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="unsupported_location",
        status=400,
        headers={},
        body=(
            "{\n"
            '  "error": {\n'
            '    "code": 400,\n'
            '    "message": "User location is not supported for the '
            'API use.",\n'
            '    "status": "FAILED_PRECONDITION"\n'
            "  }\n"
            "}\n"
        ),
        phase="key",
        cause="region_blocked",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="model_not_found",
        status=404,
        headers={},
        body=(
            "{\n"
            '  "error": {\n'
            '    "code": 404,\n'
            '    "message": "models/gemini-pro is not found for API '
            "version v1beta, or is not supported for "
            "generateContent. Call ListModels to see the list of "
            'available models and their supported methods.",\n'
            '    "status": "NOT_FOUND"\n'
            "  }\n"
            "}\n"
        ),
        phase="probe",
        cause="model_not_found",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="quota_exhausted_free_tier",
        status=429,
        headers={},
        body=(
            "{\n"
            '  "error": {\n'
            '    "code": 429,\n'
            '    "message": "You exceeded your current quota, '
            "please check your plan and billing details. For more "
            "information on this error, head to: "
            'https://ai.google.dev/gemini-api/docs/rate-limits.",\n'
            '    "status": "RESOURCE_EXHAUSTED",\n'
            '    "details": [\n'
            "      {\n"
            '        "@type": '
            '"type.googleapis.com/google.rpc.QuotaFailure",\n'
            '        "violations": [\n'
            "          {\n"
            '            "quotaMetric": '
            '"generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",\n'
            '            "quotaId": '
            '"GenerateContentInputTokensPerModelPerMinute-FreeTier",\n'
            '            "quotaDimensions": {\n'
            '              "location": "global",\n'
            '              "model": "gemini-2.5-flash"\n'
            "            },\n"
            '            "quotaValue": "250000"\n'
            "          }\n"
            "        ]\n"
            "      },\n"
            "      {\n"
            '        "@type": '
            '"type.googleapis.com/google.rpc.Help",\n'
            '        "links": [\n'
            "          {\n"
            '            "description": "Learn more about Gemini '
            'API quotas",\n'
            '            "url": '
            '"https://ai.google.dev/gemini-api/docs/rate-limits"\n'
            "          }\n"
            "        ]\n"
            "      },\n"
            "      {\n"
            '        "@type": '
            '"type.googleapis.com/google.rpc.RetryInfo",\n'
            '        "retryDelay": "26s"\n'
            "      }\n"
            "    ]\n"
            "  }\n"
            "}\n"
        ),
        phase="probe",
        cause="rate_limited",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="context_too_long",
        status=400,
        headers={},
        body=(
            '{"error":{"code":400,"message":"The input token count '
            "(132478) exceeds the maximum number of tokens allowed "
            '(131072).","status":"INVALID_ARGUMENT"}}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="internal_error",
        status=500,
        headers={},
        body=(
            "{\n"
            '  "error": {\n'
            '    "code": 500,\n'
            '    "message": "An internal error has occurred. Please '
            "retry or report in "
            'https://developers.generativeai.google/guide/troubleshooting",\n'
            '    "status": "INTERNAL"\n'
            "  }\n"
            "}\n"
        ),
        phase="key",
        cause="server_error",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="gemini",
        scenario="overloaded",
        status=503,
        headers={},
        body=(
            '{"error":{"code":503,"message":"The model is '
            "overloaded. Please try again "
            'later.","status":"UNAVAILABLE"}}\n'
        ),
        phase="key",
        cause="server_error",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="groq",
        scenario="invalid_api_key",
        status=401,
        headers={
            "content-length": "96",
            "content-type": "application/json",
            "server": "cloudflare",
            "x-groq-region": "us-west-1",
            "x-request-id": "req_01XXXXXXXXXXXXXXXXXXXXXXXX",
        },
        body=(
            '{"error":{"message":"Invalid API '
            'Key","type":"invalid_request_error","code":"invalid_api_key"}}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="groq",
        scenario="model_not_found",
        status=404,
        headers={},
        body=(
            '{"error":{"message":"The model `llama3.1-405b` does '
            "not exist or you do not have access to "
            'it.","type":"invalid_request_error","code":"model_not_found"}}\n'
        ),
        phase="probe",
        cause="model_not_found",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="groq",
        scenario="model_decommissioned",
        status=400,
        headers={},
        body=(
            '{"error":{"message":"The model '
            "`llama-3.1-70b-versatile` has been decommissioned and "
            "is no longer supported. Please refer to "
            "https://console.groq.com/docs/deprecations for a "
            "recommendation on which model to use "
            'instead.","type":"invalid_request_error","code":"model_decommissioned"}}\n'
        ),
        phase="probe",
        cause="model_not_found",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="groq",
        scenario="rate_limited_tpm",
        status=429,
        headers={
            "retry-after": "2",
            "x-ratelimit-remaining-tokens": "0",
            "x-ratelimit-reset-tokens": "7.66s",
        },
        body=(
            '{"error":{"message":"Rate limit reached for model '
            "`llama-3.3-70b-versatile` in organization "
            "`org_01XXXXXXXXXXXXXXXXXXXXXXXX` service tier "
            "`on_demand` on tokens per minute (TPM): Limit 12000, "
            "Used 4437, Requested 9854. Please try again in "
            "11.455s. Need more tokens? Upgrade to Dev Tier today "
            "at "
            'https://console.groq.com/settings/billing","type":"tokens","code":"rate_limit_exceeded"}}\n'
        ),
        phase="key",
        cause="rate_limited",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="groq",
        scenario="request_too_large_for_tpm",
        status=413,
        headers={},
        body=(
            '{"error":{"message":"Request too large for model '
            "`llama-3.1-8b-instant` in organization "
            "`org_01XXXXXXXXXXXXXXXXXXXXXXXX` service tier "
            "`on_demand` on tokens per minute (TPM): Limit 6000, "
            "Requested 12328, please reduce your message size and "
            "try again. Need more tokens? Upgrade to Dev Tier today "
            "at "
            'https://console.groq.com/settings/billing","type":"tokens","code":"rate_limit_exceeded"}}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="litellm",
        scenario="missing_api_key",
        status=401,
        headers={},
        body=(
            '{"error":{"message":"Authentication Error, No api key '
            "passed "
            'in.","type":"auth_error","param":"None","code":"401"}}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="sdk_source",
    ),
    RecordedAnswer(
        provider="litellm",
        scenario="invalid_virtual_key",
        status=401,
        headers={},
        body=(
            "{\n"
            '  "error": {\n'
            '    "message": "Authentication Error, Invalid proxy '
            "server token passed. Received API Key = sk-...XXXX, "
            "Key Hash (Token) "
            "=0000000000000000000000000000000000000000000000000000000000000000. "
            "Unable to find token in cache or "
            '`LiteLLM_VerificationTokenTable`",\n'
            '    "type": "token_not_found_in_db",\n'
            '    "param": "key",\n'
            '    "code": "401"\n'
            "  }\n"
            "}\n"
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="litellm",
        scenario="budget_exceeded",
        status=429,
        headers={},
        body=(
            '{"error":{"message":"LiteLLM User: engineer-1, '
            "exceeded budget for "
            'model=claude-opus-4-8","type":"budget_exceeded","param":null,"code":"429"}}\n'
        ),
        phase="probe",
        cause="quota_exhausted",
        confidence="documented",
    ),
    RecordedAnswer(
        provider="litellm",
        scenario="upstream_bad_request_rewrapped",
        status=400,
        headers={},
        body=(
            '{"error":{"message":"{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"invalid_request_error\\",\\"message\\":\\"max_tokens: '
            "21333 > 4096, which is the maximum allowed number of "
            "output tokens for "
            'claude-3-opus-20240229\\"},\\"request_id\\":\\"req_011CXXXXXXXXXXXXXXXXXXXX\\"}. '
            "Received Model "
            "Group=claude-haiku-4-5-20251001\\nAvailable Model "
            "Group "
            'Fallbacks=None","type":"None","param":"None","code":"400"}}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="litellm",
        scenario="model_not_in_config",
        status=400,
        headers={},
        body=(
            '{"error":{"message":"Invalid model name passed in '
            "model=gpt-5-typo. Call `/v1/models` to view available "
            "models for your "
            'key.","type":"invalid_request_error","param":"model","code":"400"}}\n'
        ),
        phase="probe",
        cause="model_not_found",
        confidence="inferred",
    ),
    RecordedAnswer(
        provider="mistral",
        scenario="invalid_or_missing_api_key",
        status=401,
        headers={},
        body='{"detail":"Unauthorized"}\n',
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="mistral",
        scenario="rate_limited_gateway",
        status=429,
        headers={},
        body='{"message":"Requests rate limit exceeded"}\n',
        phase="key",
        cause="rate_limited",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="mistral",
        scenario="rate_limited_api",
        status=429,
        headers={},
        body=(
            '{"object":"error","message":"Rate limit '
            'exceeded","type":"rate_limited","param":null,"code":"1300"}\n'
        ),
        phase="key",
        cause="rate_limited",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="mistral",
        scenario="model_not_found",
        status=400,
        headers={},
        body=(
            '{"object":"error","message":"Invalid model: '
            'does-not-exist","type":"invalid_model","param":null,"code":"1500"}\n'
        ),
        phase="probe",
        cause="model_not_found",
        confidence="inferred",
    ),
    RecordedAnswer(
        provider="mistral",
        scenario="context_length_exceeded",
        status=400,
        headers={},
        body=(
            '{"object":"error","message":"Prompt contains 40000 '
            "tokens and 0 draft tokens, too large for model with "
            "32768 maximum context "
            'length","type":"invalid_request_error","param":null,"code":null}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="inferred",
    ),
    RecordedAnswer(
        provider="mistral",
        scenario="validation_error_422",
        status=422,
        headers={},
        body=(
            '{"detail":[{"loc":["body","messages"],"msg":"Field '
            'required","type":"missing"}]}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="sdk_source",
    ),
    RecordedAnswer(
        provider="ollama",
        scenario="server_busy_queue_full",
        status=503,
        headers={},
        body=(
            '{"error":"server busy, please try again.  maximum '
            'pending requests exceeded"}\n'
        ),
        phase="key",
        cause="server_error",
        confidence="sdk_source",
    ),
    RecordedAnswer(
        provider="ollama",
        scenario="wrong_endpoint",
        status=404,
        headers={"content-type": "text/plain"},
        body="404 page not found",
        phase="key",
        cause="base_url_wrong",
        confidence="inferred",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="missing_api_key",
        status=401,
        headers={"content-type": "application/json"},
        body=(
            "{\n"
            '    "error": {\n'
            '        "message": "You didn\'t provide an API key. '
            "You need to provide your API key in an Authorization "
            "header using Bearer auth (i.e. Authorization: Bearer "
            "YOUR_KEY), or as the password field (with blank "
            "username) if you're accessing the API from your "
            "browser and are prompted for a username and password. "
            "You can obtain an API key from "
            'https://platform.openai.com/account/api-keys.",\n'
            '        "type": "invalid_request_error",\n'
            '        "param": null,\n'
            '        "code": null\n'
            "    }\n"
            "}\n"
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="invalid_api_key",
        status=401,
        headers={
            "content-type": "application/json",
            "x-request-id": "req_0123456789abcdef0123456789abcdef",
        },
        body=(
            '{"error":{"message":"Incorrect API key provided: '
            "sk-proj-***************************************XXXX. "
            "You can find your API key at "
            'https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="revoked_or_deleted_key",
        status=401,
        headers={},
        body=(
            '{"error":{"message":"Incorrect API key provided: '
            "sk-proj-********************XXXX. You can find your "
            "API key at "
            'https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}\n'
        ),
        phase="key",
        cause="key_invalid",
        confidence="documented",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="mismatched_organization_header",
        status=401,
        headers={},
        body=(
            '{"error":{"message":"OpenAI-Organization header should '
            "match organization for API "
            'key","type":"invalid_request_error","param":null,"code":"mismatched_organization"}}\n'
        ),
        phase="key",
        cause="org_mismatch",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="model_not_found",
        status=404,
        headers={},
        body=(
            "{\n"
            '    "error": {\n'
            '        "message": "The model `gpt-4o` does not exist '
            'or you do not have access to it.",\n'
            '        "type": "invalid_request_error",\n'
            '        "param": null,\n'
            '        "code": "model_not_found"\n'
            "    }\n"
            "}\n"
        ),
        phase="probe",
        cause="model_not_found",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="unsupported_country_region_territory",
        status=403,
        headers={},
        body=(
            '{"error":{"code":"unsupported_country_region_territory","message":"Country, '
            "region, or territory not "
            'supported","param":null,"type":"request_forbidden"}}\n'
        ),
        phase="key",
        cause="region_blocked",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="insufficient_quota",
        status=429,
        headers={
            "content-type": "application/json",
            "x-request-id": "req_0123456789abcdef0123456789abcdef",
        },
        body=(
            "{\n"
            '    "error": {\n'
            '        "message": "You exceeded your current quota, '
            "please check your plan and billing details. For more "
            "information on this error, read the docs: "
            'https://platform.openai.com/docs/guides/error-codes/api-errors.",\n'
            '        "type": "insufficient_quota",\n'
            '        "param": null,\n'
            '        "code": "insufficient_quota"\n'
            "    }\n"
            "}\n"
        ),
        phase="key",
        cause="quota_exhausted",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="rate_limited_tokens_per_minute",
        status=429,
        headers={
            "x-ratelimit-limit-requests": "5000",
            "x-ratelimit-limit-tokens": "30000",
            "x-ratelimit-remaining-requests": "4999",
            "x-ratelimit-remaining-tokens": "0",
            "x-ratelimit-reset-requests": "12ms",
            "x-ratelimit-reset-tokens": "18.642s",
        },
        body=(
            '{"error":{"message":"Rate limit reached for gpt-4o in '
            "organization org-XXXXXXXXXXXXXXXXXXXXXXXX on tokens "
            "per min (TPM): Limit 30000, Used 14567, Requested "
            "24754. Please try again in 18.642s. Visit "
            "https://platform.openai.com/account/rate-limits to "
            "learn "
            'more.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}\n'
        ),
        phase="key",
        cause="rate_limited",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="request_too_large_for_tpm",
        status=429,
        headers={},
        body=(
            '{"error":{"message":"Request too large for gpt-4o in '
            "organization org-XXXXXXXXXXXXXXXXXXXXXXXX on tokens "
            "per min (TPM): Limit 30000, Requested 31538. The input "
            "or output tokens must be reduced in order to run "
            "successfully. Visit "
            "https://platform.openai.com/account/rate-limits to "
            "learn "
            'more.","type":"tokens","param":null,"code":"rate_limit_exceeded"}}\n'
        ),
        phase="probe",
        cause="rate_limited",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="context_length_exceeded",
        status=400,
        headers={},
        body=(
            '{"error":{"message":"This model\'s maximum context '
            "length is 4097 tokens. However, your messages resulted "
            "in 4294 tokens. Please reduce the length of the "
            'messages.","type":"invalid_request_error","param":"messages","code":"context_length_exceeded"}}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="wrong_endpoint_path",
        status=404,
        headers={},
        body=(
            '{"error":{"message":"Invalid URL (POST '
            '/v1/chat/completions/chat/completions)","type":"invalid_request_error","param":null,"code":null}}\n'
        ),
        phase="key",
        cause="base_url_wrong",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openai",
        scenario="server_error",
        status=500,
        headers={},
        body=(
            "{\n"
            '  "error": {\n'
            '    "message": "The server had an error processing '
            "your request. Sorry about that! You can retry your "
            "request, or contact us through our help center at "
            "help.openai.com if you keep seeing this error. (Please "
            "include the request ID "
            '0123456789abcdef0123456789abcdef in your email.)",\n'
            '    "type": "server_error",\n'
            '    "param": null,\n'
            '    "code": null\n'
            "  }\n"
            "}\n"
        ),
        phase="key",
        cause="server_error",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openrouter",
        scenario="missing_api_key",
        status=401,
        headers={},
        body=('{"error":{"message":"No auth credentials found","code":401}}\n'),
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openrouter",
        scenario="invalid_or_deleted_api_key",
        status=401,
        headers={},
        body='{"error":{"message":"User not found.","code":401}}\n',
        phase="key",
        cause="key_invalid",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openrouter",
        scenario="insufficient_credits_never_purchased",
        status=402,
        headers={},
        body=(
            '{"error":{"message":"Insufficient credits. This '
            "account never purchased credits. Make sure your key is "
            "on the correct account or org, and if so, purchase "
            "more at "
            'https://openrouter.ai/settings/credits","code":402}}\n'
        ),
        phase="key",
        cause="quota_exhausted",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openrouter",
        scenario="insufficient_credits_with_metadata",
        status=402,
        headers={},
        body=(
            '{"error":{"message":"Insufficient credits. Add more '
            "using "
            'https://openrouter.ai/settings/credits","code":402,"metadata":{"limit_source":"openrouter_credits","remedy_hint":"Add '
            "credits at https://openrouter.ai/settings/credits, or "
            "lower max_tokens / prompt size to fit your remaining "
            'balance."}}}\n'
        ),
        phase="key",
        cause="quota_exhausted",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="openrouter",
        scenario="rate_limited",
        status=429,
        headers={},
        body=(
            '{"error":{"message":"Rate limit exceeded: '
            'free-models-per-day.","code":429,"metadata":{"headers":{"X-RateLimit-Limit":"50","X-RateLimit-Remaining":"0","X-RateLimit-Reset":"1767225600000"}}}}\n'
        ),
        phase="key",
        cause="rate_limited",
        confidence="inferred",
    ),
    RecordedAnswer(
        provider="vllm",
        scenario="missing_or_invalid_api_key",
        status=401,
        headers={},
        body='{"error":"Unauthorized"}\n',
        phase="key",
        cause="key_invalid",
        confidence="sdk_source",
    ),
    RecordedAnswer(
        provider="vllm",
        scenario="model_not_found",
        status=404,
        headers={},
        body=(
            '{"object":"error","message":"The model '
            "`Qwen/Qwen1.5-7B-Chat` does not "
            'exist.","type":"NotFoundError","param":null,"code":404}\n'
        ),
        phase="probe",
        cause="model_not_found",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="vllm",
        scenario="context_length_exceeded",
        status=400,
        headers={},
        body=(
            '{"error":{"message":"This model\'s maximum context '
            "length is 16384 tokens. However, you requested 122946 "
            "tokens (112946 in the messages, 10000 in the "
            "completion). Please reduce the length of the messages "
            "or "
            'completion.","type":"BadRequestError","param":null,"code":400}}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="vllm",
        scenario="bad_request_param",
        status=400,
        headers={},
        body=(
            '{"object":"error","message":"max_tokens must be at '
            "least 1, got "
            '-186.","type":"BadRequestError","param":null,"code":400}\n'
        ),
        phase="probe",
        cause="unexpected_response",
        confidence="pasted_in_issue",
    ),
    RecordedAnswer(
        provider="vllm",
        scenario="engine_dead_or_server_error",
        status=500,
        headers={},
        body=(
            '{"error":{"message":"<exception '
            'text>","type":"InternalServerError","param":null,"code":500}}\n'
        ),
        phase="key",
        cause="server_error",
        confidence="inferred",
    ),
)
