"""Stages are registered here by name and run in order by one `Pipeline`, the one way into the analysis.

A `Pipeline` takes a `RawDocument` (cleaned first), an `Article` (stages it already has are skipped) or Article
JSON, like spaCy's `Language.__call__`; `pipe` does the same for many documents in batches (the linguistics stage
parses a batch at once), in this process or in worker processes (`presswatch.workers`).
"""

from __future__ import annotations

import importlib
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Literal

from presswatch import config
from presswatch.article import Article, RawDocument
from presswatch.errors import UnknownStageError
from presswatch.workers import WorkerPool

StageFn = Callable[[Article], None]
BatchFn = Callable[[Sequence[Article]], None]
Doc = RawDocument | Article | str  # what the pipeline accepts: raw input, an Article, or Article JSON
Errors = Literal["raise", "return"]


@dataclass(frozen=True)
class Stage:
    """A registered stage: `module.run(article)` fills the Article fields in `assigns` (and nothing else); it needs
    the stages in `requires` to have run, and reads the stages in `uses` when they have (like spaCy's
    `assigns=` / `requires=`; tests/test_stage_contract.py checks both on real articles)."""

    name: str
    module: str  # module holding `run(article) -> None`, and optionally a batched `run_many(articles)`
    requires: tuple[str, ...] = ()
    description: str = ""
    assigns: tuple[str, ...] = ()
    uses: tuple[str, ...] = ()

    def load(self) -> StageFn:
        return importlib.import_module(self.module).run  # type: ignore[no-any-return]

    def load_many(self) -> BatchFn | None:
        """The stage's batched `run_many(articles)`, where it has one (same result as `run` on each)."""
        return getattr(importlib.import_module(self.module), "run_many", None)


