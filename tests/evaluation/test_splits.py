"""The split schemes: deterministic, disjoint, covering, and shifted the way they claim."""

from __future__ import annotations

import random

import pytest

from presswatch.evaluation.semeval import SemEvalArticle, load_language
from presswatch.evaluation.splits import SCHEMES, leave_one_language_out, make_splits, newest_slice, random_folds
from presswatch.taxonomy import LANGUAGES


def _toy() -> list[SemEvalArticle]:
    return [SemEvalArticle(str(100 + 7 * i), lang, "t\n\np") for lang in ("en", "fr", "ru") for i in range(12)]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_splits_are_deterministic_and_disjoint(scheme: str) -> None:
    arts = _toy()
    a, b = make_splits(arts, scheme), make_splits(arts, scheme)
    assert a == b
    for sp in a:
        assert not set(sp.train) & set(sp.test)
        assert set(sp.train) | set(sp.test) == set(range(len(arts)))


def test_splits_do_not_depend_on_input_order() -> None:
    arts = _toy()
    shuffled = arts[:]
    random.Random(3).shuffle(shuffled)
    for scheme in SCHEMES:
        ids = [{(arts[i].lang, arts[i].id) for i in sp.test} for sp in make_splits(arts, scheme)]
        ids2 = [{(shuffled[i].lang, shuffled[i].id) for i in sp.test} for sp in make_splits(shuffled, scheme)]
        assert ids == ids2, scheme


def test_random_folds_test_every_article_once_per_language() -> None:
    arts = _toy()
    tested = [i for sp in random_folds(arts, folds=4) for i in sp.test]
    assert sorted(tested) == list(range(len(arts)))
    assert random_folds(arts, folds=4, seed=1) != random_folds(arts, folds=4, seed=0)


def test_lolo_holds_out_exactly_one_language() -> None:
    arts = _toy()
    splits = leave_one_language_out(arts)
    assert [sp.name for sp in splits] == ["without en", "without fr", "without ru"]
    for sp in splits:
        assert len({arts[i].lang for i in sp.test}) == 1
        assert {arts[i].lang for i in sp.test}.isdisjoint({arts[i].lang for i in sp.train})


def test_newest_slice_holds_out_the_largest_ids_of_each_language() -> None:
    arts = _toy()
    (sp,) = newest_slice(arts, share=0.25)
    for lang in ("en", "fr", "ru"):
        test = sorted(int(arts[i].id) for i in sp.test if arts[i].lang == lang)
        train = [int(arts[i].id) for i in sp.train if arts[i].lang == lang]
        assert len(test) == 3 and min(test) > max(train)


def test_real_newest_slice_is_a_quarter_of_each_language(semeval_dir) -> None:
    arts = [a for lang in LANGUAGES for a in load_language(semeval_dir, lang)]
    (sp,) = newest_slice(arts)
    for lang in LANGUAGES:
        n = sum(a.lang == lang for a in arts)
        k = sum(arts[i].lang == lang for i in sp.test)
        assert abs(k - n / 4) <= 1


def test_unknown_scheme() -> None:
    with pytest.raises(ValueError, match="unknown split scheme"):
        make_splits(_toy(), "by-outlet")
