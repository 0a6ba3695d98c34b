"""Full-text search (FTS5, bm25) with one `Filters`: parsed and checked once, the same for CLI, API and web."""

from __future__ import annotations

import difflib
import re
import sqlite3
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from presswatch import limits
from presswatch.corpus.schema import VOICES, has_voice
from presswatch.errors import FilterError, QueryError
from presswatch.taxonomy import FAMILY_OF, FRAMES, GENRES, TECHNIQUES

HIT_START, HIT_END = "\x02", "\x03"
SNIPPET_TOKENS = 32
SPAN_SNIPPETS = 3  # technique spans shown per hit
# bm25 weights: a match in the title counts more than one in the body
_BM25 = "bm25(articles_fts, 4.0, 1.0)"
UNKNOWN = "(unknown)"  # the outlet of articles without one, as aggregates name it
SORTS = ("relevance", "date", "oldest", "techniques")
_ORDER = {
    "relevance": f"{_BM25}, a.id",
    "date": "a.date DESC, a.id DESC",  # undated (NULL) last
    "oldest": "a.date IS NULL, a.date, a.id",
    "techniques": "(SELECT count(*) FROM techniques t WHERE t.article_id = a.id) DESC, a.date DESC, a.id DESC",
}


@dataclass
class SpanSnippet:
    technique: str
    text: str
    start: int
    end: int
    score: float | None
    voice: str | None
    speaker: str | None


@dataclass
class SearchHit:
    id: int
    title: str | None
    outlet: str | None
    published: str | None  # published, else the time stamp shown on the page (what date filters use)
    source: str | None
    snippet: str  # plain text; matched terms wrapped in "\x02" ... "\x03"
    score: float  # higher is better (negated bm25)
    language: str | None = None
    genre: str | None = None
    techniques: int = 0  # technique instances in the article
    spans: list[SpanSnippet] = field(default_factory=list)  # matching technique spans (the filter's, else the top)


@dataclass
class SearchResult:
    total: int
    hits: list[SearchHit]
    undated: int | None = None  # with a date filter: articles matching the other filters that have no date


