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


# -- memory per document ------------------------------------------------------------------------------
def _hog(article: object) -> None:
    """A stage that needs 1 GiB for documents that say HOG."""
    if "HOG" in getattr(article, "text", ""):
        article._hog = bytearray(1 << 30)  # type: ignore[attr-defined]


def _allocate_in_worker(mib: int) -> str:
    """In a worker process: allocate `mib` MiB under a 64 MiB cap; what happened, as text."""
    try:
        with limits.memory_limit(64, source="w.txt"):
            bytearray(mib << 20)
    except limits.LimitError as exc:
        return f"refused: {exc.cap}"
    return "allocated"


def test_memory_limit_refuses_an_allocation_past_its_cap_and_restores_the_limit() -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(limits.LimitError) as info, limits.memory_limit(64, source="big.txt"):
        bytearray(1 << 30)
    assert info.value.cap == "document_memory_mb" and "64 MiB" in info.value.message
    assert info.value.source == "big.txt"
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert len(bytearray(256 << 20)) == 256 << 20  # the limit is gone after the block
    with limits.memory_limit(64):
        assert len(bytearray(8 << 20)) == 8 << 20  # within the cap


def test_a_document_past_the_memory_cap_is_reported_and_the_batch_goes_on(caps) -> None:  # type: ignore[no-untyped-def]
    from presswatch.article import RawDocument
    from presswatch.pipeline import Pipeline

    caps(document_memory_mb=64)
    pipeline = Pipeline(["frames"])
    pipeline._fns["frames"], pipeline._many["frames"] = _hog, None  # the stage's work, replaced by a greedy one
    texts = ["Talks went on in Geneva.", "HOG: this one needs a gigabyte.", "Officials met again today."]
    docs = [RawDocument(t.encode(), source=f"d{i}.txt", format="text") for i, t in enumerate(texts)]
    out = list(pipeline.pipe(docs, errors="return"))
    assert [type(o).__name__ for o in out] == ["Article", "LimitError", "Article"]
    assert out[1].cap == "document_memory_mb" and out[1].source == "d1.txt"  # type: ignore[union-attr]
    assert "frames" in out[0].stages and "frames" in out[2].stages  # type: ignore[union-attr]


def test_the_memory_cap_holds_in_a_worker_process_which_is_then_replaced() -> None:
    from presswatch.workers import WorkerPool

    pool = WorkerPool(1)
    try:
        assert pool.submit(_allocate_in_worker, 1024).result(timeout=120) == "refused: document_memory_mb"
        assert pool.restarts == 0
        assert pool.submit(_allocate_in_worker, 16).result(timeout=120) == "allocated"
        assert pool.restarts == 1  # the worker whose allocation failed was replaced before the next task
    finally:
        pool.close()
