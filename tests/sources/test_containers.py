"""Container readers: WARC (incl. truncated gzip), JSONL, RSS/Atom, folders and globs; bad items yield typed errors."""

from __future__ import annotations

import dataclasses
import json
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presswatch.article import RawDocument
from presswatch.config import SETTINGS
from presswatch.errors import EmptyDocumentError, InputError, TruncatedError
from presswatch.sources import decode
from presswatch.sources.containers import iter_documents
from presswatch.sources.walk import Skipped

PAGE_UTF8 = ("<html><head><title>Café talks</title></head><body><article><h1>Café talks</h1>"
             + "<p>Ministers met in the café on Monday to discuss the ceasefire and the grain deal.</p>" * 6
             + "</article></body></html>")
PAGE_CP1252 = ("<html><head><title>Niño</title></head><body><article><h1>El Niño costs €3 billion</h1>"
               + "<p>The El Niño season cost farmers €3 billion, the ministry said on Tuesday.</p>" * 6
               + "</article></body></html>")
PLAIN = "Plain text wire story about the summit. " * 30


def _response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str = "200 OK") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                               protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(uri, "response", payload=BytesIO(body), http_headers=headers,
                                                  warc_headers_dict={"WARC-Date": "2026-03-01T12:00:00Z"}))


def write_warc(path: Path, gz: bool) -> Path:
    """Three article responses plus records a reader must skip (request, image, 404)."""
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        get = BytesIO(b"GET /a HTTP/1.1\r\n\r\n")
        w.write_record(w.create_warc_record("http://news.example/a", "request", payload=get))
        _response(w, "http://news.example/a", PAGE_UTF8.encode("utf-8"), "text/html; charset=utf-8")
        _response(w, "http://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png")
        _response(w, "http://news.example/b", PAGE_CP1252.encode("cp1252"), 'text/html; charset="windows-1252"')
        _response(w, "http://news.example/gone", b"<html><body>Not found</body></html>", "text/html", "404 Not Found")
        _response(w, "http://news.example/c.txt", PLAIN.encode("utf-8"), "text/plain")
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_warc_responses(tmp_path: Path, gz: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), gz)
    docs = list(iter_documents(path))
    assert all(isinstance(d, RawDocument) for d in docs), docs
    assert [d.source for d in docs] == [f"{path}#record={n}" for n in (1, 3, 5)]
    assert [d.url for d in docs] == ["http://news.example/a", "http://news.example/b", "http://news.example/c.txt"]
    assert [d.format for d in docs] == ["html", "html", "text"]
    assert all(d.fetch_time == "2026-03-01T12:00:00Z" for d in docs)
    assert docs[1].encoding == "windows-1252"
    assert docs[1].data == PAGE_CP1252.encode("cp1252")
    text, _ = decode(docs[1])
    assert "El Niño costs €3 billion" in text
    assert [d.source for d in iter_documents(path)] == [d.source for d in docs]  # stable keys


