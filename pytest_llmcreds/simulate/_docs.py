"""Render docs/scenarios.md from the catalogue.

Run ``python -m pytest_llmcreds.simulate._docs docs/scenarios.md`` after
changing a catalogue module; a test fails while the file is out of date.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from pytest_llmcreds.simulate._models import NEUTRAL_SCENARIOS, ProviderErrors, Scenario
from pytest_llmcreds.simulate.catalogue import PROVIDERS, errors_of

_HEADER = """\
# llm_mock scenarios

Generated from the catalogue in `pytest_llmcreds/simulate/catalogue/` by
`python -m pytest_llmcreds.simulate._docs docs/scenarios.md`; do not edit by
hand.

Each provider lists the scenarios `llm_mock.fail(provider, scenario)` accepts.
Provider-neutral ids come first, then the provider's own ones. *Policy* is
what `check_retry_policy` expects of an application: `retry` (with backoff
honouring `retry-after`), `no_retry`, or `either`. *Confidence* states how the
body is known: `pasted_in_issue` (pasted verbatim in a public report),
`sdk_source` (read from the server's or SDK's source), `documented` (status
and type from the provider's documentation) or `inferred` (reconstructed;
treat the text as an approximation).

`timeout` raises the HTTP library's `ReadTimeout` and `connection_error` its
`ConnectError`; `stream_error` responds with HTTP 200 and sends an error event after
the first two events of the endpoint's stream.
"""


def _status(scenario: Scenario) -> str:
    if scenario.kind == "read_timeout":
        return "ReadTimeout"
    if scenario.kind == "connect_error":
        return "ConnectError"
    if scenario.kind == "stream":
        return "200, then error event"
    return str(scenario.status)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def source_problem(source: object) -> str | None:
    """Return why ``source`` is not plain reference text, or None when it is.

    A source is a string of references separated by "; ". A part that reads
    as a Python or JSON mapping or list is the repr of a value that a YAML
    parser made from text containing ": " (``a (Status: 404)`` parses as the
    mapping ``{'a (Status': '404)'}``), so the text it stood for is lost.
    """
    if not isinstance(source, str):
        return f"the source is a {type(source).__name__}, not a string"
    for part in source.split("; "):
        text = part.strip()
        if text[:1] not in ("{", "["):
            continue
        try:
            value = ast.literal_eval(text)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            continue
        if isinstance(value, (dict, list, set, tuple)):
            return f"{text!r} is the repr of a {type(value).__name__}"
    return None


def _source_cell(provider: str, scenario: Scenario) -> str:
    problem = source_problem(scenario.source)
    if problem is not None:
        raise ValueError(
            f"{provider}/{scenario.id}: invalid source: {problem}; write the "
            "references as one plain string"
        )
    return _cell(scenario.source)


def _ordered(table: ProviderErrors) -> list[Scenario]:
    neutral = {name: index for index, name in enumerate(NEUTRAL_SCENARIOS)}
    return sorted(
        table.scenarios,
        key=lambda s: (s.id not in neutral, neutral.get(s.id, 0), s.id),
    )


def _provider_section(table: ProviderErrors) -> list[str]:
    lines = [f"## {table.provider}", ""]
    if table.note:
        lines += [table.note, ""]
    lines += [
        "| scenario | status | policy | confidence | what happens | source |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for scenario in _ordered(table):
        cells = (
            f"`{scenario.id}`",
            _status(scenario),
            scenario.policy,
            scenario.confidence,
            _cell(scenario.summary),
            _source_cell(table.provider, scenario),
        )
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    if table.absent:
        lines.append(
            "Not simulated (the provider cannot fail this way, "
            "or no response was found):"
        )
        lines.append("")
        lines += [f"- `{a.id}`: {a.reason}." for a in table.absent]
        lines.append("")
    return lines


def render() -> str:
    """Return the text of docs/scenarios.md."""
    lines = [_HEADER]
    for provider in PROVIDERS:
        lines += _provider_section(errors_of(provider))
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m pytest_llmcreds.simulate._docs PATH", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(render(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
