"""One provider's live check: prove the key, match the models, probe on request."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from pytest_llmcreds.causes import effect_of
from pytest_llmcreds.checks import clean_key, normalize_base_url
from pytest_llmcreds.keys import safe_url
from pytest_llmcreds.results import Finding
from pytest_llmcreds.verify._advice import (
    Target,
    failure_finding,
    fix_key_invalid,
    response_finding,
    suggest_base_url,
)
from pytest_llmcreds.verify._classify import Phase, classify
from pytest_llmcreds.verify._keyforms import unsendable, what_was_removed
from pytest_llmcreds.verify._keyinfo import read_key_info
from pytest_llmcreds.verify._models import closest, is_listed, model_ids, next_page
from pytest_llmcreds.verify._outcome import LiveCheck, LiveOutcome, ModelStatus
from pytest_llmcreds.verify._probe import PROBE_COST, probe_request
from pytest_llmcreds.verify._response import Response, remove_secrets, shown_request_id
from pytest_llmcreds.verify._retry import MAX_RETRIES, retry_wait
from pytest_llmcreds.verify._settings import (
    hidden_values,
    settings_of,
    shown_settings,
)
from pytest_llmcreds.verify._table import Endpoint, verification_for
from pytest_llmcreds.verify._transport import (
    Failure,
    describe_exception,
    fetch,
    has_user_info,
    host_of,
    redacted_http_logs,
    without_user_info,
)

logger = logging.getLogger("pytest_llmcreds.verify")

#: Further pages read of a paged model list (Anthropic, Gemini).
MAX_EXTRA_PAGES = 4

#: Offline causes after which no request is sent: the SDK could not send
#: one either.
NO_SEND_CAUSES = frozenset(
    {"base_url_invalid", "base_url_missing", "api_version_missing"}
)

_AUTH_HEADERS = {
    "bearer": "authorization",
    "x-api-key": "x-api-key",
    "api-key": "api-key",
    "x-goog-api-key": "x-goog-api-key",
}


def reason_not_to_send(check: LiveCheck) -> str | None:
    """Return why nothing should be sent for ``check``, or None to send."""
    resolution = check.resolution
    blocking = [f.cause for f in check.offline_findings if f.cause in NO_SEND_CAUSES]
    if blocking:
        return f"no request was sent because of {', '.join(blocking)}"
    if not resolution.base_url:
        return "no request was sent because no base URL is set"
    if has_user_info(normalize_base_url(resolution.spec, resolution.base_url)):
        return (
            "no request was sent because the base URL contains user information "
            "(user:password@), which httpx would send as Basic authentication "
            "in place of the key"
        )
    if resolution.spec.key_required and not resolution.key:
        return "no request was sent because there is no key to send"
    return None


@dataclass
class _Round:
    """The key check with one form of the key."""

    accepted: bool
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    list_response: Response | None = None


class ProviderCheck:
    """The live check of one provider, on a shared client."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        check: LiveCheck,
        *,
        timeout: float,
        probe: bool,
    ) -> None:
        self.client = client
        self.check = check
        self.resolution = check.resolution
        self.spec = check.resolution.spec
        self.table = verification_for(self.spec)
        self.timeout = timeout
        self.probe = probe
        # The raw settings are sent; only shown_settings leave the check.
        self.settings = settings_of(self.resolution, self.table)
        self.shown_settings = shown_settings(self.settings)
        self.target = Target(
            spec=self.spec,
            table=self.table,
            base_url=self.settings["base_url"],
            base_source=self._base_source(),
            key_var=self.resolution.key_var,
            organization_var=self._setting_var("organization"),
        )
        self.findings: list[Finding] = []
        self.notes: list[str] = []
        self.models: dict[str, ModelStatus] = dict.fromkeys(check.models, "unknown")
        self.requests_sent = 0
        self.request_id: str | None = None
        self.deadline = time.monotonic() + timeout
        raw = self.resolution.key.reveal() if self.resolution.key else None
        self.raw_key = raw
        cleaned = clean_key(raw) if raw else None
        self.cleaned_key = cleaned if cleaned and cleaned != raw else None
        keys = tuple(v for v in (raw, self.cleaned_key) if v)
        self.secrets = keys + hidden_values(self.settings)
        self.key = raw

    @property
    def name(self) -> str:
        return self.spec.name

    def _base_source(self) -> str:
        source = self.resolution.base_url_source
        if source and source != "default":
            return source
        if self.spec.base_url_vars:
            return self.spec.base_url_vars[0]
        return "--llm-base-url"

    def _setting_var(self, role: str) -> str | None:
        for extra in self.spec.extra_vars:
            if extra.role == role:
                return extra.name
        return None

    # The check

    async def run(self) -> LiveOutcome:
        with redacted_http_logs(self.secrets):
            round_ = await self._prove_key()
            self.findings += round_.findings
            self.notes += round_.notes
            if round_.accepted:
                await self._check_models(round_.list_response)
                await self._probe_or_note()
        return self.outcome()

    def outcome(self) -> LiveOutcome:
        return LiveOutcome(
            findings=[_as_sentence(f) for f in _unique(self.findings)],
            models=dict(self.models),
            request_id=self.request_id,
            requests_sent=self.requests_sent,
            notes=list(dict.fromkeys(self.notes)),
            settings=dict(self.shown_settings),
        )

    # The key

    async def _prove_key(self) -> _Round:
        raw, cleaned = self.raw_key, self.cleaned_key
        if raw is None:
            return await self._key_round(None)
        problem = unsendable(raw)
        if problem and cleaned is None:
            return _Round(False, notes=[f"the key was not sent: {problem}"])
        if not problem:
            first = await self._key_round(raw)
            if first.accepted or cleaned is None or not _rejected(first):
                return first
        else:
            self.notes.append(
                f"the SDK cannot send this key as it is: {problem}; the "
                "preflight tried it with the surrounding characters removed"
            )
        return await self._cleaned_round(cleaned)

    async def _cleaned_round(self, cleaned: str | None) -> _Round:
        assert cleaned is not None
        removed = what_was_removed(self.raw_key or "")
        self.key = cleaned
        second = await self._key_round(cleaned)
        if second.accepted:
            second.notes.insert(
                0,
                f"{self.target.title} accepts the key with {removed} removed",
            )
            return second
        if _rejected(second):
            second.findings = [
                Finding(
                    cause="key_invalid",
                    message=f"{self.target.title} rejects the key even with "
                    f"{removed} removed ({f.message})",
                    fix=fix_key_invalid(self.target),
                )
                if f.cause == "key_invalid"
                else f
                for f in second.findings
            ]
        return second

    async def _key_round(self, key: str | None) -> _Round:
        table = self.table
        endpoints: list[tuple[Endpoint, Phase, bool]] = []
        if table.key_info is not None:
            endpoints.append((table.key_info, "key", True))
        if table.key_info is None or self.check.models or table.always_list:
            endpoints.append((table.models, "models", not table.list_is_public))
        results = await asyncio.gather(
            *(self._send(e, phase, key=key) for e, phase, _ in endpoints)
        )

        # A request proves the key unless its path responds without one.
        round_ = _Round(False)
        proving: list[Finding] = []
        for (endpoint, phase, proves), result in zip(endpoints, results, strict=True):
            verdict = self._judge_key_response(result, phase, endpoint)
            if phase == "models" and isinstance(result, Response) and verdict is None:
                round_.list_response = result
            if proves and (verdict is None or verdict.effect == "warning"):
                round_.accepted = True
            if verdict is None:
                continue
            if verdict.effect == "warning":
                round_.findings.append(verdict)
            elif proves:
                proving.append(verdict)
            else:
                round_.notes.append(f"the model list was not read: {verdict.message}")

        if not round_.accepted:
            decisive = _decisive(proving)
            if any(_wrong_path(r) for r in results):
                decisive = [await self._confirm_base_url(f, key) for f in decisive]
            round_.findings += decisive
            return round_

        round_.notes += [
            f"{f.message}; the key was proven by the other request" for f in proving
        ]
        if table.key_info is not None and isinstance(results[0], Response):
            round_.findings += read_key_info(
                self.table.key_info_kind,
                results[0],
                self.target,
                self.notes,
                proven_by_list=self._list_proves_key(round_),
            )
        return round_

    def _list_proves_key(self, round_: _Round) -> bool:
        return round_.list_response is not None and not self.table.list_is_public

    async def _confirm_base_url(self, finding: Finding, key: str | None) -> Finding:
        """Ask the suggested base URL once, and keep its fix only if it responds."""
        suggestion = suggest_base_url(self.target)
        if finding.cause != "base_url_wrong" or suggestion is None:
            return finding
        result = await self._send(
            self.table.models, "models", key=key, base_url=suggestion
        )
        path = self._shown_path(self.table.models).split("?")[0]
        shown = self._shown_url(suggestion)
        if isinstance(result, Response) and _responds_as_api(result):
            return finding.model_copy(
                update={
                    "message": f"{finding.message}; GET {path} under {shown} "
                    f"responds {result.status} in the API's JSON",
                }
            )
        return finding.model_copy(
            update={
                "message": f"{finding.message}; {shown} does not respond as the "
                "API either",
                "fix": f"point {self.target.base_source} at the {self.target.title} "
                "API itself, not a web page or another service",
            }
        )

    def _judge_key_response(
        self, result: Response | Failure, phase: Phase, endpoint: Endpoint
    ) -> Finding | None:
        subject = f"{endpoint.method} {self._shown_path(endpoint).split('?')[0]}"
        if isinstance(result, Failure):
            return failure_finding(self.target, result, self.timeout, subject=subject)
        cause = classify(result, phase)
        if cause is None:
            return None
        return response_finding(
            self.target, cause, result, self.secrets, subject=subject
        )

    # Models

    async def _check_models(self, response: Response | None) -> None:
        if not self.check.models:
            return
        if self.spec.name == "azure_openai":
            self.notes.append(
                "Azure OpenAI models are deployment names, which no list shows: "
                "only --llm-preflight-probe proves a deployment"
            )
            return
        if response is None:
            self.notes.append("the models are unknown: the model list was not read")
            return
        listed = await self._read_model_list(response)
        if listed is None:
            return
        for model in self.check.models:
            self._judge_listed_model(model, listed)

    async def _read_model_list(self, response: Response) -> list[str] | None:
        shape = self.table.shape
        listed = model_ids(response.data, shape)
        if listed is None:
            self.findings.append(
                Finding(
                    cause="unexpected_response",
                    message=f"the model list of {self.target.title} is not in "
                    "its documented shape, so the models were not checked",
                    fix=f"check that {self.target.base_source} points at the "
                    f"{self.target.title} API",
                )
            )
            return None
        page = response
        for _ in range(MAX_EXTRA_PAGES):
            query = next_page(page.data, shape)
            if query is None:
                break
            result = await self._send(self.table.models, "models", extra_query=query)
            if not isinstance(result, Response) or classify(result, "models"):
                self.notes.append("a later page of the model list was not read")
                break
            listed += model_ids(result.data, shape) or []
            page = result
        return listed

    def _judge_listed_model(self, model: str, listed: Sequence[str]) -> None:
        if is_listed(model, listed, self.table.shape):
            self.models[model] = "available"
            return
        self.models[model] = "not_found"
        # The names come from the provider, so no piece of a secret is shown.
        near = [remove_secrets(n, self.secrets) for n in closest(model, listed)]
        hint = f"; closest listed: {', '.join(near)}" if near else ""
        self.findings.append(
            Finding(
                cause="model_not_found",
                message=f"{self.target.title} does not list the model "
                f"{model!r} among {len(listed)} models{hint}",
                fix=self._model_fix(model, near),
            )
        )

    def _model_fix(self, model: str, near: Sequence[str]) -> str:
        if self.table.shape == "ollama":
            return f"run `ollama pull {model}`" + (
                f", or use a pulled model such as {near[0]}" if near else ""
            )
        if near:
            return f"use a listed model name, such as {near[0]}"
        return f"use a model name that {self.target.title} lists for this key"

    # Probe

    async def _probe_or_note(self) -> None:
        kind = self.table.probe
        if not self.probe or kind is None:
            self._note_unproven(kind)
            return
        models = [m for m, status in self.models.items() if status != "not_found"]
        if not self.models:
            self.notes.append(
                "--llm-preflight-probe had no model to probe: name one in an "
                "llm_live marker or with --llm-model"
            )
            return
        if not models:
            return
        await asyncio.gather(*(self._probe_model(model) for model in models))
        count = "1 request" if len(models) == 1 else f"{len(models)} requests"
        self.notes.append(
            f"--llm-preflight-probe sent {count}, one per model; "
            f"each costs {PROBE_COST[kind]}"
        )

    def _note_unproven(self, kind: str | None) -> None:
        if kind is None:
            self.notes.append(
                f"{self.target.title} runs models locally, with no quota to prove"
            )
            return
        if self.table.shows_quota:
            return
        self.notes.append(
            "quota and billing are not proven: the model list does not show "
            "quota; --llm-preflight-probe sends one 1-token request per model"
        )

    async def _probe_model(self, model: str) -> None:
        endpoint, body = probe_request(self.table, model)
        result = await self._send(endpoint, "probe", json_body=body)
        shown_path = self._shown_path(endpoint)
        subject = f"the probe of {model!r} ({endpoint.method} {shown_path})"
        if isinstance(result, Failure):
            self.findings.append(
                failure_finding(self.target, result, self.timeout, subject=subject)
            )
            return
        cause = classify(result, "probe")
        if cause is None:
            self.models[model] = "available"
            return
        if cause == "key_restricted":
            # The key may list models but not use this one, so the live
            # tests of this model fail.
            cause = "model_no_access"
        finding = response_finding(
            self.target, cause, result, self.secrets, subject=subject
        )
        if cause == "model_not_found":
            self.models[model] = "not_found"
            finding = finding.model_copy(update={"fix": self._deployment_fix(model)})
        elif cause == "model_no_access":
            self.models[model] = "no_access"
        self.findings.append(finding)

    def _deployment_fix(self, model: str) -> str:
        if self.spec.name == "azure_openai":
            return (
                f"create a deployment named {model} on the Azure OpenAI resource, "
                "or set the model to an existing deployment name"
            )
        return self._model_fix(model, [])

    # HTTP

    def _path(self, endpoint: Endpoint) -> str:
        """Return the endpoint's path with the API version filled in, to send."""
        version = self.settings.get("api_version", self.table.default_version)
        return endpoint.path.replace("{version}", version)

    def _shown_path(self, endpoint: Endpoint) -> str:
        """Return the endpoint's path as messages show it."""
        version = self.shown_settings.get("api_version", self.table.default_version)
        return endpoint.path.replace("{version}", version)

    def _shown_url(self, url: str) -> str:
        return remove_secrets(safe_url(url), self.secrets)

    def _url(
        self,
        endpoint: Endpoint,
        extra_query: dict[str, str] | None,
        base_url: str | None = None,
    ) -> str:
        url = (base_url or self.settings["base_url"]) + self._path(endpoint)
        query: dict[str, str] = dict(extra_query or {})
        if self.table.version_query and "api_version" in self.settings:
            query[self.table.version_query] = self.settings["api_version"]
        if query:
            url += ("&" if "?" in url else "?") + urlencode(query)
        return url

    def _headers(self, key: str | None) -> dict[str, str]:
        headers = dict(self.table.headers)
        if key:
            style = self.resolution.auth_style
            # ollama-python sends OLLAMA_API_KEY as a bearer token.
            style = "bearer" if style == "none" else style
            value = f"Bearer {key}" if style == "bearer" else key
            headers[_AUTH_HEADERS[style]] = value
        if "organization" in self.settings:
            headers["openai-organization"] = self.settings["organization"]
        if "project" in self.settings:
            headers["openai-project"] = self.settings["project"]
        return headers

    async def _send(
        self,
        endpoint: Endpoint,
        phase: Phase,
        *,
        key: str | None = None,
        json_body: Any = None,
        extra_query: dict[str, str] | None = None,
        base_url: str | None = None,
    ) -> Response | Failure:
        """Send one request, retrying only a rate-limited response."""
        # reason_not_to_send keeps a base URL with user info from getting
        # here; removing it again keeps it out of httpx whatever the caller.
        url = without_user_info(self._url(endpoint, extra_query, base_url))
        headers = self._headers(key if key is not None else self.key)
        for attempt in range(MAX_RETRIES + 1):
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                return Failure("timeout", "the check ran out of time", host_of(url))
            result = await self._send_once(
                endpoint.method, url, headers, json_body, remaining
            )
            if not isinstance(result, Response) or attempt == MAX_RETRIES:
                return result
            if classify(result, phase) != "rate_limited":
                return result
            wait = retry_wait(result, self.deadline - time.monotonic())
            if wait is None:
                return result
            logger.debug(
                "%s: rate limited; retry %d in %.2f s", self.name, attempt + 1, wait
            )
            await asyncio.sleep(wait)
        raise AssertionError("unreachable: the loop returns on its last attempt")

    async def _send_once(
        self,
        method: str,
        url: str,
        headers: dict[str, str],
        json_body: Any,
        timeout: float,
    ) -> Response | Failure:
        started = time.monotonic()
        self.requests_sent += 1
        try:
            response = await fetch(
                self.client,
                method,
                url,
                headers=headers,
                json_body=json_body,
                timeout=timeout,
            )
        except (httpx.HTTPError, httpx.InvalidURL, OSError, TimeoutError) as error:
            failure = describe_exception(error, url)
            logger.debug(
                "%s: %s %s failed: %s (%s)",
                self.name,
                method,
                self._shown_url(url),
                failure.cause,
                type(error).__name__,
            )
            return failure
        logger.debug(
            "%s: %s %s -> %d in %.3f s",
            self.name,
            method,
            self._shown_url(url),
            response.status,
            time.monotonic() - started,
        )
        if not response.ok and self.request_id is None:
            self.request_id = shown_request_id(response, self.secrets)
        return response


