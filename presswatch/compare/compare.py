"""Cross-outlet comparison of one story: what each outlet wrote, and what the outlets share or do differently.

Reads only the store's small tables (articles, frames, techniques, quotes), one query each, never the
article JSON; `build` is the pure part, so it can be tested without a store.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

from presswatch.compare.stories import link_groups
from presswatch.corpus import story_data
from presswatch.corpus.store import Store
from presswatch.errors import PresswatchError
from presswatch.taxonomy import FAMILY_ORDER_WITH_OTHER, family_of

QUOTE_SIMILARITY = 0.8  # word-sequence similarity (difflib ratio) of two quotes of the same statement
MIN_EXCERPT_WORDS = 5  # a quote this long found word for word inside another quote is the same quote

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class QuoteView:
    speaker: str | None
    kind: str | None
    text: str
    shared: int | None = None  # index into Comparison.shared_quotes when other outlets carry it too


@dataclass
class ArticleView:
    """One article of the story, as its outlet wrote it."""

    id: int
    outlet: str  # the outlet, or "article N" when the store does not know it
    title: str | None
    url: str | None
    published: str | None  # published, else the page time
    genre: str | None
    genre_score: float | None
    frames: list[tuple[str, float | None]]
    families: dict[str, int]
    techniques: dict[str, int]
    speakers: dict[str, int]
    quotes: list[QuoteView]

    @property
    def technique_total(self) -> int:
        return sum(self.techniques.values())


@dataclass
class SharedQuote:
    """One statement quoted by several outlets (same speaker, near-identical words)."""

    speaker: str
    text: str  # the longest version
    outlets: list[str]
    articles: list[int]


@dataclass
class Difference:
    name: str
    outlets: list[str]  # outlets that use it
    missing: list[str]  # outlets that do not


@dataclass
class Split:
    """Labels every outlet uses (`shared`) and labels only some use (`partial`)."""

    shared: list[str] = field(default_factory=list)
    partial: list[Difference] = field(default_factory=list)


@dataclass
class Comparison:
    id: int  # the story id: its smallest article id
    articles: list[ArticleView]
    outlets: list[str]
    shared_quotes: list[SharedQuote]
    techniques: Split
    families: Split
    frames: Split
    speakers: Split
    genres_differ: bool

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for a, view in zip(d["articles"], self.articles, strict=True):
            a["technique_total"] = view.technique_total
            a["frames"] = [{"frame": f, "score": s} for f, s in view.frames]
        return {"id": d.pop("id"), "size": len(self.articles), **d}


class StoryIdsError(PresswatchError):
    """Article ids of a story that the store does not hold."""


def compare_story(store: Store, ids: Iterable[int]) -> Comparison:
    """The comparison of the stored articles `ids` (one story); unknown ids raise StoryIdsError."""
    ids = sorted(set(ids))
    if not ids:
        raise StoryIdsError("a story needs at least one article id")
    conn = store.conn
    rows = story_data.summaries(conn, ids)
    missing = [i for i in ids if i not in rows]
    if missing:
        raise StoryIdsError(f"no article with id {', '.join(map(str, missing))}")
    return build(rows, story_data.frames(conn, ids), story_data.technique_counts(conn, ids),
                 story_data.quotes(conn, ids))


def build(rows: dict[int, dict[str, Any]], frames: dict[int, list[tuple[str, float | None]]],
          techniques: dict[int, dict[str, int]], quotes: dict[int, list[dict[str, Any]]]) -> Comparison:
    """The comparison from per-article rows (as corpus.story_data reads them)."""
    views = [_view(rows[i], frames.get(i, []), techniques.get(i, {}), quotes.get(i, []))
             for i in sorted(rows, key=lambda i: (rows[i].get("date") or "\uffff", i))]
    outlets = list(dict.fromkeys(v.outlet for v in views))
    shared = _shared_quotes(views)
    canon = canonical_speakers({s for v in views for s in v.speakers})
    return Comparison(
        id=min(rows), articles=views, outlets=outlets, shared_quotes=shared,
        techniques=_split(views, outlets, lambda v: v.techniques),
        families=_split(views, outlets, lambda v: v.families, order=list(FAMILY_ORDER_WITH_OTHER)),
        frames=_split(views, outlets, lambda v: dict(v.frames)),
        speakers=_split(views, outlets, lambda v: {canon.get(s, s) for s in v.speakers}),
        genres_differ=len({v.genre for v in views if v.genre}) > 1,
    )


def _view(row: dict[str, Any], frames: list[tuple[str, float | None]], techniques: dict[str, int],
          quotes: list[dict[str, Any]]) -> ArticleView:
    families: Counter[str] = Counter()
    for name, n in techniques.items():
        families[family_of(name)] += n
    speakers = Counter(q["speaker"] for q in quotes if q.get("speaker"))
    return ArticleView(
        id=int(row["id"]), outlet=row.get("outlet") or f"article {row['id']}", title=row.get("title"),
        url=row.get("url"), published=row.get("published") or row.get("date"), genre=row.get("genre"),
        genre_score=row.get("genre_score"), frames=list(frames),
        families={f: families[f] for f in FAMILY_ORDER_WITH_OTHER if families[f]},
        techniques=dict(techniques), speakers=dict(speakers.most_common()),
        quotes=[QuoteView(q.get("speaker"), q.get("kind"), q["text"]) for q in quotes],
    )


def _split(views: Sequence[ArticleView], outlets: list[str], labels: Any, order: list[str] | None = None) -> Split:
    used: dict[str, set[str]] = {}
    for v in views:
        for name in labels(v):
            used.setdefault(name, set()).add(v.outlet)
    names = [n for n in order if n in used] if order else sorted(used, key=lambda n: (-len(used[n]), n))
    out = Split()
    for name in names:
        if len(used[name]) == len(outlets):
            out.shared.append(name)
        else:
            out.partial.append(Difference(name, [o for o in outlets if o in used[name]],
                                          [o for o in outlets if o not in used[name]]))
    return out


# -- quotes carried by several outlets ---------------------------------------------------------------
def words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


def same_speaker(a: str, b: str) -> bool:
    """Equal names, or one name ends the other ("Putin" and "Vladimir Putin")."""
    wa, wb = words(a), words(b)
    short, long_ = sorted((wa, wb), key=len)
    return bool(short) and long_[len(long_) - len(short):] == short


def canonical_speakers(names: Iterable[str]) -> dict[str, str]:
    """Short names to the one longer name of the story they end ("Lopez" -> "Maria Lopez"); ambiguous ones stay."""
    tokens = {n: words(n) for n in set(names)}
    by_surname: dict[str, list[str]] = {}
    for n, w in sorted(tokens.items()):
        if w:
            by_surname.setdefault(w[-1], []).append(n)
    out = {}
    for name, w in tokens.items():
        if not w:
            continue
        longer = [m for m in by_surname[w[-1]] if len(tokens[m]) > len(w) and tokens[m][-len(w):] == w]
        if len({tokens[m] for m in longer}) == 1:
            out[name] = max(longer, key=len)
    return out


def near_identical(a: Sequence[str], b: Sequence[str]) -> bool:
    """Word sequences of one quote: nearly the same words in the same order, or one an excerpt of the other."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long_ = sorted((tuple(a), tuple(b)), key=len)
    if len(short) >= MIN_EXCERPT_WORDS and any(
        long_[i : i + len(short)] == short for i in range(len(long_) - len(short) + 1)
    ):
        return True
    if 2 * len(short) / (len(short) + len(long_)) < QUOTE_SIMILARITY:  # the ratio's upper bound
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= QUOTE_SIMILARITY


