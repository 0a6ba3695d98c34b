"""Saved searches: the search page's "Save this search" form (CSRF + write token) and the JSON API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse
from pydantic import BaseModel

from presswatch.corpus import saved as sv
from presswatch.errors import InputError, QueryError
from presswatch.web import csrf
from presswatch.web.corrections import TOKEN_FIELD, bearer_ok, token_ok
from presswatch.web.deps import open_store

page_router = APIRouter(include_in_schema=False)
api_router = APIRouter(prefix="/api", tags=["api"])


class SearchIn(BaseModel):
    name: str
    params: dict[str, str]
    who: str = "analyst"


def _save(request: Request, name: str, params: dict[str, str], who: str) -> sv.SavedSearch:
    with open_store(request) as store:
        try:
            return sv.save(store, name, params, who)
        except (InputError, QueryError) as exc:
            raise HTTPException(422, exc.message) from exc


@page_router.post("/searches")
async def save_page(request: Request) -> RedirectResponse:
    form = await request.form()
    csrf.check_form(request, form.get(csrf.FIELD))
    given = form.get(TOKEN_FIELD)
    token_ok(request, given if isinstance(given, str) else None)
    params = {k[2:]: v for k, v in form.items() if k.startswith("f.") and isinstance(v, str)}
    s = await run_in_threadpool(_save, request, str(form.get("name") or ""), params, str(form.get("who") or ""))
    return RedirectResponse(s.url, status_code=303)


@api_router.get("/searches")
def list_searches(request: Request) -> list[dict[str, Any]]:
    """Saved searches, newest first: name, query string of the filters, who and when."""
    with open_store(request) as store:
        return [{**asdict(s), "url": s.url} for s in sv.saved(store.conn)]


@api_router.post("/searches", status_code=201)
async def save_search(request: Request, body: SearchIn, authorization: str | None = Header(None)) -> dict[str, Any]:
    """Save the filters `params` (the names of /api/articles' parameters) under `name`; needs the write token."""
    bearer_ok(request, authorization)
    s = await run_in_threadpool(_save, request, body.name, body.params, body.who)
    return {**asdict(s), "url": s.url}
