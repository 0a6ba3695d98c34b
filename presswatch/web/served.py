"""The page of what a server sent for one version of a watched article: status, headers and body, from the WARC."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from presswatch.web.deps import open_store
from presswatch.web.render import render

router = APIRouter()
MAX_SHOWN = 2_000_000  # characters of the body shown on the page; the WARC download has all of it


@router.get("/articles/{article_id}/versions/{n}", response_class=HTMLResponse)
def served_page(request: Request, article_id: int, n: int) -> HTMLResponse:
    from presswatch.watch.archive import read_record
    from presswatch.watch.fetcher import decode_content
    from presswatch.watch.warc_text import body_text

    with open_store(request) as store:
        summary = store.summary(article_id)
        version = next((v for v in store.versions(article_id) if v["n"] == n), None)
    if summary is None or version is None or not version["warc"]:
        raise HTTPException(404, f"No archived response for version {n} of article {article_id}.")
    try:
        record = read_record(version["warc"]["file"], version["warc"]["offset"])
    except Exception as exc:  # gone, moved, cut off or not a WARC record at that offset: the page says so
        raise HTTPException(404, f"The WARC file of version {n} of article {article_id} cannot be read.") from exc
    headers = record["headers"]
    encoding = next((v for k, v in headers if k.lower() == "content-encoding"), None)
    try:
        content = decode_content(record["body"], encoding, 50 * 1024 * 1024)
        text = body_text(content, headers)
    except ValueError as exc:
        text = f"(the body cannot be decoded: {exc})"
    return render(request, "served.html", article_id=article_id, summary=summary, version=version, record=record,
                  text=text[:MAX_SHOWN], cut=len(text) > MAX_SHOWN, size=len(record["body"]))
