"""Forwarding throughput: a kiosk's backlog sent to a real PostgreSQL server, in records/s.

Run: python benchmarks/forward.py [--visits N]

Records N visits (7 records each: a door count, the session, a language, a zone visit, two page
views, a quiz answer) into a fresh kiosk store through its own schema, then forwards the whole
outbox to a fresh central database, once per batch size, and prints records/s beside the time a
bare COPY of the same number of rows into one PostgreSQL table takes (the floor). The server is
KIOSK_TEST_DATABASE_URL's, or one started here as the tests do (tests/postgres.py).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import psycopg  # noqa: E402
from postgres import admin_url, create_database  # noqa: E402
from test_fleet import DAY, record, visits  # noqa: E402

from kiosk.fleet.forwarder import Forwarder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visits", type=int, default=20_000)
    args = parser.parse_args()
    with admin_url() as admin:
        folder = Path(tempfile.mkdtemp())
        print(
            f"{args.visits} visits, {args.visits * 7} records; PostgreSQL on loopback, {os.cpu_count()} cores"
        )
        print(f"{'batch':>6} {'seconds':>8} {'records/s':>10}")
        for batch in (500, 2000, 5000):
            path = folder / f"v{batch}.db"
            record(path, visits("bench", DAY, args.visits, spacing=20))
            url = create_database(admin)
            forwarder = Forwarder(path, url, "bench", batch=batch)
            started = time.perf_counter()
            sent = forwarder.forward()
            seconds = time.perf_counter() - started
            forwarder.close()
            print(f"{batch:>6} {seconds:>8.2f} {sent.records / seconds:>10.0f}")
        url = create_database(admin)
        with psycopg.connect(url) as pg:
            pg.execute("CREATE TABLE floor (id text, at double precision, n integer)")
            started = time.perf_counter()
            with pg.cursor().copy("COPY floor FROM STDIN") as copy:
                for i in range(args.visits * 7):
                    copy.write_row((f"r{i}", DAY + i, 1))
            pg.commit()
            seconds = time.perf_counter() - started
        print(
            f"bare COPY of as many rows into one table: {seconds:.2f} s,"
            f" {args.visits * 7 / seconds:.0f} rows/s"
        )


if __name__ == "__main__":
    main()
