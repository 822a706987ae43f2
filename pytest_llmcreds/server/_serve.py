"""``llmcreds serve``: the loopback fake provider as a standalone process.

The process serves until SIGINT or SIGTERM, then stops every server and
exits 0. What it prints on standard output is valid POSIX shell (comments and
``export`` lines), so ``llmcreds serve ... > fake.env &`` followed by
``. ./fake.env`` points a shell script's clients at it.
"""

from __future__ import annotations

import argparse
import logging
import shlex
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from pytest_llmcreds.server._loopback import LLMFakeServer

#: Seconds between two checks of the stop flag while serving.
_POLL = 0.2
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass
class ScenarioPlan:
    """One ``--scenario`` (with its ``--times``) for the provider before it."""

    scenario: str
    times: int | None = None


@dataclass
class FaultPlan:
    """One ``--fault KIND[=VALUE]`` (with its ``--times``) for the last provider."""

    kind: str
    value: float | None = None
    times: int | None = None


@dataclass(frozen=True)
class FaultOption:
    """The ``LLMFakeServer`` method behind one ``--fault KIND=VALUE``."""

    method: str
    #: The keyword argument that VALUE sets, or None when the fault takes none.
    keyword: str | None
    value_type: type[int] | type[float] = int
    required: bool = False


#: The faults ``--fault`` accepts, and what their VALUE sets.
FAULT_OPTIONS: dict[str, FaultOption] = {
    "latency": FaultOption("latency", "seconds", float, required=True),
    "drip": FaultOption("drip", "interval", float),
    "disconnect": FaultOption("disconnect", "after_bytes"),
    "reset": FaultOption("reset_connection", None),
    "truncate_stream": FaultOption("truncate_stream", "after_chunks"),
    "malformed_json": FaultOption("malformed_json", "status"),
    "html": FaultOption("html", "status"),
    "huge_body": FaultOption("huge_body", "size"),
}


@dataclass
class ProviderPlan:
    """One ``--provider`` and the scenarios and faults given after it."""

    provider: str
    scenarios: list[ScenarioPlan] = field(default_factory=list)
    faults: list[FaultPlan] = field(default_factory=list)
    #: Keys from ``--accept-key``; the others get ``invalid_api_key``.
    keys: list[str] = field(default_factory=list)
    #: The scenario or fault that a following ``--times`` applies to.
    last: ScenarioPlan | FaultPlan | None = None


class PlanAction(argparse.Action):
    """Collects ``--provider``, ``--scenario``, ``--fault`` and ``--times`` in order.

    ``--provider`` starts an entry, ``--scenario`` and ``--fault`` add to the
    last provider, and ``--times`` sets how often the scenario or fault just
    before it applies, so pairs can repeat: ``--provider openai --scenario
    rate_limited --times 2 --provider anthropic --scenario overloaded``.
    """

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> None:
        plans: list[ProviderPlan] = getattr(namespace, "plans", None) or []
        namespace.plans = plans
        value = str(values)
        if option_string == "--provider":
            plans.append(ProviderPlan(value))
            return
        if not plans:
            parser.error(f"{option_string} {value} needs a --provider before it")
        plan = plans[-1]
        if option_string == "--scenario":
            plan.last = ScenarioPlan(value)
            plan.scenarios.append(plan.last)
            return
        if option_string == "--fault":
            plan.last = parse_fault(parser, value)
            plan.faults.append(plan.last)
            return
        if option_string == "--accept-key":
            plan.keys.append(value)
            return
        self._set_times(parser, plan, value)

    @staticmethod
    def _set_times(
        parser: argparse.ArgumentParser, plan: ProviderPlan, value: str
    ) -> None:
        if plan.last is None:
            parser.error(f"--times {value} needs a --scenario or --fault before it")
        try:
            times = int(value)
        except ValueError:
            times = -1
        if times < 1:
            parser.error(f"--times {value} is invalid; use a whole number above 0")
        plan.last.times = times


