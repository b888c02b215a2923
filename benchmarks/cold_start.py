"""Cold start to the first frame, against a bare pygame-ce start measured in the same run.

Run: python benchmarks/cold_start.py [--runs N] [--size 1920x1080] [--config PATH] [--profile]

Each start is a new Python process, timed from its spawn to the first flip, runs of the
kiosk and of the floor taking turns (the machine is shared: only the ratio means much).
- kiosk: what `kiosk run` does before its first frame: the allocator tuned, config and
  content loaded (every picture checked by decoding it), the visitor store opened, the
  window opened at that size, the app built (the attract screen: covers scaled and rounded,
  words set) and its window loop's first step (update, draw, flip).
- floor: a bare pygame-ce start doing the unavoidable part of that: import, init, a window of
  the same size, the kiosk's fonts opened at its type sizes, the same pictures decoded once
  (on every core, as the loader does), one fill and flip.
Printed in wall-clock time and in CPU time (on a shared machine, the steadier of the two).
Both run with compiled bytecode, as a kiosk installed from its wheel does (a warm-up start
of each writes it to a temporary folder first). `--profile` adds where the kiosk's start
went, by cProfile (which slows it down: the split matters, not the total).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def kiosk_start(spawned: float, config_path: str, size: tuple[int, int], store: str) -> dict:
    """In the child: the kiosk's start, phase by phase (seconds since the spawn)."""
    marks = {}

    def mark(name: str) -> None:
        marks[name] = (time.time() - spawned, time.process_time())

    sys.path.insert(0, str(ROOT))
    from kiosk.memory import tune_allocator

    tune_allocator()
    from kiosk.clock import SystemClock
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.content.reload import ContentReloader
    from kiosk.notify import Notifier
    from kiosk.ui import run  # noqa: F401 -- what `kiosk run` imports before its window
    from kiosk.ui.app import KioskApp
    from kiosk.ui.window import WindowLoop
    from kiosk.visitors.recorder import Recorder, check_writable

    mark("python, imports")
    config = load_config(config_path)
    report = load_exhibit(config)
    mark("config, content, picture check")
    check_writable(Path(store))
    recorder = Recorder(Path(store), config.timezone)
    mark("visitor store")
    import pygame

    pygame.display.init()
    window = pygame.display.set_mode(size)
    mark("window")
    clock = SystemClock()  # from here as kiosk/ui/run.py's run_window, the window aside
    app = KioskApp(
        config,
        report.exhibit,
        size,
        clock,
        recorder.record,
        reloader=ContentReloader(config, clock.monotonic()),
        problems=report.problems,
        store_health=recorder.health,
    )
    mark("app: attract screen built")
    WindowLoop(app, window, 0, False, Notifier({})).step([])
    mark("first step: update, draw, flip")
    recorder.close()
    return marks


def floor_start(spawned: float, config_path: str, size: tuple[int, int]) -> dict:
    """In the child: a bare pygame-ce start with the same window, fonts and pictures."""
    marks = {}

    def mark(name: str) -> None:
        marks[name] = (time.time() - spawned, time.process_time())

    from concurrent.futures import ThreadPoolExecutor

    import pygame
    from PIL import Image

    mark("python, imports")
    pygame.init()
    window = pygame.display.set_mode(size)
    mark("init, window")
    fonts, pictures = _what_the_kiosk_opens(config_path, size)
    for path, px in fonts:
        pygame.font.Font(path, px)
    mark("fonts opened")

    def decode(path: str) -> None:
        with Image.open(path) as image:
            image.load()

    with ThreadPoolExecutor() as pool:
        list(pool.map(decode, pictures))
    mark("pictures decoded once")
    window.fill((246, 244, 239))
    pygame.display.flip()
    mark("one flip")
    return marks


def _what_the_kiosk_opens(config_path: str, size: tuple[int, int]) -> tuple[list, list[str]]:
    """(font file, px) of the type scale, and every picture of the content. Read from the
    files with yaml only, so that the floor imports nothing of the kiosk's."""
    import yaml

    base = Path(config_path).parent
    settings = yaml.safe_load(Path(config_path).read_text()) or {}
    media = base / settings.get("media_dir", "media")
    zones = base / settings.get("zones_dir", "zones")
    pictures = sorted(str(p) for p in (media / "images").rglob("*") if p.is_file())
    used = set()
    for path in zones.glob("*.yaml"):
        used |= {p for p in pictures if Path(p).relative_to(media).as_posix() in path.read_text()}
    shipped = ROOT / "kiosk" / "shipped" / "fonts"
    fonts_dir = media / "fonts" if (media / "fonts").is_dir() else shipped
    unit = min(min(size) / 1080, max(size) / 1920)
    scale = [92, 60, 42, 31, 23]  # the theme's type sizes at 1080p
    fonts = [
        (str(fonts_dir / name), round(px * unit))
        for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
        for px in scale
    ]
    return fonts, sorted(used)


