"""The settings a live check sends, and the form of them that may be shown or stored.

A check sends the raw values: the base URL, the API version, organization
and project ids. Anything that leaves the check (an outcome, a cache entry)
contains :func:`shown_settings` instead, because a key pasted into the wrong
variable, or user info and query values in a base URL, must not reach the
report or ``.pytest_cache``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlsplit

from pytest_llmcreds.checks import normalize_base_url
from pytest_llmcreds.keys import looks_like_key, safe_url
from pytest_llmcreds.resolve import Resolution
from pytest_llmcreds.verify._table import VerificationSpec

#: The placeholder for a setting whose value does not have its expected shape.
NOT_SHOWN = "(not shown)"

#: The shapes a setting must have to be shown. OpenAI organization and
#: project ids are ``org-`` and ``proj_`` followed by letters and digits.
#: API versions are Azure's dates (``2024-10-21``, ``2024-10-21-preview``,
#: ``latest``, ``preview``) and Gemini's ``v1``, ``v1beta`` and ``v1alpha``.
SHOWN_SHAPES: dict[str, re.Pattern[str]] = {
    "organization": re.compile(r"org-[A-Za-z0-9]+"),
    "project": re.compile(r"proj_[A-Za-z0-9]+"),
    "api_version": re.compile(
        r"\d{4}-\d{2}-\d{2}(?:-preview)?|v\d+(?:alpha|beta)?|latest|preview"
    ),
}

_ROLES = ("organization", "project", "api_version")


def settings_of(resolution: Resolution, table: VerificationSpec) -> dict[str, str]:
    """Return the settings the check sends: base URL, API version, org, project.

    The values are raw; pass them through :func:`shown_settings` before
    they leave the check.
    """
    settings = {"base_url": _base_url(resolution)}
    for extra in resolution.spec.extra_vars:
        value = resolution.settings.get(extra.name)
        if value is not None and extra.role in _ROLES:
            settings[extra.role] = value
    if table.default_version and "api_version" not in settings:
        settings["api_version"] = table.default_version
    return settings


def _base_url(resolution: Resolution) -> str:
    raw = resolution.base_url or ""
    return normalize_base_url(resolution.spec, raw).rstrip("/")


def shown_settings(settings: Mapping[str, str]) -> dict[str, str]:
    """Return ``settings`` as they may be shown and stored.

    The base URL goes through ``safe_url``. Any other value is kept only
    when it has the shape of its setting and does not look like a key;
    otherwise it becomes ``(not shown)``.
    """
    shown = {}
    for role, value in settings.items():
        if role == "base_url":
            shown[role] = safe_url(value)
        elif is_shown(role, value):
            shown[role] = value
        else:
            shown[role] = NOT_SHOWN
    return shown


def is_shown(role: str, value: str) -> bool:
    """Return True when the value of setting ``role`` may be shown as it is."""
    shape = SHOWN_SHAPES.get(role)
    if shape is None or not shape.fullmatch(value):
        return False
    return not looks_like_key(value)


def hidden_values(settings: Mapping[str, str]) -> tuple[str, ...]:
    """Return the raw values that ``shown_settings`` hides, for redaction.

    These are the settings without their expected shape, and the user info
    and query values of the base URL. A provider may echo any of them back,
    as it echoes an organization id it does not know.
    """
    hidden = [
        value
        for role, value in settings.items()
        if role != "base_url" and not is_shown(role, value)
    ]
    base_url = settings.get("base_url")
    if base_url:
        hidden += _url_secrets(base_url)
    return tuple(value for value in hidden if value)


def _url_secrets(url: str) -> list[str]:
    try:
        parts = urlsplit(url)
        values = [parts.username or "", parts.password or ""]
    except ValueError:
        return []
    # Both the raw and the decoded form of each query value, since either
    # may be echoed.
    values += [pair.partition("=")[2] for pair in parts.query.split("&")]
    values += [value for _, value in parse_qsl(parts.query, keep_blank_values=True)]
    return values
