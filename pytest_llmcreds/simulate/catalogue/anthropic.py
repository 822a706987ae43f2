"""Anthropic's Messages API errors (api.anthropic.com).

anthropic-python reads the request id from ``request-id``; newer bodies repeat
it as ``request_id``. 529 ``overloaded_error`` is not a standard HTTP status,
and a billing shortage is a 400, not a 402 or 429.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    ProviderErrors,
    RequestIdFormat,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "Anthropic"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No x-api-key header reached the API",
        status=401,
        body=(
            '{"type":"error","error":{"type":"authentication_error","message"'
            ':"x-api-key header is required"},"request_id":"req_011CXXXXXXXXX'
            'XXXXXXXXXXX"}\n'
        ),
        source="https://github.com/n8n-io/n8n/issues/37930 (axios 401; raw JSON)",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="invalid_api_key",
        summary="The key is wrong; it is not echoed",
        status=401,
        body=(
            '{"type":"error","error":{"type":"authentication_error","message"'
            ':"invalid x-api-key"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX'
            '"}\n'
        ),
        source=(
            "https://github.com/emilsvennesson/opencode-websearch/issues/15 (2026-04)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="permission_denied",
        summary="The organization does not allow this kind of credential",
        status=403,
        body=(
            '{"type":"error","error":{"type":"permission_error","message":"OA'
            "uth authentication is currently not allowed for this organizatio"
            'n."},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        source="https://github.com/anthropics/claude-code/issues/65714",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="unsupported_region",
        summary="The edge layer blocks an unsupported country; no request id",
        status=403,
        body=('{"error":{"type":"forbidden","message":"Request not allowed"}}\n'),
        envelope="anthropic_edge",
        source=(
            "https://github.com/enricoros/big-AGI/issues/485 (2024-04; resolv"
            "ed with a US VPN)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="model_not_found",
        summary="The model does not exist or the key has no access to it",
        status=404,
        body=(
            '{"type":"error","error":{"type":"not_found_error","message":"mod'
            'el: claude-3-5-sonnet-20241022"},"request_id":"req_011CXXXXXXXXX'
            'XXXXXXXXXXX"}\n'
        ),
        source=(
            "https://github.com/mattermost/mattermost-plugin-agents/issues/25"
            "7 (2024-10, no request_id yet, trailing space after model name);"
            " https://github.com/anthropics/claude-code/issues/5349"
            " ('model: sonnet4')"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="insufficient_quota",
        summary="The prepaid credit is used up (a 400, not a 402)",
        status=400,
        body=(
            '{"type":"error","error":{"type":"invalid_request_error","message'
            '":"Your credit balance is too low to access the Anthropic API. P'
            'lease go to Plans & Billing to upgrade or purchase credits."},"r'
            'equest_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        source=(
            "https://github.com/anthropics/claude-code/issues/66314 (2026-06,"
            " with request_id); https://github.com/anthropics/claude-quicksta"
            "rts/issues/83 (2024-10, Python repr, no request_id)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="rate_limited",
        summary="Input-tokens-per-minute limit reached",
        status=429,
        headers={
            "retry-after": "13",
            "anthropic-ratelimit-requests-limit": "1000",
            "anthropic-ratelimit-requests-remaining": "999",
            "anthropic-ratelimit-requests-reset": "2025-08-21T12:40:59Z",
            "anthropic-ratelimit-input-tokens-limit": "40000",
            "anthropic-ratelimit-input-tokens-remaining": "0",
            "anthropic-ratelimit-input-tokens-reset": "2025-08-21T12:41:12Z",
        },
        body=(
            '{"type":"error","error":{"type":"rate_limit_error","message":"Th'
            "is request would exceed the rate limit for your organization (00"
            "000000-0000-0000-0000-000000000000) of 40,000 input tokens per m"
            "inute. For details, refer to: https://docs.anthropic.com/en/api/"
            "rate-limits. You can see the response headers for current usage."
            " Please reduce the prompt length or the maximum tokens requested"
            ", or try again later. You may also contact sales at https://www."
            "anthropic.com/contact-sales to discuss your options for a rate l"
            'imit increase."}}\n'
        ),
        policy="retry",
        source=(
            "https://github.com/bhouston/mycoder/issues/62 (body); https://gi"
            "thub.com/cline/cline/issues/42 (older 2024 text 'Number of reque"
            "st tokens has exceeded your per-minute rate limit (https://docs."
            "anthropic.com/en/api/rate-limits); see the response headers for "
            "current usage...')"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The prompt exceeds the model's context window",
        status=400,
        body=(
            '{"type":"error","error":{"type":"invalid_request_error","message'
            '":"prompt is too long: 208310 tokens > 200000 maximum"},"request'
            '_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        source=(
            "https://github.com/anthropics/claude-code/issues/12186; https://"
            "github.com/anthropics/claude-code/issues/14195"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="request_too_large",
        summary="The request body exceeds 32 MB; Cloudflare responds before the API",
        status=413,
        body=(
            '{"type":"error","error":{"type":"request_too_large","message":"R'
            'equest exceeds the maximum allowed number of bytes."}}\n'
        ),
        source=(
            'https://docs.claude.com/en/api/errors ("413 - request_too_large '
            "... returned from Cloudflare before the request reaches our API "
            'servers")'
        ),
        confidence="documented",
    ),
    Scenario(
        id="server_error",
        summary="An unexpected error inside Anthropic's systems",
        status=500,
        body=(
            '{"type":"error","error":{"type":"api_error","message":"Internal '
            'server error"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        policy="retry",
        source="https://docs.claude.com/en/api/errors",
        confidence="documented",
    ),
    Scenario(
        id="overloaded",
        summary="The API is temporarily overloaded (HTTP 529)",
        status=529,
        body=(
            '{"type":"error","error":{"type":"overloaded_error","message":"Ov'
            'erloaded"},"request_id":"req_011CXXXXXXXXXXXXXXXXXXXX"}\n'
        ),
        policy="retry",
        source=(
            "https://docs.llmgateway.io/troubleshooting/anthropic-529-overloa"
            "ded (body); https://docs.claude.com/en/api/errors"
        ),
        confidence="documented",
    ),
    Scenario(
        id="stream_error",
        summary=(
            "An overloaded_error event arrives after the first events of a st"
            "ream (HTTP 200)"
        ),
        kind="stream",
        body=(
            'event: error\ndata: {"type":"error","error":{"type":"overloaded_e'
            'rror","message":"Overloaded"}}\n\n'
        ),
        policy="either",
        source=(
            "https://github.com/farzaa/clicky/issues/132 (exact SSE frame); h"
            "ttps://github.com/anthropics/anthropic-sdk-typescript/issues/346"
            ' (Vertex variant with "details":null)'
        ),
        confidence="pasted_in_issue",
        note=(
            "anthropic-python raises APIStatusError with status_code 200, not"
            " OverloadedError, and does not retry."
        ),
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="anthropic",
    family="anthropic",
    envelope="anthropic",
    request_id=RequestIdFormat(
        headers=("request-id",),
        prefix="req_011C",
        alphabet="base58",
        length=20,
        placeholder="req_011CXXXXXXXXXXXXXXXXXXXX",
        source="anthropic-python 2.16 (_exceptions.py: request_id from request-id)",
    ),
    common_headers={
        "content-type": "application/json",
        "anthropic-organization-id": "00000000-0000-0000-0000-000000000000",
    },
    scenarios=_SCENARIOS,
)
