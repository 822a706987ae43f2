"""The retry wait read from retry-after-ms and retry-after."""

from __future__ import annotations

import email.utils
import time

import pytest

from pytest_llmcreds.verify._retry import retry_after


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "2"}, 2.0),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_values(headers: dict[str, str], expected: float | None) -> None:
    assert retry_after(headers) == expected


def test_retry_after_http_date() -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)

    wait = retry_after({"retry-after": when})

    assert wait is not None
    assert 25 < wait <= 30
