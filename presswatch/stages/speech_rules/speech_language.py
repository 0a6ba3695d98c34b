"""A language's speech rules (data/speech_rules.json read as one `Rules`) and the word windows they use."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from presswatch.stages.lexicon import DATA as STAGE_DATA
from presswatch.stages.speech_rules import polish_forms

DATA = STAGE_DATA
MAX_SCARE_WORDS = 4
CUE_WINDOW = 4  # words between a closing mark and its cue ("», — также заявил он")
BEFORE_WINDOW = 20  # words between a cue and the colon or complementiser before an opening mark
DASHES = "-–—"
NAME_WORD = r"[A-ZÀ-ÖØ-ÞА-ЯЁĄĆĘŁŃÓŚŹŻ][\w'’-]*"
PRONOUN_WINDOW = 3  # paragraphs a pronoun may look back for a person
MAX_THAT_GAP = 7  # words between a cue and its complementiser ("poinformował na Twitterze, że")
MAX_ATTRIBUTION_WORDS = 16  # '"A," said X, head of ... . "B."': longer text between two quotes is narration


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
    documents: frozenset[str] = frozenset()  # "говорится в письме X": a document noun after a cue, its author after it
    according_prefix: frozenset[str] = frozenset()  # words that make a cue a source phrase ("Jak podkreśla X, …")
    self_cue: re.Pattern[str] | None = None  # "s'est dit prêt à …", "si è detto pronto": a stance (self_reports)
    gap_phrases: tuple[str, ...] = ()  # phrases that may open such a gap too ("a répété une nouvelle fois que")
    role_genders: dict[str, str] = field(default_factory=dict)  # a Polish role noun's forms -> "m"/"f" ("ekspertka")


def alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _lower_words(items: list[str]) -> re.Pattern[str] | None:
    """Whole lower-case words, case kept: German verb forms, never the capitalised nouns they spell ("stelle",
    "folge"; not "Stelle", "Folge")."""
    return re.compile(rf"(?<!\w)(?:{alternation(items)})(?!\w)") if items else None


@cache
def rules(lang: str | None) -> Rules:
    """The speech rules of `lang` (the `_default` ones for a language without its own)."""
    table: dict[str, Any] = json.loads((DATA / "speech_rules.json").read_text(encoding="utf-8"))
    key = lang if lang in table and not str(lang).startswith("_") else "_default"
    d = table[key]

    def words(items: list[str]) -> re.Pattern[str] | None:
        return re.compile(rf"(?<!\w)(?:{alternation(items)})(?!\w)", re.I) if items else None

    aux = d.get("auxiliaries", {})  # "a déclaré" -> "ont déclaré", "avait déclaré": every tense of a compound cue

    def compound(items: list[str]) -> list[str]:
        return items + [f"{other} {c.split(' ', 1)[1]}" for c in items if " " in c
                        for other in aux.get(c.split(" ", 1)[0], [])]

    def with_adverbs(items: list[str], alone: list[str] | None = None) -> re.Pattern[str] | None:
        """The forms, and each compound one with one or two adverbs between its auxiliary and its participle ("a
        déjà déclaré", "ha poi aggiunto", "avait pour sa part accusé"); `alone`: forms taken as they stand."""
        adverbs = d.get("cue_adverbs", [])
        auxes = [a for k, v in aux.items() for a in [k, *v]]
        parts = {c.split(" ", 1)[1] for c in items if " " in c and c.split(" ", 1)[0] in auxes}
        items = items + (alone or [])
        if not (aux and adverbs and parts):
            return words(items)
        adv = rf"(?:{alternation(adverbs)}|\w+{d.get('adverb_ending', 'ment')})"
        return re.compile(rf"(?<!\w)(?:(?:{alternation(auxes)})(?:[ \u00a0]+{adv}){{1,2}}[ \u00a0]+"
                          rf"(?:{alternation(list(parts))})|{alternation(items)})(?!\w)", re.I)

    cues = compound(d["cues"])
    cue = with_adverbs(cues, d["after_quote"])
    assert cue is not None
    elided = [w for w in d["that"] if w.endswith(("'", "’"))]  # "qu’il": no word boundary after the apostrophe
    whole = alternation([w for w in d["that"] if w not in elided])
    that = re.compile(rf"[\s,]*(?:(?:{whole})(?!\w){'|' + alternation(elided) if elided else ''})", re.I)
    according = d["according"] + [f"{p} {c}" for p in d["according_prefix"] for c in d["cues"]]
    return Rules(key, cue, frozenset(d["after_quote"]), words(according), words(d["according_after"]), that,
                 d["pronouns"], d["pronoun_suffix"],
                 frozenset(w.casefold() for w in d["titles"]) | polish_forms.title_forms(d.get("title_nouns", [])),
                 d["openers"],
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
                 with_adverbs(compound(d.get("frame_cues", []))),
                 re.compile(d["frame_link"], re.I) if d.get("frame_link") else None,
                 words(d.get("speech_nouns", [])),
                 re.compile(rf"[ \u00a0]*,?[ \u00a0]*(?:{alternation(d['noun_links'])})(?!\w)", re.I)
                 if d.get("noun_links") else None,
                 frozenset(d.get("naming", [])),
                 re.compile(rf"(?:{d['past_cue']})(?!\w)") if d.get("past_cue") else None, int(d.get("role_gap", 0)),
                 d.get("pro_drop_present", {}), frozenset(d.get("left_out_openers", [])),
                 documents=frozenset(d.get("documents", [])),
                 according_prefix=frozenset(w.casefold() for w in d["according_prefix"]),
                 self_cue=re.compile(d["self_cue"], re.I) if d.get("self_cue") else None,
                 gap_phrases=tuple(p.casefold() for p in d.get("that_gap_phrases", [])),
                 role_genders=polish_forms.genders(d.get("title_nouns", [])))
