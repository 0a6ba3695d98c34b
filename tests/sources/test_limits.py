"""Bounded work per input: bombs, long documents, long lines, slow queries; each refused naming its cap, fast."""

from __future__ import annotations

import dataclasses
import io
import json
import sqlite3
import time
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from presswatch import config, limits
from presswatch.cli import main
from presswatch.corpus.store import Store
from presswatch.errors import QueryError

GOOD = ("<html><body><h1>{t}</h1><p>{t}: " + "the talks in Geneva went on for a second day, officials said. " * 8
        + "</p></body></html>")


@pytest.fixture()
def caps(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def set_caps(**kw: object) -> None:
        monkeypatch.setattr(config, "SETTINGS", dataclasses.replace(config.SETTINGS, **kw))
    return set_caps


def _gzip_zeros(path: Path, mib: int, byte: bytes = b"\0") -> None:
    z = zlib.compressobj(1, zlib.DEFLATED, 31)
    chunk = byte * (1 << 20)
    path.write_bytes(b"".join(z.compress(chunk) for _ in range(mib)) + z.flush())


def _warc(path: Path, bodies: list[bytes | int]) -> None:
    """A gzipped WARC of HTML responses; an int is a bomb record of that many MiB of spaces."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    class Spaces(io.RawIOBase):
        def __init__(self, n: int) -> None:
            self.n = n

        def readable(self) -> bool:
            return True

        def readinto(self, b) -> int:  # type: ignore[no-untyped-def]
            k = min(len(b), self.n)
            b[:k] = b" " * k
            self.n -= k
            return k

    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for i, body in enumerate(bodies):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            if isinstance(body, int):
                n = body << 20
                payload, length = io.BufferedReader(Spaces(n)), n + len(headers.to_str())
            else:
                payload, length = io.BytesIO(body), None
            w.write_record(w.create_warc_record(f"http://a.example/{i}", "response", payload=payload, length=length,
                                                http_headers=headers))


def _ingest(*paths: Path, db: Path) -> tuple[int, str, float]:
    t0 = time.perf_counter()
    res = CliRunner().invoke(main, ["ingest", *map(str, paths), "--db", str(db), "--stages", "clean"])
    return res.exit_code, res.output, time.perf_counter() - t0


def test_gzip_bomb_without_warc_framing_is_refused_at_once(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.warc.gz"
    _gzip_zeros(bomb, 64)
    good = tmp_path / "good.html"
    good.write_text(GOOD.format(t="Good"), encoding="utf-8")
    code, out, seconds = _ingest(bomb, good, db=tmp_path / "c.db")
    assert code == 1 and "not a WARC file" in out and "ingested 1 new articles" in out, out
    assert seconds < 10


def test_gzip_bomb_inside_warc_framing_hits_the_decompressed_cap(tmp_path: Path, caps) -> None:  # type: ignore

    caps(max_decompressed_bytes=8 << 20)
    warc = tmp_path / "inner.warc.gz"
    _warc(warc, [GOOD.format(t="First").encode(), 32, GOOD.format(t="After").encode()])
    good = tmp_path / "good.html"
    good.write_text(GOOD.format(t="Other file"), encoding="utf-8")
    code, out, seconds = _ingest(warc, good, db=tmp_path / "c.db")
    assert code == 1 and f"{warc}#record=1: LimitError" in out and "cap: max_decompressed_bytes" in out, out
    assert "ingested 2 new articles" in out and seconds < 10  # the record before it and the other file


def test_record_count_cap(tmp_path: Path, caps) -> None:  # type: ignore[no-untyped-def]
    caps(max_records=3)
    src = tmp_path / "many.jsonl"
    src.write_text("".join(json.dumps({"text": f"Line {i} about the summit."}) + "\n" for i in range(10)))
    code, out, _ = _ingest(src, db=tmp_path / "c.db")
    assert "ingested 3 new articles" in out and "cap: max_records" in out, out


def test_bad_jsonl_lines_cost_only_themselves(tmp_path: Path, caps) -> None:  # type: ignore[no-untyped-def]
    caps(max_document_bytes=10_000)
    src = tmp_path / "lines.jsonl"
    lines = [json.dumps({"text": "First good line about grain exports."}),
             '{"text": "a lone surrogate \\ud800 here"}',
             json.dumps({"text": "x" * 20_000}),
             "[" * 50_000,
             json.dumps({"text": "Last good line about steel tariffs."})]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = _ingest(src, db=tmp_path / "c.db")
    assert code == 1 and "ingested 2 new articles" in out and "3 failed" in out, out
    assert f"{src}#line=2" in out and f"{src}#line=3" in out and "cap: max_document_bytes" in out
    assert f"{src}#line=4" in out


def test_document_caps_are_reported_with_the_cap(tmp_path: Path, caps) -> None:  # type: ignore[no-untyped-def]
    caps(max_paragraphs=50, max_document_chars=5_000)
    many = tmp_path / "many.txt"
    many.write_text("\n".join(f"Paragraph {i}." for i in range(80)), encoding="utf-8")
    long = tmp_path / "long.txt"
    long.write_text("word " * 2_000, encoding="utf-8")
    ok = tmp_path / "ok.txt"
    ok.write_text("A short article about the summit.\nA second paragraph.", encoding="utf-8")
    with Store(tmp_path / "c.db") as store:
        from presswatch.corpus.ingest import ingest

        report = ingest([many, long, ok], store, stages=["linguistics"])
    reasons = dict(report.failed)
    assert report.added == 1
    assert "cap: max_paragraphs" in reasons[str(many)] and "cap: max_document_chars" in reasons[str(long)]


def test_time_limit_interrupts_the_block() -> None:
    t0 = time.perf_counter()
    with pytest.raises(limits.LimitError, match="document_seconds"), limits.time_limit(0.2, "x"):
        while True:
            sum(range(1000))
    assert time.perf_counter() - t0 < 2


def test_query_time_interrupts_sqlite() -> None:
    conn = sqlite3.connect(":memory:")
    t0 = time.perf_counter()
    with pytest.raises(QueryError, match="query_seconds"), limits.query_time(conn, 0.2):
        conn.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
    assert time.perf_counter() - t0 < 2
    assert conn.execute("SELECT 1").fetchone() == (1,)  # the connection is still usable


def test_a_2000_term_query_is_refused_within_a_second(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from presswatch.web import create_app

    Store(tmp_path / "c.db").close()
    client = TestClient(create_app(tmp_path / "c.db"))
    q = " ".join(f"term{i}" for i in range(2000))
    for path in ("/api/articles", "/search"):
        t0 = time.perf_counter()
        r = client.get(path, params={"q": q})
        assert time.perf_counter() - t0 < 1
        assert r.status_code in (400, 422) and "max_query_terms" in r.text, (path, r.status_code)


def test_nul_padding_after_a_warc_record_is_refused_fast(tmp_path: Path) -> None:
    """Gzipped NUL bytes after a good record: warcio would grow one header "line" from them quadratically."""
    warc = tmp_path / "padded.warc.gz"
    _warc(warc, [GOOD.format(t="Before the padding").encode()])
    zeros = tmp_path / "z.gz"
    _gzip_zeros(zeros, 48)
    warc.write_bytes(warc.read_bytes() + zeros.read_bytes())
    code, out, seconds = _ingest(warc, db=tmp_path / "c.db")
    assert code == 1 and f"{warc}#record=1: InputError: over 1,048,576 NUL bytes in a row" in out, out
    assert "ingested 1 new articles" in out and seconds < 10
