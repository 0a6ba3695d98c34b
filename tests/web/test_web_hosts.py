"""Host allowlist, Origin checks, redirects and error responses: nothing answers for another name, no error leaks."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webcorpus import TOKEN

from presswatch.web import create_app
from presswatch.web.hosts import allowed_names, split_host
from presswatch.web.security import CSP

BAD_HOSTS = ["evil.example", "127.0.0.1.nip.io", "", "127.0.0.1:1@evil.example", "localhost.evil.example",
             "127.0.0.1:99999", "[::1", "a b", "testserver"]


def _paths(app) -> list[str]:  # type: ignore[no-untyped-def]
    out = []
    routes = [r for top in app.routes for r in getattr(getattr(top, "original_router", None), "routes", [top])]
    for route in routes:
        path = getattr(route, "path", "")
        out.append(path.replace("{article_id}", "1").replace("{story_id}", "1").replace("{path}", "style.css")
                   .replace("{path:path}", "style.css"))
    return sorted(set(out))


@pytest.fixture(scope="module")
def strict(corpus_db: Path) -> TestClient:
    """An app with the default allowlist only (loopback names), addressed as 127.0.0.1."""
    return TestClient(create_app(corpus_db, allowed_hosts=()), base_url="http://127.0.0.1:8000",
                      raise_server_exceptions=False)


def test_split_host() -> None:
    assert split_host("LocalHost:8000") == ("localhost", 8000)
    assert split_host("[::1]:80") == ("::1", 80)
    assert split_host("127.0.0.1") == ("127.0.0.1", None)
    for bad in ("", "a@b", "h:0", "h:x", "[zz]", "a/b", "h:65536"):
        assert split_host(bad) is None, bad
    assert allowed_names((), "0.0.0.0") == allowed_names()
    assert "10.0.0.5" in allowed_names((), "10.0.0.5")


@pytest.mark.parametrize("host", BAD_HOSTS)
def test_unknown_hosts_get_400_on_every_route(strict: TestClient, host: str) -> None:
    paths = _paths(strict.app)
    assert len(paths) > 10 and "/api/articles" in paths
    for path in paths:
        for method in ("GET", "POST"):
            r = strict.request(method, path, headers={"host": host})
            assert r.status_code == 400, (method, path, host, r.status_code)
            assert r.headers["content-security-policy"] == CSP and r.headers["x-content-type-options"] == "nosniff"
            assert "evil" not in r.text


def test_loopback_names_are_served(strict: TestClient) -> None:
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost."):
        assert strict.get("/api/stats", headers={"host": host}).status_code == 200, host


def test_allow_host_and_subdomains(corpus_db: Path) -> None:
    c = TestClient(create_app(corpus_db, allowed_hosts=["news.example.org", ".corp.example"]),
                   base_url="http://news.example.org")
    assert c.get("/api/stats").status_code == 200
    assert c.get("/api/stats", headers={"host": "a.corp.example"}).status_code == 200
    assert c.get("/api/stats", headers={"host": "evilcorp.example"}).status_code == 400


def test_trailing_slash_redirect_stays_on_this_server(strict: TestClient) -> None:
    r = strict.get("/search/?q=x", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/search?q=x"
    r = strict.get("/search//", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/search"  # one leading slash: never "//host"
    r = strict.get("/nothing/", follow_redirects=False)
    assert r.status_code == 404 and "location" not in r.headers
    assert strict.get("/search/", headers={"host": "evil.example"}, follow_redirects=False).status_code == 400


def test_cross_origin_post_is_refused_even_with_the_token(tmp_path: Path) -> None:
    from presswatch.corpus.store import Store

    Store(tmp_path / "w.db").close()
    c = TestClient(create_app(tmp_path / "w.db", write_token=TOKEN, allowed_hosts=()), base_url="http://127.0.0.1:8000")
    auth = {"authorization": f"Bearer {TOKEN}"}
    for origin in ("http://evil.example", "http://127.0.0.1:3000", "https://127.0.0.1:8000", "http://localhost:8000/x"):
        r = c.post("/api/articles", json={"text": "A text."}, headers={**auth, "origin": origin})
        assert r.status_code == 403, origin
    r = c.post("/api/articles", json={"text": "A text."}, headers={**auth, "origin": "http://localhost:8000"})
    assert r.status_code == 201, r.text  # the same server under another loopback name


@pytest.mark.parametrize("path", ["/api/articles/18446744073709551616", "/articles/18446744073709551616",
                                  "/api/articles/-9223372036854775809", "/articles/0", "/api/nothing", "/nothing"])
def test_out_of_range_ids_and_unknown_paths_are_404_with_headers(strict: TestClient, path: str) -> None:
    r = strict.get(path)
    assert r.status_code == 404, (path, r.status_code, r.text)
    assert r.headers["content-security-policy"] == CSP and "frame-ancestors 'none'" in CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "Traceback" not in r.text and "sqlite" not in r.text.lower()


def test_every_error_status_carries_the_headers(strict: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.corpus.store import Store

    def broken(self, *a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("secret internal detail /var/db")

    monkeypatch.setattr(Store, "stats", broken)
    responses = [strict.get("/api/stats"), strict.get("/"),  # 500s, answered outside the middleware
                 strict.get("/api/articles?limit=0"), strict.post("/api/analyze", content=b"x" * 10,
                                                                   headers={"content-type": "text/csv"}),
                 strict.post("/api/articles", json={})]
    assert [r.status_code for r in responses] == [500, 500, 422, 415, 403]
    for r in responses:
        assert r.headers["content-security-policy"] == CSP, r.status_code
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
        assert "secret" not in r.text and "RuntimeError" not in r.text
