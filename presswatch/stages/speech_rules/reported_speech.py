"""Reported speech of a rule language: a cue and its complementiser, a clause ended by a cue and a name, source
phrases (по словам X, selon X, laut X), German Konjunktiv I, Polish dash paragraphs."""

from __future__ import annotations

import re

from presswatch.article import Article
from presswatch.stages.speech_rules import german_cues, german_sources, incise_cues, role_speakers, romance_cues
from presswatch.stages.speech_rules.cue_speaker import speaker_beside
from presswatch.stages.speech_rules.speech_cues import takes_infinitive, that_after_gap
from presswatch.stages.speech_rules.speech_language import DASHES, MAX_SCARE_WORDS, MAX_THAT_GAP, Rules
from presswatch.stages.speech_rules.speech_text import (
    EDGE,
    EDGE_DASHES,
    NAME_RUN,
    Found,
    Names,
    clause_start,
    inside_any,
    sentence_bounds,
    sentence_end,
    skip_space,
    trim,
    words_of,
)


def find_reported(article: Article, names: Names, r: Rules, direct: list[tuple[int, int]]) -> list[Found]:
    """Cue + complementiser (заявил, что …), clause + cue + name (…, заявил Песков) and source phrases."""
    text = article.text
    out: list[Found] = []
    for _, para in article.paragraphs():
        for m in r.cue.finditer(text, para.start, para.end):
            sent_end = sentence_end(text, m.end(), para.end)
            if inside_any(direct, m.start(), m.end()) or m.group(0).casefold() in r.after_quote and not _so_name(
                    text, m, sent_end, names, r):
                continue
            that = r.that.match(text, m.end(), sent_end) or that_after_gap(text, m.end(), sent_end, r) or (
                r.infinitive.match(text, romance_cues.after_time(text, m.end(), sent_end, r.lang), sent_end)
                if takes_infinitive(text, m, r) else None)  # "hanno ammesso apertamente di gestire …"
            if that is not None:
                stop = _before_quote(text, that.end(), sent_end, direct)
                for nxt in r.cue.finditer(text, that.end(), stop):  # '…, anche se ha ammesso che …': the next one
                    comma = text.rfind(",", that.end(), nxt.start())
                    if (r.that.match(text, nxt.end(), stop) or r.comma_gap > MAX_THAT_GAP and that_after_gap(
                            text, nxt.end(), stop, r)) and comma > 0:
                        stop = comma
                        break
                s, e = trim(text, that.end(), stop, EDGE)
                if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e):
                    out.append(Found(s, e, "reported", m.group(0),
                                     speaker_beside(text, m.start(), m.end(), para.start, m.start(), names, r),
                                     m.start()))
                continue
            noun = r.lang in {"fr", "it"} and m.group(0)[:1].isupper() and " " not in m.group(0)  # "Note de …:"
            told = (None if noun else _colon_speech(text, m.end(), sent_end, r)) or _subjunctive_after(
                text, m.end(), sent_end, r)
            if told is not None:  # "раскритиковал эту идею: решения …", "sagt, Putin sei „der neue Hitler“"
                s, e = trim(text, told, sent_end, EDGE)
                hi = told if r.lang == "de" else m.start()  # "erklärte der FSB, er habe …": the subject after the cue
                if len(words_of(text[s:e])) >= 4 and not inside_any(direct, s, e):
                    out.append(Found(s, e, "reported", m.group(0),
                                     speaker_beside(text, m.start(), m.end(), para.start, hi, names, r),
                                     m.start()))
                continue
            after_quote = text[para.start:m.start()].rstrip(" \u00a0,?!…" + DASHES)[-1:] in _CLOSERS
            inverted = None if after_quote or romance_cues.points_back(text, para.start, m.start(), r.lang) else \
                _inverted(text, m, sent_end, names)  # '«…», a déclaré X, expert …'; not 'comme le rappelait X, le …'
            if inverted is not None:  # "sagte Johnson, das Komitee werde …"
                s, e = trim(text, inverted[1], sent_end, EDGE)
                head = text[clause_start(text, para.start, m.start()):m.start()].rstrip(" \u00a0")
                if r.incises and head.endswith(",") and len(words_of(head)) >= 2 and not re.search(r"[«»„“”\"]", head):
                    s = trim(text, clause_start(text, para.start, m.start()), e)[0]  # "La Russie, a affirmé X, ne …"
                if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e):
                    out.append(Found(s, e, "reported", m.group(0), inverted[0], m.start()))
                    continue
            aside = None if after_quote else incise_cues.incise(text, para.start, m, sent_end, names, r, direct)
            if aside is not None:  # "L’Occidente, ha proseguito, deve fermare Mosca …"
                out.append(aside)
                continue
            closing = None if after_quote else romance_cues.closing_attribution(text, para.start, m.start(), m.end(),
                                                                               sent_end, r)
            if closing is not None:  # "…, a-t-il estimé.", "…, ha spiegato." (the left-out subject is resolved later)
                comma, pronoun = closing
                s, e = trim(text, clause_start(text, para.start, comma), comma, EDGE_DASHES)
                if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e) and not re.search(r"[«»„“”\"]",
                                                                                              text[s:e]):
                    out.append(Found(s, e, "reported", m.group(0), pronoun, m.start()))
                    continue
            lead = text[:m.start()].rstrip(" \u00a0" + DASHES)
            framed = r.frame_cues is not None and r.frame_cues.fullmatch(m.group(0)) is not None  # "accuse X"
            if lead.endswith(",") and (sent_end - m.end() < 80 or romance_cues.named_tail(r.lang) and not framed):
                clause = clause_start(text, para.start, m.start())
                if romance_cues.enabled(r.lang):  # "(l’Italia …, ha detto X a Repubblica, potrà …)": in the brackets
                    clause, sent_end = romance_cues.in_brackets(text, clause, m.start(), sent_end)
                s, e = trim(text, clause, len(lead) - 1, EDGE_DASHES)
                sp = speaker_beside(text, m.start(), m.end(), m.end(), sent_end, names, r)
                if sp is not None and sent_end - m.end() >= 80 and names.at(*sp) is None:
                    sp = None  # a long tail after a pronoun or a phrase is narration; after a name, the name's words
                rest = text[sp[1]:sent_end] if sp is not None else ""
                whole = trim(text, s, sent_end, EDGE_DASHES)[1]
                if r.incises and rest.lstrip(" \u00a0").startswith(",") and len(words_of(rest)) >= 3 and not (re.search(
                        r"[«»„“”\"]", rest) and (not r.mixed_quotes or inside_any(direct, s, whole))):
                    e = whole  # "La Russie, a affirmé le ministre, ne cédera pas": the whole sentence
                konjunktiv = False
                if r.lang == "de" and r.subjunctive is not None:  # "Das Land weigere sich, „…“
                    opens = max(para.start, *(text.rfind(ch, para.start, m.start()) + 1 for ch in ".!?:"))  # zu
                    head = text[opens:m.start()]  # „zügeln“, meinte Peskow.": the whole Konjunktiv sentence
                    konjunktiv = bool(head.strip()) and head.lstrip()[:1] not in "„“”«»\"‚‘›‹" and r.subjunctive.search(
                        " ".join(words_of(head)[:4])) is not None
                    if konjunktiv:
                        s = trim(text, opens, e)[0]
                inside = inside_any(direct, s, e) and not (konjunktiv and all(
                    s <= a and b <= e for a, b in direct if a < e and s < b))
                if sp is not None and sp[0] >= m.end() and len(words_of(text[s:e])) >= 3 and not inside:
                    out.append(Found(s, e, "reported", m.group(0), sp, m.start()))
            elif _DASH_BEFORE.search(text[para.start:m.start()].rstrip(" \u00a0")):
                out.extend(_dash_attributed(text, para.start, para.end, m, sent_end, names, r, direct))
        out.extend(_according(text, para.start, para.end, names, r, direct))
        if r.lang == "de":  # "Laut den Veranstaltern beteiligten sich …", "Insidern zufolge laufen …"
            out.extend(german_sources.find(text, para.start, para.end, names, direct, out))
        if r.lang == "de":  # "gab US-Präsident Joe Biden am Montag bekannt, dass …": a verb and its particle apart
            for m, at in german_cues.separable(text, para.start, para.end, r.subjunctive):
                s, e = trim(text, at, sentence_end(text, at, para.end), EDGE)
                if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e):
                    speaker = speaker_beside(text, m.start(), m.end("verb"), para.start, m.start("part"), names, r)
                    out.append(Found(s, e, "reported", m.group(0), speaker, m.start()))
        if r.lang == "de":  # "… sollen zurückkommen. Das hat der Sprecher der Grünen, Janosch Dahmen, angekündigt."
            for ps, pe, back, said in german_cues.back_references(text, para.start, para.end, r.cue):
                s, e = trim(text, ps, pe, EDGE_DASHES)
                if len(words_of(text[s:e])) >= 4 and not inside_any(direct, s, e) and not re.search(
                        r"[«»„“”\"]", text[s:e]) and not any(f.start < e and s < f.end for f in out):
                    speaker = speaker_beside(text, back.start("verb"), back.end("verb"), back.start(),
                                             sentence_end(text, back.end(), para.end), names, r)
                    out.append(Found(s, e, "reported", said, speaker, back.start()))
        if r.lang == "pl":  # "Z raportu opracowanego przez X wynika, że …": the document's author speaks
            for doc in role_speakers.DOCUMENT_SOURCE.finditer(text, para.start, para.end):
                s, e = trim(text, doc.end(), sentence_end(text, doc.end(), para.end), EDGE)
                if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e):
                    out.append(Found(s, e, "reported", "wynika z", role_speakers.author(text, doc, names), doc.start()))
        if r.subjunctive is not None:
            out.extend(_subjunctive(text, para.start, para.end, r, direct, out, names))
    return out


