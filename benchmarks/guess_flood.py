"""A flood of wrong passwords at the dashboard running inside the kiosk: what visitors feel.

Run: python benchmarks/guess_flood.py [--guesses 1500] [--seconds 15] [--senders 50]

One process is the kiosk as `kiosk run` with `web.enabled` makes it: the window loop (SDL's
dummy driver, every frame drawn, 60 a second in real time), the recorder thread writing to a
real store, and the dashboard serving from its thread (`start_in_thread`), with the staff
password set at its real scrypt cost. Every half second the door's tally key is pressed, and
the time from that frame to the entry's row committed in the store is the tap-to-record delay.

First the loop runs with nothing else (the baseline); then a second process sends `--guesses`
unique wrong passwords over HTTP from `--senders` threads, each guess from another loopback
address (127.0.N.M), while the loop runs on. Meanwhile a dashboard token asks for the page
once a second, as a wall display would. Printed: a table of frame times, record delays, the
token's page time and the kiosk process's memory, with the flood's ratio to the baseline, and
what the guesses were answered.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from kiosk.clock import SystemClock  # noqa: E402
from kiosk.config import load_config  # noqa: E402
from kiosk.content.loader import load_exhibit  # noqa: E402
from kiosk.staff import StaffSecrets  # noqa: E402
from kiosk.ui.app import KioskApp  # noqa: E402
from kiosk.ui.window import WindowLoop  # noqa: E402
from kiosk.visitors.recorder import Recorder  # noqa: E402
from kiosk.web import start_in_thread, tokens  # noqa: E402

FRAME_S = 1 / 60
PRESS_EVERY_S = 0.5
PASSWORD = "forest-and-sun"

# The attacker: its own process, as it would be on another machine (here it shares the cores).
SENDER = r"""
import base64, http.client, json, sys
from concurrent.futures import ThreadPoolExecutor
port, guesses, senders = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
def guess(n):
    source = f"127.{1 + n // 250 % 250}.{n // 62500}.{1 + n % 250}"
    secret = base64.b64encode(f"staff:wrong-guess-{n}".encode()).decode()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
        conn.request("GET", "/", headers={"Authorization": f"Basic {secret}"})
        status = conn.getresponse().status
        conn.close()
        return str(status)
    except OSError as exc:
        return type(exc).__name__
with ThreadPoolExecutor(senders) as pool:
    answers = list(pool.map(guess, range(guesses)))
print(json.dumps({a: answers.count(a) for a in sorted(set(answers))}))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] if ordered else float("nan")


class Phase:
    def __init__(self, name: str):
        self.name = name
        self.frames: list[float] = []
        self.records: list[float] = []
        self.pages: list[float] = []
        self.rss: list[float] = []


class RecordWatch:
    """Times each door entry from its frame to its row committed, on a thread of its own."""

    def __init__(self, store: Path):
        self.store = store
        self.pressed: list[float] = []
        self.delays: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        seen = 0
        while not self._stop.is_set():
            try:
                conn = sqlite3.connect(f"file:{self.store}?mode=ro", uri=True)
                count = conn.execute("SELECT count(*) FROM entries").fetchone()[0]
                conn.close()
            except sqlite3.Error:
                count = seen
            now = time.perf_counter()
            while seen < count and seen < len(self.pressed):
                self.delays.append((now - self.pressed[seen]) * 1000)
                seen += 1
            time.sleep(0.002)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def page_times(port: int, token: str, until: threading.Event, into: list) -> None:
    import http.client

    while not until.is_set():
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", "/", headers={"Authorization": f"Bearer {token}"})
        status = conn.getresponse().status
        conn.close()
        if status == 200:
            into.append((time.perf_counter() - started) * 1000)
        until.wait(1.0)


