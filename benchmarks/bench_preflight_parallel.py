"""Time the live preflight of six providers against one, and a rerun from the cache.

Six providers (openai, anthropic, gemini, mistral, groq, together) are
mounted on one fake provider on 127.0.0.1 that responds to every request after
``--delay`` seconds (300 ms by default). The script times ``verify_all``
for openai alone and for all six, ``--repeat`` times each, and reports the
medians and their ratio (target: at most 1.15, since the checks run in
parallel). It then reruns the six-provider check with a cache filled by the
first run and counts the requests that reach the server (target: none).
Last, it runs ``pytest -n 4 --llm-preflight`` on a generated suite that
marks 24 tests for each provider and counts the requests per provider
(target: one each, since only the xdist controller checks).

Usage: python benchmarks/bench_preflight_parallel.py [--delay 0.3] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pytest_llmcreds.checks import check_provider
from pytest_llmcreds.providers import Registry, builtin_providers
from pytest_llmcreds.resolve import resolve
from pytest_llmcreds.server import FakeProvider
from pytest_llmcreds.verify import LiveCheck, verify_all

PROVIDERS: dict[str, tuple[str, str, str]] = {
    # name: (key variable, fake key, mount shape)
    "openai": ("OPENAI_API_KEY", "sk-proj-" + "Bq4Lw8Zt2Xp6Rv0Nd3Kf" * 3, "openai"),
    "anthropic": (
        "ANTHROPIC_API_KEY",
        "sk-ant-api03-" + "Hq3Zr8Wt1Ly6Pm0Nd5Kb" * 4,
        "anthropic",
    ),
    "gemini": ("GEMINI_API_KEY", "AIzaSy3Bd4Fh7Jk0Lm3Np6Qr9St2Uv5Wx8Ya1Cd", "gemini"),
    "mistral": ("MISTRAL_API_KEY", "Zk4Lm7Np0Qr3St6Uv9Wx2Ya5Bc8De1Fg", "openai"),
    "groq": ("GROQ_API_KEY", "gsk_" + "Mn4Pq7Rs0Tu3Vw6Xy9Za2Bc5De8Fg1Hj", "openai"),
    "together": (
        "TOGETHER_API_KEY",
        "tgp_v1_" + "Rt5Yu8Io1Pa4Sd7Fg0Hj3Kl6Zx9Cv2Bn",
        "openai",
    ),
}
BASE_PATHS = {"openai": "/v1", "together": "/v1"}
MODEL = "bench-model"
TIMEOUT = 10.0


class MemoryCache:
    def __init__(self) -> None:
        self.values: dict[str, dict[str, Any]] = {}

    def get(self, key: str) -> dict[str, Any] | None:
        return self.values.get(key)

    def set(self, key: str, value: dict[str, Any]) -> None:
        self.values[key] = value


def build_checks(server: FakeProvider, names: list[str]) -> list[LiveCheck]:
    registry = Registry(builtin_providers())
    env = {PROVIDERS[name][0]: PROVIDERS[name][1] for name in names}
    checks = []
    for name in names:
        resolution = resolve(
            registry[name], env, base_url_override=server.base_url(name)
        )
        offline = tuple(check_provider(resolution, registry))
        checks.append(LiveCheck(resolution, (MODEL,), offline))
    return checks


def timed(checks: list[LiveCheck], cache: MemoryCache | None = None) -> float:
    started = time.perf_counter()
    outcomes = verify_all(checks, timeout=TIMEOUT, probe=False, cache=cache)
    elapsed = time.perf_counter() - started
    failed = {name: o.findings for name, o in outcomes.items() if o.findings}
    if failed:
        raise SystemExit(
            f"a provider did not pass, so the timing means nothing: {failed}"
        )
    return elapsed


XDIST_SUITE = """
import pytest

PROVIDERS = {providers!r}

@pytest.mark.parametrize(
    "provider, n",
    [pytest.param(p, n, marks=pytest.mark.llm_live(p)) for p in PROVIDERS
     for n in range(24)],
)
def test_live(provider, n):
    pass
"""


def xdist_requests(server: FakeProvider) -> dict[str, int]:
    """Run the preflight under ``pytest -n 4`` and count requests per provider."""
    before = {name: len(server.requests_for(name)) for name in PROVIDERS}
    env = {**os.environ, **{key: value for key, value, _ in PROVIDERS.values()}}
    options = [f"--llm-base-url={name}={server.base_url(name)}" for name in PROVIDERS]
    with tempfile.TemporaryDirectory() as name:
        directory = Path(name)
        (directory / "test_live.py").write_text(
            XDIST_SUITE.format(providers=list(PROVIDERS))
        )
        (directory / "pytest.ini").write_text("[pytest]\n")
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-n",
            "4",
            "-p",
            "no:cacheprovider",
            "--llm-preflight",
            *options,
        ]
        done = subprocess.run(command, cwd=directory, env=env, capture_output=True)
    if done.returncode != 0:
        raise SystemExit("pytest -n 4 failed:\n" + done.stdout.decode()[-3000:])
    return {name: len(server.requests_for(name)) - before[name] for name in PROVIDERS}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--delay",
        type=float,
        default=0.3,
        help="Seconds before each response. Default: 0.3",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="Runs of each measurement; the median is reported. Default: 5",
    )
    args = parser.parse_args()
    # Loopback traffic must never go through a proxy from the environment.
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"

    with FakeProvider() as server:
        for name, (_, key, shape) in PROVIDERS.items():
            server.mount(
                name,
                keys=(key,),
                models=(MODEL,),
                shape=shape,
                base_path=BASE_PATHS.get(name, ""),
                delay=args.delay,
            )
        one = build_checks(server, ["openai"])
        six = build_checks(server, list(PROVIDERS))
        timed(six)  # warm-up: imports, first connections

        single = statistics.median(timed(one) for _ in range(args.repeat))
        parallel = statistics.median(timed(six) for _ in range(args.repeat))

        cache = MemoryCache()
        timed(six, cache)
        before = len(server.requests)
        cached = timed(six, cache)
        cached_requests = len(server.requests) - before

        per_provider = xdist_requests(server)

    ratio = parallel / single
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()} on {platform.system()}"
    )
    print(f"command: {' '.join([os.path.basename(sys.executable), *sys.argv])}")
    print(f"response delay: {args.delay * 1000:.0f} ms, runs: {args.repeat} (median)")
    print(f"one provider:  {single * 1000:7.1f} ms")
    print(f"six providers: {parallel * 1000:7.1f} ms")
    print(f"ratio six/one: {ratio:7.3f}  (target <= 1.15)")
    print(
        f"cached rerun:  {cached * 1000:7.1f} ms, {cached_requests} requests (target 0)"
    )
    counts = ", ".join(f"{name} {count}" for name, count in per_provider.items())
    print(f"pytest -n 4, 144 live tests, requests per provider: {counts} (target 1)")
    one_each = all(count == 1 for count in per_provider.values())
    return 0 if ratio <= 1.15 and cached_requests == 0 and one_each else 1


if __name__ == "__main__":
    raise SystemExit(main())
