"""An attribution set between commas inside the clause it reports, where no name follows the cue (French,
Italian: the rules' `incises`).

'L’Occidente, ha proseguito, deve fermare Mosca …' (a left-out subject), 'Un incontro, specificano fonti di
Palazzo Chigi, che era in agenda …', 'In questo contesto, prosegue “Bloomberg”, ha un evidente peso …', 'questo, nota
lo studio del Forum …, può permettere …': the sentence around the aside is reported speech. The words before the
aside are one clause head of its sentence (no quotation marks, no cue); the aside is the cue and at most
MAX_ASIDE_WORDS words up to a comma (none where the language leaves the subject out); at least MIN_REST words follow
it before the sentence ends. A named aside ('La Russie, a affirmé X, ne …') is reported_speech's own case.
"""

from __future__ import annotations

import re

from presswatch.stages.speech_rules import romance_cues
from presswatch.stages.speech_rules.cue_speaker import speaker_beside
from presswatch.stages.speech_rules.speech_language import Rules
from presswatch.stages.speech_rules.speech_text import EDGE, Found, Names, clause_start, inside_any, trim, words_of

MAX_ASIDE_WORDS = 8
MIN_REST = 3
_MARKS = re.compile(r"[«»„“”\"]")


def _speaker_like(word: str, r: Rules) -> bool:
    """Whether an aside's first word may open who speaks: a capitalised word, a determiner, a title or a role or
    source word ('fonti di Palazzo Chigi')."""
    low = romance_cues.unelided(word, r.lang).casefold()
    lists = (r.determiners, r.titles, r.role_heads, r.institutions, r.media_heads,
             romance_cues.words(r.lang, "aside_sources"))
    return word[:1].isupper() or any(low in s or word.casefold() in s for s in lists)


def incise(text: str, para_start: int, cue: re.Match[str], sent_end: int, names: Names, r: Rules,
           direct: list[tuple[int, int]]) -> Found | None:
    """The reported quote of a cue set between commas in its clause, or None."""
    if not (r.incises and romance_cues.enabled(r.lang)) or r.according is not None and r.according.match(
            text, cue.start()):
        return None  # '…, selon lui, …': a source phrase (reported_speech._according)
    start = clause_start(text, para_start, cue.start())
    head = text[start:cue.start()].rstrip(" \u00a0")
    if not head.endswith(",") or not words_of(head) or _MARKS.search(head) or r.cue.search(head):
        return None
    at = romance_cues.after_time(text, cue.end(), sent_end, r.lang)  # "ha annunciato, oggi, il portavoce …"
    comma = text.find(",", at, sent_end)
    if comma < 0:
        return None
    aside = text[at:comma]
    title = romance_cues.quoted_title(text, at, comma, r.lang)  # 'prosegue “Bloomberg”,'
    if title is None and (_MARKS.search(aside) or re.search(r"[.;:!?()]", aside)):
        return None
    words = words_of(aside)
    n = len(words)
    if n > MAX_ASIDE_WORDS or n == 0 and not r.pro_drop or n and title is None and not _speaker_like(words[0], r):
        return None  # 'Il ministero …, ha rilevato otto J-11, …': what was seen, not who saw it
    s, e = trim(text, start, sent_end, EDGE)
    if len(words_of(text[comma + 1:e])) < MIN_REST or inside_any(direct, s, e) or any(
            a <= s and e <= b for a, b in direct):
        return None
    speaker = title or (speaker_beside(text, cue.start(), cue.end(), cue.end(), comma, names, r) if n else None)
    return Found(s, e, "reported", cue.group(0), speaker, cue.start())
