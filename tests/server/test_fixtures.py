"""The llm_fake_server fixtures as users see them, run through pytester."""

from __future__ import annotations

import pytest

from tests.server.support import thread_names

USE_FIXTURE = """
import requests

def test_invalid_key(llm_fake_server):
    llm_fake_server.fail("openai", "invalid_api_key")
    url = llm_fake_server.base_url("openai") + "/chat/completions"
    response = requests.post(url, json={"model": "gpt-4o"}, timeout=5)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_api_key"
"""

SESSION_RESET = """
import requests

PORTS = []

def _post(server):
    PORTS.append(server.port("openai"))
    url = server.base_url("openai") + "/chat/completions"
    return requests.post(url, json={"model": "gpt-4o"}, timeout=5)

def test_plans_failure(llm_fake_server_session):
    llm_fake_server_session.fail("openai", "rate_limited")
    assert _post(llm_fake_server_session).status_code == 429

def test_sees_success(llm_fake_server_session):
    assert _post(llm_fake_server_session).status_code == 200
    assert len(llm_fake_server_session.requests()) == 1
    assert len(set(PORTS)) == 1
"""

SESSION_KEEP = """
import requests

def _status(server):
    url = server.base_url("openai") + "/chat/completions"
    return requests.post(url, json={"model": "gpt-4o"}, timeout=5).status_code

def test_plans_failure(llm_fake_server_session):
    llm_fake_server_session.reset_between_tests = False
    llm_fake_server_session.fail("openai", "rate_limited")
    assert _status(llm_fake_server_session) == 429

def test_still_failing(llm_fake_server_session):
    assert _status(llm_fake_server_session) == 429
"""

STOPS_AFTER_FAILURE = """
import socket

PORTS = []

def test_fails(llm_fake_server):
    PORTS.append(llm_fake_server.port("anthropic"))
    assert False, "the test failed"

def test_port_closed():
    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", PORTS[0])) != 0
"""

SUBPROCESS_APP = """
import json
import os
import subprocess
import sys

APP = '''
import json, os, urllib.error, urllib.request
url = os.environ["OPENAI_BASE_URL"] + "/chat/completions"
request = urllib.request.Request(url, data=b"{}", method="POST")
request.add_header("authorization", "Bearer " + os.environ["OPENAI_API_KEY"])
try:
    urllib.request.urlopen(request, timeout=5)
except urllib.error.HTTPError as error:
    print(json.dumps({"status": error.code, "body": json.loads(error.read())}))
'''

def test_app_sees_quota_error(llm_fake_server):
    llm_fake_server.fail("openai", "insufficient_quota")
    env = {**os.environ, **llm_fake_server.environ(fake_keys=True)}
    completed = subprocess.run(
        [sys.executable, "-c", APP], env=env, capture_output=True, text=True,
        check=True,
    )
    seen = json.loads(completed.stdout)
    assert seen["status"] == 429
    assert seen["body"]["error"]["code"] == "insufficient_quota"
    (request,) = llm_fake_server.requests("openai")
    assert request.credential is not None
    assert "llmcreds-fake-key" not in repr(request)
"""

PARALLEL = """
import pytest
import requests

@pytest.mark.parametrize("index", range(8))
def test_parallel(llm_fake_server, index):
    llm_fake_server.fail("anthropic", "overloaded", times=1)
    url = llm_fake_server.base_url("anthropic") + "/v1/messages"
    body = {"model": "claude", "max_tokens": 8, "messages": []}
    assert requests.post(url, json=body, timeout=5).status_code == 529
    assert requests.post(url, json=body, timeout=5).status_code == 200
"""


def test_fixture_serves_scenario(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(USE_FIXTURE)

    result = pytester.runpytest("-p", "no:cacheprovider", "--strict-markers")

    result.assert_outcomes(passed=1)


def test_session_resets_between_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SESSION_RESET)
    threads = thread_names()

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=2)
    # The session's servers stop when the in-process session ends.
    assert thread_names() == threads


def test_session_keeps_plans_on_request(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SESSION_KEEP)

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=2)


def test_server_stops_after_failed_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(STOPS_AFTER_FAILURE)
    threads = thread_names()

    result = pytester.runpytest("-p", "no:cacheprovider", "-p", "no:randomly")

    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*AssertionError: the test failed*"])
    assert thread_names() == threads


def test_subprocess_reads_environ(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(SUBPROCESS_APP)

    result = pytester.runpytest("-p", "no:cacheprovider")

    result.assert_outcomes(passed=1)


def test_parallel_workers_do_not_collide(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(PARALLEL)

    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-n", "2")

    result.assert_outcomes(passed=8)


def test_fixtures_have_docstrings(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--fixtures", "-p", "no:cacheprovider")

    result.stdout.fnmatch_lines(
        [
            "llm_fake_server -- *",
            "*Serve simulated LLM providers over real HTTP on 127.0.0.1*",
            "llm_fake_server_session [[]session scope[]] -- *",
            "*The ``llm_fake_server`` API on servers shared by the whole session.",
        ]
    )
