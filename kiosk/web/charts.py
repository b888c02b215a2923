"""Bar charts as inline SVG, drawn on the server: the dashboard needs no script and no download.

Each bar is a `<g>` carrying `data-figure` and `data-value`, like every other figure on the
page, with a `<title>` a mouse pointer shows. Colours come from the stylesheet's classes
(`series-0`, `series-1`), so the charts follow the kiosk's palette.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

# Drawing units. The width is close to a chart's width on screen (a phone's ~320 px, a desktop
# card's ~470 px), so text drawn in these units stays readable at both.
WIDTH = 360
HEIGHT = 180
TOP = 20  # room for the value above the tallest bar
BOTTOM = 24  # room for the labels under the bars
SIDE = 4
CHAR_W = 7.2  # width of a digit at the stylesheet's chart text size, in drawing units
LETTER_W = 6.6  # the average letter of a label such as "Sun 22" (narrower than a digit)


@dataclass(frozen=True)
class Bar:
    value: float
    figure: str  # the data-figure name, e.g. "hour:10:sessions"
    tip: str  # what a pointer over the bar shows, e.g. "10:00-11:00: 3 sessions"


@dataclass(frozen=True)
class Column:
    label: str
    bars: list[Bar]  # one per series, in the order of the legend


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def column_chart(columns: list[Column], description: str, shown: Callable[[float], str] = _number) -> str:
    """Side-by-side bars per column, scaled to the tallest; values over the bars when they fit,
    written by `shown` (the page's language: "1 234" in Polish)."""
    count = max(1, len(columns))
    series = max((len(column.bars) for column in columns), default=1)
    plot_width = WIDTH - 2 * SIDE
    plot_height = HEIGHT - TOP - BOTTOM
    baseline = TOP + plot_height
    slot = plot_width / count
    bar_width = min(40.0, slot * 0.8 / series)
    peak = max((bar.value for column in columns for bar in column.bars), default=0) or 1
    widest_value = max((len(shown(bar.value)) for column in columns for bar in column.bars), default=1)
    values_fit = bar_width >= widest_value * CHAR_W + 2
    widest_label = max((len(column.label) for column in columns), default=1)
    label_every = max(1, math.ceil((widest_label * LETTER_W + 8) / slot))

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(description)}">',
        f'<line class="baseline" x1="{SIDE}" x2="{WIDTH - SIDE}" y1="{baseline}" y2="{baseline}"/>',
    ]
    for index, column in enumerate(columns):
        left = SIDE + index * slot + (slot - bar_width * len(column.bars)) / 2
        for number, bar in enumerate(column.bars):
            x = left + number * bar_width
            height = plot_height * bar.value / peak
            parts.append(
                f'<g data-figure="{escape(bar.figure)}" data-value="{_number(bar.value)}">'
                f"<title>{escape(bar.tip)}</title>"
            )
            if bar.value > 0:
                # At least a sliver, so a small number next to a big one still shows as a bar.
                height = max(height, 2.0)
                parts.append(
                    f'<rect class="series-{number}" x="{x + 1:.1f}" y="{baseline - height:.1f}"'
                    f' width="{bar_width - 2:.1f}" height="{height:.1f}" rx="2"/>'
                )
                if values_fit:
                    parts.append(
                        f'<text class="value" x="{x + bar_width / 2:.1f}" y="{baseline - height - 5:.1f}"'
                        f' text-anchor="middle">{escape(shown(bar.value))}</text>'
                    )
            parts.append("</g>")
    parts += _labels(columns, slot, label_every, baseline + 16)
    parts.append("</svg>")
    return "".join(parts)


def _labels(columns: list[Column], slot: float, every: int, y: float) -> list[str]:
    """Every `every`-th label, counted from the newest column at the right, which always has one.

    Each is centred under its column but kept inside the chart; one that would then touch its
    right-hand neighbour is left out.
    """
    texts = []
    free_until = float("inf")  # the left edge of the label placed last
    for index in range(len(columns) - 1, -1, -1):
        if (len(columns) - 1 - index) % every:
            continue
        label = columns[index].label
        half = len(label) * LETTER_W / 2
        centre = min(max(SIDE + (index + 0.5) * slot, SIDE + half), WIDTH - SIDE - half)
        if centre + half > free_until - 6:
            continue
        free_until = centre - half
        texts.append(
            f'<text class="tick" x="{centre:.1f}" y="{y}" text-anchor="middle">{escape(label)}</text>'
        )
    return texts[::-1]


def meter(fraction: float) -> str:
    """A thin horizontal bar, full width = 1, under a name in a ranked table."""
    width = round(100 * min(1.0, max(0.0, fraction)), 1)
    return (
        '<svg class="meter" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true">'
        f'<rect class="track" width="100" height="4"/><rect class="fill" width="{width}" height="4"/></svg>'
    )
