"""The provider model: the preflight's facts about each provider, as data.

The built-in entries live in ``_catalogue.py``; users add gateways in their
configuration and plugins add providers through the
``pytest_llmcreds_providers`` hook. Every entry is validated here, so a typo
in a plugin's entry fails loudly at start-up instead of misdiagnosing keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

AuthStyle = Literal["bearer", "x-api-key", "api-key", "x-goog-api-key", "none"]
BaseUrlStyle = Literal["url", "ollama_host"]
Compatibility = Literal["openai", "anthropic", "gemini", "ollama", "mistral"]

_NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class KeyFormat(_Frozen):
    """One format of key that a provider issues."""

    label: str
    pattern: str
    #: True when no other provider issues keys of this shape, so seeing it
    #: elsewhere proves the key belongs to this provider.
    distinctive: bool = True
    source: str = ""

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None


class ExtraVariable(_Frozen):
    """A non-secret environment variable that changes what the SDK sends."""

    name: str
    role: Literal["organization", "project", "api_version", "mode"]
    #: Variables that an older SDK line read for the same setting.
    legacy_names: tuple[str, ...] = ()
    near_misses: tuple[str, ...] = ()
    required: bool = False
    source: str = ""


class ProviderSpec(_Frozen):
    """Everything the preflight needs to resolve and judge one provider's key."""

    name: str
    title: str
    sdk: str
    compatibility: Compatibility
    #: Variables holding the key, in the SDK's order of precedence.
    key_vars: tuple[str, ...] = ()
    key_required: bool = True
    #: True when the SDK skips an empty variable and reads the next one
    #: (``os.environ.get(...) or ...``), False when an empty value is used.
    empty_key_falls_through: bool = False
    base_url_vars: tuple[str, ...] = ()
    base_url_style: BaseUrlStyle = "url"
    #: Variables an older SDK line read for the base URL and the current one
    #: ignores.
    legacy_base_url_vars: tuple[str, ...] = ()
    default_base_url: str | None = None
    extra_vars: tuple[ExtraVariable, ...] = ()
    auth_style: AuthStyle = "bearer"
    #: Key variables sent with another auth style than ``auth_style``.
    var_auth_styles: Mapping[str, AuthStyle] = Field(default_factory=dict)
    key_formats: tuple[KeyFormat, ...] = ()
    #: Variable names people use by mistake for the key.
    near_miss_key_vars: tuple[str, ...] = ()
    near_miss_base_url_vars: tuple[str, ...] = ()
    #: Hosts that serve this provider's API, used to recognise a base URL.
    hosts: tuple[str, ...] = ()
    docs_url: str = ""
    key_page: str = ""
    sources: Mapping[str, str] = Field(default_factory=dict)
    gateway: bool = False

    @field_validator("name")
    @classmethod
    def _check_name(cls, value: str) -> str:
        if not _NAME_PATTERN.match(value):
            raise ValueError(
                f"invalid provider name {value!r}: use lowercase letters, "
                "digits and underscores, starting with a letter"
            )
        return value

    @property
    def main_key_var(self) -> str | None:
        """The variable that contains an API key (not a token of another kind)."""
        for name in self.key_vars:
            if name not in self.var_auth_styles:
                return name
        return self.key_vars[0] if self.key_vars else None

    def auth_style_for(self, key_var: str | None) -> AuthStyle:
        """Return the auth header style the SDK uses for a key from ``key_var``."""
        if key_var is None:
            return self.auth_style
        return self.var_auth_styles.get(key_var, self.auth_style)

    def key_format_of(self, value: str) -> KeyFormat | None:
        """Return the first of this provider's formats that ``value`` matches."""
        for key_format in self.key_formats:
            if key_format.matches(value):
                return key_format
        return None


class Registry:
    """The providers known to one run, by name."""

    def __init__(self, providers: Iterable[ProviderSpec]) -> None:
        self._providers: dict[str, ProviderSpec] = {}
        for provider in providers:
            self.add(provider)

    def add(self, provider: ProviderSpec) -> None:
        if provider.name in self._providers:
            raise ValueError(
                f"provider {provider.name!r} is defined twice; "
                "give the gateway or plugin provider another name"
            )
        self._providers[provider.name] = provider

    def __contains__(self, name: object) -> bool:
        return name in self._providers

    def __getitem__(self, name: str) -> ProviderSpec:
        return self._providers[name]

    def __iter__(self) -> Iterator[ProviderSpec]:
        return iter(self._providers.values())

    def names(self) -> list[str]:
        return sorted(self._providers)

    def identify_key(
        self, value: str, *, exclude: str | None = None
    ) -> ProviderSpec | None:
        """Return the provider whose distinctive key format ``value`` has."""
        for provider in self._providers.values():
            if provider.name == exclude or provider.gateway:
                continue
            for key_format in provider.key_formats:
                if key_format.distinctive and key_format.matches(value):
                    return provider
        return None

    def provider_for_host(self, host: str) -> ProviderSpec | None:
        host = host.lower()
        for provider in self._providers.values():
            if any(
                host == known or host.endswith("." + known) for known in provider.hosts
            ):
                return provider
        return None


def builtin_providers() -> tuple[ProviderSpec, ...]:
    from pytest_llmcreds._catalogue import PROVIDERS

    return PROVIDERS


def gateway_spec(
    name: str,
    compatibility: Literal["openai", "anthropic"],
    *,
    key_env: str | None,
    base_url: str | None,
    base_url_env: str | None,
    auth: str | None,
) -> ProviderSpec:
    """Describe a user-declared gateway as a provider."""
    default_auth: AuthStyle = "bearer" if compatibility == "openai" else "x-api-key"
    return ProviderSpec(
        name=name,
        title=f"{name} (gateway)",
        sdk=compatibility,
        compatibility=compatibility,
        key_vars=(key_env,) if key_env else (),
        key_required=bool(key_env),
        base_url_vars=(base_url_env,) if base_url_env else (),
        default_base_url=base_url,
        auth_style=auth or default_auth,  # type: ignore[arg-type]
        gateway=True,
        sources={"declared": "the llm_gateways ini option"},
    )
