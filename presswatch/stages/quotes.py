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
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np
from spacy.attrs import DEP, LOWER, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Token
from spacy.tokens import Span as TokenSpan

from presswatch.article import Article, Quote, Span
from presswatch.stages import analysers, speech_rules
from presswatch.stages.english import descriptors, document_speakers, speech_frames
from presswatch.stages.english.quote_context import POSSESSIVES, Context, Speaker, inside
from presswatch.stages.english.quote_speakers import PERSON_PRONOUNS, junk_speaker, resolve
from presswatch.stages.entities import doc_of
from presswatch.stages.linguistics import (
    ParsedSentence,
    parsed_sentences,
    quote_cues,
    sentences_of,
    speech_verbs,
)
from presswatch.stages.speech_rules.direct_quotes import continues as _continues
from presswatch.stages.speech_rules.speech_language import MAX_ATTRIBUTION_WORDS
from presswatch.stages.speech_rules.speech_text import Found, skip_space, trim

CLOSERS = {'"': '"', "“": "”\"", "„": "“”\"", "«": "»", "‹": "›"}
PRONOUNS = PERSON_PRONOUNS | {"they", "we", "i", "it"}
BETWEEN = frozenset({"also", "later", "then", "again", "further", "recently", "earlier", "previously", "has", "had",
                     "have", "was", "is", "would", "will", "reportedly", "once", "allegedly", "simply", "just",
                     "repeatedly", "himself", "herself", "even", "still"})
# 'said after concluding', 'by declaring': the verb's subject speaks (not 'barred him from disclosing')
SAME_SUBJECT_PREPS = frozenset({"after", "before", "by", "in", "upon", "on", "without", "while", "when"})
QUESTION_CUES = frozenset({"ask", "asks", "asked", "asking", "wondered", "wonders", "inquired", "queried"})
MAX_SCARE_WORDS = 4
COMMA_CUE_WORDS = 14  # words between '…,”' and its cue ('“…,” Justice Department spokeswoman Kerri Kupec told')
MAX_OVERFLOW_WORDS = 8  # words a quote inside reported speech may run on after the clause the parse ends
MIN_DUPLICATE_WORDS = 5  # shorter quotes of one speaker may repeat a phrase without repeating a statement
DUPLICATE_PAIRS = 0.8  # share of a quote's word pairs found in a longer one of the same speaker: a duplicate
_WORD = re.compile(r"\w+(?:'\w+)?")
RELATIVE = frozenset({"that", "which", "who"})
NP_END_STOP = frozenset({"in", "of", "to", "for", "on", "at", "by", "with", "and", "or", "but", "from", "that", "which",
                         "who", "the", "a", "an", "is", "was", "be", "been", "being", "not", "n't", "also"})
NP_LEFT = frozenset({"compound", "det", "amod", "poss", "nmod", "nummod"})
NOT_NAMING = frozenset({"to", "for", "on", "upon", "off", "out", "over"})  # after a naming verb: what is asked, why
NAMING_HEAD_WORDS = 20  # words a naming verb may stand before a quote that ends its sentence
_BYLINE = re.compile(r"[,\s]*by\s+[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){0,3}\s*,")  # after a cited headline
ADJUNCT_WORDS = frozenset({"on", "in", "at", "during", "after", "before", "while", "ahead", "as", "last", "this",
                           "when", "from", "for", "with", "according", "by", "amid", "despite", "since", "until",
                           "following", "earlier", "later", "yesterday", "today", "told", "said", "says"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "one", "another"})


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


def _speaker_at(ctx: Context, i: int, limit: int) -> Speaker | None:
    """A speaker phrase starting at token i: an entity mention, a pronoun or a short noun phrase."""
    doc = ctx.doc
    end = ctx.mention_starting(i)
    if end is not None and end < limit and doc[end].lower_ in {"'s", "’s"}:  # "Franken's office said"
        k = end + 1
        while k < limit and k - end <= 3 and doc[k].is_alpha and not ctx.is_cue(k):
            k += 1
        if k > end + 1 and k < limit and ctx.is_cue(k):
            return Speaker(i, k, None, heads=(k - 1,))
    if end is not None:
        return Speaker(i, end, None)
    if doc[i].lower_ in PRONOUNS:
        return Speaker(i, i + 1, None, pronoun=True)
    if not (doc[i].lower_ in DETERMINERS or doc[i].is_title or doc[i].is_upper):
        return None  # a bare noun phrase must look like one: "the minister", "Officials"
    j = i
    while j < limit and j - i < 5 and not doc[j].is_punct and not ctx.is_cue(j):
        j += 1
    if j > i and j < limit and ctx.is_cue(j) and doc[j - 1].lower_ not in NP_END_STOP:
        return Speaker(i, j, None)
    return None


