# ruff: noqa: E501 - keys and bodies are kept whole, long lines included
"""Real-world credential failures, as data: environment, fake provider, expected result.

Each case is one way a live LLM test suite fails in practice, taken from
public bug reports and recorded provider answers, with personal details
replaced and keys faked (right shape, no real key anywhere). When a case has
a ``server``, a fake provider on 127.0.0.1 plays the provider: it accepts a
request only when the credential equals ``key`` and otherwise answers
``fail``; for an accepted key it lists ``models`` on any model-list path.
``routes`` answer first for paths that start with ``path``
(``requires_key`` limits a route to the accepted key). ``base_path`` is
appended to the server's address to form the base URL; None means the
provider's usual one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CaseReply:
    status: int
    headers: dict[str, str]
    body: Any


@dataclass(frozen=True)
class CaseRoute:
    path: str
    reply: CaseReply
    requires_key: bool = False


@dataclass(frozen=True)
class CaseServer:
    key: str | None = None
    fail: CaseReply | None = None
    models: tuple[str, ...] | None = None
    models_shape: str = "openai"
    routes: tuple[CaseRoute, ...] = ()
    base_path: str | None = None
    #: Seconds the server waits before every answer.
    delay_s: float = 0.0


@dataclass(frozen=True)
class Expected:
    #: The provider's preflight status; None accepts any.
    status: str | None
    #: Causes that must be reported, and causes that must not.
    causes: tuple[str, ...] = ()
    not_causes: tuple[str, ...] = ()
    #: Words the printed advice must contain.
    advice_mentions: tuple[str, ...] = ()
    max_requests: int | None = None
    max_seconds: float | None = None


@dataclass(frozen=True)
class CredentialCase:
    id: str
    provider: str
    summary: str
    env: dict[str, str]
    options: tuple[str, ...]
    expect: Expected
    source: str
    files: dict[str, str] = field(default_factory=dict)
    server: CaseServer | None = None


CASES: tuple[CredentialCase, ...] = (
    CredentialCase(
        id="anthropic-credit-too-low",
        provider="anthropic",
        summary=(
            "The Anthropic key is valid but the account has no credit; the answer "
            "is a 400."
        ),
        env={
            "ANTHROPIC_API_KEY": "sk-ant-api03-AU5v4FU76yzTmxNtqL9CyGyqL2mZIe0gVIRr5mcLTPiLG4SNtA68yPNjJNwFVZBzpwYQDL0Gz72quS5Q1vGOrizE1T"
        },
        server=CaseServer(
            key="sk-ant-api03-AU5v4FU76yzTmxNtqL9CyGyqL2mZIe0gVIRr5mcLTPiLG4SNtA68yPNjJNwFVZBzpwYQDL0Gz72quS5Q1vGOrizE1T",
            fail=CaseReply(
                status=401,
                headers={"request-id": "req_011CXXXXXXXXXXXXXXXXXXXX"},
                body={
                    "type": "error",
                    "error": {
                        "type": "authentication_error",
                        "message": "invalid x-api-key",
                    },
                    "request_id": "req_011CXXXXXXXXXXXXXXXXXXXX",
                },
            ),
            models=("claude-haiku-4-5",),
            models_shape="anthropic",
            routes=(
                CaseRoute(
                    path="/v1/messages",
                    requires_key=False,
                    reply=CaseReply(
                        status=400,
                        headers={},
                        body={
                            "type": "error",
                            "error": {
                                "type": "invalid_request_error",
                                "message": "Your credit balance is too low to "
                                "access the Anthropic API. Please "
                                "go to Plans & Billing to upgrade "
                                "or purchase credits.",
                            },
                        },
                    ),
                ),
            ),
        ),
        options=("--llm-preflight-probe", "--llm-model", "anthropic=claude-haiku-4-5"),
        expect=Expected(
            status="failed",
            causes=("quota_exhausted",),
        ),
        source="recorded provider response (anthropic credit_balance_too_low)",
    ),
    CredentialCase(
        id="anthropic-trailing-space",
        provider="anthropic",
        summary=(
            "A trailing space came along when the key was pasted into a settings file."
        ),
        env={
            "ANTHROPIC_API_KEY": "sk-ant-api03-hrtKyx2k3S5Fa8Ia4UnsphTd1XPosN1Lwjb5TtJcDg_oyeS275PHGsw09B4CJCSmANksuTrmBdHU20aSGLrJGaNaM5 "
        },
        server=CaseServer(
            key="sk-ant-api03-hrtKyx2k3S5Fa8Ia4UnsphTd1XPosN1Lwjb5TtJcDg_oyeS275PHGsw09B4CJCSmANksuTrmBdHU20aSGLrJGaNaM5",
            fail=CaseReply(
                status=401,
                headers={"request-id": "req_011CXXXXXXXXXXXXXXXXXXXX"},
                body={
                    "type": "error",
                    "error": {
                        "type": "authentication_error",
                        "message": "invalid x-api-key",
                    },
                    "request_id": "req_011CXXXXXXXXXXXXXXXXXXXX",
                },
            ),
            models=("claude-sonnet-4-5",),
            models_shape="anthropic",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_whitespace",),
            advice_mentions=("space",),
        ),
        source="public bug reports: stray characters in a key",
    ),
    CredentialCase(
        id="anthropic-website-as-base",
        provider="anthropic",
        summary=(
            "ANTHROPIC_BASE_URL points at the marketing site, which answers an "
            "HTML 404."
        ),
        env={
            "ANTHROPIC_API_KEY": "sk-ant-api03-aN7_3cNcnhLs9TTZqBoKOuIZsIdhNDiCxNZkiwSz9p7HWmgR9e3oSlgxFRTscPxIurEt0oO2BjjHwaumhpqCxb5-yA"
        },
        server=CaseServer(
            key="sk-ant-api03-aN7_3cNcnhLs9TTZqBoKOuIZsIdhNDiCxNZkiwSz9p7HWmgR9e3oSlgxFRTscPxIurEt0oO2BjjHwaumhpqCxb5-yA",
            fail=CaseReply(
                status=404,
                headers={"content-type": "text/html; charset=utf-8"},
                body=(
                    "<!DOCTYPE html><html><head><title>Not "
                    "Found</title></head><body><h1>404</h1><p>This page could not be "
                    "found.</p></body></html>"
                ),
            ),
            routes=(
                CaseRoute(
                    path="/",
                    requires_key=False,
                    reply=CaseReply(
                        status=404,
                        headers={"content-type": "text/html; charset=utf-8"},
                        body=(
                            "<!DOCTYPE html><html><head><title>Not "
                            "Found</title></head><body><h1>404</h1><p>This page "
                            "could not be found.</p></body></html>"
                        ),
                    ),
                ),
            ),
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("base_url_wrong",),
        ),
        source="recorded provider response (anthropic wrong_base_url_html_404)",
    ),
    CredentialCase(
        id="azure-deployment-not-found",
        provider="azure_openai",
        summary="The configured Azure deployment name does not exist on the resource.",
        env={
            "AZURE_OPENAI_API_KEY": "c51aae9ec269a4eaa6b80c7ab518ba37",
            "OPENAI_API_VERSION": "2024-10-21",
        },
        server=CaseServer(
            key="c51aae9ec269a4eaa6b80c7ab518ba37",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini",),
            models_shape="openai",
            routes=(
                CaseRoute(
                    path="/openai/deployments/",
                    requires_key=True,
                    reply=CaseReply(
                        status=404,
                        headers={},
                        body={
                            "error": {
                                "code": "DeploymentNotFound",
                                "message": "The API deployment for this "
                                "resource does not exist. If you "
                                "created the deployment within the "
                                "last 5 minutes, please wait a "
                                "moment and try again.",
                            }
                        },
                    ),
                ),
            ),
        ),
        options=(
            "--llm-model",
            "azure_openai=my-gpt4o-deployment",
            "--llm-preflight-probe",
        ),
        expect=Expected(
            status="failed",
            causes=("model_not_found",),
        ),
        source="recorded provider response (azure deployment_not_found)",
    ),
    CredentialCase(
        id="azure-openai-key",
        provider="azure_openai",
        summary="An OpenAI project key is sent to an Azure OpenAI resource.",
        env={
            "AZURE_OPENAI_API_KEY": "sk-proj-4MRY3WINMVtMOfwIsfLK0YVcInURfasC5Xw9KGV0oPDamcUV_zQHMd1luMpq05IQI6mjkVMueUpWuXwMZ4NIEu2j",
            "OPENAI_API_VERSION": "2024-10-21",
        },
        server=CaseServer(
            key="8a3aa96029f47ed7beb482772bc39361",
            fail=CaseReply(
                status=401,
                headers={"apim-request-id": "00000000-0000-0000-0000-000000000000"},
                body={
                    "error": {
                        "code": "401",
                        "message": "Access denied due to invalid subscription key "
                        "or wrong API endpoint. Make sure to provide a "
                        "valid key for an active subscription and use a "
                        "correct regional API endpoint for your "
                        "resource.",
                    }
                },
            ),
            models=("gpt-4o-mini",),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_wrong_provider", "key_invalid"),
        ),
        source="public bug reports: a key of another provider or resource",
    ),
    CredentialCase(
        id="gemini-both-variables",
        provider="gemini",
        summary=(
            "GOOGLE_API_KEY and GEMINI_API_KEY are both set and differ; the SDK "
            "uses GOOGLE_API_KEY."
        ),
        env={
            "GOOGLE_API_KEY": "AIzaSyu7Hh5AtKvm3mFVcpcn8KD4stE9weyzNcb",
            "GEMINI_API_KEY": "AIzaSyaGbJqbH2hMtr9LDxCDnJcJGs1r5YKOx95",
        },
        server=CaseServer(
            key="AIzaSyu7Hh5AtKvm3mFVcpcn8KD4stE9weyzNcb",
            fail=CaseReply(
                status=400,
                headers={},
                body={
                    "error": {
                        "code": 400,
                        "message": "API key not valid. Please pass a valid API key.",
                        "status": "INVALID_ARGUMENT",
                        "details": [
                            {
                                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                "reason": "API_KEY_INVALID",
                                "domain": "googleapis.com",
                                "metadata": {
                                    "service": "generativelanguage.googleapis.com"
                                },
                            }
                        ],
                    }
                },
            ),
            models=("gemini-2.5-flash",),
            models_shape="gemini",
        ),
        options=(),
        expect=Expected(
            status="passed",
            causes=("key_shadowed",),
            advice_mentions=("GOOGLE_API_KEY",),
        ),
        source="public bug reports: a stale or competing credential source",
    ),
    CredentialCase(
        id="gemini-service-disabled",
        provider="gemini",
        summary=(
            "The key is real, but its Google Cloud project has the Generative "
            "Language API disabled."
        ),
        env={"GEMINI_API_KEY": "AIzaSyFMNaNr9uSKo2WB4Vdhg6tnWij-7COMvWJ"},
        server=CaseServer(
            key="AIzaSyFMNaNr9uSKo2WB4Vdhg6tnWij-7COMvWJ",
            fail=CaseReply(
                status=403,
                headers={},
                body={
                    "error": {
                        "code": 403,
                        "message": "Generative Language API has not been used in "
                        "project 000000000000 before or it is disabled. "
                        "Enable it by visiting "
                        "https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=000000000000 "
                        "then retry.",
                        "status": "PERMISSION_DENIED",
                        "details": [
                            {
                                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                "reason": "SERVICE_DISABLED",
                                "domain": "googleapis.com",
                                "metadata": {
                                    "service": "generativelanguage.googleapis.com",
                                    "consumer": "projects/000000000000",
                                },
                            }
                        ],
                    }
                },
            ),
            routes=(
                CaseRoute(
                    path="/",
                    requires_key=False,
                    reply=CaseReply(
                        status=403,
                        headers={},
                        body={
                            "error": {
                                "code": 403,
                                "message": "Generative Language API has not "
                                "been used in project 000000000000 "
                                "before or it is disabled. Enable "
                                "it by visiting "
                                "https://console.developers.google.com/apis/api/generativelanguage.googleapis.com/overview?project=000000000000 "
                                "then retry.",
                                "status": "PERMISSION_DENIED",
                                "details": [
                                    {
                                        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                        "reason": "SERVICE_DISABLED",
                                        "domain": "googleapis.com",
                                        "metadata": {
                                            "service": "generativelanguage.googleapis.com",
                                            "consumer": "projects/000000000000",
                                        },
                                    }
                                ],
                            }
                        },
                    ),
                ),
            ),
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("service_disabled",),
            advice_mentions=("enable",),
        ),
        source="public bug reports: API disabled for the key's project",
    ),
    CredentialCase(
        id="gemini-stale-google-key",
        provider="gemini",
        summary="A stale GOOGLE_API_KEY shadows the valid GEMINI_API_KEY.",
        env={
            "GOOGLE_API_KEY": "AIzaSyXdcC71QJ8vvQzhdlXLGKIUO-bQaTSH_Cq",
            "GEMINI_API_KEY": "AIzaSydiLj_qvoh4Dz0JwvttGFe0aTYK-xt9V4R",
        },
        server=CaseServer(
            key="AIzaSydiLj_qvoh4Dz0JwvttGFe0aTYK-xt9V4R",
            fail=CaseReply(
                status=400,
                headers={},
                body={
                    "error": {
                        "code": 400,
                        "message": "API key not valid. Please pass a valid API key.",
                        "status": "INVALID_ARGUMENT",
                        "details": [
                            {
                                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                                "reason": "API_KEY_INVALID",
                                "domain": "googleapis.com",
                                "metadata": {
                                    "service": "generativelanguage.googleapis.com"
                                },
                            }
                        ],
                    }
                },
            ),
            models=("gemini-2.5-flash",),
            models_shape="gemini",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_invalid", "key_shadowed"),
            advice_mentions=("GOOGLE_API_KEY",),
        ),
        source="public bug reports: a stale or competing credential source",
    ),
    CredentialCase(
        id="gemini-unsupported-location",
        provider="gemini",
        summary="The Gemini API refuses requests from the caller's location.",
        env={"GEMINI_API_KEY": "AIzaSyLR7cnhlpUN2ATT0oy2-cUi4KsNs7Wk7sZ"},
        server=CaseServer(
            key="AIzaSyLR7cnhlpUN2ATT0oy2-cUi4KsNs7Wk7sZ",
            fail=CaseReply(
                status=400,
                headers={},
                body={
                    "error": {
                        "code": 400,
                        "message": "User location is not supported for the API use.",
                        "status": "FAILED_PRECONDITION",
                    }
                },
            ),
            routes=(
                CaseRoute(
                    path="/",
                    requires_key=False,
                    reply=CaseReply(
                        status=400,
                        headers={},
                        body={
                            "error": {
                                "code": 400,
                                "message": "User location is not supported "
                                "for the API use.",
                                "status": "FAILED_PRECONDITION",
                            }
                        },
                    ),
                ),
            ),
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("region_blocked",),
        ),
        source="recorded provider response (gemini unsupported_location)",
    ),
    CredentialCase(
        id="ollama-blank-host",
        provider="ollama",
        summary="OLLAMA_HOST is present but blank in the environment.",
        env={"OLLAMA_HOST": ""},
        options=("--llm-offline",),
        expect=Expected(
            status="failed",
            causes=("base_url_invalid",),
            advice_mentions=("OLLAMA_HOST",),
        ),
        source="public bug reports: wrong variable, placeholder or value never loaded",
    ),
    CredentialCase(
        id="ollama-model-not-pulled",
        provider="ollama",
        summary="Ollama runs, but the configured model was never pulled.",
        env={},
        server=CaseServer(
            models=("llama3.2:3b", "qwen2.5:7b"),
            models_shape="ollama",
            base_path="",
        ),
        options=("--llm-model", "ollama=mistral"),
        expect=Expected(
            status="failed",
            causes=("model_not_found",),
            advice_mentions=("ollama pull",),
        ),
        source="public bug reports: model name or access",
    ),
    CredentialCase(
        id="openai-azure-key",
        provider="openai",
        summary="An Azure OpenAI key is sent to the OpenAI endpoint.",
        env={"OPENAI_API_KEY": "1e914e64323b2bb372cdfd9042c5ccda"},
        server=CaseServer(
            key="sk-proj-qt52iB-rUTG2oyRPxK2oRQEbCzA41ltRqFbXOzVeeHnPTUDnrvNXooLzagUTfu7Fxqf59-vHnMmaPGDK2GHmdQRZ",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_wrong_provider", "key_invalid"),
            advice_mentions=("Azure",),
        ),
        source="public bug reports: a key of another provider or resource",
    ),
    CredentialCase(
        id="openai-compatible-missing-v1",
        provider="openai",
        summary="A local OpenAI-compatible server is configured without the /v1 path.",
        env={"OPENAI_API_KEY": "local-1kvbjIss80gdHJBj1nHESi5p"},
        server=CaseServer(
            key="local-1kvbjIss80gdHJBj1nHESi5p",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
            routes=(
                CaseRoute(
                    path="/models",
                    requires_key=False,
                    reply=CaseReply(
                        status=404,
                        headers={"content-type": "text/plain"},
                        body="404 page not found",
                    ),
                ),
            ),
            base_path="",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("base_url_wrong",),
            advice_mentions=("/v1",),
        ),
        source="public bug reports: requests sent to the wrong endpoint",
    ),
    CredentialCase(
        id="openai-double-quoted",
        provider="openai",
        summary="A Windows shell kept the double quotes around the value.",
        env={
            "OPENAI_API_KEY": '"sk-proj-G142Sj_P1bOisNCv5cB_TBj0RbX7yuofD2O_dlhpCMeHW598McjHnglHCQTtwId2W8Ge9zfJifgkNiatTJ77Y0Tf"'
        },
        server=CaseServer(
            key="sk-proj-G142Sj_P1bOisNCv5cB_TBj0RbX7yuofD2O_dlhpCMeHW598McjHnglHCQTtwId2W8Ge9zfJifgkNiatTJ77Y0Tf",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_quoted",),
            advice_mentions=("quote",),
        ),
        source="public bug reports: stray characters in a key",
    ),
    CredentialCase(
        id="openai-empty-in-ci",
        provider="openai",
        summary=(
            "In GitHub Actions the secret was not mapped into the step, so the "
            "value is empty."
        ),
        env={"OPENAI_API_KEY": "", "CI": "true", "GITHUB_ACTIONS": "true"},
        options=("--llm-offline",),
        expect=Expected(
            status="failed",
            causes=("key_empty",),
            advice_mentions=("secret",),
        ),
        source="public bug reports: CI secret not passed to the step",
    ),
    CredentialCase(
        id="openai-groq-key",
        provider="openai",
        summary="A Groq key is put in OPENAI_API_KEY.",
        env={
            "OPENAI_API_KEY": "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"
        },
        server=CaseServer(
            key="sk-proj-j4bBN1tMdfxtSSkSbSiLkyFFMkNtPCMJtZv9FLU2FjVsbroEm4hV2OeofMVaMba9HqauV4DMutwgit7usFzlWe0u",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_wrong_provider",),
            advice_mentions=("Groq",),
        ),
        source="public bug reports: a key of another provider or resource",
    ),
    CredentialCase(
        id="openai-healthy",
        provider="openai",
        summary="A valid key and a listed model: nothing to report.",
        env={
            "OPENAI_API_KEY": "sk-proj-y-LoyWGr_gzN17AkAJreQXBhFzsaV5GjUE7dc-kYqeZA_UNwC2bQDMpg1AuEEUOzag8_U0z4yEOtVpXe-V2R48F5"
        },
        server=CaseServer(
            key="sk-proj-y-LoyWGr_gzN17AkAJreQXBhFzsaV5GjUE7dc-kYqeZA_UNwC2bQDMpg1AuEEUOzag8_U0z4yEOtVpXe-V2R48F5",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=("--llm-model", "openai=gpt-4o-mini"),
        expect=Expected(
            status="passed",
            causes=(),
        ),
        source="control",
    ),
    CredentialCase(
        id="openai-insufficient-quota",
        provider="openai",
        summary=(
            "The key is valid but its organization has no credit; the answer is a 429."
        ),
        env={
            "OPENAI_API_KEY": "sk-proj-zwK-0ezsCRFVjxzTDChCVH7w-pBomAczzwZafxUaXQx4h82b0P5Jtg72MjbLy89MtxHpJesiszO8a2VOXGytrBtJ"
        },
        server=CaseServer(
            key="sk-proj-zwK-0ezsCRFVjxzTDChCVH7w-pBomAczzwZafxUaXQx4h82b0P5Jtg72MjbLy89MtxHpJesiszO8a2VOXGytrBtJ",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
            routes=(
                CaseRoute(
                    path="/v1/chat/completions",
                    requires_key=False,
                    reply=CaseReply(
                        status=429,
                        headers={
                            "x-request-id": "req_1123456789abcdef0123456789abcdef"
                        },
                        body={
                            "error": {
                                "message": "You exceeded your current quota, "
                                "please check your plan and "
                                "billing details. For more "
                                "information on this error, read "
                                "the docs: "
                                "https://platform.openai.com/docs/guides/error-codes/api-errors.",
                                "type": "insufficient_quota",
                                "param": None,
                                "code": "insufficient_quota",
                            }
                        },
                    ),
                ),
                CaseRoute(
                    path="/v1/responses",
                    requires_key=False,
                    reply=CaseReply(
                        status=429,
                        headers={
                            "x-request-id": "req_1123456789abcdef0123456789abcdef"
                        },
                        body={
                            "error": {
                                "message": "You exceeded your current quota, "
                                "please check your plan and "
                                "billing details. For more "
                                "information on this error, read "
                                "the docs: "
                                "https://platform.openai.com/docs/guides/error-codes/api-errors.",
                                "type": "insufficient_quota",
                                "param": None,
                                "code": "insufficient_quota",
                            }
                        },
                    ),
                ),
            ),
        ),
        options=("--llm-preflight-probe", "--llm-model", "openai=gpt-4o-mini"),
        expect=Expected(
            status="failed",
            causes=("quota_exhausted",),
            not_causes=("rate_limited", "key_invalid"),
            advice_mentions=("billing",),
            max_requests=2,
        ),
        source="public bug reports: account, billing or organization",
    ),
    CredentialCase(
        id="openai-key-only-in-dotenv",
        provider="openai",
        summary=(
            "The key is written in .env but nothing loads .env into the environment."
        ),
        env={},
        files={
            ".env": "OPENAI_API_KEY=sk-proj-PaiW7MX7SkAPgOQnIDRL_pbofSQWfWIJhdp9adtmEe4WUuoAoUXNALgzLhafCyhsxnTL6M8U8JYy8lYr5BkdL_dz\n"
        },
        server=CaseServer(
            key="sk-proj-PaiW7MX7SkAPgOQnIDRL_pbofSQWfWIJhdp9adtmEe4WUuoAoUXNALgzLhafCyhsxnTL6M8U8JYy8lYr5BkdL_dz",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_missing",),
            advice_mentions=(".env",),
        ),
        source="public bug reports: wrong variable, placeholder or value never loaded",
    ),
    CredentialCase(
        id="openai-legacy-base-variable",
        provider="openai",
        summary=(
            "OPENAI_API_BASE points at a gateway, but current SDKs read "
            "OPENAI_BASE_URL."
        ),
        env={
            "OPENAI_API_KEY": "gw-aeZi2h9kWsm4PArIR9UQrp5WC4FCPPg1CByZqWhj",
            "OPENAI_API_BASE": "http://127.0.0.1:9/v1",
        },
        options=("--llm-offline",),
        expect=Expected(
            status=None,
            causes=("base_url_ignored",),
            advice_mentions=("OPENAI_BASE_URL",),
        ),
        source="public bug reports: requests sent to the wrong endpoint",
    ),
    CredentialCase(
        id="openai-model-typo",
        provider="openai",
        summary="The configured model name has a typo; the key is fine.",
        env={
            "OPENAI_API_KEY": "sk-proj-7lZW6dnHzPovxo9RwcLMqsBTGy7bYkYMYwbNdNggxINPqdhKF3gRhq_R-hz2CsxgwhYN_nh99FAq7uiLlKcL1hOD"
        },
        server=CaseServer(
            key="sk-proj-7lZW6dnHzPovxo9RwcLMqsBTGy7bYkYMYwbNdNggxINPqdhKF3gRhq_R-hz2CsxgwhYN_nh99FAq7uiLlKcL1hOD",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=("--llm-model", "openai=gtp-4o-mini"),
        expect=Expected(
            status="failed",
            causes=("model_not_found",),
            advice_mentions=("gpt-4o-mini",),
        ),
        source="public bug reports: model name or access",
    ),
    CredentialCase(
        id="openai-near-miss-variable",
        provider="openai",
        summary="The key is in OPENAI_KEY, which the SDK does not read.",
        env={
            "OPENAI_KEY": "sk-proj-SGI-2DazOPbNam0qvSAY8FrgVy0x9QsEzvYX63YzufY7Z8HU3eYvbT8m-U2b_hhNqP4UF6LzvQ5AifTtlSEeidY5"
        },
        server=CaseServer(
            key="sk-proj-SGI-2DazOPbNam0qvSAY8FrgVy0x9QsEzvYX63YzufY7Z8HU3eYvbT8m-U2b_hhNqP4UF6LzvQ5AifTtlSEeidY5",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_wrong_variable",),
            advice_mentions=("OPENAI_KEY", "OPENAI_API_KEY"),
        ),
        source="public bug reports: wrong variable, placeholder or value never loaded",
    ),
    CredentialCase(
        id="openai-org-mismatch",
        provider="openai",
        summary="OPENAI_ORG_ID names an organization the key does not belong to.",
        env={
            "OPENAI_API_KEY": "sk-proj-QwhKn_-ZyZbisdrcRxiytbUxstn6TemX32saYwHkiwbHwx5R8U1qS5zB8inPMnrZDGNRr1h0sKo6eaVY74qDA1-4",
            "OPENAI_ORG_ID": "org-ZNzW5hPYgWhqJ6tmK9qHwM9F",
        },
        server=CaseServer(
            key="sk-proj-QwhKn_-ZyZbisdrcRxiytbUxstn6TemX32saYwHkiwbHwx5R8U1qS5zB8inPMnrZDGNRr1h0sKo6eaVY74qDA1-4",
            fail=CaseReply(
                status=401,
                headers={},
                body={
                    "error": {
                        "message": "OpenAI-Organization header should match "
                        "organization for API key",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "mismatched_organization",
                    }
                },
            ),
            routes=(
                CaseRoute(
                    path="/",
                    requires_key=False,
                    reply=CaseReply(
                        status=401,
                        headers={},
                        body={
                            "error": {
                                "message": "OpenAI-Organization header should "
                                "match organization for API key",
                                "type": "invalid_request_error",
                                "param": None,
                                "code": "mismatched_organization",
                            }
                        },
                    ),
                ),
            ),
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("org_mismatch",),
            advice_mentions=("OPENAI_ORG_ID",),
        ),
        source="recorded provider response (openai mismatched_organization)",
    ),
    CredentialCase(
        id="openai-org-null",
        provider="openai",
        summary="OPENAI_ORG_ID is the literal text null.",
        env={
            "OPENAI_API_KEY": "sk-proj-CZys_IcHlGPGHKI9RTue4arqfaPkUoJUgR-O2CeKiTMgAPvkduDnQVgboyfZhW9Hz-XrynmRI0NM3pM8_fXXAT7S",
            "OPENAI_ORG_ID": "null",
        },
        options=("--llm-offline",),
        expect=Expected(
            status="failed",
            causes=("org_invalid",),
            advice_mentions=("OPENAI_ORG_ID",),
        ),
        source="public bug reports: account, billing or organization",
    ),
    CredentialCase(
        id="openai-placeholder",
        provider="openai",
        summary="The example value from the documentation was never replaced.",
        env={"OPENAI_API_KEY": "your-api-key-here"},
        server=CaseServer(
            key="sk-proj-dtrGLdt7gaWB9zNTi1UqMTSo8RWwIBXBVIXIQZB12XximzTNcF7_vwR7j3uPy9rDSFOhMRea19k2QImwZIbHwEI2",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_placeholder",),
        ),
        source="public bug reports: wrong variable, placeholder or value never loaded",
    ),
    CredentialCase(
        id="openai-rate-limited",
        provider="openai",
        summary=(
            "The key is valid but rate limited right now; retry-after is one second."
        ),
        env={
            "OPENAI_API_KEY": "sk-proj-HG0uKTtPEzaoq-o98PKA_bkviQsAWxaTg0Kq74xkYdTcHGxFbzjfawdWK9BNXxoX8mOdYyf519MisLP_guLEkpCQ"
        },
        server=CaseServer(
            key="sk-proj-HG0uKTtPEzaoq-o98PKA_bkviQsAWxaTg0Kq74xkYdTcHGxFbzjfawdWK9BNXxoX8mOdYyf519MisLP_guLEkpCQ",
            fail=CaseReply(
                status=429,
                headers={
                    "retry-after": "1",
                    "x-ratelimit-remaining-tokens": "0",
                    "x-ratelimit-reset-tokens": "1s",
                },
                body={
                    "error": {
                        "message": "Rate limit reached for gpt-4o-mini in "
                        "organization org-XXXXXXXXXXXXXXXXXXXXXXXX on "
                        "requests per min (RPM): Limit 3, Used 3, "
                        "Requested 1. Please try again in 1s.",
                        "type": "requests",
                        "param": None,
                        "code": "rate_limit_exceeded",
                    }
                },
            ),
            routes=(
                CaseRoute(
                    path="/",
                    requires_key=False,
                    reply=CaseReply(
                        status=429,
                        headers={
                            "retry-after": "1",
                            "x-ratelimit-remaining-tokens": "0",
                            "x-ratelimit-reset-tokens": "1s",
                        },
                        body={
                            "error": {
                                "message": "Rate limit reached for "
                                "gpt-4o-mini in organization "
                                "org-XXXXXXXXXXXXXXXXXXXXXXXX on "
                                "requests per min (RPM): Limit 3, "
                                "Used 3, Requested 1. Please try "
                                "again in 1s.",
                                "type": "requests",
                                "param": None,
                                "code": "rate_limit_exceeded",
                            }
                        },
                    ),
                ),
            ),
        ),
        options=(),
        expect=Expected(
            status="passed",
            causes=("rate_limited",),
            not_causes=("key_invalid", "quota_exhausted"),
            max_requests=3,
        ),
        source="recorded provider response (openai rate_limited)",
    ),
    CredentialCase(
        id="openai-restricted-key",
        provider="openai",
        summary="A restricted project key may not list models but is otherwise valid.",
        env={
            "OPENAI_API_KEY": "sk-proj-wg-IV9FW0IQnkfmvYFKjNpvaGPZclMgcTY-APrXG46TRCUSy9RY0klGZ0ibe0CjndNduS5thrQziIpfs5Zzd7sq-"
        },
        server=CaseServer(
            key="sk-proj-wg-IV9FW0IQnkfmvYFKjNpvaGPZclMgcTY-APrXG46TRCUSy9RY0klGZ0ibe0CjndNduS5thrQziIpfs5Zzd7sq-",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            routes=(
                CaseRoute(
                    path="/v1/models",
                    requires_key=True,
                    reply=CaseReply(
                        status=403,
                        headers={},
                        body={
                            "error": {
                                "message": "You have insufficient permissions "
                                "for this operation. Missing "
                                "scopes: api.model.read. Check "
                                "that you have the correct role in "
                                "your organization (Reader, "
                                "Writer, Owner) and project "
                                "(Member, Owner), and if you're "
                                "using a restricted API key, that "
                                "it has the necessary scopes.",
                                "type": "invalid_request_error",
                                "param": None,
                                "code": None,
                            }
                        },
                    ),
                ),
            ),
        ),
        options=(),
        expect=Expected(
            status="passed",
            causes=("key_restricted",),
            not_causes=("key_invalid",),
        ),
        source="public bug reports: model name or access",
    ),
    CredentialCase(
        id="openai-server-hangs",
        provider="openai",
        summary="The endpoint accepts the connection and never answers.",
        env={
            "OPENAI_API_KEY": "sk-proj-V4kIIpRjT9EIAD50ZjjIJLw3AeN8mMHijGAWCF3jyTXCa9lz4b7yOpzNsGC0fYY_1qP5N67aoN8O2AROAYTU4Vnx"
        },
        server=CaseServer(
            key="sk-proj-V4kIIpRjT9EIAD50ZjjIJLw3AeN8mMHijGAWCF3jyTXCa9lz4b7yOpzNsGC0fYY_1qP5N67aoN8O2AROAYTU4Vnx",
            delay_s=60.0,
        ),
        options=("--llm-preflight-timeout", "2"),
        expect=Expected(
            status="indeterminate",
            causes=("timeout",),
            max_seconds=12.0,
        ),
        source="fault",
    ),
    CredentialCase(
        id="openai-single-quoted",
        provider="openai",
        summary=(
            "A CI variable was defined with single quotes that became part of the "
            "value."
        ),
        env={
            "OPENAI_API_KEY": "'sk-proj-_XuICOvzbgfqIFxq9nAaUdFk0fNWoe9fLX6Hih5iv73xQuXYeTITdVop5QJ4l6hEpTlncuPVSLdh-txnPQRHYFsP'"
        },
        server=CaseServer(
            key="sk-proj-_XuICOvzbgfqIFxq9nAaUdFk0fNWoe9fLX6Hih5iv73xQuXYeTITdVop5QJ4l6hEpTlncuPVSLdh-txnPQRHYFsP",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_quoted",),
        ),
        source="public bug reports: stray characters in a key",
    ),
    CredentialCase(
        id="openai-smart-quotes",
        provider="openai",
        summary=(
            "The key was copied from a rich-text document with curly quotes around it."
        ),
        env={
            "OPENAI_API_KEY": "“sk-proj-OiQkZZhS8dVVIfzEABqrRSkqLeGUh7WopjGgUE5hKvH6XMOTdkfLBQUMekwukDZ-qGtwjyclvwp95YQhLf35w0e0”"
        },
        server=CaseServer(
            key="sk-proj-OiQkZZhS8dVVIfzEABqrRSkqLeGUh7WopjGgUE5hKvH6XMOTdkfLBQUMekwukDZ-qGtwjyclvwp95YQhLf35w0e0",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_non_ascii",),
            advice_mentions=("U+201C",),
        ),
        source="public bug reports: stray characters in a key",
    ),
    CredentialCase(
        id="openai-stale-export-beats-dotenv",
        provider="openai",
        summary=(
            "An old key exported in the shell profile wins over the new key in .env."
        ),
        env={
            "OPENAI_API_KEY": "sk-proj-wkQPunWHadCoLx7QMEe7IUgzgy4fLaotBczVU9SkRCXryVdgdKudYXr11Xhhrt9HrccjTfimSRgR5ISVYRbEW1qs"
        },
        files={
            ".env": "OPENAI_API_KEY=sk-proj-rT6UCsjePNU64ouTtU7uo5IIMvuATgUf4uomCLy6FR2Zr2N01CE9dBYYp6b4QKiTg4s_wyzU9xgZt1_yToXANj0l\n"
        },
        server=CaseServer(
            key="sk-proj-rT6UCsjePNU64ouTtU7uo5IIMvuATgUf4uomCLy6FR2Zr2N01CE9dBYYp6b4QKiTg4s_wyzU9xgZt1_yToXANj0l",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_invalid", "key_shadowed"),
            advice_mentions=(".env",),
        ),
        source="public bug reports: a stale or competing credential source",
    ),
    CredentialCase(
        id="openai-trailing-newline",
        provider="openai",
        summary=(
            "The key was stored with a trailing newline (created with echo); the "
            "stripped key is valid."
        ),
        env={
            "OPENAI_API_KEY": "sk-proj--bTkAwmAVwQcVjVxWb7ZzaLIu_fzkcHyXzCqbig5ED9J-uaDTxQxEpemTrg8NEdJDA0IF0JFvxg1oXRNK6jm0WT3\n"
        },
        server=CaseServer(
            key="sk-proj--bTkAwmAVwQcVjVxWb7ZzaLIu_fzkcHyXzCqbig5ED9J-uaDTxQxEpemTrg8NEdJDA0IF0JFvxg1oXRNK6jm0WT3",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_whitespace",),
            advice_mentions=("newline",),
        ),
        source="public bug reports: stray characters in a key",
    ),
    CredentialCase(
        id="openai-unsupported-region",
        provider="openai",
        summary="OpenAI refuses the request because of the caller's country.",
        env={
            "OPENAI_API_KEY": "sk-proj-FsyeqnP5-_AKdWeMzkWiM7ai3jz_C1gwhTUdYMPZEZxquQ7pNTJeENAbCakz7iczrxC4E-Bj8Bq3y84n8H2gv_Y1"
        },
        server=CaseServer(
            key="sk-proj-FsyeqnP5-_AKdWeMzkWiM7ai3jz_C1gwhTUdYMPZEZxquQ7pNTJeENAbCakz7iczrxC4E-Bj8Bq3y84n8H2gv_Y1",
            fail=CaseReply(
                status=403,
                headers={},
                body={
                    "error": {
                        "code": "unsupported_country_region_territory",
                        "message": "Country, region, or territory not supported",
                        "param": None,
                        "type": "request_forbidden",
                    }
                },
            ),
            routes=(
                CaseRoute(
                    path="/",
                    requires_key=False,
                    reply=CaseReply(
                        status=403,
                        headers={},
                        body={
                            "error": {
                                "code": "unsupported_country_region_territory",
                                "message": "Country, region, or territory not "
                                "supported",
                                "param": None,
                                "type": "request_forbidden",
                            }
                        },
                    ),
                ),
            ),
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("region_blocked",),
        ),
        source="recorded provider response (openai unsupported_country_region_territory)",
    ),
    CredentialCase(
        id="openai-url-as-key",
        provider="openai",
        summary="The endpoint URL was pasted into the key field.",
        env={"OPENAI_API_KEY": "https://api.openai.com/v1"},
        server=CaseServer(
            key="sk-proj-xxBF8P85ejA_yl-8BgDx6iz6GB_DtQEHTDLbFs9BpIzgXobmd-BtFhfepJAhwv2x5UTzt8H7LkaBZ2wLs7sMCEhc",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_is_url",),
            advice_mentions=("base",),
        ),
        source="public bug reports: wrong variable, placeholder or value never loaded",
    ),
    CredentialCase(
        id="openai-variable-name-as-value",
        provider="openai",
        summary="The variable holds its own name, not a key.",
        env={"OPENAI_API_KEY": "OPENAI_API_KEY"},
        server=CaseServer(
            key="sk-proj-7EoZOZX8mh6EKqWwV83uzyzkutBIOuIzsqLDt37_wsz_f_MZgapTvSxyc9M3uv4sNcxagHph1lZ3F-IXH-Z6lGAr",
            fail=CaseReply(
                status=401,
                headers={"x-request-id": "req_0123456789abcdef0123456789abcdef"},
                body={
                    "error": {
                        "message": "Incorrect API key provided: sk-proj-****XXXX. "
                        "You can find your API key at "
                        "https://platform.openai.com/account/api-keys.",
                        "type": "invalid_request_error",
                        "param": None,
                        "code": "invalid_api_key",
                    }
                },
            ),
            models=("gpt-4o-mini", "gpt-4o"),
            models_shape="openai",
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("key_placeholder",),
        ),
        source="public bug reports: wrong variable, placeholder or value never loaded",
    ),
    CredentialCase(
        id="openrouter-no-credits",
        provider="openrouter",
        summary="The OpenRouter account never bought credits; the answer is a 402.",
        env={
            "OPENROUTER_API_KEY": "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"
        },
        server=CaseServer(
            key="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",
            fail=CaseReply(
                status=402,
                headers={},
                body={
                    "error": {
                        "message": "Insufficient credits. This account never "
                        "purchased credits. Make sure your key is on the "
                        "correct account or org, and if so, purchase "
                        "more at https://openrouter.ai/settings/credits",
                        "code": 402,
                    }
                },
            ),
            routes=(
                CaseRoute(
                    path="/",
                    requires_key=False,
                    reply=CaseReply(
                        status=402,
                        headers={},
                        body={
                            "error": {
                                "message": "Insufficient credits. This "
                                "account never purchased credits. "
                                "Make sure your key is on the "
                                "correct account or org, and if "
                                "so, purchase more at "
                                "https://openrouter.ai/settings/credits",
                                "code": 402,
                            }
                        },
                    ),
                ),
            ),
        ),
        options=(),
        expect=Expected(
            status="failed",
            causes=("quota_exhausted",),
        ),
        source="recorded provider response (openrouter 402)",
    ),
)
