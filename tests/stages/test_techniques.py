"""Techniques stage on the example page: valid spans, paragraphs, scores and explanations."""

from __future__ import annotations

from pathlib import Path

import pytest

import presswatch
from presswatch.taxonomy import FAMILY_OF


@pytest.mark.slow
def test_stage_on_example_gives_valid_spans(example_path: Path) -> None:
    article = presswatch.analyze_text(example_path.read_text(encoding="utf-8"), stages=["techniques"])
    assert "techniques" in article.stages
    lines = {n: s for n, s in article.paragraphs()}
    assert [p["paragraph"] for p in article.paragraph_techniques] == list(lines)
    assert article.techniques, "the example page quotes Putin calling critics liars: some technique is expected"
    for t in article.techniques:
        assert article.text[t.start:t.end] == t.text and t.text.strip()
        assert t.paragraph == article.line_of(t.start)
        span = lines[t.paragraph]
        assert span.start <= t.start < t.end <= span.end
        assert FAMILY_OF[t.technique] == t.family
        assert 0.0 < t.score <= 1.0 and t.explanation
    # each span's technique is one of its paragraph's labels
    by_line = {p["paragraph"]: {x["technique"] for x in p["techniques"]} for p in article.paragraph_techniques}
    assert all(t.technique in by_line[t.paragraph] for t in article.techniques)
    # loaded wording in Putin's rebuttal ("They are telling lies", "phony evidence") is found
    lies = next(n for n, s in lines.items() if "telling lies" in article.text[s.start:s.end])
    phony = next(n for n, s in lines.items() if "phony evidence" in article.text[s.start:s.end])
    assert by_line[lies] | by_line[phony]


@pytest.mark.slow
def test_stage_on_empty_and_one_line_articles() -> None:
    from presswatch.article import Article
    from presswatch.stages.techniques import run

    empty = Article(text="")
    run(empty)
    assert empty.techniques == [] and empty.paragraph_techniques == []
    one = Article(text="These corrupt liars are destroying our great nation!")
    run(one)
    assert [p["paragraph"] for p in one.paragraph_techniques] == [1]
    assert all(one.text[t.start:t.end] == t.text for t in one.techniques)


@pytest.mark.slow
def test_stage_leaves_untrained_languages_alone() -> None:
    from presswatch.article import Article, Metadata
    from presswatch.models.techniques.model import load_technique_model
    from presswatch.stages.techniques import run

    assert "es" not in load_technique_model().languages
    es = Article(text="¡Estos mentirosos corruptos están destruyendo nuestra gran nación!",
                 metadata=Metadata(language="es"))
    run(es)
    assert es.techniques == [] and es.paragraph_techniques == []


@pytest.mark.slow
def test_stage_serves_a_semeval_language_beyond_english() -> None:
    from presswatch.article import Article, Metadata
    from presswatch.models.techniques.model import load_technique_model
    from presswatch.stages.techniques import run

    assert "ru" in load_technique_model().languages
    ru = Article(text="Заголовок\nЭти продажные лжецы разрушают нашу великую страну!",
                 metadata=Metadata(language="ru"))
    run(ru)
    assert [p["paragraph"] for p in ru.paragraph_techniques] == [1, 2]
    assert all(ru.text[t.start:t.end] == t.text for t in ru.techniques)


def test_voice_follows_the_quote_holding_the_span() -> None:
    from presswatch.article import Quote, Technique
    from presswatch.stages.techniques import attribute_voice

    def tech(start: int, end: int) -> Technique:
        return Technique("Doubt", "Attack on reputation", start, end, "x" * (end - start), 1, 0.5)

    quotes = [Quote("They are telling lies.", 10, 32, "direct", "Vladimir Putin"),
              Quote("the evidence was phony", 50, 72, "reported", None)]
    inside, reported, outside, straddling = tech(12, 30), tech(60, 66), tech(80, 90), tech(28, 40)
    attribute_voice([inside, reported, outside, straddling], quotes)
    assert (inside.voice, inside.speaker) == ("quoted", "Vladimir Putin")
    assert inside.whose() == "quoting Vladimir Putin"
    assert (reported.voice, reported.speaker) == ("reported", None)
    assert reported.whose() == "reported speech of an unnamed speaker"
    assert (outside.voice, outside.speaker) == ("author", None)
    assert straddling.voice == "author"  # only 4 of its 12 characters are quoted
    assert tech(0, 1).whose() == ""  # the quotes stage did not run


@pytest.mark.slow
def test_example_page_keeps_putins_words_apart_from_sputniks(example_path: Path) -> None:
    article = presswatch.analyze_text(example_path.read_text(encoding="utf-8"),
                                      stages=["quotes", "techniques"])
    assert all(t.voice in {"author", "quoted", "reported"} for t in article.techniques)
    lies = [t for t in article.techniques if "lies" in t.text]
    assert lies and all(t.voice == "quoted" and t.speaker == "Vladimir Putin" for t in lies)
    # without the quotes stage no voice is claimed
    bare = presswatch.analyze_text(example_path.read_text(encoding="utf-8"), stages=["techniques"])
    assert all(t.voice is None for t in bare.techniques)


