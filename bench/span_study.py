"""Span extraction alone: character F1 of the spans of short techniques, given the gold paragraph labels.

    python bench/span_study.py [--split en-cv|random|newest] [--extra fr,ge,it,po,ru] [--seed 0] [--max-splits N]

`en-cv` (the default): article-level 5-fold CV over the English split, the extra languages joining every training
fold. `random` and `newest` are the project's splits (`presswatch.evaluation.splits`) over all six languages: seeded
folds inside each language, or the newest quarter of each language by article id held out; their test paragraphs
come from every language. For every labelled paragraph of a phrase-mode technique (median gold span under 30
characters; Repetition excluded, it keeps its article-count rule), compares the span lexicon rule (`SpanModel`)
with the token tagger (`SpanTagger`) under a grid of decoding rules: word threshold, widening over neighbours
scoring `extend` or more, and trimming the stop words of the article's language from span edges (`all`: spaCy's
whole list; `lex`: less the words the technique's span lexicon scores at the threshold or above). Micro P/R/F1
over characters, all techniques pooled (and English alone), then per frequent technique and per language for the
rule, the old default and the shipped one.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.scorers import prf  # noqa: E402
from presswatch.evaluation.semeval import load_language  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models.techniques.spans import fit_span_model, tokens  # noqa: E402
from presswatch.models.techniques.stopwords import stop_words  # noqa: E402
from presswatch.models.techniques.tagger import SpanTagger, fit_span_tagger, tagged_techniques  # noqa: E402
from presswatch.models.techniques.training import span_examples  # noqa: E402

SHOWN = ("Loaded_Language", "Name_Calling-Labeling", "Exaggeration-Minimisation", "Flag_Waving")
LANGS = ("en", "fr", "ge", "it", "po", "ru")
OLD = "tagger thr 0.25 floor 0.1 extend 0.0 trim no"  # the decoding rule before widening and trimming


def _chars(spans: list[tuple[int, int, float]]) -> set[int]:
    return {i for s, e, _ in spans for i in range(s, e)}


def _prf(c: Counter[str]) -> str:
    p, r, f1 = prf(c["tp"], c["fp"], c["fn"])
    return f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}"


def _f1(c: Counter[str]) -> float:
    return prf(c["tp"], c["fp"], c["fn"])[2]


def rules(tagger: SpanTagger) -> dict[str, SpanTagger]:
    """The decoding rules compared, by name."""
    out = {}
    for thr, ext, trim in itertools.product((0.2, 0.25, 0.3, 0.35), (0.0, 0.5, 0.6, 0.75), ("no", "all", "lex")):
        name = f"tagger thr {thr} floor 0.1 extend {ext and round(ext * thr, 3)} trim {trim}"
        out[name] = replace(tagger, threshold=thr, extend=ext * thr, trim_stop=trim != "no")
    shipped = SpanTagger(tagger.coef, tagger.intercept, tagger.techniques)
    out[f"shipped: tagger thr {shipped.threshold} floor {shipped.floor} extend {shipped.extend} "
        f"trim {'lex' if shipped.trim_stop else 'no'}"] = replace(tagger, threshold=shipped.threshold,
                                                                 floor=shipped.floor, extend=shipped.extend,
                                                                 trim_stop=shipped.trim_stop)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="en-cv", choices=("en-cv", "random", "newest"))
    ap.add_argument("--extra", default="fr,ge,it,po,ru")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--max-splits", type=int, default=0, help="score only the first N folds (0: all)")
    args = ap.parse_args()
    from sklearn.model_selection import KFold

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
    counts: dict[str, Counter[str]] = {}
    t0 = time.perf_counter()
    for train_arts, test_arts in folds:
        train = span_examples(train_arts)
        lexicon = fit_span_model(train)
        tagger = fit_span_tagger(train, lexicon.lexicon, tagged_techniques(lexicon), seed=args.seed)
        assert tagger is not None
        decoders = rules(tagger)
        for art in test_arts:
            stop = stop_words(art.lang)
            for text, tech, gold_spans in span_examples([art]):
                if tech not in tagger.techniques:
                    continue
                gold = {i for s, e in gold_spans for i in range(s, e)}
                toks = tokens(text)
                p = tagger.probabilities(text, tech, lexicon.lexicon.get(tech, {}))
                preds = {"lexicon rule": _chars(lexicon.spans(text, tech))}
                lex = lexicon.lexicon.get(tech, {})
                preds |= {name: _chars(d.decode(toks, p, stop if name.endswith("all") else d.function_words(
                    art.lang, lex), text)) for name, d in decoders.items()}
                for name, pred in preds.items():
                    for key in (name, f"{name} | {tech}", f"{name} | lang {art.lang}"):
                        c = counts.setdefault(key, Counter())
                        c["tp"] += len(gold & pred)
                        c["fp"] += len(pred - gold)
                        c["fn"] += len(gold - pred)
    print(f"span character F1 given gold paragraph labels, split {args.split}, {len(folds)} split(s), seed {args.seed} "
          f"({time.perf_counter() - t0:.0f} s)")
    pooled = sorted((k for k in counts if " | " not in k), key=lambda k: -_f1(counts[k]))
    for key in pooled:
        en = counts.get(f"{key} | lang en")
        print(f"{key:52s} {_prf(counts[key])}" + (f"   English F1 {_f1(en):.3f}" if en else ""))
    detail = ("lexicon rule", OLD, next(k for k in counts if k.startswith("shipped")))
    for key in sorted(counts):
        name, _, part = key.partition(" | ")
        if part and name in detail and (part in SHOWN or part.startswith("lang ")):
            print(f"{key:80s} {_prf(counts[key])}")


if __name__ == "__main__":
    main()
