"""The outcome cache: reuse within the TTL, never store the indeterminate or the key."""

from __future__ import annotations

import json
import time

from pytest_llmcreds.keys import Secret
from pytest_llmcreds.server import FakeProvider, Reply, Route
from pytest_llmcreds.verify import verify_all
from tests.live.providers import env_for, mount_provider
from tests.live.support import KEYS, WRONG_KEYS, MemoryCache, Run, checks_for, run_live


def check(
    server: FakeProvider,
    cache: MemoryCache,
    *,
    env: dict[str, str] | None = None,
    models: tuple[str, ...] = ("test-model",),
    probe: bool = False,
    refresh: bool = False,
) -> Run:
    return run_live(
        "openai",
        env_for("openai") if env is None else env,
        base_url=server.base_url("openai"),
        cache=cache,
        models=models,
        probe=probe,
        refresh=refresh,
    )


def test_passed_outcome_reused(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    cache = MemoryCache()

    first = check(fake_provider, cache)
    second = check(fake_provider, cache)

    assert first.outcome.from_cache is False
    assert second.outcome.from_cache is True
    assert second.outcome.requests_sent == 0
    assert len(fake_provider.requests) == 1
    assert second.outcome.models == {"test-model": "available"}
    assert "reused the live check" in second.outcome.notes[-1]


def test_failed_outcome_reused(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    cache = MemoryCache()
    env = env_for("openai", WRONG_KEYS["openai"])

    first = check(fake_provider, cache, env=env)
    second = check(fake_provider, cache, env=env)

    assert first.causes == ["key_invalid"]
    assert second.causes == ["key_invalid"]
    assert len(fake_provider.requests) == 1


def test_indeterminate_outcome_not_stored(fake_provider: FakeProvider) -> None:
    mount_provider(
        fake_provider,
        "openai",
        routes=(Route("/", Reply.json({"error": "busy"}, status=503)),),
    )
    cache = MemoryCache()

    check(fake_provider, cache)
    second = check(fake_provider, cache)

    assert second.causes == ["server_error"]
    assert cache.writes == 0
    assert len(fake_provider.requests) == 2


def test_expired_outcome_checked_again(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    cache = MemoryCache()

    run_live(
        "openai",
        env_for("openai"),
        base_url=fake_provider.base_url("openai"),
        cache=cache,
    )
    time.sleep(0.3)
    checks = checks_for(env_for("openai"), {"openai": fake_provider.base_url("openai")})
    outcome = verify_all(checks, timeout=5, probe=False, cache=cache, cache_ttl=0.2)

    assert outcome["openai"].from_cache is False
    assert len(fake_provider.requests) == 2


def test_changed_key_or_models_misses(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    cache = MemoryCache()

    check(fake_provider, cache)
    check(fake_provider, cache, models=("other-model",))
    check(fake_provider, cache, env=env_for("openai", WRONG_KEYS["openai"]))
    check(fake_provider, cache, probe=True)

    assert len(fake_provider.requests) == 5


def test_refresh_sends_and_stores(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    cache = MemoryCache()

    check(fake_provider, cache)
    refreshed = check(fake_provider, cache, refresh=True)

    assert refreshed.outcome.from_cache is False
    assert cache.writes == 2
    assert len(fake_provider.requests) == 2


def test_cache_holds_nothing_secret(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    cache = MemoryCache()
    key = KEYS["openai"]

    check(fake_provider, cache, env=env_for("openai", WRONG_KEYS["openai"]))
    check(fake_provider, cache)

    stored = json.dumps(cache.values)
    for value in (key, WRONG_KEYS["openai"]):
        assert value not in stored
        assert value[-16:] not in stored
        assert Secret(value).digest not in stored


def test_zero_ttl_turns_cache_off(fake_provider: FakeProvider) -> None:
    mount_provider(fake_provider, "openai")
    cache = MemoryCache()
    checks = checks_for(env_for("openai"), {"openai": fake_provider.base_url("openai")})

    verify_all(checks, timeout=5, probe=False, cache=cache, cache_ttl=0)

    assert cache.writes == 0
