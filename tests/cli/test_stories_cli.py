"""`presswatch stories` and `presswatch compare` on a small store: one story told by three outlets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from storycorpus import HOSTILE_OUTLET, LOPEZ, build_story_store

from presswatch.cli import main


@pytest.fixture(scope="module")
def story_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("stories") / "stories.db"
    return path, build_story_store(path)


def _run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), env={"COLUMNS": "200"})
    return r.exit_code, r.stdout, r.stderr


def test_stories_table_and_json(story_db: tuple[Path, dict[str, int]]) -> None:
    path, ids = story_db
    code, out, _ = _run("stories", "--db", str(path))
    assert code == 0
    assert "1 stories told by 2 or more outlets" in out
    assert "Government approves plan to rebuild Northfield bridge" in out
    assert "Evening Post" in out and HOSTILE_OUTLET in out and "2024-05-07 – 2024-05-08" in out
    code, out, _ = _run("stories", "--db", str(path), "--format", "json", "--min-outlets", "3", "--limit", "5")
    data = json.loads(out)
    assert data["total"] == 1
    assert data["items"][0] | {"outlets": None} == {
        "id": ids["wire"], "size": 3, "outlets": None, "title": "Government approves plan to rebuild Northfield bridge",
        "first": "2024-05-07T09:00:00+00:00", "last": "2024-05-08T06:00:00+00:00",
        "ids": [ids["wire"], ids["post"], ids["evil"]]}
    assert json.loads(_run("stories", "--db", str(path), "--format", "json", "--min-outlets", "4")[1]) == {
        "total": 0, "items": []}


def test_compare_text(story_db: tuple[Path, dict[str, int]]) -> None:
    path, ids = story_db
    code, out, err = _run("compare", str(ids["evil"]), "--db", str(path))
    assert code == 0, err
    assert f"story {ids['wire']}: 3 articles from 3 outlets" in out
    assert f"Wire Daily (#{ids['wire']})" in out and f"Evening Post (#{ids['post']})" in out
    assert "[bold]loud[/bold] [/]" in out  # rich markup in a title is printed, not interpreted
    assert "quotes carried by several outlets" in out and LOPEZ[:60] in out
    assert "used by only some outlets" in out and "Exaggeration-Minimisation" in out
    assert "every outlet: techniques: Loaded_Language" in out
    assert "genres differ" in out


def test_compare_json_and_explicit_ids(story_db: tuple[Path, dict[str, int]]) -> None:
    path, ids = story_db
    code, out, _ = _run("compare", str(ids["post"]), "--db", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["id"] == ids["wire"] and data["size"] == 3
    assert [a["outlet"] for a in data["articles"]] == ["Wire Daily", "Evening Post", HOSTILE_OUTLET]
    assert data["shared_quotes"][0]["text"] == LOPEZ
    code, out, _ = _run("compare", f"{ids['other']},{ids['post']}", "--db", str(path), "--format", "json")
    data = json.loads(out)
    assert code == 0 and [a["id"] for a in data["articles"]] == [ids["post"], ids["other"]]
    assert data["shared_quotes"] == []


def test_compare_errors(story_db: tuple[Path, dict[str, int]], tmp_path: Path) -> None:
    path, ids = story_db
    code, _, err = _run("compare", "999", "--db", str(path))
    assert code == 2 and "error: no article with id 999" in err
    code, _, err = _run("compare", str(ids["other"]), "--db", str(path))
    assert code == 2 and f"article {ids['other']} shares its story with no other outlet" in err
    code, _, err = _run("compare", "1,x", "--db", str(path))
    assert code == 2 and "comma list of article ids" in err
    code, _, err = _run("compare", f"{ids['wire']},999", "--db", str(path))
    assert code == 2 and "no article with id 999" in err
    code, _, err = _run("stories", "--db", str(tmp_path / "missing.db"))
    assert code == 2 and "no store at" in err