_CLOSERS = frozenset("»«“”\"")
_DASH_BEFORE = re.compile(r"[^\s\-–—][ \u00a0]+[\-–—]$")  # "… czyli w ogóle - stwierdził": a dash, not a hyphen
_SUBORDINATE = re.compile(r"(?:dass|daß|wenn|ob|weil|da|während|obwohl)\b", re.I)


def _subjunctive(text: str, start: int, end: int, r: Rules, direct: list[tuple[int, int]],
                 found: list[Found], names: Names) -> list[Found]:
    """German reported speech by mood alone: a sentence outside quotes whose verb is in the Konjunktiv I ("Der
    Westen sei schuld", "es gebe keine Alternative") reports the last speaker (resolved later; none, no quote)."""
    assert r.subjunctive is not None
    out: list[Found] = []
    for i, stop in sentence_bounds(text, start, end):
        s, e = trim(text, i, stop, EDGE_DASHES)
        if s < e and text[s] in _CLOSERS and text[s - 1:s] in {".", "!", "?", "…"}:  # '»… Wochenende.« Notwendig
            s, e = trim(text, s + 1, e, EDGE_DASHES)  # seien …': the mark closes the sentence before
        body = text[s:e]
        bare = _MARKED.sub(" ", body)  # 'Dies werde man »parlamentarisch kontrollieren«': a few marked words, the
        # verb outside them
        if (len(words_of(body)) < 4 or any(len(words_of(x.group(0))) > MAX_SCARE_WORDS for x in _MARKED.finditer(body))
                or re.search(r"[«»„“”\"]", bare) or inside_any(direct, s, e)
                or any(f.start < e and s < f.end for f in found) or r.cue.search(body)
                or re.search(r"(?<!\w)(?:ich|wir)(?!\w)", body, re.I)):
            continue
        verb = r.subjunctive.search(bare)
        comma = bare.find(",")
        if verb is None or comma >= 0 and verb.start() > comma and not (
                _SUBORDINATE.match(bare) and not bare[comma + 1:verb.start()].strip()):
            continue  # the mood of a subordinate clause ('…, weil ein Magnet gezogen habe') reports nothing
        said = _colon_subject(text, s, e, r, names)
        if said is not None:  # "Kammerevert bezweifelt die Zuständigkeit der EU: Die Kommission stütze …"
            out.append(Found(said[0], e, "reported", None, said[1], said[0]))
            continue
        out.append(Found(s, e, "reported", None, None, s, inherit="subjunctive"))
    return out


