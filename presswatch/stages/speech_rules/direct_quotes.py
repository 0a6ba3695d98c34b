"""Direct quotes of a rule language: text in its quotation marks or after a dialogue dash, with the cue and speaker
before, after or inside the marks, and quotes that go on with the previous speaker."""

from __future__ import annotations

import re

from presswatch.article import Article, Span
from presswatch.stages.speech_rules import german_subjects, role_speakers, romance_cues, speech_pointers
from presswatch.stages.speech_rules.cue_speaker import speaker_beside
from presswatch.stages.speech_rules.speech_cues import cue_after, that_after_gap
from presswatch.stages.speech_rules.speech_language import (
    BEFORE_WINDOW,
    DASHES,
    MAX_ATTRIBUTION_WORDS,
    MAX_SCARE_WORDS,
    Rules,
)
from presswatch.stages.speech_rules.speech_text import (
    Found,
    Names,
    clause_start,
    sentence_end,
    skip_space,
    trim,
    words_of,
)

_ABBREV = re.compile(r"\b(?:Dr|Mr|Mrs|Ms|St|Rev|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Jr|Sr|Prof|[A-Z])\.")
_SENT_END = re.compile(r"[.!?;]")


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


def find_direct(article: Article, names: Names, r: Rules) -> list[Found]:
    text = article.text
    out: list[Found] = []
    paras = [para for _, para in article.paragraphs()]
    for k, para in enumerate(paras):
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
            short = len(words_of(text[s:e])) <= MAX_SCARE_WORDS
            cue = cue_after(text, c_abs, para.end, r) if c_abs < para.end else None
            if short and cue is not None and cue.group(0).casefold() in r.naming:
                continue  # 'als “Bruderkrieg” bezeichnete': a name given to something, not words said
            speaker = None
            if cue is not None:
                speaker = speaker_beside(text, cue.start(), cue.end(), c_abs + 1, sentence_end(
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
            if cue is None and speaker is None and c >= len(line) and r.lang in {"ru", "de", "pl"}:
                cue, speaker = _closed_later(text, paras[k + 1:k + 1 + MAX_QUOTE_PARAGRAPHS], line[o], names, r)
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
                    subject = subject_before(text, para.start, o_abs, names)
                    if subject is not None and romance_cues.addressed(text, para.start, subject[0], r.lang):
                        subject = None  # 'la lettera inviata alla Presidente Metsola: “…”'
                    if subject is not None:  # 'Von X ist die Rede. „…“': the person the sentence before names
                        out.append(Found(s, e, "direct", None, subject, o_abs))
                        continue
                    inherit = "standalone"
                out.append(Found(s, e, "direct", None, None, o_abs, inherit=inherit,
                                 then=_speaker_after(text, c_abs, para.end, names, r)))
                continue
            out.append(Found(s, e, "direct", cue.group(0) if cue is not None else None, speaker, o_abs))
    return out


MAX_QUOTE_PARAGRAPHS = 15  # paragraphs a quote opened and left open may run on for (a letter, a long statement)


def _closed_later(text: str, paras: list[Span], opener: str, names: Names,
                  r: Rules) -> tuple[re.Match[str] | None, tuple[int, int] | None]:
    """The cue and speaker after the mark that closes a quote left open at its paragraph's end ('«Г-жа посол! …' …
    '… ущерб», — говорится в письме Кавелашвили.'): the first later paragraph with that closing mark before any
    opening one; a paragraph that opens and closes its own marks is a quote inside the long one."""
    closers = r.openers.get(opener, "")
    for para in paras:
        line = text[para.start:para.end]
        close = next((i for i, ch in enumerate(line) if ch in closers and ch != opener), None)
        if close is None or any(ch in r.openers for ch in line[:close]):
            continue
        cue = cue_after(text, para.start + close, para.end, r)
        if cue is None:
            return None, None
        return cue, speaker_beside(text, cue.start(), cue.end(), para.start + close + 1,
                                   sentence_end(text, cue.end(), para.end), names, r)
    return None, None


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
    sent_end = sentence_end(text, pointer.end(), para_end)
    cue = r.cue.search(text, pointer.end(), sent_end)
    if cue is None or len(words_of(text[pointer.end():cue.start()])) > speech_pointers.MAX_GAP_WORDS:
        return None
    speaker = speaker_beside(text, cue.start(), cue.end(), at, sent_end, names, r)
    return (cue.group(0), speaker) if speaker is not None else None


def _opens_sentence(line: str, o: int) -> bool:
    """Whether a quote opening at `o` is a sentence of its own: at the paragraph's start or after a sentence end."""
    head = line[:o].rstrip(" \t\u00a0")
    return not head or head[-1] in ".!?…:" or head[-1] in "»«“”\"" and head[-2:-1] in {".", "!", "?", "…"}


def _speaker_after(text: str, close: int, para_end: int, names: Names, r: Rules) -> tuple[int, int] | None:
    """'"La bataille n'est pas gagnée." La Première ministre Elisabeth Borne a annoncé …': the person the sentence
    right after a quote names before its cue."""
    start = skip_space(text, close + 1)
    if text[close - 1] not in ".!?…" or start >= para_end or not text[start].isupper():
        return None
    end = sentence_end(text, start, para_end)
    cue = r.cue.search(text, start, end)
    if cue is None:
        return None
    person = [h for h in names.within(start, cue.start()) if h[2].label == "PERSON"]
    return (person[0][0], person[0][1]) if person else None


def subject_before(text: str, para_start: int, open_: int, names: Names) -> tuple[int, int] | None:
    """The first person named in the sentence just before a quote in its paragraph, if that sentence names one."""
    head_end = len(text[para_start:open_].rstrip(" \t\u00a0:"))
    if head_end == 0:
        return None
    start = clause_start(text, para_start, para_start + head_end - 1)
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
            speaker = speaker_beside(text, m.start(), m.end(), m.start(), hi, names, r)
            if speaker is not None and speaker[0] >= m.start() - 8:
                return m, speaker
            continue
        if not before or before[-1] not in DASHES:
            continue
        close = re.search(rf"[{DASHES}]", text[m.end():end])
        hi = m.end() + close.start() if close else end
        return m, speaker_beside(text, m.start(), m.end(), m.start(), hi, names, r)
    return None, None


def _cue_before(text: str, open_: int, para_start: int, names: Names,
                r: Rules) -> tuple[re.Match[str] | None, tuple[int, int] | None]:
    """'X заявил: «…»', 'X a déclaré que « … »' (a cue with a colon or complementiser before the mark) or
    'Песков: «…»' (a bare name and a colon)."""
    head = text[para_start:open_].rstrip(" \u00a0")
    if not head:
        return None, None
    clause = clause_start(text, para_start, para_start + len(head))
    part = text[clause:para_start + len(head)]
    if part.endswith(":"):
        cues = list(r.cue.finditer(text, clause, para_start + len(head)))
        if cues and len(words_of(text[cues[-1].end():para_start + len(head)])) <= BEFORE_WINDOW:
            m = cues[-1]
            return m, speaker_beside(text, m.start(), m.end(), para_start, para_start + len(head) - 1, names, r)
        body = part[:-1].rstrip()
        hits = names.within(clause, clause + len(body))
        if hits and hits[-1][1] == clause + len(body) and len(words_of(body)) <= 6:
            return None, (hits[-1][0], hits[-1][1])  # "Песков: «…»"
        person = [h for h in hits if h[2].label == "PERSON" and not romance_cues.addressed(text, clause, h[0], r.lang)]
        if person and len(words_of(body)) <= 20:  # "Elizabeth Truss auf Twitter: »…«"
            last = person[-1] if person[-1][1] == clause + len(body) else person[0]  # "il portavoce di Putin, Peskov:"
            return None, (last[0], last[1])
        if not person and romance_cues.enabled(r.lang):  # "Pedro Sanchez élabore … ; il donne les chiffres … :"
            return None, romance_cues.colon_subject(text, clause, clause + len(body), r)
        return None, None
    source = r.according.match(text, skip_space(text, clause)) if r.according is not None else None
    if source is not None and part.endswith(","):  # "Secondo X, «…»", "Według X, „…”", "По словам X, «…»"
        own = role_speakers.pronoun_inside(source, r)
        if own is not None:  # "По его словам, …, когда Кэмерон …, «…»": his words, not the next name's
            return source, (own if not text[source.end():para_start + len(head)].strip(" \u00a0,") else None)
        hits = names.within(source.end(), para_start + len(head))
        if hits and len(words_of(text[source.end():hits[0][0]])) <= 4:
            person = [h for h in hits if h[2].label == "PERSON"]
            role = romance_cues.source_role(text, source.end(), para_start + len(head), hits[0][0], r)
            if not person and role is not None:  # "Selon la présidente du Rassemblement national, «…»": the role
                return source, role
            person = person or hits
            return source, (person[0][0], person[0][1])
    cues = list(r.cue.finditer(text, clause, para_start + len(head)))
    if cues:
        m = cues[-1]
        between = text[m.end():para_start + len(head)]
        named = (m.group(0).casefold() in r.naming and len(words_of(between)) <= 2
                 and not re.search(r"[.,;:!?]", between))
        if (r.that.match(between) or not between.strip(" \u00a0") or named or that_after_gap(
                text, m.end(), para_start + len(head), r) is not None) and len(words_of(between)) <= BEFORE_WINDOW:
            return m, speaker_beside(text, m.start(), m.end(), para_start, m.start(), names, r)  # "a estimé dimanche
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
    cue, speaker = _cue_before(text, prev_end, prev_start, names, r)
    if cue is None and speaker is None and r.lang == "de":  # "… äußert sich die Politikerin sorgenvoll über …:"
        speaker = german_subjects.colon_subject(text, prev_start, prev_end - 1, names, r)
    return cue, speaker


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
        if cue is not None and len(words_of(line[a_start:cue.start()])) <= 3:
            attr = dash
            break
    if attr is None or cue is None:
        return []
    a_end = re.search(rf"[.,:]\s*[{DASHES}]\s+", line[a_start:])
    hi = start + (a_start + a_end.start() if a_end else len(line))
    speaker = speaker_beside(text, start + cue.start(), start + cue.end(), start + a_start, hi, names, r)
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
        speaker = speaker_beside(text, cue.start(), cue.end(), m.end(), sentence_end(text, cue.end(), end),
                                  names, r)
        s, e = trim(text, m.start("q"), m.end("q"))
        out.append(Found(s, e, "direct", cue.group(0), speaker, s))
    return out
