"""Render preflight results as lines for pytest's terminal reporter.

The lines carry fingerprints only; they are built from ``ProviderResult``
objects, which never hold a key.
"""

from __future__ import annotations

from pytest_llmcreds.results import PreflightResult, ProviderResult

_STATUS_WORDS = {
    "passed": "passed",
    "failed": "FAILED",
    "indeterminate": "NOT VERIFIED",
}


def header_line(mode: str, offline: bool) -> str:
    checks = "offline checks only" if offline else "offline and live checks"
    return f"llmcreds: preflight mode {mode}, {checks}"


def report_lines(result: PreflightResult, verbosity: int) -> list[str]:
    """Return one block per provider: a status row, then findings and fixes."""
    width = max((len(r.provider) for r in result.providers), default=0)
    lines: list[str] = []
    for provider in result.providers:
        lines.append(_status_row(provider, width))
        lines += _detail_lines(provider, verbosity)
    lines += [f"llmcreds: warning: {warning}" for warning in result.warnings]
    return lines


def _status_row(result: ProviderResult, width: int) -> str:
    status = _STATUS_WORDS[result.status]
    key = f"{result.key_source} {result.fingerprint}" if result.key_source else "no key"
    parts = [f"{result.provider:<{width}}", f"{status:<12}", key]
    if result.base_url:
        parts.append(result.base_url)
    if result.causes:
        parts.append("[" + ", ".join(result.causes) + "]")
    return "  ".join(parts)


def _detail_lines(result: ProviderResult, verbosity: int) -> list[str]:
    lines = []
    for finding in result.findings:
        lines.append(f"    {finding.cause}: {finding.message}")
        lines.append(f"      fix: {finding.fix}")
    if verbosity >= 1:
        for name, value in sorted(result.settings.items()):
            lines.append(f"    {name}={value}")
        for model, status in result.models.items():
            lines.append(f"    model {model}: {status}")
        if result.request_id:
            lines.append(f"    request id: {result.request_id}")
    for note in result.notes if verbosity >= 1 or result.status != "passed" else ():
        lines.append(f"    note: {note}")
    return lines


def summary_line(result: PreflightResult, skipped: int) -> str:
    counts: dict[str, int] = {}
    for provider in result.providers:
        counts[provider.status] = counts.get(provider.status, 0) + 1
    parts = [f"{count} {status}" for status, count in counts.items()]
    checked = "offline checks only" if result.offline else "live checks"
    line = f"llmcreds: {', '.join(parts) or 'no providers'} ({checked})"
    if skipped:
        line += f"; {skipped} live test{'s' if skipped != 1 else ''} skipped"
    return line
