"""GitHub Actions output: an error annotation per failed provider and a job summary.

Both are built from ``ProviderResult`` objects, so they carry fingerprints
only. Workflow commands are documented at
https://docs.github.com/actions/reference/workflow-commands-for-github-actions.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pytest_llmcreds.results import PreflightResult, ProviderResult


def in_github_actions(environ: Mapping[str, str]) -> bool:
    return environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    # Workflow command data escapes %, CR and LF; property values also ':' and ','.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(result: ProviderResult) -> str:
    """Return the ``::error`` (or ``::warning``) workflow command for one provider."""
    level = "error" if result.status == "failed" else "warning"
    title = _escape_property(f"llmcreds: {result.provider} {result.status}")
    problem = result.first_problem()
    text = (
        f"{problem.cause}: {problem.message} Fix: {problem.fix}"
        if problem is not None
        else f"{result.provider} did not pass the preflight"
    )
    return f"::{level} title={title}::{_escape_data(text)}"


def error_annotations(result: PreflightResult) -> list[str]:
    return [annotation(provider) for provider in result.failed]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def summary_markdown(result: PreflightResult) -> str:
    """Render a Markdown table of every provider, for the job summary."""
    checks = "offline checks only" if result.offline else "offline and live checks"
    lines = [
        f"### LLM credentials preflight ({checks})",
        "",
        "| provider | status | key | causes | fix |",
        "| --- | --- | --- | --- | --- |",
    ]
    for provider in result.providers:
        key = (
            f"`{provider.key_source}` {provider.fingerprint}"
            if provider.key_source
            else "no key"
        )
        problem = provider.first_problem()
        lines.append(
            "| "
            + " | ".join(
                _cell(cell)
                for cell in (
                    provider.provider,
                    provider.status,
                    key,
                    ", ".join(provider.causes) or "-",
                    problem.fix if problem is not None else "-",
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n\n"


def append_summary(result: PreflightResult, environ: Mapping[str, str]) -> Path | None:
    """Append the table to ``$GITHUB_STEP_SUMMARY``; return the file, or None."""
    name = environ.get("GITHUB_STEP_SUMMARY")
    if not name:
        return None
    path = Path(name)
    with path.open("a", encoding="utf-8") as summary:
        summary.write(summary_markdown(result))
    return path
