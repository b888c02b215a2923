"""Visitor numbers for staff, from one or several kiosks' stores, in the pavilion's time zone.

Everything staff see (the CLI, the staff screen, the web dashboard, /metrics) comes from
`summary`, so the figures agree everywhere. The store holds UTC; SQLite adds up records in
15-minute slots (every time zone's offset is a multiple of 15 minutes), and each slot is then
placed on its local day and hour, so days are cut at local midnight, across DST changes too.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections import Counter
from datetime import date, datetime, time, timedelta
from pathlib import Path
from time import time as time_now
from zoneinfo import ZoneInfo

SLOT_S = 900


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
) -> dict:
    """Sessions, entries, their times, zones, pages, languages, quizzes, for a date range."""
    if not isinstance(conns, list):
        conns = [conns]
    totals = _Totals()
    bounds = day_range(tz, day_from, day_to)
    for conn in conns:
        if conn is not None:
            totals.add(conn, bounds)
    return totals.report(tz, day_from, day_to)


def _table(sql: str) -> str:
    return sql.split(" FROM ", 1)[1].split()[0]


class _Totals:
    """Figures added up over stores; a report is made from them at the end."""

    def __init__(self) -> None:
        self.slots: Counter[int] = Counter()  # slot -> sessions
        self.entry_slots: Counter[int] = Counter()
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

    def add(self, conn: sqlite3.Connection, bounds: tuple[float, float]) -> None:
        # A store written by an older kiosk lacks the newer tables: they count as empty.
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}

        def q(sql: str, params: tuple) -> list:
            return conn.execute(sql, params).fetchall() if _table(sql) in tables else []

        for slot, count, seconds in q(
            f"SELECT CAST(started_at / {SLOT_S} AS INTEGER) AS slot, COUNT(*),"
            " TOTAL(COALESCE(duration_s, last_activity_at - started_at))"
            " FROM sessions WHERE started_at >= ? AND started_at < ? GROUP BY slot",
            bounds,
        ):
            self.slots[slot] += count
            self.seconds += seconds
        for reason, kiosk, count in q(
            "SELECT COALESCE(end_reason, 'open'), kiosk_id, COUNT(*) FROM sessions"
            " WHERE started_at >= ? AND started_at < ? GROUP BY 1, 2",
            bounds,
        ):
            self.reasons[reason] += count
            self.kiosks[kiosk] += count
        for zone, views, dwell in q(
            "SELECT zone_id, COUNT(*), TOTAL(dwell_s) FROM zone_visits"
            " WHERE entered_at >= ? AND entered_at < ? GROUP BY zone_id",
            bounds,
        ):
            self.zone_views[zone] += views
            self.zone_dwell[zone] += dwell
        for zone, page, views in q(
            "SELECT zone_id, page_id, COUNT(*) FROM page_views"
            " WHERE viewed_at >= ? AND viewed_at < ? GROUP BY zone_id, page_id",
            bounds,
        ):
            self.pages.setdefault(zone, Counter())[page] += views
        for language, count in q(
            "SELECT language, COUNT(*) FROM session_languages"
            " WHERE first_at >= ? AND first_at < ? GROUP BY language",
            bounds,
        ):
            self.languages[language] += count
        for kind, zone, item, count, right in q(
            "SELECT kind, zone_id, item, COUNT(*), TOTAL(correct) FROM interactions"
            " WHERE at >= ? AND at < ? GROUP BY kind, zone_id, item",
            bounds,
        ):
            self.interactions[kind] += count
            if kind == "quiz":
                self.quiz_answers[f"{zone}/{item}"] += count
                self.quiz_right[f"{zone}/{item}"] += int(right)
        for slot, count in q(
            f"SELECT CAST(at / {SLOT_S} AS INTEGER) AS slot, TOTAL(count) FROM entries"
            " WHERE at >= ? AND at < ? GROUP BY slot",
            bounds,
        ):
            self.entry_slots[slot] += int(count)

    def report(self, tz: ZoneInfo, day_from: date | None, day_to: date | None) -> dict:
        sessions = sum(self.slots.values())
        days: dict[str, dict[str, int]] = {}
        hours: dict[str, dict[str, int]] = {}
        for counter, key in ((self.slots, "sessions"), (self.entry_slots, "entries")):
            for slot, count in counter.items():
                local = datetime.fromtimestamp(slot * SLOT_S, tz)
                day = days.setdefault(local.date().isoformat(), {"sessions": 0, "entries": 0})
                day[key] += count
                hour = hours.setdefault(f"{local.hour:02d}", {"sessions": 0, "entries": 0})
                hour[key] += count
        zones = {
            zone: {"views": views, "dwell_s": round(self.zone_dwell[zone], 1)}
            for zone, views in sorted(self.zone_views.items(), key=lambda kv: (-kv[1], kv[0]))
        }
        return {
            "timezone": tz.key,
            "from": day_from.isoformat() if day_from else None,
            "to": day_to.isoformat() if day_to else None,
            "sessions": sessions,
            "entries": sum(self.entry_slots.values()),
            "avg_session_s": round(self.seconds / sessions, 1) if sessions else 0.0,
            "end_reasons": dict(sorted(self.reasons.items())),
            "kiosks": dict(sorted(self.kiosks.items())),
            "zones": zones,
            "pages": {zone: dict(sorted(pages.items())) for zone, pages in sorted(self.pages.items())},
            "languages": dict(sorted(self.languages.items(), key=lambda kv: (-kv[1], kv[0]))),
            "days": dict(sorted(days.items())),
            "hours": dict(sorted(hours.items())),
            "quizzes": {
                quiz: {"answers": n, "correct": self.quiz_right[quiz]}
                for quiz, n in sorted(self.quiz_answers.items())
            },
            "interactions": dict(sorted(self.interactions.items())),
        }


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


BREAKDOWNS = ("day", "hour", "zone", "language")


def rows_by(report: dict, by: str) -> list[list]:
    """One dimension of a report as a table: a header row, then a row per day/hour/zone/language."""
    if by == "day":
        return [["day", "sessions", "entries"]] + [
            [d, v["sessions"], v["entries"]] for d, v in report["days"].items()
        ]
    if by == "hour":
        return [["hour", "sessions", "entries"]] + [
            [h, v["sessions"], v["entries"]] for h, v in report["hours"].items()
        ]
    if by == "zone":
        return [["zone", "views", "dwell_s"]] + [
            [z, v["views"], v["dwell_s"]] for z, v in report["zones"].items()
        ]
    return [["language", "sessions"]] + [[code, n] for code, n in report["languages"].items()]


def to_csv(report: dict, by: str | None = None) -> str:
    """A table for a spreadsheet: one dimension (`by`), or every figure as section,key,value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if by:
        writer.writerows(rows_by(report, by))
        return out.getvalue()
    writer.writerow(["section", "key", "value"])
    writer.writerow(["total", "sessions", report["sessions"]])
    writer.writerow(["total", "entries", report["entries"]])
    writer.writerow(["total", "avg_session_s", report["avg_session_s"]])
    for reason, n in report["end_reasons"].items():
        writer.writerow(["ended_by", reason, n])
    for zone_id, z in report["zones"].items():
        writer.writerow(["zone_views", zone_id, z["views"]])
        writer.writerow(["zone_dwell_s", zone_id, z["dwell_s"]])
    for code, n in report["languages"].items():
        writer.writerow(["language_sessions", code, n])
    for day, d in report["days"].items():
        writer.writerow(["day_sessions", day, d["sessions"]])
        writer.writerow(["day_entries", day, d["entries"]])
    for hour, h in report["hours"].items():
        writer.writerow(["hour_sessions", hour, h["sessions"]])
    for quiz, q in report["quizzes"].items():
        writer.writerow(["quiz_answers", quiz, q["answers"]])
        writer.writerow(["quiz_correct", quiz, q["correct"]])
    for kind, n in report["interactions"].items():
        writer.writerow(["interactions", kind, n])
    return out.getvalue()