def _colon_subject(text: str, s: int, e: int, r: Rules, names: Names) -> tuple[int, tuple[int, int]] | None:
    """(start, speaker) of a German Konjunktiv sentence whose speech follows a colon and a clause naming who speaks
    ("Kammerevert bezweifelt die Zuständigkeit der EU: Die Kommission stütze …", "verlieh die Chefredaktion der
    Financial Times der Stimmung Ausdruck: Johnsons Rücktritt sei …"): the clause before the colon has no Konjunktiv
    verb and names a person (else an organisation) first, and the speech after it has one among its first words."""
    colon = text.find(":", s, e)
    if colon < 0 or r.subjunctive is None or r.subjunctive.search(text, s, colon) or re.search(
            r"[«»„“”\"]", text[s:colon]) or len(words_of(text[s:colon])) < 2:
        return None
    start = skip_space(text, colon + 1)
    if r.subjunctive.search(" ".join(words_of(text[start:e])[:6])) is None:
        return None
    hits = names.within(s, colon)
    person = [h for h in hits if h[2].label == "PERSON"] or hits
    return (start, (person[0][0], person[0][1])) if person else None


_MARKED = re.compile(r"[«»„“”\"][^«»„“”\"]*[«»„“”\"]")
_SO_TAIL = re.compile(r"[ \u00a0]*(?:weiter|zufolge)?[ \u00a0]*[.!]?$")