def parse_fault(parser: argparse.ArgumentParser, text: str) -> FaultPlan:
    """Parse ``KIND`` or ``KIND=VALUE``, naming the valid kinds when it is unknown."""
    kind, equals, raw = text.partition("=")
    option = FAULT_OPTIONS.get(kind)
    if option is None:
        parser.error(
            f"--fault {text}: unknown fault {kind!r}; use one of: "
            f"{', '.join(FAULT_OPTIONS)}"
        )
    if not equals:
        if option.required:
            parser.error(f"--fault {kind} needs a value, as in --fault {kind}=2")
        return FaultPlan(kind)
    if option.keyword is None:
        parser.error(f"--fault {kind} takes no value; write --fault {kind}")
    try:
        value = option.value_type(raw)
    except ValueError:
        parser.error(
            f"--fault {text}: {raw!r} is not a valid {option.keyword} "
            f"({option.value_type.__name__})"
        )
    return FaultPlan(kind, value)


def add_arguments(serve: argparse.ArgumentParser) -> None:
    """Add the options of ``llmcreds serve`` to its subparser."""
    _add_plan_arguments(serve)
    _add_server_arguments(serve)


def _add_plan_arguments(serve: argparse.ArgumentParser) -> None:
    """Add the options read in order: providers and what each one serves."""
    add = serve.add_argument
    add(
        "--provider",
        action=PlanAction,
        dest="plans",
        required=True,
        metavar="NAME",
        help="Provider to serve, such as openai or anthropic. Repeatable",
    )
    add(
        "--scenario",
        action=PlanAction,
        dest="plans",
        metavar="ID",
        help="Error scenario of the provider before it, as in docs/scenarios.md. "
        "Without one the provider answers with success. Repeatable",
    )
    add(
        "--fault",
        action=PlanAction,
        dest="plans",
        metavar="KIND[=VALUE]",
        help="Fault for the provider before it: latency=SECONDS, drip=SECONDS, "
        "disconnect[=BYTES], reset, truncate_stream[=EVENTS], "
        "malformed_json[=STATUS], html[=STATUS], huge_body[=BYTES]. Repeatable",
    )
    add(
        "--accept-key",
        action=PlanAction,
        dest="plans",
        metavar="KEY",
        help="Accept only this key for the provider before it; requests without "
        "it get missing_api_key or invalid_api_key. Repeatable",
    )
    add(
        "--times",
        action=PlanAction,
        dest="plans",
        metavar="N",
        help="How many requests get the scenario or fault before it. "
        "Default: every request",
    )


def _add_server_arguments(serve: argparse.ArgumentParser) -> None:
    """Add the options of the servers themselves: address, TLS and logging."""
    add = serve.add_argument
    add(
        "--host",
        default="127.0.0.1",
        help="Address to listen on. Default: 127.0.0.1. Only loopback "
        "addresses are accepted unless --allow-non-loopback is given",
    )
    add(
        "--port",
        type=int,
        default=0,
        help="Port of the first provider; each further provider takes the next "
        "port. Default: 0, a free port for each",
    )
    add(
        "--retry-after",
        type=float,
        default=None,
        metavar="SECONDS",
        help="retry-after sent with retryable errors. Default: the few "
        "milliseconds that llm_mock sends, so that clients retry at once",
    )
    add(
        "--tls",
        action="store_true",
        help="Serve HTTPS with throwaway certificates; the exports name the CA "
        "bundle in SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE and "
        "NODE_EXTRA_CA_CERTS",
    )
    add(
        "--allow-non-loopback",
        action="store_true",
        help="Accept a --host that other machines can reach",
    )
    add(
        "-q",
        "--quiet",
        action="store_true",
        help="Do not log each request on standard error",
    )


