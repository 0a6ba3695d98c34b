"""Binary and invisible-character input is never an article; encodings come from the bytes, labels are hints."""

from __future__ import annotations

import random

import pytest

from presswatch.article import RawDocument
from presswatch.errors import BinaryDocumentError, InputError
from presswatch.pipeline import Pipeline
from presswatch.sources.encoding import check_readable, decode

JA = "東京で首脳会談が開かれ、両国の外相は穀物輸出の合意に署名したと政府関係者が金曜日に述べた。" * 4
RU = "Министры встретились в Стамбуле, чтобы подписать зерновую сделку, сообщили официальные лица. " * 3
EN = "The ministers met in Istanbul to sign the grain deal, officials said on Friday. " * 3


def _junk(seed: int) -> list[bytes]:
    rnd = random.Random(seed)
    out = [bytes(rnd.choice([*range(0x20, 0x7F), *range(0xA0, 0x100)]) for _ in range(rnd.randrange(40, 900)))
           for _ in range(40)]  # random high bytes without NUL or control bytes: they pass the binary sniff
    out += ["\u200b\u200c\u200d\u2060\ufeff".encode() * 50, ("\u00a0 \u2003" * 80).encode(),
            "".join(chr(rnd.randrange(0xE000, 0xF8FF)) for _ in range(200)).encode(),  # private use
            "".join(chr(rnd.randrange(33, 127)) for _ in range(600)).encode()]  # ASCII noise
    return out


@pytest.mark.parametrize("seed", [1, 2])
def test_junk_never_becomes_an_article(seed: int) -> None:
    pipeline = Pipeline([])
    for i, data in enumerate(_junk(seed)):
        with pytest.raises(InputError):
            pipeline.run(RawDocument(data=data, source=f"junk{i}", format="text"))


def test_real_text_is_readable() -> None:
    for text in (EN, RU, JA, "1. Team A 3-1 12:05 +12%\n2. Team B 2-2 11:40 -3%"):
        check_readable(text)
    with pytest.raises(BinaryDocumentError, match="no letters"):
        check_readable("\u200b\u200c" * 40)


@pytest.mark.parametrize(("codec", "text"), [("shift_jis", JA), ("euc_jp", JA), ("utf-16-le", EN + RU),
                                             ("utf-16-be", RU)])
def test_unlabelled_encodings_are_detected_from_the_bytes(codec: str, text: str) -> None:
    decoded, used = decode(RawDocument(data=text.encode(codec), source="x"))
    assert decoded == text, used


def test_a_lying_label_loses_to_the_bytes() -> None:
    data = JA.encode("shift_jis")
    decoded, used = decode(RawDocument(data=data, source="x", encoding="euc-kr"))
    assert decoded == JA and used in ("shift_jis", "cp932")
    decoded, used = decode(RawDocument(data=RU.encode("cp1251"), source="x", encoding="windows-1252"))
    assert decoded == RU  # a Western label on Cyrillic bytes
