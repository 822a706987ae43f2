"""How each built-in provider is mounted on the fake provider in these tests."""

from __future__ import annotations

from pytest_llmcreds.server import FakeProvider, Mount, Route
from tests.live.support import KEYS

#: Path under the mount that the provider's SDK base URL ends with.
BASE_PATHS: dict[str, str] = {
    "openai": "/v1",
    "openrouter": "/api/v1",
    "together": "/v1",
    "xai": "/v1",
    "vllm": "/v1",
}

SHAPES: dict[str, str] = {
    "anthropic": "anthropic",
    "gemini": "gemini",
    "ollama": "ollama",
}

#: Settings a provider's SDK needs beyond the key.
EXTRA_ENV: dict[str, dict[str, str]] = {
    "azure_openai": {"OPENAI_API_VERSION": "2024-10-21"},
}

PROVIDERS = tuple(KEYS)


def mount_provider(
    server: FakeProvider,
    provider: str,
    *,
    models: tuple[str, ...] = ("test-model",),
    routes: tuple[Route, ...] = (),
    delay: float = 0.0,
) -> Mount:
    """Mount ``provider`` accepting its test key (any request, for Ollama)."""
    return server.mount(
        provider,
        keys=None if provider == "ollama" else (KEYS[provider],),
        models=models,
        shape=SHAPES.get(provider, "openai"),
        routes=routes,
        base_path=BASE_PATHS.get(provider, ""),
        delay=delay,
    )


def env_for(provider: str, key: str | None = None) -> dict[str, str]:
    from tests.live.support import key_variable

    env = dict(EXTRA_ENV.get(provider, {}))
    if provider != "ollama":
        env[key_variable(provider)] = KEYS[provider] if key is None else key
    return env
