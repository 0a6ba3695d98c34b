"""Quotes and speakers by rule, for languages the English parse rules do not read (data/speech_rules.json).

Direct quotes lie inside the language's quotation marks (« » „ “ » « " ") or follow a dialogue dash at a
paragraph's start ("— Текст, — сказал он."). A quote is attributed by a cue verb just after its closing mark
(after a comma or a dash: «…», — заявил Лавров; „…“, sagte Scholz; „…“, so Scholz), by a cue before a colon or
a complementiser just before its opening mark (Лавров заявил: «…»), or by a bare name before a colon
(Песков: «…»). Reported speech is a cue with its complementiser (заявил, что …; a déclaré que …; sagte, dass …),
a clause ended by a cue and a name (…, заявил Песков.) or a source phrase (по словам X, …; selon X, …; laut X
…; secondo X, …; według X, …). The speaker is the name beside the cue: an entity mention after the cue, else
the first person named in the clause before it, else a pronoun, which takes the nearest earlier person speaker
(or person named) whose gender agrees where the language's names show it. Short quotes (<= 4 words) with no
cue are scare quotes; an unattributed quote that is a whole paragraph continues the previous paragraph's
speaker. For languages without a trained NER, `speaker_names` supplies the names: capitalised words beside a
cue or opening its sentence (one word only after the cue or inside a sentence; German, which capitalises
nouns, never one word opening a sentence), and their other occurrences in the text.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from spacy.tokens import Doc

from presswatch.article import Article, Entity, Mention, Quote, Span
from presswatch.clean.language import STOPWORDS
from presswatch.stages import (
    analysers,
    german_cues,
    mixed_rules,
    object_frames,
    office_holders,
    role_names,
    role_speakers,
    romance_cues,
    rule_names,
    speech_nouns,
    speech_pointers,
    speech_walk,
    told_parties,
    view_sources,
)

DATA = Path(__file__).resolve().parent / "data"
S = TypeVar("S")
MAX_SCARE_WORDS = 4
CUE_WINDOW = 4  # words between a closing mark and its cue ("», — также заявил он")
BEFORE_WINDOW = 20  # words between a cue and the colon or complementiser before an opening mark
DASHES = "-–—"
NAME_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁĄĆĘŁŃÓŚŹŻ][\w'’-]*"
PRONOUN_WINDOW = 3  # paragraphs a pronoun may look back for a person
MAX_THAT_GAP = 7  # words between a cue and its complementiser ("poinformował na Twitterze, że")
MAX_ATTRIBUTION_WORDS = 16  # '"A," said X, head of ... . "B."': longer text between two quotes is narration
_ABBREV = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|St|Rev|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Prof|[A-Z])\.")
_SENT_END = re.compile(r"[.!?;]")


@dataclass(frozen=True)
class Rules:
    lang: str
    cue: re.Pattern[str]  # any cue, as a whole word or phrase
    after_quote: frozenset[str]
    according: re.Pattern[str] | None
    according_after: re.Pattern[str] | None
    that: re.Pattern[str]
    pronouns: dict[str, str]
    pronoun_suffix: dict[str, str]
    titles: frozenset[str]
    openers: dict[str, str]
    female_endings: tuple[str, ...]
    determiners: frozenset[str]
    pro_drop: dict[str, str]  # verb ending -> gender of the person a subject-less cue means ("?": any)
    skip_after_cue: frozenset[str] = frozenset()  # adverbs, clitics between a cue and a name ("ha detto ancora X")
    subjunctive: re.Pattern[str] | None = None  # verb forms that report speech by their mood (German Konjunktiv I)
    gap_openers: frozenset[str] = frozenset()  # words that may open a gap between a cue and its complementiser
    gap_any: bool = False  # any few words may ("poinformował na Twitterze, że"): the complementiser is never a pronoun
    press_cues: frozenset[str] = frozenset()  # a paper's cues ("informuje"): no dash paragraph's direct speech
    prepositions: frozenset[str] = frozenset()  # "powiedział w rozmowie z portalem Vox": no speaker after these
    source_openers: frozenset[str] = frozenset()  # "Selon les chercheurs, …": a source the text does not name
    source_relatives: frozenset[str] = frozenset()  # "selon laquelle": no source
    mixed_quotes: bool = False  # quoted words inside reported speech make one reported quote (mixed_rules)
    role_heads: frozenset[str] = frozenset()  # role words a name follows ("il ministro della Difesa Nobuo Kishi")
    role_prepositions: frozenset[str] = frozenset()  # words that open the institution a role names ("della")
    source_yields: bool = False  # "d’après le média X, Y a fait savoir que …": Y's reported speech, not X's
    media_heads: frozenset[str] = frozenset()  # "le média hongrois BudapestTimes.hu": the name after is an outlet
    gerunds: tuple[str, ...] = ()  # cue endings of a gerund (", ajoutant que"): its subject is the sentence's speaker
    pointers: re.Pattern[str] | None = None  # "È quanto afferma X": the sentence before is X's (speech_pointers)
    infinitive: re.Pattern[str] | None = None  # what opens an infinitive complement ("ha precisato di aver …")
    no_infinitive: frozenset[str] = frozenset()  # cues that take no such complement as speech ("continue de …")
    plural_cue: re.Pattern[str] | None = None  # a plural cue ("ont déclaré"): no one person before it is its subject
    subject_by_cue: bool = False  # of several persons before a cue, the one right before it speaks ("Xi, Biden a dit")
    institutions: frozenset[str] = frozenset()  # "a indiqué le gouvernement": the institution speaks, not a person
    comma_gap: int = MAX_THAT_GAP  # words an aside between commas may hold between a cue and its complementiser
    view_openers: re.Pattern[str] | None = None  # "Pour le ministre, …": the view of who follows (view_sources)
    incises: bool = False  # "«A, a déclaré X, B»", "A, a déclaré X, B.": an attribution between commas
    frame_cues: re.Pattern[str] | None = None  # "a appelé X à …", "ha accusato X di …" (object_frames)
    frame_link: re.Pattern[str] | None = None  # the word and infinitive after such a cue's object
    speech_nouns: re.Pattern[str] | None = None  # "sa position selon laquelle …" (speech_nouns)
    noun_links: re.Pattern[str] | None = None  # what joins such a noun to what it says ("selon laquelle")
    naming: frozenset[str] = frozenset()  # cues that name what was said: "nannte dies „…“", "назвал это «…»"
    past_cue: re.Pattern[str] | None = None  # a past-tense verb right after a closing mark ("” – warknął X")
    role_gap: int = 0  # lower-case role words between a cue and a full name ("powiedziała przewodnicząca komisji X Y")
    # present-tense endings of a subject-less cue after a direct quote ("– podkreśla."): gender as in pro_drop
    pro_drop_present: dict[str, str] = field(default_factory=dict)
    left_out_openers: frozenset[str] = frozenset()  # words before a subject-less cue in its clause ("Dalej wyjaśnia")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _lower_words(items: list[str]) -> re.Pattern[str] | None:
    """Whole lower-case words, case kept: German verb forms, never the capitalised nouns they spell ("stelle",
    "folge"; not "Stelle", "Folge")."""
    return re.compile(rf"(?<!\w)(?:{_alternation(items)})(?!\w)") if items else None


@cache
def rules(lang: str | None) -> Rules:
    """The speech rules of `lang` (the `_default` ones for a language without its own)."""
    table: dict[str, Any] = json.loads((DATA / "speech_rules.json").read_text(encoding="utf-8"))
    key = lang if lang in table and not str(lang).startswith("_") else "_default"
    d = table[key]

    def words(items: list[str]) -> re.Pattern[str] | None:
        return re.compile(rf"(?<!\w)(?:{_alternation(items)})(?!\w)", re.I) if items else None

    aux = d.get("auxiliaries", {})  # "a déclaré" -> "ont déclaré", "avait déclaré": every tense of a compound cue
    cues = d["cues"] + [f"{other} {c.split(' ', 1)[1]}" for c in d["cues"] if " " in c
                        for other in aux.get(c.split(" ", 1)[0], [])]
    cue = words(cues + d["after_quote"])
    adverbs = d.get("cue_adverbs", [])
    if aux and adverbs:  # "a déjà déclaré", "ha poi aggiunto": an adverb between the auxiliary and the participle
        parts = {c.split(" ", 1)[1] for c in cues if " " in c and c.split(" ", 1)[0] in
                 {a for k, v in aux.items() for a in [k, *v]}}
        auxes = _alternation([a for k, v in aux.items() for a in [k, *v]])
        adv = rf"(?:{_alternation(adverbs)}|\w+{d.get('adverb_ending', 'ment')})"
        cue = re.compile(rf"(?<!\w)(?:(?:{auxes})(?:[ \u00a0]+{adv}){{1,2}}[ \u00a0]+(?:{_alternation(list(parts))})|"
                         rf"{_alternation(cues + d['after_quote'])})(?!\w)", re.I)
    assert cue is not None
    elided = [w for w in d["that"] if w.endswith(("'", "’"))]  # "qu’il": no word boundary after the apostrophe
    whole = _alternation([w for w in d["that"] if w not in elided])
    that = re.compile(rf"[\s,]*(?:(?:{whole})(?!\w){'|' + _alternation(elided) if elided else ''})", re.I)
    according = d["according"] + [f"{p} {c}" for p in d["according_prefix"] for c in d["cues"]]
    return Rules(key, cue, frozenset(d["after_quote"]), words(according), words(d["according_after"]), that,
                 d["pronouns"], d["pronoun_suffix"], frozenset(w.casefold() for w in d["titles"]), d["openers"],
                 tuple(d["female_endings"]), frozenset(d["np_determiners"]), d["pro_drop"],
                 frozenset(d.get("skip_after_cue", [])), _lower_words(d.get("subjunctive", [])),
                 frozenset(w.casefold() for w in d.get("that_gap", [])), bool(d.get("that_gap_any")),
                 frozenset(d.get("press_cues", [])), frozenset(d.get("prepositions", [])),
                 frozenset(d.get("source_openers", [])), frozenset(d.get("source_relatives", [])),
                 bool(d.get("mixed_quotes")), frozenset(d.get("role_heads", [])),
                 frozenset(d.get("role_prepositions", [])), bool(d.get("source_yields")),
                 frozenset(d.get("media_heads", [])), tuple(d.get("gerunds", [])), words(d.get("pointers", [])),
                 re.compile(d["infinitive"], re.I) if d.get("infinitive") else None,
                 frozenset(d.get("no_infinitive", [])),
                 re.compile(d["plural_cue"], re.I) if d.get("plural_cue") else None, bool(d.get("subject_by_cue")),
                 frozenset(d.get("institutions", [])), int(d.get("comma_gap", MAX_THAT_GAP)),
                 words(d.get("view_openers", [])), bool(d.get("incises")),
                 words(d.get("frame_cues", []) + [f"{o} {c.split(' ', 1)[1]}" for c in d.get("frame_cues", [])
                                                  if " " in c for o in aux.get(c.split(" ", 1)[0], [])]),
                 re.compile(d["frame_link"], re.I) if d.get("frame_link") else None,
                 words(d.get("speech_nouns", [])),
                 re.compile(rf"[ \u00a0]*,?[ \u00a0]*(?:{_alternation(d['noun_links'])})(?!\w)", re.I)
                 if d.get("noun_links") else None,
                 frozenset(d.get("naming", [])),
                 re.compile(rf"(?:{d['past_cue']})(?!\w)") if d.get("past_cue") else None, int(d.get("role_gap", 0)),
                 d.get("pro_drop_present", {}), frozenset(d.get("left_out_openers", [])))


# -- names beside cues (the entities of languages without a NER model) ------------------------------------------

_NAME_RUN = re.compile(rf"{NAME_WORD}(?:[ \u00a0]+{NAME_WORD}){{0,5}}")
MAX_NAME_WORDS = 3  # "Przywódca Korei Północnej Kim Dzong Un": the name is the run's last words


_PARTICLES = frozenset(["di", "de", "da", "del", "della", "van", "von", "du", "dos", "al", "el", "ben", "le", "la"])


def _titletrim(words: list[str], r: Rules) -> list[str]:
    """A name run without its leading titles, source words ("Według") and acronyms ("KCNA Kim")."""
    while words and (words[0].casefold() in r.titles or any(words[0].casefold().endswith(t) for t in r.titles
                                                             if len(t) > 5 and r.lang == "de")
                     or (r.according is not None and r.according.fullmatch(words[0]))
                     or (len(words) > 1 and sum(c.isupper() for c in words[0]) >= 2  # "KCNA Kim", "PiS Jarosław"
                         and not all(part.istitle() for part in words[0].split("-")))  # "Marie-Agnes" stays
                     or (len(words) > 1 and words[0].casefold() in STOPWORDS.get(r.lang, ())
                         and words[0].casefold() not in _PARTICLES)  # "Il", "W"; "Di Maio" stays
                     or (len(words) > 1 and r.lang == "de" and words[0].casefold() in rule_names.DE_LEADING)
                     or (r.lang == "pl" and len(words) > 2 and words[0].endswith(("ji", "ii")))):  # "Francji Emmanuel"
        words = words[1:]
    if r.lang in {"pl", "de"} and len(words) > 1:  # "Obywatelskiej Donald Tusk", "Brytanii Winston Churchill"
        known = rule_names.first_names(r.lang)
        def first(w: str) -> bool:
            return w.casefold() in known or r.lang == "pl" and rule_names.pl_stem(w).casefold() in known

        at = next((i for i, w in enumerate(words[1:], 1) if first(w) and i < len(words) - 1), None)
        if at is not None and not first(words[0]):
            words = words[at:]
    return words[-MAX_NAME_WORDS:]


def speaker_names(doc: Doc, lang: str | None, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """PERSON spans for capitalised names beside a cue that no entity of `taken` covers, and the names' other
    occurrences (full names and, once a full name is known, its last word alone)."""
    r = rules(lang)
    text = doc.text
    names: set[str] = set()
    singles: set[str] = set()
    mid_caps = {t.text for t in doc if not t.is_sent_start and t.text[:1].isupper()}
    names.update(text[s:e] for s, e in _role_names(text, r))
    past = [] if r.past_cue is None else [c for c in (_cue_after(text, close.start(), len(text), r)
                                                      for close in re.finditer(r"[»”“\"]", text)) if c is not None]
    for m in [*r.cue.finditer(text), *past]:
        if m.group(0).casefold() == "so":  # "„…“, so Lawrow": rule_names.placed_names reads it
            continue
        at = _skip_words(text, told_parties.skip(text, m.end(), len(text), r.lang), r.skip_after_cue,
                         years=r.lang == "de")
        after = _NAME_RUN.match(text, at) or rule_names.after_role(text, at, r.determiners) or _after_role_words(
            text, at, r, m.group(0).casefold() in r.press_cues)
        before = None
        head = text[max(0, m.start() - 80):m.start()].rstrip()
        for b in _NAME_RUN.finditer(head):
            if b.end() == len(head):
                before = b
        cut = max(text.rfind(ch, max(0, m.start() - 200), m.start()) for ch in ".!?\n")
        opening = _NAME_RUN.match(text, _skip_space(text, cut + 1))  # "Claudio Mencacci, direttore …, spiega"
        opening = opening if opening is not None and len(opening.group(0).split()) >= 2 else None
        for found, at_start in ((after, False), (before, before is not None and _sentence_start(head, before.start())),
                                (opening, True)):
            if found is None:
                continue
            run = found.group(0).split()
            words = _titletrim(run, r)
            if not words or words[0].casefold() in r.pronouns or words[0].casefold() in r.determiners:
                continue
            at = found.start() + (max(0, m.start() - 80) if found is before else 0)
            trimmed = run[:len(run) - len(words)] if words == run[len(run) - len(words):] else []
            if r.lang == "de" and len(words) == 1 and (rule_names.noun_before(text, at)
                                                       or any(w.casefold() in rule_names.DE_LEADING for w in trimmed)
                                                       or words[0].casefold().endswith(rule_names.DE_NOUN_ENDINGS)
                                                       or words[0].casefold() in rule_names.DE_NOT_NAMES):
                continue  # "Von der Politik fordert …", "Klimagerechtigkeit": a noun
            if len(words) >= 2:
                names.add(" ".join(words))
            elif r.lang == "ru" and analysers.common_noun(words[0], analysers.natasha()[2]):
                continue  # "подчеркнул Патриарх": a title, not a name
            elif found is before and romance_cues.after_of(text, at, r):
                continue  # "Il leader della Lega ha dichiarato": the institution the role names, not a person
            elif not at_start or (r.lang != "de" and words[0] in mid_caps):
                singles.add(words[0])  # "napisała Thunberg"; "Greta powiedziała" mid-sentence
    if r.lang not in {"fr", "ru"}:  # languages whose NER finds names anywhere need none of these
        for run, place in rule_names.placed_names(text, r.according, r.after_quote):
            words = _titletrim(run.split(), r)
            if not words or _common(words[0], r):
                continue
            if len(words) >= 2:
                names.add(" ".join(words))
            elif words[0] in mid_caps and (place == "so" or place == "according" and r.lang != "de"):
                singles.add(words[0])  # "„…“, so Lawrow", "secondo Draghi" (German "laut" takes nouns too)
        for full in rule_names.surname_names(text, r.lang, mid_caps, lambda w: _common(w, r)):
            words = _titletrim(full.split(), r)
            if len(words) >= 2:
                names.add(" ".join(words))
        if r.lang in {"pl", "de"}:
            names |= _first_name_pairs(text, r)
        if r.lang == "it":  # "Mario Draghi", "Olaf Scholz": a known first name and the word after it
            names |= {n for n in _first_name_pairs(text, r) if not n.isupper()  # not a headline's "SILVIO BERLUSCONI E"
                      and not re.search(r" (?:di|da|del|della) ", n)}  # "Marina di Pietrasanta": a place
            names |= romance_cues.particle_names(text, rule_names.first_names(r.lang))  # "Luigi Di Maio"
    full_last = {n.split()[-1] for n in names  # not "Schleswig-Holstein" of "Universitätsklinikum Schleswig-Holstein"
                 if not (r.lang == "de" and role_speakers.german_institution(n.split()))}
    if r.lang == "pl":  # "Donald Tusk" … "według Tuska": the surname in every case the text writes it
        full_last |= rule_names.inflected(text, full_last)
    wanted = names | singles | full_last
    if not wanted:
        return []
    pattern = re.compile(rf"(?<!\w)(?:{_alternation(list(wanted))})(?!\w)")
    covered = sorted((s, e) for s, e, _ in taken)
    out = []
    text_words = set(re.findall(r"\w+", text)) if r.lang in {"pl", "de"} else set()
    normal: dict[tuple[int, int], str] = doc.user_data.setdefault("normal", {})
    for m in pattern.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in covered):  # an acronym is an organisation
            acronym = m.group(0).isupper() and " " not in m.group(0)
            out.append((m.start(), m.end(), "ORG" if acronym or _no_person(m.group(0), r) else "PERSON"))
    if text_words:  # inflected names in the nominative: full names first, then surnames alone as those write them
        for multi in (True, False):
            for s, e, label in out:
                if (" " in text[s:e]) == multi and label == "PERSON":
                    normal[(s, e)] = rule_names.nominative(text[s:e], r.lang, text_words)
            text_words |= {w for n in normal.values() for w in n.split()}
    return out


def _takes_infinitive(text: str, cue: re.Match[str], r: Rules) -> bool:
    """Whether a cue may report speech by an infinitive complement: not an aspect verb ("continue de …") nor a noun
    after an elided article ("L'accusa di …")."""
    if r.infinitive is None or cue.group(0).casefold() in r.no_infinitive:
        return False
    return not re.search(r"(?<!\w)(?:l|un|dell|all|nell|sull|d)['’]$", text[max(0, cue.start() - 6):cue.start()], re.I)


_AUXILIARY = re.compile(r"[ \u00a0](?:a|ont|avait|avaient|aurait|est|sont|ha|hanno|aveva|avevano|avrebbe|è|sono)"
                        r"[ \u00a0]|[,;(]|[ \u00a0](?:qui|che)[ \u00a0]")


def _role_phrase(text: str, clause: int, cue_start: int, r: Rules) -> tuple[int, int] | None:
    """A role phrase opening the cue's clause ("Le président ukrainien a par ailleurs déclaré", "Il ministro ha
    detto"), up to its verb, in a language whose rules list role words."""
    if not r.role_heads:
        return None
    start = _skip_space(text, clause)
    heads = r.role_heads | r.institutions | r.media_heads
    m = next((x for x in re.finditer(r"(?<![\w'’])(?=(\w+['’]?)[ \u00a0]*([\w-]+))", text[start:cue_start])
              if x.group(1).casefold() in r.determiners and x.group(2).casefold() in heads
              and not romance_cues.after_preposition(text, start, start + x.start(), r.lang)), None)  # not "Dans un …,"
    if m is None or re.search(r"[;:«»„“”\"]", text[start:start + m.start()]):
        return None  # "De leur côté, les forces armées taïwanaises ont annoncé": the first role phrase
    start += m.start()
    m = re.match(r"(\w+['’]?)[ \u00a0]*([\w-]+)", text[start:cue_start])
    assert m is not None
    stop = _AUXILIARY.search(text, start + m.end(), cue_start)
    end = stop.start() if stop is not None else cue_start
    e = len(text[:end].rstrip(" \u00a0"))
    if len(_words(text[start:e])) > 6:
        return None
    named = re.search(rf"(?:{NAME_WORD}[ \u00a0]*)+$", text[start + m.end():e])
    if m.group(2).casefold() in r.media_heads and named is not None:  # "L’emittente pubblica cinese Cctv": Cctv
        return start + m.end() + named.start(), e
    return start, e


