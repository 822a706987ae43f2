"""The pytest surface of pytest-llmcreds: options, the marker, hooks and fixtures.

pytest imports this module in every run of every project where the package
is installed, so it imports nothing heavy at module level: httpx, pydantic
and the provider catalogue load inside the hooks and fixtures that use them.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from pytest_llmcreds.config import Settings
    from pytest_llmcreds.markers import Requirement
    from pytest_llmcreds.providers import ProviderSpec, Registry
    from pytest_llmcreds.results import PreflightResult
    from pytest_llmcreds.simulate import LLMMock

MARKER = "llm_live"
PLUGIN_NAME = "llmcreds-session"
PREFLIGHT_OPTION = "--llm-preflight"
#: The workerinput key of the directory where, under pytest-xdist, workers
#: leave what their tests need and the controller leaves the result.
EXCHANGE_KEY = "llmcreds_exchange"
RESULT_FILE = "result.json"
#: How long a worker waits for the controller's result at its first live test.
RESULT_WAIT_SECONDS = 120.0

#: Why a live test fails at setup: its marker cannot be used.
_marker_error_key: pytest.StashKey[str] = pytest.StashKey()
_requirements_key: pytest.StashKey[list[Requirement]] = pytest.StashKey()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("llmcreds", "LLM credentials (pytest-llmcreds)")
    group.addoption(
        PREFLIGHT_OPTION,
        dest="llm_preflight",
        nargs="?",
        const="",
        default=None,
        metavar="MODE",
        help="Check the credentials of every provider the selected tests need "
        "before any test runs. MODE is skip (skip the live tests of a provider "
        "that did not pass; the default), fail (stop the session before any "
        "test runs) or warn (only report). Write the mode with '=', as in "
        "--llm-preflight=fail.",
    )
    group.addoption(
        "--llm-provider",
        dest="llm_providers",
        action="append",
        default=[],
        metavar="NAME",
        help="With --llm-preflight, also check this provider when no collected "
        "test names it. Repeatable.",
    )
    group.addoption(
        "--llm-model",
        dest="llm_models",
        action="append",
        default=[],
        metavar="PROVIDER=MODEL",
        help="Check that this model is available, in addition to the models of "
        "llm_live markers. Repeatable.",
    )
    group.addoption(
        "--llm-base-url",
        dest="llm_base_urls",
        action="append",
        default=[],
        metavar="PROVIDER=URL",
        help="Use this base URL for a provider, as one would pass it to that "
        "provider's SDK. Overrides the SDK's environment variable. Repeatable.",
    )
    group.addoption(
        "--llm-offline",
        dest="llm_offline",
        action="store_true",
        default=False,
        help="Run only the checks that need no network request.",
    )
    group.addoption(
        "--llm-report",
        dest="llm_report",
        default=None,
        metavar="PATH",
        help="Write the preflight result as JSON to PATH.",
    )
    group.addoption(
        "--llm-env-file",
        dest="llm_env_files",
        action="append",
        default=[],
        metavar="PATH",
        help="A .env file to compare with the environment, relative to the "
        "rootdir. Repeatable. Default: .env",
    )
    group.addoption(
        "--llm-preflight-timeout",
        dest="llm_preflight_timeout",
        default=None,
        metavar="SECONDS",
        help="Time limit of each provider's live check, in seconds. Default: 10.",
    )
    group.addoption(
        "--llm-preflight-probe",
        dest="llm_preflight_probe",
        action="store_true",
        default=False,
        help="Also send one minimal request per configured model, which proves "
        "access and quota but costs about one output token each.",
    )
    group.addoption(
        "--llm-preflight-refresh",
        dest="llm_preflight_refresh",
        action="store_true",
        default=False,
        help="Ignore cached preflight results and check every provider again.",
    )

    parser.addini(
        "llm_preflight", "Preflight mode: skip, fail, warn or off", default=""
    )
    parser.addini(
        "llm_providers", "Providers to check in every run", type="args", default=[]
    )
    parser.addini(
        "llm_models", "Models to check, as PROVIDER=MODEL", type="linelist", default=[]
    )
    parser.addini(
        "llm_base_urls",
        "Base URLs per provider, as PROVIDER=URL",
        type="linelist",
        default=[],
    )
    parser.addini(
        "llm_offline", "Run only the offline checks", type="bool", default=False
    )
    parser.addini("llm_report", "Path of the JSON preflight report", default="")
    parser.addini(
        "llm_env_files",
        ".env files to compare with the environment",
        type="linelist",
        default=[".env"],
    )
    parser.addini(
        "llm_gateways",
        "OpenAI- or Anthropic-compatible gateways, one per line: NAME "
        "openai|anthropic key_env=VAR base_url=URL [base_url_env=VAR] [auth=STYLE]",
        type="linelist",
        default=[],
    )
    parser.addini(
        "llm_preflight_timeout", "Time limit of each live check, in seconds", default=""
    )
    parser.addini(
        "llm_preflight_probe",
        "Send one minimal request per configured model",
        type="bool",
        default=False,
    )
    parser.addini(
        "llm_preflight_cache_ttl",
        "Seconds a passed or failed preflight result is reused; 0 turns the "
        "cache off. Default: 300",
        default="",
    )


class HookSpecs:
    """Hooks that other plugins implement to extend pytest-llmcreds.

    They live in this module, which pytest imports anyway, because importing
    one more module at start-up costs every pytest run.
    """

    @pytest.hookspec
    def pytest_llmcreds_providers(
        self, config: pytest.Config
    ) -> list[ProviderSpec] | None:
        """Return providers to add to the catalogue.

        Build each entry with :class:`pytest_llmcreds.providers.ProviderSpec`.
        A name that is already taken by a built-in provider, a gateway or
        another plugin is a usage error. Called once per run, on first use.
        """


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(HookSpecs)


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> None:
    """Keep ``pytest --llm-preflight tests/`` from reading ``tests/`` as the mode.

    The option takes its mode only in the ``--llm-preflight=MODE`` form, so a
    bare option is rewritten before argparse parses the path after it.
    """
    args[:] = [
        f"{PREFLIGHT_OPTION}=" if arg == PREFLIGHT_OPTION else arg for arg in args
    ]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(*providers, model=None): the test calls these LLM providers "
        "with live credentials (and, when given, this model or list of models); "
        "pytest-llmcreds skips it when a provider's credentials cannot work.",
    )
    config.pluginmanager.register(LLMCredsSession(config), PLUGIN_NAME)


#: Option destinations and ini keys whose use means the plugin has work to
#: do. Without any of them, a run with no llm_live test imports nothing more.
_OPTION_DESTS = (
    "llm_preflight",
    "llm_providers",
    "llm_models",
    "llm_base_urls",
    "llm_offline",
    "llm_report",
    "llm_env_files",
    "llm_preflight_timeout",
    "llm_preflight_probe",
    "llm_preflight_refresh",
)
_INI_KEYS = (
    "llm_preflight",
    "llm_providers",
    "llm_models",
    "llm_base_urls",
    "llm_offline",
    "llm_report",
    "llm_gateways",
    "llm_preflight_timeout",
    "llm_preflight_probe",
    "llm_preflight_cache_ttl",
)


def _configured(config: pytest.Config) -> bool:
    unset: tuple[object, ...] = (None, False, [], "")
    return any(config.getoption(dest) not in unset for dest in _OPTION_DESTS) or any(
        config.getini(key) not in unset for key in _INI_KEYS
    )


class LLMCredsSession:
    """Per-session state: the settings, the provider registry and the result."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.result: PreflightResult | None = None
        self.skipped = 0
        #: Under pytest-xdist: the exchange directory, created by the
        #: controller and named to the workers through workerinput.
        self.exchange: Path | None = None
        workerinput = getattr(config, "workerinput", {})
        self.is_worker = EXCHANGE_KEY in workerinput
        #: True on a worker whose tests need a result from the controller.
        self.expects_result = False
        if self.is_worker:
            self.exchange = Path(workerinput[EXCHANGE_KEY])
        self._settings: Settings | None = None
        self._registry: Registry | None = None
        self.configured = _configured(config)
        if self.configured:
            self._validate()

    def _validate(self) -> None:
        """Read the settings now, so a bad option is a usage error before collection."""
        settings = self.settings
        if settings.preflight or settings.providers or settings.gateways:
            # Building the registry validates gateways and plugin providers.
            self.check_names(settings.gateways_names(), "llm_gateways")
            self.check_names(settings.providers, "--llm-provider / llm_providers")
            self.check_names(settings.models, "--llm-model / llm_models")
            self.check_names(settings.base_urls, "--llm-base-url / llm_base_urls")

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from pytest_llmcreds.config import read_settings

            self._settings = read_settings(self.config)
        return self._settings

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            from pytest_llmcreds.session import build_registry

            self._registry = build_registry(self.config, self.settings)
        return self._registry

    def check_names(self, names: Sequence[str] | dict[str, Any], option: str) -> None:
        from pytest_llmcreds.config import unknown_provider

        for name in names:
            if name not in self.registry:
                raise pytest.UsageError(
                    f"{option}: {unknown_provider(name, self.registry)}"
                )

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(
        self, session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        live = live_items(items)
        if not live and not self.configured:
            return
        providers = self._providers_to_check(live)
        if self.is_worker:
            # The controller runs the preflight once for every worker.
            self._write_needs(providers, live)
            return
        if providers:
            self._conclude(providers, self._models(live))
            self._decide(live)
        else:
            self._conclude_empty()

    def _conclude(
        self,
        providers: list[str],
        models: dict[str, list[str]],
        worker_digests: dict[str, str] | None = None,
    ) -> None:
        from pytest_llmcreds.session import run_for_session

        self.result = run_for_session(self, providers, models)
        if worker_digests is not None:
            self._compare_environment(providers, worker_digests)
        self._write_report()
        if self.settings.mode == "fail" and self.result.failed:
            self._stop_session()

    def _providers_to_check(self, live: list[pytest.Item]) -> list[str]:
        from pytest_llmcreds.markers import MarkerError, read_requirements

        names: list[str] = []
        if self.settings.preflight:
            names += self.settings.providers
        for item in live:
            try:
                requirements = read_requirements(item, self.registry)
            except MarkerError as error:
                item.stash[_marker_error_key] = str(error)
                continue
            item.stash[_requirements_key] = requirements
            names += [r.provider for r in requirements]
        return list(dict.fromkeys(names))

    def _conclude_empty(self) -> None:
        """Record that no provider needed a check, so a report file still appears."""
        if not self.settings.preflight:
            return
        from pytest_llmcreds.results import PreflightResult

        self.result = PreflightResult(
            mode=self.settings.mode, offline=self.settings.offline
        )
        self._write_report()

    def _compare_environment(
        self, providers: list[str], worker_digests: dict[str, str]
    ) -> None:
        from pytest_llmcreds.session import (
            environment_digests,
            mark_environment_differs,
        )

        assert self.result is not None
        assert self.exchange is not None
        own = environment_digests(
            self.registry, providers, os.environ, str(self.exchange)
        )
        differ = [name for name in providers if own[name] != worker_digests.get(name)]
        if differ:
            self.result = mark_environment_differs(self.result, differ, self.registry)

    def _write_needs(self, providers: list[str], live: list[pytest.Item]) -> None:
        from pytest_llmcreds.session import environment_digests

        assert self.exchange is not None
        worker = self.config.workerinput["workerid"]  # type: ignore[attr-defined]
        needs = {
            "providers": providers,
            "models": self._models(live),
            "digests": environment_digests(
                self.registry, providers, os.environ, str(self.exchange)
            ),
        }
        self.expects_result = bool(providers)
        _write_atomically(self.exchange / f"needs-{worker}.json", json.dumps(needs))

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        """Name the exchange directory to each xdist worker."""
        if self.exchange is None:
            self.exchange = Path(tempfile.mkdtemp(prefix="llmcreds-"))
        node.workerinput[EXCHANGE_KEY] = str(self.exchange)

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_node_collection_finished(self, node: Any, ids: Any) -> None:
        """Run the preflight on the controller once the first worker collected.

        xdist schedules no test before every worker's collection is handled
        here, so the result is on disk before any worker runs a live test.
        """
        if self.result is not None or self.exchange is None:
            return
        path = self.exchange / f"needs-{node.workerinput['workerid']}.json"
        if not path.exists():
            return
        needs = json.loads(path.read_text(encoding="utf-8"))
        if not needs["providers"]:
            self._conclude_empty()
            return
        self._conclude(needs["providers"], needs["models"], needs["digests"])
        assert self.result is not None
        _write_atomically(self.exchange / RESULT_FILE, self.result.report_json())

    def _worker_result(self) -> PreflightResult:
        if self.result is None:
            from pytest_llmcreds.results import PreflightResult

            assert self.exchange is not None
            path = self.exchange / RESULT_FILE
            deadline = time.monotonic() + RESULT_WAIT_SECONDS
            while not path.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            self.result = PreflightResult.model_validate_json(
                path.read_text(encoding="utf-8")
            )
        return self.result

    def _models(self, live: list[pytest.Item]) -> dict[str, list[str]]:
        models: dict[str, list[str]] = {
            name: list(names) for name, names in self.settings.models.items()
        }
        for item in live:
            for requirement in item.stash.get(_requirements_key, []):
                names = models.setdefault(requirement.provider, [])
                names += [m for m in requirement.models if m not in names]
        return models

    def _decide(self, live: list[pytest.Item]) -> None:
        assert self.result is not None
        if self.settings.mode in ("warn", "fail"):
            return
        for item in live:
            if _marker_error_key in item.stash:
                continue
            self._decide_item(item, self.result)

    def _decide_item(self, item: pytest.Item, result: PreflightResult) -> None:
        from pytest_llmcreds.markers import skip_reason

        reason = skip_reason(result, item.stash.get(_requirements_key, []))
        if reason is not None:
            # A skip marker, unlike pytest.skip() at setup, makes pytest
            # report the test's own location instead of this plugin's.
            item.add_marker(pytest.mark.skip(reason=reason))

    def _write_report(self) -> None:
        path = self.settings.report
        if path is None or self.result is None or self.is_worker:
            return
        try:
            self.result.write_report(path)
        except OSError as error:
            from pytest_llmcreds.warnings import warn

            reason = error.strerror or type(error).__name__
            warn(
                self.config,
                f"cannot write the preflight report to {path}: {reason}; choose "
                "a file path in a directory that exists and is writable",
            )

    def _stop_session(self) -> None:
        assert self.result is not None
        names = ", ".join(
            f"{r.provider} ({', '.join(r.causes)})" for r in self.result.failed
        )
        # pytest still calls pytest_terminal_summary after this exit, which
        # prints the report.
        pytest.exit(
            f"llmcreds: preflight failed for {names}; no test was run",
            returncode=pytest.ExitCode.TESTS_FAILED,
        )

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> None:
        marker_error = item.stash.get(_marker_error_key, None)
        if marker_error is not None:
            pytest.fail(marker_error, pytrace=False)
        needs_result = self.is_worker and _requirements_key in item.stash
        if needs_result and self.settings.mode not in ("warn", "fail"):
            # Before pytest's skipping plugin reads the skip markers.
            self._decide_item(item, self._worker_result())

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if (
            report.skipped
            and report.when == "setup"
            and "llmcreds:" in str(report.longrepr)
        ):
            self.skipped += 1

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        if self.exchange is not None and not self.is_worker:
            shutil.rmtree(self.exchange, ignore_errors=True)

    def pytest_report_header(self, config: pytest.Config) -> str | None:
        if not self.configured or not self.settings.preflight:
            return None
        from pytest_llmcreds.terminal import header_line

        return header_line(self.settings.mode, self.settings.offline)

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.result is None or self.is_worker:
            return
        if not self.settings.preflight and not self.result.failed:
            return
        from pytest_llmcreds.terminal import report_lines, summary_line

        terminalreporter.write_sep("=", "llm preflight")
        for line in report_lines(self.result, self.config.get_verbosity()):
            terminalreporter.write_line(line)
        terminalreporter.write_line(summary_line(self.result, self.skipped))
        if not self.settings.preflight:
            terminalreporter.write_line(
                "llmcreds: only missing and empty keys were checked; run with "
                "--llm-preflight for the full check"
            )
        self._report_to_github(terminalreporter)

    def _report_to_github(self, terminalreporter: Any) -> None:
        from pytest_llmcreds import github

        if self.result is None or not github.in_github_actions(os.environ):
            return
        for line in github.error_annotations(self.result):
            terminalreporter.write_line(line)
        try:
            github.append_summary(self.result, os.environ)
        except OSError as error:
            terminalreporter.write_line(
                "llmcreds: cannot append to GITHUB_STEP_SUMMARY: "
                f"{error.strerror or type(error).__name__}"
            )


def live_items(items: list[pytest.Item]) -> list[pytest.Item]:
    """Return the items with an ``llm_live`` marker on them or on a parent.

    Runs on every collected item of every run, so each parent node is looked
    at once, not once per item as ``get_closest_marker`` would.
    """
    marked_parents: dict[int, bool] = {}

    def parent_marked(node: pytest.Item | pytest.Collector | None) -> bool:
        if node is None:
            return False
        known = marked_parents.get(id(node))
        if known is None:
            known = _has_own_marker(node) or parent_marked(node.parent)
            marked_parents[id(node)] = known
        return known

    return [
        item for item in items if _has_own_marker(item) or parent_marked(item.parent)
    ]


def _has_own_marker(node: pytest.Item | pytest.Collector) -> bool:
    return any(mark.name == MARKER for mark in node.own_markers)


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


@pytest.fixture(scope="session")
def llm_preflight(pytestconfig: pytest.Config) -> PreflightResult:
    """The preflight result: each checked provider's status, causes and fixes.

    ``llm_preflight["openai"].status`` is ``"passed"``, ``"failed"`` or
    ``"indeterminate"``; a test can skip itself on it. Holds fingerprints
    only, never a key. Providers named by no marker and no --llm-provider
    were not checked.
    """
    session = pytestconfig.pluginmanager.get_plugin(PLUGIN_NAME)
    assert isinstance(session, LLMCredsSession)
    if session.is_worker and session.expects_result:
        return session._worker_result()
    if session.result is None:
        from pytest_llmcreds.results import PreflightResult

        return PreflightResult(mode=session.settings.mode)
    return session.result


# llm_mock fixtures: begin
@pytest.fixture
def llm_mock() -> Iterator[LLMMock]:
    """Simulate LLM providers for every httpx and httpx2 client, sync and async.

    ``llm_mock.fail("openai", "invalid_api_key", times=None)`` responds to that
    provider's requests with the error it sends in production (status,
    headers and body), ``times`` times, then with a minimal success answer;
    ``llm_mock.succeed(provider)`` serves only success answers.
    ``llm_mock.requests(provider)`` lists the requests sent, credentials
    redacted. Any other request fails the test, and nothing leaves the
    process. Scenario ids: docs/scenarios.md.
    """
    from pytest_llmcreds.simulate import LLMMock

    with LLMMock() as mock:
        yield mock


# llm_mock fixtures: end


# llm_fake_server fixtures: begin
if TYPE_CHECKING:
    from pytest_llmcreds.server import LLMFakeServer


@pytest.fixture
def llm_fake_server() -> Iterator[LLMFakeServer]:
    """Serve simulated LLM providers over real HTTP on 127.0.0.1, for any client.

    The same catalogue as ``llm_mock``, for requests, aiohttp, curl, Node or
    Go code and subprocesses: ``fail(provider, scenario, times=None)``,
    ``succeed(provider)``, ``requests(provider)`` (keys as fingerprints).
    ``base_url(provider)`` is in the form the provider's SDK expects and
    ``environ()`` contains OPENAI_BASE_URL, ANTHROPIC_BASE_URL and the like for
    a subprocess. Faults: latency, drip, disconnect, reset_connection,
    truncate_stream, malformed_json, html, huge_body. Each provider gets its
    own free port; all servers stop when the test ends. See docs/server.md.
    """
    from pytest_llmcreds.server import LLMFakeServer

    with LLMFakeServer() as server:
        yield server


@pytest.fixture(scope="session")
def llm_fake_server_session(pytestconfig: pytest.Config) -> Iterator[LLMFakeServer]:
    """The ``llm_fake_server`` API on servers shared by the whole session.

    For an application started once per session: its ports and ``environ()``
    stay the same. Planned failures, faults and recorded requests are reset
    after each test; set ``reset_between_tests = False`` to keep them.
    """
    from pytest_llmcreds.server import LLMFakeServer
    from pytest_llmcreds.server._session import SessionReset

    with LLMFakeServer() as server:
        resetter = SessionReset(server)
        pytestconfig.pluginmanager.register(resetter, "llmcreds-fake-server-reset")
        try:
            yield server
        finally:
            pytestconfig.pluginmanager.unregister(resetter)


# llm_fake_server fixtures: end
