"""Who said what, per language, against the hand-checked gold: the tuning set (bench/gold/attribution_*.json)
and the held-out set (bench/gold/heldout/, see bench/attribution_gold.py for how it was drawn and written).

    python bench/attribution_bench.py            # every language, tuning and held-out: a table
    python bench/attribution_bench.py --split heldout --lang ru --show   # one language, each miss and wrong speaker
    python bench/attribution_bench.py --json
    python bench/attribution_bench.py --dump quotes.json   # also every article's quotes, to diff a refactor
    python bench/attribution_bench.py --split tuning --lang en --added-in 8   # the articles one session added

Each gold article (a SemEval training file) is cleaned and run through the linguistics, entities and quotes stages,
the analysers chosen by its detected language (a gold quote of the headline, which cleaning moves to the metadata,
is not counted). A found quote matches a gold one when their kinds agree and it covers at least half of the gold
span (one found quote per gold quote). The tuning gold gives the words a quote starts with, so its span is that
prefix; the held-out gold gives the whole quote. Quote P/R/F1 count every found quote (`recall_reported`: the
recall of the gold's reported speech alone; `direct_precision` / `reported_precision`: the precision of the found
quotes of each kind). Speaker accuracy is over matched quotes whose gold speaker is named (`speaker_missing`: the
share of them found with no speaker at all): a speaker is right when its name equals the gold one, case,
punctuation and diacritics aside, or has the same last word; `speaker_exact` counts only the whole name ("Haig" for
"Douglas Haig" is right but not exact). Where the gold gives the speaker as written, speaker accuracy is also split
by how the text names the speaker (`speaker_kind`): a pronoun ("he said"), a name ("Haig said", "Franken's office
said") or a role without the name ("the attorney general said"). `any kind` F1 matches regardless of kind. Person
entities: the article's PERSON entity names against the gold persons, matched the same way.
The table marks (*) a language whose quote F1 or speaker accuracy is more than 0.15 below English on that split.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from presswatch.article import Article, RawDocument
from presswatch.clean import clean
from presswatch.config import SETTINGS
from presswatch.evaluation.scorers import prf
from presswatch.pipeline import Pipeline

GOLD = Path(__file__).resolve().parent / "gold"
LANGS = ("en", "ru", "fr", "de", "it", "pl")


def _fold(name: str) -> str:
    """Case, punctuation and diacritics aside: 'Yılmaz' and 'Yilmaz' are one name."""
    decomposed = unicodedata.normalize("NFKD", name.replace("ı", "i"))
    return re.sub(r"[^\w\s-]", "", "".join(c for c in decomposed if not unicodedata.combining(c))).casefold()


def same_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    na, nb = (_fold(x).split() for x in (a, b))
    return bool(na and nb) and (na == nb or na[-1] == nb[-1])


PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "his", "her", "their", "its",
                      # ru, de, pl, fr, it: a subject or possessive pronoun as written ("сказал он", "so er",
                      # "dodała ona", "selon lui"), so those speakers are not counted as roles
                      "он", "она", "они", "его", "ее", "её", "их", "ему", "ей", "er", "sie", "ihm", "ihr", "seine",
                      "ihre", "on", "ona", "oni", "one", "jego", "jej", "niego", "niej", "il", "elle", "ils", "elles",
                      "lui", "egli", "lei", "loro"})
KINDS = ("named", "pronoun", "role")


def speaker_kind(as_written: str | None, speaker: str | None) -> str | None:
    """How the text names a gold speaker: "pronoun", "named" (a capitalised word of the canonical name is in the
    words as written) or "role"; None when the gold does not say or names nobody."""
    if not as_written or not speaker:
        return None
    words = _fold(as_written).split()
    if len(words) == 1 and words[0] in PRONOUNS:
        return "pronoun"
    name = {_fold(w) for w in speaker.split() if w[:1].isupper()}
    return "named" if name & set(words) else "role"


@dataclass
class Score:
    found: int = 0
    gold: int = 0
    tp: int = 0
    tp_any: int = 0
    named: int = 0
    right_speaker: int = 0
    exact_speaker: int = 0
    gold_reported: int = 0
    tp_reported: int = 0
    found_reported: int = 0
    no_speaker: int = 0
    sys_persons: int = 0
    gold_persons: int = 0
    person_hits_sys: int = 0
    person_hits_gold: int = 0
    scored_named: int = 0
    right_named: int = 0
    scored_pronoun: int = 0
    right_pronoun: int = 0
    scored_role: int = 0
    right_role: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for k, v in vars(other).items():
            if isinstance(v, int):
                setattr(self, k, getattr(self, k) + v)
            else:
                self.notes.extend(v)

    def by_kind(self, kind: str) -> list[Any]:
        """[accuracy, n] over the scored speakers the text names this way."""
        n, right = getattr(self, f"scored_{kind}"), getattr(self, f"right_{kind}")
        return [round(right / n, 3) if n else None, n]

    def table(self) -> dict[str, Any]:
        p, r, f = prf(self.tp, self.found - self.tp, self.gold - self.tp)
        _, _, f_any = prf(self.tp_any, self.found - self.tp_any, self.gold - self.tp_any)
        ep = self.person_hits_sys / self.sys_persons if self.sys_persons else 0.0
        er = self.person_hits_gold / self.gold_persons if self.gold_persons else 0.0
        found_direct, tp_direct = self.found - self.found_reported, self.tp - self.tp_reported
        return {"gold": self.gold, "found": self.found, "precision": round(p, 3), "recall": round(r, 3),
                "f1": round(f, 3), "f1_any_kind": round(f_any, 3),
                "recall_reported": round(self.tp_reported / self.gold_reported, 3) if self.gold_reported else None,
                "direct_precision": round(tp_direct / found_direct, 3) if found_direct else None,
                "reported_precision": round(self.tp_reported / self.found_reported, 3) if self.found_reported else None,
                "speaker_accuracy": round(self.right_speaker / self.named, 3) if self.named else None,
                "speakers_scored": self.named,
                "speaker_missing": round(self.no_speaker / self.named, 3) if self.named else None,
                "speaker_exact": round(self.exact_speaker / self.named, 3) if self.named else None,
                **{f"speaker_{k}": self.by_kind(k) for k in KINDS},
                "person_precision": round(ep, 3), "person_recall": round(er, 3)}


def _locate(text: str, snippet: str, nth: int) -> tuple[int, int] | None:
    pos = -1
    for _ in range(nth):
        pos = text.find(snippet, pos + 1)
        if pos < 0:
            return None
    return pos, pos + len(snippet)


def _occurrences(text: str, snippet: str) -> list[tuple[int, int]]:
    """Where a snippet is in the text, whitespace runs matching any whitespace (cleaning folds blank lines)."""
    pattern = r"\s+".join(re.escape(w) for w in snippet.split())
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


# a gold quote located in the clean text: (kind, start, end, canonical speaker, snippet for the notes,
# how the text names the speaker: `speaker_kind`)
Span = tuple[str, int, int, str | None, str, str | None]


def tuning_spans(article: Article, gold: dict[str, Any]) -> list[Span]:
    name = Path(article.metadata.source or "?").name
    title = article.metadata.title or ""
    out = []
    for entry in gold["quotes"]:
        if isinstance(entry, dict):  # {kind, snippet, speaker, as_written, nth}
            kind, snippet, speaker, nth = entry["kind"], entry["snippet"], entry["speaker"], entry.get("nth", 1)
            written = entry["as_written"]
        else:  # [kind, snippet, speaker, nth]
            kind, snippet, speaker = entry[:3]
            nth, written = entry[3] if len(entry) > 3 else 1, None
        span = _locate(article.text, snippet, nth)
        if span is None:
            if snippet in title:  # a headline's quote: cleaning moved the headline to the metadata
                continue
            raise SystemExit(f"{name}: gold snippet not in the clean text: {snippet!r}")
        out.append((kind, span[0], span[1], speaker, snippet, speaker_kind(written, speaker)))
    return out


def heldout_spans(article: Article, gold: dict[str, Any], raw: str, prefix_words: int = 0) -> list[Span]:
    """Held-out quotes carry offsets into the file; cleaning only drops text before the body and folds
    whitespace, so the k-th occurrence from the end in the file is the k-th from the end in the clean text.
    prefix_words > 0 keeps only a quote's first words, as the tuning gold gives them (for comparison)."""
    name = Path(article.metadata.source or "?").name
    out = []
    for q in gold["quotes"]:
        in_raw = [s for s, _ in _occurrences(raw, q["text"])]
        in_clean = _occurrences(article.text, q["text"])
        from_end = sum(s >= q["start"] for s in in_raw)
        if not in_clean or from_end == 0 or from_end > len(in_clean):
            raise SystemExit(f"{name}: held-out quote not in the clean text: {q['text'][:60]!r}")
        s, e = in_clean[-from_end]
        if prefix_words:
            words = list(re.finditer(r"\S+", article.text[s:e]))[:prefix_words]
            e = s + words[-1].end()
        out.append((q["kind"], s, e, q["speaker"], q["text"], speaker_kind(q["speaker_as_written"], q["speaker"])))
    return out


