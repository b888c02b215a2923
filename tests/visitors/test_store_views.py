"""The store's views for analysts: local times by the pavilion's real time zone history.

Visits are replayed by `kiosk run --headless --replay` on virtual time set just before an
offset change (Asia/Almaty went from UTC+6 to UTC+5 at midnight on 1 March 2024; Warsaw
changes for summer and back), then the views are read as an analyst would, with sqlite3.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from kiosk.visitors import localtime, store
from kiosk.visitors.recorder import Recorder
from kiosk.visitors.sessions import EntryCounted
from tests.running import run_cli

# Across the change: pages at 45 and 90 s are before it (gaps under idle_warning), those from 125 s after (start: T-2 min).
VISIT = """
- {at: 1, tap: attract}
- {at: 2, tap: "lang:en"}
- {at: 3, tap: "zone:poland-kazakhstan"}
- {at: 45, tap: next}
- {at: 90, tap: next}
- {at: 125, tap: next}
- {at: 130, tap: next}
- {at: 131, tap: "quiz:1:answer:2"}
- {at: 132, tap: finish}
- {at: 140, quit: true}
"""
# (view, local time column, its UTC epoch column)
VIEWS = [
    ("visits_local", "started", "started_utc"),
    ("zone_visits_local", "entered", "entered_utc"),
    ("page_views_local", "viewed", "viewed_utc"),
    ("quiz_answers_local", "answered", "answered_utc"),
    ("entries_local", "counted", "counted_utc"),
]


def replay(project, tmp_path, start):
    # The visitor reads each page up to 45 s: "are you still there?" comes after 50 s, not 40.
    project.write_text(project.read_text().replace("idle_warning_s: 20", "idle_warning_s: 10", 1))
    script = tmp_path / "visit.yaml"
    script.write_text(VISIT)
    run = run_cli("run", "--headless", "--replay", str(script), "--config", str(project), "--start", start)
    assert run.returncode == 0, run.stderr


def rows(conn, sql):
    conn.row_factory = sqlite3.Row
    return [dict(row) for row in conn.execute(sql)]


def agree_with_zoneinfo(conn, zone_name):
    """Every local time in every view is Python's own reading of the same moment."""
    zone, seen = ZoneInfo(zone_name), 0
    for view, local, utc in VIEWS:
        for row in rows(conn, f"SELECT * FROM {view}"):
            moment = datetime.fromtimestamp(int(row[utc]), zone)
            assert row[local] == moment.strftime("%Y-%m-%d %H:%M:%S"), (view, row)
            assert (row["day"], row["hour"]) == (moment.date().isoformat(), moment.hour), (view, row)
            seen += 1
    return seen


def test_almaty_in_2017_and_across_its_change_of_offset_in_2024(project, tmp_path):
    replay(project, tmp_path, "2017-09-07T12:00")  # UTC+6 then: a fixed +5 would say 11:00
    # 23:58 on 29 February came twice; the first time (+6) is 17:58 UTC, and at 18:00 UTC
    # the clocks went back to 23:00.
    replay(project, tmp_path, "2024-02-29T23:58")
    conn = sqlite3.connect(project.parent / "data" / "visitors.db")
    door = [EntryCounted(f"door-{t}", "door", t, 1) for t in (1709229599, 1709229600)]
    store.write(conn, door)  # 17:59:59 and 18:00:00 UTC

    visits = rows(conn, "SELECT * FROM visits_local ORDER BY started_utc")
    assert [(v["started"], v["day"], v["hour"]) for v in visits] == [
        ("2017-09-07 12:00:01", "2017-09-07", 12),
        ("2024-02-29 23:58:01", "2024-02-29", 23),
    ]
    assert datetime.fromtimestamp(visits[1]["started_utc"], timezone.utc).strftime("%H:%M:%S") == "17:58:01"
    assert visits[1]["ended"] == "2024-02-29 23:00:12"  # after the change, 11 minutes "before" it began
    assert visits[1]["first_language"] == "en" and visits[1]["end_reason"] == "finished"
    assert visits[1]["zone_visits"] == 1 and visits[1]["page_views"] == 5
    pages = rows(conn, "SELECT viewed FROM page_views_local WHERE day = '2024-02-29' ORDER BY seq")
    assert [p["viewed"] for p in pages] == [
        "2024-02-29 23:58:03",
        "2024-02-29 23:58:45",
        "2024-02-29 23:59:30",
        "2024-02-29 23:00:05",
        "2024-02-29 23:00:10",
    ]
    (answer,) = rows(conn, "SELECT * FROM quiz_answers_local WHERE day = '2024-02-29'")
    assert (answer["quiz"], answer["answered"], answer["hour"]) == (
        "forum-agreements",
        "2024-02-29 23:00:11",
        23,
    )
    counted = rows(conn, "SELECT counted, count FROM entries_local ORDER BY counted_utc")
    assert counted == [
        {"counted": "2024-02-29 23:59:59", "count": 1},
        {"counted": "2024-02-29 23:00:00", "count": 1},
    ]
    assert agree_with_zoneinfo(conn, "Asia/Almaty") >= 2 + 2 + 10 + 2 + 2


