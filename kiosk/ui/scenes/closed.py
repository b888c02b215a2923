"""Outside opening hours: a calm card saying "closed" and when the kiosk opens, in every
language at once (nobody chooses a language at a closed kiosk), or a dark screen.

Nothing here starts a visit. A touch on the dark screen shows the card for a while, so whoever
tries learns that the kiosk rests, and when it wakes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pygame

from kiosk.ui import layout, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.strings import opens_at, say

CARD_ON_TOUCH_S = 20.0  # a touch on the dark screen shows the card this long
BLACK = (0, 0, 0)


class ClosedScene(Scene):
    name = "closed"

    def __init__(self, host):
        super().__init__(host)
        self.dark = self.look.config.schedule.when_closed == "dark"
        self.card_until: float | None = None  # the dark screen shows the card until then
        self.built_day = None

    @property
    def showing_card(self) -> bool:
        return not self.dark or self.card_until is not None

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        now = datetime.fromtimestamp(look.clock.wall(), look.config.tz)
        self.built_day = now.date()
        if not self.showing_card:
            surface.fill(BLACK)
            return
        widgets.flag_band(surface, m, theme)
        opens = look.opening.next_opening()
        opening = datetime.fromtimestamp(opens, look.config.tz) if opens is not None else None
        default = look.config.default_language
        width = min(m.width - 2 * m.margin, m.px(1100))
        inner = width - 2 * m.margin
        pieces: list[pygame.Surface | int] = []
        for i, code in enumerate(look.config.languages):
            if i:
                pieces.append(round(m.gap * 1.6))  # a divider goes here
            pieces.append(
                ts.line(say(code, "closed"), "title", theme.ink, theme.card, inner, smaller=("heading",))
            )
            if opening is not None:
                when = opens_at(code, now, opening)
                pieces.append(ts.block(when, "body", theme.muted, theme.card, inner, align="center"))
        height = sum(p if isinstance(p, int) else p.get_height() for p in pieces) + 2 * m.margin
        title = ts.block(
            look.exhibit.pavilion.title.get(default, default),
            "heading",
            theme.muted,
            theme.paper,
            width,
            align="center",
            max_lines=2,
        )
        top = max(layout.band(m) + m.margin, (m.height - height - title.get_height() - m.gap) // 2)
        surface.blit(title, ((m.width - title.get_width()) // 2, top))
        card = layout.Rect((m.width - width) // 2, top + title.get_height() + m.gap, width, height)
        widgets.panel(surface, card, theme.card, m.radius, theme.line, m.px(2))
        y = card.y + m.margin
        for piece in pieces:
            if isinstance(piece, int):
                rule = m.px(120)
                mid = y + piece // 2
                pygame.draw.line(
                    surface,
                    theme.line,
                    (m.width // 2 - rule // 2, mid),
                    (m.width // 2 + rule // 2, mid),
                    m.px(2),
                )
                y += piece
                continue
            surface.blit(piece, ((m.width - piece.get_width()) // 2, y))
            y += piece.get_height()

    def update(self, now: float, dt: float) -> bool:
        changed = False
        if self.card_until is not None and now >= self.card_until:
            self.card_until = None
            changed = True
        # "Tomorrow" becomes "today" at midnight.
        if (
            self.built_day is not None
            and datetime.fromtimestamp(self.look.clock.wall(), self.look.config.tz).date() != self.built_day
        ):
            changed = True
        if changed:
            self.build()
        return changed

    def next_change(self, now: float) -> float:
        wall = datetime.fromtimestamp(self.look.clock.wall(), self.look.config.tz)
        midnight = datetime.combine(wall.date() + timedelta(days=1), datetime.min.time(), wall.tzinfo)
        waits = [max(1.0, midnight.timestamp() - wall.timestamp())]
        if self.card_until is not None:
            waits.append(max(0.0, self.card_until - now))
        return min(waits)

    def tap_elsewhere(self, x: float, y: float) -> None:
        if self.dark:
            self.card_until = self.look.clock.monotonic() + CARD_ON_TOUCH_S
            self.build()
