"""Charts drawn at build time as inline SVG: no JavaScript, nothing fetched.

One kind of chart covers the dashboards: horizontal bars split 100% by status, one bar
per row, with its label and its figures on a line of their own above it, so long
Chinese names need no horizontal room. The drawing is 360 units wide: on a 390 px
phone it is drawn at about its own size, so 14-unit text reads as 14 px. The series differ in lightness and in texture (solid, striped, light, outlined)
so they stay apart in greyscale print, and every value is also written as text. The
SVG carries its own <title> and <desc>; the caller puts the same numbers in a table.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 360
FONT = 14
BAR = 14
ROW = FONT + 6 + BAR + 10
LEGEND = 30


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    fill: str
    stroke: str = "none"


SERIES = {
    "done": Series("done", "已完成", "#1b5e20"),
    "in-progress": Series("in-progress", "推进中", "url(#{id}-stripes)", "#5c4400"),
    "not-started": Series("not-started", "未启动", "#c8c8c8"),
    "missing": Series("missing", "未建页面或状态未填写", "#ffffff", "#616161"),
}


@dataclass(frozen=True)
class Bar:
    label: str
    values: Sequence[int]
    """One value per series, in the order of the chart's `series`."""
    note: str
    """The text at the end of the bar, e.g. 60%(12/20)."""


def stacked_bars(chart_id: str, title: str, description: str, bars: Sequence[Bar], series: Sequence[str]) -> str:
    """An accessible SVG of 100%-stacked bars; `chart_id` must be unique on the page.
    A series no bar has is left out of the legend."""
    keep = [k for k in range(len(series)) if k == 0 or any(bar.values[k] for bar in bars)]
    used = [SERIES[series[k]] for k in keep]
    bars = [Bar(bar.label, [bar.values[k] for k in keep], bar.note) for bar in bars]
    rows_top = LEGEND + 8
    lines = [_label_lines(bar.label, WIDTH - _width(bar.note) - 8) for bar in bars]
    heights = [ROW + (len(label) - 1) * (FONT + 3) for label in lines]
    height = rows_top + sum(heights) + 4
    out = [f'<svg class="es-chart__svg" viewBox="0 0 {WIDTH} {height}" '
           f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
           f'font-size="{FONT}" fill="currentColor">',
           f'<title id="{chart_id}-title">{_x(title)}</title>', f'<desc id="{chart_id}-desc">{_x(description)}</desc>',
           f'<defs><pattern id="{chart_id}-stripes" width="6" height="6" patternUnits="userSpaceOnUse" '
           f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f2c14e"/>'
           f'<line x1="0" y1="0" x2="0" y2="6" stroke="#5c4400" stroke-width="3"/></pattern></defs>']
    out.append(_legend(chart_id, used))
    y = rows_top
    for bar, label, row_height in zip(bars, lines, heights):
        out.append(_row(chart_id, bar, label, used, y))
        y += row_height
    out.append("</svg>")
    return "".join(out)


def _legend(chart_id: str, used: Sequence[Series]) -> str:
    parts, x = ['<g class="es-chart__legend" aria-hidden="true">'], 0
    for s in used:
        parts.append(f'<rect x="{x}" y="6" width="14" height="14" fill="{s.fill.format(id=chart_id)}" '
                     f'stroke="{_stroke(s)}"/><text x="{x + 19}" y="18">{_x(s.label)}</text>')
        x += 19 + _width(s.label) + 16
    parts.append("</g>")
    return "".join(parts)


def _row(chart_id: str, bar: Bar, label: list[str], used: Sequence[Series], y: int) -> str:
    parts = ['<g class="es-chart__row">']
    for n, line in enumerate(label):
        parts.append(f'<text x="0" y="{y + FONT + n * (FONT + 3)}">{_x(line)}</text>')
    parts.append(f'<text x="{WIDTH}" y="{y + FONT}" text-anchor="end">{_x(bar.note)}</text>')
    top = y + (len(label) - 1) * (FONT + 3) + FONT + 6
    total = sum(bar.values)
    parts.append(f'<rect x="0" y="{top}" width="{WIDTH}" height="{BAR}" fill="none" stroke="#9e9e9e"/>')
    x = 0.0
    for s, value in zip(used, bar.values):
        if not value or not total:
            continue
        w = WIDTH * value / total
        parts.append(f'<rect x="{x:.1f}" y="{top}" width="{w:.1f}" height="{BAR}" fill="{s.fill.format(id=chart_id)}" '
                     f'stroke="{_stroke(s)}"><title>{_x(s.label)} {value}</title></rect>')
        x += w
    parts.append("</g>")
    return "".join(parts)


def _stroke(s: Series) -> str:
    return s.stroke if s.stroke != "none" else s.fill


def _label_lines(text: str, first_limit: int) -> list[str]:
    """The label in at most two lines: the first beside the figures, the second full width."""
    if _width(text) <= first_limit:
        return [text]
    first, rest = "", text
    while rest and _width(first + rest[0]) <= first_limit:
        first, rest = first + rest[0], rest[1:]
    while _width(rest) > WIDTH:
        rest = rest[:-2] + "…"
    return [first, rest]


def _width(text: str) -> int:
    """Approximate drawn width: CJK characters a full em, others about 0.6 em."""
    return sum(FONT if unicodedata.east_asian_width(ch) in "WF" else int(FONT * 0.6) for ch in text)


def _x(text: str) -> str:
    """Text safe in SVG, and in a page the macros plugin renders as a template."""
    return escape(text).replace("{", "&#123;").replace("}", "&#125;")
