"""kill -9 at random moments against the running kiosk fed with visitors; the store checked after each.

Run: python benchmarks/kill9.py [--kills 200] [--seed S]

Each round starts a kiosk process (the real app, the real recorder, the shipped content)
whose visitors are the random wanderers of the soak, at thirty times real speed; it notes
every session it starts and ends in a log beside the store, flushed line by line. After a
random 0.3-6 s the kiosk is killed with SIGKILL. Then the store is opened as a restarting
kiosk opens it, and checked:
- `PRAGMA integrity_check` is ok;
- every session the kiosk started more than one second before the kill is in the store,
  and every session in the store was started by the kiosk (none made up, none doubled);
- a session the kiosk ended more than a second before the kill is stored with that ending;
- no session is left open: the one the kill cut off is closed as `interrupted`.
Printed: the figures over all rounds, and the exit code is 1 if any check failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEED = 30.0  # virtual seconds per real second: a visit of two minutes takes four seconds
GRACE_S = 1.0  # what a kill may lose: the records of the last second


def child(site: Path, seed: int) -> None:
    """The kiosk, fed by wanderers, noting what it did in `<store>.log`."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    sys.path.insert(0, str(ROOT))
    import pygame

    from kiosk.clock import VirtualClock
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.ui.app import KioskApp
    from kiosk.ui.wanderer import Wanderer
    from kiosk.visitors.recorder import Recorder
    from kiosk.visitors.sessions import SessionEnded, SessionStarted

    class PacedClock(VirtualClock):
        """Virtual time that keeps pace with real time, SPEED times faster."""

        def advance(self, seconds: float) -> None:
            time.sleep(seconds / SPEED)
            super().advance(seconds)

    config = load_config(site / "config.yaml")
    exhibit = load_exhibit(config).exhibit
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    recorder = Recorder(config.store_file)
    log = open(str(config.store_file) + ".log", "a", buffering=1)  # noqa: SIM115 - open until killed

    def record(event) -> None:
        if isinstance(event, SessionStarted):
            log.write(json.dumps(["start", event.session_id, time.time()]) + "\n")
        elif isinstance(event, SessionEnded):
            log.write(json.dumps(["end", event.session_id, time.time(), event.reason]) + "\n")
        recorder.record(event)

    clock = PacedClock(time.time())
    app = KioskApp(config, exhibit, (960, 540), clock, record)
    wanderer = Wanderer(app, clock, seed)
    while True:
        wanderer.visit()


def read_log(path: Path) -> tuple[dict[str, float], dict[str, tuple[float, str]]]:
    starts, ends = {}, {}
    for line in path.read_text().splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line the kill cut in half
        if entry[0] == "start":
            starts[entry[1]] = entry[2]
        else:
            ends[entry[1]] = (entry[2], entry[3])
    return starts, ends


def check(store: Path, log: Path, killed_at: float, known: set[str], figures: dict) -> list[str]:
    """Check the store after one kill; `log` holds this round's sessions, `known` all rounds'."""
    from kiosk.visitors.recorder import Recorder

    Recorder(store).close()  # a restarting kiosk closes what the kill left open
    conn = sqlite3.connect(store)
    try:
        failures = []
        if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            failures.append("integrity check failed")
            figures["integrity failures"] += 1
        rows = conn.execute("SELECT id, end_reason FROM sessions").fetchall()
    finally:
        conn.close()
    stored = dict(rows)
    starts, ends = read_log(log)
    known |= set(starts)
    missing = {s: at for s, at in starts.items() if s not in stored}
    found = {
        "sessions lost": [s for s, at in missing.items() if at < killed_at - GRACE_S],
        "sessions doubled": [None] * (len(rows) - len(stored)),
        "sessions made up": set(stored) - known,
        "endings lost": [
            s for s, (at, reason) in ends.items() if at < killed_at - GRACE_S and stored.get(s) != reason
        ],
        "sessions left open": [s for s, reason in stored.items() if reason is None],
    }
    figures["sessions fed"] += len(starts)
    figures["sessions stored"] = len(stored)
    figures["not stored, started in the last second (allowed)"] += len(missing) - len(found["sessions lost"])
    figures["closed as interrupted"] = sum(1 for r in stored.values() if r == "interrupted")
    for name, items in found.items():
        figures[name] += len(items)
        if items:
            failures.append(f"{name}: {len(items)}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--child", nargs=2, metavar=("SITE", "SEED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), int(args.child[1]))
        return 0
    rng = random.Random(args.seed)
    site = Path(tempfile.mkdtemp(prefix="kiosk-kill9-"))
    for folder in ("zones", "media"):
        shutil.copytree(ROOT / folder, site / folder)
    shutil.copy(ROOT / "config.yaml", site / "config.yaml")
    sys.path.insert(0, str(ROOT))
    from kiosk.config import load_config

    store = load_config(site / "config.yaml").store_file
    log = Path(str(store) + ".log")
    figures = dict.fromkeys(
        (
            "kills",
            "sessions fed",
            "sessions stored",
            "not stored, started in the last second (allowed)",
            "closed as interrupted",
            "integrity failures",
            "sessions lost",
            "sessions doubled",
            "sessions made up",
            "endings lost",
            "sessions left open",
        ),
        0,
    )
    known: set[str] = set()
    failed_rounds = 0
    started = time.perf_counter()
    try:
        for round_ in range(args.kills):
            kiosk = subprocess.Popen(
                [sys.executable, __file__, "--child", str(site), str(rng.randrange(10**9))],
                stderr=subprocess.DEVNULL,
            )
            # Wait until the kiosk records (its store lock says it is up), then a random moment.
            lock = Path(str(store) + ".lock")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (lock.exists() and lock.read_text().strip()):
                time.sleep(0.05)
            time.sleep(rng.uniform(0.3, 6.0))
            killed_at = time.time()
            kiosk.send_signal(signal.SIGKILL)
            kiosk.wait()
            figures["kills"] += 1
            failures = check(store, log, killed_at, known, figures)
            log.unlink(missing_ok=True)
            lock.write_text("")  # the next kiosk writes its own name here once it records
            if failures:
                failed_rounds += 1
                print(f"round {round_ + 1}: " + "; ".join(failures), file=sys.stderr)
    finally:
        shutil.rmtree(site, ignore_errors=True)
    print("| figure | value |\n| --- | --- |")
    for name, value in figures.items():
        print(f"| {name} | {value} |")
    print(f"| rounds with a failed check | {failed_rounds} |")
    print(f"| wall time (s) | {time.perf_counter() - started:.0f} |")
    return 1 if failed_rounds else 0


if __name__ == "__main__":
    raise SystemExit(main())
