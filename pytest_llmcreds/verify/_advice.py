"""Findings in words: how the provider responded, and a one-line fix per cause."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

from pytest_llmcreds.keys import safe_url
from pytest_llmcreds.providers import ProviderSpec
from pytest_llmcreds.results import Finding
from pytest_llmcreds.verify._response import Response, excerpt, remove_secrets
from pytest_llmcreds.verify._table import VerificationSpec
from pytest_llmcreds.verify._transport import Failure, host_of


@dataclass(frozen=True)
class Target:
    """The facts about one provider's check that messages and fixes use."""

    spec: ProviderSpec
    table: VerificationSpec
    #: The base URL as it is sent, so messages show it through ``safe_url``.
    base_url: str
    #: The variable or option that sets the base URL, for fixes.
    base_source: str
    key_var: str | None
    organization_var: str | None = None

    @property
    def title(self) -> str:
        return self.spec.title

    @property
    def key_place(self) -> str:
        return self.key_var or (
            self.spec.key_vars[0] if self.spec.key_vars else "the key"
        )


def describe_response(
    target: Target, response: Response, secrets: tuple[str, ...], request: str = ""
) -> str:
    """Describe the response: request, status, error ids and a message excerpt."""
    fields = response.fields
    labels = [v for v in (fields.code, fields.type, fields.status) if v]
    labels += [r for r in fields.reasons if r not in labels]
    # The identifiers are the provider's text, as the message is.
    labels = [excerpt(label, secrets) for label in labels]
    head = f"{target.title} responded"
    if request:
        head += f" to {request}"
    head += f" with {response.status}"
    if labels:
        head += " " + "/".join(dict.fromkeys(labels))
    if not response.is_json:
        head += _body_kind(response, secrets)
    text = excerpt(fields.message, secrets) if response.is_json else ""
    return f'{head}: "{text}"' if text else head


def _body_kind(response: Response, secrets: tuple[str, ...]) -> str:
    if response.truncated:
        return " and a body larger than the 4 MiB read limit"
    if response.is_html:
        return " and an HTML page"
    if response.body.strip() and response.content_type.endswith("json"):
        return " and a body that is not valid JSON"
    if response.body.strip() and response.content_type:
        # The content type is the provider's text too.
        content_type = excerpt(response.content_type, secrets)
        return f" and a body of type {content_type}, not JSON"
    if response.body.strip():
        return " and a body that is not JSON"
    return " and an empty body"


def describe_failure(target: Target, failure: Failure, timeout: float) -> str:
    if failure.cause == "timeout":
        return f"{failure.what}: {failure.host} did not respond within {timeout:g} s"
    return f"{failure.what} ({failure.host})"


# Fixes, one line each.


def fix_key_invalid(target: Target) -> str:
    page = f" from {target.spec.key_page}" if target.spec.key_page else ""
    if target.spec.name == "litellm":
        return (
            f"set {target.key_place} to the proxy's master key or a virtual "
            "key it issued"
        )
    return f"replace {target.key_place} with a current {target.title} key{page}"


def fix_base_url(
    target: Target, response: Response | None = None, secrets: tuple[str, ...] = ()
) -> str:
    if response is not None and 300 <= response.status < 400:
        return _redirect_fix(target, response, secrets)
    suggestion = suggest_base_url(target)
    if suggestion is not None:
        return f"set {target.base_source} to {safe_url(suggestion)}"
    return (
        f"point {target.base_source} at the {target.title} API itself, not a "
        "web page or another service"
    )


#: Endpoint paths people paste as a base URL; the SDK appends them itself.
_ENDPOINT_SUFFIXES = (
    "/chat/completions",
    "/completions",
    "/messages",
    "/responses",
    "/embeddings",
    "/models",
)


def suggest_base_url(target: Target) -> str | None:
    """Return a likely right base URL when a path is missing, repeated or pasted.

    The SDK appends the path before the table's model list path (``/v1`` for
    Anthropic, ``/openai/v1`` for Groq, ``/openai`` for Azure), so a base URL
    that already ends with it sends that path twice. The URL returned is the
    one to send, so messages show it through ``safe_url``.
    """
    base = target.base_url.rstrip("/")
    for suffix in _ENDPOINT_SUFFIXES:
        if base.endswith(suffix):
            return base.removesuffix(suffix)
    expected = target.table.base_path
    if expected:
        return None if base.endswith(expected) else base + expected
    version = target.table.default_version
    appended = target.table.models.path.split("?")[0].removesuffix("/models")
    appended = appended.replace("{version}", version)
    if appended and base.endswith(appended):
        return base.removesuffix(appended)
    return None


