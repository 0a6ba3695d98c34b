"""RSS and Atom reader (feedparser): one RawDocument per entry, its content or summary HTML plus metadata hints."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from presswatch.article import RawDocument
from presswatch.errors import EmptyDocumentError, InputError, TruncatedError

_FEED_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*"
                         rb"<(?:rss|feed|rdf:RDF)\b", re.S | re.I)


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes open an RSS, Atom or RDF document."""
    return bool(_FEED_START.match(head.lstrip(b"\xef\xbb\xbf")))


def _iso(parsed: time.struct_time | None) -> str | None:
    """feedparser's UTC struct_time as ISO 8601 with an offset."""
    if not parsed:
        return None
    return datetime(*parsed[:6], tzinfo=UTC).isoformat()


def _body(entry: Any) -> tuple[str, str]:
    """(markup, format) of the fullest content the entry carries."""
    for c in entry.get("content") or []:
        if (c.get("value") or "").strip():
            return c["value"], "text" if c.get("type") == "text/plain" else "html"
    detail = entry.get("summary_detail") or {}
    summary = entry.get("summary") or ""
    return summary, "text" if detail.get("type") == "text/plain" else "html"


def _hints(entry: Any, feed: Any) -> dict[str, Any]:
    hints: dict[str, Any] = {
        "title": entry.get("title"),
        "url": entry.get("link"),
        "published": _iso(entry.get("published_parsed") or entry.get("updated_parsed")),
        "authors": [a["name"] for a in entry.get("authors") or [] if a.get("name")],
        "tags": [t["term"] for t in entry.get("tags") or [] if t.get("term")],
        "outlet": feed.get("title"),
        "language": feed.get("language"),
        "id": entry.get("id"),
    }
    return {k: v for k, v in hints.items() if v not in (None, "", [])}


def iter_feed(path: Path) -> Iterator[RawDocument | InputError]:
    """Yield each entry of an RSS/Atom file (source `file#entry=N`, 0-based), or InputErrors."""
    from presswatch.config import SETTINGS
    from presswatch.limits import Budget, LimitError
    from presswatch.sources import read_bytes

    limit = SETTINGS.max_document_bytes
    try:
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        yield InputError(f"cannot read: {exc.strerror or exc}", str(path))
        return
    if len(data) > limit:
        yield LimitError(f"feed file larger than {limit:,} bytes", str(path), "max_document_bytes")
        return
    parsed = feedparser.parse(data)
    budget = Budget(str(path))
    if not parsed.entries:
        problem = f": {parsed.bozo_exception}" if parsed.get("bozo") else ""
        yield InputError(f"no feed entries{problem}", str(path))
        return
    problem = parsed.get("bozo_exception")
    # expat's "no element found" means the file stops early: the last entry it saw is cut short
    truncated = bool(parsed.get("bozo")) and "no element found" in str(problem)
    entries = parsed.entries[:-1] if truncated else parsed.entries
    for n, entry in enumerate(entries):
        source = f"{path}#entry={n}"
        try:
            budget.add_record()
        except LimitError as exc:
            yield exc
            return
        body, fmt = _body(entry)
        hints = _hints(entry, parsed.feed)
        if not body.strip():
            yield EmptyDocumentError("feed entry has no content or summary", source)
            continue
        try:
            yield read_bytes(body.encode("utf-8"), source, fmt, url=hints.get("url"), encoding="utf-8", hints=hints)
        except InputError as exc:
            yield exc
    if truncated:
        yield TruncatedError(f"feed ends inside entry {len(entries)} ({problem})", f"{path}#entry={len(entries)}")