def _subject(ctx: Context, cue: int) -> Speaker | None:
    """The subject of a speech verb from the parse: its nsubj, or its head verb's when it has none."""
    tok = ctx.parsed_token(cue)
    if tok is None:
        return None
    ps, local = ctx.parsed[cue]
    verb = tok
    for _ in range(3):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            subj = min(subjects, key=lambda c: abs(c.i - verb.i))  # a dateline may parse as a second subject
            if subj.dep_ == "nsubjpass":
                return _agent(ps, verb) if verb is tok else None
            if subj.lower_ in RELATIVE and subj.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
                # "reports that stated ..." -> the reports (not "the WHO said")
                subj = verb.head
            elif subj.lower_ == "who" and subj.tag_ == "WP":
                subj = _relative_antecedent(ps, subj) or subj  # 'spoke with Cruz as well, who said' (no relcl)
            subj = speech_frames.source_of(subj) or subj  # "A statement from the ministry said": the ministry
            first, last = subj.left_edge.i, subj.right_edge.i
            joined = any(c.dep_ == "cc" and c.lower_ == "and" for c in subj.children)  # "A and B said"
            if last - first > (16 if joined else 8):  # a long subject (a headline run-on): keep its head's words
                first = min((c.left_edge.i for c in subj.lefts if c.dep_ in NP_LEFT), default=subj.i)
                last = subj.i
            while first < subj.i and ps.doc[first].is_punct:  # '”' and ',' the parse hung on the subject
                first += 1
            while last > subj.i and ps.doc[last].is_punct:
                last -= 1
            heads = [subj] + [c for c in subj.children if c.dep_ == "appos"]  # "The spokeswoman, Maria Z.,"
            also = [c for c in subj.children if c.dep_ == "conj" and first <= c.i <= last] if joined else []
            appos = next((c for c in subj.children if c.dep_ == "appos"), None)
            names = [c for c in appos.children if c.dep_ == "conj" and c.tag_ == "NNP"] if appos is not None else []
            if not joined and appos is not None and appos.tag_ == "NNP" and names and \
                    any(c.dep_ == "cc" and c.lower_ == "and" for c in appos.children):
                # "Trump’s personal lawyers, Rudy Giuliani and Jay Sekulow, said": the two named; "Senators Jeff
                # Flake, Bob Corker and Lindsey Graham said": all three
                if subj.tag_ == "NNP":
                    also = [appos, *names]
                else:
                    also = names
                    first, last, heads = appos.left_edge.i, appos.right_edge.i, [appos]
                while last > appos.i and ps.doc[last].is_punct:
                    last -= 1
            if not also and cue > 1 and ctx.doc[cue - 1].text == ",":
                # "The acting under secretary …, Adam Szubin, claimed": the name; not "Cruz, tweeting to one of
                # Francis’s apologists, Austen Ivereigh, said" (a verb between: the name is someone else's)
                named = _apposed_person(ctx, cue - 2, ps.start + first)
                between = ps.doc[subj.i + 1:named.start - ps.start] if named is not None else []
                if named is not None and not any(t.tag_.startswith("VB") for t in between):
                    return named
            return Speaker(ps.start + first, ps.start + last + 1, None, pronoun=(subj.lower_ in PRONOUNS or
                           subj.lower_ in POSSESSIVES) and first == last, heads=tuple(ps.start + h.i for h in heads),
                           also=tuple(ps.start + c.i for c in also))
        if verb.dep_ == "acl" and verb.head.lower_ in speech_frames.frames().sources:
            source = speech_frames.source_of(verb.head)  # "a letter from ICE saying …": ICE says
            if source is not None:
                return Speaker(ps.start + source.left_edge.i, ps.start + source.right_edge.i + 1, None,
                               heads=(ps.start + source.i,))
        if verb.dep_ == "acl" and verb.head.dep_ == "dobj" and verb.head.lower_ in speech_frames.frames().sources:
            verb = verb.head.head  # "X released a statement insisting …": X insists
            continue
        if verb.dep_ == "pcomp" and verb.head.lower_ in SAME_SUBJECT_PREPS and verb.head.head.tag_.startswith("VB"):
            verb = verb.head.head  # "X said after concluding that …": X concludes
            continue
        if verb.dep_ not in {"conj", "xcomp", "advcl"} or verb.head is verb:
            break
        verb = verb.head
    return None


def _relative_antecedent(ps: ParsedSentence, who: Token) -> Token | None:
    """The noun a relative "who" that the parse left unattached stands for: the noun right before it, past a
    comma and adverbs ('Arroyo spoke with Cruz as well, who said …' -> Cruz)."""
    k = who.i - 1
    for _ in range(4):
        if k < 0:
            return None
        tok = ps.doc[k]
        if tok.tag_ in {"NNP", "NNPS", "NN", "NNS"}:
            return tok
        if not (tok.text == "," or tok.tag_ == "RB"):
            return None
        k -= 1
    return None


