"""The web corpus plus a Russian article and an undated one without an outlet: what the analyst's workbench
tests filter, sort, export and correct (imported by their tests)."""

from __future__ import annotations

from pathlib import Path

from webcorpus import build_article, corpus_articles

from presswatch.corpus.store import Store

RUSSIAN = ("Москва обвиняет Запад во лжи\n"
           "Официальный представитель МИД заявила, что западные СМИ распространяют грязную ложь о событиях.\n"
           "По ее словам, санкции бьют по простым людям.")
UNDATED = ("A note without a date\n"
           "Critics call the plan a shameful betrayal of voters, the leaflet says.")


def workbench_articles() -> list:
    ru = build_article(RUSSIAN, title="Москва обвиняет Запад во лжи", outlet="RIA", published="2021-03-01T09:00:00",
                       techniques=[("грязную ложь", "Loaded_Language", 0.8)], frames=[("Political", 0.7)],
                       quotes=[("западные СМИ распространяют грязную ложь о событиях", "Мария Захарова", "заявила",
                                "reported")],
                       entities=[("Мария Захарова", "PERSON", ["Захарова"])], genre=("opinion", 0.7))
    ru.metadata.language = "ru"
    undated = build_article(UNDATED, title="A note without a date", outlet="x", published="",
                            techniques=[("a shameful betrayal", "Loaded_Language", 0.75)])
    undated.metadata.outlet = None
    undated.metadata.published = undated.metadata.page_time = None
    return [*corpus_articles(), ru, undated]


def build_store(path: Path) -> dict[str, int]:
    """A store of the workbench articles at `path`; their ids by the first word of the outlet (None: "none")."""
    ids = {}
    with Store(path) as store:
        for a in workbench_articles():
            aid = store.add(a)
            assert aid is not None
            ids[(a.metadata.outlet or "none").split()[0]] = aid
    return ids
