"""Encoding and format detection on hand-made inputs in the encodings news crawls use."""

from __future__ import annotations

import codecs

import pytest

from presswatch.article import RawDocument
from presswatch.errors import BinaryDocumentError
from presswatch.sources import decode, detect_format

RU = ("Президент России Владимир Путин заявил, что Россия координирует свои действия в Сирии "
      "как с правительственными силами, так и с оппозицией.")
FR = ("Le président a déclaré mardi à Paris que la France était prête à négocier ; « ça n'a été "
      "qu'un début », a-t-il ajouté, côté Élysée.")
PL = "Prezydent powiedział, że Polska będzie wspierać Ukrainę. Żółć, gęś i jaźń — mówił minister."
DE = "Die Regierung hat am Dienstag neue Maßnahmen für Österreich angekündigt, hieß es in Berlin."


def _decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    return decode(RawDocument(data=data, source="t.txt", encoding=encoding))


def test_utf8() -> None:
    assert _decode(RU.encode("utf-8")) == (RU, "utf-8")


def test_utf8_bom() -> None:
    text, enc = _decode(codecs.BOM_UTF8 + FR.encode("utf-8"))
    assert (text, enc) == (FR, "utf-8-sig")


def test_utf16_bom() -> None:
    assert _decode(FR.encode("utf-16")) == (FR, "utf-16")


def test_cp1251_russian() -> None:
    assert _decode(RU.encode("cp1251")) == (RU, "cp1251")


def test_koi8r_russian() -> None:
    assert _decode(RU.encode("koi8_r")) == (RU, "koi8-r")


@pytest.mark.parametrize("text", [FR, DE])
def test_latin1_western(text: str) -> None:
    # latin-1 bytes read as windows-1252 (its superset for printable text, as browsers do)
    assert _decode(text.encode("latin-1")) == (text, "cp1252")


def test_cp1250_polish() -> None:
    assert _decode(PL.encode("cp1250")) == (PL, "cp1250")


def test_meta_charset_respected() -> None:
    html = f'<html><head><meta charset="windows-1251"></head><body><p>{RU}</p></body></html>'
    text, enc = _decode(html.encode("cp1251"))
    assert enc == "cp1251" and RU in text


def test_declared_encoding_of_container_respected() -> None:
    # koi8-r bytes also decode as cp1251 (garbled): the declared codec must win
    assert _decode(RU.encode("koi8_r"), encoding="KOI8-R") == (RU, "koi8-r")


def test_bad_declaration_ignored_for_valid_utf8() -> None:
    html = f'<meta charset="iso-8859-1"><p>{RU}</p>'
    assert _decode(html.encode("utf-8"))[1] == "utf-8"


def test_binary_refused() -> None:
    with pytest.raises(BinaryDocumentError):
        _decode(b"\x1f\x8b\x08\x00" + bytes(200))


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("  <html lang='en'><p>Hello</p>", "html"),
        ("<div><p>One</p><p>Two</p><p>Three</p></div>", "html"),
        ("16:49 GMT17 January 2021\nListen Live\n    MOSCOW (Sputnik) — text.", "text"),
        ("He wrote that 3 < 4 and 5 > 2, and the <b> tag is bold.", "text"),
        ("A page's <title> element names it, the guide said.\nSecond paragraph here.", "text"),
        ("<title>Hi</title><p>One</p><p>Two</p>", "html"),
        ("", "text"),
    ],
)
def test_detect_format(text: str, fmt: str) -> None:
    assert detect_format(text) == fmt


def test_western_label_on_cyrillic_bytes_distrusted() -> None:
    assert _decode(RU.encode("cp1251"), encoding="iso-8859-1") == (RU, "cp1251")
