"""Bodies of unexpected shapes become findings, not exceptions; message wording."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_llmcreds.server import FakeProvider, Reply, Route
from pytest_llmcreds.verify._response import build_response
from tests.live.providers import env_for, mount_provider
from tests.live.support import KEYS, run_live

#: Key-information bodies of shapes other than the documented one.
ODD_KEY_INFO: dict[str, Any] = {
    "list_in_data": {"object": "list", "data": [{"id": "m"}]},
    "string_data": {"data": "none"},
    "top_level_list": [{"data": {"limit_remaining": 0}}],
    "no_data": {"label": "k"},
}

KEY_INFO_PATHS = {
    "openrouter": "/api/v1/key",
    "deepseek": "/user/balance",
    "xai": "/v1/api-key",
}


@pytest.mark.parametrize("body", list(ODD_KEY_INFO))
def test_openrouter_odd_key_info(fake_provider: FakeProvider, body: str) -> None:
    info = Reply.json(ODD_KEY_INFO[body])
    mount_provider(fake_provider, "openrouter", routes=(Route("/api/v1/key", info),))

    run = run_live(
        "openrouter",
        env_for("openrouter"),
        base_url=fake_provider.base_url("openrouter"),
    )

    assert run.causes == ["unexpected_response"]
    assert "documented shape" in run.outcome.findings[0].message


@pytest.mark.parametrize("provider", ["deepseek", "xai"])
def test_odd_key_info_unproven(fake_provider: FakeProvider, provider: str) -> None:
    info = Reply.json(["not", "a", "mapping"])
    path = KEY_INFO_PATHS[provider]
    mount_provider(fake_provider, provider, routes=(Route(path, info),))

    run = run_live(
        provider, env_for(provider), base_url=fake_provider.base_url(provider)
    )

    assert run.causes == ["unexpected_response"]


@pytest.mark.parametrize("provider", ["deepseek", "xai"])
def test_odd_key_info_after_model_list(
    fake_provider: FakeProvider, provider: str
) -> None:
    # The model list needs a valid key, so it proves the key on its own.
    info = Reply.json({"object": "list", "data": []})
    path = KEY_INFO_PATHS[provider]
    mount_provider(fake_provider, provider, routes=(Route(path, info),))

    run = run_live(
        provider,
        env_for(provider),
        base_url=fake_provider.base_url(provider),
        models=("test-model",),
    )

    assert run.causes == []
    assert any("model list proved the key" in n for n in run.outcome.notes)
    assert run.outcome.models == {"test-model": "available"}


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000,
        b'{"error": {"message": "{\\"a\\": ' + b"[" * 100_000 + b'"}}',
        b'{"error": {"message": "m", "details": [{"violations": 5}]}}',
        b'{"error": {"message": {"nested": [1, 2]}, "code": {"x": 1}}}',
    ],
    ids=["deep_json", "deep_inner_json", "violations_not_list", "message_object"],
)
def test_odd_error_body_classified(fake_provider: FakeProvider, body: bytes) -> None:
    reply = Reply(status=401, body=body, headers={"content-type": "application/json"})
    fake_provider.mount("openai", keys=("other",), fail=reply, base_path="/v1")

    run = run_live(
        "openai",
        {"OPENAI_API_KEY": KEYS["openai"]},
        base_url=fake_provider.base_url("openai"),
    )

    assert run.causes == ["key_invalid"]


def test_deep_json_is_not_json() -> None:
    response = build_response(200, {}, b"[" * 100_000, False, "http://h.invalid/")

    assert response.is_json is False


# Message wording


def ends_sentence(message: str) -> bool:
    # A quoted provider message may carry its own final period.
    return message.endswith((".", '."'))


def test_messages_end_with_period(fake_provider: FakeProvider) -> None:
    fail = Reply.json(
        {"error": {"message": "Incorrect API key provided", "code": "invalid_api_key"}},
        status=401,
    )
    fake_provider.mount("openai", keys=("other",), fail=fail, base_path="/v1")

    run = run_live(
        "openai",
        {"OPENAI_API_KEY": KEYS["openai"]},
        base_url=fake_provider.base_url("openai"),
    )

    assert run.causes == ["key_invalid"]
    assert run.outcome.findings[0].message.endswith('"Incorrect API key provided".')


@pytest.mark.parametrize(
    "reply",
    [
        Reply.html(404),
        Reply.close(),
        Reply.redirect("https://elsewhere.example.invalid/v1"),
        Reply.json({"error": {"message": "Overloaded"}}, status=503),
        Reply.json({"error": {"message": "slow down"}}, status=429),
    ],
    ids=["html", "closed", "redirect", "server_error", "rate_limited"],
)
def test_fault_messages_end_with_period(
    fake_provider: FakeProvider, reply: Reply
) -> None:
    mount_provider(fake_provider, "openai", routes=(Route("/", reply),))

    run = run_live(
        "openai", env_for("openai"), base_url=fake_provider.base_url("openai")
    )

    assert run.outcome.findings
    for finding in run.outcome.findings:
        assert ends_sentence(finding.message), finding.message


def test_cleaned_key_note_grammar(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    quoted = f'"{KEYS["openai"]}"'

    run = run_live(
        "openai", {"OPENAI_API_KEY": quoted}, base_url=fake_provider.base_url("openai")
    )

    assert run.causes == []
    assert "OpenAI accepts the key with the quotes around it removed" in (
        run.outcome.notes
    )


@pytest.mark.parametrize(("count", "expected"), [(1, "1 request,"), (2, "2 requests,")])
def test_probe_note_counts_requests(
    fake_provider: FakeProvider, count: int, expected: str
) -> None:
    mount_provider(fake_provider, "openai", models=("m1", "m2"))

    run = run_live(
        "openai",
        env_for("openai"),
        base_url=fake_provider.base_url("openai"),
        models=("m1", "m2")[:count],
        probe=True,
    )

    assert any(f"--llm-preflight-probe sent {expected}" in n for n in run.outcome.notes)
    assert not any("(s)" in note for note in run.outcome.notes)


def test_unproven_quota_note(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")

    run = run_live(
        "openai", env_for("openai"), base_url=fake_provider.base_url("openai")
    )

    assert any("model list does not show quota" in n for n in run.outcome.notes)


def test_unexpected_list_fix_names_the_api(fake_provider: FakeProvider) -> None:
    mount_provider(
        fake_provider, "openai", routes=(Route("/v1/models", Reply.json({"x": 1})),)
    )

    run = run_live(
        "openai",
        env_for("openai"),
        base_url=fake_provider.base_url("openai"),
        models=("test-model",),
    )

    assert run.causes == ["unexpected_response"]
    assert "points at the OpenAI API" in run.outcome.findings[0].fix
