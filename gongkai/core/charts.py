"""Bar charts as SVG markup, drawn on the server (DESIGN.md: no asset from a CDN, no script).

A chart is one ``<svg role="img">`` with a ``<title>`` and a ``<desc>`` (the page puts the
data table beneath it, so the chart is never the only way to read the figures). Sizes are in
the viewBox only, so the chart scales with its container; text has no font of its own and
takes the page's, and ``currentColor`` for its colour. Bars are grouped (one bar per series
in each category) or stacked; a bar is drawn only for a value above zero, and each carries
its series, category and value (``data-*`` and a ``<title>`` that browsers show on hover).
The value axis has ticks at round steps (1, 2 or 5 × 10ⁿ).

[I] Our own small builder rather than a charting package: the packaged ones (pygal, for
one) load their tooltip script from a CDN unless told otherwise, embed their own style sheet
and fonts, and do not mark the chart up for screen readers; this is about 200 lines.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 720
HEIGHT = 320
FONT_SIZE = 12
# Okabe–Ito: told apart by people with the common colour-vision deficiencies.
PALETTE = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#000000",
    "#f0e442",
)
_LEFT, _RIGHT, _TOP, _BOTTOM = 52, 12, 8, 40
_SWATCH = 12
_LEGEND_ROW = 20


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float]


@dataclass(frozen=True)
class BarChart:
    title: str
    description: str
    categories: Sequence[str]
    series: Sequence[Series]
    stacked: bool = False
    x_label: str = ""
    y_label: str = ""
    chart_id: str = "chart"  # unique on the page: the ids of <title> and <desc> derive from it


def nice_step(raw: float) -> float:
    """The least of 1, 2, 5 × 10ⁿ not below `raw` (> 0)."""
    magnitude: float = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw * (1 - 1e-12):
            return factor * magnitude
    raise AssertionError("unreachable: 10 × magnitude > raw")


def nice_ticks(maximum: float, *, at_most: int = 5, integer: bool = True) -> list[float]:
    """Ticks from 0 at a round step, the last one at or above `maximum`; whole numbers only
    when `integer` (counts, working days). An empty axis gets 0 and 1."""
    if maximum <= 0:
        return [0, 1]
    step = nice_step(maximum / at_most)
    if integer:
        step = max(step, 1)
    count = math.ceil(maximum / step - 1e-9)
    return [_rounded(k * step) for k in range(count + 1)]


def _rounded(value: float) -> float:
    return round(value, 10)


def number(value: float) -> str:
    """3.0 → "3", 7.5 → "7.5" (no trailing zeros, at most two decimals)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """An estimate without the font: a CJK character is 1 em, anything else 0.6 em."""
    return sum(size if ord(ch) > 0x2E7F else 0.6 * size for ch in text)


def _legend(series: Sequence[Series], width: float) -> tuple[list[str], float]:
    """The legend above the plot, wrapped into rows; returns its markup and its height."""
    parts: list[str] = []
    x, row = float(_LEFT), 0
    for k, item in enumerate(series):
        item_width = _SWATCH + 6 + text_width(item.name) + 18
        if x + item_width > width - _RIGHT and x > _LEFT:
            x, row = float(_LEFT), row + 1
        y = _TOP + row * _LEGEND_ROW
        parts.append(
            f'<g class="legend-item"><rect x="{x:.1f}" y="{y}" width="{_SWATCH}" '
            f'height="{_SWATCH}" fill="{colour(k)}"/><text x="{x + _SWATCH + 6:.1f}" '
            f'y="{y + _SWATCH - 1}">{escape(item.name)}</text></g>'
        )
        x += item_width
    return parts, (row + 1) * _LEGEND_ROW if series else 0


def colour(k: int) -> str:
    return PALETTE[k % len(PALETTE)]


def _maximum(chart: BarChart) -> float:
    if not chart.series:
        return 0
    if chart.stacked:
        return max(
            (sum(column) for column in zip(*(s.values for s in chart.series), strict=True)),
            default=0,
        )
    return max((max(s.values, default=0) for s in chart.series), default=0)


@dataclass(frozen=True)
class _Plot:
    left: float
    top: float
    width: float
    height: float
    top_value: float

    def y(self, value: float) -> float:
        return self.top + self.height * (1 - value / self.top_value)