def _agent(ps: ParsedSentence, verb: Token) -> Speaker | None:
    """Who speaks through a passive speech verb: its by-phrase ('This was even admitted by General Wesley Clark,
    …, that …'), the name's own words when a description follows it."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    obj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if obj is None:
        return None
    first = min((c.left_edge.i for c in obj.lefts if c.dep_ in NP_LEFT), default=obj.i)
    return Speaker(ps.start + first, ps.start + obj.i + 1, None, heads=(ps.start + obj.i,))


def _adjacent_subject(ctx: Context, cue: int, lo: int, hi: int) -> Speaker | None:
    """The speaker right before a cue ("Putin also said") or right after it ("said Putin")."""
    doc = ctx.doc
    j = cue - 1
    while j >= lo and (doc[j].lower_ in BETWEEN or _adverb(ctx, j) or (doc[j].is_space and "\n" not in doc[j].text)):
        j -= 1
    if j > lo and doc[j].text == ",":
        named = _apposed_person(ctx, j - 1, lo)
        if named is not None:  # "Treasury's acting under secretary …, Adam Szubin, claimed"
            return named
    if j >= lo:
        k = j
        while k > lo and j - k < 8 and not doc[k - 1].is_punct:
            k -= 1
        for s in range(k, j + 1):
            sp = _speaker_at(ctx, s, hi)
            if sp is not None and sp.end == j + 1:
                return sp
    if cue + 1 < hi and doc[cue].lower_ not in {"told", "tells", "telling"}:
        end = ctx.mention_starting(cue + 1)
        if end is not None:
            return Speaker(cue + 1, end, None)
        if doc[cue + 1].lower_ in {"the", "a", "an"}:
            k = cue + 1
            while k < hi and k - cue < 8 and not doc[k].is_punct:
                k += 1
            return Speaker(cue + 1, k, None)
        for k in range(cue + 2, min(hi, cue + 8)):  # "said WHO specialist Dr. Sylvie Brand": up to a name
            if doc[k].is_punct and doc[k].text != ".":
                break
            end = ctx.mention_starting(k)
            if end is not None:
                return Speaker(cue + 1, end, None)
    return None


def _apposed_person(ctx: Context, last: int, lo: int) -> Speaker | None:
    """A person's name ending at token `last` that stands in apposition: a comma or dash right before it
    ('…, Adam Szubin,' and '– … Victoria Toensing')."""
    doc = ctx.doc
    end_off = doc[last].idx + len(doc[last])
    for s, e, ent in ctx.mentions(end_off - 80, end_off):
        if e != end_off or ent.label != "PERSON":
            continue
        first = ctx.token_at(s)
        if first > lo and doc[first - 1].text in {",", "–", "—", "-"}:
            return Speaker(first, last + 1, None)
    return None


def _adverb(ctx: Context, i: int) -> bool:
    """ "he shockingly concluded": an -ly adverb (by the parse) between a speaker and the cue."""
    tok = ctx.parsed_token(i)
    return tok is not None and tok.tag_ == "RB" and tok.lower_.endswith("ly")


def _cue_after(ctx: Context, close: int, para_end: int, words: int) -> int | None:
    """A speech verb within `words` words after a closing mark, in the same sentence."""
    doc = ctx.doc
    i = ctx.token_at(close + 1)
    seen = 0
    while i < len(doc) and doc[i].idx < para_end and seen < words:
        tok = doc[i]
        if tok.text in CLOSERS or tok.text in {"”", "»"} or tok.text in {".", "?", "!", ";"}:
            return None
        if ctx.is_cue(i) or _according_at(doc, i):
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
        if ctx.is_cue(i) or _according_at(doc, i):
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
            return i if ok and _subject(ctx, i) is not None else None
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
            return i if ok and _subject(ctx, i) is not None else None
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
    if not root.tag_.startswith("VB") or ps.offset + root.idx >= open_ or _subject(ctx, ps.start + root.i) is None:
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
        if _according_at(doc, k):
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


def _direct(ctx: Context) -> list[Found[Speaker]]:
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
            if cue is not None and _according_at(ctx.doc, cue) and re.search(r"\bthat\s*$", line[:o]):
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
            if cue is not None and _according_at(ctx.doc, cue):
                end = _np_end(ctx.doc, cue + 2, ctx.token_at(end_para.end))
                speaker = _source_named(ctx, cue + 2, end, ctx.token_at(end_para.end)) if end > cue + 2 else None
            elif cue is not None:
                lo = ctx.token_at(para.start)
                hi = ctx.token_at(end_para.end)
                speaker = _subject(ctx, cue)
                if speaker is None or o_abs < ctx.doc[speaker.start].idx < c_abs:
                    # no subject, or the parse put it inside the quote itself: the words beside the cue
                    speaker = _adjacent_subject(ctx, cue, lo, hi)
                    if speaker is not None and o_abs < ctx.doc[speaker.start].idx < c_abs:
                        speaker = None
            if cue is None:
                speaker = _colon_name(ctx, para.start, o_abs)  # 'Microsoft: "…"'
            if cue is None and speaker is None:
                cue = _intro_cue(ctx, o_abs)  # 'X issued a statement.⏎“…”'
                speaker = _subject(ctx, cue) if cue is not None else None
            tail = text[c_abs + 1:end_para.end]
            outside = (line[:o] + tail if carried else line[:o] + line[c + 1:]).strip(" \t\u00a0.,;:—–-")
            cue_text = None if cue is None else cue_word or ("according to" if _according_at(ctx.doc, cue)
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


SAME_SHARE = 0.8  # share of a span another one covers that makes them one attribution


def _mostly(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of `spans` covers most of [start, end)."""
    return any(min(e, end) - max(s, start) >= SAME_SHARE * (end - start) for s, e in spans)


