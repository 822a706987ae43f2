"""Read model lists in each provider's shape and match the configured models."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from pytest_llmcreds.verify._table import ListShape


def model_ids(data: Any, shape: ListShape) -> list[str] | None:
    """Return the model names of one list page, or None when the shape is wrong."""
    if shape == "gemini":
        return _names(data, "models", "name", strip="models/")
    if shape == "ollama":
        return _names(data, "models", "name")
    # Together returns a bare list; OpenAI, Anthropic and the compatible
    # servers return {"data": [...]}.
    items = data if isinstance(data, list) else None
    if isinstance(data, dict) and isinstance(data.get("data"), list):
        items = data["data"]
    if items is None:
        return None
    return [
        str(item["id"]) for item in items if isinstance(item, dict) and "id" in item
    ]


def _names(
    data: Any, list_field: str, name_field: str, strip: str = ""
) -> list[str] | None:
    if not isinstance(data, dict):
        return None
    items = data.get(list_field, [])
    if not isinstance(items, list):
        return None
    names = [
        str(item[name_field])
        for item in items
        if isinstance(item, dict) and name_field in item
    ]
    return [name.removeprefix(strip) for name in names]


def next_page(data: Any, shape: ListShape) -> dict[str, str] | None:
    """Return the query of the next page, or None on the last page."""
    if not isinstance(data, dict):
        return None
    if shape == "anthropic" and data.get("has_more") and data.get("last_id"):
        return {"after_id": str(data["last_id"])}
    if shape == "gemini" and data.get("nextPageToken"):
        return {"pageToken": str(data["nextPageToken"])}
    return None


def is_listed(model: str, listed: Iterable[str], shape: ListShape) -> bool:
    names = set(listed)
    if model in names:
        return True
    if shape == "gemini":
        return model.removeprefix("models/") in names
    if shape == "ollama":
        # Ollama adds the tag "latest" to a name given without one.
        return ":" not in model and f"{model}:latest" in names
    return False


def closest(model: str, listed: Iterable[str], count: int = 3) -> list[str]:
    """Return the listed names closest to ``model``, best first."""
    return difflib.get_close_matches(model, list(listed), n=count, cutoff=0.6)
