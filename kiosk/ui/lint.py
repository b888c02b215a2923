"""Content checks that need the kiosk's own fonts and layout.

`check_glyphs`: characters the shipped fonts cannot draw. `check_fit`: text cut short on any
screen, found by building every screen with the same scenes, layout and type the kiosk
draws with, measuring instead of drawing (fast enough for hundreds of pages); a word wider
than its line is named as the reason.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pygame

from kiosk.clock import VirtualClock
from kiosk.config import Config
from kiosk.content.captions import CaptionError, read_captions
from kiosk.content.loader import ContentReport
from kiosk.content.media import MediaError, forget_handed, resolve_media
from kiosk.content.model import texts, zone_films
from kiosk.resources import font_file, shipped_font
from kiosk.ui.app import KioskApp
from kiosk.ui.scenes.home import HomeScene
from kiosk.ui.scenes.zone import ZoneScene
from kiosk.ui.text import BOLD, REGULAR, missing_glyphs
from kiosk.yamldoc import Problem


def _texts(report: ContentReport):
    """(document key, path, language, text) of every text that loaded."""
    exhibit = report.exhibit
    models = [("pavilion", exhibit.pavilion), *((zone.id, zone) for zone in exhibit.zones)]
    for key, model in models:
        for path, text in texts(model):
            for language, value in text.root.items():
                yield key, (*path, language), language, value


def check_glyphs(report: ContentReport, config: Config) -> list[Problem]:
    if report.exhibit is None:
        return []
    every_text = list(_texts(report))
    # One look-up for all the characters used; only texts with a missing one are named.
    used = "".join(sorted({ch for *_, value in [*every_text, *_captions(report, config)] for ch in value}))
    missing, problems = set(), []
    for name in (REGULAR, BOLD):
        font = font_file(name, config.media_path)
        try:
            missing |= missing_glyphs(font, used)
        except (OSError, pygame.error) as exc:  # a damaged font in media/fonts/
            problems.append(
                Problem(
                    str(font),
                    1,
                    "(file)",
                    f"not a readable font ({exc})",
                    "the kiosk's own is used",
                    "warning",
                )
            )
            missing |= missing_glyphs(shipped_font(name), used)
    for _, file, line, field, text in _captions(report, config):
        lacking = missing & set(text)
        if lacking:
            shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in sorted(lacking))
            problems.append(
                Problem(file, line, field, f"the kiosk's font cannot draw {shown}", "use another character")
            )
    for key, path, _, value in every_text:
        lacking = missing & set(value)
        if lacking:
            shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in sorted(lacking))
            file, line = report.locate(key, path)
            problems.append(
                Problem(
                    file,
                    line,
                    ".".join(map(str, path)),
                    f"the kiosk's font cannot draw {shown}",
                    "use another character, or check the text was pasted as plain text",
                )
            )
    return problems


def screen_sizes(config: Config) -> list[tuple[int, int]]:
    """The configured size, turned as the screen may be mounted: both ways unless fixed."""
    w, h = config.display.width_height
    landscape, portrait = (max(w, h), min(w, h)), (min(w, h), max(w, h))
    return {"landscape": [landscape], "portrait": [portrait]}.get(
        config.display.orientation, [landscape, portrait]
    )


def check_fit(report: ContentReport, config: Config) -> list[Problem]:
    """Every text on every screen, in every language and both text sizes, shown whole."""
    if report.exhibit is None:
        return []
    forget_handed()  # pictures kept for a first screen: measuring draws none (nor do its workers)
    jobs = [
        (size, large, language)
        for size in screen_sizes(config)
        for large in (False, True)
        for language in config.languages
    ]
    pages = sum(len(zone.pages) for zone in report.exhibit.zones)
    where_is = {(lang, value): (key, path) for key, path, lang, value in _texts(report)}
    if pages * len(jobs) < 400 or (os.cpu_count() or 1) < 2:
        results = [_check_screens(report, config, where_is, *job) for job in jobs]
    else:
        # Hundreds of screens: share them among the cores (each job is independent). Forked
        # workers are handed the content once, as they start, not pickled again for each job.
        with ProcessPoolExecutor(
            mp_context=multiprocessing.get_context("fork"),
            initializer=_hand_over,
            initargs=(report, config, where_is),
        ) as pool:
            results = list(pool.map(_check_handed, jobs))
    found: dict[tuple[str, int, str], Problem] = {}
    for problems in results:
        for problem in problems:
            found.setdefault((problem.file, problem.line, problem.field), problem)
    return list(found.values())


def _captions(report: ContentReport, config: Config):
    """(language, caption file, line, field, text) of every caption of every film that loaded."""
    for zone in report.exhibit.zones:
        for path, film in zone_films(zone):
            for code, ref in film.captions.items():
                try:
                    file = resolve_media(config.media_path, ref)
                    cues = read_captions(file)
                except (MediaError, CaptionError, OSError):
                    continue  # the loader has said why
                shown = Path(os.path.relpath(file, config.base_dir.resolve())).as_posix()
                field = ".".join(map(str, (*path, "captions", code)))
                for cue in cues:
                    yield code, shown, cue.line + 1, field, cue.text  # the text is under its timing


def _caption_places(report: ContentReport, config: Config) -> dict[str, tuple[str, int, str]]:
    """Caption text -> (caption file, line, field): where to say a caption does not fit."""
    return {text: (file, line, field) for _, file, line, field, text in _captions(report, config)}


_handed: tuple = ()  # a worker's content, set once as it starts (a forked child's own copy)


def _hand_over(report: ContentReport, config: Config, where_is: dict) -> None:
    global _handed
    _handed = (report, config, where_is)


def _check_handed(job: tuple) -> list[Problem]:
    return _check_screens(*_handed, *job)


def _check_screens(
    report: ContentReport,
    config: Config,
    where_is: dict,
    size: tuple[int, int],
    large: bool,
    language: str,
) -> list[Problem]:
    """Build home and every zone page in one language and text size, measuring, not drawing.

    `where_is`: (language, text) -> (document key, path) of every text that loaded."""
    captions = _caption_places(report, config)
    app = KioskApp(config, report.exhibit, size, VirtualClock(0), measure_only=True)
    app.language = language
    app.set_modes(large_text=large, rebuild=False)
    screens = [("home", HomeScene(app))]
    for zone in report.exhibit.zones:
        screens += [(f"{zone.id} page {i + 1}", ZoneScene(app, zone, i)) for i in range(len(zone.pages))]
    problems = []
    for name, scene in screens:
        scene.build()
        for written in app.type.record:
            place = where_is.get((language, written.text))
            if not written.cut or (place is None and written.text not in captions):
                continue
            mode = " in large text" if large else ""
            where = f"on the {name} screen at {size[0]}x{size[1]}{mode}"
            if place is None:  # a caption: said at its line of the caption file
                file, line, field = captions[written.text]
                message = f"caption does not fit {where}, even in smaller type"
                problems.append(Problem(file, line, field, message, "split it into two captions"))
                continue
            file, line = report.locate(*place)
            message, hint = f"does not fit {where}", "shorten it"
            if written.long_word:
                word = written.long_word
                shown = word if len(word) <= 24 else word[:20] + "…"
                message = f"the word '{shown}' ({len(word):,} letters) is wider than a line {where}"
                hint = "break it with a space or a hyphen, or shorten it"
            problems.append(Problem(file, line, ".".join(map(str, place[1])), message, hint))
    return problems
