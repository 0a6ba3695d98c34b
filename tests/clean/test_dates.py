"""Dates in six languages: datelines ("18 июл"), outlet date stamps, month names and relative stamps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from presswatch.article import RawDocument
from presswatch.clean import clean
from presswatch.clean.times import month_number, parse_date, parse_relative

REF = "2022-08-01T10:00:00+00:00"


@pytest.mark.parametrize(("text", "want"), [
    ("18 июл", "2022-07-18"), ("РИА Новости, 18.07.2022", "2022-07-18"), ("18 июля 2022 года", "2022-07-18"),
    ("le 3 mars 2022", "2022-03-03"), ("1er juin 2020", "2020-06-01"), ("3. März 2022", "2022-03-03"),
    ("5 dicembre 2021", "2021-12-05"), ("12 lipca 2021", "2021-07-12"), ("March 3, 2022", "2022-03-03"),
    ("16 сентября", "2021-09-16"),  # year-less and after the reference: the year before
    ("2022-07-18", "2022-07-18"), ("no date here", None), ("31.02.2022", None),
])
def test_parse_date(text: str, want: str | None) -> None:
    got = parse_date(text, REF)
    assert (got[:10] if got else None) == want


def test_year_less_date_needs_a_reference() -> None:
    assert parse_date("18 июл") is None


def test_month_words() -> None:
    assert [month_number(w) for w in ("июл", "мая", "juil.", "Mär", "maja", "ago", "août", "grudnia")] == [
        7, 5, 7, 3, 5, 8, 8, 12]
    assert month_number("ministre") is None


@pytest.mark.parametrize(("text", "hours"), [
    ("Il y a 2 heures", 2), ("il y a une heure", 1), ("2 часа назад", 2), ("vor 3 Stunden", 3), ("2 ore fa", 2),
    ("5 godzin temu", 5), ("3 hours ago", 3), ("vor einem Tag", 24)])
def test_relative_stamps(text: str, hours: int) -> None:
    got = parse_relative(text, REF)
    assert got is not None
    assert (datetime.fromisoformat(REF) - datetime.fromisoformat(got)).total_seconds() == hours * 3600


def test_ria_article_is_dated(semeval_dir: Path) -> None:
    path = semeval_dir / "ru" / "train-articles" / "article24137.txt"
    a = clean(RawDocument(data=path.read_bytes(), source=str(path)))
    assert a.metadata.published is not None and a.metadata.published.startswith("2022-07-18")
    assert a.metadata.dateline.place == "МОСКВА" and a.metadata.language == "ru"


def test_dateline_date_takes_the_year_of_the_fetch() -> None:
    text = "Заголовок новости\n\nМОСКВА, 18 июл - РИА Новости. Министр заявил, что переговоры продолжатся.\n"
    raw = RawDocument(data=text.encode(), source="t.txt", fetch_time="2022-07-19T08:00:00+00:00")
    assert (clean(raw).metadata.published or "").startswith("2022-07-18")
    assert clean(RawDocument(data=text.encode(), source="t.txt")).metadata.published is None  # no year: no date


def test_relative_stamp_line_gives_the_page_time() -> None:
    text = "Le titre de l'article\nIl y a 2 heures\n\nLe ministre a déclaré que la réforme serait votée.\n"
    a = clean(RawDocument(data=text.encode(), source="t.txt", fetch_time="2022-07-19T08:00:00+00:00"))
    assert a.metadata.page_time == "2022-07-19T06:00:00+00:00"
    assert "Il y a 2 heures" not in a.text
