"""``llmcreds serve`` as a process: curl gets the scenarios, SIGTERM stops it."""

from __future__ import annotations

import io
import json
import queue
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from pytest_llmcreds.cli import build_parser, main
from pytest_llmcreds.server import LLMFakeServer
from pytest_llmcreds.server._serve import serve

CURL = shutil.which("curl")
READY_LINE = "# llmcreds serve: serving until SIGINT (Ctrl-C) or SIGTERM"
SERVE = [sys.executable, "-m", "pytest_llmcreds.cli", "serve"]


class Served:
    """A running ``llmcreds serve`` process and what it printed before serving."""

    def __init__(self, process: subprocess.Popen[str], lines: list[str]) -> None:
        self.process = process
        self.lines = lines

    @property
    def exports(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for line in self.lines:
            if line.startswith("export "):
                name, _, value = line.removeprefix("export ").partition("=")
                found[name] = value
        return found

    def stop(self, signum: int) -> tuple[int, str, str]:
        self.process.send_signal(signum)
        out, err = self.process.communicate(timeout=10)
        return self.process.returncode, out, err


def _read_until_ready(process: subprocess.Popen[str], seconds: float) -> list[str]:
    """Return the lines printed up to the ready line, read by a helper thread.

    A thread, because select() on a buffered text pipe misses lines that
    the buffer already holds.
    """
    assert process.stdout is not None
    stdout = process.stdout
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in iter(stdout.readline, ""):
            lines.put(line.rstrip("\n"))
            if line.rstrip("\n") == READY_LINE:
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(seconds)
    printed = list(lines.queue)
    if not printed or printed[-1] != READY_LINE:
        raise AssertionError(f"llmcreds serve printed no ready line: {printed}")
    return printed


@pytest.fixture
def start_serve() -> Iterator[object]:
    started: list[subprocess.Popen[str]] = []

    def start(*arguments: str) -> Served:
        process = subprocess.Popen(
            [*SERVE, *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        started.append(process)
        return Served(process, _read_until_ready(process, 10))

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.communicate()


def _curl(url: str, body: str = '{"model": "gpt-4o"}') -> tuple[int, str]:
    assert CURL is not None
    completed = subprocess.run(
        [
            *(CURL, "-sS", "--max-time", "5", "-o", "-", "-w", "\n%{http_code}"),
            *("-H", "content-type: application/json", "--data", body, url),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    text, _, status = completed.stdout.rpartition("\n")
    return int(status), text


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
def test_curl_then_sigterm(start_serve: object) -> None:
    served = start_serve(  # type: ignore[operator]
        "--provider", "openai", "--scenario", "rate_limited", "--times", "1",
        "--provider", "anthropic", "--scenario", "overloaded",
    )  # fmt: skip
    openai_url = served.exports["OPENAI_BASE_URL"] + "/chat/completions"
    anthropic_url = served.exports["ANTHROPIC_BASE_URL"] + "/v1/messages"

    first, body = _curl(openai_url)
    second, _ = _curl(openai_url)
    overloaded, _ = _curl(anthropic_url)
    code, out, err = served.stop(signal.SIGTERM)

    assert first == 429
    assert json.loads(body)["error"]["code"] == "rate_limit_exceeded"
    assert second == 200
    assert overloaded == 529
    assert code == 0
    assert out.strip().endswith("# llmcreds serve: stopped")
    assert "openai POST /v1/chat/completions -> 429" in err


def test_sigint_exits_zero(start_serve: object) -> None:
    served = start_serve("--provider", "gemini")  # type: ignore[operator]

    code, _, err = served.stop(signal.SIGINT)

    assert code == 0
    assert "Traceback" not in err


def test_prints_base_urls_and_exports(start_serve: object) -> None:
    served = start_serve(  # type: ignore[operator]
        "--provider", "openai", "--provider", "mistral", "--quiet"
    )
    exports = served.exports

    assert exports["OPENAI_BASE_URL"].startswith("http://127.0.0.1:")
    assert exports["OPENAI_BASE_URL"].endswith("/v1")
    assert served.lines[0].startswith("# openai: http://127.0.0.1:")
    assert served.lines[1].startswith("# mistral: http://127.0.0.1:")
    assert any(
        "mistral: the SDK reads no base URL variable" in line for line in served.lines
    )
    code, _, err = served.stop(signal.SIGTERM)
    assert code == 0
    assert err == ""


def test_output_is_shell(start_serve: object, tmp_path: Path) -> None:
    served = start_serve("--provider", "openai", "--quiet")  # type: ignore[operator]
    script = tmp_path / "fake.env"
    script.write_text("\n".join(served.lines) + "\n", encoding="utf-8")

    echoed = subprocess.run(
        ["sh", "-c", f'. "{script}" && printf %s "$OPENAI_BASE_URL"'],
        capture_output=True,
        text=True,
        check=True,
    )

    assert echoed.stdout == served.exports["OPENAI_BASE_URL"]
    served.stop(signal.SIGTERM)


def _run(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SERVE, *arguments], capture_output=True, text=True, timeout=30
    )


def test_rejects_non_loopback_host() -> None:
    completed = _run("--provider", "openai", "--host", "0.0.0.0")

    assert completed.returncode == 2
    assert "--host '0.0.0.0' is not a loopback address" in completed.stderr
    assert "or add --allow-non-loopback" in completed.stderr


def test_unknown_scenario_lists_valid() -> None:
    completed = _run("--provider", "openai", "--scenario", "rate_limit")

    assert completed.returncode == 2
    assert "unknown scenario 'rate_limit' for openai" in completed.stderr
    assert "rate_limited" in completed.stderr


def test_unknown_provider_lists_valid() -> None:
    completed = _run("--provider", "opnai")

    assert completed.returncode == 2
    assert "unknown provider 'opnai'" in completed.stderr
    assert "openai, azure_openai, anthropic" in completed.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("--scenario", "rate_limited"), "needs a --provider before it"),
        (
            ("--provider", "openai", "--times", "2"),
            "needs a --scenario or --fault before it",
        ),
        (
            ("--provider", "openai", "--scenario", "rate_limited", "--times", "0"),
            "--times 0 is invalid; use a whole number above 0",
        ),
        (
            ("--provider", "openai", "--fault", "slow"),
            "unknown fault 'slow'; use one of: latency, drip, disconnect",
        ),
        (("--provider", "openai", "--fault", "latency"), "needs a value"),
        (("--provider", "openai", "--fault", "reset=2"), "takes no value"),
        (
            ("--provider", "openai", "--fault", "html=bad"),
            "'bad' is not a valid status (int)",
        ),
        ((), "the following arguments are required: --provider"),
    ],
)
def test_invalid_command_lines(
    arguments: tuple[str, ...], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", *arguments])

    assert exited.value.code == 2
    assert message in capsys.readouterr().err


def test_port_in_use_exits_one() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        completed = _run("--provider", "openai", "--port", str(port))

    assert completed.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in completed.stderr
    assert "choose another --port" in completed.stderr


def test_pairs_in_command_line_order() -> None:
    args = build_parser().parse_args(
        [
            *("serve", "--provider", "openai", "--scenario", "rate_limited"),
            *("--times", "2", "--scenario", "server_error"),
            *("--provider", "anthropic", "--scenario", "overloaded"),
        ]
    )

    plans = [
        (plan.provider, [(s.scenario, s.times) for s in plan.scenarios])
        for plan in args.plans
    ]

    assert plans == [
        ("openai", [("rate_limited", 2), ("server_error", None)]),
        ("anthropic", [("overloaded", None)]),
    ]


def test_serve_in_process_stops_on_event() -> None:
    args = build_parser().parse_args(
        ["serve", "--provider", "openai", "--scenario", "server_error", "-q"]
    )
    out = io.StringIO()
    stop = threading.Event()
    servers: list[LLMFakeServer] = []

    def ready(server: LLMFakeServer) -> None:
        servers.append(server)
        stop.set()

    code = serve(args, out, ready=ready, stop=stop)

    assert code == 0
    assert "(server_error every time, then success)" in out.getvalue()
    assert out.getvalue().endswith("# llmcreds serve: stopped\n")
    with pytest.raises(RuntimeError, match="stopped"):
        servers[0].succeed("openai")


def test_faults_in_command_line_order() -> None:
    args = build_parser().parse_args(
        [
            *("serve", "--provider", "openai", "--fault", "latency=1.5"),
            *("--times", "1", "--fault", "disconnect", "--scenario", "timeout"),
        ]
    )

    (plan,) = args.plans
    faults = [(fault.kind, fault.value, fault.times) for fault in plan.faults]

    assert faults == [("latency", 1.5, 1), ("disconnect", None, None)]
    assert [(s.scenario, s.times) for s in plan.scenarios] == [("timeout", None)]


def test_fault_value_checked_at_start() -> None:
    completed = _run("--provider", "openai", "--fault", "latency=0")

    assert completed.returncode == 2
    assert "--fault latency=0: seconds=0.0 must be greater than 0" in (completed.stderr)


def test_serve_applies_faults() -> None:
    args = build_parser().parse_args(
        [
            *("serve", "--provider", "openai", "-q"),
            *("--fault", "html=502", "--times", "1", "--fault", "malformed_json"),
        ]
    )
    stop = threading.Event()
    seen: list[tuple[int, str]] = []

    def ready(server: LLMFakeServer) -> None:
        url = server.base_url("openai") + "/chat/completions"
        try:
            for _ in range(2):
                response = requests.post(url, json={"model": "gpt-4o"}, timeout=5)
                seen.append((response.status_code, response.text[:15]))
        finally:
            stop.set()

    out = io.StringIO()
    code = serve(args, out, ready=ready, stop=stop)

    assert code == 0
    assert seen[0] == (502, "<!DOCTYPE html>")
    assert seen[1] == (200, '{"object": "lis')
    assert "fault html=502 x1; fault malformed_json every time" in out.getvalue()


def test_serve_tls_exports_bundle() -> None:
    args = build_parser().parse_args(["serve", "--provider", "openai", "--tls", "-q"])
    stop = threading.Event()
    statuses: list[int] = []

    def ready(server: LLMFakeServer) -> None:
        try:
            bundle = server.environ()["REQUESTS_CA_BUNDLE"]
            url = server.base_url("openai") + "/chat/completions"
            statuses.append(requests.post(url, json={}, verify=bundle).status_code)
        finally:
            stop.set()

    out = io.StringIO()
    code = serve(args, out, ready=ready, stop=stop)

    assert code == 0
    assert statuses == [200]
    assert "export SSL_CERT_FILE=" in out.getvalue()
    assert "export OPENAI_BASE_URL=https://127.0.0.1:" in out.getvalue()


def _two_free_ports() -> int:
    """Return a port that is free, and whose next port is free too, just now."""
    for _ in range(20):
        with socket.socket() as probe, socket.socket() as neighbour:
            probe.bind(("127.0.0.1", 0))
            first = int(probe.getsockname()[1])
            if first >= 65535:
                continue
            try:
                neighbour.bind(("127.0.0.1", first + 1))
            except OSError:
                continue
            return first
    pytest.skip("found no two free consecutive ports")


def test_fixed_port_counts_up(start_serve: object) -> None:
    first = _two_free_ports()
    served = start_serve(  # type: ignore[operator]
        "--provider", "anthropic", "--provider", "gemini",
        "--port", str(first), "--quiet",
    )  # fmt: skip

    exports = served.exports
    code, _, _ = served.stop(signal.SIGTERM)

    assert exports["ANTHROPIC_BASE_URL"] == f"http://127.0.0.1:{first}"
    assert exports["GOOGLE_GEMINI_BASE_URL"] == f"http://127.0.0.1:{first + 1}"
    assert code == 0


def test_serve_accepts_only_given_key() -> None:
    key = "sk-ant-" + "api03-Qw8Er2Ty6Ui0Op4As7Df1Gh5Jk9"
    args = build_parser().parse_args(
        ["serve", "--provider", "anthropic", "--accept-key", key, "-q"]
    )
    stop = threading.Event()
    statuses: list[int] = []

    def ready(server: LLMFakeServer) -> None:
        url = server.base_url("anthropic") + "/v1/messages"
        try:
            for sent in (key, "sk-ant-other"):
                headers = {"x-api-key": sent}
                response = requests.post(url, json={}, headers=headers, timeout=5)
                statuses.append(response.status_code)
        finally:
            stop.set()

    out = io.StringIO()
    code = serve(args, out, ready=ready, stop=stop)

    assert code == 0
    assert statuses == [200, 401]
    assert key not in out.getvalue()
    assert "1 accepted key(s), others rejected" in out.getvalue()
