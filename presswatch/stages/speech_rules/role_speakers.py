"""Role phrases as speakers in Russian, German and Polish: which words open one, where it ends, and whether two
role words name the same role ("экс-госсекретарь" and "госсекретарь", "der Kanzler" and "Bundeskanzler")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Protocol

from presswatch.stages import analysers

if TYPE_CHECKING:
    from presswatch.article import Entity


class Rules(Protocol):
    """What these helpers read of a language's speech rules (`speech_language.Rules`)."""

    @property
    def lang(self) -> str: ...
    @property
    def titles(self) -> frozenset[str]: ...
    @property
    def pronouns(self) -> dict[str, str]: ...
    @property
    def prepositions(self) -> frozenset[str]: ...
    @property
    def left_out_openers(self) -> frozenset[str]: ...


class Names(Protocol):
    """The article's entity mentions by position (`speech_text.Names`)."""

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]: ...


class Found(Protocol):
    """A quote before its speaker is resolved (`speech_text.Found`)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def cue(self) -> str | None: ...
    @property
    def inherit(self) -> str | None: ...

LANGS = frozenset({"ru", "de", "pl"})
# "former" written as a prefix of the role word: the role is the rest ("экс-госсекретарь США")
PREFIXES = ("экс-", "ex-", "eks-")
STEM = 5  # letters two inflected forms of a role word share ("пресс-секретаря", "пресс-секретарь")
MAX_WORDS = 6
# a role that one of many members hold: the organisation speaks ("представитель Национальной галереи")
MEMBERS = frozenset(["представитель", "представители", "пресс-служба", "сотрудник", "сотрудники", "источник",
                     "источники", "przedstawiciel", "przedstawiciele", "biuro", "vertreter", "mitarbeiter"])
# generic words a Russian source phrase refers back to an organisation with ("по данным ведомства")
POINTERS = frozenset(["ведомство", "издание", "агентство", "служба", "спецслужба", "министерство", "газета",
                      "опрос", "портал", "телеканал"])
# words that open a phrase naming someone the text does not name ("один из комментаторов", "jeden z posłów")
UNNAMED = frozenset(["один", "одна", "одно", "одни", "jeden", "jedna", "jedno", "ein", "einer", "eine"])


def bare(word: str) -> str:
    """A role word without a "former" prefix and, for a hyphenated one, without its leading part ("UNO-Kommissar"
    -> "kommissar"), case folded."""
    w = word.casefold()
    for prefix in PREFIXES:
        if w.startswith(prefix) and len(w) > len(prefix) + 2:
            w = w[len(prefix):]
    if "-" in w and w.split("-")[0].upper() == word.split("-")[0] and len(w.split("-")[-1]) >= STEM:
        w = w.split("-")[-1]  # "UN-Vertreter": an acronym before the role word
    return w


def is_title(word: str, r: Rules) -> bool:
    """Whether a word is one of the language's title words, a "former" prefix aside ("экс-госсекретарь"), or one
    after an acronym and a hyphen ("CDU-Chef")."""
    w = word.casefold()
    head, _, last = word.rpartition("-")
    return w in r.titles or bare(word) in r.titles or len(head) >= 2 and head.isupper() and last.casefold() in r.titles


def person_noun(word: str, r: Rules) -> bool:
    """Whether a lower-case word opens a phrase naming a person by role: a title word, or in Russian a noun or
    adjective in the nominative whose phrase's first noun is animate ("исполнительный директор", not "ведомство")."""
    if not word[:1].islower() or word.casefold() in r.pronouns:
        return False
    if is_title(word, r):
        return True
    return r.lang == "ru" and _russian_person(word)


def _russian_person(word: str) -> bool:
    morph = analysers.natasha()[2]
    parses = morph.parse(word)
    if any(p.tag.POS == "NOUN" and "nomn" in p.tag and "anim" in p.tag for p in parses):
        return True
    return any(p.tag.POS == "ADJF" and "nomn" in p.tag and "sing" in p.tag for p in parses[:1])


def phrase_end(text: str, start: int, limit: int, r: Rules) -> int | None:
    """Where a role phrase that opens at `start` ends: before a comma or stop, a preposition or `limit`; None when
    it runs over MAX_WORDS words or, in Russian, its first noun names no person ("заявило ведомство")."""
    end = start
    noun_seen = False
    for i, m in enumerate(re.finditer(r"[\w'’.-]+|[^\w\s]", text[start:limit])):
        token = m.group(0).rstrip(".")
        if not token or not token[0].isalnum() or (i and token.casefold() in r.prepositions):
            break
        if i >= MAX_WORDS:
            return None
        if r.lang == "ru" and token[:1].islower() and not noun_seen:
            nouns = [p for p in analysers.natasha()[2].parse(token) if p.tag.POS == "NOUN"]
            if nouns:
                noun_seen = True
                if not any("anim" in p.tag for p in nouns) and not is_title(token, r):
                    return None
        end = start + m.start() + len(token)
    return end if end > start else None


