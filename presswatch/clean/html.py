"""HTML cleaning: trafilatura for body and metadata, lxml as the fallback for pages it gives up on."""

from __future__ import annotations

import re
import warnings
from urllib.parse import urljoin

from presswatch.article import Boilerplate, RelatedLink
from presswatch.clean.lines import normalise_line, paragraph_text, words
from presswatch.clean.profiles import RuleBook, squash
from presswatch.clean.text import Cleaned, find_standfirst_and_dateline
from presswatch.clean.times import normalise

# Elements dropped wholesale; their raw spans are recorded exactly (outermost first, no overlaps).
DROPPED = ("head", "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg")
_OPEN = re.compile(r"<(" + "|".join(DROPPED) + r"|div|section|ul|p|span)\b([^>]{0,2000})>", re.I)
_RAW_TEXT = {"script", "style"}  # no nested markup inside: end at the first closing tag
# class/id words of page furniture inside the body (share bars, ads, newsletter boxes, related lists)
_CHROME_ATTR = re.compile(
    r"""(?:class|id)\s*=\s*["'][^"']*\b(?:share|sharing|social|advert\w*|ad-slot|ads|promo|newsletter|subscribe|"""
    r"""cookie\w*|comments?|related|read-more|more-stories|recommended|breadcrumbs?|tags?|byline)\b""", re.I)
_MAX_SPANS = 500
_TAG_BUDGET = 200_000


def _attr_kind(attrs: str) -> str:
    for kind, rx in (("related", r"related|read-more|more-stories|recommended"), ("tags", r"\btags?\b"),
                     ("byline", r"byline"), ("comments", r"comments?\b")):
        if re.search(rx, attrs, re.I):
            return kind
    return "widget"
_TIME_META = re.compile(
    r"""<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|datePublished|"""
    r"""pubdate|publishdate|publish-date|dc\.date|dc\.date\.issued|dcterms\.created|sailthru\.date|parsely-pub-date)"""
    r"""["'][^>]*?content\s*=\s*["']([^"']{8,40})["']""", re.I)
_TIME_META_REV = re.compile(
    r"""<meta\b[^>]*?content\s*=\s*["']([^"']{8,40})["'][^>]*?(?:property|name|itemprop)\s*=\s*["']"""
    r"""(?:article:published_time|og:published_time|datePublished|pubdate|publishdate|dc\.date)["']""", re.I)
