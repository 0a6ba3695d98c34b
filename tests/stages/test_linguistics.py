"""linguistics stage: sentences inside lines, NER mentions, one model per process, parse on demand."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.article import Article
from presswatch.stages import linguistics
from presswatch.stages.english import speech_frames

Annotate = Callable[..., Article]
Check = Callable[[Article], None]


def test_model_loaded_once() -> None:
    assert linguistics.nlp() is linguistics.nlp()
    assert "lemmatizer" not in linguistics.nlp().pipe_names


def test_example_sentences_and_mentions(check_offsets: Check, example_article: Article) -> None:
    a = example_article
    check_offsets(a)
    texts = [a.text[s.start:s.end] for s in a.sentences]
    assert texts[0].startswith("Russian President Vladimir Putin said that")
    assert all(t == t.strip() and t for t in texts)
    assert len(texts) >= a.text.count("\n") + 1  # at least one sentence per paragraph
    people = {m.text for m in a.mentions if m.label == "PERSON"}
    assert "Vladimir Putin" in people
    assert any(m.label == "DATE" and m.text == "September 30" for m in a.mentions)


def test_doc_is_cached_and_matches_text(annotate_text: Annotate, example_text: str) -> None:
    a = annotate_text(example_text, "linguistics")
    doc = a._cache["doc"]
    assert doc.text == a.text
    assert [(s.start, s.end) for s in a.sentences] == [(s.start_char, s.end_char)
                                                         for s in linguistics.sentence_spans(doc)]


def test_line_without_final_stop_is_its_own_sentence(annotate_text: Annotate) -> None:
    a = annotate_text("Headline without a stop\nBody starts here. And goes on", "linguistics")
    assert [a.text[s.start:s.end] for s in a.sentences] == [
        "Headline without a stop", "Body starts here.", "And goes on"]


def test_only_speech_sentences_are_parsed(annotate_text: Annotate, example_text: str) -> None:
    a = annotate_text(example_text, "linguistics")
    parsed = linguistics.parsed_sentences(a)
    assert 0 < len(parsed) < len(a.sentences)
    for ps in parsed:
        assert a.text[ps.offset:ps.offset + len(ps.doc.text)] == ps.doc.text
        # a speech verb, a colon, a word of the English speech frames ('accused', 'believe', 'warning … that') or a
        # document noun ending its sentence ('issued a statement.')
        frames = speech_frames.frames()
        assert any(t.lower_ in linguistics.speech_verbs() or t.text == ":" or t.lower_ in frames.triggers()
                   or t.lower_ in frames.sources for t in ps.doc)
        assert any(t.dep_ == "ROOT" for t in ps.doc)
    assert linguistics.parsed_sentences(a) is parsed  # cached


def test_empty_and_blank_text() -> None:
    for text in ("", "\n\n", "   \n \n"):
        a = Article(text=text)
        linguistics.run(a)
        assert a.sentences == [] and a.mentions == []


SENTENCES = [
    "Russian President Vladimir Putin said that Russia coordinates its actions in Syria.",
    '"They are telling lies," Putin told the newspaper.',
    "Around four million people have fled the country since 2011, according to UN estimates.",
    "The World Health Organisation chief on Wednesday said a deadly plague epidemic was under control.",
    "Pope Francis accused victims of slander on Thursday.",
    "Syria’s Hmeimim airbase received nearly 14,000 tons of cargo.",
    "«C’est fini», he said.",
    "IS militants fled — and the U.S. said nothing.",
]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from([" ", "\n", "\n\n", "  ", "\u00a0", "\n \n"])),
                min_size=1, max_size=8))
def test_offsets_slice_right_on_random_text(
    annotate_text: Annotate, check_offsets: Check, parts: list[tuple[str, str]]
) -> None:
    text = "".join(s + sep for s, sep in parts)
    a = annotate_text(text, "linguistics")
    check_offsets(a)
    for s in a.sentences:  # sentences never cross a line
        assert a.line_of(s.start) == a.line_of(s.end - 1)


def test_run_many_matches_run(annotate_text: Annotate, semeval_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((semeval_dir / "en" / "train-articles").glob("*.txt"))[:3]]
    one = [annotate_text(t, "linguistics") for t in texts]
    many = [Article(text=t) for t in texts]
    linguistics.run_many(many)
    for a, b in zip(one, many, strict=True):
        assert a.sentences == b.sentences and a.mentions == b.mentions
        pa, pb = linguistics.parsed_sentences(a), linguistics.parsed_sentences(b)
        assert [(p.offset, [t.dep_ for t in p.doc]) for p in pa] == [(p.offset, [t.dep_ for t in p.doc]) for p in pb]


def test_long_text_is_processed_in_line_chunks(
    example_text: str, annotate_text: Annotate, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = annotate_text(example_text)
    assert max(len(line) for line in example_text.split("\n")) < 1000
    monkeypatch.setattr(linguistics, "CHUNK_CHARS", 1000)
    assert len(linguistics._chunks(example_text)) > 2
    chunked = annotate_text(example_text)
    assert chunked._cache["doc"].text == example_text
    assert chunked.sentences == whole.sentences and chunked.mentions == whole.mentions
    assert chunked.quotes == whole.quotes and chunked.claims == whole.claims


def test_annotated_article_pickles(example_article: Article) -> None:
    """Batches ship articles between processes: the spaCy caches must survive pickling."""
    copy = pickle.loads(pickle.dumps(example_article))
    assert copy.quotes == example_article.quotes
    texts = [s.text for s in linguistics.sentences_of(example_article)]
    assert [s.text for s in linguistics.sentences_of(copy)] == texts