def child(argv: list[str]) -> None:
    kind, spawned, config_path, size, store = argv
    w, h = (int(n) for n in size.split("x"))
    if kind == "kiosk":
        marks = kiosk_start(float(spawned), config_path, (w, h), store)
    else:
        marks = floor_start(float(spawned), config_path, (w, h))
    print("MARKS " + json.dumps(marks))


def start(kind: str, config_path: str, size: str, env: dict, store: str, profile: str | None = None) -> dict:
    command = [sys.executable]
    if profile:
        command += ["-m", "cProfile", "-o", profile]
    command += [__file__, "--child", kind, repr(time.time()), config_path, size, store]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    line = next(line for line in done.stdout.splitlines() if line.startswith("MARKS "))
    return json.loads(line[6:])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--config", default=str(ROOT / "config.yaml"))
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "SDL_VIDEODRIVER": "dummy",
            "SDL_AUDIODRIVER": "dummy",
            "PYGAME_HIDE_SUPPORT_PROMPT": "1",
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "bytecode"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        store = str(Path(tmp) / "visitors.db")
        for kind in ("kiosk", "floor"):  # warm-up: bytecode written, files in the page cache
            start(kind, args.config, args.size, env, store)
        runs: dict[str, list[dict]] = {"kiosk": [], "floor": []}
        for _ in range(args.runs):
            for kind in ("kiosk", "floor"):
                runs[kind].append(start(kind, args.config, args.size, env, store))
        profile = None
        if args.profile:
            profile = str(Path(tmp) / "start.prof")
            start("kiosk", args.config, args.size, env, store, profile)
            profile = _top(profile)
    _table(runs, args)
    if profile:
        print("\nwhere the kiosk's start went (cProfile, cumulative; profiling slows it):")
        print(profile)


def _phases(marks: list[dict], part: int) -> list[tuple[str, float]]:
    """Median seconds (part 0: wall clock, 1: CPU) of each phase, since the one before."""
    names = list(marks[0])
    steps = [[m[n][part] - (m[names[i - 1]][part] if i else 0.0) for i, n in enumerate(names)] for m in marks]
    return [(name, statistics.median(s[i] for s in steps)) for i, name in enumerate(names)]


def _table(runs: dict[str, list[dict]], args) -> None:
    print(f"cold start to the first frame at {args.size}, {args.runs} runs each (ms)")
    print(f"{'':<40} {'kiosk':>8} {'floor':>8} {'ratio':>7}")
    rows = [(f"wall clock, {name}", 0, pick) for name, pick in PICKS]
    rows.append(("CPU (all threads), median", 1, statistics.median))
    for row, part, pick in rows:
        kiosk, floor = (pick(list(m.values())[-1][part] for m in runs[kind]) for kind in ("kiosk", "floor"))
        print(f"{row:<40} {kiosk * 1000:8.0f} {floor * 1000:8.0f} {kiosk / floor:7.2f}")
    for kind in ("kiosk", "floor"):
        print(f"{kind}, by phase (medians){'wall':>19} {'CPU':>8}")
        for (name, wall), (_, cpu) in zip(_phases(runs[kind], 0), _phases(runs[kind], 1)):
            print(f"  {name:<38} {wall * 1000:8.0f} {cpu * 1000:8.0f}")


PICKS = (("median", statistics.median), ("fastest", min), ("slowest", max))


def _top(path: str) -> str:
    import io
    import pstats

    out = io.StringIO()
    stats = pstats.Stats(path, stream=out)
    stats.sort_stats("cumulative").print_stats(
        r"kiosk/|PIL/Image\.py:\d+\((resize|convert|open)|(load_exhibit)", 28
    )
    lines = out.getvalue().splitlines()
    start = next(i for i, line in enumerate(lines) if "ncalls" in line)
    return "\n".join(lines[start:])


if __name__ == "__main__":
    main()
