"""Span extraction alone: character F1 of the spans of short techniques, given the gold paragraph labels.

    python bench/span_study.py [--extra fr,ge,it,po,ru] [--seed 0]

Article-level 5-fold CV over the English split (the extra languages join every training fold). For every
labelled paragraph of a phrase-mode technique (median gold span under 30 characters; Repetition excluded, it keeps
its article-count rule), compares the span lexicon rule (`SpanModel`) with the token tagger (`SpanTagger`) at a
few thresholds. Micro P/R/F1 over characters, all techniques pooled, then per frequent technique.
"""

from __future__ import annotations

import argparse
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
from presswatch.models.techniques.spans import fit_span_model  # noqa: E402
from presswatch.models.techniques.tagger import fit_span_tagger, tagged_techniques  # noqa: E402
from presswatch.models.techniques.training import span_examples  # noqa: E402

SHOWN = ("Loaded_Language", "Name_Calling-Labeling", "Exaggeration-Minimisation", "Flag_Waving")


def _chars(spans: list[tuple[int, int, float]]) -> set[int]:
    return {i for s, e, _ in spans for i in range(s, e)}


def _prf(c: Counter[str]) -> str:
    s = prf(c["tp"], c["fp"], c["fn"])
    return f"P {s['p']:.3f}  R {s['r']:.3f}  F1 {s['f1']:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--extra", default="fr,ge,it,po,ru")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    from sklearn.model_selection import KFold

    en = load_language(SETTINGS.semeval_dir, "en")
    extra = span_examples([a for lg in args.extra.split(",") if lg for a in load_language(SETTINGS.semeval_dir, lg)])
    counts: dict[str, Counter[str]] = {}
    t0 = time.perf_counter()
    for tr, te in KFold(5, shuffle=True, random_state=args.seed).split(np.arange(len(en))):
        train = span_examples([en[i] for i in tr]) + extra
        lexicon = fit_span_model(train)
        tagger = fit_span_tagger(train, lexicon.lexicon, tagged_techniques(lexicon), seed=args.seed)
        assert tagger is not None
        for text, tech, gold_spans in span_examples([en[i] for i in te]):
            if tech not in tagger.techniques:
                continue
            gold = {i for s, e in gold_spans for i in range(s, e)}
            preds = {"lexicon rule": _chars(lexicon.spans(text, tech))}
            for thr in (0.2, 0.25, 0.3):
                preds[f"tagger @{thr}"] = _chars(replace(tagger, threshold=thr).spans(text, tech, lexicon.lexicon.get(
                    tech, {})))
            for name, pred in preds.items():
                for key in (name, f"{name} | {tech}"):
                    c = counts.setdefault(key, Counter())
                    c["tp"] += len(gold & pred)
                    c["fp"] += len(pred - gold)
                    c["fn"] += len(gold - pred)
    print(f"span character F1 given gold paragraph labels, English 5-fold CV, seed {args.seed} "
          f"({time.perf_counter() - t0:.0f} s)")
    for key in sorted(counts):
        if " | " not in key or key.split(" | ")[1] in SHOWN:
            print(f"{key:48s} {_prf(counts[key])}")


if __name__ == "__main__":
    main()
