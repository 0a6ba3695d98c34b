"""Official SemEval-2023 Task 3 metrics and readers/writers for its label files.

Subtask 1: macro-F1 over genres; subtask 2: micro-F1 over (article, frame) pairs; subtask 3: micro-F1 over
(article, paragraph, technique) triples. Only the articles (and paragraphs) in the gold file are scored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

GenreLabels = dict[str, str]  # article id -> genre
FrameLabels = dict[str, list[str]]  # article id -> frames
TechniqueLabels = dict[tuple[str, int], list[str]]  # (article id, 1-based line) -> techniques

SUBTASK_FILES = {1: "labels-subtask-1.txt", 2: "labels-subtask-2.txt", 3: "labels-subtask-3.txt"}


@dataclass(frozen=True)
class LabelScore:
    """Precision, recall and F1 of one label, with its gold support."""

    precision: float
    recall: float
    f1: float
    support: int

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1, "support": self.support}


def f1_score(tp: float, fp: float, fn: float) -> float:
    """F1 from counts, 2tp / (2tp + fp + fn); 0 when there is nothing to count. The one F1 formula in presswatch
    (metrics, CV reports and the threshold tuning of the models)."""
    denominator = 2 * tp + fp + fn
    return 2 * tp / denominator if denominator else 0.0


def prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (each 0 when undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, f1_score(tp, fp, fn)


def micro_f1(gold: set[tuple], pred: set[tuple]) -> float:
    """Micro-F1 of two sets of (item..., label) tuples."""
    tp = len(gold & pred)
    return prf(tp, len(pred) - tp, len(gold) - tp)[2]


def per_label(gold: set[tuple], pred: set[tuple], labels: Iterable[str] | None = None) -> dict[str, LabelScore]:
    """Per-label scores of (item..., label) tuple sets; `labels` fixes the rows (default: every label seen)."""
    names = list(labels) if labels is not None else sorted({t[-1] for t in gold | pred})
    out: dict[str, LabelScore] = {}
    for name in names:
        g = {t for t in gold if t[-1] == name}
        p = {t for t in pred if t[-1] == name}
        tp = len(g & p)
        pr, rc, f = prf(tp, len(p) - tp, len(g) - tp)
        out[name] = LabelScore(pr, rc, f, len(g))
    return out


def genre_pairs(labels: Mapping[str, str]) -> set[tuple[str, str]]:
    return {(aid, g) for aid, g in labels.items()}


def frame_pairs(labels: Mapping[str, Iterable[str]]) -> set[tuple[str, str]]:
    return {(aid, f) for aid, fs in labels.items() for f in fs}


def technique_triples(labels: Mapping[tuple[str, int], Iterable[str]]) -> set[tuple[str, int, str]]:
    return {(aid, line, t) for (aid, line), ts in labels.items() for t in ts}


def genre_scores(gold: Mapping[str, str], pred: Mapping[str, str]) -> dict[str, LabelScore]:
    """Per-genre scores over the gold articles (a missing prediction counts as a miss)."""
    pred = {k: v for k, v in pred.items() if k in gold}
    g, p = genre_pairs(gold), genre_pairs(pred)
    return per_label(g, p, sorted(set(gold.values()) | set(pred.values())))


def genre_macro_f1(gold: Mapping[str, str], pred: Mapping[str, str]) -> float:
    """Subtask 1: macro-F1 over the genres found in gold or predictions (as sklearn's `f1_score`)."""
    scores = genre_scores(gold, pred)
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def genre_macro_f1_at_mix(gold: Mapping[str, str], pred: Mapping[str, str], mix: Mapping[str, float]) -> float:
    """Subtask 1 macro-F1 with each gold article weighted so the genres occur in proportions `mix` (e.g. a news
    feed that is mostly reporting): an estimate of the score on data with that genre mix."""
    counts = {g: sum(v == g for v in gold.values()) for g in set(gold.values())}
    total = sum(mix.get(g, 0.0) for g in counts) or 1.0
    weight = {g: mix.get(g, 0.0) / total / (n / len(gold)) for g, n in counts.items()}
    tp: dict[str, float] = {}
    npred: dict[str, float] = {}
    ngold: dict[str, float] = {}
    for aid, g in gold.items():
        w, p = weight[g], pred.get(aid)
        ngold[g] = ngold.get(g, 0.0) + w
        if p is not None:
            npred[p] = npred.get(p, 0.0) + w
            if p == g:
                tp[g] = tp.get(g, 0.0) + w
    labels = sorted(set(ngold) | set(npred))
    f1s = [2 * tp.get(g, 0.0) / (npred.get(g, 0.0) + ngold.get(g, 0.0)) for g in labels
           if npred.get(g, 0.0) + ngold.get(g, 0.0) > 0]
    return sum(f1s) / len(labels) if labels else 0.0


def frames_micro_f1(gold: Mapping[str, Iterable[str]], pred: Mapping[str, Iterable[str]]) -> float:
    """Subtask 2: micro-F1 over (article, frame) pairs of the gold articles."""
    return micro_f1(frame_pairs(gold), frame_pairs({k: v for k, v in pred.items() if k in gold}))


def techniques_micro_f1(gold: Mapping[tuple[str, int], Iterable[str]],
                        pred: Mapping[tuple[str, int], Iterable[str]]) -> float:
    """Subtask 3: micro-F1 over (article, paragraph, technique) triples of the gold paragraphs."""
    return micro_f1(technique_triples(gold), technique_triples({k: v for k, v in pred.items() if k in gold}))


# --- label files -------------------------------------------------------------------------------------------------


def _rows(path: Path) -> list[list[str]]:
    text = Path(path).read_text(encoding="utf-8")
    return [line.rstrip("\r").split("\t") for line in text.split("\n") if line.strip()]


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


def read_genre_labels(path: Path) -> GenreLabels:
    """`ID<TAB>genre` lines."""
    return {r[0]: r[1].strip() for r in _rows(path) if len(r) > 1}


def read_frame_labels(path: Path) -> FrameLabels:
    """`ID<TAB>frame,frame` lines (an empty second column means no frame)."""
    return {r[0]: _split(r[1]) if len(r) > 1 else [] for r in _rows(path)}


def read_technique_labels(path: Path) -> TechniqueLabels:
    """`ID<TAB>LINE<TAB>technique,technique` lines (an empty third column means none)."""
    return {(r[0], int(r[1])): _split(r[2]) if len(r) > 2 else [] for r in _rows(path)}


def write_genre_labels(path: Path, labels: Mapping[str, str]) -> None:
    Path(path).write_text("".join(f"{aid}\t{g}\n" for aid, g in labels.items()), encoding="utf-8")


def write_frame_labels(path: Path, labels: Mapping[str, Iterable[str]]) -> None:
    Path(path).write_text("".join(f"{aid}\t{','.join(fs)}\n" for aid, fs in labels.items()), encoding="utf-8")


def write_technique_labels(path: Path, labels: Mapping[tuple[str, int], Iterable[str]]) -> None:
    lines = [f"{aid}\t{line}\t{','.join(ts)}\n" for (aid, line), ts in labels.items()]
    Path(path).write_text("".join(lines), encoding="utf-8")


def score_files(gold: Mapping[int, Path], pred: Mapping[int, Path]) -> dict[str, float]:
    """Official metrics for the subtasks that have both a gold and a predicted file."""
    out: dict[str, float] = {}
    if 1 in gold and 1 in pred:
        out["subtask1_macro_f1"] = genre_macro_f1(read_genre_labels(gold[1]), read_genre_labels(pred[1]))
    if 2 in gold and 2 in pred:
        out["subtask2_micro_f1"] = frames_micro_f1(read_frame_labels(gold[2]), read_frame_labels(pred[2]))
    if 3 in gold and 3 in pred:
        out["subtask3_micro_f1"] = techniques_micro_f1(read_technique_labels(gold[3]),
                                                       read_technique_labels(pred[3]))
    return out


def score_dirs(gold_dir: Path, pred_dir: Path) -> dict[str, float]:
    """Score the `labels-subtask-N.txt` files of `pred_dir` against the same names in `gold_dir`."""
    gold = {n: Path(gold_dir) / f for n, f in SUBTASK_FILES.items() if (Path(gold_dir) / f).exists()}
    pred = {n: Path(pred_dir) / f for n, f in SUBTASK_FILES.items() if (Path(pred_dir) / f).exists()}
    return score_files(gold, pred)
