"""What lies over any screen: "are you still there?" with its countdown, and the marker
that says staff are at work. Drawn on every frame while shown, so each is rendered once per
mode and language.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pygame

from kiosk.ui import widgets
from kiosk.ui.layout import Rect
from kiosk.ui.look import Look
from kiosk.ui.strings import say


class Overlays:
    def __init__(self, look: Look):
        self.look = look
        self._made: dict[tuple, pygame.Surface] = {}

    def forget(self) -> None:
        """New metrics or colours: every overlay is made again when next shown."""
        self._made.clear()

    @property
    def _size(self) -> tuple[int, int]:
        return self.look.metrics.width, self.look.metrics.height

    def _overlay(self, key: tuple, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        """Overlays are drawn on every frame while shown: render each once per mode and language."""
        surface = self._made.get(key)
        if surface is None:
            surface = self._made[key] = make()
        return surface

    def maintenance(self, surface: pygame.Surface) -> None:
        marker = self._overlay(("maintenance",), self._make_maintenance_marker)
        m = self.look.metrics
        surface.blit(
            marker, (self._size[0] - marker.get_width() - m.margin, self._size[1] - marker.get_height())
        )

    def _make_maintenance_marker(self) -> pygame.Surface:
        m, theme = self.look.metrics, self.look.theme
        _ = self.look.staff_words  # staff at work: said in the staff's language
        said = _("MAINTENANCE · not counted")
        label = self.look.type.line(said, "small", theme.on_signal, theme.signal)
        pad = m.px(12)
        marker = pygame.Surface((label.get_width() + 2 * pad, label.get_height() + 2 * pad), pygame.SRCALPHA)
        widgets.panel(
            marker, Rect(0, 0, marker.get_width(), marker.get_height()), theme.signal, m.radius // 2
        )
        marker.blit(label, (pad, pad))
        return marker

    def still_there(self, surface: pygame.Surface, left: float) -> None:
        surface.blit(self._overlay(("shade",), self._make_shade), (0, 0))
        seconds = math.ceil(left)
        card = self._overlay(
            ("still-there", self.look.language, seconds), lambda: self._make_still_there(seconds)
        )
        surface.blit(
            card, ((self._size[0] - card.get_width()) // 2, (self._size[1] - card.get_height()) // 2)
        )

    def _make_shade(self) -> pygame.Surface:
        shade = pygame.Surface(self._size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        return shade

    def _make_still_there(self, seconds: int) -> pygame.Surface:
        m, theme, ts = self.look.metrics, self.look.theme, self.look.type
        width = min(self._size[0] - 2 * m.margin, m.px(900))
        ask = ts.block(
            say(self.look.language, "still_here"),
            "title",
            theme.ink,
            theme.card,
            width - 2 * m.margin,
            bold=True,
            align="center",
        )
        count = ts.line(
            str(seconds), "display", theme.signal if not self.look.high_contrast else theme.ink, theme.card
        )
        hint = ts.block(
            say(self.look.language, "continue"),
            "body",
            theme.muted,
            theme.card,
            width - 2 * m.margin,
            align="center",
        )
        height = ask.get_height() + count.get_height() + hint.get_height() + 2 * m.margin
        card = pygame.Surface((width, height), pygame.SRCALPHA)
        widgets.panel(card, Rect(0, 0, width, height), theme.card, m.radius)
        y = m.margin
        for piece in (ask, count, hint):
            card.blit(piece, ((width - piece.get_width()) // 2, y))
            y += piece.get_height()
        return card
