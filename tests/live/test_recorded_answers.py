"""Replay every recorded provider error on loopback and check the cause it gets."""

from __future__ import annotations

import pytest

from pytest_llmcreds.server import FakeProvider, Reply, Route
from tests.live.providers import env_for, mount_provider
from tests.live.recorded_answers import RECORDED_ANSWERS, RecordedAnswer
from tests.live.support import KEYS, run_live

MODEL = "test-model"

#: Causes that must not be retried: a retry cannot change the response.
NEVER_RETRIED = {
    "key_invalid",
    "quota_exhausted",
    "org_mismatch",
    "region_blocked",
    "service_disabled",
    "key_restricted",
    "model_not_found",
    "model_no_access",
}


def reply_of(recorded: RecordedAnswer) -> Reply:
    headers = dict(recorded.headers)
    headers.setdefault(
        "content-type",
        "text/html" if recorded.body.lstrip().startswith("<") else "application/json",
    )
    if recorded.body.startswith("404 page"):
        headers["content-type"] = "text/plain"
    return Reply(status=recorded.status, headers=headers, body=recorded.body)


def replay(server: FakeProvider, recorded: RecordedAnswer) -> list[str]:
    reply = reply_of(recorded)
    # The probe is the only POST; the key check and the model list are GETs.
    route = Route("/", reply, method="POST" if recorded.phase == "probe" else None)
    mount_provider(server, recorded.provider, models=(MODEL,), routes=(route,))
    run = run_live(
        recorded.provider,
        env_for(recorded.provider),
        base_url=server.base_url(recorded.provider),
        models=(MODEL,),
        probe=recorded.phase == "probe",
        timeout=3.0,
    )
    text = run.text()
    key = KEYS[recorded.provider]
    assert key not in text
    assert key[-16:] not in text
    return run.causes


@pytest.mark.parametrize(
    "recorded",
    RECORDED_ANSWERS,
    ids=[f"{r.provider}-{r.scenario}" for r in RECORDED_ANSWERS],
)
def test_recorded_answer_cause(
    fake_provider: FakeProvider, recorded: RecordedAnswer
) -> None:
    causes = replay(fake_provider, recorded)

    assert recorded.cause in causes


@pytest.mark.parametrize(
    "recorded",
    [r for r in RECORDED_ANSWERS if r.cause in NEVER_RETRIED],
    ids=lambda r: f"{r.provider}-{r.scenario}",
)
def test_recorded_answer_not_retried(
    fake_provider: FakeProvider, recorded: RecordedAnswer
) -> None:
    replay(fake_provider, recorded)

    answered = [
        r
        for r in fake_provider.requests
        if (r.method == "POST") == (recorded.phase == "probe")
    ]
    paths = [r.path for r in answered]
    assert len(paths) == len(set(paths))
