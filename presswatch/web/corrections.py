"""Corrections of an article's verdicts: the article view's form (CSRF token + write token) and the JSON API."""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Any, Literal

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from presswatch.corpus import corrections as cr
from presswatch.errors import InputError
from presswatch.web import csrf
from presswatch.web.deps import open_store, settings

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])
TOKEN_FIELD = "write_token"


class CorrectionIn(BaseModel):
    kind: Literal["technique", "frame", "genre", "speaker"]
    verdict: Literal["false", "true"] | None = None
    technique: str | None = None
    start: int | None = None
    end: int | None = None
    value: str | None = None
    who: str = "analyst"


def token_ok(request: Request, given: str | None) -> None:
    token = settings(request).write_token
    if not token:
        raise HTTPException(403, "corrections are disabled: the server runs without a write token")
    if not given or not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "wrong or missing write token")


def bearer_ok(request: Request, authorization: str | None) -> None:
    """The write token given as `Authorization: Bearer` (401 without one, 403 when wrong)."""
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    token_ok(request, given)


def _add(request: Request, article_id: int, c: cr.Correction) -> cr.Correction:
    with open_store(request) as store:
        try:
            return cr.add(store, article_id, c)
        except InputError as exc:
            raise HTTPException(404 if "no article" in exc.message else 422, exc.message) from exc


def from_form(form: Any, article: Any) -> cr.Correction:
    """The correction a form button asks for: action "false:<i>" (technique i is wrong), "add" (a technique on
    the selected span), "genre", "frame-false:<name>", "frame-add", "speaker:<quote i>"."""
    action = str(form.get("action") or "")
    who = str(form.get("who") or "analyst")
    name, _, arg = action.partition(":")
    try:
        if name == "false":
            t = article.techniques[int(arg)]
            return cr.Correction("technique", "false", t.technique, t.start, t.end, who=who)
        if name == "add":
            return cr.Correction("technique", "true", str(form.get("technique") or ""), int(form.get("start") or -1),
                                 int(form.get("end") or -1), who=who)
        if name == "genre":
            return cr.Correction("genre", value=str(form.get("genre") or ""), who=who)
        if name == "frame-false":
            return cr.Correction("frame", "false", value=arg, who=who)
        if name == "frame-add":
            return cr.Correction("frame", "true", value=str(form.get("frame") or ""), who=who)
        if name == "speaker":
            q = article.quotes[int(arg)]
            return cr.Correction("speaker", start=q.start, end=q.end, value=str(form.get(f"speaker-{arg}") or ""),
                                 who=who)
    except (ValueError, IndexError) as exc:
        raise HTTPException(422, f"bad correction {action!r}: {exc}") from exc
    raise HTTPException(422, f"unknown correction action {action!r}")


@page_router.post("/articles/{article_id}/corrections")
async def correct_page(request: Request, article_id: int) -> RedirectResponse:
    form = await request.form()
    csrf.check_form(request, form.get(csrf.FIELD))
    given = form.get(TOKEN_FIELD)
    token_ok(request, given if isinstance(given, str) else None)

    def run() -> None:
        with open_store(request) as store:
            article = store.get(article_id)
        if article is None:
            raise HTTPException(404, f"No article with id {article_id}.")
        _add(request, article_id, from_form(form, article))

    await run_in_threadpool(run)
    return RedirectResponse(f"/articles/{article_id}#corrections", status_code=303)


@api_router.get("/articles/{article_id}/corrections")
def list_corrections(request: Request, article_id: int) -> list[dict[str, Any]]:
    """The article's corrections, oldest first: what an analyst marked false, added or fixed, who and when."""
    with open_store(request) as store:
        if store.summary(article_id) is None:
            raise HTTPException(404, f"no article with id {article_id}")
        return [asdict(c) for c in cr.of_article(store.conn, article_id)]


@api_router.post("/articles/{article_id}/corrections", status_code=201)
async def add_correction(request: Request, article_id: int, body: CorrectionIn,
                         authorization: str | None = Header(None)) -> dict[str, Any]:
    """Correct a verdict (needs the write token as `Authorization: Bearer`): a technique span false or added,
    a frame false or added, the genre, a quote's speaker."""
    bearer_ok(request, authorization)
    c = cr.Correction(body.kind, body.verdict, body.technique, body.start, body.end, body.value, body.who)
    return asdict(await run_in_threadpool(_add, request, article_id, c))
