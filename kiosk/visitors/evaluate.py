"""The evaluator's figures from the stores: each session's own records, read for a date range.

Attraction comes from the report's totals (`reports.summary`); the rest needs what each session
did, so it reads the records of the sessions begun in the range (a kiosk's SQLite files or the
central store, in SQL both take, as `reports` does) and sets them against the content: its
pages, its last pages, and how long each zone's texts take to read (`kiosk.content.words`).
A day of a busy kiosk is a few thousand rows; a year of a pavilion is better read by month.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from kiosk.content.model import Exhibit
from kiosk.content.words import PACE_SOURCE, Reading, reading
from kiosk.visitors import figures, reports, sources
from kiosk.visitors.evaluation import (
    Attraction,
    Dwell,
    Evaluation,
    HeatMap,
    Holding,
    HourAttraction,
    Step,
    Thorough,
    ZonePath,
)
from kiosk.visitors.sessions import TOUCH_GRID

CURVE_STEP_S = 10
CURVE_MAX_S = 900  # the curve is drawn to the longest visit, at most a quarter of an hour
SCREENS = ("attract", "language", "home", "zone")  # in the order a visit meets them

Key = tuple[int, str, str]  # (store, kiosk, session id): ids are unique per kiosk only


@dataclass
class Records:
    """What the sessions of a range did, from every store read."""

    lengths: dict[Key, float | None] = field(default_factory=dict)  # None: still open
    languages: dict[Key, list[tuple[float, str]]] = field(default_factory=lambda: defaultdict(list))
    zone_visits: list[tuple[Key, str, float, float | None]] = field(default_factory=list)
    pages: dict[Key, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    touches: Counter = field(default_factory=Counter)  # (screen, portrait, x, y) -> n

    def add(self, number: int, conn, bounds: tuple[float, float], kiosks: set[str] | None) -> None:
        source = sources.of(conn)
        only = source.only(kiosks)
        if only is None:
            return  # a kiosk's file, not one of the kiosks asked for
        keep, kept = only
        params = [*bounds, *kept]
        chosen = (
            f"WITH chosen AS (SELECT {source.kiosk} AS kiosk, id FROM sessions"
            f" WHERE started_at >= ? AND started_at < ?{keep}) "
        )

        def of(table: str, columns: str) -> list[tuple]:
            return source.rows(
                f"{chosen}SELECT c.kiosk, t.session_id, {columns} FROM {table} t"
                f" JOIN chosen c ON c.id = t.session_id{source.same_kiosk('c.kiosk', 't')}",
                params,
            )

        sessions = source.rows(
            f"SELECT {source.kiosk}, id, CASE WHEN ended_at IS NULL THEN NULL ELSE duration_s END"
            f" FROM sessions WHERE started_at >= ? AND started_at < ?{keep}",
            params,
        )
        for kiosk, sid, length in sessions:
            self.lengths[(number, kiosk, sid)] = length
        for kiosk, sid, language, first_at in of("session_languages", "t.language, t.first_at"):
            self.languages[(number, kiosk, sid)].append((first_at, language))
        for kiosk, sid, zone, entered, dwell in of("zone_visits", "t.zone_id, t.entered_at, t.dwell_s"):
            self.zone_visits.append(((number, kiosk, sid), zone, entered, dwell))
        for kiosk, sid, zone, page in of("page_views", "t.zone_id, t.page_id"):
            self.pages[(number, kiosk, sid)].add((zone, page))
        if "touches" in source.tables():  # a store from before the touch samples has none
            rows = source.rows(
                f"SELECT screen, portrait, cell_x, cell_y, {source.count('1')} FROM touches"
                f" WHERE at >= ? AND at < ?{keep} GROUP BY screen, portrait, cell_x, cell_y",
                params,
            )
            for screen, portrait, x, y, n in rows:
                self.touches[(screen, bool(portrait), x, y)] += n


def evaluate(
    conns,
    tz: ZoneInfo,
    exhibit: Exhibit,
    languages: list[str],
    default_language: str,
    day_from: date | None = None,
    day_to: date | None = None,
    kiosks: set[str] | None = None,
) -> Evaluation:
    """The evaluator's figures for local days day_from..day_to, over the stores `conns`."""
    if not isinstance(conns, list):
        conns = [conns]
    report = reports.summary(conns, tz, day_from, day_to, kiosks=kiosks)
    bounds = reports.day_range(tz, day_from, day_to)
    records = Records()
    for number, conn in enumerate(conns):
        if conn is not None:
            records.add(number, conn, bounds, kiosks)
    hours = {
        hour: HourAttraction(c.sessions, c.entries, figures.attraction(c.sessions, c.entries))
        for hour, c in report.hours.items()
    }
    attraction = Attraction(
        report.sessions, report.entries, figures.attraction(report.sessions, report.entries), hours
    )
    reads = reading(exhibit, languages, default_language)
    return Evaluation(
        timezone=tz.key,
        day_from=day_from,
        day_to=day_to,
        wpm=reads.wpm,
        pace_source=PACE_SOURCE,
        attraction=attraction,
        holding=_holding(records, exhibit, reads, default_language),
        thorough=_thorough(records, exhibit),
        dwell=_dwell(records),
        path=_path(records, exhibit),
        zone_paths=_zone_paths(records, exhibit),
        heat_maps=_heat_maps(records),
    )


