"""Record what the kiosk shows, and compare two recordings pixel for pixel (a change to drawing
must not change what visitors see).

Run: python tools/compare_frames.py record DIR      (this tree's kiosk, under its own Xvfb)
     python tools/compare_frames.py compare DIR_A DIR_B [--montage FILE]

`record` writes two kinds of frame:
- screens: the attract, language and home screens and every zone page, in two languages,
  landscape and portrait, each drawn whole (as a screenshot is);
- attract/: 7.5 s of the attract sequence at 60 frames a second of virtual time, stepped
  through the real window loop in a real X server (Xvfb, read from its framebuffer file), so
  a frame is what the screen shows once the loop has sent it whatever it sends: a whole
  flip or only the changed rectangles. Upright 1920x1080, and a portrait exhibit on a screen
  mounted sideways (drawn 1080x1920, turned).
`compare` prints, per kind, how many frames are identical and the largest difference of any
colour channel, and can draw a montage of the attract frames (A above B, with the difference).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEQUENCE = [((1920, 1080), (1920, 1080), 0), ((1920, 1080), (1080, 1920), 90)]  # window, picture, turn
FRAMES = 450  # 7.5 s: the start's fade, two turns and their fades
MONTAGE_AT = [60 + s for s in (0, 6, 12, 18, 24, 30)] + [270 + s for s in (0, 6, 12, 18, 24, 30)]


def save(path: Path, size: tuple[int, int], rgb: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"{size[0]}x{size[1]}\n".encode() + zlib.compress(rgb, 1))


def load(path: Path) -> tuple[tuple[int, int], bytes]:
    head, _, body = path.read_bytes().partition(b"\n")
    w, h = (int(v) for v in head.split(b"x"))
    return (w, h), zlib.decompress(body)


def screen_of(fb: Path, size: tuple[int, int]) -> bytes:
    """The top-left `size` of Xvfb's screen, from its XWD framebuffer file, as RGB."""
    from PIL import Image

    data = fb.read_bytes()
    word = lambda i: int.from_bytes(data[4 * i : 4 * i + 4], "big")  # noqa: E731
    header, width, height, per_line, colours = word(0), word(4), word(5), word(12), word(19)
    start = header + colours * 12
    image = Image.frombuffer("RGB", (width, height), data[start : start + per_line * height], "raw", "BGRX")
    return image.crop((0, 0, *size)).tobytes()


