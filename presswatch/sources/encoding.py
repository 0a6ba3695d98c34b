"""Decode raw bytes: BOMs, declared charsets, strict UTF-8, then single-byte guesses; refuse binary data."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from presswatch.article import RawDocument
from presswatch.errors import BinaryDocumentError, DecodingError

# Leading bytes of formats that are certainly not a news page.
MAGIC: dict[bytes, str] = {
    b"\x1f\x8b": "gzip",
    b"%PDF": "PDF",
    b"\x89PNG": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"PK\x03\x04": "zip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"7z\xbc\xaf\x27\x1c": "7z",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"RIFF": "RIFF (audio/video/webp)",
    b"\x7fELF": "ELF executable",
    b"MZ\x90\x00": "Windows executable",
    b"\xd0\xcf\x11\xe0": "MS Office document",
    b"SQLite format 3": "SQLite database",
    b"OggS": "Ogg",
    b"ID3": "MP3",
}
BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Single-byte codecs news crawls really use: mostly-high-byte scripts, then Latin ones in order of preference.
HEAVY = ["cp1251", "koi8_r", "cp1253", "iso8859_7", "iso8859_5"]
LATIN = ["cp1252", "cp1250", "iso-8859-2", "latin-1"]
# Readable names for the codec actually used.
NAMES = {"iso8859-1": "latin-1", "iso8859-15": "iso-8859-15", "iso8859-2": "iso-8859-2", "koi8-r": "koi8-r"}
# Whatwg: pages declaring latin-1/ascii are decoded as windows-1252.
WHATWG = {"latin-1": "cp1252", "ascii": "cp1252"}

_META = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)
_XML = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.-]{2,40})""", re.I)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_TEXT_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SAMPLE = 65536


def codec_name(name: str) -> str | None:
    """Canonical readable name of a codec, or None when Python does not know it."""
    try:
        canon = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return NAMES.get(canon, canon)


def check_binary(data: bytes, source: str | None = None) -> None:
    """Raise BinaryDocumentError for magic numbers, NUL bytes or too many control characters."""
    if any(data.startswith(bom) for bom, _ in BOMS):
        return  # UTF-16/32 text legitimately holds NUL bytes
    for magic, kind in MAGIC.items():
        if data.startswith(magic):
            raise BinaryDocumentError(f"binary data ({kind}), not a text or HTML document", source)
    sample = data[:_SAMPLE]
    nul = sample.count(0)
    if nul and nul / len(sample) > 0.001 or nul > 8:
        raise BinaryDocumentError(f"binary data ({nul} NUL bytes in the first {len(sample)} bytes)", source)
    control = len(_CONTROL.findall(sample))
    if control > 0.05 * len(sample) and control > 2:
        raise BinaryDocumentError(f"binary data ({control} control bytes in the first {len(sample)} bytes)", source)


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML meta tag or XML declaration names, if any."""
    head = data[:4096]
    m = _META.search(head) or _XML.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _cyrillic_heavy(data: bytes) -> bool:
    """Most letters are high bytes: a single-byte Cyrillic page, not Latin text with accents."""
    high = sum(1 for b in data[:_SAMPLE] if b >= 0xC0 or b in (0xA8, 0xB8))
    ascii_letters = sum(1 for b in data[:_SAMPLE] if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    return high > 0.3 * (high + ascii_letters) and high >= 3


def _plausibility(text: str) -> int:
    """How word-like the non-ASCII characters are: letters inside words score, lone letters (a stray "Ť"
    where « stood) cost; the right single-byte codec scores highest."""
    score = 0
    for i, c in enumerate(text):
        if ord(c) > 127 and c.isalpha():
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            score += 1 if before.isalpha() or after.isalpha() else -1
    return score


def _guess_single_byte(data: bytes) -> str:
    """A single-byte codec: charset-normalizer among Cyrillic/Greek codecs when most letters are high bytes,
    else the Latin codec that makes the most letters of the high bytes (ties go to windows-1252)."""
    sample = data[:_SAMPLE]
    if _cyrillic_heavy(sample):
        best = None
        try:
            best = from_bytes(sample, cp_isolation=HEAVY).best()
        except Exception:  # charset-normalizer is best effort; cp1251 is the sane default for news crawls
            best = None
        name = codec_name(best.encoding) if best is not None and best.encoding else None
        return name if name and _strict(data, name) is not None else "cp1251"
    scores: list[tuple[int, int, str]] = []
    for rank, name in enumerate(LATIN):
        text = _strict(data, name)
        if text is not None:
            scores.append((_plausibility(text[:_SAMPLE]), -rank, name))
    return max(scores)[2] if scores else "latin-1"


MULTIBYTE = frozenset({"shift_jis", "cp932", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
                       "euc_jisx0213", "iso2022_jp", "gb2312", "gbk", "gb18030", "big5", "big5hkscs", "euc_kr",
                       "cp949", "johab"})


def _mess(text: str) -> float:
    from charset_normalizer.md import mess_ratio

    return float(mess_ratio(text[:_SAMPLE], 1.0))


def _detected(data: bytes) -> str | None:
    """charset-normalizer's reading of the bytes (a codec name Python knows), or None."""
    try:
        best = from_bytes(data[:_SAMPLE]).best()
    except Exception:  # best effort
        return None
    name = codec_name(best.encoding) if best is not None and best.encoding else None
    return name if name and _strict(data, name) is not None else None


