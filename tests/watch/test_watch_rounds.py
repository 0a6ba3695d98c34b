"""`presswatch watch --once` twice against a local site: robots.txt, 304s, a 500 then a success, a timeout,
a redirect, an edited page, a removed page, and WARC files that replay every response byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from newsite import Site, serve, sources_toml
from warcio.archiveiterator import ArchiveIterator

from presswatch.cli import main
from presswatch.corpus import ledger
from presswatch.corpus.store import Store
from presswatch.watch.archive import read_record

ALLOWED = ["a1", "a2", "a3", "a4", "flaky", "moved", "changing", "vanishing", "retracted", "gzipped", "s1"]


def _watch(sources: Path, db: Path, archive: Path, *extra: str) -> str:
    res = CliRunner().invoke(main, ["watch", str(sources), "--db", str(db), "--once", "--archive", str(archive),
                                    "--stages", "clean", "--no-progress", *extra])
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def watched(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("watch")
    with serve(Site()) as site:
        sources = tmp / "sources.toml"
        sources.write_text(sources_toml(site), encoding="utf-8")
        db, archive = tmp / "c.db", tmp / "warc"
        out1 = _watch(sources, db, archive)
        first_log, first_requested = list(site.log), list(site.requested)
        site.round = 2
        out2 = _watch(sources, db, archive, "--revisit-all")
        versions = CliRunner().invoke(main, ["versions", f"{site.base}/news/changing", "--db", str(db),
                                             "--format", "json"])
        assert versions.exit_code == 0, versions.output
        text = CliRunner().invoke(main, ["versions", f"{site.base}/news/changing", "--db", str(db)])
        return {"site": site, "db": db, "archive": archive, "out1": out1, "out2": out2, "first_log": first_log,
                "first_requested": first_requested,
                "versions": json.loads(versions.output), "versions_text": text.output}


def _paths(log: list) -> list[str]:
    return [p for p, *_ in log]


def test_every_allowed_article_stored_once_with_outlet_and_language(watched: dict) -> None:
    base = watched["site"].base
    with Store(watched["db"], readonly=True) as store:
        rows = store.conn.execute("SELECT url, outlet, language FROM articles ORDER BY url").fetchall()
        pages = dict(store.conn.execute("SELECT url, state FROM watch_pages"))
        feed_times = dict(store.conn.execute("SELECT url, feed_time FROM watch_pages"))
    urls = [u for u, _, _ in rows]
    assert sorted(urls) == sorted(f"{base}/news/{s}" for s in ALLOWED)
    assert len(set(urls)) == len(urls)
    assert {(o, lang) for _, o, lang in rows} == {("Test Wire", "en")}
    assert pages[f"{base}/news/slow"] == "failed"
    assert pages[f"{base}/private/secret"] == "disallowed"
    assert pages[f"{base}/news/vanishing"] == pages[f"{base}/news/retracted"] == "removed"
    assert pages[f"{base}/news/a3"] == "ok"
    assert feed_times[f"{base}/news/a2"].startswith("2022-03-01T10:")
    assert feed_times[f"{base}/news/s1"] == "2022-03-02T08:00:00+00:00"  # from the news sitemap


def test_disallowed_never_requested_and_user_agent_sent(watched: dict) -> None:
    log = watched["site"].log
    assert not [p for p in watched["site"].requested if p.startswith("/private/")]
    assert {h.get("User-Agent") for *_, h in log} == {"presswatch-test/1.0"}
    assert _paths(log).count("/robots.txt") == 2  # once per host and run


def test_conditional_get_500_retry_timeout_redirect(watched: dict) -> None:
    site, first = watched["site"], watched["first_log"]
    statuses = [(p, s) for p, s, *_ in site.log]
    assert ("/feed.xml", 304) in statuses[len(first):]  # the second round's feed: not modified
    assert ("/news/a1", 304) in statuses[len(first):]  # the revisit of a page that sent Last-Modified
    assert [s for p, s in statuses[: len(first)] if p == "/news/flaky"] == [500, 200]
    assert watched["first_requested"].count("/news/slow") == 2  # one retry after the timeout
    with Store(watched["db"], readonly=True) as store:
        final, = store.conn.execute("SELECT final_url FROM watch_pages WHERE url LIKE '%/news/old'").fetchone()
        redirects, = store.conn.execute("SELECT redirects FROM watch_fetches WHERE url LIKE '%/news/old'").fetchone()
        errors = dict(store.conn.execute("SELECT url, error FROM watch_fetches WHERE url LIKE '%/news/slow'"))
    assert final == f"{site.base}/news/moved"
    assert json.loads(redirects) == [{"status": 301, "url": f"{site.base}/news/old", "location": final}]
    assert "timed out" in next(iter(errors.values()))
    assert "failed: " + f"{site.base}/news/slow" in watched["out1"]  # reported, and the round went on


def test_changed_page_has_two_versions_and_a_word_diff(watched: dict) -> None:
    v = watched["versions"]
    assert [x["kind"] for x in v["versions"]] == ["first", "edit"]
    assert all({"fetched", "status", "hash", "diff"} <= set(x) for x in v["versions"])
    assert v["versions"][0]["hash"] != v["versions"][1]["hash"]
    changes = v["versions"][1]["diff"]
    assert {(c["old"], c["new"]) for c in changes} == {("confirmed it.", "later denied the report.")}
    assert len(changes) == 4  # the sentence closes each of the four paragraphs
    assert "edited 1 times" in watched["versions_text"] and "{+" in watched["versions_text"]


def test_removed_page_is_marked_with_time(watched: dict) -> None:
    with Store(watched["db"], readonly=True) as store:
        aid = ledger.article_for(store.conn, f"{watched['site'].base}/news/vanishing")
        page = ledger.page_for_article(store.conn, aid)
        kinds = [x["kind"] for x in ledger.versions(store.conn, aid)]
        by_outlet = ledger.edits_by_outlet(store.conn)
    assert page["state"] == "removed" and page["removed"]
    assert kinds == ["first", "removed"]
    assert by_outlet == [{"outlet": "Test Wire", "articles": 11, "edited": 1, "edits": 1, "removed": 2}]


def test_warc_replays_every_response_byte_for_byte(watched: dict) -> None:
    site = watched["site"]
    archived: list[tuple[str, int, bytes]] = []
    requests = 0
    for f in sorted(watched["archive"].glob("*.warc.gz")):
        with f.open("rb") as fh:
            for rec in ArchiveIterator(fh):
                if rec.rec_type == "response":
                    archived.append((rec.rec_headers.get_header("WARC-Target-URI"),
                                     int(rec.http_headers.get_statuscode()), rec.raw_stream.read()))
                elif rec.rec_type == "request":
                    requests += 1
    from warcio.cli import main as warcio

    with pytest.raises(SystemExit) as check:  # warcio's own check: every record's block and payload digests
        warcio(["check", *map(str, watched["archive"].glob("*.warc.gz"))])
    assert check.value.code == 0
    served = [(site.base + p, s, b) for p, s, b, _ in site.log if p != "/news/slow"]  # timed out: no response
    assert sorted(archived) == sorted(served)
    assert requests == len(archived)
    # each stored version points at its own record
    with Store(watched["db"], readonly=True) as store:
        aid = ledger.article_for(store.conn, f"{site.base}/news/gzipped")
        warc = ledger.versions(store.conn, aid)[0]["warc"]
    rec = read_record(warc["file"], warc["offset"])
    assert rec["url"] == f"{site.base}/news/gzipped" and rec["body"][:2] == b"\x1f\x8b"
    assert ("Content-Encoding", "gzip") in rec["headers"]


def test_export_warc_holds_every_stored_version(watched: dict, tmp_path: Path) -> None:
    out = tmp_path / "export.warc.gz"
    res = CliRunner().invoke(main, ["export", "--db", str(watched["db"]), "--format", "warc", "--out", str(out)])
    assert res.exit_code == 0, res.output
    with out.open("rb") as fh:
        recs = [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI")) for r in ArchiveIterator(fh)]
    with Store(watched["db"], readonly=True) as store:
        n = store.conn.execute("SELECT count(*) FROM article_versions WHERE fetch_id IN "
                               "(SELECT id FROM watch_fetches WHERE warc_file IS NOT NULL)").fetchone()[0]
    assert len(recs) == 2 * n and [t for t, _ in recs[:2]] == ["response", "request"]
    assert f"exported {n} archived responses" in res.output
    res = CliRunner().invoke(main, ["export", "report AND changing", "--db", str(watched["db"]), "--format", "warc",
                                    "--out", str(out)])
    with out.open("rb") as fh:
        urls = {r.rec_headers.get_header("WARC-Target-URI") for r in ArchiveIterator(fh)}
    assert res.exit_code == 0 and urls == {f"{watched['site'].base}/news/changing"}  # a search's articles only


def test_api_and_pages_show_versions(watched: dict) -> None:
    from fastapi.testclient import TestClient

    from presswatch.web import create_app

    base = watched["site"].base
    with Store(watched["db"], readonly=True) as store:
        changed = ledger.article_for(store.conn, f"{base}/news/changing")
        gone = ledger.article_for(store.conn, f"{base}/news/vanishing")
    with TestClient(create_app(watched["db"])) as client:
        api = client.get(f"/api/articles/{changed}/versions").json()
        assert api["edits"] == 1 and [v["kind"] for v in api["versions"]] == ["first", "edit"]
        assert api["outlet"] == "Test Wire" and api["language"] == "en" and api["feed_time"].startswith("2022-03-01")
        assert api["first_seen"] and api["state"] == "ok"
        warc = client.get(api["versions"][1]["warc"])
        assert warc.status_code == 200 and warc.headers["content-type"] == "application/warc"
        page = client.get(f"/articles/{changed}").text
        assert "Edited 1 time" in page and "<del>confirmed it.</del><ins>later denied the report.</ins>" in page
        assert "removed" in client.get(f"/articles/{gone}").text
        assert 'id="edits-by-outlet"' in client.get("/").text
        served = client.get(f"/articles/{changed}/versions/2")
        assert served.status_code == 200 and "HTTP/1.1 200 OK" in served.text
        assert "later denied the report." in served.text and "&lt;article&gt;" in served.text  # the HTML, escaped
        assert client.get(f"/articles/{changed}/versions/9").status_code == 404
        with Store(watched["db"], readonly=True) as store:
            gz = ledger.article_for(store.conn, f"{base}/news/gzipped")
        assert "Gzipped report, paragraph 0" in client.get(f"/articles/{gz}/versions/1").text  # gzip undone


def test_a_broken_archive_pointer_is_a_404_not_a_crash(watched: dict, tmp_path: Path) -> None:
    import sqlite3

    from fastapi.testclient import TestClient

    from presswatch.web import create_app

    db = tmp_path / "copy.db"
    # SQLite's backup, not a file copy: a copy of the file alone misses what is still in the store's WAL
    src, conn = sqlite3.connect(watched["db"]), sqlite3.connect(db)
    try:
        src.backup(conn)
        with conn:
            conn.execute("UPDATE watch_fetches SET warc_offset = warc_offset + 7")
        aid = conn.execute("SELECT article_id FROM article_versions ORDER BY id LIMIT 1").fetchone()[0]
    finally:
        src.close()
        conn.close()
    with TestClient(create_app(db)) as client:
        assert client.get(f"/articles/{aid}/versions/1").status_code == 404
        assert client.get(f"/api/articles/{aid}/versions/1/warc").status_code == 404
        assert client.get(f"/articles/{aid}").status_code == 200
        assert client.get("/api/articles/999999/versions").status_code == 404