@pytest.mark.slow
def test_example_page_spans_are_whole_phrases_without_false_alarms(example_path: Path) -> None:
    article = presswatch.analyze_text(example_path.read_text(encoding="utf-8"), stages=["techniques"])
    loaded = {t.text for t in article.techniques if t.technique == "Loaded_Language"}
    # whole phrases, not their first word. Since session 8 English reads the USE head, which scores the "phony
    # evidence" paragraph Loaded_Language 0.207, under its 0.225 threshold: that phrase is a missed label (a
    # measured loss, docs/BENCHMARKS.md "speed, session 8"), and where a head finds it, it is whole
    assert "telling lies" in loaded
    assert not loaded & {"telling", "phony", "evidence"}
    # "assist" (the tagger's best word in a paragraph where no word reaches its threshold) and "numerous" (0.30
    # beside "phony evidence" at 0.90) are no spans
    assert not [x for x in loaded if "assist" in x or "numerous" in x]
    # "pilots reportedly striking civilian targets": a neutral reporting word and a verb whose direct object
    # lies outside the span are literal senses (literal.py), so the tagger's "reportedly striking civilian" goes
    assert not [x for x in loaded if "striking" in x or "reportedly" in x]
    # a sentence-long span does not begin on the quotation mark that opens the quote it starts
    doubt = [t.text for t in article.techniques if t.technique == "Doubt"]
    assert "They are telling lies." in doubt
    assert all(t.text[0] not in "\"“”«»„" or t.text.count(t.text[0]) > 1 for t in article.techniques)
    # Repetition's spans are phrases that recur in the article ("that support this", three common words, is none)
    text = article.text.lower()
    repeated = [t.text for t in article.techniques if t.technique == "Repetition"]
    assert "that support this" not in repeated
    assert all(text.count(x.lower()) >= 2 for x in repeated)


@pytest.mark.slow
def test_a_name_alone_is_never_name_calling(semeval_dir: Path) -> None:
    """RIA's article 24137: the span tagger scores «Владимир» 0.27 for Name_Calling, above its threshold; the
    NER mention of the person keeps a name alone from being a span."""
    raw = (semeval_dir / "ru" / "train-articles" / "article24137.txt").read_text(encoding="utf-8")
    article = presswatch.analyze_text(raw, stages=["techniques"])
    calling = [t for t in article.techniques if t.technique == "Name_Calling-Labeling"]
    assert calling, "the article calls the Kyiv government names (нациков, хунта этого клоуна)"
    assert "Владимир Зеленский" not in {t.text for t in calling}
    names = [(m.start, m.end) for m in article.mentions if m.label in {"PERSON", "GPE", "LOC"}]
    assert names, "the linguistics stage ran before the techniques stage"
    for t in article.techniques:
        if t.technique in {"Name_Calling-Labeling", "Loaded_Language"}:
            assert not any(s <= t.start and t.end <= e for s, e in names), t.text
    # «Ранее» ("earlier", in a third of the Russian training articles) alone is no loaded language (common_words.py)
    assert "Ранее" not in {t.text for t in article.techniques}


@pytest.mark.slow
def test_a_common_noun_alone_is_no_loaded_language(semeval_dir: Path) -> None:
    """French article 231: the tagger scored «façon», «ordre» and «chiffres» Loaded_Language from their neighbours
    ("la façon dont l'Insee, sur ordre de Macron, truque et falsifie les chiffres réels")."""
    raw = (semeval_dir / "fr" / "train-articles" / "article231.txt").read_text(encoding="utf-8")
    article = presswatch.analyze_text(raw, stages=["techniques"])
    loaded = {t.text for t in article.techniques if t.technique == "Loaded_Language"}
    assert loaded, "the article is loaded (trafiquent, truque et falsifie)"
    assert not loaded & {"façon", "ordre", "chiffres", "milieu", "Bref", "gouvernement"}


@pytest.mark.slow
def test_minilm_runs_on_every_paragraph_only_where_the_language_head_reads_it() -> None:
    from presswatch.article import Article, Metadata
    from presswatch.models.techniques.model import load_technique_model
    from presswatch.stages.techniques import run

    model = load_technique_model()
    assert not model.reads_minilm("en") and model.reads_minilm("ru")
    text = "Title\nFirst line.\nSecond line.\nThird line."
    en, ru = (Article(text=text, metadata=Metadata(language=x)) for x in ("en", "ru"))
    run(en)
    run(ru)
    assert en._cache["minilm_rows"] == 0 and ru._cache["minilm_rows"] == 4
    assert len(en.paragraph_techniques) == len(ru.paragraph_techniques) == 4
