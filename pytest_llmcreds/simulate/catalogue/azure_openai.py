"""Azure OpenAI's errors ({resource}.openai.azure.com).

Azure's API Management layer responds to some failures with its own
``{statusCode, message}`` envelope, and ``error.code`` is often the status as a
string (``"401"``). Requests carry the deployment in the path instead of a
model field.
"""

from __future__ import annotations

from pytest_llmcreds.simulate._models import (
    Absence,
    ProviderErrors,
    RequestIdFormat,
    Scenario,
)
from pytest_llmcreds.simulate.catalogue._common import connection_error, timeout

_TITLE = "Azure OpenAI"

_SCENARIOS = (
    Scenario(
        id="missing_api_key",
        summary="No api-key header reached the gateway",
        status=401,
        body=(
            '{"statusCode":401,"message":"Access denied due to missing subscr'
            "iption key. Make sure to include subscription key when making re"
            'quests to an API."}\n'
        ),
        envelope="azure_gateway",
        source="https://github.com/openai/openai-python/issues/1527",
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="invalid_api_key",
        summary="Wrong key, a key of another resource, or a wrong regional endpoint",
        status=401,
        body=(
            '{"error":{"code":"401","message":"Access denied due to invalid s'
            "ubscription key or wrong API endpoint. Make sure to provide a va"
            "lid key for an active subscription and use a correct regional AP"
            'I endpoint for your resource."}}\n'
        ),
        source=(
            "https://github.com/SciSharp/BotSharp/issues/386 (body + headers;"
            " .NET reason phrase '401 (PermissionDenied)'); https://github.co"
            "m/microsoft/semantic-kernel/issues/10337"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="permission_denied",
        summary="The Entra ID identity lacks a role on the resource",
        status=401,
        body=(
            '{"error":{"code":"PermissionDenied","message":"The principal `00'
            "000000-0000-0000-0000-000000000000` lacks the required data acti"
            "on `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat"
            "/completions/action` to perform `POST /openai/deployments/{deplo"
            'yment-id}/chat/completions` operation."}}\n'
        ),
        source="Azure OpenAI role-based access errors as reported for Entra ID tokens",
        confidence="inferred",
        note=(
            "Reconstructed from reports of the message; Azure sends it as 401, not 403."
        ),
    ),
    Scenario(
        id="deployment_not_found",
        summary=(
            "The deployment named in the path does not exist (Azure's model_not_found)"
        ),
        status=404,
        body=(
            '{"error":{"code":"DeploymentNotFound","message":"The API deploym'
            "ent for this resource does not exist. If you created the deploym"
            "ent within the last 5 minutes, please wait a moment and try agai"
            'n."}}\n'
        ),
        source=(
            "https://github.com/chatboxai/chatbox/issues/861; "
            "https://github.com/Azure-Samples/azure-search-openai-demo-csharp/"
            "issues/379 (Status: 404 (DeploymentNotFound))"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="model_not_found",
        summary=(
            "The deployment named in the path does not exist (same answer as "
            "deployment_not_found)"
        ),
        status=404,
        body=(
            '{"error":{"code":"DeploymentNotFound","message":"The API deploym'
            "ent for this resource does not exist. If you created the deploym"
            "ent within the last 5 minutes, please wait a moment and try agai"
            'n."}}\n'
        ),
        source=(
            "https://github.com/chatboxai/chatbox/issues/861; "
            "https://github.com/Azure-Samples/azure-search-openai-demo-csharp/"
            "issues/379 (Status: 404 (DeploymentNotFound))"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="resource_not_found",
        summary="Unsupported api-version or a wrong path",
        status=404,
        body='{"error":{"code":"404","message":"Resource not found"}}\n',
        source=(
            "https://github.com/vibrantlabsai/ragas/issues/478; https://githu"
            "b.com/SWE-agent/SWE-agent/issues/467"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="rate_limited",
        summary="The deployment's tokens-per-minute limit is reached",
        status=429,
        headers={
            "retry-after": "60",
            "retry-after-ms": "60000",
            "x-ratelimit-remaining-tokens": "0",
        },
        body=(
            '{"error":{"code":"429","message":"Requests to the ChatCompletion'
            "s_Create Operation under Azure OpenAI API version 2024-08-01-pre"
            "view have exceeded token rate limit of your current OpenAI S0 pr"
            "icing tier. Please retry after 86400 seconds. Please go here: ht"
            "tps://aka.ms/oai/quotaincrease if you would like to further incr"
            'ease the default rate limit."}}\n'
        ),
        policy="retry",
        source=(
            "https://github.com/vanderschaarlab/climb/issues/1; https://githu"
            "b.com/alex-wolf-ps/dbchatprov2/issues/2"
        ),
        confidence="pasted_in_issue",
        note=(
            "The body's wait (86400 s) and the retry-after header come from d"
            "ifferent reports; retry-after-ms is inferred. openai-python hono"
            "urs retry-after only up to 60 s (2.x) or 120 s (3.x)."
        ),
    ),
    Scenario(
        id="content_filter",
        summary="The prompt tripped Azure's content filter",
        status=400,
        body=(
            '{"error":{"message":"The response was filtered due to the prompt'
            " triggering Azure OpenAI's content management policy. Please mod"
            "ify your prompt and retry. To learn more about our content filte"
            "ring policies please read our documentation: https://go.microsof"
            't.com/fwlink/?linkid=2198766","type":null,"param":"prompt","code'
            '":"content_filter","status":400,"innererror":{"code":"Responsibl'
            'eAIPolicyViolation","content_filter_result":{"hate":{"filtered":'
            'false,"severity":"safe"},"jailbreak":{"filtered":true,"detected"'
            ':true},"self_harm":{"filtered":false,"severity":"safe"},"sexual"'
            ':{"filtered":false,"severity":"safe"},"violence":{"filtered":fal'
            'se,"severity":"safe"}}}}}\n'
        ),
        source=(
            "https://github.com/Gitlawb/openclaude/issues/273; https://github"
            ".com/vibrantlabsai/ragas/issues/649"
        ),
        confidence="pasted_in_issue",
    ),
    Scenario(
        id="context_length_exceeded",
        summary="The messages exceed the model's context window",
        status=400,
        body=(
            '{"error":{"message":"This model\'s maximum context length is 8192'
            " tokens. However, your messages resulted in 9000 tokens. Please "
            'reduce the length of the messages.","type":"invalid_request_erro'
            'r","param":"messages","code":"context_length_exceeded"}}\n'
        ),
        source=(
            "assumed identical to OpenAI's response (https://github.com/chath"
            "ub-dev/chathub/issues/126)"
        ),
        confidence="inferred",
    ),
    Scenario(
        id="server_error",
        summary="The service failed while processing the request",
        status=500,
        body=(
            '{"error":{"code":"InternalServerError","message":"The service is'
            " temporarily unable to process your request. Please try again la"
            'ter."}}\n'
        ),
        policy="retry",
        source="Azure OpenAI 500 responses as reported",
        confidence="inferred",
    ),
    timeout(_TITLE),
    connection_error(_TITLE),
)

ERRORS = ProviderErrors(
    provider="azure_openai",
    family="openai",
    envelope="openai",
    request_id=RequestIdFormat(
        headers=("apim-request-id", "x-request-id"),
        alphabet="uuid",
        placeholder="00000000-0000-0000-0000-000000000000",
        source="Azure OpenAI responses (apim-request-id and x-request-id)",
    ),
    common_headers={
        "content-type": "application/json",
        "x-ms-region": "East US",
    },
    scenarios=_SCENARIOS,
    absent=(
        Absence(
            id="request_too_large",
            reason="no recorded 413 of Azure OpenAI's was found",
        ),
        Absence(
            id="overloaded",
            reason="Azure reports a deployment at capacity as rate_limited (429)",
        ),
        Absence(
            id="unsupported_region",
            reason=(
                "the resource's region is chosen at creation; the API has no per-"
                "caller region block"
            ),
        ),
        Absence(
            id="insufficient_quota",
            reason=(
                "billing runs through the Azure subscription; exhausted quota arr"
                "ives as rate_limited"
            ),
        ),
        Absence(
            id="stream_error",
            reason="no mid-stream error body of Azure's was found",
        ),
    ),
)
