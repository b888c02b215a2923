"""Frame times of the kiosk's screens against a bare pygame-ce baseline, in one run.

Run: python benchmarks/frame_times.py [--frames N] [--idle-seconds S]

For each size, the baseline fills and flips a window of that size; each scene draws its
full frame (forced, as if something changed) and flips; "page slide" and "fade to home"
time every frame of those transitions, "scrolling" every frame of a fling through a long
text. Printed: median and 99th-percentile frame time in ms, the median as a multiple of the
baseline's, and the time to build each screen (text and images laid out and rendered once).
Then the CPU an idle kiosk uses, running its real window loop for S seconds per screen.
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
from kiosk.visit.intents import GoHome, OpenZone, SetLanguage, TurnPage  # noqa: E402

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


def transition_frames(frames: int, app: KioskApp, clock: VirtualClock, window: pygame.Surface, start):
    """Frame times while screens slide; the tap that starts each slide (building the new
    screen) is not a transition frame: its cost is the screen's build time."""

    def frame() -> None:
        clock.advance(1 / 60)
        app.update()
        app.draw(window, force=True)
        pygame.display.flip()

    samples: list[float] = []
    while len(samples) < frames:
        start(app)
        while app.transition is not None:
            begin = time.perf_counter()
            frame()
            samples.append((time.perf_counter() - begin) * 1000)
    return samples


def turn_page(app: KioskApp) -> None:
    app.apply(TurnPage(+1 if app.scene.page_index == 0 else -1))


def home_and_back(app: KioskApp) -> None:
    if app.scene.name == "zone":
        app.apply(GoHome())
    else:
        app.apply(OpenZone("forest"))


def scrolling_frame(app: KioskApp, clock: VirtualClock, window: pygame.Surface):
    scene = app.scene

    def frame() -> None:
        if not scene.velocity:
            scene.scroll = 0.0 if scene.scroll > 0 else scene.scroll
            scene.fling(-3000.0)
        clock.advance(1 / 60)
        app.update()
        app.draw(window, force=True)
        pygame.display.flip()

    return frame


def idle_cpu(app: KioskApp, seconds: float) -> float:
    """Percent of one core the real window loop uses while nobody touches the screen."""
    from kiosk.ui.window import WindowLoop, _events

    loop = WindowLoop(app, pygame.display.get_surface(), 0, allow_quit=False)
    ticker = pygame.time.Clock()
    wall, cpu = time.perf_counter(), time.process_time()
    while time.perf_counter() - wall < seconds:
        loop.step(_events(min(app.next_wakeup(), seconds)))
        if app.busy:
            ticker.tick(60)
    return 100 * (time.process_time() - cpu) / (time.perf_counter() - wall)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    args = parser.parse_args()

    config = load_config(ROOT / "config.yaml")
    exhibit = load_exhibit(config).exhibit
    pygame.display.init()
    rows = []
    for size in SIZES:
        window = pygame.display.set_mode(size)
        base = timed_frames(args.frames, bare_frame(window))
        base_median = statistics.median(base)
        rows.append((f"{size[0]}x{size[1]}", "baseline (fill+flip)", base, None, base_median))

        clock = VirtualClock(time.time())
        app = KioskApp(config, exhibit, size, clock)
        steps = {"attract": [], "home": ["attract", "lang:en"], "zone": ["zone:forest"]}
        for scene, taps in steps.items():
            for widget in taps:
                tap(app, widget)
                clock.advance(1)
                app.update()
            start = time.perf_counter()
            app.scene.build()
            build_ms = (time.perf_counter() - start) * 1000
            samples = timed_frames(args.frames, kiosk_frame(app, clock, window))
            rows.append((f"{size[0]}x{size[1]}", scene, samples, build_ms, base_median))

        samples = transition_frames(args.frames, app, clock, window, turn_page)
        rows.append((f"{size[0]}x{size[1]}", "slide: next page", samples, None, base_median))
        samples = transition_frames(args.frames, app, clock, window, home_and_back)
        rows.append((f"{size[0]}x{size[1]}", "slide: home <-> zone", samples, None, base_median))

        clock.advance(1)
        app.update()
        if app.scene.name != "zone":
            app.apply(OpenZone("forest"))
        app.set_modes(large_text=True)  # long enough to scroll
        clock.advance(1)
        app.update()
        samples = timed_frames(args.frames, scrolling_frame(app, clock, window))
        rows.append((f"{size[0]}x{size[1]}", "scrolling (large text)", samples, None, base_median))

    print(f"{'size':<10} {'scene':<24} {'median ms':>10} {'p99 ms':>8} {'x baseline':>11} {'build ms':>9}")
    for size_name, scene, samples, build_ms, base_median in rows:
        median = statistics.median(samples)
        ratio = median / base_median if base_median else float("nan")
        build = f"{build_ms:9.1f}" if build_ms is not None else f"{'':>9}"
        print(
            f"{size_name:<10} {scene:<24} {median:10.2f} {percentile(samples, 99):8.2f} {ratio:11.2f} {build}"
        )

    from kiosk.clock import SystemClock

    print(f"\nIdle CPU over {args.idle_seconds:g} s per screen (1920x1080, real window loop):")
    pygame.display.set_mode((1920, 1080))
    app = KioskApp(config, exhibit, (1920, 1080), SystemClock())
    idle_cpu(app, 1.0)  # let the first frames and the start-up transition pass
    print(f"  attract (cycling every 3.5 s)  {idle_cpu(app, args.idle_seconds):5.1f} % of one core")
    app.start_visit()
    app.apply(SetLanguage("en"))
    app.apply(OpenZone("forest"))
    app.tracker.idle_timeout_s = 3600  # the visitor reads on; no reset during the measurement
    idle_cpu(app, 1.0)
    print(f"  zone page, nobody touching     {idle_cpu(app, args.idle_seconds):5.1f} % of one core")
    pygame.display.quit()


if __name__ == "__main__":
    main()