def _verbs(doc: Doc) -> list[Token]:
    """The tokens of a parsed sentence tagged as verbs (VB*) and not modifiers (amod, compound), in order; read
    from its tag and dependency arrays, so the other tokens are never made."""
    strings = doc.vocab.strings
    modifiers = (strings["amod"], strings["compound"])
    return [doc[i] for i, (tag, dep) in enumerate(doc.to_array([TAG, DEP]).tolist())
            if dep not in modifiers and _verb_tag(strings, tag)]


_VERB_TAGS: dict[int, bool] = {}  # tag hash -> whether the tag is a verb's (VB*)


def _verb_tag(strings: StringStore, tag: int) -> bool:
    hit = _VERB_TAGS.get(tag)
    if hit is None:
        hit = _VERB_TAGS[tag] = strings[tag].startswith("VB")
    return hit


def _reported(ctx: Context, direct: list[tuple[int, int]]) -> list[Found[Speaker]]:
    text = ctx.article.text
    out: list[Found[Speaker]] = []
    for ps in parsed_sentences(ctx.article):
        for tok in _verbs(ps.doc):  # the cue tests below all need a verb
            particle = tok.lower_ not in ctx.cues and speech_frames.particle_cue(tok)  # 'pointed out that …'
            phrase = None if tok.lower_ in ctx.cues or particle else speech_frames.phrase_cue(tok)  # 'made clear that'
            if phrase is None and not particle and tok.lower_ not in ctx.cues and not speech_frames.view_cue(tok):
                continue
            if tok.dep_ == "advcl" and tok.tag_ in {"VBN", "VBD"} and tok.i == 0:
                continue  # "Asked what ..., scholars said": the speaker was asked, the content is the question
            cue_doc = ps.start + tok.i
            cue_off = ps.offset + tok.idx
            if inside(direct, cue_off, cue_off + len(tok)):
                continue
            comp = phrase[1] if phrase is not None else next((c for c in tok.children if c.dep_ == "ccomp"), None)
            comp = comp if comp is not None else _statement_clause(tok)  # 'said in a statement issued … that'
            around = speech_frames.host_clause(tok) if comp is None else None  # 'As X reported, …', '…, X said, …'
            inverted = None
            if comp is None and around is None:
                around = speech_frames.comma_clause(tok)  # '…, the three bishops said in the profession.'
            if comp is None and around is None:
                inverted = speech_frames.inverted_clause(tok)  # 'S, said the cardinal, S'
                around = inverted[:2] if inverted is not None else None
            if comp is not None and _free_relative(tok, comp):
                continue  # 'he said what many of us thought', 'said what everyone had been waiting on': no statement
            if comp is not None:
                first, last = comp.left_edge, comp.right_edge
                s = ps.offset + first.idx
                e = ps.offset + last.idx + len(last)
                if first.lower_ == "that":
                    s = ps.offset + first.idx + len(first)
                second = _second_report(ctx, ps, tok, comp)
                if second is not None:  # 'said he regretted his actions and said his decision … was a drunken one'
                    e = ps.offset + second.idx + len(second)
            elif tok.dep_ == "ROOT" and tok.i > 1 and tok.left_edge.i > 1 and ps.doc[tok.left_edge.i - 1].text == ",":
                # "..., Putin said." with the clause left unattached
                s, e = ps.offset, ps.offset + ps.doc[tok.left_edge.i - 1].idx
            elif around is not None:
                s, e = ps.offset + ps.doc[around[0]].idx, ps.offset + ps.doc[around[1]].idx + len(ps.doc[around[1]])
            else:
                continue
            s, e = trim(text, s, e, " \t\u00a0,.;:\"“”—–-")
            if len(text[s:e].split()) < 3:
                continue
            if tok.lower_ not in QUESTION_CUES and "?" in text[e - 1:e + 2] and \
                    text[s:e].split()[0].casefold() in speech_frames.WH_WORDS:
                continue  # 'story continues below Who should replace …?': a question as written is no report
            if inside(direct, s, e) and not _partly_quoted(text, direct, s, e, cue_off):
                continue
            sp = _subject(ctx, cue_doc) if inverted is None else Speaker(ps.start + inverted[2], ps.start + inverted[3],
                                                                          None)
            if sp is not None and sp.pronoun and ctx.doc[sp.start].lower_ == "i":
                continue  # 'I have to tell you that …' outside quotation marks: the author's own voice
            if sp is None and not any(c.dep_.startswith("nsubj") for c in tok.children):
                # the parse lost the subject ("…, Franken's office said he …"): a name right before the cue
                sp = _adjacent_subject(ctx, cue_doc, ps.start, cue_doc + 1)
                sp = sp if sp is not None and ctx.mention_starting(sp.start) is not None else None
            cue_text = ctx.doc[cue_doc].text if phrase is None else f"{tok.text} {phrase[0]}"
            # a question's asker is not whom a later "he said" continues: the one asked answers
            out.append(Found(s, e, "reported", cue_text, sp, cue_off, weak=tok.lower_ in QUESTION_CUES))
    return out


