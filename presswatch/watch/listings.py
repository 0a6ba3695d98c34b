"""What feeds and sitemaps list: article URLs with their publication time and title.

RSS/Atom through feedparser; sitemaps (urlset, sitemap index, Google News sitemaps, gzipped or not) through
lxml with entities and network access off.
"""

from __future__ import annotations

import gzip
import ipaddress
import zlib
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
from lxml import etree

from presswatch.clean.times import normalise
from presswatch.sources.feeds import _iso

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"
MAX_ENTRIES = 50_000  # the sitemap protocol's own limit per file


@dataclass(frozen=True)
class Entry:
    url: str
    published: str | None = None
    title: str | None = None
    language: str | None = None


@dataclass
class Listing:
    entries: list[Entry]
    sitemaps: list[str]  # child sitemaps of a sitemap index
    error: str | None = None


_TRACKING = ("utm_", "at_", "fbclid", "gclid", "yclid", "mc_cid", "mc_eid")


def canonical(url: str) -> str:
    """The URL without its #fragment and tracking parameters (utm_*, fbclid, ...), so one article is one URL."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith(_TRACKING)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))


def private_host(url: str) -> bool:
    """Whether the URL names this machine or a private network (localhost, 127/8, 10/8, 192.168/16, fc00::/7,
    169.254/16 ...) by name or address literal: a public feed's entries and redirects must not lead there."""
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal")):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return not ip.is_global


def parse_feed(data: bytes, base: str | None = None) -> Listing:
    """The entries of an RSS/Atom feed; relative links are resolved against `base` (the feed's URL)."""
    parsed = feedparser.parse(data, response_headers={"content-location": base} if base else None)
    entries = []
    for e in parsed.entries[:MAX_ENTRIES]:
        link = (e.get("link") or "").strip()
        if not link and str(e.get("id", "")).startswith(("http://", "https://")):
            link = e["id"].strip()
        if base and link and not link.startswith(("http://", "https://")):
            link = urljoin(base, link)
        if link.startswith(("http://", "https://")):
            entries.append(Entry(canonical(link), _iso(e.get("published_parsed") or e.get("updated_parsed")),
                                 e.get("title")))
    error = None
    if not entries:
        problem = parsed.get("bozo_exception")
        error = f"no feed entries{f': {problem}' if problem else ''}"
    return Listing(entries, [], error)


def _gunzip(data: bytes, limit: int) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    d = zlib.decompressobj(47)
    out = d.decompress(data, limit + 1)
    if len(out) > limit:
        raise ValueError(f"sitemap larger than {limit} bytes uncompressed")
    return out


def parse_sitemap(data: bytes, limit: int = 50 * 1024 * 1024) -> Listing:
    try:
        data = _gunzip(data, limit)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
        root = etree.fromstring(data, parser)
    except (etree.XMLSyntaxError, ValueError, zlib.error, gzip.BadGzipFile) as exc:
        return Listing([], [], f"not a sitemap: {exc}")
    if root is None:
        return Listing([], [], "not a sitemap: empty document")
    tag = etree.QName(root).localname
    if tag == "sitemapindex":
        locs = [(s.findtext(f"{SM}loc") or s.findtext("loc") or "").strip() for s in root]
        return Listing([], [u for u in locs if u.startswith(("http://", "https://"))][:MAX_ENTRIES])
    if tag != "urlset":
        return Listing([], [], f"not a sitemap: root element <{tag}>")
    entries = []
    for u in root:
        loc = (u.findtext(f"{SM}loc") or u.findtext("loc") or "").strip()
        if not loc.startswith(("http://", "https://")):
            continue
        news = u.find(f"{NEWS}news")
        published = title = lang = None
        if news is not None:
            published = news.findtext(f"{NEWS}publication_date")
            title = news.findtext(f"{NEWS}title")
            lang = news.findtext(f"{NEWS}publication/{NEWS}language")
        published = published or u.findtext(f"{SM}lastmod") or u.findtext("lastmod")
        entries.append(Entry(canonical(loc), normalise(published.strip()) if published else None,
                             title.strip() if title else None, lang.strip().lower() if lang else None))
        if len(entries) >= MAX_ENTRIES:
            break
    return Listing(entries, [])
