"""Soak: thousands of random visitors on the headless kiosk, its memory sampled as they come.

Run: python benchmarks/soak.py [--visitors N] [--sizes 1920x1080,3840x2160] [--seed S]

Each size runs in its own process (a fresh heap, as a kiosk starts), with the shipped
content, a real visitor store in a temporary folder, and the staff screen opened every 50th
visitor. Visitors tap whatever is on screen: every zone, language, large text, contrast,
quizzes, galleries, hotspots; half finish, half walk away. Frames are drawn as the window
loop would. RSS is read from /proc after every visitor.

Printed per size: RSS after the first visitor (the floor: content, fonts, first screens),
peak RSS, growth per 1000 visitors (least squares over the second half, after caches
fill), and the targets from the issue: peak < 300 MB at 1080p, < 600 MB at 4K, growth
under 20 MB over 5000 visitors.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS_MB = {1080: 300, 2160: 600}  # peak RSS by the screen's short side
GROWTH_MB_PER_5000 = 20


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def soak(size: tuple[int, int], visitors: int, seed: int) -> dict:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    sys.path.insert(0, str(ROOT))
    from kiosk.memory import tune_allocator

    tune_allocator()  # as `kiosk run` does before the first picture
    import pygame

    from kiosk.clock import VirtualClock
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.staff import StaffSecrets
    from kiosk.ui.app import KioskApp
    from kiosk.ui.wanderer import Wanderer
    from kiosk.visitors.recorder import Recorder

    site = Path(tempfile.mkdtemp(prefix="kiosk-soak-"))
    try:
        for folder in ("zones", "media"):
            shutil.copytree(ROOT / folder, site / folder)
        shutil.copy(ROOT / "config.yaml", site / "config.yaml")
        config = load_config(site / "config.yaml")
        StaffSecrets(config.staff_file).set("pin", "2468")
        exhibit = load_exhibit(config).exhibit
        pygame.display.init()
        pygame.display.set_mode((1, 1))
        canvas = pygame.Surface(size)
        recorder = Recorder(config.store_file)
        clock = VirtualClock(1_504_771_200.0)
        app = KioskApp(config, exhibit, size, clock, recorder.record)
        wanderer = Wanderer(app, clock, seed, canvas=canvas, staff_pin="2468")
        samples: list[float] = []
        started = time.perf_counter()
        for _ in range(visitors):
            wanderer.visit()
            samples.append(rss_mb())
        seconds = time.perf_counter() - started
        recorder.close()
        return {"samples": samples, "seconds": seconds, "virtual_hours": clock.elapsed / 3600}
    finally:
        shutil.rmtree(site, ignore_errors=True)


def growth_per_1000(samples: list[float]) -> float:
    """Least-squares slope over the second half, in MB per 1000 visitors."""
    half = samples[len(samples) // 2 :]
    n = len(half)
    if n < 2:
        return 0.0
    xs = range(n)
    mean_x, mean_y = (n - 1) / 2, sum(half) / n
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, half)) / sum((x - mean_x) ** 2 for x in xs)
    return slope * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=5000)
    parser.add_argument("--sizes", default="1920x1080,3840x2160")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # WIDTHxHEIGHT: run one size, print JSON
    args = parser.parse_args()
    if args.one:
        w, h = (int(v) for v in args.one.split("x"))
        print(json.dumps(soak((w, h), args.visitors, args.seed)))
        return 0
    rows, failed = [], False
    for spec in args.sizes.split(","):
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                spec,
                "--visitors",
                str(args.visitors),
                "--seed",
                str(args.seed),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout.strip().splitlines()[-1])
        samples = result["samples"]
        w, h = (int(v) for v in spec.split("x"))
        target = TARGETS_MB.get(min(w, h), 600)
        peak, growth = max(samples), growth_per_1000(samples)
        ok = peak < target and growth * 5 < GROWTH_MB_PER_5000
        failed |= not ok
        rows.append(
            f"| {spec} | {len(samples)} | {result['virtual_hours']:.0f} | {samples[0]:.0f} | {peak:.0f}"
            f" | {target} | {growth:+.2f} | {growth * 5:+.1f} | {result['seconds']:.0f}"
            f" | {'ok' if ok else 'MISSED'} |"
        )
    print(
        "| screen | visitors | virtual h | RSS after 1st (MB) | peak RSS (MB) | target (MB)"
        " | growth MB/1000 | MB/5000 | wall s | verdict |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
