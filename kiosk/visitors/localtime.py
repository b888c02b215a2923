"""The pavilion's UTC offsets through time, kept in the store for its SQL views.

SQLite knows no time zones, so the views that give local times (migration 7) look each
moment up in `time_zone`: one row per stretch of time with one offset, from the zone's real
history (Asia/Almaty was UTC+6 until 1 March 2024, UTC+5 since; Warsaw moves an hour twice a
year). The kiosk writes it from zoneinfo at every start, so a corrected `timezone` setting or
newer time zone data reaches old records too, and recording stays as it was: no column is
added to the records, and nothing of it is forwarded.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from kiosk.visitors.store import transaction

FIRST_YEAR = 1970  # records are never older; a kiosk's clock before 2017 is set aside as doubtful
YEARS_AHEAD = 30  # beyond that the last offset is assumed; the next start extends it
STEP_S = 6 * 3600  # every offset in the time zone database lasts far longer than this

Period = tuple[int, int, str]  # since (UTC epoch seconds), offset in seconds, abbreviation


def periods(zone: ZoneInfo, now: float) -> list[Period]:
    """Each stretch of one UTC offset from FIRST_YEAR to YEARS_AHEAD after `now`."""
    start = int(datetime(FIRST_YEAR, 1, 1, tzinfo=timezone.utc).timestamp())
    end = int(datetime.fromtimestamp(now, timezone.utc).replace(month=1, day=1).timestamp())
    end += int((YEARS_AHEAD + 1) * 365.2425 * 86400)
    found = [(start, *_offset(zone, start))]
    t = start
    while t < end:
        step = t + STEP_S
        if _offset(zone, step) != found[-1][1:]:
            low, high = t, step  # the change is after low, at or before high: halve to the second
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (low, middle) if _offset(zone, middle) != found[-1][1:] else (middle, high)
            found.append((high, *_offset(zone, high)))
        t = step
    return found


def _offset(zone: ZoneInfo, at: int) -> tuple[int, str]:
    moment = datetime.fromtimestamp(at, zone)
    return int(moment.utcoffset().total_seconds()), moment.tzname() or ""


def keep(conn: sqlite3.Connection, zone_name: str, now: float) -> bool:
    """Write the zone's periods into `time_zone` unless they are there; True if written."""
    wanted = periods(ZoneInfo(zone_name), now)
    rows = [
        (since, wanted[i + 1][0] if i + 1 < len(wanted) else None, offset, abbreviation, zone_name)
        for i, (since, offset, abbreviation) in enumerate(wanted)
    ]
    if conn.execute("SELECT * FROM time_zone ORDER BY since").fetchall() == rows:
        return False
    with transaction(conn):
        conn.execute("DELETE FROM time_zone")
        conn.executemany("INSERT INTO time_zone VALUES (?, ?, ?, ?, ?)", rows)
    return True
