"""Classify a provider's response into a cause id, from its status, body and headers.

The status alone misleads: OpenAI sends 429 for a rate limit and for an
exhausted quota, Gemini 400 for a wrong key, xAI 400 for a blocked key,
Anthropic 400 for an empty credit balance and LiteLLM 400 "No connected db."
for a key it cannot look up. So the body's identifiers and message decide
first, through the rules below, and the status only when no rule matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pytest_llmcreds.verify._response import Response

#: The request a response belongs to: the key check, the model list or the probe.
#: A 404 on the key check or the list means the path is wrong; on the
#: probe it means the model is.
Phase = Literal["key", "models", "probe"]

_AUTH_STATUSES = frozenset({400, 401, 403})


@dataclass(frozen=True)
class Rule:
    """A cause, recognised by an identifier or a phrase of the error body."""

    cause: str
    #: Lower-case values of ``code``, ``type``, gRPC ``status`` or
    #: ``details[].reason``.
    identifiers: frozenset[str] = frozenset()
    #: Lower-case phrases searched for in the message.
    phrases: tuple[str, ...] = ()
    statuses: frozenset[int] | None = None
    phases: frozenset[Phase] | None = None

    def matches(self, response: Response, phase: Phase) -> bool:
        if self.statuses is not None and response.status not in self.statuses:
            return False
        if self.phases is not None and phase not in self.phases:
            return False
        found = {value.lower() for value in response.fields.identifiers()}
        if found & self.identifiers:
            return True
        message = response.fields.message.lower()
        return any(phrase in message for phrase in self.phrases)


#: In order: the first rule that matches decides. Permission, organization,
#: region and billing responses come before key responses because several of
#: them also carry an authentication type.
RULES: tuple[Rule, ...] = (
    # OpenAI restricted keys: 403 "Missing scopes: api.model.read" with
    # code null (OpenAI API keys docs, restricted permissions).
    Rule(
        "key_restricted",
        phrases=("missing scopes", "insufficient permissions for this operation"),
    ),
    Rule(
        "org_mismatch",
        identifiers=frozenset({"mismatched_organization", "no_such_organization"}),
        phrases=("openai-organization header should match", "no such organization"),
    ),
    Rule(
        "region_blocked",
        identifiers=frozenset({"unsupported_country_region_territory"}),
        phrases=(
            "user location is not supported",
            "country, region, or territory not supported",
        ),
    ),
    # Anthropic's response from an unsupported country: 403, type "forbidden",
    # "Request not allowed".
    Rule(
        "region_blocked",
        phrases=("request not allowed",),
        statuses=frozenset({403}),
    ),
    # Google: 403 PERMISSION_DENIED with details[].reason SERVICE_DISABLED.
    Rule(
        "service_disabled",
        identifiers=frozenset({"service_disabled"}),
        phrases=("has not been used in project", "it is disabled. enable it"),
    ),
    Rule(
        "quota_exhausted",
        identifiers=frozenset(
            {
                "insufficient_quota",
                "budget_exceeded",
                "billing_hard_limit_reached",
                "insufficient_balance",
            }
        ),
        phrases=(
            "credit balance is too low",
            "insufficient credits",
            "insufficient balance",
            "exceeded your current quota",
            "exceeded budget",
        ),
    ),
    Rule(
        "key_invalid",
        identifiers=frozenset(
            {
                "invalid_api_key",
                "api_key_invalid",
                "authentication_error",
                "auth_error",
                "token_not_found_in_db",
                "no_db_connection",
                "unauthenticated",
                "invalid_authentication",
            }
        ),
        phrases=(
            "incorrect api key",
            "invalid api key",
            "api key not valid",
            "api key expired",
            "invalid x-api-key",
            "x-api-key header is required",
            "subscription key",
            "invalid proxy server token",
            "no api key passed",
            "malformed api key",
            "unregistered callers",
            "no auth credentials found",
            "user not found",
            "unauthorized",
            # LiteLLM without a database can look up only its master key.
            "no connected db",
        ),
        statuses=_AUTH_STATUSES,
    ),
    Rule(
        "model_not_found",
        identifiers=frozenset(
            {
                "model_not_found",
                "deploymentnotfound",
                "invalid_model",
                "not_found",
                "not_found_error",
                "notfounderror",
            }
        ),
        phrases=(
            "does not exist",
            "not found",
            "try pulling it first",
            "invalid model name",
            "has been decommissioned",
        ),
        statuses=frozenset({400, 404}),
        phases=frozenset({"probe"}),
    ),
    Rule(
        "model_no_access",
        identifiers=frozenset({"permission_denied", "permission_error"}),
        phrases=("do not have access", "does not have access", "not allowed to use"),
        statuses=frozenset({403, 404}),
        phases=frozenset({"probe"}),
    ),
    Rule("server_error", identifiers=frozenset({"overloaded_error", "api_error"})),
)

#: Google QuotaFailure ids that end in these are short windows: a rate limit,
#: though the message says "exceeded your current quota" (Gemini API rate
#: limits page).
_SHORT_QUOTA_WINDOWS = ("perminute", "persecond", "perminute-freetier")


def classify(response: Response, phase: Phase) -> str | None:
    """Return the cause id for ``response``, or None when it is a success."""
    if 300 <= response.status < 400:
        return "base_url_wrong"
    if response.ok:
        return _classify_success(response)
    if _is_short_google_quota(response):
        return "rate_limited"
    if not response.is_json:
        return _classify_unparsed(response, phase)
    for rule in RULES:
        if rule.matches(response, phase):
            return rule.cause
    return _by_status(response.status, phase)


def _classify_success(response: Response) -> str | None:
    if response.truncated:
        return "unexpected_response"
    if response.is_json:
        return None
    return "base_url_wrong"


def _classify_unparsed(response: Response, phase: Phase) -> str:
    """Classify an error whose body is HTML, text or cut off at the limit."""
    if response.status >= 500:
        return "server_error"
    if response.status == 429:
        return "rate_limited"
    if response.is_html or response.status in (404, 405):
        return "base_url_wrong"
    if response.status in (401, 403):
        return "key_invalid"
    return _by_status(response.status, phase)


def _by_status(status: int, phase: Phase) -> str:
    if status == 401:
        return "key_invalid"
    if status == 402:
        return "quota_exhausted"
    if status == 403:
        return "model_no_access" if phase == "probe" else "key_invalid"
    if status in (404, 405):
        return "model_not_found" if phase == "probe" else "base_url_wrong"
    if status == 408:
        return "timeout"
    if status == 429:
        return "rate_limited"
    if status >= 500:
        # Includes Anthropic's 529 overloaded_error.
        return "server_error"
    return "unexpected_response"


def _is_short_google_quota(response: Response) -> bool:
    if response.fields.status != "RESOURCE_EXHAUSTED":
        return False
    ids = [quota_id.lower() for quota_id in response.fields.quota_ids]
    return any(quota_id.endswith(_SHORT_QUOTA_WINDOWS) for quota_id in ids)