def _second_report(ctx: Context, ps: ParsedSentence, cue: Token, comp: Token) -> Token | None:
    """The last token of a reported clause before a second speech verb with its own clause that the parse joined
    into it ('he regretted his actions and said his decision …', 'denying that … and restating that …'), so that
    each cue reports its own clause; None when there is none."""
    for t in comp.subtree:
        if t.i <= comp.i or t.dep_ != "conj" or not t.tag_.startswith("VB") or t.lower_ not in ctx.cues:
            continue
        if not any(c.dep_ == "ccomp" for c in t.children):
            continue
        k = t.left_edge.i - 1
        while k > comp.left_edge.i and (ps.doc[k].lower_ in {"and", "but", ","} or ps.doc[k].is_space):
            k -= 1
        return ps.doc[k] if k > comp.left_edge.i else None
    return None


def _statement_clause(cue: Token) -> Token | None:
    """The 'that' clause a speech verb's statement phrase holds, where the parse hangs it on the statement or on
    a participle after it ('The ministry said in a brief statement issued Saturday that …')."""
    for prep in (c for c in cue.children if c.dep_ == "prep" and c.i > cue.i):
        for noun in (g for g in prep.children if g.dep_ == "pobj" and g.lower_ in speech_frames.frames().sources):
            for host in [noun, *(h for h in noun.children if h.dep_ == "acl" and h.tag_ == "VBN")]:
                for k in host.children:
                    if k.dep_ in {"acl", "ccomp"} and k.i > host.i and k.left_edge.lower_ == "that" and \
                            k.left_edge.dep_ == "mark":
                        return k
    return None


def _free_relative(cue: Token, comp: Token) -> bool:
    """A "what" clause that names something said rather than saying it: "what" an object of the clause's own verb
    ('said what everyone had been waiting on'), or the clause itself a passive of speech ('what we thought should
    have been said'); an indirect question ('asked what she wanted') is speech."""
    first = comp.left_edge
    if first.lower_ != "what" or cue.lower_ in QUESTION_CUES:
        return False
    if first.head == comp and first.dep_ in {"dobj", "pobj", "attr"}:
        return True
    return comp.lower_ in speech_verbs() and any(c.dep_ == "auxpass" for c in comp.children)