# The one place stages are registered, in pipeline order. "clean" is not listed: it makes the
# Article from a RawDocument (see presswatch.clean) and always runs first.
STAGES: dict[str, Stage] = {
    s.name: s
    for s in [
        Stage("linguistics", "presswatch.stages.linguistics", (), "sentences, tokens, NER (spaCy)",
              assigns=("sentences", "mentions", "analysers")),
        Stage("entities", "presswatch.stages.entities", ("linguistics",), "mentions grouped into entities",
              assigns=("entities",)),
        Stage("quotes", "presswatch.stages.quotes", ("linguistics", "entities"), "direct and reported speech",
              assigns=("quotes",)),
        Stage("claims", "presswatch.stages.claims", ("linguistics", "entities", "quotes"), "check-worthy claims",
              assigns=("claims",)),
        # linguistics: its NER mentions, as a name alone carries no technique span; quotes: whose words (voice)
        Stage("techniques", "presswatch.stages.techniques", ("linguistics",),
              "persuasion techniques (SemEval-2023 subtask 3)", assigns=("techniques", "paragraph_techniques"),
              uses=("quotes",)),
        Stage("frames", "presswatch.stages.frames", (), "frames (SemEval-2023 subtask 2)", assigns=("frames",)),
        Stage("genre", "presswatch.stages.genre", (), "genre (SemEval-2023 subtask 1)", assigns=("genre",)),
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


def is_analysed_row(raw: RawDocument) -> bool:
    """A batch output row read back: no bytes, the analysed Article in `hints["article_json"]`."""
    return not raw.data and raw.hints.get("article_json") is not None


def from_row(raw: RawDocument) -> Article:
    """The Article an analysed row holds, validated (InputError / InvalidArticleError when it is bad)."""
    from presswatch.validate import article_from_json

    return article_from_json(str(raw.hints["article_json"]), raw.source)


def to_article(doc: Doc) -> Article:
    """The one way in: an Article as it is, Article JSON decoded and validated, a RawDocument cleaned (or decoded,
    when it is an analysed row)."""
    if isinstance(doc, Article):
        return doc
    if isinstance(doc, str):
        from presswatch.validate import article_from_json

        return article_from_json(doc)
    if is_analysed_row(doc):
        return from_row(doc)
    from presswatch.clean import clean

    return clean(doc)


def batches(items: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    """`items` in lists of at most `size`, in order."""
    it = iter(items)
    while chunk := list(islice(it, max(size, 1))):
        yield chunk


@dataclass
class Pipeline:
    """Runs a resolved list of stages over documents; stage functions are imported once."""

    stages: list[str] = field(default_factory=lambda: list(ALL_STAGES))
    timings: dict[str, float] = field(default_factory=dict)  # wall seconds per stage
    cpu_timings: dict[str, float] = field(default_factory=dict)  # CPU seconds of this process per stage

    def __post_init__(self) -> None:
        self.stages = resolve(self.stages)
        self._fns: dict[str, StageFn] = {}
        self._many: dict[str, BatchFn | None] = {}

    def __call__(self, doc: Doc) -> Article:
        return self.run(doc)

    def run(self, doc: Doc) -> Article:
        """Clean `doc` if it is raw, then run every stage it does not have yet; within `document_seconds` and
        `document_memory_mb`."""
        from presswatch.limits import document_limits

        source = doc.metadata.source if isinstance(doc, Article) else getattr(doc, "source", None)
        with document_limits(source=source):
            article = self._checked(to_article(doc))
            for name in self.stages:
                if name not in article.stages:
                    self._stage(name, [article])
        return article

    def _checked(self, article: Article) -> Article:
        """`article`, unless it is too long for the stages still to run: a LimitError naming the cap."""
        from presswatch.limits import check_document
        from presswatch.sources.encoding import check_readable

        check_readable(article.text, article.metadata.source)  # binary or invisible characters: never an article
        if any(name not in article.stages for name in self.stages):
            check_document(article.text, article.metadata.source)
        return article

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 16, n_process: int = 1,
             errors: Errors = "raise") -> Iterator[Article | Exception]:
        """`run` over many documents, in order, `batch_size` at a time (batched stages see a batch at once) and in
        `n_process` worker processes when more than one. `errors="return"` yields a failed document's exception
        in its place instead of raising it, so one bad document never stops the others."""
        if n_process > 1:
            yield from _pipe_in_workers(self.stages, docs, n_process, batch_size, errors)
            return
        for chunk in batches(docs, batch_size):
            yield from self.run_batch(chunk, errors)

    def run_batch(self, docs: Sequence[Doc], errors: Errors = "raise") -> list[Article | Exception]:
        """`run` over one batch; when the batched run fails, each document is finished on its own so only the
        documents that fail themselves become errors."""
        out: list[Article | Exception] = []
        for doc in docs:
            try:
                out.append(self._checked(to_article(doc)))
            except Exception as exc:
                if errors == "raise":
                    raise
                out.append(exc)
        articles = [a for a in out if isinstance(a, Article)]
        try:
            from presswatch.limits import document_limits

            with document_limits(config.SETTINGS.document_seconds * max(len(articles), 1)):  # past it: one at a time
                for name in self.stages:
                    self._stage(name, [a for a in articles if name not in a.stages])
            return out
        except Exception:
            if errors == "raise" and len(articles) == 1:
                raise
        for i, item in enumerate(out):
            if isinstance(item, Article):
                try:
                    out[i] = self.run(item)
                except Exception as exc:
                    if errors == "raise":
                        raise
                    out[i] = exc
        return out

    def _stage(self, name: str, articles: list[Article]) -> None:
        """One stage over `articles` (batched where the stage can), each marked done as it finishes."""
        if not articles:
            return
        if name not in self._fns:
            from presswatch.limits import lifted

            with lifted():  # importing a stage (torch, spaCy) is the process's cost, not the document's
                self._fns[name] = STAGES[name].load()
                self._many[name] = STAGES[name].load_many()
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            many = self._many[name]
            if many is not None and len(articles) > 1:
                many(articles)
                for a in articles:
                    a.stages.append(name)
            else:
                for a in articles:
                    self._fns[name](a)
                    a.stages.append(name)
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0
            self.cpu_timings[name] = self.cpu_timings.get(name, 0.0) + time.process_time() - c0


@lru_cache(maxsize=8)
def pipeline_for(stages: tuple[str, ...] | None) -> Pipeline:
    """One Pipeline per process and stage list (stage functions import, and models load, once)."""
    return Pipeline(list(stages) if stages is not None else None)


def _run_batch(stages: tuple[str, ...], docs: list[Doc]) -> list[Article | Exception]:
    """A batch in a worker; Articles come back without their per-run caches (spaCy Docs do not cross processes)."""
    out = pipeline_for(stages).run_batch(docs, "return")
    for item in out:
        if isinstance(item, Article):
            item._cache.clear()
    return out


def _pipe_in_workers(stages: list[str], docs: Iterable[Doc], n_process: int, batch_size: int,
                    errors: Errors) -> Iterator[Article | Exception]:
    """`Pipeline.pipe` over `n_process` workers: batches in flight two per worker, results in input order."""
    pool = WorkerPool(n_process)
    inflight: deque[Future[list[Article | Exception]]] = deque()
    try:
        for chunk in batches(docs, batch_size):
            inflight.append(pool.submit(_run_batch, tuple(stages), chunk))
            while len(inflight) >= 2 * n_process:
                yield from _results(inflight.popleft(), errors)
        while inflight:
            yield from _results(inflight.popleft(), errors)
    finally:
        pool.close(cancel=bool(inflight))


def _results(future: Future[list[Article | Exception]], errors: Errors) -> Iterator[Article | Exception]:
    for item in future.result():
        if isinstance(item, Exception) and errors == "raise":
            raise item
        yield item