def _role_pairs(text: str, r: Rules) -> list[tuple[str, int, int]]:
    """(role head, start, end) of the names the text gives after a role ("il ministro della Difesa Nobuo Kishi")."""
    if not r.role_heads:
        return []
    return list(role_names.names_after_roles(text, r.role_heads, r.role_prepositions,
                                             frozenset(STOPWORDS.get(r.lang, ())) | r.determiners))


def _role_names(text: str, r: Rules) -> list[tuple[int, int]]:
    return [(s, e) for _, s, e in _role_pairs(text, r)]


_ELIDED = re.compile(r"(?:l|d|qu|j|s|n|c)['’]", re.I)
_INDEFINITE = re.compile(r"(?<!\w)(?:un|une|des|les|ces|cet|cette|chaque|uno|una|degli|gli)[ \u00a0]+$", re.I)


def _after_media(text: str, start: int, r: Rules) -> bool:
    """Whether a name follows an outlet word and at most two adjectives ('le média hongrois BudapestTimes.hu')."""
    if not r.media_heads:
        return False
    words = [w.casefold() for w in _words(text[max(0, start - 60):start])][-3:]
    return any(w in r.media_heads and all(x[:1].islower() for x in words[i + 1:]) for i, w in enumerate(words))


def with_role_names(text: str, lang: str | None, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """NER spans with the names after a role phrase as persons: a span that is not a person but holds one (an ORG
    "ministre russe de la Défense Sergueï Choïgou") gives way to it; a "person" right after an outlet word is the
    outlet."""
    r = rules(lang)
    spans = [(s, e, "ORG" if label == "PERSON" and _after_media(text, s, r) else label) for s, e, label in spans]
    if r.role_heads:  # "L’Olaf", "qu’Emmanuel Macron": an elided word is no part of the name
        spans = [(s + len(el.group(0)) if (el := _ELIDED.match(text, s, e)) and e - s - len(el.group(0)) > 1 else s,
                  e, label) for s, e, label in spans]
        spans = [sp for sp in spans if not (sp[2] == "PERSON" and " " not in text[sp[0]:sp[1]].strip()
                                            and _INDEFINITE.search(text, max(0, sp[0] - 8), sp[0]))]
    found = _role_names(text, r)
    if not found:
        return spans
    kept = [sp for sp in spans if sp[2] == "PERSON" or not any(sp[0] <= s and e <= sp[1] for s, e in found)]
    return kept + [(s, e, "PERSON") for s, e in found if not any(k[0] < e and s < k[1] for k in kept)]


def _no_person(run: str, r: Rules) -> bool:
    """A run of three capitalised words or more with no first name among them ("Biuro Bezpieczeństwa Narodowego",
    "Święta Wojska Polskiego"): an organisation, a place or a feast, in a language whose rules list first names."""
    words = run.split()
    if r.lang not in {"pl", "de"} or len(words) < 3 and not (r.lang == "de" and role_speakers.german_institution(
            words)):  # "Universitätsklinikum Schleswig-Holstein", "Robert Koch-Institut": a German institution
        return False
    known = rule_names.first_names(r.lang)
    return not any(w.casefold() in known or rule_names.nominative(w, r.lang, set()).casefold() in known
                   for w in words) or role_speakers.german_institution(words) and r.lang == "de"


_ROLE_WORDS = re.compile(r"(?:[a-ząćęłńóśźż][\w.-]*[ \u00a0]+){1,12}")


def _after_role_words(text: str, at: int, r: Rules, press: bool = False) -> re.Match[str] | None:
    """A full name after a few lower-case role words and no preposition ("– powiedziała przewodnicząca
    parlamentarnej komisji obrony Marie-Agnes Strack-Zimmermann"), in a language whose rules allow the gap; after a
    paper's cue a time phrase may stand there too ("– podał w poniedziałek Dziennik Gazeta Prawna")."""
    if not r.role_gap:
        return None
    role = _ROLE_WORDS.match(text, at)
    if role is None or len(role.group(0).split()) > r.role_gap or not press and any(
            w.casefold() in r.prepositions for w in role.group(0).split()):
        return None
    run = _NAME_RUN.match(text, role.end())
    return run if run is not None and len(run.group(0).split()) >= 2 else None


_PARTICLE_TAIL = re.compile(rf"(?:[ \u00a0]+(?:von|van|der|den|de|zu|di|da|du|del|della|bin|al))+[ \u00a0]+{NAME_WORD}")
_AMBIGUOUS_FIRST = frozenset(["bill", "dean", "don", "frank", "glenn", "mark", "joy", "rose"])


def _first_name_pairs(text: str, r: Rules) -> set[str]:
    """Names anywhere in the text, not only beside a cue: a first name the language's list (or the gender list)
    knows, in any case form, and the capitalised word after it ("Vanessa Nakate z Ugandy", "Jurka Owsiaka")."""
    known = rule_names.first_names(r.lang) - _AMBIGUOUS_FIRST
    out = set()
    for run in _NAME_RUN.finditer(text):
        words = run.group(0).split()
        particle = _PARTICLE_TAIL.match(text, run.end())
        if particle is not None:  # "Ursula von der Leyen", "Karl-Theodor zu Guttenberg": the run ends in a first name
            base = rule_names.pl_stem(words[-1]) if r.lang == "pl" else words[-1]
            if words[-1].casefold() in known or base.casefold() in known:
                out.add(words[-1] + particle.group(0))
                continue
        for i, w in enumerate(words[:-1]):
            base = rule_names.pl_stem(w) if r.lang == "pl" else w
            if w.casefold() not in known and base.casefold() not in known:
                continue
            name = [w]
            for nxt in words[i + 1:i + MAX_NAME_WORDS]:  # "Kim Dzong Un"; German: one surname ("Oskar Lafontaine
                if _common(nxt, r) or r.lang == "de" and (len(name) >= 2 or nxt.casefold().endswith(  # Recht")
                        rule_names.DE_NOUN_ENDINGS)):
                    break
                name.append(nxt)
            if len(name) >= 2:
                out.add(" ".join(name))
            break
    return out


def _common(word: str, r: Rules) -> bool:
    """A title, determiner, pronoun or stopword: no word of a name."""
    w = word.casefold()
    return w in r.titles or w in r.determiners or w in r.pronouns or w in STOPWORDS.get(r.lang, ()) or (
        r.according is not None and r.according.fullmatch(word) is not None)


def _skip_words(text: str, i: int, skip: frozenset[str], years: bool = False) -> int:
    """Offset of the first word from `i` on that is not one of `skip` (at most two are skipped)."""
    i = _skip_space(text, i)
    for _ in range(2):
        w = re.match(r"\w+", text[i:i + 30])
        year = years and w is not None and w.group(0).isdigit() and len(w.group(0)) == 4
        if w is None or w.group(0).casefold() not in skip and not year:
            break  # a year may stand there too ("sagte 1958 der damalige Bundespräsident Theodor Heuss")
        i = _skip_space(text, i + w.end())
    return i


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \u00a0":
        i += 1
    return i


def _sentence_start(text: str, i: int) -> bool:
    before = text[:i].rstrip(" \u00a0\"'«»„“”")
    return not before or before[-1] in ".!?:\n" or before[-1] in DASHES


# -- quotes -------------------------------------------------------------------------------------------------------


@dataclass
class Found(Generic[S]):
    """A quote before its speaker is resolved (pronouns need the quotes before it); S is how a speaker is held:
    a character span here, a token-level Speaker in the English quotes stage."""

    start: int
    end: int
    kind: str
    cue: str | None
    speaker: S | None
    order: int  # character position used to order speakers
    # an unattributed quote that goes on with the previous speaker: "paragraph" (the whole paragraph is the
    # quote: the previous paragraph's last quote) or "sentence" (the previous quote of the same paragraph)
    inherit: str | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)  # a mixed quote's quoted words
    weak: bool = False  # found by a frame ('accused X of …'): its speaker is not one a later "he" continues
    then: tuple[int, int] | None = None  # rules: the person the sentence after an unattributed quote says spoke


