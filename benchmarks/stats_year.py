"""`kiosk stats` over a busy pavilion's year: 5 million visits recorded by 25 kiosks.

Run: python benchmarks/stats_year.py [--visits N] [--keep DIR]

Generates 25 kiosks' stores (SQLite, the kiosk's own schema and triggers) with one year of
visits: each has a language, a zone visit and a page view, plus door counts. Then times the
report the CLI, the staff screen and the dashboard all use, for one day, one month and the
whole year, beside a bare baseline of the same run: counting the year's sessions with one SQL
query. Also times what the running totals cost each recorded visit, and building the staff
screen (it must open within a frame or so).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from kiosk.visit.intents import StaffAction  # noqa: E402
from kiosk.visitors import reports, store  # noqa: E402

KIOSKS = 25
YEAR_START = 1_483_228_800.0  # 2017-01-01 00:00 UTC
ZONES = ("technologies", "forest", "regions", "poland-kazakhstan", "national-day")


def fill(path: Path, kiosk: int, visits: int) -> None:
    """A year of visits for one kiosk, generated inside SQLite through the kiosk's own schema
    (its triggers keep the running totals, as they do when the kiosk records a visit)."""
    conn = store.connect(path)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    conn.execute(
        """
        WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ? - 1),
        visit(i, started, length) AS (
            SELECT i, ? + (i * 31536000.0 / ?) + (abs(random()) % 600), 30 + abs(random()) % 300 FROM n)
        INSERT INTO sessions SELECT printf('k%d-%d', ?, i), printf('kiosk-%02d', ?), started,
               started + length, started + length, length, 'timeout' FROM visit
        """,
        (visits, YEAR_START, visits, kiosk, kiosk),
    )
    conn.execute(
        "INSERT INTO session_languages SELECT id, CASE abs(random()) % 4 WHEN 0 THEN 'pl'"
        " WHEN 1 THEN 'en' WHEN 2 THEN 'kk' ELSE 'ru' END, started_at FROM sessions"
    )
    zone = "CASE abs(random()) % 5 " + " ".join(f"WHEN {i} THEN '{z}'" for i, z in enumerate(ZONES)) + " END"
    conn.execute(
        f"INSERT INTO zone_visits SELECT id, 1, {zone}, started_at + 5, ended_at, duration_s - 5"
        " FROM sessions"
    )
    conn.execute(
        "INSERT INTO page_views SELECT session_id, 2, zone_id, 'page-1', entered_at FROM zone_visits"
    )
    conn.execute(
        "INSERT INTO entries SELECT 'door-' || id, 'door', started_at - 30, 1 FROM sessions"
        " WHERE abs(random()) % 4 = 0"
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=5_000_000)
    parser.add_argument("--keep", type=Path, help="keep the stores in this folder (and reuse them)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    files = [folder / f"kiosk-{k:02d}.db" for k in range(KIOSKS)]
    start = time.perf_counter()
    for k, path in enumerate(files):
        if not path.exists():
            fill(path, k, args.visits // KIOSKS)
    print(
        f"{args.visits:,} visits in {KIOSKS} stores ({sum(p.stat().st_size for p in files) / 1e9:.1f} GB),"
        f" ready in {time.perf_counter() - start:.0f} s"
    )

    from zoneinfo import ZoneInfo

    tz = ZoneInfo("Asia/Almaty")
    conns = [reports.open_readonly(p) for p in files]

    def bare() -> None:
        for conn in conns:
            conn.execute(
                "SELECT COUNT(*) FROM sessions WHERE started_at >= ? AND started_at < ?",
                (YEAR_START, YEAR_START + 365 * 86400),
            ).fetchone()

    baseline = timed(bare)
    rows = [("baseline: COUNT(*) of the year", baseline)]
    for name, first, last in (
        ("one day", date(2017, 9, 7), date(2017, 9, 7)),
        ("one month", date(2017, 9, 1), date(2017, 9, 30)),
        ("the whole year", date(2017, 1, 1), date(2017, 12, 31)),
    ):
        seconds = timed(lambda a=first, b=last: reports.summary(conns, tz, a, b))
        rows.append((f"summary: {name}", seconds))
    for name, first, last in (
        ("one day", "2017-09-07", "2017-09-07"),
        ("the whole year", "2017-01-01", "2017-12-31"),
    ):
        command = [sys.executable, "-m", "kiosk", "stats", "--config", str(ROOT / "config.yaml")]
        command += ["--db", str(folder), "--from", first, "--to", last]
        seconds = timed(lambda c=command: subprocess.run(c, check=True, capture_output=True))
        rows.append((f"kiosk stats (whole command): {name}", seconds))
    print(f"{'query':<44} {'seconds':>8} {'x baseline':>11}")
    for name, seconds in rows:
        print(f"{name:<44} {seconds:8.3f} {seconds / baseline:11.1f}")
    with tempfile.TemporaryDirectory() as scratch:
        recording_cost(Path(scratch))
    staff_screen(files[0])


def recording_cost(folder: Path, visits: int = 1000) -> None:
    """What keeping the totals costs the kiosk: a visit's events written as the recorder writes
    them (one transaction, synchronous=FULL), beside the schema before the totals."""
    from kiosk.visitors.sessions import (
        LanguageUsed,
        PageViewed,
        SessionEnded,
        SessionStarted,
        ZoneEntered,
        ZoneLeft,
    )

    def visit(i: int) -> list:
        at = YEAR_START + i * 200.0
        sid = f"visit-{i}"
        return [
            SessionStarted(sid, "kiosk-00", at),
            LanguageUsed(sid, "kk", at + 2),
            ZoneEntered(sid, 1, "forest", at + 5),
            PageViewed(sid, 2, "forest", "page-1", at + 5),
            PageViewed(sid, 3, "forest", "page-2", at + 40),
            ZoneLeft(sid, 1, at + 80, 75.0),
            SessionEnded(sid, at + 120, 120.0, "timeout"),
        ]

    seconds = {}
    for name, schema in (("schema 3: report indexes, no totals", 3), ("schema 4: running totals", 4)):
        conn = _store_at(folder / f"recording-{schema}.db", schema)
        start = time.perf_counter()
        for i in range(visits):
            store.write(conn, visit(i))
        seconds[name] = (time.perf_counter() - start) / visits
        conn.close()
    print(f"{'recording one visit (7 events)':<44} {'ms':>8} {'x schema 3':>11}")
    bare = seconds["schema 3: report indexes, no totals"]
    for name, value in seconds.items():
        print(f"{name:<44} {value * 1000:8.2f} {value / bare:11.2f}")


def _store_at(path: Path, version: int):
    """A new store at an older schema, with the settings `store.connect` uses."""
    import sqlite3

    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    for script in store.MIGRATIONS[:version]:
        for statement in store._statements(script):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {version}")
    return conn


def staff_screen(path: Path) -> None:
    """Build the staff screen over one kiosk's year-long store, as the kiosk does on opening it."""
    import pygame

    from kiosk.clock import VirtualClock
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.ui.app import KioskApp
    from kiosk.ui.scenes.staff import StaffScene

    config = load_config(ROOT / "config.yaml").model_copy(update={"store_path": str(path)})
    config = config.with_base(ROOT)
    pygame.display.init()
    pygame.display.set_mode((1920, 1080))
    app = KioskApp(config, load_exhibit(config).exhibit, (1920, 1080), VirtualClock(1_504_771_200.0))
    start = time.perf_counter()
    app.apply(StaffAction("pin"))  # the kiosk starts reading the numbers while staff type the PIN
    app.staff_door.figures()
    reading = time.perf_counter() - start
    seconds = timed(StaffScene(app).build)
    print(
        f"staff screen over a year of one kiosk: numbers read in {reading * 1000:.0f} ms while the PIN is"
        f" typed, screen built in {seconds * 1000:.0f} ms (a frame at 60 Hz: 16.7 ms)"
    )


if __name__ == "__main__":
    main()
