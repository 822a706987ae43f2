"""Time the live preflight of six providers against one, and a rerun from the cache.

Six providers (openai, anthropic, gemini, mistral, groq, together) are
mounted on one fake provider on 127.0.0.1 that responds to every request after
``--delay`` seconds (300 ms by default). The script times ``verify_all``
for openai alone and for all six, ``--repeat`` times each, and reports the
medians and their ratio (target: at most 1.15, since the checks run in
parallel). It then reruns the six-provider check with a cache filled by the
first run and counts the requests that reach the server (target: none).

Usage: python benchmarks/bench_preflight_parallel.py [--delay 0.3] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
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
    return 0 if ratio <= 1.15 and cached_requests == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
