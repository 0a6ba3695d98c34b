"""An analyst's corrections of the models' verdicts, kept in the corpus (who and when), shown on the article, and
turned into SemEval-format labelled examples that `presswatch train --corrections DB` folds into training."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from presswatch.article import Article
from presswatch.corpus import schema
from presswatch.errors import InputError
from presswatch.evaluation.semeval import SemEvalArticle
from presswatch.taxonomy import FAMILY_OF, FRAMES, GENRES, TECHNIQUES, semeval_language

KINDS = ("technique", "frame", "genre", "speaker")
VERDICTS = ("false", "true")  # technique / frame: the model is wrong / it is there (added)
# a corrected paragraph is seen this many times in training: one correction among thousands of paragraphs
# would not move a verdict (tests/models/test_corrections_training.py measures how many it takes)
WEIGHT = 8

DDL = """
CREATE TABLE IF NOT EXISTS corrections (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('technique', 'frame', 'genre', 'speaker')),
    verdict    TEXT CHECK (verdict IN ('false', 'true')),
    technique  TEXT,
    start      INTEGER,
    "end"      INTEGER,
    value      TEXT,                   -- frame, genre or the speaker's name
    who        TEXT NOT NULL,
    time       TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_article ON corrections(article_id);
"""


@dataclass(frozen=True)
class Correction:
    kind: str
    verdict: str | None = None
    technique: str | None = None
    start: int | None = None
    end: int | None = None
    value: str | None = None
    who: str = "analyst"
    time: str | None = None
    id: int | None = None

    def describe(self) -> str:
        if self.kind == "technique":
            what = "not" if self.verdict == "false" else "added:"
            return f"{what} {self.technique} [{self.start}, {self.end})"
        if self.kind == "frame":
            return f"frame {self.value} {'removed' if self.verdict == 'false' else 'added'}"
        return f"{self.kind} set to {self.value}" + (f" [{self.start}, {self.end})" if self.start is not None else "")


def checked(c: Correction, article: Article) -> Correction:
    """`c` validated against the taxonomy and the article's text; an InputError names what is wrong."""
    if c.kind not in KINDS:
        raise InputError(f"correction kind must be one of {', '.join(KINDS)} (got {c.kind!r})")
    who = " ".join((c.who or "").split())[:80] or "analyst"
    if c.kind in ("technique", "frame") and c.verdict not in VERDICTS:
        raise InputError(f"a {c.kind} correction needs verdict false or true (got {c.verdict!r})")
    if c.kind == "technique" and c.technique not in TECHNIQUES:
        raise InputError(f"unknown technique {c.technique!r}")
    inside = isinstance(c.start, int) and isinstance(c.end, int) and 0 <= c.start < c.end <= len(article.text)
    if c.kind in ("technique", "speaker") and not inside:
        raise InputError(f"span [{c.start}, {c.end}) is not inside the text (length {len(article.text)})")
    if c.kind == "frame" and c.value not in FRAMES:
        raise InputError(f"unknown frame {c.value!r}")
    if c.kind == "genre" and c.value not in GENRES:
        raise InputError(f"genre must be one of {', '.join(GENRES)} (got {c.value!r})")
    if c.kind == "speaker":
        value = " ".join((c.value or "").split())
        if not value or len(value) > 120:
            raise InputError("a speaker correction needs the speaker's name (at most 120 characters)")
        c = replace(c, value=value)
        if not any(q.start == c.start and q.end == c.end for q in article.quotes):
            raise InputError(f"no quote at [{c.start}, {c.end})")
    return replace(c, who=who)


def ensure(conn: sqlite3.Connection) -> None:
    """Create the table if the store has none yet (stores made before it existed get it on the first correction)."""
    for statement in DDL.split(";"):
        if statement.strip():
            conn.execute(statement)