def nobody(phrase: str, r: Rules) -> bool:
    """Whether a role phrase names no one person: "один из комментаторов", or in Russian a phrase whose nouns are all
    things ("статистике", "австралийское минобороны"): no person the text named before is meant."""
    words = phrase.split()
    return not words or words[0].casefold() in UNNAMED or r.lang == "ru" and not_person(words, r)


def not_person(words: list[str], r: Rules) -> bool:
    """Whether the lower-case nouns of a Russian phrase are all inanimate (and none is a title word)."""
    morph = analysers.natasha()[2]
    nouns = 0
    for w in words:
        if not w[:1].islower() or is_title(w, r):
            if is_title(w, r):
                return False
            continue
        parses = [p for p in morph.parse(w) if p.tag.POS == "NOUN"]
        if parses:
            nouns += 1
            if "anim" in parses[0].tag:  # the likeliest reading: "статистике" is statistics, not a statistician
                return False
    return nouns > 0


def body(phrase: str, inside: list[tuple[int, int, Entity]], before: list[tuple[int, int, Entity]],
         r: Rules) -> str | None:
    """The organisation a role phrase speaks for when no person holds the role in the text: an organisation named
    inside it ("представитель Национальной галереи"), else, for a phrase that names no person ("по данным
    ведомства"), the latest organisation named before it."""
    orgs = [ent.name for _, _, ent in inside if ent.label == "ORG"]
    if orgs and phrase.split()[0].casefold() in MEMBERS:  # not "председатель ЕК": one person heads it
        return orgs[-1]
    if r.lang == "ru" and not_person(phrase.split(), r) and _points(phrase):
        named = [ent.name for _, _, ent in before if ent.label == "ORG"]
        return named[-1] if named else None
    return None


def _points(phrase: str) -> bool:
    """Whether a Russian phrase refers back to an organisation by a generic word ("информации издания", "в
    спецслужбе")."""
    morph = analysers.natasha()[2]
    return any(p.normal_form in POINTERS for w in phrase.split() if w[:1].islower() for p in morph.parse(w)[:1])


# endings of German words that name an institution ("das Auswärtige Amt", "das UN-Hochkommissariat für
# Flüchtlinge", "die Bundesregierung"): a subject phrase holding one speaks as that institution
DE_BODIES = ("amt", "ministerium", "regierung", "kommissariat", "institut", "behörde", "agentur", "ressort",
             "kommission", "verband", "gericht", "kreml", "pentagon", "rat", "konzern", "zentrum", "büro", "dienst")
DE_ARTICLES = frozenset(["der", "die", "das", "des"])
MAX_BODY_WORDS = 6


# more endings of German institution names, for names found beside cues ("Universitätsklinikum Schleswig-Holstein")
DE_INSTITUTIONS = DE_BODIES + ("klinikum", "klinik", "gesellschaft", "stiftung", "partei", "bank", "universität",
                               "hochschule", "gewerkschaft", "konferenz", "komitee", "parlament")


def german_institution(words: list[str]) -> bool:
    """Whether a capitalised run names a German institution: one of its words ends like one ("Robert Koch-Institut",
    "Universitätsklinikum Schleswig-Holstein")."""
    return any(w[:1].isupper() and w.casefold().rstrip(".,").endswith(DE_INSTITUTIONS) for w in words)


def german_body(phrase: str) -> str | None:
    """The institution a German subject phrase names, without its article ("Das UN-Hochkommissariat für
    Flüchtlinge" -> "UN-Hochkommissariat für Flüchtlinge"), or None."""
    words = phrase.split()
    if not words or words[0].casefold() not in DE_ARTICLES or not 2 <= len(words) <= MAX_BODY_WORDS:
        return None
    if not any(w.casefold().endswith(DE_BODIES) and w[:1].isupper() or len(w) >= 2 and w.isupper()
               for w in words[1:]):  # "das Auswärtige Amt", "der FSB"
        return None
    return " ".join(words[1:])


def german_subject(text: str, clause: int, cue_start: int) -> tuple[int, int] | None:
    """The span of a German institution subject that opens a clause right before its cue ("Das Auswärtige Amt
    teilte mit"), or None."""
    head = text[clause:cue_start]
    start = clause + len(head) - len(head.lstrip())
    end = clause + len(head.rstrip())
    return (start, end) if german_body(text[start:end]) is not None else None


MAX_APPOSED_WORDS = 14  # role words (and a bracketed acronym) between a cue and the name set off by a comma


