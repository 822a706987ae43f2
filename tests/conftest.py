"""Shared fixtures: a clean environment and a runner for small live suites."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import pytest
import trustme  # noqa: F401 - see below

from pytest_llmcreds.providers import builtin_providers

# pytester's in-process runs drop the modules first imported inside them.
# A library imported there (cryptography through trustme, for one) would be
# imported again afterwards with new classes, and objects made from the old
# ones then fail isinstance checks; importing them here keeps one copy.

#: Variables that change what the plugin reads; each test starts without them.
CI_VARIABLES = (
    "CI",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "CIRCLECI",
    "BUILDKITE",
    "JENKINS_URL",
    "TF_BUILD",
    "BITBUCKET_BUILD_NUMBER",
    "TRAVIS",
    "GITHUB_STEP_SUMMARY",
)


def provider_variables() -> set[str]:
    names: set[str] = set()
    for spec in builtin_providers():
        names.update(spec.key_vars, spec.base_url_vars, spec.legacy_base_url_vars)
        names.update(spec.near_miss_key_vars, spec.near_miss_base_url_vars)
        for extra in spec.extra_vars:
            names.update((extra.name, *extra.legacy_names, *extra.near_misses))
    return names


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove every provider and CI variable, so the host's keys never leak in."""
    for name in provider_variables() | set(CI_VARIABLES):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("PYTEST_ADDOPTS", raising=False)


LIVE_TEST = """
import pytest

@pytest.mark.llm_live({providers})
def test_live():
    pass

def test_offline():
    pass
"""


class LiveSuite:
    """A one-file suite with a live test, run in-process through pytester."""

    def __init__(self, pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
        self.pytester = pytester
        self.monkeypatch = monkeypatch

    def run(
        self,
        *providers: str,
        env: Mapping[str, str] | None = None,
        files: Mapping[str, str] | None = None,
        options: tuple[str, ...] = ("--llm-preflight", "--llm-offline"),
        source: str | None = None,
    ) -> tuple[pytest.RunResult, dict[str, Any]]:
        for name, value in (env or {}).items():
            self.monkeypatch.setenv(name, value)
        for name, text in (files or {}).items():
            path = self.pytester.path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        names = ", ".join(repr(p) for p in providers)
        self.pytester.makepyfile(source or LIVE_TEST.format(providers=names))
        result = self.pytester.runpytest(
            "-p", "no:cacheprovider", "-rs", "--llm-report=report.json", *options
        )
        report_path = self.pytester.path / "report.json"
        report = json.loads(report_path.read_text()) if report_path.exists() else {}
        return result, report


@pytest.fixture
def live_suite(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> LiveSuite:
    pytester.makeini("[pytest]\n")
    return LiveSuite(pytester, monkeypatch)


def provider_entry(report: Mapping[str, Any], provider: str) -> dict[str, Any]:
    entries = [p for p in report["providers"] if p["provider"] == provider]
    assert entries, f"{provider} missing from report: {report}"
    return entries[0]


RunLive = Callable[..., tuple[pytest.RunResult, dict[str, Any]]]
