"""The fake provider itself: start time, clean stop, shapes, records, environ."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time

import httpx
import pytest

from pytest_llmcreds.server import FakeProvider, Reply, Route

KEY = "sk-proj-" + "Fp3Lk6Jh9Gf2Ds5Aq8Wz1Xc4Vb7Nm0Qe"


def port_is_closed(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_starts_fast_and_stops_clean() -> None:
    threads_before = set(threading.enumerate())
    started = time.monotonic()
    server = FakeProvider().start()
    startup = time.monotonic() - started
    port = server.port
    server.mount("openai", keys=(KEY,), models=("gpt-4o",))
    httpx.get(
        server.base_url("openai") + "/models",
        headers={"authorization": f"Bearer {KEY}"},
    )

    server.stop()

    assert startup < 0.5
    assert port_is_closed(port)
    assert set(threading.enumerate()) <= threads_before


def test_stops_while_a_request_hangs() -> None:
    with FakeProvider() as server:
        server.mount("openai", routes=(Route("/", Reply.hang()),))
        client = httpx.Client(timeout=5.0)
        failure: list[BaseException] = []

        def request() -> None:
            try:
                client.get(server.base_url("openai") + "/models")
            except httpx.HTTPError as error:
                failure.append(error)

        thread = threading.Thread(target=request)
        thread.start()
        time.sleep(0.2)
    started = time.monotonic()
    thread.join(timeout=5)
    client.close()

    assert not thread.is_alive()
    assert time.monotonic() - started < 1.0
    assert failure


def fail_inside(server: FakeProvider) -> None:
    with server:
        raise RuntimeError("the test failed")


def test_stops_after_a_failure_in_the_block() -> None:
    server = FakeProvider().start()
    port = server.port

    with pytest.raises(RuntimeError):
        fail_inside(server)

    assert port_is_closed(port)


def test_servers_get_distinct_ports() -> None:
    with FakeProvider() as first, FakeProvider() as second:
        assert first.port != second.port


@pytest.mark.parametrize(
    ("shape", "path", "field"),
    [
        ("openai", "/v1/models", "data"),
        ("anthropic", "/v1/models", "data"),
        ("gemini", "/v1beta/models", "models"),
        ("ollama", "/api/tags", "models"),
    ],
)
def test_model_list_shapes(shape: str, path: str, field: str) -> None:
    with FakeProvider() as server:
        server.mount("p", models=("m1", "m2"), shape=shape)

        body = httpx.get(server.base_url("p") + path).json()

    assert len(body[field]) == 2


def test_records_fingerprints_not_keys() -> None:
    with FakeProvider() as server:
        server.mount("openai", keys=(KEY,), models=("gpt-4o",))
        httpx.get(
            server.base_url("openai") + "/models?x=1",
            headers={"authorization": f"Bearer {KEY}"},
        )

        request = server.requests[0]

    assert request.accepted
    assert request.query == "x=1"
    assert request.credential_header == "authorization"
    assert KEY not in repr(request)
    assert request.headers["authorization"] == request.credential


def test_route_requires_key() -> None:
    teapot = Route("/models", Reply(status=418, body="teapot"), requires_key=True)
    with FakeProvider() as server:
        server.mount("openai", keys=(KEY,), routes=(teapot,))
        base = server.base_url("openai")

        wrong = httpx.get(base + "/models", headers={"authorization": "Bearer no"})
        right = httpx.get(base + "/models", headers={"authorization": f"Bearer {KEY}"})

    assert wrong.status_code == 401
    assert right.status_code == 418


def test_environ_points_a_subprocess_here() -> None:
    with FakeProvider(tls=True) as server:
        server.mount("openai", keys=(KEY,), models=("gpt-4o",), base_path="/v1")
        env = {**os.environ, **server.environ(), "KEY": KEY}
        script = (
            "import os, httpx;"
            "r = httpx.get(os.environ['OPENAI_BASE_URL'] + '/models',"
            " headers={'authorization': 'Bearer ' + os.environ['KEY']});"
            "print(r.status_code)"
        )

        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )

    assert env["OPENAI_BASE_URL"].startswith("https://127.0.0.1:")
    assert done.stdout.strip() == "200"