def test_warsaw_into_summer_time_and_back(project, tmp_path):
    project.write_text(project.read_text().replace("timezone: Asia/Almaty", "timezone: Europe/Warsaw"))
    replay(project, tmp_path, "2024-03-31T01:58")  # 02:00 CET is 03:00 CEST
    replay(project, tmp_path, "2024-10-27T02:58")  # 03:00 CEST is 02:00 CET: 02:58 comes twice
    conn = sqlite3.connect(project.parent / "data" / "visitors.db")
    pages = rows(conn, "SELECT viewed FROM page_views_local ORDER BY viewed_utc")
    assert [p["viewed"] for p in pages] == [
        "2024-03-31 01:58:03",
        "2024-03-31 01:58:45",
        "2024-03-31 01:59:30",
        "2024-03-31 03:00:05",
        "2024-03-31 03:00:10",
        "2024-10-27 02:58:03",
        "2024-10-27 02:58:45",
        "2024-10-27 02:59:30",
        "2024-10-27 02:00:05",
        "2024-10-27 02:00:10",
    ]
    zone = rows(
        conn, "SELECT abbreviation, offset_s FROM time_zone WHERE since BETWEEN 1711843200 AND 1730073600"
    )
    assert zone == [{"abbreviation": "CEST", "offset_s": 7200}, {"abbreviation": "CET", "offset_s": 3600}]
    assert agree_with_zoneinfo(conn, "Europe/Warsaw") >= 2 + 2 + 10 + 2


def test_a_store_from_before_the_views_is_upgraded_in_place(tmp_path):
    path = tmp_path / "visitors.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for number, script in enumerate(store.MIGRATIONS[:6], 1):  # a store as kiosks wrote it until now
        for statement in store._statements(script):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    store.write(conn, [EntryCounted("door-1", "door", 1504778400.0, 3)])  # 2017-09-07 10:00 UTC
    outbox, totals = (conn.execute(f"SELECT * FROM {t}").fetchall() for t in ("outbox", "figure_totals"))
    conn.close()

    recorder = Recorder(path, "Asia/Almaty")  # as `kiosk run` opens it
    recorder.close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    assert rows(conn, "SELECT id, count, counted, day, hour FROM entries_local") == [
        {"id": "door-1", "count": 3, "counted": "2017-09-07 16:00:00", "day": "2017-09-07", "hour": 16}
    ]
    conn.row_factory = None
    assert conn.execute("SELECT * FROM outbox").fetchall() == outbox  # nothing to forward again
    assert conn.execute("SELECT * FROM figure_totals").fetchall() == totals
    # The next start finds the offsets as they are and writes nothing.
    assert localtime.keep(conn, "Asia/Almaty", datetime.now(timezone.utc).timestamp()) is False
    assert localtime.keep(conn, "Europe/Warsaw", datetime.now(timezone.utc).timestamp()) is True


def test_the_data_dictionary_and_datasette_metadata_name_every_table_view_and_column():
    import json
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs"
    guide = (docs / "data.md").read_text()
    described = json.loads((docs / "datasette-metadata.json").read_text())["databases"]["visitors"]["tables"]
    conn = store.connect(":memory:")
    names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
    names.remove("sqlite_sequence")  # SQLite's own, for AUTOINCREMENT
    assert set(described) == set(names)
    for name in names:
        assert f"### {name} " in guide, f"docs/data.md has no section on {name}"
        section = guide[guide.index(f"### {name} ") :].split("\n### ")[0]
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({name})")]
        for column in columns:
            assert f"`{column}`" in section, f"docs/data.md: {name}.{column} is not explained"
        assert set(described[name]["columns"]) == set(columns), name
