"""Secret and fingerprints: a key never prints itself."""

from __future__ import annotations

import logging
import pickle

import pytest

from pytest_llmcreds.keys import Secret, fingerprint, safe_url

KEY = "sk-proj-" + "Qx7pL2mZ9vR4tW8yB3nC6dF1gH5jK0sA" * 5


def test_secret_repr_is_fingerprint() -> None:
    secret = Secret(KEY)

    assert repr(secret) == f"Secret({fingerprint(KEY)})"
    assert KEY[8:24] not in repr(secret)
    assert KEY[8:24] not in str(secret)
    assert KEY[8:24] not in f"{secret}"


def test_secret_refuses_pickle() -> None:
    with pytest.raises(TypeError, match="never pickled"):
        pickle.dumps(Secret(KEY))


def test_secret_in_log_record(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        logging.getLogger("test").debug("key is %s", Secret(KEY))

    assert KEY[8:24] not in caplog.text
    assert "…K0sA" in caplog.text


def test_secrets_compare_by_digest() -> None:
    assert Secret(KEY) == Secret(KEY)
    assert Secret(KEY) != Secret(KEY + "x")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (KEY, "sk-proj-…(168 chars)…K0sA"),
        (KEY + "\n", "sk-proj-…(169 chars)…K0sA"),
        ("short-key-123", "(13 chars)"),
        ("", "(empty)"),
    ],
)
def test_fingerprint_forms(value: str, expected: str) -> None:
    assert fingerprint(value) == expected


def test_safe_url_hides_key_parts() -> None:
    url = f"https://u:{KEY}@{KEY[:40]}.example/v1/{KEY}?key={KEY}"

    shown = safe_url(url)

    assert KEY[8:24] not in shown
    assert shown.startswith("https://***@")
