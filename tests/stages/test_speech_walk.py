"""The shared cue -> link -> clause walk of the speech rules' shapes, on its own and through the shapes."""

from __future__ import annotations

import re

from stagerun import run

from presswatch.article import Article, Metadata
from presswatch.stages import speech_rules
from presswatch.stages.speech_rules import (
    object_frames,
    speech_language,
    speech_nouns,
    speech_pointers,
    speech_text,
    view_sources,
)
from presswatch.stages.speech_rules.speech_walk import Cue, Walk, walk


def _walk(text: str, lang: str = "fr", direct: list[tuple[int, int]] | None = None) -> Walk:
    article = Article(text=text, metadata=Metadata(language=lang))
    return Walk.of(article, speech_language.rules(lang), speech_text.Names(article), direct or [], speech_rules.KIT)


def test_walk_keeps_a_match_only_when_it_has_a_link_and_a_clause() -> None:
    w = _walk("Il dit: oui, trois mots ici.\nIl dit: non.\nElle dit rien")
    steps: list[str] = []

    def link(w: Walk, cue: Cue) -> int | None:
        steps.append(f"link {cue.k}")
        colon = w.text.find(":", cue.m.end(), cue.para.end)
        return None if colon < 0 else colon

    def clause(w: Walk, cue: Cue, colon: int) -> tuple[int, int] | None:
        steps.append(f"clause {cue.k}")
        return w.clause(colon + 1, cue.para.end, 3)

    def quote(w: Walk, cue: Cue, colon: int, span: tuple[int, int]) -> str:
        return w.text[span[0]:span[1]]

    assert walk(w, re.compile(r"dit"), link, clause, quote) == ["oui, trois mots ici"]
    # the second paragraph's clause is one word (too short), the third has no colon (no link)
    assert steps == ["link 0", "clause 0", "link 1", "clause 1", "link 2"]
    assert walk(w, None, link, clause, quote) == []


def test_walk_helpers_bound_clauses_and_direct_quotes() -> None:
    w = _walk("Le ministre a dit : « Non ». Puis il est parti.", direct=[(22, 25)])
    assert w.in_direct(22) and not w.in_direct(25)
    assert w.overlaps_direct(20, 23) and not w.overlaps_direct(25, 30)
    assert w.opens_sentence(w.paras[0], w.text.index("Puis"))
    assert not w.opens_sentence(w.paras[0], w.text.index("il est"))
    assert w.clause(w.text.index("Puis") - 2, len(w.text), 4) == (w.text.index("Puis"), len(w.text) - 1)
    assert w.clause(w.text.index("Puis"), len(w.text), 5) is None


def test_each_shape_reads_through_the_walk() -> None:
    frame = _walk("Le président a appelé la Chine à cesser ses exercices militaires autour de l'île.")
    assert [frame.text[f.start:f.end] for f in object_frames.find(frame)] == [
        "la Chine à cesser ses exercices militaires autour de l'île"]
    noun = _walk("Il a réitéré sa position selon laquelle toute discussion deviendra impossible sans garanties.")
    assert [noun.text[f.start:f.end] for f in speech_nouns.find(noun)] == [
        "toute discussion deviendra impossible sans garanties"]
    text = ("Gli agricoltori hanno perso oltre sei miliardi di euro nelle campagne quest'anno. "
            "È quanto afferma la Coldiretti.")
    pointer = _walk(text, "it")
    assert [pointer.text[f.start:f.end] for f in speech_pointers.find(pointer)] == [text.split(". ")[0]]
    view = run("Pour le ministre hongrois, il est hors de question que les sanctions continuent.", "fr")
    w = _walk(view.text)
    w = Walk(w.text, w.paras, w.r, speech_text.Names(view), [], w.kit)
    assert [w.text[f.start:f.end] for f in view_sources.find(w)] == ["il est hors de question que les sanctions "
                                                                     "continuent"]
