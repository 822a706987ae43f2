"""The live check against a real LiteLLM proxy, started on 127.0.0.1 for this module.

The proxy runs from its own virtual environment, because it pins openai,
httpx and pydantic versions of its own; ``LLMCREDS_LITELLM_BIN`` names its
``litellm`` executable. Without it these tests skip, unless
``LLMCREDS_REQUIRE_LITELLM=1`` (set in CI) makes a missing proxy a failure.
The proxy runs without a database, like ``litellm --config`` on a laptop:
it knows only its master key, and rejects every other key with
400 "No connected db.".
"""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import LiveSuite, provider_entry
from tests.live.support import run_live

MASTER_KEY = "sk-master-" + "Qm4Zt8Lw2Xp6Rv0Bn3Kd"
WRONG_KEY = "sk-wrong-" + "Hf1Jg5Sa9Ye3Uc7Io2Pq"
MODEL = "fake-gpt"
STARTUP_SECONDS = 120.0

CONFIG = f"""\
model_list:
  - model_name: {MODEL}
    litellm_params:
      model: openai/{MODEL}
      api_key: not-used
      mock_response: "pong"
general_settings:
  master_key: {MASTER_KEY}
"""


def litellm_executable() -> Path | None:
    value = os.environ.get("LLMCREDS_LITELLM_BIN", "")
    path = Path(value) if value else None
    if path is not None and path.is_file() and os.access(path, os.X_OK):
        return path
    reason = (
        "LLMCREDS_LITELLM_BIN does not name a litellm executable "
        f"({value or 'unset'}); install it with "
        "python3 -m venv VENV && VENV/bin/pip install 'litellm[proxy]'"
    )
    if os.environ.get("LLMCREDS_REQUIRE_LITELLM") == "1":
        pytest.fail(f"LLMCREDS_REQUIRE_LITELLM=1 but {reason}", pytrace=False)
    pytest.skip(reason)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def proxy_environment() -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.endswith(("_API_KEY", "_PROXY", "_proxy")) and "LITELLM" not in name
    }
    # The model cost map ships with the package; without this the proxy
    # fetches it from the internet at start-up.
    env["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
    # Anything the proxy tries to fetch goes to a closed loopback port.
    env["HTTPS_PROXY"] = env["HTTP_PROXY"] = "http://127.0.0.1:9"
    env["NO_PROXY"] = "127.0.0.1,localhost"
    return env


def wait_until_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                f"the LiteLLM proxy exited at start-up; see {log}", pytrace=False
            )
        try:
            if httpx.get(f"{url}/health/liveliness", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    pytest.fail(
        f"the LiteLLM proxy did not start in {STARTUP_SECONDS:g} s; see {log}",
        pytrace=False,
    )


@pytest.fixture(scope="module")
def litellm_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a LiteLLM proxy with a master key and one mocked model."""
    executable = litellm_executable()
    assert executable is not None
    directory = tmp_path_factory.mktemp("litellm")
    config = directory / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    log = directory / "proxy.log"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                str(executable),
                "--config",
                str(config),
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
            env=proxy_environment(),
            cwd=directory,
        )
        try:
            wait_until_ready(url, process, log)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def test_master_key_passes(litellm_url: str) -> None:
    run = run_live(
        "litellm",
        {"LITELLM_PROXY_API_KEY": MASTER_KEY},
        base_url=litellm_url,
        models=(MODEL,),
    )

    assert run.causes == []
    assert run.outcome.models == {MODEL: "available"}


def test_master_key_probe_costs_nothing(litellm_url: str) -> None:
    run = run_live(
        "litellm",
        {"LITELLM_PROXY_API_KEY": MASTER_KEY},
        base_url=litellm_url,
        models=(MODEL,),
        probe=True,
    )

    assert run.causes == []
    assert run.outcome.models == {MODEL: "available"}


def test_wrong_key_invalid(litellm_url: str) -> None:
    run = run_live(
        "litellm",
        {"LITELLM_PROXY_API_KEY": WRONG_KEY},
        base_url=litellm_url,
        models=(MODEL,),
    )

    assert run.causes == ["key_invalid"]
    finding = run.outcome.findings[0]
    assert "400" in finding.message
    assert "master key" in finding.fix
    assert WRONG_KEY not in run.text()


def test_missing_key_sends_nothing(litellm_url: str) -> None:
    run = run_live("litellm", {}, base_url=litellm_url, models=(MODEL,))

    assert "key_missing" in run.all_causes
    assert run.outcome.requests_sent == 0


def test_unknown_model_not_found(litellm_url: str) -> None:
    run = run_live(
        "litellm",
        {"LITELLM_PROXY_API_KEY": MASTER_KEY},
        base_url=litellm_url,
        models=("fake-gtp",),
    )

    assert run.causes == ["model_not_found"]
    assert MODEL in run.outcome.findings[0].message


def test_unknown_model_probe_not_found(litellm_url: str) -> None:
    run = run_live(
        "litellm",
        {"LITELLM_PROXY_API_KEY": MASTER_KEY},
        base_url=litellm_url,
        models=("fake-gtp", MODEL),
        probe=True,
    )

    assert run.causes == ["model_not_found"]
    assert run.outcome.models == {"fake-gtp": "not_found", MODEL: "available"}


def test_plugin_against_proxy(live_suite: LiveSuite, litellm_url: str) -> None:
    result, report = live_suite.run(
        "litellm",
        env={"LITELLM_PROXY_API_KEY": WRONG_KEY},
        options=("--llm-preflight", f"--llm-base-url=litellm={litellm_url}"),
    )

    result.assert_outcomes(passed=1, skipped=1)
    assert provider_entry(report, "litellm")["causes"] == ["key_invalid"]
