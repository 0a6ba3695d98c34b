"""Who said what, per language, against the hand-checked gold in bench/gold/attribution_*.json.

    python bench/attribution_bench.py            # every language: a table
    python bench/attribution_bench.py --lang ru --show   # one language, with each miss and wrong speaker
    python bench/attribution_bench.py --json

Each gold article (a SemEval training file) is cleaned and run through the linguistics, entities and quotes
stages, the analysers chosen by its detected language (a gold quote of the headline, which cleaning moves to
the metadata, is not counted). A found quote matches a gold one when their kinds agree
and it covers at least half of the gold snippet (one found quote per gold quote). Quote P/R/F1 count every found
quote; speaker accuracy is over matched quotes whose gold speaker is named (a speaker is right when its name
equals the gold one, case and punctuation aside, or has the same last word); `any kind` F1 matches regardless
of kind. Person entities: the article's PERSON entity names against the gold persons, matched the same way.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from presswatch.article import Article, RawDocument
from presswatch.clean import clean
from presswatch.config import SETTINGS
from presswatch.evaluation.scorers import prf
from presswatch.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent / "gold"
LANGS = ("en", "ru", "fr", "de", "it", "pl")


def same_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    na, nb = (re.sub(r"[^\w\s-]", "", x).casefold().split() for x in (a, b))
    return bool(na and nb) and (na == nb or na[-1] == nb[-1])


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    tp: int = 0
    tp_any: int = 0
    named: int = 0
    right_speaker: int = 0
    sys_persons: int = 0
    gold_persons: int = 0
    person_hits_sys: int = 0
    person_hits_gold: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for k, v in vars(other).items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)
            else:
                self.notes.extend(v)

    def table(self) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.found - self.tp, self.gold - self.tp)
        _, _, f_any = prf(self.tp_any, self.found - self.tp_any, self.gold - self.tp_any)
        ep = self.person_hits_sys / self.sys_persons if self.sys_persons else 0.0
        er = self.person_hits_gold / self.gold_persons if self.gold_persons else 0.0
        return {"gold": self.gold, "found": self.found, "precision": round(p, 3), "recall": round(r, 3),
                "f1": round(f, 3), "f1_any_kind": round(f_any, 3),
                "speaker_accuracy": round(self.right_speaker / self.named, 3) if self.named else None,
                "speakers_scored": self.named, "person_precision": round(ep, 3), "person_recall": round(er, 3)}


def _locate(text: str, snippet: str, nth: int) -> tuple[int, int] | None:
    pos = -1
    for _ in range(nth):
        pos = text.find(snippet, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(snippet)


def score_article(article: Article, gold: dict[str, Any]) -> Score:
    name = Path(article.metadata.source or "?").name
    title = article.metadata.title or ""
    quotes = [g for g in gold["quotes"] if _locate(article.text, g[1], g[3] if len(g) > 3 else 1) is not None
              or g[1] not in title]  # a headline's quote: cleaning moved the headline to the metadata
    sc = Score(found=len(article.quotes), gold=len(quotes))
    used: set[int] = set()
    used_any: set[int] = set()
    for entry in quotes:
        kind, snippet, speaker = entry[:3]
        nth = entry[3] if len(entry) > 3 else 1
        span = _locate(article.text, snippet, nth)
        if span is None:
            raise SystemExit(f"{name}: gold snippet not in the clean text: {snippet!r}")
        s, e = span

        def covers(q: Any, s: int = s, e: int = e) -> bool:
            return min(q.end, e) - max(q.start, s) >= 0.5 * (e - s)

        hit_any = next((i for i, q in enumerate(article.quotes) if i not in used_any and covers(q)), None)
        if hit_any is not None:
            used_any.add(hit_any)
            sc.tp_any += 1
        hit = next((i for i, q in enumerate(article.quotes) if i not in used and q.kind == kind and covers(q)), None)
        if hit is None:
            sc.notes.append(f"{name}: missed {kind} {snippet[:50]!r} ({speaker})")
            continue
        used.add(hit)
        sc.tp += 1
        if speaker is not None:
            sc.named += 1
            got = article.quotes[hit].speaker
            if same_name(got, speaker):
                sc.right_speaker += 1
            else:
                sc.notes.append(f"{name}: speaker {got!r} for {speaker!r}: {snippet[:40]!r}")
    for i, q in enumerate(article.quotes):
        if i not in used:
            sc.notes.append(f"{name}: extra {q.kind} {q.text[:50]!r} ({q.speaker})")
    persons = [e.name for e in article.entities if e.label == "PERSON"]
    sc.sys_persons, sc.gold_persons = len(persons), len(gold["persons"])
    sc.person_hits_sys = sum(any(same_name(p, g) for g in gold["persons"]) for p in persons)
    sc.person_hits_gold = sum(any(same_name(p, g) for p in persons) for g in gold["persons"])
    return sc


def run(lang: str, pipeline: Pipeline) -> tuple[Score, float, int]:
    data = json.loads((GOLD / f"attribution_{lang}.json").read_text(encoding="utf-8"))
    folder = SETTINGS.semeval_dir / data["semeval_dir"] / "train-articles"
    total = Score()
    seconds = 0.0
    for gold in data["articles"]:
        path = folder / gold["file"]
        article = clean(RawDocument(data=path.read_bytes(), source=str(path)))
        t0 = time.perf_counter()
        pipeline.run(article)
        seconds += time.perf_counter() - t0
        total.add(score_article(article, gold))
    return total, seconds, len(data["articles"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", action="append", choices=LANGS, help="languages (default: all)")
    ap.add_argument("--show", action="store_true", help="print every miss, extra quote and wrong speaker")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    pipeline = Pipeline(["linguistics", "entities", "quotes"])
    rows = {}
    for lang in args.lang or LANGS:
        score, seconds, n = run(lang, pipeline)
        rows[lang] = {"articles": n, **score.table(), "seconds": round(seconds, 2)}
        if args.show:
            print("\n".join(score.notes), file=sys.stderr)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    cols = ["articles", "gold", "found", "precision", "recall", "f1", "f1_any_kind", "speaker_accuracy",
            "speakers_scored", "person_precision", "person_recall", "seconds"]
    print("lang " + " ".join(f"{c:>10.10}" for c in cols))
    for lang, row in rows.items():
        print(f"{lang:<4} " + " ".join(f"{'-' if row[c] is None else row[c]!s:>10.10}" for c in cols))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
