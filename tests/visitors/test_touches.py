"""Where visitors touch: sampled, coarse, anonymous touch points, from the tap to the central store.

The tracker keeps one tap in four as a grid cell and a quarter-hour, with no session; the flow
leaves out staff's screens and maintenance; the store keeps each sample once and forwards it
like every record, through a killed sync and a record the central store refuses.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys

import psycopg

from kiosk.clock import ClockWatch, VirtualClock
from kiosk.fleet.forwarder import Forwarder
from kiosk.visit.flow import VisitFlow
from kiosk.visit.intents import StaffAction
from kiosk.visitors import store
from kiosk.visitors.sessions import TouchSampled, VisitTracker, from_json, to_json
from tests.fleet.test_fleet import (  # noqa: F401 - fixtures
    DAY,
    ROOT,
    _wait_for_some_sessions,
    assert_exact,
    central_url,
    make_site,
    record,
    server_url,
    visits,
)
from tests.running import run_cli

T0 = 1_504_764_000.0  # 2017-09-07 06:00 UTC, the start of a quarter-hour


def tracker(every: int = 4, start: float = T0 + 125.0):
    clock = VirtualClock(start)
    events: list = []
    return (
        VisitTracker("k1", 60, clock, events.append, watch=ClockWatch(clock), touch_every=every),
        events,
        clock,
    )


def test_one_tap_in_four_is_kept_as_a_cell_and_a_quarter_hour_with_no_session():
    track, events, clock = tracker()
    track.start()
    events.clear()
    for n in range(9):
        track.sample_touch("home", 0.5 + n / 100, 0.999, portrait=False)
        clock.advance(100)
    touches = [e for e in events if isinstance(e, TouchSampled)]
    # Taps 1, 5 and 9: x 0.50, 0.54, 0.58 are cells 10, 10, 11; y 0.999 is the last row, 19.
    assert [(t.cell_x, t.cell_y, t.screen, t.portrait) for t in touches] == [
        (10, 19, "home", False),
        (10, 19, "home", False),
        (11, 19, "home", False),
    ]
    # 06:02:05, 06:08:45 and 06:15:25 UTC: the slots of 06:00, 06:00 and 06:15.
    assert [t.at for t in touches] == [T0, T0, T0 + 900]
    assert len({t.touch_id for t in touches}) == 3
    assert not any(track.session_id in repr(t) for t in touches)  # nothing ties it to the visit


def test_points_off_the_edge_stay_in_the_grid_and_a_wrong_clock_keeps_none():
    track, events, _ = tracker(every=1)
    track.sample_touch("attract", -0.2, 1.7, portrait=True)
    assert [(e.cell_x, e.cell_y, e.portrait) for e in events] == [(0, 19, True)]
    wrong, events, _ = tracker(every=1, start=1_000_000.0)  # 1970: a clock that was never set
    wrong.sample_touch("attract", 0.5, 0.5, portrait=False)
    assert events == []


def test_the_flow_samples_visitors_taps_only(shipped):
    config, exhibit = shipped
    track, events, _ = tracker(every=1)
    flow = VisitFlow(exhibit, track, config.languages, config.default_language)
    flow.touched("home", "down", 960, 540, (1920, 1080))
    flow.touched("home", "move", 100, 100, (1920, 1080))  # a swipe's path is not a tap
    flow.touched("home", "up", 100, 100, (1920, 1080))
    flow.touched("staff-pin", "down", 10, 10, (1920, 1080))  # staff, not a visitor
    flow.touched("closed", "down", 10, 10, (1920, 1080))
    flow.touched("zone", "down", 540, 1900, (1080, 1920))
    flow.apply(StaffAction("maintenance"))
    flow.touched("home", "down", 960, 540, (1920, 1080))  # staff at work: nothing counted
    assert [(e.screen, e.cell_x, e.cell_y, e.portrait) for e in events] == [
        ("home", 10, 10, False),
        ("zone", 10, 19, True),
    ]


def test_a_sample_is_stored_once_and_survives_the_spool(tmp_path):
    sample = TouchSampled("t1", "language", 3, 17, True, T0)
    assert from_json(to_json(sample)) == sample
    conn = store.connect(tmp_path / "v.db")
    store.write(conn, [sample])
    store.write(conn, [sample])
    assert conn.execute("SELECT * FROM touches").fetchall() == [("t1", "language", 3, 17, 1, T0)]
    assert conn.execute("SELECT tbl FROM outbox").fetchall() == [("touches",)]


def test_a_store_from_before_the_touches_is_upgraded_in_place(tmp_path):
    path = tmp_path / "v.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(store.MIGRATIONS[:7], 1):  # as the kiosk before touches left it
        for statement in store._statements(migration):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    store.write(conn, visits("k1", DAY, 2))
    conn.close()
    conn = store.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (len(store.MIGRATIONS),)
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone() == (2,)
    store.write(conn, [TouchSampled("t1", "home", 1, 2, False, T0)])
    assert conn.execute("SELECT screen, cell_x, cell_y FROM touches").fetchall() == [("home", 1, 2)]


def test_the_real_kiosk_samples_the_taps_of_a_replayed_visit(project, tmp_path):
    script = tmp_path / "visit.yaml"
    taps = ["attract", "lang:en", "zone:forest", "next", "prev", "home", "zone:regions", "back", "finish"]
    script.write_text("".join(f"- {{at: {n + 1}, tap: '{tap}'}}\n" for n, tap in enumerate(taps)))
    db = tmp_path / "replay.db"
    run = run_cli(
        "run", "--headless", "--replay", str(script), "--config", str(project), "--store", str(db),
        "--start", "2017-09-07T12:00",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    conn = sqlite3.connect(db)
    # Nine taps: the first (attract), fifth (prev, in the zone) and ninth (finish, back home) are kept.
    rows = conn.execute("SELECT screen, portrait, at FROM touches ORDER BY rowid").fetchall()
    assert [(screen, portrait) for screen, portrait, _ in rows] == [("attract", 0), ("zone", 0), ("home", 0)]
    assert {at % 900 for _, _, at in rows} == {0.0}


def sampled(count: int, start: float = DAY) -> list[TouchSampled]:
    return [
        TouchSampled(
            f"t-{int(start)}-{i}", ("home", "zone", "language")[i % 3], i % 20, i * 7 % 20, False, start
        )
        for i in range(count)
    ]


def central_touches(url: str) -> list[tuple]:
    with psycopg.connect(url) as pg:
        return pg.execute(
            "SELECT id, screen, cell_x, cell_y, portrait, at FROM touches ORDER BY id"
        ).fetchall()


def test_touches_are_forwarded_exactly_and_a_refused_one_is_set_aside(tmp_path, central_url):  # noqa: F811
    path = tmp_path / "v.db"
    poisoned = TouchSampled("t-nul", "ho\x00me", 1, 1, False, DAY)  # SQLite takes it; PostgreSQL never
    record(path, [*visits("k1", DAY, 5), *sampled(30), poisoned])
    sent = Forwarder(path, central_url, "k1").forward()
    assert sent.refused == 1
    conn = sqlite3.connect(path)
    ((kept, why),) = conn.execute("SELECT record, error FROM quarantine").fetchall()
    assert '"forward": "touches"' in kept and "t-nul" in kept and why.startswith("central store:")
    conn.execute("DELETE FROM touches WHERE id = 't-nul'")  # what the central store could not take
    conn.commit()
    conn.close()
    assert_exact(central_url, path, "k1")
    assert len(central_touches(central_url)) == 30


def test_a_sync_killed_mid_way_then_run_again_forwards_every_touch_once(tmp_path, central_url):  # noqa: F811
    config = make_site(tmp_path / "site", "hall-t", batch=300)
    path = tmp_path / "site" / "data" / "visitors.db"
    record(path, [*visits("hall-t", DAY, 2000, spacing=30), *sampled(3000)])
    env = {**os.environ, "KIOSK_FLEET_URL": central_url}
    sync = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--config", str(config)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    _wait_for_some_sessions(central_url, 500)
    sync.send_signal(signal.SIGKILL)
    sync.wait(timeout=10)
    again = subprocess.run(
        [sys.executable, "-m", "kiosk", "sync", "--config", str(config)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert_exact(central_url, path, "hall-t")
    assert len(central_touches(central_url)) == 3000


def test_the_evaluation_reads_the_same_from_the_central_store(shipped, tmp_path, central_url):  # noqa: F811
    from kiosk.fleet import reading
    from kiosk.visitors.evaluate import evaluate
    from kiosk.visitors.reports import open_readonly

    config, exhibit = shipped
    path = tmp_path / "v.db"
    record(path, [*visits("k1", DAY, 40), *sampled(90)])
    Forwarder(path, central_url, "k1").forward()
    langs = (config.languages, config.default_language)
    local = open_readonly(path)
    with reading.opened([central_url]) as central:
        here = evaluate(local, config.tz, exhibit, *langs)
        there = evaluate(central, config.tz, exhibit, *langs)
        one = evaluate(central, config.tz, exhibit, *langs, kiosks={"k1"})
    local.close()
    assert there == here == one
    assert here.attraction.sessions == 40 and sum(m.touches for m in here.heat_maps) == 90