def add(store: Any, article_id: int, c: Correction) -> Correction:
    """Store a correction of one article (checked first); returns it with its id and time."""
    article = store.get(article_id)
    if article is None:
        raise InputError(f"no article with id {article_id}")
    c = replace(checked(c, article), time=datetime.now(UTC).isoformat(timespec="seconds"))
    with store.transaction():
        ensure(store.conn)  # inside the savepoint: CREATE ... IF NOT EXISTS is transactional in SQLite
        cid = store.conn.execute(
            """INSERT INTO corrections (article_id, kind, verdict, technique, start, "end", value, who, time)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (article_id, c.kind, c.verdict, c.technique, c.start, c.end, c.value, c.who, c.time)).lastrowid
    return replace(c, id=int(cid or 0))


def of_article(conn: sqlite3.Connection, article_id: int) -> list[Correction]:
    """The article's corrections, oldest first (none in a store that has no corrections table yet)."""
    return [c for _, c in _rows(conn, "WHERE article_id = ?", (article_id,))]


def _rows(conn: sqlite3.Connection, where: str = "", args: tuple[Any, ...] = ()) -> Iterator[tuple[int, Correction]]:
    if not schema.has_table(conn, "corrections"):
        return
    for aid, cid, kind, verdict, tech, s, e, value, who, time in conn.execute(
            f"""SELECT article_id, id, kind, verdict, technique, start, "end", value, who, time FROM corrections
                {where} ORDER BY article_id, id""", args).fetchall():
        yield aid, Correction(kind, verdict, tech, s, e, value, who, time, cid)


def latest(corrections: Iterable[Correction]) -> list[Correction]:
    """The corrections in force: the last word on each technique span, frame, the genre and each quote."""
    last: dict[tuple[Any, ...], Correction] = {}
    for c in corrections:
        key: tuple[Any, ...] = {"technique": (c.kind, c.technique, c.start, c.end), "frame": (c.kind, c.value),
                                "genre": (c.kind,), "speaker": (c.kind, c.start, c.end)}[c.kind]
        last.pop(key, None)
        last[key] = c
    return list(last.values())


@dataclass
class Corrected:
    """An article as the analyst corrected it: which of its techniques are marked false, which were added."""

    article: Article
    false: dict[int, Correction]  # index into article.techniques -> the correction
    added: list[int]  # indices of techniques added by corrections (appended to article.techniques)
    genre: Correction | None
    frames: list[Correction]
    speakers: dict[int, Correction]  # index into article.quotes -> the correction
    corrections: list[Correction]


def apply(article: Article, corrections: list[Correction]) -> Corrected:
    """A copy of `article` with the corrections in force applied (added spans appended, speakers replaced, genre
    and frames set); spans marked false stay, flagged, so the page can show what was corrected."""
    from presswatch.article import Label, Technique

    a = Article.from_dict(article.to_dict())
    force = latest(corrections)
    false: dict[int, Correction] = {}
    added: list[int] = []
    speakers: dict[int, Correction] = {}
    genre, frames = None, []
    for c in force:
        if c.kind == "technique" and c.verdict == "false":
            for i, t in enumerate(a.techniques):
                if (t.technique, t.start, t.end) == (c.technique, c.start, c.end):
                    false[i] = c
        elif c.kind == "technique" and c.start is not None and c.end is not None and c.technique:
            if not any((t.technique, t.start, t.end) == (c.technique, c.start, c.end) for t in a.techniques):
                a.techniques.append(Technique(c.technique, FAMILY_OF.get(c.technique, ""), c.start, c.end,
                                              a.text[c.start:c.end], a.line_of(c.start), 1.0,
                                              explanation=f"added by {c.who}"))
                added.append(len(a.techniques) - 1)
        elif c.kind == "speaker":
            for i, q in enumerate(a.quotes):
                if (q.start, q.end) == (c.start, c.end):
                    a.quotes[i] = replace(q, speaker=c.value)
                    speakers[i] = c
        elif c.kind == "genre":
            genre = c
            a.genre = Label(str(c.value), 1.0, [f"corrected by {c.who}"])
        elif c.kind == "frame":
            frames.append(c)
            a.frames = [f for f in a.frames if f.label != c.value]
            if c.verdict == "true":
                a.frames.append(Label(str(c.value), 1.0, [f"added by {c.who}"]))
    return Corrected(a, false, added, genre, frames, speakers, corrections)


def _corrected_articles(store: Any) -> Iterator[tuple[int, Article, list[Correction]]]:
    """(article id, stored Article, its corrections in order) of every corrected article still in the store."""
    by_article: dict[int, list[Correction]] = {}
    for aid, c in _rows(store.conn):
        by_article.setdefault(aid, []).append(c)
    for aid, cs in by_article.items():
        article = store.get(aid)
        if article is not None:
            yield aid, article, cs


# -- training examples -----------------------------------------------------------------------------
def training_examples(store: Any, weight: int = WEIGHT) -> list[SemEvalArticle]:
    """SemEval-format labelled examples from the store's corrections: per corrected article, its corrected
    paragraphs with their labels as the analyst left them (the model's techniques there, less those marked false,
    plus those added), its genre and frames where corrected; each example `weight` times."""
    out: list[SemEvalArticle] = []
    for aid, article, cs in _corrected_articles(store):
        ex = example(aid, article, cs)
        if ex is not None:
            out += [replace(ex, id=f"{ex.id}-{k}") if k else ex for k in range(weight)]
    return out


def example(article_id: int, article: Article, corrections: list[Correction]) -> SemEvalArticle | None:
    """One article's corrections as a SemEvalArticle (None when nothing in them labels anything)."""
    fixed = apply(article, corrections)
    a = fixed.article
    lines = {a.line_of(c.start) for c in latest(corrections) if c.kind == "technique" and c.start is not None}
    labels: dict[int, list[str]] = {n: [] for n in sorted(lines)}
    spans = []
    for i, t in enumerate(a.techniques):
        if i in fixed.false or t.paragraph not in labels:
            continue
        if t.technique not in labels[t.paragraph]:
            labels[t.paragraph].append(t.technique)
        spans.append((t.technique, t.start, t.end))
    for d in a.paragraph_techniques:  # paragraph-level labels of the corrected lines stand unless marked false
        n = d.get("paragraph") if isinstance(d, dict) else None
        if n in labels:
            for lab in d.get("techniques") or []:
                name = lab.get("technique") if isinstance(lab, dict) else lab
                gone = any(c.kind == "technique" and c.verdict == "false" and c.technique == name
                           and a.line_of(c.start or 0) == n for c in latest(corrections))
                if name in TECHNIQUES and not gone and name not in labels[n]:
                    labels[n].append(name)
    genre = fixed.genre.value if fixed.genre else None
    frames = [f.label for f in a.frames] if fixed.frames else []
    if not labels and genre is None and not frames:
        return None
    return SemEvalArticle(f"corr{article_id}", semeval_language(a.metadata.language), a.text, genre=genre,
                          frames=frames, paragraph_labels=labels, spans=spans)


def write_semeval(store: Any, out: Path) -> dict[str, int]:
    """The corrections as a SemEval-2023 layout under `out/<lang>/` (train-articles, train-labels-subtask-1/2/3
    and the span files), readable by `evaluation.semeval.load_language`; returns files written per language."""
    counts: dict[str, int] = {}
    examples = training_examples(store, weight=1)
    for lang in sorted({e.lang for e in examples}):
        d = out / lang
        (d / "train-articles").mkdir(parents=True, exist_ok=True)
        (d / "train-labels-subtask-3-spans").mkdir(exist_ok=True)
        mine = [e for e in examples if e.lang == lang]
        for e in mine:
            (d / "train-articles" / f"article{e.id}.txt").write_text(e.text, encoding="utf-8")
        _tsv(d / "train-labels-subtask-1.txt", [(e.id, e.genre) for e in mine if e.genre])
        _tsv(d / "train-labels-subtask-2.txt", [(e.id, ",".join(e.frames)) for e in mine if e.frames])
        _tsv(d / "train-labels-subtask-3.txt", [(e.id, str(n), ",".join(ts)) for e in mine
                                                for n, ts in e.paragraph_labels.items()])
        _tsv(d / "train-labels-subtask-3-spans" / "corrections.txt",
             [(e.id, t, str(s), str(x)) for e in mine for t, s, x in e.spans])
        counts[lang] = len(mine)
    return counts


def _tsv(path: Path, rows: list[tuple[str, ...]]) -> None:
    path.write_text("".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")


def agreement(store: Any, model: Any = None, embed: Any = None) -> dict[str, dict[str, int]]:
    """How many technique corrections in force the technique model (default: the shipped one) agrees with: a span
    marked false whose paragraph it does not label with that technique, one added (or confirmed) that it does."""
    import numpy as np

    from presswatch.models.techniques.model import load_technique_model
    from presswatch.taxonomy import semeval_language

    model = model or load_technique_model()
    out = {"techniques": {"agree": 0, "total": 0}}
    for _aid, article, cs in _corrected_articles(store):
        spans = dict(article.paragraphs())
        for c in latest(cs):
            if c.kind == "technique" and c.start is not None:
                span = spans.get(article.line_of(c.start))
                if span is None:
                    continue
                text = article.text[span.start:span.end]
                vecs = embed([text]) if embed else None
                found = {t for t, _ in model.predict_paragraphs([text], None if vecs is None else np.asarray(vecs),
                                                                lang=semeval_language(article.metadata.language))[0]}
                out["techniques"]["total"] += 1
                out["techniques"]["agree"] += (c.technique in found) == (c.verdict == "true")
    return out
