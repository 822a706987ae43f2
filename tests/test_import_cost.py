"""The entry point stays cheap: pytest imports it in every run."""

from __future__ import annotations

import subprocess
import sys

HEAVY_MODULES = (
    "httpx",
    "httpx2",
    "pydantic",
    "respx",
    "dotenv",
    "pytest_llmcreds._catalogue",
    "pytest_llmcreds.simulate",
)


def imported_after(code: str) -> set[str]:
    probe = (
        "import sys\n"
        f"{code}\n"
        f"print(' '.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return set(output.split())


def test_entry_point_imports_nothing_heavy() -> None:
    assert imported_after("import pytest_llmcreds.plugin") == set()


def test_unused_plugin_in_run_imports_nothing_heavy(pytester) -> None:
    pytester.makepyfile(
        """
import sys

HEAVY = ("httpx", "httpx2", "pydantic", "pytest_llmcreds._catalogue")

def test_modules():
    assert [m for m in HEAVY if m in sys.modules] == []
"""
    )

    result = pytester.runpytest_subprocess("-p", "no:respx", "-p", "no:anyio")

    result.assert_outcomes(passed=1)
