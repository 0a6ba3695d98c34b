"""Fixtures for the web tests: a real Store filled with the hand-built articles of `webcorpus`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from webcorpus import TOKEN, corpus_articles
from workcorpus import build_store

from presswatch.corpus.store import Store
from presswatch.web import create_app


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    with Store(path) as store:
        for article in corpus_articles():
            assert store.add(article) is not None
    return path


@pytest.fixture(scope="session")
def ids(corpus_db: Path) -> dict[str, int]:
    """Article ids by outlet."""
    with Store(corpus_db, readonly=True) as store:
        return {store.get(i).metadata.outlet.split()[0]: i for i in store.ids()}  # type: ignore[union-attr]


@pytest.fixture(scope="session")
def client(corpus_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(corpus_db)) as c:
        yield c


@pytest.fixture()
def write_client(tmp_path: Path) -> Iterator[TestClient]:
    path = tmp_path / "rw.db"
    Store(path).close()
    with TestClient(create_app(path, write_token=TOKEN, max_upload_bytes=200_000)) as c:
        yield c


@pytest.fixture(scope="module")
def work_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    """A fresh workbench store (`workcorpus`) and its ids, one per test module, so a module that writes keeps
    its changes to itself."""
    path = tmp_path_factory.mktemp("work") / "work.db"
    return path, build_store(path)
