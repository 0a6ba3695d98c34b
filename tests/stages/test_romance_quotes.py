"""French and Italian quotes on sentences of the shared training articles: mixed quotes (quoted words inside
reported speech) as one reported quote with its quoted parts, and quotes said as they stand left direct."""

from __future__ import annotations

from stagerun import run

from presswatch.article import Article


def kinds(a: Article) -> list[tuple[str, str, str | None]]:
    return [(q.kind, q.text, q.speaker) for q in a.quotes]


def test_french_mixed_quote_is_one_reported_quote() -> None:
    # fr/article2335
    a = run("Début avril, la Russie estimait que «de nombreux mercenaires étrangers» étaient présents dans la ville.",
            "fr")
    assert [(k, t) for k, t, _ in kinds(a)] == [("reported", "«de nombreux mercenaires étrangers» étaient présents "
                                                             "dans la ville")]
    q = a.quotes[0]
    assert [a.text[p.start:p.end] for p in q.parts] == ["de nombreux mercenaires étrangers"]


def test_italian_mixed_quote_is_one_reported_quote() -> None:
    # it/article26292
    a = run("I media ufficiali cinesi ricordano che si tratta «di manovre militari e d'addestramento su vasta scala» "
            "che includono lanci dal vivo di colpi di artiglieria.", "it")
    assert [k for k, _, _ in kinds(a)] == ["reported"]
    assert a.quotes[0].text.startswith("si tratta «di manovre")
    assert len(a.quotes[0].parts) == 1


def test_marks_around_the_whole_clause_stay_direct() -> None:
    # fr/article23186: the marks hold all the words of the clause after "qu’"
    a = run("Anitta Hipper affirme qu’ «en terme de travail sur place avec les autorités grecques, il y a des progrès "
            "sur le terrain», elle pointe aussi des lacunes.", "fr")
    assert [k for k, _, _ in kinds(a)] == ["direct"]


def test_a_quoted_sentence_with_its_cue_stays_direct() -> None:
    a = run("«Nous avons confiance en nos partenaires, mais il n'y a aucune confiance avec la Russie», a déclaré "
            "Volodymyr Zelensky.", "fr")
    assert kinds(a) == [("direct", "Nous avons confiance en nos partenaires, mais il n'y a aucune confiance avec "
                                   "la Russie", "Volodymyr Zelensky")]


def test_a_fragment_without_a_reported_clause_stays_direct() -> None:
    # no cue: the quoted words are not folded into anything
    a = run("Le document évoque le retrait des avions «pour ne pas être témoin des renvois» en mer Egée.", "fr")
    assert all(not q.parts for q in a.quotes)
    assert all(q.kind == "direct" for q in a.quotes)
