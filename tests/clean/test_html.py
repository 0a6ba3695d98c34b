"""HTML pages: trafilatura body and metadata, exact spans of the dropped markup, hostile and truncated input."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.article import Article, RawDocument
from presswatch.clean import clean
from presswatch.errors import EmptyDocumentError
from presswatch.sources import read_file

FIXTURE = Path(__file__).parent / "fixtures" / "article.html"


def _spans_exact(article: Article) -> None:
    assert article.raw is not None
    for b in article.boilerplate:
        assert article.raw[b.start:b.end] == b.text


@pytest.fixture(scope="module")
def article() -> Article:
    return clean(read_file(FIXTURE))


def test_body(article: Article) -> None:
    lines = article.text.split("\n")
    assert len(lines) == 4
    assert lines[0].startswith("MOSCOW (Reuters) - The Kremlin said on Thursday")
    assert lines[-1].endswith("will keep supplying weapons.")
    for chrome in ("Sign in", "Privacy policy", "All rights reserved", "dataLayer", "font-family", "By Jane Doe",
                   "EU Agrees New Sanctions Package"):
        assert chrome not in article.text


def test_metadata(article: Article) -> None:
    meta = article.metadata
    assert meta.format == "html" and meta.encoding == "utf-8" and meta.language == "en"
    assert meta.title == "Kremlin Says Talks With Kyiv Possible"
    assert meta.outlet == "Example News"  # the site, not the agency of the dateline
    assert meta.dateline.place == "MOSCOW" and meta.dateline.agency == "Reuters"
    assert meta.published == "2023-03-02T09:15:00+03:00"
    assert meta.authors == ["Jane Doe"]
    assert meta.tags == ["Russia", "Ukraine"]
    assert meta.url == "https://www.example-news.com/world/2023/03/02/kremlin-talks/"
    assert meta.standfirst == "Moscow is open to talks, the Kremlin spokesman said on Thursday."


def test_related_links(article: Article) -> None:
    assert [(r.title, r.url) for r in article.metadata.related] == [
        ("Ukraine Says Front Line Holding", "https://www.example-news.com/world/x"),
        ("EU Agrees New Sanctions Package", "https://www.example-news.com/world/y"),
    ]


def test_dropped_markup_spans(article: Article) -> None:
    kinds = [b.kind for b in article.boilerplate]
    assert kinds[:2] == ["head", "header"] and "footer" in kinds and "aside" in kinds
    _spans_exact(article)


def test_truncated_html_still_cleans() -> None:
    data = FIXTURE.read_bytes()
    cut = data[: data.index(b"Western backers") + 5]
    article = clean(RawDocument(data=cut, source="cut.html"))
    assert article.metadata.format == "html"
    assert article.text.startswith("MOSCOW (Reuters) - The Kremlin said")
    _spans_exact(article)


@pytest.mark.parametrize("cut", [40, 200, 700, 900, 1500])
def test_html_cut_anywhere_never_crashes(cut: int) -> None:
    data = FIXTURE.read_bytes()[:cut]
    try:
        article = clean(RawDocument(data=data, source="cut.html", format="html"))
    except EmptyDocumentError as err:
        assert err.source == "cut.html"
    else:
        _spans_exact(article)


def test_script_only_page_is_empty() -> None:
    html = b"<html><head><title>x</title></head><body><script>var a = '<p>not text</p>';</script></body></html>"
    with pytest.raises(EmptyDocumentError) as err:
        clean(RawDocument(data=html, source="s.html"))
    assert err.value.source == "s.html"


def test_divs_only_page_falls_back() -> None:
    html = ("<html><body><div><div>Short</div><div>The minister said on Monday that the new rules would take "
            "effect in March.</div><div>Critics called it rushed.</div></div></body></html>")
    article = clean(RawDocument(data=html.encode(), source="d.html"))
    assert "The minister said on Monday that the new rules would take effect in March." in article.text.split("\n")


def test_hostile_markup() -> None:
    html = "<html><body>" + "<div><p <b>unclosed &#xffffff; &bogus; <" * 200 + "Real words here at last."
    try:
        article = clean(RawDocument(data=html.encode(), source="h.html"))
    except EmptyDocumentError:
        return
    _spans_exact(article)


def test_cp1251_russian_html() -> None:
    html = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
            "<title>Путин: Россия координирует действия в Сирии</title>"
            "<meta property='og:site_name' content='РИА Новости'></head><body><article>"
            "<h1>Путин: Россия координирует действия в Сирии</h1>"
            "<p>МОСКВА, 17 января — РИА Новости. Президент России Владимир Путин заявил, что Россия координирует "
            "свои действия в Сирии как с правительственными силами, так и с оппозицией.</p>"
            "<p>По словам президента, конфликт в Сирии не разгорелся бы так сильно без поддержки из-за рубежа, "
            "включая поставки денег, оружия и боевиков.</p></article></body></html>")
    article = clean(RawDocument(data=html.encode("cp1251"), source="ria.html"))
    m = article.metadata
    assert (m.encoding, m.format, m.language) == ("cp1251", "html", "ru")
    assert m.title == "Путин: Россия координирует действия в Сирии"
    assert m.outlet == "RIA Novosti" and m.dateline.place == "МОСКВА"
    assert article.text.split("\n")[0].startswith("МОСКВА, 17 января — РИА Новости. Президент России")
    _spans_exact(article)
