"""How the live check reads responses: permissions, key info, retries, models."""

from __future__ import annotations

import asyncio
import socket
import time

import pytest

from pytest_llmcreds.server import FakeProvider, Reply, Route
from pytest_llmcreds.verify import verify_all
from tests.live.providers import env_for, mount_provider
from tests.live.support import KEYS, checks_for, run_live

MISSING_SCOPES = Reply.json(
    {
        "error": {
            "message": "You have insufficient permissions for this operation. "
            "Missing scopes: api.model.read.",
            "type": "invalid_request_error",
            "param": None,
            "code": None,
        }
    },
    status=403,
)


def test_restricted_key_passes_with_warning(fake_provider: FakeProvider) -> None:
    mount_provider(
        fake_provider, "openai", routes=(Route("/v1/models", MISSING_SCOPES),)
    )

    run = run_live(
        "openai",
        env_for("openai"),
        base_url=fake_provider.base_url("openai"),
        models=("test-model",),
    )

    assert run.causes == ["key_restricted"]
    assert run.outcome.models == {"test-model": "unknown"}


def test_request_id_of_failed_request(fake_provider: FakeProvider) -> None:
    fail = Reply.json(
        {"error": {"code": "invalid_api_key", "message": "no"}},
        status=401,
        **{"x-request-id": "req_0123456789abcdef"},
    )
    fake_provider.mount("openai", keys=(KEYS["openai"],), fail=fail, base_path="/v1")

    run = run_live(
        "openai",
        {"OPENAI_API_KEY": "sk-proj-" + "x" * 40},
        base_url=fake_provider.base_url("openai"),
    )

    assert run.causes == ["key_invalid"]
    assert run.outcome.request_id == "req_0123456789abcdef"


