"""Stages are registered here by name and run in order by one `Pipeline`."""

from __future__ import annotations

import importlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from presswatch.article import Article
from presswatch.errors import UnknownStageError

StageFn = Callable[[Article], None]


@dataclass(frozen=True)
class Stage:
    name: str
    module: str  # module holding `run(article) -> None`
    requires: tuple[str, ...] = ()
    description: str = ""

    def load(self) -> StageFn:
        return importlib.import_module(self.module).run  # type: ignore[no-any-return]


# The one place stages are registered, in pipeline order. "clean" is not listed: it makes the
# Article from a RawDocument (see presswatch.clean) and always runs first.
STAGES: dict[str, Stage] = {
    s.name: s
    for s in [
        Stage("linguistics", "presswatch.stages.linguistics", (), "sentences, tokens, NER (spaCy)"),
        Stage("entities", "presswatch.stages.entities", ("linguistics",), "mentions grouped into entities"),
        Stage("quotes", "presswatch.stages.quotes", ("linguistics", "entities"), "direct and reported speech"),
        Stage("claims", "presswatch.stages.claims", ("linguistics", "entities", "quotes"), "check-worthy claims"),
        Stage("techniques", "presswatch.stages.techniques", (), "persuasion techniques (SemEval-2023 subtask 3)"),
        Stage("frames", "presswatch.stages.frames", (), "frames (SemEval-2023 subtask 2)"),
        Stage("genre", "presswatch.stages.genre", (), "genre (SemEval-2023 subtask 1)"),
    ]
}
ALL_STAGES: tuple[str, ...] = tuple(STAGES)


def resolve(names: Iterable[str] | None) -> list[str]:
    """The asked stages plus everything they need, in pipeline order."""
    if names is None:
        return list(ALL_STAGES)
    wanted: set[str] = set()

    def add(name: str) -> None:
        if name == "clean":
            return
        if name not in STAGES:
            known = ", ".join(("clean", *ALL_STAGES))
            raise UnknownStageError(f"unknown stage {name!r} (known: {known})")
        if name not in wanted:
            wanted.add(name)
            for dep in STAGES[name].requires:
                add(dep)

    for n in names:
        if n.strip():
            add(n.strip())
    return [n for n in ALL_STAGES if n in wanted]


def parse_stages(spec: str | None) -> list[str] | None:
    """A `--stages` value: None/""/"all" -> every stage (None), "clean" -> cleaning only ([]), "a,b" -> those
    and what they need; unknown names raise UnknownStageError before any work."""
    if spec is None or spec.strip().lower() in ("", "all"):
        return None
    return resolve(spec.split(","))


@dataclass
class Pipeline:
    """Runs a resolved list of stages over articles; stage functions are imported once."""

    stages: list[str] = field(default_factory=lambda: list(ALL_STAGES))
    timings: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.stages = resolve(self.stages)
        self._fns: dict[str, StageFn] = {}

    def run(self, article: Article) -> Article:
        from presswatch.limits import check_document, time_limit

        if any(name not in article.stages for name in self.stages):
            check_document(article.text, article.metadata.source)  # a LimitError naming the cap, before any work
        with time_limit(source=article.metadata.source):
            for name in self.stages:
                if name in article.stages:
                    continue
                fn = self._fns.get(name)
                if fn is None:
                    fn = self._fns[name] = STAGES[name].load()
                t0 = time.perf_counter()
                fn(article)
                self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0
                article.stages.append(name)
        return article