def _clearly_worse(data: bytes, label: str, guess: str | None) -> bool:
    """The declared `label` reads the bytes as much more garbled text than the detected `guess` does."""
    if not guess or guess == label or guess not in MULTIBYTE and label not in MULTIBYTE:
        return False  # single-byte look-alikes are left to the label and the Cyrillic/Latin rules
    return _mess(data.decode(label)) > _mess(data.decode(guess)) + 0.1


def _utf16_without_bom(data: bytes) -> str | None:
    """"utf-16-le"/"utf-16-be" when the bytes are UTF-16 text without a BOM (NULs on one side of each pair)."""
    sample = data[: _SAMPLE & ~1]
    if len(sample) < 16 or any(data.startswith(b) for b, _ in BOMS):
        return None
    even, odd = set(sample[0::2]), set(sample[1::2])
    # one byte of each pair comes from a few values (0 for Latin, 0x04 for Cyrillic, ...) and includes NUL
    if 0 in odd and len(odd) <= 8 and len(even) > 2 * len(odd):
        name = "utf-16-le"
    elif 0 in even and len(even) <= 8 and len(odd) > 2 * len(even):
        name = "utf-16-be"
    else:
        return None
    text = _strict(data[: len(data) & ~1], name)
    return name if text is not None and _mess(text) < 0.2 and not _TEXT_CONTROL.search(text[:_SAMPLE]) else None


def check_readable(text: str, source: str | None = None) -> None:
    """Refuse text that no reader would call text: no letters at all (invisible or format characters only) or
    the garble that random bytes decode to (charset-normalizer's mess ratio; real articles score under 0.03)."""
    sample = text[:_SAMPLE]
    if not any(c.isalpha() for c in sample):
        raise BinaryDocumentError("no readable text (no letters: only digits, symbols or invisible characters)",
                                  source)
    mess = _mess(sample)
    nonspace = sum(not c.isspace() for c in sample) or 1
    if mess >= 0.3 or (mess >= 0.1 and sum(c.isalpha() for c in sample) / nonspace < 0.6):
        raise BinaryDocumentError(f"binary or garbled data, not text (mess ratio {mess:.2f})", source)


def decode(raw: RawDocument) -> tuple[str, str]:
    """(text, encoding used): BOM, strict UTF-8, declared charset, then a guarded guess."""
    data = raw.data
    encoding: str | None = _utf16_without_bom(data)  # its NUL bytes are text, not a sign of binary data
    if encoding is None:
        check_binary(data, raw.source)
    for bom, name in BOMS:
        if encoding is None and data.startswith(bom):
            encoding = name
            break
    if encoding is None:
        if _strict(data, "utf-8") is not None:
            encoding = "utf-8"
        else:
            guess = _detected(data)  # what the bytes say; a declared label is only a hint beside it
            for declared in (raw.encoding, declared_encoding(data)):
                name = codec_name(declared) if declared else None
                if name in ("cp1252", "latin-1", "iso-8859-15", "ascii") and _cyrillic_heavy(data[:_SAMPLE]):
                    continue  # a Western label on Cyrillic bytes: a mislabelled cp1251 page, common in crawls
                if name and name != "utf-8":
                    name = WHATWG.get(name, name) if _strict(data, WHATWG.get(name, name)) is not None else name
                    if _strict(data, name) is not None and not _clearly_worse(data, name, guess):
                        encoding = name
                        break
            if encoding is None and guess in MULTIBYTE:
                encoding = guess  # Shift-JIS, EUC-JP, GB18030, Big5, EUC-KR: no single-byte guess fits them
    if encoding is None:
        encoding = _guess_single_byte(data)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise DecodingError(f"cannot decode as {encoding}: {exc}", raw.source) from exc
    if encoding == "utf-8-sig":
        text = text.lstrip("\ufeff")
    elif text.startswith("\ufeff"):
        text = text[1:]
    bad = len(_TEXT_CONTROL.findall(text[:_SAMPLE]))
    if bad > 0.05 * min(len(text), _SAMPLE) and bad > 2:
        raise DecodingError(f"decoding as {encoding} leaves {bad} control characters; unknown encoding", raw.source)
    return text, encoding
