"""English reported speech that the dependency parse gives no clausal complement (data/speech_frames_en.json).

Read from the parse of one sentence: a verb with an object and a to-infinitive ('Zelensky urged allies to send
…'), a to-infinitive of its own subject ('vowed to fight on …'), an object and a preposition phrase ('Moscow
accused Kyiv of shelling …', 'criticised the decision as …', 'warned of …'), and speech nouns with a 'that'
clause ('Peskov's warning that …', 'the claim by Lavrov that …', 'Lavrov repeated his claim that …', 'Haley's
claim was that …'). Passive verbs, modifiers of a noun ('the plan, described as …') and contents under three words
are left out. `source_of` names who speaks through a document ('A statement from the ministry said …': the
ministry). `host_clause` gives the clause a speech verb without a complement attributes ('As the Times reported,
S', 'S, officials said, S'), `comma_clause` the same where the parse hangs the sentence on the cue wrongly,
`inverted_clause` for 'S, said the cardinal, S'; `phrase_cue` the verbs a word makes speech verbs ('made clear
that …'), `particle_cue` those a particle makes so ('pointed out').
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from presswatch.stages.lexicon import Frames, frames, speech_verbs

MIN_WORDS = 3  # words of content: shorter is no statement ("vowed to retaliate")
MIN_CLAUSE_WORDS = 4  # a noun's 'that' clause: shorter ones are mostly relative clauses the parse missed
OBJECT_PREPS = frozenset({"on", "upon", "to"})  # 'called on NATO to …', 'appealed to Europe to …'
SPEAKER_PREPS = frozenset({"by", "from", "of"})
WH_WORDS = frozenset({"what", "how", "why", "whether", "who", "which", "where", "when", "if"})
COPULAS = frozenset({"is", "was", "remains", "remained"})  # "his claim was that …"
COMPLETE = frozenset({"dobj", "ccomp", "xcomp", "prep", "attr", "acomp"})  # what a complete clause's verb may hold


@dataclass(frozen=True)
class Frame:
    """Reported speech in one parsed sentence (token indices of that sentence's Doc): the cue word, the first
    and last token of what was said, and the speaker phrase (start, end exclusive, head tokens) where the frame
    names it itself; None means the cue's subject speaks."""

    cue: int
    first: int
    last: int
    speaker: tuple[int, int, tuple[int, ...]] | None = None


def _passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _words(doc: Doc, first: int, last: int) -> int:
    return sum(1 for t in doc[first:last + 1] if not (t.is_punct or t.is_space))


def _verb_frame(tok: Token, f: Frames) -> Frame | None:
    low = tok.lower_
    # not a modifier ('the plan, described as …'), nor a verb under another ('his history includes blaming …')
    if not tok.tag_.startswith("VB") or tok.dep_ in {"amod", "compound", "acl", "xcomp", "pcomp", "csubj"} or \
            _passive(tok):
        return None
    kids = list(tok.children)
    if any(c.dep_ == "ccomp" for c in kids):
        return None  # the clausal complement is read by the quotes stage itself
    # what was said follows the verb ("what he pledged to do", "what Trump describes as …" are no reports)
    xcomp = next((c for c in kids if c.dep_ == "xcomp" and c.left_edge.i > tok.i
                  and any(a.lower_ == "to" for a in c.lefts)), None)
    obj = next((c for c in kids if c.dep_ in {"dobj", "dative"}), None)
    if obj is not None and obj.i < tok.i:
        return None
    if xcomp is not None and low in f.object_to:
        if obj is None:
            obj = next((c for c in kids if c.dep_ == "prep" and c.lower_ in OBJECT_PREPS
                        and any(g.dep_ == "pobj" for g in c.children)), None)
        if obj is not None and obj.i < xcomp.i:
            if obj.dep_ == "prep":  # 'on NATO to close …': from the preposition's object
                obj = next(g for g in obj.children if g.dep_ == "pobj")
            return Frame(tok.i, obj.left_edge.i, xcomp.right_edge.i)
    if xcomp is not None and low in f.to and obj is None:
        return Frame(tok.i, xcomp.left_edge.i, xcomp.right_edge.i)
    preps = f.prep.get(low)
    if preps:
        phrase = next((c for c in kids if c.dep_ == "prep" and c.lower_ in preps and c.i > tok.i
                       and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)), None)
        if phrase is not None:
            # 'Kyiv of shelling …', 'the decision as …'; with no object, what follows the preposition ('warned of
            # a catastrophe')
            first = obj.left_edge.i if obj is not None and obj.i < phrase.i else phrase.i + 1
            return Frame(tok.i, first, phrase.right_edge.i)
    return None


