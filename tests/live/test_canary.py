"""Canary keys: no form of a key reaches findings, notes, logs or exception text."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import pytest_llmcreds.verify as verify_module
from pytest_llmcreds.resolve import resolve
from pytest_llmcreds.server import FakeProvider, Reply, Route
from pytest_llmcreds.verify import LiveCheck, verify_all
from tests.live.support import KEYS, REGISTRY, MemoryCache, run_live

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


def rejection(message: str, **headers: str) -> Reply:
    return Reply.json(
        {"error": {"message": message, "code": "invalid_api_key"}},
        status=401,
        **headers,
    )


def echo_fragment(key: str) -> Reply:
    # A 30-character middle piece: shorter than the 32-character run that
    # the generic key pattern removes.
    core = key.strip().strip("\"'\u201c\u201d")
    return rejection(f"Incorrect API key provided: {core[10:40]}")


def echo_chunks(key: str) -> Reply:
    core = key.strip().strip("\"'\u201c\u201d")
    chunks = " ".join(core[i : i + 20] for i in range(0, len(core), 20))
    return rejection(f"Key received in parts: {chunks}")


def echo_overlapping(key: str) -> Reply:
    core = key.strip().strip("\"'\u201c\u201d")
    return rejection(f"Key: {core[3:25]}{core[14:40]} and {core[-30:]}")


def key_in_request_id(key: str) -> Reply:
    core = key.strip().strip("\"'\u201c\u201d")
    return rejection("Incorrect API key provided", **{"x-request-id": core})


def piece_in_request_id(key: str) -> Reply:
    core = key.strip().strip("\"'\u201c\u201d")
    return rejection("Incorrect API key provided", **{"request-id": core[20:44]})


def redirect_with_user_info(key: str) -> Reply:
    core = key.strip().strip("\"'\u201c\u201d")
    return Reply.redirect(f"https://u:{core}@collector.example.invalid/v1/models")


SCENARIOS: dict[str, Callable[[str], Reply | None]] = {
    "accepted": lambda key: None,
    "echoed": echo_key,
    "echoed_fragment": echo_fragment,
    "echoed_chunks": echo_chunks,
    "echoed_overlapping": echo_overlapping,
    "request_id": key_in_request_id,
    "request_id_piece": piece_in_request_id,
    "redirect": lambda key: Reply.redirect("https://elsewhere.example.invalid/v1"),
    "redirect_user_info": redirect_with_user_info,
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


#: The fake provider's own log, which stands for the provider's server log.
SERVER_LOGGER = "pytest_llmcreds.server"


def haystack(run_text: str, caplog: pytest.LogCaptureFixture) -> str:
    parts = [run_text]
    for record in caplog.records:
        if record.name.startswith(SERVER_LOGGER):
            continue
        parts.append(f"{record.name} {record.levelname} {record.getMessage()}")
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


#: A second canary, put in the password of a base URL's user info.
PASSWORD = "sk-proj-PASSWORD" + "Hv5Nc8Qw1Ez4Ry7Tu0Ia3Os6Pd9Fg2Jk" * 2
#: Keys put in the organization and project variables by mistake.
ORG_KEY = "sk-proj-INORG" + "Lq2Wx5Cv8Bn1Mz4As7Df0Gh3Jk6Pu9Yt" * 2
PROJECT_KEY = "sk-proj-INPROJECT" + "Ty6Ui9Op2As5Df8Gh1Jk4Lz7Xc0Vb3Nm" * 2


def with_user_info(base_url: str, password: str = PASSWORD) -> str:
    return base_url.replace("http://", f"http://user:{password}@", 1)


def test_canary_user_info_never_sent(
    fake_provider: FakeProvider, debug_logs: pytest.LogCaptureFixture
) -> None:
    fake_provider.mount("openai", keys=(CANARY,), base_path="/v1")
    base_url = with_user_info(fake_provider.base_url("openai"))
    resolution = resolve(
        REGISTRY["openai"], {"OPENAI_API_KEY": CANARY}, base_url_override=base_url
    )

    # No offline findings: the live check itself must not send this URL.
    outcome = verify_all([LiveCheck(resolution, (), ())], timeout=2.0, probe=False)[
        "openai"
    ]

    assert fake_provider.requests == []
    assert outcome.requests_sent == 0
    assert any("user information" in note for note in outcome.notes)
    assert outcome.settings["base_url"].startswith("http://***@127.0.0.1:")
    shown = "\n".join([repr(outcome), str(outcome.settings)])
    assert_no_key(haystack(shown, debug_logs), PASSWORD)


def refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


@pytest.mark.parametrize("target", ["accepted", "missing_v1", "refused", "query"])
def test_canary_user_info_if_sent(
    fake_provider: FakeProvider,
    debug_logs: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    target: str,
) -> None:
    """Had a check with user info got past the guard, nothing would show it."""
    monkeypatch.setattr(verify_module, "reason_not_to_send", lambda check: None)
    fake_provider.mount("openai", keys=(CANARY,), models=("gpt-4o",), base_path="/v1")
    base_url = {
        "accepted": fake_provider.base_url("openai"),
        "missing_v1": fake_provider.base_url("openai").removesuffix("/v1"),
        "refused": refused_url(),
        "query": fake_provider.base_url("openai") + f"?token={PASSWORD}",
    }[target]

    run = run_live(
        "openai",
        {"OPENAI_API_KEY": CANARY},
        base_url=with_user_info(base_url),
        models=("gpt-4o",),
        timeout=2.0,
    )

    shown = "\n".join([run.text(), repr(run.outcome)])
    assert_no_key(haystack(shown, debug_logs), PASSWORD)
    assert "127.0.0.1" in shown
    for request in fake_provider.requests:
        # The key went in its own header: httpx made no Basic header.
        assert request.credential_header == "authorization"
        assert request.accepted


@pytest.mark.parametrize("reply", ["accepted", "echoed"])
def test_canary_key_in_organization_and_project(
    fake_provider: FakeProvider, debug_logs: pytest.LogCaptureFixture, reply: str
) -> None:
    echo = Reply.json(
        {
            "error": {
                "message": f"No such organization: {ORG_KEY}. "
                f"Project {PROJECT_KEY[5:35]} not found.",
                "code": "no_such_organization",
            }
        },
        status=401,
        **{"x-request-id": f"req_{ORG_KEY[9:40]}"},
    )
    routes = (Route("/", echo),) if reply == "echoed" else ()
    fake_provider.mount("openai", keys=(CANARY,), routes=routes, base_path="/v1")
    env = {
        "OPENAI_API_KEY": CANARY,
        "OPENAI_ORG_ID": ORG_KEY,
        "OPENAI_PROJECT_ID": PROJECT_KEY,
    }
    cache = MemoryCache()

    run = run_live(
        "openai", env, base_url=fake_provider.base_url("openai"), cache=cache
    )

    assert run.outcome.settings["organization"] == "(not shown)"
    assert run.outcome.settings["project"] == "(not shown)"
    assert cache.writes == 1
    stored = json.dumps(cache.values)
    shown = "\n".join([run.text(), repr(run.outcome), stored])
    for key in (CANARY, ORG_KEY, PROJECT_KEY):
        assert_no_key(haystack(shown, debug_logs), key)
    # The raw values were still sent, as the SDK sends them.
    assert fake_provider.requests[0].headers["openai-organization"] == ORG_KEY


#: Writes every log record of the run, httpx and httpcore at DEBUG included,
#: to debug.log, from before the preflight starts.
LOGGING_CONFTEST = """
import logging

