"""Pictures one at a time: arrows or a swipe on the picture, dots for the position."""

from __future__ import annotations

import pygame

from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import Framed
from kiosk.ui.layout import GALLERY, Rect


@view("gallery")
class GalleryView(Framed):
    def __init__(self, page, block):
        super().__init__(page, block)
        self.index = 0
        self.slides: list[tuple[pygame.Surface, list[pygame.Surface]]] = []
        self.arrows: dict[str, Rect] = {}
        self.thumbs: dict[str, Rect] = {}
        self.at: list[tuple[int, int]] = []  # where each slide's picture and notes go

    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        frame = self.page.frame
        self.thumbs = {}
        if frame is not None and frame.composition == GALLERY:
            return self._fill(surface, box)
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
        self.at = [(box.x, box.y)] * len(self.slides)
        self.notes_at = None
        self.index = min(self.index, len(self.slides) - 1)
        self._targets()

    def _fill(self, surface: pygame.Surface, box: Rect) -> None:
        """The gallery alone on its page: the picture as large as the page allows, its dots
        right under it, its caption large beside it (under it upright), and every picture as a
        thumbnail to tap."""
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        dots_h, count = m.px(40), len(self.block.images)
        gap = m.px(16)
        if m.portrait:
            # Edge to edge of the screen, as wide as the screen.
            picture_room = Rect(0, box.y, m.width, min(round(m.width / 1.6), round(box.h * 0.55)))
            words = Rect(box.x, picture_room.bottom + dots_h + m.gap, box.w, 0)
        else:
            # As tall as the page; the caption's column takes the width the picture leaves.
            picture_h = box.h - dots_h - m.px(8)
            shape = look.picture(self.block.images[0].src, (10 * box.w, picture_h), "contain")
            side_w = max(round(box.w * 0.28), box.w - m.px(56) - shape.get_width())
            words, picture_room = box.split_x(side_w, m.px(56))
            picture_room = Rect(picture_room.x, box.y, picture_room.w, picture_h)
        thumb_w = max(m.target * 2, min(m.px(320), (words.w - (count - 1) * gap) // count))
        thumb_h = max(m.target, round(thumb_w / 1.6))
        self.slides = []
        for slide in self.block.images:
            notes = []
            if slide.caption:
                notes.append(
                    ts.block(look.text(slide.caption), "heading", theme.ink, theme.paper, words.w,
                             max_lines=4, line_height=1.25, smaller=("body",))
                )  # fmt: skip
            if slide.credit:
                notes.append(
                    ts.block(look.text(slide.credit), "small", theme.muted, theme.paper, words.w, max_lines=1)
                )
            image = look.picture(slide.src, (picture_room.w, picture_room.h), "contain")
            self.slides.append((image, notes))
        tallest = max(image.get_height() for image, _ in self.slides)
        widest = max(image.get_width() for image, _ in self.slides)
        # The picture centred in its room; landscape, the caption's column beside it.
        x0 = picture_room.x + (picture_room.w - widest) // 2
        self.at = [(x0 + (widest - image.get_width()) // 2, picture_room.y) for image, _ in self.slides]
        self.box = Rect(x0, picture_room.y, widest, tallest)
        self.dots_box = Rect(x0, picture_room.y + tallest + m.px(8), widest, dots_h)
        if m.portrait:
            words = Rect(box.x, self.dots_box.bottom + m.gap, box.w, 0)
        self.notes_at = (words.x, words.y)
        # Thumbnails: under the caption (landscape, at the foot of its column), or a row
        # under the picture's words (upright).
        per_row = max(1, min(count, (words.w + gap) // (thumb_w + gap)))
        rows = -(-count // per_row)
        top = box.bottom - rows * thumb_h - (rows - 1) * gap
        for k, slide in enumerate(self.block.images):
            row, col = divmod(k, per_row)
            r = Rect(words.x + col * (thumb_w + gap), top + row * (thumb_h + gap), thumb_w, thumb_h)
            if r.bottom > box.bottom:
                break  # no room: the arrows and a swipe still reach every picture
            self.thumbs[f"gallery:show:{k + 1}"] = r
            surface.blit(look.picture(slide.src, (r.w, r.h), "cover"), (r.x, r.y))
        size = max(m.px(88), m.target)
        middle = self.box.y + (tallest - size) // 2
        self.arrows = {
            "gallery:prev": Rect(self.box.x + m.px(16), middle, size, size),
            "gallery:next": Rect(self.box.right - m.px(16) - size, middle, size, size),
        }
        self.index = min(self.index, len(self.slides) - 1)
        for widget_id, r in self.thumbs.items():
            self.page.target(widget_id, r)
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
        if self.notes_at is None:
            self.blit_framed(surface, image, notes, self.box)
        else:
            surface.blit(image, self.at[self.index])
            x, y = self.notes_at
            for note in notes:
                surface.blit(note, (x, y))
                y += note.get_height() + m.px(8)
            current = self.thumbs.get(f"gallery:show:{self.index + 1}")
            if current is not None:
                pygame.draw.rect(surface, self.accent, widgets.rect(current).inflate(m.px(12), m.px(12)),
                                 m.px(5), border_radius=m.radius)  # fmt: skip
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
        if widget_id in self.thumbs:
            self.show(int(widget_id.rsplit(":", 1)[1]) - 1)
            return True
        return False

    def swipe(self, x: float, y: float, dx: float) -> bool:
        if not self.box.contains(x, y):
            return False
        self.show(self.index + (1 if dx < 0 else -1))
        return True
