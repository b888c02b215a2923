"""`kiosk stats` prints what staff have always read from it: a replayed day, byte for byte.

Staff and their scripts read the JSON, the CSV and the text. The files in tests/golden/stats/
were written by `kiosk stats` before the report became a typed value, so a change in how the
report is held cannot change a character of what staff read. After a deliberate change of the
output, write them again with KIOSK_WRITE_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kiosk.cli import main
from kiosk.visitors import store
from kiosk.visitors.sessions import (
    Activity,
    EntryCounted,
    Interaction,
    LanguageUsed,
    PageViewed,
    SessionEnded,
    SessionStarted,
    ZoneEntered,
    ZoneLeft,
)
from tests.running import run_cli

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "stats"
ALMATY = ZoneInfo("Asia/Almaty")

# Two visitors at kiosk-1 through the real kiosk: a quiz, a gallery, a hotspot, large text,
# Finish, and a second visitor who walks away.
VISITS = """
- {at: 1, tap: attract}
- {at: 2, tap: "lang:en"}
- {at: 3, tap: "a11y:large-text"}
- {at: 3.5, tap: next}                  # large text: three cards a page, this one on the second
- {at: 4, tap: "zone:poland-kazakhstan"}
- {at: 5, tap: next}
- {at: 6, tap: next}
- {at: 7, tap: next}
- {at: 8, tap: next}
- {at: 8.5, swipe: {from: [700, 900], to: [700, 300]}}
- {at: 9, tap: "quiz:1:answer:2"}
- {at: 12, tap: home}
- {at: 13, tap: "zone:technologies"}
- {at: 14, tap: next}
- {at: 15, tap: next}
- {at: 16, tap: next}
- {at: 17, tap: "gallery:next"}
- {at: 18, tap: back}
- {at: 19, tap: "zone:regions"}
- {at: 20, tap: "hotspot:lubelskie"}
- {at: 22, tap: finish}
- {at: 30, tap: attract}
- {at: 31, tap: "lang:pl"}
- {at: 32, tap: "zone:national-day"}
- {at: 40, tap: "lang:ru"}
- {at: 45, tap: home}
- {at: 47, tap: "zone:forest"}
- {at: 200, quit: true}
"""


def at(day: int, hour: int, minute: int = 0) -> float:
    return datetime(2017, 9, day, hour, minute, tzinfo=ALMATY).timestamp()


def second_kiosk() -> list:
    """kiosk-2's records: a visit in the evening, one still open, one after closing time (staff
    opened it late) on the 9th, and the door's counts."""
    return [
        SessionStarted("k2-a", "kiosk-2", at(7, 19, 30)),
        LanguageUsed("k2-a", "kk", at(7, 19, 30)),
        ZoneEntered("k2-a", 1, "forest", at(7, 19, 31)),
        PageViewed("k2-a", 2, "forest", "p1", at(7, 19, 31)),
        Interaction("k2-a", 3, "forest", "p1", "quiz", "forum", "1", True, at(7, 19, 32)),
        ZoneLeft("k2-a", 1, at(7, 19, 33), 125.5),
        SessionEnded("k2-a", at(7, 19, 34), 240.0, "finished"),
        SessionStarted("k2-b", "kiosk-2", at(7, 10, 15)),
        LanguageUsed("k2-b", "en", at(7, 10, 15)),
        Activity("k2-b", at(7, 10, 16)),
        SessionStarted("k2-c", "kiosk-2", at(9, 21, 5)),
        LanguageUsed("k2-c", "ru", at(9, 21, 5)),
        SessionEnded("k2-c", at(9, 21, 6), 61.0, "timeout"),
        EntryCounted("door-1", "k", at(7, 10, 0), 3),
        EntryCounted("door-2", "k", at(7, 14, 0), 2),
        EntryCounted("door-3", "http", at(9, 11, 0), 1),
    ]


@pytest.fixture(scope="module")
def pavilion(tmp_path_factory) -> tuple[Path, Path]:
    """(config.yaml, the folder of both kiosks' stores), with opening hours and a closed day."""
    from kiosk.resources import init_site

    site = tmp_path_factory.mktemp("site")
    init_site(site)
    config = site / "config.yaml"
    text = config.read_text()
    hours = 'schedule:\n  hours: "10:00-20:00"\n  closed_dates: [2017-09-08]\n'
    start = text.index("schedule:")
    end = text.index("\nweb:")
    config.write_text(text[:start] + hours + text[end:])
    stores = site / "stores"
    script = site / "visits.yaml"
    script.write_text(VISITS)
    run = run_cli(
        "run", "--headless", "--replay", str(script), "--config", str(config),
        "--store", str(stores / "kiosk-1.db"), "--start", "2017-09-07T12:00",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    conn = store.connect(stores / "kiosk-2.db")
    try:
        store.write(conn, second_kiosk())
    finally:
        conn.close()
    return config, stores


SPAN = ["--from", "2017-09-07", "--to", "2017-09-09"]
OUTPUTS = {
    "all.json": ["--json"],
    "span.json": ["--json", *SPAN],
    "kiosk-2.json": ["--json", *SPAN, "--kiosk", "kiosk-2"],
    "span.csv": ["--csv", *SPAN],
    **{
        f"span-by-{by}.csv": ["--csv", *SPAN, "--by", by]
        for by in ("day", "hour", "zone", "language", "kiosk")
    },
    "span.txt": [*SPAN],
    "span-by-hour.txt": [*SPAN, "--by", "hour"],
    "all.txt": [],
}


@pytest.mark.parametrize("name", OUTPUTS)
def test_stats_prints_what_it_always_printed(pavilion, name, capsys):
    config, stores = pavilion
    assert main(["stats", "--config", str(config), "--db", str(stores), *OUTPUTS[name]]) == 0
    printed = capsys.readouterr().out
    golden = GOLDEN / name
    if os.environ.get("KIOSK_WRITE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(printed)
    assert printed == golden.read_text()
