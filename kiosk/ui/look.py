"""What scenes read to draw a screen, and the one way they speak back.

Scenes never see the app: they read a `Look` (read-only: metrics, theme, typesetter, images,
words, and for the staff screen the kiosk's state) and post intents through `Host.apply`.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Protocol

from kiosk.l10n import Words, words
from kiosk.ui import status
from kiosk.visit.flow import Change
from kiosk.visit.intents import Intent


class Host(Protocol):
    """What a scene is built with: the app, seen only as a look and a place to post intents."""

    @property
    def look(self) -> Look: ...

    def apply(self, intent: Intent) -> Change | None: ...


def _read(path: str) -> property:
    get = attrgetter(path)
    return property(lambda self: get(self._source), doc=f"The kiosk's `{path}`, read-only.")


def _ask(path: str):
    get = attrgetter(path)

    def ask(self, *args, **kwargs) -> Any:
        return get(self._source)(*args, **kwargs)

    ask.__name__ = path.rsplit(".", 1)[-1]
    return ask


class Look:
    """A read-only window on the kiosk's current state; it follows mode and language changes."""

    def __init__(self, source: object):
        self._source = source

    # what every screen draws with
    metrics = _read("metrics")
    theme = _read("theme")
    type = _read("type")
    images = _read("images")
    language = _read("language")
    large_text = _read("large_text")
    high_contrast = _read("high_contrast")
    config = _read("config")
    exhibit = _read("exhibit")
    clock = _read("clock")
    faults = _read("faults")  # a screen that fails notes it here and goes on
    sound = _read("sound")  # the speaker narration plays through
    text = _ask("text")
    picture = _ask("picture")
    blank_screen = _ask("blank_screen")
    # the attract, closed and staff screens
    open = _read("hours.open")
    opening = _read("hours.opening")
    maintenance = _read("maintenance")
    visitors_today = _read("visitors_today")
    content_problems = _read("content.problems")
    staff_figures = _ask("staff_door.figures")
    hours_status = _ask("hours.status")

    @property
    def staff_words(self) -> Words:
        """The staff screen's language (`staff.language`), its numbers and dates."""
        return words(self.config.staff_language)

    def content_status(self, said: Words | None = None) -> list[str]:
        content = self._source.content
        return content.lines(len(self._source.exhibit.zones), said) + self._source.faults.lines(said)

    def store_status(self, said: Words | None = None) -> list[str]:
        return status.store_lines(self._source, said)
