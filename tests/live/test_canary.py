"""Canary keys: no form of a key reaches findings, notes, logs or exception text."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import pytest

from pytest_llmcreds.server import FakeProvider, Reply, Route
from tests.live.support import KEYS, run_live

CANARY = "sk-proj-CANARY" + "Zt7Xq2Lm9Pw4Rv8Bn3Kd6Hf1Jg5Sa0Ye" * 3
PIECE = 16


def forms(key: str) -> Iterator[str]:
    """The key, its stripped form and every 16-character piece of it."""
    core = key.strip().strip("\"'\u201c\u201d")
    yield key
    yield core
    for start in range(len(core) - PIECE + 1):
        yield core[start : start + PIECE]


def echo_key(key: str) -> Reply:
    # Some gateways echo the key they received; the excerpt must drop it.
    return Reply.json(
        {
            "error": {
                "message": f"Incorrect API key provided: {key.strip()}.",
                "type": "invalid_request_error",
                "code": "invalid_api_key",
            }
        },
        status=401,
        **{"x-request-id": "req_canary"},
    )


SCENARIOS = {
    "accepted": lambda key: None,
    "echoed": echo_key,
    "redirect": lambda key: Reply.redirect("https://elsewhere.example.invalid/v1"),
    "html": lambda key: Reply.html(404),
    "closed": lambda key: Reply.close(),
    "server_error": lambda key: Reply.json({"error": {"message": key}}, status=500),
}

KEY_FORMS = {
    "plain": CANARY,
    "newline": CANARY + "\n",
    "quoted": f'"{CANARY}"',
    "smart_quotes": f"\u201c{CANARY}\u201d",
    "space": CANARY + " ",
}


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG)
    for name in ("pytest_llmcreds", "httpx", "httpcore", "asyncio"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def haystack(run_text: str, caplog: pytest.LogCaptureFixture) -> str:
    parts = [run_text, caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        if record.exc_info and record.exc_info[1] is not None:
            parts.append(repr(record.exc_info[1]))
            parts.append(str(record.exc_info[1]))
        if record.exc_text:
            parts.append(record.exc_text)
    return "\n".join(parts)


def assert_no_key(text: str, key: str) -> None:
    for form in forms(key):
        assert form not in text, f"a {len(form)}-character form of the key leaked"


@pytest.mark.parametrize("scenario", list(SCENARIOS))
@pytest.mark.parametrize("form", list(KEY_FORMS))
def test_canary_key_never_shown(
    fake_provider: FakeProvider,
    debug_logs: pytest.LogCaptureFixture,
    scenario: str,
    form: str,
) -> None:
    key = KEY_FORMS[form]
    reply = SCENARIOS[scenario](key)
    routes = (Route("/", reply, requires_key=False),) if reply is not None else ()
    fake_provider.mount(
        "openai", keys=(CANARY,), models=("gpt-4o",), routes=routes, base_path="/v1"
    )

    run = run_live(
        "openai",
        {"OPENAI_API_KEY": key},
        base_url=fake_provider.base_url("openai"),
        models=("gpt-4o",),
        probe=True,
        timeout=2.0,
    )

    shown = "\n".join([run.text(), repr(run.outcome), str(run.outcome.settings)])
    assert_no_key(haystack(shown, debug_logs), key)


def test_canary_timeout_and_refused(debug_logs: pytest.LogCaptureFixture) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    texts = []
    with FakeProvider() as server:
        server.mount("openai", routes=(Route("/", Reply.hang()),), base_path="/v1")
        for base_url in (server.base_url("openai"), f"http://127.0.0.1:{port}/v1"):
            run = run_live(
                "openai", {"OPENAI_API_KEY": CANARY}, base_url=base_url, timeout=0.5
            )
            texts.append(run.text() + repr(run.outcome))

    assert_no_key(haystack("\n".join(texts), debug_logs), CANARY)


@pytest.mark.parametrize("provider", ["anthropic", "gemini", "azure_openai"])
def test_canary_other_auth_styles(
    fake_provider: FakeProvider, debug_logs: pytest.LogCaptureFixture, provider: str
) -> None:
    from tests.live.providers import env_for, mount_provider

    mount_provider(
        fake_provider, provider, routes=(Route("/", echo_key(KEYS[provider])),)
    )

    run = run_live(
        provider, env_for(provider), base_url=fake_provider.base_url(provider)
    )

    assert run.causes == ["key_invalid"]
    assert_no_key(haystack(run.text() + repr(run.outcome), debug_logs), KEYS[provider])