def apposed_name(text: str, at: int, limit: int,
                 hits: list[tuple[int, int, Entity]]) -> list[tuple[int, int, Entity]]:
    """The person a German role phrase after a cue names in apposition, set off by a comma ("sagte der Vorstandschef
    der Deutschen Krankenhausgesellschaft (DKG), Gerald Gaß, dem RND"): the first PERSON right after a comma, with no
    sentence end, colon or quotation mark before it and a comma, a sentence end or the limit right after it."""
    for s, e, ent in hits:
        between = text[at:s]
        if ent.label != "PERSON" or not between.rstrip(" \u00a0").endswith(","):
            continue
        if re.search(r"[.;:!?«»„“”\"]", between) or len(re.findall(r"\w+", between)) > MAX_APPOSED_WORDS:
            return []
        after = text[e:limit].lstrip(" \u00a0")
        return [(s, e, ent)] if not after or after[0] in ",.;:!?" else []
    return []


def _acronyms(words: list[str]) -> set[str]:
    return {w.casefold() for w in words if sum(c.isupper() for c in w) >= 2 and len(w) <= 6}


def other_acronym(role: str, near: list[str]) -> bool:
    """Whether a role phrase names an organisation by its acronym and the words around a person's introduction name
    another one, not it ("Prezes PiS" and "prezesem NBP Adamem Glapińskim"); no acronym on either side says nothing."""
    mine, theirs = _acronyms(re.findall(r"\w+", role)), _acronyms(near)
    return bool(mine and theirs and not mine & theirs)


def russian_plural(phrase: str) -> str | None:
    """"p" for a Russian role phrase whose first noun reads first as a plural nominative ("эксперты", "западные
    аналитики"): no one person."""
    morph = analysers.natasha()[2]
    for w in phrase.split():
        nouns = [p for p in morph.parse(w) if p.tag.POS == "NOUN"] if w[:1].islower() else []
        if nouns:
            return "p" if "plur" in nouns[0].tag and "nomn" in nouns[0].tag else None
    return None


def german_gender(phrase: str, cue: str | None) -> str | None:
    """The number and gender a German role phrase shows: "p" after a plural cue ("schrieben die Analysten", "so die
    Forscher" is read by its noun) or for "die" before a noun that is no feminine singular ("die Analysten", not
    "die Ministerin", "die Abgeordnete"); "f" for such a feminine singular; None when the phrase does not say."""
    words = phrase.split()
    if cue and cue.split()[-1].casefold().endswith("en") and cue.split()[-1].casefold() not in {"so"}:
        return "p"
    article = words[0].casefold() if len(words) >= 2 else (cue.split()[-1].casefold() if cue else "")
    if article == "die" and words:  # "die Analysten", "so die Forscher"
        noun = words[-1].casefold()
        return "f" if noun.endswith(("in", "e")) else "p"
    return None


_POSSESSIVES = {"ru": "его|её|ее|их", "pl": "jego|jej|ich", "fr": "son"}  # fr: "À son avis"


def pronoun_inside(m: re.Match[str], r: Rules) -> tuple[int, int] | None:
    """The span of a possessive pronoun inside a Russian, Polish or French source phrase ("по его словам",
    "jego zdaniem", "à son avis"), or None."""
    if r.lang not in _POSSESSIVES:
        return None
    inner = re.search(rf"(?<!\w)({_POSSESSIVES[r.lang]})(?!\w)", m.group(0), re.I)
    return (m.start() + inner.start(1), m.start() + inner.end(1)) if inner else None


# outlet words a paper's name follows ("dziennik „Die Welt”", "portal Onet"): the paper speaks, not a person
OUTLETS = frozenset(["dziennik", "gazeta", "portal", "tygodnik", "agencja", "serwis", "stacja", "telewizja",
                     "издание", "газета", "агентство", "телеканал", "zeitung", "blatt", "sender", "magazin"])
_OUTLET_NAME = re.compile(r"[ \u00a0]*(?:[„“\"«»]([^„“”\"«»]{2,40})[”“\"»«]|([A-ZÀ-ÖØ-ÞА-ЯЁĄĆĘŁŃÓŚŹŻ][\w.-]*"
                          r"(?:[ \u00a0][A-ZÀ-ÖØ-ÞА-ЯЁĄĆĘŁŃÓŚŹŻ][\w.-]*){0,2}))")


def outlet_after(text: str, start: int, end: int, limit: int, r: Rules) -> tuple[int, int] | None:
    """The span of the outlet's name after a role phrase that is an outlet word ("dziennik „Die Welt”"), or None."""
    if text[start:end].split()[-1].casefold() not in OUTLETS:
        return None
    m = _OUTLET_NAME.match(text, end, limit)
    if m is None:
        return None
    group = 1 if m.group(1) else 2
    return m.start(group), m.end(group)


