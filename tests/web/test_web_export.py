"""Filtered export: the search's filters at four levels, as CSV, JSON Lines and Parquet, from the CLI and the API."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from presswatch.cli import main
from presswatch.corpus import export as ex
from presswatch.corpus.search import Filters
from presswatch.corpus.store import Store
from presswatch.web import create_app


@pytest.fixture(scope="module")
def api(work_db: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    with TestClient(create_app(work_db[0])) as c:
        yield c


def test_technique_rows_one_per_span(work_db: tuple[Path, dict[str, int]]) -> None:
    db, ids = work_db
    with Store(db, readonly=True) as store:
        rows = list(ex.iter_rows(store, Filters.parse(technique="Loaded_Language"), "techniques"))
        assert [(r["article"], r["text"]) for r in rows] == [
            (ids["Sputnik"], "telling lies"), (ids["Sputnik"], "hush up"), (ids["Evil"], "a disgraceful provocation"),
            (ids["RIA"], "грязную ложь"), (ids["none"], "a shameful betrayal")]
        first = rows[0]
        assert set(first) == set(ex.COLUMNS["techniques"])
        assert (first["outlet"], first["family"], first["voice"], first["speaker"], first["score"]) == (
            "Sputnik", "Manipulative wording", "quoted", "Vladimir Putin", 0.66)
        text = store.get(ids["Sputnik"]).text  # type: ignore[union-attr]
        assert text[first["start"]:first["end"]] == "telling lies"
        quoted = list(ex.iter_rows(store, Filters.parse(technique="Loaded_Language", voice="quoted"), "techniques"))
        assert [r["text"] for r in quoted] == ["telling lies"]
        quotes = list(ex.iter_rows(store, Filters.parse(lang="ru"), "quotes"))
        assert [(q["speaker"], q["kind"]) for q in quotes] == [("Мария Захарова", "reported")]
        claims = list(ex.iter_rows(store, Filters.parse(outlet="Example Daily"), "claims"))
        assert [c["text"] for c in claims] == ["prices rose by 12 percent in January"]


def test_cli_export_filters_levels_and_formats(work_db: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = work_db
    run = CliRunner().invoke
    res = run(main, ["export", "--db", str(db), "--level", "techniques", "--technique", "Loaded_Language",
                     "--format", "csv", "--since", "2021-02"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["text"] for r in rows] == ["a disgraceful provocation", "грязную ложь"]
    assert "exported 2 technique spans" in res.stderr
    res = run(main, ["export", "lies", "--db", str(db), "--format", "jsonl"])
    assert res.exit_code == 0 and [json.loads(x)["id"] for x in res.stdout.splitlines()] == [ids["Sputnik"]]
    out = tmp_path / "spans.parquet"
    res = run(main, ["export", "--db", str(db), "--level", "techniques", "--lang", "en", "--format", "parquet",
                     "--out", str(out)])
    assert res.exit_code == 0, res.output
    table = pq.read_table(out)
    assert table.num_rows == 9 and table.column_names == ex.COLUMNS["techniques"]
    bad = run(main, ["export", "--db", str(db), "--technique", "Bogus"])
    assert bad.exit_code == 2 and "unknown technique 'Bogus'" in bad.output


def test_api_export_streams_the_search(api: TestClient, work_db: tuple[Path, dict[str, int]]) -> None:
    ids = work_db[1]
    r = api.get("/api/export", params={"lang": "en", "genre": "reporting", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="presswatch-articles.csv"' in r.headers["content-disposition"]
    assert sorted(int(row["id"]) for row in csv.DictReader(io.StringIO(r.text))) == sorted(
        [ids["Sputnik"], ids["Example"], ids["none"]])
    r = api.get("/api/export", params={"technique": "Loaded_Language", "level": "techniques", "format": "jsonl"})
    assert [json.loads(x)["text"] for x in r.text.splitlines()][:2] == ["telling lies", "hush up"]
    r = api.get("/api/export", params={"outlet": "RIA", "format": "parquet", "level": "quotes"})
    assert r.status_code == 200 and pq.read_table(io.BytesIO(r.content)).num_rows == 1
    for params, needle in [({"technique": "Bogus"}, "unknown technique"), ({"level": "words"}, "level"),
                           ({"format": "xml"}, "format")]:
        r = api.get("/api/export", params=params)
        assert r.status_code == 422 and needle in r.json()["detail"], r.text


def test_search_page_links_the_export_of_its_search(api: TestClient) -> None:
    html = api.get("/search", params={"lang": "ru", "technique": "Loaded_Language"}).text
    assert 'href="/api/export?lang=ru&amp;technique=Loaded_Language&amp;format=csv"' in html
