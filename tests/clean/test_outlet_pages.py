"""Crawled pages in the shapes other outlets have (fixtures/*.txt): chrome out, metadata in, body intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.article import Article
from presswatch.clean import clean
from presswatch.sources import read_file

FIXTURES = Path(__file__).parent / "fixtures"


def _clean(name: str) -> Article:
    article = clean(read_file(FIXTURES / name))
    assert article.raw is not None
    for b in article.boilerplate:
        assert article.raw[b.start:b.end] == b.text
    return article


def test_reuters() -> None:
    a = _clean("reuters.txt")
    m = a.metadata
    assert (m.outlet, m.dateline.place, m.dateline.agency) == ("Reuters", "MOSCOW", "Reuters")
    assert m.title == "Putin says Russia coordinates with Syrian opposition fighters"
    assert m.page_time == "2021-01-17T16:49:00+00:00"
    assert m.authors == ["Andrew Osborn", "Tom Balmforth"]
    lines = a.text.split("\n")
    assert len(lines) == 3 and lines[0].startswith("MOSCOW (Reuters) - Russian President")
    for chrome in ("minute read", "Last Updated", "Reporting by", "Trust Principles", "World"):
        assert chrome not in a.text


def test_tass() -> None:
    a = _clean("tass.txt")
    m = a.metadata
    assert (m.outlet, m.dateline.place, m.dateline.agency) == ("TASS", "MOSCOW", "TASS")
    assert m.title == "Putin: Russia coordinates its actions in Syria with opposition"
    assert m.standfirst and m.standfirst.startswith("The Russian leader says")
    assert m.page_time is None  # "January 17, 16:49 UTC+3" has no year: chrome, but no guess
    assert [b.kind for b in a.boilerplate] == ["header", "page_time", "title", "widget"]
    assert a.text.split("\n")[1].startswith("MOSCOW, January 17. /TASS/. Russia coordinates")


@pytest.mark.parametrize(("fetched", "expected"), [("2021-01-18T08:00:00Z", "2021-01-17T16:49:00+03:00"),
                                                   ("2021-01-02T08:00:00Z", "2020-01-17T16:49:00+03:00")])
def test_yearless_stamp_dated_by_fetch_time(fetched: str, expected: str) -> None:
    raw = read_file(FIXTURES / "tass.txt")
    raw.fetch_time = fetched
    assert clean(raw).metadata.page_time == expected


def test_xinhua() -> None:
    a = _clean("xinhua.txt")
    m = a.metadata
    assert (m.outlet, m.dateline.place, m.dateline.agency) == ("Xinhua", "BEIJING", "Xinhua")
    assert m.page_time == "2021-01-17T16:49:00+00:00"
    assert m.title is None
    assert len(a.text.split("\n")) == 3
    assert "Enditem" not in a.text and "Video Player" not in a.text


def test_aljazeera() -> None:
    a = _clean("aljazeera.txt")
    m = a.metadata
    assert m.outlet == "Al Jazeera"  # from the "Source: Al Jazeera" marker line
    assert m.title == "Putin says Russia backs some Syrian rebels with air strikes"
    assert m.standfirst == ("Russian president tells German newspaper Moscow supports 'armed opposition' "
                            "fighting ISIL.")
    assert m.published == m.page_time == "2021-01-17T00:00:00+00:00"
    assert m.authors == []  # "By Staff" names nobody
    assert a.text.split("\n")[0] == m.standfirst and len(a.text.split("\n")) == 4
    assert "Listen to this article" not in a.text and "Source:" not in a.text


@pytest.mark.parametrize("name", ["reuters.txt", "tass.txt", "xinhua.txt", "aljazeera.txt"])
def test_language_and_hash(name: str) -> None:
    m = _clean(name).metadata
    assert m.language == "en" and m.format == "text" and m.content_hash and len(m.content_hash) == 64
