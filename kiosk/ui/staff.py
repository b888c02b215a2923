"""Staff's way in: a press held in the bottom-left corner opens the PIN pad, and the day's
figures are read meanwhile, off the frame thread, so the staff screen opens at once.
"""

from __future__ import annotations

import concurrent.futures

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.ui.layout import Metrics, Rect
from kiosk.ui.scenes.staff import read_figures

STAFF_HOLD_S = 3.0  # a press this long in the staff corner opens the PIN pad


class StaffDoor:
    def __init__(self, config: Config, clock: Clock):
        self.config, self.clock = config, clock
        self._hold: float | None = None  # when the press in the corner began
        self._reader = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="staff")
        self._figures: concurrent.futures.Future | None = None

    @staticmethod
    def corner(metrics: Metrics) -> Rect:
        """Where staff press for three seconds: the bottom-left corner, on every screen."""
        size = round(metrics.target * 1.5)
        return Rect(0, metrics.height - size, size, size)

    def pointer(self, kind: str, x: float, y: float, now: float, corner: Rect, travelling: bool) -> None:
        """A press starts in the corner; lifting the finger or moving it away lets go."""
        if kind == "down":
            self._hold = now if corner.contains(x, y) else None
        elif kind == "up" or travelling:
            self._hold = None

    @property
    def holding(self) -> bool:
        return self._hold is not None

    def held_long_enough(self, now: float) -> bool:
        """True once, when the press has lasted long enough to open the PIN pad."""
        if self._hold is not None and now - self._hold >= STAFF_HOLD_S:
            self._hold = None
            return True
        return False

    def read_figures_ahead(self) -> None:
        self._figures = self._reader.submit(read_figures, self.config, self.clock.wall())

    def figures(self) -> tuple:
        if self._figures is None:
            return read_figures(self.config, self.clock.wall())
        return self._figures.result()
