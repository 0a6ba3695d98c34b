"""Span extraction alone: character P/R/F1 of the spans of short techniques, given the gold paragraph labels and
(with --end-to-end) under the technique model's own paragraph labels.

    python bench/span_study.py [--split en-cv|newest|random|lolo] [--max-splits N] [--end-to-end CACHE]
                               [--json FILE] [--seed 0] [--extra fr,ge,it,po,ru] [--stored-offsets]
                               [--aligned-training] [--shipped-only] [--names-cache FILE]

`newest`, `random` and `lolo` are the project's splits (`presswatch.evaluation.splits`) over all six languages: the
newest quarter of each language by article id held out, seeded folds inside each language, or one language held
out; `en-cv` (the default): article-level 5-fold CV over English, the `--extra` languages joining every training
fold. Per split the span lexicon (`SpanModel`) and the token tagger (`SpanTagger`) are fitted on the training side;
`--end-to-end` also fits the whole technique model there (`train_techniques`, about 15-25 minutes on two shared
cores) and caches its paragraph labels of the test side in CACHE. Scored: every paragraph of a phrase-mode
technique (median gold span under 30 characters; Repetition aside, it keeps its article-count rule), given the
gold labels, or every scored paragraph the model labels with one (a span in a paragraph without the gold label is
all false positive; a gold span in a paragraph the model missed all false negative). The tagger's threshold,
widening and stop-word trimming stay as shipped; the grid varies what happens where no word reaches the threshold
(the span lexicon's phrases, as before; the best word above 0.1; abstain), whether the words of people's and
places' names (the project's NER on the test article, `linguistics` stage) may start, end or make a span of name
calling or loaded language, the share of the best span's score a further span needs, and widening over words the
span lexicon scores 0.4 or more. Micro P/R/F1 over characters, all phrase techniques pooled (and English alone),
then per frequent technique and per language for the rule before this change and the shipped one.
Gold spans are the loader's, re-aligned to the text (`semeval.gold_spans`); `--stored-offsets` scores against the
offsets as stored (the figures before session 8), `--aligned-training` fits the span parts on the re-aligned spans
(as `TechniqueConfig.aligned_offsets` does).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.scorers import prf  # noqa: E402
from presswatch.evaluation.semeval import gold_spans, load_language  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models.techniques.spans import fit_span_model, tokens  # noqa: E402
from presswatch.models.techniques.tagger import (  # noqa: E402
    NAME_BLIND,
    NAME_LABELS,
    SpanTagger,
    fit_span_tagger,
    tagged_techniques,
)
from presswatch.models.techniques.training import span_examples  # noqa: E402

SHOWN = ("Loaded_Language", "Name_Calling-Labeling", "Exaggeration-Minimisation", "Flag_Waving")
LANGS = ("en", "fr", "ge", "it", "po", "ru")


def offset_options(ap: argparse.ArgumentParser) -> None:
    """The span benches' two gold-offset switches: `--stored-offsets` (score the offsets as stored) and
    `--aligned-training` (fit the span parts on the re-aligned spans)."""
    ap.add_argument("--stored-offsets", action="store_true",
                    help="score against the gold span offsets as stored, not re-aligned (the figures before)")
    ap.add_argument("--aligned-training", action="store_true",
                    help="fit the span lexicon and tagger on the re-aligned gold spans (as aligned_offsets)")


def _chars(spans: list[tuple[int, int, float]]) -> set[int]:
    return {i for s, e, _ in spans for i in range(s, e)}


def _prf(c: Counter[str]) -> str:
    p, r, f1 = prf(c["tp"], c["fp"], c["fn"])
    return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}"


def _f1(c: Counter[str]) -> float:
    return prf(c["tp"], c["fp"], c["fn"])[2]


@dataclass(frozen=True)
class Rule:
    """One decoding rule: the tagger's settings, what happens when it finds nothing (`fallback`: "lexicon" = the
    span lexicon rule, as before this change; "word" = its best word above the floor; "abstain" = no span), and
    whether the words of named-entity mentions count for NAME_BLIND techniques (`names`: "free", or "trim": no span
    starts, ends or consists of them)."""

    fallback: str = "lexicon"
    names: str = "free"
    ratio: float = 0.0
    lex_extend: float = 0.0

    @property
    def name(self) -> str:
        return f"fallback {self.fallback:7s} names {self.names} ratio {self.ratio} lex-widen {self.lex_extend}"


OLD_FLOOR = 0.1  # the best word's floor before the tagger abstained
BEFORE = Rule()
SHIPPED = Rule("abstain", "trim", 0.5, 0.4)


def rules() -> list[Rule]:
    """The decoding rules compared (the tagger's threshold, widening and trimming stay as shipped)."""
    return [Rule(*x) for x in itertools.product(("lexicon", "word", "abstain"), ("free", "trim"),
                                                  (0.0, 0.5, 0.6), (0.0, 0.4))]


def decoder(tagger: SpanTagger, rule: Rule) -> SpanTagger:
    return replace(tagger, floor=tagger.threshold if rule.fallback == "abstain" else OLD_FLOOR, ratio=rule.ratio,
                   lex_extend=rule.lex_extend)


def article_names(art: object) -> list[tuple[int, int]]:
    """(start, end) of the people and places the project's NER finds in a SemEval article (linguistics stage)."""
    from presswatch.article import Article, Metadata
    from presswatch.stages import linguistics
    from presswatch.taxonomy import iso_language

    doc = Article(text=art.text, metadata=Metadata(language=iso_language(art.lang)))  # type: ignore[attr-defined]
    linguistics.run(doc)
    return [(m.start, m.end) for m in doc.mentions if m.label in NAME_LABELS]


def predicted_labels(folds: list[tuple[list, list]], split: str, seed: int, cache: Path) -> list[dict[str, dict]]:
    """Per split, {"lang/article id": {line: [technique, ...]}}: the paragraph labels of the technique model trained
    on that split's training side (`train_techniques`, as `presswatch train` builds it), cached in `cache` (JSON)
    under the split name, as one fit takes 25-28 minutes on two shared cores."""
    import json

    from presswatch.article import Article
    from presswatch.models.techniques.cv import predict_article
    from presswatch.models.techniques.training import train_techniques

    stored = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() else {}
    out = []
    for k, (train_arts, test_arts) in enumerate(folds):
        key = f"{split} {k} seed {seed}"
        if key not in stored:
            t0 = time.perf_counter()
            model = train_techniques(train_arts, seed=seed)
            labels = {}
            for a in test_arts:
                found = predict_article(model, a)
                labels[f"{a.lang}/{a.id}"] = {str(n): [t for t, _ in found.get(n, [])]
                                               for n, _ in Article(text=a.text).paragraphs()}
            stored[key] = labels
            cache.write_text(json.dumps(stored), encoding="utf-8")
            print(f"{key}: technique model fitted and applied in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        out.append(stored[key])
    return out


class Scorer:
    """Character counts per rule, per rule and technique, per rule and language."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}
        self.labels: dict[str, Counter[bool]] = {}  # paragraph labels right (True) or wrong, by rule and outcome

    def add(self, rule: str, tech: str, lang: str, gold: set[int], pred: set[int]) -> None:
        for key in (rule, f"{rule} | {tech}", f"{rule} | lang {lang}"):
            c = self.counts.setdefault(key, Counter())
            c["tp"] += len(gold & pred)
            c["fp"] += len(pred - gold)
            c["fn"] += len(gold - pred)

    def report(self, title: str) -> None:
        counts = self.counts
        print(title)
        pooled = sorted((k for k in counts if " | " not in k), key=lambda k: -_f1(counts[k]))
        before = counts[BEFORE.name]
        p0 = prf(before["tp"], before["fp"], before["fn"])[0]
        safe = [k for k in pooled if prf(counts[k]["tp"], counts[k]["fp"], counts[k]["fn"])[0] >= p0]
        shown = list(dict.fromkeys([BEFORE.name, SHIPPED.name, *pooled]))
        print(f"  best F1 with precision >= before's: {safe[0] if safe else '-'}")
        for key in shown:
            en = counts.get(f"{key} | lang en")
            print(f"  {key:60s} {_prf(counts[key])}" + (f"   English F1 {_f1(en):.3f}" if en else ""))
        for key in (f"{SHIPPED.name} labels {x}" for x in ("shown", "abstained")):
            if key in self.labels:
                c = self.labels[key]
                print(f"  paragraph labels, {key}: {c[True]} of {c[True] + c[False]} right "
                      f"({c[True] / max(1, c[True] + c[False]):.3f})")
        for key in sorted(counts):
            name, _, part = key.partition(" | ")
            if part and name in (BEFORE.name, SHIPPED.name) and (part in SHOWN or part.startswith("lang ")):
                print(f"  {key:90s} {_prf(counts[key])}")


def spans_for(rule: Rule, dec: SpanTagger, lexicon: object, text: str, tech: str, p: np.ndarray,
              stop: frozenset[str], names: np.ndarray | None) -> set[int]:
    toks = tokens(text)
    lex = lexicon.lexicon.get(tech, {})  # type: ignore[attr-defined]
    lex_scores = np.array([lex.get(w, 0.0) for *_, w in toks])
    mask = names if rule.names == "trim" and tech in NAME_BLIND else None
    found = dec.decode(toks, p, stop, text, lex_scores, mask)
    if not found and rule.fallback == "lexicon":
        found = lexicon._phrases(text, tech)  # type: ignore[attr-defined]  # the lexicon rule's phrases alone
    return _chars(found)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="en-cv", choices=("en-cv", "random", "newest", "lolo"))
    ap.add_argument("--extra", default="fr,ge,it,po,ru")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-splits", type=int, default=0, help="score only the first N folds (0: all)")
    ap.add_argument("--end-to-end", type=Path, default=None, metavar="CACHE",
                    help="also score spans under the technique model's own paragraph labels (fitted per split, "
                         "cached in CACHE)")
    ap.add_argument("--json", type=Path, default=None, help="write every count to this file")
    offset_options(ap)
    ap.add_argument("--shipped-only", action="store_true", help="score only the rule before and the shipped one")
    ap.add_argument("--names-cache", type=Path, default=None, help="keep the NER names of the test articles here")
    args = ap.parse_args()
    from sklearn.model_selection import KFold

    from presswatch.article import Article

    if args.split == "en-cv":
        arts = load_language(SETTINGS.semeval_dir, "en")
        extra = [a for lg in args.extra.split(",") if lg for a in load_language(SETTINGS.semeval_dir, lg)]
        folds = [([arts[i] for i in tr] + extra, [arts[i] for i in te])
                 for tr, te in KFold(5, shuffle=True, random_state=args.seed).split(np.arange(len(arts)))]
    else:
        arts = [a for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)]
        folds = [([arts[i] for i in sp.train], [arts[i] for i in sp.test])
                 for sp in make_splits(arts, args.split, seed=args.seed)]
    folds = folds[:args.max_splits] if args.max_splits else folds
    predicted = predicted_labels(folds, args.split, args.seed, args.end_to_end) if args.end_to_end else None
    given, e2e = Scorer(), Scorer()
    all_rules = [BEFORE, SHIPPED] if args.shipped_only else rules()
    import json

    names_of = json.loads(args.names_cache.read_text(encoding="utf-8")) if args.names_cache and \
        args.names_cache.exists() else {}
    t0 = time.perf_counter()
    for k, (train_arts, test_arts) in enumerate(folds):
        train = span_examples(train_arts, args.aligned_training)
        lexicon = fit_span_model(train)
        tagger = fit_span_tagger(train, lexicon.lexicon, tagged_techniques(lexicon), seed=args.seed)
        assert tagger is not None
        decoders = [(r, decoder(tagger, r)) for r in all_rules]
        for art in test_arts:
            key = f"{art.lang}/{art.id}"
            if key not in names_of:
                names_of[key] = article_names(art)
            names = [tuple(x) for x in names_of[key]]
            paras = Article(text=art.text).paragraphs()
            scored = set(art.paragraph_labels)
            sources = [("given", given, {n: art.paragraph_labels.get(n, []) for n, _ in paras})]
            if predicted is not None:
                got = predicted[k][f"{art.lang}/{art.id}"]
                sources.append(("e2e", e2e, {n: got.get(str(n), []) for n, _ in paras if n in scored}))
            for mode, scorer, labels in sources:
                for n, span in paras:
                    text = art.text[span.start:span.end]
                    toks = tokens(text)
                    mask = np.array([any(ns <= span.start + s and span.start + e <= ne for ns, ne in names)
                                     for s, e, _ in toks], dtype=bool)
                    for tech in tagger.techniques:
                        gold = {i - span.start for t, s, e in gold_spans(art, not args.stored_offsets) if t == tech
                                for i in range(max(s, span.start), min(e, span.end))} if n in scored else set()
                        if mode == "given" and not (tech in labels.get(n, []) and gold):
                            continue  # given the gold labels: the paragraphs span_examples() yields
                        if tech not in labels.get(n, []):
                            if gold:
                                for r, _ in decoders:
                                    scorer.add(r.name, tech, art.lang, gold, set())
                            continue
                        stop = tagger.function_words(art.lang, lexicon.lexicon.get(tech, {}))
                        p = tagger.probabilities(text, tech, lexicon.lexicon.get(tech, {}))
                        for r, d in decoders:
                            pred = spans_for(r, d, lexicon, text, tech, p, stop, mask)
                            scorer.add(r.name, tech, art.lang, gold, pred)
                            if r.fallback == "abstain":  # is a label whose tagger abstains right less often?
                                key = f"{r.name} labels {'shown' if pred else 'abstained'}"
                                scorer.labels.setdefault(key, Counter())[tech in art.paragraph_labels.get(n, [])] += 1
    if args.names_cache:
        args.names_cache.write_text(json.dumps(names_of), encoding="utf-8")
    head = f"split {args.split}, {len(folds)} split(s), seed {args.seed} ({time.perf_counter() - t0:.0f} s)"
    given.report(f"span character P/R/F1 of phrase techniques given the gold paragraph labels, {head}")
    if args.json:
        labels = {k: {str(b): n for b, n in c.items()} for k, c in e2e.labels.items()}
        args.json.write_text(json.dumps({"given": given.counts, "e2e": e2e.counts, "labels": labels}),
                             encoding="utf-8")
    if predicted is not None:
        e2e.report(f"\nthe same end to end (the technique model's own paragraph labels), {head}")


if __name__ == "__main__":
    main()
