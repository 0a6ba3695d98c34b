"""The dashboard's charts: every bar, piece and point links to the search it summarises; each says what it counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from presswatch.corpus.search import UNKNOWN
from presswatch.taxonomy import FAMILY_ORDER_WITH_OTHER, FRAMES, GENRES, TECHNIQUES, family_of
from presswatch.web import charts
from presswatch.web.glossary import FAMILY_COLORS, pretty

# whose words carry the technique spans: the series of the voice chart, in stacking order, and their colours
VOICE_SERIES = {"author": "outlet's own words", "quoted": "direct quotes", "reported": "reported speech",
                "unknown": "unknown"}
VOICE_FILTER = {"author": "the outlet's own words", "quoted": "a direct quote", "reported": "reported speech"}
VOICE_COLORS = dict(zip(VOICE_SERIES.values(), (charts.PALETTE[1], charts.PALETTE[0], charts.PALETTE[5],
                                                charts.PALETTE[6]), strict=True))
OUTLET_ROWS = 15  # outlets in the per-outlet charts (most articles first)
OUTLET_LINES = 6  # outlets compared over time


@dataclass
class Chart:
    svg: Markup
    caption: str  # what is counted, and where a click leads


def search_url(**params: str | None) -> str:
    return "/search?" + urlencode({k: v for k, v in params.items() if v})


def _ranked(counts: dict[str, int], vocabulary: tuple[str, ...] = ()) -> list[tuple[str, int]]:
    """Every value of the vocabulary (zeros too: the whole taxonomy) and any other the store holds, most first."""
    merged = {k: 0 for k in vocabulary} | {k: int(v) for k, v in (counts or {}).items()}
    return sorted(merged.items(), key=lambda kv: (-kv[1], kv[0]))


def _bars(chart_id: str, title: str, counts: list[tuple[str, int]], param: str, color: str,
          label: Callable[[str], str] = pretty, closed: tuple[str, ...] = ()) -> Markup:
    """Bars linked to the search by `param`; with a `closed` vocabulary, labels outside it (noise in the store, which
    the filter refuses) are shown unlinked."""
    return charts.bar_chart(chart_id, title, [(label(k), float(v)) for k, v in counts],
                            links=[search_url(**{param: k}) if not closed or k in closed else None
                                   for k, _ in counts], color=color)


def dashboard_charts(st: dict[str, Any], by_outlet: list[dict[str, Any]], over_time: list[dict[str, Any]],
                     outlet_months: list[dict[str, Any]], technique_months: list[dict[str, Any]],
                     by_voice: list[dict[str, Any]], speakers: list[dict[str, Any]],
                     outlet: str | None = None) -> dict[str, Chart]:
    n = int(st.get("articles") or 0)
    outlet_sizes = {k: int(v) for k, v in (st.get("outlets") or {}).items()}
    out = {
        "techniques": Chart(_bars("chart-techniques", "Persuasion techniques", _ranked(st.get("techniques", {}),
                                  TECHNIQUES), "technique", charts.PALETTE[1], closed=TECHNIQUES),
                            f"Technique instances (spans, and paragraph labels without a span) in all {n} articles; "
                            "all 23 SemEval techniques. A bar opens the articles that use it."),
        "frames": Chart(_bars("chart-frames", "Frames", _ranked(st.get("frames", {}), FRAMES), "frame",
                              charts.PALETTE[3], closed=FRAMES),
                        "Articles with each frame (an article can have several); all 14 frames."),
        "genres": Chart(_bars("chart-genres", "Genres", _ranked(st.get("genres", {}), GENRES), "genre",
                              charts.PALETTE[2], str), "Articles per genre (one each, where the model gave one)."),
        "languages": Chart(_bars("chart-languages", "Languages", _ranked({k: v for k, v in (st.get("languages") or {})
                                                                          .items() if k != UNKNOWN}), "lang",
                                 charts.PALETTE[0], str), "Articles per detected language."),
        "speakers": Chart(charts.bar_chart("chart-speakers", "Most quoted speakers",
                                           [(r["speaker"], float(r["quotes"])) for r in speakers],
                                           href="/search?speaker={}", color=charts.PALETTE[0]),
                          "Attributed quotes per speaker (direct and reported); the 12 most quoted."),
        "by_outlet": _by_outlet(by_outlet, outlet_sizes),
        "voice": _voice(by_voice),
        "over_time": _over_time(over_time, outlet_months, outlet),
        "outlets_over_time": _outlets_over_time(technique_months, outlet_months, outlet_sizes),
    }
    return out


def _by_outlet(by_outlet: list[dict[str, Any]], sizes: dict[str, int]) -> Chart:
    families = list(FAMILY_ORDER_WITH_OTHER)
    rows: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for r in by_outlet:
        rows[r["outlet"]][family_of(r["technique"])] += r["count"] / max(1, sizes.get(r["outlet"], 1))
    biggest = sorted(rows, key=lambda o: (-sizes.get(o, 0), o))[:OUTLET_ROWS]
    shown = [(o, dict(rows[o])) for o in biggest]
    used = [f for f in families if any(v.get(f) for _, v in shown)]
    svg = charts.stacked_bar_chart("chart-outlets", "Persuasion techniques per article, per outlet, by family",
                                   shown, used, FAMILY_COLORS, link=lambda o, _f: search_url(outlet=o), digits=1)
    return Chart(svg, f"Technique instances per article of each outlet (outlets differ in size), by family; the "
                      f"{OUTLET_ROWS} outlets with most articles. A bar opens the outlet's articles.")


def _voice(by_voice: list[dict[str, Any]]) -> Chart:
    keys = {name: key for key, name in VOICE_SERIES.items()}
    rows = [(r["outlet"], {name: float(r[key]) for key, name in VOICE_SERIES.items()}) for r in by_voice]
    used = [name for name in VOICE_SERIES.values() if any(v[name] for _, v in rows)]

    def link(o: str, series: str) -> str:
        v = keys.get(series)
        return search_url(outlet=o, voice=v if v in VOICE_FILTER else None)

    svg = charts.stacked_bar_chart("chart-voice", "Persuasion in the outlet's own words vs in quotes, per outlet",
                                   rows, used, VOICE_COLORS, link=link)
    return Chart(svg, "Technique spans per outlet by whose words carry them (paragraph labels have no span). "
                      "A piece opens the outlet's articles with spans in those words.")


def _months(rows: list[dict[str, Any]]) -> list[str]:
    periods = sorted({r["period"] for r in rows if r.get("period")})
    return charts.month_range(periods[0], periods[-1]) if periods else []


def _over_time(over_time: list[dict[str, Any]], outlet_months: list[dict[str, Any]], outlet: str | None) -> Chart:
    families = list(FAMILY_ORDER_WITH_OTHER)
    periods = _months(over_time)
    index = {p: i for i, p in enumerate(periods)}
    articles = [0] * len(periods)
    for r in outlet_months:
        if r["period"] in index and (outlet is None or r["outlet"].casefold() == outlet.casefold()):
            articles[index[r["period"]]] += r["articles"]
    series: dict[str, list[float]] = {}
    for r in over_time:
        if r.get("period") in index:
            i = index[r["period"]]
            series.setdefault(family_of(r["technique"]), [0.0] * len(periods))[i] += r["count"] / max(1, articles[i])
    series = {f: series[f] for f in families if f in series}
    svg = charts.line_chart("chart-time", "Persuasion techniques per article, per month, by family", periods, series,
                            FAMILY_COLORS, link=lambda _f, p: search_url(outlet=outlet, since=p, until=p), digits=2)
    return Chart(svg, "Technique instances per article published that month (every month on the axis, gaps "
                      "included), by family. A point opens that month's articles.")


def _outlets_over_time(technique_months: list[dict[str, Any]], outlet_months: list[dict[str, Any]],
                       sizes: dict[str, int]) -> Chart:
    top = [o for o, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))][:OUTLET_LINES]
    periods = _months(outlet_months)
    index = {p: i for i, p in enumerate(periods)}
    articles = {o: [0] * len(periods) for o in top}
    for r in outlet_months:
        if r["outlet"] in articles and r["period"] in index:
            articles[r["outlet"]][index[r["period"]]] += r["articles"]
    series = {o: [0.0] * len(periods) for o in top}
    for r in technique_months:
        if r["outlet"] in series and r["period"] in index:
            i = index[r["period"]]
            series[r["outlet"]][i] += r["count"] / max(1, articles[r["outlet"]][i])
    series = {o: v for o, v in series.items() if any(v)}
    colors = {o: charts.PALETTE[i % len(charts.PALETTE)] for i, o in enumerate(series)}
    svg = charts.line_chart("chart-outlets-time", "Outlets compared: persuasion techniques per article, per month",
                            periods, series, colors, link=lambda o, p: search_url(outlet=o, since=p, until=p),
                            digits=2)
    return Chart(svg, f"Technique instances per article of each outlet, per month; the {OUTLET_LINES} outlets with "
                      "most articles on one axis. A point opens that outlet's articles of the month.")
