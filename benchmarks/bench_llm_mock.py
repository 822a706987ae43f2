"""Time 200 tests that each get a simulated 401 or 429 through the openai SDK.

Suites of the same 200 tests run in separate pytest processes, each
with one ``openai.OpenAI`` client built at import:

- ``llm_mock``: the tests call ``llm_mock.fail(...)``.
- ``respx``: plain respx routes, for openai lines that send through httpx.
- ``mock_transport``: the client gets an ``httpx2.MockTransport`` whose
  handler returns the status the test set, for lines that send through
  httpx2; on httpx2 the same suite also runs with a fixture per test.
- ``httpcore2 pool stub`` (httpx2 only): the pool's ``handle_request``
  returns a fixed response, the lower bound for interception at the pool.

Only the test loop is timed (collection and module imports are not, so each
suite imports its mocking library at module level); the one-time import of
``pytest_llmcreds.simulate`` is printed separately. The suites
run ``--repeat`` times each, alternating. The best loop time is reported,
and the best median of one test (setup, call and teardown), which leaves out
one-time costs such as the first request's route compilation. Every client has
``max_retries=0`` so each test sends exactly one request.

Usage: python benchmarks/bench_llm_mock.py [--tests 200] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

TIMER_CONFTEST = """
import json, os, statistics, time
import pytest

DURATIONS = []

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    start = time.perf_counter()
    yield
    DURATIONS.append(time.perf_counter() - start)

@pytest.hookimpl(hookwrapper=True)
def pytest_runtestloop(session):
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    result = {"seconds": elapsed, "median": statistics.median(DURATIONS)}
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump(result, out)
"""

COMMON = """
import json

import openai
import pytest

BODY_401 = {"error": {"message": "Incorrect API key provided: sk-proj-****XXXX.",
            "type": "invalid_request_error", "param": None, "code": "invalid_api_key"}}
BODY_429 = {"error": {"message": "Rate limit reached for gpt-4o.", "type": "tokens",
            "param": None, "code": "rate_limit_exceeded"}}
MESSAGES = [{"role": "user", "content": "hi"}]
CASES = [
    (401, "invalid_api_key") if i % 2 else (429, "rate_limited")
    for i in range({n})
]


def call(client):
    try:
        client.chat.completions.create(model="gpt-4o", messages=MESSAGES)
    except openai.APIStatusError as error:
        return error.status_code
    return 200
"""

LLM_MOCK_SUITE = (
    COMMON
    + """
# Imported here, as the other suites import respx or httpx2, so that the
# one-time import (reported separately) falls outside the timed loop.
import pytest_llmcreds.simulate

CLIENT = openai.OpenAI(api_key="sk-test", max_retries=0)


@pytest.mark.parametrize(("status", "scenario"), CASES)
def test_error(llm_mock, status, scenario):
    llm_mock.fail("openai", scenario)
    assert call(CLIENT) == status
"""
)

RESPX_SUITE = (
    COMMON
    + """
import respx

CLIENT = openai.OpenAI(api_key="sk-test", max_retries=0)


@pytest.mark.parametrize(("status", "scenario"), CASES)
def test_error(status, scenario):
    body = BODY_401 if status == 401 else BODY_429
    with respx.mock:
        respx.post("https://api.openai.com/v1/chat/completions").respond(
            status, json=body
        )
        assert call(CLIENT) == status
"""
)

MOCK_TRANSPORT_CLIENT = """
import httpx2

STATUS = {}


def handler(request):
    status = STATUS["value"]
    body = BODY_401 if status == 401 else BODY_429
    return httpx2.Response(status, json=body)


CLIENT = openai.OpenAI(
    api_key="sk-test",
    max_retries=0,
    http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
)
"""

MOCK_TRANSPORT_SUITE = (
    COMMON
    + MOCK_TRANSPORT_CLIENT
    + """

@pytest.mark.parametrize(("status", "scenario"), CASES)
def test_error(status, scenario):
    STATUS["value"] = status
    assert call(CLIENT) == status
"""
)

# The MockTransport suite with a function-scoped generator fixture per test,
# as llm_mock is one: it separates pytest's fixture cost from the
# interception.
MOCK_TRANSPORT_FIXTURE_SUITE = (
    COMMON
    + MOCK_TRANSPORT_CLIENT
    + """