def test_cleaned_key_also_rejected(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    quoted = '"sk-proj-' + "W" * 48 + '"'

    run = run_live(
        "openai", {"OPENAI_API_KEY": quoted}, base_url=fake_provider.base_url("openai")
    )

    assert "key_quoted" in [f.cause for f in run.offline]
    assert run.causes == ["key_invalid"]
    assert "even with the quotes around it removed" in run.outcome.findings[0].message
    assert len(fake_provider.requests) == 2


def test_long_retry_after_not_waited(fake_provider: FakeProvider) -> None:
    limited = Reply.json(
        {"error": {"code": "rate_limit_exceeded", "message": "slow"}},
        status=429,
        **{"retry-after": "30"},
    )
    mount_provider(fake_provider, "openai", routes=(Route("/", limited),))

    started = time.monotonic()
    run = run_live(
        "openai",
        env_for("openai"),
        base_url=fake_provider.base_url("openai"),
        timeout=5.0,
    )

    assert run.causes == ["rate_limited"]
    assert time.monotonic() - started < 1.0


def test_quota_response_not_retried(fake_provider: FakeProvider) -> None:
    quota = Reply.json(
        {"error": {"code": "insufficient_quota", "message": "pay"}},
        status=429,
        **{"retry-after": "0"},
    )
    mount_provider(fake_provider, "openai", routes=(Route("/", quota),))

    run = run_live(
        "openai", env_for("openai"), base_url=fake_provider.base_url("openai")
    )

    assert run.causes == ["quota_exhausted"]
    assert run.outcome.requests_sent == 1


def test_gemini_and_ollama_model_names(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "gemini", models=("gemini-2.5-flash",))
    mount_provider(fake_provider, "ollama", models=("mistral:latest", "qwen2.5:7b"))
    checks = checks_for(
        env_for("gemini"),
        {p: fake_provider.base_url(p) for p in ("gemini", "ollama")},
        {"gemini": ("models/gemini-2.5-flash",), "ollama": ("mistral", "qwen2.5")},
    )

    outcomes = verify_all(checks, timeout=5.0, probe=False)

    assert outcomes["gemini"].models == {"models/gemini-2.5-flash": "available"}
    assert outcomes["ollama"].models == {"mistral": "available", "qwen2.5": "not_found"}
    assert "ollama pull qwen2.5" in outcomes["ollama"].findings[0].fix


def test_openrouter_credit_used_up(fake_provider: FakeProvider) -> None:
    info = Reply.json(
        {
            "data": {
                "label": "k",
                "usage": 5,
                "limit": 5,
                "limit_remaining": 0,
                "is_free_tier": False,
            }
        }
    )
    mount_provider(fake_provider, "openrouter", routes=(Route("/api/v1/key", info),))

    run = run_live(
        "openrouter",
        env_for("openrouter"),
        base_url=fake_provider.base_url("openrouter"),
    )

    assert run.causes == ["quota_exhausted"]


def test_deepseek_balance_unavailable(fake_provider: FakeProvider) -> None:
    balance = Reply.json({"is_available": False, "balance_infos": []})
    mount_provider(fake_provider, "deepseek", routes=(Route("/user/balance", balance),))

    run = run_live(
        "deepseek", env_for("deepseek"), base_url=fake_provider.base_url("deepseek")
    )

    assert run.causes == ["quota_exhausted"]


def test_xai_blocked_key(fake_provider: FakeProvider) -> None:
    info = Reply.json(
        {
            "acls": [],
            "api_key_blocked": True,
            "api_key_disabled": False,
            "team_blocked": False,
        }
    )
    mount_provider(fake_provider, "xai", routes=(Route("/v1/api-key", info),))

    run = run_live("xai", env_for("xai"), base_url=fake_provider.base_url("xai"))

    assert run.causes == ["key_invalid"]
    assert "api_key_blocked" in run.outcome.findings[0].message


def test_litellm_key_info_without_database(fake_provider: FakeProvider) -> None:
    broken = Reply(status=500, body="Internal Server Error")
    mount_provider(fake_provider, "litellm", routes=(Route("/key/info", broken),))

    run = run_live(
        "litellm", env_for("litellm"), base_url=fake_provider.base_url("litellm")
    )

    assert run.causes == []
    assert any("proven by the other request" in note for note in run.outcome.notes)


def test_verify_all_inside_running_loop(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    checks = checks_for(env_for("openai"), {"openai": fake_provider.base_url("openai")})

    async def inside() -> bool:
        outcomes = verify_all(checks, timeout=5.0, probe=False)
        return outcomes["openai"].findings == []

    assert asyncio.run(inside())


def test_probe_proves_azure_deployment(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "azure_openai")

    run = run_live(
        "azure_openai",
        env_for("azure_openai"),
        base_url=fake_provider.base_url("azure_openai"),
        models=("my-deployment",),
        probe=True,
    )

    assert run.outcome.models == {"my-deployment": "available"}
    probe = fake_provider.requests[-1]
    assert (
        probe.path == "/azure_openai/openai/deployments/my-deployment/chat/completions"
    )
    assert probe.query == "api-version=2024-10-21"


def test_missing_v1_confirmed(fake_provider: FakeProvider) -> None:
    # OpenAI's response to a path it does not serve: 404 "Invalid URL".
    invalid_url = Reply.json(
        {
            "error": {
                "message": "Invalid URL (GET /models)",
                "type": "invalid_request_error",
                "param": None,
                "code": None,
            }
        },
        status=404,
    )
    mount_provider(fake_provider, "openai", routes=(Route("/models", invalid_url),))
    base_url = fake_provider.base_url("openai").removesuffix("/v1")

    run = run_live("openai", env_for("openai"), base_url=base_url)

    assert run.causes == ["base_url_wrong"]
    finding = run.outcome.findings[0]
    assert f"under {base_url}/v1 responds 200" in finding.message
    assert finding.fix == f"set --llm-base-url to {base_url}/v1"


def test_missing_v1_not_confirmed(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai", routes=(Route("/", Reply.html(404)),))
    base_url = fake_provider.base_url("openai").removesuffix("/v1")

    run = run_live("openai", env_for("openai"), base_url=base_url)

    finding = run.outcome.findings[0]
    assert "does not respond as the API either" in finding.message
    assert "API itself" in finding.fix


def test_http_proxy_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fake provider serves absolute-form proxy requests like any other,
    # so it can stand in for a forward proxy that reaches the provider.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    with FakeProvider() as proxy:
        mount_provider(proxy, "openai")
        monkeypatch.setenv("HTTP_PROXY", proxy.origin)
        base_url = f"http://127.0.0.1:{closed}/openai/v1"

        through_proxy = run_live("openai", env_for("openai"), base_url=base_url)
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        direct = run_live("openai", env_for("openai"), base_url=base_url)

    assert through_proxy.causes == []
    assert direct.causes == ["network_error"]


def test_closed_proxy_reported(
    monkeypatch: pytest.MonkeyPatch, fake_provider: FakeProvider
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    mount_provider(fake_provider, "openai")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{closed}")

    run = run_live(
        "openai", env_for("openai"), base_url=fake_provider.base_url("openai")
    )

    assert run.causes == ["network_error"]
    assert "HTTPS_PROXY" in run.outcome.findings[0].fix


def test_anthropic_model_list_pages(fake_provider: FakeProvider) -> None:
    first = Reply.json(
        {
            "data": [{"type": "model", "id": "claude-a"}],
            "has_more": True,
            "first_id": "claude-a",
            "last_id": "claude-a",
        }
    )
    second = Reply.json(
        {
            "data": [{"type": "model", "id": "claude-b"}],
            "has_more": False,
            "first_id": "claude-b",
            "last_id": "claude-b",
        }
    )
    routes = (
        Route("/v1/models", second, query="after_id=claude-a"),
        Route("/v1/models", first),
    )
    mount_provider(fake_provider, "anthropic", routes=routes)

    run = run_live(
        "anthropic",
        env_for("anthropic"),
        base_url=fake_provider.base_url("anthropic"),
        models=("claude-b",),
    )

    assert run.outcome.models == {"claude-b": "available"}
    assert fake_provider.requests[1].query == "limit=1000&after_id=claude-a"


def test_gemini_model_list_pages(fake_provider: FakeProvider) -> None:
    first = Reply.json(
        {"models": [{"name": "models/gemini-a"}], "nextPageToken": "page2"}
    )
    second = Reply.json({"models": [{"name": "models/gemini-b"}]})
    routes = (
        Route("/v1beta/models", second, query="pageToken=page2"),
        Route("/v1beta/models", first),
    )
    mount_provider(fake_provider, "gemini", routes=routes)

    run = run_live(
        "gemini",
        env_for("gemini"),
        base_url=fake_provider.base_url("gemini"),
        models=("gemini-b",),
    )

    assert run.outcome.models == {"gemini-b": "available"}
    assert len(fake_provider.requests) == 2


@pytest.mark.parametrize(
    ("provider", "suffix", "doubled"),
    [
        ("anthropic", "/v1", "/v1/v1/"),
        ("groq", "/openai/v1", "/openai/v1/openai/v1/"),
        ("azure_openai", "/openai", "/openai/openai/"),
        ("openai", "/chat/completions", "/v1/chat/completions/"),
    ],
)
def test_repeated_path_suggested(
    fake_provider: FakeProvider, provider: str, suffix: str, doubled: str
) -> None:
    # The doubled path gets the web server's 404 page; the right one lists.
    mount_provider(fake_provider, provider, routes=(Route(doubled, Reply.html(404)),))
    right = fake_provider.base_url(provider)

    run = run_live(provider, env_for(provider), base_url=right + suffix)

    assert run.causes == ["base_url_wrong"]
    assert run.outcome.findings[0].fix == f"set --llm-base-url to {right}"


def test_probe_missing_scope_is_no_access(fake_provider: FakeProvider) -> None:
    mount_provider(
        fake_provider, "openai", routes=(Route("/", MISSING_SCOPES, method="POST"),)
    )

    run = run_live(
        "openai",
        env_for("openai"),
        base_url=fake_provider.base_url("openai"),
        models=("test-model",),
        probe=True,
    )

    assert run.causes == ["model_no_access"]
    assert run.outcome.models == {"test-model": "no_access"}


def test_xai_wrong_key_400(fake_provider: FakeProvider) -> None:
    # xAI responds to a wrong key with 400 (xAI API reference, API key).
    # NOTE: this body is a stand-in in the {"code", "error"} shape, not a
    # recording of xAI's own text.
    wrong = Reply.json(
        {
            "code": "Client specified an invalid argument",
            "error": "Incorrect API key provided: xa***yz. You can obtain an API key "
            "from https://console.x.ai.",
        },
        status=400,
    )
    mount_provider(fake_provider, "xai", routes=(Route("/", wrong),))

    run = run_live("xai", env_for("xai"), base_url=fake_provider.base_url("xai"))

    assert run.causes == ["key_invalid"]


def test_probe_without_models_noted(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")

    run = run_live(
        "openai",
        env_for("openai"),
        base_url=fake_provider.base_url("openai"),
        probe=True,
    )

    assert run.causes == []
    assert any("no model to probe" in note for note in run.outcome.notes)
    assert run.outcome.requests_sent == 1


def test_socks_proxy_without_socksio(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        import socksio  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("socksio is installed, so httpx can use the SOCKS proxy")
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1")

    run = run_live("openai", env_for("openai"), base_url="http://127.0.0.1:2/v1")

    assert run.causes == ["network_error"]
    assert "httpx[socks]" in run.outcome.findings[0].fix
    assert run.outcome.requests_sent == 0
