"""Pictures one at a time: arrows or a swipe on the picture, dots for the position."""

from __future__ import annotations

import pygame

from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import Framed
from kiosk.ui.layout import Rect


@view("gallery")
class GalleryView(Framed):
    def __init__(self, page, block):
        super().__init__(page, block)
        self.index = 0
        self.slides: list[tuple[pygame.Surface, list[pygame.Surface]]] = []
        self.arrows: dict[str, Rect] = {}

    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        m = self.look.metrics
        self.box = box
        self.dots_box = Rect(box.x, box.bottom - m.px(40), box.w, m.px(40))
        area = Rect(box.x, box.y, box.w, box.h - self.dots_box.h)
        self.slides = []
        for slide in self.block.images:
            notes = self.notes(slide.caption, slide.credit, area.w)
            self.slides.append((self.fitted(slide.src, notes, area), notes))
        # The dots sit under the pictures, not at the bottom of a tall (portrait) box.
        tallest = max(
            image.get_height() + m.px(16) + sum(n.get_height() for n in notes) for image, notes in self.slides
        )
        self.dots_box = Rect(box.x, min(box.y + tallest + m.px(8), self.dots_box.y), box.w, self.dots_box.h)
        size = max(m.px(88), m.target)
        first = self.slides[0][0]
        middle = box.y + (first.get_height() - size) // 2
        self.arrows = {
            "gallery:prev": Rect(box.x + m.px(16), middle, size, size),
            "gallery:next": Rect(box.x + min(box.w, first.get_width()) - m.px(16) - size, middle, size, size),
        }
        self.index = min(self.index, len(self.slides) - 1)
        self._targets()

    def _targets(self) -> None:
        """The arrows that lead somewhere: none before the first picture or after the last."""
        for widget_id in self.arrows:
            self.page.untarget(widget_id)
        if self.index > 0:
            self.page.target("gallery:prev", self.arrows["gallery:prev"])
        if self.index < len(self.slides) - 1:
            self.page.target("gallery:next", self.arrows["gallery:next"])
        self.shown = {
            w
            for w, on in (
                ("gallery:prev", self.index > 0),
                ("gallery:next", self.index < len(self.slides) - 1),
            )
            if on
        }

    def draw_live(self, surface: pygame.Surface) -> None:
        m, theme = self.look.metrics, self.look.theme
        image, notes = self.slides[self.index]
        self.blit_framed(surface, image, notes, self.box)
        widgets.dots(surface, self.dots_box, len(self.slides), self.index, self.accent, theme.line, m)
        for widget_id in self.shown:
            r = self.arrows[widget_id]
            widgets.disc(surface, theme.card, widgets.rect(r).center, r.w // 2)
            widgets.disc(surface, theme.line, widgets.rect(r).center, r.w // 2, m.px(2))
            widgets.chevron(surface, r, -1 if widget_id.endswith("prev") else 1, theme.ink, max(3, m.px(5)))

    def show(self, index: int) -> None:
        if 0 <= index < len(self.slides) and index != self.index:
            self.index = index
            self._targets()
            self.page.interact("gallery", str(index + 1))

    def activate(self, widget_id: str) -> bool:
        if widget_id in self.arrows:
            self.show(self.index + (1 if widget_id.endswith("next") else -1))
            return True
        return False

    def swipe(self, x: float, y: float, dx: float) -> bool:
        if not self.box.contains(x, y):
            return False
        self.show(self.index + (1 if dx < 0 else -1))
        return True
