"""Canary keys: no form of any key may appear anywhere the plugin writes.

The suite under test gets fake keys in every form the offline checks know
(clean, with whitespace, quoted, with smart quotes, in near-miss variables,
in .env files, shadowed, in organization and base URL variables), fails on
purpose with ``--showlocals`` and writes every artefact pytest can write.
Then each artefact is searched for every key, its stripped form and every
16-character piece of it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CANARIES = {
    "openai": "sk-proj-CANARYopenaiAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghij",
    "anthropic": "sk-ant-api03-CANARYanthropicAbCdEfGhIjKlMnOpQrStUvWxYz0123456789AA",
    "gemini": "AIzaSyCANARYgeminiAbCdEfGhIjKlMnOpQrS",
    "google": "AIzaSyCANARYgoogleZyXwVuTsRqPoNmLkJiH",
    "groq": "gsk_CANARYgroqAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdef",
    "dotenv": "sk-proj-CANARYdotenvAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghij",
    "azure": "c0ffee00c0ffee00c0ffee00c0ffee00",
    "org": "sk-proj-CANARYinorgAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijk",
    "url": "sk-proj-CANARYinurlAbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefghijk",
    "nearmiss": "tgp_v1_CANARYnearmissAbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    "gateway": "corp-CANARYgatewayAbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
}

ENVIRONMENT = {
    "OPENAI_API_KEY": f"\u201c{CANARIES['openai']}\u201d\n",
    "OPENAI_ORG_ID": CANARIES["org"],
    "OPENAI_API_BASE": f"https://user:{CANARIES['url']}@gateway.invalid/v1",
    "ANTHROPIC_API_KEY": f" '{CANARIES['anthropic']}' ",
    "ANTHROPIC_AUTH_TOKEN": CANARIES["groq"],
    "GOOGLE_API_KEY": CANARIES["google"] + "\r\n",
    "GEMINI_API_KEY": CANARIES["gemini"],
    "GROQ_API_KEY": f'"{CANARIES["groq"]}"',
    "AZURE_OPENAI_API_KEY": CANARIES["azure"] + "\t",
    "AZURE_OPENAI_ENDPOINT": f"https://res.openai.azure.com/?api-key={CANARIES['azure']}",
    "TOGETHERAI_API_KEY": CANARIES["nearmiss"],
    "CORP_KEY": CANARIES["gateway"],
    "MISTRAL_API_KEY": CANARIES["openai"],
}

SUITE = """
import pytest

PROVIDERS = ["openai", "anthropic", "gemini", "groq", "azure_openai",
             "together", "mistral", "corp"]

@pytest.mark.parametrize(
    "provider", [pytest.param(p, marks=pytest.mark.llm_live(p)) for p in PROVIDERS]
)
def test_live(provider, llm_preflight):
    result = llm_preflight[provider]
    assert result.status == "never", result

def test_offline_fails(llm_preflight):
    snapshot = llm_preflight
    assert snapshot is None
