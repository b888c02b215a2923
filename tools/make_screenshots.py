"""Remake the screenshots in docs/ by replaying a short visit in each orientation.

Run: python tools/make_screenshots.py   (uses `kiosk run --headless --replay`, then halves
the pictures with Pillow so the repository stays small); `python tools/make_screenshots.py
closed` remakes only the closed card (opening hours, at night), `... film` only the film page
(docs/film-kk.png: playing, 9.5 s in, with its Kazakh caption), `... focus` only the keypad's
focus ring (docs/focus-ring.png: the quiz page reached by keys alone, the ring on an answer).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

VISITS = {
    # size: [(language, zone, page steps, name)]
    "1920x1080": [("en", "poland-kazakhstan", 0, "zone-en"), ("kk", "regions", 1, "zone-kk")],
    "1080x1920": [("ru", "national-day", 2, "zone-ru-portrait"), ("pl", "forest", 1, "zone-pl-portrait")],
}


def script(language: str, zone: str, pages: int, name: str, orientation: str) -> str:
    # The attract screen is taken between two of its cross-fades, with one zone's picture alone.
    steps = [
        f"- {{at: 2, screenshot: attract-{orientation}}}",
        "- {at: 2.5, tap: attract}",
        f"- {{at: 3, screenshot: language-{orientation}}}",
        f"- {{at: 3.5, tap: 'lang:{language}'}}",
        f"- {{at: 4, screenshot: home-{language}-{orientation}}}",
        f"- {{at: 4.5, tap: 'zone:{zone}'}}",
    ]
    steps += [f"- {{at: {5.5 + i}, tap: next}}" for i in range(pages)]
    steps += [f"- {{at: 11, screenshot: {name}}}", "- {at: 12, quit: true}"]
    return "\n".join(steps) + "\n"


def replay(path: Path, size: str, shots: Path, config: Path, *options: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--headless", "--replay", str(path), "--size", size,
         "--screenshots", str(shots), "--config", str(config), *options],
        check=True,
    )  # fmt: skip


def closed_card(tmp_dir: Path, site: str) -> None:
    """The closed card on a Thursday night (the pavilion opens on Friday at 10:00)."""
    config = tmp_dir / "closed.yaml"
    config.write_text(site + 'schedule:\n  hours: "10:00-20:00"\n')
    for size, orientation in (("1920x1080", "landscape"), ("1080x1920", "portrait")):
        path = tmp_dir / f"closed-{orientation}.yaml"
        path.write_text(f"- {{at: 0.5, screenshot: closed-{orientation}}}\n- {{at: 1, quit: true}}\n")
        replay(path, size, tmp_dir / "shots", config, "--start", "2017-09-07T21:00")


def film_page(tmp_dir: Path, config: Path) -> None:
    """The National Day zone's film, in Kazakh, playing: the moment of the Forum's caption."""
    steps = ["- {at: 1, tap: attract}", "- {at: 2, tap: 'lang:kk'}", "- {at: 3, tap: 'zone:national-day'}"]
    steps += [f"- {{at: {4 + i}, tap: next}}" for i in range(5)]
    steps += ["- {at: 10, tap: 'video:play'}", "- {at: 19.5, screenshot: film-kk}", "- {at: 20, quit: true}"]
    path = tmp_dir / "film-kk.yaml"
    path.write_text("\n".join(steps) + "\n")
    replay(path, "1920x1080", tmp_dir / "shots", config)


def focus_ring(tmp_dir: Path, config: Path) -> None:
    """A visit by keys alone to the Poland-Kazakhstan quiz, the ring on its second answer."""
    keys = ["other", "down", "right", "enter", "down", "right", "right", "right", "enter"]
    keys += ["left", "enter"] * 4 + ["down", "down"]
    steps = [f"- {{at: {1 + i * 0.5}, key: {key}}}" for i, key in enumerate(keys)]
    steps += [
        f"- {{at: {2 + len(keys) * 0.5}, screenshot: focus-ring}}",
        f"- {{at: {3 + len(keys)}, quit: true}}",
    ]
    path = tmp_dir / "focus-ring.yaml"
    path.write_text("\n".join(steps) + "\n")
    replay(path, "1920x1080", tmp_dir / "shots", config)


def main(only: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        config = tmp_dir / "config.yaml"
        site = (
            f"zones_dir: {ROOT / 'zones'}\nmedia_dir: {ROOT / 'media'}\n"
            f"store_path: {tmp_dir / 'visitors.db'}\n"
        )
        config.write_text(site)
        if not only or only == ["closed"]:
            closed_card(tmp_dir, site)
        if not only or only == ["film"]:
            film_page(tmp_dir, config)
        if not only or only == ["focus"]:
            focus_ring(tmp_dir, config)
        for size, visits in VISITS.items() if not only else ():
            orientation = "portrait" if size.startswith("1080x") else "landscape"
            for language, zone, pages, name in visits:
                path = tmp_dir / f"{name}.yaml"
                path.write_text(script(language, zone, pages, name, orientation))
                replay(path, size, tmp_dir / "shots", config)
        DOCS.mkdir(exist_ok=True)
        for shot in sorted((tmp_dir / "shots").glob("*.png")):
            with Image.open(shot) as image:
                half = image.resize((image.width // 2, image.height // 2), Image.Resampling.LANCZOS)
                half.save(DOCS / shot.name, optimize=True)
                print(DOCS / shot.name)


if __name__ == "__main__":
    main(sys.argv[1:])
