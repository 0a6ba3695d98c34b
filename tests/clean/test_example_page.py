"""The first real input: a crawled Sputnik page; every field the analysts rely on."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from presswatch.article import Article
from presswatch.clean import clean
from presswatch.sources import read_file

CHROME = ["Listen Live", "Get short URL", "16:49", "GMT", "Community standards", "Discussion",
          "Rebel Militants Repelled", "Russia Delivers Nearly", "Contributes to Anti-Daesh",
          "airstrike, Vladimir Putin"]


@pytest.fixture(scope="module")
def article(example_path: Path) -> Article:
    return clean(read_file(example_path))


def test_page_time(article: Article) -> None:
    assert article.metadata.page_time == "2021-01-17T16:49:00+00:00"


def test_dateline_and_outlet(article: Article) -> None:
    assert article.metadata.dateline.place == "MOSCOW"
    assert article.metadata.dateline.agency == "Sputnik"
    assert article.metadata.outlet == "Sputnik"


def test_tags_and_related(article: Article) -> None:
    assert article.metadata.tags == ["airstrike", "Vladimir Putin", "Syria", "Russia"]
    assert [r.title for r in article.metadata.related] == [
        "Rebel Militants Repelled by Syrian Army, Russian Jets in Latakia Province",
        "Russia Delivers Nearly 14,000 Tons of Cargo to Syria\u2019s Hmeimim Airbase",
        "Russia's Success in Syria Contributes to Anti-Daesh Victories in Iraq",
    ]


def test_no_title_invented(article: Article) -> None:
    assert article.metadata.title is None


def test_text_is_standfirst_plus_every_body_paragraph(article: Article, example_path: Path) -> None:
    lines = article.text.split("\n")
    assert all(line and line == line.strip() for line in lines)
    # every sentence-like line of the page (15+ words) is a paragraph, exactly as printed (NBSPs kept)
    raw_lines = [x.strip() for x in example_path.read_text(encoding="utf-8").splitlines()]
    body = [x for x in raw_lines if len(x.split()) >= 15]
    assert len(body) == 14 and lines == body
    assert "\u00a0" in article.text  # the page's non-breaking spaces survive: quotes of the page match
    standfirst = ("Russian President Vladimir Putin said that Russia coordinates its actions in Syria with both the "
                  "Syrian government-led forces and the opposition.")
    assert lines[0] == standfirst and article.metadata.standfirst == standfirst
    # the dateline stays in the text: analysts quote it
    assert " ".join(lines[1].split()).startswith("MOSCOW (Sputnik) \u2014 Russia coordinates its actions in Syria")
    assert lines[-1].endswith("according to\u00a0UN estimates.")
    assert lines[7].endswith("not political opposition factions or civilians")  # no final period, still body
    for chrome in CHROME:
        assert chrome not in article.text, chrome


def test_boilerplate_spans(article: Article) -> None:
    assert article.raw is not None
    kinds = [b.kind for b in article.boilerplate]
    assert kinds == ["page_time", "widget", "widget", "related", "related", "related", "tags", "widget"]
    for b in article.boilerplate:
        assert article.raw[b.start:b.end] == b.text
    assert article.boilerplate[-1].text == "Community standardsDiscussion"


def test_other_metadata(article: Article, example_path: Path) -> None:
    meta = article.metadata
    assert meta.language == "en"
    assert meta.format == "text" and meta.encoding == "utf-8"
    assert meta.source == str(example_path)
    assert meta.content_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert meta.published is None and meta.url is None


def test_hints_fill_missing_fields(example_path: Path) -> None:
    raw = read_file(example_path)
    raw.hints = {"title": "Putin: Russia Coordinates With Syrian Opposition", "outlet": "RT",
                 "url": "https://sputniknews.com/20151011/putin-syria-1028382716.html"}
    meta = clean(raw).metadata
    assert meta.title == "Putin: Russia Coordinates With Syrian Opposition"
    assert meta.outlet == "Sputnik"  # the page's own evidence wins over a hint
    assert meta.published == "2015-10-11T00:00:00+00:00"
    assert meta.url.startswith("https://sputniknews.com/")


def test_roundtrip_json(article: Article) -> None:
    again = Article.from_json(article.to_json(include_raw=True))
    assert again.metadata == article.metadata and again.boilerplate == article.boilerplate
