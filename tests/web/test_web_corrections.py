"""An analyst's corrections: stored with who and when, shown on the article, exported as SemEval label files."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webcorpus import TOKEN
from workcorpus import build_store

from presswatch.corpus import corrections as cr
from presswatch.corpus.store import Store
from presswatch.errors import InputError
from presswatch.evaluation.semeval import load_language
from presswatch.web import create_app


@pytest.fixture()
def work(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    path = tmp_path / "work.db"
    return path, build_store(path)


@pytest.fixture()
def writer(work: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    with TestClient(create_app(work[0], write_token=TOKEN)) as c:
        yield c


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the corrections form carries no CSRF token"
    return found.group(1)


def test_store_apply_and_latest(work: tuple[Path, dict[str, int]]) -> None:
    db, ids = work
    with Store(db) as store:
        a = store.get(ids["Sputnik"])
        assert a is not None
        t = a.techniques[1]  # "telling lies" as Loaded_Language
        c = cr.add(store, ids["Sputnik"], cr.Correction("technique", "false", t.technique, t.start, t.end, who="Ann"))
        assert c.id and c.time and c.who == "Ann"
        start = a.text.index("hush up the bombing")
        cr.add(store, ids["Sputnik"], cr.Correction("technique", "true", "Doubt", start, start + 19))
        cr.add(store, ids["Sputnik"], cr.Correction("genre", value="opinion"))
        cr.add(store, ids["Sputnik"], cr.Correction("genre", value="satire"))  # the last word counts
        q = a.quotes[0]
        cr.add(store, ids["Sputnik"], cr.Correction("speaker", start=q.start, end=q.end, value="V. Putin"))
        with pytest.raises(InputError, match="unknown technique"):
            cr.add(store, ids["Sputnik"], cr.Correction("technique", "false", "Bogus", 0, 3))
        with pytest.raises(InputError, match="not inside the text"):
            cr.add(store, ids["Sputnik"], cr.Correction("technique", "true", "Doubt", 5, 99999))
        fixes = cr.of_article(store.conn, ids["Sputnik"])
        assert len(fixes) == 5
        fixed = cr.apply(a, fixes)
        assert list(fixed.false) == [1] and fixed.article.techniques[fixed.added[0]].text == "hush up the bombing"
        assert fixed.article.genre.label == "satire" and fixed.article.quotes[0].speaker == "V. Putin"  # type: ignore
        assert cr.of_article(store.conn, ids["RIA"]) == []


def test_mark_false_in_the_page_then_see_it_after_reload(writer: TestClient, work: tuple[Path, dict[str, int]]
                                                         ) -> None:
    aid = work[1]["Sputnik"]
    html = writer.get(f"/articles/{aid}").text
    assert 'id="corrections-form"' in html and 'value="false:1"' in html
    form = {"csrf_token": _csrf(html), "write_token": TOKEN, "who": "Ann", "action": "false:1"}
    r = writer.post(f"/articles/{aid}/corrections", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/articles/{aid}#corrections"
    html = writer.get(f"/articles/{aid}").text
    assert 'id="false-t1"' in html and "Marked false by Ann" in html
    assert 'value="false:1"' not in html and 'value="false:0"' in html
    assert 'data-marks="t1' not in html and "t1" not in re.findall(r'data-marks="([^"]*)"', html)  # not highlighted
    bad = writer.post(f"/articles/{aid}/corrections", data={**form, "write_token": "wrong"})
    assert bad.status_code == 403
    no_csrf = writer.post(f"/articles/{aid}/corrections", data={**form, "csrf_token": "x"})
    assert no_csrf.status_code == 403
    text = writer.get(f"/api/articles/{aid}").json()["text"]
    start = text.index("hush up")
    form2 = {**form, "action": "add", "technique": "Doubt", "start": str(start), "end": str(start + 7)}
    assert writer.post(f"/articles/{aid}/corrections", data=form2, follow_redirects=False).status_code == 303
    assert len(writer.get(f"/api/articles/{aid}/corrections").json()) == 2


def test_api_corrections_need_the_token(writer: TestClient, work: tuple[Path, dict[str, int]]) -> None:
    aid = work[1]["RIA"]
    body = {"kind": "genre", "value": "reporting", "who": "Bo"}
    assert writer.post(f"/api/articles/{aid}/corrections", json=body).status_code == 401
    r = writer.post(f"/api/articles/{aid}/corrections", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201 and r.json()["who"] == "Bo" and r.json()["time"]
    r = writer.post(f"/api/articles/{aid}/corrections", json={"kind": "genre", "value": "poem"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 422 and "genre must be one of" in r.json()["detail"]
    assert "Genre corrected to <strong>reporting</strong> by Bo" in writer.get(f"/articles/{aid}").text


def test_read_only_server_shows_no_form(work: tuple[Path, dict[str, int]]) -> None:
    with TestClient(create_app(work[0])) as c:
        html = c.get(f"/articles/{work[1]['Sputnik']}").text
        assert "corrections-form" not in html and "Mark false" not in html


def test_corrections_export_as_semeval_labels(work: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    db, ids = work
    with Store(db) as store:
        a = store.get(ids["Sputnik"])
        assert a is not None
        t = a.techniques[3]  # Whataboutism on line 4
        cr.add(store, ids["Sputnik"], cr.Correction("technique", "false", t.technique, t.start, t.end))
        cr.add(store, ids["Sputnik"], cr.Correction("frame", "true", value="Morality"))
        hush = a.text.index("hush up")
        out = tmp_path / "labels"
        assert cr.write_semeval(store, out) == {"en": 1}
    shutil.copytree(out, tmp_path / "copy")
    (example,) = load_language(tmp_path / "copy", "en")
    assert example.id == f"corr{ids['Sputnik']}"
    assert example.paragraph_labels == {4: ["Loaded_Language", "Doubt"]}  # Whataboutism gone, the rest stands
    assert ("Loaded_Language", hush, hush + 7) in example.spans
    assert "Morality" in example.frames and "Security_and_defense" in example.frames


def test_saved_searches_from_the_page_and_the_api(writer: TestClient, work: tuple[Path, dict[str, int]]) -> None:
    html = writer.get("/search", params={"lang": "ru", "technique": "Loaded_Language"}).text
    assert 'id="save-search-form"' in html and 'name="f.lang" value="ru"' in html
    form = {"csrf_token": _csrf(html), "write_token": TOKEN, "name": "Russian loaded language", "f.lang": "ru",
            "f.technique": "Loaded_Language"}
    r = writer.post("/searches", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/search?lang=ru&technique=Loaded_Language"
    assert writer.post("/searches", data={**form, "write_token": "no"}).status_code == 403
    html = writer.get("/search").text
    assert '<a href="/search?lang=ru&amp;technique=Loaded_Language"' in html and "Russian loaded language" in html
    auth = {"Authorization": f"Bearer {TOKEN}"}
    bad = writer.post("/api/searches", json={"name": "x", "params": {"technique": "Bogus"}}, headers=auth)
    assert bad.status_code == 422 and "unknown technique" in bad.json()["detail"]
    ok = writer.post("/api/searches", json={"name": "dated", "params": {"since": "2021-02", "page": "3"}},
                     headers=auth)
    assert ok.status_code == 201 and ok.json()["url"] == "/search?since=2021-02"
    assert [s["name"] for s in writer.get("/api/searches").json()] == ["dated", "Russian loaded language"]
    with TestClient(create_app(work[0])) as reader:  # read-only: the list shows, the form does not
        html = reader.get("/search", params={"lang": "ru"}).text
        assert "Russian loaded language" in html and "save-search-form" not in html
