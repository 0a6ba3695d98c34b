"""Server-rendered HTML pages: dashboard, search, article view and the analyse form."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.datastructures import UploadFile

from presswatch.article import Article
from presswatch.errors import InputError, PresswatchError, UnknownStageError
from presswatch.taxonomy import FAMILY_ORDER_WITH_OTHER, TECHNIQUES, family_of
from presswatch.web import charts, csrf
from presswatch.web.deps import FORMATS, Filters, analyzer, open_store, settings
from presswatch.web.glossary import FAMILY_COLORS, pretty, slug
from presswatch.web.highlight import marks_of, paragraphs
from presswatch.web.render import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request, outlet: str | None = None) -> HTMLResponse:
    outlet = outlet.strip() if outlet and outlet.strip() else None
    with open_store(request) as store:
        st = store.stats()
        by_outlet = store.techniques_by_outlet()
        by_voice = store.techniques_by_voice()[:15]
        over_time = store.techniques_over_time(outlet=outlet)
        speakers = store.top_speakers(limit=12)
        about = store.quoted_about(limit=15)
        recent = store.search(None, limit=8).hits
    outlets = sorted((st.get("outlets") or {}).keys(), key=str)
    shown = _dashboard_charts(st, by_outlet, over_time, speakers)
    shown["voice"] = voice_chart(by_voice)
    return render(request, "dashboard.html", stats=st, recent=recent, about=about, outlet=outlet, outlets=outlets,
                  charts=shown, by_voice=by_voice)


# whose words carry the technique spans: the series of the voice chart, in stacking order, and their colours
VOICE_SERIES = {"author": "outlet's own words", "quoted": "direct quotes", "reported": "reported speech",
                "unknown": "unknown"}
VOICE_FILTER = {"author": "the outlet's own words", "quoted": "a direct quote", "reported": "reported speech"}
VOICE_COLORS = dict(zip(VOICE_SERIES.values(), (charts.PALETTE[1], charts.PALETTE[0], charts.PALETTE[5],
                                                charts.PALETTE[6]), strict=True))


def voice_chart(by_voice: list[dict[str, Any]]) -> Markup:
    """Stacked bars per outlet: technique spans in the outlet's own words, in direct quotes, in reported speech."""
    rows = [(r["outlet"], {name: float(r[key]) for key, name in VOICE_SERIES.items()}) for r in by_voice]
    used = [name for name in VOICE_SERIES.values() if any(v[name] for _, v in rows)]
    return charts.stacked_bar_chart("chart-voice", "Persuasion in the outlet's own words vs in quotes, per outlet",
                                    rows, used, VOICE_COLORS)


