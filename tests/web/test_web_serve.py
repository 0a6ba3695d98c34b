"""`presswatch serve` and the app's one shared Pipeline."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from presswatch import config
from presswatch.article import Article
from presswatch.cli import main
from presswatch.corpus.store import Store
from presswatch.web import create_app


@pytest.fixture()
def captured(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Replaces uvicorn.run so the command returns at once; records what it would serve."""
    import uvicorn

    seen: dict[str, Any] = {}

    def fake_run(app: Any, **kwargs: Any) -> None:
        seen.update(kwargs, app=app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return seen


def test_serve_defaults_to_loopback_and_readonly(corpus_db: Path, captured: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(corpus_db)], env={"PRESSWATCH_WRITE_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert captured["host"] == "127.0.0.1" and captured["port"] == 8000
    cfg = captured["app"].state.settings
    assert cfg.readonly and cfg.write_token is None and cfg.max_upload_bytes == 5 * 1024 * 1024
    assert "read-only" in result.output


def test_serve_write_token_from_env_creates_db(tmp_path: Path, captured: dict[str, Any]) -> None:
    db = tmp_path / "new.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(db), "--port", "9123", "--host", "0.0.0.0"],
                                env={"PRESSWATCH_WRITE_TOKEN": "tok"})
    assert result.exit_code == 0, result.output
    assert db.exists() and captured["port"] == 9123
    assert captured["app"].state.settings.write_token == "tok"
    assert "warning" in result.output  # non-loopback bind is called out


def test_serve_missing_db_readonly_fails(tmp_path: Path, captured: dict[str, Any]) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "nope.db")], env={"PRESSWATCH_WRITE_TOKEN": ""})
    assert result.exit_code != 0 and "does not exist" in result.output
    assert not captured


def test_one_pipeline_per_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from presswatch.pipeline import Pipeline
    from presswatch.web.analysis import analyze_in_worker

    pipelines: list[Any] = []

    def fake_run(self: Any, raw: Any, *_: Any, **__: Any) -> Article:  # the analyser's one door: Pipeline.run
        pipelines.append(self)
        return Article(text=raw.data.decode())

    monkeypatch.setattr(Pipeline, "run", fake_run)
    monkeypatch.setattr(config, "SETTINGS", config.SETTINGS)  # the worker sets the caps it is given: undo it here
    for text in ("one", "two"):
        assert analyze_in_worker(text.encode(), "<text>", None, None, 120.0, 0.0).text == text
    analyze_in_worker(b"three", "<text>", None, ("linguistics",), 120.0, 0.0)
    assert pipelines[0] is pipelines[1]
    assert pipelines[2] is not pipelines[0] and pipelines[2].stages == ["linguistics"]


def test_empty_store_dashboard(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    Store(db).close()
    with TestClient(create_app(db)) as c:
        html = c.get("/").text
        assert "No data yet." in html and "The corpus is empty" in html
        assert c.get("/search").status_code == 200
        assert c.get("/api/articles").json() == {"total": 0, "undated": None, "items": [], "limit": 20,
                                                  "offset": 0}
