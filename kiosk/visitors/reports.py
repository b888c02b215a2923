"""Visitor numbers for staff, computed from the store in the pavilion's time zone.

Days run from midnight to midnight in the pavilion's time zone (DST-safe via zoneinfo); the
store itself holds UTC. Everything staff see (CLI, later screens) comes from `summary`.
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


def open_readonly(path: Path) -> sqlite3.Connection | None:
    """A read-only connection, or None when the kiosk has recorded nothing yet."""
    if not Path(path).exists():
        return None
    return sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)


def day_range(tz: ZoneInfo, day_from: date | None, day_to: date | None) -> tuple[float, float]:
    """UTC epoch bounds [start, end) of local days day_from..day_to inclusive."""
    start = _local_midnight(tz, day_from) if day_from else float("-inf")
    end = _local_midnight(tz, day_to + timedelta(days=1)) if day_to else float("inf")
    return start, end


def _local_midnight(tz: ZoneInfo, day: date) -> float:
    return datetime.combine(day, time(0), tzinfo=tz).timestamp()


def summary(
    conn: sqlite3.Connection | None,
    tz: ZoneInfo,
    day_from: date | None = None,
    day_to: date | None = None,
) -> dict:
    """Sessions, their length, zones, pages, languages, days and hours for a date range."""
    result: dict = {
        "timezone": tz.key,
        "from": day_from.isoformat() if day_from else None,
        "to": day_to.isoformat() if day_to else None,
        "sessions": 0,
        "avg_session_s": 0.0,
        "end_reasons": {},
        "zones": {},
        "pages": {},
        "languages": {},
        "days": {},
        "hours": {},
        "quizzes": {},
        "interactions": {},
    }
    if conn is None:
        return result
    start, end = day_range(tz, day_from, day_to)
    in_range = "s.started_at >= ? AND s.started_at < ?"
    bounds = (start, end)

    rows = conn.execute(
        "SELECT s.started_at, COALESCE(s.duration_s, s.last_activity_at - s.started_at),"
        f" COALESCE(s.end_reason, 'open') FROM sessions s WHERE {in_range}",
        bounds,
    ).fetchall()
    result["sessions"] = len(rows)
    if rows:
        result["avg_session_s"] = round(sum(r[1] for r in rows) / len(rows), 1)
    result["end_reasons"] = dict(sorted(Counter(r[2] for r in rows).items()))

    days: Counter[str] = Counter()
    hours: Counter[str] = Counter()
    for started_at, _, _ in rows:
        local = datetime.fromtimestamp(started_at, tz)
        days[local.date().isoformat()] += 1
        hours[f"{local.hour:02d}"] += 1
    result["days"] = {day: {"sessions": n} for day, n in sorted(days.items())}
    result["hours"] = dict(sorted(hours.items()))

    for zone_id, views, dwell in conn.execute(
        "SELECT z.zone_id, COUNT(*), COALESCE(SUM(z.dwell_s), 0) FROM zone_visits z"
        f" JOIN sessions s ON s.id = z.session_id WHERE {in_range}"
        " GROUP BY z.zone_id ORDER BY COUNT(*) DESC, z.zone_id",
        bounds,
    ):
        result["zones"][zone_id] = {"views": views, "dwell_s": round(dwell, 1)}

    for zone_id, page_id, views in conn.execute(
        "SELECT p.zone_id, p.page_id, COUNT(*) FROM page_views p"
        f" JOIN sessions s ON s.id = p.session_id WHERE {in_range}"
        " GROUP BY p.zone_id, p.page_id ORDER BY p.zone_id, p.page_id",
        bounds,
    ):
        result["pages"].setdefault(zone_id, {})[page_id] = views

    for zone_id, quiz_id, answers, right in conn.execute(
        "SELECT i.zone_id, i.item, COUNT(*), SUM(i.correct) FROM interactions i"
        f" JOIN sessions s ON s.id = i.session_id WHERE i.kind = 'quiz' AND {in_range}"
        " GROUP BY i.zone_id, i.item ORDER BY i.zone_id, i.item",
        bounds,
    ):
        result["quizzes"][f"{zone_id}/{quiz_id}"] = {"answers": answers, "correct": right or 0}

    for kind, count in conn.execute(
        "SELECT i.kind, COUNT(*) FROM interactions i"
        f" JOIN sessions s ON s.id = i.session_id WHERE {in_range} GROUP BY i.kind ORDER BY i.kind",
        bounds,
    ):
        result["interactions"][kind] = count

    for language, count in conn.execute(
        "SELECT l.language, COUNT(*) FROM session_languages l"
        f" JOIN sessions s ON s.id = l.session_id WHERE {in_range}"
        " GROUP BY l.language ORDER BY COUNT(*) DESC, l.language",
        bounds,
    ):
        result["languages"][language] = count
    return result


def sessions_today(path: Path, tz: ZoneInfo, now: float | None = None) -> int:
    """Visitors so far today, in the pavilion's time zone (for the attract screen)."""
    conn = open_readonly(path)
    if conn is None:
        return 0
    try:
        today = datetime.fromtimestamp(time_now() if now is None else now, tz).date()
        start, end = day_range(tz, today, today)
        query = "SELECT COUNT(*) FROM sessions WHERE started_at >= ? AND started_at < ?"
        return conn.execute(query, (start, end)).fetchone()[0]
    finally:
        conn.close()


def to_csv(report: dict) -> str:
    """One figure per row (section, key, value): opens as-is in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "key", "value"])
    writer.writerow(["total", "sessions", report["sessions"]])
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
    for hour, n in report["hours"].items():
        writer.writerow(["hour_sessions", hour, n])
    for quiz, q in report["quizzes"].items():
        writer.writerow(["quiz_answers", quiz, q["answers"]])
        writer.writerow(["quiz_correct", quiz, q["correct"]])
    for kind, n in report["interactions"].items():
        writer.writerow(["interactions", kind, n])
    return out.getvalue()


def to_text(report: dict) -> str:
    """A short readable report for a terminal."""
    span = f"{report['from'] or 'start'} .. {report['to'] or 'now'} ({report['timezone']})"
    lines = [
        f"Visitors {span}",
        f"  sessions          {report['sessions']}",
        f"  average length    {report['avg_session_s']:.0f} s",
    ]
    if report["end_reasons"]:
        ended = ", ".join(f"{k} {v}" for k, v in report["end_reasons"].items())
        lines.append(f"  ended by          {ended}")
    if report["zones"]:
        lines.append("Zones               views   dwell")
        for zone_id, z in report["zones"].items():
            lines.append(f"  {zone_id:<18}{z['views']:>5}  {z['dwell_s']:>6.0f} s")
    if report["languages"]:
        lines.append("Languages")
        lines += [f"  {code:<18}{n:>5}" for code, n in report["languages"].items()]
    if report["quizzes"]:
        lines.append("Quizzes             answers right")
        for quiz, q in report["quizzes"].items():
            lines.append(f"  {quiz:<18}{q['answers']:>5}  {q['correct']:>5}")
    if report["days"]:
        lines.append("Days")
        lines += [f"  {day:<18}{d['sessions']:>5}" for day, d in report["days"].items()]
    return "\n".join(lines)
