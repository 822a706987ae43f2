"""Faults below the error catalogue: how a response goes wrong on the wire, as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

FaultKind = Literal[
    "latency",
    "drip",
    "disconnect",
    "reset",
    "truncate_stream",
    "malformed_json",
    "html",
    "huge_body",
]

#: Faults that replace the response, so no catalogue scenario is served or
#: counted for the request they apply to.
REPLACING_FAULTS: frozenset[FaultKind] = frozenset(
    {"reset", "malformed_json", "html", "huge_body"}
)


@dataclass
class PlannedFault:
    """A fault to apply to ``times`` requests of one provider (every one when None).

    Only the fields of the fault's kind are read: ``seconds`` by ``latency``
    and ``drip``, ``piece_size`` by ``drip``, ``after_bytes`` by
    ``disconnect``, ``after_chunks`` by ``truncate_stream``, ``status`` by
    ``malformed_json`` and ``html``, ``size`` by ``huge_body``.
    """

    kind: FaultKind
    times: int | None = None
    seconds: float = 0.0
    piece_size: int = 16
    #: Bytes of the body sent before a ``disconnect``. None disconnects
    #: before the status line.
    after_bytes: int | None = None
    after_chunks: int = 2
    status: int = 200
    size: int = 0
    served: int = 0

    @property
    def used_up(self) -> bool:
        return self.times is not None and self.served >= self.times

    @property
    def replaces_response(self) -> bool:
        return self.kind in REPLACING_FAULTS or (
            self.kind == "disconnect" and self.after_bytes is None
        )


def check_times(times: int | None) -> None:
    """Raise ``ValueError`` for a negative ``times``."""
    if times is not None and times < 0:
        raise ValueError(f"times={times} is negative; use None or a count")


def check_positive(name: str, value: float) -> None:
    """Raise ``ValueError`` when ``value`` is not above zero."""
    if value <= 0:
        raise ValueError(f"{name}={value} must be greater than 0")
