"""The speaker span beside a cue: a pronoun or name after it, a role phrase, or the person its clause names first."""

from __future__ import annotations

import re

from presswatch.article import Entity
from presswatch.stages.speech_rules import role_speakers, romance_cues, rule_names, told_parties
from presswatch.stages.speech_rules.speaker_names import after_role_words
from presswatch.stages.speech_rules.speech_language import NAME_WORD, Rules
from presswatch.stages.speech_rules.speech_text import (
    Names,
    after_preposition,
    clause_start,
    first_stop,
    nth_word_end,
    skip_space,
    words_of,
)

_AUXILIARY = re.compile(r"[ \u00a0](?:a|ont|avait|avaient|aurait|est|sont|ha|hanno|aveva|avevano|avrebbe|è|sono)"
                        r"[ \u00a0]|[,;(]|[ \u00a0](?:qui|che)[ \u00a0]")


def _role_phrase(text: str, clause: int, cue_start: int, r: Rules) -> tuple[int, int] | None:
    """A role phrase opening the cue's clause ("Le président ukrainien a par ailleurs déclaré", "Il ministro ha
    detto"), up to its verb, in a language whose rules list role words."""
    if not r.role_heads:
        return None
    start = skip_space(text, clause)
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
    if len(words_of(text[start:e])) > 6:
        return None
    named = re.search(rf"(?:{NAME_WORD}[ \u00a0]*)+$", text[start + m.end():e])
    if m.group(2).casefold() in r.media_heads and named is not None:  # "L’emittente pubblica cinese Cctv": Cctv
        return start + m.end() + named.start(), e
    return start, e


def speaker_beside(text: str, cue_start: int, cue_end: int, lo: int, hi: int, names: Names,
                    r: Rules) -> tuple[int, int] | None:
    """The speaker of a cue: a pronoun or name right after it, else the first person (else the nearest
    organisation) named in its clause before it, else a pronoun right before it."""
    cue_end = romance_cues.after_time(text, cue_end, hi, r.lang)  # "a déclaré vendredi le secrétaire d'État …"
    cue_end = told_parties.skip(text, cue_end, hi, r.lang)  # "заявил «360» политолог …", "oznajmiła portalowi X …"
    cue_end = romance_cues.past_agent(text, cue_start, cue_end, hi, r.lang)  # "È quanto dichiarato dal ministro"
    after = text[cue_end:hi]
    head = text[lo:cue_start].rstrip()
    document = _document_source(text, cue_end, hi, names, r)
    if document is not None:
        return document
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
        opens = skip_space(text, clause_start(text, lo, cue_start))
        subject = [h for h in names.within(opens, cue_start) if h[2].label == "PERSON" and h[0] == opens
                   and not text[h[1]:cue_start].strip() and words_of(text[h[0]:h[1]])[0].casefold() not in
                   r.prepositions]  # not "Gegenüber L’Indipendente sagte Toscana"
        if subject:
            return subject[0][0], subject[0][1]
    near_end = cue_end + (len(after) if len(words_of(after)) <= 6 else nth_word_end(after, 6))
    slavic = r.lang in role_speakers.LANGS  # not the dot of "M. Morozov", "dr hab. Agnieszka Legucka"
    stop_at = first_stop(text, cue_end, hi, ".;:!?()«»„“\"", romance_cues.enabled(r.lang) or slavic, any_next=slavic)
    far_end = stop_at if stop_at is not None else hi
    comma = after.find(",")
    hits = [h for h in names.within(cue_end, min(near_end, far_end, cue_end + comma if comma >= 0 else far_end))
            if text[h[0]:h[1]].casefold() not in r.skip_after_cue]  # "сообщили РИА Новости": who was told
    person = [h for h in hits if h[2].label == "PERSON"]
    adjacent = [h for h in hits if not text[cue_end:h[0]].strip(" \u00a0,")
                or text[cue_end:h[0]].strip(" \u00a0,").casefold() in r.determiners]  # "selon le ministère …"
    if person or adjacent:  # "написал Клишас", "sagte Kremlsprecher Dmitri Peskow", "сообщил МИД"
        s, e, _ = (person or adjacent)[0]
        return s, e
    placed = romance_cues.after_place(text, cue_end, [h for h in names.within(cue_end, far_end)
                                                       if h[2].label == "PERSON"], r)
    if placed is not None:  # "a insisté en Bavière le chef de l’État Emmanuel Macron"
        return placed
    role = after_role_words(text, cue_end, r)
    if role is not None:  # "powiedziała przewodnicząca komisji obrony Marie-Agnes Strack-Zimmermann"
        named = [h for h in names.within(role.start(), role.end()) if h[2].label == "PERSON"]
        if named:
            return named[0][0], named[0][1]
    opener = pm.group(1).casefold() if pm else ""
    role_opener = pm is not None and r.lang in role_speakers.LANGS and (  # "so der CDU-Chef": a title after an
        role_speakers.person_noun(pm.group(1), r) or role_speakers.is_title(pm.group(1), r))  # acronym
    if opener in r.determiners or opener in r.titles or role_opener:  # "explique le conseiller ..., Matteo Marnati"
        apposed = [h for h in names.within(cue_end, far_end) if h[2].label == "PERSON"
                   and len(words_of(text[cue_end:h[0]])) <= 12]
        if not apposed and r.lang == "de":  # "sagte der Vorstandschef der Deutschen Krankenhausgesellschaft (DKG),
            apposed = role_speakers.apposed_name(text, cue_end, hi, names.within(cue_end, hi))  # Gerald Gaß, dem RND"
        if apposed:
            return apposed[0][0], apposed[0][1]
        s = cue_end + pm.start(1)  # type: ignore[union-attr]
        if r.lang in role_speakers.LANGS:  # "сообщил исполнительный директор Фонда", "warnte der UNO-Kommissar vor"
            end = role_speakers.phrase_end(text, s, far_end, r)
            outlet = role_speakers.outlet_after(text, s, end, hi, r) if end is not None else None
            if outlet is not None:  # "– komentuje dziennik „Die Welt”"
                return outlet
            if end is not None:
                return s, end
        np_end = first_stop(text, cue_end, hi, ",.;:!?()", romance_cues.enabled(r.lang))
        e = np_end if np_end is not None else hi
        cut = romance_cues.phrase_end(text, s, e, r)  # "confirme l'économiste de l'Insee pointant aussi « … »"
        if cut < e and romance_cues.role_source(text, s, cut, r):  # a phrase cut short must name a role, not
            e = cut                                                   # "dit un slogan lancé dans les années 1980"
        if len(words_of(text[s:e])) <= 6:
            return s, e
    if r.gerunds and text[cue_start:cue_end].casefold().endswith(r.gerunds) and head.endswith(","):
        return None  # "…», avait-il alerté, ajoutant que …": the speaker of the sentence, not a name before
    clause = clause_start(text, lo, cue_start)
    before = names.within(clause, cue_start)
    person = [h for h in before if h[2].label == "PERSON"]
    if person and r.plural_cue is not None and r.plural_cue.search(text[cue_start:cue_end]):
        return None  # "des personnalités … de Nancy Pelosi … ont déclaré que": a group speaks
    if person and r.subject_by_cue:
        next_to = [h for h in person if len(words_of(text[h[1]:cue_start])) <= 2 and not re.search(
            r"[,;:()«»„“”\"]", text[h[1]:cue_start])]
        if next_to:  # "avec son homologue Xi Jinping, le président Joe Biden avait assuré"
            return next_to[-1][0], next_to[-1][1]
    role = _role_subject(text, clause, cue_start, person, r) or (
        role_speakers.german_subject(text, clause, cue_start) if r.lang == "de" and not person else None)
    if role is not None:  # "Przewodniczący Dumy stwierdził", "Временная поверенная в делах США отметила",
        return role       # "Das Auswärtige Amt teilte mit"
    if person and r.lang == "pl" and len(person) > 1:  # "… zdrowia Joe Bidena, prezydencki lekarz Kevin O’Connor
        s, e, _ = person[-1]                             # poinformował": the subject stands right before the cue
        gap = words_of(text[e:cue_start])
        prev = words_of(text[max(clause, s - 20):s])[-1:]
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
    near = [h for h in before if len(words_of(text[h[1]:cue_start])) <= 3  # not "очевидцы из Северодонецка"
            and not (r.lang in {"ru", "de"} and after_preposition(text, clause, h[0], r))]
    if near:
        return near[-1][0], near[-1][1]
    pb = re.search(r"(\w+)[\s,]*(?:\w+\s+)?$", text[clause:cue_start])
    if pb and pb.group(1).casefold() in r.pronouns:
        s = clause + pb.start(1)
        return s, s + len(pb.group(1))
    return None


