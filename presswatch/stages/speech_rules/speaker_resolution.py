"""Speakers of found quotes: names as entities, roles to the person the text (or the office table) gives the role,
institutions, and pronouns or left-out subjects to an earlier person whose gender agrees."""

from __future__ import annotations

import re
from bisect import bisect_left

from presswatch.article import Article, Mention, Quote, Span
from presswatch.stages import analysers
from presswatch.stages.speech_rules import office_holders, role_speakers, romance_cues, rule_names
from presswatch.stages.speech_rules.cue_speaker import MAX_ROLE_WORDS
from presswatch.stages.speech_rules.direct_quotes import subject_before
from presswatch.stages.speech_rules.speaker_names import role_pairs
from presswatch.stages.speech_rules.speech_language import PRONOUN_WINDOW, Rules
from presswatch.stages.speech_rules.speech_text import Found, Names, clause_start, words_of


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
        if r.lang == "de" and first in rule_names.german_genders():  # "Wladimir Putin", "Petra Kammerevert"
            return rule_names.german_genders()[first]
        if first in rule_names.masculine_a():  # "Ilja Jabłokow"
            return "m"
        if r.female_endings and r.lang in {"ru", "pl"}:
            return "f" if first.endswith(r.female_endings) else "m"
    if not r.female_endings:
        return None
    return "f" if words[-1].casefold().endswith(r.female_endings) else "m"


