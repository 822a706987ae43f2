"""OpenRouter's errors (openrouter.ai/api/v1).

``error.code`` is the HTTP status as an integer (openai 3.x turns it into a
string). Out of credit is a 402, which openai-python has no class for.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "OpenRouter"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No Authorization header reached the API",
        status=401,
        body='{"error":{"message":"No auth credentials found","code":401}}\n',
        source=(
            "https://github.com/musistudio/claude-code-router/issues/227; htt"
            "ps://github.com/RooCodeInc/Roo-Code/issues/2445"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="invalid_api_key",
        summary="The key is invalid or deleted; the message reads 'User not found.'",
        status=401,
        body='{"error":{"message":"User not found.","code":401}}\n',
        source=(
            "https://github.com/apurvsinghgautam/robin/issues/103; https://gi"
            "thub.com/NousResearch/hermes-agent/issues/14637"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="insufficient_quota",
        summary="The account has no credits (402)",
        status=402,
        body=(
            '{"error":{"message":"Insufficient credits. This account never pu'
            "rchased credits. Make sure your key is on the correct account or"
            " org, and if so, purchase more at https://openrouter.ai/settings"
            '/credits","code":402}}\n'
        ),
        source=(
            "https://github.com/Gitlawb/openclaude/issues/43; https://github."
            "com/continuedev/continue/issues/10877"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="insufficient_credits_limit",
        summary="The credits do not cover max_tokens; metadata names the limit",
        status=402,
        body=(
            '{"error":{"message":"Insufficient credits. Add more using https:'
            '//openrouter.ai/settings/credits","code":402,"metadata":{"limit_'
            'source":"openrouter_credits","remedy_hint":"Add credits at https'
            "://openrouter.ai/settings/credits, or lower max_tokens / prompt "
            'size to fit your remaining balance."}}}\n'
        ),
        source=(
            "https://github.com/open-assistant-org/open-assistant/issues/80 ("
            "2026-07); https://www.developersdigest.tech/errors/api/openroute"
            "r/402-payment-required (limit_source openrouter_credits | openro"
            "uter_key_limit)"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="permission_denied",
        summary="The input was flagged by moderation",
        status=403,
        body=(
            '{"error":{"code":403,"message":"openai/gpt-4o requires moderatio'
            'n on OpenRouter. Your input was flagged for \\"harassment\\". No c'
            'redits were charged.","metadata":{"reasons":["harassment"],"flag'
            'ged_input":"...","provider_name":"OpenAI","model_slug":"openai/g'
            'pt-4o"}}}\n'
        ),
        source=(
            "https://openrouter.ai/docs/api/reference/errors-and-debugging (4"
            "03 moderation, ModerationErrorMetadata)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="rate_limited",
        summary="A rate limit such as free-models-per-day is reached",
        status=429,
        body=(
            '{"error":{"message":"Rate limit exceeded: free-models-per-day.",'
            '"code":429,"metadata":{"headers":{"X-RateLimit-Limit":"50","X-Ra'
            'teLimit-Remaining":"0","X-RateLimit-Reset":"1767225600000"}}}}\n'
        ),
        policy="retry",
        source=(
            "https://openrouter.ai/docs/api/reference/errors-and-debugging (4"
            "29 documented)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="server_error",
        summary="The upstream provider failed or sent an invalid answer",
        status=502,
        body=(
            '{"error":{"code":502,"message":"Provider returned error","metada'
            'ta":{"provider_name":"OpenAI","raw":"upstream error"}}}\n'
        ),
        policy="retry",
        source="https://openrouter.ai/docs/api/reference/errors-and-debugging",
        confidence="documented",
        note="Shape documented; the concrete text is reconstructed.",
    ),
    Scenario(
        id="overloaded",
        summary="No provider meets the routing requirements right now",
        status=503,
        body=(
            '{"error":{"code":503,"message":"No instances available","metadat'
            'a":{"provider_name":null,"raw":null}}}\n'
        ),
        policy="retry",
        source="https://openrouter.ai/docs/api/reference/errors-and-debugging (503)",
        confidence="inferred",
    ),
    Scenario(
        id="stream_error",
        summary="An error event arrives after the model started streaming (HTTP 200)",
        kind="stream",
        body=('data: {"error":{"code":502,"message":"Provider returned error"}}\n\n'),
        policy="either",
        source="https://openrouter.ai/docs/api/reference/errors-and-debugging",
        confidence="documented",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="openrouter",
    family="openai",
    envelope="openrouter",
    common_headers={
        "content-type": "application/json",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="context_length_exceeded",
            reason=(
                "OpenRouter passes the upstream provider's own 400 through; no re"
                "corded body was found"
            ),
        ),
        Absence(
            id="request_too_large",
            reason="no recorded 413 of OpenRouter's was found",
        ),
        Absence(
            id="unsupported_region",
            reason=(
                "OpenRouter routes to providers in other regions instead of blocking"
            ),
        ),
        Absence(
            id="model_not_found",
            reason="no recorded model-not-found body of OpenRouter's was found",
        ),
    ),
)
