"""Server-rendered HTML pages: dashboard, search, article view and the analyse form."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from presswatch.article import Article
from presswatch.corpus.corrections import Corrected
from presswatch.errors import FilterError, InputError, PresswatchError, UnknownStageError
from presswatch.taxonomy import FAMILY_ORDER_WITH_OTHER, FRAMES, GENRES, TECHNIQUES, family_of
from presswatch.web import csrf
from presswatch.web.dashboard import VOICE_FILTER, dashboard_charts
from presswatch.web.deps import FORMATS, analyzer, cached_search, open_store, settings, store_cached
from presswatch.web.glossary import slug
from presswatch.web.highlight import marks_of, paragraphs
from presswatch.web.render import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, outlet: str | None = None) -> HTMLResponse:
    outlet = outlet.strip() if outlet and outlet.strip() else None
    with open_store(request) as store:
        st = store.stats()
        by_voice = store.techniques_by_voice()[:15]
        shown = dashboard_charts(st, store.techniques_by_outlet(), store.techniques_over_time(outlet=outlet),
                                 store.articles_by_outlet_month(), store.techniques_by_outlet_month(), by_voice,
                                 store.top_speakers(limit=12), outlet)
        about = store.quoted_about(limit=15)
        recent = store.search(None, limit=8).hits
        edits = store.edits_by_outlet()
    outlets = sorted((st.get("outlets") or {}).keys(), key=str)
    return render(request, "dashboard.html", stats=st, recent=recent, about=about, outlet=outlet, outlets=outlets,
                  charts=shown, by_voice=by_voice, edits=edits)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, page: str | None = None) -> HTMLResponse:
    """The search page; its query parameters are the filters of `presswatch search` (q, outlet, lang, genre, frame,
    technique, voice, speaker, entity, since, until, sort)."""
    from presswatch.corpus.search import Filters, known_values

    try:
        page_no = int(page or 1)
    except ValueError:
        page_no = 0
    if not 1 <= page_no <= 10_000:
        raise HTTPException(422, "page must be a whole number from 1 to 10000")
    values = {k: v for k, v in request.query_params.items() if k in Filters.names()}
    error, result, status = None, None, 200
    try:
        f = Filters.parse(**values)
    except FilterError as exc:
        f, error, status = Filters(**values), exc.message, 422  # the form keeps what was typed
    from presswatch.corpus.saved import saved

    with open_store(request) as store:
        known = store_cached(request, "known_values", lambda: known_values(store.conn))
        searches = saved(store.conn)
        if error is None:
            try:
                result = cached_search(request, store, f, PAGE_SIZE, (page_no - 1) * PAGE_SIZE)
            except FilterError as exc:
                error, status = exc.message, 422
            except PresswatchError as exc:
                error, status = f"Bad query: {exc.message}", 400
    pages = max(1, -(-result.total // PAGE_SIZE)) if result else 1
    params = f.active() if error is None else values

    def page_url(n: int) -> str:
        return "/search?" + urlencode({**params, "page": n})

    export = {fmt: "/api/export?" + urlencode({**params, "format": fmt}) for fmt in ("csv", "jsonl")}
    writable = not settings(request).readonly
    session, token = csrf.form_token(request) if writable else ("", "")
    response = render(request, "search.html", status_code=status, filters=f, given=values, error=error,
                      result=result, page=page_no, pages=pages, page_url=page_url, known=known,
                      voices=VOICE_FILTER, export=export, family_css=lambda t: f"fam-{slug(family_of(t))}",
                      saved=searches, writable=writable, params=params, csrf_field=csrf.FIELD, csrf_token=token)
    if writable:
        csrf.keep_session(request, response, session)
    return response


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int) -> HTMLResponse:
    from presswatch.corpus.corrections import apply, of_article

    with open_store(request) as store:
        article = store.get(article_id)
        near = store.near_duplicates(article_id) if article is not None else []
        story = _story_of(store, article_id) if article is not None else None
        fixes = of_article(store.conn, article_id) if article is not None else []
        versions = store.versions(article_id, texts=True) if article is not None else []
        watched = store.watched_page(article_id) if article is not None else None
    if article is None:
        raise HTTPException(404, f"No article with id {article_id}.")
    corrected = apply(article, fixes)
    return render_article(request, corrected.article, article_id=article_id, near=near, story=story,
                          versions=versions, watched=watched, corrected=corrected)


def _story_of(store: Any, article_id: int) -> dict[str, Any] | None:
    """The cross-outlet story that holds the article (id, article count, outlets), or None."""
    from presswatch.compare.catalog import story_of

    group = story_of(store, article_id)
    return None if group is None else {"id": group.ids[0], "articles": len(group.ids), "outlets": group.outlets}


def render_article(request: Request, article: Article, *, article_id: int | None = None,
                   near: list[dict[str, Any]] | None = None, story: dict[str, Any] | None = None,
                   versions: list[dict[str, Any]] | None = None, watched: dict[str, Any] | None = None,
                   status_code: int = 200, corrected: Corrected | None = None) -> HTMLResponse:
    false = {f"t{i}" for i in (corrected.false if corrected else {})}
    marks = [m for m in marks_of(article) if m.id not in false]  # what the analyst marked false is not highlighted
    paras = paragraphs(article, marks)
    families = {m.css for m in marks if m.kind == "technique"} | {lab.css for p in paras for lab in p.labels}
    legend = [(f, f"fam-{slug(f)}") for f in FAMILY_ORDER_WITH_OTHER if f"fam-{slug(f)}" in families]
    tech_marks = {m.id: m for m in marks if m.kind == "technique"}
    writable = article_id is not None and not settings(request).readonly
    session, token = csrf.form_token(request) if writable else ("", "")
    response = render(request, "article.html", status_code=status_code, article=article, article_id=article_id,
                  corrected=corrected, writable=writable, csrf_field=csrf.FIELD, csrf_token=token,
                  all_techniques=TECHNIQUES, all_frames=FRAMES, all_genres=GENRES,
                  paragraphs=paras, legend=legend, tech_marks=tech_marks, near=near or [], story=story,
                  versions=version_views(versions or []), watched=watched,
                  has_para_labels=any(p.labels for p in paras),
                  entities=sorted(article.entities, key=lambda e: (-len(e.mentions), e.name)),
                  techniques=sorted(enumerate(article.techniques), key=lambda it: (it[1].start, -it[1].score)))
    if writable:
        csrf.keep_session(request, response, session)
    return response


def version_views(versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Versions with their word changes as (before, removed, added, after) snippets of the previous text."""
    out, previous = [], ""
    for v in versions:
        changes = []
        for op in v.get("diff") or []:
            at, end = op["at"], op["at"] + len(op["old"])
            changes.append({"before": previous[max(0, at - 60):at], "old": op["old"], "new": op["new"],
                            "after": previous[end:end + 60]})
        out.append({**v, "changes": changes})
        previous = v.get("text") or previous
    return out