def _noun_frame(tok: Token, f: Frames) -> Frame | None:
    """'Peskov's warning that …', 'a warning from NATO that …', 'Lavrov repeated his claim that …'."""
    if not tok.tag_.startswith("NN"):
        return None
    clause = _that_clause(tok)
    if clause is None and tok.dep_ == "nsubj" and tok.head.lower_ in COPULAS:
        clause = _that_clause(tok.head)  # "Haley's essential claim was that …"
        if clause is None or not any(c.dep_ in {"poss", "prep"} for c in tok.children):
            return None  # the claim's holder must be named on the noun itself
    if clause is None:
        return None
    first = clause.left_edge.i + 1  # after "that"
    last = clause.right_edge.i
    if _words(tok.doc, first, last) < MIN_CLAUSE_WORDS or _relative(clause):
        return None
    speaker = None
    poss = next((c for c in tok.children if c.dep_ == "poss"), None)
    if poss is not None:
        speaker = (poss.left_edge.i, poss.i + 1, (poss.i,))
    else:
        by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in SPEAKER_PREPS and c.i < clause.i), None)
        pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if pobj is not None:
            speaker = (pobj.left_edge.i, pobj.right_edge.i + 1, (pobj.i,))
    if speaker is not None:
        return Frame(tok.i, first, last, speaker)
    head = tok.head.head if tok.dep_ == "pobj" else tok.head
    if tok.dep_ in {"dobj", "pobj"} and head.lower_ in f.noun_verbs and not _passive(head):
        return Frame(head.i, first, last)  # the maker of the claim is the verb's subject
    return None


def _that_clause(head: Token) -> Token | None:
    """The 'that' clause a noun or verb holds after it (acl or ccomp, "that" its first word)."""
    return next((c for c in head.children if c.dep_ in {"acl", "ccomp"} and c.i > head.i
                 and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in c.children)), None)


def _relative(clause: Token) -> bool:
    """A 'that' clause that is a relative one the parse marked as a complement: its verb lacks the object a
    transitive speech or noun verb needs ("the claim that he made")."""
    low = clause.lower_
    transitive = low in speech_verbs() or low in frames().noun_verbs
    return transitive and not any(c.dep_ in COMPLETE for c in clause.children)


def find(doc: Doc) -> list[Frame]:
    """The frames of one parsed sentence."""
    f = frames()
    out: list[Frame] = []
    for tok in doc:
        low = tok.lower_
        frame = None
        if low in f.object_to or low in f.to or low in f.prep:
            frame = _verb_frame(tok, f)
        if frame is None and low in f.nouns:
            frame = _noun_frame(tok, f)
        if frame is not None and _words(doc, frame.first, frame.last) >= MIN_WORDS:
            out.append(frame)
    return out


