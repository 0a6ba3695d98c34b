"""Role descriptors that an English article ties to a named person: "Kremlin spokesman Dmitry Peskov", "Dmitry
Peskov, the Kremlin spokesman,", "the Kremlin spokesman, Dmitry Peskov," (data/role_heads.json).

A descriptor ends with a role noun ("spokesman", "minister") and holds at least one word before it: capitalised
words ("Kremlin", "Russian Foreign") or listed lower-case modifiers ("press", "deputy"); a word such as "former"
before it drops the pair (a former role names someone else now). `key` normalises a descriptor (lower case,
without a leading article or a possessive 's) so that "the Kremlin's spokesman" and "Kremlin spokesman" meet.
The corpus alias table (presswatch.corpus.aliases) is grown from these pairs. `resolve_own` also names a role
written with more words before it in the article ("U.S. Attorney General William Barr"), a title ("the senator"),
and an organisation speaker by the one organisation whose name holds its words ("the ministry": "the Russian
Foreign Ministry", data/role_heads.json org_heads).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from presswatch.article import Article, Quote, SpeakerAlias
from presswatch.stages.lexicon import DATA as STAGE_DATA

DATA = STAGE_DATA
MAX_MODIFIERS = 4
_WORD = re.compile(r"[\w’'.-]+")
_ARTICLES = frozenset({"the", "a", "an"})
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "any"})  # "a Justice Department official": one of many


@dataclass(frozen=True)
class Roles:
    heads: frozenset[str]
    modifiers: frozenset[str]
    reject: frozenset[str]
    breaks: frozenset[str]
    titles: dict[str, str]
    org_heads: frozenset[str]


@lru_cache(maxsize=1)
def roles() -> Roles:
    d = json.loads((DATA / "role_heads.json").read_text(encoding="utf-8"))
    return Roles(frozenset(d["heads"]), frozenset(d["modifiers"]), frozenset(d["reject"]), frozenset(d["breaks"]),
                 d["titles"], frozenset(d["org_heads"]))


@dataclass(frozen=True)
class Pair:
    """A descriptor (as written, and its `key`) tied to a person entity's canonical name, with the words that tie
    them (`evidence`, at text[start:end])."""

    descriptor: str
    key: str
    name: str
    evidence: str
    start: int
    end: int


def key(descriptor: str) -> str:
    """ "the Kremlin's Spokesman" -> "kremlin spokesman"."""
    words = descriptor.replace("’", "'").replace("'s ", " ").casefold().split()
    while words and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words).strip(" ,.;:")


POSSESSIVE_WORDS = frozenset({"his", "her", "their", "its"})


def _unpossessed(k: str) -> str:
    """A descriptor key without its possessor ("khweis' defense attorney" -> "defense attorney"), when what is
    left is a descriptor of two words or more; else ""."""
    words = k.split()
    if len(words) < 3 or not (words[0].endswith("'") or words[0] in POSSESSIVE_WORDS):
        return ""
    rest = " ".join(words[1:])
    return rest if is_descriptor(rest) else ""


def is_descriptor(phrase: str) -> bool:
    """Whether a phrase is a role descriptor: a role noun at its end and at least one allowed word before it."""
    words = key(phrase).split()
    r = roles()
    return len(words) >= 2 and words[-1] in r.heads and not any(w in r.reject for w in words)


def _left_descriptor(text: str, end: int) -> tuple[int, str] | None:
    """The descriptor that ends at `end` (the words right before it), as (start offset, words)."""
    r = roles()
    words = [(m.start(), m.group(0)) for m in _WORD.finditer(text, max(0, end - 120), end)]
    if not words or text[words[-1][0] + len(words[-1][1]):end].strip():
        return None
    head_at, head = words[-1]
    if head.casefold() not in r.heads:
        return None
    start = head_at
    count = 0
    for at, w in reversed(words[:-1]):
        low = w.casefold().replace("’s", "").replace("'s", "")
        gap = text[at + len(w):start]
        if low in r.reject:
            return None  # "former Russian president X": that role is someone else's now
        sentence_end = w.endswith(".") and w.count(".") == 1  # "Istanbul." (but "U.S.")
        if gap not in {" ", "\u00a0"} or sentence_end or count >= MAX_MODIFIERS or low in r.breaks:
            break
        if not (w[:1].isupper() or low in r.modifiers):
            break
        start, count = at, count + 1
    if not count:
        return None
    return start, text[start:head_at + len(head)]


def pairs(article: Article) -> list[Pair]:
    """The descriptor-name pairs of an English article, from its PERSON entities' mentions."""
    if (article.metadata.language or "en").split("-")[0] != "en":
        return []
    text = article.text
    out: dict[tuple[str, str], Pair] = {}
    for ent in article.entities:
        if ent.label != "PERSON" or len(ent.name.split()) < 2:
            continue  # a full name only: a surname alone may be anyone's
        for m in ent.mentions:
            found: list[tuple[int, int, str]] = []
            first = m.text.find(ent.name.split()[0])
            if first > 0:  # the NER took the title in: "Kremlin spokesman Dmitry Peskov" is one mention
                left = _left_descriptor(text, m.start + first - 1)
                if left is not None:
                    found.append((left[0], m.end, left[1]))
            left = _left_descriptor(text, m.start - 1) if m.start and text[m.start - 1] == " " else None
            if left is not None:  # "Kremlin spokesman Dmitry Peskov"
                found.append((left[0], m.end, left[1]))
            before = re.search(r",\s*$", text[max(0, m.start - 3):m.start])
            if before is not None:  # "the Kremlin spokesman, Dmitry Peskov,"
                left = _left_descriptor(text, m.start - len(before.group(0)))
                if left is not None:
                    found.append((left[0], m.end, left[1]))
            after = re.match(r",\s+(?:the\s+)?([^,.;:()\n]{3,60}?)\s*[,.;]", text[m.end:m.end + 80])
            if after is not None:  # "Dmitry Peskov, the Kremlin spokesman,"
                phrase = after.group(1)
                if is_descriptor(phrase) and all(w[:1].isupper() or w.casefold() in roles().modifiers | roles().heads
                                                 for w in phrase.split()):
                    found.append((m.start, m.end + after.end(1), phrase))
            for s, e, phrase in found:
                k = key(phrase)
                if is_descriptor(phrase) and (k, ent.name) not in out:
                    out[(k, ent.name)] = Pair(phrase, k, ent.name, text[s:e], s, e)
    return list(out.values())


