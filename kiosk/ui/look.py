"""What scenes read to draw a screen, and the one way they speak back.

Scenes never see the app: they read a `Look` (read-only: metrics, theme, typesetter, images,
words, and for the staff screen the kiosk's state) and post intents through `Host.apply`.
"""

from __future__ import annotations

from typing import Any, Protocol

from kiosk.visit.flow import Change
from kiosk.visit.intents import Intent


class Host(Protocol):
    """What a scene is built with: the app, seen only as a look and a place to post intents."""

    @property
    def look(self) -> Look: ...

    def apply(self, intent: Intent) -> Change | None: ...


def _read(name: str) -> property:
    return property(lambda self: getattr(self._source, name), doc=f"The kiosk's `{name}`, read-only.")


def _ask(name: str):
    def ask(self, *args, **kwargs) -> Any:
        return getattr(self._source, name)(*args, **kwargs)

    ask.__name__ = name
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
    text = _ask("text")
    picture = _ask("picture")
    blank_screen = _ask("blank_screen")
    # the attract, closed and staff screens
    open = _read("open")
    opening = _read("opening")
    maintenance = _read("maintenance")
    visitors_today = _read("visitors_today")
    content_problems = _read("content_problems")
    staff_figures = _ask("staff_figures")
    hours_status = _ask("hours_status")
    content_status = _ask("content_status")
    store_status = _ask("store_status")
