"""Read key-introspection responses: credit, balance and key flags.

OpenRouter's ``GET /api/v1/key`` reports ``limit_remaining``, DeepSeek's
``GET /user/balance`` reports ``is_available``, and xAI's ``GET /v1/api-key``
reports ``api_key_blocked``, ``api_key_disabled`` and ``team_blocked``.
"""

from __future__ import annotations

from typing import Any

from pytest_llmcreds.results import Finding
from pytest_llmcreds.verify._advice import Target, fix_for, fix_key_invalid
from pytest_llmcreds.verify._response import Response
from pytest_llmcreds.verify._table import KeyInfoKind

_XAI_FLAGS = ("api_key_blocked", "api_key_disabled", "team_blocked")


def read_key_info(
    kind: KeyInfoKind | None,
    response: Response,
    target: Target,
    notes: list[str],
    *,
    proven_by_list: bool = False,
) -> list[Finding]:
    """Return the findings in an accepted key-introspection response.

    A body that is not in the documented shape is an ``unexpected_response``,
    or only a note when the model list, which needs a valid key, proved the
    key already.
    """
    data = response.data
    if not _has_documented_shape(kind, data):
        return _unreadable(target, notes, proven_by_list)
    assert isinstance(data, dict)
    if kind == "openrouter":
        return _openrouter_key(data["data"], target, notes)
    if kind == "deepseek" and data["is_available"] is False:
        message = "DeepSeek reports is_available false for the key's balance"
        return [_quota(message, target)]
    if kind == "xai":
        return _xai_key(data, target)
    return []


def _has_documented_shape(kind: KeyInfoKind | None, data: Any) -> bool:
    """Check the fields read below: OpenRouter's object, DeepSeek's and xAI's flags."""
    if not isinstance(data, dict):
        return False
    if kind == "openrouter":
        return isinstance(data.get("data"), dict)
    if kind == "deepseek":
        return isinstance(data.get("is_available"), bool)
    if kind == "xai":
        flags = [data[name] for name in _XAI_FLAGS if name in data]
        return bool(flags) and all(isinstance(flag, bool) for flag in flags)
    return True


def _unreadable(target: Target, notes: list[str], proven: bool) -> list[Finding]:
    summary = (
        f"the key information response of {target.title} is not in its documented shape"
    )
    if proven:
        notes.append(f"{summary}; the model list proved the key")
        return []
    return [
        Finding(
            cause="unexpected_response",
            message=f"{summary}, so the key is not proven",
            fix=fix_for(target, "unexpected_response"),
        )
    ]


def _openrouter_key(
    info: dict[str, Any], target: Target, notes: list[str]
) -> list[Finding]:
    remaining = info.get("limit_remaining")
    if info.get("is_free_tier"):
        notes.append("OpenRouter reports the key's account as free tier")
    if isinstance(remaining, (int, float)) and remaining <= 0:
        message = f"OpenRouter reports limit_remaining {remaining} for the key"
        return [_quota(message, target)]
    return []


def _xai_key(data: dict[str, Any], target: Target) -> list[Finding]:
    flags = [name for name in _XAI_FLAGS if data.get(name) is True]
    if not flags:
        return []
    # NOTE: xAI documents the flags but not why a team is blocked, so a
    # blocked team is reported as a key that cannot be used.
    return [
        Finding(
            cause="key_invalid",
            message=f"xAI reports {', '.join(flags)} for the key",
            fix=fix_key_invalid(target),
        )
    ]


def _quota(message: str, target: Target) -> Finding:
    return Finding(
        cause="quota_exhausted",
        message=message,
        fix=f"add credit in the {target.title} billing settings",
    )
