"""Resolve a provider's credential and endpoint the way its SDK will.

Nothing here modifies the environment: ``.env`` files are read with
python-dotenv's ``dotenv_values`` only to compare them with what the process
really has.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pytest_llmcreds.keys import Secret
from pytest_llmcreds.providers import AuthStyle, ProviderSpec


@dataclass(frozen=True)
class DotenvEntry:
    """A variable found in a ``.env`` file."""

    path: Path
    value: Secret


@dataclass(frozen=True)
class Resolution:
    """The credential and endpoint one provider's SDK will use, and their rivals."""

    spec: ProviderSpec
    #: The key the SDK uses, or None when it finds none.
    key: Secret | None
    key_var: str | None
    #: Every key variable that is set, in the SDK's order of precedence.
    key_candidates: tuple[tuple[str, Secret], ...]
    #: Near-miss variables that are set, which the SDK does not read.
    near_misses: tuple[tuple[str, Secret], ...]
    base_url: str | None
    #: The base URL's origin: a variable name, ``--llm-base-url`` or
    #: ``default``.
    base_url_source: str | None
    #: Base URL variables the SDK no longer reads, with their values.
    ignored_base_urls: tuple[tuple[str, str], ...]
    near_miss_base_urls: tuple[tuple[str, str], ...]
    #: Extra variables (organization, project, API version) that are set.
    settings: Mapping[str, str]
    #: Legacy and near-miss names of the extra variables that are set.
    ignored_settings: Mapping[str, str] = field(default_factory=dict)
    #: Key and base URL variables found in ``.env`` files.
    dotenv: Mapping[str, DotenvEntry] = field(default_factory=dict)
    ci: str | None = None

    @property
    def auth_style(self) -> AuthStyle:
        return self.spec.auth_style_for(self.key_var)

    def non_secret_settings(self) -> dict[str, str]:
        """Settings safe to show: the base URL, organization, project, API version."""
        shown = dict(self.settings)
        if self.base_url:
            shown["base_url"] = self.base_url
        return shown


#: Variables that CI services set, and the service each one names.
CI_VARIABLES: tuple[tuple[str, str], ...] = (
    ("GITHUB_ACTIONS", "GitHub Actions"),
    ("GITLAB_CI", "GitLab CI"),
    ("CIRCLECI", "CircleCI"),
    ("BUILDKITE", "Buildkite"),
    ("JENKINS_URL", "Jenkins"),
    ("TF_BUILD", "Azure Pipelines"),
    ("BITBUCKET_BUILD_NUMBER", "Bitbucket Pipelines"),
    ("TRAVIS", "Travis CI"),
    ("CI", "CI"),
)


def detect_ci(environ: Mapping[str, str]) -> str | None:
    for variable, service in CI_VARIABLES:
        value = environ.get(variable, "")
        if value and value.lower() not in ("0", "false", "no"):
            return service
    return None


def read_dotenv_files(
    paths: Sequence[Path],
) -> tuple[dict[str, DotenvEntry], list[str]]:
    """Read variables from existing ``.env`` files; the first file wins.

    Returns the variables and a problem description for each file that
    exists but cannot be read; such a file is left out.
    """
    from dotenv import dotenv_values

    found: dict[str, DotenvEntry] = {}
    problems: list[str] = []
    for path in paths:
        if not path.is_file():
            continue
        try:
            values = dotenv_values(path)
        except (OSError, UnicodeDecodeError) as error:
            reason = (
                "it is not valid UTF-8"
                if isinstance(error, UnicodeDecodeError)
                else (error.strerror or type(error).__name__)
            )
            problems.append(f"cannot read {path}: {reason}; it was not compared")
            continue
        for name, value in values.items():
            if value is not None and name not in found:
                found[name] = DotenvEntry(path=path, value=Secret(value))
    return found, problems


def resolve(
    spec: ProviderSpec,
    environ: Mapping[str, str],
    *,
    base_url_override: str | None = None,
    dotenv: Mapping[str, DotenvEntry] | None = None,
) -> Resolution:
    """Find the key and base URL that ``spec``'s SDK reads from ``environ``."""
    candidates = tuple(
        (name, Secret(environ[name])) for name in spec.key_vars if name in environ
    )
    key, key_var = _select_key(spec, candidates)
    base_url, base_url_source = _select_base_url(spec, environ, base_url_override)
    relevant = set(spec.key_vars) | set(spec.base_url_vars)
    return Resolution(
        spec=spec,
        key=key,
        key_var=key_var,
        key_candidates=candidates,
        near_misses=_set_variables(environ, _near_miss_names(spec, environ)),
        base_url=base_url,
        base_url_source=base_url_source,
        ignored_base_urls=tuple(
            (name, environ[name])
            for name in spec.legacy_base_url_vars
            if name in environ
        ),
        near_miss_base_urls=tuple(
            (name, environ[name])
            for name in spec.near_miss_base_url_vars
            if name in environ
        ),
        settings={
            extra.name: environ[extra.name]
            for extra in spec.extra_vars
            if extra.name in environ
        },
        ignored_settings={
            name: environ[name]
            for extra in spec.extra_vars
            for name in (*extra.legacy_names, *extra.near_misses)
            if name in environ
        },
        dotenv={
            name: entry for name, entry in (dotenv or {}).items() if name in relevant
        },
        ci=detect_ci(environ),
    )


def _select_key(
    spec: ProviderSpec, candidates: tuple[tuple[str, Secret], ...]
) -> tuple[Secret | None, str | None]:
    for name, value in candidates:
        if not value and spec.empty_key_falls_through:
            continue
        return value, name
    if candidates and spec.empty_key_falls_through:
        # Every variable is empty: report the first, which the user most
        # likely meant to fill.
        name, value = candidates[0]
        return value, name
    return None, None


def _select_base_url(
    spec: ProviderSpec, environ: Mapping[str, str], override: str | None
) -> tuple[str | None, str | None]:
    if override is not None:
        return override, "--llm-base-url"
    for name in spec.base_url_vars:
        if name in environ:
            return environ[name], name
    if spec.default_base_url is None:
        return None, None
    return spec.default_base_url, "default"


def _near_miss_names(spec: ProviderSpec, environ: Mapping[str, str]) -> list[str]:
    """List the near-miss names of ``spec`` and other spellings of its own names.

    Environment variables are case-sensitive on POSIX, so ``openai_api_key``
    is a different variable that the SDK never reads.
    """
    names = list(spec.near_miss_key_vars)
    own = {name.upper() for name in spec.key_vars}
    for name in environ:
        if name.upper() in own and name not in spec.key_vars and name not in names:
            names.append(name)
    return names


def _set_variables(
    environ: Mapping[str, str], names: Sequence[str]
) -> tuple[tuple[str, Secret], ...]:
    return tuple(
        (name, Secret(environ[name])) for name in names if environ.get(name, "").strip()
    )
