"""Feeds and sitemaps into entries: relative links, tracking parameters, news sitemaps, sitemap indexes, gzip."""

from __future__ import annotations

import gzip

from presswatch.watch.listings import canonical, parse_feed, parse_sitemap


def test_feed_links_resolved_and_canonical() -> None:
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://a.org/</link>'
            b"<item><title>One</title><link>/news/1?utm_source=rss&amp;id=7#comments</link>"
            b"<pubDate>Wed, 02 Mar 2022 08:00:00 +0300</pubDate></item></channel></rss>")
    listing = parse_feed(feed, "https://a.org/rss.xml")
    assert [(e.url, e.published, e.title) for e in listing.entries] == [
        ("https://a.org/news/1?id=7", "2022-03-02T05:00:00+00:00", "One")]
    assert parse_feed(b"<html>not a feed</html>").error


def test_sitemaps() -> None:
    news = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://a.org/n/1</loc>'
            b"<news:news><news:publication><news:name>A</news:name><news:language>RU</news:language>"
            b"</news:publication><news:publication_date>2022-03-02</news:publication_date><news:title>T</news:title>"
            b"</news:news></url><url><loc>https://a.org/n/2</loc><lastmod>2022-03-01T10:00:00Z</lastmod></url>"
            b"</urlset>")
    entries = parse_sitemap(gzip.compress(news)).entries
    assert [(e.url, e.language, e.title) for e in entries] == [("https://a.org/n/1", "ru", "T"),
                                                              ("https://a.org/n/2", None, None)]
    assert entries[1].published == "2022-03-01T10:00:00+00:00"
    index = (b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://a.org/s1.xml'
             b"</loc></sitemap></sitemapindex>")
    assert parse_sitemap(index).sitemaps == ["https://a.org/s1.xml"]
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><urlset>&e;</urlset>'
    assert parse_sitemap(entity).entries == []  # external entities are never resolved
    assert canonical("https://a.org/x?fbclid=1#top") == "https://a.org/x"
