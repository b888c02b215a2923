"""Opening hours as the kiosk lives them: open or closed now, and staff's word for it.

A doubtful clock (1970 at boot) keeps the kiosk open, never dark. The app asks `follow()`
every frame and, on a change, ends the visit and goes to the right resting screen.
"""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from kiosk.clock import PLAUSIBLE_FROM, Clock
from kiosk.l10n import ENGLISH, Words
from kiosk.schedule import Opening, Schedule

log = logging.getLogger(__name__)

CHECK_S = 60.0  # the hours are read at least this often while waiting: a clock step is seen soon


class Hours:
    def __init__(self, schedule: Schedule, clock: Clock, tz: ZoneInfo):
        self.opening = Opening(schedule, clock, PLAUSIBLE_FROM)
        self.clock, self.tz = clock, tz
        self.open = self.opening.is_open()

    def follow(self) -> bool:
        """True when the kiosk has just opened or closed (by the schedule or by staff)."""
        now_open = self.opening.is_open()
        if now_open == self.open:
            return False
        self.open = now_open
        log.warning("the kiosk %s", "opens" if now_open else "closes")
        return True

    def toggle(self) -> None:
        """Staff's "open now" / "close now", until the next scheduled change."""
        self.opening.toggle()

    def wait_s(self) -> float:
        """Seconds the kiosk may sleep before it must look at the hours again."""
        if self.opening.schedule.always_open:
            return float("inf")
        left = self.opening.seconds_to_change()
        return CHECK_S if left is None else min(CHECK_S, left)

    def status(self, words: Words | None = None) -> str:
        """One line for staff: open or closed, by whom, and until when (English unless `words`)."""
        _ = words or ENGLISH
        left = self.opening.seconds_to_change()
        staff = self.opening.by_staff()
        if left is None:
            if staff:
                return _("open by staff") if self.open else _("closed by staff")
            return _("always open (no schedule)") if self.open else _("closed")
        change = datetime.fromtimestamp(self.clock.wall() + left, self.tz)
        until = f"{_.skeleton('E', change)} {_.time(change)}"
        if staff:
            said = _("open by staff until {when}") if self.open else _("closed by staff until {when}")
        else:
            said = _("open until {when}") if self.open else _("closed until {when}")
        return said.format(when=until)
