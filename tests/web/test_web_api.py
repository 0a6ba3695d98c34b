"""JSON API: every endpoint, its errors, the write token, body limits and security headers."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from webcorpus import HOSTILE, TOKEN, XSS_IMG, XSS_SCRIPT, corpus_articles

from presswatch.web.security import CSP


def test_list_articles_newest_first(client: TestClient) -> None:
    r = client.get("/api/articles")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 3 and body["limit"] == 20 and body["offset"] == 0
    assert [i["published"][:10] for i in body["items"]] == ["2021-02-20", "2021-02-03", "2021-01-17"]


def test_search_snippet_offsets(client: TestClient) -> None:
    body = client.get("/api/articles", params={"q": "lies"}).json()
    assert body["total"] == 1
    item = body["items"][0]
    assert item["outlet"] == "Sputnik"
    assert "\x02" not in item["snippet"] and "\x03" not in item["snippet"]
    assert [item["snippet"][s:e].lower() for s, e in item["matches"]] == ["lies"]


@pytest.mark.parametrize(("params", "outlets"), [
    ({"outlet": "sputnik"}, {"Sputnik"}),
    ({"technique": "Loaded_Language"}, {"Sputnik", f"Evil {XSS_IMG}"}),
    ({"speaker": "Vladimir Putin"}, {"Sputnik"}),
    ({"entity": "Putin"}, {"Sputnik"}),  # an alias finds the entity
    ({"since": "2021-02"}, {"Example Daily", f"Evil {XSS_IMG}"}),
    ({"until": "2021-01"}, {"Sputnik"}),
    ({"since": "2021-02-04", "until": "2021-02-28T23:00:00+00:00"}, {"Example Daily"}),
    ({"q": "sanctions", "technique": "Exaggeration-Minimisation"}, {"Example Daily"}),
    ({"q": "sanctions", "outlet": "Sputnik"}, set()),
    ({"voice": "author"}, {"Sputnik", f"Evil {XSS_IMG}"}),  # Example Daily's voices are unknown
    ({"voice": "QUOTED"}, {"Sputnik"}),
    ({"voice": "reported"}, set()),
    ({"voice": "author", "technique": "Loaded_Language"}, {"Sputnik", f"Evil {XSS_IMG}"}),
    ({"voice": "quoted", "technique": "Name_Calling-Labeling"}, {"Sputnik"}),
    ({"voice": "author", "technique": "Name_Calling-Labeling"}, set()),  # only inside Putin's quote
    ({"q": "lies", "voice": "quoted", "technique": "loaded_language"}, {"Sputnik"}),
])
def test_filters(client: TestClient, params: dict[str, str], outlets: set[str]) -> None:
    body = client.get("/api/articles", params=params).json()
    assert {i["outlet"] for i in body["items"]} == outlets
    assert body["total"] == len(outlets)


def test_paging(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 2}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == second["total"] == 3
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


@pytest.mark.parametrize(("params", "needle"), [
    ({"limit": 0}, "limit"), ({"limit": 1000}, "limit"), ({"limit": "ten"}, "limit"), ({"offset": -1}, "offset"),
    ({"since": "someday"}, "since: 'someday' is not a date"), ({"until": "2021-02-30"}, "until"),
    ({"since": "2021-13"}, "since"),
    ({"voice": "editor"}, "voice must be one of author, quoted, reported"),
])
def test_validation_errors_are_422_with_message(client: TestClient, params: dict[str, object], needle: str) -> None:
    r = client.get("/api/articles", params=params)
    assert r.status_code == 422
    assert isinstance(r.json()["detail"], str) and needle in r.json()["detail"]


def test_bad_fts_query_is_400(client: TestClient) -> None:
    r = client.get("/api/articles", params={"q": '"unterminated'})
    assert r.status_code == 400
    assert "query" in r.json()["detail"]


def test_get_article_roundtrip_and_404(client: TestClient, ids: dict[str, int]) -> None:
    r = client.get(f"/api/articles/{ids['Sputnik']}")
    assert r.status_code == 200
    data = r.json()
    assert data["metadata"]["outlet"] == "Sputnik"
    assert [t["technique"] for t in data["techniques"]][:2] == ["Name_Calling-Labeling", "Loaded_Language"]
    for t in data["techniques"] + data["quotes"] + data["claims"]:
        assert data["text"][t["start"]:t["end"]] == t["text"]
    assert client.get("/api/articles/999999").status_code == 404
    assert client.get("/api/articles/not-a-number").status_code == 422


def test_hostile_article_json_keeps_text_verbatim(client: TestClient, ids: dict[str, int]) -> None:
    r = client.get(f"/api/articles/{ids['Evil']}")
    assert r.headers["content-type"].startswith("application/json")
    data = r.json()
    assert data["text"] == HOSTILE
    assert XSS_SCRIPT in data["metadata"]["title"]


def test_aggregates(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 3 and stats["techniques"]["Loaded_Language"] == 3
    by_outlet = client.get("/api/aggregates/techniques-by-outlet").json()
    assert {"outlet": "Sputnik", "technique": "Loaded_Language", "count": 2} in by_outlet
    over_time = client.get("/api/aggregates/techniques-over-time").json()
    assert {r["period"] for r in over_time} == {"2021-01", "2021-02"}
    only = client.get("/api/aggregates/techniques-over-time", params={"outlet": "Example Daily"}).json()
    assert {r["technique"] for r in only} == {"Exaggeration-Minimisation", "Appeal_to_Fear-Prejudice"}
    speakers = client.get("/api/aggregates/top-speakers", params={"limit": 1}).json()
    assert speakers == [{"speaker": "Vladimir Putin", "quotes": 2}]
    about = client.get("/api/aggregates/quoted-about").json()
    assert {"speaker": "Vladimir Putin", "entity": "Syria", "count": 1} in about
    assert client.get("/api/aggregates/top-speakers", params={"limit": 0}).status_code == 422


def test_techniques_by_voice(client: TestClient) -> None:
    rows = client.get("/api/aggregates/techniques-by-voice").json()
    assert rows == [
        {"outlet": "Sputnik", "author": 2, "quoted": 2, "reported": 0, "unknown": 0, "spans": 4, "author_share": 0.5},
        {"outlet": f"Evil {XSS_IMG}", "author": 2, "quoted": 0, "reported": 0, "unknown": 0, "spans": 2,
         "author_share": 1.0},
        {"outlet": "Example Daily", "author": 0, "quoted": 0, "reported": 0, "unknown": 2, "spans": 2,
         "author_share": None},
    ]  # most spans first, then by name


def test_openapi_lists_endpoints(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/analyze", "/api/stats",
                 "/api/aggregates/techniques-by-outlet", "/api/aggregates/techniques-over-time",
                 "/api/aggregates/top-speakers", "/api/aggregates/quoted-about", "/api/aggregates/techniques-by-voice"):
        assert path in spec["paths"], path
    voice = spec["paths"]["/api/aggregates/techniques-by-voice"]["get"]
    assert "own words" in voice["description"]
    assert any(p["name"] == "voice" for p in spec["paths"]["/api/articles"]["get"]["parameters"])
    assert "multipart/form-data" in spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    assert "swagger" not in client.get("/docs").text.lower()  # our own page (Swagger UI would load from a CDN)


@pytest.mark.parametrize("path", ["/", "/search?q=lies", "/api/articles", "/api/articles/999999", "/openapi.json",
                                  "/static/style.css", "/nowhere"])
def test_security_headers_everywhere(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "   \n\t  "}, {"text": "\x00\x01\x02\x03" * 200}])
def test_analyze_input_errors_are_422(client: TestClient, body: dict[str, str]) -> None:
    r = client.post("/api/analyze", json=body)
    assert r.status_code == 422
    assert r.json()["detail"]


def test_analyze_binary_upload_is_422(client: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    r = client.post("/api/analyze", files={"file": ("x.png", png, "image/png")})
    assert r.status_code == 422 and r.json()["detail"]


def test_analyze_bad_requests(client: TestClient) -> None:
    assert client.post("/api/analyze", json={"txt": "hello"}).status_code == 422
    r = client.post("/api/analyze", json={"text": "Hello world.", "format": "pdf"})
    assert r.status_code == 422 and "format" in r.json()["detail"]
    r = client.post("/api/analyze", json={"text": "Hello world.", "stages": ["telepathy"]})
    assert r.status_code == 422 and "telepathy" in r.json()["detail"]
    r = client.post("/api/analyze", content=b"not json", headers={"content-type": "application/json"})
    assert r.status_code == 422
    assert client.post("/api/analyze", content=b"x", headers={"content-type": "text/csv"}).status_code == 415
    r = client.post("/api/analyze", files={"other": ("a.txt", b"Hello", "text/plain")})
    assert r.status_code == 422 and "file" in r.json()["detail"]


def test_oversized_upload_is_413(client: TestClient) -> None:
    big = b"word " * (1_100_000)  # 5.5 MB > the 5 MB default
    r = client.post("/api/analyze", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    assert r.headers["content-security-policy"] == CSP
    r = client.post("/analyze", data={"text": "x" * (5 * 1024 * 1024 + 10)})
    assert r.status_code == 413


def test_oversized_streamed_body_without_length_is_413(write_client: TestClient) -> None:
    def chunks():  # no Content-Length: chunked transfer, caught while streaming
        for _ in range(50):
            yield b"a" * 10_000

    r = write_client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_write_endpoint_needs_configured_token(client: TestClient) -> None:
    article = corpus_articles()[2].to_dict()
    r = client.post("/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 403


def test_write_endpoint_auth_and_store(write_client: TestClient) -> None:
    article = corpus_articles()[0].to_dict()
    assert write_client.post("/api/articles", json=article).status_code == 401
    r = write_client.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 403
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = write_client.post("/api/articles", json=article, headers=auth)
    assert r.status_code == 201
    new = r.json()
    stored = write_client.get(new["url"]).json()
    assert stored["text"] == article["text"] and len(stored["techniques"]) == len(article["techniques"])
    assert write_client.get("/api/articles").json()["total"] == 1
    assert write_client.post("/api/articles", json=article, headers=auth).status_code == 409


def test_write_endpoint_rejects_bad_articles(write_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert write_client.post("/api/articles", content=b"{", headers=auth).status_code == 422
    assert write_client.post("/api/articles", json=["x"], headers=auth).status_code == 422
    bad = corpus_articles()[1].to_dict()
    bad["techniques"][0]["end"] += 3  # span no longer matches its text
    r = write_client.post("/api/articles", json=bad, headers=auth)
    assert r.status_code == 422 and "techniques[0]" in r.json()["detail"]
    assert write_client.get("/api/articles").json()["total"] == 0


def test_readonly_server_never_writes(corpus_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from presswatch.web import create_app

    missing = tmp_path / "missing.db"
    with TestClient(create_app(missing), raise_server_exceptions=False) as c:
        assert c.get("/api/articles").status_code == 500
    assert not missing.exists()
    before = corpus_db.stat().st_mtime_ns
    with TestClient(create_app(corpus_db)) as c:
        assert c.get("/api/stats").status_code == 200
    assert corpus_db.stat().st_mtime_ns == before


def test_article_json_is_json(client: TestClient, ids: dict[str, int]) -> None:
    raw = client.get(f"/api/articles/{ids['Evil']}").content
    assert json.loads(raw)["quotes"][0]["speaker"] == f"John {XSS_SCRIPT}"


def test_write_endpoint_can_analyze_first(write_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.web.deps import Analyzer

    def fake(self: Analyzer, data: bytes, **_: object) -> object:
        return corpus_articles()[2]

    monkeypatch.setattr(Analyzer, "analyze", fake)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert write_client.post("/api/articles?analyze=true", json={"text": "x"}).status_code == 401
    r = write_client.post("/api/articles?analyze=true", json={"text": "Sanctions..."}, headers=auth)
    assert r.status_code == 201
    assert write_client.get(r.json()["url"]).json()["metadata"]["title"] == "Sanctions hit the economy"
    r = write_client.post("/api/articles?analyze=true", json={"text": ""}, headers=auth)
    assert r.status_code == 409  # the fake returns the same article again
