"""How long `kiosk validate` takes on a large exhibit: 100 zones in four languages.

Run: python benchmarks/validate_large.py [--zones N] [--profile]

Two exhibits are generated from the shipped zones (tests/sites.py): copies under new ids, and
copies whose every text carries its zone's number, so that nothing measured for one zone
serves another, as in a real pavilion. For each, printed beside the floor of the same run
(reading every YAML file with yaml.safe_load): the check split in its parts (loading with
image checks; glyphs; one screen set measured, i.e. one size, text size and language; fit
on every screen, shared among the cores) and the whole command in a new process, each in
wall-clock seconds and in CPU seconds (its workers' and the command's included: on a shared
machine they move less). `--profile` adds where one screen set's measuring went (cProfile, by own time).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from tests.sites import large_site  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the check's workers,
    the command run): on a shared machine they move less than the wall clock."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed(step):
    start, cpu = time.perf_counter(), _cpu()
    result = step()
    return result, (time.perf_counter() - start, _cpu() - cpu)


def measure(config_path: Path, profile: bool) -> tuple[list[tuple[str, float]], str, str]:
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.ui import lint

    files = sorted((config_path.parent / "zones").glob("*.yaml"))
    _, bare = timed(lambda: [yaml.safe_load(path.read_text()) for path in files])
    config = load_config(config_path)
    report, loading = timed(lambda: load_exhibit(config))
    glyphs, glyph_s = timed(lambda: lint.check_glyphs(report, config))
    where_is = {(lang, value): (key, path) for key, path, lang, value in lint._texts(report)}
    job = (lint.screen_sizes(config)[0], False, config.languages[0])
    _, one_s = timed(lambda: lint._check_screens(report, config, where_is, *job))
    fit, fit_s = timed(lambda: lint.check_fit(report, config))
    command = [sys.executable, "-m", "kiosk", "validate", "--config", str(config_path)]
    run, whole = timed(lambda: subprocess.run(command, capture_output=True, text=True, cwd=ROOT))
    pages = sum(len(z.pages) for z in report.exhibit.zones)
    sets = len(lint.screen_sizes(config)) * 2 * len(config.languages)
    said = (
        f"{len(report.exhibit.zones)} zones, {pages} pages, {len(config.languages)} languages: "
        f"{sets} screen sets of {pages + 1} screens; {len(report.problems) + len(glyphs) + len(fit)} "
        f"problems found, exit code {run.returncode}"
    )
    steps = [
        ("floor: yaml.safe_load of every file", bare),
        ("load + models + image checks", loading),
        ("glyph check", glyph_s),
        ("one screen set measured", one_s),
        (f"fit check, all {sets} sets", fit_s),
        ("kiosk validate, whole command", whole),
    ]
    return steps, said, _profile(report, config, where_is, job) if profile else ""


def _profile(report, config, where_is, job) -> str:
    import cProfile
    import io
    import pstats

    from kiosk.ui import lint

    profiler = cProfile.Profile()
    profiler.runcall(lint._check_screens, report, config, where_is, *job)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(14)
    lines = out.getvalue().splitlines()
    return "\n".join(lines[next(i for i, line in enumerate(lines) if "ncalls" in line) :])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=100)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    for distinct in (False, True):
        with tempfile.TemporaryDirectory() as tmp:
            config_path = large_site(Path(tmp), args.zones, distinct=distinct)
            steps, said, profile = measure(config_path, args.profile)
        print(("texts differing from zone to zone: " if distinct else "copies: ") + said)
        floor_wall, floor_cpu = steps[0][1]
        print(f"{'step':<38} {'seconds':>8} {'x floor':>8} {'cpu s':>8} {'x floor':>8}")
        for name, (wall, cpu) in steps:
            print(f"{name:<38} {wall:8.2f} {wall / floor_wall:8.1f} {cpu:8.2f} {cpu / floor_cpu:8.1f}")
        if profile:
            print("one screen set, by own time (cProfile):\n" + profile)
        print()


if __name__ == "__main__":
    main()
