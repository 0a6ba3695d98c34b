"""entities stage: aliases, titles, surnames, role nominals and acronyms merged within one article."""

from __future__ import annotations

from collections.abc import Callable

from presswatch.article import Article, Entity
from presswatch.stages.entities import alias_table

Annotate = Callable[..., Article]
Check = Callable[[Article], None]


def by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def test_example_putin_assad_islamic_state(check_offsets: Check, example_article: Article) -> None:
    a = example_article
    check_offsets(a)
    ents = by_name(a.entities)
    putin = ents["Vladimir Putin"]
    assert putin.label == "PERSON"
    roles = {"the Russian leader", "The Russia leader"}
    assert {"Putin", "Russian President Vladimir Putin"} | roles <= set(putin.aliases)
    assert len(putin.mentions) >= 10
    assad = ents["Bashar Assad"]
    assert {"Assad", "President Bashar Assad"} <= set(assad.aliases)
    # "[Syrian President Bashar] Assad's": the editor's brackets are not part of the alias (the mention keeps them)
    assert not any("[" in x or "]" in x for x in assad.aliases)
    assert any("]" in m.text for m in assad.mentions)
    isis = ents["Islamic State"]
    assert isis.label == "ORG"  # spaCy says GPE for "Daesh"; the table knows better
    assert {"Daesh", "ISIL"} <= set(isis.aliases)
    assert ents["Riad Haddad"].label == "PERSON"
    assert "Syrian Ambassador to\u00a0Russia Riad Haddad" in ents["Riad Haddad"].aliases
    assert ents["United Nations"].aliases == ["UN"]
    assert "Doctors Without Borders" in ents
    assert not any(n in ents for n in ("Putin", "Assad", "Daesh", "the Russian leader"))


def test_mentions_sorted_and_disjoint(example_article: Article) -> None:
    a = example_article
    spans: list[tuple[int, int]] = []
    for e in a.entities:
        assert e.mentions == sorted(e.mentions, key=lambda m: (m.start, m.end))
        assert e.name not in e.aliases
        spans += [(m.start, m.end) for m in e.mentions]
    spans.sort()
    assert all(prev[1] <= nxt[0] for prev, nxt in zip(spans, spans[1:], strict=False))
    starts = [e.mentions[0].start for e in a.entities]
    assert starts == sorted(starts)


def test_islamic_state_names_and_ambiguous_is(annotate_text: Annotate) -> None:
    a = annotate_text("The Islamic State group, also known as ISIS or Daesh, claimed the attack. IS militants "
                      "later fled. "
                      "IS THIS THE END?", "entities")
    isis = by_name(a.entities)["Islamic State"]
    assert {"ISIS", "Daesh", "IS"} <= set(isis.aliases)
    assert [m.text for m in isis.mentions].count("IS") == 1  # "IS THIS" is not the group


def test_surnames_titles_and_acronyms(annotate_text: Annotate, check_offsets: Check) -> None:
    a = annotate_text("Maria Gonzalez, a local teacher, said the school was closed. Gonzalez added that classes "
                      "resume.\n"
                      "The International Atomic Energy Agency (IAEA) sent inspectors. The IAEA found nothing.\n"
                      "Foreign Minister Sergei Lavrov met Chinese President Xi Jinping in Beijing.", "entities")
    check_offsets(a)
    ents = by_name(a.entities)
    assert ents["Maria Gonzalez"].aliases == ["Gonzalez"]
    assert "IAEA" in ents["International Atomic Energy Agency"].aliases
    assert "Foreign Minister Sergei Lavrov" in ents["Sergei Lavrov"].aliases
    assert "Chinese President Xi Jinping" in ents["Xi Jinping"].aliases
    assert "Chinese" not in ents  # absorbed into the title


def test_role_nominal_resolved_by_date_or_by_name(annotate_text: Annotate) -> None:
    text = "The US president said the talks had failed."
    assert "Donald Trump" in by_name(annotate_text(text, "entities", published="2018-03-01").entities)
    assert "Joe Biden" in by_name(annotate_text(text, "entities", published="2022-03-01T10:00:00Z").entities)
    undated = by_name(annotate_text(text, "entities").entities)
    assert "US president" in undated and "Donald Trump" not in undated
    named = by_name(annotate_text("Joe Biden flew to Kyiv. The US president met troops.", "entities").entities)
    assert "The US president" in named["Joe Biden"].aliases


def test_role_nominal_found_where_ner_misses_it(annotate_text: Annotate) -> None:
    a = annotate_text("The Russian leader spoke for hours. Later the Kremlin chief left.", "entities")
    putin = by_name(a.entities)["Vladimir Putin"]
    assert [m.text for m in putin.mentions] == ["The Russian leader", "the Kremlin chief"]


def test_alias_table_is_consistent() -> None:
    table = alias_table()
    names = [a.name for a in table.actors]
    assert len(names) == len(set(names))
    for actor in table.actors:
        assert actor.label in {"PERSON", "ORG", "GPE", "NORP", "LOC"}
        assert set(actor.ambiguous) <= set(actor.aliases)
        for role in actor.roles:
            assert all(p == p.lower() for p in role["phrases"])
            assert role.get("from", "") < role.get("until", "9999")


def test_surnames_called_org_do_not_outvote_the_full_person_name(annotate_text: Annotate) -> None:
    a = annotate_text("Cardinal Sean O’Malley has been reappointed as the head of the commission.\n"
                      "O’Malley, the archbishop of Boston, said the pope had acted. O’Malley said so.\n"
                      "Last month, O’Malley denounced the decision. O’Malley said that he has witnessed it.",
                      "entities")
    omalley = [e for e in a.entities if e.name == "Sean O’Malley"]
    assert len(omalley) == 1 and omalley[0].label == "PERSON"
    assert {m.label for m in omalley[0].mentions} == {"PERSON"}
