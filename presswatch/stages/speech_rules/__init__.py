"""Quotes and speakers by rule, for languages the English parse rules do not read (data/speech_rules.json).

Direct quotes lie inside the language's quotation marks (« » „ “ » « " ") or follow a dialogue dash at a
paragraph's start ("— Текст, — сказал он."). A quote is attributed by a cue verb just after its closing mark
(after a comma or a dash: «…», — заявил Лавров; „…“, sagte Scholz; „…“, so Scholz), by a cue before a colon or
a complementiser just before its opening mark (Лавров заявил: «…»), or by a bare name before a colon
(Песков: «…»). Reported speech is a cue with its complementiser (заявил, что …; a déclaré que …; sagte, dass …),
a clause ended by a cue and a name (…, заявил Песков.) or a source phrase (по словам X, …; selon X, …; laut X
…; secondo X, …; według X, …). The speaker is the name beside the cue: an entity mention after the cue, else
the first person named in the clause before it, else a pronoun, which takes the nearest earlier person speaker
(or person named) whose gender agrees where the language's names show it. Short quotes (<= 4 words) with no
cue are scare quotes; an unattributed quote that is a whole paragraph continues the previous paragraph's
speaker. For languages without a trained NER, `speaker_names` supplies the names: capitalised words beside a
cue or opening its sentence (one word only after the cue or inside a sentence; German, which capitalises
nouns, never one word opening a sentence), and their other occurrences in the text.

Modules, bottom up: speech_language (rules), speech_text (offsets, Found, Names), speech_cues, speaker_names,
cue_speaker (the speaker beside a cue), direct_quotes, reported_speech, speaker_resolution; this module runs them.
"""

from __future__ import annotations

from presswatch.article import Article, Quote
from presswatch.stages.speech_rules import (
    mixed_rules,
    object_frames,
    role_speakers,
    self_reports,
    speech_nouns,
    speech_pointers,
    speech_walk,
    view_sources,
)
from presswatch.stages.speech_rules.cue_speaker import speaker_beside
from presswatch.stages.speech_rules.direct_quotes import find_direct, quote_marks
from presswatch.stages.speech_rules.reported_speech import find_reported
from presswatch.stages.speech_rules.speaker_resolution import resolve_speakers
from presswatch.stages.speech_rules.speech_cues import cue_after
from presswatch.stages.speech_rules.speech_language import rules
from presswatch.stages.speech_rules.speech_text import (
    Found,
    Names,
    clause_start,
    inside_any,
    sentence_end,
    trim,
    words_of,
)


class _Kit:
    """The helpers the cue shapes of speech_walk call (its `Kit`)."""

    clause_start = staticmethod(clause_start)
    sentence_end = staticmethod(sentence_end)
    speaker_beside = staticmethod(speaker_beside)
    trim = staticmethod(trim)
    words = staticmethod(words_of)

    @staticmethod
    def found(start: int, end: int, kind: str, cue: str | None, speaker: tuple[int, int] | None,
              order: int) -> Found:
        return Found(start, end, kind, cue, speaker, order)


KIT: speech_walk.Kit = _Kit()


def find_quotes(article: Article) -> list[Quote]:
    """The quotes of an article in a language the English rules do not read."""
    r = rules(article.metadata.language)
    names = Names(article)
    direct = find_direct(article, names, r)
    frags = mixed_rules.fragments(article, direct, r, cue_after) if r.mixed_quotes else set()
    spans = [(f.start, f.end) for f in direct if (f.start, f.end) not in frags]
    reported = [f for f in find_reported(article, names, r, spans) if not any(s <= f.order < e for s, e in frags)]
    if r.lang in {"ru", "de"}:  # "…, по его словам, «…»", "Das Land weigere sich, „…“ zu „zügeln“, meinte Peskow":
        frags |= role_speakers.held(reported, direct, r)  # the marked words are parts of the reported sentence
    walk = speech_walk.Walk.of(article, r, names, spans, KIT)
    pointed = speech_pointers.find(walk)  # a pointer's cue reports only that
    reported = [f for f in reported if f.order not in {p.order for p in pointed}] + pointed
    reported += view_sources.find(walk)
    framed = object_frames.find(walk)
    reported += [f for f in framed if f.order not in {g.order for g in reported}]
    reported += speech_nouns.find(walk)
    reported += self_reports.find(walk)
    taken: list[tuple[int, int]] = []
    kept = []
    for f in sorted(reported, key=lambda f: (f.start, -(f.end - f.start))):
        if not inside_any(taken, f.start, f.end):
            kept.append(f)
            taken.append((f.start, f.end))
    if r.mixed_quotes:
        direct = mixed_rules.fold(article.text, direct, kept, frags, r, quote_marks)
    return resolve_speakers(article, names, r, direct + kept)