def _axes(plot: _Plot, ticks: Sequence[float], chart: BarChart) -> list[str]:
    bottom = plot.top + plot.height
    parts = ['<g class="axes" stroke="currentColor" stroke-opacity="0.25">']
    parts += [
        f'<line x1="{plot.left}" x2="{plot.left + plot.width}" y1="{plot.y(t):.1f}" '
        f'y2="{plot.y(t):.1f}"/>'
        for t in ticks
    ]
    parts.append("</g>")
    parts.append('<g class="y-ticks" text-anchor="end">')
    parts += [
        f'<text x="{plot.left - 6}" y="{plot.y(t) + 4:.1f}">{number(t)}</text>' for t in ticks
    ]
    parts.append("</g>")
    step = plot.width / max(len(chart.categories), 1)
    parts.append('<g class="x-ticks" text-anchor="middle">')
    parts += [
        f'<text x="{plot.left + step * (i + 0.5):.1f}" y="{bottom + 16}">{escape(label)}</text>'
        for i, label in enumerate(chart.categories)
    ]
    parts.append("</g>")
    if chart.x_label:
        parts.append(
            f'<text class="x-label" x="{plot.left + plot.width / 2:.1f}" y="{bottom + 34}" '
            f'text-anchor="middle">{escape(chart.x_label)}</text>'
        )
    if chart.y_label:
        parts.append(
            f'<text class="y-label" x="{-(plot.top + plot.height / 2):.1f}" y="14" '
            f'transform="rotate(-90)" text-anchor="middle">{escape(chart.y_label)}</text>'
        )
    return parts


def _bar(x: float, y: float, width: float, height: float, k: int, i: int, chart: BarChart) -> str:
    item = chart.series[k]
    value = item.values[i]
    tip = f"{item.name} · {chart.categories[i]}: {number(value)}"
    return (
        f'<rect class="bar" x="{x:.2f}" y="{y:.2f}" width="{width:.2f}" height="{height:.2f}" '
        f'fill="{colour(k)}" data-series="{escape(item.name)}" '
        f'data-category="{escape(chart.categories[i])}" data-value="{number(value)}">'
        f"<title>{escape(tip)}</title></rect>"
    )


def _bars(plot: _Plot, chart: BarChart) -> list[str]:
    parts = ['<g class="bars">']
    step = plot.width / max(len(chart.categories), 1)
    inner = step * 0.7
    count = len(chart.series)
    for i in range(len(chart.categories)):
        start = plot.left + step * i + (step - inner) / 2
        base = 0.0
        for k, item in enumerate(chart.series):
            value = item.values[i]
            if value <= 0:
                continue
            if chart.stacked:
                y = plot.y(base + value)
                parts.append(_bar(start, y, inner, plot.y(base) - y, k, i, chart))
                base += value
            else:
                width = inner / count
                y = plot.y(value)
                parts.append(_bar(start + k * width, y, width, plot.y(0) - y, k, i, chart))
    parts.append("</g>")
    return parts


def bar_chart_svg(chart: BarChart, *, width: int = WIDTH, height: int = HEIGHT) -> str:
    """The chart as one <svg> element, ready to be placed inline in an HTML page."""
    for item in chart.series:
        if len(item.values) != len(chart.categories):
            raise ValueError(f"series {item.name!r} has {len(item.values)} values")
    legend, legend_height = _legend(chart.series, width)
    ticks = nice_ticks(_maximum(chart))
    top = _TOP + legend_height + 6
    plot = _Plot(
        left=_LEFT,
        top=top,
        width=width - _LEFT - _RIGHT,
        height=height - top - _BOTTOM,
        top_value=ticks[-1],
    )
    title_id, desc_id = f"{chart.chart_id}-title", f"{chart.chart_id}-desc"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" class="chart" '
        f'font-size="{FONT_SIZE}" fill="currentColor">',
        f'<title id="{escape(title_id)}">{escape(chart.title)}</title>',
        f'<desc id="{escape(desc_id)}">{escape(chart.description)}</desc>',
        *legend,
        *_axes(plot, ticks, chart),
        *_bars(plot, chart),
        f'<line class="baseline" x1="{plot.left}" x2="{plot.left + plot.width}" '
        f'y1="{plot.y(0):.1f}" y2="{plot.y(0):.1f}" stroke="currentColor"/>',
        "</svg>",
    ]
    return "\n".join(parts)
