"""Group NER mentions into entities with canonical names, merging aliases, titles and surnames within an article.

A shipped table (data/aliases.json) names recurring actors, their aliases and role nominals ("the Russian
leader"); phrase matchers find those even where spaCy's NER misses them, and the table fixes spaCy's labels.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from presswatch.article import Article, Entity, Mention
from presswatch.clean.language import STOPWORDS
from presswatch.stages import analysers
from presswatch.stages.linguistics import DATA, sentences_of
from presswatch.stages.speech_rules import rule_names

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
ACRONYM_SKIP = frozenset({"of", "the", "for", "and", "in", "on", "de", "&"})
ACTOR = "\x01"  # key prefix of table actors (text never holds it)
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})
PRONOUN_LIKE = frozenset({"he", "she", "it", "they", "we", "i", "you", "his", "her", "their"})


@dataclass
class Actor:
    name: str
    label: str
    aliases: list[str]
    roles: list[dict[str, Any]] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)


@dataclass
class AliasTable:
    """The shipped actor table with lookups and spaCy phrase matchers built once."""

    actors: list[Actor]
    titles: frozenset[str]
    connectors: frozenset[str]
    geo_words: frozenset[str]
    ambiguous_context: frozenset[str]  # words after an ambiguous alias that confirm it: "IS militants"
    by_alias: dict[str, Actor]  # exact surface form -> actor
    by_folded: dict[str, Actor]  # casefolded form (unambiguous, > 3 chars) -> actor
    roles: dict[str, list[tuple[Actor, str, str]]]  # role phrase -> (actor, from, until)
    alias_matcher: PhraseMatcher
    role_matcher: PhraseMatcher

    def lookup(self, text: str, ner_label: str | None = None) -> Actor | None:
        actor = self.by_alias.get(text)
        if actor is not None and text in actor.ambiguous and ner_label not in {"ORG", "NORP", "GPE", "PERSON"}:
            return None
        return actor or self.by_folded.get(text.casefold())


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    """Load data/aliases.json and build the matchers (once per process)."""
    data = json.loads((DATA / "aliases.json").read_text(encoding="utf-8"))
    actors = [Actor(a["name"], a["label"], a["aliases"], a.get("roles", []), a.get("ambiguous", []))
              for a in data["actors"]]
    model = analysers.tokenizer("en")  # the English model's tokenizer rules, without loading the model
    by_alias: dict[str, Actor] = {}
    by_folded: dict[str, Actor] = {}
    roles: dict[str, list[tuple[Actor, str, str]]] = {}
    alias_matcher = PhraseMatcher(model.vocab, attr="ORTH")
    role_matcher = PhraseMatcher(model.vocab, attr="LOWER")
    for actor in actors:
        for alias in (actor.name, *actor.aliases):
            by_alias[alias] = actor
            if len(alias) > 3:
                by_folded.setdefault(alias.casefold(), actor)
        alias_matcher.add(actor.name, [model.make_doc(a) for a in {actor.name, *actor.aliases}])
        for role in actor.roles:
            for phrase in role["phrases"]:
                roles.setdefault(phrase, []).append((actor, role.get("from", ""), role.get("until", "")))
    for phrase in roles:
        role_matcher.add(phrase, [model.make_doc(phrase)])
    return AliasTable(actors, frozenset(data["titles"]), frozenset(data["connectors"]),
                      frozenset(data["geo_words"]), frozenset(data["ambiguous_context"]), by_alias, by_folded, roles,
                      alias_matcher, role_matcher)


@dataclass
class Candidate:
    """A token span that may name an entity, and how it was found."""

    start: int  # token indices into the Doc
    end: int
    label: str
    how: str  # "ner" | "alias" | "role" | "title"
    name_start: int = -1  # tokens of the bare name (titles stripped); -1: same as start/end
    name_end: int = -1
    actor: Actor | None = None
    role: str | None = None

    @property
    def length(self) -> int:
        return self.end - self.start


def _candidates(doc: Doc, table: AliasTable, lang: str | None = None) -> list[Candidate]:
    foreign = analysers.family(lang) != "en"
    out = [Candidate(e.start, e.end, e.label_, "ner") for e in doc.ents if e.label_ in LABELS and not e.text.isspace()
           and not (foreign and _unlikely_name(doc, e, lang))]
    vocab = table.alias_matcher.vocab.strings
    for match_id, s, e in table.alias_matcher(doc):
        actor = table.by_alias[vocab[match_id]]
        if doc[s:e].text in actor.ambiguous and not (e < len(doc) and doc[e].lower_ in table.ambiguous_context):
            continue
        out.append(Candidate(s, e, actor.label, "alias", actor=actor))
    for match_id, s, e in table.role_matcher(doc):
        if s and doc[s - 1].lower_ == "the":
            s -= 1
        out.append(Candidate(s, e, "PERSON", "role", role=vocab[match_id]))
    return out


def _unlikely_name(doc: Doc, ent: Span, lang: str | None) -> bool:
    """A NER span of another language's model that names nobody: no capital letter, a stopword, or one word
    that starts a sentence and is written in lower case elsewhere (French: that never appears mid-sentence)."""
    text = ent.text
    if not any(ch.isupper() for ch in text):
        return True
    if len(ent) > 1:
        return False
    word = text.casefold()
    if word in STOPWORDS.get(lang or "", ()):
        return True
    if not ent[0].is_sent_start:
        return False
    others = [t for t in doc if t.lower_ == word and t.i != ent.start]
    if any(t.text[:1].islower() for t in others):
        return True
    return analysers.family(lang) == "fr" and not any(not t.is_sent_start for t in others)


def _title_people(doc: Doc, taken: set[int], table: AliasTable) -> list[Candidate]:
    """Names NER missed after a capitalised title: "Ambassador to Russia Riad Haddad"."""
    out: list[Candidate] = []
    n = len(doc)
    for tok in doc:
        if not (tok.is_title and tok.lower_ in table.titles) or tok.i in taken:
            continue
        i = tok.i + 1
        while i < n and (doc[i].lower_ in table.titles or doc[i].lower_ in table.geo_words
                         or doc[i].lower_ in {"to", "of"} or _inline_space(doc[i])):
            i += 1
        j = i
        while j < n and j - i < 4 and doc[j].is_title and doc[j].is_alpha and j not in taken \
                and doc[j].lower_ not in table.titles:
            j += 1
        if j - i >= 2:
            out.append(Candidate(i, j, "PERSON", "title"))
            taken.update(range(i, j))
    return out


def _titled_person(doc: Doc, c: Candidate, table: AliasTable, person_words: set[str]) -> bool:
    """An English NER span of another label that is a capitalised title and then words that are a PERSON's name
    elsewhere in the article ("Sheriff Lombardo"; not "Justice Department")."""
    first = doc[c.start]
    if c.label == "PERSON" or not first.is_title or first.lower_ not in table.titles or not 2 <= c.length <= 4 \
            or analysers.family(doc.lang_) != "en":
        return False
    rest = [t for t in doc[c.start + 1:c.end] if not t.is_punct]
    return bool(rest) and all(t.is_title and t.text in person_words for t in rest)


def _inline_space(tok: Token) -> bool:
    return tok.is_space and "\n" not in tok.text


def _strip_name(doc: Doc, c: Candidate, table: AliasTable) -> None:
    """Bare name tokens of a candidate: a PERSON's leading titles/places, an unclosed bracket and what follows it,
    punctuation and "'s" removed."""
    s, e = c.start, c.end
    while c.label == "PERSON" and s < e and (doc[s].lower_ in table.titles or doc[s].lower_ in table.geo_words
                     or doc[s].lower_ in table.connectors or doc[s].is_punct or doc[s].is_space):
        s += 1
    opened = next((i for i in range(s, e) if doc[i].text == "("), None)
    if opened is not None and opened > s and not any(doc[i].text == ")" for i in range(opened, e)):
        e = opened  # "the World Health Organization (WHO": the NER stopped inside the acronym's brackets
    while e > s and (doc[e - 1].is_punct or doc[e - 1].lower_ in {"'s", "’s"}):
        e -= 1
    c.name_start, c.name_end = s, e


def _extend_title(doc: Doc, c: Candidate, table: AliasTable, owner: dict[int, Candidate]) -> None:
    """Grow a PERSON mention leftwards over its title: "Russian President" + "Vladimir Putin"."""
    s = c.start
    while s > 0:
        prev = doc[s - 1]
        other = owner.get(prev.i)
        if other is not None and other.label not in {"NORP", "GPE"} and other.how != "role":
            break
        if prev.lower_ in table.titles or prev.lower_ in table.geo_words or prev.lower_ in table.connectors \
                or other is not None or _inline_space(prev):
            s -= 1
        else:
            break
    while s < c.start and (doc[s].lower_ in table.connectors or doc[s].is_space):
        s += 1
    if any(doc[i].lower_ in table.titles or (owner.get(i) and owner[i].how == "role") for i in range(s, c.start)):
        c.start = s


def _select(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first; the table beats NER on ties."""
    rank = {"alias": 0, "role": 1, "title": 2, "ner": 3}
    chosen: list[Candidate] = []
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: (-c.length, rank[c.how], c.start)):
        if used.isdisjoint(range(c.start, c.end)):
            chosen.append(c)
            used.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def _article_date(article: Article) -> str:
    md = article.metadata
    return (md.published or md.page_time or "")[:10]


