"""One validation of Article JSON on the way in (422 naming the field), and pages that render whatever is stored."""

from __future__ import annotations

import copy
import json
import sqlite3
import zlib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from webcorpus import TOKEN, corpus_articles

from presswatch.corpus.store import Store
from presswatch.validate import InvalidArticleError, article_from_dict, problems


@pytest.fixture(scope="module")
def good() -> dict[str, Any]:
    article = next(a for a in corpus_articles() if a.techniques and a.quotes and a.claims and a.entities and a.frames)
    return article.to_dict()


def _confuse(doc: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    bad = copy.deepcopy(doc)
    *head, last = path.split(".")
    node: Any = bad
    for part in head:
        node = node[int(part)] if part.isdigit() else node[part]
    node[int(last) if last.isdigit() else last] = value
    return bad


CONFUSED = [("techniques.0.score", "high", "techniques[0].score"), ("claims.0.score", None, "claims[0].score"),
            ("quotes.0.kind", None, "quotes[0].kind"), ("frames.0.label", 7, "frames[0].label"),
            ("entities.0.mentions", None, "entities[0].mentions"), ("metadata.tags", "a,b", "metadata.tags"),
            ("techniques.0.start", -5, "techniques[0]"), ("quotes.0.end", 10**9, "quotes[0]"),
            ("genre", "opinion", "genre"), ("text", 5, "text")]


@pytest.mark.parametrize(("path", "value", "named"), CONFUSED)
def test_type_confused_articles_get_422_naming_the_field(write_client: TestClient, good: dict[str, Any],
                                                         path: str, value: Any, named: str) -> None:
    auth = {"authorization": f"Bearer {TOKEN}"}
    r = write_client.post("/api/articles", json=_confuse(good, path, value), headers=auth)
    assert r.status_code == 422, r.text
    assert named in r.json()["detail"]
    assert write_client.get("/api/stats").json()["articles"] == 0  # the store is unchanged
    assert write_client.post("/api/articles", json=good, headers=auth).status_code == 201  # the good one goes in


def test_the_store_itself_refuses_unvalidated_articles(tmp_path: Path, good: dict[str, Any]) -> None:
    article = article_from_dict(good)
    article.techniques[0].score = "high"  # type: ignore[assignment]
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(InvalidArticleError, match=r"techniques\[0\]\.score"):
            store.add(article)
        assert store.count() == 0


def test_problems_names_paths(good: dict[str, Any]) -> None:
    assert problems(good) == []
    assert problems([1]) and problems({"text": "x", "metadata": {"title": 3}})[0].startswith("metadata.title")
    assert problems({"text": "abc"}) == []  # older documents without later fields are fine


def _older_rows(db: Path, good: dict[str, Any]) -> list[int]:
    """Rows as an older or buggy version might have written them, bypassing today's validation: one per variant."""
    variants = [_confuse(good, p, v) for p, v, _ in CONFUSED if p != "text"]
    variants += [{"metadata": "nope", "techniques": [{"technique": "Doubt"}], "stages": None},
                 {"quotes": [{"text": 1, "start": "a"}], "entities": [{"name": None, "mentions": [1, 2]}],
                  "paragraph_techniques": ["x", {"paragraph": "1"}], "frames": {"a": 1}, "genre": {"label": "x"}},
                 {}, None]
    ids = []
    with Store(db) as store:
        for i in range(len(variants)):
            copy_ = article_from_dict({**good, "text": good["text"] + f"\nVariant {i}."})
            copy_.metadata.content_hash = None
            ids.append(store.add(copy_))
    conn = sqlite3.connect(db)
    for aid, doc in zip(ids, variants, strict=True):
        blob = b"not zlib at all" if doc is None else zlib.compress(
            json.dumps({k: v for k, v in doc.items() if k != "text"}).encode())
        conn.execute("UPDATE documents SET json = ? WHERE id = ?", (blob, aid))
    conn.execute("UPDATE techniques SET score = 'high', paragraph = 'x'")
    conn.execute("UPDATE quotes SET kind = NULL, speaker = 42")
    conn.commit()
    conn.close()
    return ids


def test_every_page_renders_rows_of_older_versions(tmp_path: Path, good: dict[str, Any]) -> None:
    from presswatch.web import create_app

    db = tmp_path / "old.db"
    ids = _older_rows(db, good)
    client = TestClient(create_app(db), raise_server_exceptions=False)
    paths = ["/", "/search", "/search?q=Putin", "/stories", "/api/articles", "/api/articles?q=sanctions",
             "/api/stats", "/api/aggregates/techniques-by-outlet", "/api/aggregates/techniques-by-voice",
             "/api/aggregates/techniques-over-time", "/api/aggregates/top-speakers", "/api/aggregates/quoted-about",
             "/api/stories"]
    paths += [p for i in ids for p in (f"/articles/{i}", f"/api/articles/{i}")]
    for path in paths:
        r = client.get(path)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])


def test_the_published_json_schema_rejects_the_same_documents(good: dict[str, Any]) -> None:
    from jsonschema import Draft202012Validator

    from presswatch.schema import article_schema

    schema = article_schema()
    schema["required"] = ["text"]
    validator = Draft202012Validator(schema)
    assert not list(validator.iter_errors(good))
    for path, value, _ in CONFUSED:
        if path.endswith(("start", "end")):
            continue  # offsets past the text are the spine's invariant, checked beside the schema
        assert list(validator.iter_errors(_confuse(good, path, value))), path
