"""Forward lag on a busy day of 25 kiosks: how long a visit waits before the central store has it.

Run: python benchmarks/forward_lag.py [--kiosks 25] [--visits 400] [--seconds 60]

Each of the kiosks gets its own store and its own forwarding worker (a thread, as in
`kiosk run`), and records a busy day's visits (7 records each, the last of them the session's
end) squeezed into `--seconds` of real time, so the workers forward under a load far above a
real day's. A watcher polls the central store and notes when each session first appears there.
The lag of a visit is that moment less the moment its store committed it. The floor is the
worker's own interval: a visit recorded just after a pass waits for the next one.
The server is KIOSK_TEST_DATABASE_URL's, or one started here as the tests do (tests/postgres.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import psycopg  # noqa: E402
from postgres import admin_url, create_database  # noqa: E402
from test_fleet import DAY, visits  # noqa: E402

from kiosk.fleet.forwarder import Forwarder  # noqa: E402
from kiosk.visitors import store  # noqa: E402

EVENTS_PER_VISIT = 9  # what test_fleet.visits makes of one visitor: door, start, ..., end


def kiosk_day(path: Path, kiosk_id: str, count: int, seconds: float, written: dict, stop: threading.Event):
    """Write the kiosk's visits one by one, evenly over `seconds`, noting when each committed."""
    events = visits(kiosk_id, DAY, count, spacing=60)
    conn = store.connect(path)
    started = time.monotonic()
    for i in range(count):
        if stop.is_set():
            break
        store.write(conn, events[i * EVENTS_PER_VISIT : (i + 1) * EVENTS_PER_VISIT])
        written[f"{kiosk_id}-{int(DAY)}-{i}"] = time.monotonic()
        time.sleep(max(0.0, started + (i + 1) * seconds / count - time.monotonic()))
    conn.close()


def watch(url: str, seen: dict, stop: threading.Event) -> None:
    with psycopg.connect(url, autocommit=True) as pg:
        while not stop.is_set():
            now = time.monotonic()
            try:
                rows = pg.execute("SELECT id FROM sessions WHERE ended_at IS NOT NULL").fetchall()
            except psycopg.errors.UndefinedTable:  # before the first worker has made the schema
                rows = []
            for (sid,) in rows:
                seen.setdefault(sid, now)
            time.sleep(0.1)


def run(admin: str, kiosks: int, count: int, seconds: float, interval_s: float) -> dict:
    url = create_database(admin)
    folder = Path(tempfile.mkdtemp())
    written: dict[str, float] = {}
    seen: dict[str, float] = {}
    stop, watching = threading.Event(), threading.Event()
    forwarders = []
    for k in range(kiosks):
        path = folder / f"k{k}.db"
        store.connect(path).close()
        forwarders.append(Forwarder(path, url, f"k{k:02d}", interval_s=interval_s))
    watcher = threading.Thread(target=watch, args=(url, seen, watching))
    watcher.start()
    for forwarder in forwarders:
        forwarder.start()
    writers = [
        threading.Thread(
            target=kiosk_day, args=(folder / f"k{k}.db", f"k{k:02d}", count, seconds, written, stop)
        )
        for k in range(kiosks)
    ]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    deadline = time.monotonic() + interval_s * 3 + 30
    while len(seen) < len(written) and time.monotonic() < deadline:
        time.sleep(0.2)
    watching.set()
    watcher.join()
    for forwarder in forwarders:
        forwarder.stop()
    problems = {f.problem for f in forwarders if f.problem}
    if problems:
        raise SystemExit(f"forwarding failed: {problems}")
    lags = sorted(seen[sid] - at for sid, at in written.items() if sid in seen)
    return {
        "visits": len(written),
        "arrived": len(lags),
        "p50": statistics.median(lags),
        "p95": lags[int(len(lags) * 0.95)],
        "max": lags[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosks", type=int, default=25)
    parser.add_argument("--visits", type=int, default=400, help="a busy day's visitors per kiosk")
    parser.add_argument("--seconds", type=float, default=60, help="real time the day is squeezed into")
    args = parser.parse_args()
    with admin_url() as admin:
        rate = args.kiosks * args.visits * 7 / args.seconds
        print(
            f"{args.kiosks} kiosks x {args.visits} visits in {args.seconds:.0f} s"
            f" ({rate:.0f} records/s); PostgreSQL on loopback, {os.cpu_count()} cores"
        )
        print(
            f"{'interval':>9} {'visits':>7} {'arrived':>8} {'p50 s':>7} {'p95 s':>7} {'max s':>7}"
            f" {'p95/interval':>13}"
        )
        for interval_s in (10.0, 1.0):
            r = run(admin, args.kiosks, args.visits, args.seconds, interval_s)
            print(
                f"{interval_s:>8.0f}s {r['visits']:>7} {r['arrived']:>8} {r['p50']:>7.2f} {r['p95']:>7.2f}"
                f" {r['max']:>7.2f} {r['p95'] / interval_s:>13.2f}"
            )


if __name__ == "__main__":
    main()