def _partly_quoted(text: str, direct: list[tuple[int, int]], s: int, e: int, cue: int) -> bool:
    """Whether a reported clause [s, e) holds whole quotes and words of its own outside them ('Barr wrote he “may
    be in a position …”', '“Twenty-one cases …” have been recorded, it said'), the cue outside it: a mixed quote,
    not a direct one ('said that “…”' is direct)."""
    inside = [(a, b) for a, b in direct if a < e and s < b]

    def overflows(a: int, b: int) -> bool:
        """A quote that closes after the clause the parse gives, beyond a few words of the same sentence ('she is
        “grateful … in the past 20 years.”' is one mixed quote, the parse ending the clause before 'in the past')."""
        rest = text[e:b].rstrip(" .!?\"”")
        # a quote that opens after the clause's own words and ends its sentence is the rest of the clause,
        # however far the parse ended it ('said Mueller’s findings “must be provided …, and the AG should …”')
        tail = a > s and bool(_WORD.search(text[s:a])) and text[a - 1:a] != ","
        if tail and "\n" in rest:  # the quote goes on in the next paragraph: this paragraph's words are the clause
            rest = rest[:rest.index("\n")].rstrip(" .!?\"”")
        return b > e + 1 and (a < s or not tail and len(rest.split()) > MAX_OVERFLOW_WORDS or
                              bool(re.search(r"[.!?;:\n]", rest)))

    if s <= cue < e or any(a < s - 1 or overflows(a, b) for a, b in inside):
        return False
    if text[s - 1:s] in CLOSERS and text[e:e + 2].lstrip(",")[:1] in "\"”»":
        return False  # all of it inside one pair of marks, a nested title aside ('“… of “The New Right” …,”')
    outside, pos = [], s
    for a, b in sorted(inside):
        outside.append(text[pos:max(pos, a - 1)])
        pos = b + 1
    after = _WORD.findall(re.sub(r"\([^)]*\)", " ", text[pos:e]))  # not a bracketed reference: '“…” (p. 126)'
    if after and after[0].casefold() in ADJUNCT_WORDS:
        after = []  # 'claimed that “…” on Sunday during a trip': the parse hung the verb's adjunct on the clause
    words = [w for w in _WORD.findall(" ".join(outside)) + after if w.casefold() != "that"]
    return bool(words)


def _framed(ctx: Context, direct: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Found[Speaker]]:
    """Reported speech with no clausal complement (`speech_frames`: 'urged allies to …', 'accused Kyiv of …',
    "Peskov's warning that …") outside the quotes found so far, only where a speaker is named."""
    text = ctx.article.text
    out: list[Found[Speaker]] = []
    for ps in parsed_sentences(ctx.article):
        for fr in speech_frames.find(ps.doc):
            first, last, cue = ps.doc[fr.first], ps.doc[fr.last], ps.doc[fr.cue]
            s, e = trim(text, ps.offset + first.idx, ps.offset + last.idx + len(last), " \t\u00a0,.;:\"“”—–-")
            cue_off = ps.offset + cue.idx
            if s >= e or inside(taken, s, e) or inside(direct, cue_off, cue_off + 1) or \
                    (inside(direct, s, e) and not _partly_quoted(text, direct, s, e, cue_off)):
                continue
            if fr.speaker is None:
                sp = _subject(ctx, ps.start + fr.cue)
            else:
                a, b, heads = fr.speaker
                one = ps.doc[a].lower_ if b - a == 1 else ""
                sp = Speaker(ps.start + a, ps.start + b, None, pronoun=one in POSSESSIVES or one in PRONOUNS,
                             heads=tuple(ps.start + h for h in heads))
            if sp is not None and not junk_speaker(ctx.doc[sp.start:sp.end]):  # not "this calls for …"
                out.append(Found(s, e, "reported", ctx.doc[ps.start + fr.cue].text, sp, cue_off, weak=True))
                taken.append((s, e))
    return out


COLON_WORDS = 5  # "Sergei Lavrov: the West is waging a hybrid war" says something; "Lavrov: a profile" not
MIXED_JOIN_WORDS = 3  # 'is "a big problem" but "nobody …"': words that may join two quoted parts of one quote


def _mixed(ctx: Context, direct: list[Found[Speaker]], reported: list[Found[Speaker]]) -> list[Found[Speaker]]:
    """Reported speech that quotes some of its words ('claiming that fraud is "a big problem" but "nobody …"')
    becomes one quote with those parts marked, running on over further quoted parts that a few words join to it
    in the same sentence; the direct fragments without a cue of their own that it holds are dropped."""
    text = ctx.article.text
    unattributed = {(f.start, f.end): f for f in direct if f.cue is None}
    attributed = {(f.start, f.end) for f in direct if f.cue is not None}  # in a clause only if partly quoted
    cue_of = {(f.start, f.end): f.cue for f in direct}
    dropped: set[tuple[int, int]] = set()
    paras = ctx.article.paragraphs() if reported else []
    for r in reported:
        para = paras[ctx.paragraph(r.start) - 1][1]
        marks = [(para.start + o, para.start + c) for o, c in quote_marks(text[para.start:para.end])]
        # a quote that opens the reported clause and closes at its end is all of it, not a part; one that opens
        # right where the parse ended the clause, under the same cue, goes on with it ('Bolton notes that the
        # opposition needed to overthrow the regime “is centered in this room today.”')
        parts = [(o, c) for o, c in marks if r.start <= o < r.end or (o == r.start - 1 and c < r.end - 1)
                 or (r.end <= o <= r.end + 1 and cue_of.get(trim(text, o + 1, c)) == r.cue and r.cue is not None)]
        if not parts:
            continue
        for o, c in marks:
            if o <= parts[-1][0]:
                continue
            if text[parts[-1][1] - 1] in ".!?":
                break  # the quoted part ended its sentence
            gap = text[parts[-1][1] + 1:o]
            inner = trim(text, o + 1, c)
            if len(gap.split()) > MIXED_JOIN_WORDS or re.search(r"[.!?;:]", gap) or \
                    (inner not in unattributed and len(text[inner[0]:inner[1]].split()) > MAX_SCARE_WORDS):
                break
            parts.append((o, c))
        spans = [trim(text, o + 1, c) for o, c in parts]
        dropped.update(sp for sp in spans if sp in unattributed or (sp in attributed and r.start - 1 <= sp[0]))
        # a quote carried on past this paragraph that the clause opens: the clause keeps this paragraph's words,
        # the quote the next paragraphs'
        for f in direct:
            if f.start in {sp[0] for sp in spans} and r.start < f.start and f.end > r.end and f.cue == r.cue and \
                    "\n" in text[r.end:f.end]:
                f.start = skip_space(text, text.index("\n", r.end) + 1)
        last = parts[-1][1]
        r.end = max(r.end, last + 1 if last < len(text) and text[last] in "\"”»“’" else last)
        r.parts = [sp for sp in spans if sp[0] < sp[1]]
    return [f for f in direct if (f.start, f.end) not in dropped]


