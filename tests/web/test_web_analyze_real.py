"""The analyse endpoints with the real pipeline on the example page (model-heavy: marked slow)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.slow


def test_api_analyze_json_and_upload_agree(client: TestClient, example_path: Path) -> None:
    text = example_path.read_text(encoding="utf-8")
    r = client.post("/api/analyze", json={"text": text, "format": "text"})
    assert r.status_code == 200, r.text
    data = r.json()
    assert "Russia coordinates its actions in Syria" in data["text"] and "Listen Live" not in data["text"]
    assert data["stages"][-3:] == ["techniques", "frames", "genre"]
    assert any(q["speaker"] and "Putin" in q["speaker"] for q in data["quotes"])
    for item in data["quotes"] + data["techniques"] + data["claims"]:
        assert data["text"][item["start"]:item["end"]] == item["text"]
    up = client.post("/api/analyze", files={"file": (example_path.name, example_path.read_bytes(), "text/plain")})
    assert up.status_code == 200
    assert up.json()["text"] == data["text"] and len(up.json()["quotes"]) == len(data["quotes"])
    assert client.get("/api/articles").json()["total"] == 3  # analysing never stores


def test_api_analyze_stage_subset(client: TestClient) -> None:
    r = client.post("/api/analyze", json={"text": "Putin said on Monday that Russia will win.\nAnother line.",
                                          "stages": ["entities"]})
    assert r.status_code == 200
    data = r.json()
    assert data["stages"] == ["linguistics", "entities"] and data["techniques"] == []
    assert any(e["name"].endswith("Putin") for e in data["entities"])
