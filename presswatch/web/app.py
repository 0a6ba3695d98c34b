"""The app factory: routes, security middleware, error handling (JSON under /api, HTML pages elsewhere)."""

from __future__ import annotations

from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from presswatch.errors import InputError, ModelError, PresswatchError
from presswatch.web import api, csrf, pages, stories
from presswatch.web.deps import DEFAULT_MAX_UPLOAD, Analyzer, WebSettings
from presswatch.web.render import render
from presswatch.web.security import BodySizeLimit, SecurityHeaders

STATIC = Path(__file__).resolve().parent / "static"


def create_app(db_path: str | Path, *, write_token: str | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD) -> FastAPI:
    """A FastAPI app over the corpus at `db_path`; read-only unless `write_token` is set."""
    try:
        from importlib.metadata import version

        pkg_version = version("presswatch")
    except Exception:  # pragma: no cover - running from a bare checkout
        pkg_version = "0"
    # /docs and /redoc would pull Swagger UI from a CDN: only the OpenAPI JSON is served.
    app = FastAPI(title="presswatch", version=pkg_version, docs_url=None, redoc_url=None,
                  description="Search and analyse a presswatch corpus: articles, persuasion techniques, quotes.",
                  dependencies=[Depends(csrf.guard)])  # no unsafe request from another origin's page
    app.state.settings = WebSettings(Path(db_path), write_token or None, max_upload_bytes)
    app.state.analyzer = Analyzer()
    app.state.csrf_secret = csrf.new_secret()  # form tokens of one server run
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(stories.api_router)
    app.include_router(stories.page_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
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

    app.add_middleware(BodySizeLimit, max_bytes=max_upload_bytes)
    app.add_middleware(SecurityHeaders)
    return app


def _error(request: Request, status: int, detail: str, headers: dict[str, str] | None = None) -> Response:
    """JSON under /api, an error page for the HTML pages."""
    if request.url.path.startswith(("/api", "/openapi.json", "/static")):
        return JSONResponse({"detail": detail}, status_code=status, headers=headers)
    response = render(request, "error.html", status_code=status, status=status, detail=detail)
    if headers:
        response.headers.update(headers)
    return response