# -- the filters -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Filters:
    """What to search for. `parse` checks the syntax and closed vocabularies (technique, frame, voice, sort,
    dates); `check` checks the open ones (outlet, language, genre, speaker, entity) against a store, resolving
    a speaker's aliases. Every bad value is a FilterError naming the filter, with suggestions."""

    q: str | None = None
    outlet: str | None = None
    lang: str | None = None
    genre: str | None = None
    frame: str | None = None
    technique: str | None = None
    voice: str | None = None
    speaker: str | None = None
    entity: str | None = None
    since: str | None = None
    until: str | None = None
    sort: str | None = None
    speakers: tuple[str, ...] = ()  # the speaker's canonical names in the store (set by `check`)

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The filter names (CLI options and query parameters have these names)."""
        return tuple(f.name for f in fields(cls) if f.name != "speakers")

    @classmethod
    def parse(cls, *, today: date | None = None, **values: Any) -> Filters:
        unknown = set(values) - set(cls.names())
        if unknown:
            raise QueryError(f"unknown filter(s): {', '.join(sorted(unknown))}")
        v = {k: (str(x).strip() or None) if x is not None else None for k, x in values.items()}
        v["technique"] = _closed("technique", v.get("technique"), TECHNIQUES)
        v["frame"] = _closed("frame", v.get("frame"), FRAMES)
        v["voice"] = check_voice(v.get("voice"))
        v["sort"] = _closed("sort", v.get("sort"), SORTS)
        if v["sort"] == "relevance" and not v.get("q"):
            raise FilterError("sort", "relevance", "sort=relevance needs a query (q); use date, oldest or techniques")
        v["since"] = parse_date(v.get("since"), "since", today)
        v["until"] = parse_date(v.get("until"), "until", today)
        if v["since"] and v["until"] and v["since"][:10] > v["until"][:10]:
            raise FilterError("since", v["since"], f"since {v['since']} is after until {v['until']}")
        return cls(**v)

    def check(self, conn: sqlite3.Connection) -> Filters:
        """These filters with the open vocabularies checked against the store (case folded to its spelling)."""
        out = self
        if self.outlet and self.outlet != UNKNOWN:
            out = replace(out, outlet=_known(conn, "outlet", self.outlet, "SELECT DISTINCT outlet FROM articles"))
        if self.lang:
            out = replace(out, lang=_known(conn, "lang", self.lang, "SELECT DISTINCT language FROM articles",
                                           what="language"))
        if self.genre:
            out = replace(out, genre=_known(conn, "genre", self.genre, "SELECT DISTINCT genre FROM articles",
                                            extra=GENRES))
        if self.entity and not conn.execute("SELECT 1 FROM entity_names WHERE name = ? LIMIT 1",
                                            (self.entity,)).fetchone():
            raise FilterError("entity", self.entity, f"no article names the entity {self.entity!r}"
                              + _did_you_mean(self.entity, _entity_candidates(conn, self.entity)))
        if self.speaker:
            out = replace(out, speakers=resolve_speaker(conn, self.speaker))
        return out

    def active(self) -> dict[str, str]:
        """The set filters as query parameters (what a link to this search carries)."""
        return {k: v for k, v in asdict(self).items() if v and k != "speakers"}

    def dated(self) -> bool:
        return bool(self.since or self.until)

    def where(self, conn: sqlite3.Connection, *, dates: bool = True) -> tuple[list[str], list[Any]]:
        """SQL conditions on `articles a` and their arguments (annotation filters as indexed IN subqueries)."""
        until = self.until and self.until[:-1] + chr(ord(self.until[-1]) + 1)  # "2021-01" includes all January
        speakers = self.speakers or ((self.speaker,) if self.speaker else ())
        clauses: list[tuple[Any, str, list[Any]]] = [
            (self.outlet and self.outlet != UNKNOWN, "a.outlet = ? COLLATE NOCASE", [self.outlet]),
            (self.outlet == UNKNOWN, "a.outlet IS NULL", []),
            (self.lang, "a.language = ? COLLATE NOCASE", [self.lang]),
            (self.genre, "a.genre = ? COLLATE NOCASE", [self.genre]),
            (self.frame, "a.id IN (SELECT article_id FROM frames WHERE frame = ?)", [self.frame]),
            (self.technique and not self.voice,
             "a.id IN (SELECT article_id FROM techniques WHERE technique = ? COLLATE NOCASE)", [self.technique]),
            (speakers, "a.id IN (SELECT article_id FROM quotes WHERE speaker COLLATE NOCASE IN ({}))".format(
                ",".join("?" * len(speakers))), list(speakers)),
            (self.entity, "a.id IN (SELECT article_id FROM entity_names WHERE name = ?)", [self.entity]),
            (dates and self.since, "a.date >= ?", [self.since]),
            (dates and until, "a.date < ?", [until]),
        ]
        where = [sql for on, sql, _ in clauses if on]
        args = [a for on, _, more in clauses if on for a in more]
        if self.voice:
            clause, more = _voice_filter(conn, self.voice, self.technique)
            where.append(clause)
            args += more
        return where, args


def check_voice(voice: str | None) -> str | None:
    """`voice` normalised (author | quoted | reported), None for none; anything else is a FilterError."""
    v = (voice or "").strip().lower() or None
    if v is not None and v not in VOICES:
        raise FilterError("voice", voice or "", f"voice must be one of {', '.join(VOICES)} (got {voice!r})")
    return v


def _closed(name: str, value: str | None, known: tuple[str, ...]) -> str | None:
    """`value` as spelt in `known` (case, spaces for underscores and hyphens forgiven), else a FilterError."""
    if not value:
        return None
    key = _fold(value)
    for k in known:
        if _fold(k) == key:
            return k
    raise FilterError(name, value, f"unknown {name} {value!r}" + _did_you_mean(value, known)
                      + f"; known: {', '.join(known)}")


def _fold(s: str) -> str:
    return re.sub(r"[\s_\-]+", "", s.casefold())


def _did_you_mean(value: str, known: Any) -> str:
    by_fold = {_fold(k): k for k in known if k}
    close = difflib.get_close_matches(_fold(value), list(by_fold), n=3, cutoff=0.5)
    close += [f for f in by_fold if _fold(value) in f and f not in close][: 3 - len(close)]
    return f" (did you mean {', '.join(repr(by_fold[c]) for c in close)}?)" if close else ""


def _known(conn: sqlite3.Connection, name: str, value: str, sql: str, *, extra: tuple[str, ...] = (),
           what: str | None = None) -> str:
    known = sorted({str(r[0]) for r in conn.execute(sql) if r[0] is not None} | set(extra))
    for k in known:
        if k.casefold() == value.casefold():
            return k
    shown = ", ".join(known[:30]) + (" …" if len(known) > 30 else "")
    raise FilterError(name, value, f"no article has the {what or name} {value!r}" + _did_you_mean(value, known)
                      + (f"; known: {shown}" if known else "; the store is empty"))


def _entity_candidates(conn: sqlite3.Connection, value: str) -> list[str]:
    head = value[:3]
    return [r[0] for r in conn.execute("SELECT DISTINCT name FROM entity_names WHERE name LIKE ? LIMIT 500",
                                       (head + "%",))]


def resolve_speaker(conn: sqlite3.Connection, speaker: str) -> tuple[str, ...]:
    """The quote speakers `speaker` names: the name itself, a speaker whose entity has it as an alias, else
    speakers whose name ends with it ("Putin" -> "Vladimir Putin"); none is a FilterError with suggestions."""
    import json

    # SQLite folds only ASCII case: the usual spellings of a name are tried as they are (Мария, МАРИЯ, мария)
    forms = sorted({speaker, speaker.casefold(), speaker.title(), speaker.upper(), speaker[:1].upper() + speaker[1:]})
    marks = ",".join("?" * len(forms))
    low = speaker.casefold()
    names = {r[0] for r in conn.execute(
        f"SELECT DISTINCT speaker FROM quotes WHERE speaker COLLATE NOCASE IN ({marks})", forms)}
    rows = conn.execute(
        f"""SELECT DISTINCT e.name, e.aliases FROM entity_names n JOIN entities e ON e.article_id = n.article_id
            WHERE n.name IN ({marks}) AND e.aliases != '[]' LIMIT 5000""", forms)
    aliased = sorted({name for name, aliases in rows
                      if low in {str(a).casefold() for a in json.loads(aliases or "[]")}})
    if aliased:
        more = ",".join("?" * len(aliased))
        names |= {r[0] for r in conn.execute(
            f"SELECT DISTINCT speaker FROM quotes WHERE speaker COLLATE NOCASE IN ({more})", aliased)}
    if not names:
        for form in forms:
            names |= {r[0] for r in conn.execute(
                "SELECT DISTINCT speaker FROM quotes WHERE speaker LIKE ? LIMIT 50", (f"% {form}",))}
    if names:
        return tuple(sorted(names))
    top = [r[0] for r in conn.execute("""SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker
                                         ORDER BY count(*) DESC LIMIT 2000""")]
    raise FilterError("speaker", speaker, f"no quote has the speaker {speaker!r} (nor one known by that alias)"
                      + _did_you_mean(speaker, top))


_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")
_AGO = re.compile(r"^(\d+)\s*(day|week|month|year)s?\s+ago$")
_LAST = re.compile(r"^(?:last|past)\s+(?:(\d+)\s+)?(day|week|month|year)s?$")


def parse_date(value: str | None, name: str, today: date | None = None) -> str | None:
    """An ISO 8601 date prefix (YYYY, YYYY-MM, YYYY-MM-DD, a date-time) as given, or a relative date
    ("today", "yesterday", "last week", "last 3 months", "10 days ago") as YYYY-MM-DD; else a FilterError."""
    if value is None or not value.strip():
        return None
    v = value.strip()
    if _ISO.match(v):
        try:
            if len(v) == 7:
                date.fromisoformat(v + "-01")
            elif len(v) == 10:
                date.fromisoformat(v)
            elif len(v) > 10:
                datetime.fromisoformat(v)
            return v
        except ValueError:
            pass
    today = today or datetime.now(UTC).date()
    low = " ".join(v.lower().split())
    m = _AGO.match(low) or _LAST.match(low)
    if low in ("today", "yesterday"):
        return (today - timedelta(days=low == "yesterday")).isoformat()
    if m:
        n, unit = int(m.group(1) or 1), m.group(2)
        days = {"day": 1, "week": 7}.get(unit)
        if days:
            return (today - timedelta(days=n * days)).isoformat()
        months = n * (12 if unit == "year" else 1)
        y, mo = divmod(today.year * 12 + today.month - 1 - months, 12)
        return date(y, mo + 1, min(today.day, 28)).isoformat()
    raise FilterError(name, value, f"{name}: {value!r} is not a date (YYYY, YYYY-MM, YYYY-MM-DD, a date-time, "
                      "or relative: today, yesterday, last week, last 3 months, 10 days ago)")


def known_values(conn: sqlite3.Connection, speakers: int = 200) -> dict[str, list[str]]:
    """What each filter accepts (open vocabularies: what the store holds, most frequent first)."""
    def col(sql: str) -> list[str]:
        return [str(r[0]) for r in conn.execute(sql) if r[0] is not None]

    return {
        "outlet": col("SELECT outlet FROM articles GROUP BY outlet ORDER BY count(*) DESC, outlet"),
        "lang": col("SELECT language FROM articles GROUP BY language ORDER BY count(*) DESC, language"),
        "genre": sorted(set(col("SELECT DISTINCT genre FROM articles")) | set(GENRES)),
        "frame": list(FRAMES), "technique": list(TECHNIQUES), "voice": list(VOICES), "sort": list(SORTS),
        "speaker": col(f"""SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker
                           ORDER BY count(*) DESC, speaker LIMIT {int(speakers)}"""),
    }


# -- the search ------------------------------------------------------------------------------------
def search(conn: sqlite3.Connection, query: str | None = None, *, filters: Filters | None = None,
           limit: int = 20, offset: int = 0, **values: Any) -> SearchResult:
    """Best matches first for the query (FTS5 syntax); newest first when there is none (or `sort`).

    Either `filters` or filter values by name (`outlet=`, `technique=`, ...): they are parsed and checked against
    the store. `voice` keeps articles with a technique span in the outlet's own words ("author"), a direct quote
    ("quoted") or reported speech ("reported"); with `technique`, a span of that technique."""
    if not (0 <= limit < 2**63 and 0 <= offset < 2**63):
        raise QueryError("limit and offset must be between 0 and 2**63 - 1")
    query = values.pop("q", None) if query is None else query
    f = filters if filters is not None else Filters.parse(q=query, **values)
    if query is not None and filters is not None:
        f = replace(f, q=query)
    f = f.check(conn)
    q = (f.q or "").strip()
    sort = f.sort or ("relevance" if q else "date")
    where, args = f.where(conn)
    limits.check_query(q)
    with limits.query_time(conn):
        try:
            total, ranked = _ranked(conn, q, where, args, sort, limit, offset)
            undated = None
            if f.dated():
                cond, more = f.where(conn, dates=False)
                _, frm, fargs = _from(q, [*cond, "a.date IS NULL"], more)
                undated = int(conn.execute(f"SELECT count(*) FROM {frm}", fargs).fetchone()[0])
        except sqlite3.OperationalError as exc:
            if q and _is_query_error(exc):
                raise QueryError(f"cannot parse search query {q!r}: {exc}") from exc
            raise
        hits = _hits(conn, ranked, q, f)
    return SearchResult(total, hits, undated)


def _from(q: str, where: list[str], args: list[Any]) -> tuple[bool, str, list[Any]]:
    cond = " AND ".join(where) or "1"
    if q:
        frm = f"articles_fts JOIN articles a ON a.id = articles_fts.rowid WHERE articles_fts MATCH ? AND {cond}"
        return True, frm, [q, *args]
    return False, f"articles a WHERE {cond}", list(args)


def _ranked(conn: sqlite3.Connection, q: str, where: list[str], args: list[Any], sort: str, limit: int,
            offset: int) -> tuple[int, list[tuple[int, float]]]:
    # Rank ids first; snippets only for the page shown (snippet() on every match dominates on big stores).
    fts, frm, fargs = _from(q, where, args)
    if fts and not where and sort == "relevance":  # a bare query: the index alone, no join per match
        frm, fargs = "articles_fts WHERE articles_fts MATCH ?", [q]
        total = int(conn.execute(f"SELECT count(*) FROM {frm}", fargs).fetchone()[0])
        rows = conn.execute(f"SELECT rowid, -{_BM25} FROM {frm} ORDER BY {_BM25}, rowid LIMIT ? OFFSET ?",
                            [*fargs, limit, offset]).fetchall()
        return total, [(int(i), float(s)) for i, s in rows]
    total = int(conn.execute(f"SELECT count(*) FROM {frm}", fargs).fetchone()[0])
    score = f"-{_BM25}" if fts else "0.0"
    rows = conn.execute(f"SELECT a.id, {score} FROM {frm} ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?",
                        [*fargs, limit, offset]).fetchall()
    return total, [(int(i), float(s)) for i, s in rows]


def _hits(conn: sqlite3.Connection, ranked: list[tuple[int, float]], q: str, f: Filters) -> list[SearchHit]:
    """The shown page's hits: metadata, snippets and technique counts in one query each for all of them."""
    if not ranked:
        return []
    ids = [aid for aid, _ in ranked]
    marks = ",".join("?" * len(ids))
    meta = {r[0]: r[1:] for r in conn.execute(
        f"SELECT id, title, outlet, date, source, language, genre FROM articles WHERE id IN ({marks})", ids)}
    if q:
        snippets = {r[0]: r[1] or "" for r in conn.execute(
            f"""SELECT rowid, snippet(articles_fts, -1, ?, ?, '…', {SNIPPET_TOKENS}) FROM articles_fts
                WHERE articles_fts MATCH ? AND rowid IN ({marks})""", [HIT_START, HIT_END, q, *ids])}
    else:
        snippets = {r[0]: _cut(r[1] or "") for r in conn.execute(
            f"SELECT id, substr(text, 1, 240) FROM documents WHERE id IN ({marks})", ids)}
    counts = dict(conn.execute(
        f"SELECT article_id, count(*) FROM techniques WHERE article_id IN ({marks}) GROUP BY article_id", ids))
    voiced = has_voice(conn)
    hits = []
    for aid, score in ranked:
        title, outlet, published, source, language, genre = meta.get(aid, (None,) * 6)
        hits.append(SearchHit(aid, title, outlet, published, source, snippets.get(aid, ""), score, language, genre,
                              int(counts.get(aid, 0)), span_snippets(conn, aid, f.technique, f.voice, voiced=voiced)))
    return hits


