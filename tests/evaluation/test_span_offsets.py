"""Re-reading the SemEval gold span offsets: the reading adopted per article, on made-up texts and on real
training articles in each language, and its use in training only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.evaluation.semeval import SemEvalArticle, gold_spans, load_language
from presswatch.evaluation.span_offsets import align_spans, cuts_a_word, mended_end, newline_offsets, read_spans
from presswatch.models.techniques.model import TechniqueConfig

TEXT = "A title\n\nThey called him a traitor. Then more words.\n\nA second paragraph names the liars now.\n"


def crlf_offset(text: str, i: int) -> int:
    """Offset `i` of `text` as counted with CRLF newlines."""
    return i + text.count("\n", 0, i)


def test_offsets_written_with_crlf_newlines_and_short_ends_are_read_back() -> None:
    traitor, liars = TEXT.index("traitor"), TEXT.index("liars")
    # as the non-English files have them: CRLF offsets, and an end before a period one letter short
    spans = [("Name_Calling-Labeling", crlf_offset(TEXT, traitor), crlf_offset(TEXT, traitor + 7) - 1),
             ("Loaded_Language", crlf_offset(TEXT, liars), crlf_offset(TEXT, liars + 5)),
             ("Doubt", crlf_offset(TEXT, TEXT.index("They")), crlf_offset(TEXT, TEXT.index(". Then")) - 1)]
    found = align_spans(TEXT, spans)
    assert found.reading == "crlf+period"
    assert [TEXT[s:e] for _, s, e in found.spans] == ["traitor", "liars", "They called him a traitor"]
    assert (found.cut_stored, found.cut_aligned) == (3, 0)


def test_offsets_that_fit_as_stored_are_kept() -> None:
    spans = [("Loaded_Language", TEXT.index("traitor"), TEXT.index("traitor") + 7),
             ("Loaded_Language", TEXT.index("liars"), TEXT.index("liars") + 5)]
    found = align_spans(TEXT, spans)
    assert found.reading == "stored" and found.spans == spans and found.cut_stored == 0


def test_offsets_no_reading_fits_are_not_snapped() -> None:
    # starts inside words under every reading tried: left as stored, not moved to the nearest word
    spans = [("Loaded_Language", 11, 14), ("Doubt", 40, 44), ("Doubt", 62, 66)]
    assert all(cuts_a_word(TEXT, s, e) for _, s, e in spans)
    found = align_spans(TEXT, spans)
    assert found.reading == "stored" and found.spans == spans and found.cut_aligned == 3


def test_an_end_is_mended_only_one_letter_short_of_a_word_before_a_period() -> None:
    text = "He lied. She lies, often"
    assert mended_end(text, text.index("d.")) == text.index(".")
    assert mended_end(text, text.index("s,")) == text.index("s,")  # before a comma: left alone
    assert mended_end(text, text.index("ed.")) == text.index("ed.")  # two letters short: left alone
    assert mended_end(text, text.index(".")) == text.index(".")  # already at the word's end


def test_newline_table_and_out_of_range_spans() -> None:
    assert newline_offsets("a\nb", 2) == [0, 1, 1, 2, 3]
    assert read_spans("a\nb", [("Doubt", 0, 9)], 2, False) == [None]


@pytest.fixture(scope="module")
def by_lang(semeval_dir: Path) -> dict[str, dict[str, SemEvalArticle]]:
    return {lang: {a.id: a for a in load_language(semeval_dir, lang)} for lang in ("en", "fr", "ge", "po", "ru")}


@pytest.mark.parametrize(("lang", "aid", "stored", "whole"), [
    ("ru", "241", ("Loaded_Language", 220, 232), "остервенелых"),
    ("ru", "241", ("Name_Calling-Labeling", 404, 425), "ось зла — авторитаризм"),
    ("ru", "241", ("Loaded_Language", 1657, 1677), "остервенелых бандитов"),
    ("po", "251", ("Loaded_Language", 0, 0), "zgubną zależność"),
    ("ge", "2246", ("Name_Calling-Labeling", 0, 0), "korruptionsverdächtigen US-Präsidenten"),
    ("fr", "2389", ("Loaded_Language", 0, 0), "milices"),
])
def test_real_spans_are_whole_after_alignment(by_lang: dict[str, dict[str, SemEvalArticle]], lang: str, aid: str,
                                              stored: tuple[str, int, int], whole: str) -> None:
    a = by_lang[lang][aid]
    pairs = list(zip(a.spans, gold_spans(a), strict=True))
    if stored[1:] != (0, 0):  # a span named by its stored offsets: read as stored it is another stretch
        (new,) = [n for old, n in pairs if old == stored]
        assert a.text[stored[1]:stored[2]] != whole and a.text[new[1]:new[2]] == whole
    else:  # a span the stored offsets cut; re-aligned it is this phrase
        assert any(n[0] == stored[0] and a.text[n[1]:n[2]] == whole and a.text[o[1]:o[2]] != whole
                   for o, n in pairs)


def test_no_aligned_span_cuts_a_word_outside_english(by_lang: dict[str, dict[str, SemEvalArticle]]) -> None:
    for lang, arts in by_lang.items():
        spans = [(a, s, e) for a in arts.values() for _, s, e in gold_spans(a)]
        cut = sum(cuts_a_word(a.text, s, e) for a, s, e in spans)
        stored = sum(cuts_a_word(a.text, s, e) for a in arts.values() for _, s, e in a.spans)
        if lang == "en":  # English fits as stored: nothing is re-read
            assert all(a.span_reading == "stored" for a in arts.values()) and cut == stored <= 0.002 * len(spans)
        else:
            assert stored > 0.5 * len(spans) and cut == 0, lang
            # a check that does not read word edges: each span starts on a line labelled with its technique
            assert all(t in a.paragraph_labels.get(a.text.count("\n", 0, s) + 1, [])
                       for a in arts.values() for t, s, _ in gold_spans(a))


def test_training_reads_the_aligned_offsets_by_default(by_lang: dict[str, dict[str, SemEvalArticle]]) -> None:
    from presswatch.models.techniques.training import span_examples

    assert TechniqueConfig().aligned_offsets is True  # since session 10; span_examples alone reads them as stored
    a = by_lang["ru"]["241"]
    stored = {text[s:e] for text, tech, sp in span_examples([a]) for s, e in sp if tech == "Loaded_Language"}
    aligned = {text[s:e] for text, tech, sp in span_examples([a], aligned=True) for s, e in sp
               if tech == "Loaded_Language"}
    assert "остервенелых" in aligned and "остервенелых" not in stored and "тервенелых б" in stored


def test_aligned_offsets_reach_the_span_lexicon(by_lang: dict[str, dict[str, SemEvalArticle]],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from presswatch.models.encoder import DOC_DIM
    from presswatch.models.techniques import training

    arts = sorted((a for a in by_lang["ru"].values() if a.spans), key=lambda a: len(a.text))[:8]
    asked: list[bool] = []
    real = training.span_examples

    def recorded(articles: list[SemEvalArticle], aligned: bool = False):  # noqa: ANN202
        asked.append(aligned)
        return real(articles, aligned)

    monkeypatch.setattr(training, "span_examples", recorded)
    lexicons = {}
    for on in (False, True):
        cfg = TechniqueConfig(epochs=1, hidden=8, max_char=0, lex_folds=2, inner_folds=2, aligned_offsets=on)
        feats = training.training_features(arts, config=cfg, embed=lambda t: np.zeros((len(t), DOC_DIM), np.float32))
        lexicons[on] = feats.spans.lexicon
        assert set(asked) == {on}
        asked.clear()
    assert lexicons[True] != lexicons[False]
