"""Fitting the technique model on SemEval training articles: paragraph rows and their features, out-of-fold
ridge and lexicon blocks, the MLP ensemble with thresholds tuned on its held-out scores, and the span parts.

`presswatch train techniques` ships it (all six languages by default: English 5-fold CV micro-F1 0.393 vs 0.387
on English alone with the float encoder, 0.385 with the shipped int8/128 one, and the model then serves every
SemEval language). With 100k words + 30k character n-grams at ridge alpha 2 and English paragraphs weighted twice
in the MLP: 0.399 (was 0.387); with the repetition and attribution cues of `cues`: 0.402 (seed 1: 0.395 -> 0.398).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.model_selection import KFold

from presswatch.article import Article
from presswatch.errors import ModelError
from presswatch.evaluation.scorers import f1_score
from presswatch.evaluation.semeval import SemEvalArticle, gold_spans
from presswatch.models.encoder import DOC_ENCODER_ID
from presswatch.models.techniques import features as tf
from presswatch.models.techniques.model import DENSE_DIM, HEADS, TechniqueConfig, TechniqueModel, dense_block
from presswatch.models.techniques.net import LexicalHead, NetWeights, fit_lexical, train_net
from presswatch.models.techniques.spans import N_LEXICON_FEATURES, SpanModel, fit_span_model, lexicon_features, tokens
from presswatch.models.techniques.tagger import fit_span_tagger, tagged_techniques
from presswatch.taxonomy import LANGUAGES, TECHNIQUES

Embedder = Callable[[list[str]], np.ndarray]


@dataclass
class Rows:
    """Scored paragraphs of a set of articles, with their features and gold labels."""

    texts: list[str]
    dense: dict[str, np.ndarray]  # MLP head -> its dense block (`model.dense_block`)
    y: np.ndarray  # (rows, len(labels))
    article: np.ndarray  # index into the article list
    line: np.ndarray  # 1-based line
    start: np.ndarray  # paragraph offset in the article text
    genre: list[str | None] = field(default_factory=list)



def default_embedder(texts: list[str]) -> np.ndarray:
    """Document embeddings (MiniLM | multilingual USE), cached on disk."""
    from presswatch.models.encoder import encode, encode_multilingual

    return np.hstack([encode(texts, cache=True), encode_multilingual(texts, cache=True)])



def article_rows(articles: list[SemEvalArticle], labels: tuple[str, ...],
                 embed: Embedder | None = None) -> Rows:
    """Features for every scored line (the lines listed in train-labels-subtask-3.txt)."""
    embed = embed or default_embedder
    paras = [Article(text=a.text).paragraphs() for a in articles]
    all_texts = [a.text[s.start:s.end] for a, ps in zip(articles, paras, strict=True) for _, s in ps]
    emb = embed(all_texts)
    index = {t: i for i, t in enumerate(labels)}
    texts, ys, art, line, start, genre = [], [], [], [], [], []
    dense: dict[str, list[np.ndarray]] = {h: [] for h in HEADS}
    pos = 0
    for ai, (a, ps) in enumerate(zip(articles, paras, strict=True)):
        ptexts = all_texts[pos:pos + len(ps)]
        pemb = emb[pos:pos + len(ps)]
        blocks = {h: dense_block(ptexts, pemb, h) for h in HEADS}
        pos += len(ps)
        for k, (n, s) in enumerate(ps):
            if n not in a.paragraph_labels:
                continue
            y = np.zeros(len(labels), np.float32)
            for t in a.paragraph_labels[n]:
                if t in index:
                    y[index[t]] = 1.0
            texts.append(ptexts[k])
            for h in HEADS:
                dense[h].append(blocks[h][k])
            ys.append(y)
            art.append(ai)
            line.append(n)
            start.append(s.start)
            genre.append(a.genre)
    d = {h: np.vstack(dense[h]) if texts else np.zeros((0, DENSE_DIM[h]), np.float32) for h in HEADS}
    yy = np.vstack(ys) if ys else np.zeros((0, len(labels)), np.float32)
    return Rows(texts, d, yy, np.array(art), np.array(line), np.array(start), genre)



def tune_thresholds(scores: np.ndarray, y: np.ndarray, cfg: TechniqueConfig) -> tuple[np.ndarray, float]:
    """A global threshold maximising micro-F1, and per-label ones shrunk toward it (rare labels keep it)."""
    grid = np.arange(0.1, cfg.max_threshold + 1e-9, 0.025)

    glob = float(max(grid, key=lambda g: f1_score(((scores >= g) & (y > 0)).sum(), ((scores >= g) & (y == 0)).sum(),
                                           ((scores < g) & (y > 0)).sum())))
    thr = np.full(y.shape[1], glob, dtype=np.float32)
    for j in range(y.shape[1]):
        if y[:, j].sum() < cfg.min_positives:
            continue
        s, t = scores[:, j], y[:, j] > 0
        best = max(grid, key=lambda g: f1_score(((s >= g) & t).sum(), ((s >= g) & ~t).sum(), ((s < g) & t).sum()))
        thr[j] = glob + (1 - cfg.threshold_shrink) * (best - glob)
    return thr, glob



def span_examples(articles: list[SemEvalArticle],
                  aligned: bool = False) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(paragraph text, technique, gold spans clipped to the paragraph) for every labelled paragraph; `aligned`:
    the spans re-aligned to the text (`semeval.gold_spans`) instead of as stored."""
    out = []
    for a in articles:
        for n, s in Article(text=a.text).paragraphs():
            for tech in a.paragraph_labels.get(n, []):
                spans = [(max(gs, s.start) - s.start, min(ge, s.end) - s.start)
                         for t, gs, ge in gold_spans(a, aligned) if t == tech and gs < s.end and ge > s.start]
                if spans:
                    out.append((a.text[s.start:s.end], tech, spans))
    return out



