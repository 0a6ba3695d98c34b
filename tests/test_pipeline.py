"""The one way in: a Pipeline takes raw documents, Articles or Article JSON; `pipe` batches, in workers too."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.article import Article, RawDocument
from presswatch.clean import clean_string
from presswatch.errors import EmptyDocumentError, InputError
from presswatch.pipeline import Pipeline, is_analysed_row, to_article
from presswatch.validate import InvalidArticleError

BODY = "MOSCOW (Sputnik) — The ministry said on Monday that talks would resume.\nA second paragraph follows."


def _raw(text: str, source: str) -> RawDocument:
    return RawDocument(data=text.encode("utf-8"), source=source)


def test_raw_article_and_json_give_the_same_article() -> None:
    cleaned = clean_string(BODY, source="a.txt")
    from_raw = Pipeline([]).run(_raw(BODY, "a.txt"))
    assert from_raw.text == cleaned.text and from_raw.metadata == cleaned.metadata
    assert Pipeline([]).run(cleaned) is cleaned
    again = Pipeline([])(cleaned.to_json())
    assert again.text == cleaned.text and again.metadata == cleaned.metadata


def test_an_analysed_row_is_decoded_not_cleaned_again() -> None:
    first = clean_string(BODY)
    row = RawDocument(data=b"", source="part.parquet#row=0", hints={"article_json": first.to_json()})
    assert is_analysed_row(row) and not is_analysed_row(_raw(BODY, "x"))
    again = to_article(row)
    assert again.text == first.text and again.metadata == first.metadata


def test_bad_rows_and_bad_json_are_input_errors() -> None:
    with pytest.raises(InputError) as err:
        to_article(RawDocument(data=b"", source="part.parquet#row=1", hints={"article_json": "{not json"}))
    assert err.value.source == "part.parquet#row=1" and "bad article_json" in err.value.message
    with pytest.raises(InvalidArticleError):
        to_article('{"text": 5}')


def test_stages_an_article_has_are_not_run_again() -> None:
    article = Article(text="Some text.", stages=["genre"])
    calls: list[str] = []
    pipeline = Pipeline(["genre"])
    pipeline._fns["genre"] = lambda a: calls.append("genre")
    pipeline._many["genre"] = None
    assert pipeline.run(article).stages == ["genre"] and calls == []


def test_pipe_keeps_order_and_returns_errors_in_place() -> None:
    docs = [_raw(f"{BODY} Number {i}.", f"d{i}.txt") for i in range(5)]
    docs.insert(2, _raw("   ", "empty.txt"))
    out = list(Pipeline([]).pipe(docs, batch_size=2, errors="return"))
    assert [type(x) for x in out] == [Article, Article, EmptyDocumentError, Article, Article, Article]
    assert [a.metadata.source for a in out if isinstance(a, Article)] == [f"d{i}.txt" for i in range(5)]
    with pytest.raises(EmptyDocumentError):
        list(Pipeline([]).pipe(docs, batch_size=2))


def test_a_failing_document_in_a_batch_costs_only_itself() -> None:
    pipeline = Pipeline(["genre"])

    def many(articles: list[Article]) -> None:
        raise RuntimeError("batch broke")

    def one(article: Article) -> None:
        if "bad" in article.text:
            raise ValueError("this one is bad")

    pipeline._fns["genre"], pipeline._many["genre"] = one, many
    docs = [Article(text="good one"), Article(text="bad one"), Article(text="good two")]
    out = list(pipeline.pipe(docs, errors="return"))
    assert isinstance(out[1], ValueError)
    assert [a.stages for a in (out[0], out[2])] == [["genre"], ["genre"]]  # type: ignore[union-attr]


@pytest.mark.slow
def test_pipe_in_worker_processes_matches_one_process(example_path: Path) -> None:
    docs = [RawDocument(example_path.read_bytes(), "example.txt"), _raw(BODY, "b.txt"), _raw("", "empty.txt")]
    here = list(Pipeline(["entities"]).pipe(docs, errors="return"))
    there = list(Pipeline(["entities"]).pipe(docs, n_process=2, batch_size=1, errors="return"))
    assert [a.to_json() for a in here[:2]] == [a.to_json() for a in there[:2]]  # type: ignore[union-attr]
    assert isinstance(here[2], EmptyDocumentError) and isinstance(there[2], EmptyDocumentError)