def _reports_speech(ctx: Context, reported: list[Found[Speaker]], f: Found[Speaker]) -> bool:
    """Whether an according-to clause is itself a report of speech ('According to Mehr, Farrakhan said … that
    …'): its main verb is the cue of a reported quote already found, which carries it."""
    for r in reported:
        if r.weak or not f.start <= r.order < f.end:
            continue
        tok = ctx.parsed_token(ctx.token_at(r.order))
        if tok is not None and tok.dep_ == "ROOT":
            return True
    return False


def _according_at(doc: Doc, i: int) -> bool:
    return doc[i].lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to"


def _np_end(doc: Doc, start: int, limit: int) -> int:
    """End of the source phrase after "according to": up to the next punctuation mark."""
    k = start
    while k < limit and not (doc[k].is_punct and doc[k].text not in {"'s", "-", "."}) and doc[k].text not in {".", ","}:
        k += 1
    return k


def _per_source(ctx: Context, i: int, sent: TokenSpan) -> bool:
    """ "…, per Reuters.", "Per a statement from the ministry, …": "per" after a comma (or opening the
    sentence) before a named source or a document ("a report"), never "per cent", "$5 per barrel"."""
    doc = ctx.doc
    if doc[i].lower_ not in speech_frames.frames().per or i + 1 >= sent.end:
        return False
    if i > sent.start and doc[i - 1].text != "," and not (i - 1 == sent.start and doc[sent.start].is_punct):
        return False
    nxt = i + 1
    if ctx.mention_starting(nxt) is not None:
        return True
    return doc[nxt].lower_ in DETERMINERS and any(doc[k].lower_ in speech_frames.frames().sources
                                                  for k in range(nxt + 1, min(sent.end, nxt + 4)))


def _according(ctx: Context, direct: list[tuple[int, int]]) -> list[Found[Speaker]]:
    """"According to X, ..." and "..., according to X.", and the same with "per X" (`_per_source`)."""
    doc, text = ctx.doc, ctx.article.text
    out: list[Found[Speaker]] = []
    for sent, toks in _according_words(ctx):
        for tok in toks:
            if tok.lower_ == "according" and tok.i + 1 < sent.end and doc[tok.i + 1].lower_ == "to":
                np_start, cue = tok.i + 2, "according to"
            elif _per_source(ctx, tok.i, sent):
                np_start, cue = tok.i + 1, tok.lower_
            else:
                continue
            k = _np_end(doc, np_start, sent.end)
            if k == np_start:
                continue
            np_end = k
            if tok.i == sent.start or (tok.i - 1 == sent.start and doc[sent.start].is_punct):
                s, e = doc[k].idx if k < sent.end else sent.end_char, sent.end_char
            elif _between_commas(doc, tok.i, k, sent) and not inside(direct, sent.start_char, sent.end_char):
                s, e = sent.start_char, sent.end_char  # 'At the same time, according to X, the crowd might …'
            else:
                s, e = sent.start_char, tok.idx
            s, e = trim(text, s, e, " \t\u00a0,.;:")
            if len(text[s:e].split()) < 3 or inside(direct, s, e):
                continue
            line_end = text.find("\n", tok.idx)  # the name may lie past an abbreviation's full stop ('Dept.')
            sp = _source_named(ctx, np_start, np_end, ctx.token_at(len(text) if line_end < 0 else line_end))
            out.append(Found(s, e, "reported", cue, sp, tok.idx))
    return out


