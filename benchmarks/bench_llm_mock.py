"""Time 200 tests that each get a simulated 401 or 429 through the openai SDK.

Three suites of the same 200 tests run in separate pytest processes, each
with one ``openai.OpenAI`` client built at import:

- ``llm_mock``: the tests call ``llm_mock.fail(...)``.
- ``respx``: plain respx routes, for openai lines that send through httpx.
- ``mock_transport``: the client gets an ``httpx2.MockTransport`` whose
  handler serves the answer a fixture set, for lines that send through httpx2.

Only the test loop is timed (collection and imports are not). The suites
run ``--repeat`` times each, alternating, and the minimum is reported. Every client has
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
import json, os, time
import pytest

@pytest.hookimpl(hookwrapper=True)
def pytest_runtestloop(session):
    start = time.perf_counter()
    yield
    elapsed = time.perf_counter() - start
    with open(os.environ["BENCH_OUT"], "w") as out:
        json.dump({"seconds": elapsed, "tests": session.testscollected}, out)
"""

COMMON = """
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

MOCK_TRANSPORT_SUITE = (
    COMMON
    + """
import httpx2

ANSWER = {}


def handler(request):
    status = ANSWER["status"]
    body = BODY_401 if status == 401 else BODY_429
    return httpx2.Response(status, json=body)


CLIENT = openai.OpenAI(
    api_key="sk-test",
    max_retries=0,
    http_client=httpx2.Client(transport=httpx2.MockTransport(handler)),
)


@pytest.mark.parametrize(("status", "scenario"), CASES)
def test_error(status, scenario):
    ANSWER["status"] = status
    assert call(CLIENT) == status
"""
)


def _openai_stack() -> str:
    """Return the HTTP library the installed openai line sends through."""
    import importlib

    base_client = importlib.import_module("openai._base_client")
    return "httpx2" if hasattr(base_client, "httpx2") else "httpx"


def _run_suite(name: str, source: str, tests: int) -> float:
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
        return float(result["seconds"])


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
    print(f"openai {openai.__version__} on {stack}; python {platform.python_version()}")
    print(f"{options.tests} tests per suite, best of {options.repeat} runs")
    # Alternate the suites so that a change in machine load hits both alike.
    times: dict[str, list[float]] = {name: [] for name, _ in suites}
    for _ in range(options.repeat):
        for name, source in suites:
            times[name].append(_run_suite(name, source, options.tests))
    results = {name: min(values) for name, values in times.items()}
    for name, best in results.items():
        per_test = best / options.tests * 1000
        print(f"  {name:16} {best:.3f} s  ({per_test:.2f} ms per test)")
    ratio = results["llm_mock"] / results[baseline[0]]
    print(f"  llm_mock / {baseline[0]} = {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
