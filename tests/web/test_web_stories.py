"""Stories over HTTP: GET /api/stories, /api/stories/{id} and the /stories pages, hostile data escaped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from storycorpus import HOSTILE_OUTLET, HOSTILE_QUOTE, HOSTILE_SPEAKER, LOPEZ, build_story_store
from webcorpus import XSS_IMG, XSS_SCRIPT

from presswatch.web import create_app

ESC_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESC_IMG = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("webstories") / "stories.db"
    return path, build_story_store(path)


@pytest.fixture(scope="module")
def sids(story_db: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return story_db[1]


@pytest.fixture(scope="module")
def client(story_db: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    with TestClient(create_app(story_db[0])) as c:
        yield c


def _no_raw_markup(html: str) -> None:
    assert XSS_SCRIPT not in html and XSS_IMG not in html and "<img" not in html
    assert not re.search(r"<script(?![^>]*src=\"/static/app\.js\")", html)


def test_api_story_list(client: TestClient, sids: dict[str, int]) -> None:
    r = client.get("/api/stories")
    assert r.status_code == 200
    data = r.json()
    assert (data["total"], data["limit"], data["offset"]) == (1, 20, 0)
    (item,) = data["items"]
    assert item["id"] == sids["wire"] and item["size"] == 3
    assert item["ids"] == [sids["wire"], sids["post"], sids["evil"]]
    assert item["outlets"] == sorted(["Wire Daily", "Evening Post", HOSTILE_OUTLET])
    assert item["title"] == "Government approves plan to rebuild Northfield bridge"
    assert client.get("/api/stories?min_outlets=4").json()["items"] == []
    assert client.get("/api/stories?threshold=0.95").json()["total"] == 0


def test_api_story_detail(client: TestClient, sids: dict[str, int]) -> None:
    data = client.get(f"/api/stories/{sids['evil']}").json()  # any article id finds the story
    assert data == client.get(f"/api/stories/{sids['wire']}").json()
    assert data["id"] == sids["wire"] and data["size"] == 3
    assert [a["outlet"] for a in data["articles"]] == ["Wire Daily", "Evening Post", HOSTILE_OUTLET]
    assert data["articles"][0]["families"] == {"Manipulative wording": 3}
    assert [q["text"] for q in data["shared_quotes"]] == [LOPEZ, f"{HOSTILE_QUOTE}, as usual"]
    assert data["shared_quotes"][1]["speaker"] == HOSTILE_SPEAKER  # JSON carries data as it is
    assert data["techniques"]["shared"] == ["Loaded_Language"]
    assert {d["name"] for d in data["frames"]["partial"]} == {"Economic", "Political", f"Morality{XSS_IMG}"}


@pytest.mark.parametrize(("path", "status", "detail"), [
    ("/api/stories/999", 404, "no article with id 999"),
    ("/api/stories/4", 404, "shares its story with no other outlet"),
    ("/api/stories/abc", 422, "story_id"),
    ("/api/stories?limit=0", 422, "limit"),
    ("/api/stories?min_outlets=0", 422, "min_outlets"),
    ("/api/stories/1?threshold=2", 422, "threshold"),
])
def test_api_errors_are_problems(client: TestClient, path: str, status: int, detail: str) -> None:
    r = client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/json"
    assert list(r.json()) == ["detail"] and detail in r.json()["detail"]


def test_openapi_documents_the_story_routes(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/api/stories" in spec["paths"] and "/api/stories/{story_id}" in spec["paths"]
    responses = spec["paths"]["/api/stories/{story_id}"]["get"]["responses"]
    assert responses["404"]["content"]["application/json"]["schema"]["$ref"].endswith("/Problem")
    assert "/stories" not in spec["paths"]  # pages stay out of the API description


def test_story_list_page(client: TestClient, sids: dict[str, int]) -> None:
    r = client.get("/stories")
    assert r.status_code == 200
    html = r.text
    _no_raw_markup(html)
    assert '<a href="/stories" aria-current="page">Stories</a>' in html
    assert f'<a href="/stories/{sids["wire"]}">Government approves plan to rebuild Northfield bridge</a>' in html
    assert f'<span class="pill">Evil {ESC_IMG}</span>' in html
    assert 'id="story-count">1 story' in html
    assert "No story is told by 4 or more outlets" in client.get("/stories?min_outlets=4").text
    assert client.get("/stories?page=0").status_code == 422
    assert '<a href="/stories">Stories</a>' in client.get("/").text  # nav link on every page


def test_story_page(client: TestClient, sids: dict[str, int]) -> None:
    r = client.get(f"/stories/{sids['post']}")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    html = r.text
    _no_raw_markup(html)
    assert 'style="' not in html  # the CSP allows no inline styles
    assert 'aria-labelledby="chart-story-title chart-story-desc"' in html  # the family chart
    assert html.count('<rect class="bar"') == 1 + 2 + 3  # family segments of each article
    for key in ("wire", "post", "evil"):  # one column per article, linked to its view
        assert f'<h2 class="story-col-title" id="col-{sids[key]}"><a href="/articles/{sids[key]}">' in html
    assert f"Bridge scandal {ESC_SCRIPT} {ESC_IMG} [bold]loud[/bold] [/]</a></h2>" in html
    # shared quotes: listed once at the top, highlighted in each column (3 + 2 marks)
    assert html.count('<li class="ann shared-quote" id="shared-') == 2
    assert html.count('<mark class="quote-shared">') == 2 + 3 + 2
    assert f'<mark class="quote-shared">{LOPEZ}</mark>' in html
    assert f'<strong class="ann-name">Ann {ESC_SCRIPT}</strong>' in html
    assert '<a href="#shared-0">also in Evening Post, Evil ' + ESC_IMG + "</a>" in html
    # what only some outlets do: marked in the columns and listed
    assert '<li class="only-some" title="Not in Evening Post, Evil ' + ESC_IMG + '">Exaggeration-Minimisation' in html
    assert "<td>Technique</td><td>Doubt</td><td>Evening Post</td>" in html
    assert f"<td>Frame</td><td>Morality{ESC_IMG}</td>" in html
    assert "Every outlet · technique: Loaded Language" in html
    assert 'class="pill pill-warn">genres differ' in html
    assert f'<a class="json-link" href="/api/stories/{sids["wire"]}">JSON</a>' in html


def test_story_page_errors_are_html(client: TestClient, sids: dict[str, int]) -> None:
    for path, status in ((f"/stories/{sids['other']}", 404), ("/stories/999", 404), ("/stories/x", 422)):
        r = client.get(path)
        assert r.status_code == status, path
        assert r.headers["content-type"].startswith("text/html")


def test_article_page_links_to_its_story(client: TestClient, sids: dict[str, int]) -> None:
    html = client.get(f"/articles/{sids['post']}").text
    assert f'href="/stories/{sids["wire"]}"' in html and "Compare the 3 articles side by side" in html
    _no_raw_markup(html)  # the hostile outlet's name is listed, escaped
    alone = next(v for k, v in sids.items() if k not in {"wire", "post", "evil"})
    assert "Same story, other outlets" not in client.get(f"/articles/{alone}").text
