"""English direct quotes: the text inside quotation marks, attributed by the nearest cue after or before it
(a speech verb, a naming verb, a statement phrase, 'according to', a colon intro); scare quotes skipped, a quote
that runs on over paragraphs closed, an unattributed one continuing the previous speaker's; a paragraph that
opens with a speaker's name and a colon ('Sergei Lavrov: the West is waging a hybrid war').
"""

from __future__ import annotations

import re
from bisect import bisect_right

from presswatch.article import Span
from presswatch.stages.english import speech_frames
from presswatch.stages.english.quote_context import Context, Speaker, inside
from presswatch.stages.english.sources import according_at, noun_phrase_end, source_named
from presswatch.stages.english.subjects import DETERMINERS, adjacent_subject, cue_subject
from presswatch.stages.linguistics import (
    quote_cues,
)
from presswatch.stages.speech_rules.direct_quotes import continues as _continues
from presswatch.stages.speech_rules.speech_language import MAX_ATTRIBUTION_WORDS
from presswatch.stages.speech_rules.speech_text import Found, trim

CLOSERS = {'"': '"', "“": "”\"", "„": "“”\"", "«": "»", "‹": "›"}

MAX_SCARE_WORDS = 4

COMMA_CUE_WORDS = 14  # words between '…,”' and its cue ('“…,” Justice Department spokeswoman Kerri Kupec told')

NOT_NAMING = frozenset({"to", "for", "on", "upon", "off", "out", "over"})  # after a naming verb: what is asked, why

NAMING_HEAD_WORDS = 20  # words a naming verb may stand before a quote that ends its sentence

_BYLINE = re.compile(r"[,\s]*by\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}\s*,")  # after a cited headline

_OPENER = re.compile("[" + re.escape("".join(CLOSERS)) + "]")

_CLOSER = {ch: re.compile("[" + re.escape(closers) + "]") for ch, closers in CLOSERS.items()}



