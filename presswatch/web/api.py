"""The JSON API under /api: search, articles, analyse, aggregates, and the token-guarded write endpoint."""

from __future__ import annotations

import io
import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.background import BackgroundTask

from presswatch.article import Article
from presswatch.corpus.search import Filters, SearchResult, SpanSnippet
from presswatch.errors import FilterError, PresswatchError, UnknownStageError
from presswatch.web.deps import FORMATS, analyzer, cached_search, new_store, open_store, parse_filters, settings

router = APIRouter(prefix="/api", tags=["api"])

ARTICLE_SCHEMA: dict[str, Any] = {"type": "object", "description": "Article JSON (see `presswatch schema`)."}
_ERRORS: dict[int | str, dict[str, Any]] = {422: {"description": "Invalid parameters", "model": None}}


class Problem(BaseModel):
    detail: str


class AnalyzeRequest(BaseModel):
    text: str
    format: Literal["text", "html"] | None = None
    stages: list[str] | None = None


class VoiceRow(BaseModel):
    outlet: str
    author: int = Field(description="Technique spans in the outlet's own words.")
    quoted: int = Field(description="Spans inside a direct quote.")
    reported: int = Field(description="Spans inside reported speech.")
    unknown: int = Field(description="Spans of unknown voice (the quotes stage did not run, or stored before it).")
    spans: int
    author_share: float | None = Field(description="author / (author + quoted + reported); null when none known.")


class Stored(BaseModel):
    id: int
    url: str


def split_snippet(marked: str) -> tuple[str, list[tuple[int, int]]]:
    """Turn a store snippet with \\x02/\\x03 markers into plain text plus match offsets."""
    out: list[str] = []
    matches: list[tuple[int, int]] = []
    pos, start = 0, None
    for ch in marked:
        if ch == "\x02":
            start = pos
        elif ch == "\x03":
            if start is not None:
                matches.append((start, pos))
            start = None
        else:
            out.append(ch)
            pos += 1
    return "".join(out), matches


class SearchItem(BaseModel):
    id: int
    title: str | None
    outlet: str | None
    published: str | None
    source: str | None
    language: str | None
    genre: str | None
    techniques: int = Field(description="Technique instances in the article.")
    spans: list[SpanSnippet] = Field(description="Its technique spans that match the technique/voice filters "
                                              "(else its best scored), at most 3.")
    snippet: str = Field(description="Plain text around the matches.")
    matches: list[tuple[int, int]] = Field(description="[start, end) of each matched term in `snippet`.")
    score: float


class ArticleList(BaseModel):
    total: int
    undated: int | None = Field(None, description="With since/until: articles matching the other filters that have "
                                                  "no date (left out).")
    items: list[SearchItem]
    limit: int
    offset: int


_FILTER_DOCS = {
    "q": "FTS5 query: words, \"phrases\", AND/OR/NOT, prefix*",
    "outlet": "Outlet name; (unknown) for articles without one",
    "lang": "Language code (e.g. en, ru)", "genre": "opinion | reporting | satire",
    "frame": "One of the 14 SemEval frames", "technique": "One of the 23 SemEval techniques",
    "voice": "author | quoted | reported: a technique span (of `technique`, when given) in the outlet's own words, "
             "a direct quote or reported speech",
    "speaker": "Quote speaker, by name or alias", "entity": "Entity named in the article (name or alias)",
    "since": "On or after: YYYY, YYYY-MM, YYYY-MM-DD, or today, yesterday, last week, 3 months ago",
    "until": "On or before (YYYY-MM includes the whole month)", "sort": "relevance | date | oldest | techniques",
}


def _filter_params(**docs: str) -> Any:
    """A dependency reading the search filters from the query string, documented one by one in the OpenAPI."""
    from inspect import Parameter, Signature

    def dep(**values: str | None) -> Any:
        return parse_filters(**values)

    dep.__signature__ = Signature([  # type: ignore[attr-defined]
        Parameter(k, Parameter.KEYWORD_ONLY, default=Query(None, description=d), annotation=str | None)
        for k, d in docs.items()])
    return Depends(dep)


