"""The ``llmcreds`` command: the preflight outside pytest, and a fake provider.

``llmcreds check`` reads the same ``llm_*`` keys from the project's pytest
configuration file as the plugin, runs the same checks and prints the same
report. Its exit status is 0 only when every provider passed, so it can gate
a CI step. It replaces ad-hoc shell checks and never prints a key, only
fingerprints. Providers added by plugins through the
``pytest_llmcreds_providers`` hook exist only inside pytest.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

import pytest

from pytest_llmcreds import config, github
from pytest_llmcreds._inifile import IniFile, find_ini
from pytest_llmcreds.keys import Secret, safe_url
from pytest_llmcreds.preflight import PreflightRequest, run_preflight
from pytest_llmcreds.providers import ProviderSpec, Registry, builtin_providers
from pytest_llmcreds.terminal import report_lines, summary_line

EXIT_PASSED = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llmcreds",
        description="Check LLM provider credentials without printing any key.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_check_parser(commands)
    commands.add_parser("providers", help="List the providers the preflight knows")
    _add_serve_parser(commands)
    return parser


def _add_check_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check = commands.add_parser(
        "check",
        help="Check credentials as pytest --llm-preflight does",
        description="Check the credentials of LLM providers. Providers come "
        "from --provider, else from llm_providers in the pytest configuration "
        "file, else every provider with one of its variables set.",
    )
    add = check.add_argument
    add(
        "--provider",
        action="append",
        default=[],
        metavar="NAME",
        help="Provider to check. Repeatable",
    )
    add(
        "--model",
        action="append",
        default=[],
        metavar="PROVIDER=MODEL",
        help="Model to look for. Repeatable",
    )
    add(
        "--base-url",
        action="append",
        default=[],
        metavar="PROVIDER=URL",
        help="Base URL of a provider, as passed to its SDK. Repeatable",
    )
    add(
        "--env-file",
        action="append",
        default=[],
        metavar="PATH",
        help="A .env file to compare with the environment, relative to the "
        "rootdir. Repeatable. Default: .env",
    )
    add(
        "--offline",
        action="store_true",
        help="Run only the checks that need no network request",
    )
    add(
        "--probe",
        action="store_true",
        help="Also send one minimal request per model, about one output token each",
    )
    add(
        "--timeout",
        default=None,
        metavar="SECONDS",
        help="Time limit of each provider's live check. Default: 10",
    )
    add(
        "--json",
        action="store_true",
        help="Print the JSON report instead of the text report",
    )
    add(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="Also show settings, models and every variable read, values hidden",
    )
    add(
        "--rootdir",
        type=Path,
        default=None,
        help="Directory where the search for the pytest configuration file "
        "starts. Default: the working directory",
    )


def _add_serve_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from pytest_llmcreds.server._serve import add_arguments

    serve = commands.add_parser(
        "serve",
        help="Serve simulated provider errors on 127.0.0.1 for any client",
        description="Serve the error catalogue of llm_mock on real HTTP servers "
        "on 127.0.0.1, one port per provider, until SIGINT or SIGTERM. Prints "
        "each base URL and the variables to export, as shell lines.",
    )
    add_arguments(serve)


def run_serve(args: argparse.Namespace, out: TextIO) -> int:
    from pytest_llmcreds.server._serve import serve

    return serve(args, out)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "providers":
            return list_providers(sys.stdout)
        if args.command == "serve":
            return run_serve(args, sys.stdout)
        return run_check(args, os.environ, sys.stdout)
    except pytest.UsageError as error:
        print(f"llmcreds: error: {error}", file=sys.stderr)
        return EXIT_USAGE


def run_check(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    start = (args.rootdir or Path.cwd()).resolve()
    if not start.is_dir():
        raise pytest.UsageError(
            f"--rootdir: directory not found: {start}; name an existing directory"
        )
    ini = find_ini(start)
    registry = config.build_registry(
        config.parse_gateway(line) for line in ini.lines("llm_gateways")
    )
    request = build_request(args, ini, registry, environ)
    if not request.providers:
        print(
            "llmcreds: error: no provider to check; name one with --provider or "
            "llm_providers, or set its key variable",
            file=sys.stderr,
        )
        return EXIT_USAGE

    result = run_preflight(registry, request, environ)
    if args.json:
        out.write(result.report_json() + "\n")
    else:
        lines = report_lines(result, args.verbose)
        if args.verbose:
            lines += variable_lines(registry, request.providers, environ)
        lines.append(summary_line(result, 0))
        out.write("\n".join(lines) + "\n")
    if github.in_github_actions(environ):
        out.write("".join(line + "\n" for line in github.error_annotations(result)))
        try:
            github.append_summary(result, environ)
        except OSError as error:
            print(
                "llmcreds: warning: cannot append to GITHUB_STEP_SUMMARY: "
                f"{error.strerror or type(error).__name__}",
                file=sys.stderr,
            )
    return EXIT_FAILED if result.failed else EXIT_PASSED


def build_request(
    args: argparse.Namespace,
    ini: IniFile,
    registry: Registry,
    environ: Mapping[str, str],
) -> PreflightRequest:
    """Combine the command line and the configuration file, as the plugin does."""
    providers = config.split_names(args.provider or ini.lines("llm_providers"))
    models = config.read_models(
        [*ini.lines("llm_models"), *args.model], "--model / llm_models"
    )
    base_urls = config.read_base_urls(
        [*ini.lines("llm_base_urls"), *args.base_url], "--base-url / llm_base_urls"
    )
    for name in [*providers, *models, *base_urls]:
        if name not in registry:
            raise pytest.UsageError(config.unknown_provider(name, registry))

    env_files = args.env_file or ini.lines("llm_env_files") or [".env"]
    for name in args.env_file:
        if not (ini.rootdir / name).is_file():
            raise pytest.UsageError(
                f"--env-file: file not found: {ini.rootdir / name}; name an "
                "existing .env file, relative to the rootdir"
            )
    timeout = config.parse_seconds(
        args.timeout if args.timeout is not None else ini.text("llm_preflight_timeout"),
        "--timeout / llm_preflight_timeout",
        config.DEFAULT_TIMEOUT,
    )
    return PreflightRequest(
        providers=providers or configured_providers(registry, environ),
        models=models,
        base_urls=base_urls,
        offline=args.offline or ini.flag("llm_offline"),
        env_files=[ini.rootdir / name for name in env_files],
        timeout=timeout,
        probe=args.probe or ini.flag("llm_preflight_probe"),
    )


def configured_providers(registry: Registry, environ: Mapping[str, str]) -> list[str]:
    """List the providers with a key, near-miss or base URL variable in ``environ``."""
    return [
        spec.name
        for spec in registry
        if any(name in environ for name in _variables_of(spec))
    ]


def _variables_of(spec: ProviderSpec) -> tuple[str, ...]:
    return (*spec.key_vars, *spec.near_miss_key_vars, *spec.base_url_vars)


def variable_lines(
    registry: Registry, providers: Sequence[str], environ: Mapping[str, str]
) -> list[str]:
    """List every variable each provider's SDK reads, with fingerprints for keys."""
    lines = ["variables read:"]
    for name in providers:
        spec = registry[name]
        lines.append(f"  {name}:")
        for variable in spec.key_vars:
            lines.append(f"    {variable}: {_describe_key(environ.get(variable))}")
        for variable in spec.near_miss_key_vars:
            if variable in environ:
                described = _describe_key(environ[variable])
                lines.append(f"    {variable} (not read by the SDK): {described}")
        for variable in (*spec.base_url_vars, *spec.legacy_base_url_vars):
            lines.append(f"    {variable}: {_describe_url(environ.get(variable))}")
    return lines


def _describe_key(value: str | None) -> str:
    if value is None:
        return "unset"
    return f"set, {Secret(value).fingerprint}" if value else "set, empty"


def _describe_url(value: str | None) -> str:
    if value is None:
        return "unset"
    return f"set, {safe_url(value)}" if value else "set, empty"


def list_providers(out: TextIO) -> int:
    for spec in builtin_providers():
        keys = ", ".join(spec.key_vars) or "no key"
        out.write(f"{spec.name:<13} {spec.title:<20} {keys}\n")
    return EXIT_PASSED


if __name__ == "__main__":
    raise SystemExit(main())