def resolve_speakers(article: Article, names: Names, r: Rules, found: list[Found]) -> list[Quote]:
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
    # French, Italian: the reported clauses resolved so far, whose marked words (a quote opening inside one) are theirs
    clauses: list[tuple[int, int, str, Mention | None]] = []
    for f in sorted(found, key=lambda f: (f.order, f.start)):
        para = bisect_left(para_starts, f.start + 1)
        name: str | None = None
        mention: Mention | None = None
        if f.speaker is not None and text[f.speaker[0]:f.speaker[1]].casefold() in r.documents:
            if last_said is not None and last_said[1] >= para - 1:  # "«…», — говорится в документе": the author
                name, mention = last_said[0], Mention(text[f.speaker[0]:f.speaker[1]], *f.speaker, "PRON")  # of
                # what was quoted last
        elif f.speaker is not None:
            s, e = f.speaker
            word = text[s:e]
            lead = word.split()[0] if word.split() else ""
            first = lead.casefold()
            bare = romance_cues.unelided(lead, r.lang).casefold() if lead else ""
            if bare != first and bare in r.role_heads | r.institutions | r.titles | r.media_heads:
                first = first[:2]  # "l’immunologo", "L’expert": an article and a role (not "l’Onu", "l’interlocutore")
            possessive = word.casefold() in romance_cues.words(r.lang, "source_possessives")  # "À son avis, …"
            gender = r.pronouns.get(word.casefold()) or r.pronoun_suffix.get(word.casefold()) or (
                "?" if possessive else None)
            hit = names.at(s, e) if gender is None else None
            role_first = r.lang in role_speakers.LANGS and role_speakers.person_noun(lead, r)
            if hit is not None and r.lang == "de" and first in r.determiners and hit[0].label != "PERSON" and not any(
                    role_speakers.is_title(w, r) for w in words_of(text[s:hit[1].start])[1:]):
                role_first = False  # "erklärte der FSB": the organisation; "der Chef der Deutschen Bank": a person
                first = ""
            if hit is not None and r.lang == "pl" and role_speakers.describes_body(text[s:hit[1].start], hit[0], r):
                first, role_first = "", False  # "polski Główny Inspektorat Ochrony Środowiska": the institution
            if hit is not None and hit[1].start > s and (first in r.determiners or first in r.titles or role_first):
                hit = None  # "председатель ЕК", "исполнительный директор Фонда": a person, not the organisation
            titled = r.lang in role_speakers.LANGS and bool(lead) and role_speakers.is_title(lead, r)
            if gender is None and hit is None and (first in r.determiners or first in r.titles or titled
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
            elif possessive and last_said is not None and last_said[1] >= para - 1:
                name, mention = last_said[0], Mention(word, s, e, "PRON")  # "…», ha spiegato il politologo. A suo
                # avviso, …": the one who spoke last, not a person the text named since
            elif gender is not None:
                role = first not in r.pronouns and word.casefold() not in r.pronoun_suffix and not possessive
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
                        first not in r.pronouns and word.casefold() not in r.pronoun_suffix and not possessive):
                    name, mention = word, Mention(word, s, e, None)
            else:
                name, mention = word, Mention(word, s, e, None)
        elif f.cue is None and f.kind == "direct" and (held := next((c for c in clauses if c[0] < f.start < c[1]),
                                                                      None)) is not None:
            name, mention = held[2], held[3]  # 'Per Walter Ricciardi, …, «…»': the words of the clause they open in
        elif f.inherit == "subjunctive":
            if last_said is not None and last_said[1] >= para - 1:
                name, mention = last_said[0], last_said[2]
            else:  # 'Lawrow hat Vorwürfe erhoben. Es sei die NATO gewesen, …': the person the sentence before names
                subject = subject_before(text, para_starts[para - 1] if para_starts else 0, f.start, names)
                hit = names.at(*subject) if subject is not None else None
                if hit is None:
                    continue
                name, mention = hit[0].name, hit[1]
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
            before = words_of(text[clause_start(text, para_starts[para - 1] if para_starts else 0, f.order):f.order])
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
        if name is not None and f.kind == "reported" and romance_cues.enabled(r.lang):
            clauses.append((f.start, f.end, name, mention))
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
    heads = [w for w in (romance_cues.unelided(w, r.lang) for w in words_of(role))  # "l’immunologo": "immunologo"
             if w.casefold() not in r.determiners and len(w) >= 5]
    if not heads:
        return None
    stem = heads[0].casefold()[:5]
    found = None
    for s, e, ent in names.within(0, before):
        if ent.label != "PERSON":
            continue
        near = words_of(text[max(0, s - 40):s])[-3:] + words_of(
            re.split(r"[.!?]\s", text[e:min(before, e + 30)])[0])[:2]
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
        for head, s, e in role_pairs(text, r):
            hit = names.at(s, e) if s < before and head.casefold().startswith(stem) else None
            if hit is not None and hit[0].label == "PERSON":
                near = {w.casefold()[:5] for w in words_of(text[max(0, s - 80):s])[-8:]}
                score = len(stems & near)
                if score >= best[0]:
                    best = (score, hit[0].name)
        if best[1] is not None and (found is None or best[0] >= 2):
            found = best[1]
    if found is None and r.lang in {"ru", "de", "pl"}:  # "Временная поверенная в делах США в Украине Кристина Квин"
        stems = {role_speakers.bare(w)[:5] for w in heads}
        for s, e, ent in names.within(0, before):
            if ent.label == "PERSON" and len(ent.name.split()) >= 2:
                near = words_of(text[max(0, s - 80):s])[-MAX_ROLE_WORDS:] + words_of(
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
    return (_cue_gender(cue, r) if cue else None) or r.role_genders.get(first) or "?"  # "uważa ekspertka": f


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
            here = romance_cues.chain_subject(article.text, para_lo, told, clause_start, r)  # Poutine de … Il …"
        elif told:
            sent = clause_start(article.text, para_lo, told[0][0])
            here = sorted((x for x in told if x[0] >= sent), key=lambda x: x[0])[:1]
        else:
            here = []
    if r.lang == "ru" and not role:  # "Он подчеркнул" after "валить Байдена стали": a subject first, not the object
        text = article.text
        named = ([x for x in named if analysers.subject_form(text[x[0]:_mention_end(names, x[0])])]
                 + [x for x in named if not analysers.subject_form(text[x[0]:_mention_end(names, x[0])])])
    later: list[tuple[int, str]] = []
    if r.lang == "pl":  # "porównał inwazję … do agresji … Adolfa Hitlera. Podkreślił, że": a name in another case
        text = article.text  # than its nominative is an object; the last speaker comes before it
        later = [x for x in here if not _nominative(text[x[0]:_mention_end(names, x[0])], x[1])]
        here = [x for x in here if x not in later]
    # a person speaker of this or the last paragraph first (a pronoun: after the person its paragraph names); for a
    # role ("il leader della Lega"), a person named earlier in its own paragraph first
    for _, name in (here + speakers + later + named):
        g = _gender(name, r)
        if gender == "?" or g is None or g == gender:
            return name
    return None


def _nominative(written: str, name: str) -> bool:
    """Whether a Polish mention is written as the name's nominative: its last word is the name's ("Tusk", not
    "Tuska"; "Wiśniewska", not "Wiśniewskiej")."""
    a, b = re.findall(r"[^\W\d_]+", written), re.findall(r"[^\W\d_]+", name)  # "Kukiz'15": "Kukiz"
    return bool(a and b) and a[-1].casefold() == b[-1].casefold()


def _mention_end(names: Names, start: int) -> int:
    hit = names.within(start, start + 200)
    return hit[0][1] if hit else start
