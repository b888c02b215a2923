"""`kiosk snapshot`: every screen of the exhibit as PNG, and an index.html to sign it off.

Every page of every zone in every language, at each configured screen orientation, drawn
by the kiosk's own scenes, as visitors will see them: in normal and in large text, in high
contrast, with each hotspot's card open and each quiz answered right and wrong. The index is
a plain HTML contact sheet (no outside files), a labelled table for each screen and mode.
"""

from __future__ import annotations

import html
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
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

# (folder, title, large text, high contrast). Contrast changes colours only: the home screen
# and each zone's first page show it; large text moves every line, so every page is drawn.
MODES = [
    ("", "Normal text", False, False),
    ("large", "Large text", True, False),
    ("contrast", "High contrast", False, True),
]
# What a tap opens, drawn as the visitor sees it after the tap: a hotspot's card, a quiz
# answered (the replay scripts' names for these controls).
OPENS = ("hotspot:", "quiz:")


def screens(app: KioskApp) -> list[tuple[str, str, object]]:
    """(file stem, label, scene) for one language: home, then every page of every zone."""
    found = [("home", "Home", HomeScene(app))]
    for zone in app.exhibit.zones:
        for i in range(len(zone.pages)):
            found.append((f"{zone.id}-{i + 1}", _page_label(app, zone, i), ZoneScene(app, zone, i)))
    return found


def _page_label(app: KioskApp, zone, i: int) -> str:
    return f"{app.text(zone.title)} · {i + 1}/{len(zone.pages)} · {app.text(zone.pages[i].title)}"


def tapped(app: KioskApp, scene) -> list[tuple[str, str, object]]:
    """(file stem, label, scene) of a zone page, built, with its controls tapped: each
    hotspot's card open, and its quiz answered once right and once wrong. Each is the page
    built afresh (an answer stays given); what the tap would count is dropped."""
    if not isinstance(scene, ZoneScene):
        return []
    zone, i = scene.zone, scene.page_index
    found, answered = [], set()
    controls = {**scene.targets, **getattr(scene, "column_targets", {})}  # scrolled out of view too
    for widget_id in [w for w in controls if w.startswith(OPENS)]:
        page, told = ZoneScene(app, zone, i), []
        page.post = told.append
        page.build()
        page.activate(widget_id)
        if widget_id.startswith("quiz:"):
            correct = next((getattr(t, "correct", None) for t in told), None)
            if correct in answered:
                continue  # one right and one wrong answer show what every answer looks like
            answered.add(correct)
            what = "answered right" if correct else "answered wrong"
        else:
            what = f"{widget_id.split(':', 1)[1]} open"
        stem = f"{zone.id}-{i + 1}-{widget_id.replace(':', '-')}"
        found.append((stem, f"{_page_label(app, zone, i)} · {what}", page))
    return found


def write_snapshot(config: Config, exhibit: Exhibit, out: Path) -> Path:
    sizes = screen_sizes(config)
    jobs = [(config, exhibit, out, size) for size in sizes]
    if len(sizes) > 1 and (os.cpu_count() or 1) > 1:
        # Each orientation is drawn (and, slowest, saved as PNG) on a core of its own.
        with ProcessPoolExecutor(len(sizes), mp_context=multiprocessing.get_context("fork")) as pool:
            sections = [part for parts in pool.map(_draw_handed, jobs) for part in parts]
    else:
        sections = [part for job in jobs for part in _draw_handed(job)]
    index = out / "index.html"
    index.write_text(_index(config, sections), encoding="utf-8")
    return index


def _draw_handed(job: tuple) -> list[tuple]:
    with headless_display():
        return _draw_size(*job)


def _draw_size(config: Config, exhibit: Exhibit, out: Path, size: tuple[int, int]) -> list[tuple]:
    """One screen size: the attract and language screens, then every mode in every language."""
    folder = f"{size[0]}x{size[1]}"
    (out / folder).mkdir(parents=True, exist_ok=True)
    surface = pygame.Surface(size)
    rows: dict[str, dict[str, str]] = {}  # stem -> language -> picture
    labels: dict[str, str] = {}
    app = KioskApp(config, exhibit, size, VirtualClock(0))
    for stem, scene in (("attract", AttractScene(app)), ("language", LanguageScene(app))):
        scene.build()
        scene.draw(surface)
        pygame.image.save(surface, str(out / folder / f"{stem}.png"))
        rows[stem] = {"": f"{folder}/{stem}.png"}
        labels[stem] = stem.capitalize()
    sections = [(folder, "", size, rows, labels)]
    for mode, title, large, contrast in MODES:
        app.set_modes(large_text=large, high_contrast=contrast, rebuild=False)
        rows, labels = {}, {}
        for language in config.languages:
            app.language = language
            where = Path(folder, language, mode)
            (out / where).mkdir(parents=True, exist_ok=True)
            for stem, label, scene in _shown(app, contrast):
                scene.build()  # again: the mode or language may have changed since it was made
                for shot, words, shown in [(stem, label, scene), *tapped(app, scene)]:
                    shown.draw(surface)
                    name = (where / f"{shot}.png").as_posix()
                    pygame.image.save(surface, str(out / name))
                    rows.setdefault(shot, {})[language] = name
                    labels.setdefault(shot, words)
        sections.append((folder, title, size, rows, labels))
    return sections


def _shown(app: KioskApp, contrast: bool) -> list[tuple[str, str, object]]:
    """The screens drawn in a mode: all of them; in high contrast (colours only), the home
    screen, each zone's first page and the pages with controls to tap (a right and a wrong
    answer are colours too)."""
    every = screens(app)
    if not contrast:
        return every
    return [s for s in every if s[0] == "home" or s[0].endswith("-1") or _has_controls(s[2])]


def _has_controls(scene) -> bool:
    scene.build()
    controls = {**scene.targets, **getattr(scene, "column_targets", {})}
    return any(w.startswith(OPENS) for w in controls)


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
        "<h1>Exhibit snapshot</h1><p>Every screen in every language, in normal and large text and in"
        " high contrast, with hotspot cards open and quizzes answered; click a picture for full size.</p>",
    ]
    for folder, title, size, rows, labels in sections:
        width = 320 if size[0] > size[1] else 180
        heading = f"{folder} · {title}" if title else folder
        parts.append(f"<h2>{html.escape(heading)}</h2><table><tr><th>Screen</th>{heads}</tr>")
        for stem, files in rows.items():
            shown = [files.get(code) for code in config.languages] if title else list(files.values())
            cells = "".join(_cell(f, width) if f else "<td></td>" for f in shown)
            label = f"{labels[stem]} · {title.lower()}" if title else labels[stem]
            parts.append(f"<tr><td>{html.escape(label)}</td>{cells}</tr>")
        parts.append("</table>")
    return "\n".join(parts) + "\n"