class Names:
    """The article's entity mentions by position, for speakers beside a cue."""

    def __init__(self, article: Article) -> None:
        self.ments = sorted(((m.start, m.end, e) for e in article.entities for m in e.mentions), key=lambda x: x[0])
        self.starts = [m[0] for m in self.ments]

    def within(self, start: int, end: int) -> list[tuple[int, int, Entity]]:
        lo = bisect_left(self.starts, start)
        out = []
        for s, e, ent in self.ments[lo:]:
            if s >= end:
                break
            if e <= end:
                out.append((s, e, ent))
        return out

    def at(self, start: int, end: int) -> tuple[Entity, Mention] | None:
        for s, _e, ent in self.within(start, end):
            return ent, next(m for m in ent.mentions if m.start == s)
        return None


def _words(text: str) -> list[str]:
    return re.findall(r"\w[\w'’-]*", text)


_LEAD = re.compile(rf"\s*[,?!…]*\s*[{DASHES}]*\s*")


def _cue_after(text: str, close: int, end: int, r: Rules) -> re.Match[str] | None:
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
        if len(_words(gap)) > CUE_WINDOW or re.search(r"[.!?;«»„“\"]", gap):
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


def _clause_start(text: str, para_start: int, before: int) -> int:
    """Start of the sentence (or the clause after a closing quote) holding offset `before`."""
    i = before
    while i > para_start:
        ch = text[i - 1]
        if ch in ".!?;" and (i >= len(text) or not text[i].isalnum() or text[i].isupper()) \
                and not _initial(text, i - 1):
            break
        if ch in "»“”\"" and i - 2 >= para_start and text[i - 2] in ".!?":
            break
        i -= 1
    return i


def _initial(text: str, dot: int) -> bool:
    """A dot after an initial or an abbreviation ("В. Путин", "M. Macron"), not a sentence end."""
    j = dot
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    return 1 <= dot - j <= 2 and text[j:dot][:1].isupper() or text[j:dot] in {"г", "гг", "ул", "т", "д"}


def _sentence_end(text: str, start: int, para_end: int) -> int:
    i = start
    while i < para_end:
        if text[i] == "\n":
            return i  # a sentence never goes on over a line end
        if text[i] in ".!?;" and not _initial(text, i) and (i + 1 >= para_end or text[i + 1] in " \u00a0\"»«”“"
                                                              or text[i + 1].isupper()):
            return i + 1
        i += 1
    return para_end


def _speaker_beside(text: str, cue_start: int, cue_end: int, lo: int, hi: int, names: Names,
                    r: Rules) -> tuple[int, int] | None:
    """The speaker of a cue: a pronoun or name right after it, else the first person (else the nearest
    organisation) named in its clause before it, else a pronoun right before it."""
    cue_end = romance_cues.after_time(text, cue_end, hi, r.lang)  # "a déclaré vendredi le secrétaire d'État …"
    cue_end = told_parties.skip(text, cue_end, hi, r.lang)  # "заявил «360» политолог …", "oznajmiła portalowi X …"
    after = text[cue_end:hi]
    head = text[lo:cue_start].rstrip()
    for suffix in sorted(r.pronoun_suffix, key=len, reverse=True):
        if after.startswith(suffix):  # "explique-t-il"
            return cue_end, cue_end + len(suffix)
        if head.endswith(suffix):  # "a-t-il ajouté"
            return lo + len(head) - len(suffix), lo + len(head)
    # "beschwert sich der Unternehmer", "заявил пресс-секретарь Кремля"
    pm = re.match(r"[\s,]*(?:(?:sich|się|si|se|s’|s')\s+)?(\w+(?:-\w+)?['’]?)", after)
    if pm and pm.group(1).casefold() in r.pronouns:
        s = cue_end + pm.start(1)
        return s, s + len(pm.group(1))
    if r.lang == "de":  # "Simonjan kommentierte die Nachricht mit den Worten:": the name opening the clause speaks
        opens = _skip_space(text, _clause_start(text, lo, cue_start))
        subject = [h for h in names.within(opens, cue_start) if h[2].label == "PERSON" and h[0] == opens
                   and not text[h[1]:cue_start].strip() and _words(text[h[0]:h[1]])[0].casefold() not in
                   r.prepositions]  # not "Gegenüber L’Indipendente sagte Toscana"
        if subject:
            return subject[0][0], subject[0][1]
    near_end = cue_end + (len(after) if len(_words(after)) <= 6 else _nth_word_end(after, 6))
    stop = re.search(r"[.;:!?()«»„“\"]", after)
    far_end = cue_end + (stop.start() if stop else len(after))
    comma = after.find(",")
    hits = [h for h in names.within(cue_end, min(near_end, far_end, cue_end + comma if comma >= 0 else far_end))
            if text[h[0]:h[1]].casefold() not in r.skip_after_cue]  # "сообщили РИА Новости": who was told
    person = [h for h in hits if h[2].label == "PERSON"]
    adjacent = [h for h in hits if not text[cue_end:h[0]].strip(" \u00a0,")
                or text[cue_end:h[0]].strip(" \u00a0,").casefold() in r.determiners]  # "selon le ministère …"
    if person or adjacent:  # "написал Клишас", "sagte Kremlsprecher Dmitri Peskow", "сообщил МИД"
        s, e, _ = (person or adjacent)[0]
        return s, e
    role = _after_role_words(text, cue_end, r)
    if role is not None:  # "powiedziała przewodnicząca komisji obrony Marie-Agnes Strack-Zimmermann"
        named = [h for h in names.within(role.start(), role.end()) if h[2].label == "PERSON"]
        if named:
            return named[0][0], named[0][1]
    opener = pm.group(1).casefold() if pm else ""
    role_opener = pm is not None and r.lang in role_speakers.LANGS and role_speakers.person_noun(pm.group(1), r)
    if opener in r.determiners or opener in r.titles or role_opener:  # "explique le conseiller ..., Matteo Marnati"
        apposed = [h for h in names.within(cue_end, far_end) if h[2].label == "PERSON"
                   and len(_words(text[cue_end:h[0]])) <= 12]
        if not apposed and r.lang == "de":  # "sagte der Vorstandschef der Deutschen Krankenhausgesellschaft (DKG),
            apposed = role_speakers.apposed_name(text, cue_end, hi, names.within(cue_end, hi))  # Gerald Gaß, dem RND"
        if apposed:
            return apposed[0][0], apposed[0][1]
        s = cue_end + pm.start(1)  # type: ignore[union-attr]
        if r.lang in role_speakers.LANGS:  # "сообщил исполнительный директор Фонда", "warnte der UNO-Kommissar vor"
            end = role_speakers.phrase_end(text, s, cue_end + (stop.start() if stop else len(after)), r)
            outlet = role_speakers.outlet_after(text, s, end, hi, r) if end is not None else None
            if outlet is not None:  # "– komentuje dziennik „Die Welt”"
                return outlet
            if end is not None:
                return s, end
        np_end = re.search(r"[,.;:!?()]", after)
        e = cue_end + (np_end.start() if np_end else len(after))
        cut = romance_cues.phrase_end(text, s, e, r)  # "confirme l'économiste de l'Insee pointant aussi « … »"
        if cut < e and romance_cues.role_source(text, s, cut, r):  # a phrase cut short must name a role, not
            e = cut                                                   # "dit un slogan lancé dans les années 1980"
        if len(_words(text[s:e])) <= 6:
            return s, e
    if r.gerunds and text[cue_start:cue_end].casefold().endswith(r.gerunds) and head.endswith(","):
        return None  # "…», avait-il alerté, ajoutant que …": the speaker of the sentence, not a name before
    clause = _clause_start(text, lo, cue_start)
    before = names.within(clause, cue_start)
    person = [h for h in before if h[2].label == "PERSON"]
    if person and r.plural_cue is not None and r.plural_cue.search(text[cue_start:cue_end]):
        return None  # "des personnalités … de Nancy Pelosi … ont déclaré que": a group speaks
    if person and r.subject_by_cue:
        next_to = [h for h in person if len(_words(text[h[1]:cue_start])) <= 2 and not re.search(
            r"[,;:()«»„“”\"]", text[h[1]:cue_start])]
        if next_to:  # "avec son homologue Xi Jinping, le président Joe Biden avait assuré"
            return next_to[-1][0], next_to[-1][1]
    role = _role_subject(text, clause, cue_start, person, r) or (
        role_speakers.german_subject(text, clause, cue_start) if r.lang == "de" and not person else None)
    if role is not None:  # "Przewodniczący Dumy stwierdził", "Временная поверенная в делах США отметила",
        return role       # "Das Auswärtige Amt teilte mit"
    if person and r.lang == "pl" and len(person) > 1:  # "… zdrowia Joe Bidena, prezydencki lekarz Kevin O’Connor
        s, e, _ = person[-1]                             # poinformował": the subject stands right before the cue
        gap = _words(text[e:cue_start])
        prev = _words(text[max(clause, s - 20):s])[-1:]
        if len(gap) <= 1 and not (prev and prev[0].casefold() in r.prepositions):
            return s, e
    if person and r.lang in {"de", "pl"} and len(person) > 1:  # "Washingtons Finanzministerin, Janet Yellen, hatte"
        known = rule_names.first_names(r.lang)
        named = [h for h in person if h[2].name.split()[0].casefold() in known]
        if named:
            return named[0][0], named[0][1]
    if person:
        return person[0][0], person[0][1]
    role = _role_phrase(text, clause, cue_start, r)
    if role is not None:
        return role
    near = [h for h in before if len(_words(text[h[1]:cue_start])) <= 3  # not "очевидцы из Северодонецка"
            and not (r.lang in {"ru", "de"} and _after_preposition(text, clause, h[0], r))]
    if near:
        return near[-1][0], near[-1][1]
    pb = re.search(r"(\w+)[\s,]*(?:\w+\s+)?$", text[clause:cue_start])
    if pb and pb.group(1).casefold() in r.pronouns:
        s = clause + pb.start(1)
        return s, s + len(pb.group(1))
    return None


