"""Pure gesture recognition: one pointer's down/move/up -> a tap, a swipe, or nothing.

A touch that travels is not a tap; a long, slow drag is not a swipe. Only one finger is
followed at a time (the input layer drops the others), so several hands on the glass cannot
fire several actions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tap:
    x: float
    y: float


@dataclass(frozen=True)
class Swipe:
    dx: float
    dy: float


Gesture = Tap | Swipe


class GestureRecognizer:
    def __init__(self, slop_px: float, swipe_px: float, swipe_max_s: float = 0.8):
        self.slop_px = slop_px  # how far a finger may wander and still tap
        self.swipe_px = swipe_px
        self.swipe_max_s = swipe_max_s
        self._start: tuple[float, float, float] | None = None
        self._moved = False

    @property
    def pressed(self) -> bool:
        return self._start is not None

    def down(self, x: float, y: float, t: float) -> None:
        self._start = (x, y, t)
        self._moved = False

    def move(self, x: float, y: float) -> None:
        if self._start and _dist(self._start[:2], (x, y)) > self.slop_px:
            self._moved = True

    def up(self, x: float, y: float, t: float) -> Gesture | None:
        if self._start is None:
            return None
        x0, y0, t0 = self._start
        self._start = None
        dx, dy = x - x0, y - y0
        if not self._moved and _dist((x0, y0), (x, y)) <= self.slop_px:
            return Tap(x0, y0)
        if abs(dx) >= self.swipe_px and abs(dx) > 1.5 * abs(dy) and t - t0 <= self.swipe_max_s:
            return Swipe(dx, dy)
        return None

    def cancel(self) -> None:
        self._start = None


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