def quote_marks(line: str) -> list[tuple[int, int]]:
    """(open, close) offsets of quotation marks within one paragraph; an unclosed quote runs to the line's end.

    A straight opening mark with no straight closer after it closes at a curly one, if any (mixed marks)."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(line)
    while i < n:
        opener = _OPENER.search(line, i)
        if opener is None:
            break
        i, ch = opener.start(), opener.group()
        closer = _CLOSER[ch].search(line, i + 1)
        j = n if closer is None else closer.start()
        if j == n and ch == '"':  # mixed marks: '"Text.” he said' (no straight closer in the rest of the line)
            k = line.find("”", i + 1)
            j = k if k > 0 else n
        out.append((i, j))
        i = j + 1
    return out



def _cue_after(ctx: Context, close: int, para_end: int, words: int) -> int | None:
    """A speech verb within `words` words after a closing mark, in the same sentence."""
    doc = ctx.doc
    i = ctx.token_at(close + 1)
    seen = 0
    while i < len(doc) and doc[i].idx < para_end and seen < words:
        tok = doc[i]
        if tok.text in CLOSERS or tok.text in {"”", "»"} or tok.text in {".", "?", "!", ";"}:
            return None
        if ctx.is_cue(i) or according_at(doc, i):
            return i
        if not (tok.is_punct or tok.is_space):
            seen += 1
        i += 1
    return None



def _cue_before(ctx: Context, open_: int, para_start: int, words: int) -> int | None:
    """A speech verb within `words` words before an opening mark ("X said: ..."), in the same sentence."""
    doc = ctx.doc
    i = ctx.token_at(open_) - 1
    seen = 0
    while i >= 0 and doc[i].idx >= para_start and seen <= words:
        tok = doc[i]
        if tok.text in CLOSERS or tok.text in {"”", "»", "?", "!", ";"} or (tok.text == "." and seen):
            return None
        if ctx.is_cue(i) or according_at(doc, i):
            return i
        if not (tok.is_punct or tok.is_space or tok.lower_ == "that"):
            seen += 1
        i -= 1
    return None



def _naming_cue(ctx: Context, open_: int, para_start: int) -> int | None:
    """'called it "a betrayal"', 'branded the plan "reckless"': a naming verb (by the parse) a few words before
    the opening mark, in the same clause."""
    naming, words, _ = quote_cues()
    doc = ctx.doc
    i = ctx.token_at(open_) - 1
    seen = 0
    while i >= 0 and doc[i].idx >= para_start and seen <= words:
        tok = doc[i]
        if (tok.is_punct and tok.text not in {"-", "'"}) or tok.lower_ in NOT_NAMING:
            return None  # 'called upon Francis to "clarify"', 'condemned Trump for "sensationalizing"'
        if tok.lower_ in naming:
            parsed = ctx.parsed_token(i)
            ok = parsed is not None and parsed.tag_.startswith("VB") and parsed.dep_ not in {"acl", "amod", "compound"}
            # not 'The film, called "…"', nor 'what is called the "…"' (no one who names it)
            return i if ok and cue_subject(ctx, i) is not None else None
        if not tok.is_space:
            seen += 1
        i -= 1
    return None



def _naming_head(ctx: Context, open_: int, close: int) -> int | None:
    """'Yore called the case involving … Bishop Juan Barros “a scandal of epic proportions.”': a naming verb up
    to `NAMING_HEAD_WORDS` words before a quote that ends its sentence, with no punctuation, speech verb or word
    of `NOT_NAMING` between, when the verb has a subject."""
    text = ctx.article.text
    if text[close - 1:close] not in {".", "!"} and text[close + 1:close + 2] != ".":
        return None
    naming = quote_cues()[0]
    doc = ctx.doc
    i = ctx.token_at(open_) - 1
    seen = 0
    while i >= 0 and seen <= NAMING_HEAD_WORDS:
        tok = doc[i]
        if (tok.is_punct and tok.text not in {"-", "'"}) or tok.lower_ in NOT_NAMING or "\n" in tok.text:
            return None
        if tok.lower_ in naming:
            parsed = ctx.parsed_token(i)
            ok = parsed is not None and parsed.tag_.startswith("VB") and parsed.dep_ not in {"acl", "amod", "compound"}
            return i if ok and cue_subject(ctx, i) is not None else None
        if ctx.is_cue(i):
            return None
        if not tok.is_space:
            seen += 1
        i -= 1
    return None



def _statement_cue(ctx: Context, open_: int) -> tuple[int | None, str | None]:
    """'In a statement, the ministry condemned the attack as "..."': (the main verb, the phrase) of a sentence
    that a statement phrase marks as speech."""
    hit = ctx.parsed.get(ctx.token_at(open_ + 1))
    if hit is None:
        return None, None
    ps = hit[0]
    low = ps.doc.text.lower()
    phrase = next((p for p in quote_cues()[2] if 0 <= low.find(p) < open_ - ps.offset), None)
    if phrase is None:  # none before the quote (one inside it is the speaker's own words)
        return None, None
    root = ps.doc[hit[1]].sent.root
    if not root.tag_.startswith("VB") or ps.offset + root.idx >= open_ or cue_subject(ctx, ps.start + root.i) is None:
        return None, None
    return ps.start + root.i, phrase



def _according_colon(ctx: Context, open_: int) -> int | None:
    """ "According to Ritter:" ending the paragraph or sentence right before a quote: the "according" token."""
    doc = ctx.doc
    i = ctx.token_at(open_) - 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 3 or doc[i].text != ":":
        return None
    for k in range(i - 2, max(-1, i - 9), -1):
        if doc[k].is_punct:
            return None
        if according_at(doc, k):
            return k
    return None



def _intro_cue(ctx: Context, open_: int) -> int | None:
    """The verb of a sentence that ends, right before a quote opens, on the document the quote comes from ('Trump’s
    lawyers, Rudy Giuliani and Jay Sekulow, issued a statement.⏎“We’re pleased …”', 'The ministry released a
    statement:'), from the parse."""
    sents = ctx.narrative_sentences()
    k = bisect_right([s for s, _ in sents], open_) - 1
    if k >= 0 and sents[k][0] >= open_ - 1:
        k -= 1  # the quote opens its own sentence: the one before it
    if k < 0 or ctx.article.text[sents[k][1]:open_].strip(" \t\u00a0\n:“\"") or \
            ctx.paragraph(sents[k][0]) < ctx.paragraph(open_) - 1:
        return None
    end = ctx.token_at(sents[k][1] - 1)
    while end > 0 and (ctx.doc[end].is_space or ctx.doc[end].text in {"“", '"'}):
        end -= 1
    if end < 1 or ctx.doc[end].text not in {".", ":"}:
        return None
    noun = ctx.parsed_token(end - 1)
    if noun is None or noun.lower_ not in speech_frames.frames().sources or noun.dep_ != "dobj":
        return None
    verb = noun.head
    if not verb.tag_.startswith("VB") or any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    return ctx.parsed[end - 1][0].start + verb.i



MAX_CARRY = 3  # paragraphs without marks an unclosed quote may run over before the paragraph that closes it



def _first_mark(line: str) -> tuple[int, bool] | None:
    """(offset, whether it closes) of the first quotation mark of a paragraph: '”' and '»' close, '“' and '«'
    open, a straight '"' closes after a word or punctuation ('transparency," they said')."""
    for i, ch in enumerate(line):
        if ch in "”»":
            return i, True
        if ch in "“«„":
            return i, False
        if ch == '"':
            return i, bool(i and not line[i - 1].isspace() and line[i - 1] not in "([{—–-")
    return None



def _carried_close(text: str, paras: list[Span], k: int) -> tuple[int, int] | None:
    """A quote left open at the end of paragraph k that a later paragraph closes before it opens another, with
    at most `MAX_CARRY` paragraphs without marks between ('“Let it come out.⏎Let people see it,” he said.'):
    (the closing mark's offset, that paragraph's index)."""
    for j in range(k + 1, min(len(paras), k + 2 + MAX_CARRY)):
        first = _first_mark(text[paras[j].start:paras[j].end])
        if first is not None:
            return (paras[j].start + first[0], j) if first[1] else None
    return None



def find_direct(ctx: Context) -> list[Found[Speaker]]:
    text = ctx.article.text
    out: list[Found[Speaker]] = []
    paras = [span for _, span in ctx.article.paragraphs()]
    resume: dict[int, tuple[int, bool]] = {}  # paragraph -> (offset after a carried quote's close, its cue after it)
    open_ended: set[int] = set()  # quotes of `out` that run to their paragraph's end, closed nowhere
    for k, para in enumerate(paras):
        line = text[para.start:para.end]
        skip, after = resume.get(k, (0, False))
        prev_close: int | None = skip - 1 if skip else None  # the previous quote's closing mark in this paragraph
        prev_cue: int | None = None  # the previous quote's cue token in this paragraph
        prev_cue_after = after  # whether the previous quote's cue follows it ('"A," said X, ... . "B."')
        for o, c in [(o + skip, c + skip) for o, c in quote_marks(line[skip:])]:
            # after a cue that followed the previous quote, the attribution sentence between may be long
            follows = prev_close is not None and _continues(line, prev_close, o, None if prev_cue_after else
                                                            MAX_ATTRIBUTION_WORDS)
            # '“A,” Clinton said, pointing to … Trump, who has denied them. “B.”': the sentence between is A's
            # attribution, so B goes on with A's speaker, not with a verb or 'according to' of that sentence
            continued = follows and prev_cue_after and line[:o].rstrip()[-1:] == "."
            prev_close, prev_cue_after = c, False
            o_abs, c_abs = para.start + o, para.start + c
            end_para = para  # the paragraph of the closing mark
            carried = _carried_close(text, paras, k) if c == len(line) else None
            if carried is not None:
                c_abs, end_para = carried[0], paras[carried[1]]
            s, e = trim(text, o_abs + 1, c_abs)
            if s >= e:
                continue
            short = len(text[s:e].split()) <= MAX_SCARE_WORDS
            # '“…,” the head of the Northern Command, Terrence O’Shaughnessy told': a quote that opens its sentence
            # and ends in a comma is followed by its attribution, however long the speaker's description (not
            # 'Israeli “occupation,” but he also …, saying')
            opens = line[:o].rstrip()[-1:] in {"", ".", "!", "?", ":", "”", '"'}
            after_words = COMMA_CUE_WORDS if opens and text[c_abs - 1:c_abs] == "," else 4 if short else 8
            # a quote that ends its sentence with a full stop is not attributed by what follows it
            cue = None if text[e - 1] == "." else _cue_after(ctx, c_abs, end_para.end, after_words)
            if cue is not None and according_at(ctx.doc, cue) and re.search(r"\bthat\s*$", line[:o]):
                # 'She told a town hall that “…,” according to WFAA': the report names who said it
                cue = _cue_before(ctx, o_abs, para.start, 10) or cue
            if cue is None:
                cue = _cue_before(ctx, o_abs, para.start, 0 if short else 10)
                cue = None if continued and cue != prev_cue else cue  # only the previous quote's own cue
            if cue is None and not short:
                cue = ctx.colon_verb(o_abs)
                cue = ctx.governing_cue(o_abs, c_abs) if cue is None else cue
                cue = _according_colon(ctx, o_abs) if cue is None else cue
            cue_word = None
            if cue is None:
                cue = _naming_cue(ctx, o_abs, para.start)
                cue = _naming_head(ctx, o_abs, c_abs) if cue is None else cue
                if cue is None:
                    cue, cue_word = _statement_cue(ctx, o_abs)
            if cue is None and short:
                continue  # a scare quote, not speech
            if _BYLINE.match(text, c_abs + 1):  # '“Christian Parent Furious After …,” by Joshua Gill, Daily
                ctx.cited.append((s, e))  # Caller': a headline cited, no speech, nor is anything in it
                continue
            if _label(ctx, o_abs, c_abs, cue if short else None):
                continue  # 'told “Face the Nation”', 'the “Today” interview', 'described as a “former official”'
            speaker = None
            if cue is not None and according_at(ctx.doc, cue):
                end = noun_phrase_end(ctx.doc, cue + 2, ctx.token_at(end_para.end))
                speaker = source_named(ctx, cue + 2, end, ctx.token_at(end_para.end)) if end > cue + 2 else None
            elif cue is not None:
                lo = ctx.token_at(para.start)
                hi = ctx.token_at(end_para.end)
                speaker = cue_subject(ctx, cue)
                if speaker is None or o_abs < ctx.doc[speaker.start].idx < c_abs:
                    # no subject, or the parse put it inside the quote itself: the words beside the cue
                    speaker = adjacent_subject(ctx, cue, lo, hi)
                    if speaker is not None and o_abs < ctx.doc[speaker.start].idx < c_abs:
                        speaker = None
            if cue is None:
                speaker = colon_name(ctx, para.start, o_abs)  # 'Microsoft: "…"'
            if cue is None and speaker is None:
                cue = _intro_cue(ctx, o_abs)  # 'X issued a statement.⏎“…”'
                speaker = cue_subject(ctx, cue) if cue is not None else None
            tail = text[c_abs + 1:end_para.end]
            outside = (line[:o] + tail if carried else line[:o] + line[c + 1:]).strip(" \t\u00a0.,;:—–-")
            cue_text = None if cue is None else cue_word or ("according to" if according_at(ctx.doc, cue)
                                                             else ctx.doc[cue].text)
            prev_cue_after = cue is not None and ctx.doc[cue].idx > c_abs
            prev_cue = cue
            if carried is not None:
                resume[carried[1]] = (c_abs - end_para.start + 1, prev_cue_after)
            elif c == len(line):
                open_ended.add(len(out))
            out.append(Found(s, e, "direct", cue_text, speaker,
                             c_abs if cue is not None and ctx.doc[cue].idx > c_abs else o_abs,
                             inherit=None if cue is not None or speaker is not None else "paragraph" if not outside else
                             "sentence" if follows else None))
    _forward(text, out, open_ended)
    return out



def _forward(text: str, direct: list[Found[Speaker]], open_ended: set[int]) -> None:
    """A whole-paragraph quote left open goes on in the next paragraph's opening quote (the wire convention
    for a statement over several paragraphs: '“A …⏎“B …,” he said.'): it takes that quote's cue and speaker
    when the cue follows the quote."""
    for i in sorted(open_ended, reverse=True):
        f = direct[i]
        if f.cue is not None or f.speaker is not None or f.inherit != "paragraph" or i + 1 >= len(direct):
            continue
        nxt = direct[i + 1]
        gap = text[f.end:nxt.start]
        if nxt.cue is None or nxt.order < nxt.end or gap.count("\n") != 1 or gap.strip(" \t\u00a0\n\"“”„«»"):
            continue
        f.cue, f.speaker, f.inherit, f.order = nxt.cue, nxt.speaker, None, nxt.order



def _label(ctx: Context, open_: int, close: int, cue: int | None) -> bool:
    """Whether quoted words name something rather than say it: the complement of a participle's "as" ('described
    as a “…”'),
    and, for a short quote (whose `cue` is given), the party told ('told “Face the Nation”'), a show after "on"
    or a noun's modifier ('the “Today” interview')."""
    doc = ctx.doc
    i = ctx.token_at(open_) - 1
    before = [doc[k].lower_ for k in range(max(0, i - 1), i + 1) if not doc[k].is_space]
    as_at = i if before[-1:] == ["as"] else i - 1 if before[-2:-1] == ["as"] and before[-1] in DETERMINERS else None
    participle = ctx.parsed_token(as_at - 1) if as_at is not None and as_at > 0 else None
    if participle is not None and participle.tag_ == "VBN":
        return True  # 'a woman described as a “former official”', 'known as “…”' (not 'criticised X as “…”')
    if cue is None:
        return False
    if (doc[cue].lower_ in {"told", "tells", "telling"} and doc[cue].idx < open_) or before[-1:] == ["on"]:
        return True  # 'told “Face the Nation”', 'On “State of the Union,” Paul added'
    if ctx.article.text[close - 1:close] == ",":
        return False  # '“It’s difficult to understand,” defense attorney John Zwerling said' is no modifier
    j = ctx.token_at(close + 1)
    nxt = ctx.parsed_token(j) if j < len(doc) and doc[j].idx <= close + 2 else None
    return nxt is not None and nxt.is_lower and nxt.tag_.startswith("NN")



COLON_WORDS = 5  # "Sergei Lavrov: the West is waging a hybrid war" says something; "Lavrov: a profile" not



def _named_colon(ctx: Context, para_start: int) -> int | None:
    """End token of a person named at a paragraph's start, followed by a colon and named again in another
    paragraph, if any (a name found only there is mostly a headline's words: "DOJ Surrenders: …")."""
    doc = ctx.doc
    i = ctx.token_at(para_start)
    end = ctx.mention_starting(i) if i < len(doc) else None
    if end is None or end >= len(doc) or doc[end].text != ":":
        return None
    hit = ctx.entity_in(doc[i].idx, doc[end - 1].idx + len(doc[end - 1]))
    if hit is None or hit[0].label != "PERSON":
        return None
    line_end = ctx.article.text.find("\n", para_start)
    line_end = len(ctx.article.text) if line_end < 0 else line_end
    # named elsewhere too: a headline's title-case words ("Obama’s Treason: …") are often called a PERSON
    return end if any(not para_start <= m.start < line_end for m in hit[0].mentions) else None



def colon_name(ctx: Context, para_start: int, open_: int) -> Speaker | None:
    """The speaker of a quote right after 'Name:' at a paragraph's start."""
    end = _named_colon(ctx, para_start)
    if end is None or ctx.article.text[ctx.doc[end].idx + 1:open_].strip():
        return None
    return Speaker(ctx.token_at(para_start), end, None)



def find_colon(ctx: Context, direct: list[tuple[int, int]]) -> list[Found[Speaker]]:
    """ "Lavrov: the West is waging a hybrid war": a person named at a paragraph's start, a colon,
    and a statement of its own words (outside quotation marks, at least `COLON_WORDS` words)."""
    doc, text = ctx.doc, ctx.article.text
    out: list[Found[Speaker]] = []
    for _, para in ctx.article.paragraphs():
        end = _named_colon(ctx, para.start)
        if end is None or doc[end].idx >= para.end:
            continue
        i = ctx.token_at(para.start)
        s, e = trim(text, doc[end].idx + 1, para.end, " \t\u00a0,.;:")
        if text[s:s + 1] in CLOSERS or len(text[s:e].split()) < COLON_WORDS or inside(direct, s, e):
            continue  # a quote after the colon is a direct one
        out.append(Found(s, e, "reported", None, Speaker(i, end, None), doc[i].idx))
    return out
