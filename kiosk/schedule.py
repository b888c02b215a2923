"""Opening hours: when the pavilion is open, in its own time zone. Pure: no pygame, no store.

A week of hours ("10:00-20:00" per weekday, several stretches, or overnight "18:00-02:00") and
closed dates become stretches of UTC time. Local times are turned into instants day by day, so
a day that loses or gains an hour (DST) opens and closes at its own wall-clock times. No
schedule at all means always open: sites without `schedule:` run as before.

`Opening` adds what staff decide on the spot ("open now", "close now") until the next change
the schedule would make.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
DAY_MIN = 24 * 60
LOOK_AHEAD_DAYS = 400  # a pavilion closed longer than a year has no next opening worth showing

_TIME = r"([01]?\d|2[0-4]):([0-5]\d)"
_STRETCH = re.compile(rf"^\s*{_TIME}\s*-\s*{_TIME}\s*$")

Stretch = tuple[int, int]  # minutes after the day's midnight; close may pass 24:00 (overnight)


def parse_hours(text: object) -> list[Stretch]:
    """One day's hours: "closed", "10:00-20:00" or "10:00-13:00, 14:00-20:00"; ValueError says why.

    A close earlier than the open is overnight: "18:00-02:00" closes at 02:00 the next day."""
    if not isinstance(text, str):
        # `hours: 1000`, say; an unquoted 10:00 is text (YAML 1.2), though 1.1 readers say 600.
        raise ValueError('write the hours as open-close, e.g. "10:00-20:00", or closed')
    if text.strip().lower() == "closed":
        return []
    stretches = []
    for part in text.split(","):
        match = _STRETCH.match(part)
        if not match:
            raise ValueError(f"'{part.strip()}' is not open-close like 10:00-20:00 (or closed)")
        h1, m1, h2, m2 = (int(g) for g in match.groups())
        opens, closes = h1 * 60 + m1, h2 * 60 + m2
        if opens >= DAY_MIN or closes > DAY_MIN:
            raise ValueError(f"'{part.strip()}': a day's times run from 00:00 to 24:00")
        if closes == opens:
            raise ValueError(f"'{part.strip()}' opens and closes at the same time")
        stretches.append((opens, closes if closes > opens else closes + DAY_MIN))
    stretches.sort()
    for (_, closes), (opens, _) in zip(stretches, stretches[1:]):
        if opens < closes:
            raise ValueError(f"'{text}': the stretches overlap")
    return stretches


def parse_closed(item: object) -> tuple[date, date]:
    """A closed date ("2026-12-25") or an inclusive run of them ("2026-12-24..2026-12-26")."""
    if isinstance(item, datetime):
        item = item.date()
    if isinstance(item, date):
        return item, item
    if not isinstance(item, str):
        raise ValueError("write a date as YYYY-MM-DD, or a run of dates as YYYY-MM-DD..YYYY-MM-DD")
    first, _, last = item.partition("..")
    try:
        start = date.fromisoformat(first.strip())
        end = date.fromisoformat(last.strip()) if last else start
    except ValueError:
        raise ValueError(f"'{item}' is not YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD") from None
    if end < start:
        raise ValueError(f"'{item}': the run of dates ends before it starts")
    return start, end


@dataclass(frozen=True)
class Schedule:
    """When the pavilion is open. `week` None: always open (closed dates still apply)."""

    tz: ZoneInfo
    week: tuple[tuple[Stretch, ...], ...] | None = None  # seven days, Monday first
    closed: tuple[tuple[date, date], ...] = ()

    @classmethod
    def from_settings(cls, settings, tz: ZoneInfo) -> Schedule:
        """From config's `schedule:` settings."""
        hours = settings.hours
        week = None
        if hours is not None:
            week = tuple(tuple(parse_hours(getattr(hours, day))) for day in WEEKDAYS)
        closed = tuple(parse_closed(item) for item in settings.closed_dates)
        return cls(tz, week, closed)

    @property
    def always_open(self) -> bool:
        return self.week is None and not self.closed

    def is_closed_date(self, day: date) -> bool:
        return any(start <= day <= end for start, end in self.closed)

    def _day(self, day: date) -> list[tuple[float, float]]:
        """The open stretches that begin on a local day, as UTC epoch seconds."""
        if self.is_closed_date(day):
            return []
        stretches = [(0, DAY_MIN)] if self.week is None else self.week[day.weekday()]
        return [(self._instant(day, opens), self._instant(day, closes)) for opens, closes in stretches]

    def _instant(self, day: date, minutes: int) -> float:
        # Day by day on the wall clock: 10:00 is 10:00 on the day the clocks change too. A time
        # the change skips (02:30 in spring) falls after the gap; one it repeats, on the first.
        day = day + timedelta(days=minutes // DAY_MIN)
        minutes %= DAY_MIN
        return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=self.tz).timestamp()

    def stretches(self, start: float, days: int) -> list[tuple[float, float]]:
        """Open stretches touching [start, start + days), merged where one runs into the next."""
        first = datetime.fromtimestamp(start, self.tz).date() - timedelta(days=1)  # overnight hours
        merged: list[list[float]] = []
        for n in range(days + 2):
            for opens, closes in self._day(first + timedelta(days=n)):
                if merged and opens <= merged[-1][1]:
                    merged[-1][1] = max(merged[-1][1], closes)
                else:
                    merged.append([opens, closes])
        return [(a, b) for a, b in merged if b > start]

    def is_open(self, moment: float) -> bool:
        """Open at this instant (UTC epoch seconds)?"""
        if self.always_open:
            return True
        return any(opens <= moment < closes for opens, closes in self.stretches(moment, 1))

    def next_change(self, moment: float) -> float | None:
        """The next instant after `moment` when the kiosk opens or closes; None: never again."""
        if self.always_open:
            return None
        for opens, closes in self.stretches(moment, LOOK_AHEAD_DAYS):
            if moment < opens:
                return opens
            if moment < closes:
                return closes
        return None

    def next_opening(self, moment: float) -> float | None:
        """When a closed kiosk opens again (None: not within a year)."""
        for opens, _ in self.stretches(moment, LOOK_AHEAD_DAYS):
            if opens > moment:
                return opens
        return None

    def open_by_hour(self, start: float, end: float) -> tuple[dict[int, float], set[date]]:
        """Open seconds in [start, end) per local hour of the day (0..23), and the local days
        on which the kiosk was open at all: reports tell closed hours from empty ones."""
        by_hour: dict[int, float] = {}
        open_days: set[date] = set()
        days = int((end - start) // 86400) + 2
        for opens, closes in self.stretches(start, days):
            t, stop = max(opens, start), min(closes, end)
            while t < stop:
                moment = datetime.fromtimestamp(t, self.tz)
                offset = moment.utcoffset().total_seconds()
                boundary = min(stop, t - (t + offset) % 3600 + 3600)  # the next local full hour
                by_hour[moment.hour] = by_hour.get(moment.hour, 0.0) + boundary - t
                open_days.add(moment.date())
                t = boundary
        return by_hour, open_days

    def open_seconds(self, start: float, end: float) -> float:
        """How long the kiosk is open in [start, end): reports set visitors against it."""
        days = int((end - start) // 86400) + 2
        return sum(
            max(0.0, min(closes, end) - max(opens, start)) for opens, closes in self.stretches(start, days)
        )


@dataclass
class Override:
    """Staff's word: open or closed until the schedule's next change, then the schedule again."""

    open: bool
    until_wall: float | None  # None: until staff change it back (a schedule that never changes)
    set_wall: float
    set_mono: float


@dataclass
class Opening:
    """The schedule and what staff said, read against a clock. A wall clock that jumps ends an
    override no later than its length measured on the monotonic clock, and the schedule is read
    afresh at every call, so no jump leaves the kiosk stuck open or closed."""

    schedule: Schedule
    clock: object  # monotonic() and wall(), as kiosk.clock
    plausible_from: float = 0.0  # before this the wall clock is not believed: the kiosk stays open
    override: Override | None = field(default=None)
    _span: tuple[float, float, bool] | None = field(default=None, repr=False)

    def scheduled(self, wall: float) -> bool:
        if wall < self.plausible_from:
            return True
        # Read every frame: the state holds until the next change, unless the clock leaves the span.
        span = self._span
        if span is None or not span[0] <= wall < span[1]:
            change = self.schedule.next_change(wall)
            span = self._span = (wall, math.inf if change is None else change, self.schedule.is_open(wall))
        return span[2]

    def _expire(self, wall: float, mono: float) -> None:
        o = self.override
        if o is None or o.until_wall is None:
            return
        if wall >= o.until_wall or mono - o.set_mono >= o.until_wall - o.set_wall:
            self.override = None

    def is_open(self) -> bool:
        wall, mono = self.clock.wall(), self.clock.monotonic()
        self._expire(wall, mono)
        return self.override.open if self.override else self.scheduled(wall)

    def by_staff(self) -> bool:
        """True while staff's word, not the schedule, decides."""
        self.is_open()
        return self.override is not None

    def toggle(self) -> bool:
        """Staff's "open now" / "close now": the other state until the next scheduled change (or
        back to the schedule if it already says so). Returns the new state."""
        wall, mono = self.clock.wall(), self.clock.monotonic()
        wanted = not self.is_open()
        if wanted == self.scheduled(wall):
            self.override = None
        else:
            until = None if wall < self.plausible_from else self.schedule.next_change(wall)
            self.override = Override(wanted, until, wall, mono)
        return wanted

    def seconds_to_change(self) -> float | None:
        """Seconds until the state changes by itself (schedule or override's end); None: never."""
        wall = self.clock.wall()
        self.is_open()
        o = self.override
        if o is not None:
            if o.until_wall is None:
                return None
            by_mono = o.until_wall - o.set_wall - (self.clock.monotonic() - o.set_mono)
            return max(0.0, min(o.until_wall - wall, by_mono))
        if wall < self.plausible_from:
            return None
        change = self.schedule.next_change(wall)
        return None if change is None else max(0.0, change - wall)

    def next_opening(self) -> float | None:
        """When a closed kiosk opens again: the schedule's next opening (staff's closing lasts
        until the schedule closes anyway); None when unknown."""
        if self.clock.wall() < self.plausible_from:
            return None
        return self.schedule.next_opening(self.clock.wall())