handler = logging.FileHandler("debug.log", encoding="utf-8")
handler.setLevel(logging.DEBUG)
handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
logging.getLogger().addHandler(handler)
logging.getLogger().setLevel(logging.DEBUG)
for name in ("httpx", "httpcore"):
    logging.getLogger(name).setLevel(logging.DEBUG)
"""

LIVE_SUITE = """
import pytest

@pytest.mark.llm_live("openai")
def test_live():
    pass
"""

#: Leak path: the environment (with {base_url} filled in) and the fake
#: provider's routes.
PLUGIN_PATHS: dict[str, tuple[dict[str, str], tuple[Route, ...]]] = {
    "user_info": (
        {"OPENAI_BASE_URL": "http://user:{password}@{host}/openai/v1"},
        (),
    ),
    "organization_project": (
        {"OPENAI_ORG_ID": ORG_KEY, "OPENAI_PROJECT_ID": PROJECT_KEY},
        (
            Route(
                "/",
                rejection(f"No such organization: {ORG_KEY} ({PROJECT_KEY[8:30]})"),
            ),
        ),
    ),
    "fragments": ({}, (Route("/", echo_fragment(CANARY)),)),
    "chunks": ({}, (Route("/", echo_chunks(CANARY)),)),
    "request_id": ({}, (Route("/", key_in_request_id(CANARY)),)),
    "redirect_user_info": ({}, (Route("/", redirect_with_user_info(CANARY)),)),
}


def artefacts(path: Path) -> Iterator[tuple[str, str]]:
    for name in ("report.json", "debug.log"):
        yield name, (path / name).read_text(encoding="utf-8")
    cache = path / ".pytest_cache"
    for file in sorted(p for p in cache.rglob("*") if p.is_file()):
        text = file.read_text(encoding="utf-8", errors="replace")
        yield str(file.relative_to(path)), text


@pytest.mark.parametrize("path", list(PLUGIN_PATHS))
def test_canary_plugin_outputs(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    fake_provider: FakeProvider,
    path: str,
) -> None:
    env, routes = PLUGIN_PATHS[path]
    fake_provider.mount("openai", keys=(CANARY,), routes=routes, base_path="/v1")
    host = fake_provider.origin.removeprefix("http://")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)
    for name, value in env.items():
        monkeypatch.setenv(name, value.format(password=PASSWORD, host=host))
    if "OPENAI_BASE_URL" not in env:
        monkeypatch.setenv("OPENAI_BASE_URL", fake_provider.base_url("openai"))
    pytester.makeini("[pytest]\n")
    pytester.makeconftest(LOGGING_CONFTEST)
    pytester.makepyfile(LIVE_SUITE)

    result = pytester.runpytest_subprocess(
        "--llm-preflight=warn",
        "--llm-report=report.json",
        "-vv",
        "-rA",
        "--log-level=DEBUG",
        "-o",
        "log_cli=true",
    )

    report = json.loads((pytester.path / "report.json").read_text(encoding="utf-8"))
    assert report["providers"], "the preflight did not run"
    if path != "user_info":
        # The paths below were really taken: requests went out and logged.
        log = (pytester.path / "debug.log").read_text(encoding="utf-8")
        assert "HTTP Request: GET" in log
        assert "receive_response_headers.complete" in log
        assert (pytester.path / ".pytest_cache" / "v" / "llmcreds" / "live").is_dir()
    outputs = [("stdout", result.stdout.str()), ("stderr", result.stderr.str())]
    outputs += list(artefacts(pytester.path))
    for key in (CANARY, PASSWORD, ORG_KEY, PROJECT_KEY):
        for name, text in outputs:
            for form in forms(key):
                assert form not in text, f"a piece of a canary leaked into {name}"
