"""When to ask "are you still there?", and when the loop must wake to count it down."""

from __future__ import annotations

from kiosk.clock import Clock
from kiosk.visitors.sessions import VisitTracker


class StillThere:
    def __init__(self, tracker: VisitTracker, warning_s: float, clock: Clock):
        self._tracker, self._warning_s, self._clock = tracker, warning_s, clock

    def left(self) -> float | None:
        """Seconds left to answer, while the question is shown."""
        deadline = self._tracker.idle_deadline()
        if deadline is None or self._warning_s <= 0:
            return None
        left = deadline - self._clock.monotonic()
        return left if 0 < left <= self._warning_s else None

    def waits(self, now: float) -> list[float]:
        """Seconds to sleep at most: until the question shows, its next second, the timeout."""
        deadline = self._tracker.idle_deadline()
        if deadline is None:
            return []
        left = deadline - now
        warning_from = left - self._warning_s
        return [warning_from if warning_from > 0 else left % 1.0 or 1.0, left]
