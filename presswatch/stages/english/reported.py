"""English reported speech from the dependency parse (a speech verb, its subject and clausal complement), frames
the parse misses (`speech_frames`), and mixed quotes (reported speech that quotes some of its words, one quote
with those parts in `Quote.parts`).
"""

from __future__ import annotations

import re

from spacy.attrs import DEP, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from presswatch.stages.english import speech_frames
from presswatch.stages.english.direct import CLOSERS, MAX_SCARE_WORDS, quote_marks
from presswatch.stages.english.quote_context import POSSESSIVES, Context, Speaker, inside
from presswatch.stages.english.quote_speakers import junk_speaker
from presswatch.stages.english.subjects import PRONOUNS, adjacent_subject, cue_subject
from presswatch.stages.linguistics import (
    ParsedSentence,
    parsed_sentences,
    speech_verbs,
)
from presswatch.stages.speech_rules.speech_text import Found, skip_space, trim

QUESTION_CUES = frozenset({"ask", "asks", "asked", "asking", "wondered", "wonders", "inquired", "queried"})

MAX_OVERFLOW_WORDS = 8  # words a quote inside reported speech may run on after the clause the parse ends

WORD = re.compile(r"\w+(?:'\w+)?")

ADJUNCT_WORDS = frozenset({"on", "in", "at", "during", "after", "before", "while", "ahead", "as", "last", "this",
                           "when", "from", "for", "with", "according", "by", "amid", "despite", "since", "until",
                           "following", "earlier", "later", "yesterday", "today", "told", "said", "says"})



def verb_tokens(doc: Doc) -> list[Token]:
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



def find_reported(ctx: Context, direct: list[tuple[int, int]]) -> list[Found[Speaker]]:
    text = ctx.article.text
    out: list[Found[Speaker]] = []
    for ps in parsed_sentences(ctx.article):
        for tok in verb_tokens(ps.doc):  # the cue tests below all need a verb
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
            sp = (cue_subject(ctx, cue_doc) if inverted is None
                  else Speaker(ps.start + inverted[2], ps.start + inverted[3], None))
            if sp is not None and sp.pronoun and ctx.doc[sp.start].lower_ == "i":
                continue  # 'I have to tell you that …' outside quotation marks: the author's own voice
            if sp is None and not any(c.dep_.startswith("nsubj") for c in tok.children):
                # the parse lost the subject ("…, Franken's office said he …"): a name right before the cue
                sp = adjacent_subject(ctx, cue_doc, ps.start, cue_doc + 1)
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
        tail = a > s and bool(WORD.search(text[s:a])) and text[a - 1:a] != ","
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
    after = WORD.findall(re.sub(r"\([^)]*\)", " ", text[pos:e]))  # not a bracketed reference: '“…” (p. 126)'
    if after and after[0].casefold() in ADJUNCT_WORDS:
        after = []  # 'claimed that “…” on Sunday during a trip': the parse hung the verb's adjunct on the clause
    words = [w for w in WORD.findall(" ".join(outside)) + after if w.casefold() != "that"]
    return bool(words)



def find_framed(ctx: Context, direct: list[tuple[int, int]], taken: list[tuple[int, int]]) -> list[Found[Speaker]]:
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
                sp = cue_subject(ctx, ps.start + fr.cue)
            else:
                a, b, heads = fr.speaker
                one = ps.doc[a].lower_ if b - a == 1 else ""
                sp = Speaker(ps.start + a, ps.start + b, None, pronoun=one in POSSESSIVES or one in PRONOUNS,
                             heads=tuple(ps.start + h for h in heads))
            if sp is not None and not junk_speaker(ctx.doc[sp.start:sp.end]):  # not "this calls for …"
                out.append(Found(s, e, "reported", ctx.doc[ps.start + fr.cue].text, sp, cue_off, weak=True))
                taken.append((s, e))
    return out



MIXED_JOIN_WORDS = 3  # 'is "a big problem" but "nobody …"': words that may join two quoted parts of one quote



def join_mixed(ctx: Context, direct: list[Found[Speaker]], reported: list[Found[Speaker]]) -> list[Found[Speaker]]:
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



def reports_speech(ctx: Context, reported: list[Found[Speaker]], f: Found[Speaker]) -> bool:
    """Whether an according-to clause is itself a report of speech ('According to Mehr, Farrakhan said … that
    …'): its main verb is the cue of a reported quote already found, which carries it."""
    for r in reported:
        if r.weak or not f.start <= r.order < f.end:
            continue
        tok = ctx.parsed_token(ctx.token_at(r.order))
        if tok is not None and tok.dep_ == "ROOT":
            return True
    return False