def _stage_list() -> list[tuple[str, str]]:
    from presswatch.pipeline import STAGES

    return [(s.name, s.description) for s in STAGES.values()]


def _analyze_form(request: Request, *, status_code: int = 200, **context: Any) -> HTMLResponse:
    """The analyse form with this session's CSRF token (and its cookie)."""
    session, token = csrf.form_token(request)
    response = render(request, "analyze.html", status_code=status_code, csrf_field=csrf.FIELD, csrf_token=token,
                      **context)
    csrf.keep_session(request, response, session)
    return response


@router.get("/analyze", response_class=HTMLResponse)
def analyze_form(request: Request) -> HTMLResponse:
    stages = _stage_list()
    return _analyze_form(request, error=None, text="", format="auto", stage_list=stages,
                         chosen={n for n, _ in stages})


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(request: Request) -> HTMLResponse:
    form = await request.form(max_part_size=settings(request).max_upload_bytes)
    csrf.check_form(request, form.get(csrf.FIELD))
    text = form.get("text")
    text = text if isinstance(text, str) else ""
    fmt = form.get("format")
    fmt = fmt if isinstance(fmt, str) and fmt in FORMATS else None
    stage_list = _stage_list()
    chosen = {v for v in form.getlist("stages") if isinstance(v, str)}
    # Absent or all ticked: the full pipeline, shared by the app; a subset: just those (and what they need).
    stages = None if not chosen or chosen >= {n for n, _ in stage_list} else sorted(chosen)
    upload = form.get("file")
    data, source = text.encode("utf-8"), "<pasted text>"
    if isinstance(upload, UploadFile) and upload.filename:
        content = await upload.read()
        if content:
            data, source = content, f"<upload:{upload.filename}>"
    try:
        article = await run_in_threadpool(analyzer(request).analyze, data, source=source, format=fmt, stages=stages)
    except (InputError, UnknownStageError) as exc:
        return _analyze_form(request, status_code=422, error=exc.message, text=text, format=fmt or "auto",
                             stage_list=stage_list, chosen=chosen or {n for n, _ in stage_list})
    return render_article(request, article)