def _language_at(records: Records, key: Key, moment: float, default: str) -> str:
    """The language a session was using at `moment`: the last it switched to before then (a
    language used again is recorded once, at its first use), else its first, else the default."""
    used = sorted(records.languages.get(key, ()))
    before = [language for at, language in used if at <= moment]
    return before[-1] if before else used[0][1] if used else default


def _holding(records: Records, exhibit: Exhibit, reads: Reading, default: str) -> dict[str, Holding]:
    visits: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for key, zone, entered, dwell in records.zone_visits:
        if dwell is None:
            continue  # still inside: no dwell yet
        language = _language_at(records, key, entered, default)
        needed = reads.seconds(zone, language if language in reads.wpm else default)
        if needed is not None:  # a zone no longer in the content has nothing to read
            visits[zone].append((dwell, needed))
    out = {}
    for zone in exhibit.zones:
        pairs = visits.get(zone.id, [])
        n = len(pairs)
        out[zone.id] = Holding(
            visits=n,
            dwell_s=round(sum(d for d, _ in pairs) / n, 1) if n else 0.0,
            reading_s=round(sum(r for _, r in pairs) / n, 1) if n else 0.0,
            power=figures.holding_power(pairs),
        )
    return out


def _all_pages(exhibit: Exhibit) -> set[tuple[str, str]]:
    return {(zone.id, page.id) for zone in exhibit.zones for page in zone.pages}


def _thorough(records: Records, exhibit: Exhibit) -> Thorough:
    pages = _all_pages(exhibit)  # pages no longer shown are not counted as seen
    seen = [len(records.pages.get(key, set()) & pages) for key in records.lengths]
    return Thorough(len(records.lengths), figures.thorough(seen, len(pages)), len(pages))


def _dwell(records: Records) -> Dwell:
    lengths = sorted(length for length in records.lengths.values() if length is not None)
    longest = min(CURVE_MAX_S, math.ceil((lengths[-1] if lengths else 0) / 60) * 60) or 60
    times = range(0, longest + 1, CURVE_STEP_S)
    return Dwell(
        sessions=len(lengths),
        mean_s=round(sum(lengths) / len(lengths), 1) if lengths else 0.0,
        median_s=figures.survival_time(lengths, 0.5),
        quarter_left_s=figures.survival_time(lengths, 0.75),
        three_quarters_left_s=figures.survival_time(lengths, 0.25),
        curve=dict(zip(times, figures.survival(lengths, times))),
    )


def _last_pages(exhibit: Exhibit) -> dict[str, tuple[str, str]]:
    return {zone.id: (zone.id, zone.pages[-1].id) for zone in exhibit.zones}


def _path(records: Records, exhibit: Exhibit) -> tuple[Step, ...]:
    last = set(_last_pages(exhibit).values())
    opened = {key for key, *_ in records.zone_visits}
    reached = [
        (True, bool(records.languages.get(key)), key in opened, bool(records.pages.get(key, set()) & last))
        for key in records.lengths
    ]
    counts = figures.steps(reached) or [0, 0, 0, 0]
    started = counts[0]
    names = ("started", "language", "zone", "last_page")
    return tuple(Step(name, n, figures.per_hundred(n, started) or 0.0) for name, n in zip(names, counts))


def _zone_paths(records: Records, exhibit: Exhibit) -> dict[str, ZonePath]:
    opened: dict[str, set[Key]] = defaultdict(set)
    for key, zone, *_ in records.zone_visits:
        if key in records.lengths:
            opened[zone].add(key)
    out = {}
    for zone_id, last in _last_pages(exhibit).items():
        sessions = opened.get(zone_id, set())
        reached = sum(1 for key in sessions if last in records.pages.get(key, set()))
        out[zone_id] = ZonePath(len(sessions), reached)
    return out


def _heat_maps(records: Records) -> tuple[HeatMap, ...]:
    maps: dict[tuple[str, bool], dict[tuple[int, int], int]] = defaultdict(dict)
    for (screen, portrait, x, y), n in records.touches.items():
        maps[(screen, portrait)][(x, y)] = n
    order = {screen: i for i, screen in enumerate(SCREENS)}
    return tuple(
        HeatMap(screen, portrait, TOUCH_GRID, dict(sorted(cells.items())))
        for (screen, portrait), cells in sorted(maps.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0]))
    )
