"""The evaluator's figures as one typed value, and the ways out of it: JSON, CSV and text.

`kiosk stats --evaluation` and the dashboard's Evaluation page read these attributes
(`evaluate.evaluate` makes them). The definitions are the README's ("Evaluation"); days are
the pavilion's local days, hours its local hours of the day.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date

# Times the text and the CSV read the survival curve at (the JSON has every 10 s).
DWELL_MARKS = (10, 30, 60, 90, 120, 180, 300, 600)


@dataclass(frozen=True)
class HourAttraction:
    sessions: int
    entries: int
    per_100: float | None  # sessions per 100 entries; None: nobody came through the door


@dataclass(frozen=True)
class Attraction:
    """Sessions begun per 100 people through the door, in all and per local hour of the day."""

    sessions: int
    entries: int
    per_100: float | None
    hours: dict[int, HourAttraction]


@dataclass(frozen=True)
class Holding:
    """A zone's holding power: mean dwell over the mean time its texts take to read."""

    visits: int  # zone visits with a dwell (left, or closed after a crash)
    dwell_s: float  # mean
    reading_s: float  # mean, each visit in the language it was made in
    power: float | None  # dwell_s / reading_s


@dataclass(frozen=True)
class Thorough:
    """Sessions that saw more than half of the exhibit's pages (Serrell's diligent visitors)."""

    sessions: int
    thorough: int
    pages_total: int

    @property
    def pct(self) -> float:
        return round(100 * self.thorough / self.sessions, 1) if self.sessions else 0.0


@dataclass(frozen=True)
class Dwell:
    """How long sessions lasted, as a distribution: the share still at the kiosk after t s."""

    sessions: int  # ended sessions (those still open have no length yet)
    mean_s: float
    median_s: float | None  # half had left by then
    quarter_left_s: float | None  # a quarter had left by then
    three_quarters_left_s: float | None
    curve: dict[int, float]  # t seconds -> share still there, every 10 s

    def at(self, seconds: int) -> float | None:
        return self.curve.get(seconds)


@dataclass(frozen=True)
class Step:
    name: str  # started, language, zone, last_page
    sessions: int
    pct: float  # of the sessions started


@dataclass(frozen=True)
class ZonePath:
    opened: int  # sessions that opened the zone
    last_page: int  # of them, sessions that reached its last page


@dataclass(frozen=True)
class HeatMap:
    """Sampled touches on one screen (in one shape), counted per cell of a grid x grid."""

    screen: str
    portrait: bool
    grid: int
    cells: dict[tuple[int, int], int]  # (column, row) from the top left -> touches

    @property
    def touches(self) -> int:
        return sum(self.cells.values())


@dataclass(frozen=True)
class Evaluation:
    timezone: str
    day_from: date | None
    day_to: date | None
    wpm: dict[str, float]  # the reading pace per language
    pace_source: str
    attraction: Attraction
    holding: dict[str, Holding]  # by zone, in the exhibit's order
    thorough: Thorough
    dwell: Dwell
    path: tuple[Step, ...]
    zone_paths: dict[str, ZonePath]  # by zone, in the exhibit's order
    heat_maps: tuple[HeatMap, ...]  # by screen, in the order a visit meets them

    def to_json(self) -> dict:
        return {
            "timezone": self.timezone,
            "from": self.day_from.isoformat() if self.day_from else None,
            "to": self.day_to.isoformat() if self.day_to else None,
            "attraction": {
                "sessions": self.attraction.sessions,
                "entries": self.attraction.entries,
                "per_100_entries": self.attraction.per_100,
                "hours": {
                    f"{hour:02d}": {
                        "sessions": h.sessions,
                        "entries": h.entries,
                        "per_100_entries": h.per_100,
                    }
                    for hour, h in self.attraction.hours.items()
                },
            },
            "holding_power": {
                "words_per_minute": dict(self.wpm),
                "pace_source": self.pace_source,
                "zones": {zone: asdict(h) for zone, h in self.holding.items()},
            },
            "thorough": {**asdict(self.thorough), "pct": self.thorough.pct},
            "dwell": {
                "sessions": self.dwell.sessions,
                "mean_s": self.dwell.mean_s,
                "median_s": self.dwell.median_s,
                "quarter_left_s": self.dwell.quarter_left_s,
                "three_quarters_left_s": self.dwell.three_quarters_left_s,
                "still_there_after_s": {str(t): share for t, share in self.dwell.curve.items()},
            },
            "path": {step.name: {"sessions": step.sessions, "pct": step.pct} for step in self.path},
            "zone_paths": {zone: asdict(z) for zone, z in self.zone_paths.items()},
            "heat_maps": [
                {
                    "screen": m.screen,
                    "portrait": m.portrait,
                    "grid": m.grid,
                    "touches": m.touches,
                    "cells": [[x, y, n] for (x, y), n in sorted(m.cells.items())],
                }
                for m in self.heat_maps
            ],
        }


