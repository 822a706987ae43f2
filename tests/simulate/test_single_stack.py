"""llm_mock with only one of the two HTTP stacks importable."""

from __future__ import annotations

import pytest

BLOCK_HTTPX2 = """
import sys

# Make httpx2 and httpcore2 look uninstalled before anything imports them.
sys.modules["httpx2"] = None
sys.modules["httpcore2"] = None
"""

HTTPX_TEST = """
import httpx
import pytest

def test_httpx_only(llm_mock):
    llm_mock.fail("openai", "invalid_api_key")
    response = httpx.post("https://api.openai.com/v1/chat/completions", json={})
    assert response.status_code == 401
"""


def test_without_httpx2(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(BLOCK_HTTPX2)
    pytester.makepyfile(HTTPX_TEST)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
