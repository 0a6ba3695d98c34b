"""Read the SemEval-2023 Task 3 training layout: articles, genre, frames, paragraph and span labels (for training
and cross-validation; the label names themselves are in `presswatch.taxonomy`)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from presswatch.evaluation.span_offsets import align_spans
from presswatch.taxonomy import FAMILY_OF, TECHNIQUES


@dataclass
class SemEvalArticle:
    id: str
    lang: str
    text: str  # the article file exactly as on disk: title, blank line, one paragraph per line
    genre: str | None = None
    frames: list[str] = field(default_factory=list)
    # 1-based line -> techniques, for the lines that subtask 3 scores
    paragraph_labels: dict[int, list[str]] = field(default_factory=dict)
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # (technique, start, end) as stored
    # the same spans re-read where another reading of the offsets clearly fits the text (`span_offsets`);
    # only set where `span_reading` is not "stored"
    aligned_spans: list[tuple[str, int, int]] = field(default_factory=list)
    span_reading: str = "stored"
    unknown_labels: list[str] = field(default_factory=list)  # labels outside the taxonomy (noise)
    fixed_labels: list[tuple[str, str]] = field(default_factory=list)  # (as written, mapped to) near-miss spellings


def read_article_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def fix_label(label: str) -> str | None:
    """The taxonomy label `label` names, allowing near-miss spellings (`Appeal_to_Fear-Prejudi-čce`)."""
    if label in FAMILY_OF:
        return label
    close = difflib.get_close_matches(label, TECHNIQUES, n=1, cutoff=0.85)
    return close[0] if close else None


def _tsv(path: Path) -> list[list[str]]:
    if not path.exists():
        return []
    return [line.rstrip("\n").split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_language(root: Path, lang: str) -> list[SemEvalArticle]:
    """All training articles of one language with every label the split has."""
    d = root / lang
    arts: dict[str, SemEvalArticle] = {}
    for p in sorted((d / "train-articles").glob("article*.txt")):
        aid = p.stem.removeprefix("article")
        arts[aid] = SemEvalArticle(aid, lang, read_article_text(p))
    for row in _tsv(d / "train-labels-subtask-1.txt"):
        if row[0] in arts:
            arts[row[0]].genre = row[1]
    for row in _tsv(d / "train-labels-subtask-2.txt"):
        if row[0] in arts and len(row) > 1:
            arts[row[0]].frames = [f for f in row[1].split(",") if f]
    for row in _tsv(d / "train-labels-subtask-3.txt"):
        if row[0] not in arts:
            continue
        a = arts[row[0]]
        labels = [t.strip() for t in (row[2] if len(row) > 2 else "").split(",") if t.strip()]
        fixed = [fix_label(t) for t in labels]
        a.unknown_labels += [t for t, f in zip(labels, fixed, strict=True) if f is None]
        a.fixed_labels += [(t, f) for t, f in zip(labels, fixed, strict=True) if f is not None and f != t]
        a.paragraph_labels[int(row[1])] = list(dict.fromkeys(f for f in fixed if f is not None))
    for p in sorted((d / "train-labels-subtask-3-spans").glob("*.txt")):
        for row in _tsv(p):
            label = fix_label(row[1]) if len(row) >= 4 else None
            if row[0] in arts and label is not None:
                arts[row[0]].spans.append((label, int(row[2]), int(row[3])))
    for a in arts.values():
        found = align_spans(a.text, a.spans)
        if found.reading != "stored":
            a.aligned_spans, a.span_reading = found.spans, found.reading
    return list(arts.values())


def gold_spans(a: SemEvalArticle, aligned: bool = True) -> list[tuple[str, int, int]]:
    """The article's technique spans, re-aligned (what span figures score) or as stored."""
    return a.aligned_spans if aligned and a.span_reading != "stored" else a.spans
