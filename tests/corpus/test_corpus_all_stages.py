"""Ingest with every stage on a handful of real articles: every annotation lands in its table and filters work."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from presswatch.cli import main
from presswatch.corpus.store import Store
from presswatch.pipeline import ALL_STAGES


@pytest.mark.slow
def test_all_stages(tmp_path: Path, en_articles: list[Path], example_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in [example_path, *en_articles[:3]]:
        shutil.copy(p, src / p.name)
    db = tmp_path / "c.db"
    res = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db)])  # default: all stages
    assert res.exit_code == 0, res.output
    with Store(db, readonly=True) as store:
        assert store.count() == 4
        q = lambda sql, *a: store.conn.execute(sql, a).fetchone()[0]  # noqa: E731
        for aid in store.ids():
            a = store.get(aid)
            assert tuple(a.stages) == ALL_STAGES
            assert q("SELECT count(*) FROM quotes WHERE article_id = ?", aid) == len(a.quotes)
            assert q("SELECT count(*) FROM entities WHERE article_id = ?", aid) == len(a.entities)
            assert q("SELECT count(*) FROM claims WHERE article_id = ?", aid) == len(a.claims)
            assert q("SELECT count(*) FROM techniques WHERE article_id = ? AND level = 'span'", aid) == len(
                a.techniques)
            assert q("SELECT count(*) FROM frames WHERE article_id = ?", aid) == len({f.label for f in a.frames})
            assert q("SELECT genre FROM articles WHERE id = ?", aid) == (a.genre.label if a.genre else None)
            for quote in a.quotes:
                assert a.text[quote.start : quote.end] == quote.text
        example = store.search("Putin Bild").hits[0]
        putin = store.get(example.id)
        assert putin.metadata.outlet == "Sputnik" and putin.quotes and putin.entities
        speaker = next(qt.speaker for qt in putin.quotes if qt.speaker)
        assert any(s["speaker"] == speaker for s in store.top_speakers(50))
        assert example.id in [h.id for h in store.search(None, speaker=speaker).hits]
        assert example.id in [h.id for h in store.search("Syria", entity=putin.entities[0].name).hits]
        stats = store.stats()
        assert stats["quotes"] == sum(len(store.get(i).quotes) for i in store.ids())
        if putin.techniques:
            t = putin.techniques[0].technique
            assert example.id in [h.id for h in store.search(None, technique=t).hits]
            assert stats["techniques"][t] >= 1
