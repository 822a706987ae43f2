"""Groq's errors (api.groq.com/openai/v1): the OpenAI envelope without ``param``.

Groq sends ``retry-after`` in seconds on 429 and uses 413 (with code
``rate_limit_exceeded``) for a single request over the tokens-per-minute
limit.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    RequestIdFormat,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "Groq"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No Authorization header reached the API",
        status=401,
        body=(
            '{"error":{"message":"Invalid API Key","type":"invalid_request_er'
            'ror","code":"invalid_api_key"}}\n'
        ),
        source="https://github.com/ag5826000/resume-commentor/issues/4",
        confidence="inferred",
        note=(
            "No distinct body for a missing key was found; Groq is assumed to"
            " send its invalid-key answer."
        ),
    ),
    Scenario(
        id="invalid_api_key",
        summary="The key is wrong or revoked",
        status=401,
        body=(
            '{"error":{"message":"Invalid API Key","type":"invalid_request_er'
            'ror","code":"invalid_api_key"}}\n'
        ),
        source=(
            "https://github.com/ag5826000/resume-commentor/issues/4 (full hea"
            "ders); https://github.com/nark/WiredSwift/issues/44"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="model_not_found",
        summary="The model does not exist or the key has no access to it",
        status=404,
        body=(
            '{"error":{"message":"The model `llama3.1-405b` does not exist or'
            ' you do not have access to it.","type":"invalid_request_error","'
            'code":"model_not_found"}}\n'
        ),
        source=(
            "https://github.com/continuedev/continue/issues/10832 ('404 The m"
            "odel `llama3.1-405b` does not exist or you do not have access to"
            " it.')"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="model_decommissioned",
        summary="The model was retired (400, not 404)",
        status=400,
        body=(
            '{"error":{"message":"The model `llama-3.1-70b-versatile` has bee'
            "n decommissioned and is no longer supported. Please refer to htt"
            "ps://console.groq.com/docs/deprecations for a recommendation on "
            'which model to use instead.","type":"invalid_request_error","cod'
            'e":"model_decommissioned"}}\n'
        ),
        source=(
            "https://github.com/crewAIInc/crewAI/issues/1976; https://github."
            "com/atiilla/sqlmap-ai/issues/3"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="rate_limited",
        summary="Tokens-per-minute limit reached",
        status=429,
        headers={
            "retry-after": "2",
            "x-ratelimit-limit-requests": "1000",
            "x-ratelimit-limit-tokens": "12000",
            "x-ratelimit-remaining-requests": "999",
            "x-ratelimit-remaining-tokens": "0",
            "x-ratelimit-reset-requests": "2m59.56s",
            "x-ratelimit-reset-tokens": "7.66s",
        },
        body=(
            '{"error":{"message":"Rate limit reached for model `llama-3.3-70b'
            "-versatile` in organization `org_01XXXXXXXXXXXXXXXXXXXXXXXX` ser"
            "vice tier `on_demand` on tokens per minute (TPM): Limit 12000, U"
            "sed 4437, Requested 9854. Please try again in 11.455s. Need more"
            " tokens? Upgrade to Dev Tier today at https://console.groq.com/s"
            'ettings/billing","type":"tokens","code":"rate_limit_exceeded"}}\n'
        ),
        policy="retry",
        source=(
            "https://github.com/ago19800/HomeMind/issues/29 (2026); https://g"
            "ithub.com/danielmiessler/Fabric/issues/364 (2024 wording, no ser"
            "vice tier, 'Visit https://console.groq.com/docs/rate-limits for "
            "more information.')"
        ),
        confidence="pasted_in_issue",
        note=(
            "x-ratelimit-limit-requests counts requests per day, x-ratelimit-"
            "limit-tokens tokens per minute."
        ),
    ),
    Scenario(
        id="request_too_large",
        summary=(
            "One request exceeds the tokens-per-minute limit: 413 with code r"
            "ate_limit_exceeded"
        ),
        status=413,
        body=(
            '{"error":{"message":"Request too large for model `llama-3.1-8b-i'
            "nstant` in organization `org_01XXXXXXXXXXXXXXXXXXXXXXXX` service"
            " tier `on_demand` on tokens per minute (TPM): Limit 6000, Reques"
            "ted 12328, please reduce your message size and try again. Need m"
            "ore tokens? Upgrade to Dev Tier today at https://console.groq.co"
            'm/settings/billing","type":"tokens","code":"rate_limit_exceeded"'
            "}}\n"
        ),
        source=(
            "https://github.com/HunorLaczko/ha-groq-cloud-api/issues/27; http"
            "s://github.com/elizaOS/eliza/issues/4040"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The messages exceed the model's context window",
        status=400,
        body=(
            '{"error":{"message":"Please reduce the length of the messages or'
            ' completion.","type":"invalid_request_error","param":"messages",'
            '"code":"context_length_exceeded"}}\n'
        ),
        source="Groq's OpenAI-compatible error codes",
        confidence="inferred",
        note="No recorded body was found; the text is reconstructed.",
    ),
    Scenario(
        id="server_error",
        summary="Groq failed while processing the request",
        status=500,
        body=(
            '{"error":{"message":"Internal Server Error","type":"internal_ser'
            'ver_error"}}\n'
        ),
        policy="retry",
        source="Groq's documented 500 Internal Server Error",
        confidence="inferred",
    ),
    Scenario(
        id="overloaded",
        summary="Groq is over capacity",
        status=503,
        body=(
            '{"error":{"message":"Service Unavailable","type":"internal_serve'
            'r_error"}}\n'
        ),
        policy="retry",
        source="Groq's documented 503 Service Unavailable",
        confidence="inferred",
    ),
    Scenario(
        id="stream_error",
        summary="An error event arrives after the first chunks of a stream (HTTP 200)",
        kind="stream",
        body=(
            'data: {"error":{"message":"Internal Server Error","type":"intern'
            'al_server_error"}}\n\n'
        ),
        policy="either",
        source=(
            "groq 1.7 (_streaming.py raises APIError on a data line with an error key)"
        ),
        confidence="inferred",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="groq",
    family="openai",
    envelope="openai",
    request_id=RequestIdFormat(
        headers=("x-request-id",),
        prefix="req_01",
        alphabet="crockford",
        length=24,
        placeholder="req_01XXXXXXXXXXXXXXXXXXXXXXXX",
        source="Groq responses (x-request-id)",
    ),
    common_headers={
        "content-type": "application/json",
        "server": "cloudflare",
        "x-groq-region": "us-west-1",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="permission_denied",
            reason="no recorded 403 of Groq's was found",
        ),
        Absence(
            id="insufficient_quota",
            reason=(
                "Groq's free and developer tiers respond with rate limits, not a "
                "quota error"
            ),
        ),
        Absence(
            id="unsupported_region",
            reason="no region block of Groq's was found",
        ),
    ),
)