def _shared_quotes(views: list[ArticleView]) -> list[SharedQuote]:
    """Quotes that articles of two or more outlets carry; marks each QuoteView with its shared index."""
    items = [(vi, qi, q, words(q.text)) for vi, v in enumerate(views) for qi, q in enumerate(v.quotes)
             if q.speaker and words(q.speaker) and q.text.strip()]
    by_surname: dict[str, list[int]] = {}  # same speakers end with the same word: compare within these only
    for i, (_, _, q, _) in enumerate(items):
        by_surname.setdefault(words(q.speaker or "")[-1], []).append(i)
    pairs = []
    for bucket in by_surname.values():
        for n, x in enumerate(bucket):
            vx, _, qx, wx = items[x]
            for y in bucket[n + 1 :]:
                vy, _, qy, wy = items[y]
                if vx != vy and same_speaker(qx.speaker or "", qy.speaker or "") and near_identical(wx, wy):
                    pairs.append((x, y))
    shared: list[SharedQuote] = []
    for group in sorted(link_groups(pairs), key=lambda g: (-len(g), g[0])):
        members = [items[i] for i in group]
        outlets = list(dict.fromkeys(views[vi].outlet for vi, _, _, _ in members))
        if len(outlets) < 2:
            continue
        for vi, qi, _, _ in members:
            views[vi].quotes[qi].shared = len(shared)
        speaker = max((q.speaker or "" for _, _, q, _ in members), key=len)
        text = max((q.text for _, _, q, _ in members), key=len)
        shared.append(SharedQuote(speaker, text, outlets, sorted({views[vi].id for vi, _, _, _ in members})))
    return shared
