"""Each provider's live check: what it sends, and that a healthy setup passes."""

from __future__ import annotations

import time

import pytest

from pytest_llmcreds.server import FakeProvider
from pytest_llmcreds.verify import verify_all
from tests.live.providers import PROVIDERS, env_for, mount_provider
from tests.live.support import KEYS, checks_for, run_live

#: The credential header each provider's SDK sends.
AUTH_HEADERS: dict[str, str] = {
    "azure_openai": "api-key",
    "anthropic": "x-api-key",
    "gemini": "x-goog-api-key",
}

#: The paths each provider's check requests, relative to the mount.
PATHS: dict[str, list[str]] = {
    "openai": ["/v1/models"],
    "azure_openai": ["/openai/models"],
    "anthropic": ["/v1/models"],
    "gemini": ["/v1beta/models"],
    "mistral": ["/v1/models"],
    "groq": ["/openai/v1/models"],
    "openrouter": ["/api/v1/key", "/api/v1/models"],
    "deepseek": ["/user/balance", "/models"],
    "together": ["/v1/models"],
    "xai": ["/v1/api-key", "/v1/models"],
    "ollama": ["/api/tags"],
    "vllm": ["/v1/models"],
    "litellm": ["/key/info", "/v1/models"],
}


@pytest.mark.parametrize("provider", PROVIDERS)
def test_healthy_provider_passes(fake_provider: FakeProvider, provider: str) -> None:
    mount_provider(fake_provider, provider)

    run = run_live(
        provider,
        env_for(provider),
        base_url=fake_provider.base_url(provider),
        models=("test-model",),
    )

    assert run.causes == []
    expected = "unknown" if provider == "azure_openai" else "available"
    assert run.outcome.models == {"test-model": expected}
    sent = sorted(r.path.removeprefix(f"/{provider}") for r in fake_provider.requests)
    assert sent == sorted(PATHS[provider])
    assert run.outcome.requests_sent == len(PATHS[provider])


@pytest.mark.parametrize("provider", [p for p in PROVIDERS if p != "ollama"])
def test_provider_auth_header(fake_provider: FakeProvider, provider: str) -> None:
    mount_provider(fake_provider, provider)

    run_live(provider, env_for(provider), base_url=fake_provider.base_url(provider))

    request = fake_provider.requests[0]
    assert request.credential_header == AUTH_HEADERS.get(provider, "authorization")
    assert request.accepted


def test_anthropic_version_header(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "anthropic")

    run_live(
        "anthropic", env_for("anthropic"), base_url=fake_provider.base_url("anthropic")
    )

    assert fake_provider.requests[0].headers["anthropic-version"] == "2023-06-01"


def test_anthropic_auth_token_bearer(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "anthropic")

    run = run_live(
        "anthropic",
        {"ANTHROPIC_AUTH_TOKEN": KEYS["anthropic"]},
        base_url=fake_provider.base_url("anthropic"),
    )

    assert run.causes == []
    assert fake_provider.requests[0].credential_header == "authorization"


def test_openai_organization_and_project(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    env = env_for("openai") | {
        "OPENAI_ORG_ID": "org-Zq3Wr6Ey9Ut2Io5PaTk8Lp1M",
        "OPENAI_PROJECT_ID": "proj_Kd3Fg6Hj9Kl2Zx5Cv8Bn1Mq4",
    }

    run = run_live("openai", env, base_url=fake_provider.base_url("openai"))

    headers = fake_provider.requests[0].headers
    assert headers["openai-organization"] == "org-Zq3Wr6Ey9Ut2Io5PaTk8Lp1M"
    assert headers["openai-project"] == "proj_Kd3Fg6Hj9Kl2Zx5Cv8Bn1Mq4"
    assert run.outcome.settings["organization"] == "org-Zq3Wr6Ey9Ut2Io5PaTk8Lp1M"
    assert run.outcome.settings["project"] == "proj_Kd3Fg6Hj9Kl2Zx5Cv8Bn1Mq4"


def test_azure_api_version_query(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "azure_openai")

    run = run_live(
        "azure_openai",
        env_for("azure_openai"),
        base_url=fake_provider.base_url("azure_openai"),
    )

    assert fake_provider.requests[0].query == "api-version=2024-10-21"
    assert run.outcome.settings["api_version"] == "2024-10-21"


def test_azure_without_api_version_sends_nothing(
    fake_provider: FakeProvider,
) -> None:
    mount_provider(fake_provider, "azure_openai")
    env = {"AZURE_OPENAI_API_KEY": KEYS["azure_openai"]}

    run = run_live("azure_openai", env, base_url=fake_provider.base_url("azure_openai"))

    assert "api_version_missing" in [f.cause for f in run.offline]
    assert run.outcome.requests_sent == 0
    assert fake_provider.requests == []


def test_gemini_api_version_setting(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "gemini")
    env = env_for("gemini") | {"GOOGLE_GENAI_API_VERSION": "v1"}

    run_live("gemini", env, base_url=fake_provider.base_url("gemini"))

    assert fake_provider.requests[0].path == "/gemini/v1/models"


def test_ollama_host_without_scheme(fake_provider: FakeProvider) -> None:
    fake_provider.mount("ollama", prefix="", models=("llama3.2:3b",), shape="ollama")
    host = f"127.0.0.1:{fake_provider.port}"

    run = run_live(
        "ollama", {"OLLAMA_HOST": host}, base_url=None or host, models=("llama3.2:3b",)
    )

    assert run.causes == []
    assert run.outcome.settings["base_url"] == fake_provider.origin


def test_ollama_api_key_bearer(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "ollama")

    run_live(
        "ollama",
        {"OLLAMA_API_KEY": KEYS["ollama"]},
        base_url=fake_provider.base_url("ollama"),
    )

    assert fake_provider.requests[0].credential_header == "authorization"


def test_missing_key_sends_nothing(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")

    run = run_live("openai", {}, base_url=fake_provider.base_url("openai"))

    assert run.outcome.requests_sent == 0
    assert "no key" in run.outcome.notes[0]
    assert fake_provider.requests == []


def test_all_providers_in_parallel(fake_provider: FakeProvider) -> None:
    delay = 0.3
    env: dict[str, str] = {}
    for provider in PROVIDERS:
        mount_provider(fake_provider, provider, delay=delay)
        env |= env_for(provider)
    checks = checks_for(env, {p: fake_provider.base_url(p) for p in PROVIDERS})

    started = time.monotonic()
    outcomes = verify_all(checks, timeout=5.0, probe=False)
    elapsed = time.monotonic() - started

    assert all(outcome.findings == [] for outcome in outcomes.values())
    # Thirteen providers, some with two requests in parallel: a small
    # multiple of one response's delay, far from the 13 * 0.3 s = 3.9 s of a
    # sequential check. The margin keeps a loaded CI machine from failing it.
    assert elapsed < 3 * delay
