"""`presswatch ingest` on real files: good and hostile inputs in one run, idempotent reruns, workers, export."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from presswatch.article import Article
from presswatch.cli import main
from presswatch.config import SETTINGS
from presswatch.corpus.store import Store

LATIN1_HTML = """<!DOCTYPE html><html><head><meta charset="iso-8859-1">
<title>Caf\xe9 owners protest new rules</title></head><body>
<nav>Home | World | Business</nav>
<article><h1>Caf\xe9 owners protest new rules</h1>
<p>Hundreds of caf\xe9 owners gathered in the capital on Tuesday to protest against new opening-hour rules,
saying the measures would force many small businesses to close before the summer season.</p>
<p>"We are being pushed out," said Ren\xe9e Dupr\xe9, who has run a caf\xe9 near the station for twenty years.
The ministry said the rules were needed to reduce noise complaints in residential streets.</p>
<p>The owners' association said it would challenge the decision in court next month.</p>
</article><footer>All rights reserved</footer></body></html>
"""

GOOD_EXTRA = 6  # the example page, the latin-1 page, two WARC records and two feed entries


_PARA = ("{who} said on {day} that the talks on the grain corridor would resume next week, after officials from "
         "both sides met in Istanbul to discuss shipping guarantees and insurance for vessels in the Black Sea.")


def _page(title: str, who: str, day: str) -> str:
    paras = "".join(f"<p>{_PARA.format(who=who, day=day)} Paragraph {i} adds detail {i * 7}.</p>" for i in range(4))
    return f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>"


def _write_warc(path: Path) -> None:
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for n, (who, day) in enumerate([("The foreign minister", "Monday"), ("A Kremlin spokesman", "Tuesday")]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = _page(f"Grain talks to resume, part {n}", who, day).encode("utf-8")
            rec = writer.create_warc_record(f"https://news.example.org/2022/07/1{n}/grain-{n}", "response",
                                            payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)


def _write_feed(path: Path) -> None:
    items = "".join(
        f"<item><title>Port reopens {n}</title><link>https://wire.example.com/port-{n}</link>"
        f"<pubDate>Tue, 0{n + 1} Mar 2022 10:00:00 GMT</pubDate><description><![CDATA["
        + "".join(f"<p>{_PARA.format(who=f'Harbour master {n}', day='Friday')} Detail {i}.</p>" for i in range(3))
        + "]]></description></item>" for n in range(2))
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title>'
                    f"<link>https://wire.example.com</link><description>wire</description>{items}</channel></rss>",
                    encoding="utf-8")


def _corpus(tmp_path: Path, en_articles: list[Path], example_path: Path) -> tuple[Path, dict[str, str]]:
    """40 real articles, the example page, a latin-1 HTML page, a WARC, an RSS feed, and hostile files
    (name -> expected error)."""
    d = tmp_path / "in"
    good = d / "good"
    good.mkdir(parents=True)
    for p in en_articles:
        shutil.copy(p, good / p.name)
    shutil.copy(example_path, good / example_path.name)
    (good / "latin1.html").write_bytes(LATIN1_HTML.encode("latin-1"))
    _write_warc(good / "crawl.warc.gz")
    _write_feed(good / "wire.xml")
    bad = d / "bad"
    bad.mkdir()
    (bad / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (bad / "empty.txt").write_bytes(b"")
    whole = gzip.compress(en_articles[0].read_bytes() * 20)
    (bad / "truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    with (bad / "huge.txt").open("wb") as fh:
        line = b"This is a very long line of crawled text that repeats. " * 20 + b"\n"
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(line * 1000)
    assert (bad / "huge.txt").stat().st_size > SETTINGS.max_document_bytes
    return d, {"binary.bin": "", "empty.txt": "Empty", "truncated.txt.gz": "", "huge.txt": "TooLargeError"}


def test_ingest_good_and_hostile_inputs_then_rerun(tmp_path: Path, en_articles: list[Path],
                                                  example_path: Path) -> None:
    src, bad = _corpus(tmp_path, en_articles, example_path)
    db = tmp_path / "corpus.db"
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(src), "--db", str(db), "--stages", "clean", "--report",
                               str(tmp_path / "report.json")])
    assert res.exit_code == 1, res.output  # some documents failed, the rest was stored
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["added"] == len(en_articles) + GOOD_EXTRA
    failed = {Path(f["source"]).name: f["reason"] for f in report["failures"]}
    assert set(failed) == set(bad)
    for name, expected in bad.items():
        assert expected in failed[name]
        assert name in res.output  # named in the end-of-run summary
    with Store(db, readonly=True) as store:
        assert store.count() == len(en_articles) + GOOD_EXTRA
        assert {Path(f["source"]).name for f in store.failures()} == set(bad)
        hits = store.search("café")
        assert hits.total == 1
        latin = store.get(hits.hits[0].id)
        assert "Renée Dupré" in latin.text
        assert store.search("grain corridor", outlet="news.example.org").total == 2  # the WARC records
        assert store.search('"harbour master"').total == 2  # the feed entries
        sputnik = store.search("Putin Bild", outlet="Sputnik")
        assert sputnik.total == 1
        stats = store.stats()
        assert stats["articles"] == len(en_articles) + GOOD_EXTRA and stats["failures"] == len(bad)

    again = runner.invoke(main, ["ingest", str(src), "--db", str(db), "--stages", "clean"])
    assert "ingested 0 new articles" in again.output
    assert f"{len(en_articles) + GOOD_EXTRA} already stored" in again.output
    with Store(db, readonly=True) as store:
        assert store.count() == len(en_articles) + GOOD_EXTRA


def test_exact_duplicates_are_counted_not_stored(tmp_path: Path, en_articles: list[Path]) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for p in en_articles[:5]:
        shutil.copy(p, d / p.name)
    shutil.copy(en_articles[0], d / "copy-of-first.txt")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(main, ["ingest", str(d), "--db", str(db), "--stages", "clean"])
    assert res.exit_code == 0, res.output
    assert "ingested 5 new articles" in res.output and "1 exact duplicates" in res.output
    with Store(db, readonly=True) as store:
        assert store.count() == 5
        row = store.conn.execute("SELECT status, reason FROM sources WHERE key LIKE '%copy-of-first.txt'").fetchone()
        assert row[0] == "duplicate" and "same text as article" in row[1]


def test_two_workers_store_the_same_as_one(tmp_path: Path, en_articles: list[Path]) -> None:
    hashes = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        res = CliRunner().invoke(main, ["ingest", *map(str, en_articles[:12]), "--db", str(db), "--stages", "clean",
                                        "--workers", str(workers), "--batch-size", "5"])
        assert res.exit_code == 0, res.output
        with Store(db, readonly=True) as store:
            hashes.append(sorted(r[0] for r in store.conn.execute("SELECT content_hash FROM articles")))
    assert len(hashes[0]) == 12 and hashes[0] == hashes[1]


def test_unknown_stage_is_refused(tmp_path: Path, en_articles: list[Path]) -> None:
    res = CliRunner().invoke(main, ["ingest", str(en_articles[0]), "--db", str(tmp_path / "c.db"),
                                    "--stages", "clean,nonsense"])
    assert res.exit_code == 2 and "unknown stage" in res.output


@pytest.fixture()
def filled(tmp_path: Path, en_articles: list[Path]) -> Path:
    db = tmp_path / "c.db"
    res = CliRunner().invoke(main, ["ingest", *map(str, en_articles[:15]), "--db", str(db), "--stages", "clean"])
    assert res.exit_code == 0, res.output
    return db


def test_export_formats_are_readable(tmp_path: Path, filled: Path) -> None:
    runner = CliRunner()
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"out.{fmt}"
        res = runner.invoke(main, ["export", "--db", str(filled), "--format", fmt, "--out", str(out)])
        assert res.exit_code == 0, res.output
        assert "exported 15 articles" in res.output
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 15
    with Store(filled, readonly=True) as store:
        first = json.loads(lines[0])
        assert Article.from_dict(first) == store.get(first["id"])
        frame = pd.read_csv(tmp_path / "out.csv")
        assert len(frame) == 15 and list(frame["id"]) == store.ids()
        table = pq.read_table(tmp_path / "out.parquet")
        assert table.num_rows == 15
        row = table.slice(3, 1).to_pylist()[0]
        assert Article.from_json(row["article_json"]) == store.get(row["id"])
        assert row["text"] == store.get(row["id"]).text
    res = runner.invoke(main, ["export", "--db", str(filled), "--format", "parquet"])
    assert res.exit_code == 2 and "--out" in res.output


def test_search_and_stats_commands(filled: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(main, ["search", "plague", "--db", str(filled), "--format", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["total"] >= 1 and "\x02" in data["hits"][0]["snippet"]
    table = runner.invoke(main, ["search", "plague", "--db", str(filled)])
    assert table.exit_code == 0 and "matching articles" in table.output
    bad = runner.invoke(main, ["search", '"plague', "--db", str(filled)])
    assert bad.exit_code == 2 and "cannot parse search query" in bad.output
    st = runner.invoke(main, ["stats", "--db", str(filled), "--format", "json", "--trends"])
    assert st.exit_code == 0, st.output
    stats = json.loads(st.output)
    assert stats["articles"] == 15 and "top_speakers" in stats["trends"]
    assert runner.invoke(main, ["stats", "--db", str(filled)]).exit_code == 0
    stories = runner.invoke(main, ["stats", "--db", str(filled), "--stories", "0.5", "--format", "json"])
    assert stories.exit_code == 0 and json.loads(stories.output)["stories"] == []  # 15 distinct stories
    missing = runner.invoke(main, ["stats", "--db", str(filled.parent / "nope.db")])
    assert missing.exit_code == 2 and "no store" in missing.output


def test_parquet_rows_are_stored_without_rerunning_the_pipeline(tmp_path: Path, filled: Path) -> None:
    out = tmp_path / "part-0.parquet"
    runner = CliRunner()
    assert runner.invoke(main, ["export", "--db", str(filled), "--format", "parquet", "--out", str(out)]).exit_code == 0
    db = tmp_path / "again.db"
    # "--stages all" would load every model if the pipeline ran; stored rows must come back as they are
    res = runner.invoke(main, ["ingest", str(out), "--db", str(db), "--stages", "all"])
    assert res.exit_code == 0, res.output
    with Store(filled, readonly=True) as before, Store(db, readonly=True) as after:
        assert after.count() == before.count() == 15
        for aid in before.ids():
            a = before.get(aid)
            b = after.get(after.article_id_for_hash(a.metadata.content_hash))
            assert b == a and b.stages == []


def test_jsonl_container(tmp_path: Path, en_articles: list[Path]) -> None:
    src = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": p.read_text(encoding="utf-8"), "url": f"https://example.org/{i}"})
             for i, p in enumerate(en_articles[:4])]
    src.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    db = tmp_path / "c.db"
    res = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--stages", "clean"])
    assert res.exit_code == 1 and "ingested 4 new articles" in res.output and "1 failed" in res.output
    with Store(db, readonly=True) as store:
        keys = sorted(r[0] for r in store.conn.execute("SELECT key FROM sources"))
        assert keys == [f"{src}#line={n}" for n in range(1, 6)]
