"""The picture side of a zone page: a picture, a gallery, a picture with hotspots, or a figure.

Each feature draws what never changes into the page's static picture (`compose`) and what
a visitor changes (the gallery's picture, a quiz's answer, an open card) in `draw_live`,
from surfaces rendered once. What visitors do goes to the page as an interaction (an intent).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Protocol

import pygame

from kiosk.content.model import Fact, Gallery, Hotspots, Picture
from kiosk.ui import widgets
from kiosk.ui.layout import Rect

if TYPE_CHECKING:
    from kiosk.content.model import Zone
    from kiosk.ui.look import Look


class FeaturePage(Protocol):
    """The zone page a feature sits on (a `ZoneScene`, which imports this module, not back)."""

    look: Look
    zone: Zone
    page_area: Rect

    def target(self, widget_id: str, r: Rect) -> Rect: ...

    def interact(self, kind: str, item: str, value: str = "", correct: bool | None = None) -> None: ...


class Feature:
    def __init__(self, scene: FeaturePage, block, box: Rect):
        # The scene owns its feature; a weak reference back lets a left screen be freed at once.
        self.scene = weakref.proxy(scene)
        self.block, self.box = block, box
        self.look = scene.look

    def compose(self, surface: pygame.Surface) -> None:
        """Draw the parts that do not change."""

    def draw_live(self, surface: pygame.Surface) -> None:
        """Draw the parts a visitor changes."""

    def activate(self, widget_id: str) -> bool:
        return False

    def swipe(self, x: float, y: float, dx: float) -> bool:
        return False

    def tap_elsewhere(self, x: float, y: float) -> bool:
        return False

    def notes(self, caption, credit, width: int) -> list[pygame.Surface]:
        """Caption and credit under a picture."""
        look, theme, ts = self.look, self.look.theme, self.look.type
        notes = []
        if caption:
            notes.append(ts.block(look.text(caption), "small", theme.ink, theme.paper, width, max_lines=2))
        if credit:
            notes.append(ts.block(look.text(credit), "small", theme.muted, theme.paper, width, max_lines=1))
        return notes

    def picture(self, ref: str, notes: list[pygame.Surface]) -> tuple[pygame.Surface, int]:
        """The image fitted above its notes, with rounded corners; and the notes' top."""
        m = self.look.metrics
        notes_h = sum(n.get_height() for n in notes) + (m.px(16) if notes else 0)
        image = self.look.picture(ref, (self.box.w, max(1, self.box.h - notes_h)), "contain")
        return image, self.box.y + image.get_height() + m.px(16)


class PictureFeature(Feature):
    def compose(self, surface: pygame.Surface) -> None:
        notes = self.notes(self.block.caption, self.block.credit, self.box.w)
        image, y = self.picture(self.block.src, notes)
        surface.blit(image, (self.box.x, self.box.y))
        for note in notes:
            surface.blit(note, (self.box.x, y))
            y += note.get_height()