MAX_ROLE_WORDS = 8


def _role_subject(text: str, clause: int, cue_start: int, person: list[tuple[int, int, Entity]],
                  r: Rules) -> tuple[int, int] | None:
    """A subject that is a role rather than a name (ru, de, pl): the clause before the cue opens with a title word
    and names no person but, at most, one word right after the title that the article never writes as part of a
    longer name ("Przewodniczący Dumy": Dumy is the chamber, not a surname). The role phrase's span, resolved later
    to the person the text introduced with that role."""
    if r.lang not in {"ru", "de", "pl"}:
        return None
    start = _skip_space(text, clause)
    comma = text.rfind(",", start, cue_start)
    if comma > start and role_speakers.is_title(text[comma + 1:cue_start].split()[0] if text[
            comma + 1:cue_start].split() else "", r):  # "Говоря об Украине, экс-госсекретарь США отметил"
        start = _skip_space(text, comma + 1)
    words = list(re.finditer(r"\w[\w'’-]*", text[start:cue_start]))
    while words and words[0].group(0).casefold() in r.left_out_openers:  # "Natomiast polski Główny Inspektorat …"
        start += words[0].end()
        start = _skip_space(text, start)
        words = list(re.finditer(r"\w[\w'’-]*", text[start:cue_start]))
    if not words or len(words) > MAX_ROLE_WORDS or not role_speakers.is_title(words[0].group(0), r):
        return None
    if r.lang == "de" and words[0].group(0).casefold() in r.determiners and (
            person or len(words) < 2 or not role_speakers.is_title(words[1].group(0), r)):
        return None  # "Der Chef der Bahn Richard Lutz" is read by the determiner rules; "Der Kanzler betonte" is a role
    if person:
        first = person[0]
        single = len(person) == 1 and " " not in first[2].name and all(" " not in m.text for m in first[2].mentions)
        if not (single and len(words) >= 2 and first[0] == start + words[1].start() and first[1] - first[0] == len(
                words[1].group(0))):
            return None
    end = start + words[-1].end()
    if r.lang in {"pl", "de"}:  # "Prezydent Francji w wywiadzie dla telewizji TF1 zarzucił": the role ends at "w"
        end = role_speakers.phrase_end(text, start, end, r) or end
    return start, end


def _after_preposition(text: str, lo: int, at: int, r: Rules) -> bool:
    """Whether the word before offset `at` (from `lo` on) is one of the language's prepositions."""
    prev = _words(text[max(lo, at - 20):at])[-1:]
    return bool(prev) and prev[0].casefold() in r.prepositions


def _nth_word_end(text: str, n: int) -> int:
    ms = list(re.finditer(r"\w[\w'’-]*", text))
    return ms[min(n, len(ms)) - 1].end() if ms else 0


def continues(line: str, prev_close: int, open_: int, max_words: int | None = MAX_ATTRIBUTION_WORDS) -> bool:
    """Whether the quote opening at `open_` goes on with the speech of the one closing at `prev_close`:
    '"A," he said. "B."' or '"A." "B."': at most the one attribution sentence (of `max_words` words at most,
    None: any length) lies between them."""
    gap = line[prev_close + 1:open_].strip(" \t\u00a0")
    if not gap:
        return line[prev_close - 1:prev_close] in {".", "!", "?"}
    body = _ABBREV.sub("", gap[:-1])
    return gap[-1] in ".!?:" and not _SENT_END.search(body) and (max_words is None or len(gap.split()) <= max_words)



