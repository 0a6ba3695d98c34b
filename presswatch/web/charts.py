"""Server-side SVG charts (bars, stacked bars, lines): no JS library, no CDN, every label escaped."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8a8f98", "#f0e442")
_CHAR_W = 6.6  # average glyph width at the chart font size, to size label columns
LABEL_CHARS = 28  # longer labels wrap onto a second line


def _short(label: str, n: int) -> str:
    return label if len(label) <= n else label[: n - 1] + "\u2026"


def _num(v: float, digits: int = 0) -> str:
    if digits:
        return f"{v:.{digits}f}"
    return f"{v:g}" if v != int(v) else str(int(v))


def _open(chart_id: str, title: str, width: int, height: int, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{chart_id}" class="chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
    ]


def _empty(chart_id: str, title: str) -> Markup:
    parts = _open(chart_id, title, 480, 60, "No data yet.")
    parts.append('<text x="10" y="35" class="chart-empty">No data yet.</text></svg>')
    return Markup("".join(parts))


def _legend(series: Sequence[str], colors: dict[str, str], x: float, y: float, width: float) -> tuple[list[str], float]:
    """Legend swatches flowing left to right; returns the parts and the height used."""
    parts: list[str] = ['<g class="chart-legend">']
    cx, cy = x, y
    for name in series:
        w = 18 + len(name) * _CHAR_W + 14
        if cx + w > x + width and cx > x:
            cx, cy = x, cy + 18
        parts.append(f'<rect x="{cx:.1f}" y="{cy:.1f}" width="12" height="12" rx="2" fill="{colors[name]}"/>')
        parts.append(f'<text x="{cx + 17:.1f}" y="{cy + 10:.1f}">{escape(name)}</text>')
        cx += w
    parts.append("</g>")
    return parts, cy - y + 18


def _label(x: float, y: float, label: str, cls: str = "chart-label") -> str:
    """A right-aligned label of up to two lines (full text in the bar's tooltip)."""
    lines = _wrap(label)
    if len(lines) == 1:
        return f'<text class="{cls}" x="{x:.1f}" y="{y + 3:.1f}">{escape(lines[0])}</text>'
    spans = "".join(f'<tspan x="{x:.1f}" dy="{dy}">{escape(line)}</tspan>'
                    for line, dy in zip(lines, ("-0.35em", "1.1em"), strict=True))
    return f'<text class="{cls}" x="{x:.1f}" y="{y + 3:.1f}">{spans}</text>'


def _wrap(label: str, n: int = LABEL_CHARS) -> list[str]:
    if len(label) <= n:
        return [label]
    lines = textwrap.wrap(label.replace("_", " "), n, break_on_hyphens=True) or [label]
    if len(lines) > 2:
        lines = [lines[0], _short(" ".join(lines[1:]), n)]
    return lines


def _label_width(labels: Sequence[str]) -> float:
    return min(LABEL_CHARS * _CHAR_W + 12, max(max(len(line) for line in _wrap(lbl)) for lbl in labels) * _CHAR_W + 12)


def _link(href: str | None, inner: str) -> str:
    return f'<a href="{escape(href)}">{inner}</a>' if href else inner


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, float]], *, color: str = PALETTE[0],
              unit: str = "", href: str | None = None, links: Sequence[str | None] | None = None,
              width: int = 560) -> Markup:
    """Horizontal bars, in the order given; each bar links to `links[i]` or `href` (with "{}" for the label)."""
    if not items:
        return _empty(chart_id, title)
    label_w = _label_width([lbl for lbl, _ in items])
    row, top = (30 if any(len(_wrap(lbl)) > 1 for lbl, _ in items) else 24), 8
    height = top + row * len(items) + 8
    top_v = max(v for _, v in items) or 1
    plot_w = width - label_w - 60
    desc = "; ".join(f"{lbl}: {_num(v)}{unit}" for lbl, v in items)
    parts = _open(chart_id, title, width, height, desc)
    for i, (lbl, v) in enumerate(items):
        y = top + i * row
        w = max(1.0, plot_w * v / top_v) if v else 0.0
        faint = "" if v else ' opacity=".25"'
        bar = (f'<rect class="bar" x="{label_w:.1f}" y="{y + 3}" width="{max(w, 1.0):.1f}" height="{row - 8}" '
               f'rx="2" fill="{color}"{faint}><title>{escape(lbl)}: {_num(v)}'
               f'{escape(unit)}</title></rect>')
        text = _label(label_w - 6, y + row / 2, lbl)
        value = f'<text class="chart-value" x="{label_w + w + 5:.1f}" y="{y + row / 2 + 3:.1f}">{_num(v)}</text>'
        link = links[i] if links is not None else (href.format(_urlq(lbl)) if href else None)
        parts.append(_link(link, text + bar) + value)
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, dict[str, float]]],
                      series: Sequence[str], colors: dict[str, str], *, width: int = 560,
                      link: Callable[[str, str], str | None] | None = None, digits: int = 0) -> Markup:
    """One horizontal bar per row, stacked by series, with a legend; `link(row, series)` links each piece."""
    rows = [(lbl, vals) for lbl, vals in rows if sum(vals.values()) > 0]
    if not rows:
        return _empty(chart_id, title)
    label_w = _label_width([lbl for lbl, _ in rows])
    row, top = 26, 8
    plot_w = width - label_w - 60
    top_v = max(sum(v.values()) for _, v in rows) or 1
    legend, legend_h = _legend(series, colors, 8, top + row * len(rows) + 10, width - 16)
    height = top + row * len(rows) + 14 + legend_h
    desc = "; ".join(f"{lbl}: " + ", ".join(f"{s} {_num(v[s], digits)}" for s in series if v.get(s))
                     for lbl, v in rows)
    parts = _open(chart_id, title, width, height, desc)
    for i, (lbl, vals) in enumerate(rows):
        y = top + i * row
        parts.append(_link(link(lbl, "") if link else None, _label(label_w - 6, y + row / 2, lbl)))
        x = float(label_w)
        for s in series:
            v = vals.get(s, 0)
            if not v:
                continue
            w = plot_w * v / top_v
            rect = (f'<rect class="bar" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                    f'fill="{colors[s]}"><title>{escape(lbl)} \u2014 {escape(s)}: {_num(v, digits)}</title></rect>')
            parts.append(_link(link(lbl, s) if link else None, rect))
            x += w
        parts.append(f'<text class="chart-value" x="{x + 5:.1f}" y="{y + row / 2 + 3:.1f}">'
                     f'{_num(sum(vals.values()), digits)}</text>')
    parts += legend
    parts.append("</svg>")
    return Markup("".join(parts))


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` (YYYY-MM), so a time axis spaces months evenly, gaps included."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last[:7] and len(out) < 1200:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def line_chart(chart_id: str, title: str, periods: Sequence[str], series: dict[str, Sequence[float]],
               colors: dict[str, str], *, width: int = 560, height: int = 240,
               link: Callable[[str, str], str | None] | None = None, digits: int = 0) -> Markup:
    """One line per series over the periods (x axis: give every month, see `month_range`), points with tooltips
    (linked by `link(series, period)`), axes and a legend."""
    if not periods or not series:
        return _empty(chart_id, title)
    left, right, top, bottom = 40, 12, 10, 28
    legend, legend_h = _legend(list(series), colors, 8, height + 4, width - 16)
    total_h = height + legend_h + 8
    plot_w, plot_h = width - left - right, height - top - bottom
    top_v = max((max(v) for v in series.values() if v), default=1) or 1
    n = len(periods)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * (i + 0.5) / n)
        return x, top + plot_h - plot_h * v / top_v

    desc = "; ".join(f"{s}: " + ", ".join(f"{p} {_num(v, digits)}" for p, v in zip(periods, vals, strict=False) if v)
                     for s, vals in series.items())
    parts = _open(chart_id, title, width, total_h, desc)
    for frac in (0, 0.5, 1):
        y = top + plot_h - plot_h * frac
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="chart-axis" x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">'
                     f'{_num(round(top_v * frac, 2), digits)}</text>')
    step = max(1, -(-n // 8))
    for i, p in enumerate(periods):
        if i % step == 0:
            x, _ = xy(i, 0)
            parts.append(f'<text class="chart-axis" x="{x:.1f}" y="{height - 10}" text-anchor="middle">'
                         f'{escape(p)}</text>')
    for name, vals in series.items():
        c = colors[name]
        pts = [xy(i, v) for i, v in enumerate(vals)]
        if len(pts) > 1:
            d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            parts.append(f'<polyline class="line" fill="none" stroke="{c}" stroke-width="2" points="{d}"/>')
        for (x, y), p, v in zip(pts, periods, vals, strict=False):
            if not v:
                continue
            dot = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{c}"><title>{escape(name)}, '
                   f'{escape(p)}: {_num(v, digits)}</title></circle>')
            parts.append(_link(link(name, p) if link else None, dot))
    parts += legend
    parts.append("</svg>")
    return Markup("".join(parts))


def _urlq(label: str) -> str:
    from urllib.parse import quote

    return quote(label, safe="")
