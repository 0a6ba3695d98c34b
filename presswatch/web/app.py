"""The app factory: routes, security middleware, error handling (JSON under /api, HTML pages elsewhere)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from presswatch.config import SETTINGS
from presswatch.errors import InputError, ModelError, PresswatchError
from presswatch.web import api, apidocs, corrections, csrf, pages, saved, served, stories
from presswatch.web.deps import DEFAULT_MAX_UPLOAD, Analyzer, WebSettings
from presswatch.web.hosts import HostAllowlist, allowed_names
from presswatch.web.render import render
from presswatch.web.security import HEADERS, BodySizeLimit, SecurityHeaders

STATIC = Path(__file__).resolve().parent / "static"


def create_app(db_path: str | Path, *, write_token: str | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD, allowed_hosts: Iterable[str] | None = None,
               bind_host: str | None = None) -> FastAPI:
    """A FastAPI app over the corpus at `db_path`; read-only unless `write_token` is set.

    Requests must name a Host of `allowed_hosts` (default `Settings.allowed_hosts`), a loopback name or
    `bind_host`; anything else gets 400 before any route."""
    try:
        from importlib.metadata import version

        pkg_version = version("presswatch")
    except Exception:  # pragma: no cover - running from a bare checkout
        pkg_version = "0"
    analyzer = Analyzer()  # its worker process starts with the first analysis and stops with the app

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        analyzer.close()

    # FastAPI's /docs and /redoc would pull Swagger UI from a CDN: apidocs renders the OpenAPI itself.
    app = FastAPI(title="presswatch", version=pkg_version, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Search and analyse a presswatch corpus: articles, persuasion techniques, quotes.",
                  dependencies=[Depends(csrf.guard)])  # no unsafe request from another origin's page
    hosts = allowed_names(SETTINGS.allowed_hosts if allowed_hosts is None else allowed_hosts, bind_host)
    app.state.settings = WebSettings(Path(db_path), write_token or None, max_upload_bytes, hosts)
    app.state.analyzer = analyzer
    app.state.csrf_secret = csrf.new_secret()  # form tokens of one server run
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(served.router)
    app.include_router(stories.api_router)
    app.include_router(corrections.api_router)
    app.include_router(corrections.page_router)
    app.include_router(saved.api_router)
    app.include_router(saved.page_router)
    app.include_router(apidocs.router)  # /docs: our own page over the OpenAPI (Swagger UI would need a CDN)
    app.include_router(stories.page_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.router.redirect_slashes = False  # its redirects are absolute URLs built from the Host header: see below

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            target = _without_slash(request)
            if target is not None:
                return Response(status_code=307, headers={"location": target, **dict(_header_pairs())})
        return _error(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        messages = []
        for e in exc.errors():
            loc = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body"))
            messages.append(f"{loc}: {e.get('msg')}" if loc else str(e.get("msg")))
        return _error(request, 422, "; ".join(messages) or "invalid request")

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> Response:
        return _error(request, 422, exc.message)

    @app.exception_handler(ModelError)
    async def model_error(request: Request, exc: ModelError) -> Response:
        return _error(request, 503, exc.message)

    @app.exception_handler(PresswatchError)
    async def presswatch_error(request: Request, exc: PresswatchError) -> Response:
        return _error(request, 500, exc.message)

    @app.exception_handler(OverflowError)
    async def overflow_error(request: Request, exc: OverflowError) -> Response:
        return _error(request, 404, "not found (a number out of range)")

    @app.exception_handler(Exception)  # runs outside every middleware: _error adds the security headers itself
    async def internal_error(request: Request, exc: Exception) -> Response:
        return _error(request, 500, "internal error: the server log has the details")

    app.add_middleware(BodySizeLimit, max_bytes=max_upload_bytes)
    app.add_middleware(HostAllowlist, allowed=hosts)  # inside SecurityHeaders: its 400 carries them too
    app.add_middleware(SecurityHeaders)
    return app


def _header_pairs() -> list[tuple[str, str]]:
    return [(k.decode(), v.decode()) for k, v in HEADERS]


def _without_slash(request: Request) -> str | None:
    """The same path without its trailing slash, relative to this server, when a route serves it; else None."""
    path = request.url.path
    if request.method not in ("GET", "HEAD") or len(path) < 2 or not path.endswith("/"):
        return None
    target = "/" + path.strip("/")  # never "//host": a scheme-relative Location would leave this server
    scope = {**request.scope, "path": target}
    if not any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
        return None
    query = request.url.query
    return target + (f"?{query}" if query else "")


def _error(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    """JSON under /api, an error page for the HTML pages."""
    if request.url.path.startswith(("/api", "/openapi.json", "/static")):
        response: Response = JSONResponse({"detail": detail}, status_code=status, headers=headers)
    else:
        try:
            response = render(request, "error.html", status_code=status, status=status, detail=detail)
        except Exception:  # a page that cannot render still answers, in plain words
            response = Response(f"{status}: {detail}", status_code=status, media_type="text/plain")
        if headers:
            response.headers.update(headers)
    for name, value in _header_pairs():  # also on 500s, which Starlette answers outside the middleware
        response.headers.setdefault(name, value)
    return response
