"""Cross-site request forgery defence: a page on another origin must not make this server run or write anything.

Two layers. Every unsafe request (POST, PUT, PATCH, DELETE) a browser sends from another origin is refused by its
`Sec-Fetch-Site` or `Origin` header (`guard`, a dependency of the whole app); API clients send neither. An `Origin`
of another origin is refused even with an `Authorization` header; without an `Origin`, a request with an
`Authorization` header is no forgery (no page can add one cross-origin without a CORS preflight, which this
server never grants). The HTML form also carries a per-session token (`form_token`, checked by
`check_form`): an HMAC of a random session cookie (HttpOnly, SameSite=Strict) under a secret made when the app
starts, so a page that cannot read the form cannot forge it, even from the same site on another port.
Our pages send no Referer and, for that reason, `Origin: null` on their own form posts; "null" is therefore left
to the token on form pages and refused on /api, which no page of ours posts to.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import HTTPException, Request
from fastapi.responses import Response

SESSION_COOKIE = "presswatch_session"
FIELD = "csrf_token"  # the form field holding the token
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
SAME = frozenset({"same-origin", "none"})  # Sec-Fetch-Site values of our own pages and of a typed-in URL


def new_secret() -> bytes:
    return secrets.token_bytes(32)


def _own_origin(request: Request) -> str:
    return f"{request.url.scheme}://{request.headers.get('host', request.url.netloc)}".lower()


def _ours(origin: str, request: Request) -> bool:
    """`origin` (scheme://host[:port]) is this server: same scheme and port as the request, an allowed host."""
    from urllib.parse import urlsplit

    from presswatch.web.hosts import host_allowed, split_host

    origin = origin.strip().rstrip("/").lower()
    if origin == _own_origin(request):
        return True
    parts = urlsplit(origin)
    if parts.scheme != request.url.scheme or parts.path or parts.query:
        return False
    mine, theirs = split_host(request.headers.get("host", "")), split_host(parts.netloc)
    allowed = getattr(request.app.state.settings, "allowed_hosts", frozenset())
    return (mine is not None and theirs is not None and mine[1] == theirs[1]
            and host_allowed(theirs[0], allowed))


def foreign(request: Request) -> str | None:
    """Why `request` looks sent by another origin's page, or None.

    An `Origin` naming another origin is refused on every unsafe request, with or without a token; without
    an `Authorization` header, `Sec-Fetch-Site` and `Referer` are checked too."""
    if request.method not in UNSAFE:
        return None
    origin = request.headers.get("origin")
    if origin is not None and origin != "null" and not _ours(origin, request):
        return f"Origin: {origin}"
    if request.headers.get("authorization"):
        return None
    site = request.headers.get("sec-fetch-site")
    if site is not None and site.lower() not in SAME:
        return f"Sec-Fetch-Site: {site}"
    if origin is None:
        referer = request.headers.get("referer")
        if referer and not (referer.lower() + "/").startswith(_own_origin(request) + "/"):
            return "Referer of another origin"
        return None
    if origin == "null":
        same = site is not None and site.lower() == "same-origin"
        return None if same or not request.url.path.startswith("/api") else "Origin: null"
    return None


def guard(request: Request) -> None:
    """App-wide dependency: refuse a cross-origin unsafe request with 403."""
    why = foreign(request)
    if why is not None:
        raise HTTPException(403, f"cross-origin request refused ({why})")


def _token(secret: bytes, session: str) -> str:
    return hmac.new(secret, session.encode(), hashlib.sha256).hexdigest()


def form_token(request: Request) -> tuple[str, str]:
    """(session id, form token) for a page that shows a form: the request's session, or a new one."""
    session = request.cookies.get(SESSION_COOKIE)
    if not session or len(session) > 128:
        session = secrets.token_urlsafe(32)
    return session, _token(request.app.state.csrf_secret, session)


def keep_session(request: Request, response: Response, session: str) -> Response:
    """Set (or refresh) the session cookie the form token belongs to."""
    response.set_cookie(SESSION_COOKIE, session, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    return response


def check_form(request: Request, given: object) -> None:
    """403 unless the posted token belongs to this session (the cookie) and this server run (the secret)."""
    session = request.cookies.get(SESSION_COOKIE)
    if not session or not isinstance(given, str) or not given:
        raise HTTPException(403, "the form's security token is missing: reload the page and submit it again")
    if not hmac.compare_digest(given.encode(), _token(request.app.state.csrf_secret, session).encode()):
        raise HTTPException(403, "the form's security token is invalid or expired: reload the page and submit it "
                                 "again")
