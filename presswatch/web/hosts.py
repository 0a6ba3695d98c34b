"""Host allowlist: a request whose Host header is not one of this server's names gets 400 before any route.

Without it a page on an attacker's domain that rebinds its DNS name to 127.0.0.1 could read the local corpus
(DNS rebinding). Allowed by default: the loopback names and the address the server is bound to; more names
(a deployment behind a proxy) come from `--allow-host` or `Settings.allowed_hosts` (env
PRESSWATCH_ALLOWED_HOSTS, comma-separated). A name starting with "." allows its subdomains too.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable

from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK = ("localhost", "127.0.0.1", "::1")
_NAME = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,251}[a-z0-9])?$")
_UNSPECIFIED = ("0.0.0.0", "::", "")


def split_host(value: str) -> tuple[str, int | None] | None:
    """(lower-case host name or IP, port or None) of a Host header or netloc; None when it is malformed."""
    v = value.strip().lower()
    if not v or any(c in v for c in "@/\\?# \t%"):
        return None
    port: str | None = None
    if v.startswith("["):
        end = v.find("]")
        if end < 0:
            return None
        name, rest = v[1:end], v[end + 1:]
        if rest:
            if not rest.startswith(":"):
                return None
            port = rest[1:]
        try:
            ipaddress.IPv6Address(name)
        except ValueError:
            return None
    else:
        name, sep, port_part = v.partition(":")
        if sep:
            port = port_part
        name = name.rstrip(".")  # "localhost." is localhost
        if not _NAME.match(name):
            return None
    if port is not None:
        if not port.isdigit() or not 0 < int(port) < 65536:
            return None
        return name, int(port)
    return name, None


def allowed_names(extra: Iterable[str] = (), bind: str | None = None) -> frozenset[str]:
    """The loopback names, the bound address (unless it is 0.0.0.0 or ::) and `extra`, lower-cased."""
    names = set(LOOPBACK)
    if bind and bind.strip().lower() not in _UNSPECIFIED:
        names.add(bind.strip().lower().strip("[]"))
    names.update(n.strip().lower().rstrip(".") for n in extra if n and n.strip())
    return frozenset(names)


def host_allowed(name: str, allowed: frozenset[str]) -> bool:
    if name in allowed or "*" in allowed:
        return True
    return any(a.startswith(".") and (name.endswith(a) or name == a[1:]) for a in allowed)


class HostAllowlist:
    """ASGI middleware: 400 for a missing, malformed or unknown Host, whatever the path."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        hosts = [v.decode("latin-1") for k, v in scope.get("headers", []) if k == b"host"]
        parsed = split_host(hosts[0]) if len(hosts) == 1 else None
        if parsed is None or not host_allowed(parsed[0], self.allowed):
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            body = json.dumps({"detail": "unknown Host header: start the server with --allow-host NAME to serve "
                                         "this name"}).encode()
            await send({"type": "http.response.start", "status": 400,
                        "headers": [(b"content-type", b"application/json"),
                                    (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)