def quote_marks(line: str, openers: dict[str, str]) -> list[tuple[int, int]]:
    """(open, close) offsets of the outermost quotation marks of one paragraph; an unclosed quote runs to the
    line's end."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(line)
    also_closing = {c for cs in openers.values() for c in cs}
    while i < n:
        closers = openers.get(line[i])
        if closers is None or (line[i] == "\"" and i and line[i - 1].isalnum()) or (
                line[i] in also_closing and line[i] != "\"" and (
                    i and line[i - 1].isalnum() or i + 1 >= n or line[i + 1].isspace())):
            i += 1  # a mark that also closes quotes opens one only before a word: '”Il lavoro del Jcc …“'
            continue
        j = i + 1
        depth = 0
        while j < n:
            if line[j] == line[i] and (line[i] not in closers or line[j - 1] in " \u00a0(" and j + 1 < n
                                       and line[j + 1].isalnum()):
                depth += 1  # '"… Конституцию "соединённых штатов" Европы …"': a nested quote opens
            elif line[j] in closers:
                if depth == 0:
                    break
                depth -= 1
            j += 1
        out.append((i, j))
        i = j + 1
    return out


def _direct(article: Article, names: Names, r: Rules) -> list[Found]:
    text = article.text
    out: list[Found] = []
    for _, para in article.paragraphs():
        line = text[para.start:para.end]
        dash = _dialogue(text, para.start, para.end, names, r)
        if dash:
            out.extend(dash)
            continue
        out.extend(_inline_dialogue(text, para.start, para.end, names, r))  # never holds quotation marks
        prev_close: int | None = None
        for o, c in quote_marks(line, r.openers):
            follows = prev_close is not None and continues(line, prev_close, o)
            prev_close = c
            o_abs, c_abs = para.start + o, para.start + c
            s, e = trim(text, o_abs + 1, c_abs)
            if s >= e:
                continue
            short = len(_words(text[s:e])) <= MAX_SCARE_WORDS
            cue = _cue_after(text, c_abs, para.end, r) if c_abs < para.end else None
            if short and cue is not None and cue.group(0).casefold() in r.naming:
                continue  # 'als “Bruderkrieg” bezeichnete': a name given to something, not words said
            speaker = None
            if cue is not None:
                speaker = _speaker_beside(text, cue.start(), cue.end(), c_abs + 1, _sentence_end(
                    text, cue.end(), para.end), names, r)
            else:
                cue, speaker = _cue_before(text, o_abs, para.start, names, r)
                if short and cue is not None and not text[para.start:o_abs].rstrip().endswith(":"):
                    continue  # 'twierdząc, że „wykorzystuje” imigrantów': a few quoted words of reported speech
            if cue is None and speaker is None and not short:
                cue, speaker = _cue_inside(text, s, e, names, r)
            if cue is None and speaker is None and not line[:o].strip() and (r.lang in {"ru", "de", "pl"}
                                                                            or romance_cues.enabled(r.lang)):
                cue, speaker = _cue_before_paragraph(text, para.start, names, r)
            if cue is None and speaker is None:
                if short:
                    continue
                pointed = _pointer_after(text, c_abs, para.end, names, r)
                if pointed is not None:  # '“…”. Lo ha detto il sindaco di Palermo Leoluca Orlando'
                    out.append(Found(s, e, "direct", pointed[0], pointed[1], o_abs))
                    continue
                outside = (line[:o] + line[c + 1:]).strip(" \t\u00a0.,;:" + DASHES)
                inherit = "paragraph" if not outside else "sentence" if follows else None
                if inherit is None and _opens_sentence(line, o):
                    subject = _subject_before(text, para.start, o_abs, names)
                    if subject is not None and romance_cues.addressed(text, para.start, subject[0], r.lang):
                        subject = None  # 'la lettera inviata alla Presidente Metsola: “…”'
                    if subject is not None:  # 'Von X ist die Rede. „…“': the person the sentence before names
                        out.append(Found(s, e, "direct", None, subject, o_abs))
                        continue
                    inherit = "standalone"
                elif inherit is None and romance_cues.enabled(r.lang):
                    inherit = "fragment"  # 'ad aiutare Kiev “anche se ci vorranno mesi o anni” per sconfiggere …'
                out.append(Found(s, e, "direct", None, None, o_abs, inherit=inherit,
                                 then=_speaker_after(text, c_abs, para.end, names, r)))
                continue
            out.append(Found(s, e, "direct", cue.group(0) if cue is not None else None, speaker, o_abs))
    return out


def _pointer_after(text: str, close: int, para_end: int, names: Names, r: Rules) -> tuple[str, tuple[int, int]] | None:
    """The cue and speaker of a pointer sentence right after a quote that ends a sentence ('“…”. Lo ha detto il
    sindaco di Palermo Leoluca Orlando', '«…». C’est ce qu’a déclaré X'; the pointers of speech_pointers)."""
    if r.pointers is None:
        return None
    lead = re.match(r"[ \u00a0]*([.!?…]?)[ \u00a0]*", text[close + 1:para_end])
    assert lead is not None
    if not lead.group(1) and text[close - 1:close] not in {".", "!", "?", "…"}:
        return None
    at = close + 1 + lead.end()
    pointer = r.pointers.match(text, at, para_end)
    if pointer is None:
        return None
    sent_end = _sentence_end(text, pointer.end(), para_end)
    cue = r.cue.search(text, pointer.end(), sent_end)
    if cue is None or len(_words(text[pointer.end():cue.start()])) > speech_pointers.MAX_GAP_WORDS:
        return None
    speaker = _speaker_beside(text, cue.start(), cue.end(), at, sent_end, names, r)
    return (cue.group(0), speaker) if speaker is not None else None


def _opens_sentence(line: str, o: int) -> bool:
    """Whether a quote opening at `o` is a sentence of its own: at the paragraph's start or after a sentence end."""
    head = line[:o].rstrip(" \t\u00a0")
    return not head or head[-1] in ".!?…:" or head[-1] in "»«“”\"" and head[-2:-1] in {".", "!", "?", "…"}


def _speaker_after(text: str, close: int, para_end: int, names: Names, r: Rules) -> tuple[int, int] | None:
    """'"La bataille n'est pas gagnée." La Première ministre Elisabeth Borne a annoncé …': the person the sentence
    right after a quote names before its cue."""
    start = _skip_space(text, close + 1)
    if text[close - 1] not in ".!?…" or start >= para_end or not text[start].isupper():
        return None
    end = _sentence_end(text, start, para_end)
    cue = r.cue.search(text, start, end)
    if cue is None:
        return None
    person = [h for h in names.within(start, cue.start()) if h[2].label == "PERSON"]
    return (person[0][0], person[0][1]) if person else None


def _subject_before(text: str, para_start: int, open_: int, names: Names) -> tuple[int, int] | None:
    """The first person named in the sentence just before a quote in its paragraph, if that sentence names one."""
    head_end = len(text[para_start:open_].rstrip(" \t\u00a0:"))
    if head_end == 0:
        return None
    start = _clause_start(text, para_start, para_start + head_end - 1)
    person = [h for h in names.within(start, para_start + head_end) if h[2].label == "PERSON"]
    return (person[0][0], person[0][1]) if person else None


def _cue_inside(text: str, start: int, end: int, names: Names,
                r: Rules) -> tuple[re.Match[str] | None, tuple[int, int] | None]:
    """'«A, – рассказал Алексей Миллер. – B»', '”A – ha aggiunto Haq – B”': an attribution between dashes inside
    the marks."""
    for m in r.cue.finditer(text, start, end):
        before = text[start:m.start()].rstrip(" \u00a0")
        if r.incises and before.endswith(",") and re.match(r"[ \u00a0]*(?:-t-|-)?\w", text[m.end():end]):
            close = re.search(r"[,.;]", text[m.end():end])  # "«Nous ne céderons pas, a martelé le ministre, jamais»"
            hi = m.end() + close.start() if close else end
            speaker = _speaker_beside(text, m.start(), m.end(), m.start(), hi, names, r)
            if speaker is not None and speaker[0] >= m.start() - 8:
                return m, speaker
            continue
        if not before or before[-1] not in DASHES:
            continue
        close = re.search(rf"[{DASHES}]", text[m.end():end])
        hi = m.end() + close.start() if close else end
        return m, _speaker_beside(text, m.start(), m.end(), m.start(), hi, names, r)
    return None, None


def _cue_before(text: str, open_: int, para_start: int, names: Names,
                r: Rules) -> tuple[re.Match[str] | None, tuple[int, int] | None]:
    """'X заявил: «…»', 'X a déclaré que « … »' (a cue with a colon or complementiser before the mark) or
    'Песков: «…»' (a bare name and a colon)."""
    head = text[para_start:open_].rstrip(" \u00a0")
    if not head:
        return None, None
    clause = _clause_start(text, para_start, para_start + len(head))
    part = text[clause:para_start + len(head)]
    if part.endswith(":"):
        cues = list(r.cue.finditer(text, clause, para_start + len(head)))
        if cues and len(_words(text[cues[-1].end():para_start + len(head)])) <= BEFORE_WINDOW:
            m = cues[-1]
            return m, _speaker_beside(text, m.start(), m.end(), para_start, para_start + len(head) - 1, names, r)
        body = part[:-1].rstrip()
        hits = names.within(clause, clause + len(body))
        if hits and hits[-1][1] == clause + len(body) and len(_words(body)) <= 6:
            return None, (hits[-1][0], hits[-1][1])  # "Песков: «…»"
        person = [h for h in hits if h[2].label == "PERSON" and not romance_cues.addressed(text, clause, h[0], r.lang)]
        if person and len(_words(body)) <= 20:  # "Elizabeth Truss auf Twitter: »…«"
            last = person[-1] if person[-1][1] == clause + len(body) else person[0]  # "il portavoce di Putin, Peskov:"
            return None, (last[0], last[1])
        if not person and romance_cues.enabled(r.lang):  # "Pedro Sanchez élabore … ; il donne les chiffres … :"
            return None, romance_cues.colon_subject(text, clause, clause + len(body), r)
        return None, None
    source = r.according.match(text, _skip_space(text, clause)) if r.according is not None else None
    if source is not None and part.endswith(","):  # "Secondo X, «…»", "Według X, „…”", "По словам X, «…»"
        own = role_speakers.pronoun_inside(source, r)
        if own is not None:  # "По его словам, …, когда Кэмерон …, «…»": his words, not the next name's
            return source, (own if not text[source.end():para_start + len(head)].strip(" \u00a0,") else None)
        hits = names.within(source.end(), para_start + len(head))
        if hits and len(_words(text[source.end():hits[0][0]])) <= 4:
            person = [h for h in hits if h[2].label == "PERSON"] or hits
            return source, (person[0][0], person[0][1])
    cues = list(r.cue.finditer(text, clause, para_start + len(head)))
    if cues:
        m = cues[-1]
        between = text[m.end():para_start + len(head)]
        named = m.group(0).casefold() in r.naming and len(_words(between)) <= 2 and not re.search(r"[.,;:!?]", between)
        if (r.that.match(between) or not between.strip(" \u00a0") or named or _that_after_gap(
                text, m.end(), para_start + len(head), r) is not None) and len(_words(between)) <= BEFORE_WINDOW:
            return m, _speaker_beside(text, m.start(), m.end(), para_start, m.start(), names, r)  # "a estimé dimanche
            # que « … »" too
    return None, None


def _cue_before_paragraph(text: str, para_start: int, names: Names,
                          r: Rules) -> tuple[re.Match[str] | None, tuple[int, int] | None]:
    """'Irina Jarowaja, die Ko-Vorsitzende, hob hervor:' closing the paragraph before one that opens with a quote:
    the cue and speaker of that colon."""
    prev_end = para_start - 1
    while prev_end > 0 and text[prev_end - 1] in " \t\u00a0\n":
        prev_end -= 1
    if prev_end <= 0 or text[prev_end - 1] != ":":
        return None, None
    prev_start = text.rfind("\n", 0, prev_end) + 1
    return _cue_before(text, prev_end, prev_start, names, r)


def _dialogue(text: str, start: int, end: int, names: Names, r: Rules) -> list[Found]:
    """'— Текст, — сказал он. — Ещё текст.': the speech of a dialogue-dash paragraph, with its attribution."""
    line = text[start:end]
    m = re.match(rf"^[{DASHES}]\s+", line)
    if m is None or r.lang not in {"ru", "pl", "fr", "it", "de"}:
        return []
    attr = cue = None
    for dash in re.finditer(rf"[,!?…]?\s*[{DASHES}]\s+", line[m.end():]):
        a_start = m.end() + dash.end()
        cue = r.cue.match(line, a_start) or r.cue.search(line, a_start, min(end - start, a_start + 40))
        if cue is not None and len(_words(line[a_start:cue.start()])) <= 3:
            attr = dash
            break
    if attr is None or cue is None:
        return []
    a_end = re.search(rf"[.,:]\s*[{DASHES}]\s+", line[a_start:])
    hi = start + (a_start + a_end.start() if a_end else len(line))
    speaker = _speaker_beside(text, start + cue.start(), start + cue.end(), start + a_start, hi, names, r)
    s, e = trim(text, start + m.end(), start + m.end() + attr.start())
    out = [Found(s, e, "direct", cue.group(0), speaker, start + m.end())]
    if a_end is not None:
        s2, e2 = trim(text, hi + len(a_end.group(0)), end)
        if s2 < e2:
            out.append(Found(s2, e2, "direct", cue.group(0), speaker, hi))
    return out


_INLINE_DASH = re.compile(rf"(?<=[.?!…:])\s+[{DASHES}]\s+(?P<q>[^{DASHES}«»„“”\"]{{12,}}?)[,!?…]?\s+[{DASHES}]\s+")


def _inline_dialogue(text: str, start: int, end: int, names: Names, r: Rules) -> list[Found]:
    """'… odpowiadał Korwin-Mikke? – Kiedyś to … – mówił w jednym z wywiadów.': dialogue dashes inside a
    paragraph, the speech between a sentence end and a dash that a cue follows (languages that write dialogue
    with dashes)."""
    out: list[Found] = []
    if r.lang not in {"ru", "pl"}:
        return out
    for m in _INLINE_DASH.finditer(text, start, end):
        cue = r.cue.match(text, m.end())
        if cue is None:
            continue
        speaker = _speaker_beside(text, cue.start(), cue.end(), m.end(), _sentence_end(text, cue.end(), end),
                                  names, r)
        s, e = trim(text, m.start("q"), m.end("q"))
        out.append(Found(s, e, "direct", cue.group(0), speaker, s))
    return out


def trim(text: str, start: int, end: int, strip: str = " \t\u00a0,") -> tuple[int, int]:
    while start < end and text[start] in strip:
        start += 1
    while end > start and text[end - 1] in strip:
        end -= 1
    return start, end


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _reported(article: Article, names: Names, r: Rules, direct: list[tuple[int, int]]) -> list[Found]:
    """Cue + complementiser (заявил, что …), clause + cue + name (…, заявил Песков) and source phrases."""
    text = article.text
    out: list[Found] = []
    for _, para in article.paragraphs():
        for m in r.cue.finditer(text, para.start, para.end):
            if _inside(direct, m.start(), m.end()) or m.group(0).casefold() in r.after_quote:
                continue
            sent_end = _sentence_end(text, m.end(), para.end)
            that = r.that.match(text, m.end(), sent_end) or _that_after_gap(text, m.end(), sent_end, r) or (
                r.infinitive.match(text, romance_cues.after_time(text, m.end(), sent_end, r.lang), sent_end)
                if _takes_infinitive(text, m, r) else None)  # "hanno ammesso apertamente di gestire …"
            if that is not None:
                stop = _before_quote(text, that.end(), sent_end, direct)
                for nxt in r.cue.finditer(text, that.end(), stop):  # '…, anche se ha ammesso che …': the next one
                    comma = text.rfind(",", that.end(), nxt.start())
                    if (r.that.match(text, nxt.end(), stop) or r.comma_gap > MAX_THAT_GAP and _that_after_gap(
                            text, nxt.end(), stop, r)) and comma > 0:
                        stop = comma
                        break
                s, e = trim(text, that.end(), stop, " \t\u00a0,.;:")
                if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e):
                    out.append(Found(s, e, "reported", m.group(0),
                                     _speaker_beside(text, m.start(), m.end(), para.start, m.start(), names, r),
                                     m.start()))
                continue
            noun = r.lang in {"fr", "it"} and m.group(0)[:1].isupper() and " " not in m.group(0)  # "Note de …:"
            told = (None if noun else _colon_speech(text, m.end(), sent_end, r)) or _subjunctive_after(
                text, m.end(), sent_end, r)
            if told is not None:  # "раскритиковал эту идею: решения …", "sagt, Putin sei „der neue Hitler“"
                s, e = trim(text, told, sent_end, " \t\u00a0,.;:")
                hi = told if r.lang == "de" else m.start()  # "erklärte der FSB, er habe …": the subject after the cue
                if len(_words(text[s:e])) >= 4 and not _inside(direct, s, e):
                    out.append(Found(s, e, "reported", m.group(0),
                                     _speaker_beside(text, m.start(), m.end(), para.start, hi, names, r),
                                     m.start()))
                continue
            after_quote = text[para.start:m.start()].rstrip(" \u00a0,?!…" + DASHES)[-1:] in _CLOSERS
            inverted = None if after_quote else _inverted(text, m, sent_end, names)  # '«…», a déclaré X, expert …'
            if inverted is not None:  # "sagte Johnson, das Komitee werde …"
                s, e = trim(text, inverted[1], sent_end, " \t\u00a0,.;:")
                head = text[_clause_start(text, para.start, m.start()):m.start()].rstrip(" \u00a0")
                if r.incises and head.endswith(",") and len(_words(head)) >= 2 and not re.search(r"[«»„“”\"]", head):
                    s = trim(text, _clause_start(text, para.start, m.start()), e)[0]  # "La Russie, a affirmé X, ne …"
                if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e):
                    out.append(Found(s, e, "reported", m.group(0), inverted[0], m.start()))
                    continue
            closing = None if after_quote else romance_cues.closing_attribution(text, para.start, m.start(), m.end(),
                                                                               sent_end, r)
            if closing is not None:  # "…, a-t-il estimé.", "…, ha spiegato." (the left-out subject is resolved later)
                comma, pronoun = closing
                s, e = trim(text, _clause_start(text, para.start, comma), comma, " \t\u00a0,.;:" + DASHES)
                if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e) and not re.search(r"[«»„“”\"]",
                                                                                              text[s:e]):
                    out.append(Found(s, e, "reported", m.group(0), pronoun, m.start()))
                    continue
            lead = text[:m.start()].rstrip(" \u00a0" + DASHES)
            framed = r.frame_cues is not None and r.frame_cues.fullmatch(m.group(0)) is not None  # "accuse X"
            if lead.endswith(",") and (sent_end - m.end() < 80 or romance_cues.named_tail(r.lang) and not framed):
                clause = _clause_start(text, para.start, m.start())
                if romance_cues.enabled(r.lang):  # "(l’Italia …, ha detto X a Repubblica, potrà …)": in the brackets
                    clause, sent_end = romance_cues.in_brackets(text, clause, m.start(), sent_end)
                s, e = trim(text, clause, len(lead) - 1, " \t\u00a0,.;:" + DASHES)
                sp = _speaker_beside(text, m.start(), m.end(), m.end(), sent_end, names, r)
                if sp is not None and sent_end - m.end() >= 80 and names.at(*sp) is None:
                    sp = None  # a long tail after a pronoun or a phrase is narration; after a name, the name's words
                rest = text[sp[1]:sent_end] if sp is not None else ""
                whole = trim(text, s, sent_end, " \t\u00a0,.;:" + DASHES)[1]
                if r.incises and rest.lstrip(" \u00a0").startswith(",") and len(_words(rest)) >= 3 and not (re.search(
                        r"[«»„“”\"]", rest) and (not r.mixed_quotes or _inside(direct, s, whole))):
                    e = whole  # "La Russie, a affirmé le ministre, ne cédera pas": the whole sentence
                konjunktiv = False
                if r.lang == "de" and r.subjunctive is not None:  # "Das Land weigere sich, „…“
                    opens = max(para.start, *(text.rfind(ch, para.start, m.start()) + 1 for ch in ".!?:"))  # zu
                    head = text[opens:m.start()]  # „zügeln“, meinte Peskow.": the whole Konjunktiv sentence
                    konjunktiv = bool(head.strip()) and head.lstrip()[:1] not in "„“”«»\"‚‘›‹" and r.subjunctive.search(
                        " ".join(_words(head)[:4])) is not None
                    if konjunktiv:
                        s = trim(text, opens, e)[0]
                inside = _inside(direct, s, e) and not (konjunktiv and all(
                    s <= a and b <= e for a, b in direct if a < e and s < b))
                if sp is not None and sp[0] >= m.end() and len(_words(text[s:e])) >= 3 and not inside:
                    out.append(Found(s, e, "reported", m.group(0), sp, m.start()))
            elif _DASH_BEFORE.search(text[para.start:m.start()].rstrip(" \u00a0")):
                out.extend(_dash_attributed(text, para.start, para.end, m, sent_end, names, r, direct))
        out.extend(_according(text, para.start, para.end, names, r, direct))
        if r.lang == "de":  # "gab US-Präsident Joe Biden am Montag bekannt, dass …": a verb and its particle apart
            for m, at in german_cues.separable(text, para.start, para.end, r.subjunctive):
                s, e = trim(text, at, _sentence_end(text, at, para.end), " \t\u00a0,.;:")
                if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e):
                    speaker = _speaker_beside(text, m.start(), m.end("verb"), para.start, m.start("part"), names, r)
                    out.append(Found(s, e, "reported", m.group(0), speaker, m.start()))
        if r.lang == "pl":  # "Z raportu opracowanego przez X wynika, że …": the document's author speaks
            for doc in role_speakers.DOCUMENT_SOURCE.finditer(text, para.start, para.end):
                s, e = trim(text, doc.end(), _sentence_end(text, doc.end(), para.end), " \t\u00a0,.;:")
                if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e):
                    out.append(Found(s, e, "reported", "wynika z", role_speakers.author(text, doc, names), doc.start()))
        if r.subjunctive is not None:
            out.extend(_subjunctive(text, para.start, para.end, r, direct, out))
    return out


