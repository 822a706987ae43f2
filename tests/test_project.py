"""The repository's own promises: generated docs are current, CI runs the README."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_docs_are_current() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "gen_docs.py"), "--check"],
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stdout


def test_ci_runs_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")

    assert "## Run the tests" in readme
    assert "sed -n '/^## Run the tests/" in ci
    assert 'bash -c "$test_command"' in ci


def test_every_cause_is_documented() -> None:
    from pytest_llmcreds.causes import CAUSES

    page = (ROOT / "docs" / "causes.md").read_text(encoding="utf-8")
    for cause in CAUSES:
        assert f"`{cause}`" in page


def test_example_suite_runs_as_readme_shows() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--llm-preflight",
            "--llm-offline",
            "-rs",
            "-p",
            "no:cacheprovider",
            "examples/basic",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )

    assert done.returncode == 0, done.stdout[-2000:]
    assert "1 passed, 3 skipped" in done.stdout
    assert "it is only in examples/basic/example.env, which nothing loaded" in (
        done.stdout
    )
