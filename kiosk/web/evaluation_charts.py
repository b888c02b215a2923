"""The Evaluation page's charts as inline SVG drawn on the server, like charts.py: a survival
curve, the path as bars, and a heat map per screen. No script; every mark that carries a number
has `data-figure` and `data-value`, and each chart a `role="img"` with a description."""

from __future__ import annotations

from html import escape

from kiosk.visitors.evaluation import Dwell, HeatMap, Step

WIDTH, HEIGHT = 360, 200
LEFT, RIGHT, TOP, BOTTOM = 34, 10, 10, 30  # room for the axes' labels


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def survival_curve(dwell: Dwell, description: str, minute: str, median_label: str) -> str:
    """The share of sessions still at the kiosk after t, as a step line from 100% down."""
    times = sorted(dwell.curve)
    span = times[-1] if times else 60
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(t: float) -> float:
        return LEFT + plot_w * t / span

    def y(share: float) -> float:
        return TOP + plot_h * (1 - share)

    parts = [
        f'<svg class="chart curve" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-label="{escape(description)}">'
    ]
    for share in (0, 0.25, 0.5, 0.75, 1):
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(share):.1f}" y2="{y(share):.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y(share) + 4:.1f}" text-anchor="end">'
            f"{int(share * 100)}%</text>"
        )
    step = 60 if span <= 600 else 120
    for t in range(0, int(span) + 1, step):
        parts.append(
            f'<text class="tick" x="{x(t):.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
            f"{t // 60}</text>"
        )
    parts.append(
        f'<text class="tick" x="{WIDTH - RIGHT}" y="{HEIGHT - 2}" text-anchor="end">{escape(minute)}</text>'
    )
    if dwell.sessions:
        # Start at 100% at t = 0, then each 10-s reading as a step: level until the next one.
        points = [(x(0), y(1.0))]
        previous = 1.0
        for t in times:
            share = dwell.curve[t]
            points += [(x(t), y(previous)), (x(t), y(share))]
            previous = share
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline class="line" points="{path}"/>')
        for t in times:
            parts.append(
                f'<g data-figure="dwell:after:{t}" data-value="{_number(dwell.curve[t])}">'
                f"<title>{t} s: {100 * dwell.curve[t]:.0f}%</title>"
                f'<rect class="hit" x="{x(t) - plot_w / len(times) / 2:.1f}" y="{TOP}"'
                f' width="{plot_w / len(times):.1f}" height="{plot_h}"/></g>'
            )
        if dwell.median_s is not None and dwell.median_s <= span:
            mx = x(dwell.median_s)
            parts.append(
                f'<line class="median" x1="{mx:.1f}" x2="{mx:.1f}" y1="{y(0.5):.1f}" y2="{y(0):.1f}"/>'
                f'<circle class="median" cx="{mx:.1f}" cy="{y(0.5):.1f}" r="3.5"/>'
                f'<text class="value" x="{min(mx + 6, WIDTH - RIGHT - 60):.1f}" y="{y(0.5) - 6:.1f}">'
                f"{escape(median_label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)


def path_bars(path: tuple[Step, ...], labels: dict[str, str], description: str) -> str:
    """Each step of the path as a bar as long as its share of the sessions started."""
    row, label_w = 40, 0
    height = row * len(path) + 4
    parts = [
        f'<svg class="chart path" viewBox="0 0 {WIDTH} {height}" role="img"'
        f' aria-label="{escape(description)}">'
    ]
    for index, step in enumerate(path):
        top = index * row
        width = max(2.0, (WIDTH - label_w) * step.pct / 100) if step.sessions else 0
        parts.append(
            f'<g data-figure="path:{step.name}" data-value="{step.sessions}">'
            f"<title>{escape(labels[step.name])}: {step.sessions} ({step.pct:g}%)</title>"
            f'<text class="tick" x="0" y="{top + 12}">{escape(labels[step.name])}</text>'
            f'<rect class="track" x="0" y="{top + 18}" width="{WIDTH}" height="14" rx="3"/>'
            f'<rect class="series-0" x="0" y="{top + 18}" width="{width:.1f}" height="14" rx="3"/>'
            f'<text class="value" x="{WIDTH}" y="{top + 12}" text-anchor="end">'
            f"{step.sessions} · {step.pct:g}%</text>"
            "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def heat_map(heat: HeatMap, description: str) -> str:
    """The screen as a grid of cells, each as dark as its share of the busiest cell's touches."""
    width, height = (180, 320) if heat.portrait else (320, 180)
    cell_w, cell_h = width / heat.grid, height / heat.grid
    busiest = max(heat.cells.values(), default=1)
    name = f"touches:{heat.screen}{':portrait' if heat.portrait else ''}"
    parts = [
        f'<svg class="heat" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(description)}">',
        f'<rect class="screen" width="{width}" height="{height}" rx="4"/>',
    ]
    for quarter in (1, 2, 3):  # guides at the quarters, to say "top right" by eye
        across, down = width * quarter / 4, height * quarter / 4
        parts.append(
            f'<line class="guide" x1="{across:.1f}" x2="{across:.1f}" y1="0" y2="{height}"/>'
            f'<line class="guide" x1="0" x2="{width}" y1="{down:.1f}" y2="{down:.1f}"/>'
        )
    for (column, row), n in heat.cells.items():
        strength = 0.12 + 0.88 * n / busiest  # the faintest cell with a touch still shows
        parts.append(
            f'<rect class="cell" data-figure="{escape(name)}:{column}:{row}" data-value="{n}"'
            f' x="{column * cell_w:.1f}" y="{row * cell_h:.1f}" width="{cell_w:.1f}" height="{cell_h:.1f}"'
            f' fill-opacity="{strength:.2f}"><title>{n}</title></rect>'
        )
    parts.append("</svg>")
    return "".join(parts)
