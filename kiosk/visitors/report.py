"""The report as one typed value: what `reports.summary` gives every reader.

`kiosk stats`, the staff screen, the dashboard and /metrics read these attributes; nobody
spells a key. `to_json()` is the one way out to JSON (`kiosk stats --json`, /stats.json), in
the keys and order staff's scripts have always read. Days are local `date`s and hours local
hours of the day (0..23), in the report's time zone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


@dataclass(frozen=True)
class Counts:
    """Sessions begun and people through the door, in one day or one hour of the day."""

    sessions: int = 0
    entries: int = 0


NONE = Counts()


@dataclass(frozen=True)
class KioskFigures:
    """One kiosk's store (a file, or the id that forwarded records centrally)."""

    sessions: int
    entries: int
    avg_session_s: float


@dataclass(frozen=True)
class ZoneFigures:
    views: int
    dwell_s: float

    @property
    def dwell_per_view_s(self) -> float:
        return round(self.dwell_s / self.views, 1) if self.views else 0.0


@dataclass(frozen=True)
class QuizFigures:
    answers: int
    correct: int

    @property
    def right_pct(self) -> float:
        return round(100 * self.correct / self.answers, 1) if self.answers else 0.0


@dataclass(frozen=True)
class VideoFigures:
    """A film's plays: each from a tap on play to its end, or to the visitor leaving it."""

    plays: int
    watched_s: float  # all plays together, pauses left out
    completed: int  # plays that reached the end
    length_s: float  # the film's length, all plays together
    languages: dict[str, int]  # plays by the language of the captions shown ("" none)

    @property
    def holding_power(self) -> float:
        """Mean time watched / the film's length: how museums tell how well a film holds."""
        return round(self.watched_s / self.length_s, 3) if self.length_s else 0.0

    def to_json(self) -> dict:
        return {
            "plays": self.plays,
            "watched_s": self.watched_s,
            "completed": self.completed,
            "holding_power": self.holding_power,
            "languages": dict(self.languages),
        }


@dataclass(frozen=True)
class OpeningFigures:
    """Set against the opening hours (as configured now): an hour it was closed is not an hour
    nobody came."""

    open_hours: dict[int, float]  # every hour of the day -> hours open in it over the range
    closed_days: tuple[date, ...]
    open_h_so_far: float  # hours open from the range's start until now
    sessions_per_open_hour: float | None  # None: not open yet

    def closed_at(self, hour: int) -> bool:
        return not self.open_hours.get(hour, 0.0)


@dataclass(frozen=True)
class Report:
    """Visitor figures for local days day_from..day_to (None: from the first, to the last).

    Mappings are ranked as staff read them: zones and languages by count, the rest by key.
    Treat them as read-only: one report is shared by every reader of a request or a screen."""

    timezone: str
    day_from: date | None
    day_to: date | None
    sessions: int
    entries: int
    avg_session_s: float
    end_reasons: dict[str, int]
    kiosks: dict[str, int]  # sessions per kiosk id, as the sessions name it
    by_kiosk: dict[str, KioskFigures]
    zones: dict[str, ZoneFigures]
    pages: dict[str, dict[str, int]]  # zone -> page -> views
    languages: dict[str, int]
    days: dict[date, Counts]  # only days with a session or an entry
    hours: dict[int, Counts]  # only hours with a session or an entry
    quizzes: dict[str, QuizFigures]  # "zone/quiz"
    interactions: dict[str, int]
    opening: OpeningFigures | None = None  # None: no opening hours (always open)
    videos: dict[str, VideoFigures] = field(default_factory=dict)  # "zone/film"

    def day(self, day: date) -> Counts:
        return self.days.get(day, NONE)

    def hour(self, hour: int) -> Counts:
        return self.hours.get(hour, NONE)

    def to_json(self) -> dict:
        """The report as `kiosk stats --json` prints it."""
        out = {
            "timezone": self.timezone,
            "from": self.day_from.isoformat() if self.day_from else None,
            "to": self.day_to.isoformat() if self.day_to else None,
            "sessions": self.sessions,
            "entries": self.entries,
            "avg_session_s": self.avg_session_s,
            "end_reasons": dict(self.end_reasons),
            "kiosks": dict(self.kiosks),
            "by_kiosk": {kiosk: asdict(k) for kiosk, k in self.by_kiosk.items()},
            "zones": {zone: asdict(z) for zone, z in self.zones.items()},
            "pages": {zone: dict(pages) for zone, pages in self.pages.items()},
            "languages": dict(self.languages),
            "days": {day.isoformat(): asdict(c) for day, c in self.days.items()},
            "hours": {f"{hour:02d}": asdict(c) for hour, c in self.hours.items()},
            "quizzes": {quiz: asdict(q) for quiz, q in self.quizzes.items()},
            "interactions": dict(self.interactions),
            "videos": {film: v.to_json() for film, v in self.videos.items()},
        }
        if self.opening is not None:
            out["open_hours"] = {f"{hour:02d}": h for hour, h in self.opening.open_hours.items()}
            out["closed_days"] = [day.isoformat() for day in self.opening.closed_days]
            out["open_h_so_far"] = self.opening.open_h_so_far
            out["sessions_per_open_hour"] = self.opening.sessions_per_open_hour
        return out
