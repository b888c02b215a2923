"""Mouse and touch events -> one stream of pointer actions, in the picture's coordinates.

SDL reports a touch twice: as FINGER* and as a synthetic mouse event with `touch` set. Only
the finger is kept, so one tap is one action. Only the first finger down is followed.
A screen mounted the other way round rotates the picture; touches are rotated back here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pygame


@dataclass(frozen=True)
class Pointer:
    kind: Literal["down", "move", "up"]
    x: float
    y: float


def to_logical(x: float, y: float, logical: tuple[int, int], rotation: int) -> tuple[float, float]:
    """A point on the physical screen -> the same point on the picture rotated by `rotation`
    degrees counter-clockwise for display (pygame.transform.rotate's direction)."""
    w, h = logical
    if rotation == 90:
        return w - y, x
    if rotation == 180:
        return w - x, h - y
    if rotation == 270:
        return y, h - x
    return x, y


def to_physical(
    r: tuple[int, int, int, int], logical: tuple[int, int], rotation: int
) -> tuple[int, int, int, int]:
    """A rectangle (x, y, w, h) of the picture -> where it shows on the physical screen once the
    picture is rotated by `rotation` degrees counter-clockwise: the inverse of `to_logical`."""
    x, y, rw, rh = r
    w, h = logical
    if rotation == 90:
        return y, w - x - rw, rh, rw
    if rotation == 180:
        return w - x - rw, h - y - rh, rw, rh
    if rotation == 270:
        return h - y - rh, x, rh, rw
    return x, y, rw, rh


class PointerInput:
    def __init__(self, physical: tuple[int, int], logical: tuple[int, int], rotation: int = 0):
        self.physical, self.logical, self.rotation = physical, logical, rotation
        self._finger: int | None = None
        self._mouse_down = False

    def translate(self, event: pygame.event.Event) -> Pointer | None:
        kind, pos = self._physical(event)
        if kind is None:
            return None
        x, y = to_logical(pos[0], pos[1], self.logical, self.rotation)
        return Pointer(kind, x, y)

    def _physical(self, event: pygame.event.Event) -> tuple[str | None, tuple[float, float]]:
        none = (None, (0.0, 0.0))
        if event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            if getattr(event, "touch", False):
                return none  # SDL's copy of a finger event
            if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
                self._mouse_down = True
                return "down", event.pos
            if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._mouse_down:
                self._mouse_down = False
                return "up", event.pos
            if event.type == pygame.MOUSEMOTION and self._mouse_down:
                return "move", event.pos
            return none
        if event.type in (pygame.FINGERDOWN, pygame.FINGERMOTION, pygame.FINGERUP):
            w, h = self.physical
            pos = (event.x * w, event.y * h)
            if event.type == pygame.FINGERDOWN and self._finger is None:
                self._finger = event.finger_id
                return "down", pos
            if event.finger_id != self._finger:
                return none  # a second finger or hand: ignored
            if event.type == pygame.FINGERUP:
                self._finger = None
                return "up", pos
            return "move", pos
        return none
