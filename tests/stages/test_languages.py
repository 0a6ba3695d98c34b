"""Per-language linguistics: the analysers chosen by the article's language, quotes and speakers by rule."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from stagerun import run

from presswatch.article import Article, Metadata
from presswatch.stages import analysers


def speakers(a: Article) -> list[tuple[str, str | None]]:
    return [(q.kind, q.speaker) for q in a.quotes]


def test_family_never_english_on_other_languages() -> None:
    assert [analysers.family(x) for x in (None, "en", "fr", "ru", "de", "it", "pl", "es")] == [
        "en", "en", "fr", "ru", "rules", "rules", "rules", "rules"]
    assert "natasha" in analysers.describe("ru")["entities"]
    assert "fr_core_news_sm" in analysers.describe("fr")["entities"]
    assert "names beside speech cues" in analysers.describe("de")["entities"]


def test_ria_article_quote_is_klishas(semeval_dir: Path, check_offsets) -> None:
    path = semeval_dir / "ru" / "train-articles" / "article24137.txt"
    text = path.read_text(encoding="utf-8")
    a = run(text, "ru")
    check_offsets(a)
    assert a.analysers["language"] == "ru" and "natasha" in a.analysers["entities"]
    quote = next(q for q in a.quotes if q.text.startswith("От нациков в Киеве побежали те"))
    assert quote.kind == "direct" and quote.speaker == "Андрей Клишас" and quote.cue == "написал"
    persons = {e.name for e in a.entities if e.label == "PERSON"}
    assert {"Андрей Клишас", "Мария Захарова", "Иван Баканов", "Ирина Венедиктова"} <= persons
    for name in persons:  # no common noun or clause is a person
        assert all(w[:1].isupper() for w in name.split()), name
    assert not any("енацифик" in m.text or "хунта" in m.text for m in a.mentions if m.label == "PERSON")
    reported = [q for q in a.quotes if q.kind == "reported"]
    assert ("Мария Захарова", "заявив") in {(q.speaker, q.cue) for q in reported}


def test_russian_dialogue_dash_and_pronoun() -> None:
    a = run("Министр иностранных дел Сергей Лавров выступил в Москве.\n"
            "— Мы не допустим этого, — заявил он. — Ответ будет жёстким.\n"
            "По словам Марии Захаровой, переговоры продолжатся на следующей неделе.", "ru")
    got = speakers(a)
    assert got.count(("direct", "Сергей Лавров")) == 2
    assert ("reported", "Мария Захарова") in got


def test_french_quotes_inverted_pronoun_and_selon() -> None:
    a = run("« Nous ne céderons pas », a déclaré Emmanuel Macron lundi à Paris.\n"
            "« La France restera aux côtés de l'Ukraine », a-t-il ajouté.\n"
            "Selon Jean Dupont, la réforme sera votée avant l'été.\n"
            "Bref, rien ne change.", "fr")
    assert speakers(a) == [("direct", "Emmanuel Macron"), ("direct", "Emmanuel Macron"), ("reported", "Jean Dupont")]
    assert not any(e.name == "Bref" for e in a.entities)


def test_german_quotes_so_and_surname() -> None:
    a = run("„Wir werden die Ukraine weiter unterstützen“, sagte Olaf Scholz am Montag in Berlin.\n"
            "„Das ist keine leichte Entscheidung, aber sie ist richtig“, so Scholz.\n"
            "Experten sagten, die Lage sei ernst.", "de")
    assert speakers(a)[:2] == [("direct", "Olaf Scholz"), ("direct", "Olaf Scholz")]
    assert {e.name for e in a.entities if e.label == "PERSON"} == {"Olaf Scholz"}  # "Experten" is no one


def test_italian_and_polish_cues() -> None:
    it = run("«Il governo non cadrà per questo», ha detto Mario Draghi ai giornalisti.\n"
             "Secondo Draghi, la crisi energetica durerà ancora a lungo.", "it")
    assert speakers(it) == [("direct", "Mario Draghi"), ("reported", "Mario Draghi")]
    pl = run("„Polska nie zmieni swojego stanowiska w tej sprawie” – powiedział Andrzej Duda w Warszawie.\n"
             "Prezydent Andrzej Duda stwierdził, że rozmowy z sojusznikami były bardzo owocne.", "pl")
    assert speakers(pl) == [("direct", "Andrzej Duda"), ("reported", "Andrzej Duda")]


def test_scare_quotes_without_cue_are_skipped() -> None:
    a = run("Власти назвали это «спецоперацией» и продолжили работу в обычном режиме.", "ru")
    assert a.quotes == []


def test_models_load_only_for_their_language() -> None:
    """An English article loads neither natasha nor the French model (checked in a fresh process)."""
    code = ("import sys\nfrom presswatch.article import Article, Metadata\n"
            "from presswatch.stages import analysers, linguistics, entities, quotes\n"
            "a = Article(text='Putin said the talks would go on.', metadata=Metadata(language='en'))\n"
            "[s.run(a) for s in (linguistics, entities, quotes)]\n"
            "print('natasha' in sys.modules, analysers.french.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.split() == ["False", "0"]


@pytest.mark.parametrize("lang", ["ru", "fr", "de", "it", "pl"])
def test_offsets_hold_in_every_language(lang: str, check_offsets) -> None:
    a = run("«Это важно», — сказал Иван Петров. „Gut“, sagte Hans Meier. « Oui », a dit Paul Martin.\n"
            "— Tak, — powiedział Jan Kowalski.", lang)
    check_offsets(a)
    assert a.analysers["language"] == lang


def test_article_page_says_its_language() -> None:
    from presswatch.web.render import environment

    page = environment().get_template("article.html")
    ru = Article(text="Привет", metadata=Metadata(language="ru"), analysers=analysers.describe("ru"))
    html = page.render(article=ru, article_id=1, path="/articles/1")
    assert '<html lang="ru"' in html and "natasha" in html
    odd = Article(text="x", metadata=Metadata(language='"><b>'))
    assert '<html lang="en"' in page.render(article=odd, article_id=1, path="/articles/1")


def test_polish_inline_dialogue_and_leader_title() -> None:
    a = run("Przywódca Korei Północnej Kim Dzong Un przemawiał w Pjongjangu.\n"
            "Co odpowiadał Kim Dzong Un? – Nasz system socjalistyczny pokonał wirusa w całości – mówił przywódca.",
            "pl")
    assert ("direct", "Kim Dzong Un") in speakers(a)
    assert "Kim Dzong Un" in {e.name for e in a.entities if e.label == "PERSON"}
