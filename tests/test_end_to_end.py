"""Issue #2's acceptance on the example Sputnik page, through the public API and the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import presswatch
from presswatch.article import Article
from presswatch.schema import article_schema

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def article(example_path: Path) -> Article:
    return presswatch.analyze(example_path, stages=["linguistics", "entities", "quotes", "claims"])


def _spans(a: Article) -> list:
    items = [*a.quotes, *a.claims, *a.techniques, *a.mentions]
    items += [m for e in a.entities for m in e.mentions]
    return items


def test_metadata(article: Article) -> None:
    m = article.metadata
    assert m.page_time is not None and m.page_time.startswith("2021-01-17T16:49")
    assert m.page_time.endswith(("+00:00", "Z"))
    assert (m.dateline.place, m.dateline.agency) == ("MOSCOW", "Sputnik")
    assert m.outlet == "Sputnik"
    assert m.tags == ["airstrike", "Vladimir Putin", "Syria", "Russia"]
    assert len(m.related) == 3


def test_text_has_body_and_no_chrome(article: Article, example_path: Path) -> None:
    for chrome in ("Listen Live", "Get short URL", "GMT17 January", "Community standards",
                   "Rebel Militants Repelled", "Hmeimim Airbase", "airstrike, Vladimir Putin"):
        assert chrome not in article.text
    raw_lines = [ln.strip() for ln in example_path.read_text(encoding="utf-8").splitlines()]
    body = [ln for ln in raw_lines if len(ln) > 100]  # every line this long is article prose
    assert len(body) == 14
    for para in body:
        assert para[-80:] in article.text


def test_offsets_slice_right(article: Article) -> None:
    for item in _spans(article):
        assert article.text[item.start:item.end] == item.text


def test_putin_quotes_and_haddad(article: Article) -> None:
    direct = [q for q in article.quotes if q.kind == "direct" and q.speaker == "Vladimir Putin"]
    assert len(direct) >= 4
    haddad = [q for q in article.quotes if q.speaker and "Haddad" in q.speaker and q.kind == "reported"]
    assert haddad and "strikes were being carried out" in haddad[0].text


def test_entities_merge_aliases(article: Article) -> None:
    by_alias = {alias.lower(): e for e in article.entities for alias in [e.name, *e.aliases]}
    isis = by_alias["daesh"]
    assert by_alias["isil"] is isis and by_alias["islamic state"] is isis
    putin = next(e for e in article.entities if e.name == "Vladimir Putin")
    texts = {m.text for m in putin.mentions}
    assert {"Putin", "Vladimir Putin"} <= texts
    assert any("leader" in t for t in texts)
    assert len(putin.mentions) >= 10


def test_claims(article: Article) -> None:
    assert len(article.claims) >= 3
    un = [c for c in article.claims if "four million" in c.text]
    assert un and un[0].source == "United Nations"


def test_json_validates_against_published_schema(article: Article) -> None:
    data = json.loads(article.to_json())
    jsonschema.validate(data, article_schema())
    published = json.loads((Path(__file__).parents[1] / "docs" / "article.schema.json").read_text())
    assert published == article_schema(), "stale: run presswatch schema > docs/article.schema.json"


def _cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "presswatch", *args], input=stdin, capture_output=True, timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def test_cli_json_and_text(example_path: Path) -> None:
    out = _cli("analyze", str(example_path), "--format", "json", "--stages", "quotes")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["metadata"]["outlet"] == "Sputnik" and data["quotes"]
    text = _cli("analyze", "-", "--stages", "clean", stdin=example_path.read_bytes())
    assert text.returncode == 0 and "Sputnik" in text.stdout


@pytest.mark.parametrize(
    "content", [b"", b"\x00\x01\x02\x03\xff\xfe" * 200, b"   \n\n  "], ids=["empty", "binary", "blank"]
)
def test_cli_bad_input_is_one_clear_line(tmp_path: Path, content: bytes) -> None:
    bad = tmp_path / "bad-input.txt"
    bad.write_bytes(content)
    out = _cli("analyze", str(bad))
    assert out.returncode != 0
    assert "bad-input.txt" in out.stderr and "Traceback" not in out.stderr
    assert out.stderr.startswith("error:")


def test_cli_missing_file(tmp_path: Path) -> None:
    out = _cli("analyze", str(tmp_path / "nope.txt"))
    assert out.returncode != 0 and "nope.txt" in out.stderr and "Traceback" not in out.stderr
