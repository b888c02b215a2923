"""Draw docs/contact-sheet.png: the kiosk's screens in each orientation and mode, small.

Run: python tools/make_contact_sheet.py
Rows: landscape and portrait, each in normal, large-text and high-contrast mode (a different
language per row); columns: language choice, home, a text page, a timeline, a quiz answered.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pygame  # noqa: E402
from PIL import Image  # noqa: E402

from kiosk.clock import VirtualClock  # noqa: E402
from kiosk.config import load_config  # noqa: E402
from kiosk.content.loader import load_exhibit  # noqa: E402
from kiosk.ui.app import KioskApp  # noqa: E402
from kiosk.ui.input import Pointer  # noqa: E402

ROWS = [
    ((1920, 1080), "normal", "pl"),
    ((1920, 1080), "large-text", "en"),
    ((1920, 1080), "contrast", "kk"),
    ((1080, 1920), "normal", "ru"),
    ((1080, 1920), "large-text", "kk"),
    ((1080, 1920), "contrast", "en"),
]
# (zone, page index, answer to tap or None)
PAGES = [("forest", 1, None), ("regions", 4, None), ("poland-kazakhstan", 4, 2)]
CELL_W = 320


def tap(app: KioskApp, widget_id: str) -> None:
    x, y = app.widget_centre(widget_id)
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))
    app.clock.advance(1)
    app.update()


def row_pictures(size, mode, language, config, exhibit) -> list[Image.Image]:
    app = KioskApp(config, exhibit, size, VirtualClock(1_504_771_200.0))
    surface = pygame.Surface(size)
    shots = []

    def shot() -> None:
        app.draw(surface, force=True)
        picture = Image.frombytes("RGB", size, pygame.image.tobytes(surface, "RGB"))
        shots.append(picture.resize((CELL_W, round(CELL_W * size[1] / size[0])), Image.Resampling.LANCZOS))

    tap(app, "attract")
    app.set_modes(large_text=mode == "large-text", high_contrast=mode == "contrast")
    shot()
    tap(app, f"lang:{language}")
    shot()
    for zone, page, answer in PAGES:
        for _ in range(len(exhibit.zones)):  # large text pages the home screen's cards
            if app.widget_centre(f"zone:{zone}") is not None:
                break
            tap(app, "next")
        tap(app, f"zone:{zone}")
        for _ in range(page):
            tap(app, "next")
        if answer and app.widget_centre(f"quiz:1:answer:{answer}") is None:
            box = app.scene.column_box
            for kind, y in (("down", box.bottom - 10), ("move", box.y + 10), ("up", box.y + 10)):
                app.pointer(Pointer(kind, box.center[0], y))
        if answer:
            tap(app, f"quiz:1:answer:{answer}")
        shot()
        tap(app, "home")
    return shots


def main() -> None:
    config = load_config(ROOT / "config.yaml")
    exhibit = load_exhibit(config).exhibit
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    rows = [row_pictures(*row, config, exhibit) for row in ROWS]
    gap = 8
    width = max(sum(p.width for p in row) + gap * (len(row) + 1) for row in rows)
    height = sum(row[0].height for row in rows) + gap * (len(rows) + 1)
    sheet = Image.new("RGB", (width, height), (210, 206, 198))
    y = gap
    for row in rows:
        x = gap
        for picture in row:
            sheet.paste(picture, (x, y))
            x += picture.width + gap
        y += row[0].height + gap
    out = ROOT / "docs" / "contact-sheet.png"
    sheet.quantize(256).save(out, optimize=True)
    print(out, sheet.size)


if __name__ == "__main__":
    main()
