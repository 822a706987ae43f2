"""What the live check shows of provider text, URLs and settings: never a key piece."""

from __future__ import annotations

import time

import httpx
import pytest

from pytest_llmcreds.resolve import resolve
from pytest_llmcreds.results import Finding
from pytest_llmcreds.server import FakeProvider, Reply, Route
from pytest_llmcreds.verify import LiveCheck, LiveOutcome, verification_for, verify_all
from pytest_llmcreds.verify._advice import (
    Target,
    failure_finding,
    fix_base_url,
    redirect_message,
    response_finding,
)
from pytest_llmcreds.verify._cache import CACHE_VERSION, load, save
from pytest_llmcreds.verify._response import (
    Response,
    build_response,
    excerpt,
    shown_request_id,
)
from pytest_llmcreds.verify._settings import hidden_values, shown_settings
from pytest_llmcreds.verify._transport import describe_exception, host_of
from tests.live.support import KEYS, REGISTRY, MemoryCache, run_live

KEY = "sk-proj-" + "Qx7pL2mZ9vR4tW8yB3nC6dF1gH5jK0sA" * 4
PASSWORD = "pw-" + "Mn4Pq7Rs0Tu3Vw6Xy9Za2Bc5De8Fg1Hj"
PIECE = 16


def pieces(secret: str) -> list[str]:
    return [secret[i : i + PIECE] for i in range(len(secret) - PIECE + 1)]


def assert_no_piece(text: str, secret: str) -> None:
    for piece in pieces(secret):
        assert piece not in text, f"a {PIECE}-character piece leaked: {text!r}"


def openai_target(base_url: str) -> Target:
    spec = REGISTRY["openai"]
    return Target(
        spec=spec,
        table=verification_for(spec),
        base_url=base_url,
        base_source="OPENAI_BASE_URL",
        key_var="OPENAI_API_KEY",
    )


# Excerpts of provider text


@pytest.mark.parametrize(
    "text",
    [
        f"echo {KEY[10:40]}",
        "chunks " + " ".join(KEY[i : i + 20] for i in range(0, len(KEY), 20)),
        f"overlap {KEY[3:25]}{KEY[14:40]}",
        f"tail {KEY[-13:]} head {KEY[:14]}",
        f"glued {KEY[0:30]}{KEY[50:80]}",
    ],
    ids=["fragment", "chunks", "overlap", "edges", "glued"],
)
def test_excerpt_removes_key_pieces(text: str) -> None:
    shown = excerpt(text, (KEY,))

    assert_no_piece(shown, KEY)
    assert "[key]" in shown


def test_excerpt_removes_pieces_of_stripped_key() -> None:
    quoted = f'"{KEY}"\n'

    shown = excerpt(f"received {KEY[20:45]}", (quoted,))

    assert_no_piece(shown, KEY)


def test_excerpt_keeps_repeated_character() -> None:
    shown = excerpt("x" * 100_000)

    assert "[key]" not in shown
    assert shown.startswith("xxxxxxxx")
    assert shown.endswith("…")


def test_excerpt_hides_random_run() -> None:
    unknown = "Zk4Lm7Np0Qr3St6Uv9Wx2Ya5Bc8De1Fg"

    assert excerpt(f"token {unknown} rejected") == "token [key] rejected"


def test_excerpt_of_huge_message_is_fast() -> None:
    text = ("y" * 1000 + " ") * 4000

    started = time.monotonic()
    excerpt(text, (KEY, PASSWORD))

    assert time.monotonic() - started < 1.0


# Request ids


def with_request_id(name: str, value: str) -> Response:
    return build_response(401, {name: value}, b"{}", False, "https://h.invalid/")


@pytest.mark.parametrize(
    "value",
    [
        "req_0123456789abcdef",
        "req_8d1b0f7a3c2e4b9f8a6d5c4b3a2f1e0d",
        "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f",
    ],
)
def test_request_id_of_known_shape_kept(value: str) -> None:
    assert shown_request_id(with_request_id("x-request-id", value), (KEY,)) == value


@pytest.mark.parametrize("header", ["x-request-id", "request-id", "apim-request-id"])
@pytest.mark.parametrize(
    "value",
    [KEY, f"req_{KEY[12:40]}", KEY[30:50], "Zk4Lm7Np0Qr3St6Uv9Wx2Ya5Bc8De1Fg"],
    ids=["key", "req_piece", "piece", "key_like"],
)
def test_request_id_with_key_dropped(header: str, value: str) -> None:
    assert shown_request_id(with_request_id(header, value), (KEY,)) is None


