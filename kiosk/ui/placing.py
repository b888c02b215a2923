"""Where set text lands, and the box it belongs to: so a check sees text that leaves its card.

The typesetter hands out what it draws as `SetText` surfaces that know what they say. Screens
and the pieces built for them are `Traced` surfaces: each notes the panels drawn on it
(`widgets.panel`: cards, buttons, keys) and each set text blitted on it, with the smallest
panel under its first letter as the box it belongs to (the surface itself where there is none).
A traced piece blitted on a traced screen hands its notes up, moved to where it lands, so a
label in the scrolling column is held to the card it was drawn on.

What is noted is where the letters are (the text's visible pixels), not the text's line box:
a visitor sees letters leave a card, not the spacing under them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from kiosk.ui.layout import Rect


class SetText(pygame.Surface):
    """Text the typesetter set; `written` is its record (None until the typesetter says), `ink`
    where its letters are (None: read from its pixels)."""

    written = None
    ink: pygame.Rect | None = None


@dataclass(frozen=True)
class Placed:
    """One text on a surface: where its letters are and the box they belong to."""

    written: object  # kiosk.ui.text.Written
    ink: Rect
    box: Rect

    @property
    def inside(self) -> bool:
        return self.ink.inside(self.box)

    def moved(self, dx: int, dy: int) -> Placed:
        return Placed(self.written, _moved(self.ink, dx, dy), _moved(self.box, dx, dy))


class Traced(pygame.Surface):
    """A surface that notes the panels drawn on it and where set text lands on it."""

    def __init__(self, size, flags: int = 0, *args):
        super().__init__(size, flags, *args)
        self.forget()

    def __getattr__(self, name: str):
        # pygame makes copies and subsurfaces of a subclass without calling __init__
        if name in ("placed", "boxes"):
            self.forget()
            return getattr(self, name)
        raise AttributeError(name)

    def note_box(self, box: Rect) -> None:
        self.boxes.append(box)

    def forget(self) -> None:
        self.placed, self.boxes = [], []

    def fill(self, color, rect=None, special_flags=0) -> pygame.Rect:
        if rect is None:  # a new picture: what was noted is gone with what was drawn
            self.forget()
        return super().fill(color, rect, special_flags)

    def blit(self, source, dest=(0, 0), area=None, special_flags=0) -> pygame.Rect:
        x, y = _origin(dest)
        if area is None and (x, y) == (0, 0) and self._covered_by(source):
            self.forget()  # a whole opaque picture over this one hides all that was on it
        shown = super().blit(source, dest, area, special_flags)
        if area is not None:
            ax, ay = _origin(area)
            x, y = x - ax, y - ay
        if getattr(source, "written", None) is not None:
            ink = source.ink if source.ink is not None else source.get_bounding_rect()
            if ink.w and ink.h:
                letters = Rect(ink.x + x, ink.y + y, ink.w, ink.h)
                self.placed.append(Placed(source.written, letters, self._box_at(letters.x, letters.y)))
        elif isinstance(source, Traced):
            self.boxes += [_moved(b, x, y) for b in source.boxes]
            self.placed += [p.moved(x, y) for p in source.placed]
        return shown

    def _covered_by(self, source) -> bool:
        return source.get_size() == self.get_size() and not source.get_flags() & pygame.SRCALPHA

    def _box_at(self, x: int, y: int) -> Rect:
        holding = [b for b in self.boxes if b.contains(x, y)]
        whole = Rect(0, 0, *self.get_size())
        return min(holding, key=lambda b: b.w * b.h, default=whole)


def note_box(surface: pygame.Surface, box: Rect) -> None:
    """A panel drawn: text blitted onto it later belongs to it (only traced surfaces note it)."""
    if isinstance(surface, Traced):
        surface.note_box(box)


def placed(surface: pygame.Surface) -> list[Placed]:
    return surface.placed if isinstance(surface, Traced) else []


def _moved(r: Rect, dx: int, dy: int) -> Rect:
    return Rect(r.x + dx, r.y + dy, r.w, r.h)


def _origin(dest) -> tuple[int, int]:
    if isinstance(dest, pygame.Rect | pygame.FRect):
        return int(dest.x), int(dest.y)
    return int(dest[0]), int(dest[1])
