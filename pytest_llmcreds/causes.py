"""Cause ids: the stable names of everything the preflight can report.

Reports, skip reasons and the JSON schema use these ids, so they never
change meaning. The effect says what a cause does to a provider's status:
an ``error`` fails it, an ``unproven`` cause leaves it indeterminate and a
``warning`` keeps it passed.
"""

from __future__ import annotations

from typing import Literal

Effect = Literal["error", "unproven", "warning"]

#: Cause id to effect, in the order a report lists them when several apply:
#: the cause to fix first comes first.
CAUSES: dict[str, Effect] = {
    # Offline: where the key is and what it looks like.
    "key_missing": "error",
    "key_empty": "error",
    "key_wrong_variable": "error",
    "key_placeholder": "error",
    "key_is_url": "error",
    "key_wrong_provider": "error",
    "key_quoted": "error",
    "key_non_ascii": "error",
    "key_whitespace": "error",
    "base_url_missing": "error",
    "base_url_invalid": "error",
    "api_version_missing": "error",
    "api_version_invalid": "error",
    "org_invalid": "error",
    # Live: what the provider answered.
    "key_invalid": "error",
    "org_mismatch": "error",
    "region_blocked": "error",
    "service_disabled": "error",
    "quota_exhausted": "error",
    "model_not_found": "error",
    "model_no_access": "error",
    "base_url_wrong": "error",
    "unexpected_response": "error",
    "network_error": "unproven",
    "tls_error": "unproven",
    "timeout": "unproven",
    "server_error": "unproven",
    "preflight_error": "unproven",
    # Warnings: the key works, but something deserves a look.
    "key_shadowed": "warning",
    "base_url_ignored": "warning",
    "key_restricted": "warning",
    "rate_limited": "warning",
    "setting_ignored": "warning",
    "vertex_mode": "warning",
}


def effect_of(cause: str) -> Effect:
    return CAUSES[cause]


def rank(cause: str) -> int:
    return list(CAUSES).index(cause)