def to_text(report: dict, by: str | None = None) -> str:
    """A short readable report for a terminal."""
    span = f"{report['from'] or 'start'} .. {report['to'] or 'now'} ({report['timezone']})"
    lines = [
        f"Visitors {span}",
        f"  sessions          {report['sessions']}",
        f"  entries           {report['entries']}",
        f"  average length    {report['avg_session_s']:.0f} s",
    ]
    if report["end_reasons"]:
        ended = ", ".join(f"{k} {v}" for k, v in report["end_reasons"].items())
        lines.append(f"  ended by          {ended}")
    for dimension in [by] if by else ["zone", "language", "day"]:
        table = rows_by(report, dimension)
        if len(table) > 1:
            lines.append(
                "  ".join(
                    f"{str(cell):<18}" if i == 0 else f"{str(cell):>9}" for i, cell in enumerate(table[0])
                ).rstrip()
            )
            for row in table[1:]:
                lines.append(
                    "  ".join(
                        f"  {str(cell):<16}" if i == 0 else f"{cell:>9}" for i, cell in enumerate(row)
                    ).rstrip()
                )
    if report["quizzes"] and not by:
        lines.append("Quizzes             answers    right")
        for quiz, q in report["quizzes"].items():
            lines.append(f"  {quiz:<16}  {q['answers']:>9}  {q['correct']:>7}")
    return "\n".join(lines)
