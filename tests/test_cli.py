"""``llmcreds check`` and ``llmcreds providers``, run as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OPENAI_KEY = "sk-proj-" + "Qx7pL2mZ9vR4tW8yB3nC6dF1gH5jK0sA" * 5


def llmcreds(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None):
    import os

    environ = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "pytest_llmcreds.cli", *args],
        cwd=cwd,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_check_example_configuration_offline() -> None:
    done = llmcreds("check", "--offline", cwd=ROOT / "examples" / "basic")

    assert done.returncode == 1
    assert "openai     FAILED        no key" in done.stdout
    assert "it is only in example.env, which nothing loaded" in done.stdout
    assert "llmcreds: 3 failed (offline checks only)" in done.stdout


def test_check_example_configuration_live() -> None:
    done = llmcreds("check", cwd=ROOT / "examples" / "basic")

    assert done.returncode == 1
    assert "llmcreds: 3 failed (live checks)" in done.stdout
    assert "no request was sent because there is no key to send" not in done.stderr


def test_check_passes_with_key() -> None:
    done = llmcreds(
        "check", "--offline", "--provider", "openai", env={"OPENAI_API_KEY": OPENAI_KEY}
    )

    assert done.returncode == 0
    assert "openai  passed" in done.stdout
    assert OPENAI_KEY not in done.stdout


def test_check_json_report(tmp_path: Path) -> None:
    done = llmcreds(
        "check",
        "--offline",
        "--json",
        "--provider",
        "openai",
        "--model",
        "openai=gpt-4o",
        cwd=tmp_path,
        env={"OPENAI_API_KEY": OPENAI_KEY + "\n"},
    )

    report = json.loads(done.stdout)
    assert report["version"] == 1
    assert report["providers"][0]["causes"] == ["key_whitespace"]
    assert report["providers"][0]["models"] == {"gpt-4o": "unknown"}
    assert done.returncode == 1


def test_check_verbose_lists_variables(tmp_path: Path) -> None:
    done = llmcreds(
        "check",
        "--offline",
        "-v",
        "--provider",
        "openai",
        cwd=tmp_path,
        env={"OPENAI_KEY": OPENAI_KEY, "OPENAI_API_BASE": "https://u:p@gw.invalid/v1"},
    )

    assert "    OPENAI_API_KEY: unset" in done.stdout
    assert "    OPENAI_KEY (not read by the SDK): set, sk-proj-…(168 chars)…K0sA" in (
        done.stdout
    )
    assert "    OPENAI_API_BASE: set, https://***@gw.invalid/v1" in done.stdout
    assert OPENAI_KEY[10:30] not in done.stdout


def test_check_finds_configured_providers(tmp_path: Path) -> None:
    done = llmcreds(
        "check",
        "--offline",
        "--json",
        cwd=tmp_path,
        env={"GROQ_API_KEY": "gsk_" + "Mn4Pq7Rs0Tu3" * 5},
    )

    names = [p["provider"] for p in json.loads(done.stdout)["providers"]]
    assert "groq" in names


def test_check_without_providers_is_usage_error(tmp_path: Path) -> None:
    done = llmcreds("check", "--offline", cwd=tmp_path)

    assert done.returncode == 2
    assert "no provider to check" in done.stderr


def test_check_unknown_provider(tmp_path: Path) -> None:
    done = llmcreds("check", "--provider", "opena1", cwd=tmp_path)

    assert done.returncode == 2
    assert "unknown provider 'opena1' (did you mean 'openai'?)" in done.stderr


def test_check_reads_gateways_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[tool.pytest.ini_options]\n"
        'llm_providers = "corp"\n'
        'llm_gateways = ["corp openai key_env=CORP_KEY base_url=http://127.0.0.1:9/v1"]\n'
    )

    done = llmcreds("check", "--offline", "--json", cwd=tmp_path)

    entry = json.loads(done.stdout)["providers"][0]
    assert entry["provider"] == "corp"
    assert entry["causes"] == ["key_missing"]


def test_github_annotations_and_summary(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"

    done = llmcreds(
        "check",
        "--offline",
        "--provider",
        "openai",
        "--provider",
        "anthropic",
        cwd=tmp_path,
        env={
            "GITHUB_ACTIONS": "true",
            "GITHUB_STEP_SUMMARY": str(summary),
            "OPENAI_API_KEY": OPENAI_KEY,
        },
    )

    assert "::error title=llmcreds%3A anthropic failed::key_missing: " in done.stdout
    assert "::error title=llmcreds%3A openai" not in done.stdout
    table = summary.read_text()
    assert (
        "| openai | passed | `OPENAI_API_KEY` sk-proj-…(168 chars)…K0sA | - | - |"
        in table
    )
    assert "| anthropic | failed | no key | key_missing |" in table
    assert OPENAI_KEY[8:24] not in table


def test_providers_lists_catalogue() -> None:
    done = llmcreds("providers")

    assert done.returncode == 0
    assert "azure_openai" in done.stdout
    assert "AZURE_OPENAI_AD_TOKEN, AZURE_OPENAI_API_KEY" in done.stdout


def test_plugin_writes_github_summary(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = pytester.path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    pytester.makepyfile(
        "import pytest\n@pytest.mark.llm_live('openai')\ndef test_a(): pass\n"
    )

    result = pytester.runpytest("--llm-preflight", "--llm-offline")

    result.stdout.fnmatch_lines(
        ["::error title=llmcreds%3A openai failed::key_missing: *"]
    )
    assert "| openai | failed | no key | key_missing |" in summary.read_text()


@pytest.mark.parametrize(
    ("args", "ini", "message"),
    [
        (
            ("--timeout", "-5"),
            "",
            "--timeout / llm_preflight_timeout: invalid value '-5'",
        ),
        (("--timeout", "nan"), "", "invalid value 'nan'"),
        ((), "llm_preflight_timeout = abc\n", "invalid value 'abc'"),
        (("--model", "gpt4"), "", "--model / llm_models: invalid value 'gpt4'"),
        (("--env-file", "missing.env"), "", "--env-file: file not found"),
        (("--rootdir", "/nonexistent/dir"), "", "--rootdir: directory not found"),
    ],
)
def test_check_bad_input_is_usage_error(
    tmp_path: Path, args: tuple[str, ...], ini: str, message: str
) -> None:
    (tmp_path / "pytest.ini").write_text("[pytest]\n" + ini)

    done = llmcreds("check", "--offline", "--provider", "openai", *args, cwd=tmp_path)

    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_check_invalid_pyproject_is_usage_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.pytest.ini_options\n")

    done = llmcreds("check", "--offline", "--provider", "openai", cwd=tmp_path)

    assert done.returncode == 2
    assert "pyproject.toml: invalid TOML" in done.stderr


def test_check_unwritable_summary_warns(tmp_path: Path) -> None:
    done = llmcreds(
        "check",
        "--offline",
        "--provider",
        "openai",
        cwd=tmp_path,
        env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": "/proc/none/s.md"},
    )

    assert done.returncode == 1
    assert "cannot append to GITHUB_STEP_SUMMARY" in done.stderr
    assert "Traceback" not in done.stderr
