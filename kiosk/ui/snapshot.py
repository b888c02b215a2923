"""`kiosk snapshot`: every screen of the exhibit as PNG, and an index.html to sign it off.

Every page of every zone in every language, at each configured screen orientation, drawn
by the kiosk's own scenes; the index is a plain HTML contact sheet (no outside files).
"""

from __future__ import annotations

import html
from pathlib import Path

import pygame

from kiosk.clock import VirtualClock
from kiosk.config import Config
from kiosk.content.model import Exhibit
from kiosk.ui.app import KioskApp
from kiosk.ui.lint import screen_sizes
from kiosk.ui.scenes.attract import AttractScene
from kiosk.ui.scenes.home import HomeScene
from kiosk.ui.scenes.language import LanguageScene
from kiosk.ui.scenes.zone import ZoneScene
from kiosk.ui.strings import language_name
from kiosk.ui.window import headless_display


def screens(app: KioskApp) -> list[tuple[str, str, object]]:
    """(file stem, label, scene) for one language: home, then every page of every zone."""
    found = [("home", "Home", HomeScene(app))]
    for zone in app.exhibit.zones:
        for i, page in enumerate(zone.pages):
            label = f"{app.text(zone.title)} · {i + 1}/{len(zone.pages)} · {app.text(page.title)}"
            found.append((f"{zone.id}-{i + 1}", label, ZoneScene(app, zone, i)))
    return found


def write_snapshot(config: Config, exhibit: Exhibit, out: Path) -> Path:
    with headless_display():
        sections = _draw_screens(config, exhibit, out)
    index = out / "index.html"
    index.write_text(_index(config, sections), encoding="utf-8")
    return index


def _draw_screens(config: Config, exhibit: Exhibit, out: Path) -> list[tuple]:
    sections = []
    for size in screen_sizes(config):
        folder = f"{size[0]}x{size[1]}"
        (out / folder).mkdir(parents=True, exist_ok=True)
        surface = pygame.Surface(size)
        rows: dict[str, list[str]] = {}
        labels: dict[str, str] = {}
        app = KioskApp(config, exhibit, size, VirtualClock(0))
        for stem, scene in (("attract", AttractScene(app)), ("language", LanguageScene(app))):
            scene.build()
            scene.draw(surface)
            pygame.image.save(surface, str(out / folder / f"{stem}.png"))
            rows[stem] = [f"{folder}/{stem}.png"]
            labels[stem] = stem.capitalize()
        for language in config.languages:
            app.language = language
            for stem, label, scene in screens(app):
                scene.build()
                scene.draw(surface)
                name = f"{folder}/{language}/{stem}.png"
                (out / folder / language).mkdir(exist_ok=True)
                pygame.image.save(surface, str(out / name))
                rows.setdefault(stem, []).append(name)
                labels.setdefault(stem, label)
        sections.append((folder, size, rows, labels))
    return sections


def _cell(file: str, width: int) -> str:
    link = html.escape(file)
    return f"<td><a href='{link}'><img src='{link}' width='{width}' loading='lazy'></a></td>"


def _index(config: Config, sections) -> str:
    heads = "".join(f"<th>{html.escape(language_name(code))}</th>" for code in config.languages)
    parts = [
        "<!doctype html><meta charset='utf-8'><title>Exhibit snapshot</title>",
        "<style>body{font:14px sans-serif;margin:24px;background:#f6f4ef}"
        "td,th{padding:6px;vertical-align:top;text-align:left}img{border:1px solid #ccc;display:block}"
        "th{position:sticky;top:0;background:#f6f4ef}</style>",
        "<h1>Exhibit snapshot</h1><p>Every screen in every language; click a picture for full size.</p>",
    ]
    for folder, size, rows, labels in sections:
        width = 320 if size[0] > size[1] else 180
        parts.append(f"<h2>{folder}</h2><table><tr><th>Screen</th>{heads}</tr>")
        for stem, files in rows.items():
            cells = "".join(_cell(f, width) for f in files)
            parts.append(f"<tr><td>{html.escape(labels[stem])}</td>{cells}</tr>")
        parts.append("</table>")
    return "\n".join(parts) + "\n"
