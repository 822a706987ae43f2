"""The pytest surface end to end: options, modes, markers, ini twins and hooks."""

from __future__ import annotations

import json

import pytest

from tests.conftest import LiveSuite, provider_entry

OPENAI_KEY = "sk-proj-" + "Qx7pL2mZ9vR4tW8yB3nC6dF1gH5jK0sA" * 5

TWO_PROVIDERS = """
import pytest

@pytest.mark.llm_live("openai")
def test_openai():
    pass

@pytest.mark.llm_live("anthropic")
def test_anthropic():
    pass

def test_offline():
    pass
"""


def test_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")

    result.stdout.fnmatch_lines(["@pytest.mark.llm_live(*providers, model=None): *"])


def test_strict_markers_accept_llm_live(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--strict-markers")

    result.assert_outcomes(passed=1, skipped=2)


def test_disabled_plugin_leaves_marker_unknown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    # In a subprocess: in-process runs share pytest's cache of known markers.
    result = pytester.runpytest_subprocess("-p", "no:llmcreds", "--strict-markers")

    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*'llm_live' not found in `markers`*"])


def test_disabled_plugin_runs_live_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest(
        "-p", "no:llmcreds", "-W", "ignore::pytest.PytestUnknownMarkWarning"
    )

    result.assert_outcomes(passed=3)


def test_disabled_plugin_has_no_options(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("-p", "no:llmcreds", "--llm-preflight")

    assert result.ret == pytest.ExitCode.USAGE_ERROR


def test_preflight_keeps_following_path(pytester: pytest.Pytester) -> None:
    pytester.mkdir("live")
    pytester.makepyfile(**{"live/test_live.py": TWO_PROVIDERS})
    pytester.makepyfile(test_elsewhere="def test_elsewhere(): pass")

    result = pytester.runpytest("--llm-preflight", "live")

    result.assert_outcomes(passed=1, skipped=2)


def test_preflight_mode_with_equals(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight=warn", "--llm-offline")

    result.assert_outcomes(passed=3)
    result.stdout.fnmatch_lines(["*= llm preflight =*", "openai *FAILED*"])


def test_skip_mode_skips_failed_provider_only(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight=skip", "--llm-offline", "-rs")

    result.assert_outcomes(passed=2, skipped=1)
    result.stdout.fnmatch_lines(
        [
            "SKIPPED [[]1[]] test_skip_mode_skips_failed_provider_only.py:*: "
            "llmcreds: anthropic preflight failed: key_missing: *Fix: export "
            "ANTHROPIC_API_KEY=*"
        ]
    )


def test_fail_mode_stops_before_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight=fail", "--llm-offline")

    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes()
    result.stdout.fnmatch_lines(
        [
            "*= llm preflight =*",
            "openai *FAILED*key_missing*",
            "*llmcreds: preflight failed for openai (key_missing), anthropic "
            "(key_missing); no test was run*",
        ]
    )


def test_fail_mode_runs_when_all_pass(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-api03-" + "Hq3Zr8Wt1Ly6" * 8)
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight=fail", "--llm-offline")

    assert result.ret == pytest.ExitCode.OK
    result.assert_outcomes(passed=3)


def test_warn_mode_runs_live_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight=warn", "--llm-offline")

    result.assert_outcomes(passed=3)


def test_invalid_mode_is_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--llm-preflight=sometimes")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "*--llm-preflight / llm_preflight: invalid mode 'sometimes'; use one of "
            "skip, fail, warn, off*"
        ]
    )


def test_ini_mode_applies(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nllm_preflight = fail\nllm_offline = true\n")
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest()

    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_bare_option_takes_ini_mode(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nllm_preflight = fail\n")
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight", "--llm-offline")

    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_command_line_mode_beats_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nllm_preflight = fail\n")
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight=warn", "--llm-offline")

    assert result.ret == pytest.ExitCode.OK


def test_ini_mode_off_checks_presence_only(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "your-api-key-here")
    pytester.makeini("[pytest]\nllm_preflight = off\n")
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("-rs")

    result.assert_outcomes(passed=2, skipped=1)
    result.stdout.fnmatch_lines(["*anthropic preflight failed: key_missing*"])


def test_without_preflight_missing_key_skips(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("-rs")

    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(
        ["*only missing and empty keys were checked; run with --llm-preflight*"]
    )


def test_without_preflight_malformed_key_runs(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "your-api-key-here")
    monkeypatch.setenv("ANTHROPIC_API_KEY", " sk-ant-api03-" + "Hq3Zr8Wt1Ly6" * 8)
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest()

    result.assert_outcomes(passed=3)
    assert "llm preflight" not in result.stdout.str()


def test_without_preflight_no_header(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest()

    assert "llmcreds: preflight" not in result.stdout.str()


def test_header_names_mode(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight", "--llm-offline")

    result.stdout.fnmatch_lines(["llmcreds: preflight mode skip, offline checks only"])


def test_unmarked_suite_does_nothing(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_plain(): pass")

    result = pytester.runpytest("--llm-preflight")

    result.assert_outcomes(passed=1)
    assert "llm preflight" not in result.stdout.str()


def test_provider_option_checks_unmarked(live_suite: LiveSuite) -> None:
    _, report = live_suite.run(
        "openai", options=("--llm-preflight", "--llm-offline", "--llm-provider=groq")
    )

    assert [p["provider"] for p in report["providers"]] == ["groq", "openai"]


def test_ini_providers_are_checked(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nllm_providers = mistral deepseek\n")
    pytester.makepyfile(TWO_PROVIDERS)

    pytester.runpytest("--llm-preflight", "--llm-offline", "--llm-report=r.json")

    report = json.loads((pytester.path / "r.json").read_text())
    names = [p["provider"] for p in report["providers"]]
    assert names == ["mistral", "deepseek", "openai", "anthropic"]


def test_unknown_provider_option_suggests(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--llm-preflight", "--llm-provider=opena1")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "*--llm-provider / llm_providers: unknown provider 'opena1' "
            "(did you mean 'openai'?); use one of anthropic, azure_openai, *"
        ]
    )


def test_bad_model_option_is_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--llm-preflight", "--llm-model=gpt-4o")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["*--llm-model / llm_models: invalid value 'gpt-4o'; use PROVIDER=MODEL*"]
    )


@pytest.mark.parametrize("value", ["soon", "0", "-5", "nan", "inf"])
def test_bad_timeout_is_usage_error(pytester: pytest.Pytester, value: str) -> None:
    result = pytester.runpytest("--llm-preflight", f"--llm-preflight-timeout={value}")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "*--llm-preflight-timeout / llm_preflight_timeout: invalid value "
            f"'{value}'; use a finite number of seconds greater than 0*"
        ]
    )


def test_bad_cache_ttl_is_usage_error(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nllm_preflight_cache_ttl = -5\n")

    result = pytester.runpytest("--llm-preflight")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*llm_preflight_cache_ttl: invalid value '-5'*"])


def test_model_option_lists_model(live_suite: LiveSuite) -> None:
    _, report = live_suite.run(
        "openai",
        options=("--llm-preflight", "--llm-offline", "--llm-model=openai=gpt-4o-mini"),
    )

    assert provider_entry(report, "openai")["models"] == {"gpt-4o-mini": "unknown"}


def test_marker_models_are_collected(live_suite: LiveSuite) -> None:
    source = """
import pytest

@pytest.mark.llm_live("openai", model="gpt-4o")
def test_one():
    pass

@pytest.mark.llm_live("openai", model=["gpt-4o-mini", "gpt-4o"])
def test_two():
    pass
"""
    _, report = live_suite.run(source=source)

    assert list(provider_entry(report, "openai")["models"]) == ["gpt-4o", "gpt-4o-mini"]


def test_base_url_option_overrides(live_suite: LiveSuite) -> None:
    _, report = live_suite.run(
        "openai",
        env={"OPENAI_BASE_URL": "https://ignored.example/v1"},
        options=(
            "--llm-preflight",
            "--llm-offline",
            "--llm-base-url=openai=http://127.0.0.1:8080/v1",
        ),
    )

    assert provider_entry(report, "openai")["base_url"] == "http://127.0.0.1:8080/v1"


def test_base_url_ini_twin(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nllm_base_urls =\n    vllm=http://127.0.0.1:8001/v1\n")
    pytester.makepyfile(
        "import pytest\n@pytest.mark.llm_live('vllm')\ndef test_v(): pass\n"
    )

    pytester.runpytest("--llm-preflight", "--llm-offline", "--llm-report=r.json")

    report = json.loads((pytester.path / "r.json").read_text())
    assert report["providers"][0]["base_url"] == "http://127.0.0.1:8001/v1"


def test_markers_stack(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    pytester.makepyfile(
        """
import pytest

@pytest.mark.llm_live("openai")
@pytest.mark.llm_live("gemini")
def test_both():
    pass
"""
    )

    result = pytester.runpytest("--llm-preflight", "--llm-offline", "-rs")

    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*gemini preflight failed: key_missing*"])


def test_module_marker_applies(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
import pytest

pytestmark = pytest.mark.llm_live("openai")

def test_one():
    pass

class TestGroup:
    def test_two(self):
        pass
"""
    )

    result = pytester.runpytest()

    result.assert_outcomes(skipped=2)


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ("llm_live()", "llm_live needs at least one provider name*"),
        (
            "llm_live('opneai')",
            "llm_live: unknown provider 'opneai' (did you mean 'openai'?)*",
        ),
        ("llm_live('openai', model=3)", "llm_live: model must be a model name*"),
        ("llm_live('openai', models='x')", "llm_live: unknown argument 'models'*"),
        ("llm_live('openai', model='')", "llm_live: invalid model name ''*"),
        (
            "llm_live('openai', model='gpt 4o')",
            "llm_live: invalid model name 'gpt 4o'*",
        ),
    ],
)
def test_bad_marker_fails_test(
    pytester: pytest.Pytester, marker: str, message: str
) -> None:
    pytester.makepyfile(
        f"import pytest\n@pytest.mark.{marker}\ndef test_bad(): pass\n"
        "def test_good(): pass\n"
    )

    result = pytester.runpytest()

    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines([f"*{message}"])


def test_verbose_shows_settings(live_suite: LiveSuite) -> None:
    env = {"OPENAI_API_KEY": OPENAI_KEY, "OPENAI_PROJECT_ID": "proj_Ab3Cd5Ef7Gh9Jk1L"}

    result, _ = live_suite.run(
        "openai",
        env=env,
        options=("--llm-preflight", "--llm-offline", "-v", "--llm-model=openai=gpt-4o"),
    )

    result.stdout.fnmatch_lines(
        ["    OPENAI_PROJECT_ID=proj_Ab3Cd5Ef7Gh9Jk1L", "    model gpt-4o: unknown"]
    )


def test_report_schema(live_suite: LiveSuite) -> None:
    _, report = live_suite.run("openai", env={"OPENAI_API_KEY": OPENAI_KEY})

    assert report["version"] == 1
    entry = provider_entry(report, "openai")
    expected = {
        "provider",
        "status",
        "causes",
        "key_source",
        "fingerprint",
        "base_url",
        "request_id",
        "models",
        "findings",
    }
    assert expected <= set(entry)
    assert entry["fingerprint"] == "sk-proj-…(168 chars)…sK0sA"[:-5] + "K0sA"
    assert entry["key_source"] == "OPENAI_API_KEY"


def test_unwritable_report_warns(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)
    (pytester.path / "blocked").write_text("a file, not a directory")

    result = pytester.runpytest("--llm-preflight", "--llm-report=blocked/r.json")

    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(
        ["*LLMCredsWarning: cannot write the preflight report to *"]
    )


def test_undecodable_dotenv_keeps_running(pytester: pytest.Pytester) -> None:
    (pytester.path / ".env").write_bytes(b"OPENAI_API_KEY=\xff\xfe\xfa\n")
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight", "--llm-offline")

    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(
        [
            "llmcreds: warning: cannot read */.env: it is not valid UTF-8; it was not "
            "compared"
        ]
    )


def test_missing_env_file_option_is_usage_error(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--llm-preflight", "--llm-env-file=nope.env")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["*--llm-env-file: file not found: */nope.env*"])


def test_report_written_without_providers(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_plain(): pass")

    pytester.runpytest("--llm-preflight", "--llm-report=r.json")

    report = json.loads((pytester.path / "r.json").read_text())
    assert report["providers"] == []


def test_collect_only_sends_no_request(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    pytester.makepyfile(TWO_PROVIDERS)

    pytester.runpytest("--llm-preflight", "--collect-only", "--llm-report=r.json")

    report = json.loads((pytester.path / "r.json").read_text())
    assert report["offline"] is True
    assert report["providers"][0]["checked"] == "offline"


def test_fixture_exposes_result(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    pytester.makepyfile(
        """
import pytest

@pytest.mark.llm_live("openai")
def test_status(llm_preflight):
    assert llm_preflight["openai"].status == "passed"
    assert llm_preflight["openai"].fingerprint.endswith("K0sA")

def test_unchecked(llm_preflight):
    with pytest.raises(KeyError, match="was not checked by the preflight"):
        llm_preflight["groq"]
"""
    )

    result = pytester.runpytest("--llm-preflight", "--llm-offline")

    result.assert_outcomes(passed=2)


def test_gateway_from_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\nllm_gateways =\n"
        "    corp openai key_env=CORP_LLM_KEY base_url=https://llm.corp.example/v1\n"
    )
    pytester.makepyfile(
        "import pytest\n@pytest.mark.llm_live('corp')\ndef test_c(): pass\n"
    )

    result = pytester.runpytest(
        "--llm-preflight", "--llm-offline", "-rs", "--llm-report=r.json"
    )

    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*corp preflight failed: key_missing: CORP_LLM_KEY*"])
    report = json.loads((pytester.path / "r.json").read_text())
    assert report["providers"][0]["base_url"] == "https://llm.corp.example/v1"


def test_gateway_in_pyproject(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORP_KEY", "corp-Ab3Cd5Ef7Gh9Jk1LmN0pQ2rS")
    pytester.makepyprojecttoml(
        """
[tool.pytest.ini_options]
llm_gateways = ["corp anthropic key_env=CORP_KEY base_url_env=CORP_URL base_url=http://127.0.0.1:9"]
"""
    )
    pytester.makepyfile(
        "import pytest\n@pytest.mark.llm_live('corp')\ndef test_c(): pass\n"
    )

    result = pytester.runpytest("--llm-preflight", "--llm-offline")

    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("corp", "needs at least a name and a compatibility"),
        (
            "corp grpc base_url=x",
            "unknown compatibility 'grpc'; use openai or anthropic",
        ),
        ("corp openai key=X base_url=x", "unknown setting 'key=X'"),
        ("corp openai key_env=X", "needs base_url=URL or base_url_env=VAR"),
        (
            "openai openai key_env=X base_url=http://x",
            "provider 'openai' is defined twice",
        ),
    ],
)
def test_bad_gateway_is_usage_error(
    pytester: pytest.Pytester, line: str, message: str
) -> None:
    pytester.makeini(f"[pytest]\nllm_gateways =\n    {line}\n")

    result = pytester.runpytest("--llm-preflight")

    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert message in result.stderr.str()


def test_hook_adds_provider(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
from pytest_llmcreds.providers import ProviderSpec

def pytest_llmcreds_providers(config):
    return [ProviderSpec(name="acme", title="Acme AI", sdk="acme",
                         compatibility="openai", key_vars=("ACME_API_KEY",),
                         default_base_url="https://api.acme.example/v1")]
"""
    )
    pytester.makepyfile(
        "import pytest\n@pytest.mark.llm_live('acme')\ndef test_a(): pass\n"
    )

    result = pytester.runpytest("--llm-preflight", "--llm-offline", "-rs")

    result.assert_outcomes(skipped=1)
    result.stdout.fnmatch_lines(["*acme preflight failed: key_missing: ACME_API_KEY*"])


@pytest.mark.parametrize("mode", ["skip", "off"])
def test_xdist_workers_skip_from_controller(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest_subprocess(
        "-n",
        "2",
        f"--llm-preflight={mode}",
        "--llm-offline",
        "-rs",
        "--llm-report=r.json",
    )

    result.assert_outcomes(passed=2, skipped=1)
    result.stdout.fnmatch_lines(
        ["*1 live test skipped*", "*anthropic preflight failed: key_missing*"]
    )
    report = json.loads((pytester.path / "r.json").read_text())
    assert [p["provider"] for p in report["providers"]] == ["openai", "anthropic"]


def test_xdist_fail_mode_stops(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest_subprocess(
        "-n", "2", "--llm-preflight=fail", "--llm-offline"
    )

    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes()
    result.stdout.fnmatch_lines(["*preflight failed for openai (key_missing)*"])


def test_xdist_fixture_reads_result(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", OPENAI_KEY)
    pytester.makepyfile(
        """
import pytest

@pytest.mark.llm_live("openai")
def test_status(llm_preflight):
    assert llm_preflight["openai"].status == "passed"
"""
    )

    result = pytester.runpytest_subprocess(
        "-n", "2", "--llm-preflight", "--llm-offline"
    )

    result.assert_outcomes(passed=1)


def test_unwritable_report_with_warnings_as_errors(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(TWO_PROVIDERS)
    (pytester.path / "blocked").write_text("a file, not a directory")

    result = pytester.runpytest(
        "--llm-preflight", "--llm-report=blocked/r.json", "-W", "error"
    )

    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(
        ["llmcreds: warning: cannot write the preflight report to *"]
    )


def test_raising_provider_hook_warns(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
def pytest_llmcreds_providers(config):
    raise RuntimeError("catalogue service down")
"""
    )
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight", "--llm-offline")

    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(
        ["*LLMCredsWarning: a pytest_llmcreds_providers hook raised RuntimeError*"]
    )


def test_provider_hook_returning_junk_warns(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(
        """
def pytest_llmcreds_providers(config):
    return ["acme"]
"""
    )
    pytester.makepyfile(TWO_PROVIDERS)

    result = pytester.runpytest("--llm-preflight", "--llm-offline")

    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(["*returned str, not a ProviderSpec*"])


def test_xdist_worker_only_environment_is_reported(pytester: pytest.Pytester) -> None:
    pytester.mkdir("suite")
    pytester.makepyfile(
        **{
            "suite/conftest.py": (
                f"import os\nos.environ['OPENAI_API_KEY'] = {OPENAI_KEY!r}\n"
            ),
            "suite/test_live.py": TWO_PROVIDERS,
        }
    )

    result = pytester.runpytest_subprocess(
        "-n", "2", "--llm-preflight", "--llm-offline", "-rs"
    )

    result.assert_outcomes(passed=1, skipped=2)
    result.stdout.fnmatch_lines(
        [
            "*openai preflight not verified: environment_differs: the pytest-xdist "
            "workers see other values of OPENAI_API_KEY*"
        ]
    )
