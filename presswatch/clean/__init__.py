"""Cleaning: a RawDocument becomes an Article with clean text, metadata and the removed boilerplate.

`Article.text` holds the standfirst and body, one paragraph per line, as printed (inner spacing and NBSPs kept).
Datelines ("MOSCOW (Sputnik) —") stay in the text, since analysts quote them; they are also parsed into
`metadata.dateline`. Titles, time stamps, widgets, bylines, related headlines, tag lines and footers leave the
text and are kept as `Boilerplate` spans of `Article.raw`. Times are ISO 8601 with offset, UTC when none is shown.
"""

from __future__ import annotations

import hashlib

from presswatch.article import Article, Metadata, RawDocument
from presswatch.clean.html import clean_html
from presswatch.clean.language import detect_language
from presswatch.clean.profiles import load_rules
from presswatch.clean.text import Cleaned, clean_text
from presswatch.clean.times import date_from_url, normalise, parse_date, parse_relative, parse_time_near
from presswatch.errors import EmptyDocumentError
from presswatch.sources import decode, detect_format

__all__ = ["clean", "clean_string"]


def clean(raw: RawDocument) -> Article:
    """Decode, detect the format, strip the chrome and fill the metadata of one document."""
    text, encoding = decode(raw)
    if not text.strip():
        raise EmptyDocumentError("empty document", raw.source)
    fmt = raw.format or detect_format(text)
    rules = load_rules()
    url = raw.url or _hint_str(raw, "url")
    found = clean_html(text, rules, url) if fmt == "html" else clean_text(text, rules)
    if not found.paragraphs:
        raise EmptyDocumentError(f"no article text left after cleaning ({fmt})", raw.source)
    body = "\n".join(found.paragraphs)
    meta = _metadata(found, raw, url, fmt, encoding, body)
    return Article(text=body, metadata=meta, raw=text, boilerplate=found.boilerplate)


def clean_string(text: str, source: str = "<text>", format: str | None = None, **hints: object) -> Article:
    """Clean a document held in a string; keyword hints fill metadata the page lacks."""
    return clean(RawDocument(data=text.encode("utf-8"), source=source, format=format, encoding="utf-8",
                             url=hints.pop("url", None), hints=dict(hints)))  # type: ignore[arg-type]


def _hint_str(raw: RawDocument, key: str) -> str | None:
    value = raw.hints.get(key)
    return str(value).strip() or None if value not in (None, "") else None


def _hint_list(raw: RawDocument, key: str) -> list[str]:
    value = raw.hints.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v).strip() for v in value if str(v).strip()]  # type: ignore[union-attr]


def _metadata(found: Cleaned, raw: RawDocument, url: str | None, fmt: str, encoding: str, body: str) -> Metadata:
    rules = load_rules()
    url = found.url or url
    published = found.published or normalise(raw.hints.get("published")) or date_from_url(url, rules)
    page_time = found.page_time or normalise(raw.hints.get("page_time"))
    if page_time is None and found.stamps:
        reference = normalise(raw.fetch_time) or published
        page_time = next(filter(None, (parse_time_near(s, rules.time_labels, reference) or parse_relative(s, reference)
                                       for s in found.stamps)), None)
    if published is None and found.dateline_date:  # "МОСКВА, 18 июл - РИА Новости": the year from the page
        published = parse_date(found.dateline_date, page_time or normalise(raw.fetch_time))
    hinted = _hint_str(raw, "outlet") or _hint_str(raw, "sitename")
    # The site that published the page beats the agency that wrote the story (a Reuters dateline on another site).
    outlet = rules.outlet_for_url(url) or rules.outlet_for_name(found.outlet)
    if outlet is None and not found.outlet:
        outlet = rules.outlet_for_agency(found.dateline.agency) or rules.outlet_for_markers(found.chrome_lines)
    if outlet is None and not found.outlet and hinted:
        outlet = rules.outlet_for_name(hinted)
    outlet_name = outlet.name if outlet else (found.outlet or hinted)
    meta = Metadata(
        title=found.title or _hint_str(raw, "title"),
        outlet=outlet_name,
        page_time=page_time,
        published=published,
        dateline=found.dateline,
        tags=found.tags or _hint_list(raw, "tags"),
        related=found.related,
        language=detect_language(body) or found.language or _hint_str(raw, "language"),
        source=raw.source,
        url=url,
        authors=found.authors or _hint_list(raw, "authors") or _hint_list(raw, "author"),
        standfirst=found.standfirst or _hint_str(raw, "standfirst") or _hint_str(raw, "description"),
        format=fmt,
        encoding=encoding,
        content_hash=hashlib.sha256(body.encode("utf-8")).hexdigest(),
    )
    # what the caller knows better than the page (`ingest --outlet/--lang`, a watch sources file) wins
    for key, value in (raw.hints.get("override") or {}).items():
        if key in ("outlet", "language") and value:
            setattr(meta, key, str(value))
    return meta
