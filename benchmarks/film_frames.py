"""Frame times while a film plays, against the same page without it, in one run.

Run: python benchmarks/film_frames.py [--seconds S]

On the system clock, as the window loop runs (at most 60 passes a second, drawing only
when something changed), the sample film's page is shown at 1920x1080 and 3840x2160:

- "page, no film": the same page drawn 30 times a second as if something changed: the floor;
- "sample film (1280x720)" and "film 1920x1080": the film playing, decoded on its thread; the
  kiosk draws and shows only the film's box while nothing else moves;
- "film 1920x1080, whole": the same, with the whole screen drawn for every frame (as when
  the visitor scrolls the text beside a playing film).

Printed: frames drawn, median and 99th-percentile frame time (update and draw, ms), the p99
as a multiple of the floor's, the decode cost per frame (CPU of the film's thread, which
decodes and scales to the size shown), and the share of the film's frames that reached the
screen. SDL's dummy driver: CPU drawing only. The machine may be shared: read the ratios.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402

from benchmarks.video_decoders import make_film  # noqa: E402
from kiosk.clock import SystemClock  # noqa: E402
from kiosk.config import load_config  # noqa: E402
from kiosk.content.loader import load_exhibit  # noqa: E402
from kiosk.resources import init_site  # noqa: E402
from kiosk.ui.app import KioskApp  # noqa: E402
from kiosk.ui.input import Pointer  # noqa: E402
from kiosk.visit.intents import OpenZone, StartVisit, TurnPage  # noqa: E402

SIZES = [(1920, 1080), (3840, 2160)]
FILM = "video/national-day-timeline.mp4"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def film_page(config, size: tuple[int, int]) -> KioskApp:
    exhibit = load_exhibit(config).exhibit
    app = KioskApp(config, exhibit, size, SystemClock())
    app.apply(StartVisit())
    app.apply(OpenZone("national-day"))
    for _ in range(len(exhibit.zone("national-day").pages) - 1):
        app.apply(TurnPage(+1))
    app.transition = None
    app.update()
    return app


def frames(app: KioskApp, window: pygame.Surface, seconds: float, force_every: float | None) -> list[float]:
    """Frame times (ms) of the frames drawn in `seconds` of the window loop's passes."""
    ticker, samples = pygame.time.Clock(), []
    end = time.perf_counter() + seconds
    next_forced = time.perf_counter()
    while time.perf_counter() < end:
        start = time.perf_counter()
        app.update()
        force = force_every is not None and start >= next_forced
        if force:
            next_forced += force_every
        if app.draw(window, force=force):
            pygame.display.flip()
            samples.append((time.perf_counter() - start) * 1000)
        ticker.tick(60)
    return samples


def play(app: KioskApp) -> None:
    x, y = app.widget_centre("video:play")
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=8.0, help="of each run (the film lasts 20)")
    args = parser.parse_args()
    pygame.display.init()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        sites = {}
        for name, film in (("sample film (1280x720)", None), ("film 1920x1080", (1920, 1080))):
            site = Path(tmp) / name.split()[1].strip("()")
            init_site(site)
            if film is not None:  # the sample's page and captions, a full-HD film of the same length
                made = Path(tmp) / "full-hd.mp4"
                make_film(made, film, 600)
                shutil.copyfile(made, site / "media" / FILM)
            sites[name] = load_config(site / "config.yaml")
        for size in SIZES:
            window = pygame.display.set_mode(size)
            label = f"{size[0]}x{size[1]}"
            app = film_page(sites["sample film (1280x720)"], size)
            floor = frames(app, window, args.seconds, force_every=1 / 30)
            rows.append((label, "page, no film", floor, None, None))
            runs = [(name, config, None) for name, config in sites.items()]
            runs.append(("film 1920x1080, whole", sites["film 1920x1080"], 1 / 30))
            for name, config, force_every in runs:
                app = film_page(config, size)
                play(app)
                samples = frames(app, window, args.seconds, force_every=force_every)
                reel = app.scene.feature.projector.reel
                cost = reel.cpu_s / max(1, reel.frames_decoded) * 1000
                reached = reel.frames_shown / (args.seconds * 30)
                rows.append((label, name, samples, cost, reached))
                app.scene.leave()
    print(
        f"{'screen':<10} {'page':<24} {'frames':>6} {'median ms':>10} {'p99 ms':>7} {'p99 x floor':>12} "
        f"{'decode ms':>10} {'film frames shown':>18}"
    )
    floors = {}
    for screen, page, samples, cost, reached in rows:
        p99 = percentile(samples, 99)
        floors.setdefault(screen, p99)
        decode = f"{cost:10.2f}" if cost is not None else f"{'':>10}"
        share = f"{reached:17.0%}" if reached is not None else f"{'':>18}"
        print(
            f"{screen:<10} {page:<24} {len(samples):6d} {statistics.median(samples):10.2f} {p99:7.2f} "
            f"{p99 / floors[screen]:12.2f} {decode} {share}"
        )


if __name__ == "__main__":
    main()
