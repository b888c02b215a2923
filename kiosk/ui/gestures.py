"""Pure gesture recognition: one pointer's down/move/up -> a tap, a swipe, a drag, or nothing.

A touch that travels is not a tap. Once it has travelled, it is locked to the axis it went
along: horizontal becomes a swipe (when fast enough), vertical a drag that scrolls and may
end in a fling. Only one finger is followed (the input layer drops the others), so several
hands on the glass cannot fire several actions.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tap:
    x: float
    y: float


@dataclass(frozen=True)
class Swipe:
    x: float  # where it started
    y: float
    dx: float
    dy: float


@dataclass(frozen=True)
class Fling:
    vy: float  # pixels per second when the finger left the glass


Gesture = Tap | Swipe | Fling


class GestureRecognizer:
    def __init__(self, slop_px: float, swipe_px: float, swipe_max_s: float = 0.8):
        self.slop_px = slop_px  # how far a finger may wander and still tap
        self.swipe_px = swipe_px
        self.swipe_max_s = swipe_max_s
        self._start: tuple[float, float, float] | None = None
        self._last: tuple[float, float, float] = (0.0, 0.0, 0.0)
        self._vy = 0.0
        self.axis: str | None = None  # "x" or "y" once the finger has travelled

    @property
    def start(self) -> tuple[float, float] | None:
        return self._start[:2] if self._start else None

    def down(self, x: float, y: float, t: float) -> None:
        self._start = self._last = (x, y, t)
        self._vy = 0.0
        self.axis = None

    def move(self, x: float, y: float, t: float) -> float:
        """Vertical travel since the last move while dragging vertically, else 0."""
        if self._start is None:
            return 0.0
        x0, y0, _ = self._start
        if self.axis is None and _dist((x0, y0), (x, y)) > self.slop_px:
            self.axis = "x" if abs(x - x0) >= abs(y - y0) else "y"
        _, last_y, last_t = self._last
        if t > last_t:
            self._vy = (y - last_y) / (t - last_t)
        self._last = (x, y, t)
        return y - last_y if self.axis == "y" else 0.0

    def up(self, x: float, y: float, t: float) -> Gesture | None:
        if self._start is None:
            return None
        x0, y0, t0 = self._start
        self._start = None
        if self.axis is None and _dist((x0, y0), (x, y)) <= self.slop_px:
            return Tap(x0, y0)
        dx, dy = x - x0, y - y0
        if self.axis == "y":
            return Fling(self._vy)
        if abs(dx) >= self.swipe_px and abs(dx) > 1.5 * abs(dy) and t - t0 <= self.swipe_max_s:
            return Swipe(x0, y0, dx, dy)
        return None

    def cancel(self) -> None:
        self._start = None


def _dist(a: tuple[float, float], b: tuple[float, float]) -> float:
    return ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5