def _redirect_fix(
    target: Target, response: Response, secrets: tuple[str, ...] = ()
) -> str:
    destination = _redirect_destination(response)
    if destination is None:
        return f"set {target.base_source} to the address it redirects to (unknown)"
    host = remove_secrets(host_of(destination), secrets)
    if host != remove_secrets(host_of(target.base_url), secrets):
        return (
            f"set {target.base_source} to the API's own address; the key "
            f"was not sent on to {host}"
        )
    return f"set {target.base_source} to the address it redirects to ({host})"


def redirect_message(
    target: Target, response: Response, secrets: tuple[str, ...] = ()
) -> str:
    """Describe a redirect; the Location is shown through ``safe_url``."""
    destination = _redirect_destination(response)
    shown = (
        remove_secrets(safe_url(destination), secrets)
        if destination is not None
        else "an unnamed address"
    )
    return (
        f"{target.title} responded with {response.status}, a redirect to {shown}, "
        "which the SDK would follow with the key; the preflight follows none"
    )


def _redirect_destination(response: Response) -> str | None:
    location = response.headers.get("location", "")
    if not location:
        return None
    try:
        return urljoin(response.url, location)
    except ValueError:
        return None


_FIXES: dict[str, Callable[[Target], str]] = {
    "key_invalid": fix_key_invalid,
    "key_restricted": lambda t: (
        f"give the key the missing permission on {t.spec.key_page or 'the key page'}"
        ", or leave it if the tests need none"
    ),
    "org_mismatch": lambda t: (
        f"set {t.organization_var or 'the organization'} to an organization "
        "the key belongs to, or unset it"
    ),
    "region_blocked": lambda t: (
        f"run from a country or region {t.title} supports, or through "
        "HTTPS_PROXY in one"
    ),
    "service_disabled": lambda t: (
        "enable the Generative Language API in the key's Google Cloud project, "
        "or create the key in Google AI Studio"
    ),
    "quota_exhausted": lambda t: (
        f"add credit or raise the spend limit in the {t.title} billing settings"
    ),
    "rate_limited": lambda t: "wait and rerun, or run fewer live tests at once",
    "server_error": lambda t: (
        f"{t.title} has a problem of its own: rerun later or check its status page"
    ),
    "unexpected_response": lambda t: (
        f"check that {t.base_source} points at the {t.title} API; run with -v "
        "and the pytest_llmcreds DEBUG log for details"
    ),
    "base_url_wrong": fix_base_url,
    "model_not_found": lambda t: f"use a model name that {t.title} lists for this key",
    "model_no_access": lambda t: (
        "ask for access to the model for this key's project, or pick one it can use"
    ),
}

_TRANSPORT_FIXES: dict[str, Callable[[Target, Failure], str]] = {
    "timeout": lambda t, f: (
        f"check the network path to {f.host}, or raise --llm-preflight-timeout"
    ),
    "tls_error": lambda t, f: (
        "trust the server's certificate authority with SSL_CERT_FILE, or fix "
        f"the host name in {t.base_source}"
    ),
    "network_error": lambda t, f: (
        f"check that {f.host} is reachable from here (DNS, firewall, "
        f"HTTPS_PROXY) and that {t.base_source} is right"
    ),
}


def fix_for(target: Target, cause: str) -> str:
    return _FIXES[cause](target)


def response_finding(
    target: Target,
    cause: str,
    response: Response,
    secrets: tuple[str, ...],
    *,
    subject: str = "",
) -> Finding:
    """Build the finding for an HTTP response that ``classify`` judged ``cause``."""
    if cause == "base_url_wrong" and 300 <= response.status < 400:
        return Finding(
            cause=cause,
            message=redirect_message(target, response, secrets),
            fix=_redirect_fix(target, response, secrets),
        )
    message = describe_response(target, response, secrets, subject)
    if cause == "base_url_wrong":
        return Finding(
            cause=cause, message=message, fix=fix_base_url(target, response, secrets)
        )
    if cause in _TRANSPORT_FIXES:
        failure = Failure(cause, "", host_of(response.url))
        return Finding(
            cause=cause, message=message, fix=_TRANSPORT_FIXES[cause](target, failure)
        )
    return Finding(cause=cause, message=message, fix=fix_for(target, cause))


def failure_finding(
    target: Target, failure: Failure, timeout: float, *, subject: str = ""
) -> Finding:
    said = describe_failure(target, failure, timeout)
    return Finding(
        cause=failure.cause,
        message=f"{said} for {subject}" if subject else said,
        fix=_TRANSPORT_FIXES[failure.cause](target, failure),
    )