@pytest.fixture
def status_holder():
    yield STATUS


@pytest.mark.parametrize(("status", "scenario"), CASES)
def test_error(status_holder, status, scenario):
    status_holder["value"] = status
    assert call(CLIENT) == status
"""
)


# The lower bound of any interception at the httpcore2 pool: the pool's
# handle_request replaced by a stub that returns a fixed response, with no
# routing or conversion. The client keeps httpx2's default HTTPTransport.
POOL_STUB_SUITE = (
    COMMON
    + """
import httpcore2

CLIENT = openai.OpenAI(api_key="sk-test", max_retries=0)
STATUS = {}


def stub(self, request):
    status = STATUS["value"]
    body = json.dumps(BODY_401 if status == 401 else BODY_429).encode()
    headers = [(b"content-type", b"application/json")]
    return httpcore2.Response(status, headers=headers, content=body)


httpcore2.ConnectionPool.handle_request = stub


@pytest.mark.parametrize(("status", "scenario"), CASES)
def test_error(status, scenario):
    STATUS["value"] = status
    assert call(CLIENT) == status
"""
)


def _openai_stack() -> str:
    """Return the HTTP library the installed openai line sends through."""
    import importlib

    base_client = importlib.import_module("openai._base_client")
    return "httpx2" if hasattr(base_client, "httpx2") else "httpx"


def _import_cost() -> float:
    """Return the milliseconds that importing the simulate package takes."""
    code = (
        "import time, openai; start = time.perf_counter(); "
        "import pytest_llmcreds.simulate; "
        "print((time.perf_counter() - start) * 1000)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return float(output)


def _run_suite(name: str, source: str, tests: int) -> tuple[float, float]:
    """Return the loop's seconds and the median seconds of one test."""
    with tempfile.TemporaryDirectory(prefix=f"bench-{name}-") as folder:
        root = Path(folder)
        (root / "conftest.py").write_text(TIMER_CONFTEST)
        (root / "test_bench.py").write_text(source.replace("{n}", str(tests)))
        (root / "pytest.ini").write_text("[pytest]\n")
        out = root / "result.json"
        command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
        completed = subprocess.run(
            [*command, str(root)],
            cwd=root,
            env={"BENCH_OUT": str(out), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            raise SystemExit(f"{name} suite failed:\n{completed.stdout[-3000:]}")
        result = json.loads(out.read_text())
        return float(result["seconds"]), float(result["median"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=200, help="tests per suite")
    parser.add_argument("--repeat", type=int, default=5, help="runs per suite")
    options = parser.parse_args()

    import openai

    stack = _openai_stack()
    baseline = (
        ("respx", RESPX_SUITE)
        if stack == "httpx"
        else (
            "mock_transport",
            MOCK_TRANSPORT_SUITE,
        )
    )
    suites = [("llm_mock", LLM_MOCK_SUITE), baseline]
    if stack == "httpx2":
        suites.append(("mock_transport + fixture", MOCK_TRANSPORT_FIXTURE_SUITE))
        suites.append(("httpcore2 pool stub", POOL_STUB_SUITE))
    print(f"openai {openai.__version__} on {stack}; python {platform.python_version()}")
    print(f"{options.tests} tests per suite, best of {options.repeat} runs")
    # Alternate the suites so that a change in machine load hits both alike.
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in suites}
    for _ in range(options.repeat):
        for name, source in suites:
            runs[name].append(_run_suite(name, source, options.tests))
    results = {name: min(loop for loop, _ in values) for name, values in runs.items()}
    medians = {
        name: min(median for _, median in values) for name, values in runs.items()
    }
    print(f"  {'suite':26} {'loop':>8}  {'per test':>9}  {'median test':>11}")
    for name, best in results.items():
        per_test = best / options.tests * 1000
        median = medians[name] * 1000
        print(f"  {name:26} {best:7.3f}s  {per_test:6.2f} ms  {median:8.2f} ms")
    print(f"  one-time import of pytest_llmcreds.simulate: {_import_cost():.0f} ms")
    ratio = results["llm_mock"] / results[baseline[0]]
    median_ratio = medians["llm_mock"] / medians[baseline[0]]
    print(f"  llm_mock / {baseline[0]}: loop {ratio:.2f}, median {median_ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