def score_article(article: Article, gold: dict[str, Any], spans: list[Span] | None = None) -> Score:
    name = Path(article.metadata.source or "?").name
    spans = tuning_spans(article, gold) if spans is None else spans
    sc = Score(found=len(article.quotes), gold=len(spans), gold_reported=sum(sp[0] == "reported" for sp in spans),
               found_reported=sum(q.kind == "reported" for q in article.quotes))
    used: set[int] = set()
    used_any: set[int] = set()
    for kind, s, e, speaker, snippet, how in spans:
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
        sc.tp_reported += kind == "reported"
        if speaker is not None:
            sc.named += 1
            got = article.quotes[hit].speaker
            right = same_name(got, speaker)
            sc.no_speaker += not got
            sc.right_speaker += right
            sc.exact_speaker += bool(got) and _fold(got).split() == _fold(speaker).split()
            if how is not None:
                setattr(sc, f"scored_{how}", getattr(sc, f"scored_{how}") + 1)
                setattr(sc, f"right_{how}", getattr(sc, f"right_{how}") + right)
            if not right:
                sc.notes.append(f"{name}: speaker {got!r} for {speaker!r} ({how}): {snippet[:40]!r}")
    for i, q in enumerate(article.quotes):
        if i not in used:
            sc.notes.append(f"{name}: extra {q.kind} {q.text[:50]!r} ({q.speaker})")
    persons = [e.name for e in article.entities if e.label == "PERSON"]
    sc.sys_persons, sc.gold_persons = len(persons), len(gold["persons"])
    sc.person_hits_sys = sum(any(same_name(p, g) for g in gold["persons"]) for p in persons)
    sc.person_hits_gold = sum(any(same_name(p, g) for p in persons) for g in gold["persons"])
    return sc