def record(out: Path) -> None:
    with tempfile.TemporaryDirectory() as fbdir:
        number = 90
        while Path(f"/tmp/.X11-unix/X{number}").exists():
            number += 1
        xvfb = subprocess.Popen(
            ["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-fbdir", fbdir, "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while not Path(f"/tmp/.X11-unix/X{number}").exists():
                time.sleep(0.05)
            env = dict(os.environ, DISPLAY=f":{number}", SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy")
            command = [sys.executable, __file__, "child", str(out), "--fb", str(Path(fbdir) / "Xvfb_screen0")]
            subprocess.run(command, env=env, check=True)
        finally:
            xvfb.terminate()
            xvfb.wait()


def child(out: Path, fb: Path) -> None:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    sys.path.insert(0, str(ROOT))
    import pygame

    from kiosk.clock import VirtualClock
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.ui.app import KioskApp
    from kiosk.ui.window import WindowLoop, open_window

    config = load_config(ROOT / "config.yaml")
    exhibit = load_exhibit(config).exhibit

    for window_size, picture, turn in SEQUENCE:
        window = open_window(config, windowed=True, size=window_size)[0]
        clock = VirtualClock(1_504_771_200.0)
        app = KioskApp(config, exhibit, picture, clock)
        loop = WindowLoop(app, window, turn, allow_quit=False)
        pygame.event.get()
        for i in range(FRAMES):
            loop.step([])
            name = f"{picture[0]}x{picture[1]}-{i:03d}"
            save(out / "attract" / name, window_size, screen_of(fb, window_size))
            clock.advance(1 / 60)

    for size in ((1920, 1080), (1080, 1920)):
        for language in ("pl", "en"):
            app = KioskApp(config, exhibit, size, VirtualClock(1_504_771_200.0))
            walk(app, language, out / "screens" / f"{size[0]}x{size[1]}-{language}")
    pygame.display.quit()


def walk(app, language: str, prefix: Path) -> None:
    """Every screen a visitor meets, each drawn whole once its slide is over."""
    import pygame

    from kiosk.ui.input import Pointer

    surface = pygame.Surface(app.size)

    def shot(name: str) -> None:
        app.clock.advance(1.0)
        app.update()
        app.draw(surface, force=True)
        save(prefix.with_name(f"{prefix.name}-{name}"), app.size, pygame.image.tobytes(surface, "RGB"))

    def tap(widget_id: str) -> None:
        x, y = app.widget_centre(widget_id)
        app.pointer(Pointer("down", x, y))
        app.pointer(Pointer("up", x, y))

    shot("attract")
    tap("attract")
    shot("language")
    tap(f"lang:{language}")
    shot("home")
    for zone in app.exhibit.zones:
        tap(f"zone:{zone.id}")
        shot(f"{zone.id}-0")
        for page in range(1, len(zone.pages)):
            tap("next")
            shot(f"{zone.id}-{page}")
        tap("back")


def compare(a: Path, b: Path, montage: Path | None) -> int:
    from PIL import Image, ImageChops

    worst_all = 0
    for kind in ("screens", "attract"):
        names = sorted(p.name for p in (a / kind).iterdir())
        identical, worst, worst_name, pixels = 0, 0, "", 0
        for name in names:
            (size, one), (_, other) = load(a / kind / name), load(b / kind / name)
            if one == other:
                identical += 1
                continue
            diff = ImageChops.difference(
                Image.frombytes("RGB", size, one), Image.frombytes("RGB", size, other)
            )
            largest = max(high for _, high in diff.getextrema())
            pixels = max(pixels, diff.convert("L").point(lambda v: 255 if v else 0).histogram()[255])
            if largest > worst:
                worst, worst_name = largest, name
        worst_all = max(worst_all, worst)
        print(
            f"{kind:8} {len(names):4} frames, {identical:4} identical; largest channel difference {worst}",
            end="",
        )
        print(f" ({worst_name}; at most {pixels} pixels differ in a frame)" if worst else "")
    if montage:
        draw_montage(a, b, montage)
    return 0 if worst_all <= 2 else 1


def draw_montage(a: Path, b: Path, out: Path) -> None:
    """Chosen attract frames of both recordings, a quarter size: A's row, B's row, their difference
    (amplified 16 times), for each orientation."""
    from PIL import Image, ImageChops

    rows = []
    for _, picture, _ in SEQUENCE:
        for source in (a, b, None):
            tiles = []
            for i in MONTAGE_AT:
                name = f"{picture[0]}x{picture[1]}-{i:03d}"
                images = [Image.frombytes("RGB", *load(d / "attract" / name)) for d in (a, b)]
                tile = images[0] if source is a else images[1] if source is b else None
                if tile is None:
                    tile = ImageChops.difference(*images).point(lambda v: min(255, v * 16))
                tiles.append(tile.resize((tile.width // 4, tile.height // 4)))
            rows.append(tiles)
    w, h = rows[0][0].size
    sheet = Image.new("RGB", (w * len(MONTAGE_AT), h * len(rows)), "white")
    for r, tiles in enumerate(rows):
        for c, tile in enumerate(tiles):
            sheet.paste(tile, (c * w, r * h))
    sheet.save(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("record").add_argument("out", type=Path)
    kid = sub.add_parser("child")
    kid.add_argument("out", type=Path)
    kid.add_argument("--fb", type=Path, required=True)
    both = sub.add_parser("compare")
    both.add_argument("a", type=Path)
    both.add_argument("b", type=Path)
    both.add_argument("--montage", type=Path)
    args = parser.parse_args()
    if args.command == "record":
        record(args.out)
    elif args.command == "child":
        child(args.out, args.fb)
    else:
        return compare(args.a, args.b, args.montage)
    return 0


if __name__ == "__main__":
    sys.exit(main())
