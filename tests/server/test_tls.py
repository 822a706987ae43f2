"""HTTPS: every client trusts the servers through the CA bundle in environ()."""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
import requests

from pytest_llmcreds.server import LLMFakeServer

CURL = shutil.which("curl")
OPENAI_APP = """
import openai
try:
    openai.OpenAI(max_retries=0).chat.completions.create(model="gpt-4o", messages=[])
except openai.AuthenticationError as error:
    print(error.status_code)
"""


@pytest.fixture
def tls_server() -> Iterator[LLMFakeServer]:
    with LLMFakeServer(tls=True) as server:
        yield server


def test_tls_base_urls(tls_server: LLMFakeServer) -> None:
    tls_server.succeed("anthropic")

    assert tls_server.base_url("openai").startswith("https://127.0.0.1:")
    assert tls_server.base_url("anthropic").startswith("https://127.0.0.1:")


def test_bundle_covers_every_provider(tls_server: LLMFakeServer) -> None:
    tls_server.fail("openai", "invalid_api_key")
    tls_server.fail("anthropic", "overloaded")
    bundle = str(tls_server.ca_bundle)

    context = ssl.create_default_context(cafile=bundle)
    openai_status = httpx.post(
        tls_server.base_url("openai") + "/chat/completions", json={}, verify=context
    ).status_code
    anthropic_status = requests.post(
        tls_server.base_url("anthropic") + "/v1/messages", json={}, verify=bundle
    ).status_code

    assert openai_status == 401
    assert anthropic_status == 529


def test_untrusted_client_fails(tls_server: LLMFakeServer) -> None:
    url = tls_server.base_url("openai") + "/chat/completions"

    with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        httpx.post(url, json={})


def test_environ_names_bundle(tls_server: LLMFakeServer) -> None:
    tls_server.succeed("openai")
    environ = tls_server.environ()

    for name in ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
        assert environ[name] == str(tls_server.ca_bundle)
    assert environ["NODE_EXTRA_CA_CERTS"] == str(tls_server.ca_bundle)


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
def test_curl_trusts_environ(tls_server: LLMFakeServer) -> None:
    assert CURL is not None
    tls_server.fail("openai", "rate_limited")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), **tls_server.environ()}

    completed = subprocess.run(
        [CURL, "-sS", "-d", "{}", tls_server.base_url("openai") + "/chat/completions"],
        env=env,
        capture_output=True,
        check=True,
        text=True,
    )

    assert json.loads(completed.stdout)["error"]["code"] == "rate_limit_exceeded"


def test_openai_sdk_subprocess(tls_server: LLMFakeServer) -> None:
    pytest.importorskip("openai")
    tls_server.fail("openai", "invalid_api_key")
    env = {**os.environ, **tls_server.environ(fake_keys=True)}

    completed = subprocess.run(
        [sys.executable, "-c", OPENAI_APP],
        env=env,
        capture_output=True,
        check=True,
        text=True,
        timeout=60,
    )

    assert completed.stdout.strip() == "401"


def test_bundle_removed_on_stop() -> None:
    with LLMFakeServer(tls=True) as server:
        server.succeed("openai")
        bundle = server.ca_bundle
        assert bundle is not None
        assert bundle.exists()

    assert not bundle.exists()
