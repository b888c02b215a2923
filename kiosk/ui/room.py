"""How many characters each text's box holds, for translators' notes.

Every text is replaced by stand-ins of growing length, made of its own default-language
words so letters and word breaks are realistic, and the screens are built as `check_fit`
builds them (every size, both text sizes, measuring only). A text's room is the longest
stand-in that was never cut; text that scrolls holds them all. About a dozen passes over
the screens: a few seconds for the sample pavilion.
"""

from __future__ import annotations

import copy

from kiosk.clock import VirtualClock
from kiosk.config import Config
from kiosk.content.loader import ContentReport
from kiosk.content.model import texts
from kiosk.ui.app import KioskApp
from kiosk.ui.lint import screen_sizes
from kiosk.ui.scenes.home import HomeScene
from kiosk.ui.scenes.zone import ZoneScene

LENGTHS = (10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 150, 200, 300)
ANY_LENGTH = LENGTHS[-1]  # a text that holds the longest stand-in scrolls or wraps freely

Place = tuple[str, tuple]  # ("pavilion" or a zone id, path of the text in the model)


def room(report: ContentReport, config: Config, language: str) -> dict[Place, int]:
    """The most characters each text shown on the home and zone screens holds on every
    screen (0: not even the shortest stand-in); texts never shown there are left out."""
    if report.exhibit is None:
        return {}
    fits: dict[Place, int] = {}
    failed: set[Place] = set()
    for length in LENGTHS:
        shown, cut = _pass(report, config, language, length)
        failed |= cut
        for place in shown - failed:
            fits[place] = length
        for place in shown & failed:
            fits.setdefault(place, 0)
        if not shown - failed:
            break
    return fits


def _pass(report: ContentReport, config: Config, language: str, length: int) -> tuple[set, set]:
    """Every text `length` characters long: (places seen on some screen, places cut)."""
    exhibit = copy.deepcopy(report.exhibit)
    where: dict[str, Place] = {}
    models = [("pavilion", exhibit.pavilion), *((zone.id, zone) for zone in exhibit.zones)]
    for key, model in models:
        for path, text in texts(model):
            words = text.root.get(config.default_language) or next(iter(text.root.values()))
            stand_in = _stand_in(words, length, len(where))
            text.root[language] = stand_in  # a deep copy: the loaded content is untouched
            where[stand_in] = (key, path)
    shown, cut = set(), set()
    for size in screen_sizes(config):
        for large in (False, True):
            app = KioskApp(config, exhibit, size, VirtualClock(0), measure_only=True)
            app.language = language
            app.set_modes(large_text=large, rebuild=False)
            scenes = [HomeScene(app)]
            scenes += [ZoneScene(app, zone, i) for zone in exhibit.zones for i in range(len(zone.pages))]
            for scene in scenes:
                scene.build()  # starts a new record
                for written in app.type.record:
                    place = where.get(written.text)
                    if place is not None:
                        shown.add(place)
                        if written.cut:
                            cut.add(place)
    return shown, cut


def _stand_in(words: str, length: int, serial: int) -> str:
    """`length` characters of the text's own words, repeated; unique, so records map back."""
    mark = f"{serial:x}"  # as wide as a short number, and no two texts share a stand-in
    body = " ".join(words.split()) or "x"
    filled = (body + " ") * (length // (len(body) + 1) + 1)
    return (filled[: max(1, length - len(mark) - 1)].rstrip() + " " + mark)[:length]


def notes(report: ContentReport, config: Config, language: str) -> dict[Place, str]:
    """For every text: what it is, how long the source is, and how many characters its box
    holds on every screen, e.g. `page title · pl 23 characters · fits 50 on every screen`."""
    if report.exhibit is None:
        return {}
    fits = room(report, config, language)
    said = {}
    models = [("pavilion", report.exhibit.pavilion), *((zone.id, zone) for zone in report.exhibit.zones)]
    for key, model in models:
        for path, text in texts(model):
            owner = model
            for step in path[:-1]:
                owner = owner[step] if isinstance(step, int) else getattr(owner, step)
            thing = getattr(owner, "kind", type(owner).__name__.lower())
            kind = (
                thing
                if (thing, path[-1]) in (("running text", "text"), ("heading", "text"))
                else f"{thing} {path[-1]}"
            )
            source = text.root.get(config.default_language, "")
            parts = [kind, f"{config.default_language} {len(source)} characters"]
            room_for = fits.get((key, path))
            if room_for is None:
                parts.append("not measured (shown on the attract screen or after a tap)")
            elif room_for >= ANY_LENGTH:
                parts.append("any length: it wraps or scrolls")
            elif room_for == 0:
                parts.append(f"under {LENGTHS[0]} characters fit")
            else:
                parts.append(f"fits about {room_for} characters on every screen and text size")
            said[(key, path)] = " · ".join(parts)
    return said