def _so_name(text: str, cue: re.Match[str], sent_end: int, names: Names, r: Rules) -> bool:
    """'Viele Menschen hätten heute Angst, so Lenkert weiter.': German "so" after a comma and before the person whose
    words the clause before it gives, at the sentence's end (elsewhere "so" is an adverb)."""
    if r.lang != "de" or not text[:cue.start()].rstrip(" \u00a0").endswith(","):
        return False
    hits = [h for h in names.within(cue.end(), sent_end) if h[2].label == "PERSON"]
    return bool(hits) and not text[cue.end():hits[0][0]].strip() and _SO_TAIL.match(
        text[hits[0][1]:sent_end]) is not None


MAX_COLON_GAP = 3  # words between a cue and the colon that opens its speech ("раскритиковал эту идею:")


def _colon_speech(text: str, cue_end: int, sent_end: int, r: Rules) -> int | None:
    """Where speech without quotation marks starts after a cue and a colon ("высказал мнение: ведущие страны …"),
    if the cue's own clause (a few words at most) ends in the colon and no quotation mark follows."""
    if r.lang not in {"ru", "de", "pl", "fr", "it"}:
        return None
    colon = text.find(":", cue_end, sent_end)
    if colon < 0 or len(words_of(text[cue_end:colon])) > MAX_COLON_GAP or re.search(r"[,;«»„“”\"()]",
                                                                                     text[cue_end:colon]):
        return None
    rest = text[colon + 1:sent_end]
    if re.match(r"\s*[«»„“”\"]", rest) or len(words_of(rest)) < 4:
        return None  # '…: „…“' is a direct quote; marked words later in the clause make it a mixed one
    return colon + 1