def _according_words(ctx: Context) -> list[tuple[TokenSpan, list[Token]]]:
    """The article's sentences with their "according" and "per" (`frames().per`) tokens, in order, those that have
    any: the only tokens `_according` can start at, found on the Doc's lower-case array instead of token by token."""
    doc = ctx.doc
    keys = np.array([doc.vocab.strings[w] for w in {"according", *speech_frames.frames().per}], dtype=np.uint64)
    sents = sentences_of(ctx.article)
    starts = [sp.start for sp in sents]
    out: list[tuple[TokenSpan, list[Token]]] = []
    for i in np.flatnonzero(np.isin(doc.to_array(LOWER), keys)).tolist():
        k = bisect_right(starts, i) - 1
        if k < 0 or i >= sents[k].end:
            continue
        if out and out[-1][0] is sents[k]:
            out[-1][1].append(doc[i])
        else:
            out.append((sents[k], [doc[i]]))
    return out


NOT_MAIN = frozenset({"which", "who", "whose", "where", "adding", "citing", "saying", "and", "but", "as", "while",
                      "with", "after", "before", "because", "though", "although"})


def _between_commas(doc: Doc, at: int, end: int, sent: TokenSpan) -> bool:
    """Whether an according-to phrase from token `at` to `end` interrupts its sentence between commas, the
    sentence going on with at least three words of its main clause ('At the same time, according to military
    planning documents, the majority of the crowd might dissolve …'; not '…, according to X, which added …')."""
    if at == sent.start or doc[at - 1].text != "," or end + 1 >= sent.end or doc[end].text != ",":
        return False
    if doc[end + 1].lower_ in NOT_MAIN:
        return False
    return sum(1 for t in doc[end + 1:sent.end] if not t.is_punct) >= 3


def _source_named(ctx: Context, start: int, end: int, limit: int) -> Speaker:
    """The source after "according to": the phrase [start, end), or, when it names no one and a person's name
    follows it in apposition at the sentence's end or before a comma ('according to his attorney – former … Victoria
    Toensing.', 'according to a spokesman, John Smith, …'), that name."""
    doc = ctx.doc
    if end < limit and doc[end].text in {",", "–", "—"} and ctx.entity_in(doc[start].idx, doc[end - 1].idx + 1) is None:
        k = end + 1
        while k < limit and k - end <= 20 and not (doc[k].is_punct and doc[k].text not in {".", "-", "'s"}):
            stop = ctx.mention_starting(k)
            if stop is not None:
                hit = ctx.entity_in(doc[k].idx, doc[stop - 1].idx + len(doc[stop - 1]))
                after = doc[stop].text if stop < limit else "."
                if hit is not None and hit[0].label == "PERSON" and after in {",", ".", "–", "—"}:
                    return Speaker(k, stop, None)
            k += 1
    return Speaker(start, end, None)


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


def _colon_name(ctx: Context, para_start: int, open_: int) -> Speaker | None:
    """The speaker of a quote right after 'Name:' at a paragraph's start."""
    end = _named_colon(ctx, para_start)
    if end is None or ctx.article.text[ctx.doc[end].idx + 1:open_].strip():
        return None
    return Speaker(ctx.token_at(para_start), end, None)


def _colon(ctx: Context, direct: list[tuple[int, int]]) -> list[Found[Speaker]]:
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


def run(article: Article) -> None:
    """Fill `article.quotes` (direct, then reported speech, sorted by position): the English parse rules for
    English, the language's quotation and cue rules (`speech_rules`) for any other."""
    if analysers.family(article.metadata.language) != "en":
        article.quotes = dedupe(speech_rules.find_quotes(article))
        return
    ctx = Context(article, doc_of(article))
    direct = _direct(ctx)
    spans = [(f.start, f.end) for f in direct] + ctx.cited
    ctx.quoted = spans
    reported = _reported(ctx, spans)
    reported += _framed(ctx, spans, [(f.start, f.end) for f in reported])
    direct = _mixed(ctx, direct, reported)
    # a reported clause inside an according-to sentence is a second attribution ('…, ringing associates to ask
    # them if …, according to a source'); one that holds most of it is the same one
    taken = [(f.start, f.end) for f in reported]
    according = [f for f in _according(ctx, spans) + _colon(ctx, spans)
                 if not _mostly(taken, f.start, f.end) and not _reports_speech(ctx, reported, f)]
    article.quotes = dedupe(resolve(ctx, direct + reported + according))
    descriptors.resolve_own(article)  # "the attorney general" after "Attorney General William Barr"
    document_speakers.resolve(article)  # "the report said" after "the report by the Subcommittee"


def _words(text: str) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """A quote's words and word pairs, lower-cased, apostrophes unified."""
    words = _WORD.findall(text.lower().replace("’", "'"))
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