def gold_file(lang: str, split: str) -> Path:
    return GOLD / f"attribution_{lang}.json" if split == "tuning" else GOLD / "heldout" / f"attribution_{lang}.json"


def run(lang: str, pipeline: Pipeline, split: str = "tuning", prefix_words: int = 0,
        dump: dict[str, Any] | None = None, added_in: int | None = None) -> tuple[Score, float, int]:
    """Score one language on one split; `dump`, when given, gets each article's quotes by file name; `added_in`
    keeps only the gold articles added in that session (0: those that record none)."""
    data = json.loads(gold_file(lang, split).read_text(encoding="utf-8"))
    folder = SETTINGS.semeval_dir / data["semeval_dir"] / "train-articles"
    articles = [g for g in data["articles"] if added_in is None or g.get("added_in", 0) == added_in]
    total = Score()
    seconds = 0.0
    for gold in articles:
        path = folder / gold["file"]
        raw = path.read_bytes()
        article = clean(RawDocument(data=raw, source=str(path)))
        t0 = time.perf_counter()
        pipeline.run(article)
        seconds += time.perf_counter() - t0
        if dump is not None:
            dump[gold["file"]] = [asdict(q) for q in article.quotes]
        spans = heldout_spans(article, gold, raw.decode("utf-8"), prefix_words) if split == "heldout" else None
        total.add(score_article(article, gold, spans))
    return total, seconds, len(articles)