def test_request_id_header_with_key_live(fake_provider: FakeProvider) -> None:
    reply = Reply.json(
        {"error": {"code": "invalid_api_key", "message": "no"}},
        status=401,
        **{"x-request-id": KEY},
    )
    fake_provider.mount("openai", keys=("other",), fail=reply, base_path="/v1")

    run = run_live(
        "openai", {"OPENAI_API_KEY": KEY}, base_url=fake_provider.base_url("openai")
    )

    assert run.causes == ["key_invalid"]
    assert run.outcome.request_id is None


# Hosts and URLs in messages


def test_host_without_user_info() -> None:
    url = f"http://user:{PASSWORD}@127.0.0.1:1/v1/models"

    assert host_of(url) == "127.0.0.1:1"


def test_host_hides_key_like_label() -> None:
    assert host_of(f"https://{KEY[8:50]}.example.invalid/v1") == (
        "(hidden).example.invalid"
    )


def test_network_error_without_user_info() -> None:
    url = f"http://user:{PASSWORD}@127.0.0.1:1/v1/models"
    failure = describe_exception(httpx.ConnectError("refused"), url)
    target = openai_target(f"http://user:{PASSWORD}@127.0.0.1:1/v1")

    finding = failure_finding(target, failure, 1.0, subject="GET /models")

    assert failure.host == "127.0.0.1:1"
    assert_no_piece(finding.message + finding.fix, PASSWORD)
    assert "127.0.0.1:1" in finding.fix


def test_invalid_url_failure_names_no_url() -> None:
    url = f"http://user:{PASSWORD}@[::1/v1/models"

    failure = describe_exception(httpx.InvalidURL("bad"), url)

    assert_no_piece(failure.host, PASSWORD)


def test_base_url_suggestion_without_user_info() -> None:
    target = openai_target(f"https://user:{PASSWORD}@gateway.invalid/api?key={KEY}")

    fix = fix_base_url(target)

    assert fix.startswith("set OPENAI_BASE_URL to https://***@gateway.invalid/")
    assert_no_piece(fix, PASSWORD)
    assert_no_piece(fix, KEY)


def redirect(location: str) -> Response:
    return build_response(
        302, {"location": location}, b"", False, "http://127.0.0.1:1/v1/models"
    )


def test_redirect_with_user_info() -> None:
    target = openai_target("http://127.0.0.1:1/v1")
    location = f"https://u:{KEY}@collector.example.invalid/v1/models"

    finding = response_finding(target, "base_url_wrong", redirect(location), (KEY,))

    assert "https://***@collector.example.invalid/v1/models" in finding.message
    assert "collector.example.invalid" in finding.fix
    assert_no_piece(finding.message + finding.fix, KEY)


def test_redirect_with_key_in_path() -> None:
    target = openai_target("http://127.0.0.1:1/v1")
    location = f"/v1/{KEY}/models?key={KEY}"

    message = redirect_message(target, redirect(location), (KEY,))

    assert_no_piece(message, KEY)
    assert "127.0.0.1:1" in message


# Settings


def test_shown_settings_keep_expected_shapes() -> None:
    settings = {
        "base_url": "https://api.openai.com/v1",
        "organization": "org-Zq3Wr6Ey9Ut2Io5PaTk8Lp1M",
        "project": "proj_Kd3Fg6Hj9Kl2Zx5Cv8Bn1Mq4",
        "api_version": "2024-10-21-preview",
    }

    assert shown_settings(settings) == settings


@pytest.mark.parametrize("version", ["2024-10-21", "v1", "v1beta", "latest", "preview"])
def test_shown_api_versions(version: str) -> None:
    assert shown_settings({"api_version": version}) == {"api_version": version}


@pytest.mark.parametrize(
    ("role", "value"),
    [
        ("organization", KEY),
        ("organization", "org-" + "A1" * 30),
        ("project", "proj_abc def"),
        ("project", KEY),
        ("api_version", KEY),
        ("api_version", "2024-10-21; drop"),
    ],
)
def test_shown_settings_hide_other_values(role: str, value: str) -> None:
    assert shown_settings({role: value}) == {role: "(not shown)"}
    assert value in hidden_values({role: value})


