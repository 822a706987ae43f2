"""Cause ids: the stable names of everything the preflight can report.

Reports, skip reasons and the JSON schema use these ids, so they never
change meaning. The effect is what a cause does to a provider's status:
an ``error`` fails it, an ``unproven`` cause leaves it indeterminate and a
``warning`` keeps it passed.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

Effect = Literal["error", "unproven", "warning"]


class Cause(NamedTuple):
    effect: Effect
    summary: str
    #: "offline" when the cause is found without a request, "live" when only
    #: the provider's response shows it.
    found: Literal["offline", "live"]


#: Cause id to its definition, in the order a report lists them when several
#: apply: the cause to fix first comes first.
CAUSES: dict[str, Cause] = {
    "key_missing": Cause("error", "No variable the SDK reads holds a key.", "offline"),
    "key_empty": Cause(
        "error", "The variable is set but empty or only whitespace.", "offline"
    ),
    "key_wrong_variable": Cause(
        "error",
        "No key where the SDK looks, but one in a near-miss name such as OPENAI_KEY.",
        "offline",
    ),
    "key_placeholder": Cause(
        "error",
        "Documentation or template text (your-api-key-here, sk-..., <key>, "
        "changeme, null, an unexpanded ${VAR}, the variable's own name).",
        "offline",
    ),
    "key_is_url": Cause("error", "A URL where the key belongs.", "offline"),
    "key_wrong_provider": Cause(
        "error", "The key's format belongs to another provider.", "offline"
    ),
    "key_quoted": Cause(
        "error", "Quote characters became part of the value.", "offline"
    ),
    "key_non_ascii": Cause(
        "error",
        "A character outside ASCII (smart quotes, dashes, invisible "
        "characters), reported by code point and position.",
        "offline",
    ),
    "key_whitespace": Cause(
        "error",
        "Leading, trailing or inner whitespace: space, tab, \\n or \\r\\n.",
        "offline",
    ),
    "base_url_missing": Cause(
        "error", "The provider has no default endpoint and none is set.", "offline"
    ),
    "base_url_invalid": Cause(
        "error",
        "The base URL is empty, has no scheme, cannot be parsed or points at "
        "a listen address such as 0.0.0.0.",
        "offline",
    ),
    "api_version_missing": Cause(
        "error", "Azure OpenAI needs OPENAI_API_VERSION, which is not set.", "offline"
    ),
    "api_version_invalid": Cause(
        "error", "The API version is empty or has whitespace.", "offline"
    ),
    "org_invalid": Cause(
        "error",
        "OPENAI_ORG_ID or OPENAI_PROJECT_ID cannot be right (null, None, an "
        "organization id where a project id belongs, or the reverse).",
        "offline",
    ),
    "key_invalid": Cause("error", "The provider rejects the key.", "live"),
    "org_mismatch": Cause(
        "error", "The key does not belong to the configured organization.", "live"
    ),
    "region_blocked": Cause(
        "error", "The provider refuses requests from this country or region.", "live"
    ),
    "service_disabled": Cause(
        "error", "The API is not enabled in the key's cloud project.", "live"
    ),
    "quota_exhausted": Cause(
        "error", "No credit or quota left (insufficient quota, 402).", "live"
    ),
    "model_not_found": Cause(
        "error", "A configured model or deployment is not listed.", "live"
    ),
    "model_no_access": Cause(
        "error", "The model exists, but this key may not use it.", "live"
    ),
    "base_url_wrong": Cause(
        "error",
        "The endpoint answers, but not as this provider's API (HTML, a 404 on "
        "the API path, not JSON, a redirect).",
        "live",
    ),
    "unexpected_response": Cause(
        "error", "An answer the preflight cannot classify.", "live"
    ),
    "network_error": Cause(
        "unproven", "DNS failure, connection refused or reset.", "live"
    ),
    "tls_error": Cause("unproven", "The TLS handshake failed.", "live"),
    "timeout": Cause("unproven", "No answer within the timeout.", "live"),
    "server_error": Cause(
        "unproven", "The provider failed (5xx, Anthropic's 529).", "live"
    ),
    "environment_differs": Cause(
        "unproven",
        "Under pytest-xdist the workers see other credential variables than "
        "the controller that runs the preflight.",
        "offline",
    ),
    "preflight_error": Cause(
        "unproven", "The preflight's own checks failed; tests still run.", "offline"
    ),
    "key_shadowed": Cause(
        "warning",
        "Two sources disagree (environment and .env, GOOGLE_API_KEY and "
        "GEMINI_API_KEY, ANTHROPIC_API_KEY and ANTHROPIC_AUTH_TOKEN); the "
        "report says which one the SDK uses.",
        "offline",
    ),
    "base_url_ignored": Cause(
        "warning",
        "A base URL variable that the SDK does not read (OPENAI_API_BASE) is "
        "set while the one it reads is not.",
        "offline",
    ),
    "setting_ignored": Cause(
        "warning",
        "A legacy or near-miss name of a setting (OPENAI_ORGANIZATION) is set "
        "while the one the SDK reads is not.",
        "offline",
    ),
    "vertex_mode": Cause(
        "warning",
        "GOOGLE_GENAI_USE_VERTEXAI sends google-genai to Vertex AI, which "
        "does not use the Gemini API key.",
        "offline",
    ),
    "key_restricted": Cause(
        "warning",
        "The key works but lacks a permission for the check's request "
        "(OpenAI's Missing scopes).",
        "live",
    ),
    "rate_limited": Cause(
        "warning", "The key works but is rate limited right now.", "live"
    ),
}

_ORDER = {cause: index for index, cause in enumerate(CAUSES)}


def effect_of(cause: str) -> Effect:
    return CAUSES[cause].effect


def rank(cause: str) -> int:
    return _ORDER[cause]