FILTERS = _filter_params(**_FILTER_DOCS)


def run_search(request: Request, f: Filters, limit: int, offset: int) -> SearchResult:
    """The search, with a bad filter value as 422 and a bad query as 400."""
    with open_store(request) as store:
        try:
            return cached_search(request, store, f, limit, offset)
        except FilterError as exc:
            raise HTTPException(422, exc.message) from exc
        except PresswatchError as exc:
            raise HTTPException(400, f"bad query: {exc.message}") from exc


@router.get("/articles", response_model=ArticleList, responses={400: {"model": Problem}, 422: {"model": Problem}})
def list_articles(request: Request, f: Filters = FILTERS, limit: int = Query(20, ge=1, le=200),
                  offset: int = Query(0, ge=0, le=1_000_000)) -> dict[str, Any]:
    """Full-text search with filters; without `q`, the newest articles first."""
    result = run_search(request, f, limit, offset)
    items = []
    for h in result.hits:
        snippet, matches = split_snippet(h.snippet or "")
        items.append({**{k: v for k, v in asdict(h).items() if k != "snippet"}, "snippet": snippet,
                      "matches": matches})
    return {"total": result.total, "undated": result.undated, "items": items, "limit": limit, "offset": offset}


@router.get("/export", responses={200: {"content": {"text/csv": {}, "application/x-ndjson": {},
                                                    "application/vnd.apache.parquet": {}}},
                                   422: {"model": Problem}})
def export(request: Request, f: Filters = FILTERS,
           format: Literal["csv", "jsonl", "parquet"] = Query("csv", description="csv | jsonl | parquet"),
           level: Literal["articles", "techniques", "quotes", "claims"] = Query(
               "articles", description="One row per article, or per technique span, quote or claim of the matching "
                                       "articles")) -> Response:
    """What the search with these filters finds, as a file, streamed (the same filters as /api/articles)."""
    from presswatch.corpus import export as ex

    store = new_store(request)  # closed when the stream ends
    name = f"presswatch-{level}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    try:
        if format == "parquet":
            fd, tmp = tempfile.mkstemp(suffix=".parquet")
            os.close(fd)
            try:
                ex.write_parquet(store, Path(tmp), f, level)
            except BaseException:
                os.unlink(tmp)
                raise
            finally:
                store.close()
            return FileResponse(tmp, media_type="application/vnd.apache.parquet", headers=headers,
                                background=BackgroundTask(os.unlink, tmp))
        stream = ex.Export(store, format, f, level)
    except FilterError as exc:
        store.close()
        raise HTTPException(422, exc.message) from exc
    except BaseException:
        store.close()
        raise

    def chunks() -> Iterator[str]:
        try:
            yield from stream
        finally:
            store.close()

    media = "text/csv; charset=utf-8" if format == "csv" else "application/x-ndjson; charset=utf-8"
    return StreamingResponse(chunks(), media_type=media, headers=headers)


@router.get("/filters")
def filter_values(request: Request) -> dict[str, list[str]]:
    """What each search filter accepts: closed lists (technique, frame, voice, sort) and what the store holds
    (outlet, lang, genre; the 200 most quoted speakers)."""
    from presswatch.corpus.search import known_values

    with open_store(request) as store:
        return known_values(store.conn)


@router.get("/articles/{article_id}", responses={200: {"content": {"application/json": {"schema": ARTICLE_SCHEMA}}},
                                                 404: {"model": Problem}})
def get_article(request: Request, article_id: int) -> JSONResponse:
    """One stored article as Article JSON."""
    with open_store(request) as store:
        article = store.get(article_id)
    if article is None:
        raise HTTPException(404, f"no article with id {article_id}")
    return JSONResponse(article.to_dict())


