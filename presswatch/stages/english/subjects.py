"""The speaker an English cue's clause names: its subject (through relative clauses, apposition and passive
agents), a name or pronoun right beside the cue, the phrase a speaker runs to.
"""

from __future__ import annotations

from spacy.tokens import Token

from presswatch.stages.english import speech_frames
from presswatch.stages.english.quote_context import POSSESSIVES, Context, Speaker
from presswatch.stages.english.quote_speakers import PERSON_PRONOUNS
from presswatch.stages.linguistics import (
    ParsedSentence,
)

PRONOUNS = PERSON_PRONOUNS | {"they", "we", "i", "it"}

BETWEEN = frozenset({"also", "later", "then", "again", "further", "recently", "earlier", "previously", "has", "had",
                     "have", "was", "is", "would", "will", "reportedly", "once", "allegedly", "simply", "just",
                     "repeatedly", "himself", "herself", "even", "still"})

# 'said after concluding', 'by declaring': the verb's subject speaks (not 'barred him from disclosing')
SAME_SUBJECT_PREPS = frozenset({"after", "before", "by", "in", "upon", "on", "without", "while", "when"})

RELATIVE = frozenset({"that", "which", "who"})

NP_END_STOP = frozenset({"in", "of", "to", "for", "on", "at", "by", "with", "and", "or", "but", "from", "that", "which",
                         "who", "the", "a", "an", "is", "was", "be", "been", "being", "not", "n't", "also"})

NP_LEFT = frozenset({"compound", "det", "amod", "poss", "nmod", "nummod"})

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our", "one", "another"})



def speaker_at(ctx: Context, i: int, limit: int) -> Speaker | None:
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



def cue_subject(ctx: Context, cue: int) -> Speaker | None:
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



def adjacent_subject(ctx: Context, cue: int, lo: int, hi: int) -> Speaker | None:
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
            sp = speaker_at(ctx, s, hi)
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
