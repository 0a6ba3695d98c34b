"""The fetcher against a local server: Retry-After on 429, the size cap, charset from the content, robots.txt
answers (missing, server error), per-host limits; and the sources file's checks."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from newsite import Site, serve

from presswatch.errors import InputError
from presswatch.watch.fetcher import Fetcher, decode_content
from presswatch.watch.outlets import FetchSettings, load_sources
from presswatch.watch.watcher import is_section_redirect


class Odd(Site):
    robots_status = 404

    def answer(self, path: str, headers: Any) -> tuple[int, dict[str, str], bytes]:
        n = self.hits[path] = self.hits.get(path, 0) + 1
        if path == "/robots.txt":
            return self.robots_status, {"Content-Type": "text/plain"}, b"Crawl-delay: 0\n"
        if path == "/busy" and n == 1:
            return 429, {"Retry-After": "0"}, b""
        if path == "/big":
            return 200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 5000 + b"</p>"
        if path == "/cp1251":
            return 200, {"Content-Type": "text/html"}, '<meta charset="windows-1251"><p>Привет</p>'.encode("cp1251")
        if path.startswith("/sleep"):
            time.sleep(0.2)
            return 200, {"Content-Type": "text/plain"}, b"ok"
        return 404, {}, b""


def _fetch(settings: FetchSettings, *urls: str) -> tuple[list[Any], Fetcher]:
    async def go() -> tuple[list[Any], Fetcher]:
        async with Fetcher(settings) as f:
            return list(await asyncio.gather(*(f.fetch(u) for u in urls))), f

    return asyncio.run(go())


FAST = FetchSettings(delay=0, timeout=2, retries=1, backoff=0.01, user_agent="t", max_bytes=1000)


def test_retry_after_size_cap_charset() -> None:
    with serve(Odd()) as site:
        (busy, big, cp), _ = _fetch(FAST, f"{site.base}/busy", f"{site.base}/big", f"{site.base}/cp1251")
    assert busy.status == 404 and busy.attempts == 2  # 429, then the real answer
    assert big.error and "larger than 1000 bytes" in big.error and big.response.truncated
    assert cp.ok and cp.charset == "windows-1251" and "Привет" in cp.content.decode(cp.charset)


def test_robots_server_error_disallows_everything() -> None:
    site = Odd()
    site.robots_status = 503
    with serve(site):
        (got,), f = _fetch(FAST, f"{site.base}/cp1251")
    assert got.disallowed and "/cp1251" not in site.requested
    assert f.requests == 2  # robots.txt and its one retry


def test_per_host_limit_and_delay() -> None:
    settings = FetchSettings(delay=0.1, timeout=5, retries=0, per_host=1, concurrency=8, user_agent="t")
    with serve(Odd()) as site:
        t0 = time.perf_counter()
        got, f = _fetch(settings, *(f"{site.base}/sleep{n}" for n in range(4)))
        took = time.perf_counter() - t0
    assert all(g.ok for g in got)
    assert f.max_in_flight == 1 and took >= 4 * 0.2


def test_decode_content_refuses_bombs() -> None:
    import gzip

    with pytest.raises(ValueError, match="larger than"):
        decode_content(gzip.compress(b"a" * 100_000), "gzip", 1000)
    assert decode_content(gzip.compress(b"abc"), "gzip", 1000) == b"abc"


def test_section_redirect() -> None:
    assert is_section_redirect("https://x.org/world/2024/story", "https://x.org/world/", None)
    assert is_section_redirect("https://x.org/world/2024/story", "https://x.org/", None)
    assert not is_section_redirect("https://x.org/world/story-old", "https://x.org/world/story-new", None)
    assert is_section_redirect("https://x.org/a/b", "https://www.x.org/", "https://www.x.org/")


@pytest.mark.parametrize(("body", "reason"), [
    ("[[outlet]]\nname = 'A'\n", "lists no feeds and no sitemaps"),
    ("[[outlet]]\nname = 'A'\nfeeds = ['ftp://x']\n", r"is not an http\(s\) URL"),
    ("[[outlet]]\nname = 'A'\nlanguage = 'Russian'\nfeeds = ['https://a.org/rss']\n", "not a language code"),
    ("[watch]\ndelay = 'soon'\n[[outlet]]\nname = 'A'\nfeeds = ['https://a.org/rss']\n", "not a duration"),
    ("[[outlet]\n", "not a TOML sources file"),
    ("[watch]\nintervall = '1h'\n[[outlet]]\nname = 'A'\nfeeds = ['https://a.org/rss']\n", "unknown keys intervall"),
])
def test_bad_sources_file_is_one_clear_error(tmp_path: Path, body: str, reason: str) -> None:
    p = tmp_path / "s.toml"
    p.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=reason) as exc:
        load_sources(p)
    assert str(p) in str(exc.value)


def test_sources_file_defaults(tmp_path: Path) -> None:
    p = tmp_path / "s.toml"
    p.write_text("[watch]\ninterval = '15m'\nrevisit = ['1d', '1h']\n[[outlet]]\nname = 'A'\nlanguage = 'RU'\n"
                 "feeds = ['https://a.org/rss']\nsitemaps = ['https://a.org/news.xml']\n", encoding="utf-8")
    cfg = load_sources(p)
    assert cfg.interval == 900 and cfg.revisit == (3600, 86400)
    assert cfg.outlets[0].language == "ru" and cfg.outlets[0].sitemaps == ("https://a.org/news.xml",)
    assert cfg.fetch.delay == 1.0 and "presswatch" in cfg.fetch.user_agent