def _wrong_path(result: Response | Failure) -> bool:
    """Return True for a response that shows the path is not the API's."""
    if not isinstance(result, Response) or 300 <= result.status < 400:
        return False
    return classify(result, "models") == "base_url_wrong"


def _responds_as_api(response: Response) -> bool:
    # A JSON response other than 404 (a list, or a key error) comes from the API.
    return (
        response.is_json
        and not response.is_html
        and response.status not in (404, 405)
        and not 300 <= response.status < 400
    )


def _rejected(round_: _Round) -> bool:
    return any(f.cause == "key_invalid" for f in round_.findings)


def _decisive(findings: list[Finding]) -> list[Finding]:
    """Keep the findings that decide: errors over unproven causes, one per cause."""
    errors = [f for f in findings if effect_of(f.cause) == "error"]
    return _unique(errors or findings, by_cause=True)


def _unique(findings: list[Finding], *, by_cause: bool = False) -> list[Finding]:
    seen: set[object] = set()
    kept = []
    for finding in findings:
        identity = finding.cause if by_cause else (finding.cause, finding.message)
        if identity in seen:
            continue
        seen.add(identity)
        kept.append(finding)
    return kept


def _as_sentence(finding: Finding) -> Finding:
    """End the finding's message with a period, as offline messages end.

    Messages are built without one because notes and other messages quote
    them; the period is added when the finding leaves the check.
    """
    message = finding.message.rstrip()
    if message.endswith((".", "!", "?", '."', '?"', '!"')):
        return finding
    return finding.model_copy(update={"message": message + "."})