_CLOSERS = frozenset("»«“”\"")
_DASH_BEFORE = re.compile(r"[^\s\-–—][ \u00a0]+[\-–—]$")  # "… czyli w ogóle - stwierdził": a dash, not a hyphen
_SUBORDINATE = re.compile(r"(?:dass|daß|wenn|ob|weil|da|während|obwohl)\b", re.I)


def _subjunctive(text: str, start: int, end: int, r: Rules, direct: list[tuple[int, int]],
                 found: list[Found]) -> list[Found]:
    """German reported speech by mood alone: a sentence outside quotes whose verb is in the Konjunktiv I ("Der
    Westen sei schuld", "es gebe keine Alternative") reports the last speaker (resolved later; none, no quote)."""
    assert r.subjunctive is not None
    out: list[Found] = []
    i = start
    while i < end:
        stop = _sentence_end(text, i, end)
        s, e = trim(text, i, stop, " \t\u00a0,.;:" + DASHES)
        i = stop
        if s < e and text[s] in _CLOSERS and text[s - 1:s] in {".", "!", "?", "…"}:  # '»… Wochenende.« Notwendig
            s, e = trim(text, s + 1, e, " \t\u00a0,.;:" + DASHES)  # seien …': the mark closes the sentence before
        body = text[s:e]
        if (len(_words(body)) < 4 or re.search(r"[«»„“”\"]", body) or _inside(direct, s, e)
                or any(f.start < e and s < f.end for f in found) or r.cue.search(body)
                or re.search(r"(?<!\w)(?:ich|wir)(?!\w)", body, re.I)):
            continue
        verb = r.subjunctive.search(body)
        comma = body.find(",")
        if verb is None or comma >= 0 and verb.start() > comma and not (
                _SUBORDINATE.match(body) and not body[comma + 1:verb.start()].strip()):
            continue  # the mood of a subordinate clause ('…, weil ein Magnet gezogen habe') reports nothing
        out.append(Found(s, e, "reported", None, None, s, inherit="subjunctive"))
    return out


MAX_COLON_GAP = 3  # words between a cue and the colon that opens its speech ("раскритиковал эту идею:")


def _colon_speech(text: str, cue_end: int, sent_end: int, r: Rules) -> int | None:
    """Where speech without quotation marks starts after a cue and a colon ("высказал мнение: ведущие страны …"),
    if the cue's own clause (a few words at most) ends in the colon and no quotation mark follows."""
    if r.lang not in {"ru", "de", "pl", "fr", "it"}:
        return None
    colon = text.find(":", cue_end, sent_end)
    if colon < 0 or len(_words(text[cue_end:colon])) > MAX_COLON_GAP or re.search(r"[,;«»„“”\"()]",
                                                                                     text[cue_end:colon]):
        return None
    rest = text[colon + 1:sent_end]
    if re.match(r"\s*[«»„“”\"]", rest) or len(_words(rest)) < 4:
        return None  # '…: „…“' is a direct quote; marked words later in the clause make it a mixed one
    return colon + 1


# a German cue's subject (and a separable particle) before the comma of its Konjunktiv clause
_GERMAN_SUBJECT_GAP = re.compile(r"[ \u00a0]+(?:der|die|das|er|sie|[A-ZÄÖÜ][\w-]*)(?:[ \u00a0]+[\w-]+){0,5}?"
                                 r"(?:[ \u00a0]+(?:mit|an|bekannt|zu))?[ \u00a0]*,[ \u00a0]*")


def _subjunctive_after(text: str, cue_end: int, sent_end: int, r: Rules) -> int | None:
    """German reported speech after a cue and a comma with no complementiser: 'sagt, Putin sei …' (a Konjunktiv I
    verb among the clause's first words)."""
    if r.subjunctive is None:
        return None
    comma = re.match(r"[ \u00a0]*,[ \u00a0]*", text[cue_end:sent_end]) or _GERMAN_SUBJECT_GAP.match(
        text, cue_end, sent_end)  # "erklärte der FSB, er habe …", "gab FSB-Direktor Bortnikow an, es seien …"
    if comma is None:
        return None
    start = cue_end + comma.end() if comma.re is not _GERMAN_SUBJECT_GAP else comma.end()
    head = " ".join(_words(text[start:sent_end])[:4])
    verb = r.subjunctive.search(head)
    return start if verb is not None and not _SUBORDINATE.match(head) else None


def _dash_attributed(text: str, para_start: int, para_end: int, cue: re.Match[str], sent_end: int, names: Names,
                     r: Rules, direct: list[tuple[int, int]]) -> list[Found]:
    """Speech without quotation marks that a dash and a cue close: a Polish paragraph of direct speech ('Więc ja
    chciałem powiedzieć, że … - stwierdził bez ogródek szef rządu.', the subject may be left out: '– mówił w jednym
    z wywiadów') or, elsewhere, the clause before a cue between dashes ('Al quarto posto la frutta - continua
    Coldiretti - con 0,92 miliardi'), reported speech of the name after the cue."""
    dash = text[para_start:cue.start()].rstrip(" \u00a0")
    dash_at = para_start + len(dash) - 1
    speaker = _speaker_beside(text, cue.start(), cue.end(), cue.end(), sent_end, names, r)
    if speaker is not None and speaker[0] < cue.end():
        speaker = None
    if r.lang == "pl":
        start = para_start
        for prev in r.cue.finditer(text, para_start, dash_at):  # '… - powiedział X. Tymczasem … - dodał.'
            if _DASH_BEFORE.search(text[para_start:prev.start()].rstrip(" \u00a0")):
                start = _sentence_end(text, prev.end(), dash_at)
        s, e = trim(text, start, dash_at, " \t\u00a0,.;:" + DASHES)
        if (re.search(r"[«»„“”\"]", text[start:dash_at]) or _inside(direct, s, e) or len(_words(text[s:e])) < 4
                or len(_words(text[cue.end():sent_end])) > 12):
            return []  # a quote in marks, or narration after the cue, is read elsewhere
        if cue.group(0).casefold() in r.press_cues:  # '…, to nadal stanowią oni 8 proc. – podał Dziennik X'
            source = names.within(cue.end(), sent_end)
            if not source or len(_words(text[cue.end():source[0][0]])) > r.role_gap:
                return []
            return [Found(s, e, "reported", cue.group(0), (source[0][0], source[0][1]), s)]
        if speaker is not None:
            hit = names.at(*speaker)
            bodies = [h for h in names.within(cue.end(), sent_end) if h[2].label != "PERSON"]
            if hit is not None and hit[0].label != "PERSON" and len(_words(text[cue.end():bodies[-1][0]])) <= 6 and (
                    not any(w.casefold() in r.prepositions for w in _words(text[cue.end():speaker[0]])[-2:])):
                # '… – poinformowała PAP w czwartek wieczorem Kancelaria Prezydenta': the body named last reports it,
                # the one right after the cue was told
                tail = [t for t in _NAME_RUN.finditer(text, bodies[0][1], sent_end) if len(t.group(0).split()) >= 2
                        and not text[t.end():sent_end].strip(" \u00a0.")]
                source = (tail[-1].start(), tail[-1].end()) if tail else (bodies[-1][0], bodies[-1][1])
                return [Found(s, e, "reported", cue.group(0), source, s)]
            if hit is not None and hit[0].label != "PERSON" or any(
                    w.casefold() in r.prepositions for w in _words(text[cue.end():speaker[0]])[-2:]):
                return []  # '- powiedział w rozmowie z portalem Vox': no one's words
            nxt = names.within(speaker[1], speaker[1] + 60)
            if (hit is not None and nxt and nxt[0][2].label == "PERSON"
                    and not text[speaker[1]:nxt[0][0]].strip(" \u00a0")):
                speaker = (nxt[0][0], nxt[0][1])  # 'przewodniczący Platformy Obywatelskiej Donald Tusk'
        elif not any(cue.group(0).casefold().endswith(k) for k in r.pro_drop if k):
            return []
        return [Found(s, e, "direct", cue.group(0), speaker, s)]
    after = re.match(rf"[^{DASHES}.!?;]{{0,80}}?[ \u00a0][{DASHES}][ \u00a0]", text[cue.end():sent_end])
    if speaker is None or after is None:  # only an inciso with its name: "- sottolinea Coldiretti -"
        return []
    s, e = trim(text, _clause_start(text, para_start, dash_at), sent_end, " \t\u00a0,.;:" + DASHES)
    if len(_words(text[s:dash_at])) < 3 or _inside(direct, s, e) or re.search(r"[«»„“”\"]", text[s:e]):
        return []
    return [Found(s, e, "reported", cue.group(0), speaker, s)]


def _that_after_gap(text: str, start: int, end: int, r: Rules) -> re.Match[str] | None:
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
        if not _words(gap) and "«»" not in gap or re.search(r"[„“”\"():;]|«(?!»)|(?<!«)»", gap) or r.cue.search(gap):
            return None
        if not _words(gap):
            return that if "«" in r.gap_openers and "," in text[that.start():that.end()] else None
        comma = "," in text[that.start():that.end()]
        first = _words(gap)[0].casefold().rstrip("'’")
        if (r.gap_any and comma) or first in r.gap_openers or (gap.lstrip(" \u00a0").startswith(",") and comma):
            return that
        return None
    return None


_SHORT_TITLE = re.compile(r"«[^«»]{1,30}»")


def _before_quote(text: str, start: int, end: int, direct: list[tuple[int, int]]) -> int:
    """Where reported speech ends before a direct quote that goes on from it ('ha ammesso che X aveva delle falle:
    “…”', 'garantisce che …, ma …: «…»'): at the colon or the clause before the quote, else `end`."""
    inside = [s for s, _ in direct if start < s < end]
    if not inside:
        return end
    head = text[start:inside[0]]
    cut = max(head.rfind(":"), head.rfind(","), head.rfind(";"))
    return start + cut if cut > 0 else start


def _inverted(text: str, cue: re.Match[str], sent_end: int,
              names: Names) -> tuple[tuple[int, int], int] | None:
    """(speaker span, content start) for a cue, a name right after it and a comma opening the content."""
    hits = names.within(cue.end(), min(sent_end, cue.end() + 60))
    if not hits or text[cue.end():hits[0][0]].strip():
        return None
    rest = text[hits[0][1]:sent_end]
    if not rest.startswith(","):
        return None
    return (hits[0][0], hits[0][1]), hits[0][1] + 1