_ADJECTIVE = re.compile(r"\w+(?:ski|cki|dzki|ny|owy|ański|ński|ska|cka|na|owa|skie|ckie)$", re.I)


def describes_body(words_before: str, entity: Entity, r: Rules) -> bool:
    """Whether the words before an organisation in a Polish speaker phrase only describe it ("Natomiast polski
    Główny Inspektorat Ochrony Środowiska"), so the organisation speaks, not a person holding a role in it."""
    if entity.label == "PERSON" or len(entity.name.split()) < 2:
        return False
    words = re.findall(r"\w[\w-]*", words_before)
    return bool(words) and all(w.casefold() in r.left_out_openers or _ADJECTIVE.fullmatch(w) for w in words)


# a Polish document as the source of what follows ("Z raportu … wynika, że", "Z danych GUS wynika, iż")
DOCUMENT_SOURCE = re.compile(r"(?<!\w)[Zz][ \u00a0]+[^.;!?]{0,80}?(?<!\w)(?:raportu|badań|badania|danych|analizy|"
                             r"sondażu|artykułu|dokumentu|ustaleń|komunikatu|szacunków|statystyk)(?!\w)[^.;!?]{0,160}?"
                             r"[ \u00a0]wynika(?:ło)?,?[ \u00a0]+(?:że|iż)[ \u00a0]")


_CAP = r"[A-ZĄĆĘŁŃÓŚŹŻ][\w-]*"
_AUTHOR = re.compile(rf"(?<!\w)przez[ \u00a0]+((?:{_CAP}[ \u00a0]+){{0,4}}{_CAP}(?:[ \u00a0]+w[ \u00a0]+{_CAP})?)")


def author(text: str, doc: re.Match[str], names: Names) -> tuple[int, int] | None:
    """Who wrote the document a DOCUMENT_SOURCE match names: the last organisation or person named in it, else a
    quoted title ("magazyn „The Lancet”"), else None."""
    named = [(s, e) for s, e, ent in names.within(doc.start(), doc.end()) if ent.label in {"ORG", "PERSON"}]
    if named:
        return named[-1]
    by = _AUTHOR.search(text, doc.start(), doc.end())
    if by is not None:  # "Z raportu opracowanego przez Uniwersyteckie Centrum Medyczne w Groningen wynika"
        return by.start(1), by.end(1)
    quoted = list(re.finditer(r"[„“\"”«]([^„“”\"«»]{2,40})[”“\"»]", text[doc.start():doc.end()]))
    return (doc.start() + quoted[-1].start(1), doc.start() + quoted[-1].end(1)) if quoted else None


def held(reported: list[Found], direct: list[Found], r: Rules) -> set[tuple[int, int]]:
    """The direct quotes wholly inside a reported sentence: in Russian one reported through a source phrase that
    holds its pronoun ("У экс-главы … Брауна, по его словам, «никогда не было иллюзий …»"), in German any (only a
    Konjunktiv sentence before an inverted cue holds marks: "Das Land weigere sich, „…“ zu „zügeln“, meinte Peskow").
    Parts of that reported quote."""
    own = [(f.start, f.end) for f in reported if f.cue and (r.lang == "de" and not f.inherit or re.search(
        r"(?<!\w)(?:его|её|ее|их)(?!\w)", f.cue))]
    return {(d.start, d.end) for d in direct for s, e in own if s <= d.start and d.end <= e}


def source_role(text: str, at: int, comma: int, sent_end: int, r: Rules) -> tuple[int, int] | None:
    """The role a source word names when no name follows it ("Według ministra brakuje …", "Zdaniem rzecznika
    rządu, …"): the lower-case words up to a comma (at most 4, the first a title), else the title word alone."""
    first = re.match(r"[ \u00a0]*([a-ząćęłńóśźż][\w-]*)", text[at:sent_end])
    if first is None or not is_title(first.group(1), r):
        return None
    start = at + first.start(1)
    words = re.findall(r"\S+", text[start:comma]) if comma > 0 else []
    if words and len(words) <= 4 and all(w[:1].islower() for w in words):
        return start, comma
    return start, at + first.end(1)


def same_role(head: str, word: str, lang: str) -> bool:
    """Whether a word beside a person's name gives the role `head` names: the same first letters after a "former"
    prefix, or in German the end of a compound ("Kanzler" in "Bundeskanzler", "Kommissar" in
    "Flüchtlingskommissar")."""
    a, b = bare(head), bare(word)
    if len(a) < STEM or len(b) < STEM:
        return False
    if a[:STEM] == b[:STEM]:
        return True
    return lang == "de" and len(a) >= 6 and b.endswith(a)
