"""Each registered stage fills exactly the Article fields it says it assigns, and what it reads from stages it
does not require is declared in `uses` (the example page and a Russian SemEval article)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

from presswatch.article import Article, RawDocument
from presswatch.pipeline import ALL_STAGES, STAGES, Pipeline, resolve

FIELDS = {f.name for f in fields(Article) if not f.name.startswith("_")}


def test_declarations_name_real_fields_and_stages() -> None:
    for stage in STAGES.values():
        assert stage.assigns and set(stage.assigns) <= FIELDS - {"text", "stages", "metadata"}, stage.name
        assert set(stage.requires) | set(stage.uses) <= set(ALL_STAGES) - {stage.name}, stage.name
        assert not set(stage.requires) & set(stage.uses), stage.name
    owners = [f for s in STAGES.values() for f in s.assigns]
    assert len(owners) == len(set(owners)), "two stages assign the same field"


def _after(raw: RawDocument, before: list[str], stage: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The Article as JSON after the stages `before` (and what they require), then after `stage` too."""
    article = Pipeline(resolve(before)).run(RawDocument(raw.data, raw.source))
    first = article.to_dict()
    return first, Pipeline([stage]).run(article).to_dict()


@pytest.fixture(scope="module")
def documents(example_path: Path, semeval_dir: Path) -> list[RawDocument]:
    ru = sorted((semeval_dir / "ru" / "train-articles").glob("article*.txt"))[0]
    return [RawDocument(example_path.read_bytes(), "example.txt"), RawDocument(ru.read_bytes(), ru.name)]


@pytest.mark.slow
@pytest.mark.parametrize("name", ALL_STAGES)
def test_stage_assigns_what_it_declares_and_reads_only_what_it_uses(name: str,
                                                                    documents: list[RawDocument]) -> None:
    stage = STAGES[name]
    earlier = list(ALL_STAGES[:ALL_STAGES.index(name)])
    made_a_difference = False
    for raw in documents:
        bare_before, bare = _after(raw, list(stage.requires), name)
        changed = {k for k in FIELDS if bare_before.get(k) != bare.get(k)} - {"stages"}
        assert changed <= set(stage.assigns), f"{name} changed {sorted(changed - set(stage.assigns))}"
        full_before, full = _after(raw, earlier, name)
        changed = {k for k in FIELDS if full_before.get(k) != full.get(k)} - {"stages"}
        assert changed <= set(stage.assigns), f"{name} changed {sorted(changed - set(stage.assigns))}"
        used = _after(raw, [*stage.requires, *stage.uses], name)[1]
        # with every earlier stage run first, the stage's output is what its requires and uses alone give
        assert {k: used[k] for k in stage.assigns} == {k: full[k] for k in stage.assigns}, name
        made_a_difference |= {k: bare[k] for k in stage.assigns} != {k: full[k] for k in stage.assigns}
    assert made_a_difference == bool(stage.uses), f"{name}: `uses` is {stage.uses}, yet the earlier stages " + (
        "changed its output" if made_a_difference else "never changed its output")