def test_shown_base_url_without_credentials() -> None:
    url = f"https://user:{PASSWORD}@gateway.invalid/v1?key={KEY}"

    shown = shown_settings({"base_url": url})["base_url"]

    assert shown.startswith("https://***@gateway.invalid/v1?key=")
    assert_no_piece(shown, PASSWORD)
    assert_no_piece(shown, KEY)
    assert PASSWORD in hidden_values({"base_url": url})
    assert KEY in hidden_values({"base_url": url})


def raw_outcome() -> LiveOutcome:
    return LiveOutcome(
        findings=[Finding(cause="key_invalid", message="rejected.", fix="replace")],
        models={},
        request_id=None,
        requests_sent=1,
        notes=[],
        settings={
            "base_url": f"https://user:{PASSWORD}@gateway.invalid/v1?key={KEY}",
            "organization": KEY,
            "project": "proj_Kd3Fg6Hj9Kl2Zx5Cv8Bn1Mq4",
        },
    )


def test_cache_stores_shown_settings() -> None:
    cache = MemoryCache()

    assert save(cache, "llmcreds/live/x", raw_outcome())

    stored = cache.values["llmcreds/live/x"]["settings"]
    assert stored["organization"] == "(not shown)"
    assert stored["project"] == "proj_Kd3Fg6Hj9Kl2Zx5Cv8Bn1Mq4"
    assert_no_piece(repr(cache.values), KEY)
    assert_no_piece(repr(cache.values), PASSWORD)


def test_cache_entry_of_old_version_ignored() -> None:
    cache = MemoryCache()
    save(cache, "llmcreds/live/x", raw_outcome(), now=100.0)
    cache.values["llmcreds/live/x"]["version"] = CACHE_VERSION - 1

    assert load(cache, "llmcreds/live/x", 300.0, now=101.0) is None


def test_cache_load_filters_settings() -> None:
    cache = MemoryCache()
    save(cache, "llmcreds/live/x", raw_outcome(), now=100.0)
    cache.values["llmcreds/live/x"]["settings"]["organization"] = KEY

    outcome = load(cache, "llmcreds/live/x", 300.0, now=101.0)

    assert outcome is not None
    assert outcome.settings["organization"] == "(not shown)"


def test_outcome_settings_filtered_live(fake_provider: FakeProvider) -> None:
    fake_provider.mount("openai", keys=(KEYS["openai"],), base_path="/v1")
    env = {"OPENAI_API_KEY": KEYS["openai"], "OPENAI_ORG_ID": KEY}

    run = run_live("openai", env, base_url=fake_provider.base_url("openai"))

    assert run.outcome.settings["organization"] == "(not shown)"
    assert fake_provider.requests[0].headers["openai-organization"] == KEY


def test_label_and_content_type_redacted() -> None:
    target = openai_target("http://127.0.0.1:1/v1")
    body = b'{"error": {"code": "%s", "message": "no"}}' % KEY.encode()
    labelled = build_response(
        401, {"content-type": "application/json"}, body, False, target.base_url
    )
    typed = build_response(
        401, {"content-type": KEY}, b"denied", False, target.base_url
    )

    for answer in (labelled, typed):
        finding = response_finding(target, "key_invalid", answer, (KEY,))
        assert_no_piece(finding.message, KEY)


def test_probe_path_hides_api_version(fake_provider: FakeProvider) -> None:
    fake_provider.mount(
        "gemini",
        keys=(KEYS["gemini"],),
        models=("gemini-2.5-flash",),
        shape="gemini",
        fail=Reply.json({"error": {"message": "no"}}, status=403),
        routes=(Route("/", Reply.json({"error": {"message": "x"}}, status=403)),),
    )
    env = {"GEMINI_API_KEY": KEYS["gemini"], "GOOGLE_GENAI_API_VERSION": KEY}

    run = run_live("gemini", env, base_url=fake_provider.base_url("gemini"))

    assert run.causes
    assert "GET /(not shown)/models" in run.outcome.findings[0].message
    assert_no_piece(run.text(), KEY)


def test_ollama_host_with_user_info_not_sent(fake_provider: FakeProvider) -> None:
    fake_provider.mount("ollama", shape="ollama", models=("llama3",))
    host = fake_provider.origin.removeprefix("http://")
    env = {"OLLAMA_HOST": f"user:{PASSWORD}@{host}"}
    resolution = resolve(REGISTRY["ollama"], env)

    outcome = verify_all([LiveCheck(resolution, (), ())], timeout=2.0, probe=False)

    assert fake_provider.requests == []
    assert outcome["ollama"].requests_sent == 0
    assert_no_piece(repr(outcome), PASSWORD)
