"""When to retry: only a rate-limited response, after the wait it names."""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping

from pytest_llmcreds.verify._response import Response

#: A rate-limited response is retried at most this often, and nothing else is:
#: quota, credential and permission responses do not change on a retry.
MAX_RETRIES = 2
#: The longest wait between retries, in seconds, whatever retry-after asks
#: for. The wait is also kept below half the time left for the provider.
MAX_RETRY_WAIT = 5.0
#: The wait when a 429 names none, in seconds.
DEFAULT_RETRY_WAIT = 0.5


def retry_wait(response: Response, remaining: float) -> float | None:
    """Seconds to wait before a retry, or None when no time is left for one."""
    wait = retry_after(response.headers)
    wait = min(DEFAULT_RETRY_WAIT if wait is None else wait, MAX_RETRY_WAIT)
    if wait > remaining / 2:
        return None
    return max(wait, 0.0)


def retry_after(headers: Mapping[str, str]) -> float | None:
    """Return the wait that retry-after-ms or retry-after names, in seconds."""
    milliseconds = headers.get("retry-after-ms")
    if milliseconds:
        try:
            return float(milliseconds) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return when.timestamp() - time.time()
