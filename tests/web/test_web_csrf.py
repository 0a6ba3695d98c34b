"""CSRF: a page on another origin cannot make the server analyse or write; our form and API clients still can."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webcorpus import TOKEN, form_token

from presswatch.article import Article
from presswatch.web import create_app
from presswatch.web.deps import Analyzer

EVIL = "http://evil.example"


@pytest.fixture()
def fresh(corpus_db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    """A client of its own (own cookies) whose pipeline is a stub: these tests are about who may run it."""
    monkeypatch.setattr(Analyzer, "analyze", lambda self, data, **kw: Article(text=data.decode()))
    with TestClient(create_app(corpus_db)) as c:
        yield c


def test_form_needs_the_session_token(fresh: TestClient) -> None:
    assert fresh.post("/analyze", data={"text": "Some text."}).status_code == 403  # no token at all
    token = form_token(fresh)
    assert "presswatch_session" in fresh.cookies
    r = fresh.post("/analyze", data={"text": "Some text.", "csrf_token": token})
    assert r.status_code == 200 and "Some text." in r.text
    altered = token[:-1] + ("1" if token.endswith("0") else "0")
    assert fresh.post("/analyze", data={"text": "x", "csrf_token": altered}).status_code == 403
    fresh.cookies.clear()
    fresh.cookies.set("presswatch_session", "mine")
    assert fresh.post("/analyze", data={"text": "x", "csrf_token": token}).status_code == 403  # not this session's


def test_token_of_another_server_run_is_refused(fresh: TestClient, corpus_db: Path) -> None:
    token = form_token(fresh)
    with TestClient(create_app(corpus_db)) as other:
        other.cookies.update(fresh.cookies)
        r = other.post("/analyze", data={"text": "x", "csrf_token": token})
    assert r.status_code == 403 and "reload the page" in r.text


@pytest.mark.parametrize("headers", [{"origin": EVIL}, {"sec-fetch-site": "cross-site"},
                                     {"sec-fetch-site": "same-site", "origin": "http://testserver:3000"},
                                     {"referer": EVIL + "/page"}])
def test_cross_origin_posts_are_refused_even_with_a_token(fresh: TestClient, headers: dict[str, str]) -> None:
    token = form_token(fresh)
    r = fresh.post("/analyze", data={"text": "x", "csrf_token": token}, headers=headers)
    assert r.status_code == 403 and "cross-origin request refused" in r.text
    r = fresh.post("/api/analyze", json={"text": "x"}, headers=headers)
    assert r.status_code == 403 and "cross-origin" in r.json()["detail"]


def test_our_own_pages_and_api_clients_pass(fresh: TestClient) -> None:
    token = form_token(fresh)
    # a browser on our page: no Referer (our policy), so Origin is "null" or ours; Sec-Fetch-Site same-origin
    for headers in ({"origin": "null", "sec-fetch-site": "same-origin"}, {"origin": "http://testserver"}, {}):
        assert fresh.post("/analyze", data={"text": "x", "csrf_token": token}, headers=headers).status_code == 200
    assert fresh.post("/api/analyze", json={"text": "Hello."}).status_code == 200  # curl, requests: no Origin
    assert fresh.post("/api/analyze", json={"text": "x"}, headers={"origin": "null"}).status_code == 403
    assert fresh.get("/analyze", headers={"origin": EVIL, "sec-fetch-site": "cross-site"}).status_code == 200


def test_write_token_clients_pass_but_not_from_another_origin(tmp_path: Path) -> None:
    from presswatch.corpus.store import Store

    Store(tmp_path / "rw.db").close()
    with TestClient(create_app(tmp_path / "rw.db", write_token=TOKEN)) as c:
        body = Article(text="Sanctions were extended on Monday.").to_dict()
        auth = {"authorization": f"Bearer {TOKEN}"}
        r = c.post("/api/articles", json=body, headers={**auth, "origin": EVIL})
        assert r.status_code == 403 and "cross-origin" in r.json()["detail"]  # the Origin is checked with a token too
        assert c.post("/api/articles", json=body, headers={"origin": EVIL}).status_code == 403
        r = c.post("/api/articles", json=body, headers={**auth, "sec-fetch-site": "cross-site"})
        assert r.status_code == 201, r.text  # API clients with the token and no Origin are no forgery
