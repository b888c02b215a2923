"""How long `kiosk validate` takes on a large exhibit: 100 zones in four languages.

Run: python benchmarks/validate_large.py [--zones N]

The exhibit is generated from the shipped zones (copied under new ids). Printed beside it:
the bare baseline of the same run, reading every YAML file with yaml.safe_load, and the
check split in its parts (loading with image checks; glyphs; fit on every screen).
"""

from __future__ import annotations

import argparse
import os
import shutil
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


def make_exhibit(folder: Path, count: int) -> Path:
    shutil.copytree(ROOT / "media", folder / "media")
    zones = folder / "zones"
    zones.mkdir()
    sources = sorted(p for p in (ROOT / "zones").glob("*.yaml") if p.name != "pavilion.yaml")
    ids = []
    for i in range(count):
        source = sources[i % len(sources)]
        zone_id = f"{source.stem}-{i:03d}"
        text = source.read_text().replace(f"id: {source.stem}\n", f"id: {zone_id}\n", 1)
        (zones / f"{zone_id}.yaml").write_text(text)
        ids.append(zone_id)
    pavilion = (ROOT / "zones" / "pavilion.yaml").read_text()
    head = pavilion[: pavilion.index("zones:")]
    (zones / "pavilion.yaml").write_text(head + "zones:\n" + "".join(f"  - {z}\n" for z in ids))
    config = folder / "config.yaml"
    config.write_text("store_path: visitors.db\n")
    return config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=100)
    args = parser.parse_args()
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.ui.lint import check_fit, check_glyphs, screen_sizes

    with tempfile.TemporaryDirectory() as tmp:
        config_path = make_exhibit(Path(tmp), args.zones)
        files = sorted((Path(tmp) / "zones").glob("*.yaml"))

        start = time.perf_counter()
        for path in files:
            yaml.safe_load(path.read_text())
        bare = time.perf_counter() - start

        config = load_config(config_path)
        start = time.perf_counter()
        report = load_exhibit(config)
        loading = time.perf_counter() - start
        start = time.perf_counter()
        glyphs = check_glyphs(report, config)
        glyph_s = time.perf_counter() - start
        start = time.perf_counter()
        fit = check_fit(report, config)
        fit_s = time.perf_counter() - start

        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-m", "kiosk", "validate", "--config", str(config_path)],
            capture_output=True,
            text=True,
        )
        whole = time.perf_counter() - start

    pages = sum(len(z.pages) for z in report.exhibit.zones)
    sizes = len(screen_sizes(config))
    print(
        f"{args.zones} zones, {pages} pages, {len(config.languages)} languages; "
        f"fit checked at {sizes} screen sizes x 2 text sizes"
    )
    print(f"{'step':<36} {'seconds':>8} {'x baseline':>11}")
    steps = (
        ("baseline: yaml.safe_load of every file", bare),
        ("load + models + image checks", loading),
        ("glyph check", glyph_s),
        ("fit check (every screen)", fit_s),
        ("kiosk validate, whole command", whole),
    )
    for name, seconds in steps:
        print(f"{name:<36} {seconds:8.2f} {seconds / bare:11.1f}")
    print(f"problems found: {len(report.problems) + len(glyphs) + len(fit)}; exit code {run.returncode}")


if __name__ == "__main__":
    main()
