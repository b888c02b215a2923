"""A day at the pavilion whose counts exercise every plural form staff read: 1, 2, 5, 12, 22.

Zones are the sample pavilion's, so their titles come from its content; one zone ("energy") is
not in it, and keeps its id. The door counted 12 345 people, so numbers need a thousands mark.
"""

from __future__ import annotations

from datetime import date, datetime, time

from kiosk.config import Config
from kiosk.visitors import store
from kiosk.visitors.sessions import (
    EntryCounted,
    LanguageUsed,
    SessionEnded,
    SessionStarted,
    ZoneEntered,
    ZoneLeft,
)

DAY = date(2017, 9, 7)  # the pavilion's season; the staff tests' clocks stand on it
ZONE_VIEWS = {"national-day": 22, "technologies": 12, "forest": 5, "regions": 2, "poland-kazakhstan": 1}
ZONE_VIEWS["energy"] = 1  # a zone the content no longer has
LANGUAGES = ["pl"] * 5 + ["en"] * 3 + ["kk"] * 2 + ["ru"]  # 11 sessions: 5, 3, 2 and 1 of them
HOURS = [10] + [11] * 2 + [12] * 5 + [13] * 3  # sessions per hour: 1, 2, 5, 3
DOOR = 12_345


def record(config: Config, day: date = DAY) -> None:
    def at(hour: int, minute: int = 0) -> float:
        return datetime.combine(day, time(hour, minute), tzinfo=config.tz).timestamp()

    entries = [zone for zone, views in ZONE_VIEWS.items() for _ in range(views)]
    events = []
    for number, (language, hour) in enumerate(zip(LANGUAGES, HOURS)):
        sid, start = f"s{number}", at(hour, 5 + number)
        events += [SessionStarted(sid, config.kiosk_id, start), LanguageUsed(sid, language, start + 1)]
        for seq, zone in enumerate(entries[number :: len(LANGUAGES)], start=1):
            events += [ZoneEntered(sid, seq, zone, start + 2), ZoneLeft(sid, seq, start + 62, 60)]
        events.append(SessionEnded(sid, start + 300, 300, "timeout"))
    # The door through the day: a busy noon, a quiet evening; 12 345 in all.
    for hour, people in zip(range(10, 18), (900, 1500, 2600, 2345, 1900, 1400, 1000, 700)):
        events.append(EntryCounted(f"door-{hour}", "door", at(hour, 30), people))
    conn = store.connect(config.store_file)
    try:
        store.write(conn, events)
    finally:
        conn.close()