class FactFeature(Feature):
    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        accent = theme.accent(self.scene.zone.accent)
        pad = m.px(56)
        width = self.box.w - 2 * pad
        value = ts.block(
            look.text(self.block.value),
            "display",
            theme.on_accent,
            accent,
            width,
            bold=True,
            line_height=1.05,
            smaller=("title", "heading"),
        )
        label = ts.block(
            look.text(self.block.label),
            "heading",
            theme.on_accent,
            accent,
            width,
            line_height=1.25,
            smaller=("body",),
        )
        card_h = min(self.box.h, value.get_height() + label.get_height() + 2 * pad + m.px(24))
        card = Rect(self.box.x, self.box.y + (self.box.h - card_h) // 2, self.box.w, card_h)
        widgets.panel(surface, card, accent, m.radius)
        surface.blit(value, (card.x + pad, card.y + pad))
        surface.blit(label, (card.x + pad, card.y + pad + value.get_height() + m.px(24)))


class GalleryFeature(Feature):
    """Pictures one at a time: arrows or a swipe on the picture, dots for the position."""

    def __init__(self, scene, block: Gallery, box: Rect):
        super().__init__(scene, block, box)
        self.index = 0
        m = self.look.metrics
        self.dots_box = Rect(box.x, box.bottom - m.px(40), box.w, m.px(40))
        self.slides: list[tuple[pygame.Surface, list[pygame.Surface]]] = []
        area = Rect(box.x, box.y, box.w, box.h - self.dots_box.h)
        for slide in block.images:
            self.box = area
            notes = self.notes(slide.caption, slide.credit, area.w)
            image, _ = self.picture(slide.src, notes)
            self.slides.append((image, notes))
        self.box = box
        size = max(m.px(88), m.target)
        first = self.slides[0][0]
        middle = box.y + (first.get_height() - size) // 2
        self.arrows = {
            "gallery:prev": Rect(box.x + m.px(16), middle, size, size),
            "gallery:next": Rect(box.x + min(box.w, first.get_width()) - m.px(16) - size, middle, size, size),
        }

    def compose(self, surface: pygame.Surface) -> None:
        self._targets()

    def _targets(self) -> None:
        for widget_id in self.arrows:
            self.scene.targets.pop(widget_id, None)
        if self.index > 0:
            self.scene.target("gallery:prev", self.arrows["gallery:prev"])
        if self.index < len(self.slides) - 1:
            self.scene.target("gallery:next", self.arrows["gallery:next"])

    def draw_live(self, surface: pygame.Surface) -> None:
        m, theme = self.look.metrics, self.look.theme
        image, notes = self.slides[self.index]
        surface.blit(image, (self.box.x, self.box.y))
        y = self.box.y + image.get_height() + m.px(16)
        for note in notes:
            surface.blit(note, (self.box.x, y))
            y += note.get_height()
        widgets.dots(
            surface,
            self.dots_box,
            len(self.slides),
            self.index,
            theme.accent(self.scene.zone.accent),
            theme.line,
            m,
        )
        for widget_id, r in self.arrows.items():
            if widget_id in self.scene.targets:
                pygame.draw.circle(surface, theme.card, widgets.rect(r).center, r.w // 2)
                pygame.draw.circle(surface, theme.line, widgets.rect(r).center, r.w // 2, m.px(2))
                widgets.chevron(
                    surface, r, -1 if widget_id.endswith("prev") else 1, theme.ink, max(3, m.px(5))
                )

    def show(self, index: int) -> None:
        if 0 <= index < len(self.slides) and index != self.index:
            self.index = index
            self._targets()
            self.scene.interact("gallery", str(index + 1))

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


class HotspotsFeature(Feature):
    """A picture with markers; a tap on one opens its card, a tap elsewhere closes it."""

    def __init__(self, scene, block: Hotspots, box: Rect):
        super().__init__(scene, block, box)
        self.open: str | None = None
        self.cards: dict[str, pygame.Surface] = {}

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        notes = self.notes(self.block.caption, self.block.credit, self.box.w)
        image, y = self.picture(self.block.src, notes)
        surface.blit(image, (self.box.x, self.box.y))
        for note in notes:
            surface.blit(note, (self.box.x, y))
            y += note.get_height()
        accent = theme.accent(self.scene.zone.accent)
        size = max(m.px(72), m.target)
        self.markers = {}
        for spot in self.block.spots:
            cx = self.box.x + round(spot.x * image.get_width())
            cy = self.box.y + round(spot.y * image.get_height())
            r = self.scene.target(f"hotspot:{spot.id}", Rect(cx - size // 2, cy - size // 2, size, size))
            self.markers[spot.id] = r
            pygame.draw.circle(surface, theme.card, (cx, cy), size // 2)
            pygame.draw.circle(surface, accent, (cx, cy), size // 2 - m.px(6))
            arm = size // 5
            pygame.draw.line(surface, theme.on_accent, (cx - arm, cy), (cx + arm, cy), max(3, m.px(6)))
            pygame.draw.line(surface, theme.on_accent, (cx, cy - arm), (cx, cy + arm), max(3, m.px(6)))
        pad = m.px(32)
        # Cards may use the page below its title: in large text they need the room.
        area = self.area = self.scene.page_area
        width = area.w if m.text_scale > 1 else min(self.box.w, m.px(760))
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
            card = pygame.Surface(
                (width, title.get_height() + text.get_height() + 2 * pad + m.px(12)), pygame.SRCALPHA
            )
            widgets.panel(
                card, Rect(0, 0, card.get_width(), card.get_height()), theme.card, m.radius, accent, m.px(4)
            )
            card.blit(title, (pad, pad))
            card.blit(text, (pad, pad + title.get_height() + m.px(12)))
            self.cards[spot.id] = card

    def draw_live(self, surface: pygame.Surface) -> None:
        if self.open is None:
            return
        card = self.cards[self.open]
        marker, gap = self.markers[self.open], self.look.metrics.px(12)
        area = self.area
        x = min(max(area.x, marker.center[0] - card.get_width() // 2), area.right - card.get_width())
        # Below the marker, else above it, else at the top: never past the page.
        if marker.bottom + gap + card.get_height() <= area.bottom:
            y = marker.bottom + gap
        elif marker.y - gap - card.get_height() >= area.y:
            y = marker.y - gap - card.get_height()
        else:
            y = area.y
        surface.set_clip(widgets.rect(area))
        surface.blit(card, (x, y))
        surface.set_clip(None)

    def activate(self, widget_id: str) -> bool:
        if not widget_id.startswith("hotspot:"):
            return False
        spot = widget_id.split(":", 1)[1]
        self.open = None if self.open == spot else spot
        if self.open:
            self.scene.interact("hotspot", spot)
        return True

    def tap_elsewhere(self, x: float, y: float) -> bool:
        if self.open is None:
            return False
        self.open = None
        return True


def feature_for(scene: FeaturePage, block, box: Rect) -> Feature:
    kinds = {
        Picture: PictureFeature,
        Fact: FactFeature,
        Gallery: GalleryFeature,
        Hotspots: HotspotsFeature,
    }
    return kinds[type(block)](scene, block, box)
