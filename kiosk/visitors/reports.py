"""Visitor numbers for staff, from one or several kiosks' stores, in the pavilion's time zone.

Everything staff see (the CLI, the staff screen, the web dashboard, /metrics) comes from
`summary`, as one typed `Report` (report.py), so the figures agree everywhere. The store holds
UTC and keeps running totals per 15-minute slot and per UTC day. Every time zone's offset is a
multiple of 15 minutes, so a local date range is whole slots: a report adds the UTC days inside
it and the slots at its ragged edges, and places each slot's sessions and entries on its local
day and hour, so days are cut at local midnight, across DST changes too.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import sqlite3
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import time as time_now
from zoneinfo import ZoneInfo

from kiosk.schedule import Schedule
from kiosk.visitors import sources, store
from kiosk.visitors.report import (
    Counts,
    KioskFigures,
    OpeningFigures,
    QuizFigures,
    Report,
    VideoFigures,
    ZoneFigures,
)

SLOT_S = store.SPANS["slot"]
SLOTS_PER_DAY = store.SPANS["day"] // SLOT_S
EPOCH = date(1970, 1, 1)


def open_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection, or None when the kiosk has recorded nothing yet."""
    if not Path(path).exists():
        return None
    return sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)


def store_files(paths: list[Path]) -> list[Path]:
    """The stores named: files, or every *.db in a folder (a pavilion's kiosks together)."""
    found = []
    for path in paths:
        found += sorted(Path(path).glob("*.db")) if Path(path).is_dir() else [Path(path)]
    return found


def day_range(tz: ZoneInfo, day_from: date | None, day_to: date | None) -> tuple[float, float]:
    """UTC epoch bounds [start, end) of local days day_from..day_to inclusive."""
    start = _local_midnight(tz, day_from) if day_from else 0.0
    end = _local_midnight(tz, day_to + timedelta(days=1)) if day_to else 1e12
    return start, end


def _local_midnight(tz: ZoneInfo, day: date) -> float:
    return datetime.combine(day, time(0), tzinfo=tz).timestamp()


def today(tz: ZoneInfo, now: float | None = None) -> date:
    return datetime.fromtimestamp(time_now() if now is None else now, tz).date()


def summary(
    conns: sqlite3.Connection | list[sqlite3.Connection | None] | None,
    tz: ZoneInfo,
    day_from: date | None = None,
    day_to: date | None = None,
    hours: Schedule | None = None,
    now: float | None = None,
    kiosks: set[str] | None = None,
) -> Report:
    """Sessions, entries, their times, zones, pages, languages, quizzes, for a date range.

    `conns` are kiosks' SQLite stores or the central PostgreSQL store (`sources`); `kiosks`
    keeps to those kiosks (a kiosk's store is the kiosk its sessions name). With the opening
    hours (`hours`), also how long the kiosk was open in each hour of the day and in all, so
    that an hour it was closed is not read as an hour nobody came."""
    if not isinstance(conns, list):
        conns = [conns]
    totals = _Totals(tz)
    bounds = day_range(tz, day_from, day_to)
    for conn in conns:
        if conn is not None:
            totals.add(conn, bounds, kiosks)
    report = totals.report(day_from, day_to)
    if hours is not None and not hours.always_open:  # always open: every hour counts, as before
        opening = _opening(report, hours, day_from, day_to, time_now() if now is None else now)
        report = dataclasses.replace(report, opening=opening)
    return report


def known_kiosks(conns: list) -> set[str]:
    """Every kiosk the stores hold records of: a --kiosk that names none of them is a typo, not
    a kiosk with no visitors."""
    return set().union(*(sources.of(conn).known() for conn in conns if conn is not None))


