"""What measuring a site gives, written down so a faster measure can be held to the same.

For every screen `check_fit` builds (each size, text size and language): the touch targets
(they move with every measured height), the text column's height, and the typesetter's record
(each text, its colours, whether it was cut and the word that did not fit), hashed. And the
findings `check_fit` prints, in full and in order.

Run `python tests/fit_record.py` to write tests/fit_findings/*.json again, after a change
that is meant to move text (fonts, layout, type scale).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "tests" / "fit_findings"


def screen_prints(report, config, size, large, language, draw=False) -> dict[str, str]:
    """screen name -> hash of what measuring (or, with `draw`, drawing) it gave."""
    from kiosk.clock import VirtualClock
    from kiosk.ui.app import KioskApp
    from kiosk.ui.scenes.home import HomeScene
    from kiosk.ui.scenes.zone import ZoneScene

    app = KioskApp(config, report.exhibit, size, VirtualClock(0), measure_only=not draw)
    app.language = language
    app.set_modes(large_text=large, rebuild=False)
    screens = [("home", HomeScene(app))]
    for zone in report.exhibit.zones:
        screens += [(f"{zone.id}/{i}", ZoneScene(app, zone, i)) for i in range(len(zone.pages))]
    prints = {}
    for name, scene in screens:
        scene.build()
        seen = {
            "targets": {key: [r.x, r.y, r.w, r.h] for key, r in scene.targets.items()},
            "column": getattr(scene, "column_height", None),
            "written": [
                [w.text, list(w.colour), list(w.background), w.cut, w.long_word] for w in app.type.record
            ],
        }
        blob = json.dumps(seen, ensure_ascii=False, sort_keys=True).encode()
        prints[name] = hashlib.sha256(blob).hexdigest()[:16]
    return prints


def jobs(config):
    from kiosk.ui.lint import screen_sizes

    return [
        (size, large, language)
        for size in screen_sizes(config)
        for large in (False, True)
        for language in config.languages
    ]


def job_name(size, large, language) -> str:
    return f"{size[0]}x{size[1]}{' large' if large else ''} {language}"


def record(report, config, per_screen: bool) -> dict:
    """The findings and the prints of every job (one hash per job unless `per_screen`)."""
    from kiosk.ui.lint import check_fit

    prints = {}
    for job in jobs(config):
        screens = screen_prints(report, config, *job)
        if per_screen:
            prints[job_name(*job)] = screens
        else:
            whole = json.dumps(screens, sort_keys=True).encode()
            prints[job_name(*job)] = hashlib.sha256(whole).hexdigest()[:16]
    return {"findings": [str(p) for p in check_fit(report, config)], "prints": prints}


def sites(folder: Path):
    """(name, report, config, per_screen) of the sites the record covers."""
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from tests.sites import large_site, stretched

    bundled = load_config(ROOT / "config.yaml")
    report = load_exhibit(bundled)
    yield "bundled", report, bundled, True
    yield "stretched", stretched(report), bundled, True
    large = load_config(large_site(folder, 100))
    yield "large", load_exhibit(large), large, False


def main() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    FOLDER.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, report, config, per_screen in sites(Path(tmp)):
            found = record(report, config, per_screen)
            text = json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
            (FOLDER / f"{name}.json").write_text(text)
            print(f"{name}: {len(found['findings'])} findings")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