def test_warc_sniffed_without_extension(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.bin", gz=True)
    assert [d.url for d in iter_documents(path)][:1] == ["http://news.example/a"]


def test_truncated_warc_gz_yields_what_was_read_then_error(tmp_path: Path) -> None:
    full = write_warc(tmp_path / "full.warc.gz", gz=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(full[: int(len(full) * 0.8)])
    items = list(iter_documents(cut))
    assert isinstance(items[-1], TruncatedError) and items[-1].source.startswith(f"{cut}#record=")
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [d.url for d in docs] == ["http://news.example/a", "http://news.example/b"]


@pytest.mark.parametrize("gz", [False, True])
def test_any_cut_never_crashes_and_never_loses_silently(tmp_path: Path, gz: bool) -> None:
    full_path = write_warc(tmp_path / "full.warc", gz)
    full = full_path.read_bytes()
    expected = [d.data for d in iter_documents(full_path)]
    with open(full_path, "rb") as fh:  # a cut exactly between records leaves a shorter, valid file
        records = ArchiveIterator(fh)
        ends = {records.get_record_offset() + records.get_record_length() for _ in records}
    valid = {e + pad for e in ends for pad in range(-4, 5)}
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    for k in sorted(set(range(1, len(full), 3 if gz else 41)) - valid):
        cut.write_bytes(full[:k])
        items = list(iter_documents(cut))
        docs = [i.data for i in items if isinstance(i, RawDocument)]
        errors = [i for i in items if isinstance(i, InputError)]
        assert docs == expected[: len(docs)], k
        assert all(e.source and e.source.startswith(str(cut)) for e in errors)
        if len(docs) < len(expected):  # fewer articles than the whole file: it must say why
            assert errors, f"cut at {k} lost records silently"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><link>https://wire.example/</link><language>en</language>
<item><title>Minister visits Damascus</title><link>https://wire.example/a1</link>
<pubDate>Tue, 03 Mar 2026 10:15:00 +0300</pubDate><dc:creator>Jane Roe</dc:creator>
<category>Syria</category><category>Diplomacy</category>
<description>Short summary</description>
<content:encoded><![CDATA[<p>The minister arrived on Tuesday.</p><p>"We are here to help," she said.</p>]]>
</content:encoded>
</item>
<item><title>Summary only</title><link>https://wire.example/a2</link>
<description>&lt;p&gt;Grain exports rose by 12 percent in March.&lt;/p&gt;</description></item>
<item><title>Nothing here</title><link>https://wire.example/a3</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title><id>urn:feed</id>
<updated>2026-03-04T00:00:00Z</updated>
<entry><title>Atom story</title><link href="https://atom.example/s1"/><id>urn:s1</id>
<published>2026-03-04T08:00:00+01:00</published><author><name>John Doe</name></author>
<category term="Europe"/><content type="html">&lt;p&gt;The council voted on Wednesday.&lt;/p&gt;</content></entry>
</feed>
"""


def test_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "wire.xml"
    path.write_text(RSS, encoding="utf-8")
    first, second, third = list(iter_documents(path))
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source == f"{path}#entry=0" and first.format == "html"
    assert first.data.decode() == '<p>The minister arrived on Tuesday.</p><p>"We are here to help," she said.</p>'
    assert first.hints == {"title": "Minister visits Damascus", "url": "https://wire.example/a1",
                           "published": "2026-03-03T07:15:00+00:00", "authors": ["Jane Roe"],
                           "tags": ["Syria", "Diplomacy"], "outlet": "Example Wire", "language": "en"}
    assert first.url == "https://wire.example/a1"
    assert second.data.decode() == "<p>Grain exports rose by 12 percent in March.</p>"
    assert isinstance(third, EmptyDocumentError) and third.source == f"{path}#entry=2"


def test_atom_feed_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "daily.feed"  # the name says nothing: the first bytes do
    path.write_text(ATOM, encoding="utf-8")
    (doc,) = list(iter_documents(path))
    assert isinstance(doc, RawDocument)
    assert doc.hints["published"] == "2026-03-04T07:00:00+00:00"
    assert doc.hints["outlet"] == "Atom Daily" and doc.hints["authors"] == ["John Doe"]
    assert doc.hints["tags"] == ["Europe"] and doc.url == "https://atom.example/s1"


def test_truncated_feed(tmp_path: Path) -> None:
    path = tmp_path / "cut.rss"
    path.write_text(RSS[: RSS.index("<item><title>Summary only") + 40], encoding="utf-8")
    items = list(iter_documents(path))
    assert isinstance(items[0], RawDocument) and items[0].hints["title"] == "Minister visits Damascus"
    assert isinstance(items[-1], TruncatedError) and items[-1].source == f"{path}#entry=1"
    assert len(items) == 2


def test_jsonl_with_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    lines = [
        json.dumps({"text": "Moscow, 3 March. The talks ended without a deal.", "url": "https://a.example/1",
                    "title": "Talks end", "outlet": "Wire", "published": "2026-03-03", "language": "en", "id": "a1"}),
        '{"text": "broken',
        "",
        json.dumps({"html": "<p>Markup article.</p>", "id": 7}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "no body"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents(path))
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError", "RawDocument", "InputError",
                                                 "InputError"]
    first, bad, html = items[0], items[1], items[2]
    assert first.source == f"{path}#line=1" and first.format == "text" and first.url == "https://a.example/1"
    assert first.hints == {"url": "https://a.example/1", "title": "Talks end", "outlet": "Wire",
                           "published": "2026-03-03", "language": "en", "id": "a1"}
    assert bad.source == f"{path}#line=2" and f"{path}:2" in str(bad) and "JSON" in str(bad)
    assert html.source == f"{path}#line=4" and html.format == "html" and html.hints == {"id": 7}
    assert f"{path}:6" in str(items[4])


def test_folder_mix_glob_and_missing(tmp_path: Path, example_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b_page.txt").write_bytes(example_path.read_bytes())
    (root / "a.html").write_text(PAGE_UTF8, encoding="utf-8")
    (root / "sub" / "feed.rss").write_text(ATOM, encoding="utf-8")
    (root / "sub" / "more.jsonl").write_text(json.dumps({"text": "One line story."}) + "\n", encoding="utf-8")
    (root / "sub" / "empty.txt").write_bytes(b"")
    (root / ".hidden.txt").write_text("secret", encoding="utf-8")
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")
    (root / "_SUCCESS").write_text("{}", encoding="utf-8")
    write_warc(root / "sub" / "crawl.warc.gz", gz=True)

    everything = list(iter_documents(root))
    skipped = sorted(i.source for i in everything if isinstance(i, Skipped))
    assert skipped == [str(root / n) for n in (".git", ".hidden.txt", "_SUCCESS")]  # reported, never read
    items = [i for i in everything if not isinstance(i, Skipped)]
    sources = [i.source for i in items]
    assert sources == [
        str(root / "a.html"),
        str(root / "b_page.txt"),
        *(f"{root / 'sub' / 'crawl.warc.gz'}#record={n}" for n in (1, 3, 5)),
        str(root / "sub" / "empty.txt"),
        f"{root / 'sub' / 'feed.rss'}#entry=0",
        f"{root / 'sub' / 'more.jsonl'}#line=1",
    ]
    assert isinstance(items[5], EmptyDocumentError)
    assert sum(isinstance(i, RawDocument) for i in items) == 7
    assert [i.source for i in iter_documents(root) if not isinstance(i, Skipped)] == sources  # stable across runs

    pattern = str(root / "**" / "*.txt")
    assert [i.source for i in iter_documents(pattern)] == [str(root / "b_page.txt"), str(root / "sub" / "empty.txt")]
    (missing,) = list(iter_documents(tmp_path / "nope"))
    assert isinstance(missing, InputError) and missing.source == str(tmp_path / "nope")
    (nomatch,) = list(iter_documents(str(tmp_path / "*.nothing")))
    assert isinstance(nomatch, InputError)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600) | st.text(max_size=400).map(str.encode),
       suffix=st.sampled_from([".jsonl", ".rss", ".warc", ".warc.gz", ".xml", ".dat"]))
def test_hostile_bytes_never_raise(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"hostile{suffix}"
    path.write_bytes(data)
    for item in iter_documents(path):
        assert isinstance(item, RawDocument | InputError)
        assert item.source and item.source.startswith(str(path))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(gz=st.booleans(), edits=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                                         min_size=1, max_size=4))
def test_corrupted_warc_never_raises(tmp_path: Path, gz: bool, edits: list[tuple[float, int]]) -> None:
    path = write_warc(tmp_path / ("c.warc.gz" if gz else "c.warc"), gz)
    data = bytearray(path.read_bytes())
    for where, value in edits:
        data[int(where * len(data))] = value
    path.write_bytes(bytes(data))
    for item in iter_documents(path):
        assert isinstance(item, RawDocument | InputError)
        assert item.source and item.source.startswith(str(path))


def test_oversized_warc_record_is_refused_and_the_rest_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.sources import files, warc

    limit = len(PAGE_CP1252.encode("cp1252"))  # the UTF-8 page before it and the plain text after it are bigger
    small = dataclasses.replace(SETTINGS, max_document_bytes=limit)
    monkeypatch.setattr(warc, "SETTINGS", small)
    monkeypatch.setattr(files, "SETTINGS", small)
    items = list(iter_documents(write_warc(tmp_path / "big.warc.gz", gz=True)))
    assert [type(i).__name__ for i in items] == ["TooLargeError", "RawDocument", "TooLargeError"]
    assert items[0].source.endswith("#record=1") and f"limit of {limit} bytes" in str(items[0])
    assert items[1].url == "http://news.example/b"
