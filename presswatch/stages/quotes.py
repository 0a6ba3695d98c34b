"""Direct quotes (inside quotation marks) and reported speech, each with its speaker entity and cue verb.

Direct quotes are found from the marks, then attributed by the nearest speech verb just after or just before them
("...," he added; X said: "..."); reported speech from the dependency parse (speech verb, its subject, its clausal
complement) and from "according to X". The lookups the rules share are `quote_context.Context`; a speaker phrase
becomes an entity, and a pronoun its antecedent, in `quote_speakers`. Short quotes (<= 4 words) with no speech verb
right beside them are scare quotes and are skipped; an unattributed quote continues the previous speaker when it is
a whole paragraph after a quoted one, or follows a quote of the same paragraph with at most the attribution sentence
between. After a quote whose cue follows it, the attribution sentence before the next quote may be of any length.
Naming verbs a few words before a quote ('called it "…"', 'branded the plan "…"') and statement phrases before it
('In a statement, X condemned …as "…"', data/quote_cues_en.json) are cues too, short quotes included. Reported
speech that quotes some of its words ('claiming that fraud is "a big problem" but "nobody …"') is one quote with
those parts in `Quote.parts`, the cue-less fragments dropped. Quote text is what lies inside the marks, trimmed of
spaces and a final comma. Last, a quote whose words a longer quote of the same speaker already holds (a lede
repeated by the dateline sentence) is dropped. A speaker given only by a role ("the Rosneft chief executive") takes
the name the article ties that role to ("Rosneft chief executive Igor Sechin", `descriptors.resolve_own`, the
evidence in `Quote.speaker_alias`); the corpus alias table does the same across articles at ingest. Reported speech
without a clausal complement comes from `speech_frames`, as does the clause an 'as' clause or a parenthetical
attributes ('As the Times reported, S', 'S, officials said, S') and 'made clear that'. Reported speech whose subject
is "I" outside quotation marks is the author's own voice and left out. A quote that opens its sentence and ends in a
comma may have a long speaker phrase before its cue; a person named in apposition right before the cue, the by-agent
of a passive speech verb and a person named after 'according to ROLE –' speak; a quoted headline followed by its
byline ('“…,” by Joshua Gill, Daily Caller') is no quote.

This module is the stage (`run`, `dedupe`); the English rules are in `english/`: `direct` (marks and their cues),
`reported` (the parse, frames, mixed quotes), `sources` ('according to'), `subjects` (who a cue's clause names).
"""

from __future__ import annotations

from presswatch.article import Article, Quote
from presswatch.stages import analysers, speech_rules
from presswatch.stages.english import descriptors, document_speakers
from presswatch.stages.english.direct import find_colon, find_direct
from presswatch.stages.english.quote_context import Context
from presswatch.stages.english.quote_speakers import resolve
from presswatch.stages.english.reported import WORD, find_framed, find_reported, join_mixed, reports_speech
from presswatch.stages.english.sources import find_according
from presswatch.stages.entities import doc_of

MIN_DUPLICATE_WORDS = 5  # shorter quotes of one speaker may repeat a phrase without repeating a statement

DUPLICATE_PAIRS = 0.8  # share of a quote's word pairs found in a longer one of the same speaker: a duplicate

SAME_SHARE = 0.8  # share of a span another one covers that makes them one attribution



def _mostly(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of `spans` covers most of [start, end)."""
    return any(min(e, end) - max(s, start) >= SAME_SHARE * (end - start) for s, e in spans)



def run(article: Article) -> None:
    """Fill `article.quotes` (direct, then reported speech, sorted by position): the English parse rules for
    English, the language's quotation and cue rules (`speech_rules`) for any other."""
    if analysers.family(article.metadata.language) != "en":
        article.quotes = dedupe(speech_rules.find_quotes(article))
        return
    ctx = Context(article, doc_of(article))
    direct = find_direct(ctx)
    spans = [(f.start, f.end) for f in direct] + ctx.cited
    ctx.quoted = spans
    reported = find_reported(ctx, spans)
    reported += find_framed(ctx, spans, [(f.start, f.end) for f in reported])
    direct = join_mixed(ctx, direct, reported)
    # a reported clause inside an according-to sentence is a second attribution ('…, ringing associates to ask
    # them if …, according to a source'); one that holds most of it is the same one
    taken = [(f.start, f.end) for f in reported]
    according = [f for f in find_according(ctx, spans) + find_colon(ctx, spans)
                 if not _mostly(taken, f.start, f.end) and not reports_speech(ctx, reported, f)]
    article.quotes = dedupe(resolve(ctx, direct + reported + according))
    descriptors.resolve_own(article)  # "the attorney general" after "Attorney General William Barr"
    document_speakers.resolve(article)  # "the report said" after "the report by the Subcommittee"



def _words(text: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """A quote's words and word pairs, lower-cased, apostrophes unified."""
    words = WORD.findall(text.lower().replace("’", "'"))
    return frozenset(words), frozenset(zip(words, words[1:], strict=False))



def _covers(big: tuple[frozenset[str], frozenset[tuple[str, str]]],
            small: tuple[frozenset[str], frozenset[tuple[str, str]]]) -> bool:
    """Whether `small` says nothing `big` does not: its words all in `big`, its word pairs nearly all."""
    if len(small[0]) < MIN_DUPLICATE_WORDS or not small[0] <= big[0]:
        return False
    return len(small[1] & big[1]) >= DUPLICATE_PAIRS * len(small[1])



def dedupe(quotes: list[Quote]) -> list[Quote]:
    """Drop a quote whose speaker is said to say the same elsewhere (a lede repeated by the dateline sentence, a
    paraphrase of a direct quote): the kept one is direct rather than reported, then the longer, then the first."""
    words = [_words(q.text) for q in quotes]
    rank = sorted(range(len(quotes)), key=lambda i: (quotes[i].kind != "direct", -len(quotes[i].text), quotes[i].start))
    kept: list[int] = []
    for i in rank:
        q = quotes[i]
        if q.speaker is None or not any(quotes[k].speaker == q.speaker and _covers(words[k], words[i]) for k in kept):
            kept.append(i)
    return [quotes[i] for i in sorted(kept)]
