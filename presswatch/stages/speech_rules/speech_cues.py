"""Cues next to speech: a cue just after a closing quotation mark, a past-tense verb there, a complementiser a few
words after a cue, a cue that takes an infinitive complement."""

from __future__ import annotations

import re

from presswatch.stages.speech_rules.speech_language import CUE_WINDOW, DASHES, MAX_THAT_GAP, Rules
from presswatch.stages.speech_rules.speech_text import words_of


def takes_infinitive(text: str, cue: re.Match[str], r: Rules) -> bool:
    """Whether a cue may report speech by an infinitive complement: not an aspect verb ("continue de …") nor a noun
    after an elided article ("L'accusa di …")."""
    if r.infinitive is None or cue.group(0).casefold() in r.no_infinitive:
        return False
    return not re.search(r"(?<!\w)(?:l|un|dell|all|nell|sull|d)['’]$", text[max(0, cue.start() - 6):cue.start()], re.I)


_LEAD = re.compile(rf"\s*[,?!…]*\s*[{DASHES}]*\s*")


def cue_after(text: str, close: int, end: int, r: Rules) -> re.Match[str] | None:
    """A cue within `CUE_WINDOW` words after a closing mark that a comma, a dash or ?!… joins to the quote."""
    lead = _LEAD.match(text, close + 1, end)
    assert lead is not None
    joined = lead.group(0).strip() or text[close - 1:close] in {"?", "!", "…", ","}
    if "." in lead.group(0):
        return None  # '«…». Next sentence': nothing joins them
    source = r.according.match(text, lead.end(), end) if r.according is not None and joined else None
    if source is not None:
        return source  # '« … », selon le ministère'
    past = _past_cue(text, lead.end(), end, r) if joined and lead.group(0).strip() else None
    if past is not None:
        return past
    for m in r.cue.finditer(text, lead.end(), end):
        if not joined and m.start() > lead.end():
            return None  # '« … » a déclaré X' needs the cue right after the mark when no comma or dash joins them
        gap = text[lead.end():m.start()]
        if len(words_of(gap)) > CUE_WINDOW or re.search(r"[.!?;«»„“\"]", gap):
            return None
        if m.group(0).casefold() in r.after_quote and gap.strip():
            return None  # "so" attributes only right after the mark
        return m
    return None


def _past_cue(text: str, at: int, end: int, r: Rules) -> re.Match[str] | None:
    """A verb in the past tense right after a closing mark and its dash or comma, though no listed cue ("…” –
    warknął Emmanuel Macron", "», — съязвил он"): the language's past-tense shape (data `past_cue`), then a name,
    a pronoun or the sentence's end."""
    if r.past_cue is None or r.cue.match(text, at):
        return None
    m = r.past_cue.match(text, at, end)
    if m is None:
        return None
    nxt = re.match(r"[ \u00a0]*(\S)", text[m.end():end])
    if nxt is None or nxt.group(1) in ".!?…" or nxt.group(1).isupper():
        return m
    word = re.match(r"[ \u00a0]*(\w+)", text[m.end():end])
    return m if word is not None and word.group(1).casefold() in r.pronouns else None


def that_after_gap(text: str, start: int, end: int, r: Rules) -> re.Match[str] | None:
    """The complementiser a few words after a cue ('a déclaré à plusieurs reprises qu’…', 'ha affermato infatti
    che …', 'przekonywała w piątek na wiecu w Glasgow, że …'): the gap opens with one of the language's adverbs or
    prepositions or stands between commas (', citando vari analisti militari, che'); in a language whose
    complementiser is never a relative pronoun (że) any gap ending in a comma will do."""
    if not r.gap_openers and not r.gap_any:
        return None
    prev = start
    longest = r.comma_gap if text[start:end].lstrip(" \u00a0").startswith(",") else MAX_THAT_GAP
    for n, w in enumerate(re.finditer(r"\w+", text[start:end])):
        if n > longest:  # "a déclaré, comme il l'avait déjà fait par le passé, que": an aside between commas
            return None
        that = r.that.match(text, prev, end)
        prev = start + w.end()
        while prev < end and text[prev] == "»":  # "напомнил «360», что"
            prev += 1
        if that is None or that.end() <= start + w.start():
            continue
        gap = _SHORT_TITLE.sub(" «» ", text[start:that.start()])  # "напомнил «360», что": who was told
        gap_words = words_of(gap)
        if not gap_words and "«»" not in gap or re.search(r"[„“”\"():;]|«(?!»)|(?<!«)»", gap) or r.cue.search(gap):
            return None
        if not gap_words:
            return that if "«" in r.gap_openers and "," in text[that.start():that.end()] else None
        comma = "," in text[that.start():that.end()]
        first = gap_words[0].casefold().rstrip("'’")
        phrase = " ".join(gap_words).casefold()
        if (r.gap_any and comma) or first in r.gap_openers or (gap.lstrip(" \u00a0").startswith(",") and comma) or \
                any(phrase == p or phrase.startswith(p + " ") for p in r.gap_phrases):
            return that
        return None
    return None


_SHORT_TITLE = re.compile(r"«[^«»]{1,30}»")