def _resolve_role(role: str, start: int, named: dict[str, list[int]], date: str, table: AliasTable) -> Actor | None:
    """The actor a role nominal means: one named earlier in the article, else the one in office on its date."""
    options = table.roles.get(role, [])
    actors = {a.name: a for a, _, _ in options}
    if date:
        in_office = {a.name for a, since, until in options if since <= date and (not until or date < until)}
    else:
        in_office = set(actors)
    present = [(max((p for p in named.get(n, []) if p < start), default=-1), n) for n in actors if n in named]
    present = [(p, n) for p, n in present if n in in_office] or present
    if present:
        return actors[max(present)[1]]
    if len(in_office) == 1:
        return actors[next(iter(in_office))]
    return None


def _short_forms(full: list[str]) -> dict[str, str]:
    """Two-word person names that shorten another of the article's ("Doug Haig" of "Douglas Haig", "Dan" of
    "Daniel"): the same surname and a first name of at least 3 letters that starts the longer one, both first
    names of one known gender (data/genders.json: "Paul" is no "Paula", "Chris" no "Christine")."""
    gender = rule_names.genders()
    out: dict[str, str] = {}
    for k in full:
        kw = k.split()
        if len(kw) != 2 or len(kw[0]) < 3 or gender.get(kw[0].casefold()) is None:
            continue
        longer = [f for f in full if f != k and len(f.split()) == 2 and _surname_key(f) == _surname_key(k)
                  and len(f) > len(k) and f.split()[0].casefold().startswith(kw[0].casefold())
                  and gender.get(f.split()[0].casefold()) == gender[kw[0].casefold()]]
        if len(longer) == 1:
            out[k] = longer[0]
    return out