def role_speaker(q: Quote) -> bool:
    """Whether a quote's speaker is only a definite role descriptor ("the Gazprom spokesman"), not an entity."""
    m = q.speaker_mention
    return q.speaker is not None and m is not None and m.label is None and is_descriptor(q.speaker) and \
        q.speaker.split()[0].casefold() not in INDEFINITE


def resolve_own(article: Article) -> list[Quote]:
    """Name the role-only speakers that the article itself ties to one person ("Attorney General William Barr" …
    "the attorney general said"), with the evidence in `Quote.speaker_alias`; returns the quotes still role-only."""
    own: dict[str, set[tuple[str, str]]] | None = None  # the article's pairs by key, found on the first role speaker
    left: list[Quote] = []
    named: dict[str, tuple[str, str]] = {}  # a role speaker as written -> (name, evidence)
    for q in article.quotes:
        if not role_speaker(q):
            continue
        assert q.speaker is not None
        if own is None:
            own = {}
            for p in pairs(article):
                own.setdefault(p.key, set()).add((p.name, p.evidence))
        mine = _own(own, key(q.speaker)) or _own(own, _unpossessed(key(q.speaker)))
        if len({n for n, _ in mine}) == 1:
            name, evidence = next(iter(mine))
            named[q.speaker] = (name, evidence)
            q.speaker_alias = SpeakerAlias(q.speaker, evidence)
            q.speaker = name
        elif not mine:
            left.append(q)
    _resolve_titles(article, named)
    _resolve_organisations(article, named)
    for q in article.quotes:  # "the attorney general said …" and then "He also said": the pronoun went to the role
        hit = named.get(q.speaker or "")
        m = q.speaker_mention
        if hit is not None and m is not None and m.label == "PRON":
            q.speaker_alias = SpeakerAlias(q.speaker or "", hit[1])
            q.speaker = hit[0]
    return left


def _own(own: dict[str, set[tuple[str, str]]], k: str) -> set[tuple[str, str]]:
    """The article's pairs for a descriptor key, else for the keys that only add words before it ("the attorney
    general" after "U.S. Attorney General William Barr"): a role of two words or more, never a lone head noun."""
    if k in own or len(k.split()) < 2:
        return own.get(k, set())
    return {pair for other, ps in own.items() if other.endswith(" " + k) for pair in ps}


