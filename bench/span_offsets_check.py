"""How the training split's technique span offsets fit its article texts, per language, under each reading of the
offsets tried: the share of spans that start or end inside a word, and in how many articles a reading fits best;
then the reading the SemEval loader adopts per article (`presswatch.evaluation.span_offsets`) with the share of
spans cutting a word before and after, and two checks that do not read word edges: the share of spans whose
technique is among the paragraph labels of the line they start on, and the share that runs across a paragraph
break.

    python bench/span_offsets_check.py [--langs en,fr,ge,it,po,ru] [--examples N]

Readings: as stored; newlines two characters (CRLF); UTF-8 bytes; UTF-16 units; NFD code points; runs of spaces
one character; a byte-order mark before the text; offsets from the first paragraph (no title line); and, on the
stored or CRLF reading, an end one letter short of a word followed by a period moved to the word's end.
Session 8 found every non-English article fits one of the last two with no span cutting a word.
"""

from __future__ import annotations

import argparse
import random
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.semeval import SemEvalArticle, gold_spans, load_language  # noqa: E402
from presswatch.evaluation.span_offsets import Span, count_cuts, read_spans  # noqa: E402
from presswatch.taxonomy import LANGUAGES  # noqa: E402


def unit_table(text: str, width: Callable[[int, str], int]) -> list[int]:
    """For each offset counted in units `width(i, ch)` wide per character, the character offset in `text`."""
    out: list[int] = []
    for i, ch in enumerate(text):
        out += [i] * width(i, ch)
    return [*out, len(text)]


def shifted(text: str, by: int) -> list[int]:
    """Offsets counted `by` characters later than the text's own (clipped at its start)."""
    return [max(0, i - by) for i in range(len(text) + 1 + by)]


TABLES: dict[str, Callable[[str], list[int]]] = {
    "utf-8 bytes": lambda t: unit_table(t, lambda _i, ch: len(ch.encode("utf-8"))),
    "utf-16 units": lambda t: unit_table(t, lambda _i, ch: len(ch.encode("utf-16-le")) // 2),
    "nfd": lambda t: unit_table(t, lambda _i, ch: len(unicodedata.normalize("NFD", ch))),
    "spaces collapsed": lambda t: unit_table(t, lambda i, ch: 0 if ch == " " and i and t[i - 1] == " " else 1),
    "bom": lambda t: shifted(t, 1),
    "no title": lambda t: [min(len(t), i + t.find("\n\n") + 2) for i in range(len(t) + 1)],
}


def readings(a: SemEvalArticle) -> dict[str, list[Span | None]]:
    """Every reading's spans for one article (None where a span falls outside the text)."""
    out = {"stored": read_spans(a.text, a.spans, 1, False), "crlf": read_spans(a.text, a.spans, 2, False)}
    for name, make in TABLES.items():
        table = make(a.text)
        out[name] = [(t, table[s], table[e]) if 0 <= s < e < len(table) else None for t, s, e in a.spans]
    out["stored+period"] = read_spans(a.text, a.spans, 1, True)
    out["crlf+period"] = read_spans(a.text, a.spans, 2, True)
    return out


def line_checks(a: SemEvalArticle, spans: list[Span]) -> tuple[int, int]:
    """(spans whose technique the line they start on is labelled with, spans running across a paragraph break)."""
    labelled = sum(t in a.paragraph_labels.get(a.text.count("\n", 0, s) + 1, []) for t, s, _ in spans)
    return labelled, sum("\n" in a.text[s:e].rstrip("\n") for _, s, e in spans)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--langs", default=",".join(LANGUAGES))
    ap.add_argument("--examples", type=int, default=0, help="print this many re-aligned spans per language")
    args = ap.parse_args()
    langs = [x for x in args.langs.split(",") if x]
    by_lang = {lang: [a for a in load_language(SETTINGS.semeval_dir, lang) if a.spans] for lang in langs}
    names = list(readings(SemEvalArticle("x", "en", "x\n\ny", spans=[("Doubt", 0, 1)])))
    print("share of spans cutting a word (articles where the reading fits best, ties included)")
    print("lang  spans  " + "  ".join(names))
    for lang, arts in by_lang.items():
        cut: Counter[str] = Counter()
        wins: Counter[str] = Counter()
        for a in arts:
            counts = {k: count_cuts(a.text, v) for k, v in readings(a).items()}
            cut.update(counts)
            wins.update(k for k, v in counts.items() if v == min(counts.values()))
        n = sum(len(a.spans) for a in arts)
        print(f"{lang:4}  {n:5}  " + "  ".join(f"{cut[k] / n:.3f} ({wins[k]})" for k in names))
    print("\nthe loader's reading: spans cutting a word before / after, articles by reading; spans on a line "
          "labelled with their technique and spans across a paragraph break, before / after")
    rng = random.Random(0)
    for lang, arts in by_lang.items():
        n = sum(len(a.spans) for a in arts)
        before = sum(count_cuts(a.text, list(a.spans)) for a in arts)
        after = sum(count_cuts(a.text, list(gold_spans(a))) for a in arts)
        kinds = Counter(a.span_reading for a in arts)
        lb, xb = map(sum, zip(*(line_checks(a, a.spans) for a in arts), strict=True))
        la, xa = map(sum, zip(*(line_checks(a, gold_spans(a)) for a in arts), strict=True))
        print(f"{lang:4}  {n:5}  cut {before / n:.3f} -> {after / n:.3f}  "
              f"{', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))};  labelled line {lb / n:.3f} -> "
              f"{la / n:.3f}, across a break {xb / n:.3f} -> {xa / n:.3f}")
        moved = [(a, old, new) for a in arts if a.span_reading != "stored"
                 for old, new in zip(a.spans, gold_spans(a), strict=True) if old != new]
        for a, (t, s, e), (_, s2, e2) in rng.sample(moved, min(args.examples, len(moved))):
            print(f"      {a.id} {t}: {a.text[s:e][:60]!r} -> {a.text[s2:e2][:60]!r}")


if __name__ == "__main__":
    main()