def _opening(
    report: Report, hours: Schedule, day_from: date | None, day_to: date | None, now: float
) -> OpeningFigures:
    """Open hours per hour of the day over the range (by the schedule as configured now, staff's
    word not included), the days it was closed, and sessions per hour it has been open so far."""
    days = list(report.days)  # in order
    first = day_from or (days[0] if days else None)
    last = day_to or (days[-1] if days else None)
    if first is None or last is None or last < first:
        return OpeningFigures({}, (), 0.0, None)
    start, end = day_range(hours.tz, first, last)
    by_hour, open_days = hours.open_by_hour(start, end)
    so_far = hours.open_seconds(start, min(end, now)) / 3600 if now > start else 0.0
    every_day = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return OpeningFigures(
        open_hours={h: round(by_hour.get(h, 0.0) / 3600, 2) for h in range(24)},
        closed_days=tuple(day for day in every_day if day not in open_days),
        open_h_so_far=round(so_far, 2),
        sessions_per_open_hour=round(report.sessions / so_far, 2) if so_far else None,
    )


def _buckets(first: int, last: int) -> list[tuple[str, int, int]]:
    """Cover slots [first, last) with whole UTC days, and single slots at either ragged edge."""
    day_from, day_to = -(-first // SLOTS_PER_DAY), last // SLOTS_PER_DAY
    if day_from >= day_to:
        return [("slot", first, last)]
    return [
        ("slot", first, day_from * SLOTS_PER_DAY),
        ("day", day_from, day_to),
        ("slot", day_to * SLOTS_PER_DAY, last),
    ]


def _offset_runs(tz: ZoneInfo, first: int, last: int) -> list[tuple[int, int, int]]:
    """Runs (a, b, offset) of slots [a, b) in [first, last) over which the local clock keeps one
    offset from UTC, in seconds. Probes every six hours: no zone changes its clock twice in that."""

    def offset(slot: int) -> int:
        return int(datetime.fromtimestamp(slot * SLOT_S, tz).utcoffset().total_seconds())

    runs = []
    start, current = first, offset(first)
    checked = first  # slots start..checked all keep `current`
    while checked < last - 1:
        probe = min(checked + 24, last - 1)
        if offset(probe) == current:
            checked = probe
            continue
        low, high = checked, probe  # the clock changes after low, at high at the latest
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (middle, high) if offset(middle) == current else (low, middle)
        runs.append((start, high, current))
        start, current, checked = high, offset(high), high
    runs.append((start, last, current))
    return runs


_FIGURE_NAMES = ", ".join(f"'{f.name}'" for f in (*store.FIGURES, *store.FILM_FIGURES))


class _Totals:
    """Figures added up over stores; a report is made from them at the end."""

    def __init__(self, tz: ZoneInfo) -> None:
        self.tz = tz
        self.sessions = 0
        self.entries = 0
        self.days: dict[date, Counter[str]] = {}  # local day -> sessions, entries
        self.hours: dict[int, Counter[str]] = {}  # local hour of the day -> sessions, entries
        self.seconds = 0.0
        self.reasons: Counter[str] = Counter()
        self.kiosks: Counter[str] = Counter()
        self.zone_views: Counter[str] = Counter()
        self.zone_dwell: Counter[str] = Counter()
        self.pages: dict[str, Counter[str]] = {}
        self.languages: Counter[str] = Counter()
        self.quiz_answers: Counter[str] = Counter()
        self.quiz_right: Counter[str] = Counter()
        self.interactions: Counter[str] = Counter()
        self.films: dict[str, Counter[str]] = {}  # "zone/film" -> plays, watched, done, length
        self.film_languages: dict[str, Counter[str]] = {}
        self.by_kiosk: dict[str, Counter[str]] = {}  # kiosk -> sessions, entries, seconds

    def add(self, conn, bounds: tuple[float, float], kiosks: set[str] | None = None) -> None:
        """Add one store's figures: a kiosk's SQLite file, or the central store (many kiosks)."""
        source = sources.of(conn)
        only = source.only(kiosks)
        if only is None:
            return  # a kiosk's file, not one of the kiosks asked for
        keep, kept = only
        totals = source.totals_source()
        first, last = int(bounds[0] // SLOT_S), int(bounds[1] // SLOT_S)
        self._add_days_and_hours(source, totals, first, last, keep, kept)
        ranges = _buckets(first, last)
        query = " UNION ALL ".join(
            f"SELECT {source.kiosk} AS kiosk, figure, zone, item, n, total FROM figure_totals"
            f" WHERE span = ? AND figure IN ({_FIGURE_NAMES}) AND bucket >= ? AND bucket < ?{keep}"
            for _ in ranges
        )
        rows = source.rows(
            f"{totals}SELECT kiosk, figure, zone, item, {source.count('n')}, {source.total('total')}"
            f" FROM ({query}) AS slots GROUP BY kiosk, figure, zone, item HAVING SUM(n) != 0",
            [value for bucket_range in ranges for value in (*bucket_range, *kept)],
        )
        for kiosk, figure, zone, item, n, total in rows:
            if figure == "sessions":
                self.sessions += n
                self.seconds += total
                self.by_kiosk.setdefault(source.name(kiosk), Counter()).update(sessions=n, seconds=total)
            elif figure == "entries":
                self.entries += n
                self.by_kiosk.setdefault(source.name(kiosk), Counter())["entries"] += n
            elif figure == "ended":
                self.reasons[item] += n
            elif figure == "kiosk":
                self.kiosks[item] += n
            elif figure == "zone":
                self.zone_views[item] += n
                self.zone_dwell[item] += total
            elif figure == "page":
                self.pages.setdefault(zone, Counter())[item] += n
            elif figure == "language":
                self.languages[item] += n
            elif figure == "interaction":
                self.interactions[item] += n
            elif figure == "quiz":
                self.quiz_answers[f"{zone}/{item}"] += n
                self.quiz_right[f"{zone}/{item}"] += int(total)
            elif figure == "film":
                self.films.setdefault(f"{zone}/{item}", Counter()).update(plays=n, watched=total)
            elif figure == "film_length":
                self.films.setdefault(f"{zone}/{item}", Counter())["length"] += total
            elif figure == "film_done":
                self.films.setdefault(f"{zone}/{item}", Counter())["done"] += n
            elif figure == "film_language":
                self.film_languages.setdefault(zone, Counter())[item] += n
        # Sessions still open count as long as they have lasted so far.
        open_sessions = source.rows(
            f"SELECT {source.kiosk}, {source.total('last_activity_at - started_at')} FROM sessions"
            f" WHERE ended_at IS NULL AND started_at >= ? AND started_at < ?{keep} GROUP BY 1",
            [*bounds, *kept],
        )
        for kiosk, seconds in open_sessions:
            self.seconds += seconds
            self.by_kiosk.setdefault(source.name(kiosk), Counter())["seconds"] += seconds

    def _add_days_and_hours(
        self, source: sources.Source, totals: str, first: int, last: int, keep: str, kept: list
    ) -> None:
        """Sessions and entries per local day and hour: the store adds up the slots of each
        stretch of time over which the pavilion's clock keeps one offset from UTC, per local
        hour since 1970, which gives both."""
        days_held = source.rows(
            f"{totals}SELECT MIN(bucket), MAX(bucket) FROM figure_totals"
            f" WHERE span = 'day' AND figure IN ('sessions', 'entries'){keep}",
            kept,
        )[0]
        if days_held[0] is None:
            return
        first = max(first, days_held[0] * SLOTS_PER_DAY)
        last = min(last, (days_held[1] + 1) * SLOTS_PER_DAY)
        if first >= last:
            return
        # One figure per query: the store then reads its slots in key order, with no IN to merge.
        slots = f"FROM figure_totals WHERE span = 'slot' AND figure = ? AND bucket >= ? AND bucket < ?{keep}"
        for start, end, offset in _offset_runs(self.tz, first, last):
            local_hour = f"(bucket * {SLOT_S} + {offset}) / 3600"
            for figure in ("sessions", "entries"):
                query = f"{totals}SELECT {local_hour}, {source.count('n')} {slots} GROUP BY 1"
                for hour, n in source.rows(query, (figure, start, end, *kept)):
                    day, hour_of_day = divmod(hour, 24)
                    self.days.setdefault(EPOCH + timedelta(days=day), Counter())[figure] += n
                    self.hours.setdefault(hour_of_day, Counter())[figure] += n

    def report(self, day_from: date | None, day_to: date | None) -> Report:
        sessions = self.sessions
        zones = sorted(self.zone_views.items(), key=lambda kv: (-kv[1], kv[0]))  # ranked by views
        return Report(
            timezone=self.tz.key,
            day_from=day_from,
            day_to=day_to,
            sessions=sessions,
            entries=self.entries,
            avg_session_s=_average(self.seconds, sessions),
            end_reasons=dict(sorted(self.reasons.items())),
            kiosks=dict(sorted(self.kiosks.items())),
            by_kiosk={
                kiosk: KioskFigures(c["sessions"], c["entries"], _average(c["seconds"], c["sessions"]))
                for kiosk, c in sorted(self.by_kiosk.items())
            },
            zones={zone: ZoneFigures(views, round(self.zone_dwell[zone], 1)) for zone, views in zones},
            pages={zone: dict(sorted(pages.items())) for zone, pages in sorted(self.pages.items())},
            languages=dict(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
            days={day: Counts(c["sessions"], c["entries"]) for day, c in sorted(self.days.items())},
            hours={hour: Counts(c["sessions"], c["entries"]) for hour, c in sorted(self.hours.items())},
            quizzes={
                quiz: QuizFigures(n, self.quiz_right[quiz]) for quiz, n in sorted(self.quiz_answers.items())
            },
            interactions=dict(sorted(self.interactions.items())),
            videos={
                film: VideoFigures(
                    c["plays"],
                    round(c["watched"], 1),
                    c["done"],
                    round(c["length"], 1),
                    dict(
                        sorted(
                            self.film_languages.get(film, Counter()).items(), key=lambda kv: (-kv[1], kv[0])
                        )
                    ),
                )
                for film, c in sorted(self.films.items())
            },
        )


def _average(seconds: float, sessions: int) -> float:
    return round(seconds / sessions, 1) if sessions else 0.0


def sessions_today(path: Path, tz: ZoneInfo, now: float | None = None) -> int:
    """Visitors so far today, in the pavilion's time zone (for the attract screen)."""
    conn = open_readonly(path)
    if conn is None:
        return 0
    try:
        start, end = day_range(tz, today(tz, now), today(tz, now))
        query = "SELECT COUNT(*) FROM sessions WHERE started_at >= ? AND started_at < ?"
        return conn.execute(query, (start, end)).fetchone()[0]
    finally:
        conn.close()


BREAKDOWNS = ("day", "hour", "zone", "language", "kiosk")


def rows_by(report: Report, by: str) -> list[list]:
    """One dimension of a report as a table: a header row, then a row per day/hour/zone/language."""
    if by == "day":
        return [["day", "sessions", "entries"]] + [
            [day.isoformat(), c.sessions, c.entries] for day, c in report.days.items()
        ]
    if by == "hour":
        if report.opening is None or not report.opening.open_hours:
            return [["hour", "sessions", "entries"]] + [
                [f"{hour:02d}", c.sessions, c.entries] for hour, c in report.hours.items()
            ]
        # Every hour of the day, with how long the kiosk was open in it: 0 is closed, not empty.
        return [["hour", "sessions", "entries", "open_hours"]] + [
            [f"{hour:02d}", report.hour(hour).sessions, report.hour(hour).entries, open_h]
            for hour, open_h in report.opening.open_hours.items()
        ]
    if by == "zone":
        return [["zone", "views", "dwell_s"]] + [
            [zone, z.views, z.dwell_s] for zone, z in report.zones.items()
        ]
    if by == "kiosk":
        return [["kiosk", "sessions", "entries", "avg_session_s"]] + [
            [kiosk, k.sessions, k.entries, k.avg_session_s] for kiosk, k in report.by_kiosk.items()
        ]
    return [["language", "sessions"]] + [[code, n] for code, n in report.languages.items()]


def to_csv(report: Report, by: str | None = None) -> str:
    """A table for a spreadsheet: one dimension (`by`), or every figure as section,key,value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if by:
        writer.writerows(rows_by(report, by))
        return out.getvalue()
    opening = report.opening
    writer.writerow(["section", "key", "value"])
    writer.writerow(["total", "sessions", report.sessions])
    writer.writerow(["total", "entries", report.entries])
    writer.writerow(["total", "avg_session_s", report.avg_session_s])
    for reason, n in report.end_reasons.items():
        writer.writerow(["ended_by", reason, n])
    for zone_id, z in report.zones.items():
        writer.writerow(["zone_views", zone_id, z.views])
        writer.writerow(["zone_dwell_s", zone_id, z.dwell_s])
    for code, n in report.languages.items():
        writer.writerow(["language_sessions", code, n])
    for day, d in report.days.items():
        writer.writerow(["day_sessions", day.isoformat(), d.sessions])
        writer.writerow(["day_entries", day.isoformat(), d.entries])
    for hour, h in report.hours.items():
        writer.writerow(["hour_sessions", f"{hour:02d}", h.sessions])
    if opening is not None:
        for hour, open_h in opening.open_hours.items():
            writer.writerow(["hour_open_hours", f"{hour:02d}", open_h])
        for day in opening.closed_days:
            writer.writerow(["closed_day", day.isoformat(), 1])
        if opening.sessions_per_open_hour is not None:
            writer.writerow(["total", "sessions_per_open_hour", opening.sessions_per_open_hour])
    for quiz, q in report.quizzes.items():
        writer.writerow(["quiz_answers", quiz, q.answers])
        writer.writerow(["quiz_correct", quiz, q.correct])
    for kind, n in report.interactions.items():
        writer.writerow(["interactions", kind, n])
    for film, v in report.videos.items():
        writer.writerow(["video_plays", film, v.plays])
        writer.writerow(["video_watched_s", film, v.watched_s])
        writer.writerow(["video_completed", film, v.completed])
        writer.writerow(["video_holding_power", film, v.holding_power])
    for kiosk, k in report.by_kiosk.items():
        writer.writerow(["kiosk_sessions", kiosk, k.sessions])
        writer.writerow(["kiosk_entries", kiosk, k.entries])
        writer.writerow(["kiosk_avg_session_s", kiosk, k.avg_session_s])
    return out.getvalue()


def to_text(report: Report, by: str | None = None) -> str:
    """A short readable report for a terminal."""
    first = report.day_from.isoformat() if report.day_from else "start"
    last = report.day_to.isoformat() if report.day_to else "now"
    lines = [
        f"Visitors {first} .. {last} ({report.timezone})",
        f"  sessions          {report.sessions}",
        f"  entries           {report.entries}",
        f"  average length    {report.avg_session_s:.0f} s",
    ]
    opening = report.opening
    if opening is not None and opening.sessions_per_open_hour is not None:
        lines.append(
            f"  per open hour     {opening.sessions_per_open_hour:.1f}"
            f" (open {opening.open_h_so_far:g} h; closed hours left out)"
        )
    if opening is not None and opening.closed_days:
        lines.append(f"  closed days       {len(opening.closed_days)}")
    if report.end_reasons:
        ended = ", ".join(f"{k} {v}" for k, v in report.end_reasons.items())
        lines.append(f"  ended by          {ended}")
    several = len(report.by_kiosk) > 1  # one kiosk's own figures need no breakdown
    for dimension in [by] if by else ["zone", "language", "day", *(["kiosk"] if several else [])]:
        table = rows_by(report, dimension)
        if len(table) > 1:
            lines.append(
                "  ".join(
                    f"{str(cell):<18}" if i == 0 else f"{str(cell):>9}" for i, cell in enumerate(table[0])
                ).rstrip()
            )
            for row in table[1:]:
                if dimension == "hour" and len(row) == 4 and not row[3]:
                    if not row[1] and not row[2]:
                        lines.append(f"  {row[0]:<16}     closed")
                        continue
                    row = [*row[:3], "closed"]  # visitors while staff had it open
                lines.append(
                    "  ".join(
                        f"  {str(cell):<16}" if i == 0 else f"{cell:>9}" for i, cell in enumerate(row)
                    ).rstrip()
                )
    if report.quizzes and not by:
        lines.append("Quizzes             answers    right")
        for quiz, q in report.quizzes.items():
            lines.append(f"  {quiz:<16}  {q.answers:>9}  {q.correct:>7}")
    if report.videos and not by:
        lines.append("Films                 plays  watched  completed  holding")
        for film, v in report.videos.items():
            watched = f"{v.watched_s:.0f} s"
            lines.append(
                f"  {film:<16}  {v.plays:>9}  {watched:>7}  {v.completed:>9}  {v.holding_power:>7.0%}"
            )
    return "\n".join(lines)
