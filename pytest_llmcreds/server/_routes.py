"""The fake provider's responses, routes and mounted providers, as data."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from pytest_llmcreds.server._shapes import ModelsShape

#: Misbehaviour of a reply on the wire, beyond its status and body.
Fault = Literal["close", "huge"]

JsonBody = Mapping[str, Any] | Sequence[Any]


@dataclass(frozen=True)
class Reply:
    """One HTTP response, or one way of not responding properly."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    #: Bytes and text are sent as they are; anything else is sent as JSON.
    body: bytes | str | JsonBody | None = None
    #: Seconds to wait before responding; ``math.inf`` never responds, and the
    #: connection stays open until the server stops.
    delay: float = 0.0
    fault: Fault | None = None
    #: Body size in bytes for the ``huge`` fault.
    size: int = 0

    def encoded_body(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return json.dumps(self.body).encode("utf-8")

    def content_type(self) -> str:
        for name, value in self.headers.items():
            if name.lower() == "content-type":
                return value
        if isinstance(self.body, (str, bytes)):
            return "text/plain; charset=utf-8"
        return "application/json"

    @classmethod
    def json(cls, body: JsonBody, status: int = 200, **headers: str) -> Reply:
        return cls(status=status, body=body, headers=headers)

    @classmethod
    def html(cls, status: int = 200) -> Reply:
        page = (
            "<!DOCTYPE html><html><head><title>Welcome</title></head>"
            "<body><h1>Welcome</h1></body></html>"
        )
        return cls(
            status=status,
            body=page,
            headers={"content-type": "text/html; charset=utf-8"},
        )

    @classmethod
    def malformed_json(cls, status: int = 200) -> Reply:
        return cls(
            status=status,
            body='{"object": "list", "data": [',
            headers={"content-type": "application/json"},
        )

    @classmethod
    def huge(cls, size: int = 64 * 1024 * 1024) -> Reply:
        return cls(
            fault="huge", size=size, headers={"content-type": "application/json"}
        )

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Reply:
        return cls(status=status, headers={"location": location}, body="")

    @classmethod
    def hang(cls) -> Reply:
        return cls(delay=math.inf)

    @classmethod
    def close(cls) -> Reply:
        return cls(fault="close")


@dataclass(frozen=True)
class Route:
    """A reply for requests whose path, relative to the mount, starts with ``path``."""

    path: str
    reply: Reply
    method: str | None = None
    #: True limits the route to requests that carry an accepted key.
    requires_key: bool = False
    #: Text the query string must contain, such as ``after_id=m2``.
    query: str | None = None


#: The response to a key that is not accepted when a mount names no other.
DEFAULT_FAIL = Reply.json(
    {
        "error": {
            "message": "Incorrect API key provided.",
            "type": "invalid_request_error",
            "param": None,
            "code": "invalid_api_key",
        }
    },
    status=401,
)


@dataclass
class Mount:
    """One fake provider, served under ``prefix`` on the server."""

    name: str
    prefix: str
    #: Keys the provider accepts; None accepts any request, with or without one.
    keys: tuple[str, ...] | None = None
    models: tuple[str, ...] | None = None
    shape: ModelsShape = "openai"
    fail: Reply = DEFAULT_FAIL
    routes: tuple[Route, ...] = ()
    #: Path appended to the mount's address to form the SDK's base URL.
    base_path: str = ""
    #: Seconds added before every response of this mount.
    delay: float = 0.0

    def accepts(self, credential: str | None) -> bool:
        if self.keys is None:
            return True
        return credential is not None and credential in self.keys
