"""Training with an analyst's corrections moves the technique model's verdict on the corrected paragraphs.

A tiny model (30 English articles, small n-gram vocabularies, no encoder) is trained twice with the same five
paragraphs of an unseen article as extra examples: once with Loaded_Language marked false on them, once with it
confirmed. Same data, same seed, only the analyst's verdict differs, so any change is the corrections' doing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from presswatch.article import Article, Metadata, Technique
from presswatch.corpus import corrections as cr
from presswatch.corpus.store import Store
from presswatch.evaluation.semeval import load_language
from presswatch.models.techniques.model import TechniqueConfig
from presswatch.models.techniques.training import train_techniques

pytestmark = pytest.mark.slow
T = "Loaded_Language"
K = 5  # corrections (one paragraph each)
CFG = TechniqueConfig(max_word=20000, max_char=5000, epochs=10, span_tagger=False, inner_folds=2, lex_folds=2)


def _no_encoder(texts: list[str]) -> np.ndarray:
    return np.zeros((len(texts), 384), np.float32)


def _trained(tmp: Path, train: list, target: Article, verdict: str) -> tuple[np.ndarray, float]:
    paras = target.paragraphs()[1:K + 1]
    with Store(tmp / f"{verdict}.db") as store:
        a = Article.from_dict(target.to_dict())
        a.techniques = [Technique(T, "Manipulative wording", s.start, s.end, a.text[s.start:s.end], n, 0.5)
                        for n, s in paras]
        aid = store.add(a)
        assert aid is not None
        for _, s in paras:
            cr.add(store, aid, cr.Correction("technique", verdict, T, s.start, s.end, who="test"))
        extra = cr.training_examples(store)
    assert len(extra) == cr.WEIGHT and all(len(e.paragraph_labels) == K for e in extra)
    model = train_techniques(train + extra, seed=0, config=CFG, embed=_no_encoder)
    j = model.labels.index(T)
    texts = [target.text[s.start:s.end] for _, s in paras]
    return model.scores(texts, _no_encoder(texts))[:, j], float(model.thresholds[model.head("en")][j])


def test_corrections_move_the_verdict(semeval_dir: Path, tmp_path: Path) -> None:
    articles = load_language(semeval_dir, "en")
    target = Article(text=articles[40].text, metadata=Metadata(language="en"))
    false, t_false = _trained(tmp_path, articles[:30], target, "false")
    true, t_true = _trained(tmp_path, articles[:30], target, "true")
    assert (false < true).all(), (false, true)  # every corrected paragraph scores lower when marked false
    assert int((false >= t_false).sum()) <= 2 and int((true >= t_true).sum()) == K, (false, t_false, true, t_true)