# a German cue's subject (and a separable particle) before the comma of its Konjunktiv clause
_GERMAN_SUBJECT_GAP = re.compile(r"[ \u00a0]+(?:der|die|das|er|sie|[A-ZÄÖÜ][\w-]*"
                                 r"|(?:in|im|am|beim|bei|gegenüber|vor|nach|auf|zum|zur)[ \u00a0]+[\w-]+)"
                                 r"(?:[ \u00a0]+[\w-]+){0,5}?"
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
    head = " ".join(words_of(text[start:sent_end])[:4])
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
    speaker = speaker_beside(text, cue.start(), cue.end(), cue.end(), sent_end, names, r)
    if speaker is not None and speaker[0] < cue.end():
        speaker = None
    if r.lang == "pl":
        start = para_start
        for prev in r.cue.finditer(text, para_start, dash_at):  # '… - powiedział X. Tymczasem … - dodał.'
            if _DASH_BEFORE.search(text[para_start:prev.start()].rstrip(" \u00a0")):
                start = sentence_end(text, prev.end(), dash_at)
        s, e = trim(text, start, dash_at, EDGE_DASHES)
        if (re.search(r"[«»„“”\"]", text[start:dash_at]) or inside_any(direct, s, e) or len(words_of(text[s:e])) < 4
                or len(words_of(text[cue.end():sent_end])) > 12):
            return []  # a quote in marks, or narration after the cue, is read elsewhere
        if cue.group(0).casefold() in r.press_cues:  # '…, to nadal stanowią oni 8 proc. – podał Dziennik X'
            source = names.within(cue.end(), sent_end)
            if not source or len(words_of(text[cue.end():source[0][0]])) > r.role_gap:
                return []
            return [Found(s, e, "reported", cue.group(0), (source[0][0], source[0][1]), s)]
        if speaker is not None:
            hit = names.at(*speaker)
            bodies = [h for h in names.within(cue.end(), sent_end) if h[2].label != "PERSON"]
            if hit is not None and hit[0].label != "PERSON" and len(words_of(text[cue.end():bodies[-1][0]])) <= 6 and (
                    not any(w.casefold() in r.prepositions for w in words_of(text[cue.end():speaker[0]])[-2:])):
                # '… – poinformowała PAP w czwartek wieczorem Kancelaria Prezydenta': the body named last reports it,
                # the one right after the cue was told
                tail = [t for t in NAME_RUN.finditer(text, bodies[0][1], sent_end) if len(t.group(0).split()) >= 2
                        and not text[t.end():sent_end].strip(" \u00a0.")]
                source = (tail[-1].start(), tail[-1].end()) if tail else (bodies[-1][0], bodies[-1][1])
                return [Found(s, e, "reported", cue.group(0), source, s)]
            if hit is not None and hit[0].label != "PERSON" or any(
                    w.casefold() in r.prepositions for w in words_of(text[cue.end():speaker[0]])[-2:]):
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
    s, e = trim(text, clause_start(text, para_start, dash_at), sent_end, EDGE_DASHES)
    if len(words_of(text[s:dash_at])) < 3 or inside_any(direct, s, e) or re.search(r"[«»„“”\"]", text[s:e]):
        return []
    return [Found(s, e, "reported", cue.group(0), speaker, s)]


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
        if inside_any(direct, m.start(), m.end()) or romance_cues.ordinal(text, m, r):
            continue  # "il nostro è stato il secondo Paese": an ordinal, no source
        own = role_speakers.pronoun_inside(m, r)  # "По его словам, …", "…, по её мнению, …"
        if own is not None:
            found = _own_source(text, start, end, m, own, direct)
            out.extend(found)
            continue
        comma = text.find(",", m.end(), sentence_end(text, m.end(), end))
        sent_end = sentence_end(text, m.end(), end)
        src_end = comma if comma > 0 else sent_end
        hits = names.within(m.end(), src_end)
        if r.source_yields and comma > 0 and any(r.that.match(text, c.end(), sent_end) or r.gap_any and that_after_gap(
                text, c.end(), sent_end, r) for c in r.cue.finditer(text, comma, sent_end)):  # "Jak podała agencja
            # Reutersa, prezes banku Elwira Nabiullina powiedziała w nagraniu wideo, że …"
            continue  # the cue's own reported speech is the quote; the source is where it was said
        pron = re.match(r"[ \u00a0]*(\w+)", text[m.end():src_end])
        if pron is not None and pron.group(1).casefold() in r.pronouns:  # "La Russie, selon lui, ne voit pas …"
            speaker = (m.end() + pron.start(1), m.end() + pron.end(1))
            if len(words_of(text[speaker[1]:src_end])) > 3:  # "Według niego rozmowy były …"
                src_end = speaker[1]
        elif (r.pro_drop and comma > 0 and not text[m.end():comma].strip() and " " in m.group(0).strip()
              and skip_space(text, clause_start(text, start, m.start())) == m.start()):
            s, e = trim(text, comma, sent_end, EDGE_DASHES)  # "Jak dodał, nie uważa …": left-out subject
            if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e):
                out.append(Found(s, e, "reported", m.group(0).split()[-1].lower(), None, m.start()))
            continue
        elif (not hits and r.lang == "ru" and comma > 0 and 1 <= len(words_of(text[m.end():comma])) <= 4
              and all(w[:1].islower() for w in words_of(text[m.end():comma]))
              and skip_space(text, clause_start(text, start, m.start())) == m.start()):
            s, e = trim(text, comma, sent_end, EDGE_DASHES)  # "По словам военного эксперта, …": a role
            if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e):
                role = trim(text, m.end(), comma, " \t\u00a0,")
                out.append(Found(s, e, "reported", m.group(0).lower(), role, m.start()))
            continue
        elif (not hits and r.lang == "pl" and _one_source_word(m.group(0), r) and (role := role_speakers.source_role(
                text, m.end(), comma, sent_end, r)) is not None
              and skip_space(text, clause_start(text, start, m.start())) == m.start()):
            s, e = trim(text, role[1], sent_end, EDGE_DASHES)  # "Według ministra brakuje debaty …"
            if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e):
                out.append(Found(s, e, "reported", m.group(0).lower(), role, m.start()))
            continue
        elif (title := romance_cues.quoted_title(text, m.end(), src_end, r.lang)) is not None and not hits:
            speaker = title  # "Secondo “Bloomberg”, diversi funzionari …": an outlet in marks
        elif (not hits or romance_cues.enabled(r.lang) and " " not in m.group(0).strip() and len(
                words_of(text[m.end():hits[0][0]])) > 4) and _unnamed_source(text, m.end(), src_end, r):
            role: tuple[int, int] | None = None
            clause = clause_start(text, start, m.start())
            head = text[clause:m.start()].rstrip(" \u00a0")
            if head and head.endswith(",") and len(words_of(text[src_end:sent_end])) < 3:
                s, e = trim(text, clause, m.start(), EDGE_DASHES)  # "…, selon la publication Advance."
                if romance_cues.enabled(r.lang):  # "…, selon l'expert.": a role to resolve; "…, selon l'estimation
                    role = romance_cues.agent(text, m.end(), src_end, hits, r.lang) or (  # publiée par l'Insee."
                        trim(text, m.end(), src_end, EDGE) if romance_cues.role_source(
                            text, m.end(), src_end, r) else None)
            elif not head and comma > 0:
                s, e = trim(text, comma, sent_end, EDGE_DASHES)  # "Selon les chercheurs, …"
                if romance_cues.enabled(r.lang) and romance_cues.role_source(text, m.end(), comma, r):
                    role = trim(text, m.end(), comma, " \t\u00a0,")  # "Selon le responsable, …": a role to resolve
            elif romance_cues.enabled(r.lang) and head.endswith(",") and comma > 0 and len(
                    words_of(text[comma:sent_end])) >= 3 and romance_cues.role_source(text, m.end(), comma, r):
                s, e = trim(text, clause, sent_end, EDGE_DASHES)  # "A breve, secondo il responsabile, …"
                role = trim(text, m.end(), comma, " \t\u00a0,")
            else:
                continue
            body = words_of(text[s:e])
            if len(body) >= 4 and body[0].casefold() not in r.source_relatives and not inside_any(direct, s, e):
                out.append(Found(s, e, "reported", m.group(0).lower(), role, m.start()))
            continue
        elif not hits or len(words_of(text[m.end():hits[0][0]])) > 4:
            continue
        else:
            if len(words_of(text[hits[0][1]:src_end])) > 3:  # "Według Tuska partia musi …, bo …": the source is the
                # name
                src_end = hits[0][1]
                hits = hits[:1]
            person = [h for h in hits if h[2].label == "PERSON"] or hits  # "как пояснил директор ПАО X Алексей Миллер"
            speaker = (person[0][0], person[0][1])
        clause = clause_start(text, start, m.start())
        head = text[clause:m.start()].strip(" \u00a0")
        if head and len(words_of(text[src_end:sent_end])) >= 3:
            # "Es ist laut X nur eine Frage …", "Le Kremlin, selon Dmitri Peskov, ne voit pas …": the whole sentence
            s, e = trim(text, clause, sent_end, EDGE_DASHES)
        elif head:
            s, e = trim(text, clause, m.start(), EDGE_DASHES)  # "…, по словам X."
        else:
            s, e = trim(text, src_end, sent_end, EDGE_DASHES)  # "По словам X, …"
            if romance_cues.enabled(r.lang) and text[s:sent_end].rstrip(" \t\u00a0").endswith(":"):
                continue  # "Selon Marco Cavaleri, responsable de … :": the quote of the next paragraph is his
        if len(words_of(text[s:e])) >= 3 and not inside_any(direct, s, e):
            out.append(Found(s, e, "reported", m.group(0).lower(), speaker, m.start()))
    return out


