"""Cross-outlet stories: GET /api/stories, /api/stories/{id} (JSON) and the /stories, /stories/{id} pages."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel

from presswatch.compare import catalog
from presswatch.compare.compare import Comparison, compare_story
from presswatch.taxonomy import FAMILY_ORDER_WITH_OTHER
from presswatch.web import charts
from presswatch.web.api import Problem
from presswatch.web.deps import open_store
from presswatch.web.glossary import FAMILY_COLORS, slug
from presswatch.web.render import render

api_router = APIRouter(prefix="/api", tags=["stories"])
page_router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25

_THRESHOLD = Query(catalog.THRESHOLD, ge=0.1, le=1.0,
                   description="MinHash similarity (word 3-shingles) at which two outlets' articles tell one story.")
COMPARISON_SCHEMA: dict[str, Any] = {"type": "object", "description": (
    "The comparison: articles (per outlet: title, published, genre, frames, families, techniques, speakers, "
    "quotes), shared_quotes, and per kind (techniques, families, frames, speakers) what every outlet uses "
    "(`shared`) and what only some do (`partial`).")}


class StoryItem(BaseModel):
    id: int
    size: int
    outlets: list[str]
    title: str | None
    first: str | None
    last: str | None
    ids: list[int]


class StoryList(BaseModel):
    total: int
    items: list[StoryItem]
    limit: int
    offset: int


def _comparison(request: Request, story_id: int, threshold: float) -> Comparison:
    """The story holding article `story_id`, compared; 404 for an unknown article or one without a story."""
    with open_store(request) as store:
        try:
            return compare_story(store, catalog.story_ids(store, story_id, threshold))
        except (catalog.UnknownArticleError, catalog.NoStoryError) as exc:
            raise HTTPException(404, exc.message) from exc


@api_router.get("/stories", response_model=StoryList, responses={422: {"model": Problem}})
def list_stories(request: Request, min_outlets: int = Query(2, ge=1, le=1000), limit: int = Query(20, ge=1, le=200),
                 offset: int = Query(0, ge=0, le=1_000_000), threshold: float = _THRESHOLD) -> dict[str, Any]:
    """Same-story groups across outlets, most outlets first; a story's id is its smallest article id."""
    with open_store(request) as store:
        total, rows = catalog.list_stories(store, min_outlets=min_outlets, limit=limit, offset=offset,
                                           threshold=threshold)
    return {"total": total, "items": [asdict(r) for r in rows], "limit": limit, "offset": offset}


@api_router.get("/stories/{story_id}", responses={
    200: {"content": {"application/json": {"schema": COMPARISON_SCHEMA}}}, 404: {"model": Problem},
    422: {"model": Problem}})
def get_story(request: Request, story_id: int, threshold: float = _THRESHOLD) -> JSONResponse:
    """The cross-outlet comparison of one story (any of its article ids finds it)."""
    return JSONResponse(_comparison(request, story_id, threshold).to_dict())


@page_router.get("/stories", response_class=HTMLResponse)
def stories_page(request: Request, min_outlets: int = Query(2, ge=1, le=1000),
                 page: int = Query(1, ge=1, le=10_000)) -> HTMLResponse:
    with open_store(request) as store:
        total, rows = catalog.list_stories(store, min_outlets=min_outlets, limit=PAGE_SIZE,
                                           offset=(page - 1) * PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))

    def page_url(n: int) -> str:
        return "/stories?" + urlencode({"min_outlets": min_outlets, "page": n})

    return render(request, "stories.html", total=total, stories=rows, min_outlets=min_outlets, page=page,
                  pages=pages, page_url=page_url)


@page_router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: int) -> HTMLResponse:
    c = _comparison(request, story_id, catalog.THRESHOLD)
    families = [f for f in FAMILY_ORDER_WITH_OTHER if any(a.families.get(f) for a in c.articles)]
    chart = charts.stacked_bar_chart(
        "chart-story", "Persuasion techniques per article, by family",
        [(f"{a.outlet} #{a.id}", {k: float(v) for k, v in a.families.items()}) for a in c.articles],
        families, FAMILY_COLORS)
    partial = {kind: {d.name: d for d in getattr(c, kind).partial}
               for kind in ("techniques", "families", "frames", "speakers")}
    title = next((a.title for a in c.articles if a.title), None)
    return render(request, "story.html", c=c, chart=chart, partial=partial, story_title=title,
                  family_css={f: f"fam-{slug(f)}" for f in FAMILY_ORDER_WITH_OTHER})
