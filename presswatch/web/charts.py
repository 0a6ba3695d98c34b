"""Server-side SVG charts (bars, stacked bars, lines): no JS library, no CDN, every label escaped."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#8a8f98", "#f0e442")
_CHAR_W = 6.6  # average glyph width at the chart font size, to size label columns


def _short(label: str, n: int) -> str:
    return label if len(label) <= n else label[: n - 1] + "\u2026"


def _num(v: float) -> str:
    return f"{v:g}" if v != int(v) else str(int(v))


def _open(chart_id: str, title: str, width: int, height: int, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMinYMin meet">',
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


def bar_chart(chart_id: str, title: str, items: Sequence[tuple[str, float]], *, color: str = PALETTE[0],
              unit: str = "", href: str | None = None, width: int = 560) -> Markup:
    """Horizontal bars, largest first as given; `href` (with "{}" for the label) links each bar."""
    if not items:
        return _empty(chart_id, title)
    label_w = min(220, max(len(_short(lbl, 30)) for lbl, _ in items) * _CHAR_W + 12)
    row, top = 24, 8
    height = top + row * len(items) + 8
    top_v = max(v for _, v in items) or 1
    plot_w = width - label_w - 60
    desc = "; ".join(f"{lbl}: {_num(v)}{unit}" for lbl, v in items)
    parts = _open(chart_id, title, width, height, desc)
    for i, (lbl, v) in enumerate(items):
        y = top + i * row
        w = max(1.0, plot_w * v / top_v)
        bar = (f'<rect class="bar" x="{label_w:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" rx="2" '
               f'fill="{color}"><title>{escape(lbl)}: {_num(v)}{escape(unit)}</title></rect>')
        text = (f'<text class="chart-label" x="{label_w - 6:.1f}" y="{y + row / 2 + 3:.1f}">'
                f'{escape(_short(lbl, 30))}</text>')
        value = f'<text class="chart-value" x="{label_w + w + 5:.1f}" y="{y + row / 2 + 3:.1f}">{_num(v)}</text>'
        if href:
            link = escape(href.format(_urlq(lbl)))
            parts.append(f'<a href="{link}">{text}{bar}</a>{value}')
        else:
            parts.append(text + bar + value)
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_bar_chart(chart_id: str, title: str, rows: Sequence[tuple[str, dict[str, float]]],
                      series: Sequence[str], colors: dict[str, str], *, width: int = 560) -> Markup:
    """One horizontal bar per row, stacked by series, with a legend."""
    rows = [(lbl, vals) for lbl, vals in rows if sum(vals.values()) > 0]
    if not rows:
        return _empty(chart_id, title)
    label_w = min(220, max(len(_short(lbl, 30)) for lbl, _ in rows) * _CHAR_W + 12)
    row, top = 26, 8
    plot_w = width - label_w - 60
    top_v = max(sum(v.values()) for _, v in rows) or 1
    legend, legend_h = _legend(series, colors, 8, top + row * len(rows) + 10, width - 16)
    height = top + row * len(rows) + 14 + legend_h
    desc = "; ".join(f"{lbl}: " + ", ".join(f"{s} {_num(v[s])}" for s in series if v.get(s)) for lbl, v in rows)
    parts = _open(chart_id, title, width, height, desc)
    for i, (lbl, vals) in enumerate(rows):
        y = top + i * row
        parts.append(f'<text class="chart-label" x="{label_w - 6:.1f}" y="{y + row / 2 + 3:.1f}">'
                     f'{escape(_short(lbl, 30))}</text>')
        x = float(label_w)
        for s in series:
            v = vals.get(s, 0)
            if not v:
                continue
            w = plot_w * v / top_v
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row - 8}" '
                         f'fill="{colors[s]}"><title>{escape(lbl)} \u2014 {escape(s)}: {_num(v)}</title></rect>')
            x += w
        parts.append(f'<text class="chart-value" x="{x + 5:.1f}" y="{y + row / 2 + 3:.1f}">'
                     f'{_num(sum(vals.values()))}</text>')
    parts += legend
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(chart_id: str, title: str, periods: Sequence[str], series: dict[str, Sequence[float]],
               colors: dict[str, str], *, width: int = 560, height: int = 240) -> Markup:
    """One line per series over the periods (x axis), with points carrying tooltips, axes and a legend."""
    if not periods or not series:
        return _empty(chart_id, title)
    left, right, top, bottom = 36, 12, 10, 28
    legend, legend_h = _legend(list(series), colors, 8, height + 4, width - 16)
    total_h = height + legend_h + 8
    plot_w, plot_h = width - left - right, height - top - bottom
    top_v = max((max(v) for v in series.values() if v), default=1) or 1
    n = len(periods)

    def xy(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * (i + 0.5) / n)
        return x, top + plot_h - plot_h * v / top_v

    desc = "; ".join(f"{s}: " + ", ".join(f"{p} {_num(v)}" for p, v in zip(periods, vals, strict=False) if v)
                     for s, vals in series.items())
    parts = _open(chart_id, title, width, total_h, desc)
    for frac in (0, 0.5, 1):
        y = top + plot_h - plot_h * frac
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="chart-axis" x="{left - 4}" y="{y + 3:.1f}" text-anchor="end">'
                     f'{_num(round(top_v * frac, 1))}</text>')
    step = max(1, n // 8)
    for i, p in enumerate(periods):
        if i % step == 0 or i == n - 1:
            x, _ = xy(i, 0)
            parts.append(f'<text class="chart-axis" x="{x:.1f}" y="{height - 10}" text-anchor="middle">'
                         f'{escape(p)}</text>')
    for name, vals in series.items():
        pts = [xy(i, v) for i, v in enumerate(vals)]
        c = colors[name]
        if len(pts) > 1:
            d = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
            parts.append(f'<polyline class="line" fill="none" stroke="{c}" stroke-width="2" points="{d}"/>')
        for (x, y), p, v in zip(pts, periods, vals, strict=False):
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{c}"><title>{escape(name)}, '
                         f'{escape(p)}: {_num(v)}</title></circle>')
    parts += legend
    parts.append("</svg>")
    return Markup("".join(parts))


def _urlq(label: str) -> str:
    from urllib.parse import quote

    return quote(label, safe="")