_DOCUMENT = re.compile(r"[ \u00a0]+(?:в|во)[ \u00a0]+(\w+)")
_DOCUMENT_STOP = re.compile(r"[.,;:!?()«»„“\"]")


def _document_source(text: str, cue_end: int, hi: int, names: Names, r: Rules) -> tuple[int, int] | None:
    """The author a document phrase after a cue names ("говорится в письме Кавелашвили", "говорится в сводке
    Минобороны России"): the first name within three words of the document noun; a document noun the clause ends on
    ("говорится в документе.") is the speaker itself, resolved to the last speaker (the author of what was quoted)."""
    m = _DOCUMENT.match(text, cue_end, hi) if r.documents else None
    if m is None or m.group(1).casefold() not in r.documents:
        return None
    stop = _DOCUMENT_STOP.search(text, m.end(), hi)
    end = stop.start() if stop else hi
    hits = [h for h in names.within(m.end(), end) if len(words_of(text[m.end():h[0]])) <= 3]
    if hits:
        return hits[0][0], hits[0][1]
    return (m.start(1), m.end(1)) if not words_of(text[m.end():end]) else None


MAX_ROLE_WORDS = 8


def _role_subject(text: str, clause: int, cue_start: int, person: list[tuple[int, int, Entity]],
                  r: Rules) -> tuple[int, int] | None:
    """A subject that is a role rather than a name (ru, de, pl): the clause before the cue opens with a title word
    and names no person but, at most, one word right after the title that the article never writes as part of a
    longer name ("Przewodniczący Dumy": Dumy is the chamber, not a surname). The role phrase's span, resolved later
    to the person the text introduced with that role."""
    if r.lang not in {"ru", "de", "pl"}:
        return None
    start = skip_space(text, clause)
    comma = text.rfind(",", start, cue_start)
    if comma > start and role_speakers.is_title(text[comma + 1:cue_start].split()[0] if text[
            comma + 1:cue_start].split() else "", r):  # "Говоря об Украине, экс-госсекретарь США отметил"
        start = skip_space(text, comma + 1)
    words = list(re.finditer(r"\w[\w'’-]*", text[start:cue_start]))
    while words and words[0].group(0).casefold() in r.left_out_openers:  # "Natomiast polski Główny Inspektorat …"
        start += words[0].end()
        start = skip_space(text, start)
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
