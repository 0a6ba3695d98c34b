"""A public feed cannot send the watcher to this machine or a private network (entries and redirects), checked
with an in-memory transport in place of the network."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from newsite import article_html

from presswatch.corpus.store import Store
from presswatch.watch.fetcher import Fetcher
from presswatch.watch.listings import private_host
from presswatch.watch.outlets import FetchSettings, Outlet, WatchConfig
from presswatch.watch.watcher import Watcher

FEED = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>P</title><link>https://news.example.org/</link>'
        b"<item><title>A</title><link>https://news.example.org/a1</link></item>"
        b"<item><title>B</title><link>http://169.254.169.254/latest/meta-data/</link></item>"
        b"<item><title>C</title><link>http://localhost:8000/admin</link></item></channel></rss>")
SEEN: list[str] = []


def _handler(request: httpx.Request) -> httpx.Response:
    SEEN.append(str(request.url))
    path = request.url.path
    if path == "/feed.xml":
        return httpx.Response(200, content=FEED, headers={"Content-Type": "application/rss+xml"})
    if path == "/a1":
        return httpx.Response(200, content=article_html("a1", "A one"), headers={"Content-Type": "text/html"})
    if path == "/jump":
        return httpx.Response(302, headers={"Location": "http://10.0.0.5/secret"})
    return httpx.Response(404)


SETTINGS = FetchSettings(delay=0, timeout=2, retries=0, user_agent="t")


def test_private_host() -> None:
    assert private_host("http://127.0.0.1:8000/") and private_host("http://[::1]/") and private_host("http://10.1.2.3")
    assert private_host("http://localhost/") and private_host("http://printer.local/")
    assert not private_host("https://news.example.org/") and not private_host("http://8.8.8.8/")


def test_public_feed_entries_and_redirects_to_private_addresses_are_refused(tmp_path: Path) -> None:
    SEEN.clear()
    config = WatchConfig(outlets=(Outlet("P", "en", feeds=("https://news.example.org/feed.xml",)),), fetch=SETTINGS)
    with Store(tmp_path / "c.db") as store:
        watcher = Watcher(store, config, stages=[], transport=httpx.MockTransport(_handler))
        report = asyncio.run(watcher.round())
        urls = [u for (u,) in store.conn.execute("SELECT url FROM articles")]
    assert urls == ["https://news.example.org/a1"] and report.stored == 1
    assert {u for u, _ in report.failed} == {"http://169.254.169.254/latest/meta-data/", "http://localhost:8000/admin"}
    assert not [u for u in SEEN if "169.254" in u or "localhost" in u]

    async def jump() -> str | None:
        async with Fetcher(SETTINGS, transport=httpx.MockTransport(_handler)) as f:
            return (await f.fetch("https://news.example.org/jump")).error

    assert "private one refused" in (asyncio.run(jump()) or "")
    assert "http://10.0.0.5/secret" not in SEEN


def test_a_missing_model_stops_the_round_with_its_error(tmp_path: Path) -> None:
    """ModelError fails every page alike: the round stops and says so instead of recording each page (or hanging)."""
    import pytest

    from presswatch.errors import ModelError

    many = FEED.replace(b"</channel>", b"".join(b"<item><link>https://news.example.org/a%d</link></item>" % n
                                                  for n in range(2, 40)) + b"</channel>")

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/feed.xml":
            return httpx.Response(200, content=many, headers={"Content-Type": "application/rss+xml"})
        return _handler(request) if request.url.path != "/robots.txt" else httpx.Response(404)

    def broken(_doc: object) -> None:
        raise ModelError("model file missing: techniques.joblib")

    config = WatchConfig(outlets=(Outlet("P", "en", feeds=("https://news.example.org/feed.xml",)),),
                         fetch=FetchSettings(delay=0, timeout=2, retries=0, user_agent="t", concurrency=2))
    with Store(tmp_path / "c.db") as store:
        watcher = Watcher(store, config, stages=[], transport=httpx.MockTransport(handler))
        watcher.pipeline.run = broken  # type: ignore[method-assign]
        with pytest.raises(ModelError, match="model file missing"):
            asyncio.run(asyncio.wait_for(watcher.round(), timeout=30))
        assert store.conn.execute("SELECT count(*) FROM watch_pages WHERE state = 'new'").fetchone()[0] >= 30
