"""A small news site on 127.0.0.1 for the watcher's tests: feeds, robots.txt, 304s, errors, redirects, edits."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_WORDS = ("ministers from both sides met in the capital on Tuesday to discuss shipping guarantees, grain exports and "
          "insurance for vessels crossing the Black Sea, officials said after the talks ended late in the evening")


def article_html(slug: str, title: str, extra: str = "") -> bytes:
    paras = "".join(f"<p>{slug.capitalize()} report, paragraph {i}: {_WORDS}. {extra}</p>" for i in range(4))
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body>"
            f"<nav>Home | World | Business</nav><article><h1>{title}</h1>{paras}</article>"
            f"<footer>All rights reserved</footer></body></html>").encode()


@dataclass
class Site:
    round: int = 1
    log: list[tuple[str, int, bytes, dict[str, str]]] = field(default_factory=list)  # path, status, body, headers
    hits: dict[str, int] = field(default_factory=dict)
    requested: list[str] = field(default_factory=list)  # paths, as requests arrive
    base: str = ""
    slow_seconds: float = 1.2
    delay_all: float = 0.0  # seconds every article page takes (for the SIGKILL test)
    extra_items: int = 0  # further plain articles /bulk/N in the feed (benchmarks, SIGKILL test)

    ARTICLES = ("a1", "a2", "a3", "a4", "flaky", "slow", "old", "changing", "vanishing", "retracted", "gzipped")

    def feed(self) -> bytes:
        items = [f"/news/{s}" for s in self.ARTICLES] + ["/private/secret"]
        items += [f"/bulk/{n}" for n in range(self.extra_items)]
        body = "".join(f"<item><title>Story {p}</title><link>{self.base}{p}</link>"
                       f"<pubDate>Tue, 01 Mar 2022 {10 + n // 60:02d}:{n % 60:02d}:00 GMT</pubDate></item>"
                       for n, p in enumerate(items))
        return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title><link>{self.base}/</link>'
                f"<description>test</description>{body}</channel></rss>").encode()

    def sitemap(self) -> bytes:
        return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>{self.base}/news/s1</loc>'
                f"<news:news><news:publication><news:name>Test</news:name><news:language>en</news:language>"
                f"</news:publication><news:publication_date>2022-03-02T08:00:00Z</news:publication_date>"
                f"<news:title>Sitemap story</news:title></news:news></url></urlset>").encode()

    def answer(self, path: str, headers: Any) -> tuple[int, dict[str, str], bytes]:
        n = self.hits[path] = self.hits.get(path, 0) + 1
        html = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        if path == "/feed.xml":
            if headers.get("If-None-Match") == '"feed-1"':
                return 304, {"ETag": '"feed-1"'}, b""
            return 200, {"Content-Type": "application/rss+xml", "ETag": '"feed-1"'}, self.feed()
        if path == "/sitemap.xml":
            return 200, {"Content-Type": "application/xml"}, self.sitemap()
        if path == "/news/a1":  # conditional GET: the revisit gets a 304
            stamp = formatdate(1646128800, usegmt=True)
            if headers.get("If-Modified-Since") == stamp:
                return 304, {"Last-Modified": stamp}, b""
            return 200, {**html, "Last-Modified": stamp}, article_html("a1", "Story a1")
        if path == "/news/flaky" and n == 1:
            return 500, {"Content-Type": "text/plain"}, b"try again"
        if path == "/news/slow":
            time.sleep(self.slow_seconds)
        if path == "/news/old":
            return 301, {"Location": "/news/moved"}, b""
        if path == "/news/changing":
            extra = "The minister later denied the report." if self.round > 1 else "The minister confirmed it."
            return 200, html, article_html("changing", "Story changing", extra)
        if path == "/news/retracted" and self.round > 1:  # "removed" by sending readers to the section page
            return 302, {"Location": "/news/"}, b""
        if path == "/news/vanishing" and self.round > 1:
            return 404, {"Content-Type": "text/plain"}, b"not found"
        if path == "/news/gzipped":
            return 200, {**html, "Content-Encoding": "gzip"}, gzip.compress(article_html("gzipped", "Story gz"), 6)
        if path.startswith(("/news/", "/private/", "/bulk/")):
            if self.delay_all:
                time.sleep(self.delay_all)
            slug = path.rsplit("/", 1)[1]
            return 200, html, article_html(f"{path.split('/')[1]} {slug}", f"Story {slug}")
        return 404, {"Content-Type": "text/plain"}, b"not found"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            site.requested.append(self.path)
            status, headers, body = site.answer(self.path, self.headers)
            site.log.append((self.path, status, body, dict(self.headers)))
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def serve(site: Site | None = None) -> Iterator[Site]:
    site = site or Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def sources_toml(site: Site, **watch: Any) -> str:
    settings = {"delay": 0, "timeout": 0.5, "retries": 1, "backoff": 0.05, "revisit": ["1h", "6h", "1d", "7d"],
                "user_agent": "presswatch-test/1.0", **watch}
    lines = ["[watch]"] + [f"{k} = {_toml(v)}" for k, v in settings.items()]
    lines += ["", "[[outlet]]", 'name = "Test Wire"', 'language = "en"', f'homepage = "{site.base}/"',
              f'feeds = ["{site.base}/feed.xml"]', f'sitemaps = ["{site.base}/sitemap.xml"]']
    return "\n".join(lines) + "\n"


def _toml(v: Any) -> str:
    if isinstance(v, str):
        return f'"{v}"'
    if isinstance(v, list):
        return "[" + ", ".join(_toml(x) for x in v) + "]"
    return str(v)
