"""requests, aiohttp and curl get each scenario's documented status and body."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
from typing import Any

import aiohttp
import pytest
import requests

from pytest_llmcreds.server import LLMFakeServer
from pytest_llmcreds.simulate import scenario_of
from tests.server.support import MESSAGES, expected_body, http_cases, request_of

CHAT_BODY: dict[str, Any] = {"model": "gpt-4o", "messages": MESSAGES}

CURL = shutil.which("curl")


@pytest.mark.parametrize(("provider", "scenario_id"), http_cases())
def test_requests_gets_scenario(
    llm_fake_server: LLMFakeServer, provider: str, scenario_id: str
) -> None:
    scenario = scenario_of(provider, scenario_id)
    llm_fake_server.fail(provider, scenario_id)
    method, path, body = request_of(provider)

    response = requests.request(
        method, llm_fake_server.base_url(provider) + path, json=body, timeout=5
    )

    assert response.status_code == scenario.status
    assert response.text == expected_body(provider, scenario, response.headers)
    for name, value in scenario.headers.items():
        if name.lower().startswith("retry-after"):
            continue
        assert response.headers[name] == value


@pytest.mark.parametrize(("provider", "scenario_id"), http_cases())
def test_aiohttp_gets_scenario(
    llm_fake_server: LLMFakeServer, provider: str, scenario_id: str
) -> None:
    scenario = scenario_of(provider, scenario_id)
    llm_fake_server.fail(provider, scenario_id)
    method, path, body = request_of(provider)
    url = llm_fake_server.base_url(provider) + path

    async def send() -> tuple[int, str, dict[str, str]]:
        async with (
            aiohttp.ClientSession() as session,
            session.request(method, url, json=body) as response,
        ):
            headers = {k.lower(): v for k, v in response.headers.items()}
            return response.status, await response.text(), headers

    status, text, headers = asyncio.run(send())

    assert status == scenario.status
    assert text == expected_body(provider, scenario, headers)


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
@pytest.mark.parametrize(("provider", "scenario_id"), http_cases())
def test_curl_gets_scenario(
    llm_fake_server: LLMFakeServer, provider: str, scenario_id: str
) -> None:
    assert CURL is not None
    scenario = scenario_of(provider, scenario_id)
    llm_fake_server.fail(provider, scenario_id)
    method, path, body = request_of(provider)
    url = llm_fake_server.base_url(provider) + path

    completed = subprocess.run(
        [
            *(CURL, "-sS", "-i", "-X", method),
            *("-H", "content-type: application/json", "--data", json.dumps(body)),
            *("--max-time", "5", url),
        ],
        capture_output=True,
        check=True,
    )

    # Bytes, because text mode would turn the CRLF line ends into LF.
    head, _, text = completed.stdout.decode().partition("\r\n\r\n")
    status_line, *header_lines = head.split("\r\n")
    headers = {
        name.strip().lower(): value.strip()
        for name, _, value in (line.partition(":") for line in header_lines)
    }
    assert status_line.split()[1] == str(scenario.status)
    assert text == expected_body(provider, scenario, headers)


def test_success_after_times(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("openai", "rate_limited", times=2)
    _, path, body = request_of("openai")
    url = llm_fake_server.base_url("openai") + path

    statuses = [requests.post(url, json=body, timeout=5).status_code for _ in "abc"]

    assert statuses == [429, 429, 200]
    assert requests.post(url, json=body, timeout=5).json()["choices"]


def test_model_filter(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("openai", "model_not_found", model="gpt-missing")
    url = llm_fake_server.base_url("openai") + "/chat/completions"

    missing = requests.post(url, json={"model": "gpt-missing"}, timeout=5)
    present = requests.post(url, json={"model": "gpt-4o"}, timeout=5)

    assert missing.status_code == 404
    assert present.status_code == 200


def test_unknown_path_lists_endpoints(llm_fake_server: LLMFakeServer) -> None:
    url = llm_fake_server.base_url("anthropic") + "/v1/nowhere"

    response = requests.get(url, timeout=5)

    assert response.status_code == 404
    message = response.json()["error"]["message"]
    assert "POST .../messages" in message


def test_requests_timeout_scenario(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("openai", "timeout")
    url = llm_fake_server.base_url("openai") + "/chat/completions"

    with pytest.raises(requests.ReadTimeout):
        requests.post(url, json={"model": "gpt-4o"}, timeout=0.3)


def test_requests_connection_error_scenario(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.fail("openai", "connection_error")
    url = llm_fake_server.base_url("openai") + "/chat/completions"

    with pytest.raises(requests.ConnectionError):
        requests.post(url, json={"model": "gpt-4o"}, timeout=5)


def test_records_fingerprints_only(llm_fake_server: LLMFakeServer) -> None:
    key = "sk-proj-" + "Tq8Wm3Zx6Cv9Bn2Lk5Jh1Gf4Ds7Ap0Ey"
    url = llm_fake_server.base_url("gemini")
    url += "/v1beta/models/gemini-2.0-flash:generateContent?key=" + key
    requests.post(url, json={}, headers={"authorization": f"Bearer {key}"}, timeout=5)

    (recorded,) = llm_fake_server.requests("gemini")

    assert key not in repr(recorded)
    assert recorded.credential is not None
    assert recorded.credential_header == "authorization"
    assert "key=" in recorded.query
    assert recorded.path.endswith(":generateContent")


def test_requests_in_arrival_order(llm_fake_server: LLMFakeServer) -> None:
    for provider in ("anthropic", "openai", "anthropic"):
        method, path, body = request_of(provider)
        url = llm_fake_server.base_url(provider) + path
        requests.request(method, url, json=body, timeout=5)

    mounts = [request.mount for request in llm_fake_server.requests()]

    assert mounts == ["anthropic", "openai", "anthropic"]
    assert len(llm_fake_server.requests("anthropic")) == 2


NODE = shutil.which("node")
NODE_APP = """
const url = process.env.ANTHROPIC_BASE_URL + "/v1/messages";
const response = await fetch(url, {
  method: "POST",
  headers: {
    "content-type": "application/json",
    "x-api-key": process.env.ANTHROPIC_API_KEY,
  },
  body: JSON.stringify({model: "claude-sonnet-4-5", max_tokens: 8, messages: []}),
});
console.log(JSON.stringify({status: response.status, body: await response.json()}));
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_node_fetch_reads_environ(llm_fake_server: LLMFakeServer) -> None:
    assert NODE is not None
    llm_fake_server.fail("anthropic", "overloaded")
    environ = {"PATH": "/usr/bin:/bin", **llm_fake_server.environ(fake_keys=True)}

    completed = subprocess.run(
        [NODE, "--input-type=module", "-e", NODE_APP],
        env=environ,
        capture_output=True,
        check=True,
        text=True,
        timeout=30,
    )
    seen = json.loads(completed.stdout)

    assert seen["status"] == 529
    assert seen["body"]["error"]["type"] == "overloaded_error"
    assert llm_fake_server.requests("anthropic")[0].credential_header == "x-api-key"


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
@pytest.mark.parametrize("chunked", [False, True], ids=["length", "chunked"])
def test_curl_large_request_body(llm_fake_server: LLMFakeServer, chunked: bool) -> None:
    # curl sends "Expect: 100-continue" for bodies over 1 KiB, and a chunked
    # body on request. The server must read both whole.
    assert CURL is not None
    llm_fake_server.fail("openai", "context_length_exceeded")
    content = "x" * 200_000
    body = json.dumps({"model": "gpt-4o", "messages": [{"content": content}]})
    headers = ["-H", "transfer-encoding: chunked"] if chunked else []
    url = llm_fake_server.base_url("openai") + "/chat/completions"

    completed = subprocess.run(
        [
            *(CURL, "-sS", "-o", "/dev/null", "-w", "%{http_code}"),
            *("-H", "content-type: application/json", *headers),
            *("--data-binary", "@-", url),
        ],
        input=body.encode(),
        capture_output=True,
        check=True,
    )
    (recorded,) = llm_fake_server.requests("openai")

    assert completed.stdout == b"400"
    assert json.loads(recorded.body)["messages"][0]["content"] == content


