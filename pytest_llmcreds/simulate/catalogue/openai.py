"""OpenAI's API errors (api.openai.com), as the API sends them.

openai-python reads the request id from ``x-request-id``. OpenAI sends 429 both
for a transient rate limit and for an exhausted quota; only ``error.code`` and
``error.type`` tell them apart.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    ProviderErrors,
    RequestIdFormat,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "OpenAI"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary=(
            "No Authorization header reached the API (an empty key passed thr"
            "ough a proxy)"
        ),
        status=401,
        body=(
            '{\n    "error": {\n        "message": "You didn\'t provide an API k'
            "ey. You need to provide your API key in an Authorization header "
            "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as t"
            "he password field (with blank username) if you're accessing the "
            "API from your browser and are prompted for a username and passwo"
            "rd. You can obtain an API key from https://platform.openai.com/a"
            'ccount/api-keys.",\n        "type": "invalid_request_error",\n    '
            '    "param": null,\n        "code": null\n    }\n}\n'
        ),
        source=(
            "https://github.com/chatboxai/chatbox/issues/98 (2023-03, body pa"
            "sted); openai-python src openai/_client.py (api_key check)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="invalid_api_key",
        summary="The key is wrong, revoked or deleted; the API echoes it masked",
        status=401,
        body=(
            '{"error":{"message":"Incorrect API key provided: sk-proj-*******'
            "********************************XXXX. You can find your API key "
            'at https://platform.openai.com/account/api-keys.","type":"invali'
            'd_request_error","param":null,"code":"invalid_api_key"}}\n'
        ),
        source=(
            "https://github.com/chatanywhere/GPT_API_free/issues/62 (raw JSON"
            ", key masked as sk-VKMIs***...wjh3); https://github.com/popjane/"
            "free_chatgpt_api/issues/3 (Python repr via openai.Authentication"
            "Error)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="mismatched_organization",
        summary="OpenAI-Organization names an organization the key does not belong to",
        status=401,
        body=(
            '{"error":{"message":"OpenAI-Organization header should match org'
            'anization for API key","type":"invalid_request_error","param":nu'
            'll,"code":"mismatched_organization"}}\n'
        ),
        source=(
            "https://github.com/Realiserad/fish-ai/issues/62 (openai.Authenti"
            "cationError: Error code: 401 - {...}); https://github.com/Azure-"
            "Samples/ai-rag-chat-evaluator/issues/76"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="permission_denied",
        summary="A restricted project key lacks the scope for this endpoint",
        status=403,
        body=(
            '{"error":{"message":"You have insufficient permissions for this '
            "operation. Missing scopes: api.model.read. Check that you have t"
            "he correct role in your organization (Reader, Writer, Owner) and"
            " project (Member, Owner), and if you're using a restricted API k"
            'ey, that it has the necessary scopes.","type":"invalid_request_e'
            'rror","param":null,"code":null}}\n'
        ),
        source="public bug reports of restricted project keys (GET /v1/models)",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="unsupported_region",
        summary=(
            "The request comes from a country, region or territory OpenAI doe"
            "s not serve"
        ),
        status=403,
        body=(
            '{"error":{"code":"unsupported_country_region_territory","message'
            '":"Country, region, or territory not supported","param":null,"ty'
            'pe":"request_forbidden"}}\n'
        ),
        source=(
            "https://github.com/home-assistant/core/issues/120072 (Error code"
            ": 403 - {'error': {'code': ..., 'type': 'request_forbidden'}}); "
            "https://github.com/continuedev/continue/issues/11449 (raw JSON, "
            "2026)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="model_not_found",
        summary="The model does not exist or the project has no access to it",
        status=404,
        body=(
            '{\n    "error": {\n        "message": "The model `gpt-4o` does not'
            ' exist or you do not have access to it.",\n        "type": "inval'
            'id_request_error",\n        "param": null,\n        "code": "model'
            '_not_found"\n    }\n}\n'
        ),
        source=(
            "https://github.com/rd-1-2022/ai-openai-helloworld/issues/9 (raw "
            "JSON via Spring AI); https://github.com/shobrook/wut/issues/14 ("
            "openai.NotFoundError: Error code: 404 - {...})"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="insufficient_quota",
        summary=(
            "Out of credit or over the hard spend limit; a 429 that retrying "
            "never fixes"
        ),
        status=429,
        headers={
            "content-type": "application/json",
        },
        body=(
            '{\n    "error": {\n        "message": "You exceeded your current q'
            "uota, please check your plan and billing details. For more infor"
            "mation on this error, read the docs: https://platform.openai.com"
            '/docs/guides/error-codes/api-errors.",\n        "type": "insuffic'
            'ient_quota",\n        "param": null,\n        "code": "insufficien'
            't_quota"\n    }\n}\n'
        ),
        source=(
            "https://github.com/ChatGPTNextWeb/NextChat/issues/3664 (2023-12,"
            " with docs link); https://github.com/ChatGPTNextWeb/NextChat/iss"
            "ues/3123 (2023-11, shorter message, code insufficient_quota)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="insufficient_quota_legacy",
        summary=(
            "The same quota error as sent in mid-2023, with code null and only type set"
        ),
        status=429,
        body=(
            '{\n    "error": {\n        "message": "You exceeded your current q'
            "uota, please check your plan and billing details. For more infor"
            "mation on this error, read the docs: https://platform.openai.com"
            '/docs/guides/error-codes/api-errors.",\n        "type": "insuffic'
            'ient_quota",\n        "param": null,\n        "code": null\n    }\n}'
            "\n"
        ),
        source=(
            "https://github.com/ChatGPTNextWeb/NextChat/issues/1792 (2023-06,"
            " code null)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="rate_limited",
        summary="Tokens-per-minute limit reached; retry after the reset",
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
            '{"error":{"message":"Rate limit reached for gpt-4o in organizati'
            "on org-XXXXXXXXXXXXXXXXXXXXXXXX on tokens per min (TPM): Limit 3"
            "0000, Used 14567, Requested 24754. Please try again in 18.642s. "
            "Visit https://platform.openai.com/account/rate-limits to learn m"
            'ore.","type":"tokens","param":null,"code":"rate_limit_exceeded"}'
            "}\n"
        ),
        policy="retry",
        source=(
            "https://github.com/semanser/codel/issues/72 (message text, 429);"
            " https://github.com/BuilderIO/micro-agent/issues/86"
        ),
        confidence="pasted_in_issue",
        note=(
            "OpenAI was not seen sending retry-after; llm_mock adds a short o"
            "ne so SDK retries stay fast (retry_after='recorded' leaves it ou"
            "t)."
        ),
    ),
    Scenario(
        id="request_too_large",
        summary=(
            "One request exceeds the tokens-per-minute limit; a 429 that retr"
            "ying never fixes"
        ),
        status=429,
        body=(
            '{"error":{"message":"Request too large for gpt-4o in organizatio'
            "n org-XXXXXXXXXXXXXXXXXXXXXXXX on tokens per min (TPM): Limit 30"
            "000, Requested 31538. The input or output tokens must be reduced"
            " in order to run successfully. Visit https://platform.openai.com"
            '/account/rate-limits to learn more.","type":"tokens","param":nul'
            'l,"code":"rate_limit_exceeded"}}\n'
        ),
        source=(
            "https://github.com/TheR1D/shell_gpt/issues/653; https://github.c"
            "om/vanderschaarlab/climb/issues/1"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The messages exceed the model's context window",
        status=400,
        body=(
            '{"error":{"message":"This model\'s maximum context length is 4097'
            " tokens. However, your messages resulted in 4294 tokens. Please "
            'reduce the length of the messages.","type":"invalid_request_erro'
            'r","param":"messages","code":"context_length_exceeded"}}\n'
        ),
        source=(
            "https://github.com/chathub-dev/chathub/issues/126 (raw JSON); ht"
            "tps://github.com/rahul2002m/ChatPDF/issues/6 (openai 1.x BadRequ"
            "estError repr)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="invalid_url",
        summary="The base URL already contained the path, so the SDK doubled it",
        status=404,
        body=(
            '{"error":{"message":"Invalid URL (POST /v1/chat/completions/chat'
            '/completions)","type":"invalid_request_error","param":null,"code'
            '":null}}\n'
        ),
        source=(
            "https://github.com/harry0703/MoneyPrinterTurbo/issues/57 (2024-0"
            "3); https://github.com/microsoft/TaskWeaver/issues/11 ('Invalid "
            "URL (POST /chat/completions)' when base_url lacks /v1)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="server_error",
        summary="The API failed while processing the request",
        status=500,
        body=(
            '{\n  "error": {\n    "message": "The server had an error processin'
            "g your request. Sorry about that! You can retry your request, or"
            " contact us through our help center at help.openai.com if you ke"
            "ep seeing this error. (Please include the request ID 0123456789a"
            'bcdef0123456789abcdef in your email.)",\n    "type": "server_erro'
            'r",\n    "param": null,\n    "code": null\n  }\n}\n'
        ),
        policy="retry",
        source=(
            "https://github.com/ai-genie/chatgpt-vscode/issues/100; https://g"
            "ithub.com/openai/openai-cua-sample-app/issues/54 ('... request I"
            "D req_540c... in your email.)')"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="overloaded",
        summary="The engine is overloaded; slow down and retry",
        status=503,
        body=(
            '{"error":{"message":"The engine is currently overloaded, please '
            'try again later.","type":"server_error","param":null,"code":null'
            "}}\n"
        ),
        policy="retry",
        source=(
            "https://developers.openai.com/docs/guides/error-codes (503 Slow "
            "Down, engine overloaded)"
        ),
        confidence="inferred",
        note=(
            "No verbatim 503 body was found; the message follows the documented title."
        ),
    ),
    Scenario(
        id="stream_error",
        summary=(
            "An error event arrives after the first chunks of a streaming res"
            "ponse (HTTP 200)"
        ),
        kind="stream",
        body=(
            'data: {"error":{"type":"server_error","code":"server_error","mes'
            'sage":"An error occurred while processing your request. You can '
            "retry your request, or contact us through our help center at hel"
            "p.openai.com if the error persists. Please include the request I"
            'D req_0123456789abcdef0123456789abcdef in your message.","param"'
            ":null}}\n\n"
        ),
        policy="either",
        source=(
            "https://github.com/openai/openai-node/issues/1730 (error object "
            "fields type/code/message/param, status undefined - Responses str"
            "eam)"
        ),
        confidence="pasted_in_issue",
        note=(
            "openai-python raises a bare APIError without status_code. The da"
            "ta-line framing is reconstructed."
        ),
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="openai",
    family="openai",
    envelope="openai",
    request_id=RequestIdFormat(
        headers=("x-request-id",),
        prefix="req_",
        placeholder="req_0123456789abcdef0123456789abcdef",
        source="openai-python 3.60 (_exceptions.py: request_id from x-request-id)",
    ),
    common_headers={
        "content-type": "application/json",
    },
    scenarios=_SCENARIOS,
)
