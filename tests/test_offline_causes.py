"""Every offline cause id, end to end: environment in, report and skip reason out."""

from __future__ import annotations

import pytest

from tests.conftest import LiveSuite, provider_entry

OPENAI_KEY = "sk-proj-" + "Qx7pL2mZ9vR4tW8yB3nC6dF1gH5jK0sA" * 5
OTHER_OPENAI_KEY = "sk-proj-" + "Zz9yX8wV7uT6sR5qP4oN3mL2kJ1iH0gF" * 5
GEMINI_KEY = "AIzaSy3Bd4Fh7Jk0Lm3Np6Qr9St2Uv5Wx8Ya1Cd"
OTHER_GEMINI_KEY = "AIzaSy9Zx8Cv7Bn6Mm5Ll4Kk3Jj2Hh1Gg0Ff9E"
ANTHROPIC_KEY = "sk-ant-api03-" + "Hq3Zr8Wt1Ly6Pm0Nd5Kb9Xc2Vf7Gs4Ja" * 3
GROQ_KEY = "gsk_" + "Mn4Pq7Rs0Tu3Vw6Xy9Za2Bc5De8Fg1Hj" * 2
AZURE_KEY = "c51aae9ec269a4eaa6b80c7ab518ba37"

# (id, provider, environment, files, cause, status, words the advice contains)
CASES = [
    ("missing", "openai", {}, {}, "key_missing", "failed", ["OPENAI_API_KEY"]),
    ("empty", "openai", {"OPENAI_API_KEY": ""}, {}, "key_empty", "failed", ["empty"]),
    (
        "whitespace-only",
        "openai",
        {"OPENAI_API_KEY": "  \n"},
        {},
        "key_empty",
        "failed",
        ["whitespace"],
    ),
    (
        "trailing-newline",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY + "\n"},
        {},
        "key_whitespace",
        "failed",
        ["newline", "\\n"],
    ),
    (
        "trailing-crlf",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY + "\r\n"},
        {},
        "key_whitespace",
        "failed",
        ["CRLF", "\\r\\n"],
    ),
    (
        "leading-space",
        "anthropic",
        {"ANTHROPIC_API_KEY": " " + ANTHROPIC_KEY},
        {},
        "key_whitespace",
        "failed",
        ["leading space"],
    ),
    (
        "trailing-tab",
        "anthropic",
        {"ANTHROPIC_API_KEY": ANTHROPIC_KEY + "\t"},
        {},
        "key_whitespace",
        "failed",
        ["trailing tab"],
    ),
    (
        "double-quoted",
        "openai",
        {"OPENAI_API_KEY": f'"{OPENAI_KEY}"'},
        {},
        "key_quoted",
        "failed",
        ["double quotes"],
    ),
    (
        "single-quoted",
        "openai",
        {"OPENAI_API_KEY": f"'{OPENAI_KEY}'"},
        {},
        "key_quoted",
        "failed",
        ["single quotes"],
    ),
    (
        "smart-quotes",
        "openai",
        {"OPENAI_API_KEY": f"\u201c{OPENAI_KEY}\u201d"},
        {},
        "key_non_ascii",
        "failed",
        ["U+201C", "position 1"],
    ),
    (
        "en-dash",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY[:20] + "\u2013" + OPENAI_KEY[21:]},
        {},
        "key_non_ascii",
        "failed",
        ["U+2013", "position 21"],
    ),
    (
        "zero-width-space",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY + "\u200b"},
        {},
        "key_non_ascii",
        "failed",
        ["U+200B"],
    ),
    (
        "placeholder-docs",
        "openai",
        {"OPENAI_API_KEY": "your-api-key-here"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-template",
        "anthropic",
        {"ANTHROPIC_API_KEY": "ADD_YOUR_KEY_HERE"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-ellipsis",
        "openai",
        {"OPENAI_API_KEY": "sk-..."},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-angle",
        "openai",
        {"OPENAI_API_KEY": "<key>"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-changeme",
        "groq",
        {"GROQ_API_KEY": "changeme"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-null",
        "openai",
        {"OPENAI_API_KEY": "null"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-undefined",
        "openai",
        {"OPENAI_API_KEY": "undefined"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-own-name",
        "openai",
        {"OPENAI_API_KEY": "OPENAI_API_KEY"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-unexpanded",
        "openai",
        {"OPENAI_API_KEY": "${OPENAI_API_KEY}"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-github-expression",
        "openai",
        {"OPENAI_API_KEY": "${{ secrets.OPENAI_API_KEY }}"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "placeholder-template-braces",
        "openai",
        {"OPENAI_API_KEY": "{{ OPENAI_API_KEY }}"},
        {},
        "key_placeholder",
        "failed",
        [],
    ),
    (
        "url-as-key",
        "openai",
        {"OPENAI_API_KEY": "https://api.openai.com/v1"},
        {},
        "key_is_url",
        "failed",
        ["OPENAI_BASE_URL"],
    ),
    (
        "azure-key-at-openai",
        "openai",
        {"OPENAI_API_KEY": AZURE_KEY},
        {},
        "key_wrong_provider",
        "failed",
        ["Azure"],
    ),
    (
        "groq-key-at-openai",
        "openai",
        {"OPENAI_API_KEY": GROQ_KEY},
        {},
        "key_wrong_provider",
        "failed",
        ["Groq", "GROQ_API_KEY"],
    ),
    (
        "anthropic-key-at-openai",
        "openai",
        {"OPENAI_API_KEY": ANTHROPIC_KEY},
        {},
        "key_wrong_provider",
        "failed",
        ["Anthropic"],
    ),
    (
        "gemini-key-at-openai",
        "openai",
        {"OPENAI_API_KEY": GEMINI_KEY},
        {},
        "key_wrong_provider",
        "failed",
        ["Google"],
    ),
    (
        "openrouter-key-at-openai",
        "openai",
        {"OPENAI_API_KEY": "sk-or-v1-" + "0123456789abcdef" * 4},
        {},
        "key_wrong_provider",
        "failed",
        ["OpenRouter"],
    ),
    (
        "xai-key-at-openai",
        "openai",
        {"OPENAI_API_KEY": "xai-" + "Ab3Cd5Ef7Gh9" * 7},
        {},
        "key_wrong_provider",
        "failed",
        ["xAI"],
    ),
    (
        "openai-key-at-azure",
        "azure_openai",
        {
            "AZURE_OPENAI_API_KEY": OPENAI_KEY,
            "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com",
            "OPENAI_API_VERSION": "2024-10-21",
        },
        {},
        "key_wrong_provider",
        "failed",
        ["OpenAI", "OPENAI_API_KEY"],
    ),
    (
        "near-miss-variable",
        "openai",
        {"OPENAI_KEY": OPENAI_KEY},
        {},
        "key_wrong_variable",
        "failed",
        ["OPENAI_KEY", "OPENAI_API_KEY"],
    ),
    (
        "near-miss-together",
        "together",
        {"TOGETHERAI_API_KEY": "tgp_v1_" + "Ab3Cd5Ef7Gh9" * 4},
        {},
        "key_wrong_variable",
        "failed",
        ["TOGETHERAI_API_KEY", "TOGETHER_API_KEY"],
    ),
    (
        "lowercase-variable",
        "openai",
        {"openai_api_key": OPENAI_KEY},
        {},
        "key_wrong_variable",
        "failed",
        ["openai_api_key"],
    ),
    (
        "gemini-both-variables",
        "gemini",
        {"GOOGLE_API_KEY": GEMINI_KEY, "GEMINI_API_KEY": OTHER_GEMINI_KEY},
        {},
        "key_shadowed",
        "passed",
        ["GOOGLE_API_KEY", "GEMINI_API_KEY"],
    ),
    (
        "anthropic-key-and-token",
        "anthropic",
        {
            "ANTHROPIC_API_KEY": ANTHROPIC_KEY,
            "ANTHROPIC_AUTH_TOKEN": "sk-ant-oat01-" + "Zx9Cv8Bn7Mm6" * 6,
        },
        {},
        "key_shadowed",
        "passed",
        ["uses ANTHROPIC_API_KEY"],
    ),
    (
        "stale-export-beats-dotenv",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY},
        {".env": f"OPENAI_API_KEY={OTHER_OPENAI_KEY}\n"},
        "key_shadowed",
        "passed",
        [".env", "override"],
    ),
    (
        "key-only-in-dotenv",
        "openai",
        {},
        {".env": f"OPENAI_API_KEY={OPENAI_KEY}\n"},
        "key_missing",
        "failed",
        [".env", "load_dotenv"],
    ),
    (
        "legacy-base-variable",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_API_BASE": "http://127.0.0.1:9/v1"},
        {},
        "base_url_ignored",
        "passed",
        ["OPENAI_BASE_URL"],
    ),
    (
        "base-url-empty",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_BASE_URL": ""},
        {},
        "base_url_invalid",
        "failed",
        ["empty"],
    ),
    (
        "base-url-no-scheme",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_BASE_URL": "api.openai.com/v1"},
        {},
        "base_url_invalid",
        "failed",
        ["https://api.openai.com/v1"],
    ),
    (
        "base-url-bad-port",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_BASE_URL": "http://127.0.0.1:99999/v1"},
        {},
        "base_url_invalid",
        "failed",
        ["invalid port", "65535"],
    ),
    (
        "base-url-holds-key",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_BASE_URL": OTHER_OPENAI_KEY},
        {},
        "base_url_invalid",
        "failed",
        ["looks like an API key", "OPENAI_API_KEY"],
    ),
    (
        "base-url-user-info",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_BASE_URL": "http://u:pw@127.0.0.1:9/v1"},
        {},
        "base_url_invalid",
        "failed",
        ["user information", "Basic"],
    ),
    (
        "base-url-not-utf8",
        "openai",
        {
            "OPENAI_API_KEY": OPENAI_KEY,
            "OPENAI_BASE_URL": "http://127.0.0.1:9/v\udcff1",
        },
        {},
        "base_url_invalid",
        "failed",
        ["U+DCFF (the byte 0xFF, which is not valid UTF-8) at position 21"],
    ),
    (
        "azure-endpoint-with-api-version",
        "azure_openai",
        {
            "AZURE_OPENAI_API_KEY": AZURE_KEY,
            "AZURE_OPENAI_ENDPOINT": "https://res.openai.azure.com/?api-version=2024-10-21",
            "OPENAI_API_VERSION": "2024-10-21",
        },
        {},
        "base_url_invalid",
        "failed",
        ["query string", "OPENAI_API_VERSION"],
    ),
    (
        "base-url-single-slash",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_BASE_URL": "http:/127.0.0.1:9/v1"},
        {},
        "base_url_invalid",
        "failed",
        ["has no host name"],
    ),
    (
        "ollama-host-holds-key",
        "ollama",
        {"OLLAMA_HOST": OPENAI_KEY},
        {},
        "base_url_invalid",
        "failed",
        ["looks like an API key"],
    ),
    (
        "ollama-ipv6-listen-address",
        "ollama",
        {"OLLAMA_HOST": "[::]:11434"},
        {},
        "base_url_invalid",
        "failed",
        ["http://127.0.0.1:11434"],
    ),
    (
        "base-url-listen-address",
        "ollama",
        {"OLLAMA_HOST": "0.0.0.0"},
        {},
        "base_url_invalid",
        "failed",
        ["127.0.0.1", "localhost"],
    ),
    (
        "ollama-blank-host",
        "ollama",
        {"OLLAMA_HOST": ""},
        {},
        "base_url_invalid",
        "failed",
        ["OLLAMA_HOST"],
    ),
    (
        "azure-missing-endpoint",
        "azure_openai",
        {"AZURE_OPENAI_API_KEY": AZURE_KEY, "OPENAI_API_VERSION": "2024-10-21"},
        {},
        "base_url_missing",
        "failed",
        ["AZURE_OPENAI_ENDPOINT"],
    ),
    (
        "azure-litellm-names",
        "azure_openai",
        {
            "AZURE_OPENAI_API_KEY": AZURE_KEY,
            "AZURE_API_BASE": "https://res.openai.azure.com",
            "AZURE_API_VERSION": "2024-10-21",
        },
        {},
        "api_version_missing",
        "failed",
        ["AZURE_API_VERSION", "OPENAI_API_VERSION"],
    ),
    (
        "org-null",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_ORG_ID": "null"},
        {},
        "org_invalid",
        "failed",
        ["OPENAI_ORG_ID"],
    ),
    (
        "org-none",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_ORG_ID": "None"},
        {},
        "org_invalid",
        "failed",
        ["OPENAI_ORG_ID"],
    ),
    (
        "project-id-as-org",
        "openai",
        {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_ORG_ID": "proj_Ab3Cd5Ef7Gh9Jk1L"},
        {},
        "org_invalid",
        "failed",
        ["OPENAI_PROJECT_ID"],
    ),
    (
        "org-id-as-project",
        "openai",
        {
            "OPENAI_API_KEY": OPENAI_KEY,
            "OPENAI_PROJECT_ID": "org-Ab3Cd5Ef7Gh9Jk1LmN0pQ2rS",
        },
        {},
        "org_invalid",
        "failed",
        ["OPENAI_ORG_ID"],
    ),
]


@pytest.mark.parametrize(
    ("provider", "env", "files", "cause", "status", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_offline_cause(
    live_suite: LiveSuite,
    provider: str,
    env: dict[str, str],
    files: dict[str, str],
    cause: str,
    status: str,
    words: list[str],
) -> None:
    result, report = live_suite.run(provider, env=env, files=files)

    entry = provider_entry(report, provider)
    assert cause in entry["causes"]
    assert entry["status"] == status
    advice = " ".join(f["message"] + " " + f["fix"] for f in entry["findings"])
    for word in words:
        assert word in advice
    outcome = "skipped" if status == "failed" else "passed"
    result.assert_outcomes(
        passed=1 if outcome == "skipped" else 2,
        skipped=1 if outcome == "skipped" else 0,
    )


def test_offline_healthy_key_passes(live_suite: LiveSuite) -> None:
    result, report = live_suite.run("openai", env={"OPENAI_API_KEY": OPENAI_KEY})

    entry = provider_entry(report, "openai")
    assert entry["status"] == "passed"
    assert entry["causes"] == []
    result.assert_outcomes(passed=2)


def test_ci_empty_key_advises_secret_mapping(live_suite: LiveSuite) -> None:
    env = {"OPENAI_API_KEY": "", "CI": "true", "GITHUB_ACTIONS": "true"}

    _, report = live_suite.run("openai", env=env)

    fix = provider_entry(report, "openai")["findings"][0]["fix"]
    assert "secrets.OPENAI_API_KEY" in fix
    assert "forks" in fix


def test_ci_missing_key_names_ci_service(live_suite: LiveSuite) -> None:
    env = {"CI": "true", "GITLAB_CI": "true"}

    _, report = live_suite.run("anthropic", env=env)

    fix = provider_entry(report, "anthropic")["findings"][0]["fix"]
    assert "GitLab CI" in fix
    assert "secret" in fix


def test_gemini_empty_google_key_falls_through(live_suite: LiveSuite) -> None:
    env = {"GOOGLE_API_KEY": "", "GEMINI_API_KEY": GEMINI_KEY}

    _, report = live_suite.run("gemini", env=env)

    entry = provider_entry(report, "gemini")
    assert entry["status"] == "passed"
    assert entry["key_source"] == "GEMINI_API_KEY"


def test_openai_base_url_at_groq_accepts_groq_key(live_suite: LiveSuite) -> None:
    env = {
        "OPENAI_API_KEY": GROQ_KEY,
        "OPENAI_BASE_URL": "https://api.groq.com/openai/v1",
    }

    _, report = live_suite.run("openai", env=env)

    assert provider_entry(report, "openai")["causes"] == []


def test_ollama_needs_no_key(live_suite: LiveSuite) -> None:
    _, report = live_suite.run("ollama", env={"OLLAMA_HOST": "127.0.0.1:11500"})

    entry = provider_entry(report, "ollama")
    assert entry["status"] == "passed"
    assert entry["base_url"] == "http://127.0.0.1:11500"


def test_vllm_accepts_any_key_text(live_suite: LiveSuite) -> None:
    _, report = live_suite.run("vllm", env={"VLLM_API_KEY": "EMPTY"})

    assert provider_entry(report, "vllm")["status"] == "passed"


def test_non_ascii_message_shows_no_neighbours(live_suite: LiveSuite) -> None:
    key = OPENAI_KEY[:30] + "\u2014" + OPENAI_KEY[31:]

    _, report = live_suite.run("openai", env={"OPENAI_API_KEY": key})

    message = provider_entry(report, "openai")["findings"][0]["message"]
    assert "U+2014" in message
    assert OPENAI_KEY[26:30] not in message
    assert OPENAI_KEY[31:35] not in message


def test_custom_endpoint_keeps_other_key_shapes(live_suite: LiveSuite) -> None:
    """A LiteLLM master key has DeepSeek's shape; a proxy may accept it."""
    env = {
        "OPENAI_API_KEY": "sk-0123456789abcdef0123456789abcdef",
        "OPENAI_BASE_URL": "http://litellm.internal.invalid:4000/v1",
    }

    _, report = live_suite.run("openai", env=env)

    entry = provider_entry(report, "openai")
    assert entry["causes"] == []
    assert entry["status"] == "passed"


def test_default_endpoint_flags_other_key_shape(live_suite: LiveSuite) -> None:
    env = {"OPENAI_API_KEY": "sk-0123456789abcdef0123456789abcdef"}

    _, report = live_suite.run("openai", env=env)

    assert provider_entry(report, "openai")["causes"] == ["key_wrong_provider"]


def test_settings_of_unknown_shape_not_shown(live_suite: LiveSuite) -> None:
    short_key = "c0ffee00c0ffee00c0ffee00c0ffee00"
    env = {
        "OPENAI_API_KEY": OPENAI_KEY,
        "OPENAI_ORG_ID": short_key,
        "OPENAI_PROJECT_ID": "proj_Ab3Cd5Ef7Gh9Jk1L",
    }

    result, report = live_suite.run(
        "openai", env=env, options=("--llm-preflight", "--llm-offline", "-v")
    )

    settings = provider_entry(report, "openai")["settings"]
    assert settings["OPENAI_ORG_ID"] == "(not shown: not a valid value)"
    assert settings["OPENAI_PROJECT_ID"] == "proj_Ab3Cd5Ef7Gh9Jk1L"
    assert short_key not in result.stdout.str()
