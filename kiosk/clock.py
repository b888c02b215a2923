"""Time, injected: the app reads a clock, tests and replays drive a virtual one.

`monotonic()` measures durations (immune to clock changes); `wall()` is UTC epoch seconds,
read only to stamp records.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """What the kiosk reads time from: the system's, or a virtual one."""

    def monotonic(self) -> float: ...
    def wall(self) -> float: ...


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


# No visitor of this exhibit software came before this (UTC, 2017-01-01): a kiosk without a
# battery-backed clock boots at 1970 or its firmware's date, and is corrected later.
PLAUSIBLE_FROM = 1_483_228_800.0
JUMP_S = 3600.0  # a step of the wall clock against the monotonic one larger than this is a jump


class ClockWatch:
    """Tells whether the wall clock can be believed now: not before `plausible_from`, and no
    jump of more than an hour since it was last read (NTP correcting a wrong boot clock)."""

    def __init__(self, clock, plausible_from: float = PLAUSIBLE_FROM):
        self.clock = clock
        self.plausible_from = plausible_from
        self._offset: float | None = None

    def doubt(self) -> str | None:
        """Why the wall clock is doubtful now, or None."""
        wall = self.clock.wall()
        offset = wall - self.clock.monotonic()
        previous, self._offset = self._offset, offset
        if wall < self.plausible_from:
            day = time.strftime("%Y-%m-%d", time.gmtime(wall))
            return f"the clock read {day}, before any visitor could come"
        if previous is not None and abs(offset - previous) > JUMP_S:
            return f"the clock jumped by {(offset - previous) / 3600:+.1f} h"
        return None
