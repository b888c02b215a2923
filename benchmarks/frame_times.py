"""Frame times of the kiosk's screens against a bare pygame-ce baseline, in one run.

Run: python benchmarks/frame_times.py [--frames N]

For each size, the baseline fills and flips a window of that size; each scene draws its
full frame (forced, as if something changed) and flips. Printed: median and 99th-percentile
frame time in ms, and the scene's median as a multiple of the baseline's. Also the time to
build each screen (entering it: text and images laid out and rendered once).
Uses SDL's dummy video driver, so figures are CPU rendering only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from kiosk.clock import VirtualClock  # noqa: E402
from kiosk.config import load_config  # noqa: E402
from kiosk.content.loader import load_exhibit  # noqa: E402
from kiosk.ui.app import KioskApp  # noqa: E402
from kiosk.ui.input import Pointer  # noqa: E402

SIZES = [(1920, 1080), (3840, 2160)]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def timed_frames(frames: int, frame) -> list[float]:
    for _ in range(10):  # warm-up
        frame()
    samples = []
    for _ in range(frames):
        start = time.perf_counter()
        frame()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def tap(app: KioskApp, widget_id: str) -> None:
    x, y = app.widget_centre(widget_id)
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


def bare_frame(window: pygame.Surface):
    def frame() -> None:
        window.fill((246, 244, 239))
        pygame.display.flip()

    return frame


def kiosk_frame(app: KioskApp, clock: VirtualClock, window: pygame.Surface):
    """One frame as the window loop runs it, forced to draw as if something had changed."""

    def frame() -> None:
        clock.advance(1 / 60)
        app.update()
        app.draw(window, force=True)
        pygame.display.flip()

    return frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    args = parser.parse_args()

    config = load_config(ROOT / "config.yaml")
    exhibit = load_exhibit(config).exhibit
    pygame.display.init()
    rows = []
    for size in SIZES:
        window = pygame.display.set_mode(size)

        base = timed_frames(args.frames, bare_frame(window))
        rows.append((f"{size[0]}x{size[1]}", "baseline (fill+flip)", base, None, statistics.median(base)))

        clock = VirtualClock(time.time())
        app = KioskApp(config, exhibit, size, clock)
        steps = {"attract": [], "home": ["attract", "lang:en"], "zone": ["zone:forest"]}
        for scene, taps in steps.items():
            for widget in taps:
                tap(app, widget)
            start = time.perf_counter()
            app.scene.build()
            build_ms = (time.perf_counter() - start) * 1000
            samples = timed_frames(args.frames, kiosk_frame(app, clock, window))
            rows.append((f"{size[0]}x{size[1]}", scene, samples, build_ms, statistics.median(base)))
    pygame.display.quit()

    print(f"{'size':<10} {'scene':<22} {'median ms':>10} {'p99 ms':>8} {'x baseline':>11} {'build ms':>9}")
    for size_name, scene, samples, build_ms, base_median in rows:
        median = statistics.median(samples)
        ratio = median / base_median if base_median else float("nan")
        build = f"{build_ms:9.1f}" if build_ms is not None else f"{'':>9}"
        print(
            f"{size_name:<10} {scene:<22} {median:10.2f} {percentile(samples, 99):8.2f} {ratio:11.2f} {build}"
        )


if __name__ == "__main__":
    main()
