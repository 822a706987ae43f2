"""Read the plugin's options and ini keys into one validated settings object.

Every command-line option that makes sense in a file has an ini twin; the
command line wins. Invalid values raise ``pytest.UsageError`` naming the
option and the accepted values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import pytest

if TYPE_CHECKING:
    from pytest_llmcreds.providers import Registry

Mode = Literal["skip", "fail", "warn", "off"]
MODES: tuple[Mode, ...] = ("skip", "fail", "warn", "off")

DEFAULT_TIMEOUT = 10.0
DEFAULT_CACHE_TTL = 300.0


@dataclass(frozen=True)
class GatewayDeclaration:
    """A user-declared OpenAI- or Anthropic-compatible endpoint."""

    name: str
    compatibility: Literal["openai", "anthropic"]
    key_env: str | None
    base_url: str | None
    base_url_env: str | None
    auth: str | None


@dataclass(frozen=True)
class Settings:
    """The plugin's configuration for one run."""

    #: The preflight mode, or "off" when only missing keys skip live tests.
    mode: Mode
    providers: tuple[str, ...] = ()
    models: dict[str, tuple[str, ...]] = field(default_factory=dict)
    base_urls: dict[str, str] = field(default_factory=dict)
    offline: bool = False
    report: Path | None = None
    env_files: tuple[Path, ...] = ()
    gateways: tuple[GatewayDeclaration, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    probe: bool = False
    refresh: bool = False
    cache_ttl: float = DEFAULT_CACHE_TTL

    @property
    def preflight(self) -> bool:
        return self.mode != "off"

    def gateways_names(self) -> list[str]:
        return [gateway.name for gateway in self.gateways]


def get_option(config: pytest.Config, name: str) -> Any:
    """Return the command-line value of ``name``, or its ini twin."""
    value = config.getoption(name)
    if value is None or value == []:
        return config.getini(name)
    return value


def read_settings(config: pytest.Config) -> Settings:
    rootdir = Path(config.rootpath)
    invocation_dir = Path(config.invocation_params.dir)
    report = get_option(config, "llm_report")
    return Settings(
        mode=_read_mode(config),
        providers=tuple(split_names(get_option(config, "llm_providers"))),
        models=read_models(get_option(config, "llm_models")),
        base_urls=read_base_urls(get_option(config, "llm_base_urls")),
        offline=bool(config.getoption("llm_offline") or config.getini("llm_offline")),
        report=invocation_dir / report if report else None,
        env_files=_read_env_files(config, rootdir),
        gateways=tuple(
            parse_gateway(line)
            for line in config.getini("llm_gateways")
            if line.strip()
        ),
        timeout=_read_positive(config, "llm_preflight_timeout", DEFAULT_TIMEOUT),
        probe=bool(
            config.getoption("llm_preflight_probe")
            or config.getini("llm_preflight_probe")
        ),
        refresh=bool(config.getoption("llm_preflight_refresh")),
        cache_ttl=_read_cache_ttl(config),
    )


def _read_mode(config: pytest.Config) -> Mode:
    value = config.getoption("llm_preflight")
    ini = (config.getini("llm_preflight") or "").strip()
    if value is None:
        value = ini or "off"
    elif value == "":
        # A bare --llm-preflight: the ini file's mode, or the default.
        value = ini if ini not in ("", "off") else "skip"
    value = value.strip().lower()
    if value not in MODES:
        raise pytest.UsageError(
            f"--llm-preflight / llm_preflight: invalid mode {value!r}; "
            f"use one of {', '.join(MODES)}"
        )
    return cast(Mode, value)


def split_names(values: Iterable[str]) -> list[str]:
    names: list[str] = []
    for value in values:
        for name in value.replace(",", " ").split():
            if name not in names:
                names.append(name)
    return names


def read_models(
    values: Iterable[str], option: str = "--llm-model / llm_models"
) -> dict[str, tuple[str, ...]]:
    models: dict[str, list[str]] = {}
    for provider, model in _read_pairs(values, option, "MODEL"):
        models.setdefault(provider, [])
        if model not in models[provider]:
            models[provider].append(model)
    return {provider: tuple(names) for provider, names in models.items()}


def read_base_urls(
    values: Iterable[str], option: str = "--llm-base-url / llm_base_urls"
) -> dict[str, str]:
    return dict(_read_pairs(values, option, "URL"))


def _read_pairs(values: Iterable[str], option: str, what: str) -> list[tuple[str, str]]:
    """Read PROVIDER=VALUE pairs, one per command-line value or ini line."""
    example = "gpt-4o-mini" if what == "MODEL" else "http://127.0.0.1:8000/v1"
    pairs = []
    for value in values:
        item = value.strip()
        if not item:
            continue
        provider, sep, rest = item.partition("=")
        if not sep or not provider.strip() or not rest.strip():
            raise pytest.UsageError(
                f"{option}: invalid value {item!r}; use PROVIDER={what}, for "
                f"example openai={example}"
            )
        pairs.append((provider.strip(), rest.strip()))
    return pairs


def _read_env_files(config: pytest.Config, rootdir: Path) -> tuple[Path, ...]:
    """The .env files to compare; one named on the command line must exist."""
    given = config.getoption("llm_env_files")
    for name in given:
        path = _resolve_path(rootdir, name)
        if not path.is_file():
            raise pytest.UsageError(
                f"--llm-env-file: file not found: {path}; name an existing .env "
                "file, relative to the rootdir"
            )
    names = given or config.getini("llm_env_files")
    return tuple(_resolve_path(rootdir, name) for name in names)


def _resolve_path(rootdir: Path, name: str) -> Path:
    path = Path(name).expanduser()
    return path if path.is_absolute() else rootdir / path


def _read_positive(config: pytest.Config, name: str, default: float) -> float:
    option = "--" + name.replace("_", "-") + " / " + name
    return parse_seconds(get_option(config, name), option, default)


def _read_cache_ttl(config: pytest.Config) -> float:
    raw = config.getini("llm_preflight_cache_ttl")
    return parse_seconds(
        raw, "llm_preflight_cache_ttl", DEFAULT_CACHE_TTL, allow_zero=True
    )


def parse_seconds(
    raw: object, option: str, default: float, *, allow_zero: bool = False
) -> float:
    """Read a number of seconds; ``option`` names the setting in the error."""
    if raw in (None, ""):
        return default
    try:
        value = float(str(raw))
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0 or (value == 0 and not allow_zero):
        least = "0 or more" if allow_zero else "greater than 0"
        raise pytest.UsageError(
            f"{option}: invalid value {raw!r}; use a finite number of seconds "
            f"{least} (default {default:g})"
        )
    return value


_GATEWAY_FIELDS = ("key_env", "base_url", "base_url_env", "auth")
_GATEWAY_AUTH = ("bearer", "x-api-key", "api-key", "x-goog-api-key", "none")
_GATEWAY_SYNTAX = (
    "NAME openai|anthropic key_env=VAR base_url=URL [base_url_env=VAR] "
    f"[auth={'|'.join(_GATEWAY_AUTH)}]"
)


def parse_gateway(line: str) -> GatewayDeclaration:
    """Parse one ``llm_gateways`` line into a declaration."""
    import shlex

    try:
        words = shlex.split(line)
    except ValueError as error:
        raise _gateway_error(line, f"cannot be split into words ({error})") from None
    if len(words) < 2:
        raise _gateway_error(line, "needs at least a name and a compatibility")

    name, compatibility, *options = words
    if compatibility not in ("openai", "anthropic"):
        raise _gateway_error(
            line, f"unknown compatibility {compatibility!r}; use openai or anthropic"
        )
    values: dict[str, str] = {}
    for option in options:
        key, sep, value = option.partition("=")
        if not sep or key not in _GATEWAY_FIELDS:
            raise _gateway_error(
                line,
                f"unknown setting {option!r}; use {', '.join(_GATEWAY_FIELDS)}",
            )
        if key in values:
            raise _gateway_error(line, f"sets {key} twice")
        values[key] = value
    if values.get("auth", "bearer") not in _GATEWAY_AUTH:
        raise _gateway_error(
            line, f"unknown auth {values['auth']!r}; use {', '.join(_GATEWAY_AUTH)}"
        )
    if "base_url" not in values and "base_url_env" not in values:
        raise _gateway_error(line, "needs base_url=URL or base_url_env=VAR")
    return GatewayDeclaration(
        name=name,
        compatibility=cast(Literal["openai", "anthropic"], compatibility),
        key_env=values.get("key_env"),
        base_url=values.get("base_url"),
        base_url_env=values.get("base_url_env"),
        auth=values.get("auth"),
    )


def _gateway_error(line: str, problem: str) -> pytest.UsageError:
    return pytest.UsageError(
        f"llm_gateways: invalid line {line.strip()!r}: {problem}. "
        f"Write each gateway as: {_GATEWAY_SYNTAX}"
    )


def build_registry(gateways: Iterable[GatewayDeclaration]) -> Registry:
    """Build the registry: built-in providers, gateways and plugin providers."""
    from pydantic import ValidationError

    from pytest_llmcreds.providers import Registry, builtin_providers, gateway_spec

    registry = Registry(builtin_providers())
    for gateway in gateways:
        try:
            spec = gateway_spec(
                gateway.name,
                gateway.compatibility,
                key_env=gateway.key_env,
                base_url=gateway.base_url,
                base_url_env=gateway.base_url_env,
                auth=gateway.auth,
            )
        except ValidationError as error:
            detail = error.errors()[0]
            field_name = ".".join(str(part) for part in detail["loc"]) or "value"
            raise pytest.UsageError(
                f"llm_gateways: invalid gateway {gateway.name!r}: {field_name}: "
                f"{detail['msg']}"
            ) from None
        if spec.name in registry:
            raise pytest.UsageError(
                f"llm_gateways: provider {spec.name!r} is defined twice; give the "
                "gateway another name"
            )
        registry.add(spec)
    return registry


def unknown_provider(name: object, registry: Registry) -> str:
    """Say that ``name`` is not a provider, with the closest match and the choices."""
    import difflib

    close = difflib.get_close_matches(str(name), registry.names(), n=1, cutoff=0.75)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return (
        f"unknown provider {name!r}{hint}; use one of {', '.join(registry.names())}, "
        "or declare a gateway in llm_gateways"
    )