def test_internal_error_is_500(
    llm_fake_server: LLMFakeServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = llm_fake_server.server("openai")

    def broken(*arguments: object) -> None:
        raise RuntimeError("catalogue unavailable")

    monkeypatch.setattr(server.responder, "respond", broken)
    url = llm_fake_server.base_url("openai") + "/chat/completions"

    response = requests.post(url, json={}, timeout=5)

    assert response.status_code == 500
    message = response.json()["error"]["message"]
    assert message == "the fake provider failed: RuntimeError: catalogue unavailable"


def test_records_no_other_secrets(llm_fake_server: LLMFakeServer) -> None:
    secret = "Zq7Wm2Xc9Vb4Nn1Lk6Jh3Gf8Ds5Ap0"
    url = llm_fake_server.base_url("openai") + "/chat/completions"
    headers = {
        "authorization": f"Basic {secret}",
        "cookie": f"session={secret}",
        "proxy-authorization": f"Bearer {secret}",
    }
    requests.post(url, json={}, headers=headers, timeout=5)

    (recorded,) = llm_fake_server.requests("openai")

    assert secret not in repr(recorded)
    assert recorded.credential is None
    shown = {name.lower(): value for name, value in recorded.headers.items()}
    assert shown["authorization"] == "[redacted]"
    assert shown["cookie"] == "[redacted]"


GOOD_KEY = "sk-proj-" + "Hv3Km8Np2Qr6St9Uw1Xy4Za7Bc0De5Fg"


def test_accept_keys_rejects_others(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.accept_keys("openai", GOOD_KEY)
    llm_fake_server.fail("openai", "rate_limited", times=1)
    url = llm_fake_server.base_url("openai") + "/chat/completions"

    def send(key: str | None) -> requests.Response:
        headers = {"authorization": f"Bearer {key}"} if key else {}
        return requests.post(url, json=CHAT_BODY, headers=headers, timeout=5)

    missing = send(None)
    wrong = send("sk-proj-wrong")
    limited = send(GOOD_KEY)
    accepted = send(GOOD_KEY)

    assert missing.status_code == 401
    assert "You didn't provide an API key" in missing.json()["error"]["message"]
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"] == "invalid_api_key"
    assert limited.status_code == 429
    assert accepted.status_code == 200


def test_accept_keys_reads_query_key(llm_fake_server: LLMFakeServer) -> None:
    key = "AIza" + "Sy3Kq8Wm2Xn6Vb9Lc1Jh4Gf7Ds0Ap5Ez"
    llm_fake_server.accept_keys("gemini", key)
    _, path, body = request_of("gemini")
    url = llm_fake_server.base_url("gemini") + path

    good = requests.post(url + "?key=" + key, json=body, timeout=5)
    bad = requests.post(url + "?key=AIzaWrong", json=body, timeout=5)

    assert good.status_code == 200
    assert bad.status_code == 400
    assert bad.json()["error"]["status"] == "INVALID_ARGUMENT"


def test_accept_keys_errors(llm_fake_server: LLMFakeServer) -> None:
    with pytest.raises(ValueError, match="needs at least one key"):
        llm_fake_server.accept_keys("openai")
    with pytest.raises(ValueError, match="ollama has no invalid_api_key scenario"):
        llm_fake_server.accept_keys("ollama", "any")


def test_reset_forgets_accepted_keys(llm_fake_server: LLMFakeServer) -> None:
    llm_fake_server.accept_keys("anthropic", GOOD_KEY)
    _, path, body = request_of("anthropic")
    url = llm_fake_server.base_url("anthropic") + path

    llm_fake_server.reset()

    assert requests.post(url, json=body, timeout=5).status_code == 200
