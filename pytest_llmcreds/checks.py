"""Offline checks: judge a resolved credential and endpoint without any request.

Each check returns findings under the stable cause ids of ``causes.py``.
Messages name variables, positions, code points and fingerprints, never a
key or any part of one beyond its fingerprint.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from pytest_llmcreds.keys import looks_like_key, safe_url
from pytest_llmcreds.providers import ProviderSpec, Registry
from pytest_llmcreds.resolve import Resolution
from pytest_llmcreds.results import Finding

_WHITESPACE_NAMES = {
    "\r\n": "CRLF line ending (\\r\\n)",
    "\n": "newline (\\n)",
    "\r": "carriage return (\\r)",
    "\t": "tab",
    " ": "space",
}
_ASCII_QUOTES = {'"': "double quotes", "'": "single quotes", "`": "backticks"}
_SMART_QUOTES = "\u201c\u201d\u2018\u2019\u00ab\u00bb"
_LISTEN_ADDRESSES = {"0.0.0.0", "::"}

#: Whole values that are template or documentation text, compared lowercased
#: with surrounding brackets removed.
_PLACEHOLDER_WORDS = {
    "changeme",
    "change-me",
    "change_me",
    "null",
    "none",
    "nil",
    "undefined",
    "todo",
    "tbd",
    "fixme",
    "placeholder",
    "secret",
    "key",
    "apikey",
    "api-key",
    "api_key",
    "token",
    "example",
    "test",
    "xxx",
    "your-key",
    "your_key",
    "yourkey",
    "mykey",
    "my-key",
    "insert-key-here",
    "sk-...",
    "sk-xxx",
    "sk-xxxx",
    "...",
}
_PLACEHOLDER_SEARCHES = (
    re.compile(r"(your|insert|enter|paste|replace)[-_ ]?.{0,20}(key|token|secret)"),
    re.compile(r"(key|token)[-_ ]?(goes[-_ ]?)?here"),
    re.compile(r"x{6,}|\*{4,}|\.\.\.|…"),
)
_PLACEHOLDER_WHOLE = (
    # Unexpanded references: $VAR, ${VAR}, %VAR%, {{ secrets.VAR }}.
    re.compile(r"\$\{?[a-z_][a-z0-9_.]*\}?"),
    re.compile(r"%[a-z_][a-z0-9_]*%"),
    re.compile(r"\$?\{\{.*\}\}"),
    re.compile(r"\$\(\(?.*\)\)?"),
    re.compile(r"(.)\1{7,}"),
)
_ORGANIZATION_ID = re.compile(r"org-[A-Za-z0-9]{8,}")
_PROJECT_ID = re.compile(r"proj_[A-Za-z0-9]{8,}")
_NULL_WORDS = {"null", "none", "nil", "undefined", "false", "0", '""', "''"}


def check_provider(resolution: Resolution, registry: Registry) -> list[Finding]:
    """Run every offline check on one provider."""
    findings = list(check_key(resolution, registry))
    findings += check_base_url(resolution)
    findings += check_settings(resolution)
    return findings


def check_key_presence(resolution: Resolution) -> list[Finding]:
    """Only the missing and empty key checks, which never misjudge a working key."""
    return [
        finding
        for finding in check_key(resolution, None)
        if finding.cause in ("key_missing", "key_empty", "key_wrong_variable")
    ]


def check_key(resolution: Resolution, registry: Registry | None) -> Iterator[Finding]:
    spec = resolution.spec
    key = resolution.key
    if key is None:
        if spec.key_required:
            yield _missing_key(resolution)
        return

    value = key.reveal()
    if not value.strip():
        if spec.key_required:
            yield _empty_key(resolution, value)
        return

    yield from _check_value(resolution, value)
    if registry is not None:
        yield from _check_key_provider(resolution, registry, value)
    yield from _check_shadowing(resolution)


def _missing_key(resolution: Resolution) -> Finding:
    spec = resolution.spec
    names = " or ".join(spec.key_vars)
    if resolution.near_misses:
        wrong, secret = resolution.near_misses[0]
        return Finding(
            cause="key_wrong_variable",
            message=(
                f"{names} is not set, but {wrong} is ({secret.fingerprint}); "
                f"the {spec.sdk} SDK reads {names} only."
            ),
            fix=f"rename {wrong} to {spec.main_key_var}",
        )

    in_dotenv = [
        (name, resolution.dotenv[name])
        for name in spec.key_vars
        if name in resolution.dotenv and resolution.dotenv[name].value
    ]
    if in_dotenv:
        name, entry = in_dotenv[0]
        return Finding(
            cause="key_missing",
            message=(
                f"{name} is not in the environment; it is only in "
                f"{display_path(entry.path)}, which nothing loaded."
            ),
            fix=(
                f"load {entry.path.name} before the tests (call dotenv.load_dotenv() "
                "in conftest.py, or use pytest-dotenv), or export "
                f"{name} in the shell"
            ),
        )

    return Finding(
        cause="key_missing",
        message=f"{names} is not set.",
        fix=_ci_fix(resolution, spec.main_key_var or "") or _export_fix(spec),
    )


def _empty_key(resolution: Resolution, value: str) -> Finding:
    name = resolution.key_var
    what = "empty" if not value else "only whitespace"
    message = f"{name} is set but {what}."
    entry = resolution.dotenv.get(name or "")
    if entry is not None and entry.value.reveal().strip():
        message += (
            f" {display_path(entry.path)} has a value, but load_dotenv() does not "
            "override a "
            "variable that is already set, even to an empty string."
        )
    fix = _ci_fix(resolution, name or "") or (
        f"unset {name} or set it to the key ({_key_page(resolution.spec)})"
    )
    return Finding(cause="key_empty", message=message, fix=fix)


def _ci_fix(resolution: Resolution, name: str) -> str | None:
    if resolution.ci is None:
        return None
    if resolution.ci == "GitHub Actions":
        return (
            f"map the secret into the step: env: {name}: ${{{{ secrets.{name} }}}}; "
            "pull requests from forks receive no secrets, so skip live tests there"
        )
    return (
        f"in {resolution.ci}, map the secret into this job's environment as "
        f"{name}; pipelines for pull requests from forks receive no secrets"
    )


def _export_fix(spec: ProviderSpec) -> str:
    return f"export {spec.main_key_var}=<your key> ({_key_page(spec)})"


def _key_page(spec: ProviderSpec) -> str:
    if spec.key_page:
        return f"keys are at {spec.key_page}"
    return f"see {spec.docs_url}" if spec.docs_url else "ask the service's owner"


def _check_value(resolution: Resolution, value: str) -> Iterator[Finding]:
    name = resolution.key_var
    whitespace = describe_whitespace(value)
    if whitespace:
        yield Finding(
            cause="key_whitespace",
            message=f"{name} has {whitespace}. {_whitespace_effect(value)}",
            fix=f"remove it (set {name} without {_whitespace_hint(value)})",
        )

    quoted = _describe_quotes(value)
    if quoted:
        yield Finding(
            cause="key_quoted",
            message=f"{name} is wrapped in {quoted}, which become part of the key.",
            fix=f"set {name} without the quote characters",
        )

    non_ascii = describe_non_ascii(value)
    if non_ascii:
        yield Finding(
            cause="key_non_ascii",
            message=(
                f"{name} contains {non_ascii}; keys are ASCII, so this was "
                "probably pasted from a document or chat."
            ),
            fix=f"copy the key again from the provider's page into {name} as "
            "plain text",
        )

    bare = clean_key(value)
    if is_url(bare):
        yield Finding(
            cause="key_is_url",
            message=f"{name} contains a URL, not a key.",
            fix=_url_fix(resolution.spec, name or ""),
        )
    elif resolution.spec.key_required and is_placeholder(bare, resolution.spec):
        yield Finding(
            cause="key_placeholder",
            message=f"{name} contains template text, not a key.",
            fix=f"set {name} to your key ({_key_page(resolution.spec)})",
        )


def _url_fix(spec: ProviderSpec, name: str) -> str:
    if spec.base_url_vars:
        return (
            f"put the URL in the base URL variable {spec.base_url_vars[0]} and the "
            f"key in {name}"
        )
    return (
        f"pass the URL as the SDK's base URL (or --llm-base-url {spec.name}=URL) "
        f"and put the key in {name}"
    )


def _check_key_provider(
    resolution: Resolution, registry: Registry, value: str
) -> Iterator[Finding]:
    spec = resolution.spec
    if spec.gateway or not spec.key_formats or not spec.key_required:
        return
    bare = clean_key(value)
    if spec.key_format_of(bare) is not None:
        return
    owner = registry.identify_key(bare, exclude=spec.name)
    if owner is None:
        return
    target = _base_url_owner(resolution, registry)
    if target is not None and target.name == owner.name:
        return
    label = next(
        f.label for f in owner.key_formats if f.distinctive and f.matches(bare)
    )
    yield Finding(
        cause="key_wrong_provider",
        message=(
            f"{resolution.key_var} looks like a key of {owner.title} ({label}), "
            f"but it is sent to {spec.title}."
        ),
        fix=(
            f"put this key in {owner.main_key_var or 'its own variable'} and set "
            f"{resolution.key_var} to a key for {spec.title}"
        ),
    )


def at_custom_endpoint(resolution: Resolution, registry: Registry) -> bool:
    """Return True when the base URL is set to a host of no known provider.

    Gateways and proxies there may accept keys of any format, so only the
    endpoint's own response can tell whether a key of another shape works.
    """
    if resolution.base_url_source in (None, "default"):
        return False
    owner = _base_url_owner(resolution, registry)
    return owner is None


def _base_url_owner(resolution: Resolution, registry: Registry) -> ProviderSpec | None:
    if resolution.base_url_source in (None, "default") or not resolution.base_url:
        return None
    host = urlsplit(normalize_base_url(resolution.spec, resolution.base_url)).hostname
    return registry.provider_for_host(host) if host else None


def _check_shadowing(resolution: Resolution) -> Iterator[Finding]:
    spec = resolution.spec
    key = resolution.key
    assert key is not None
    for name, other in resolution.key_candidates:
        if name == resolution.key_var or not other or other == key:
            continue
        yield Finding(
            cause="key_shadowed",
            message=(
                f"{resolution.key_var} ({key.fingerprint}) and {name} "
                f"({other.fingerprint}) are both set and differ; the {spec.sdk} "
                f"SDK uses {resolution.key_var}."
            ),
            fix=f"unset the one you do not mean (unset {resolution.key_var} to "
            f"use {name})",
        )

    entry = resolution.dotenv.get(resolution.key_var or "")
    if entry is None or not entry.value or entry.value == key:
        return
    yield Finding(
        cause="key_shadowed",
        message=(
            f"{resolution.key_var} in the process environment ({key.fingerprint}) "
            f"differs from the one in {display_path(entry.path)} "
            f"({entry.value.fingerprint}); the "
            "SDK uses the environment's, because load_dotenv() does not override "
            "variables that are already set."
        ),
        fix=(
            f"remove the stale export of {resolution.key_var} (shell profile, CI "
            f"variables) or load {entry.path.name} with load_dotenv(override=True)"
        ),
    )


def check_base_url(resolution: Resolution) -> list[Finding]:
    spec = resolution.spec
    findings: list[Finding] = []
    explicit = resolution.base_url_source not in (None, "default")
    if not explicit:
        findings += _ignored_base_urls(resolution)

    if resolution.base_url is None:
        findings.append(_missing_base_url(resolution))
        return findings

    problem = describe_url_problem(spec, resolution.base_url)
    if problem is not None:
        source = {
            "default": "the gateway's base_url"
            if spec.gateway
            else "the default base URL",
        }.get(resolution.base_url_source or "", resolution.base_url_source)
        findings.append(
            Finding(
                cause="base_url_invalid",
                message=f"{source} {problem[0]}.",
                fix=problem[1],
            )
        )
    return findings


def _ignored_base_urls(resolution: Resolution) -> list[Finding]:
    spec = resolution.spec
    target = spec.base_url_vars[0] if spec.base_url_vars else None
    findings = []
    for name, value in (*resolution.ignored_base_urls, *resolution.near_miss_base_urls):
        if not value.strip():
            continue
        legacy = name in spec.legacy_base_url_vars
        why = "an older SDK read it; the current one" if legacy else "the SDK"
        where = (
            safe_url(resolution.base_url)
            if resolution.base_url
            else ("nowhere (no default)")
        )
        findings.append(
            Finding(
                cause="base_url_ignored",
                message=(
                    f"{name} is set, but {why} does not read it, so requests go to "
                    f"{where}."
                ),
                fix=(
                    f"rename {name} to {target}"
                    if target
                    else f"pass --llm-base-url {spec.name}=URL and the same URL "
                    "as the SDK's base_url"
                ),
            )
        )
    return findings


def _missing_base_url(resolution: Resolution) -> Finding:
    spec = resolution.spec
    target = spec.base_url_vars[0] if spec.base_url_vars else None
    fix = (
        f"export {target}=https://<resource>.openai.azure.com"
        if spec.name == "azure_openai"
        else f"export {target}=<URL>"
        if target
        else f"set --llm-base-url {spec.name}=URL"
    )
    return Finding(
        cause="base_url_missing",
        message=f"{spec.title} has no default endpoint and "
        f"{target or 'no base URL'} is not set.",
        fix=fix,
    )


def describe_url_problem(spec: ProviderSpec, raw: str) -> tuple[str, str] | None:
    """Say what is wrong with a base URL, with the fix, or return None.

    The problem never quotes the value: a key pasted into a base URL
    variable is a common mix-up.
    """
    example = spec.default_base_url or "https://host/v1"
    if not raw.strip():
        return "is set but empty", f"unset it or set it to a URL such as {example}"
    text_problem = _url_text_problem(raw, spec, example)
    if text_problem is not None:
        return text_problem

    url = normalize_base_url(spec, raw)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for an invalid port
    except ValueError:
        return "has an invalid port", "use a port number from 1 to 65535"
    if parts.scheme not in ("http", "https"):
        fix = f"write it with https://, for example {example}"
        if "://" not in raw:
            fix = f"write it as {safe_url('https://' + raw)}"
        return "has no http:// or https:// scheme", fix
    if parts.query or parts.fragment:
        return _url_query_problem(spec)
    return _url_host_problem(parts.netloc, parts.hostname or "", url, example)


def _url_query_problem(spec: ProviderSpec) -> tuple[str, str]:
    """Explain why a base URL cannot carry a query string.

    httpx appends each request path after the base URL's raw path, query
    included, so ``/v1?key=X`` plus ``models`` becomes the query
    ``key=X/models`` and the API path is lost.
    """
    fix = "remove everything from the ? on"
    if spec.name == "azure_openai":
        fix += "; the API version belongs in OPENAI_API_VERSION"
    return (
        "has a query string or fragment, which httpx mixes with each request's path",
        fix,
    )


def _url_text_problem(
    raw: str, spec: ProviderSpec, example: str
) -> tuple[str, str] | None:
    non_ascii = describe_non_ascii(raw)
    if non_ascii:
        return f"contains {non_ascii}", "retype the URL as plain ASCII text"
    if not raw.strip().isprintable():
        return "contains a control character", "retype the URL"
    if raw != raw.strip() or any(c.isspace() for c in raw):
        return (
            f"has {describe_whitespace(raw) or 'whitespace inside it'}",
            "remove the whitespace",
        )
    if _describe_quotes(raw):
        return "is wrapped in quotes", "remove the quote characters"
    if "://" not in raw and looks_like_key(raw):
        return (
            "contains what looks like an API key, not a URL",
            f"put the key in {spec.main_key_var or 'the key variable'} and set "
            f"this variable to a URL such as {example}",
        )
    return None


def _url_host_problem(
    netloc: str, host: str, url: str, example: str
) -> tuple[str, str] | None:
    if "@" in netloc:
        return (
            "contains user information (user:password@), which httpx sends as "
            "Basic authentication in place of the key",
            "remove the user information; the SDK sends the key itself",
        )
    if not host:
        return (
            "has no host name",
            f"use the form http(s)://host[:port][/path], as in {example}",
        )
    if not _valid_host(host):
        return "has a host name that is not valid", f"use a host name such as {example}"
    if host in _LISTEN_ADDRESSES:
        fixed = safe_url(_with_loopback_host(url))
        return (
            f"points at {host}, which is an address to listen on, not to connect to",
            f"use 127.0.0.1 or localhost instead ({fixed})",
        )
    return None


def _with_loopback_host(url: str) -> str:
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, "127.0.0.1" + port, parts.path, "", ""))


_HOST_LABEL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")


def _valid_host(host: str) -> bool:
    """Return True for an IP address or a host name of valid DNS labels."""
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        labels = host.rstrip(".").split(".")
        return len(host) <= 253 and all(
            _HOST_LABEL.fullmatch(label) for label in labels
        )
    return True


def normalize_base_url(spec: ProviderSpec, raw: str) -> str:
    """Return the URL the SDK will use for ``raw``.

    ollama-python accepts ``host``, ``host:port`` and URLs, defaulting the
    scheme to http and the port to 11434 (ollama/_client.py ``_parse_host``).
    """
    if spec.base_url_style != "ollama_host":
        return raw
    if "://" in raw:
        return raw.rstrip("/")
    host = raw.rstrip("/")
    if host.startswith(":"):
        host = "127.0.0.1" + host
    if not re.search(r":\d+($|/)", host.split("]")[-1]):
        head, _, path = host.partition("/")
        host = f"{head}:11434" + (f"/{path}" if path else "")
    return f"http://{host}"


def check_settings(resolution: Resolution) -> list[Finding]:
    findings: list[Finding] = []
    for extra in resolution.spec.extra_vars:
        value = resolution.settings.get(extra.name)
        if value is None:
            findings += _unset_setting(resolution, extra.name)
            continue
        problem = _setting_problem(extra.role, value)
        if problem is not None:
            findings.append(
                Finding(
                    cause=_SETTING_CAUSES[extra.role],
                    message=f"{extra.name} {problem[0]}.",
                    fix=problem[1],
                )
            )
    return findings


_SETTING_CAUSES = {
    "organization": "org_invalid",
    "project": "org_invalid",
    "api_version": "api_version_invalid",
    "mode": "vertex_mode",
}


def _unset_setting(resolution: Resolution, name: str) -> list[Finding]:
    extra = next(e for e in resolution.spec.extra_vars if e.name == name)
    findings: list[Finding] = []
    present = [
        n
        for n in (*extra.legacy_names, *extra.near_misses)
        if resolution.ignored_settings.get(n, "").strip()
    ]
    if present and not extra.required:
        findings.append(
            Finding(
                cause="setting_ignored",
                message=f"{present[0]} is set, but {resolution.spec.sdk} reads "
                f"{name}, which is not set.",
                fix=f"rename {present[0]} to {name}",
            )
        )
    if extra.required:
        hint = f" {present[0]} is set, but the SDK does not read it." if present else ""
        findings.append(
            Finding(
                cause="api_version_missing",
                message=f"{name} is not set, and {resolution.spec.sdk} raises "
                f"without it.{hint}",
                fix=(
                    f"rename {present[0]} to {name}"
                    if present
                    else f"export {name}=2024-10-21 (an API version your resource "
                    "supports)"
                ),
            )
        )
    return findings


def _setting_problem(role: str, value: str) -> tuple[str, str] | None:
    stripped = value.strip()
    if role == "mode":
        if stripped.lower() in ("true", "1", "yes"):
            return (
                "is true, so google-genai sends requests to Vertex AI, which does "
                "not use the Gemini API key checked here",
                "unset GOOGLE_GENAI_USE_VERTEXAI to use the Gemini API",
            )
        return None
    if role == "api_version":
        if not stripped or stripped != value:
            return (
                "is empty or has surrounding whitespace",
                "set it to an API version such as 2024-10-21",
            )
        return None
    return _identifier_problem(role, value)


def _identifier_problem(role: str, value: str) -> tuple[str, str] | None:
    stripped = value.strip()
    expected_id = (
        "an organization id (org-…)"
        if role == "organization"
        else ("a project id (proj_…)")
    )
    other = "OPENAI_PROJECT_ID" if role == "organization" else "OPENAI_ORG_ID"
    own = "OPENAI_ORG_ID" if role == "organization" else "OPENAI_PROJECT_ID"
    if stripped.lower() in _NULL_WORDS or not stripped:
        return (
            f"is {stripped or 'empty'!r}, which the SDK sends as the id",
            f"unset {own} (it is optional) or set it to {expected_id}",
        )
    if stripped != value:
        return "has surrounding whitespace", "remove the whitespace"
    if looks_like_key(stripped):
        return "contains what looks like an API key", f"set it to {expected_id}"
    mismatched = _PROJECT_ID if role == "organization" else _ORGANIZATION_ID
    if mismatched.fullmatch(stripped):
        kind = "a project" if role == "organization" else "an organization"
        return f"contains {kind} id", f"move it to {other}"
    expected = _ORGANIZATION_ID if role == "organization" else _PROJECT_ID
    if not expected.fullmatch(stripped):
        return "is not " + expected_id, f"set it to {expected_id}"
    return None


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working directory when it is below it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def describe_whitespace(value: str) -> str:
    """Name the whitespace around or inside ``value``, or return ''."""
    parts = []
    leading = _edge_whitespace(value)
    trailing = _edge_whitespace(value[::-1])[::-1] if value.strip() else ""
    if leading and value.strip():
        parts.append(f"a leading {_name_whitespace(leading)}")
    if trailing:
        parts.append(f"a trailing {_name_whitespace(trailing)}")
    inner = value.strip()
    positions = [i + 1 for i, c in enumerate(inner) if c.isspace()]
    if positions:
        parts.append(f"whitespace inside it at position {positions[0]}")
    return " and ".join(parts)


def _edge_whitespace(value: str) -> str:
    return value[: len(value) - len(value.lstrip())]


def _name_whitespace(run: str) -> str:
    names = []
    rest = run
    while rest:
        for token, name in _WHITESPACE_NAMES.items():
            if rest.startswith(token):
                names.append(name)
                rest = rest[len(token) :]
                break
        else:
            names.append(f"whitespace U+{ord(rest[0]):04X}")
            rest = rest[1:]
    unique = list(dict.fromkeys(names))
    return " and ".join(unique)


def _whitespace_effect(value: str) -> str:
    """Say what the SDK does with the whitespace in a key.

    httpx (through h11 or httpcore2) rejects a header value with a line
    break or trailing whitespace, so the request fails before it is sent.
    Other whitespace is sent and makes the key wrong.
    """
    if "\n" in value or "\r" in value or value != value.rstrip():
        return (
            "httpx rejects such a header value, so every request of the SDK "
            "fails with a connection error before it is sent."
        )
    return "The SDK sends it as part of the key, which the provider then rejects."


def _whitespace_hint(value: str) -> str:
    return "the newline" if "\n" in value or "\r" in value else "the whitespace"


def _describe_quotes(value: str) -> str:
    core = value.strip()
    if len(core) >= 2 and core[0] == core[-1] and core[0] in _ASCII_QUOTES:
        return _ASCII_QUOTES[core[0]]
    if core[:1] in _ASCII_QUOTES:
        return f"a leading {_ASCII_QUOTES[core[0]][:-1]}"
    if core[-1:] in _ASCII_QUOTES:
        return f"a trailing {_ASCII_QUOTES[core[-1]][:-1]}"
    return ""


def describe_non_ascii(value: str, limit: int = 3) -> str:
    """Name non-ASCII characters by code point and position, never by neighbours."""
    found = [(i + 1, c) for i, c in enumerate(value) if not c.isascii()]
    if not found:
        return ""
    described = [f"{_name_character(c)} at position {i}" for i, c in found[:limit]]
    more = f" and {len(found) - limit} more" if len(found) > limit else ""
    return ", ".join(described) + more


def _name_character(character: str) -> str:
    code = ord(character)
    # Python decodes the environment with surrogateescape, so a byte that is
    # not valid UTF-8 arrives as a lone surrogate from U+DC80 to U+DCFF.
    if 0xDC80 <= code <= 0xDCFF:
        return (
            f"U+{code:04X} (the byte 0x{code - 0xDC00:02X}, which is not valid UTF-8)"
        )
    return f"U+{code:04X} {unicodedata.name(character, 'UNNAMED CHARACTER')}"


def clean_key(value: str) -> str:
    """Return ``value`` without surrounding whitespace and quotes."""
    return value.strip().strip("\"'`" + _SMART_QUOTES).strip()


def is_url(value: str) -> bool:
    lowered = value.lower()
    return lowered.startswith(("http://", "https://", "www.")) or "://" in lowered


def is_placeholder(value: str, spec: ProviderSpec) -> bool:
    """Return True when ``value`` is documentation or template text."""
    if value in _all_key_variable_names(spec) or value.upper() in spec.key_vars:
        return True
    lowered = value.lower()
    if any(p.fullmatch(lowered) for p in _PLACEHOLDER_WHOLE):
        return True
    bare = lowered.strip("<>[]{}()")
    if bare in _PLACEHOLDER_WORDS or (value.startswith("<") and value.endswith(">")):
        return True
    return any(p.search(bare) for p in _PLACEHOLDER_SEARCHES)


def _all_key_variable_names(spec: ProviderSpec) -> set[str]:
    return {*spec.key_vars, *spec.near_miss_key_vars}
