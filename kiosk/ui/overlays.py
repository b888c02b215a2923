"""What lies over any screen: "are you still there?" with its countdown and one large
"continue" button, and the marker that says staff are at work. Drawn on every frame while
shown, so each is rendered once per mode and language.
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
        self._buttons: dict[str, Rect] = {}  # "continue" on the card, per language

    def forget(self) -> None:
        """New metrics or colours: every overlay is made again when next shown."""
        self._made.clear()
        self._buttons.clear()

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
        surface.blit(card, self._card_at(card))

    def _card_at(self, card: pygame.Surface) -> tuple[int, int]:
        return (self._size[0] - card.get_width()) // 2, (self._size[1] - card.get_height()) // 2

    def continue_button(self, left: float) -> Rect:
        """Where "continue" lies on the screen while the card shows `left` seconds (any touch
        continues; the button says so, large enough to find and hit at once)."""
        seconds = math.ceil(left)
        card = self._overlay(
            ("still-there", self.look.language, seconds), lambda: self._make_still_there(seconds)
        )
        x, y = self._card_at(card)
        b = self._buttons[self.look.language]
        return Rect(x + b.x, y + b.y, b.w, b.h)

    def _make_shade(self) -> pygame.Surface:
        shade = pygame.Surface(self._size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 150))
        return shade

    def _make_still_there(self, seconds: int) -> pygame.Surface:
        m, theme, ts = self.look.metrics, self.look.theme, self.look.type
        # Wide enough for a button five touch targets long, whatever the text size.
        width = min(self._size[0] - 2 * m.margin, max(m.px(900), 2 * m.margin + 5 * m.target))
        inner, language = width - 2 * m.margin, self.look.language
        ask = ts.block(
            say(language, "still_here"), "title", theme.ink, theme.card, inner, bold=True, align="center"
        )
        count = ts.line(
            str(seconds), "display", theme.signal if not self.look.high_contrast else theme.ink, theme.card
        )
        hint = ts.block(say(language, "continue"), "body", theme.muted, theme.card, inner, align="center")
        # One button, twice the smallest touch target high (30 mm or more) and as wide as the card.
        button_h, gap = max(2 * m.target, m.px(150)), m.px(20)
        height = 2 * m.margin + ask.get_height() + count.get_height() + button_h + 2 * gap + hint.get_height()
        card = pygame.Surface((width, height), pygame.SRCALPHA)
        # In high contrast the card is as black as the screen: its edge is drawn.
        edge = theme.ink if self.look.high_contrast else None
        widgets.panel(card, Rect(0, 0, width, height), theme.card, m.radius, edge, m.px(3))
        y = m.margin
        for piece in (ask, count):
            card.blit(piece, ((width - piece.get_width()) // 2, y))
            y += piece.get_height()
        button = self._buttons[language] = Rect(m.margin, y + gap, inner, button_h)
        widgets.button(
            card, ts, m, button, say(language, "go_on"), theme.signal, theme.on_signal, style="title"
        )
        card.blit(hint, ((width - hint.get_width()) // 2, button.bottom + gap))
        return card
