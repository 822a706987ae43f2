"""vLLM's OpenAI-compatible server errors (default http://127.0.0.1:8000/v1).

``type`` is the exception class name and ``code`` the status as an integer.
Older versions send a flat ``{"object": "error", ...}`` envelope.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "vLLM"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="A server started with --api-key got no key",
        status=401,
        body='{"error":"Unauthorized"}\n',
        envelope="string_error",
        source=(
            "[vllm-project/vllm vllm/entrypoints/openai/api_server.py Authent"
            'icationMiddleware (JSONResponse(content={"error": "Unauthorized"'
            "}, status_code=401), only for paths starting with /v1)]"
        ),
        confidence="sdk_source",
    ),
    Scenario(
        id="invalid_api_key",
        summary="A server started with --api-key got another key",
        status=401,
        body='{"error":"Unauthorized"}\n',
        envelope="string_error",
        source=(
            "[vllm-project/vllm vllm/entrypoints/openai/api_server.py Authent"
            'icationMiddleware (JSONResponse(content={"error": "Unauthorized"'
            "}, status_code=401), only for paths starting with /v1)]"
        ),
        confidence="sdk_source",
    ),
    Scenario(
        id="model_not_found",
        summary=(
            "The model is served under another name (flat envelope of older versions)"
        ),
        status=404,
        body=(
            '{"object":"error","message":"The model `Qwen/Qwen1.5-7B-Chat` do'
            'es not exist.","type":"NotFoundError","param":null,"code":404}\n'
        ),
        envelope="flat_error",
        source=(
            "https://github.com/vllm-project/vllm/issues/3485; https://github"
            ".com/QwenLM/Qwen3/issues/20"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The request exceeds max_model_len",
        status=400,
        body=(
            '{"error":{"message":"This model\'s maximum context length is 1638'
            "4 tokens. However, you requested 122946 tokens (112946 in the me"
            "ssages, 10000 in the completion). Please reduce the length of th"
            'e messages or completion.","type":"BadRequestError","param":null'
            ',"code":400}}\n'
        ),
        source=(
            "https://github.com/vllm-project/vllm/issues/20409 (message; ValueError)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="bad_request",
        summary="A parameter is out of range",
        status=400,
        body=(
            '{"object":"error","message":"max_tokens must be at least 1, got '
            '-186.","type":"BadRequestError","param":null,"code":400}\n'
        ),
        envelope="flat_error",
        source="https://github.com/vllm-project/vllm/issues/4667",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="server_error",
        summary="The engine failed",
        status=500,
        body=(
            '{"error":{"message":"EngineCore encountered an issue. See stack '
            'trace (above) for the root cause.","type":"InternalServerError",'
            '"param":null,"code":500}}\n'
        ),
        policy="retry",
        source=(
            "vllm entrypoints/openai ErrorResponse (type is the exception cla"
            "ss name, code the status)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="stream_error",
        summary="An error event arrives after the first chunks of a stream (HTTP 200)",
        kind="stream",
        body=(
            'data: {"error": {"message": "max_tokens must be at least 1, got '
            '-186.", "type": "BadRequestError", "param": null, "code": 400}}\n'
            "\n"
        ),
        policy="either",
        source=(
            "vllm entrypoints/openai serving_engine.py create_streaming_error"
            "_response, as quoted in a public report"
        ),
        confidence="pasted_in_issue",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="vllm",
    family="openai",
    envelope="openai",
    common_headers={
        "content-type": "application/json",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="request_too_large",
            reason="vLLM reports an over-long request as context_length_exceeded",
        ),
        Absence(
            id="permission_denied",
            reason="vLLM has a single API key and no roles",
        ),
        Absence(
            id="unsupported_region",
            reason="vLLM has no region checks",
        ),
        Absence(
            id="insufficient_quota",
            reason="vLLM has no billing",
        ),
        Absence(
            id="rate_limited",
            reason="vLLM has no rate limiting; a gateway in front is responsible",
        ),
        Absence(
            id="overloaded",
            reason="vLLM queues requests instead of rejecting them",
        ),
    ),
)