def source_of(subj: Token) -> Token | None:
    """The speaker inside a document subject ('A statement from the ministry', "the ministry's statement"): its
    possessor or the object of its by/from/of phrase."""
    if subj.lower_ not in frames().sources:
        return None
    poss = next((c for c in subj.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    for c in subj.children:
        if c.dep_ == "prep" and c.lower_ in SPEAKER_PREPS:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


@lru_cache(maxsize=1)
def _cue_forms() -> tuple[frozenset[str], frozenset[str]]:
    """The verb forms that some word of `phrases`, and some particle of `particles`, makes a speech verb: a verb
    outside them is none, whatever its children."""
    f = frames()
    return frozenset().union(*f.phrases.values()), frozenset().union(*f.particles.values())


def phrase_cue(tok: Token) -> tuple[str, Token] | None:
    """(the word, the clause said) where a word makes a verb a speech verb before a 'that' clause ('made clear
    that …', 'made it clear that …'); not 'made it clear what he thinks' (a question, no statement)."""
    f = frames()
    if tok.lower_ not in _cue_forms()[0] or not tok.tag_.startswith("VB") or _passive(tok):
        return None
    for c in tok.children:
        if c.i < tok.i or tok.lower_ not in f.phrases.get(c.lower_, ()):
            continue
        if c.dep_ in {"oprd", "acomp", "dobj"}:  # 'made clear to reporters that …'
            comp = next((g for g in tok.children if g.dep_ == "ccomp"), None)
        elif c.dep_ == "ccomp":  # 'made it clear that …': the parse hangs the clause on "clear"
            comp = next((g for g in c.children if g.dep_ in {"ccomp", "advcl"} and g.i > c.i
                         and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)), None)
        else:
            continue
        if comp is not None and comp.left_edge.lower_ not in WH_WORDS:
            return c.lower_, comp
    return None


def particle_cue(tok: Token) -> bool:
    """A verb that its particle makes a speech verb ('pointed out that …', 'As Politico pointed out, …')."""
    if tok.lower_ not in _cue_forms()[1] or not tok.tag_.startswith("VB") or _passive(tok):
        return False
    return any(c.dep_ == "prt" and tok.lower_ in frames().particles.get(c.lower_, ()) for c in tok.children)


def particle_at(doc: Doc, i: int) -> bool:
    """Whether token i and the next are a particle speech verb as written ('pointed out'), parse or not."""
    return i + 1 < len(doc) and doc[i].lower_ in frames().particles.get(doc[i + 1].lower_, ())


def _speaking(tok: Token) -> bool:
    """A speech verb with a subject of its own, active, and no object but the party told ('told reporters')."""
    kids = list(tok.children)
    # 'As I wrote in my first piece, …' is the author's own voice, not a report
    if _passive(tok) or not any(c.dep_ == "nsubj" and c.lower_ != "i" for c in kids):
        return False
    if any(c.dep_ == "xcomp" for c in kids):
        return False  # 'As Trump continues to surround himself …': no speech
    return not any(c.dep_ == "dobj" for c in kids) or tok.lower_ in {"told", "tells", "tell"}


def host_clause(tok: Token) -> tuple[int, int] | None:
    """(first, last) token of the clause a speech verb without a complement of its own attributes: the one its
    'as' clause hangs on ('As The New York Times reported, Trump ordered …', '…, as the ministry said'), or the
    one it interrupts between commas ('The president, these sources said, speculated on …'), whole."""
    doc = tok.doc
    head = tok.head
    if head is tok or head.dep_ != "ROOT" or not _speaking(tok):
        return None  # under the main clause only: 'the part he had played, as X would later reveal' is no report
    left, right = tok.left_edge.i, tok.right_edge.i
    while left < tok.i and doc[left].is_punct:  # the parse hangs the commas around it on the cue
        left += 1
    while right > tok.i and doc[right].is_punct:
        right -= 1
    last = _last_word(doc, head.right_edge.i)
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in frames().host_marks and c.i == left
                                   for c in tok.children):
        # 'As X reported, S', also after a sentence adverb or conjunction ('However, as X tweeted, S')
        lead = doc[head.left_edge.i:left]
        if right < head.i and all(t.is_punct or t.dep_ in {"advmod", "cc"} and t.head.i == head.i for t in lead):
            first = right + 1
            while first < head.right_edge.i and doc[first].is_punct:
                if doc[first].is_quote:
                    return None  # 'As He told Pilate, “…”': a direct quote with its cue
                first += 1
            return first, last
        if left > head.i and right == last and doc[left - 1].text == ",":  # 'S, as X said'
            return head.left_edge.i, _last_word(doc, left - 1)
        return None
    if tok.dep_ == "parataxis" and left > 0 and doc[left - 1].text == "," and \
            right + 1 < len(doc) and doc[right + 1].text == "," and head.left_edge.i < left - 1 and last > right + 2:
        return head.left_edge.i, last  # 'S, officials said, …', words on both sides
    cc = next((c for c in tok.children if c.dep_ == "cc" and c.i > tok.i), None)
    if tok.dep_ == "parataxis" and left > 0 and doc[left - 1].text == "," and head.left_edge.i < left - 1 and \
            cc is not None and doc[cc.i - 1].text == "," and any(c.dep_ == "conj" and c.i > cc.i for c in tok.children):
        return head.left_edge.i, _last_word(doc, left - 1)  # 'S, Yore noted, and yet S2': S is what she noted
    return None


ADJUNCTS = frozenset({"prep", "npadvmod", "advmod", "punct"})  # what may follow a cue that closes or interrupts
CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "conj", "advcl", "csubj", "parataxis"})  # not 'In the call following …'
MAX_SUBJECT_TOKENS = 6  # '…, the three bishops said': a longer phrase between the comma and the cue is no subject


