"""Persuasion techniques (SemEval-2023 Task 3 subtask 3): paragraph labels from MiniLM context features and
ridge scores over TF-IDF n-grams, stacked under a small multi-label MLP with per-label thresholds tuned
out of fold; then character spans inside each labelled paragraph."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import KFold

from presswatch.article import Article, Technique
from presswatch.config import SETTINGS
from presswatch.errors import ModelError
from presswatch.evaluation.semeval import SemEvalArticle
from presswatch.models import technique_features as tf
from presswatch.models.encoder import ENCODER_ID
from presswatch.models.span_tagger import SpanTagger, fit_span_tagger, tagged_techniques
from presswatch.models.technique_cues import N_CUES, cue_block
from presswatch.models.technique_net import LexicalHead, NetWeights, fit_lexical, train_net
from presswatch.models.technique_spans import (
    N_LEXICON_FEATURES,
    SpanModel,
    fit_span_model,
    lexicon_features,
    sentences,
    tokens,
)
from presswatch.taxonomy import FAMILY_OF, TECHNIQUES

FORMAT_VERSION = 2  # 2: repetition and attribution cues (technique_cues) in the MLP input
Embedder = Callable[[list[str]], np.ndarray]
DENSE_DIM = 4 * 384 + tf.N_SURFACE + N_CUES  # context, surface and cue blocks of a paragraph


@lru_cache(maxsize=1)
def _blas() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


@dataclass
class TechniqueConfig:
    """Hyper-parameters, kept with the artifact."""

    hidden: int = 256
    epochs: int = 20
    # six languages share the n-gram vocabulary; 30k words and alpha 10 left English's ridge under-fitted
    # (ridge alone, English 5-fold CV: 0.337 with 30k words, alpha 10 -> 0.371 with 100k, alpha 2 -> 0.380 with
    # 30k character 3-5-grams as well)
    max_word: int = 100000
    max_char: int = 30000
    ridge_alpha: float = 2.0
    lex_folds: int = 5  # out-of-fold ridge scores feed the MLP during training
    inner_folds: int = 3
    min_positives: int = 25  # labels rarer than this in training use the global threshold
    # Per-label thresholds pulled this far toward the global one; 1.0 = one global threshold, which is what
    # micro-F1 wants from calibrated probabilities (CV: 0.387 vs 0.378 with per-label thresholds halfway)
    threshold_shrink: float = 1.0
    max_threshold: float = 0.7
    pos_weight_cap: float = 1.0  # 1.0 = plain BCE, probabilities stay calibrated
    # the MLP sees paragraphs of this language `focus_weight` times per epoch: English is the language the
    # product reads most, and the other five label far more densely (1.1-1.9 labels a paragraph vs 0.6)
    focus_lang: str = "en"
    focus_weight: int = 2
    seeds: int = 1  # rounds of the inner k-fold, each with its own split and seed; all members are kept
    # spans of short techniques from the token tagger (span_tagger.py), the lexicon rule where it finds none
    span_tagger: bool = True


@dataclass
class Rows:
    """Scored paragraphs of a set of articles, with their features and gold labels."""

    texts: list[str]
    dense: np.ndarray
    y: np.ndarray  # (rows, len(labels))
    article: np.ndarray  # index into the article list
    line: np.ndarray  # 1-based line
    start: np.ndarray  # paragraph offset in the article text
    genre: list[str | None] = field(default_factory=list)


def _default_embedder(texts: list[str]) -> np.ndarray:
    from presswatch.models.encoder import encode

    return encode(texts, cache=True)


def article_rows(articles: list[SemEvalArticle], labels: tuple[str, ...],
                 embed: Embedder | None = None) -> Rows:
    """Features for every scored line (the lines listed in train-labels-subtask-3.txt)."""
    embed = embed or _default_embedder
    paras = [Article(text=a.text).paragraphs() for a in articles]
    all_texts = [a.text[s.start:s.end] for a, ps in zip(articles, paras, strict=True) for _, s in ps]
    emb = embed(all_texts)
    index = {t: i for i, t in enumerate(labels)}
    texts, dense, ys, art, line, start, genre = [], [], [], [], [], [], []
    pos = 0
    for ai, (a, ps) in enumerate(zip(articles, paras, strict=True)):
        ptexts = all_texts[pos:pos + len(ps)]
        pemb = emb[pos:pos + len(ps)]
        block = np.hstack([tf.context_block(pemb), tf.surface_block(ptexts), cue_block(ptexts, pemb)])
        pos += len(ps)
        for k, (n, s) in enumerate(ps):
            if n not in a.paragraph_labels:
                continue
            y = np.zeros(len(labels), np.float32)
            for t in a.paragraph_labels[n]:
                if t in index:
                    y[index[t]] = 1.0
            texts.append(ptexts[k])
            dense.append(block[k])
            ys.append(y)
            art.append(ai)
            line.append(n)
            start.append(s.start)
            genre.append(a.genre)
    d = np.vstack(dense) if dense else np.zeros((0, DENSE_DIM), np.float32)
    yy = np.vstack(ys) if ys else np.zeros((0, len(labels)), np.float32)
    return Rows(texts, d, yy, np.array(art), np.array(line), np.array(start), genre)


def tune_thresholds(scores: np.ndarray, y: np.ndarray, cfg: TechniqueConfig) -> tuple[np.ndarray, float]:
    """A global threshold maximising micro-F1, and per-label ones shrunk toward it (rare labels keep it)."""
    grid = np.arange(0.1, cfg.max_threshold + 1e-9, 0.025)

    def f1(tp: float, fp: float, fn: float) -> float:
        return 2 * tp / max(2 * tp + fp + fn, 1e-9)

    glob = float(max(grid, key=lambda g: f1(((scores >= g) & (y > 0)).sum(), ((scores >= g) & (y == 0)).sum(),
                                           ((scores < g) & (y > 0)).sum())))
    thr = np.full(y.shape[1], glob, dtype=np.float32)
    for j in range(y.shape[1]):
        if y[:, j].sum() < cfg.min_positives:
            continue
        s, t = scores[:, j], y[:, j] > 0
        best = max(grid, key=lambda g: f1(((s >= g) & t).sum(), ((s >= g) & ~t).sum(), ((s < g) & t).sum()))
        thr[j] = glob + (1 - cfg.threshold_shrink) * (best - glob)
    return thr, glob


class TechniqueModel:
    """Paragraph-level technique classifier plus the span locator; see `train_techniques`."""

    def __init__(self, labels: tuple[str, ...], vectorizers: list[Any], lexical: LexicalHead, net: NetWeights,
                 thresholds: np.ndarray, spans: SpanModel, config: TechniqueConfig,
                 info: dict[str, Any] | None = None, tagger: SpanTagger | None = None) -> None:
        self.labels = labels
        self.vectorizers = vectorizers
        self.lexical = lexical
        self.net = net
        self.thresholds = thresholds
        self.span_model = spans
        self.tagger = tagger
        self.config = config
        self.info = info or {}

    @property
    def languages(self) -> tuple[str, ...]:
        """SemEval language codes the model was trained on."""
        return tuple(self.info.get("trained_on", {}) or ("en",))

    # -- paragraph level -------------------------------------------------------------------------
    def scores(self, paragraphs: list[str], embeddings: np.ndarray | None = None) -> np.ndarray:
        """Probabilities, shape (len(paragraphs), len(labels))."""
        if not paragraphs:
            return np.zeros((0, len(self.labels)), np.float32)
        if embeddings is None:
            from presswatch.models.encoder import encode

            embeddings = encode(paragraphs)
        # one BLAS thread: these matrices are tiny, and spinning threads on a busy machine cost 10x
        with _blas().limit(limits=1, user_api="blas"):
            return self.net.predict(self.features(paragraphs, embeddings))

    def features(self, paragraphs: list[str], embeddings: np.ndarray) -> np.ndarray:
        """The MLP's input rows for the paragraphs of one article."""
        lex = self.lexical.scores(tf.lexical(self.vectorizers, paragraphs))
        counts = Counter(t for p in paragraphs for *_, t in tokens(p))
        return np.hstack([tf.context_block(embeddings), tf.surface_block(paragraphs),
                          cue_block(paragraphs, embeddings), tf.score_context(lex),
                          lexicon_features(self.span_model, paragraphs, counts)])

    def predict_paragraphs(self, paragraphs: list[str], embeddings: np.ndarray | None = None,
                           lang: str = "en") -> list[list[tuple[str, float]]]:
        """Per paragraph, the (technique, score) pairs above their thresholds, best first."""
        probs = self.scores(paragraphs, embeddings)
        out = []
        for row in probs:
            hits = [(self.labels[j], round(float(row[j]), 4)) for j in np.flatnonzero(row >= self.thresholds)]
            out.append(sorted(hits, key=lambda x: -x[1]))
        return out

    # -- span level ------------------------------------------------------------------------------
    def sentence_scores(self, texts: list[str]) -> np.ndarray:
        """Scores of sentences for every technique from the n-gram ridge alone, shape (len(texts), labels)."""
        if not texts:
            return np.zeros((0, len(self.labels)), np.float32)
        return self.lexical.scores(tf.lexical(self.vectorizers, texts))

    def predict_spans(self, article: Article,
                      paragraph_labels: list[list[tuple[str, float]]]) -> list[Technique]:
        """Character spans in `article.text` for each technique found in each paragraph
        (`paragraph_labels` aligned with `article.paragraphs()`)."""
        out: list[Technique] = []
        todo = [(n, span, found) for (n, span), found in zip(article.paragraphs(), paragraph_labels, strict=False)
                if found]
        if not todo:
            return out
        counts = Counter(t for *_, t in tokens(article.text))
        # one TF-IDF pass over every sentence of the labelled paragraphs
        sents = [sentences(article.text[span.start:span.end]) for _, span, _ in todo]
        flat = [article.text[span.start + s:span.start + e] for (_, span, _), ss in zip(todo, sents, strict=True)
                for s, e in ss]
        scores = self.sentence_scores(flat)
        pos = 0
        for (n, span, found), ss in zip(todo, sents, strict=True):
            block = scores[pos:pos + len(ss)]
            pos += len(ss)
            ptext = article.text[span.start:span.end]
            for tech, score in found:
                if tech not in self.labels:
                    continue
                column = block[:, self.labels.index(tech)]
                tagged = (self.tagger.spans(ptext, tech, self.span_model.lexicon.get(tech, {}))
                          if self.tagger and tech in self.tagger.techniques else [])
                for s, e, _local in tagged or self.span_model.spans(ptext, tech, lambda _texts, c=column: c, counts):
                    start, end = span.start + s, span.start + e
                    out.append(Technique(technique=tech, family=FAMILY_OF.get(tech, ""), start=start, end=end,
                                         text=article.text[start:end], paragraph=n, score=score))
        return out

    # -- persistence -----------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT_VERSION, "labels": list(self.labels), "thresholds": self.thresholds.tolist(),
                "config": asdict(self.config), "info": self.info, "encoder": self.info.get("encoder", ""),
                "vectorizers": [tf.vectorizer_state(v) for v in self.vectorizers],
                "span_tagger": self.tagger.to_json() if self.tagger else None}
        (directory / "model.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        (directory / "spans.json").write_text(json.dumps(self.span_model.to_json(), ensure_ascii=False),
                                              encoding="utf-8")
        arrays = {k: getattr(self.net, k).astype(np.float16) for k in ("w1", "w2")}
        arrays |= {k: getattr(self.net, k).astype(np.float32) for k in ("b1", "b2")}
        arrays |= {"coef": self.lexical.coef.astype(np.float16), "intercept": self.lexical.intercept}
        arrays |= {f"idf{i}": v.idf_.astype(np.float32) for i, v in enumerate(self.vectorizers)}
        arrays |= self.tagger.arrays() if self.tagger else {}
        np.savez_compressed(directory / "weights.npz", **arrays)

    @classmethod
    def load(cls, directory: Path) -> TechniqueModel:
        directory = Path(directory)
        need = [directory / f for f in ("model.json", "spans.json", "weights.npz")]
        missing = [p.name for p in need if not p.exists()]
        if missing:
            raise ModelError(f"technique model in {directory} is missing {', '.join(missing)}; "
                             "train one with `presswatch train techniques`", source=str(directory))
        try:
            meta = json.loads(need[0].read_text(encoding="utf-8"))
            if meta.get("format") != FORMAT_VERSION:
                raise ValueError(f"format {meta.get('format')!r}, expected {FORMAT_VERSION}")
            if meta.get("encoder") != ENCODER_ID:
                raise ModelError(f"the technique model in {directory} was trained on {meta.get('encoder')!r} "
                                 f"embeddings, the encoder is now {ENCODER_ID!r}; run `presswatch train techniques`",
                                 source=str(directory))
            spans = SpanModel.from_json(json.loads(need[1].read_text(encoding="utf-8")))
            with np.load(need[2]) as z:
                arr = {k: z[k] for k in z.files}
            net = NetWeights(*(arr[k].astype(np.float32) for k in ("w1", "b1", "w2", "b2")))
            lexical = LexicalHead(arr["coef"].astype(np.float32), arr["intercept"].astype(np.float32))
            vecs = [tf.vectorizer_from_state(s, arr[f"idf{i}"]) for i, s in enumerate(meta["vectorizers"])]
            labels = tuple(meta["labels"])
            thresholds = np.asarray(meta["thresholds"], dtype=np.float32)
            if len(thresholds) != len(labels) or net.w2.shape[-1] != len(labels):
                raise ValueError("label count does not match the weights")
            if lexical.coef.shape != (sum(len(s["vocab"]) for s in meta["vectorizers"]), len(labels)):
                raise ValueError("n-gram vocabulary does not match the weights")
            if net.w1.shape[-2] != DENSE_DIM + 3 * len(labels) + N_LEXICON_FEATURES:
                raise ValueError("feature size does not match the weights")
            tagger = SpanTagger.load(meta["span_tagger"], arr) if meta.get("span_tagger") else None
            return cls(labels, vecs, lexical, net, thresholds, spans, TechniqueConfig(**meta["config"]),
                       meta.get("info"), tagger)
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - any decoding failure means a corrupt artifact
            raise ModelError(f"technique model in {directory} is corrupt ({type(exc).__name__}: {exc}); "
                             "retrain it with `presswatch train techniques`", source=str(directory)) from exc


