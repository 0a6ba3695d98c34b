"""The corpus store: analysed Articles and their annotations in SQLite (WAL, FTS5), searchable and countable."""

from __future__ import annotations

import copy
import hashlib
import json
import sqlite3
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from presswatch.article import Article
from presswatch.corpus import aggregates, aliases, neardup
from presswatch.corpus import search as _search
from presswatch.corpus.schema import ensure_tables, migrate
from presswatch.corpus.search import Filters, SearchHit, SearchResult
from presswatch.errors import PresswatchError
from presswatch.validate import check_article, repair

__all__ = ["Filters", "SearchHit", "SearchResult", "Store", "StoreError"]


class StoreError(PresswatchError):
    """The store file cannot be opened or is not a presswatch store."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(article: Article) -> str:
    """The article's content hash (sha256 of its text), as clean sets it."""
    return article.metadata.content_hash or hashlib.sha256(article.text.encode("utf-8")).hexdigest()


class Store:
    """One SQLite file. Writers are one process at a time; readers may be many (WAL)."""

    def __init__(
        self, path: str | Path, *, readonly: bool = False, near_duplicates: bool = True,
        threshold: float = neardup.THRESHOLD,
    ) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.mark_near_duplicates = near_duplicates
        self.lsh = neardup.LSHParams(threshold=threshold)
        self._lock = threading.RLock()
        self._depth = 0
        self._writes = 0  # bumped by every write of this connection (PRAGMA data_version sees only others')
        self._cache: dict[tuple[Any, ...], tuple[tuple[int, int], Any]] = {}
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(f"no store at {self.path}")
                self.conn = sqlite3.connect(
                    f"file:{self.path}?mode=ro", uri=True, isolation_level=None, check_same_thread=False, timeout=10
                )
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # the busy timeout holds from the first statement: switching a new store to WAL while another
                # process creates it would otherwise fail at once with "database is locked"
                self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=120)
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA busy_timeout = {10_000 if readonly else 120_000}")  # writers queue
            if readonly:
                if self.conn.execute("PRAGMA user_version").fetchone()[0] == 0:
                    raise StoreError(f"{self.path} is not a presswatch store")
            else:
                migrate(self.conn)
                ensure_tables(self.conn)  # tables added without a schema step (speaker_aliases)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything inside commits together, or not at all; nests (savepoints)."""
        with self._lock:
            outer = self._depth == 0 and not self.conn.in_transaction
            name = f"sp{self._depth}"
            self._writes += 1
            try:
                # the outermost takes the write lock at once (waiting up to busy_timeout for another writer): a
                # deferred transaction that read first could not be upgraded once another process had written
                self.conn.execute("BEGIN IMMEDIATE" if outer else f"SAVEPOINT {name}")
            except sqlite3.OperationalError as exc:
                raise self._write_error(exc) from exc
            self._depth += 1
            try:
                yield
            except BaseException as exc:
                try:
                    self.conn.execute("ROLLBACK" if outer else f"ROLLBACK TO {name}")
                    if not outer:
                        self.conn.execute(f"RELEASE {name}")
                except sqlite3.Error:
                    pass  # SQLite may have rolled back itself (disk full)
                if isinstance(exc, sqlite3.OperationalError):
                    raise self._write_error(exc) from exc
                raise
            finally:
                self._depth -= 1
            try:
                self.conn.execute("COMMIT" if outer else f"RELEASE {name}")
            except sqlite3.OperationalError as exc:
                if outer and self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise self._write_error(exc) from exc

    def _write_error(self, exc: sqlite3.OperationalError) -> StoreError:
        """A failed write in plain words, naming the store: disk full, read-only, in use past the busy timeout."""
        msg = str(exc)
        if "locked" in msg or "busy" in msg:
            msg = "the store is in use by another process and stayed locked past the busy timeout"
        elif "full" in msg:
            msg = "the disk is full (nothing of this transaction was written)"
        elif "readonly" in msg or "read-only" in msg:
            msg = "the store file or its folder is read-only"
        return StoreError(f"cannot write store {self.path}: {msg}")

    # -- writing ---------------------------------------------------------------------------------
    def add(self, article: Article, *, signature: np.ndarray | None = None) -> int | None:
        """Store the article and all its annotations; None when the same text is already stored."""
        if self.readonly:
            raise StoreError(f"store {self.path} is open read-only")
        h = content_hash(article)
        aliases.resolve(self.conn, article)  # speakers named only by a role, from the corpus alias table
        doc = _doc(article)
        check_article(article, doc)  # nothing unvalidated is stored: InvalidArticleError names the bad fields
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (h,)).fetchone():
                return None
            md = article.metadata
            genre = article.genre
            article_id = self.conn.execute(
                """INSERT INTO articles (content_hash, source, url, outlet, title, published, page_time, date,
                       language, genre, genre_score, stages, added)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (h, md.source, md.url, md.outlet, md.title, md.published, md.page_time, md.published or md.page_time,
                 md.language, genre.label if genre else None, genre.score if genre else None,
                 ",".join(article.stages), _now()),
            ).lastrowid
            assert article_id is not None
            self.conn.execute(
                "INSERT INTO documents (id, title, text, json) VALUES (?, ?, ?, ?)",
                (article_id, md.title, article.text, _pack(doc)),
            )
            self._add_annotations(article_id, article)
            aliases.record(self.conn, int(article_id), article)
            if self.mark_near_duplicates and article.text.strip():
                self._mark_near_duplicate(article_id, article.text, signature)
        return int(article_id)

    def _add_annotations(self, aid: int, article: Article) -> None:
        ex = self.conn.execute
        for ent in article.entities:
            eid = ex(
                "INSERT INTO entities (article_id, name, label, aliases, mentions) VALUES (?, ?, ?, ?, ?)",
                (aid, ent.name, ent.label, json.dumps(ent.aliases, ensure_ascii=False), len(ent.mentions)),
            ).lastrowid
            self.conn.executemany(
                'INSERT INTO mentions (article_id, entity_id, text, label, start, "end") VALUES (?, ?, ?, ?, ?, ?)',
                [(aid, eid, m.text, m.label or ent.label, m.start, m.end) for m in ent.mentions],
            )
        self.conn.executemany(
            "INSERT OR IGNORE INTO entity_names (article_id, name) VALUES (?, ?)",
            [(aid, n) for ent in article.entities for n in {ent.name, *ent.aliases} if n],
        )
        spans = [(m.start, m.end, ent.name) for ent in article.entities for m in ent.mentions]
        about: list[tuple[int, int, str, str]] = []
        for q in article.quotes:
            qid = ex(
                'INSERT INTO quotes (article_id, kind, speaker, cue, text, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)',
                (aid, q.kind, q.speaker, q.cue, q.text, q.start, q.end),
            ).lastrowid
            if q.speaker:  # who is quoted about whom: entities mentioned inside the quote
                names = {n for s, e, n in spans if s >= q.start and e <= q.end and n != q.speaker}
                about += [(aid, int(qid or 0), q.speaker, n) for n in sorted(names)]
        self.conn.executemany(
            "INSERT INTO quote_entities (article_id, quote_id, speaker, entity) VALUES (?, ?, ?, ?)", about
        )
        self.conn.executemany(
            'INSERT INTO claims (article_id, text, kinds, source, score, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?)',
            [(aid, c.text, ",".join(c.kinds), c.source, c.score, c.start, c.end) for c in article.claims],
        )
        rows = [(aid, "span", t.technique, t.family, t.paragraph, t.score, t.start, t.end, t.voice, t.speaker)
                for t in article.techniques]
        spanned = {(t.paragraph, t.technique) for t in article.techniques}
        for par, name, score in _paragraph_labels(article.paragraph_techniques):
            if (par, name) not in spanned:
                spanned.add((par, name))
                rows.append((aid, "paragraph", name, None, par, score, None, None, None, None))
        self.conn.executemany(
            """INSERT INTO techniques (article_id, level, technique, family, paragraph, score, start, "end", voice,
                                       speaker)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            rows,
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO frames (article_id, frame, score) VALUES (?, ?, ?)",
            [(aid, f.label, f.score) for f in article.frames],
        )

    def _mark_near_duplicate(self, aid: int, text: str, sig: np.ndarray | None) -> None:
        if sig is None:
            sig = neardup.signature(text, self.lsh.num_perm)
        keys = neardup.band_keys(sig, self.lsh)
        cond = " OR ".join(["(band = ? AND key = ?)"] * len(keys))
        cands = [r[0] for r in self.conn.execute(
            f"SELECT DISTINCT article_id FROM minhash_bands WHERE {cond}", [v for k in keys for v in k]
        )]
        best: tuple[float, int] | None = None
        for cid in sorted(cands):
            blob = self.conn.execute("SELECT signature FROM minhash WHERE article_id = ?", (cid,)).fetchone()
            if blob is None:
                continue
            sim = neardup.similarity(sig, neardup.from_bytes(blob[0]))
            if sim >= self.lsh.threshold and (best is None or sim > best[0]):
                best = (sim, cid)
        if best is not None:
            self.conn.execute(
                "UPDATE articles SET near_duplicate_of = ?, similarity = ? WHERE id = ?", (best[1], best[0], aid)
            )
        self.conn.execute("INSERT INTO minhash (article_id, signature) VALUES (?, ?)", (aid, neardup.to_bytes(sig)))
        self.conn.executemany(
            "INSERT INTO minhash_bands (band, key, article_id) VALUES (?, ?, ?)", [(b, k, aid) for b, k in keys]
        )

    def record_source(self, key: str, status: str, reason: str | None = None, article_id: int | None = None) -> None:
        """Ingest bookkeeping: what happened to one source key (ok | failed | duplicate)."""
        if self.readonly:
            raise StoreError(f"store {self.path} is open read-only")
        with self.transaction():
            self.conn.execute(
                "INSERT OR REPLACE INTO sources (key, status, reason, article_id, time) VALUES (?, ?, ?, ?, ?)",
                (key, status, reason, article_id, _now()),
            )

    def article_id_for_hash(self, h: str) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE content_hash = ?", (h,)).fetchone()
        return int(row[0]) if row else None

    def settled_sources(self) -> set[str]:
        """Source keys that ingest need not read again (stored or found duplicate; failed ones are retried)."""
        return {k for k, status in self.conn.execute("SELECT key, status FROM sources") if status != "failed"}

    def near_duplicate_of(self, article_id: int) -> int | None:
        """The article this one nearly repeats, if the store found one when adding it."""
        row = self.conn.execute("SELECT near_duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    # -- reading ---------------------------------------------------------------------------------
    def get(self, article_id: int) -> Article | None:
        if not 0 < article_id < 2**63:  # past SQLite's integers: no such article (not an OverflowError)
            return None
        with self._lock:
            row = self.conn.execute("SELECT text, json FROM documents WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        return _article(row[0], row[1])

    def count(self) -> int:
        with self._lock:
            return int(self.conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    def ids(self) -> list[int]:
        with self._lock:
            return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY id")]

    def iter_articles(self, batch: int = 500) -> Iterator[tuple[int, Article]]:
        """(id, Article) for every stored article, in id order, without holding a read transaction open."""
        last = 0
        while True:
            with self._lock:
                rows = self.conn.execute(
                    "SELECT id, text, json FROM documents WHERE id > ? ORDER BY id LIMIT ?", (last, batch)
                ).fetchall()
            if not rows:
                return
            for aid, text, js in rows:
                yield aid, _article(text, js)
            last = rows[-1][0]

    def summary(self, article_id: int) -> dict[str, Any] | None:
        """The stored columns of one article (no JSON), e.g. for listings."""
        if not 0 < article_id < 2**63:
            return None
        with self._lock:
            cur = self.conn.execute(
                """SELECT id, content_hash, source, url, outlet, title, published, page_time, date, language, genre,
                          stages, near_duplicate_of, similarity, added FROM articles WHERE id = ?""",
                (article_id,),
            )
            row = cur.fetchone()
            return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None

    def near_duplicates(self, article_id: int) -> list[dict[str, Any]]:
        """Articles marked as near-duplicates of this one, or the one it duplicates: [{id, outlet, similarity}]."""
        with self._lock:
            rows = self.conn.execute(
                """SELECT id, outlet, title, similarity FROM articles WHERE near_duplicate_of = ?
                   UNION SELECT b.id, b.outlet, b.title, a.similarity FROM articles a JOIN articles b
                         ON b.id = a.near_duplicate_of WHERE a.id = ?
                   ORDER BY id""",
                (article_id, article_id),
            ).fetchall()
        return [{"id": i, "outlet": o, "title": t, "similarity": s} for i, o, t, s in rows]

    def near_duplicate_links(self) -> list[tuple[int, int, float]]:
        """(article, the article it near-duplicates, estimated similarity) for every marked article."""
        with self._lock:
            return [(a, b, float(s or 0.0)) for a, b, s in self.conn.execute(
                "SELECT id, near_duplicate_of, similarity FROM articles WHERE near_duplicate_of IS NOT NULL ORDER BY id"
            )]

    def signatures(self, batch: int = 5000) -> Iterator[tuple[int, str | None, np.ndarray]]:
        """(id, outlet, MinHash signature) of every article that has one."""
        last = 0
        while True:
            with self._lock:
                rows = self.conn.execute(
                    """SELECT m.article_id, a.outlet, m.signature FROM minhash m JOIN articles a ON a.id = m.article_id
                       WHERE m.article_id > ? ORDER BY m.article_id LIMIT ?""", (last, batch)
                ).fetchall()
            if not rows:
                return
            for aid, outlet, blob in rows:
                yield aid, outlet, neardup.from_bytes(blob)
            last = rows[-1][0]

    def source_status(self, keys: Iterable[str]) -> dict[str, str]:
        """Known ingest status of each of `keys` that the store has seen."""
        out: dict[str, str] = {}
        keys = list(keys)
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                out.update(self.conn.execute(f"SELECT key, status FROM sources WHERE key IN ({marks})", chunk))
        return out

    # -- watched pages (presswatch.corpus.ledger holds the tables and their SQL) ------------------------
    def versions(self, article_id: int, *, texts: bool = False) -> list[dict[str, Any]]:
        """The versions the watcher saw of one article, oldest first (none when it was not fetched by it)."""
        from presswatch.corpus import ledger

        with self._lock:
            return ledger.versions(self.conn, article_id, texts=texts)

    def watched_page(self, article_id: int) -> dict[str, Any] | None:
        """The watcher's row of the page that gave the article (state, removed, feed and fetch times), or None."""
        from presswatch.corpus import ledger

        with self._lock:
            return ledger.page_for_article(self.conn, article_id)

    def edits_by_outlet(self) -> list[dict[str, Any]]:
        from presswatch.corpus import ledger

        return self._cached(("edits",), lambda: ledger.edits_by_outlet(self.conn))  # type: ignore[no-any-return]

    def failures(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self.conn.execute("SELECT key, reason, time FROM sources WHERE status = 'failed' ORDER BY key")
            return [{"source": k, "reason": r, "time": t} for k, r, t in rows]

    def search(self, query: str | None = None, *, filters: Filters | None = None, limit: int = 20, offset: int = 0,
               **values: Any) -> SearchResult:
        """FTS5 search (bm25, title weighted) with `filters` (or filter values by name: outlet=, technique=, ...);
        no query lists newest first. Bad syntax: QueryError; a bad filter value: FilterError."""
        with self._lock:
            return _search.search(self.conn, query, filters=filters, limit=limit, offset=offset, **values)

    # -- aggregates (cached until the store changes: they scan whole tables) ------------------------
    def _cached(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        with self._lock:
            stamp = (self.conn.execute("PRAGMA data_version").fetchone()[0], self._writes)
            hit = self._cache.get(key)
            if hit is not None and hit[0] == stamp:
                return copy.deepcopy(hit[1])
            value = compute()
            self._cache[key] = (stamp, value)
            return copy.deepcopy(value)

    def stats(self) -> dict[str, Any]:
        return self._cached(("stats",), lambda: aggregates.stats(self.conn))  # type: ignore[no-any-return]

    def techniques_by_outlet(self) -> list[dict[str, Any]]:
        return self._cached(("by_outlet",), lambda: aggregates.techniques_by_outlet(self.conn))  # type: ignore[no-any-return]

    def techniques_by_voice(self) -> list[dict[str, Any]]:
        return self._cached(("by_voice",), lambda: aggregates.techniques_by_voice(self.conn))  # type: ignore[no-any-return]

    def techniques_over_time(self, outlet: str | None = None) -> list[dict[str, Any]]:
        return self._cached(  # type: ignore[no-any-return]
            ("over_time", outlet), lambda: aggregates.techniques_over_time(self.conn, outlet)
        )

    def articles_by_outlet_month(self) -> list[dict[str, Any]]:
        return self._cached(("articles_month",), lambda: aggregates.articles_by_outlet_month(self.conn))  # type: ignore[no-any-return]

    def techniques_by_outlet_month(self) -> list[dict[str, Any]]:
        return self._cached(("outlet_month",), lambda: aggregates.techniques_by_outlet_month(self.conn))  # type: ignore[no-any-return]

    def top_speakers(self, limit: int = 20) -> list[dict[str, Any]]:
        return self._cached(("speakers", limit), lambda: aggregates.top_speakers(self.conn, limit))  # type: ignore[no-any-return]

    def quoted_about(self, limit: int = 50) -> list[dict[str, Any]]:
        return self._cached(("about", limit), lambda: aggregates.quoted_about(self.conn, limit))  # type: ignore[no-any-return]


def _pack(doc: dict[str, Any]) -> bytes:
    return zlib.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def _article(text: str, blob: bytes | str) -> Article:
    """A stored row as an Article, whatever version wrote it: fields that do not fit today's types are left out."""
    try:
        doc = _unpack(blob)
    except (ValueError, zlib.error):
        doc = {}
    doc = dict(doc) if isinstance(doc, dict) else {}
    doc["text"] = text if isinstance(text, str) else str(text)
    try:
        return Article.from_dict(repair(doc))
    except Exception:  # a row beyond repair still shows its text
        return Article(text=doc["text"])


def _unpack(blob: bytes | str) -> dict[str, Any]:
    return json.loads(blob if isinstance(blob, str) else zlib.decompress(blob))  # str: plain JSON


def _plain(value: Any) -> Any:
    """JSON-ready value of a dataclass tree; what dataclasses.asdict gives, without its deep copies (10x faster)."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(getattr(value, k)) for k in value.__dataclass_fields__}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _doc(article: Article) -> dict[str, Any]:
    """Article.to_dict() without "text" (stored in its own column) and "raw"."""
    return {k: _plain(getattr(article, k)) for k in article.__dataclass_fields__
            if not k.startswith("_") and k not in ("text", "raw")}


def _paragraph_labels(items: list[dict[str, Any]]) -> Iterator[tuple[int | None, str, float | None]]:
    """(paragraph, technique, score) from Article.paragraph_techniques, whichever of the usual shapes it has."""
    for d in items:
        if not isinstance(d, dict):
            continue
        par = d.get("paragraph", d.get("line"))
        par = int(par) if isinstance(par, int | float | str) and str(par).isdigit() else None
        name = d.get("technique") or d.get("label")
        if isinstance(name, str):
            yield par, name, _score(d.get("score"))
        labels = d.get("techniques", d.get("labels"))
        if isinstance(labels, dict):
            labels = [{"technique": k, "score": v} for k, v in labels.items()]
        for lab in labels or []:
            if isinstance(lab, str):
                yield par, lab, None
            elif isinstance(lab, dict):
                n = lab.get("technique") or lab.get("label")
                if isinstance(n, str):
                    yield par, n, _score(lab.get("score"))


def _score(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) else None
