"""Chrome-free articles (the SemEval training split) lose no paragraph: everything but the headline is body."""

from __future__ import annotations

from pathlib import Path

import pytest

from presswatch.article import RawDocument
from presswatch.clean import clean
from presswatch.clean.lines import ends_sentence, normalise_line

LANGS = {"en": "en", "fr": "fr", "ge": "de", "it": "it", "po": "pl", "ru": "ru"}


def _articles(semeval_dir: Path, lang: str, n: int) -> list[Path]:
    return sorted((semeval_dir / lang / "train-articles").glob("*.txt"))[:n]


@pytest.mark.parametrize("lang", sorted(LANGS))
def test_every_paragraph_kept(semeval_dir: Path, lang: str) -> None:
    checked = 0
    for path in _articles(semeval_dir, lang, 40):
        article = clean(RawDocument(path.read_bytes(), str(path)))
        assert article.metadata.language == LANGS[lang], path.name
        kept = {normalise_line(line) for line in article.text.split("\n")}
        source = [normalise_line(x) for x in path.read_text(encoding="utf-8").split("\n")]
        for n, line in enumerate(source[1:], start=1):
            previous = source[n - 1]
            # whole paragraphs only: not a continuation of a line broken mid-sentence, not a copyright line
            if len(line.split()) >= 12 and ends_sentence(line) and (not previous or ends_sentence(previous)) \
                    and not line.startswith("©") and n > 1:
                assert line in kept, f"{path.name}: lost {line[:80]!r}"
                checked += 1
    assert checked > 100