def _subset(rows: Rows, mask: np.ndarray) -> Rows:
    idx = np.flatnonzero(mask)
    return Rows([rows.texts[i] for i in idx], rows.dense[idx], rows.y[idx], rows.article[idx], rows.line[idx],
                rows.start[idx], [rows.genre[i] for i in idx])


def span_examples(articles: list[SemEvalArticle]) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(paragraph text, technique, gold spans clipped to the paragraph) for every labelled paragraph."""
    out = []
    for a in articles:
        for n, s in Article(text=a.text).paragraphs():
            for tech in a.paragraph_labels.get(n, []):
                spans = [(max(gs, s.start) - s.start, min(ge, s.end) - s.start)
                         for t, gs, ge in a.spans if t == tech and gs < s.end and ge > s.start]
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
    dense: np.ndarray
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
    examples = [span_examples([a]) for a in articles]
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
    dense = np.hstack([rows.dense, tf.score_context(lex_oof, rows.article), word_oof])
    return TrainingFeatures(labels, rows, dense, vecs, lexical, spans)


def train_techniques(articles: list[SemEvalArticle], seed: int = 0, config: TechniqueConfig | None = None,
                     embed: Embedder | None = None, features: TrainingFeatures | None = None) -> TechniqueModel:
    """Fit on all `articles`: ridge over n-grams (its out-of-fold scores feed the MLP), an ensemble of MLPs
    from an inner article-level k-fold whose held-out scores set the thresholds, and the span lexicon."""
    cfg = config or TechniqueConfig()
    feats = features or training_features(articles, seed, cfg, embed)
    rows, dense, labels = feats.rows, feats.dense, feats.labels

    focus = np.array([articles[i].lang == cfg.focus_lang for i in rows.article], dtype=bool)

    def fit(mask: np.ndarray, member_seed: int) -> NetWeights:
        idx = np.flatnonzero(mask)
        idx = np.concatenate([idx] + [idx[focus[idx]]] * (cfg.focus_weight - 1))
        return train_net(dense[idx], rows.y[idx], seed=member_seed, hidden=cfg.hidden, epochs=cfg.epochs,
                         pos_weight_cap=cfg.pos_weight_cap)

    # the inner fold models are kept as an ensemble, so thresholds are tuned on exactly the models shipped
    rounds = [_folds(len(articles), cfg.inner_folds, seed + 1 + 100 * r, rows.article) for r in range(cfg.seeds)]
    if rounds[0]:
        oof = np.zeros_like(rows.y)
        members = []
        for r, inner in enumerate(rounds):
            for trm, tem in inner:
                members.append(fit(trm, seed + r))
                oof[tem] += members[-1].predict(dense[tem]) / len(rounds)
        thresholds, glob = tune_thresholds(oof, rows.y, cfg)
        net = NetWeights.stack(members)
    else:
        thresholds, glob = np.full(len(labels), 0.5, np.float32), 0.5
        net = fit(np.ones(len(rows.texts), dtype=bool), seed)
    langs = sorted({a.lang for a in articles})
    info = {"trained_on": {lang: sum(a.lang == lang for a in articles) for lang in langs},
            "paragraphs": len(rows.texts), "seed": seed, "global_threshold": glob,
            "encoder": ENCODER_ID if embed is None else "custom"}
    tagger = (fit_span_tagger(span_examples(articles), feats.spans.lexicon, tagged_techniques(feats.spans), seed)
              if cfg.span_tagger else None)
    return TechniqueModel(labels, feats.vectorizers, feats.lexical, net, thresholds, feats.spans, cfg, info, tagger)


@lru_cache(maxsize=1)
def load_technique_model() -> TechniqueModel:
    """The shipped artifact from `SETTINGS.models_dir / "techniques"`, loaded once per process."""
    return TechniqueModel.load(SETTINGS.models_dir / "techniques")
