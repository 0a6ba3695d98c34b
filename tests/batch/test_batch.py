"""`presswatch batch`: local and Dask runs give the same rows; bad documents are rows with errors, not crashes."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from presswatch.article import Article, RawDocument
from presswatch.batch import COLUMNS, read_rows, run_batch
from presswatch.batch.partition import Failed, process_partition
from presswatch.cli import main
from presswatch.errors import InputError
from presswatch.pipeline import pipeline_for
from presswatch.sources.containers import iter_documents
from presswatch.sources.walk import Skipped


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, semeval_dir: Path, example_path: Path) -> list[str]:
    """Nine SemEval English articles, the example page, a JSONL (a good and a bad line), an empty and a binary file."""
    bad = tmp_path_factory.mktemp("bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    good_line = json.dumps({"text": "Kyiv, 3 March. The talks ended without a deal, the ministry said.",
                            "title": "Talks end", "outlet": "Wire Example"})
    (bad / "mix.jsonl").write_text(good_line + "\n" + '{"text": "cut here\n', encoding="utf-8")
    articles = sorted((semeval_dir / "en" / "train-articles").glob("*.txt"))[:9]
    return [str(p) for p in articles] + [str(example_path), str(bad)]


def _batch(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["batch", *args])
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def local_out(inputs: list[str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("local") / "out"
    code, output = _batch([*inputs, "--out", str(out), "--engine", "local", "--stages", "clean",
                           "--partition-size", "4"])
    assert code == 1, output  # three documents failed: exit 1, but every other row is there
    assert "14 documents, 11 ok, 3 failed" in output
    return out


def test_local_rows_and_manifest(local_out: Path, inputs: list[str]) -> None:
    assert sorted(p.name for p in local_out.iterdir()) == [
        "_SUCCESS", "part-00000.parquet", "part-00001.parquet", "part-00002.parquet", "part-00003.parquet"]
    manifest = json.loads((local_out / "_SUCCESS").read_text())
    assert (manifest["documents"], manifest["ok"], manifest["failed"], manifest["partitions"]) == (14, 11, 3, 4)
    assert manifest["stages"] == ["clean"] and manifest["engine"] == "local"
    assert manifest["errors_by_type"] == {"EmptyDocumentError": 1, "BinaryDocumentError": 1, "InputError": 1}
    rows = read_rows(local_out)
    assert len(rows) == 14 and all(set(r) == set(COLUMNS) for r in rows)
    good = [r for r in rows if not r["error"]]
    for r in good:
        article = Article.from_json(r["article_json"])
        assert article.metadata.source == r["source"] and article.text
        assert r["content_hash"] and r["content_hash"] == article.metadata.content_hash
        assert r["title"] == article.metadata.title and r["outlet"] == article.metadata.outlet
    example = next(r for r in good if r["source"].endswith("000_eb0435d17527a139.txt"))
    assert example["outlet"] and "Putin" in example["article_json"]
    failed = {Path(r["source"]).name: r for r in rows if r["error"]}
    assert set(failed) == {"empty.txt", "binary.txt", "mix.jsonl#line=2"}
    assert "mix.jsonl:2" in failed["mix.jsonl#line=2"]["error"]
    line = next(r for r in good if r["source"].endswith("mix.jsonl#line=1"))
    assert line["title"] == "Talks end" and line["outlet"] == "Wire Example"
    assert failed["empty.txt"]["error"].startswith("EmptyDocumentError: ")
    assert all(r["article_json"] is None and r["content_hash"] is None for r in failed.values())


def test_dask_matches_local(local_out: Path, inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "dask"
    code, output = _batch([*inputs, "--out", str(out), "--engine", "dask", "--workers", "2", "--stages", "clean",
                           "--partition-size", "4", "--no-progress"])
    assert code == 1, output
    assert "engine dask, 2 local workers" in output
    assert read_rows(out) == read_rows(local_out)
    assert json.loads((out / "_SUCCESS").read_text())["workers"] == 2


def test_existing_output_needs_overwrite(local_out: Path, inputs: list[str], tmp_path: Path) -> None:
    out = tmp_path / "again"
    args = [inputs[0], "--out", str(out), "--stages", "clean"]
    assert _batch(args)[0] == 0
    code, output = _batch(args)
    assert code == 2 and "--overwrite" in output
    assert _batch([*args, "--overwrite"])[0] == 0
    assert len(read_rows(out)) == 1


def test_unknown_stage_is_refused(inputs: list[str], tmp_path: Path) -> None:
    code, output = _batch([inputs[0], "--out", str(tmp_path / "x"), "--stages", "clean,telepathy"])
    assert code == 2 and "telepathy" in output


def test_batch_parquet_reads_back_as_documents(local_out: Path) -> None:
    items = list(iter_documents(local_out))
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, InputError) and not isinstance(i, Skipped)]
    assert [i.source for i in items if isinstance(i, Skipped)] == [str(local_out / "_SUCCESS")]  # reported
    rows = read_rows(local_out)
    assert len(docs) == 11 and len(errors) == 3
    by_source = {r["source"]: r for r in rows}
    for d in docs:
        assert d.data == b"" and d.hints["article_json"] == by_source[d.source]["article_json"]
    assert {e.source for e in errors} == {r["source"] for r in rows if r["error"]}


def test_partition_keeps_going_and_reuses_the_pipeline(example_path: Path) -> None:
    items = [RawDocument(data=example_path.read_bytes(), source="b-good"),
             RawDocument(data=b"\x00\x01\x02" * 100, source="a-binary"),
             Failed(source="c-unreadable", error="TruncatedError: cut", url="http://x.example/c")]
    rows, _ = process_partition(items, ())
    assert [r["source"] for r in rows] == ["a-binary", "b-good", "c-unreadable"]
    assert rows[0]["error"] and rows[1]["error"] is None and rows[2]["url"] == "http://x.example/c"
    assert pipeline_for(()) is pipeline_for(())


@pytest.mark.slow
def test_model_stages_run_in_batch(inputs: list[str], tmp_path: Path) -> None:
    result = run_batch(inputs[:2], tmp_path / "ents", stages=["entities"], progress=False)
    assert (result.ok, result.failed) == (2, 0)
    assert result.stages == ["clean", "linguistics", "entities"]
    for row in read_rows(tmp_path / "ents"):
        article = Article.from_json(row["article_json"])
        assert article.stages == ["linguistics", "entities"] and article.entities


class _Poison:
    """Unpickles to nothing in the driver (where the in-process scheduler reads task arguments) and kills the
    Dask worker process that unpickles it: a document that takes its whole partition down with it."""

    source = "zz-poison"
    url = None

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return eval, ("__import__('os')._exit(70) if __import__('multiprocessing').parent_process() else None",)


def test_dask_isolates_a_document_that_kills_its_task(inputs: list[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import dask

    from presswatch.batch import runner

    real = runner.partitions

    def poisoned(paths: list[str], size: int, *more: object):  # type: ignore[no-untyped-def]
        for n, chunk in enumerate(real(paths, size, *more)):  # type: ignore[arg-type]
            yield [*chunk, _Poison()] if n == 0 else chunk

    monkeypatch.setattr(runner, "partitions", poisoned)
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        result = run_batch(inputs[:4], tmp_path / "out", engine="dask", workers=2, stages=[], partition_size=3,
                           progress=False)
    rows = read_rows(tmp_path / "out")
    assert [r["source"] for r in rows] == sorted([*inputs[:4], "zz-poison"])
    assert (result.documents, result.ok, result.failed) == (5, 4, 1)
    assert rows[-1]["error"].startswith("WorkerError: ") and rows[-1]["article_json"] is None


def test_joins_a_running_scheduler(local_out: Path, inputs: list[str], tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        code, output = _batch([*inputs, "--out", str(tmp_path / "s"), "--scheduler", cluster.scheduler_address,
                               "--stages", "clean", "--partition-size", "4", "--no-progress"])
    assert code == 1, output
    assert f"engine dask, {cluster.scheduler_address}" in output
    assert read_rows(tmp_path / "s") == read_rows(local_out)


class _Bomb:
    """A document that, in a worker process, goes off while it is being analysed: its bytes' decode() runs `act`
    (a segfault, `os._exit`, SystemExit, MemoryError). In the driver it is never unpickled, only sent."""

    url = None

    def __init__(self, source: str, act: str) -> None:
        self.source, self.act = source, act

    def __reduce__(self) -> tuple[object, tuple[str]]:
        bytes_type = f"type('B', (bytes,), {{'decode': lambda self, *a, **k: {self.act}}})"
        return eval, (f"__import__('presswatch.article', fromlist=['RawDocument']).RawDocument("
                      f"data={bytes_type}(b'Some text. More text here.'), source={self.source!r})",)


def test_local_engine_survives_documents_that_kill_the_worker(inputs: list[str], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.batch import runner

    real = runner.partitions
    bombs = [[_Poison(), _Bomb("zz-exit", "__import__('os')._exit(70)")],
             [_Bomb("zz-segv", "__import__('os').kill(__import__('os').getpid(), 11)"),
              _Bomb("zz-sysexit", "__import__('sys').exit(3)")],
             [_Bomb("zz-memory", "(_ for _ in ()).throw(MemoryError('no room'))")]]

    def bombed(paths: list[str], size: int, *more: object):  # type: ignore[no-untyped-def]
        for n, chunk in enumerate(real(paths, size, *more)):  # type: ignore[arg-type]
            yield [*chunk, *(bombs[n] if n < len(bombs) else [])]

    monkeypatch.setattr(runner, "partitions", bombed)
    result = run_batch(inputs[:5], tmp_path / "out", engine="local", stages=[], partition_size=2, progress=False)
    rows = {r["source"]: r for r in read_rows(tmp_path / "out")}
    assert set(rows) == {*inputs[:5], "zz-poison", "zz-exit", "zz-segv", "zz-sysexit", "zz-memory"}
    assert all(rows[s]["error"] is None and rows[s]["article_json"] for s in inputs[:5])  # the rest went on
    for source in ("zz-poison", "zz-exit", "zz-segv"):
        assert rows[source]["error"].startswith("WorkerError: the worker process died"), rows[source]
    assert rows["zz-sysexit"]["error"] == "WorkerError: SystemExit: 3"
    assert rows["zz-memory"]["error"] == "MemoryError: no room"  # an ordinary error: the worker lives on
    assert (result.documents, result.ok, result.failed) == (10, 5, 5)
    # the first two partitions each died once as a whole, then once per killer run alone (3 of them)
    assert result.partitions == 3 and result.worker_restarts == 5


def test_every_skipped_path_is_reported_with_its_reason(tmp_path: Path) -> None:
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Kyiv, 3 March. The talks ended without a deal, the ministry said.\n",
                                     encoding="utf-8")
    (folder / ".hidden.txt").write_text("hidden", encoding="utf-8")
    (folder / "_SUCCESS").write_text("{}", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside the folder.", encoding="utf-8")
    (folder / "out.txt").symlink_to(outside)
    result = CliRunner().invoke(main, ["batch", str(folder), "--out", str(tmp_path / "out"), "--stages", "clean",
                                       "--no-progress"])
    assert result.exit_code == 0, result.output
    out = result.output
    expected = {".hidden.txt": "hidden", "_SUCCESS": "bookkeeping", "pipe.txt": "not a regular file",
                "loop.txt": "symlink loop", "out.txt": "outside the folder"}
    for name, reason in expected.items():
        line = next((ln for ln in out.splitlines() if ln.startswith("skipped: ") and name in ln), None)
        assert line is not None and reason in line, (name, out)
    assert "skipped 5 paths" in out and "1 documents, 1 ok, 0 failed" in out
    manifest = json.loads((tmp_path / "out" / "_SUCCESS").read_text())
    assert sorted(Path(s["source"]).name for s in manifest["skipped"]) == sorted(expected)
    assert all(s["reason"] for s in manifest["skipped"])



def test_dask_restarts_a_worker_in_which_an_allocation_failed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A document past a 60 MiB cap (the models load outside it) taints its worker; the worker is restarted and the
    documents after it are analysed by the fresh one."""
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a-short.txt").write_text("Talks in Geneva. The minister said the talks would go on.\n", encoding="utf-8")
    (docs / "b-long.txt").write_text("\n".join(f"Officials in Geneva said on day {i} that the talks on the ceasefire "
                                               "would go on for another week, while the delegations met behind "
                                               "closed doors." for i in range(900)), encoding="utf-8")
    (docs / "c-short.txt").write_text("Talks in Vienna. The envoy said a deal was near.\n", encoding="utf-8")
    monkeypatch.setenv("PRESSWATCH_DOC_MEMORY_MB", "60")  # read by the workers' Settings as they start
    result = run_batch([str(docs)], tmp_path / "out", engine="dask", workers=1, stages=["linguistics"],
                       partition_size=1, progress=False)
    rows = {Path(r["source"]).name: r for r in read_rows(tmp_path / "out")}
    assert "document_memory_mb" in rows["b-long.txt"]["error"]
    assert rows["a-short.txt"]["error"] is None and rows["c-short.txt"]["error"] is None
    assert result.worker_restarts >= 1  # (a fresh worker's first document can brush a cap this low too)


