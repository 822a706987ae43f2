"""The LiteLLM proxy's errors (default http://127.0.0.1:4000).

``error.code`` is the status as a string and ``type``/``param`` are often the
string ``"None"``. Upstream errors are rewrapped in the message.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "LiteLLM proxy"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No key passed to a proxy with a master key",
        status=401,
        body=(
            '{"error":{"message":"Authentication Error, No api key passed in.'
            '","type":"auth_error","param":"None","code":"401"}}\n'
        ),
        source="litellm proxy source (user_api_key_auth) and its tests",
        confidence="sdk_source",
    ),
    Scenario(
        id="invalid_api_key",
        summary=(
            "The virtual key is unknown to the proxy; it echoes the key's las"
            "t four characters and hash"
        ),
        status=401,
        body=(
            '{\n  "error": {\n    "message": "Authentication Error, Invalid pro'
            "xy server token passed. Received API Key = sk-...XXXX, Key Hash "
            "(Token) =0000000000000000000000000000000000000000000000000000000"
            "000000000. Unable to find token in cache or `LiteLLM_Verificatio"
            'nTokenTable`",\n    "type": "token_not_found_in_db",\n    "param":'
            ' "key",\n    "code": "401"\n  }\n}\n'
        ),
        source=(
            "https://github.com/BerriAI/litellm/issues/24680; https://github."
            "com/BerriAI/litellm/issues/20673"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="insufficient_quota",
        summary="The key or user is over its budget (429 in current versions)",
        status=429,
        body=(
            '{"error":{"message":"LiteLLM User: engineer-1, exceeded budget f'
            'or model=claude-opus-4-8","type":"budget_exceeded","param":null,'
            '"code":"429"}}\n'
        ),
        source=(
            "LiteLLM docs excerpt quoted in https://github.com/OWASP/OpenCRE/"
            "pull/1102; https://github.com/BerriAI/litellm/issues/20615 ('Bud"
            "get has been exceeded! Current cost: 76.16, Max budget: 10.0')"
        ),
        confidence="documented",
        note="Older proxy versions sent the same body as 400.",
    ),
    Scenario(
        id="upstream_bad_request",
        summary="An upstream 400 rewrapped in the proxy's envelope",
        status=400,
        body=(
            '{"error":{"message":"{\\"type\\":\\"error\\",\\"error\\":{\\"type\\":\\"i'
            'nvalid_request_error\\",\\"message\\":\\"max_tokens: 21333 > 4096, w'
            "hich is the maximum allowed number of output tokens for claude-3"
            '-opus-20240229\\"},\\"request_id\\":\\"req_011CXXXXXXXXXXXXXXXXXXXX\\'
            '"}. Received Model Group=claude-haiku-4-5-20251001\\nAvailable Mo'
            'del Group Fallbacks=None","type":"None","param":"None","code":"4'
            '00"}}\n'
        ),
        source="https://github.com/anthropics/claude-code/issues/11302",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="model_not_found",
        summary="The model is not in the proxy's model list",
        status=400,
        body=(
            '{"error":{"message":"Invalid model name passed in model=gpt-5-ty'
            'po. Call `/v1/models` to view available models for your key.","t'
            'ype":"invalid_request_error","param":"model","code":"400"}}\n'
        ),
        source="litellm proxy model-name check; wording reconstructed",
        confidence="inferred",
    ),
    Scenario(
        id="rate_limited",
        summary="The key's requests-per-minute limit is reached",
        status=429,
        headers={
            "retry-after": "60",
        },
        body=(
            '{"error":{"message":"Max parallel request limit reached. Hit lim'
            "it for api_key: sk-...XXXX. tpm_limit: 100, current_tpm 150, rpm"
            '_limit: 10 current rpm 11.","type":"None","param":"None","code":'
            '"429"}}\n'
        ),
        policy="retry",
        source="litellm proxy parallel request limiter",
        confidence="inferred",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The upstream model's context window is exceeded",
        status=400,
        body=(
            '{"error":{"message":"litellm.ContextWindowExceededError: litellm'
            ".BadRequestError: OpenAIException - This model's maximum context"
            " length is 8192 tokens. However, your messages resulted in 9000 "
            "tokens. Please reduce the length of the messages.\\nReceived Mode"
            'l Group=gpt-4o\\nAvailable Model Group Fallbacks=None","type":"No'
            'ne","param":"None","code":"400"}}\n'
        ),
        source="litellm exception mapping (ContextWindowExceededError)",
        confidence="inferred",
    ),
    Scenario(
        id="server_error",
        summary="The upstream call failed inside the proxy",
        status=500,
        body=(
            '{"error":{"message":"litellm.InternalServerError: InternalServer'
            "Error: OpenAIException - Connection error.\\nReceived Model Group"
            '=gpt-4o\\nAvailable Model Group Fallbacks=None","type":"None","pa'
            'ram":"None","code":"500"}}\n'
        ),
        policy="retry",
        source="litellm exception mapping (InternalServerError)",
        confidence="inferred",
    ),
    Scenario(
        id="stream_error",
        summary="An error event arrives after the first chunks of a stream (HTTP 200)",
        kind="stream",
        body=(
            'data: {"error":{"message":"litellm.APIConnectionError: Connectio'
            'n error.","type":"None","param":"None","code":"500"}}\n\n'
        ),
        policy="either",
        source="litellm proxy streaming (async_data_generator sends error data lines)",
        confidence="inferred",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="litellm",
    family="openai",
    envelope="openai",
    common_headers={
        "content-type": "application/json",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="permission_denied",
            reason="no recorded 403 of the proxy's was found",
        ),
        Absence(
            id="request_too_large",
            reason="no recorded 413 of the proxy's was found",
        ),
        Absence(
            id="unsupported_region",
            reason=(
                "the proxy has no region checks; upstream responses are rewrapped"
                " as upstream_bad_request"
            ),
        ),
        Absence(
            id="overloaded",
            reason="upstream overloads reach the client as server_error",
        ),
    ),
)