@router.get("/articles/{article_id}/versions", responses={404: {"model": Problem}})
def article_versions(request: Request, article_id: int) -> dict[str, Any]:
    """The versions the watcher fetched of one article: {article, url, state, removed, edits, versions: [{n, kind
    (first|edit|removed), fetched, status, hash, diff (word changes [{op, old, new, at}]), url, final_url, warc}]}."""
    with open_store(request) as store:
        if store.summary(article_id) is None:
            raise HTTPException(404, f"no article with id {article_id}")
        versions = store.versions(article_id)
        page = store.watched_page(article_id)
    for v in versions:
        v["warc"] = f"/api/articles/{article_id}/versions/{v['n']}/warc" if v["warc"] else None
    from presswatch.corpus.ledger import page_summary

    return {"article": article_id, **page_summary(page), "edits": sum(v["kind"] == "edit" for v in versions),
            "versions": versions}


@router.get("/articles/{article_id}/versions/{n}/warc", response_class=Response,
            responses={200: {"content": {"application/warc": {}}}, 404: {"model": Problem}})
def version_warc(request: Request, article_id: int, n: int) -> Response:
    """The archived exchange (WARC response and request records, gzip) behind one version, byte for byte."""
    from presswatch.watch.archive import copy_records

    with open_store(request) as store:
        warc = next((v["warc"] for v in store.versions(article_id) if v["n"] == n and v["warc"]), None)
    if warc is None:
        raise HTTPException(404, f"no archived record for version {n} of article {article_id}")
    buf = io.BytesIO()
    if not copy_records([(warc["file"], warc["offset"], warc["length"])], buf):
        raise HTTPException(404, f"the WARC file of version {n} of article {article_id} is not there any more")
    return Response(buf.getvalue(), media_type="application/warc", headers={
        "Content-Disposition": f'attachment; filename="article-{article_id}-v{n}.warc.gz"'})


_ANALYZE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": AnalyzeRequest.model_json_schema()},
            "multipart/form-data": {"schema": {"type": "object", "required": ["file"], "properties": {
                "file": {"type": "string", "format": "binary"},
                "format": {"type": "string", "enum": list(FORMATS)},
                "stages": {"type": "string", "description": "comma-separated stage names"}}}},
        },
    }
}


@router.post("/analyze", openapi_extra=_ANALYZE_BODY,
             responses={200: {"content": {"application/json": {"schema": ARTICLE_SCHEMA}}}, 422: {"model": Problem},
                        413: {"model": Problem}})
async def analyze(request: Request) -> JSONResponse:
    """Analyse a pasted text (JSON body) or an uploaded file (multipart) without storing it."""
    data, source, fmt, stages = await read_document(request)
    article = await _run(request, data, source, fmt, stages)
    return JSONResponse(article.to_dict())