PATH_LABELS = {
    "started": "started (left the attract screen)",
    "language": "chose a language",
    "zone": "opened a zone",
    "last_page": "reached a zone's last page",
}


def _number(value: float | None, unit: str = "") -> str:
    return "-" if value is None else f"{value:g}{unit}"


def to_text(ev: Evaluation) -> str:
    """The evaluator's figures for a terminal."""
    first = ev.day_from.isoformat() if ev.day_from else "start"
    last = ev.day_to.isoformat() if ev.day_to else "now"
    a = ev.attraction
    lines = [
        f"Evaluation {first} .. {last} ({ev.timezone})",
        f"  attraction        {_number(a.per_100)} sessions per 100 entries ({a.sessions} / {a.entries})",
    ]
    if a.hours:
        lines.append("  hour                sessions    entries   per 100")
        for hour, h in a.hours.items():
            lines.append(
                f"    {hour:02d}              {h.sessions:>9}  {h.entries:>9}  {_number(h.per_100):>8}"
            )
    t = ev.thorough
    lines.append(
        f"  thorough visitors {t.pct:g}% ({t.thorough} of {t.sessions} saw more than half"
        f" of {t.pages_total} pages)"
    )
    d = ev.dwell
    lines.append(
        f"  dwell             mean {d.mean_s:g} s, median {_number(d.median_s, ' s')},"
        f" a quarter gone by {_number(d.quarter_left_s, ' s')},"
        f" three quarters by {_number(d.three_quarters_left_s, ' s')} ({d.sessions} ended sessions)"
    )
    marks = [m for m in DWELL_MARKS if m in d.curve]
    if marks:
        lines.append("  still there after " + "  ".join(f"{m} s: {100 * d.curve[m]:.0f}%" for m in marks))
    lines.append("Path                  sessions        %")
    for step in ev.path:
        lines.append(f"  {PATH_LABELS[step.name]:<34} {step.sessions:>6}  {step.pct:>6g}")
    paces = ", ".join(f"{code} {wpm:g}" for code, wpm in ev.wpm.items())
    lines.append(f"Holding power (reading pace, words a minute: {paces})")
    lines.append("  zone                 visits   dwell s  reading s   power   last page")
    for zone, h in ev.holding.items():
        path = ev.zone_paths.get(zone, ZonePath(0, 0))
        lines.append(
            f"  {zone:<18} {h.visits:>8}  {h.dwell_s:>8g}  {h.reading_s:>9g}  {_number(h.power):>6}"
            f"   {path.last_page}/{path.opened}"
        )
    for m in ev.heat_maps:
        busiest = sorted(m.cells.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        where = ", ".join(f"({x},{y}) {n}" for (x, y), n in busiest)
        shape = "portrait" if m.portrait else "landscape"
        lines.append(f"Touches on {m.screen} ({shape}): {m.touches} sampled; busiest cells {where}")
    return "\n".join(lines)


def to_csv(ev: Evaluation) -> str:
    """Every figure as section,key,value, like `kiosk stats --csv`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "key", "value"])
    writer.writerow(["attraction", "per_100_entries", _number(ev.attraction.per_100, "")])
    for hour, h in ev.attraction.hours.items():
        writer.writerow(["attraction_hour", f"{hour:02d}", _number(h.per_100, "")])
    for code, wpm in ev.wpm.items():
        writer.writerow(["reading_wpm", code, wpm])
    for zone, h in ev.holding.items():
        writer.writerow(["holding_visits", zone, h.visits])
        writer.writerow(["holding_dwell_s", zone, h.dwell_s])
        writer.writerow(["holding_reading_s", zone, h.reading_s])
        writer.writerow(["holding_power", zone, _number(h.power, "")])
    writer.writerow(["thorough", "sessions", ev.thorough.sessions])
    writer.writerow(["thorough", "thorough", ev.thorough.thorough])
    writer.writerow(["thorough", "pages_total", ev.thorough.pages_total])
    writer.writerow(["thorough", "pct", ev.thorough.pct])
    writer.writerow(["dwell", "sessions", ev.dwell.sessions])
    writer.writerow(["dwell", "mean_s", ev.dwell.mean_s])
    writer.writerow(["dwell", "median_s", _number(ev.dwell.median_s, "")])
    for t, share in ev.dwell.curve.items():
        writer.writerow(["still_there_after_s", t, share])
    for step in ev.path:
        writer.writerow(["path", step.name, step.sessions])
    for zone, z in ev.zone_paths.items():
        writer.writerow(["zone_opened", zone, z.opened])
        writer.writerow(["zone_last_page", zone, z.last_page])
    for m in ev.heat_maps:
        name = f"{m.screen}{'/portrait' if m.portrait else ''}"
        for (x, y), n in sorted(m.cells.items()):
            writer.writerow([f"touches:{name}", f"{x},{y}", n])
    return out.getvalue()
