"""A visiting day in the store: three sessions on two kiosks, a quiz, the door, and a bit of yesterday."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from kiosk.config import Config
from kiosk.visitors import reports, store
from kiosk.visitors.sessions import (
    EntryCounted,
    Interaction,
    LanguageUsed,
    PageViewed,
    SessionEnded,
    SessionStarted,
    ZoneEntered,
    ZoneLeft,
)


def local(config: Config, day, hour: int, minute: int = 0) -> float:
    return datetime.combine(day, time(hour, minute), tzinfo=config.tz).timestamp()


def visit(sid, kiosk, start, length, zones, languages, quiz=None, reason="timeout"):
    """One visitor's session: languages, zones with their dwell, a page each, maybe a quiz answer."""
    events = [SessionStarted(sid, kiosk, start)]
    events += [LanguageUsed(sid, code, start + 1) for code in languages]
    seq = 0
    for zone_id, dwell in zones:
        seq += 1
        events += [ZoneEntered(sid, seq, zone_id, start + 2), ZoneLeft(sid, seq, start + 2 + dwell, dwell)]
        seq += 1
        events.append(PageViewed(sid, seq, zone_id, "p1", start + 3))
    if quiz is not None:
        seq += 1
        zone_id, quiz_id, right = quiz
        events.append(Interaction(sid, seq, zone_id, "p1", "quiz", quiz_id, "2", right, start + 5))
    events.append(SessionEnded(sid, start + length, length, reason))
    return events


def record_visiting_day(config: Config) -> None:
    """Today in the pavilion (three sessions, two kiosks, a quiz, the door) and a bit of yesterday."""
    today = reports.today(config.tz)
    yesterday = today - timedelta(days=1)
    events = [
        *visit(
            "a",
            "kiosk-1",
            local(config, today, 10, 5),
            100,
            [("forest", 40), ("regions", 30)],
            ["pl", "en"],
            ("forest", "forum", True),
        ),
        *visit(
            "b",
            "kiosk-1",
            local(config, today, 10, 40),
            50,
            [("forest", 20)],
            ["en"],
            ("forest", "forum", False),
            "finished",
        ),
        *visit("c", "kiosk-2", local(config, today, 14, 10), 95, [("energy", 65)], ["kk", "ru"]),
        *visit("d", "kiosk-1", local(config, yesterday, 12), 30, [("forest", 10)], ["pl"]),
        EntryCounted("door-1", "k", local(config, today, 10, 0), 3),
        EntryCounted("door-2", "k", local(config, today, 14, 0), 2),
        EntryCounted("door-3", "k", local(config, yesterday, 11, 0), 1),
    ]
    conn = store.connect(config.store_file)
    try:
        store.write(conn, events)
    finally:
        conn.close()
