"""Measure what the installed but unused plugin costs a test run.

Generates 1000 tests without llm_live markers, then times ``pytest --co``
on them with the plugin enabled and with ``-p no:llmcreds``, alternating the
two to spread machine noise evenly. Usage:

    python benchmarks/bench_import_overhead.py [--runs N] [--tests N]

Prints the median wall time of each variant and the overhead in percent.
With ``--callgrind``, runs each variant once under valgrind's callgrind
and compares instruction counts instead, which other load on the machine
does not disturb.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_suite(directory: Path, count: int) -> None:
    per_file = 50
    for index in range(count // per_file):
        lines = [
            f"def test_{index}_{n}():\n    assert {n} == {n}\n" for n in range(per_file)
        ]
        (directory / f"test_generated_{index}.py").write_text("\n".join(lines))
    (directory / "pytest.ini").write_text("[pytest]\n")


def bytecode_environment() -> dict[str, str]:
    """Return the environment with bytecode caching on, as for an installed wheel.

    With PYTHONDONTWRITEBYTECODE set, pytest compiles and rewrites the plugin
    module again on every run, which an installed plugin never does.
    """
    environ = dict(os.environ)
    environ.pop("PYTHONDONTWRITEBYTECODE", None)
    return environ


def time_run(directory: Path, extra: list[str]) -> float:
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--co",
        "-q",
        "-p",
        "no:cacheprovider",
        *extra,
    ]
    start = time.perf_counter()
    subprocess.run(
        command,
        cwd=directory,
        check=True,
        capture_output=True,
        env=bytecode_environment(),
    )
    return time.perf_counter() - start


def count_instructions(directory: Path, extra: list[str]) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-m",
        "pytest",
        "--co",
        "-q",
        "-p",
        "no:cacheprovider",
        *extra,
    ]
    done = subprocess.run(
        command,
        cwd=directory,
        capture_output=True,
        text=True,
        env=bytecode_environment(),
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    if match is None:
        raise SystemExit(
            "callgrind printed no instruction count:\n" + done.stderr[-2000:]
        )
    return int(match.group(1))


def compare_instructions(directory: Path) -> None:
    enabled = count_instructions(directory, [])
    disabled = count_instructions(directory, ["-p", "no:llmcreds"])
    print(f"instructions with plugin:    {enabled:,}")
    print(f"instructions -p no:llmcreds: {disabled:,}")
    print(
        f"overhead:                    {(enabled - disabled) / disabled * 100:+.2f} %"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--runs", type=int, default=15, help="Runs per variant. Default: 15"
    )
    parser.add_argument(
        "--tests", type=int, default=1000, help="Generated tests. Default: 1000"
    )
    parser.add_argument(
        "--callgrind", action="store_true", help="Compare instruction counts"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        write_suite(directory, args.tests)
        time_run(directory, [])  # write the bytecode caches once
        if args.callgrind:
            compare_instructions(directory)
            return
        enabled: list[float] = []
        disabled: list[float] = []
        for _ in range(args.runs):
            enabled.append(time_run(directory, []))
            disabled.append(time_run(directory, ["-p", "no:llmcreds"]))

    with_plugin = statistics.median(enabled)
    without_plugin = statistics.median(disabled)
    overhead = (with_plugin - without_plugin) / without_plugin * 100
    print(f"tests collected:        {args.tests}")
    print(f"runs per variant:       {args.runs}")
    print(f"median with plugin:     {with_plugin * 1000:.1f} ms")
    print(f"median -p no:llmcreds:  {without_plugin * 1000:.1f} ms")
    print(f"overhead:               {overhead:+.2f} %")


if __name__ == "__main__":
    main()