def span_snippets(conn: sqlite3.Connection, aid: int, technique: str | None = None, voice: str | None = None,
                  limit: int = SPAN_SNIPPETS, voiced: bool | None = None) -> list[SpanSnippet]:
    """The article's technique spans (of `technique` and `voice`, when given), best scored first, with text;
    `voiced`: whether the store has the voice column, when the caller knows."""
    voiced = has_voice(conn) if voiced is None else voiced
    cond, args = ["t.article_id = ?", "t.level = 'span'"], [aid]
    if technique:
        cond.append("t.technique = ? COLLATE NOCASE")
        args.append(technique)
    if voice and voiced:
        cond.append("t.voice = ?")
        args.append(voice)
    cols = "t.voice, t.speaker" if voiced else "NULL, NULL"
    rows = conn.execute(
        f"""SELECT t.technique, substr(d.text, t.start + 1, t."end" - t.start), t.start, t."end", t.score, {cols}
            FROM techniques t JOIN documents d ON d.id = t.article_id WHERE {' AND '.join(cond)}
            ORDER BY t.score DESC, t.start LIMIT ?""", [*args, limit]).fetchall()
    return [_span_snippet(*r) for r in rows]


def _span_snippet(technique: Any, text: Any, start: Any, end: Any, score: Any, voice: Any,
                  speaker: Any) -> SpanSnippet:
    """A row as typed values whatever an older version wrote into the (dynamically typed) columns."""
    def txt(v: Any) -> str | None:
        return v if isinstance(v, str) else None if v is None else str(v)

    num = score if isinstance(score, int | float) else None
    return SpanSnippet(txt(technique) or "", txt(text) or "", start if isinstance(start, int) else 0,
                       end if isinstance(end, int) else 0, num, txt(voice), txt(speaker))


def family(technique: str) -> str:
    return FAMILY_OF.get(technique, "")


def _voice_filter(conn: sqlite3.Connection, voice: str, technique: str | None) -> tuple[str, list[Any]]:
    """The voice clause (of `technique`'s spans, when given); a store without the column (v1, opened read-only)
    knows no voices, so nothing matches."""
    if not has_voice(conn):
        return "0", []
    if technique:
        return ("a.id IN (SELECT article_id FROM techniques WHERE technique = ? COLLATE NOCASE AND voice = ?)",
                [technique, voice])
    return "a.id IN (SELECT article_id FROM techniques WHERE voice = ?)", [voice]


def _is_query_error(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return any(s in msg for s in ("fts5", "syntax error", "no such column", "unterminated", "unknown special query"))


def _cut(text: str) -> str:
    text = " ".join(text.split())
    if len(text) < 200:
        return text
    return text[:200].rsplit(" ", 1)[0] + " …"