"""


def key_pieces(key: str) -> set[str]:
    stripped = key.strip(" \t\r\n\"'\u201c\u201d")
    pieces = {key, stripped}
    pieces |= {stripped[i : i + 16] for i in range(len(stripped) - 15)}
    return pieces


def find_leaks(text: str) -> list[str]:
    """Name the canaries found in ``text`` without quoting them."""
    return sorted(
        name
        for name, key in CANARIES.items()
        if any(piece in text for piece in key_pieces(key))
    )


@pytest.fixture
def canary_run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch):
    for name, value in ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    pytester.makeini(
        "[pytest]\n"
        "llm_gateways =\n"
        "    corp openai key_env=CORP_KEY base_url=http://127.0.0.1:9/v1\n"
    )
    (pytester.path / ".env").write_text(f"OPENAI_API_KEY={CANARIES['dotenv']}\n")
    pytester.makepyfile(test_canary_suite=SUITE)
    return pytester


@pytest.mark.parametrize(
    "options",
    [
        ("--llm-preflight", "--llm-offline"),
        ("--llm-preflight=warn", "--llm-offline"),
        ("--llm-preflight=fail", "--llm-offline"),
        (),
    ],
    ids=["skip", "warn", "fail", "off"],
)
def test_no_key_in_any_output(
    canary_run: pytest.Pytester, options: tuple[str, ...]
) -> None:
    result = canary_run.runpytest_subprocess(
        *options,
        "-vv",
        "-rA",
        "--showlocals",
        "--tb=long",
        "--junitxml=junit.xml",
        "--llm-report=report.json",
        "--log-level=DEBUG",
        "-o",
        "log_cli=true",
    )

    assert result.ret != pytest.ExitCode.USAGE_ERROR
    assert find_leaks(result.stdout.str()) == []
    assert find_leaks(result.stderr.str()) == []
    for artefact in ("junit.xml", "report.json"):
        path = canary_run.path / artefact
        if path.exists():
            assert find_leaks(path.read_text(encoding="utf-8")) == [], artefact


def test_no_key_in_live_output(
    canary_run: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The live checks, with httpx and httpcore logging at DEBUG, leak nothing."""
    from pytest_llmcreds.server import FakeProvider, Reply

    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    providers = [
        "openai",
        "anthropic",
        "gemini",
        "groq",
        "azure_openai",
        "together",
        "mistral",
        "corp",
    ]
    with FakeProvider() as server:
        echo = Reply.json(
            {"error": {"message": "Incorrect API key provided", "code": "x"}},
            status=401,
        )
        for name in providers:
            server.mount(name, keys=("not-the-canary-key-at-all",), fail=echo)
        options = [
            f"--llm-base-url={name}={server.base_url(name)}" for name in providers
        ]
        result = canary_run.runpytest_subprocess(
            "--llm-preflight=warn",
            *options,
            "-vv",
            "-rA",
            "--showlocals",
            "--junitxml=junit.xml",
            "--llm-report=report.json",
            "--log-level=DEBUG",
            "-o",
            "log_cli=true",
        )
        asked = {request.mount for request in server.requests}

    # Azure lacks an API version and Together a key, so they are not asked.
    assert asked == {"openai", "anthropic", "gemini", "groq", "mistral", "corp"}
    assert find_leaks(result.stdout.str()) == []
    assert find_leaks(result.stderr.str()) == []
    for artefact in ("junit.xml", "report.json"):
        text = (canary_run.path / artefact).read_text(encoding="utf-8")
        assert find_leaks(text) == [], artefact
    assert '"checked": "live"' in (canary_run.path / "report.json").read_text()
    assert "GET /v1beta/models" in result.stdout.str()
    assert "{version}" not in result.stdout.str()


def test_no_key_in_cache(canary_run: pytest.Pytester) -> None:
    canary_run.runpytest_subprocess("--llm-preflight", "--llm-offline")
    canary_run.runpytest_subprocess("--llm-preflight", "--llm-offline", "--lf")

    cache = canary_run.path / ".pytest_cache"
    assert cache.is_dir()
    for path in sorted(p for p in cache.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert find_leaks(text) == [], path.relative_to(canary_run.path)


def test_canaries_really_reach_plugin(canary_run: pytest.Pytester) -> None:
    """Guard the test above: the plugin does see each canary's fingerprint."""
    canary_run.runpytest_subprocess(
        "--llm-preflight", "--llm-offline", "--llm-report=report.json"
    )

    report = (canary_run.path / "report.json").read_text(encoding="utf-8")
    assert "sk-proj-…(66 chars)…ghij" in report
    assert "key_quoted" in report
    assert "key_non_ascii" in report
    assert "key_wrong_variable" in report


def test_leak_finder_finds_pieces() -> None:
    piece = CANARIES["gemini"][5:21]

    assert find_leaks(f"prefix {piece} suffix") == ["gemini"]
    assert find_leaks(os.devnull) == []
    assert Path(os.devnull).name == "null"
