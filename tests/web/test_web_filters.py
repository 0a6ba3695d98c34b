"""One set of search filters for the store, the CLI, the API and the search page: values, errors, sort, spans."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from presswatch.cli import main
from presswatch.corpus.search import Filters, parse_date
from presswatch.corpus.store import Store
from presswatch.errors import FilterError
from presswatch.web import create_app


@pytest.fixture(scope="module")
def store(work_db: tuple[Path, dict[str, int]]) -> Iterator[Store]:
    with Store(work_db[0], readonly=True) as s:
        yield s


@pytest.fixture(scope="module")
def api(work_db: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    with TestClient(create_app(work_db[0])) as c:
        yield c


def ids_of(store: Store, **kw: str) -> list[int]:
    return [h.id for h in store.search(**kw).hits]


def test_filters_by_language_genre_frame_and_unknown_outlet(store: Store, work_db: tuple[Path, dict[str, int]]) -> None:
    ids = work_db[1]
    assert ids_of(store, lang="ru") == [ids["RIA"]]
    assert ids_of(store, lang="EN", genre="reporting") == [ids["Example"], ids["Sputnik"], ids["none"]]  # undated last
    assert ids_of(store, frame="political") == [ids["RIA"], ids["Sputnik"]]  # case and spelling forgiven
    assert ids_of(store, frame="Security and defense") == [ids["Sputnik"]]
    assert ids_of(store, outlet="(unknown)") == [ids["none"]]  # what aggregates call a missing outlet


def test_speaker_matches_aliases_and_unknown_values_say_so(store: Store, work_db: tuple[Path, dict[str, int]]) -> None:
    ids = work_db[1]
    assert ids_of(store, speaker="Putin") == [ids["Sputnik"]]  # the alias of the entity Vladimir Putin
    assert ids_of(store, speaker="захарова") == [ids["RIA"]]
    with pytest.raises(FilterError, match=r"unknown technique 'Bogus'.*known: Name_Calling-Labeling"):
        store.search(technique="Bogus")
    with pytest.raises(FilterError, match=r"unknown technique 'Loaded_Languag' \(did you mean 'Loaded_Language'"):
        store.search(technique="Loaded_Languag")
    with pytest.raises(FilterError, match=r"no quote has the speaker 'Vladimir Pution'.*did you mean 'Vladimir Putin'"):
        store.search(speaker="Vladimir Pution")
    with pytest.raises(FilterError, match=r"no article has the language 'de'.*; known: en, ru"):
        store.search(lang="de")
    with pytest.raises(FilterError, match="sort=relevance needs a query"):
        store.search(sort="relevance")


def test_dates_relative_or_rejected_and_undated_counted(store: Store, work_db: tuple[Path, dict[str, int]]) -> None:
    today = date(2021, 3, 8)
    assert parse_date("last week", "since", today) == "2021-03-01"
    assert parse_date("2 months ago", "since", today) == "2021-01-08"
    assert parse_date("yesterday", "since", today) == "2021-03-07"
    with pytest.raises(FilterError, match="since: 'soon' is not a date"):
        parse_date("soon", "since")
    result = store.search(since="2021-02")
    assert [h.id for h in result.hits] == [work_db[1]["RIA"], work_db[1]["Example"], work_db[1]["Evil"]]
    assert result.undated == 1  # the undated note is left out, and said to be
    assert store.search(lang="ru", since="2021").undated == 0
    assert store.search().undated is None


def test_sort_and_span_snippets(store: Store, work_db: tuple[Path, dict[str, int]]) -> None:
    ids = work_db[1]
    assert ids_of(store, sort="techniques")[0] == ids["Sputnik"]  # 4 spans + 2 paragraph labels
    assert ids_of(store, sort="oldest") == [ids["Sputnik"], ids["Evil"], ids["Example"], ids["RIA"], ids["none"]]
    hit = store.search(technique="Loaded_Language", voice="quoted").hits[0]
    assert hit.id == ids["Sputnik"] and hit.language == "en" and hit.genre == "reporting"
    assert [(s.technique, s.text, s.voice, s.speaker) for s in hit.spans] == [
        ("Loaded_Language", "telling lies", "quoted", "Vladimir Putin")]
    assert {s.technique for s in store.search(q="lies").hits[0].spans} >= {"Name_Calling-Labeling"}


def test_cli_takes_the_same_filters(work_db: tuple[Path, dict[str, int]]) -> None:
    db, ids = work_db
    run = CliRunner().invoke
    res = run(main, ["search", "--db", str(db), "--lang", "ru", "--frame", "Political", "--format", "json"])
    assert res.exit_code == 0, res.output
    assert [h["id"] for h in json.loads(res.output)["hits"]] == [ids["RIA"]]
    res = run(main, ["search", "--db", str(db), "--since", "last week"])
    assert res.exit_code == 0 and "0 matching articles (1 undated left out" in res.output  # parsed, and said
    res = run(main, ["search", "--db", str(db), "--since", "next tuesday"])
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "is not a date" in res.output
    res = run(main, ["search", "--db", str(db), "--speaker", "Nobody Known"])
    assert res.exit_code == 2 and res.output.startswith("error: no quote has the speaker 'Nobody Known'")
    res = run(main, ["search", "--db", str(db), "--genre", "opinoin", "--sort", "oldest"])
    assert res.exit_code == 2 and "did you mean 'opinion'" in res.output
    table = run(main, ["search", "--db", str(db), "--technique", "Loaded_Language", "--sort", "techniques"])
    assert table.exit_code == 0 and "telling lies" in table.output and "reporting" in table.output


def test_api_filters_errors_and_known_values(api: TestClient, work_db: tuple[Path, dict[str, int]]) -> None:
    ids = work_db[1]
    body = api.get("/api/articles", params={"lang": "ru"}).json()
    assert [i["id"] for i in body["items"]] == [ids["RIA"]] and body["items"][0]["language"] == "ru"
    assert body["items"][0]["spans"][0]["text"] == "грязную ложь"
    body = api.get("/api/articles", params={"until": "2021-01", "sort": "date"}).json()
    assert body["total"] == 1 and body["undated"] == 1
    for params, needle in [({"technique": "Bogus"}, "unknown technique 'Bogus'"),
                           ({"speaker": "Nobody"}, "no quote has the speaker"),
                           ({"frame": "Politcal"}, "did you mean 'Political'"), ({"sort": "size"}, "unknown sort")]:
        r = api.get("/api/articles", params=params)
        assert r.status_code == 422 and needle in r.json()["detail"], (params, r.text)
    known = api.get("/api/filters").json()
    assert known["lang"] == ["en", "ru"] and len(known["technique"]) == 23 and len(known["frame"]) == 14
    assert "Vladimir Putin" in known["speaker"]
    spec = api.get("/openapi.json").json()["paths"]["/api/articles"]["get"]["parameters"]
    assert {p["name"] for p in spec} >= set(Filters.names()) | {"limit", "offset"}


def test_search_page_filters_and_errors(api: TestClient, work_db: tuple[Path, dict[str, int]]) -> None:
    html = api.get("/search", params={"lang": "ru"}).text
    assert 'id="result-count">1 article' in html and 'lang="ru"' in html and "грязную ложь" in html
    assert '<option value="ru" selected>' in html
    r = api.get("/search", params={"technique": "Bogus"})
    assert r.status_code == 422 and "unknown technique" in r.text
    html = api.get("/search", params={"outlet": "(unknown)", "since": "2020"}).text
    assert 'id="result-count">0 articles' in html and "1 undated article left out" in html
    html = api.get("/search", params={"outlet": "(unknown)"}).text
    assert 'id="result-count">1 article' in html
