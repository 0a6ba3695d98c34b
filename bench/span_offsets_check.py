"""How well the training split's technique span offsets fit its article texts, per language: the share of spans
that start or end inside a word, read as character offsets of the text as stored (LF newlines) and as offsets of
the same text with CRLF newlines (each newline two characters), and, per article, which reading fits better.

    python bench/span_offsets_check.py

Session 7 found that outside English most spans cut words as stored, that many articles' offsets fit a CRLF
reading, and that even the better reading per article leaves a quarter to a third of the spans cutting a word.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.semeval import load_language  # noqa: E402
from presswatch.taxonomy import LANGUAGES  # noqa: E402


def cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether [start, end) is empty, out of range, or starts or ends inside a word."""
    if start < 0 or end > len(text) or start >= end:
        return True
    inside_start = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    inside_end = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return inside_start or inside_end


def crlf_offsets(text: str) -> list[int]:
    """For each offset of `text` written with CRLF newlines, the offset in `text` itself (LF newlines)."""
    out: list[int] = []
    for i, ch in enumerate(text):
        out += [i, i] if ch == "\n" else [i]
    return [*out, len(text)]


def main() -> None:
    print("lang  spans  cut as LF  cut as CRLF  articles LF / CRLF / tie better  cut with the better reading")
    for lang in LANGUAGES:
        prefer: Counter[str] = Counter()
        n = lf = crlf = best = 0
        for a in load_language(SETTINGS.semeval_dir, lang):
            if not a.spans:
                continue
            m = crlf_offsets(a.text)
            b0 = sum(cuts_a_word(a.text, s, e) for _, s, e in a.spans)
            b1 = sum(cuts_a_word(a.text, m[s], m[e]) if e < len(m) else True for _, s, e in a.spans)
            prefer["lf" if b0 < b1 else "crlf" if b1 < b0 else "tie"] += 1
            n, lf, crlf, best = n + len(a.spans), lf + b0, crlf + b1, best + min(b0, b1)
        print(f"{lang:4}  {n:5}  {lf / n:9.3f}  {crlf / n:11.3f}  {prefer['lf']:11} / {prefer['crlf']} / "
              f"{prefer['tie']}  {best / n:26.3f}")


if __name__ == "__main__":
    main()
