"""How the SemEval training split's technique span offsets are read: as stored, or, where it clearly fits an
article better, as offsets of the text with CRLF newlines (each newline two characters) whose span ends stop one
letter short of a word followed by a period. Outside English most articles' offsets were written that way; the
re-reading is chosen per article by how many spans start or end inside a word (`bench/span_offsets_check.py`)."""

from __future__ import annotations

from dataclasses import dataclass

Span = tuple[str, int, int]  # (technique, start, end), end exclusive

# the readings tried, in order of preference on a tie: (name, characters a newline counts as, mend short ends)
READINGS: tuple[tuple[str, int, bool], ...] = (
    ("stored", 1, False), ("stored+period", 1, True), ("crlf", 2, False), ("crlf+period", 2, True),
)
# a re-reading is adopted only where it leaves at most this share of the article's spans cutting a word
MAX_CUT_SHARE = 0.05


@dataclass(frozen=True)
class Alignment:
    """The reading adopted for one article, its spans, and how many spans cut a word before and after."""

    reading: str
    spans: list[Span]
    cut_stored: int
    cut_aligned: int


def inside_word(text: str, i: int) -> bool:
    """Whether offset `i` falls between two letters or digits of `text`."""
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is empty, out of range, or starts or ends inside a word."""
    if start < 0 or end > len(text) or start >= end:
        return True
    return inside_word(text, start) or inside_word(text, end)


def newline_offsets(text: str, width: int) -> list[int]:
    """For each offset of `text` written with each newline `width` characters wide, the offset in `text`."""
    if width == 1:
        return list(range(len(text) + 1))
    out: list[int] = []
    for i, ch in enumerate(text):
        out += [i] * width if ch == "\n" else [i]
    return [*out, len(text)]


def mended_end(text: str, end: int) -> int:
    """`end` moved to the end of its word where it stops one letter short of a word followed by a period."""
    if inside_word(text, end) and end + 1 < len(text) and text[end + 1] == ".":
        return end + 1
    return end


def read_spans(text: str, spans: list[Span], width: int, mend: bool) -> list[Span | None]:
    """`spans` read with newlines `width` characters wide (and short ends mended); None where out of range."""
    table = newline_offsets(text, width)
    out: list[Span | None] = []
    for tech, s, e in spans:
        if not 0 <= s < e < len(table):
            out.append(None)
            continue
        start, end = table[s], table[e]
        out.append((tech, start, mended_end(text, end) if mend else end))
    return out


def count_cuts(text: str, read: list[Span | None]) -> int:
    return sum(x is None or cuts_a_word(text, x[1], x[2]) for x in read)


def align_spans(text: str, spans: list[Span]) -> Alignment:
    """The reading of `spans` that leaves the fewest cutting a word, adopted only where it cuts fewer than the
    stored offsets and at most `MAX_CUT_SHARE` of them; otherwise the spans as stored."""
    stored = count_cuts(text, [(t, s, e) if 0 <= s < e <= len(text) else None for t, s, e in spans])
    best = Alignment("stored", list(spans), stored, stored)
    for name, width, mend in READINGS[1:]:
        read = read_spans(text, spans, width, mend)
        cut = count_cuts(text, read)
        if cut < best.cut_aligned and cut <= MAX_CUT_SHARE * len(spans):
            kept = [x if x is not None else sp for x, sp in zip(read, spans, strict=True)]
            best = Alignment(name, kept, stored, cut)
    return best
