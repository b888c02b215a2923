"""Time, injected: the app reads a clock, tests and replays drive a virtual one.

`monotonic()` measures durations (immune to clock changes); `wall()` is UTC epoch seconds,
read only to stamp records.
"""

from __future__ import annotations

import time


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def wall(self) -> float:
        return time.time()


class VirtualClock:
    """A clock that moves only when told to: replays run as fast as they can, tests never sleep."""

    def __init__(self, start_wall: float, start_monotonic: float = 1000.0):
        self._wall0 = start_wall
        self._mono0 = start_monotonic
        self._elapsed = 0.0

    def monotonic(self) -> float:
        return self._mono0 + self._elapsed

    def wall(self) -> float:
        return self._wall0 + self._elapsed

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("time does not run backwards")
        self._elapsed += seconds

    @property
    def elapsed(self) -> float:
        return self._elapsed