def _according(text: str, start: int, end: int, names: Names, r: Rules,
               direct: list[tuple[int, int]]) -> list[Found]:
    out: list[Found] = []
    if r.according is None:
        return out
    for m in r.according.finditer(text, start, end):
        if _inside(direct, m.start(), m.end()) or romance_cues.ordinal(text, m, r):
            continue  # "il nostro è stato il secondo Paese": an ordinal, no source
        own = role_speakers.pronoun_inside(m, r)  # "По его словам, …", "…, по её мнению, …"
        if own is not None:
            found = _own_source(text, start, end, m, own, direct)
            out.extend(found)
            continue
        comma = text.find(",", m.end(), _sentence_end(text, m.end(), end))
        sent_end = _sentence_end(text, m.end(), end)
        src_end = comma if comma > 0 else sent_end
        hits = names.within(m.end(), src_end)
        if r.source_yields and comma > 0 and any(r.that.match(text, c.end(), sent_end)
                                                 for c in r.cue.finditer(text, comma, sent_end)):
            continue  # the cue's own reported speech is the quote; the source is where it was said
        pron = re.match(r"[ \u00a0]*(\w+)", text[m.end():src_end])
        if pron is not None and pron.group(1).casefold() in r.pronouns:  # "La Russie, selon lui, ne voit pas …"
            speaker = (m.end() + pron.start(1), m.end() + pron.end(1))
            if len(_words(text[speaker[1]:src_end])) > 3:  # "Według niego rozmowy były …"
                src_end = speaker[1]
        elif (r.pro_drop and comma > 0 and not text[m.end():comma].strip() and " " in m.group(0).strip()
              and _skip_space(text, _clause_start(text, start, m.start())) == m.start()):
            s, e = trim(text, comma, sent_end, " \t\u00a0,.;:" + DASHES)  # "Jak dodał, nie uważa …": left-out subject
            if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e):
                out.append(Found(s, e, "reported", m.group(0).split()[-1].lower(), None, m.start()))
            continue
        elif (not hits and r.lang == "ru" and comma > 0 and 1 <= len(_words(text[m.end():comma])) <= 4
              and all(w[:1].islower() for w in _words(text[m.end():comma]))
              and _skip_space(text, _clause_start(text, start, m.start())) == m.start()):
            s, e = trim(text, comma, sent_end, " \t\u00a0,.;:" + DASHES)  # "По словам военного эксперта, …": a role
            if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e):
                role = trim(text, m.end(), comma, " \t\u00a0,")
                out.append(Found(s, e, "reported", m.group(0).lower(), role, m.start()))
            continue
        elif (not hits and r.lang == "pl" and " " not in m.group(0).strip() and (role := role_speakers.source_role(
                text, m.end(), comma, sent_end, r)) is not None
              and _skip_space(text, _clause_start(text, start, m.start())) == m.start()):
            s, e = trim(text, role[1], sent_end, " \t\u00a0,.;:" + DASHES)  # "Według ministra brakuje debaty …"
            if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e):
                out.append(Found(s, e, "reported", m.group(0).lower(), role, m.start()))
            continue
        elif (title := romance_cues.quoted_title(text, m.end(), src_end, r.lang)) is not None and not hits:
            speaker = title  # "Secondo “Bloomberg”, diversi funzionari …": an outlet in marks
        elif (not hits or romance_cues.enabled(r.lang) and " " not in m.group(0).strip() and len(
                _words(text[m.end():hits[0][0]])) > 4) and _unnamed_source(text, m.end(), src_end, r):
            role: tuple[int, int] | None = None
            clause = _clause_start(text, start, m.start())
            head = text[clause:m.start()].rstrip(" \u00a0")
            if head and head.endswith(",") and len(_words(text[src_end:sent_end])) < 3:
                s, e = trim(text, clause, m.start(), " \t\u00a0,.;:" + DASHES)  # "…, selon la publication Advance."
                if romance_cues.enabled(r.lang):  # "…, selon l'expert.": a role to resolve; "…, selon l'estimation
                    role = romance_cues.agent(text, m.end(), src_end, hits, r.lang) or (  # publiée par l'Insee."
                        trim(text, m.end(), src_end, " \t\u00a0,.;:") if romance_cues.role_source(
                            text, m.end(), src_end, r) else None)
            elif not head and comma > 0:
                s, e = trim(text, comma, sent_end, " \t\u00a0,.;:" + DASHES)  # "Selon les chercheurs, …"
                if romance_cues.enabled(r.lang) and romance_cues.role_source(text, m.end(), comma, r):
                    role = trim(text, m.end(), comma, " \t\u00a0,")  # "Selon le responsable, …": a role to resolve
            elif romance_cues.enabled(r.lang) and head.endswith(",") and comma > 0 and len(
                    _words(text[comma:sent_end])) >= 3 and romance_cues.role_source(text, m.end(), comma, r):
                s, e = trim(text, clause, sent_end, " \t\u00a0,.;:" + DASHES)  # "A breve, secondo il responsabile, …"
                role = trim(text, m.end(), comma, " \t\u00a0,")
            else:
                continue
            body = _words(text[s:e])
            if len(body) >= 4 and body[0].casefold() not in r.source_relatives and not _inside(direct, s, e):
                out.append(Found(s, e, "reported", m.group(0).lower(), role, m.start()))
            continue
        elif not hits or len(_words(text[m.end():hits[0][0]])) > 4:
            continue
        else:
            if len(_words(text[hits[0][1]:src_end])) > 3:  # "Według Tuska partia musi …, bo …": the source is the name
                src_end = hits[0][1]
                hits = hits[:1]
            person = [h for h in hits if h[2].label == "PERSON"] or hits  # "как пояснил директор ПАО X Алексей Миллер"
            speaker = (person[0][0], person[0][1])
        clause = _clause_start(text, start, m.start())
        head = text[clause:m.start()].strip(" \u00a0")
        if head and len(_words(text[src_end:sent_end])) >= 3:
            # "Es ist laut X nur eine Frage …", "Le Kremlin, selon Dmitri Peskov, ne voit pas …": the whole sentence
            s, e = trim(text, clause, sent_end, " \t\u00a0,.;:" + DASHES)
        elif head:
            s, e = trim(text, clause, m.start(), " \t\u00a0,.;:" + DASHES)  # "…, по словам X."
        else:
            s, e = trim(text, src_end, sent_end, " \t\u00a0,.;:" + DASHES)  # "По словам X, …"
            if romance_cues.enabled(r.lang) and text[s:sent_end].rstrip(" \t\u00a0").endswith(":"):
                continue  # "Selon Marco Cavaleri, responsable de … :": the quote of the next paragraph is his
        if len(_words(text[s:e])) >= 3 and not _inside(direct, s, e):
            out.append(Found(s, e, "reported", m.group(0).lower(), speaker, m.start()))
    return out


def _own_source(text: str, start: int, end: int, m: re.Match[str], speaker: tuple[int, int],
                direct: list[tuple[int, int]]) -> list[Found]:
    """The reported speech of a source phrase that holds its pronoun ("По его словам, Запад не смог …"): the rest of
    the sentence after the phrase's comma when it opens the sentence, else the whole sentence around it."""
    sent_end = _sentence_end(text, m.end(), end)
    clause = max(start, *(text.rfind(ch, start, m.start()) + 1 for ch in ".!?\n"))
    comma = text.find(",", m.end(), sent_end)
    if not text[clause:m.start()].strip() and comma > 0 and not text[m.end():comma].strip():
        s, e = trim(text, comma, sent_end, " \t\u00a0,.;:" + DASHES)
    else:
        s, e = trim(text, clause, sent_end, " \t\u00a0,.;:" + DASHES)
    partly = [(a, b) for a, b in direct if a < e and s < b and not (s <= a and b <= e)]
    if len(_words(text[s:e])) < 4 or partly:  # a marked quote wholly inside is one of its parts
        return []
    return [Found(s, e, "reported", m.group(0).lower(), speaker, m.start())]


def _unnamed_source(text: str, start: int, end: int, r: Rules) -> bool:
    """Whether a source phrase's words ('les chercheurs', 'un sondaggio realizzato …', 'naukowców') are a source
    the text does not name, rather than a relative clause ('selon laquelle') or an ordinal ('in secondo luogo')."""
    words = _words(text[start:end])
    most = 14 if romance_cues.enabled(r.lang) else 8  # "selon une déclaration commune publiée ce mardi à l'issue …"
    if not 1 <= len(words) <= most or words[0].casefold() in r.source_relatives or re.search(r"[«»„“”\"()]",
                                                                                         text[start:end]):
        return False
    first = words[0].casefold()
    elided = re.match(r"(\w+)['’]", first)  # "Selon l’armée": the elided article opens the source
    return (first.rstrip("'’") in {w.rstrip("'’") for w in r.source_openers}
            or elided is not None and elided.group(1) in {w.rstrip("'’") for w in r.source_openers}) or (
        r.gap_any and not r.source_openers)


def _gender(name: str, r: Rules) -> str | None:
    """"m" or "f" for a person's name, None where the language's names do not show it: by a first name the gender
    list knows, else (ru, pl) by the first name's ending ("Vanessa Nakate", "Кристина Квин"), else by the last
    word's ending."""
    words = name.split()
    if len(words) >= 2 and r.lang in {"ru", "de", "pl"}:
        first = words[0].casefold()
        genders = rule_names.genders()
        if first in genders:
            return genders[first]
        if r.female_endings and r.lang in {"ru", "pl"}:
            return "f" if first.endswith(r.female_endings) else "m"
    if not r.female_endings:
        return None
    return "f" if words[-1].casefold().endswith(r.female_endings) else "m"


def _resolve(article: Article, names: Names, r: Rules, found: list[Found]) -> list[Quote]:
    text = article.text
    para_starts = [s.start for _, s in article.paragraphs()]
    labels = {e.name: e.label for e in article.entities}
    persons: list[tuple[str, int, int]] = []  # (name, paragraph, offset) of person speakers so far
    last_direct: tuple[str | None, int, Mention | None] | None = None
    last_said: tuple[str, int, Mention | None] | None = None  # the latest quote with a speaker, direct or reported
    quoted = tuple((f.start, f.end) for f in found)  # a person named inside what was said is no antecedent
    bodies: list[tuple[str, str]] = []  # (head, name) of the institutions that spoke so far
    date = (article.metadata.published or article.metadata.page_time or "")[:10]
    quotes: list[Quote] = []
    for f in sorted(found, key=lambda f: (f.order, f.start)):
        para = bisect_left(para_starts, f.start + 1)
        name: str | None = None
        mention: Mention | None = None
        if f.speaker is not None:
            s, e = f.speaker
            word = text[s:e]
            first = word.split()[0].casefold() if word.split() else ""
            bare = romance_cues.unelided(word.split()[0], r.lang).casefold() if word.split() else ""
            if bare != first and bare in r.role_heads | r.institutions | r.titles | r.media_heads:
                first = first[:2]  # "l’immunologo", "L’expert": an article and a role (not "l’Onu", "l’interlocutore")
            gender = r.pronouns.get(word.casefold()) or r.pronoun_suffix.get(word.casefold())
            hit = names.at(s, e) if gender is None else None
            role_first = r.lang in role_speakers.LANGS and role_speakers.person_noun(word.split()[0], r)
            if hit is not None and r.lang == "de" and first in r.determiners and hit[0].label != "PERSON" and not any(
                    role_speakers.is_title(w, r) for w in _words(text[s:hit[1].start])[1:]):
                role_first = False  # "erklärte der FSB": the organisation; "der Chef der Deutschen Bank": a person
                first = ""
            if hit is not None and r.lang == "pl" and role_speakers.describes_body(text[s:hit[1].start], hit[0], r):
                first, role_first = "", False  # "polski Główny Inspektorat Ochrony Środowiska": the institution
            if hit is not None and hit[1].start > s and (first in r.determiners or first in r.titles or role_first):
                hit = None  # "председатель ЕК", "исполнительный директор Фонда": a person, not the organisation
            if gender is None and hit is None and (first in r.determiners or first in r.titles
                                                   or r.lang == "ru" and _russian_word(word)):
                gender = (role_speakers.german_gender(word, f.cue) if r.lang == "de" else role_speakers.russian_plural(
                    word) if r.lang == "ru" else None) or _role_gender(first, f.cue, r)  # "a poursuivi la ministre":
                # the person just quoted; "считают эксперты": no one person; in
                # Russian, a speaker phrase of common words is a role too ("сказал Святейший", "отметил юрист")
            institution = _institution(word, r) if hit is None and gender is not None else None
            if hit is not None:
                name, mention = hit[0].name, hit[1]
            elif institution is not None:  # "a indiqué le gouvernement" after "a annoncé le gouvernement taïwanais"
                named = [ent.name for _, _, ent in names.within(0, s) if ent.label != "PERSON"
                         and ent.name.split()[0].casefold() == institution[0] and len(ent.name.split()) > 1]
                name = next((n for h, n in reversed(bodies) if h == institution[0]),
                            named[-1] if named and len(institution[1].split()) == 1 else institution[1])
                mention = Mention(word, s, e, None)
                bodies.append((institution[0], name))
            elif gender is not None:
                role = first not in r.pronouns and word.casefold() not in r.pronoun_suffix
                body = role_speakers.german_body(word) if r.lang == "de" and role else None
                if body is not None and len(body.split()) == 1:  # "Das Ressort erklärte": the body that spoke last
                    body = next((n for h, n in reversed(bodies) if h == "de"), body)
                if body is not None:
                    bodies.append(("de", body))
                name = body or (_introduced(text, names, word, s, r) if role else None)
                name = name or (office_holders.holder(word, r.lang, date) if role and r.lang in {"ru", "de", "pl"}
                                else None)  # "— заявил пресс-секретарь Кремля"
                if name is None and role and r.role_heads:  # "a déclaré le porte-parole du Kremlin"
                    name = _as_written(office_holders.holder(word, r.lang, date), names)
                nobody = False
                if name is None and role and r.lang in role_speakers.LANGS:  # "заявил представитель Национальной
                    lo = para_starts[max(0, para - 2)] if para_starts else 0  # галереи", "по данным ведомства"
                    name = role_speakers.body(word, names.within(s, e), names.within(lo, s), r)
                    nobody = name is None and role_speakers.nobody(word, r)  # "написал один из комментаторов"
                own = tuple(q for q in quoted if not q[0] <= s < q[1])  # "X a réclamé …, car, selon elle, …"
                name = name or (None if nobody else _antecedent(article, names, r, persons, para, para_starts, s,
                                                                gender, role=role, quoted=own))
                if name is not None:
                    mention = Mention(word, s, e, "PRON")
                elif (not nobody or word.split()[0].casefold() not in role_speakers.UNNAMED) and (
                        first not in r.pronouns and word.casefold() not in r.pronoun_suffix):
                    name, mention = word, Mention(word, s, e, None)
            else:
                name, mention = word, Mention(word, s, e, None)
        elif f.inherit == "subjunctive":
            if last_said is not None and last_said[1] >= para - 1:
                name, mention = last_said[0], last_said[2]
            else:  # 'Lawrow hat Vorwürfe erhoben. Es sei die NATO gewesen, …': the person the sentence before names
                subject = _subject_before(text, para_starts[para - 1] if para_starts else 0, f.start, names)
                hit = names.at(*subject) if subject is not None else None
                if hit is None:
                    continue
                name, mention = hit[0].name, hit[1]
        elif f.inherit == "fragment":  # quoted words inside narration with no cue: the person who spoke last in
            if last_said is not None and last_said[1] >= para - 1 and labels.get(last_said[0]) == "PERSON" and len(
                    _words(text[f.start:f.end])) >= romance_cues.FRAGMENT_WORDS:  # this paragraph or the one before,
                p_lo = para_starts[para - 1] if para_starts else 0  # unless its sentence names someone else
                hi = _sentence_end(text, f.end + 1, len(text))
                others = {ent.name for s, _, ent in names.within(_clause_start(text, p_lo, f.order), hi)
                          if ent.label == "PERSON" and ent.name != last_said[0] and not f.start <= s < f.end}
                if not others:
                    quotes.append(Quote(text[f.start:f.end], f.start, f.end, f.kind, last_said[0], None, last_said[2]))
                    continue  # a guess from the context: no antecedent for the pronouns after it
        elif f.inherit == "standalone" or (f.inherit and not (last_direct and last_direct[0])):
            if last_said is not None and last_said[1] >= para - 1:  # a quote of its own goes on with the last speaker
                name, mention = last_said[0], last_said[2]
            elif f.then is not None and names.at(*f.then) is not None:  # 'X a annoncé' after the quote
                hit = names.at(*f.then)
                assert hit is not None
                name, mention = hit[0].name, hit[1]
            elif last_said is None:  # the first quote: the one person the paragraph before it names
                name, mention = _only_person(names, para_starts, para, f.start)
        elif f.inherit and last_direct and last_direct[1] == para - (f.inherit == "paragraph"):
            name, mention = last_direct[0], last_direct[2]
        elif f.cue and r.pro_drop and not (r.according and r.according.fullmatch(f.cue)):  # "– mówił …": no subject
            before = _words(text[_clause_start(text, para_starts[para - 1] if para_starts else 0, f.order):f.order])
            opens = all(w.casefold() in r.left_out_openers for w in before)  # "Podkreśla, że", "Dalej wyjaśnia, że"
            gender = _cue_gender(f.cue, r, present=f.kind == "direct" or opens)  # "– podkreśla." goes on too;
            # "Reuter przypomina, że": a present tense after a subject the rules do not read as a name is no one's
            if gender is not None:
                name = _antecedent(article, names, r, persons, para, para_starts, f.start, gender, role=True,
                                   window=1, quoted=quoted)
        if name is not None and labels.get(name) == "PERSON":  # a left-out subject goes on too ("– dodał")
            persons.append((name, para, mention.start if mention is not None else f.start))
        if f.kind == "direct":
            last_direct = (name, para, mention)
        if name is not None:
            last_said = (name, para, mention)
        quotes.append(Quote(text[f.start:f.end], f.start, f.end, f.kind, name, f.cue, mention,
                            [Span(a, b) for a, b in f.parts]))
    quotes.sort(key=lambda q: (q.start, q.end))
    return quotes


