"""claims stage: figures, dates, comparisons and attributed statements, with their source and a score."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from presswatch.article import Article
from presswatch.stages.claims import rules, score

Annotate = Callable[..., Article]
Check = Callable[[Article], None]


def norm(text: str) -> str:
    """The example page has no-break spaces between words; compare with plain ones."""
    return text.replace("\u00a0", " ")


def test_example_claims(check_offsets: Check, example_article: Article) -> None:
    a = example_article
    check_offsets(a)
    assert len(a.claims) >= 3
    un = next(c for c in a.claims if norm(c.text).startswith("Around four million"))
    assert un.source == "United Nations"
    assert {"figure", "attribution"} <= set(un.kinds)
    assert [m.text for m in un.evidence if m.label == "CARDINAL"] == ["Around four million"]
    sept = next(c for c in a.claims if norm(c.text).startswith("On September 30"))
    assert "date" in sept.kinds and sept.evidence[0].text == "September 30"
    assert any("since 2011" in norm(c.text) and "date" in c.kinds for c in a.claims)
    haddad = next(c for c in a.claims if "Riad Haddad confirmed" in norm(c.text))
    assert haddad.source == "Riad Haddad"
    assert un.score > sept.score  # a sourced figure is more check-worthy than a bare date
    assert all(0.0 <= c.score <= 1.0 for c in a.claims)


def test_claim_kinds_and_non_claims(annotate_text: Annotate, check_offsets: Check) -> None:
    a = annotate_text("Is this the worst crisis in decades?\n"
                      "Unemployment rose to 7.5% in March, higher than in any month since 2009.\n"
                      "The weather was nice.\n"
                      "One of the officials arrived on Wednesday.\n"
                 '"We have documented more than 300 violations," Tedros Adhanom told reporters.')
    check_offsets(a)
    texts = {c.text: c for c in a.claims}
    assert not any(t.startswith(("Is this", "The weather", "One of")) for t in texts)
    jobs = texts["Unemployment rose to 7.5% in March, higher than in any month since 2009."]
    assert set(jobs.kinds) == {"figure", "date", "comparison"}
    assert {"7.5%", "March", "higher than"} <= {m.text for m in jobs.evidence}
    quoted = next(c for c in a.claims if "300 violations" in c.text)
    assert quoted.source == "Tedros Adhanom" and "quoted" in quoted.kinds


def test_score_is_the_documented_sum() -> None:
    r = rules()
    assert score(["figure"], 1, None, False, 10, r) == r.weights["figure"]
    two = score(["figure", "date"], 3, "United Nations", False, 10, r)
    expected = r.weights["figure"] + r.weights["date"] + 2 * r.extra_figure + r.named_source
    assert two == round(min(expected, 1.0), 3)
    assert score(["date"], 0, None, False, 3, r) == round(r.weights["date"] * r.short_factor, 3)
    assert score(["figure", "date", "comparison", "attribution"], 9, "X", False, 20, r) == 1.0
    assert score(["date"], 0, None, True, 10, r) < score(["date"], 0, None, False, 10, r)


SENTENCES = [
    "Around four million people have fled since 2011, according to UN estimates.",
    "On September 30, Russia began launching airstrikes.",
    "Prices rose by 12 percent, the highest in a decade, officials said.",
    '"More than 300 people died," he said.',
    "Nothing happened here",
]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6), st.sampled_from(["\n", " "]))
def test_claim_offsets_on_random_text(
    annotate_text: Annotate, check_offsets: Check, parts: list[str], sep: str
) -> None:
    a = annotate_text(sep.join(parts))
    check_offsets(a)
    for c in a.claims:
        assert c.kinds and 0.0 <= c.score <= 1.0
        assert all(c.start <= m.start and m.end <= c.end for m in c.evidence)


PIECES = list('ab Z9.,:;?!\n"“”«»„\u00a0\'-—') + ["said", " Putin ", " according to ", " UN ", " he ", "2011"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=60))
def test_all_stages_survive_hostile_text(annotate_text: Annotate, check_offsets: Check, pieces: list[str]) -> None:
    a = annotate_text("".join(pieces))
    check_offsets(a)