def _surname_key(name: str) -> str:
    last = name.split()[-1].casefold()
    for prefix in ("al-", "el-", "ad-", "as-"):
        if last.startswith(prefix):
            return last[len(prefix):]
    return last


def _same_stem(a: str, b: str) -> bool:
    """Two case forms of one surname: one word, the same letters but for an ending of at most three ("Титкомба",
    "Титкомб"; "Гуреи", "Гуреев")."""
    a, b = a.casefold(), b.casefold()
    if " " in a or " " in b or min(len(a), len(b)) < 4:
        return False
    common = len(os.path.commonprefix([a, b]))
    return common >= max(4, max(len(a), len(b)) - 3)


def _surface(text: str) -> str:
    """A mention as an alias reads: without an editor's brackets ("[Syrian President Bashar] Assad's" is the
    mention "Syrian President Bashar] Assad": the alias "Syrian President Bashar Assad")."""
    return " ".join(text.replace("[", " ").replace("]", " ").split()) if "[" in text or "]" in text else text


def _norm(text: str) -> str:
    text = " ".join(text.split())
    for prefix in ("the ", "The "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip(" []()\"'“”,.;:")


def _bare(doc: Doc, c: Candidate) -> str:
    """The name's words without brackets or other punctuation: "Bashar] Assad" -> "Bashar Assad"; a Russian
    person's name in the nominative (from the linguistics stage)."""
    normal = doc.user_data.get("normal")
    if normal and c.how == "ner":
        found = normal.get((doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1])))
        if not found and c.name_start < c.name_end:  # the name without the title it was grown over
            found = normal.get((doc[c.name_start].idx, doc[c.name_end - 1].idx + len(doc[c.name_end - 1])))
        if found:
            return str(found)
    keep = {".", "-", "&", "'"}
    return _norm("".join(t.text_with_ws if not t.is_punct or t.text in keep else t.whitespace_
                         for t in doc[c.name_start:c.name_end]))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in ACRONYM_SKIP and w[0].isalpha())


