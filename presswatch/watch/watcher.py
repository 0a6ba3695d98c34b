"""One round of watching: feeds and sitemaps in, new pages fetched, analysed and stored, known pages revisited.

Fetching is asynchronous and concurrent; analysing and writing run one page at a time in a worker thread while
the next pages download. Each page is written in one transaction (article, page state, version, fetch record)
after its response is in the WARC archive, so a killed round loses nothing that was committed and the next
round fetches again what was not; the text's content hash keeps an article from being stored twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from presswatch.article import Article, RawDocument
from presswatch.corpus import ledger
from presswatch.corpus.store import Store, content_hash
from presswatch.errors import InputError, ModelError, PresswatchError
from presswatch.pipeline import Pipeline
from presswatch.watch.archive import Archive
from presswatch.watch.diff import word_diff
from presswatch.watch.fetcher import Fetched, Fetcher, now_iso
from presswatch.watch.listings import Listing, parse_feed, parse_sitemap, private_host
from presswatch.watch.outlets import Outlet, WatchConfig

# (article, failure reason, MinHash signature) of a page analysed in a worker process
Analysed = tuple[Article | None, str | None, Any]

MAX_TRIES = 5  # a new page that failed this many rounds in a row is not asked for again
MAX_CHILD_SITEMAPS = 50  # per sitemap index and round
GONE = frozenset({404, 410})
_PAGE_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text", "": None}


@dataclass
class RoundReport:
    started: str = field(default_factory=now_iso)
    seconds: float = 0.0
    listings: int = 0  # feeds and sitemaps fetched
    listings_not_modified: int = 0
    new_urls: int = 0
    fetched: int = 0  # pages asked for (new and revisited)
    stored: int = 0
    duplicates: int = 0  # a new URL whose text is already stored
    revisited: int = 0
    unchanged: int = 0
    edited: int = 0
    removed: int = 0
    disallowed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    requests: int = 0
    max_in_flight: int = 0
    bytes: int = 0
    stopped: bool = False

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["failed"] = [{"url": u, "reason": r} for u, r in self.failed]
        d["seconds"] = round(self.seconds, 2)
        return d

    def line(self) -> str:
        return (f"{self.listings} feeds/sitemaps ({self.listings_not_modified} not modified), {self.new_urls} new "
                f"URLs; {self.fetched} pages fetched: {self.stored} stored, {self.duplicates} duplicates, "
                f"{self.revisited} revisited ({self.edited} edited, {self.removed} removed, {self.unchanged} "
                f"unchanged), {self.disallowed} disallowed by robots.txt, {len(self.failed)} failed; "
                f"{self.requests} requests in {self.seconds:.1f}s")


def _later(iso: str, seconds: float) -> str:
    return (datetime.fromisoformat(iso) + timedelta(seconds=seconds)).astimezone(UTC).isoformat(timespec="seconds")


def is_section_redirect(url: str, final: str, homepage: str | None) -> bool:
    """A redirect away from an article to a section or front page (how sites often 'remove' a story)."""
    if final == url:
        return False
    a, b = urlsplit(url), urlsplit(final)
    if homepage and final.rstrip("/") == homepage.rstrip("/"):
        return True
    if a.netloc.lower() != b.netloc.lower():
        return False
    old = [p for p in a.path.split("/") if p]
    new = [p for p in b.path.split("/") if p]
    return len(new) < len(old) and old[: len(new)] == new


class Watcher:
    """Runs rounds over a sources file's outlets, or over single URLs (`presswatch fetch`)."""

    def __init__(self, store: Store, config: WatchConfig | None = None, *, archive: Archive | None = None,
                 stages: list[str] | None = None, log: Callable[[str], None] | None = None,
                 progress: Callable[[int, int], None] | None = None, workers: int = 1,
                 transport: Any = None) -> None:
        self.store = store
        self.config = config or WatchConfig(outlets=())
        self.archive = archive
        self.pipeline = Pipeline(stages)  # type: ignore[arg-type]
        self.workers = workers
        self.transport = transport  # an httpx transport in place of the network (tests)
        self._runner: Any = None  # the worker pool, started on the first new page when workers > 1
        self.log = log or (lambda _msg: None)
        self.progress = progress
        with store.transaction():
            ledger.ensure(store.conn)

    # -- entry points ----------------------------------------------------------------------------
    async def round(self, *, revisit_all: bool = False, stop: asyncio.Event | None = None) -> RoundReport:
        """Feeds and sitemaps of every outlet, then new pages and due revisits."""
        report = RoundReport()
        t0 = time.perf_counter()
        async with self._fetcher() as fetcher:
            await asyncio.gather(*(self._listing(fetcher, o, u, kind, report)
                                   for o in self.config.outlets
                                   for kind, urls in (("feed", o.feeds), ("sitemap", o.sitemaps)) for u in urls))
            names = [o.name for o in self.config.outlets]
            await self._pages(fetcher, self._due(names, revisit_all), report, stop)
            report.requests, report.max_in_flight = fetcher.requests, fetcher.max_in_flight
        report.seconds = time.perf_counter() - t0
        return report

    async def fetch_urls(self, urls: Iterable[str], *, outlet: str | None = None, language: str | None = None,
                         stop: asyncio.Event | None = None) -> RoundReport:
        """Fetch single pages: new ones are stored, known ones revisited."""
        report = RoundReport()
        t0 = time.perf_counter()
        now = now_iso()
        urls = list(dict.fromkeys(u.strip() for u in urls if u.strip()))
        if not urls:
            return report
        with self.store.transaction():
            self.store.conn.executemany(
                "INSERT OR IGNORE INTO watch_pages (url, outlet, language, first_seen) VALUES (?, ?, ?, ?)",
                [(u, outlet, language, now) for u in urls])
            self.store.conn.executemany("UPDATE watch_pages SET tries = 0 WHERE url = ? AND state = 'failed'",
                                        [(u,) for u in urls])
        rows = self._rows(f"SELECT * FROM watch_pages WHERE url IN ({','.join('?' * len(urls))})", urls)
        work = [(r, "revisit" if r["state"] == "ok" else "page") for r in rows if r["state"] != "removed"]
        async with self._fetcher() as fetcher:
            await self._pages(fetcher, work, report, stop)
            report.requests, report.max_in_flight = fetcher.requests, fetcher.max_in_flight
        report.seconds = time.perf_counter() - t0
        return report

    def close(self) -> None:
        """Stop the analysis workers, if any."""
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    def _pool(self) -> Any:
        if self._runner is None:
            from presswatch.workers import WorkerPool

            self._runner = WorkerPool(self.workers)
        return self._runner

    async def _analysed(self, raw: RawDocument) -> Analysed:
        """Clean and annotate in a worker process: (article, failure reason, MinHash signature)."""
        from concurrent.futures.process import BrokenProcessPool

        from presswatch.corpus import neardup

        try:
            from presswatch.corpus.ingest import analyse

            result = self._pool().submit(analyse, raw, tuple(self.pipeline.stages))
            _, article, sig, reason = await asyncio.wrap_future(result)
        except BrokenProcessPool:  # a worker died (memory, segfault): this page fails, the pool starts again
            self._pool().restart()
            return None, "worker process died while analysing this page", None
        return article, reason, None if sig is None else neardup.from_bytes(sig)

    def _fetcher(self) -> Fetcher:
        archive = self.archive.write if self.archive is not None else None
        return Fetcher(self.config.fetch, transport=self.transport, on_response=archive)

    # -- feeds and sitemaps ----------------------------------------------------------------------
    async def _listing(self, fetcher: Fetcher, outlet: Outlet, url: str, kind: str, report: RoundReport,
                       depth: int = 0) -> None:
        conn = self.store.conn
        known = conn.execute("SELECT etag, last_modified FROM watch_feeds WHERE url = ?", (url,)).fetchone()
        got = await fetcher.fetch(url, etag=known[0] if known else None, last_modified=known[1] if known else None)
        report.listings += 1
        report.bytes += len(got.response.body) if got.response else 0
        listing: Listing | None = None
        if got.not_modified:
            report.listings_not_modified += 1
        elif got.ok:
            listing = parse_sitemap(got.content) if kind == "sitemap" else parse_feed(got.content, got.final_url)
            if listing.error:
                got.error = listing.error
            elif not private_host(url):  # a public feed that lists this machine or a private network: refused
                refused = [e for e in listing.entries if private_host(e.url)]
                listing.entries = [e for e in listing.entries if not private_host(e.url)]
                report.failed += [(e.url, f"refused: a private address listed by the public {kind} {url}")
                                  for e in refused]
        if got.error:
            report.failed.append((url, got.error))
            self.log(f"failed: {url}: {got.error}")
        now = now_iso()
        with self.store.transaction():
            ledger.record_fetch(conn, kind, got)
            conn.execute(
                """INSERT INTO watch_feeds (url, outlet, fetched, status, etag, last_modified, entries, error)
                   VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(url) DO UPDATE SET fetched = excluded.fetched,
                   status = excluded.status, error = excluded.error,
                   etag = coalesce(excluded.etag, etag),
                   last_modified = coalesce(excluded.last_modified, last_modified),
                   entries = coalesce(excluded.entries, entries)""",
                (url, outlet.name, now, got.status, got.etag if got.ok else None,
                 got.last_modified if got.ok else None, len(listing.entries) if listing else None, got.error))
            if listing is not None and listing.entries:
                before = conn.total_changes
                conn.executemany(
                    """INSERT OR IGNORE INTO watch_pages
                           (url, outlet, language, feed, feed_time, feed_title, first_seen) VALUES (?,?,?,?,?,?,?)""",
                    [(e.url, outlet.name, outlet.language or e.language, url, e.published, e.title, now)
                     for e in listing.entries])
                report.new_urls += conn.total_changes - before
        if listing is not None and listing.sitemaps and depth == 0:
            await asyncio.gather(*(self._listing(fetcher, outlet, child, "sitemap", report, depth + 1)
                                   for child in listing.sitemaps[:MAX_CHILD_SITEMAPS]))

    # -- pages -----------------------------------------------------------------------------------
    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        cur = self.store.conn.execute(sql, list(params))
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def _due(self, outlets: list[str], revisit_all: bool) -> list[tuple[dict[str, Any], str]]:
        if not outlets:
            return []
        marks = ",".join("?" * len(outlets))
        new = self._rows(f"""SELECT * FROM watch_pages WHERE outlet IN ({marks})
                             AND (state = 'new' OR (state = 'failed' AND tries < {MAX_TRIES}))
                             ORDER BY first_seen, feed_time DESC, url""", outlets)
        per_outlet: dict[str, int] = {}
        work: list[tuple[dict[str, Any], str]] = []
        for r in new:
            per_outlet[r["outlet"]] = per_outlet.get(r["outlet"], 0) + 1
            if per_outlet[r["outlet"]] <= self.config.max_new_per_round:
                work.append((r, "page"))
        due = "" if revisit_all else "AND next_visit IS NOT NULL AND next_visit <= ?"
        old = self._rows(f"SELECT * FROM watch_pages WHERE outlet IN ({marks}) AND state = 'ok' {due} ORDER BY url",
                         [*outlets, *([] if revisit_all else [now_iso()])])
        return work + [(r, "revisit") for r in old]

    async def _pages(self, fetcher: Fetcher, work: list[tuple[dict[str, Any], str]], report: RoundReport,
                     stop: asyncio.Event | None) -> None:
        queue: asyncio.Queue[tuple[dict[str, Any], str, Fetched] | None] = asyncio.Queue(
            maxsize=2 * fetcher.settings.concurrency)
        total, done = len(work), 0
        writing = asyncio.Lock()  # one writer: pages analysed in parallel are stored one at a time
        analysing = asyncio.Semaphore(2 * self.workers)
        parallel: set[asyncio.Task[None]] = set()

        async def store(page: dict[str, Any], kind: str, got: Fetched, analysed: Analysed | None = None) -> None:
            nonlocal done
            async with writing:
                await asyncio.to_thread(self._process, page, kind, got, report, analysed)
            done += 1
            if self.progress is not None:
                self.progress(done, total)

        async def analyse_and_store(page: dict[str, Any], got: Fetched, raw: RawDocument) -> None:
            try:
                analysed = await self._analysed(raw)
            finally:
                analysing.release()
            await store(page, "page", got, analysed)

        async def get(page: dict[str, Any], kind: str) -> None:
            if stop is not None and stop.is_set():
                return
            revisit = kind == "revisit"
            got = await fetcher.fetch(page["url"], etag=page["etag"] if revisit else None,
                                      last_modified=page["last_modified"] if revisit else None)
            await queue.put((page, kind, got))

        fatal: list[BaseException] = []  # a missing model fails every page: stop fetching, keep draining, raise

        async def consume() -> None:
            while (item := await queue.get()) is not None:
                if fatal:
                    continue
                page, kind, got = item
                try:
                    raw = self._parallel_raw(page, kind, got)
                    if raw is None:
                        await store(page, kind, got)
                        continue
                    await analysing.acquire()
                    task = asyncio.create_task(analyse_and_store(page, got, raw))
                    parallel.add(task)
                    task.add_done_callback(parallel.discard)
                except Exception as exc:
                    fatal.append(exc)
                    producers.cancel()
            results = await asyncio.gather(*parallel, return_exceptions=True)
            fatal.extend(r for r in results if isinstance(r, Exception))

        consumer = asyncio.create_task(consume())
        producers = asyncio.gather(*(get(p, k) for p, k in work))
        stopper = asyncio.create_task(stop.wait()) if stop is not None else None
        try:
            await asyncio.wait({producers, *([stopper] if stopper else [])}, return_when=asyncio.FIRST_COMPLETED)
            if stopper is not None and stopper.done() and not producers.done():
                report.stopped = True  # what was fetched is still stored; nothing new is asked for
        finally:
            producers.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await producers
            if stopper is not None:
                stopper.cancel()
            await queue.put(None)  # the consumer always drains the queue, so this never waits for ever
            await consumer
        if fatal:
            raise fatal[0]

    def _parallel_raw(self, page: dict[str, Any], kind: str, got: Fetched) -> RawDocument | None:
        """The document to analyse in a worker process, when there are workers and this is a new page to store."""
        if self.workers <= 1 or kind != "page" or not got.ok or got.disallowed:
            return None
        try:
            return self._raw(page, got)
        except InputError:
            return None  # not an article page: the failure is recorded on the ordinary path

    def _process(self, page: dict[str, Any], kind: str, got: Fetched, report: RoundReport,
                 analysed: Analysed | None = None) -> None:
        """Analyse (unless a worker did) and store one fetched page; never raises for the page's own problems."""
        report.fetched += 1
        report.bytes += len(got.response.body) if got.response else 0
        try:
            if got.disallowed:
                report.disallowed += 1
                self.log(f"not fetched: {got.error}")
                self._write_state(page, kind, got, state="disallowed", error=got.error)
            elif kind == "page":
                self._first(page, got, report, analysed)
            else:
                self._revisit(page, got, report)
        except ModelError:
            raise
        except Exception as exc:  # a bug on one page must not stop the round
            reason = f"{type(exc).__name__}: {exc}"
            self._fail(page, kind, got, reason, report)

    def _raw(self, page: dict[str, Any], got: Fetched) -> RawDocument:
        if got.content_type not in _PAGE_TYPES:
            raise InputError(f"not an article page (Content-Type {got.content_type})", page["url"])
        hints: dict[str, Any] = {"title": page.get("feed_title"), "published": page.get("feed_time"),
                                 "override": {"outlet": page.get("outlet"), "language": page.get("language")}}
        return RawDocument(data=got.content, source=page["url"], url=got.final_url,
                           format=_PAGE_TYPES[got.content_type], encoding=got.charset, fetch_time=got.time,
                           hints={k: v for k, v in hints.items() if v})

    def _fail(self, page: dict[str, Any], kind: str, got: Fetched, reason: str, report: RoundReport) -> None:
        report.failed.append((page["url"], reason))
        self.log(f"failed: {page['url']}: {reason}")
        got.error = got.error or reason
        self._write_state(page, kind, got, state="failed" if kind == "page" else page["state"], error=reason,
                          tries=True)
        if kind == "revisit" and page["tries"] + 1 >= MAX_TRIES:  # give this visit up; the schedule moves on
            visits = page["visits"] + 1
            with self.store.transaction():
                self.store.conn.execute("UPDATE watch_pages SET visits = ?, next_visit = ?, tries = 0 WHERE url = ?",
                                        (visits, self._next_visit(page["first_seen"], visits), page["url"]))

    def _next_visit(self, first_seen: str, visits: int) -> str | None:
        """When to fetch a page again after `visits` fetches: first seen + the schedule's next step, or never."""
        schedule = self.config.revisit
        return _later(first_seen, schedule[visits - 1]) if 0 < visits <= len(schedule) else None

    def _write_state(self, page: dict[str, Any], kind: str, got: Fetched, *, state: str, error: str | None,
                     tries: bool = False) -> int:
        with self.store.transaction():
            fid = ledger.record_fetch(self.store.conn, kind, got)
            self.store.conn.execute(
                f"UPDATE watch_pages SET state = ?, error = ?, fetched = ?, final_url = coalesce(?, final_url)"
                f"{', tries = tries + 1' if tries else ''} WHERE url = ?",
                (state, error, got.time, got.final_url, page["url"]))
            if kind == "page" and state == "failed":
                self.store.record_source(page["url"], "failed", error)
        return fid

    def _first(self, page: dict[str, Any], got: Fetched, report: RoundReport, analysed: Analysed | None) -> None:
        if not got.ok:
            self._fail(page, "page", got, got.error or f"HTTP {got.status}", report)
            return
        signature = None
        if analysed is not None:
            article, reason, signature = analysed
            if article is None:
                self._fail(page, "page", got, reason or "analysis failed", report)
                return
        else:
            try:
                article = self.pipeline.run(self._raw(page, got))
            except ModelError:
                raise
            except PresswatchError as exc:
                self._fail(page, "page", got, f"{type(exc).__name__}: {exc.message}", report)
                return
        h = content_hash(article)
        conn = self.store.conn
        with self.store.transaction():
            fid = ledger.record_fetch(conn, "page", got)
            aid = self.store.add(article, signature=signature)
            if aid is None:
                aid = self.store.article_id_for_hash(h)
                report.duplicates += 1
                self.store.record_source(page["url"], "duplicate", f"same text as article {aid}", aid)
            else:
                report.stored += 1
                self.store.record_source(page["url"], "ok", None, aid)
            nxt = self._next_visit(page["first_seen"], 1)
            conn.execute(
                """UPDATE watch_pages SET state = 'ok', error = NULL, tries = 0, fetched = ?, visits = visits + 1,
                   next_visit = ?, final_url = ?, etag = ?, last_modified = ?, hash = ?, article_id = ?
                   WHERE url = ?""",
                (got.time, nxt, got.final_url, got.etag, got.last_modified, h, aid, page["url"]))
            ledger.add_version(conn, article_id=aid, url=page["url"], kind="first", fetched=got.time,
                               status=got.status, hash=h, text=article.text, diff=None, fetch_id=fid)

    def _revisit(self, page: dict[str, Any], got: Fetched, report: RoundReport) -> None:
        from presswatch.clean import clean

        conn = self.store.conn
        homepage = (self.config.outlet(page["outlet"] or "") or Outlet("")).homepage
        moved_to_section = got.ok and bool(got.redirects) and is_section_redirect(
            page["final_url"] or page["url"], got.final_url, homepage)
        gone = got.status in GONE or moved_to_section
        if not (got.ok or got.not_modified or gone):
            self._fail(page, "revisit", got, got.error or f"HTTP {got.status}", report)
            return
        report.revisited += 1
        text = h = None
        if got.ok and not gone:
            try:
                text = clean(self._raw(page, got)).text
            except PresswatchError as exc:
                self._fail(page, "revisit", got, f"{type(exc).__name__}: {exc.message}", report)
                return
            h = content_hash_of(text)
        visits = page["visits"] + 1
        nxt = self._next_visit(page["first_seen"], visits)
        with self.store.transaction():
            got.error = None if gone else got.error
            fid = ledger.record_fetch(conn, "revisit", got)
            sets = "fetched = ?, visits = ?, next_visit = ?, error = NULL, tries = 0"
            args: list[Any] = [got.time, visits, nxt]
            if got.ok and not gone:
                sets += ", etag = ?, last_modified = ?"
                args += [got.etag, got.last_modified]
            if gone:
                report.removed += 1
                sets += ", state = 'removed', removed = ?, next_visit = NULL"
                args.append(got.time)
                ledger.add_version(conn, article_id=page["article_id"], url=page["url"], kind="removed",
                                   fetched=got.time, status=got.status, hash=None, text=None,
                                   diff=None, fetch_id=fid)
                self.log(f"removed: {page['url']} ({got.status}{' -> ' + got.final_url if got.redirects else ''})")
            elif h is not None and h != page["hash"]:
                report.edited += 1
                old = ledger.latest_text(conn, page["url"]) or ""
                ledger.add_version(conn, article_id=page["article_id"], url=page["url"], kind="edit",
                                   fetched=got.time, status=got.status, hash=h, text=text,
                                   diff=word_diff(old, text or ""), fetch_id=fid)
                sets += ", hash = ?"
                args.append(h)
                self.log(f"edited: {page['url']}")
            else:
                report.unchanged += 1
            conn.execute(f"UPDATE watch_pages SET {sets} WHERE url = ?", (*args, page["url"]))


def content_hash_of(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def report_json(report: RoundReport) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)
