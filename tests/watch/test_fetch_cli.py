"""`presswatch fetch URL...`: single pages stored with the given outlet and language; a known URL is revisited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner
from newsite import Site, serve, sources_toml

from presswatch.cli import main


def test_fetch_single_pages(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with serve(Site()) as site:
        settings = tmp_path / "s.toml"  # its [watch] settings: no delay between requests
        settings.write_text(sources_toml(site), encoding="utf-8")
        args = ["fetch", "--sources", str(settings), f"{site.base}/news/a2", f"{site.base}/private/secret",
                f"{site.base}/news/changing", "--db", str(db), "--outlet", "Wire", "--lang", "en", "--stages", "clean"]
        first = CliRunner().invoke(main, args)
        site.round = 2
        again = CliRunner().invoke(main, args)
        assert "/private/" not in "".join(site.requested)
    assert first.exit_code == 1 and "disallowed by robots.txt" in first.output  # one page could not be had
    assert "2 stored" in first.output
    assert "1 edited" in again.output and "0 stored" in again.output
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT DISTINCT outlet, language FROM articles").fetchall() == [("Wire", "en")]
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 2


def test_watch_bad_sources_file_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "s.toml"
    src.write_text("[[outlet]]\nname = 'X'\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["watch", str(src), "--db", str(tmp_path / "c.db"), "--once"])
    assert res.exit_code == 2 and "lists no feeds" in res.output and "Traceback" not in res.output


def test_revisit_schedule(tmp_path: Path) -> None:
    """Without --revisit-all only pages whose next visit is due are fetched again; the schedule then moves on."""
    db = tmp_path / "c.db"
    with serve(Site()) as site:
        src = tmp_path / "s.toml"
        src.write_text(sources_toml(site, revisit=["1h", "1d"]), encoding="utf-8")
        cmd = ["watch", str(src), "--db", str(db), "--once", "--stages", "clean"]
        assert CliRunner().invoke(main, cmd).exit_code == 0
        with sqlite3.connect(db) as conn:
            first_seen, nxt = conn.execute("SELECT first_seen, next_visit FROM watch_pages WHERE url LIKE '%/a2'"
                                           ).fetchone()
            conn.execute("UPDATE watch_pages SET next_visit = '2000-01-01T00:00:00+00:00' WHERE url LIKE '%/a2'")
        before = len(site.requested)
        res = CliRunner().invoke(main, cmd)
        assert res.exit_code == 0, res.output
        again = [p for p in site.requested[before:] if p.startswith("/news/") and p != "/news/slow"]
    assert again == ["/news/a2"] and "1 revisited" in res.output
    from datetime import datetime

    assert (datetime.fromisoformat(nxt) - datetime.fromisoformat(first_seen)).total_seconds() == 3600
    with sqlite3.connect(db) as conn:
        visits, nxt2 = conn.execute("SELECT visits, next_visit FROM watch_pages WHERE url LIKE '%/a2'").fetchone()
    assert visits == 2 and (datetime.fromisoformat(nxt2) - datetime.fromisoformat(first_seen)).days == 1


def test_watch_with_worker_processes(tmp_path: Path) -> None:
    """--workers 2: pages are analysed in worker processes and stored by the watcher, the same as with one."""
    db = tmp_path / "c.db"
    with serve(Site(extra_items=6)) as site:
        src = tmp_path / "s.toml"
        src.write_text(sources_toml(site), encoding="utf-8")
        res = CliRunner().invoke(main, ["watch", str(src), "--db", str(db), "--once", "--stages", "clean",
                                        "--workers", "2"])
    assert res.exit_code == 0, res.output
    assert " 17 stored" in res.output  # 11 articles + 6 bulk pages; the slow one fails
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone() == (17, 17)
        assert conn.execute("SELECT count(*) FROM article_versions WHERE kind = 'first'").fetchone()[0] == 17
        assert conn.execute("SELECT count(*) FROM minhash").fetchone()[0] == 17  # signatures from the workers
