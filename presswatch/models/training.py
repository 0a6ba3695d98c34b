"""Rebuild every shipped model (frames, genre, techniques) from the SemEval-2023 training split, seeded."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from threadpoolctl import threadpool_limits

from presswatch.article import paragraph_texts, paragraphs
from presswatch.errors import ModelError
from presswatch.evaluation.semeval import SemEvalArticle, load_language
from presswatch.models.frames import FramesModel, frames_features, train_frames
from presswatch.models.genre import GenreModel, technique_flags, train_genre
from presswatch.models.linear import article_features
from presswatch.taxonomy import GENRES, LANGUAGES

MODELS = ("frames", "genre", "techniques")
# Languages each shipped model trains on when `--langs` is not given: all six for every model. Genre is one model
# for all six languages on document embeddings (MiniLM | multilingual USE), so English learns from the other
# languages' reporting articles (English has 41 reporting articles of 433); see docs/BENCHMARKS.md.
DEFAULT_LANGS: dict[str, tuple[str, ...]] = {"frames": LANGUAGES, "genre": LANGUAGES, "techniques": LANGUAGES}
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    return None


def load_articles(root: Path, langs: Sequence[str]) -> list[SemEvalArticle]:
    """Every training article of `langs`; ModelError if the data is not there."""
    out: list[SemEvalArticle] = []
    for lang in langs:
        if lang not in LANGUAGES:
            raise ModelError(f"unknown SemEval language {lang!r} (known: {', '.join(LANGUAGES)})")
        if not (root / lang / "train-articles").is_dir():
            raise ModelError(f"no SemEval training articles in {root / lang}")
        out += load_language(root, lang)
    return out


def embed_articles(articles: Sequence[SemEvalArticle], progress: Progress = _quiet,
                   batch: int = 1000, minilm: bool = True) -> list[np.ndarray]:
    """Document embeddings per article: MiniLM and multilingual USE side by side for every paragraph (the on-disk
    cache makes reruns cheap); `minilm=False` leaves the MiniLM columns zero (genre reads USE alone)."""
    from presswatch.models.encoder import DIM, DOC_DIM, encode, encode_multilingual

    paras = [paragraph_texts(a.text) for a in articles]
    flat = [p for ps in paras for p in ps]
    vecs = []
    for i in range(0, len(flat), batch):
        chunk = flat[i:i + batch]
        own = encode(chunk, cache=True) if minilm else np.zeros((len(chunk), DIM), np.float32)
        vecs.append(np.hstack([own, encode_multilingual(chunk, cache=True)]))
        progress(f"embedded {min(i + batch, len(flat))}/{len(flat)} paragraphs")
    emb = np.vstack(vecs).astype(np.float32) if vecs else np.zeros((0, DOC_DIM), np.float32)
    out, pos = [], 0
    for ps in paras:
        out.append(emb[pos:pos + len(ps)])
        pos += len(ps)
    return out


def features(articles: Sequence[SemEvalArticle], embeddings: Sequence[np.ndarray]) -> np.ndarray:
    """Mean document embedding (MiniLM | USE) and style cues of `articles`, one row each (the benches' plain
    article vector)."""
    return np.vstack([article_features(e, paragraph_texts(a.text))
                      for a, e in zip(articles, embeddings, strict=True)])


def frames_inputs(articles: Sequence[SemEvalArticle], embeddings: Sequence[np.ndarray]) -> np.ndarray:
    """The frames head's features of `articles` (`frames.frames_features`), one row each."""
    return np.vstack([frames_features(e, paragraph_texts(a.text)) for a, e in zip(articles, embeddings, strict=True)])


def fit_frames(articles: Sequence[SemEvalArticle], x: np.ndarray, seed: int = 0) -> FramesModel:
    """Frames model on the articles that have frame labels."""
    idx = [i for i, a in enumerate(articles) if a.frames]
    if not idx:
        raise ModelError("no frame labels in the training articles")
    langs = sorted({articles[i].lang for i in idx})
    return train_frames(x[idx], [articles[i].frames for i in idx], seed=seed, meta={"langs": langs})


def fit_genre(articles: Sequence[SemEvalArticle], embeddings: Sequence[np.ndarray], seed: int = 0,
              kind: str = "genre") -> GenreModel:
    """Genre model on the articles that have a genre label (`embeddings`: their paragraph embeddings)."""
    idx = [i for i, a in enumerate(articles) if a.genre in GENRES]
    if not idx:
        raise ModelError("no genre labels in the training articles")
    langs = sorted({articles[i].lang for i in idx})
    texts = [paragraph_texts(articles[i].text) for i in idx]
    flags = [technique_flags([n for n, _ in paragraphs(articles[i].text)], articles[i].paragraph_labels) for i in idx]
    return train_genre([embeddings[i] for i in idx], texts, flags, [str(articles[i].genre) for i in idx],
                       seed=seed, meta={"langs": langs}, kind=kind, langs=[articles[i].lang for i in idx])


def train_all(root: Path, langs: Sequence[str] | None, out: Path, seed: int = 0, models: Sequence[str] = MODELS,
              progress: Progress = _quiet, extra: Sequence[SemEvalArticle] = ()) -> dict[str, float]:
    """Train `models` and write them to `out`; `langs=None` gives each model its `DEFAULT_LANGS`. `extra`
    labelled examples (an analyst's corrections, `corpus.corrections.training_examples`) join the training set.
    Returns seconds per step."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    use = {m: tuple(langs) if langs else DEFAULT_LANGS[m] for m in models}
    needed = [lang for lang in LANGUAGES if any(lang in ls for ls in use.values())]
    articles = load_articles(root, needed) + list(extra)
    more = f", {len(extra)} examples from corrections" if extra else ""
    progress(f"loaded {len(articles)} articles ({', '.join(needed)}{more})")
    doc_models = [m for m in ("frames", "genre") if m in models]
    if doc_models:
        emb = embed_articles(articles, progress, minilm="frames" in doc_models)  # genre reads the USE block alone
        timings["embed"] = time.perf_counter() - t0
        for name in doc_models:
            t = time.perf_counter()
            idx = [i for i, a in enumerate(articles) if a.lang in use[name]]
            progress(f"training {name} on {', '.join(use[name])}")
            chosen = [articles[i] for i in idx]
            with threadpool_limits(1, "blas"):  # small dense fits: one BLAS thread is far faster on shared cores
                if name == "frames":
                    fit_frames(chosen, frames_inputs(chosen, [emb[i] for i in idx]), seed).save(out)
                else:
                    fit_genre(chosen, [emb[i] for i in idx], seed).save(out)
                    for stale in out.glob("genre-*.*"):  # per-language genre models of older versions
                        stale.unlink()
            timings[name] = time.perf_counter() - t
    if "techniques" in models:
        from presswatch.models.techniques.training import train_techniques

        t = time.perf_counter()
        progress(f"training techniques on {', '.join(use['techniques'])}")
        train_techniques([a for a in articles if a.lang in use["techniques"]], seed=seed).save(out / "techniques")
        timings["techniques"] = time.perf_counter() - t
    timings["total"] = time.perf_counter() - t0
    return timings