def comma_clause(tok: Token) -> tuple[int, int] | None:
    """(first, last) token of what a speech verb set off by a comma attributes when the parse hangs the sentence
    on it wrongly: '…, the three bishops said in the profession.' (the words before the comma) and 'Besides,
    diGenova explained, the claim is …', 'While his friend watched, she said, Kavanaugh pinned …' (the whole
    sentence). Read from the surface: a short subject right after a comma, only adjuncts after the cue."""
    doc = tok.doc
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.i > tok.i or subj.lower_ in {"we", "you"} or not _speaking(tok):
        return None  # 'Keeping … before our thoughts, we read with …' is the author's voice
    left = subj.left_edge.i
    if left < 2 or doc[left - 1].text != "," or tok.i - left > MAX_SUBJECT_TOKENS or tok.i - subj.i > 2:
        return None
    after = [c for c in tok.children if c.i > tok.i]
    if any(c.dep_ not in ADJUNCTS for c in after):
        return None
    end = max((c.right_edge.i for c in after if c.dep_ != "punct"), default=tok.i)
    last = _last_word(doc, len(doc) - 1)
    if end >= last:  # 'S, X said (in the profession).': the words before the comma, a clause of their own
        clause = any(_finite(t) and t.dep_ in CLAUSE_DEPS for t in doc[:left - 1])
        return (0, _last_word(doc, left - 2)) if clause and _words(doc, 0, left - 2) >= MIN_WORDS else None
    if doc[end + 1].text == "," and _words(doc, end + 2, last) >= MIN_WORDS:
        return 0, last  # 'Besides, X explained, S': the sentence around it
    return None


NP_TAGS = frozenset({"DT", "JJ", "NN", "NNS", "NNP", "NNPS", "PRP$", "POS", "CD", "HYPH", "PRP"})
NOT_MAIN = frozenset({"which", "who", "whose", "where", "adding", "citing", "saying", "and", "but"})


def _finite(tok: Token) -> bool:
    """A finite verb: tensed, or with a tensed or modal auxiliary ('will spread', 'were reported')."""
    tensed = {"VBD", "VBZ", "VBP", "MD"}
    return tok.tag_ in tensed or (tok.tag_.startswith("VB") and
                                  any(c.dep_ in {"aux", "auxpass"} and c.tag_ in tensed for c in tok.children))


def inverted_clause(tok: Token) -> tuple[int, int, int, int] | None:
    """'Contradictory conceptions, said the cardinal, lead into chaos': a speech verb right after a comma with a
    short noun phrase after it and another comma, words on both sides: (first, last) token of the sentence and
    (start, end) of the speaker phrase."""
    doc = tok.doc
    if tok.i < 3 or doc[tok.i - 1].text != "," or tok.tag_ not in {"VBD", "VBZ"}:
        return None
    j = tok.i + 1
    while j < len(doc) and j - tok.i <= MAX_SUBJECT_TOKENS and doc[j].tag_ in NP_TAGS:
        j += 1
    if j == tok.i + 1 or j >= len(doc) or doc[j].text != "," or j + 1 >= len(doc) or doc[j + 1].lower_ in NOT_MAIN:
        return None
    last = _last_word(doc, len(doc) - 1)
    if _words(doc, 0, tok.i - 2) < 2 or _words(doc, j + 1, last) < MIN_WORDS:
        return None
    return 0, last, tok.i + 1, j


def _last_word(doc: Doc, i: int) -> int:
    while i > 0 and doc[i].is_punct:
        i -= 1
    return i


def view_cue(tok: Token) -> bool:
    """A verb of a view or a finding whose clause is reported speech: 'Police believe (that) he had an accomplice',
    'the report found that …', with a subject of its own that can hold a view (not the author's "I", nor "many")."""
    f = frames()
    low = tok.lower_
    if low not in f.views and low not in f.findings or not tok.tag_.startswith("VB") or _passive(tok):
        return False
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    comp = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if subj is None or subj.lower_ in f.not_holders or comp is None or tok.dep_ == "ccomp":
        return False  # no holder, no clause, or the view of someone already reported ('say they fear …')
    if low in f.views:
        return True
    # a finding is a 'that' clause ('investigators found his passport near …' is no report)
    return subj.lower_ in f.finders and any(m.dep_ == "mark" and m.lower_ == "that" for m in comp.children)