def _dashboard_charts(st: dict[str, Any], by_outlet: list[dict[str, Any]], over_time: list[dict[str, Any]],
                      speakers: list[dict[str, Any]]) -> dict[str, Any]:
    families = list(FAMILY_ORDER_WITH_OTHER)
    rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in by_outlet:
        rows[r["outlet"] or "(unknown outlet)"][family_of(r["technique"])] += r["count"]
    outlet_rows = sorted(rows.items(), key=lambda kv: -sum(kv[1].values()))[:15]
    used = [f for f in families if any(v.get(f) for _, v in outlet_rows)]

    periods = sorted({r["period"] for r in over_time if r.get("period")})
    series: dict[str, list[float]] = {}
    index = {p: i for i, p in enumerate(periods)}
    for r in over_time:
        if not r.get("period"):
            continue
        fam = family_of(r["technique"])
        series.setdefault(fam, [0.0] * len(periods))[index[r["period"]]] += r["count"]
    series = {f: series[f] for f in families if f in series}

    def top(d: dict[str, int], n: int = 10) -> list[tuple[str, float]]:
        return sorted(((pretty(k), float(v)) for k, v in (d or {}).items()), key=lambda kv: -kv[1])[:n]

    return {
        "by_outlet": charts.stacked_bar_chart("chart-outlets", "Persuasion techniques per outlet, by family",
                                              outlet_rows, used, FAMILY_COLORS),
        "over_time": charts.line_chart("chart-time", "Persuasion techniques per month, by family", periods, series,
                                       FAMILY_COLORS),
        "speakers": charts.bar_chart("chart-speakers", "Most quoted speakers",
                                     [(r["speaker"], float(r["quotes"])) for r in speakers],
                                     href="/search?speaker={}", color=charts.PALETTE[0]),
        "techniques": charts.bar_chart("chart-techniques", "Most frequent techniques",
                                       top(st.get("techniques", {}), 12), color=charts.PALETTE[1]),
        "genres": charts.bar_chart("chart-genres", "Genres", top(st.get("genres", {})), color=charts.PALETTE[2]),
        "frames": charts.bar_chart("chart-frames", "Frames", top(st.get("frames", {})), color=charts.PALETTE[3]),
    }


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str | None = None, outlet: str | None = None, since: str | None = None,
           until: str | None = None, technique: str | None = None, speaker: str | None = None,
           entity: str | None = None, voice: str | None = None, page: str | None = None) -> HTMLResponse:
    try:
        page_no = int(page or 1)
    except ValueError:
        page_no = 0
    if not 1 <= page_no <= 10_000:
        raise HTTPException(422, "page must be a whole number from 1 to 10000")
    f = Filters.build(q=q, outlet=outlet, since=since, until=until, technique=technique, speaker=speaker,
                      entity=entity, voice=voice)
    error, result = None, None
    with open_store(request) as store:
        outlets = sorted((store.stats().get("outlets") or {}).keys(), key=str)
        try:
            result = store.search(**f.store_kwargs(), limit=PAGE_SIZE, offset=(page_no - 1) * PAGE_SIZE)
        except PresswatchError as exc:
            error = f"Bad query: {exc.message}"
    pages = max(1, -(-result.total // PAGE_SIZE)) if result else 1
    params = f.active()

    def page_url(n: int) -> str:
        return "/search?" + urlencode({**params, "page": n})

    return render(request, "search.html", status_code=400 if error else 200, filters=f, error=error,
                  result=result, page=page_no, pages=pages, page_url=page_url, outlets=outlets,
                  techniques=sorted(TECHNIQUES), voices=VOICE_FILTER)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: int) -> HTMLResponse:
    with open_store(request) as store:
        article = store.get(article_id)
        near = store.near_duplicates(article_id) if article is not None else []
        story = _story_of(store, article_id) if article is not None else None
    if article is None:
        raise HTTPException(404, f"No article with id {article_id}.")
    return render_article(request, article, article_id=article_id, near=near, story=story)


def _story_of(store: Any, article_id: int) -> dict[str, Any] | None:
    """The cross-outlet story that holds the article (id, article count, outlets), or None."""
    from presswatch.compare.catalog import story_of

    group = story_of(store, article_id)
    return None if group is None else {"id": group.ids[0], "articles": len(group.ids), "outlets": group.outlets}


def render_article(request: Request, article: Article, *, article_id: int | None = None,
                   near: list[dict[str, Any]] | None = None, story: dict[str, Any] | None = None,
                   status_code: int = 200) -> HTMLResponse:
    marks = marks_of(article)
    paras = paragraphs(article, marks)
    families = {m.css for m in marks if m.kind == "technique"} | {lab.css for p in paras for lab in p.labels}
    legend = [(f, f"fam-{slug(f)}") for f in FAMILY_ORDER_WITH_OTHER if f"fam-{slug(f)}" in families]
    tech_marks = {m.id: m for m in marks if m.kind == "technique"}
    return render(request, "article.html", status_code=status_code, article=article, article_id=article_id,
                  paragraphs=paras, legend=legend, tech_marks=tech_marks, near=near or [], story=story,
                  has_para_labels=any(p.labels for p in paras),
                  entities=sorted(article.entities, key=lambda e: (-len(e.mentions), e.name)),
                  techniques=sorted(enumerate(article.techniques), key=lambda it: (it[1].start, -it[1].score)))


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
