"""The shipped persuasion-technique model (SemEval-2023 Task 3 subtask 3): paragraph labels from embedding context
features and ridge scores over TF-IDF n-grams, stacked under a small multi-label MLP with per-label thresholds
tuned out of fold; then character spans inside each labelled paragraph. Training is in `training`.

Two MLP heads share the n-gram, lexicon and span parts, and the article's language picks one: the MiniLM head
(MiniLM context of every paragraph beside USE) for the languages in `TechniqueConfig.minilm_langs`, the USE head
(multilingual USE alone) for every other language, so MiniLM runs on every paragraph only where its head is used."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from presswatch.article import Article, Span, Technique
from presswatch.config import SETTINGS
from presswatch.errors import ModelError
from presswatch.limits import outside_caps
from presswatch.models.encoder import DIM, DOC_DIM, DOC_ENCODER_ID
from presswatch.models.techniques import features as tf
from presswatch.models.techniques.cues import N_CUES, cue_block
from presswatch.models.techniques.net import LexicalHead, NetWeights
from presswatch.models.techniques.spans import (
    N_LEXICON_FEATURES,
    SpanModel,
    lexicon_features,
    ngram_counts,
    sentences,
    tokens,
)
from presswatch.models.techniques.tagger import NAME_LABELS, SpanTagger
from presswatch.taxonomy import FAMILY_OF

# 2: repetition and attribution cues (cues.py) in the MLP input; 3: multilingual USE block; 4: a second MLP head on
# USE alone, chosen by the article's language, and the n-gram vocabularies in weights.npz
FORMAT_VERSION = 4
HEADS = ("minilm", "use")
# MiniLM head: MiniLM context (own, neighbours, title, article mean), USE own and article mean, surface and cue blocks;
# USE head: USE own and article mean, surface and cues (the repetition cue's cosine on USE)
DENSE_DIM = {"minilm": 4 * DIM + 2 * (DOC_DIM - DIM) + tf.N_SURFACE + N_CUES,
             "use": 2 * (DOC_DIM - DIM) + tf.N_SURFACE + N_CUES}


def dense_block(paragraphs: list[str], embeddings: np.ndarray, head: str = "minilm") -> np.ndarray:
    """The dense part of `head`'s MLP input for the paragraphs of one article, from their document embeddings
    (MiniLM | multilingual USE; the USE head never reads the MiniLM columns)."""
    mini, use = embeddings[:, :DIM], embeddings[:, DIM:]
    use_mean = np.repeat(use.mean(axis=0, keepdims=True), len(use), axis=0) if len(use) else use
    if head == "use":
        return np.hstack([use, use_mean, tf.surface_block(paragraphs), cue_block(paragraphs, use)]).astype(np.float32)
    return np.hstack([tf.context_block(mini), use, use_mean, tf.surface_block(paragraphs),
                      cue_block(paragraphs, mini)]).astype(np.float32)


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
    seeds: int = 1  # rounds of the MiniLM head's inner k-fold, each with its own split and seed; all members kept
    use_seeds: int = 1  # the same for the USE head
    # spans of short techniques from the token tagger (tagger.py), the lexicon rule where it finds none
    span_tagger: bool = True
    # SemEval languages whose paragraphs the MiniLM head scores (comma-separated; "-" for none); every other
    # language gets the USE head. Chosen per language on both shift splits (docs/BENCHMARKS.md, sessions 7 and 8):
    # English and French gain with the USE head, Italian ties, German and Polish lose on the newest slice, Russian
    # loses on leave-one-language-out
    minilm_langs: str = "ge,it,po,ru"
    # train the span lexicon and tagger on the gold spans re-aligned to the text (`evaluation.span_offsets`)
    # instead of the offsets as stored, which outside English mostly cut words (docs/BENCHMARKS_persuasion.md,
    # sessions 9-10: span F0.5 given gold 0.263 -> 0.293 on the newest slice, paragraph micro-F1 within seed noise)
    aligned_offsets: bool = True

    def rounds_for(self, head: str) -> int:
        """Rounds of `head`'s inner k-fold (`seeds` for the MiniLM head, `use_seeds` for the USE head)."""
        return max(1, self.use_seeds if head == "use" else self.seeds)

    def head_for(self, lang: str) -> str:
        """The MLP head that scores paragraphs of SemEval language `lang`."""
        return "minilm" if lang in self.minilm_langs.split(",") else "use"