def titled(article: Article) -> dict[str, dict[str, tuple[str, int]]]:
    """role noun -> {person name: (the words that title it, where they start)} for the article's persons written
    with a title ("Sen. Al Franken", "Senator Rand Paul", "Sheriff Lombardo"), not a former one ("former Gov. X"),
    or named with one ("Pope Francis"), the first such mention of each."""
    r = roles()
    text = article.text
    out: dict[str, dict[str, tuple[str, int]]] = {}
    for ent in article.entities:
        if ent.label != "PERSON":
            continue
        parts = ent.name.split()
        own = r.titles.get(parts[0].casefold()) if len(parts) > 1 else None
        for m in sorted(ent.mentions, key=lambda m: m.start):
            if own is not None and m.text.split()[:1] == parts[:1]:  # the NER took the title into the name
                if not any(w.casefold() in r.reject for w in text[max(0, m.start - 12):m.start].split()[-1:]):
                    out.setdefault(own, {}).setdefault(ent.name, (m.text, m.start))
                continue
            # where the name starts in the mention: the NER may have taken the title in ("President Trump")
            first = next((x.start() for x in re.finditer(r"\S+", m.text)
                          if re.sub(r"[’']s$", "", x.group(0)).strip(",.") in parts), 0)
            base = max(0, m.start - 30)
            words = [(base + x.start(), x.group(0)) for x in re.finditer(r"\S+", text[base:m.start + first])][-3:]
            role = r.titles.get(words[-1][1].casefold()) if words else None  # right before the name
            if role is not None and not any(b.casefold() in r.reject for _, b in words[:-1]):
                out.setdefault(role, {}).setdefault(ent.name, (text[words[-1][0]:m.end], words[-1][0]))
    return out


def _resolve_titles(article: Article, named: dict[str, tuple[str, str]]) -> None:
    """Name a speaker given only as "the senator" when the article titles one person so ("Sen. Al Franken"),
    recording each in `named` (as written -> name, evidence)."""
    found: dict[str, dict[str, str]] | None = None
    for q in article.quotes:
        m = q.speaker_mention
        if q.speaker is None or m is None or m.label is not None or q.speaker.split()[0].casefold() != "the":
            continue
        words = key(q.speaker).split()
        if len(words) != 1:
            continue
        found = titled(article) if found is None else found
        names = found.get(words[0], {})
        if len(names) > 1:
            names = _dominant(article, names)  # "the Pope": Francis, named 20 times, not Benedict, named once
        if len(names) == 1:
            name, (evidence, _) = next(iter(names.items()))
            named[q.speaker] = (name, evidence.strip())
            q.speaker_alias = SpeakerAlias(q.speaker, evidence.strip())
            q.speaker = name


DOMINANT = 3  # times as many mentions as any other titled the same that make one person "the" holder


def _dominant(article: Article, names: dict[str, tuple[str, int]]) -> dict[str, tuple[str, int]]:
    """Of several persons titled alike, the one the article mentions `DOMINANT` times as often as each other
    (`{}` when none is)."""
    count = {e.name: len(e.mentions) for e in article.entities if e.name in names}
    ranked = sorted(names, key=lambda n: -count.get(n, 0))
    if count.get(ranked[0], 0) >= DOMINANT * max(count.get(n, 0) for n in ranked[1:]):
        return {ranked[0]: names[ranked[0]]}
    return {}


MAX_ORG_WORDS = 3  # "the health ministry", "the State Department": longer phrases say more than a name's head


def _resolve_organisations(article: Article, named: dict[str, tuple[str, str]]) -> None:
    """Name a speaker given only as "the ministry" or "the health ministry" when one organisation of the article
    has a name holding its head word and every word before it ("the Russian Foreign Ministry"), recording each in
    `named`."""
    heads = roles().org_heads
    orgs: list[tuple[frozenset[str], str, str]] | None = None
    for q in article.quotes:
        m = q.speaker_mention
        if q.speaker is None or m is None or m.label is not None or q.speaker.split()[0].casefold() != "the":
            continue
        words = key(q.speaker).split()
        if not words or len(words) > MAX_ORG_WORDS or words[-1] not in heads:
            continue
        if orgs is None:
            orgs = [(frozenset(key(e.name).split()), e.name, e.mentions[0].text if e.mentions else e.name)
                    for e in article.entities if e.label == "ORG"]
        names = {(name, first) for ws, name, first in orgs if set(words) <= ws}
        if len({n for n, _ in names}) == 1:
            name, evidence = next(iter(names))
            named[q.speaker] = (name, evidence)
            q.speaker_alias = SpeakerAlias(q.speaker, evidence)
            q.speaker = name
