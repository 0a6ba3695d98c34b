"""Hand-made crawled pages: other outlets' datelines, chrome conventions, pages without chrome, encodings."""

from __future__ import annotations

import codecs

import pytest

from presswatch.article import Article, RawDocument
from presswatch.clean import clean, clean_string
from presswatch.errors import BinaryDocumentError, EmptyDocumentError

BODY = [
    "The government announced on Tuesday a new package of measures to support farmers hit by the drought.",
    '"We will not leave anyone behind," the minister told reporters after the cabinet meeting.',
    "Opposition lawmakers said the plan came too late and would do little to help small producers.",
]


def _check_spans(article: Article) -> None:
    assert article.raw is not None
    for b in article.boilerplate:
        assert article.raw[b.start:b.end] == b.text
    assert article.text and all(line.strip() == line and line for line in article.text.split("\n"))


@pytest.mark.parametrize(
    ("opening", "place", "agency", "outlet"),
    [
        ("WASHINGTON (Reuters) - ", "WASHINGTON", "Reuters", "Reuters"),
        ("LONDON, Jan 5 (Reuters) - ", "LONDON", "Reuters", "Reuters"),
        ("KYIV, Ukraine (AP) \u2014 ", "KYIV, Ukraine", "AP", "AP"),
        ("MOSCOW, January 17. /TASS/. ", "MOSCOW", "TASS", "TASS"),
        ("BEIJING, Jan. 5 (Xinhua) -- ", "BEIJING", "Xinhua", "Xinhua"),
        ("PARIS (AFP) - ", "PARIS", "AFP", "AFP"),
        ("Paris (AFP) \u2013 ", "Paris", "AFP", "AFP"),
        ("(CNN) \u2014 ", None, "CNN", "CNN"),
        ("MOSCOW. Jan 17 (Interfax) - ", "MOSCOW", "Interfax", "Interfax"),
        ("ANKARA (AA) - ", "ANKARA", "AA", "Anadolu"),
        ("Berlin (dpa) - ", "Berlin", "dpa", "dpa"),
        ("Madrid, 17 ene (EFE).- ", "Madrid", "EFE", "EFE"),
        ("(ANSA) - ROMA, 17 GEN - ", None, "ANSA", "ANSA"),
        ("МОСКВА, 17 января. /ТАСС/. ", "МОСКВА", "ТАСС", "TASS"),
        ("МОСКВА (Sputnik) — ", "МОСКВА", "Sputnik", "Sputnik"),
        ("KYIV (UNIAN) - ", "KYIV", "UNIAN", None),
    ],
)
def test_datelines(opening: str, place: str | None, agency: str, outlet: str | None) -> None:
    page = "\n\n".join([opening + BODY[0], *BODY[1:]])
    article = clean_string(page)
    assert article.metadata.dateline.place == place
    assert article.metadata.dateline.agency == agency
    assert article.metadata.outlet == outlet
    assert article.text.split("\n")[0] == opening + BODY[0]  # the dateline stays in the text
    assert article.boilerplate == []


@pytest.mark.parametrize("opening", ["(Updated at 5 pm) ", "Syria (AFP) ", "The Kremlin (RT) - ", "The (big) thing - "])
def test_not_a_dateline(opening: str) -> None:
    page = opening + "The talks went on late into the night, officials said.\n\n" + "\n\n".join(BODY)
    article = clean_string(page)
    assert article.metadata.dateline.agency is None and article.metadata.outlet is None


def test_page_without_chrome_is_all_body() -> None:
    article = clean_string("\n\n".join(BODY) + "\n")
    assert article.text == "\n".join(BODY)
    assert article.boilerplate == [] and article.metadata.related == [] and article.metadata.tags == []
    assert article.metadata.page_time is None and article.metadata.title is None


def test_short_last_paragraphs_stay_body() -> None:
    page = "\n\n".join([*BODY, "Vladimir Putin", "President of Russia"])
    assert clean_string(page).text.split("\n")[-2:] == ["Vladimir Putin", "President of Russia"]


def test_rt_style_page() -> None:
    page = "\n".join([
        "Home",
        "World News",
        "Kremlin Rejects Claims of Troop Build-Up Near Border",
        "Published time: 17 Jan, 2021 16:49",
        "Edited time: 17 Jan, 2021 18:02",
        "Get short URL",
        "",
        "The Kremlin has dismissed Western reports of a troop build-up near the border as 'hysteria', insisting "
        "that Russia moves forces on its own territory as it sees fit.",
        "",
        "READ MORE: NATO Holds Drills in Baltic States",
        "",
        "Kremlin spokesman Dmitry Peskov said the movements were routine and posed no threat to anyone.",
        "",
        "Trends: Russia, NATO",
        "Follow RT on Telegram",
        "\u00a9 Autonomous Nonprofit Organization \u201cTV-Novosti\u201d, 2005\u20132021. All rights reserved.",
    ])
    article = clean_string(page, url="https://www.rt.com/russia/512345-kremlin-troops-border/")
    meta = article.metadata
    assert meta.title == "Kremlin Rejects Claims of Troop Build-Up Near Border"
    assert meta.page_time == "2021-01-17T16:49:00+00:00"
    assert meta.outlet == "RT"
    assert meta.published == "2021-01-17T16:49:00+00:00"  # labelled "Published time"; RT paths carry no date
    assert meta.tags == ["Russia", "NATO"]
    assert [r.title for r in meta.related] == ["NATO Holds Drills in Baltic States"]
    assert article.text.split("\n") == [
        "The Kremlin has dismissed Western reports of a troop build-up near the border as 'hysteria', insisting "
        "that Russia moves forces on its own territory as it sees fit.",
        "Kremlin spokesman Dmitry Peskov said the movements were routine and posed no threat to anyone.",
    ]
    kinds = {b.kind for b in article.boilerplate}
    assert {"header", "title", "page_time", "widget", "related", "tags", "footer"} <= kinds
    _check_spans(article)


