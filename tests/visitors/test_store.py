"""The SQLite store: migrations, idempotent writes, reopening, sessions a crash left open."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk.visitors import store
from kiosk.visitors.recorder import Recorder
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

T0 = 1_504_771_200.0

VISIT = [
    SessionStarted("s1", "k1", T0),
    LanguageUsed("s1", "en", T0 + 2),
    ZoneEntered("s1", 1, "forest", T0 + 5),
    PageViewed("s1", 2, "forest", "wealth", T0 + 5),
    Activity("s1", T0 + 9),
    PageViewed("s1", 3, "forest", "co2", T0 + 11),
]


def rows(conn, sql):
    return conn.execute(sql).fetchall()


def test_migrations_create_the_schema_once(tmp_path):
    path = tmp_path / "v.db"
    conn = store.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(store.MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.write(conn, VISIT)
    conn.close()
    again = store.connect(path)  # reopening runs no migration again and keeps the data
    assert rows(again, "SELECT id FROM sessions") == [("s1",)]


def test_a_newer_store_is_refused_clearly(tmp_path):
    path = tmp_path / "v.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {len(store.MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(RuntimeError, match="newer than this kiosk knows"):
        store.connect(path)


def test_writing_the_same_events_twice_counts_once(tmp_path):
    conn = store.connect(tmp_path / "v.db")
    ended = [ZoneLeft("s1", 1, T0 + 11, 6.0), SessionEnded("s1", T0 + 11, 11.0, "timeout")]
    store.write(conn, VISIT + ended)
    store.write(conn, VISIT + ended)
    assert rows(conn, "SELECT COUNT(*) FROM sessions") == [(1,)]
    assert rows(conn, "SELECT COUNT(*) FROM page_views") == [(2,)]
    assert rows(conn, "SELECT COUNT(*) FROM session_languages") == [(1,)]
    assert rows(conn, "SELECT dwell_s FROM zone_visits") == [(6.0,)]
    assert rows(conn, "SELECT duration_s, end_reason FROM sessions") == [(11.0, "timeout")]


def test_sessions_left_open_by_a_crash_close_at_their_last_activity(tmp_path):
    conn = store.connect(tmp_path / "v.db")
    store.write(conn, VISIT)  # ... and then the power went out
    assert store.close_interrupted(conn) == 1
    assert rows(conn, "SELECT ended_at, duration_s, end_reason FROM sessions") == [
        (T0 + 11, 11.0, "interrupted")
    ]
    assert rows(conn, "SELECT left_at, dwell_s FROM zone_visits") == [(T0 + 11, 6.0)]
    assert store.close_interrupted(conn) == 0  # a second start changes nothing
    # A late event for the closed session does not reopen or lengthen it.
    store.write(conn, [Activity("s1", T0 + 30), SessionEnded("s1", T0 + 30, 30, "timeout")])
    assert rows(conn, "SELECT duration_s, end_reason FROM sessions") == [(11.0, "interrupted")]


def totals(conn, source: str = "figure_totals") -> list:
    """The running totals, rounded, without figures that came back to nothing."""
    query = f"SELECT * FROM ({source}) WHERE n != 0 OR total != 0 ORDER BY 1, 2, 3, 4, 5"
    return [(*row[:6], round(row[6], 6)) for row in rows(conn, query)]


def totals_afresh(conn) -> list:
    """The same totals added up again from the records."""
    return totals(conn, store.totals_from_records())


BUSY_DAY = VISIT + [
    Interaction("s1", 4, "forest", "co2", "quiz", "q1", "b", True, T0 + 12),
    Interaction("s1", 5, "forest", "co2", "hotspot", "oak", "open", None, T0 + 13),
    ZoneLeft("s1", 1, T0 + 14, 9.0),
    SessionEnded("s1", T0 + 14, 14.0, "timeout"),
    SessionStarted("s2", "k1", T0 + 86_000),  # the next UTC day; left open
    LanguageUsed("s2", "kk", T0 + 86_001),
    ZoneEntered("s2", 1, "regions", T0 + 86_002),
    Interaction("s2", 2, "regions", "map", "quiz", "q1", "a", False, T0 + 86_010),
    EntryCounted("door-1", "f9", T0 - 30, 3),
    EntryCounted("door-2", "http", T0 + 86_400, 1),
]


def test_totals_are_kept_in_step_with_every_write(tmp_path):
    conn = store.connect(tmp_path / "v.db")
    store.write(conn, BUSY_DAY)
    assert totals(conn) == totals_afresh(conn)
    store.write(conn, BUSY_DAY)  # written again: nothing changes
    assert totals(conn) == totals_afresh(conn)
    assert store.close_interrupted(conn) == 1  # the open session and its zone visit are closed
    assert totals(conn) == totals_afresh(conn)
    over_days: dict[tuple, list] = {}
    for span, figure, _, zone, item, n, total in totals(conn):
        if span == "day":
            summed = over_days.setdefault((figure, zone, item), [0, 0.0])
            summed[0] += n
            summed[1] += total
    assert over_days[("sessions", "", "")] == [2, 14.0 + 10.0]  # s2 lasted to its last activity
    assert over_days[("ended", "", "timeout")] == [1, 0]
    assert over_days[("ended", "", "interrupted")] == [1, 0]
    assert ("ended", "", "open") not in over_days
    assert over_days[("zone", "", "forest")] == [1, 9.0]
    assert over_days[("zone", "", "regions")] == [1, 8.0]
    assert over_days[("quiz", "forest", "q1")] == [1, 1.0]
    assert over_days[("quiz", "regions", "q1")] == [1, 0.0]
    assert over_days[("interaction", "", "quiz")] == [2, 0]
    assert over_days[("entries", "", "")] == [4, 0]


def test_migrating_an_older_store_adds_up_its_records(tmp_path):
    path = tmp_path / "v.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for script in store.MIGRATIONS[:3]:  # a store written before the running totals
        for statement in store._statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 3")
    store.write(conn, BUSY_DAY)
    conn.close()
    conn = store.connect(path)
    assert totals(conn) != [] and totals(conn) == totals_afresh(conn)
    store.write(conn, [SessionEnded("s2", T0 + 86_020, 20.0, "timeout")])  # and kept from then on
    assert totals(conn) == totals_afresh(conn)


def test_recorder_writes_in_the_background_and_flushes_on_close(tmp_path):
    path = tmp_path / "v.db"
    recorder = Recorder(path)
    for event in VISIT:
        recorder.record(event)
    recorder.record(SessionEnded("s1", T0 + 11, 11.0, "timeout"))
    recorder.close()
    conn = store.connect(path)
    assert rows(conn, "SELECT end_reason FROM sessions") == [("timeout",)]
    assert rows(conn, "SELECT COUNT(*) FROM page_views") == [(2,)]


def test_recorder_closes_what_a_killed_kiosk_left_open(tmp_path):
    path = tmp_path / "v.db"
    conn = store.connect(path)
    store.write(conn, VISIT)
    conn.close()
    recorder = Recorder(path)
    recorder.close()
    assert recorder.interrupted_closed == 1


KILLED_WRITER = """
import sys
from kiosk.visitors import store
from kiosk.visitors.sessions import SessionStarted, Activity, ZoneEntered
conn = store.connect(sys.argv[1])
for i in range(100000):
    store.write(conn, [SessionStarted(f"s{i}", "k1", 1.0e9 + i), ZoneEntered(f"s{i}", 1, "forest", 1.0e9 + i),
                       Activity(f"s{i}", 1.0e9 + i + 0.5)])
    print(i, flush=True)
"""


def test_kill_9_mid_write_loses_nothing_committed_and_corrupts_nothing(tmp_path):
    import signal
    import subprocess
    import sys

    path = tmp_path / "v.db"
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    committed = -1
    for line in child.stdout:
        committed = int(line)
        if committed >= 40:
            break
    child.send_signal(signal.SIGKILL)
    child.wait()

    conn = store.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
    assert count >= committed + 1  # every acknowledged commit is there
    closed = store.close_interrupted(conn)
    assert closed == count  # all were open; each is closed once, at its last activity
    assert rows(conn, "SELECT DISTINCT duration_s, end_reason FROM sessions") == [(0.5, "interrupted")]
    assert rows(conn, "SELECT COUNT(*) FROM zone_visits WHERE left_at IS NULL") == [(0,)]