def flag_gaps(rows: dict[str, dict[str, dict[str, Any]]], margin: float = 0.15) -> None:
    """Mark, per split, each language whose quote F1 or speaker accuracy is more than `margin` below English."""
    for by_lang in rows.values():
        en = by_lang.get("en")
        for row in by_lang.values():
            for key in ("f1", "speaker_accuracy"):
                ok = None
                if en is not None and en.get(key) is not None and row.get(key) is not None:
                    ok = row[key] >= en[key] - margin
                row[f"{key}_within_{margin}_of_en"] = ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lang", action="append", choices=LANGS, help="languages (default: all)")
    ap.add_argument("--split", choices=("tuning", "heldout", "both"), default="both",
                    help="the tuning gold, the held-out gold, or both side by side (default)")
    ap.add_argument("--prefix-words", type=int, default=0, metavar="N",
                    help="match held-out quotes on their first N words only, as the tuning gold is written")
    ap.add_argument("--added-in", type=int, metavar="N",
                    help="only the gold articles added in session N (0: those that record no session)")
    ap.add_argument("--show", action="store_true", help="print every miss, extra quote and wrong speaker")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--dump", type=Path, metavar="PATH",
                    help="write every article's quotes (split -> language -> file) as JSON, to diff two trees")
    args = ap.parse_args(argv)
    pipeline = Pipeline(["linguistics", "entities", "quotes"])
    splits = ("tuning", "heldout") if args.split == "both" else (args.split,)
    langs = args.lang or LANGS
    rows: dict[str, dict[str, dict[str, Any]]] = {}
    dumped: dict[str, dict[str, dict[str, Any]]] = {}
    for split in splits:
        rows[split] = {}
        for lang in langs:
            if not gold_file(lang, split).exists():
                continue
            dump = dumped.setdefault(split, {}).setdefault(lang, {}) if args.dump else None
            score, seconds, n = run(lang, pipeline, split, args.prefix_words, dump, args.added_in)
            rows[split][lang] = {"articles": n, **score.table(), "seconds": round(seconds, 2)}
            if args.show:
                print(f"# {split} {lang}", *score.notes, sep="\n", file=sys.stderr)
    flag_gaps(rows)
    if args.dump:
        args.dump.write_text(json.dumps(dumped, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    cols = ["articles", "gold", "found", "precision", "recall", "f1", "f1_any_kind", "recall_reported",
            "direct_precision", "reported_precision", "speaker_accuracy", "speakers_scored", "speaker_missing",
            "speaker_exact", *(f"speaker_{k}" for k in KINDS),
            "person_precision", "person_recall", "seconds"]
    print("lang split   " + " ".join(f"{c:>10.10}" for c in cols))
    for lang in langs:
        for split in splits:
            row = rows[split].get(lang)
            if row is None:
                continue
            cells = []
            for c in cols:
                value = row[c]
                if isinstance(value, list):  # [accuracy, n]
                    value = None if value[0] is None else f"{value[0]}/{value[1]}"
                cell = "-" if value is None else str(value)
                if row.get(f"{c}_within_0.15_of_en") is False:
                    cell += "*"
                cells.append(f"{cell:>10.10}")
            print(f"{lang:<4} {split:<7} " + " ".join(cells))
    print("* more than 0.15 below English on the same split")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