def _one_source_word(phrase: str, r: Rules) -> bool:
    """Whether a source phrase is one word ("Według", "Zdaniem") or a prefix and a cue ("Jak podkreśla"), so that a
    role may follow it ("Jak podkreśla dziennikarka, …")."""
    words = phrase.split()
    return len(words) == 1 or len(words) == 2 and words[0].casefold() in r.according_prefix


def _own_source(text: str, start: int, end: int, m: re.Match[str], speaker: tuple[int, int],
                direct: list[tuple[int, int]]) -> list[Found]:
    """The reported speech of a source phrase that holds its pronoun ("По его словам, Запад не смог …"): the rest of
    the sentence after the phrase's comma when it opens the sentence, else the whole sentence around it."""
    sent_end = sentence_end(text, m.end(), end)
    clause = max(start, *(text.rfind(ch, start, m.start()) + 1 for ch in ".!?\n"))
    comma = text.find(",", m.end(), sent_end)
    if not text[clause:m.start()].strip() and comma > 0 and not text[m.end():comma].strip():
        s, e = trim(text, comma, sent_end, EDGE_DASHES)
    else:
        s, e = trim(text, clause, sent_end, EDGE_DASHES)
    partly = [(a, b) for a, b in direct if a < e and s < b and not (s <= a and b <= e)]
    if len(words_of(text[s:e])) < 4 or partly:  # a marked quote wholly inside is one of its parts
        return []
    return [Found(s, e, "reported", m.group(0).lower(), speaker, m.start())]


def _unnamed_source(text: str, start: int, end: int, r: Rules) -> bool:
    """Whether a source phrase's words ('les chercheurs', 'un sondaggio realizzato …', 'naukowców') are a source
    the text does not name, rather than a relative clause ('selon laquelle') or an ordinal ('in secondo luogo')."""
    words = words_of(text[start:end])
    most = 14 if romance_cues.enabled(r.lang) else 8  # "selon une déclaration commune publiée ce mardi à l'issue …"
    if not 1 <= len(words) <= most or words[0].casefold() in r.source_relatives or re.search(r"[«»„“”\"()]",
                                                                                         text[start:end]):
        return False
    first = words[0].casefold()
    elided = re.match(r"(\w+)['’]", first)  # "Selon l’armée": the elided article opens the source
    return (first.rstrip("'’") in {w.rstrip("'’") for w in r.source_openers}
            or elided is not None and elided.group(1) in {w.rstrip("'’") for w in r.source_openers}) or (
        r.gap_any and not r.source_openers)
