"""Label a folder of SemEval-layout articles with the shipped models and write the official label files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from presswatch.article import Article, Metadata
from presswatch.errors import InputError
from presswatch.evaluation import scorers
from presswatch.pipeline import Pipeline

STAGES = ["techniques", "frames", "genre"]


def _quiet(_: str) -> None:
    return None


def article_from_file(path: Path, lang: str) -> Article:
    """An Article whose text is the file content exactly, so paragraph line numbers match the official ones."""
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read SemEval article: {exc}", source=str(path)) from exc
    return Article(text=text, metadata=Metadata(language=lang, source=str(path)))


def _load_models(lang: str) -> None:
    from presswatch.models.frames import load_frames_model
    from presswatch.models.genre import load_genre_model
    from presswatch.models.techniques.model import load_technique_model
    from presswatch.taxonomy import semeval_language

    load_frames_model()
    load_genre_model(lang=semeval_language(lang))
    load_technique_model()


def predict_directory(articles_dir: Path, out_dir: Path, lang: str = "en",
                      progress: Callable[[str], None] = _quiet) -> int:
    """Write labels-subtask-{1,2,3}.txt for every article*.txt in `articles_dir`; returns the article count."""
    paths = sorted(articles_dir.glob("article*.txt"))
    if not paths:
        raise InputError("no article*.txt files", source=str(articles_dir))
    _load_models(lang)  # fail before labelling anything
    pipeline = Pipeline(list(STAGES))
    genres: scorers.GenreLabels = {}
    frames: scorers.FrameLabels = {}
    techniques: scorers.TechniqueLabels = {}
    for i, path in enumerate(paths, start=1):
        aid = path.stem.removeprefix("article")
        article = pipeline.run(article_from_file(path, lang))
        if article._cache.get("genre_semeval"):  # SemEval has no `uncertain`: the model's decision
            genres[aid] = article._cache["genre_semeval"]
        frames[aid] = [f.label for f in article.frames]
        for row in article.paragraph_techniques:
            techniques[(aid, int(row["paragraph"]))] = [t["technique"] for t in row["techniques"]]
        if i % 25 == 0 or i == len(paths):
            progress(f"labelled {i}/{len(paths)} articles")
    out_dir.mkdir(parents=True, exist_ok=True)
    scorers.write_genre_labels(out_dir / scorers.SUBTASK_FILES[1], genres)
    scorers.write_frame_labels(out_dir / scorers.SUBTASK_FILES[2], frames)
    scorers.write_technique_labels(out_dir / scorers.SUBTASK_FILES[3], techniques)
    return len(paths)