def serve(
    args: argparse.Namespace,
    out: TextIO,
    *,
    ready: Callable[[LLMFakeServer], None] | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Serve the planned providers until ``stop`` is set or a stop signal arrives.

    Returns 0 after a clean stop, 2 for an invalid plan and 1 when a port
    cannot be bound.
    """
    stop = stop or threading.Event()
    try:
        server = _start(args)
    except ValueError as error:
        print(f"llmcreds serve: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(
            f"llmcreds serve: error: cannot listen on {args.host}:{args.port}: "
            f"{error.strerror or error}; choose another --port, or 0 for a "
            "free one",
            file=sys.stderr,
        )
        return 1
    with server, _log_requests(not args.quiet), _stop_on_signals(stop):
        out.write("".join(line + "\n" for line in describe(server, args.plans)))
        out.flush()
        if ready is not None:
            ready(server)
        while not stop.wait(_POLL):
            pass
    out.write("# llmcreds serve: stopped\n")
    out.flush()
    return 0


def _start(args: argparse.Namespace) -> LLMFakeServer:
    from pytest_llmcreds.server._loopback import (
        LLMFakeServer,
        check_provider,
        is_loopback,
    )
    from pytest_llmcreds.simulate import FAST_RETRY_AFTER

    if not args.allow_non_loopback and not is_loopback(args.host):
        raise ValueError(
            f"--host {args.host!r} is not a loopback address; use 127.0.0.1, "
            "::1 or localhost, or add --allow-non-loopback"
        )
    plans: list[ProviderPlan] = args.plans
    for plan in plans:
        check_provider(plan.provider)
    retry_after = FAST_RETRY_AFTER if args.retry_after is None else args.retry_after
    server = LLMFakeServer(
        host=args.host,
        port=args.port,
        retry_after=retry_after,
        allow_non_loopback=args.allow_non_loopback,
        tls=args.tls,
    )
    try:
        for plan in plans:
            server.succeed(plan.provider)
            for scenario in plan.scenarios:
                server.fail(plan.provider, scenario.scenario, times=scenario.times)
            for fault in plan.faults:
                _add_fault(server, plan.provider, fault)
            if plan.keys:
                server.accept_keys(plan.provider, *plan.keys)
    except BaseException:
        server.stop()
        raise
    return server


def _add_fault(server: LLMFakeServer, provider: str, fault: FaultPlan) -> None:
    option = FAULT_OPTIONS[fault.kind]
    options: dict[str, Any] = {"times": fault.times}
    if option.keyword is not None and fault.value is not None:
        options[option.keyword] = fault.value
    try:
        getattr(server, option.method)(provider, **options)
    except ValueError as error:
        value = "" if fault.value is None else f"={fault.value:g}"
        raise ValueError(f"--fault {fault.kind}{value}: {error}") from error


def describe(server: LLMFakeServer, plans: Sequence[ProviderPlan]) -> list[str]:
    """Return the shell lines that name each base URL and the variables to export."""
    lines: list[str] = []
    for plan in plans:
        lines.append(
            f"# {plan.provider}: {server.base_url(plan.provider)} ({_plan_text(plan)})"
        )
    environ = server.environ()
    for name, value in environ.items():
        lines.append(f"export {name}={shlex.quote(value)}")
    unnamed = [p.provider for p in plans if not _has_variable(server, p.provider)]
    if unnamed:
        lines.append(
            f"# {', '.join(unnamed)}: the SDK reads no base URL variable; "
            "pass the base URL above to the client"
        )
    lines.append("# llmcreds serve: serving until SIGINT (Ctrl-C) or SIGTERM")
    return lines


def _has_variable(server: LLMFakeServer, provider: str) -> bool:
    return len(server.environ(provider)) > 1


def _plan_text(plan: ProviderPlan) -> str:
    text = "success responses"
    if plan.scenarios:
        steps = [f"{s.scenario} {_count(s.times)}" for s in plan.scenarios]
        text = ", then ".join(steps) + ", then success"
    for fault in plan.faults:
        value = "" if fault.value is None else f"={fault.value:g}"
        text += f"; fault {fault.kind}{value} {_count(fault.times)}"
    if plan.keys:
        # A count, never the keys: the output may land in a CI log.
        text += f"; {len(plan.keys)} accepted key(s), others rejected"
    return text


def _count(times: int | None) -> str:
    return "every time" if times is None else f"x{times}"


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """Set ``stop`` on SIGINT and SIGTERM; only the main thread can install it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {number: signal.signal(number, handle) for number in _STOP_SIGNALS}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


@contextmanager
def _log_requests(enabled: bool) -> Iterator[None]:
    """Send the server's per-request log lines to standard error."""
    if not enabled:
        yield
        return
    logger = logging.getLogger("pytest_llmcreds.server")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("llmcreds serve: %(message)s"))
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