async def read_document(request: Request) -> tuple[bytes, str, str | None, list[str] | None]:
    """(bytes, source name, format, stages) from a JSON or multipart request body."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        form = await request.form(max_part_size=settings(request).max_upload_bytes)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(422, "multipart body needs a 'file' part")
        data = await upload.read()
        fmt = _format(form.get("format"))
        raw_stages = form.get("stages")
        stages = [s for s in raw_stages.split(",") if s.strip()] if isinstance(raw_stages, str) and raw_stages else None
        return data, f"<upload:{upload.filename or 'file'}>", fmt, stages
    if ctype not in ("application/json", ""):
        raise HTTPException(415, "send application/json {\"text\": ...} or multipart/form-data with a 'file'")
    try:
        body = AnalyzeRequest.model_validate_json(await request.body())
    except ValidationError as exc:
        raise HTTPException(422, "; ".join(_pydantic_message(e) for e in exc.errors())) from exc
    return body.text.encode("utf-8"), "<text>", body.format, body.stages


def _format(value: Any) -> str | None:
    if not isinstance(value, str) or not value or value == "auto":
        return None
    if value not in FORMATS:
        raise HTTPException(422, f"format must be one of {', '.join(FORMATS)}")
    return value


def _pydantic_message(err: dict[str, Any]) -> str:
    loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
    return f"{loc}: {err.get('msg')}" if loc else str(err.get("msg"))


async def _run(request: Request, data: bytes, source: str, fmt: str | None, stages: list[str] | None) -> Article:
    """Run the pipeline off the event loop; input and stage errors become 422."""
    try:
        return await run_in_threadpool(analyzer(request).analyze, data, source=source, format=fmt, stages=stages)
    except UnknownStageError as exc:
        raise HTTPException(422, exc.message) from exc


@router.post("/articles", status_code=201, response_model=Stored,
             responses={401: {"model": Problem}, 403: {"model": Problem}, 409: {"model": Problem},
                        422: {"model": Problem}})
async def store_article(request: Request, authorization: str | None = Header(None),
                        analyze: bool = Query(False, description="Run the pipeline first: the body is then an "
                                                                 "analyse request (JSON or multipart), not an Article")
                        ) -> dict[str, Any]:
    """Store an analysed article (Article JSON); needs the server's write token as `Authorization: Bearer`."""
    _check_token(request, authorization)
    if analyze:
        data, source, fmt, stages = await read_document(request)
        article = await _run(request, data, source, fmt, stages)
    else:
        article = await _article_from_body(request)

    def add() -> int | None:
        with open_store(request) as store:
            return store.add(article)

    new_id = await run_in_threadpool(add)
    if new_id is None:
        raise HTTPException(409, "an article with the same content is already stored")
    return {"id": new_id, "url": f"/api/articles/{new_id}"}


def _check_token(request: Request, authorization: str | None) -> None:
    token = settings(request).write_token
    if not token:
        raise HTTPException(403, "writes are disabled: the server runs without a write token")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise HTTPException(401, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "invalid write token")


async def _article_from_body(request: Request) -> Article:
    """An Article from a JSON body, validated against the published schema and the spine's offset invariant."""
    from presswatch.validate import InvalidArticleError, article_from_dict

    try:
        payload = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError) as exc:
        raise HTTPException(422, f"not JSON: {exc}") from exc
    try:
        return article_from_dict(payload)
    except InvalidArticleError as exc:
        raise HTTPException(422, exc.message) from exc


@router.get("/stats")
def stats(request: Request) -> dict[str, Any]:
    """Corpus size and counts per outlet, technique, genre and frame."""
    with open_store(request) as store:
        return store.stats()


@router.get("/aggregates/techniques-by-outlet")
def techniques_by_outlet(request: Request) -> list[dict[str, Any]]:
    """[{outlet, technique, count}]"""
    with open_store(request) as store:
        return store.techniques_by_outlet()


@router.get("/aggregates/techniques-by-voice", response_model=list[VoiceRow])
def techniques_by_voice(request: Request) -> list[dict[str, Any]]:
    """Per outlet, technique spans in its own words vs in direct quotes and reported speech; most spans first."""
    with open_store(request) as store:
        return store.techniques_by_voice()


@router.get("/aggregates/techniques-over-time")
def techniques_over_time(request: Request, outlet: str | None = None) -> list[dict[str, Any]]:
    """[{period (YYYY-MM), technique, count}], optionally for one outlet."""
    with open_store(request) as store:
        return store.techniques_over_time(outlet=outlet or None)


@router.get("/aggregates/top-speakers")
def top_speakers(request: Request, limit: int = Query(20, ge=1, le=500)) -> list[dict[str, Any]]:
    """[{speaker, quotes}], most quoted first."""
    with open_store(request) as store:
        return store.top_speakers(limit=limit)


@router.get("/aggregates/quoted-about")
def quoted_about(request: Request, limit: int = Query(50, ge=1, le=1000)) -> list[dict[str, Any]]:
    """[{speaker, entity, count}]: entities named in each speaker's quotes."""
    with open_store(request) as store:
        return store.quoted_about(limit=limit)
