"""A picture with markers; a tap on one opens its card, a tap elsewhere closes it."""

from __future__ import annotations

import pygame

from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import Framed
from kiosk.ui.layout import Rect, card_place


@view("hotspots")
class HotspotsView(Framed):
    def __init__(self, page, block):
        super().__init__(page, block)
        self.open: str | None = None
        self.cards: dict[str, pygame.Surface] = {}
        self.markers: dict[str, Rect] = {}

    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        self.box = box
        notes = self.notes(self.block.caption, self.block.credit, box.w)
        image = self.fitted(self.block.src, notes, box)
        self.picture = Rect(box.x, box.y, image.get_width(), image.get_height())  # not its notes
        self.blit_framed(surface, image, notes, box)
        accent = self.accent
        size = max(m.px(72), m.target)
        self.markers = {}
        for spot in self.block.spots:
            cx = box.x + round(spot.x * image.get_width())
            cy = box.y + round(spot.y * image.get_height())
            r = self.page.target(f"hotspot:{spot.id}", Rect(cx - size // 2, cy - size // 2, size, size))
            self.markers[spot.id] = r
            widgets.disc(surface, theme.card, (cx, cy), size // 2)
            widgets.disc(surface, accent, (cx, cy), size // 2 - m.px(6))
            arm = size // 5
            pygame.draw.line(surface, theme.on_accent, (cx - arm, cy), (cx + arm, cy), max(3, m.px(6)))
            pygame.draw.line(surface, theme.on_accent, (cx, cy - arm), (cx, cy + arm), max(3, m.px(6)))
        pad = m.px(32)
        # Cards may use the page below its title: in large text they need the room.
        area = self.area = self.page.page_area
        width = area.w if m.text_scale > 1 else min(box.w, m.px(760))
        self.cards = {}
        for spot in self.block.spots:
            title = ts.block(
                look.text(spot.title),
                "heading",
                theme.ink,
                theme.card,
                width - 2 * pad,
                bold=True,
                max_lines=2,
                smaller=("body",),
            )
            # As many lines as the picture's height allows; a smaller size before any cut.
            room = area.h - title.get_height() - 2 * pad - m.px(12)
            lines = max(1, room // round(ts.font("body").get_height() * 1.2))
            text = ts.block(
                look.text(spot.text),
                "body",
                theme.ink,
                theme.card,
                width - 2 * pad,
                max_lines=lines,
                line_height=1.2,
                smaller=("small",),
            )
            card = ts.surface((width, title.get_height() + text.get_height() + 2 * pad + m.px(12)))
            widgets.panel(
                card, Rect(0, 0, card.get_width(), card.get_height()), theme.card, m.radius, accent, m.px(4)
            )
            card.blit(title, (pad, pad))
            card.blit(text, (pad, pad + title.get_height() + m.px(12)))
            self.cards[spot.id] = card
        # A card with no room on the picture reaches over the text: a veil sets it apart.
        self.veil = pygame.Surface((area.w, area.h), pygame.SRCALPHA)
        self.veil.fill((*theme.paper[:3], 200))

    def placed(self) -> tuple[Rect, bool] | None:
        """The open card where it goes, and whether it reaches over the text."""
        if self.open is None or self.open not in self.cards:
            return None
        card = self.cards[self.open]
        return card_place(
            card.get_size(), self.markers[self.open], self.picture, self.area, self.page.column_box,
            self.look.metrics.px(12),
        )  # fmt: skip

    def cover(self) -> Rect | None:
        """The open card, where it is drawn (the keypad's ring keeps off it)."""
        placed = self.placed()
        return placed[0] if placed else None

    def draw_live(self, surface: pygame.Surface) -> None:
        placed = self.placed()
        if placed is None:
            return
        m, area = self.look.metrics, self.area
        self.card_at, over_text = placed
        surface.set_clip(widgets.rect(area))
        if self.veil is not None and over_text:
            surface.blit(self.veil, (area.x, area.y))
        widgets.shadow(surface, self.card_at, m.radius, m)  # lifted off what is behind it
        surface.blit(self.cards[self.open], (self.card_at.x, self.card_at.y))
        surface.set_clip(None)

    def activate(self, widget_id: str) -> bool:
        if not widget_id.startswith("hotspot:"):
            return False
        spot = widget_id.split(":", 1)[1]
        self.open = None if self.open == spot else spot
        if self.open:
            self.page.interact("hotspot", spot)
        return True

    def tap_elsewhere(self, x: float, y: float) -> bool:
        if self.open is None:
            return False
        self.open = None
        return True
