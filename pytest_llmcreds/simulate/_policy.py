"""A check of an application's retry policy against every scenario of a provider.

The recommended policy retries rate limits, overloads, server errors,
timeouts and connection errors, with backoff that honours ``retry-after``.
It never retries an invalid or missing key, an exhausted quota, a permission
error or a request that is too long, because repeating those cannot
succeed. Scenarios whose policy is ``either`` (an error event inside a
stream) are skipped unless named.
"""

from __future__ import annotations

import asyncio
import inspect
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from pytest_llmcreds.simulate._mock import LLMMock, RecordedRequest
from pytest_llmcreds.simulate._models import Policy
from pytest_llmcreds.simulate.catalogue import errors_of, scenario_of

#: ``retry-after`` sent during the check, in seconds: long enough to measure
#: whether the application waited, short enough to keep the check fast.
CHECK_RETRY_AFTER = 0.05
#: Share of ``retry-after`` a gap may fall short by (timer resolution).
_TOLERANCE = 0.8


@dataclass(frozen=True)
class RetryCheck:
    """The outcome of one scenario: requests sent and whether that is right."""

    scenario: str
    policy: Policy
    requests: int
    #: True, False, or None when the scenario sends no ``retry-after`` or the
    #: application did not retry.
    honoured_retry_after: bool | None
    error: str

    @property
    def ok(self) -> bool:
        if self.policy == "no_retry":
            return self.requests == 1
        if self.policy == "retry":
            return self.requests >= 2 and self.honoured_retry_after is not False
        return True

    @property
    def expected(self) -> str:
        return {"retry": "retried (2+)", "no_retry": "sent once", "either": "any"}[
            self.policy
        ]


@dataclass(frozen=True)
class RetryPolicyReport:
    """Per-scenario results of :func:`check_retry_policy`."""

    provider: str
    checks: tuple[RetryCheck, ...]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    @property
    def failures(self) -> list[RetryCheck]:
        return [check for check in self.checks if not check.ok]

    def summary(self) -> str:
        """Return a table of every scenario, failures marked with ``FAIL``."""
        lines = [f"retry policy for {self.provider}:"]
        for check in self.checks:
            mark = "ok  " if check.ok else "FAIL"
            waited = {True: "", False: ", ignored retry-after", None: ""}[
                check.honoured_retry_after
            ]
            lines.append(
                f"  {mark} {check.scenario}: {check.requests} request(s), "
                f"expected {check.expected}{waited} -> {check.error}"
            )
        return "\n".join(lines)

    def assert_ok(self) -> None:
        """Raise ``AssertionError`` with the summary when any scenario failed."""
        if not self.ok:
            raise AssertionError(self.summary())


def check_retry_policy(
    mock: LLMMock,
    provider: str,
    call: Callable[[], object],
    *,
    scenarios: Iterable[str] | None = None,
) -> RetryPolicyReport:
    """Run ``call`` once per scenario of ``provider`` and count its requests.

    ``call`` performs one application call (a coroutine function works too);
    whatever it raises is recorded, not propagated. Every request fails while
    a scenario runs, so the count is the number of attempts the application
    makes before it gives up.
    """
    ids = list(scenarios) if scenarios is not None else _default_ids(provider)
    checks = tuple(_check_one(mock, provider, scenario, call) for scenario in ids)
    mock.reset(provider)
    return RetryPolicyReport(provider, checks)


def _default_ids(provider: str) -> list[str]:
    return [s.id for s in errors_of(provider).scenarios if s.policy != "either"]


def _check_one(
    mock: LLMMock, provider: str, scenario_id: str, call: Callable[[], object]
) -> RetryCheck:
    scenario = scenario_of(provider, scenario_id)
    mock.reset(provider)
    mock.fail(provider, scenario_id, retry_after=CHECK_RETRY_AFTER)
    error = _run(call)
    sent = mock.requests(provider)
    return RetryCheck(
        scenario=scenario_id,
        policy=scenario.policy,
        requests=len(sent),
        honoured_retry_after=_honoured(scenario.is_transport_failure, sent),
        error=error,
    )


def _run(call: Callable[[], object]) -> str:
    try:
        result = call()
        if inspect.isawaitable(result):
            asyncio.run(_awaited(result))
    except Exception as error:
        return f"{type(error).__module__}.{type(error).__qualname__}"
    return "returned"


async def _awaited(awaitable: object) -> None:
    await awaitable  # type: ignore[misc]


def _honoured(transport_failure: bool, sent: Sequence[RecordedRequest]) -> bool | None:
    times = [request.time for request in sent]
    if transport_failure or len(times) < 2:
        return None
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    return bool(min(gaps) >= CHECK_RETRY_AFTER * _TOLERANCE)
