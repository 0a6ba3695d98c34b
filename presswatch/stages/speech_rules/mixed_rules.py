"""Mixed quotes for the rule languages that mark them (data/speech_rules.json `mixed_quotes`: French, Italian).

'la Russie estimait que «de nombreux mercenaires étrangers» étaient présents', 'Pelosi ha assicurato che la sua
presenza ha reso «inequivocabilmente chiaro» che …': the marks hold part of a clause that the narration
paraphrases, so the clause is one reported quote with the marked words as its parts, not a direct quote of a
fragment. A marked quote is such a fragment when it does not open a sentence, ends no sentence inside its marks,
has no cue after it (a source phrase, '…», selon le Kremlin', is allowed) and narration touches it inside its
clause: words right before the opening mark other than the complementiser, or words after the closing mark before
the clause ends. 'a affirmé qu’« … », …' (the marks hold the whole clause) stays a direct quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from presswatch.article import Article
from presswatch.stages.speech_rules import romance_cues
from presswatch.stages.speech_rules.speech_cues import that_after_gap

FRAME_OBJECT_WORDS = 8  # words of a frame's object and infinitive before the marks ("la Russie et la Chine de tenter")
OPEN_CLAUSE = re.compile(r"[,;:.!?…«»“”„\"()\n]")


def _words_before(text: str, lo: int, open_: int, that: re.Pattern[str]) -> bool:
    """Whether narration words stand right before an opening mark (not only a complementiser: 'qu’«…»')."""
    head = text[lo:open_].rstrip(" \u00a0\t")
    if not head or head[-1] in ":,;" or head[-1] in "-–—":
        return False
    last = re.search(r"[\w’']+$", head)
    if last is None:
        return False
    word = last.group(0)
    return that.fullmatch(" " + word) is None and that.fullmatch(word) is None


def _narrated(text: str, lo: int, open_: int, r: Any) -> bool:
    """Whether the narration of the sentence runs into an opening mark: three words or more of the sentence before
    it, a word right before it that is not a complementiser ('la guerra della Russia contro l’Ucraina “…”') and no
    reported clause of its own cue under way there."""
    start = max(text.rfind(ch, lo, open_) for ch in ".!?:") + 1 or lo
    return len(re.findall(r"\w+", text[start:open_])) >= 3 and _words_before(text, lo, open_, r.that) and not \
        _inside_clause(text, lo, open_, r)  # 'M. Poutine a déclaré que … «…», rapporte l'AFP': Poutine's clause


def _words_after(text: str, close: int, hi: int) -> bool:
    """Whether the clause goes on after a closing mark ('» étaient présents'), before a comma or the sentence end."""
    stop = OPEN_CLAUSE.search(text, close + 1, hi)
    tail = text[close + 1:stop.start() if stop else hi]
    return bool(re.search(r"\w", tail))


def fragments(article: Article, direct: list[Any], r: Any, cue_after: Any) -> set[tuple[int, int]]:
    """The (start, end) of the direct quotes found in marks that are parts of a clause, not quotes of their own;
    `cue_after(text, close, para_end, r)` is the rule that finds a cue after a closing mark."""
    text = article.text
    out: set[tuple[int, int]] = set()
    paras = [(p.start, p.end) for _, p in article.paragraphs()]
    for f in direct:
        o = f.order
        if not (0 <= o < len(text)) or text[o] not in r.openers or f.inherit == "paragraph":
            continue
        lo, hi = next(((s, e) for s, e in paras if s <= o < e), (0, len(text)))
        close = f.end
        while close < hi and text[close] in " \t\u00a0,":
            close += 1
        if close >= hi:
            continue  # unclosed: runs to the paragraph's end
        head = text[lo:o].rstrip(" \u00a0\t")
        if not head or head[-1] in ".!?…:" or text[f.end - 1:f.end] in {".", "!", "?", "…"} and not (
                romance_cues.enabled(r.lang) and _words_before(text, lo, o, r.that) and _inside_clause(text, lo, o, r)):
            continue  # a quote that opens a sentence, or ends one inside its marks, is said as it stands (not the
            # words a reported clause runs into: 'a déclaré qu’une guerre … serait acceptable car « … un jour. »')
        cue = cue_after(text, close, hi, r) if close + 1 < hi else None
        if cue is not None and romance_cues.enabled(r.lang) and _own_clause(text, cue.end(), hi, r):
            cue = None  # '«…», précise toutefois qu’aucun pays …': the cue after reports a clause of its own
        if cue is not None and not (r.according is not None and r.according.fullmatch(cue.group(0))) and not (
                romance_cues.enabled(r.lang) and _narrated(text, lo, o, r)):
            continue  # '«…», a déclaré X' is said as it stands; 'la guerra … “non finirà presto”, ha ribadito X' not
        if _words_before(text, lo, o, r.that) or _words_after(text, close, hi) or _inside_clause(text, lo, o, r):
            out.add((f.start, f.end))
    return out


def _own_clause(text: str, cue_end: int, hi: int, r: Any) -> bool:
    """Whether a cue opens a reported clause of its own: its complementiser right after it or after a gap."""
    end = min([hi] + [i for i in (text.find(ch, cue_end, hi) for ch in ".!?") if i >= 0])
    return r.that.match(text, cue_end, end) is not None or that_after_gap(text, cue_end, end, r) is not None


def _inside_clause(text: str, lo: int, open_: int, r: Any) -> bool:
    """Whether a reported clause of its sentence is under way at an opening mark: a cue and its complementiser
    (in French and Italian also after a gap: speech_cues.that_after_gap) before it, and words between those and
    the mark ('ha precisato di aver, secondo il protocollo, «…»')."""
    start = max(text.rfind(ch, lo, open_) for ch in ".!?") + 1 or lo
    for cue in r.cue.finditer(text, max(lo, start), open_):
        that = r.that.match(text, cue.end(), open_) or (
            r.infinitive.match(text, cue.end(), open_) if r.infinitive is not None else None) or (
            that_after_gap(text, cue.end(), open_, r) if romance_cues.enabled(r.lang) else None)  # "a déclaré aux
        # téléspectateurs qu’…"
        if that is not None and re.search(r"\w", text[that.end():open_]):
            return True
    return _framed(text, start, open_, r)


def _framed(text: str, start: int, open_: int, r: Any) -> bool:
    """Whether an opening mark follows a frame cue, its object and its link ('a accusé la Russie et la Chine de
    tenter « de saper … »', 'a accusé la Chine de « pratiques … »'): the marked words complete the frame's clause."""
    if r.frame_cues is None or r.frame_link is None:
        return False
    for cue in r.frame_cues.finditer(text, start, open_):
        for link in r.frame_link.finditer(text, cue.end(), open_):
            obj = text[cue.end():link.start()]
            if len(re.findall(r"\w+", text[link.end():open_])) <= 1 and 1 <= len(re.findall(r"\w+", obj)) <= \
                    FRAME_OBJECT_WORDS and not re.search(r"[,;:.!?«»„“”\"()]", obj):
                return True
    return False


def fold(text: str, direct: list[Any], reported: list[Any], frags: set[tuple[int, int]], r: Any,
         marks: Callable[[str, dict[str, str]], list[tuple[int, int]]]) -> list[Any]:
    """The direct quotes less the fragments a kept reported quote holds; each reported quote that holds quoted
    words gets them as its parts (`marks(line, openers)` finds the (open, close) marks of a line). A reported
    quote that ends inside a fragment's marks (at a full stop the marks hold) runs on to its closing mark (French,
    Italian: romance_cues)."""
    held: set[tuple[int, int]] = set()
    for q in reported:
        # 'a estimé qu’il était «vraiment dangereux … battue. Il y a là …»': the clause ends at the fragment's
        # closing mark, not at a full stop inside its marks
        for fs, fe in sorted(frags) if romance_cues.enabled(r.lang) else ():
            line_end = text.find("\n", q.start)
            opener = max(text.rfind(m, q.start, fs) for m in r.openers)
            if q.start < fs < q.end <= fe and (line_end < 0 or fe <= line_end) and opener > q.start and \
                    _words_before(text, q.start, opener, r.that):  # not '… e che «…»': a clause of its own
                close = fe
                while close < len(text) and text[close] in " \u00a0":  # "« … un jour. »"
                    close += 1
                q.end = close + 1 if close < len(text) and text[close] in "»”\"" else fe
        parts = [(q.start + o + 1, q.start + c) for o, c in marks(text[q.start:q.end], r.openers)
                 if c < q.end - q.start]
        if parts:
            q.parts = parts
            held.update(sp for sp in frags if q.start <= sp[0] and sp[1] <= q.end)
    return [f for f in direct if (f.start, f.end) not in held]
