"""Person names for languages without a trained NER: capitalised runs beside a cue or opening its sentence, names
after a role phrase, known first names with the word after them, and their other occurrences in the text."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from presswatch.clean.language import STOPWORDS
from presswatch.stages import analysers
from presswatch.stages.speech_rules import (
    office_holders,
    role_names,
    role_speakers,
    romance_cues,
    rule_names,
    told_parties,
)
from presswatch.stages.speech_rules.speech_cues import cue_after
from presswatch.stages.speech_rules.speech_language import NAME_WORD, Rules, alternation, rules
from presswatch.stages.speech_rules.speech_text import (
    MAX_NAME_WORDS,
    NAME_RUN,
    common_word,
    sentence_start,
    skip_space,
    skip_words,
    words_of,
)

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


def _german_first_name(word: str, r: Rules) -> bool:
    """A known first name alone opening a German sentence with a cue ("Max studiert Lehramt und sagt: …"): a name,
    where any other capitalised word there may be a noun."""
    return r.lang == "de" and " " not in word and word.casefold() in rule_names.first_names("de") - _AMBIGUOUS_FIRST


def speaker_names(doc: Doc, lang: str | None, taken: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """PERSON spans for capitalised names beside a cue that no entity of `taken` covers, and the names' other
    occurrences (full names and, once a full name is known, its last word alone)."""
    r = rules(lang)
    text = doc.text
    names: set[str] = set()
    singles: set[str] = set()
    particled: set[str] = set()
    mid_caps = {t.text for t in doc if not t.is_sent_start and t.text[:1].isupper()}
    names.update(text[s:e] for s, e in _role_names(text, r))
    past = [] if r.past_cue is None else [c for c in (cue_after(text, close.start(), len(text), r)
                                                      for close in re.finditer(r"[»”“\"]", text)) if c is not None]
    for m in [*r.cue.finditer(text), *past]:
        if m.group(0).casefold() == "so":  # "„…“, so Lawrow": rule_names.placed_names reads it
            continue
        at = skip_words(text, told_parties.skip(text, m.end(), len(text), r.lang), r.skip_after_cue,
                         years=r.lang == "de")
        after = NAME_RUN.match(text, at) or rule_names.after_role(text, at, r.determiners) or after_role_words(
            text, at, r, m.group(0).casefold() in r.press_cues)
        before = None
        head = text[max(0, m.start() - 80):m.start()].rstrip()
        for b in NAME_RUN.finditer(head):
            if b.end() == len(head):
                before = b
        cut = max(text.rfind(ch, max(0, m.start() - 200), m.start()) for ch in ".!?\n")
        opening = NAME_RUN.match(text, skip_space(text, cut + 1))  # "Claudio Mencacci, direttore …, spiega"
        opening = opening if opening is not None and (len(opening.group(0).split()) >= 2 or _german_first_name(
            opening.group(0), r)) else None
        for found, at_start in ((after, False), (before, before is not None and sentence_start(head, before.start())),
                                (opening, True)):
            if found is None:
                continue
            run = found.group(0).split()
            at = found.start() + (max(0, m.start() - 80) if found is before else 0)
            if romance_cues.enabled(r.lang) and len(run) == 1 and len(run[0]) <= 3 and text[
                    at + len(run[0]):at + len(run[0]) + 2] in {". ", ".\u00a0"}:
                continue  # "a déclaré M. Morozov", "lui a lancé D. Trump": a title or an initial, no name alone
            if romance_cues.enabled(r.lang) and romance_cues.in_compound(text, at):
                continue  # "cette même Ukraine post-Maïdan a déclaré": part of a word, no name
            if at_start and romance_cues.enabled(r.lang) and len(run) > 1 and romance_cues.written_lower(text, run[0]):
                if romance_cues.is_preposition(run[0], r.lang):
                    continue  # "In Alaska ci dicono", "Da Mosca": a place after a preposition, no name
                run = run[1:]  # "Nulla Renzi ha detto" (the text has "nulla è cambiato"): a common word opens it
            words = _titletrim(run, r)
            if not words or words[0].casefold() in r.pronouns or words[0].casefold() in r.determiners:
                continue
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
            elif not at_start or (r.lang != "de" and words[0] in mid_caps) or _german_first_name(words[0], r):
                singles.add(words[0])  # "napisała Thunberg"; "Greta powiedziała" mid-sentence
    if r.lang not in {"fr", "ru"}:  # languages whose NER finds names anywhere need none of these
        for run, place in rule_names.placed_names(text, r.according, r.after_quote):
            words = _titletrim(run.split(), r)
            if not words or common_word(words[0], r):
                continue
            if len(words) >= 2:
                names.add(" ".join(words))
            elif words[0] in mid_caps and (place == "so" or place == "according" and r.lang != "de"):
                singles.add(words[0])  # "„…“, so Lawrow", "secondo Draghi" (German "laut" takes nouns too)
        for full in rule_names.surname_names(text, r.lang, mid_caps, lambda w: common_word(w, r)):
            words = _titletrim(full.split(), r)
            if len(words) >= 2:
                names.add(" ".join(words))
        if r.lang in {"pl", "de"}:
            names |= _first_name_pairs(text, r)
        if r.lang == "de":  # "berichtet Alma" and "lehnt Alma von Raggamby … ab": the name in full
            particled = _particle_names(text, singles)
            names |= particled
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
    pattern = re.compile(rf"(?<!\w)(?:{alternation(list(wanted))})(?!\w)")
    covered = sorted((s, e) for s, e, _ in taken)
    out = []
    text_words = set(re.findall(r"\w+", text)) if r.lang in {"pl", "de"} else set()
    if r.lang == "de":  # "die Taten Wladimir Putins" in an article that never writes "Putin"
        text_words |= office_holders.surnames("de")
    normal: dict[tuple[int, int], str] = doc.user_data.setdefault("normal", {})
    for m in pattern.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in covered):  # an acronym is an organisation
            acronym = m.group(0).isupper() and " " not in m.group(0)
            no_person = m.group(0) not in particled and _no_person(m.group(0), r)
            out.append((m.start(), m.end(), "ORG" if acronym or no_person else "PERSON"))
    if text_words:  # inflected names in the nominative: full names first, then surnames alone as those write them
        for multi in (True, False):
            for s, e, label in out:
                if (" " in text[s:e]) == multi and label == "PERSON":
                    normal[(s, e)] = rule_names.nominative(text[s:e], r.lang, text_words)
            text_words |= {w for n in normal.values() for w in n.split()}
    return out


def role_pairs(text: str, r: Rules) -> list[tuple[str, int, int]]:
    """(role head, start, end) of the names the text gives after a role ("il ministro della Difesa Nobuo Kishi")."""
    if not r.role_heads:
        return []
    return list(role_names.names_after_roles(text, r.role_heads, r.role_prepositions,
                                             frozenset(STOPWORDS.get(r.lang, ())) | r.determiners))


def _role_names(text: str, r: Rules) -> list[tuple[int, int]]:
    return [(s, e) for _, s, e in role_pairs(text, r)]


_ELIDED = re.compile(r"(?:l|d|qu|j|s|n|c)['’]", re.I)
_INDEFINITE = re.compile(r"(?<!\w)(?:un|une|des|les|ces|cet|cette|chaque|uno|una|degli|gli)[ \u00a0]+$", re.I)


def _after_media(text: str, start: int, r: Rules) -> bool:
    """Whether a name follows an outlet word and at most two adjectives ('le média hongrois BudapestTimes.hu')."""
    if not r.media_heads:
        return False
    words = [w.casefold() for w in words_of(text[max(0, start - 60):start])][-3:]
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


def after_role_words(text: str, at: int, r: Rules, press: bool = False) -> re.Match[str] | None:
    """A full name after a few lower-case role words and no preposition ("– powiedziała przewodnicząca
    parlamentarnej komisji obrony Marie-Agnes Strack-Zimmermann"), in a language whose rules allow the gap; after a
    paper's cue a time phrase may stand there too ("– podał w poniedziałek Dziennik Gazeta Prawna")."""
    if not r.role_gap:
        return None
    role = _ROLE_WORDS.match(text, at)
    if role is None or len(role.group(0).split()) > r.role_gap or not press and any(
            w.casefold() in r.prepositions for w in role.group(0).split()):
        return None
    run = NAME_RUN.match(text, role.end())
    return run if run is not None and len(run.group(0).split()) >= 2 else None


_PARTICLE_TAIL = re.compile(rf"(?:[ \u00a0]+(?:von|van|der|den|de|zu|di|da|du|del|della|bin|al))+[ \u00a0]+{NAME_WORD}")
_GERMAN_PARTICLE = re.compile(rf"[ \u00a0]+(?:von|van|zu)[ \u00a0]+({NAME_WORD})")


def _particle_names(text: str, singles: set[str]) -> set[str]:
    """German full names of single names found beside a cue, where the text also writes the word with a nobiliary
    particle and a name ("Alma" … "Alma von Raggamby"): not "Scholz von der SPD", "Präsident von Frankreich" is no
    single, and the word after the particle is no acronym and has no noun ending."""
    out = set()
    for word in singles:
        for m in re.finditer(rf"(?<!\w){re.escape(word)}(?=[ \u00a0])", text):
            tail = _GERMAN_PARTICLE.match(text, m.end())
            if tail is not None and not tail.group(1).isupper() and not tail.group(1).casefold().endswith(
                    rule_names.DE_NOUN_ENDINGS):
                out.add(word + tail.group(0))
                break
    return out


_AMBIGUOUS_FIRST = frozenset(["bill", "dean", "don", "frank", "glenn", "mark", "joy", "rose"])


def _first_name_pairs(text: str, r: Rules) -> set[str]:
    """Names anywhere in the text, not only beside a cue: a first name the language's list (or the gender list)
    knows, in any case form, and the capitalised word after it ("Vanessa Nakate z Ugandy", "Jurka Owsiaka")."""
    known = rule_names.first_names(r.lang) - _AMBIGUOUS_FIRST
    out = set()
    for run in NAME_RUN.finditer(text):
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
                if common_word(nxt, r) or r.lang == "de" and (len(name) >= 2 or nxt.casefold().endswith(  # Recht")
                        rule_names.DE_NOUN_ENDINGS)):
                    break
                name.append(nxt)
            if len(name) >= 2:
                out.add(" ".join(name))
            break
    return out