def test_related_block_under_header_and_url_date() -> None:
    page = "\n\n".join([*BODY, "Related", ]) + "\nFarmers protest in the capital\nDrought hits wheat harvest\n"
    article = clean_string(page, url="https://example.org/news/2022/07/14/farm-aid.html")
    titles = [r.title for r in article.metadata.related]
    assert titles == ["Farmers protest in the capital", "Drought hits wheat harvest"]
    assert article.text == "\n".join(BODY)
    assert article.metadata.published == "2022-07-14T00:00:00+00:00"
    _check_spans(article)


def test_hard_wrapped_paragraphs_joined() -> None:
    page = ("The government announced on Tuesday a new package of\nmeasures to support farmers hit by the\n"
            "drought.\n\nOpposition lawmakers said the plan came too late.\n")
    assert clean_string(page).text == ("The government announced on Tuesday a new package of measures to support "
                                       "farmers hit by the drought.\nOpposition lawmakers said the plan came too late.")


RU_PAGE = ("12:30 17.01.2021\nПоделиться\n\nМОСКВА, 17 января — РИА Новости. Президент России Владимир Путин заявил, "
           "что Россия координирует свои действия в Сирии с оппозицией.\n\nПо его словам, конфликт в Сирии не "
           "разгорелся бы так сильно без поддержки из-за рубежа.\n")


def test_cp1251_russian_page() -> None:
    article = clean(RawDocument(data=RU_PAGE.encode("cp1251"), source="ru.txt"))
    assert article.metadata.encoding == "cp1251"
    assert article.metadata.language == "ru"
    assert article.metadata.page_time == "2021-01-17T12:30:00+00:00"
    assert article.text.startswith("МОСКВА, 17 января — РИА Новости. Президент России")
    assert article.metadata.dateline.place == "МОСКВА" and article.metadata.outlet == "RIA Novosti"
    _check_spans(article)


FR_PAGE = ("PARIS (AFP) - Le président a déclaré mardi que la France était prête à négocier avec ses partenaires "
           "européens.\n\n« Ce n'est qu'un début », a-t-il ajouté devant les journalistes à l'Élysée.\n")


def test_latin1_french_page() -> None:
    article = clean(RawDocument(data=FR_PAGE.encode("latin-1"), source="fr.txt"))
    assert article.metadata.encoding == "cp1252"
    assert article.metadata.language == "fr"
    assert article.text == FR_PAGE.strip().replace("\n\n", "\n")
    assert article.metadata.outlet == "AFP"


def test_utf8_bom_page() -> None:
    article = clean(RawDocument(data=codecs.BOM_UTF8 + FR_PAGE.encode("utf-8"), source="bom.txt"))
    assert article.metadata.encoding == "utf-8-sig"
    assert article.raw is not None and not article.raw.startswith("\ufeff")
    assert article.text.startswith("PARIS (AFP)")


@pytest.mark.parametrize("data", [b"", b"  \n\n ", b"Listen Live\nGet short URL\n"])
def test_empty_documents(data: bytes) -> None:
    with pytest.raises(EmptyDocumentError) as err:
        clean(RawDocument(data=data, source="empty.txt"))
    assert err.value.source == "empty.txt"


def test_binary_document() -> None:
    with pytest.raises(BinaryDocumentError) as err:
        clean(RawDocument(data=b"%PDF-1.4\n" + bytes(range(256)), source="doc.pdf"))
    assert err.value.source == "doc.pdf"


def test_hints_fill_what_the_page_lacks() -> None:
    article = clean_string("\n\n".join(BODY), url="https://www.reuters.com/world/farm-aid-idUSKBN1",
                           title="Farm Aid Announced", published="2022-07-14 09:30", authors=["A. Writer"],
                           tags=["drought", "farming"], language="en")
    m = article.metadata
    assert (m.title, m.outlet, m.published) == ("Farm Aid Announced", "Reuters", "2022-07-14T09:30:00+00:00")
    assert m.authors == ["A. Writer"] and m.tags == ["drought", "farming"]


def test_tag_label_words_in_a_sentence_stay_body() -> None:
    page = "\n\n".join([*BODY, "Topics discussed included trade, security and energy"])
    assert clean_string(page).text.split("\n")[-1] == "Topics discussed included trade, security and energy"


def test_tags_under_a_label() -> None:
    page = "\n\n".join(BODY) + "\n\nTags\nDrought\nFarming\nEuropean Union\nShare\n"
    article = clean_string(page)
    assert article.metadata.tags == ["Drought", "Farming", "European Union"]
    assert article.text == "\n".join(BODY)
