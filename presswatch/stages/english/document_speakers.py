"""English speakers given only as a document ('the report said …', 'The statement notes that …', '“…,” the letter
said'), named by the document's owner that the article gives before the quote: 'The majority report by the
Permanent Subcommittee on Investigation', "Barr's letter", 'In a statement, Hall said', 'Hall said in a statement',
'MGM released a statement'. The document nouns are speech_frames' sources (data/speech_frames_en.json); the owner
must be one of the article's person or organisation entities, the latest so tied before the quote. Surface
patterns on the text, no parse."""

from __future__ import annotations

import re

from presswatch.article import Article, Mention, SpeakerAlias
from presswatch.stages.english import speech_frames

OWNER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
DEFINITE = frozenset({"the", "this", "that"})
MAX_MODIFIERS = 2  # 'the majority report', 'The Republican report'
_DETS = r"(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}"
_ISSUE = r"(?:issued|released|sent|wrote|published|posted|submitted|delivered|put\s+out)"


def document_noun(speaker: str) -> str | None:
    """The document noun of a definite document phrase ('the report', 'The Republican report'), else None."""
    words = speaker.split()
    if not 2 <= len(words) <= MAX_MODIFIERS + 2 or words[0].casefold() not in DEFINITE:
        return None
    noun = words[-1].casefold()
    return noun if noun in speech_frames.frames().sources else None


def owns(text: str, m: Mention, noun: str) -> bool:
    """Whether the words around an entity mention make it the owner of a `noun` document."""
    n = re.escape(noun)
    after = text[m.end : m.end + 80]
    before = text[max(0, m.start - 80) : m.start]
    return bool(
        re.match(rf"(?:'s|’s)\s+(?:[\w-]+\s+){{0,2}}{n}s?\b", after)  # "Barr's letter"
        or re.match(rf",?\s+(?:said|wrote|stated|added)\s+in\s+{_DETS}{n}\b", after)  # "Hall said in a statement"
        or re.match(rf"\s+(?:\w+\s+)?{_ISSUE}\s+{_DETS}{n}\b", after)  # "MGM (also) released a statement"
        or re.search(rf"\b{n}s?\s+(?:by|from)\s+(?:the\s+)?$", before)  # "the report by the Subcommittee"
        or re.search(rf"\b[Ii]n\s+{_DETS}{n}\b[^.,;:\n]*,\s*$", before)  # "In a letter to …, Barr wrote"
    )


def resolve(article: Article) -> None:
    """Name each document-only speaker by the latest owner of such a document before its quote."""
    text = article.text
    owners = [(m, e.name) for e in article.entities if e.label in OWNER_LABELS for m in e.mentions]
    owners.sort(key=lambda pair: pair[0].start)
    for q in article.quotes:
        noun = (
            document_noun(q.speaker)
            if q.speaker is not None and q.speaker_mention is not None and q.speaker_mention.label is None
            else None
        )
        if noun is None:
            continue
        hit = next(((m, name) for m, name in reversed(owners) if m.end <= q.start and owns(text, m, noun)), None)
        if hit is not None:
            m, name = hit
            q.speaker_alias = SpeakerAlias(q.speaker or "", text[m.start : min(len(text), m.end + 60)].split("\n")[0])
            q.speaker = name