def run_phase(phase: Phase, loop, app, watch: RecordWatch, key: int, port: int, token: str, done) -> None:
    pages: list[float] = []
    stop_pages = threading.Event()
    pager = threading.Thread(target=page_times, args=(port, token, stop_pages, pages), daemon=True)
    pager.start()
    delays_before = len(watch.delays)
    next_press = next_rss = time.perf_counter()
    deadline = time.perf_counter() + FRAME_S
    while not done():
        events = []
        now = time.perf_counter()
        if now >= next_press:
            events.append(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0))
            watch.pressed.append(now)
            next_press += PRESS_EVERY_S
        if now >= next_rss:
            phase.rss.append(rss_mb())
            next_rss += 0.25
        app.dirty = True  # every frame drawn whole: the busiest the exhibit gets
        started = time.perf_counter()
        loop.step(events)
        phase.frames.append((time.perf_counter() - started) * 1000)
        time.sleep(max(0.0, deadline - time.perf_counter()))
        deadline = max(deadline + FRAME_S, time.perf_counter())
    time.sleep(0.5)  # the last entry's row
    stop_pages.set()
    pager.join()
    phase.records = watch.delays[delays_before:]
    phase.pages = pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guesses", type=int, default=1500)
    parser.add_argument(
        "--seconds", type=float, default=15.0, help="the baseline, and the least a flood runs"
    )
    parser.add_argument("--senders", type=int, default=50)
    args = parser.parse_args()

    site = Path(tempfile.mkdtemp(prefix="guess-flood-"))
    shipped = load_config(ROOT / "config.yaml")
    config = shipped.model_copy(update={"store_path": str(site / "data" / "visitors.db")}).with_base(ROOT)
    exhibit = load_exhibit(config).exhibit
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    token = tokens.add(StaffSecrets(config.staff_file), "wall-display", "dashboard")

    recorder = Recorder(config.store_file)
    pygame.display.init()
    window = pygame.display.set_mode(config.display.width_height)
    app = KioskApp(config, exhibit, config.display.width_height, SystemClock(), recorder.record)
    loop = WindowLoop(app, window, 0, allow_quit=False)
    port = free_port()
    dashboard = start_in_thread(config, live=app.live, port=port)
    watch = RecordWatch(config.store_file)

    baseline = Phase("baseline: the loop, nobody at the dashboard")
    end = time.perf_counter() + args.seconds
    run_phase(baseline, loop, app, watch, loop.tally_key, port, token, lambda: time.perf_counter() > end)

    flood = Phase(f"flood: {args.guesses} unique wrong passwords, {args.senders} at a time")
    sender = subprocess.Popen(
        [sys.executable, "-c", SENDER, str(port), str(args.guesses), str(args.senders)],
        stdout=subprocess.PIPE,
        text=True,
    )
    started = time.perf_counter()
    least = started + args.seconds
    run_phase(
        flood, loop, app, watch, loop.tally_key, port, token,
        lambda: sender.poll() is not None and time.perf_counter() > least,
    )  # fmt: skip
    answers = json.loads(sender.stdout.read() or "{}")
    flood_s = time.perf_counter() - started

    watch.stop()
    dashboard.stop()
    recorder.close()
    pygame.display.quit()

    print(f"kiosk at {config.display.size}, {os.cpu_count()} cores; flood over in {flood_s:.1f} s")
    print(f"guesses answered: {', '.join(f'{n} x {code}' for code, n in answers.items())}")
    rows = [
        ("frame median ms", statistics.median, "frames"),
        ("frame p99 ms", p99, "frames"),
        ("tap-to-record median ms", statistics.median, "records"),
        ("tap-to-record p99 ms", p99, "records"),
        ("token's page median ms", statistics.median, "pages"),
        ("memory median MB", statistics.median, "rss"),
        ("memory peak MB", max, "rss"),
    ]
    print("| measure | baseline | flood | flood / baseline |")
    print("| --- | --- | --- | --- |")
    for name, measure, field in rows:
        before = measure(getattr(baseline, field) or [float("nan")])
        during = measure(getattr(flood, field) or [float("nan")])
        ratio = during / before if before else float("nan")
        print(f"| {name} | {before:.1f} | {during:.1f} | {ratio:.2f} |")
    print(
        f"samples (baseline / flood): {len(baseline.frames)} / {len(flood.frames)} frames, "
        f"{len(baseline.records)} / {len(flood.records)} records, "
        f"{len(baseline.pages)} / {len(flood.pages)} pages"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
