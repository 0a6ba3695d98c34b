"""English quote speakers: a rule's speaker phrase -> the entity it names, pronouns -> their antecedents.

"he"/"she" take the previous person speaker of the same or previous paragraph, else the latest person named or
quoted up to three paragraphs back, in both cases only one whose gender agrees (data/genders.json: first names,
honorifics and titles in the mentions; a disagreeing one passes to the latest agreeing person speaker or mention in
that window); "it"/"they" the previous organisation or group speaker; a lone surname the fullest name the article
gives it.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from functools import lru_cache

from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan

from presswatch.article import Article, Entity, Mention, Quote, Span
from presswatch.stages.english import descriptors
from presswatch.stages.english.quote_context import POSSESSIVES, Context, Speaker, inside
from presswatch.stages.linguistics import DATA
from presswatch.stages.speech_rules.speech_text import Found, trim

PERSON_PRONOUNS = frozenset({"he", "she"})
GROUP_PRONOUNS = frozenset({"it", "they"})
PRONOUN_WINDOW = 3  # paragraphs a "he"/"she" may look back for a person
GROUP_LABELS = frozenset({"ORG", "NORP", "GPE"})
NOT_SPEAKERS = frozenset({"that", "this", "it", "which", "what", "there", "you", "one", "some", "who", "all", "both",
                          "each", "many", "most", "none", "nobody", "everyone", "anyone", "someone", "they", "we", "i"})
_ROLE_OPENING = re.compile(r"\W*(?:[A-Z]\w*,\s+)?[Tt]he((?:\s+[\w-]+){1,4})")
SUBORDINATORS = frozenset({"when", "as", "while", "because", "after", "before", "since", "that", "if", "though",
                           "although", "and", "but", "where", "until", "once", "what", "which", "whom", "how", "why",
                           "whether"})
_TITLES = frozenset({"sen.", "senator", "rep.", "gov.", "governor", "president", "minister", "dr.", "prof.", "gen.",
                     "mayor", "judge", "secretary", "officer", "spokesman", "spokeswoman", "sheriff", "chief"})


def resolve(ctx: Context, found: list[Found[Speaker]]) -> list[Quote]:
    """Name the speakers, in text order, so pronouns can look back."""
    doc, text = ctx.doc, ctx.article.text
    labels = {e.name: e.label for e in ctx.article.entities}
    last_person: tuple[str, int, Mention] | None = None  # name, paragraph, mention
    person_speakers: list[tuple[str, int, Mention]] = []  # every person speaker so far
    last_group: tuple[str, int, Mention] | None = None  # the last organisation or group speaker, for "it", "they"
    last_role: tuple[str, int, Mention] | None = None  # the last speaker named only by a role
    last_direct: tuple[str | None, int, Mention | None] | None = None
    groups: set[str] = set()  # joint speakers: persons a "they" may refer back to
    quotes: list[Quote] = []
    for f in sorted(found, key=lambda f: (f.order, f.start)):
        para = ctx.paragraph(f.start)
        name: str | None = None
        mention: Mention | None = None
        sp = f.speaker
        if sp is not None:
            s_off = doc[sp.start].idx
            e_off = doc[sp.end - 1].idx + len(doc[sp.end - 1])
            pron = Mention(doc[sp.start].text, s_off, e_off, "PRON")
            low = POSSESSIVES.get(doc[sp.start].lower_, doc[sp.start].lower_)
            if sp.pronoun and low in PERSON_PRONOUNS:
                want = "m" if low == "he" else "f"
                name = _antecedent(ctx, s_off, para, want, last_person, last_role,
                                   possessive=doc[sp.start].lower_ in POSSESSIVES)
                mention = pron if name is not None else None
                if name is None:
                    name = _agreeing_person(ctx, s_off, para, want, person_speakers)
                    mention = pron if name is not None else None
            elif sp.pronoun and low in GROUP_PRONOUNS:
                if last_group and last_group[1] >= para - 1:
                    name, mention = last_group[0], pron
            elif not sp.pronoun and not junk_speaker(doc[sp.start:sp.end]):
                hit = ctx.entity_in(s_off, e_off, tuple(doc[h].idx for h in sp.heads))
                joint = _joint(ctx, sp, hit[0]) if hit is not None and sp.also else None
                if joint is not None:  # "Pelosi and Schumer said": both, and a later "they"
                    name, mention = joint, Mention(text[s_off:e_off], s_off, e_off, None)
                    groups.add(joint)
                elif hit is not None:
                    ent, m = hit
                    name, mention = ent.name, m
                else:
                    s2, e2 = trim(text, s_off, e_off, " \t\u00a0,.;:")
                    if s2 < e2:
                        name, mention = text[s2:e2], Mention(text[s2:e2], s2, e2, None)
                        name = ctx.by_text.get(name) or _name_before_aside(ctx, name) or name
                        if last_group and last_group[0] in groups and last_group[1] >= para - PRONOUN_WINDOW \
                                and _plural_role(name):
                            name = last_group[0]  # "The Democratic leaders said" after "Pelosi and Schumer"
        elif f.inherit and last_direct and last_direct[1] == para - (f.inherit == "paragraph"):
            name, mention = last_direct[0], last_direct[2]
        if name is not None and len(name.split()) == 1 and labels.get(name) == "PERSON":
            name = _fullest(ctx, name, f.start, pronoun_gender(doc, sp))  # "Clinton": Bill or Hillary
        if name is not None and mention is not None and not f.weak:  # a frame's speaker is no turn of speech
            kind = "group" if name in groups else "role" if _role_phrase(labels.get(name), name) else \
                _speaker_kind(labels.get(name), name)
            if kind == "role":  # "A government spokesman said …" and then "He added"
                last_role = (name, para, mention)
            if kind == "person":
                last_person = (name, para, mention)
                person_speakers.append(last_person)
            elif kind == "group":
                last_group = (name, para, mention)
        if f.kind == "direct" or f.parts:  # a quote over several paragraphs goes on from its last one
            last_direct = (name, ctx.paragraph(f.end), mention)
        quotes.append(Quote(text[f.start:f.end], f.start, f.end, f.kind, name, f.cue, mention,
                            [Span(s, e) for s, e in f.parts]))
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


_NOT_BEFORE_NAME = frozenset({"of", "for", "to", "with", "by", "from", "and", "or", "at", "in", "on", "the", "a"})


def _name_before_aside(ctx: Context, phrase: str) -> str | None:
    """The article's person whose surname ends a speaker phrase's first comma part, when that part has no article,
    preposition or possessive ("Outgoing Flake, and good riddance"; not "the husband of Jane Doe, a lawyer")."""
    head, comma, _ = phrase.partition(",")
    words = head.split()
    if not comma or not words or "'" in head or "’" in head \
            or _NOT_BEFORE_NAME.intersection(w.casefold() for w in words):
        return None
    return ctx.by_text.get(words[-1])


def _same_person(a: str, b: str) -> bool:
    """The same name, or a lone surname and a full name that ends with it ("Clinton", "Bill Clinton")."""
    wa, wb = a.split(), b.split()
    return a == b or (len(wa) == 1 and wb[-1:] == wa) or (len(wb) == 1 and wa[-1:] == wb)


def pronoun_gender(doc: Doc, sp: Speaker | None) -> str | None:
    """ "m" for a "he"/"his" speaker, "f" for "she"/"her", else None."""
    if sp is None or not sp.pronoun:
        return None
    low = POSSESSIVES.get(doc[sp.start].lower_, doc[sp.start].lower_)
    return "m" if low == "he" else "f" if low == "she" else None


def _fullest(ctx: Context, surname: str, before: int, want: str | None) -> str:
    """The article's full name that a lone surname speaker stands for when several share it ("Clinton": Bill
    Clinton or Hillary Clinton): of those whose gender agrees with the pronoun that named it, if any, the one named
    in full last in the quote's paragraph or the one before, else the one the article names first (most often the
    one it is about); the surname itself when no full name ends with it."""
    fold = surname.casefold()
    full = [e for e in ctx.article.entities if e.label == "PERSON" and len(e.name.split()) > 1
            and e.name.split()[-1].casefold() == fold]
    # "Texas Senator Ted Cruz" beside "Ted Cruz": the NER kept a title in one of two names of one person
    full = [e for e in full if not any(o.name != e.name and e.name.endswith(" " + o.name) for o in full)]
    if want is not None:
        full = [e for e in full if gender_of(ctx.article, e.name) in (None, want)] or full
    if not full:
        return surname

    para = ctx.paragraph(before)
    near = [(m.start, e.name) for e in full for m in e.mentions
            if m.start < before and len(m.text.split()) > 1 and ctx.paragraph(m.start) >= para - 1]
    if near:  # named in full in this paragraph or the one before: "the photojournalist Askia Muhammad … Mr. Muhammad"
        return max(near)[1]
    return min(full, key=lambda e: min(m.start for m in e.mentions)).name


def _joint(ctx: Context, sp: Speaker, first: Entity) -> str | None:
    """ "House Speaker Nancy Pelosi and Senate Democratic Leader Chuck Schumer": the persons a speaker phrase
    joins with "and", when it names two or more and none as a possessor ("Trump’s lawyers")."""
    if first.label != "PERSON":
        return None
    text = ctx.article.text
    s_off, e_off = ctx.doc[sp.start].idx, ctx.doc[sp.end - 1].idx + len(ctx.doc[sp.end - 1])
    hits = [(s, e, ent) for s, e, ent in ctx.mentions(s_off, e_off)
            if e <= e_off and ent.label == "PERSON"]  # other names are titles here: "Senate Democratic Leader"
    if any(text[e:e + 2] in {"'s", "’s"} for _, e, _ in hits):
        return None
    names = list(dict.fromkeys(ent.name for _, _, ent in hits))
    if len(names) < 2 or not re.search(r"\band\b", text[hits[0][1]:hits[-1][0]]):
        return None
    return " and ".join(names)


def junk_speaker(span: TokenSpan) -> bool:
    """Phrases that name nobody: "That (said)", "you", "n't", a lone determiner (but "WHO", "U2", "O’Malley")."""
    words = [t for t in span if len(t) > 1 and any(ch.isalpha() for ch in t.text) and t.lower_ != "n't"]
    return not words or (len(words) == 1 and words[0].lower_ in NOT_SPEAKERS and not words[0].is_upper)


def _speaker_kind(label: str | None, name: str) -> str | None:
    """"person", "group" (an organisation, or a phrase like "the ministry"), or None: what "he"/"she" or
    "it"/"they" may refer back to."""
    if label == "ORG" and name.split() and name.split()[0].casefold() in _genders()[0]:
        return "person"  # "Chelsea Handler", which spaCy often calls an ORG
    if label is not None:
        return "person" if label == "PERSON" else "group" if label in GROUP_LABELS else None
    return "group" if name.split()[0].lower() in {"the", "its", "their"} else None


@lru_cache(maxsize=1)
def _genders() -> tuple[dict[str, str], dict[str, str]]:
    """(first name -> "m"/"f", word before a name -> "m"/"f") from data/genders.json."""
    d = json.loads((DATA / "genders.json").read_text(encoding="utf-8"))
    return ({n: g for g in ("m", "f") for n in d[g]}, {w: g[0] for g in ("m_words", "f_words") for w in d[g]})


def gender_of(article: Article, name: str) -> str | None:
    """ "m", "f" or None (unknown) for a person of the article: by an honorific or title in one of its mentions
    (or right before one), else by its first name."""
    names, words = _genders()
    ent = next((e for e in article.entities if e.name == name), None)
    for m in ent.mentions if ent else []:
        before = article.text[max(0, m.start - 30):m.start].split()
        for w in [*m.text.split()[:-1], *before[-1:]]:
            if w.casefold() in words:
                return words[w.casefold()]
    return names.get(name.split()[0].casefold()) if name.split() else None


def _antecedent(ctx: Context, before: int, para: int, want: str, last: tuple[str, int, Mention] | None,
                role: tuple[str, int, Mention] | None = None, possessive: bool = False) -> str | None:
    """The person a "he" (want "m") or "she" ("f") at offset `before` refers to, walking back sentence by sentence
    over the narration (words inside quotes are left out) at most `PRONOUN_WINDOW` paragraphs: the last person
    speaker `last` once the walk reaches its words or a sentence that names it again ("Melvin followed up by
    asking Clinton if …"); before that, a sentence whose first person word is the same pronoun goes on with the
    same person ("He texted the source … Nidal Hasan") and is passed over; else the first person of the sentence
    whose gender agrees or is unknown ("Flynn spoke with Putin. He said" -> Flynn), or the last speaker named by
    a role (`role`) when its sentence names nobody before it ("A government spokesman said … He added"). The
    pronoun's own sentence counts only for a possessive ("Helms … his denial") or under a subordinator. None when
    no sentence names one."""
    article = ctx.article
    sentences = ctx.narrative_sentences()
    starts = [lo for lo, _ in sentences]
    floor = ctx.para_starts[max(0, para - 1 - PRONOUN_WINDOW)] if ctx.para_starts else 0
    last_ok = last is not None and last[1] >= para - PRONOUN_WINDOW and \
        gender_of(article, last[0]) in (None, want) and last[2].start <= before
    pronoun = "he" if want == "m" else "she"
    for k in range(bisect_right(starts, before) - 1, -1, -1):
        lo, hi = sentences[k][0], min(sentences[k][1], before)
        if hi <= floor:
            break
        if last is not None and last_ok and last[2].start >= lo:
            return last[0]  # the walk reached the last speaker's own attribution
        persons = [(s, ent) for s, e, ent in ctx.mentions(lo, hi)
                   if _speaker_kind(ent.label, ent.name) == "person" and not inside(ctx.quoted, s, e)]
        if last is not None and last_ok and any(_same_person(ent.name, last[0]) for _, ent in persons):
            return last[0]
        if role is not None and lo <= role[2].start < hi and role[1] >= para - PRONOUN_WINDOW and \
                _role_gender(role[0]) in (None, want) and not any(s < role[2].start for s, _ in persons):
            return role[0]
        if lo <= before < sentences[k][1] and not possessive and not _subordinate(ctx, before):
            continue  # its own sentence, the pronoun its subject: "Like Saviano, he said …" is not Saviano
        same = next((t.idx for t in ctx.doc[ctx.token_at(lo):ctx.token_at(hi)] if t.lower_ == pronoun
                     and not inside(ctx.quoted, t.idx, t.idx + 1)), None)
        opening = same is not None and _subordinate(ctx, same) and not ctx.article.text[lo:same].split()[1:]
        if same is not None and (not persons or same < persons[0][0]) and not opening:  # "After he was arrested,"
            continue  # the same person goes on as this sentence's subject
        if _role_subject(ctx.article.text[lo:persons[0][0] if persons else hi]):
            continue  # "The inspector general questioned whether Strzok …": someone named before
        fits = [(s, ent) for s, ent in persons if gender_of(article, ent.name) in (None, want)]
        if last_ok:  # a possessor ("… to investigate Ford’s allegations") is no subject to go on from
            fits = [(s, ent) for s, ent in fits if not _possessor(ctx, s)]
        if fits:
            return min(fits, key=lambda x: (_unsure(ctx, x[1]), x[0]))[1].name
    return last[0] if last is not None and last_ok else None


def _possessor(ctx: Context, start: int) -> bool:
    """Whether the mention at `start` is followed by a possessive 's."""
    hit = ctx.mention_at(start)
    return hit is not None and ctx.article.text[hit[1]:hit[1] + 2] in {"'s", "’s"}


def _role_phrase(label: str | None, name: str) -> bool:
    """A speaker named only by a role noun ("A government spokesman", "The senator"), no entity."""
    return label is None and bool(name.split()) and name.split()[-1].casefold() in descriptors.roles().heads


def _plural_role(name: str) -> bool:
    """ "The Democratic leaders", "the two senators": a definite phrase ending in a role noun's plural."""
    words = name.split()
    if len(words) < 2 or words[0].casefold() != "the":
        return False
    last = words[-1].casefold()
    return last.endswith("s") and last[:-1] in descriptors.roles().heads


def _role_gender(name: str) -> str | None:
    """The gender a role's head noun tells ("spokeswoman", "the Pope", "the cardinal"; data/genders.json), else None."""
    head = name.split()[-1].casefold()
    if head in _genders()[1]:
        return _genders()[1][head]
    return "f" if head.endswith("woman") else "m" if head.endswith("man") and head != "human" else None


def _subordinate(ctx: Context, at: int) -> bool:
    """Whether the pronoun at offset `at` opens a clause under another ("Francis explains this when he says"),
    whose subject it may refer to."""
    i = ctx.token_at(at)
    return i > 0 and ctx.doc[i - 1].lower_ in SUBORDINATORS


def _role_subject(words: str) -> bool:
    """Whether a sentence opens with a definite role ("The inspector general questioned …", "The senator")."""
    m = _ROLE_OPENING.match(words)
    return m is not None and any(w.casefold() in descriptors.roles().heads for w in m.group(1).split())


def _agreeing_person(ctx: Context, before: int, para: int, want: str,
                     speakers: list[tuple[str, int, Mention]]) -> str | None:
    """The latest person speaker, else the nearest person mention (`_previous_persons` order) before `before`, at
    most `PRONOUN_WINDOW` paragraphs back, whose gender is `want` (else the first of unknown gender)."""
    cands = [n for _, n in sorted(((m.start, n) for n, p, m in speakers
                                   if p >= para - PRONOUN_WINDOW and m.start < before), reverse=True)]
    cands += [ent.name for _, ent in _previous_persons(ctx, before, para, want)]
    unknown = None
    for name in cands:
        g = gender_of(ctx.article, name)
        if g == want:
            return name
        if g is None and unknown is None:
            unknown = name
    return unknown


def _previous_persons(ctx: Context, before: int, para: int, want: str | None = None) -> list[tuple[int, Entity]]:
    """(offset, entity) of the persons mentioned before `before`, at most `PRONOUN_WINDOW` paragraphs back, the
    nearest sentence first and, inside a sentence, the first person (most often its subject) whose gender does
    not disagree with `want` first."""
    found = [(s, ent) for s, e, ent in ctx.mentions(hi=before)
             if _speaker_kind(ent.label, ent.name) == "person" and ctx.paragraph(s) >= para - PRONOUN_WINDOW
             and not inside(ctx.quoted, s, e)]  # a name inside a quote is the speaker's words, not the narration's
    starts = [sp.start for sp in ctx.article.sentences]

    def agreement(ent: Entity) -> int:
        g = gender_of(ctx.article, ent.name) if want else None
        return 1 if g is not None and g != want else 0

    return sorted(found, key=lambda x: (-bisect_right(starts, x[0]), agreement(x[1]), _unsure(ctx, x[1]), x[0]))


def _unsure(ctx: Context, ent: Entity) -> int:
    """1 for a PERSON that only the NER says is one: a single word with no known first name or title in any of
    its mentions ("Twitter" in "a similar sentiment on Twitter from former Rep. Beto O’Rourke")."""
    if len(ent.name.split()) > 1 or gender_of(ctx.article, ent.name) is not None:
        return 0
    titled = any(w.casefold() in _TITLES for m in ent.mentions
                 for w in ctx.article.text[max(0, m.start - 12):m.end].split()[:-1])
    return 0 if titled else 1


def _previous_person(ctx: Context, before: int, para: int, want: str | None = None) -> tuple[int, Entity] | None:
    """The person a "he"/"she" with no speaker before it means: in the nearest sentence that names a person, the
    first one whose gender agrees ("Flynn spoke with Putin. He said ..." -> Flynn)."""
    found = _previous_persons(ctx, before, para, want)
    return found[0] if found else None