def test_dask_stops_a_document_past_the_time_cap_and_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dask task runs in a worker thread, where no timer signal reaches: the watchdog stops the long document
    (models load outside the cap) and the worker analyses the next one."""
    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "a-short.txt").write_text("Talks in Geneva. The minister said the talks would go on.\n", encoding="utf-8")
    (docs / "b-long.txt").write_text("\n".join(f"Officials in Geneva said on day {i} that the talks on the ceasefire "
                                               "would go on for another week, while the delegations met behind "
                                               "closed doors. The envoys said little, and the press waited in "
                                               "the rain outside." for i in range(990)), encoding="utf-8")
    (docs / "c-short.txt").write_text("Talks in Vienna. The envoy said a deal was near.\n", encoding="utf-8")
    monkeypatch.setenv("PRESSWATCH_DOC_SECONDS", "2")  # read by the workers' Settings as they start
    started = time.monotonic()
    run_batch([str(docs)], tmp_path / "out", engine="dask", workers=1, stages=["linguistics"], partition_size=1,
              progress=False)
    rows = {Path(r["source"]).name: r for r in read_rows(tmp_path / "out")}
    assert "document_seconds" in rows["b-long.txt"]["error"]
    assert rows["a-short.txt"]["error"] is None and rows["c-short.txt"]["error"] is None
    assert time.monotonic() - started < 120
