"""What the span lexicon's word block (`lexicon_features`, a part of the technique MLP's input) says about the
paragraph labels on its own, with the lexicon fitted on the gold spans as stored or re-aligned: paragraph
micro-F1 on the test side of a shift split of a logistic head per technique over that block alone (a proxy for
`TechniqueConfig.aligned_offsets`'s effect on the paragraph labels, not the shipped model's score).

    python bench/word_block_study.py [--split newest|lolo|random] [--threshold 0.3]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from presswatch.article import Article  # noqa: E402
from presswatch.config import SETTINGS  # noqa: E402
from presswatch.evaluation.semeval import SemEvalArticle, load_language  # noqa: E402
from presswatch.evaluation.splits import make_splits  # noqa: E402
from presswatch.models.techniques.spans import SpanModel, fit_span_model, lexicon_features, tokens  # noqa: E402
from presswatch.models.techniques.training import span_examples  # noqa: E402
from presswatch.taxonomy import TECHNIQUES  # noqa: E402

LANGS = ("en", "fr", "ge", "it", "po", "ru")
Rows = tuple[list[tuple[str, Counter[str]]], np.ndarray, np.ndarray]


def scored_rows(arts: list[SemEvalArticle]) -> Rows:
    """(paragraph text, the article's word counts), the label matrix and the language of every scored paragraph."""
    texts, labels, langs = [], [], []
    for a in arts:
        counts = Counter(t for *_, t in tokens(a.text))
        for n, s in Article(text=a.text).paragraphs():
            if n in a.paragraph_labels:
                texts.append((a.text[s.start:s.end], counts))
                labels.append([t in a.paragraph_labels[n] for t in TECHNIQUES])
                langs.append(a.lang)
    return texts, np.array(labels, dtype=bool), np.array(langs)


def block(model: SpanModel, rows: Rows) -> np.ndarray:
    return np.vstack([lexicon_features(model, [p], c) for p, c in rows[0]])


def micro_f1(pred: np.ndarray, gold: np.ndarray) -> float:
    tp, fp, fn = (pred & gold).sum(), (pred & ~gold).sum(), (~pred & gold).sum()
    return float(2 * tp / max(2 * tp + fp + fn, 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--split", default="newest", choices=("random", "newest", "lolo"))
    ap.add_argument("--threshold", type=float, default=0.3)
    args = ap.parse_args()
    arts = [a for lg in LANGS for a in load_language(SETTINGS.semeval_dir, lg)]
    print("training spans  pooled  " + "  ".join(LANGS) + "  (paragraph micro-F1 of the word block alone)")
    for aligned in (False, True):
        t0 = time.process_time()
        pred_all, gold_all, lang_all = [], [], []
        for sp in make_splits(arts, args.split, seed=0):
            train, test = scored_rows([arts[i] for i in sp.train]), scored_rows([arts[i] for i in sp.test])
            model = fit_span_model(span_examples([arts[i] for i in sp.train], aligned))
            x_train, x_test = block(model, train), block(model, test)
            pred = np.zeros(test[1].shape, dtype=bool)
            for j in range(len(TECHNIQUES)):
                if train[1][:, j].sum() >= 5 and not train[1][:, j].all():
                    head = LogisticRegression(max_iter=500).fit(x_train, train[1][:, j])
                    pred[:, j] = head.predict_proba(x_test)[:, 1] >= args.threshold
            pred_all.append(pred)
            gold_all.append(test[1])
            lang_all.append(test[2])
        pred, gold, langs = np.vstack(pred_all), np.vstack(gold_all), np.concatenate(lang_all)
        print(f"{'aligned' if aligned else 'stored':14}  {micro_f1(pred, gold):.4f}  "
              + "  ".join(f"{micro_f1(pred[langs == lg], gold[langs == lg]):.4f}" for lg in LANGS)
              + f"  ({time.process_time() - t0:.0f} s CPU)")


if __name__ == "__main__":
    main()
