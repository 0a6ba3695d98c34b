"""The quotes stage's shortcuts (issue #11, speed, session 11) give what the token-by-token code they replace gave:
quotation-mark pairing by regex search, the "according"/"per" tokens and the verbs read from the Doc's arrays, and
the cue-form sets checked before a verb's children."""

from __future__ import annotations

import random
from collections.abc import Callable

from presswatch.article import Article
from presswatch.stages.english import direct, reported, sources, speech_frames
from presswatch.stages.english.quote_context import Context
from presswatch.stages.linguistics import parsed_sentences, sentences_of

Annotate = Callable[..., Article]


def _quote_marks_by_char(line: str) -> list[tuple[int, int]]:
    """The character loop `quote_marks` had before session 11, kept here as the reference."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        closers = direct.CLOSERS.get(line[i])
        if closers is None:
            i += 1
            continue
        j = i + 1
        while j < n and line[j] not in closers:
            j += 1
        if j == n and line[i] == '"':
            k = line.find("”", i + 1)
            j = k if k > 0 else n
        out.append((i, j))
        i = j + 1
    return out


def test_quote_marks_match_the_character_loop() -> None:
    rng = random.Random(11)
    alphabet = list('ab "“”„«»‹›.,\'')
    lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 24))) for _ in range(5000)]
    lines += ['„Ja“, sagte er.', '"open and “inner” then', '«a ‹b› c»', '"a” "b"', '"', "“", "”“"]
    assert [direct.quote_marks(x) for x in lines] == [_quote_marks_by_char(x) for x in lines]


def test_according_words_are_the_sentences_according_and_per_tokens(annotate_text: Annotate) -> None:
    a = annotate_text("Prices rose, according to the ministry.\nNothing here.\n"
                      "Per Reuters, the talks failed, per a statement and according to officials.", "quotes")
    ctx = Context(a, a._cache["doc"])
    words = {"according", *speech_frames.frames().per}
    expected = [(sp, [t for t in sp if t.lower_ in words]) for sp in sentences_of(a)]
    expected = [(sp, toks) for sp, toks in expected if toks]
    got = sources.according_words(ctx)
    assert [(sp.start, [t.i for t in toks]) for sp, toks in got] == \
        [(sp.start, [t.i for t in toks]) for sp, toks in expected]
    assert len(got) == 2 and [t.lower_ for t in got[1][1]] == ["per", "per", "according"]


def test_verbs_are_the_verb_tokens_that_modify_nothing(annotate_text: Annotate) -> None:
    a = annotate_text("The minister said the so-called reform, described as bold, would fail.\n"
                      "Officials pointed out that the signed deal had been broken, the report noted.", "quotes")
    sents = parsed_sentences(a)
    assert sents
    for ps in sents:
        expected = [t.i for t in ps.doc if t.tag_.startswith("VB") and t.dep_ not in {"amod", "compound"}]
        assert [t.i for t in reported.verb_tokens(ps.doc)] == expected
        assert expected  # each sentence has a verb to find


def test_cue_forms_hold_every_phrase_and_particle_verb() -> None:
    f = speech_frames.frames()
    phrase_forms, particle_forms = speech_frames._cue_forms()
    assert all(v <= phrase_forms for v in f.phrases.values()) and phrase_forms
    assert all(v <= particle_forms for v in f.particles.values()) and particle_forms
    assert "pointed" in particle_forms


def test_lower_table_marks_each_trigger_set() -> None:
    from presswatch.stages import linguistics

    verbs, nouny, _, _, _, quoting, frame_verbs, frame_nouns, sources, _, _, particles = linguistics._trigger_hashes()
    table = linguistics._lower_table()
    for k, hashes in enumerate([verbs, nouny, quoting, frame_verbs, frame_nouns, sources, *(f for f, _ in particles)]):
        assert len(hashes) and all(table[h] >> k & 1 for h in hashes.tolist())
    members = {h for hs in (verbs, nouny, quoting, frame_verbs, frame_nouns, sources) for h in hs.tolist()}
    assert set(table) == members | {h for f, _ in particles for h in f.tolist()}


def test_speech_sentences_picks_the_speech_ones(annotate_text: Annotate) -> None:
    a = annotate_text("The weather was fine.\nOfficials pointed out the flaw.\nThe report notes.\n"
                      "Lavrov said the talks failed.\nNothing else happened here.", "linguistics")
    from presswatch.stages import linguistics

    picked = [sp.text for sp in linguistics.speech_sentences(a._cache["doc"], sentences_of(a))]
    assert picked == ["Officials pointed out the flaw.", "The report notes.", "Lavrov said the talks failed."]