def group(doc: Doc, article: Article) -> list[Entity]:
    """Entities of one parsed article."""
    table = alias_table()
    cands = _select(_candidates(doc, table, article.metadata.language))
    taken = {i for c in cands for i in range(c.start, c.end)}
    cands = sorted(cands + _title_people(doc, taken, table), key=lambda c: c.start)
    owner = {i: c for c in cands for i in range(c.start, c.end)}
    absorbed: set[int] = set()
    for c in cands:
        if c.label == "PERSON" and c.how != "role":
            _extend_title(doc, c, table, owner)
            absorbed.update(id(owner[i]) for i in range(c.start, c.end) if owner.get(i) is not c and i in owner)
    cands = [c for c in cands if id(c) not in absorbed]

    keys: list[tuple[Candidate, str, str]] = []  # candidate, key, label
    person_words = {doc[i].text for c in cands if c.label == "PERSON" for i in range(c.start, c.end)}
    for c in cands:
        if c.how == "ner" and doc[c.start].lower_.rstrip(".") in HONORIFICS:
            c.label = "PERSON"
        elif c.how == "ner" and _titled_person(doc, c, table, person_words):
            c.label = "PERSON"  # "Sheriff Lombardo" called an ORG beside the PERSON "Lombardo"
        _strip_name(doc, c, table)
        if c.name_start >= c.name_end and c.how != "role":
            continue
        name_text = _bare(doc, c) if c.how != "role" else ""
        actor = c.actor or (table.lookup(name_text, c.label) if name_text else None)
        if actor is not None:
            c.actor = actor
            keys.append((c, ACTOR + actor.name, actor.label))
        elif c.how == "role":
            keys.append((c, "", "PERSON"))
        elif name_text and name_text.casefold() not in PRONOUN_LIKE:
            keys.append((c, name_text, c.label))

    date = _article_date(article)
    named: dict[str, list[int]] = {}
    for c, key, _ in keys:
        if key.startswith(ACTOR):
            named.setdefault(key[1:], []).append(c.start)
    resolved: list[tuple[Candidate, str, str]] = []
    for c, key, label in keys:
        if c.how == "role" and not key:
            actor = _resolve_role(c.role or "", c.start, named, date, table)
            key = ACTOR + actor.name if actor else _norm(doc[c.start:c.end].text)
            label = actor.label if actor else "PERSON"
        resolved.append((c, key, label))

    # surnames and acronyms point at the fuller name of the same article
    persons = {k for _, k, lab in resolved if lab == "PERSON" and not k.startswith(ACTOR)}
    full = [k for k in persons if len(k.split()) > 1]
    # spaCy often calls a lone surname an ORG ("Wilders"); a full PERSON name of the article wins
    persons |= {k for _, k, lab in resolved if lab == "ORG" and not k.startswith(ACTOR) and len(k.split()) == 1
                and not k.isupper()}
    orgs = {k for _, k, lab in resolved if lab == "ORG" and not k.startswith(ACTOR) and len(k.split()) > 1}
    counts = Counter(k for _, k, _ in resolved)
    lang = article.metadata.language
    surfaces: dict[str, set[str]] = {}
    for c, k, _ in resolved:
        surfaces.setdefault(k, set()).add(doc[c.name_start:c.name_end].text if c.name_start < c.name_end else k)
    # English "Doug Haig" is "Douglas Haig": one full name, so "Haig" can be his
    redirect = _short_forms(full) if analysers.family(article.metadata.language) == "en" else {}
    canonical = [f for f in full if f not in redirect]
    for k in sorted(persons, key=lambda k: (-len(k.split()), k)):  # full names first: "Jurka Owsiak" joins its kin
        words = k.split()
        if len(words) == 1:
            if lang in {"pl", "ru"}:
                canonical = [f for f in full if f not in redirect]
            same_last = {f for f in canonical if _surname_key(f) == _surname_key(k)}
            any_word = {f for f in canonical if k.casefold() in (w.casefold() for w in f.split())}
            target = same_last if len(same_last) == 1 else any_word if len(any_word) == 1 else set()
            if not target and not same_last and not any_word:  # "Титкомб", "Квин" read as another word's case
                forms = {k} | surfaces.get(k, set())
                target = {f for f in canonical if any(_same_stem(w, f.split()[-1]) for w in forms)}
                target = target if len(target) == 1 else set()
            if target:
                redirect[k] = target.pop()
        else:
            longer = [f for f in full if f != k and f.split()[0] == words[0] and f.split()[-1] == words[-1]
                      and len(f) > len(k)]
            if longer:
                redirect[k] = max(longer, key=len)
            elif lang in {"pl", "ru"} and len(words) == 2:  # "Jurka Owsiak" (a first name's case form), "Jurek Owsiak"
                known = rule_names.first_names(lang)
                kin = [f for f in full if f != k and len(f.split()) == 2 and f.split()[-1] == words[-1]
                       and f[:3] == k[:3] and (counts[f], f.split()[0].casefold() in known)
                       > (counts[k], words[0].casefold() in known)]
                if len(kin) == 1:
                    redirect[k] = kin[0]
    for _, k, lab in resolved:
        if lab == "ORG" and k.isupper() and 2 <= len(k) <= 6:
            hits = [o for o in orgs if _acronym(o).upper() == k]
            if len(hits) == 1:
                redirect[k] = hits[0]

    groups: dict[str, list[tuple[Candidate, str]]] = {}
    for c, key, label in resolved:
        target = redirect.get(key, key)
        if target != key and target in full:
            label = "PERSON"  # the lone surname spaCy called an ORG is that person's: it must not outvote the name
        key = target
        groups.setdefault(key.casefold() if not key.startswith(ACTOR) else key, []).append((c, label))

    entities: list[Entity] = []
    for key, members in groups.items():
        texts = [doc[c.start:c.end].text for c, _ in members]
        if key.startswith(ACTOR):
            name, label = key[1:], table.by_alias[key[1:]].label
        else:
            label = Counter(lab for _, lab in members).most_common(1)[0][0]
            bare = [_bare(doc, c) for c, _ in members if c.name_start < c.name_end]
            if lang in {"pl", "ru"}:  # the form the surnames were redirected to: "Jurek Owsiak", not "Jurka Owsiak"
                name = max(bare or [_norm(t) for t in texts], key=lambda t: (len(t.split()), t.casefold() == key,
                                                                             len(t)))
            else:
                name = max(bare or [_norm(t) for t in texts], key=lambda t: (len(t.split()), len(t)))
        mentions = sorted((Mention(doc[c.start:c.end].text, doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]),
                                   label) for c, _ in members), key=lambda m: (m.start, m.end))
        aliases = list(dict.fromkeys(a for a in map(_surface, (m.text for m in mentions)) if a and a != name))
        entities.append(Entity(name, label, aliases, mentions))
    entities.sort(key=lambda e: e.mentions[0].start)
    return entities


def doc_of(article: Article) -> Doc:
    """The article's spaCy Doc from the linguistics stage (remade if the cache is gone)."""
    sentences_of(article)  # makes the Doc when the cache is gone (an article read back from JSON)
    return article._cache["doc"]  # type: ignore[no-any-return]


def run(article: Article) -> None:
    """Fill `article.entities`."""
    article.entities = group(doc_of(article), article)