class TechniqueModel:
    """Paragraph-level technique classifier plus the span locator; see `train_techniques`."""

    def __init__(self, labels: tuple[str, ...], vectorizers: list[Any], lexical: LexicalHead,
                 nets: dict[str, NetWeights], thresholds: dict[str, np.ndarray], spans: SpanModel,
                 config: TechniqueConfig, info: dict[str, Any] | None = None, tagger: SpanTagger | None = None) -> None:
        self.labels = labels
        self.vectorizers = vectorizers
        self.lexical = lexical
        self.nets = nets  # MLP head name (`HEADS`) -> its weights
        self.thresholds = thresholds  # head name -> per-label thresholds tuned on that head's out-of-fold scores
        self.span_model = spans
        self.tagger = tagger
        self.config = config
        self.info = info or {}

    @property
    def languages(self) -> tuple[str, ...]:
        """SemEval language codes the model was trained on."""
        return tuple(self.info.get("trained_on", {}) or ("en",))

    def head(self, lang: str) -> str:
        """The MLP head that scores paragraphs of SemEval language `lang` (the routed one where it was trained)."""
        chosen = self.config.head_for(lang)
        return chosen if chosen in self.nets else next(iter(self.nets))

    def reads_minilm(self, lang: str) -> bool:
        """Whether paragraphs of `lang` need MiniLM embeddings (beyond the first few that frames read)."""
        return self.head(lang) == "minilm"

    # -- paragraph level -------------------------------------------------------------------------
    def scores(self, paragraphs: list[str], embeddings: np.ndarray | None = None, lang: str = "en",
               head: str | None = None) -> np.ndarray:
        """Probabilities from `head` (default: the head of `lang`), shape (len(paragraphs), len(labels))."""
        if not paragraphs:
            return np.zeros((0, len(self.labels)), np.float32)
        head = head or self.head(lang)
        if embeddings is None:
            from presswatch.models.encoder import encode, encode_multilingual

            use = encode_multilingual(paragraphs)
            mini = encode(paragraphs) if head == "minilm" else np.zeros((len(paragraphs), DIM), np.float32)
            embeddings = np.hstack([mini, use])
        # one BLAS thread: these matrices are tiny, and spinning threads on a busy machine cost 10x
        with _blas().limit(limits=1, user_api="blas"):
            return self.nets[head].predict(self.features(paragraphs, embeddings, head))

    def features(self, paragraphs: list[str], embeddings: np.ndarray, head: str = "minilm") -> np.ndarray:
        """`head`'s MLP input rows for the paragraphs of one article."""
        lex = self.lexical.scores(tf.lexical(self.vectorizers, paragraphs))
        counts = Counter(t for p in paragraphs for *_, t in tokens(p))
        return np.hstack([dense_block(paragraphs, embeddings, head), tf.score_context(lex),
                          lexicon_features(self.span_model, paragraphs, counts)])

    def predict_paragraphs(self, paragraphs: list[str], embeddings: np.ndarray | None = None,
                           lang: str = "en") -> list[list[tuple[str, float]]]:
        """Per paragraph, the (technique, score) pairs above the thresholds of `lang`'s head, best first."""
        probs = self.scores(paragraphs, embeddings, lang)
        thresholds = self.thresholds[self.head(lang)]
        out = []
        for row in probs:
            hits = [(self.labels[j], round(float(row[j]), 4)) for j in np.flatnonzero(row >= thresholds)]
            out.append(sorted(hits, key=lambda x: -x[1]))
        return out

    # -- span level ------------------------------------------------------------------------------
    def sentence_scores(self, texts: list[str]) -> np.ndarray:
        """Scores of sentences for every technique from the n-gram ridge alone, shape (len(texts), labels)."""
        if not texts:
            return np.zeros((0, len(self.labels)), np.float32)
        return self.lexical.scores(tf.lexical(self.vectorizers, texts))

    def predict_spans(self, article: Article, paragraph_labels: list[list[tuple[str, float]]],
                      verbs: Callable[[list[tuple[int, int]]], list[tuple[int, int, int, int]]] | None = None,
                      ) -> list[Technique]:
        """Character spans in `article.text` for each technique found in each paragraph
        (`paragraph_labels` aligned with `article.paragraphs()`). `verbs(stretches)`: (start, end, object start,
        object end) in `article.text` of the verbs with a direct object in the sentences overlapping the
        (start, end) stretches (a parse, asked once, for the spans the tagger proposes that read one:
        `SpanTagger.parses`); the spans they cut are cut again with them."""
        todo = [(n, span, found) for (n, span), found in zip(article.paragraphs(), paragraph_labels, strict=False)
                if found]
        if not todo:
            return []
        counts = ngram_counts(article.text)  # Repetition's spans are the phrases that recur
        # one TF-IDF pass over every sentence of the labelled paragraphs
        sents = [sentences(article.text[span.start:span.end]) for _, span, _ in todo]
        flat = [article.text[span.start + s:span.start + e] for (_, span, _), ss in zip(todo, sents, strict=True)
                for s, e in ss]
        scores = self.sentence_scores(flat)
        pos = 0
        found_all: list[tuple[int, Span, str, float, list[tuple[int, int, float]]]] = []
        recut: list[tuple[int, tuple[str, dict[str, float], list[tuple[int, int]], np.ndarray]]] = []
        lang = article.metadata.language
        for (n, span, found), ss in zip(todo, sents, strict=True):
            block = scores[pos:pos + len(ss)]
            pos += len(ss)
            ptext = article.text[span.start:span.end]
            for tech, score in found:
                if tech not in self.labels:
                    continue
                column = block[:, self.labels.index(tech)]
                if self.tagger and tech in self.tagger.techniques:  # the tagger's verdict is final: it may abstain
                    lexicon, names = self.span_model.lexicon.get(tech, {}), names_in(article, span)
                    probs = self.tagger.probabilities(ptext, tech, lexicon)
                    found_spans = self.tagger.spans(ptext, tech, lexicon, lang, names, p=probs)
                    if found_spans and verbs is not None and self.tagger.parses(tech, lang):
                        recut.append((len(found_all), (ptext, lexicon, names, probs)))
                else:
                    found_spans = self.span_model.spans(ptext, tech, lambda _texts, c=column: c, counts, lang)
                found_all.append((n, span, tech, score, found_spans))
        if recut and verbs is not None and self.tagger is not None:
            # only the sentences holding a proposed span are parsed: the verb rule cuts spans, it adds none
            stretches = [(found_all[i][1].start + s, found_all[i][1].start + e)
                         for i, _ in recut for s, e, _ in found_all[i][4]]
            every = verbs(stretches)
            for i, (ptext, lexicon, names, probs) in recut:
                n, span, tech, score, _ = found_all[i]
                local = [(a - span.start, b - span.start, c - span.start, d - span.start) for a, b, c, d in every
                         if span.start <= a and b <= span.end]
                found_all[i] = (n, span, tech, score, self.tagger.spans(ptext, tech, lexicon, lang, names, local,
                                                                        probs))
        return [Technique(technique=tech, family=FAMILY_OF.get(tech, ""), start=span.start + s, end=span.start + e,
                          text=article.text[span.start + s:span.start + e], paragraph=n, score=score)
                for n, span, tech, score, found_spans in found_all for s, e, _local in found_spans]

    # -- persistence -----------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {"format": FORMAT_VERSION, "labels": list(self.labels),
                "thresholds": {h: t.tolist() for h, t in self.thresholds.items()},
                "config": asdict(self.config), "info": self.info, "encoder": self.info.get("encoder", ""),
                # each vocabulary lies in weights.npz (`vocab{i}`, its terms one a line, UTF-8): a third of the size
                "vectorizers": [{k: v for k, v in tf.vectorizer_state(vec).items() if k != "vocab"}
                                for vec in self.vectorizers],
                "span_tagger": self.tagger.to_json() if self.tagger else None}
        (directory / "model.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        (directory / "spans.json").write_text(json.dumps(self.span_model.to_json(), ensure_ascii=False),
                                              encoding="utf-8")
        arrays: dict[str, np.ndarray] = {}
        for head, net in self.nets.items():
            arrays |= {f"{head}_{k}": getattr(net, k).astype(np.float16) for k in ("w1", "w2")}
            arrays |= {f"{head}_{k}": getattr(net, k).astype(np.float32) for k in ("b1", "b2")}
        arrays |= {"coef": self.lexical.coef.astype(np.float16), "intercept": self.lexical.intercept}
        arrays |= {f"idf{i}": v.idf_.astype(np.float32) for i, v in enumerate(self.vectorizers)}
        for i, v in enumerate(self.vectorizers):
            vocab = tf.vectorizer_state(v)["vocab"]
            if any("\n" in t for t in vocab):
                raise ModelError("an n-gram holds a newline; the vocabulary cannot be stored one term a line")
            arrays[f"vocab{i}"] = np.frombuffer("\n".join(vocab).encode("utf-8"), dtype=np.uint8)
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
            if meta.get("encoder") != DOC_ENCODER_ID:
                raise ModelError(f"the technique model in {directory} was trained on {meta.get('encoder')!r} "
                                 f"embeddings, the encoder is now {DOC_ENCODER_ID!r}; "
                                 "run `presswatch train techniques`",
                                 source=str(directory))
            spans = SpanModel.from_json(json.loads(need[1].read_text(encoding="utf-8")))
            with np.load(need[2]) as z:
                arr = {k: z[k] for k in z.files}
            labels = tuple(meta["labels"])
            nets = {h: NetWeights(*(arr[f"{h}_{k}"].astype(np.float32) for k in ("w1", "b1", "w2", "b2")))
                    for h in HEADS if f"{h}_w1" in arr}
            thresholds = {h: np.asarray(t, dtype=np.float32) for h, t in meta["thresholds"].items()}
            if not nets or set(thresholds) != set(nets):
                raise ValueError("the MLP heads do not match their thresholds")
            lexical = LexicalHead(arr["coef"].astype(np.float32), arr["intercept"].astype(np.float32))
            raw = [arr[f"vocab{i}"].tobytes().decode("utf-8") for i in range(len(meta["vectorizers"]))]
            states = [s | {"vocab": r.split("\n") if r else []} for s, r in zip(meta["vectorizers"], raw, strict=True)]
            vecs = [tf.vectorizer_from_state(s, arr[f"idf{i}"]) for i, s in enumerate(states)]
            if lexical.coef.shape != (sum(len(s["vocab"]) for s in states), len(labels)):
                raise ValueError("n-gram vocabulary does not match the weights")
            for h, net in nets.items():
                if len(thresholds[h]) != len(labels) or net.w2.shape[-1] != len(labels):
                    raise ValueError("label count does not match the weights")
                if net.w1.shape[-2] != DENSE_DIM[h] + 3 * len(labels) + N_LEXICON_FEATURES:
                    raise ValueError("feature size does not match the weights")
            tagger = SpanTagger.load(meta["span_tagger"], arr) if meta.get("span_tagger") else None
            return cls(labels, vecs, lexical, nets, thresholds, spans, TechniqueConfig(**meta["config"]),
                       meta.get("info"), tagger)
        except ModelError:
            raise
        except Exception as exc:  # noqa: BLE001 - any decoding failure means a corrupt artifact
            raise ModelError(f"technique model in {directory} is corrupt ({type(exc).__name__}: {exc}); "
                             "retrain it with `presswatch train techniques`", source=str(directory)) from exc



def names_in(article: Article, span: Span) -> list[tuple[int, int]]:
    """(start, end) within the paragraph `span` of the NER mentions of people and places (`NAME_LABELS`), where
    the linguistics stage ran."""
    return [(m.start - span.start, m.end - span.start) for m in article.mentions
            if m.label in NAME_LABELS and span.start <= m.start and m.end <= span.end]


@lru_cache(maxsize=1)
@outside_caps
def load_technique_model() -> TechniqueModel:
    """The shipped artifact from `SETTINGS.models_dir / "techniques"`, loaded once per process."""
    return TechniqueModel.load(SETTINGS.models_dir / "techniques")