def _as_written(name: str | None, names: Names) -> str | None:
    """An office holder's name as the article writes it, where it names a person with the same surname's first five
    letters ("Zelenski" for the table's "Volodymyr Zelensky")."""
    if name is None:
        return None
    last = name.split()[-1].casefold()[:5]
    written = {ent.name for _, _, ent in names.ments if ent.label == "PERSON" and ent.name.split()[-1].casefold()[:5]
               == last}
    return written.pop() if len(written) == 1 else name


def _institution(phrase: str, r: Rules) -> tuple[str, str] | None:
    """(head, name) of a speaker phrase that names an institution ("le gouvernement taïwanais" -> ("gouvernement",
    "gouvernement taïwanais")), in a language whose rules list institution words."""
    if not r.institutions:
        return None
    words = phrase.split()
    while words and (words[0].casefold() in r.determiners or words[0].casefold() in r.titles
                     and words[0].casefold() not in r.institutions):
        words = words[1:]
    if words and re.match(r"(?:l|d)['’]", words[0], re.I):
        words[0] = words[0][2:]
    if not words or words[0].casefold() not in r.institutions:
        return None
    return words[0].casefold(), " ".join(words)


def _russian_word(phrase: str) -> bool:
    """Whether a Russian speaker phrase opens with a common word, not a name the NER missed ("Святейший",
    "юрист" but not "Честер")."""
    first = phrase.split()[0] if phrase.split() else ""
    return first[:1].islower() or analysers.common_noun(first, analysers.natasha()[2])


def _introduced(text: str, names: Names, role: str, before: int, r: Rules) -> str | None:
    """The person a role phrase means by the role the text gave them ("указал эксперт" after "эксперт-международник,
    политолог Алексей Мартынов"; "erklärt der Experte" after "Experte Hans Meier"): the latest person named before
    `before` with the role's head word (its first five letters, for inflection) just before or just after the name."""
    heads = [w for w in (romance_cues.unelided(w, r.lang) for w in _words(role))  # "l’immunologo": "immunologo"
             if w.casefold() not in r.determiners and len(w) >= 5]
    if not heads:
        return None
    stem = heads[0].casefold()[:5]
    found = None
    for s, e, ent in names.within(0, before):
        if ent.label != "PERSON":
            continue
        near = _words(text[max(0, s - 40):s])[-3:] + _words(re.split(r"[.!?]\s", text[e:min(before, e + 30)])[0])[:2]
        near = [romance_cues.unelided(w, r.lang) for w in near]
        if any(w.casefold().startswith(stem) or r.lang in role_speakers.LANGS and role_speakers.same_role(
                heads[0], w, r.lang) for w in near):  # "экс-госсекретарь" / "госсекретарь", "Kanzler" / "Bundeskanzler"
            if r.lang in role_speakers.LANGS and not all(any(role_speakers.same_role(h, w, r.lang) for w in near)
                                                         for h in heads[1:]):
                continue  # "Prezydent Francji" is not the man introduced as "prezydent Rosji"
            if r.lang in role_speakers.LANGS and role_speakers.other_acronym(role, near):
                continue  # "Prezes PiS" is not the man introduced as "prezes NBP"
            found = ent.name
    if r.role_heads:  # "il ministro turco": "il ministro della Difesa turco Hulusi Akar", not "… ucraino X"
        stems = {w.casefold()[:5] for w in heads}
        best = (0, None)
        for head, s, e in _role_pairs(text, r):
            hit = names.at(s, e) if s < before and head.casefold().startswith(stem) else None
            if hit is not None and hit[0].label == "PERSON":
                near = {w.casefold()[:5] for w in _words(text[max(0, s - 80):s])[-8:]}
                score = len(stems & near)
                if score >= best[0]:
                    best = (score, hit[0].name)
        if best[1] is not None and (found is None or best[0] >= 2):
            found = best[1]
    if found is None and r.lang in {"ru", "de", "pl"}:  # "Временная поверенная в делах США в Украине Кристина Квин"
        stems = {role_speakers.bare(w)[:5] for w in heads}
        for s, e, ent in names.within(0, before):
            if ent.label == "PERSON" and len(ent.name.split()) >= 2:
                near = _words(text[max(0, s - 80):s])[-MAX_ROLE_WORDS:] + _words(
                    re.split(r"[.!?]\s", text[e:min(before, e + 60)])[0])[:4]  # not the next sentence's words
                if len(stems & {w.casefold()[:5] for w in near}) >= min(2, len(stems)) and not \
                        role_speakers.other_acronym(role, near):
                    found = ent.name
    return found


def _only_person(names: Names, para_starts: list[int], para: int, before: int) -> tuple[str | None, Mention | None]:
    """The person named in the paragraph before offset `before` (and before it in its own), if only one is."""
    lo = para_starts[max(0, para - 2)] if para_starts else 0
    found = [(s, e, ent) for s, e, ent in names.within(lo, before) if ent.label == "PERSON"]
    if len({ent.name for _, _, ent in found}) != 1:
        return None, None
    s, _, ent = found[-1]
    return ent.name, next(m for m in ent.mentions if m.start == s)


def _role_gender(first: str, cue: str | None, r: Rules) -> str:
    """The gender a role phrase shows: by its determiner ("la ministre"), else by the cue's ending, else any."""
    by_det = {"la": "f", "une": "f", "cette": "f", "le": "m", "un": "m", "il": "m", "lo": "m", "der": "m",
              "les": "p", "gli": "p", "i": "p"}  # "ipotizzano gli autori": no one person
    if first in by_det and r.lang in {"fr", "it", "de"}:
        return by_det[first]
    return (_cue_gender(cue, r) if cue else None) or "?"


def _cue_gender(cue: str, r: Rules, present: bool = False) -> str | None:
    """The gender a subject-less cue's ending shows in a pro-drop language ("сказала" -> f), "?" for any; with
    `present`, present-tense endings count too ("podkreśla" -> "?", longer past endings first: "powiedziała")."""
    word = cue.split()[-1].casefold()
    endings = {**r.pro_drop_present, **r.pro_drop} if present else r.pro_drop
    for ending in sorted(endings, key=len, reverse=True):
        if word.endswith(ending):
            return endings[ending]
    return None


def _antecedent(article: Article, names: Names, r: Rules, persons: list[tuple[str, int, int]], para: int,
                para_starts: list[int], before: int, gender: str, role: bool = False,
                window: int = PRONOUN_WINDOW, quoted: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The person a pronoun means: the latest person speaker or person named before it, a few paragraphs back at
    most, whose gender agrees (where the language's names show it); a plural one means no single person."""
    if gender == "p":
        return None
    speakers = sorted(((off, n) for n, p, off in persons if p >= para - 1 and off < before), reverse=True)
    lo = para_starts[max(0, para - 1 - window)] if para_starts else 0
    named = sorted(((s, ent.name) for s, _, ent in names.within(lo, before) if ent.label == "PERSON"), reverse=True)
    if romance_cues.enabled(r.lang):  # "«Cessez de créer …», a-t-il ajouté": not a word inside quotation marks
        named = [x for x in named if not romance_cues.in_marks(article.text, x[0])  # nor in what was said
                 and not any(s <= x[0] < e for s, e in quoted)]
    para_lo = para_starts[para - 1] if para_starts else 0
    here = [x for x in named if x[0] >= para_lo and not any(s <= x[0] < e for s, e in quoted)]
    if not role:  # a pronoun: the first person of the nearest sentence of its paragraph that names one, outside quotes
        told = here
        if told and romance_cues.enabled(r.lang):  # "Joe Biden … Lors de son déplacement, il a qualifié Vladimir
            here = romance_cues.chain_subject(article.text, para_lo, told, _clause_start, r)  # Poutine de … Il …"
        elif told:
            sent = _clause_start(article.text, para_lo, told[0][0])
            here = sorted((x for x in told if x[0] >= sent), key=lambda x: x[0])[:1]
        else:
            here = []
    if r.lang == "ru" and not role:  # "Он подчеркнул" after "валить Байдена стали": a subject first, not the object
        text = article.text
        named = ([x for x in named if analysers.subject_form(text[x[0]:_mention_end(names, x[0])])]
                 + [x for x in named if not analysers.subject_form(text[x[0]:_mention_end(names, x[0])])])
    # a person speaker of this or the last paragraph first (a pronoun: after the person its paragraph names); for a
    # role ("il leader della Lega"), a person named earlier in its own paragraph first
    for _, name in (here + speakers + named):
        g = _gender(name, r)
        if gender == "?" or g is None or g == gender:
            return name
    return None


def _mention_end(names: Names, start: int) -> int:
    hit = names.within(start, start + 200)
    return hit[0][1] if hit else start


class _Kit:
    """The helpers the cue shapes of speech_walk call (its `Kit`)."""

    clause_start = staticmethod(_clause_start)
    sentence_end = staticmethod(_sentence_end)
    speaker_beside = staticmethod(_speaker_beside)
    trim = staticmethod(trim)
    words = staticmethod(_words)

    @staticmethod
    def found(start: int, end: int, kind: str, cue: str | None, speaker: tuple[int, int] | None,
              order: int) -> Found:
        return Found(start, end, kind, cue, speaker, order)


KIT: speech_walk.Kit = _Kit()


def find_quotes(article: Article) -> list[Quote]:
    """The quotes of an article in a language the English rules do not read."""
    r = rules(article.metadata.language)
    names = Names(article)
    direct = _direct(article, names, r)
    frags = mixed_rules.fragments(article, direct, r, _cue_after) if r.mixed_quotes else set()
    spans = [(f.start, f.end) for f in direct if (f.start, f.end) not in frags]
    reported = [f for f in _reported(article, names, r, spans) if not any(s <= f.order < e for s, e in frags)]
    if r.lang in {"ru", "de"}:  # "…, по его словам, «…»", "Das Land weigere sich, „…“ zu „zügeln“, meinte Peskow":
        frags |= role_speakers.held(reported, direct, r)  # the marked words are parts of the reported sentence
    walk = speech_walk.Walk.of(article, r, names, spans, KIT)
    pointed = speech_pointers.find(walk)  # a pointer's cue reports only that
    reported = [f for f in reported if f.order not in {p.order for p in pointed}] + pointed
    reported += view_sources.find(walk)
    framed = object_frames.find(walk)
    reported += [f for f in framed if f.order not in {g.order for g in reported}]
    reported += speech_nouns.find(walk)
    taken: list[tuple[int, int]] = []
    kept = []
    for f in sorted(reported, key=lambda f: (f.start, -(f.end - f.start))):
        if not _inside(taken, f.start, f.end):
            kept.append(f)
            taken.append((f.start, f.end))
    if r.mixed_quotes:
        direct = mixed_rules.fold(article.text, direct, kept, frags, r, quote_marks)
    return _resolve(article, names, r, direct + kept)