_JSONLD_TIME = re.compile(r""""datePublished"\s*:\s*"([^"]{8,40})\"""")
_TIME_TAG = re.compile(r"""<time\b[^>]*datetime\s*=\s*["']([^"']{8,40})["']""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)
_RELATED_XPATH = " | ".join(
    f"//*[contains(translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{k}') or "
    f"contains(translate(@id, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '{k}')]"
    for k in ("related", "read-more", "readmore", "more-stories", "recommended", "also-read", "see-also")
)
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "th", "pre", "section",
           "article", "br", "tr", "dd", "dt", "figcaption"}


def _element_end(raw: str, tag: str, after: int, budget: list[int]) -> int | None:
    """End of the element whose start tag ends at `after`, counting nested same-name tags; None if unclosed
    or when the shared `budget` of tags to look at runs out (hostile pages of unclosed tags)."""
    if tag in _RAW_TEXT:
        m = re.compile(rf"</{tag}\s*>", re.I).search(raw, after)
        return m.end() if m else None
    depth = 1
    for m in re.compile(rf"<(/?){tag}\b[^>]*>", re.I).finditer(raw, after):
        budget[0] -= 1
        if budget[0] <= 0:
            return None
        if m.group(0).endswith("/>"):
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.end()
    return None


def dropped_spans(raw: str) -> list[Boilerplate]:
    """Exact spans of markup that never reaches the text: head, scripts, styles, navigation, footers, and
    body furniture marked by class/id (share bars, ads, related lists); outermost elements only."""
    out: list[Boilerplate] = []
    pos = 0
    budget = [_TAG_BUDGET]
    while len(out) < _MAX_SPANS and budget[0] > 0:
        m = _OPEN.search(raw, pos)
        if m is None:
            break
        tag = m.group(1).lower()
        if tag in DROPPED:
            kind = tag
        elif _CHROME_ATTR.search(m.group(2)):
            kind = _attr_kind(m.group(2))
        else:
            pos = m.end()
            continue
        end = _element_end(raw, tag, m.end(), budget)
        if end is None:
            pos = m.end()
            continue
        out.append(Boilerplate(m.start(), end, kind, raw[m.start():end]))
        pos = end
    return out


def _precise_time(raw: str, day: str | None) -> str | None:
    """A meta/JSON-LD/<time> publication time with its clock, if it agrees with trafilatura's day."""
    head = raw[:200000]
    for rx in (_TIME_META, _TIME_META_REV, _JSONLD_TIME, _TIME_TAG):
        m = rx.search(head)
        if m:
            value = normalise(m.group(1))
            if value and (day is None or value.startswith(day[:10])):
                return value
    return None


def _fallback_text(raw: str) -> list[str]:
    """Paragraphs by plain lxml when trafilatura finds no article: every block's text, scripts dropped."""
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(raw.encode("utf-8", "replace"))
    except Exception:  # lxml raises several types on hostile markup; this is best effort
        return [p for p in (normalise_line(t) for t in re.sub(r"<[^>]*>", "\n", raw).split("\n")) if p]
    for bad in tree.xpath("//script|//style|//noscript|//nav|//header|//footer|//aside|//form|//head"):
        bad.drop_tree()
    chunks: list[str] = []
    buf: list[str] = []

    def walk(el: object) -> None:
        tag = getattr(el, "tag", None)
        block = isinstance(tag, str) and tag.lower() in _BLOCKS
        if block:
            chunks.append(" ".join(buf))
            buf.clear()
        if isinstance(tag, str) and getattr(el, "text", None):
            buf.append(el.text)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            walk(child)
        if block:
            chunks.append(" ".join(buf))
            buf.clear()
        if getattr(el, "tail", None):
            buf.append(el.tail)  # type: ignore[attr-defined]

    walk(tree)
    chunks.append(" ".join(buf))
    return [p for p in (normalise_line(c) for c in chunks) if p]


def _related_links(raw: str, base: str | None, rules: RuleBook) -> list[RelatedLink]:
    """Headline links in "related"/"read more" blocks: by class or id, or under a "Related" heading."""
    try:
        import lxml.html

        tree = lxml.html.document_fromstring(raw.encode("utf-8", "replace"))
    except Exception:  # unparsable markup has no related block to find
        return []
    blocks = tree.xpath(_RELATED_XPATH)
    for heading in tree.xpath("//h2|//h3|//h4|//strong"):
        if squash(heading.text_content() or "") in rules.related_headers and heading.getparent() is not None:
            blocks.append(heading.getparent())
    out: dict[str, RelatedLink] = {}
    for block in blocks:
        for a in block.iter("a"):
            title = normalise_line(a.text_content() or "")
            href = (a.get("href") or "").strip()
            if len(words(title)) < 3 or not href or href.startswith(("#", "javascript:", "mailto:")):
                continue
            url = urljoin(base, href) if base else href
            out.setdefault(url, RelatedLink(title=title, url=url))
            if len(out) >= 30:
                return list(out.values())
    return list(out.values())


def _split_authors(author: str | None) -> list[str]:
    if not author:
        return []
    parts = re.split(r"\s*(?:;|\||,| and )\s*", author)
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def clean_html(raw: str, rules: RuleBook, url: str | None = None) -> Cleaned:
    """Body paragraphs (one per line) and page metadata from HTML."""
    import trafilatura

    doc = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(raw, url=url, with_metadata=True, include_comments=False,
                                              include_tables=True, include_images=False)
    except Exception:  # trafilatura can fail deep inside lxml on broken markup; fall back below
        doc = None
    get = (lambda k: getattr(doc, k, None)) if doc is not None else (lambda k: None)
    title = normalise_line(get("title") or "") or None
    paragraphs = [p for p in (paragraph_text(x) for x in (get("text") or "").split("\n")) if normalise_line(p)]
    if not paragraphs:
        paragraphs = _fallback_text(raw)
        if title is None:
            m = re.search(r"<title[^>]*>(.*?)</title", raw, re.I | re.S)
            title = normalise_line(re.sub(r"<[^>]*>", "", m.group(1))) or None if m else None
    if title and paragraphs and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]
    day = get("date")
    lang = get("language")
    if not lang:
        m = _HTML_LANG.search(raw[:5000])
        lang = m.group(1).lower() if m else None
    tags = [t.strip() for t in (get("tags") or []) + (get("categories") or []) if t and t.strip()]
    out = Cleaned(
        paragraphs=paragraphs,
        boilerplate=dropped_spans(raw),
        title=title,
        published=_precise_time(raw, day) or normalise(day),
        tags=list(dict.fromkeys(tags)),
        standfirst=normalise_line(get("description") or "") or None,
        authors=_split_authors(get("author")),
        outlet=get("sitename") or get("hostname"),
        url=get("url") or url,
        language=lang,
    )
    out.related = _related_links(raw, out.url, rules)
    standfirst = out.standfirst
    find_standfirst_and_dateline(out, rules)
    out.standfirst = standfirst or out.standfirst
    return out