def _folds(n_articles: int, k: int, seed: int, article: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Row masks (train, held out) of an article-level k-fold."""
    k = min(k, n_articles)
    if k < 2:
        return []
    return [(np.isin(article, tr), np.isin(article, te))
            for tr, te in KFold(k, shuffle=True, random_state=seed).split(np.arange(n_articles))]



@dataclass
class TrainingFeatures:
    """Everything the heads are fitted on: the rows, their MLP input (out-of-fold n-gram and lexicon blocks),
    and the fitted n-gram and span parts that the shipped model keeps."""

    labels: tuple[str, ...]
    rows: Rows
    dense: dict[str, np.ndarray]  # MLP head -> its input rows
    vectorizers: list[Any]
    lexical: LexicalHead
    spans: SpanModel


def training_features(articles: list[SemEvalArticle], seed: int = 0, config: TechniqueConfig | None = None,
                      embed: Embedder | None = None) -> TrainingFeatures:
    """Ridge over n-grams and the span lexicon, fitted on all `articles`; their out-of-fold scores make the
    MLP input, so the MLP sees them as it will on unseen text."""
    cfg = config or TechniqueConfig()
    present = {t for a in articles for ls in a.paragraph_labels.values() for t in ls}
    labels = tuple(t for t in TECHNIQUES if t in present)
    if not labels:
        raise ModelError("no technique labels in the training articles")
    rows = article_rows(articles, labels, embed)
    vecs = tf.make_vectorizers(cfg.max_word, cfg.max_char)
    for v in vecs:
        v.fit(rows.texts)
    lex = tf.lexical(vecs, rows.texts)
    lex_oof = np.zeros_like(rows.y)
    examples = [span_examples([a], cfg.aligned_offsets) for a in articles]
    counts = [Counter(t for *_, t in tokens(a.text)) for a in articles]
    word_oof = np.zeros((len(rows.texts), N_LEXICON_FEATURES), np.float32)

    def word_block(span_model: SpanModel, mask: np.ndarray) -> np.ndarray:
        idx = np.flatnonzero(mask)
        return np.vstack([lexicon_features(span_model, [rows.texts[i]], counts[rows.article[i]]) for i in idx])

    for trm, tem in _folds(len(articles), cfg.lex_folds, seed, rows.article):
        lex_oof[tem] = fit_lexical(lex[np.flatnonzero(trm)], rows.y[trm], cfg.ridge_alpha).scores(
            lex[np.flatnonzero(tem)])
        fold_arts = set(rows.article[trm].tolist())
        fold_spans = fit_span_model(x for ai in sorted(fold_arts) for x in examples[ai])
        word_oof[tem] = word_block(fold_spans, tem)
    lexical = fit_lexical(lex, rows.y, cfg.ridge_alpha)
    spans = fit_span_model(x for ex in examples for x in ex)
    shared = np.hstack([tf.score_context(lex_oof, rows.article), word_oof])
    dense = {h: np.hstack([rows.dense[h], shared]) for h in HEADS}
    return TrainingFeatures(labels, rows, dense, vecs, lexical, spans)


@dataclass
class Round:
    """One round of a head's inner article-level k-fold: its fold nets and their out-of-fold scores."""

    members: list[NetWeights]
    oof: np.ndarray  # (rows, labels): each row scored by the member that did not see its article


def _fit_net(articles: list[SemEvalArticle], feats: TrainingFeatures, head: str, cfg: TechniqueConfig,
             mask: np.ndarray, seed: int) -> NetWeights:
    """One MLP of `head` on the rows in `mask`, the focus language's rows repeated `focus_weight` times."""
    rows = feats.rows
    focus = np.array([articles[i].lang == cfg.focus_lang for i in rows.article], dtype=bool)
    idx = np.flatnonzero(mask)
    idx = np.concatenate([idx] + [idx[focus[idx]]] * (cfg.focus_weight - 1))
    return train_net(feats.dense[head][idx], rows.y[idx], seed=seed, hidden=cfg.hidden, epochs=cfg.epochs,
                     pos_weight_cap=cfg.pos_weight_cap)


def fit_round(articles: list[SemEvalArticle], feats: TrainingFeatures, head: str, cfg: TechniqueConfig,
              seed: int) -> Round | None:
    """The inner k-fold of `head` with fold split and net seed from `seed` (None below two articles). Round r of a
    model trained with seed s is the one round of seed s + r, so an ensemble of rounds is the union of single
    seeded fits."""
    rows = feats.rows
    inner = _folds(len(articles), cfg.inner_folds, seed + 1, rows.article)
    if not inner:
        return None
    oof = np.zeros_like(rows.y)
    members = []
    for trm, tem in inner:
        members.append(_fit_net(articles, feats, head, cfg, trm, seed))
        oof[tem] = members[-1].predict(feats.dense[head][tem])
    return Round(members, oof)


def train_techniques(articles: list[SemEvalArticle], seed: int = 0, config: TechniqueConfig | None = None,
                     embed: Embedder | None = None, features: TrainingFeatures | None = None) -> TechniqueModel:
    """Fit on all `articles`: ridge over n-grams (its out-of-fold scores feed the MLP), an ensemble of MLPs
    from an inner article-level k-fold whose held-out scores set the thresholds, and the span lexicon."""
    cfg = config or TechniqueConfig()
    feats = features or training_features(articles, seed, cfg, embed)
    rows, labels = feats.rows, feats.labels

    # every head that some language is routed to, each fitted with the same folds and seeds
    heads = [h for h in HEADS if any(cfg.head_for(lang) == h for lang in LANGUAGES)]
    nets, thresholds, glob = {}, {}, {}
    for head in heads:
        fitted = [fit_round(articles, feats, head, cfg, seed + r) for r in range(cfg.rounds_for(head))]
        if fitted[0] is None:  # too few articles for an inner k-fold: one net on everything
            thresholds[head], glob[head] = np.full(len(labels), 0.5, np.float32), 0.5
            nets[head] = _fit_net(articles, feats, head, cfg, np.ones(len(rows.texts), dtype=bool), seed)
            continue
        # the inner fold models are kept as an ensemble, so thresholds are tuned on exactly the models shipped
        oof = np.mean([f.oof for f in fitted if f], axis=0)
        thresholds[head], glob[head] = tune_thresholds(oof, rows.y, cfg)
        nets[head] = NetWeights.stack([m for f in fitted if f for m in f.members])
    langs = sorted({a.lang for a in articles})
    info = {"trained_on": {lang: sum(a.lang == lang for a in articles) for lang in langs},
            "paragraphs": len(rows.texts), "seed": seed, "global_threshold": glob,
            "encoder": DOC_ENCODER_ID if embed is None else "custom"}
    tagger = (fit_span_tagger(span_examples(articles, cfg.aligned_offsets), feats.spans.lexicon,
                              tagged_techniques(feats.spans), seed) if cfg.span_tagger else None)
    return TechniqueModel(labels, feats.vectorizers, feats.lexical, nets, thresholds, feats.spans, cfg, info, tagger)
