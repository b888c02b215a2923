"""The visitor session as a state machine driven by what the visitor does and the clock.

A session starts when a visitor leaves the attract screen and ends after `idle_timeout_s`
without input (or on purpose). Its length ends at the last interaction: the idle time
waited before the reset is not the visitor's. Every change is emitted as a typed event for
the store; this module knows nothing of SQLite or pygame.
"""

from __future__ import annotations

import dataclasses
import json
import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from kiosk.clock import Clock, ClockWatch

EndReason = Literal["timeout", "finished", "interrupted", "shutdown", "closed"]


@dataclass(frozen=True)
class SessionStarted:
    session_id: str
    kiosk_id: str
    at: float  # UTC epoch seconds, as every `at` below


@dataclass(frozen=True)
class LanguageUsed:
    session_id: str
    language: str
    at: float


@dataclass(frozen=True)
class ZoneEntered:
    session_id: str
    seq: int
    zone_id: str
    at: float


@dataclass(frozen=True)
class ZoneLeft:
    session_id: str
    seq: int
    at: float
    dwell_s: float


@dataclass(frozen=True)
class PageViewed:
    session_id: str
    seq: int
    zone_id: str
    page_id: str
    at: float


@dataclass(frozen=True)
class Interaction:
    """Something a visitor did with a block or a mode: a quiz answer, a hotspot, large text."""

    session_id: str
    seq: int
    zone_id: str | None
    page_id: str | None
    kind: str  # quiz, hotspot, gallery, a11y
    item: str  # quiz id, spot id, picture number, mode
    value: str
    correct: bool | None
    at: float


@dataclass(frozen=True)
class FilmWatched:
    """One play of a film: from a tap on play (at the film's start) to its end, or to the
    visitor leaving its page or the kiosk; a pause and play on within it are the same play."""

    session_id: str
    seq: int
    zone_id: str
    film_id: str
    language: str  # of the captions shown; "" when it has none
    watched_s: float  # seconds it played, pauses left out
    length_s: float
    completed: bool  # played to its end
    at: float  # when it was started


@dataclass(frozen=True)
class Activity:
    """The visitor is still here; lets a crash be closed at the last sign of life."""

    session_id: str
    at: float


@dataclass(frozen=True)
class EntryCounted:
    """People through the pavilion's door: a counter's pulse (a key, or a sensor's POST)."""

    entry_id: str
    source: str
    at: float
    count: int = 1


@dataclass(frozen=True)
class TouchSampled:
    """Where a visitor's finger landed, for the heat map: a cell of a screen and the quarter-hour.

    Anonymous by shape: no session, a random id (so a sample written twice is stored once), the
    point coarsened to a grid cell and the time to its 15-minute slot."""

    touch_id: str
    screen: str  # the scene's name: attract, language, home, zone
    cell_x: int  # 0..TOUCH_GRID-1 from the left
    cell_y: int  # 0..TOUCH_GRID-1 from the top
    portrait: bool  # the screen was taller than wide
    at: float  # UTC epoch seconds of the start of its 15-minute slot


TOUCH_GRID = 20  # cells across and down: each 5% of the screen's width and height
TOUCH_SAMPLE_EVERY = 4  # one tap in four is kept: a heat map needs hundreds, not every tap
TOUCH_SLOT_S = 900  # the store's slot: local days and hours still come out whole


@dataclass(frozen=True)
class Doubtful:
    """A record made while the wall clock could not be believed: kept apart, not filed by date."""

    record: object  # one of the records above
    reason: str


@dataclass(frozen=True)
class SessionEnded:
    session_id: str
    at: float
    duration_s: float
    reason: EndReason


Event = (
    SessionStarted
    | LanguageUsed
    | ZoneEntered
    | ZoneLeft
    | PageViewed
    | Interaction
    | FilmWatched
    | Activity
    | SessionEnded
)


@dataclass
class _Open:
    session_id: str
    start_mono: float
    start_wall: float
    last_mono: float
    reported_mono: float
    languages: set[str]
    seq: int = 0
    zone_seq: int | None = None
    zone_entered_mono: float = 0.0
    doubt: str | None = None  # the wall clock was doubtful when the visit began
    watch_until: float = 0.0  # a film plays until then: the visitor is watching, not gone
    play: _Play | None = None  # the film played or paused now
    listen_until: float = 0.0  # a page is read aloud until then: the visitor is listening


@dataclass
class _Play:
    seq: int
    zone_id: str
    film_id: str
    language: str
    length_s: float
    started_mono: float
    since: float | None  # playing since then; None: paused
    watched_s: float = 0.0


class VisitTracker:
    """Turns visitor actions into session events; call `tick()` every frame for timeouts."""

    def __init__(
        self,
        kiosk_id: str,
        idle_timeout_s: float,
        clock: Clock,
        emit: Callable[[Event], None],
        heartbeat_s: float = 1.0,
        new_id: Callable[[], str] = lambda: uuid.uuid4().hex,
        watch: ClockWatch | None = None,
        touch_every: int = TOUCH_SAMPLE_EVERY,
    ):
        self.kiosk_id = kiosk_id
        self.idle_timeout_s = idle_timeout_s
        self.clock = clock
        self._emit = emit
        self.watch = watch
        self.heartbeat_s = heartbeat_s
        self.new_id = new_id
        self._open: _Open | None = None
        self.touch_every = touch_every
        self._taps = 0  # taps offered for sampling, across visitors: no visit's pattern in which are kept

    @property
    def active(self) -> bool:
        return self._open is not None

    @property
    def session_id(self) -> str | None:
        return self._open.session_id if self._open else None

    def _wall(self, mono: float) -> float:
        # One wall reading per session keeps its timestamps consistent with its durations.
        assert self._open is not None
        return self._open.start_wall + (mono - self._open.start_mono)

    def emit(self, event) -> None:
        """A visit begun under a doubtful clock is recorded apart, whole."""
        doubt = self._open.doubt if self._open else None
        self._emit(Doubtful(event, doubt) if doubt else event)

    def record_now(self, make: Callable[[float], object]) -> None:
        """A record outside the visit's own (a door entry), stamped like the visit's records."""
        doubt = self._open.doubt if self._open else (self.watch.doubt() if self.watch else None)
        event = make(self.stamp())
        self._emit(Doubtful(event, doubt) if doubt else event)

    def stamp(self) -> float:
        """Wall time for a record made now: during a visit, on the visit's own time line."""
        return self._wall(self.clock.monotonic()) if self._open else self.clock.wall()

    def start(self) -> None:
        if self._open:
            return
        now = self.clock.monotonic()
        doubt = self.watch.doubt() if self.watch else None
        self._open = _Open(self.new_id(), now, self.clock.wall(), now, now, set(), doubt=doubt)
        self.emit(SessionStarted(self._open.session_id, self.kiosk_id, self._open.start_wall))

    def touch(self) -> None:
        """Any interaction: the visitor is here now."""
        s = self._open
        if not s:
            return
        s.last_mono = self.clock.monotonic()
        if s.last_mono - s.reported_mono >= self.heartbeat_s:
            s.reported_mono = s.last_mono
            self.emit(Activity(s.session_id, self._wall(s.last_mono)))

    def watching(self, playing: bool, left_s: float = 0.0) -> None:
        """A film starts (with `left_s` seconds to play) or stops: while it plays the visitor is
        here, so the idle timeout counts from the film's end, not from the last touch."""
        s = self._open
        if not s:
            return
        now = self.clock.monotonic()
        s.watch_until = now + max(0.0, left_s) if playing else min(s.watch_until, now)

    def listening(self, playing: bool, left_s: float = 0.0) -> None:
        """Narration starts (with `left_s` seconds to go) or stops: as with a film, the idle
        timeout counts from its end. Kept apart from a film's, so one stopping keeps the other."""
        s = self._open
        if not s:
            return
        now = self.clock.monotonic()
        s.listen_until = now + max(0.0, left_s) if playing else min(s.listen_until, now)

    def _held_until(self, s: _Open) -> float:
        return max(s.watch_until, s.listen_until)

    def film_started(self, zone_id: str, film_id: str, language: str, left_s: float, length_s: float) -> None:
        """A film plays: from its start, a new play; after a pause, the same play goes on."""
        s = self._open
        if not s:
            return
        now = self.clock.monotonic()
        if s.play is None or (s.play.zone_id, s.play.film_id) != (zone_id, film_id):
            self.film_stopped()
            s.seq += 1
            s.play = _Play(s.seq, zone_id, film_id, language, length_s, now, None)
        s.play.since = now
        self.watching(True, left_s)

    def film_stopped(self, ended: bool = False, leaving: bool = True) -> None:
        """The film paused (`leaving=False`), came to its end, or its page or visit is left.
        Time after the film's end is not watching: a page left alone plays on to no one."""
        s = self._open
        if not s:
            return
        play, now = s.play, self.clock.monotonic()
        if play is not None and play.since is not None:
            ended = ended or now >= s.watch_until  # it played through while nobody touched
            play.watched_s += max(0.0, min(now, s.watch_until) - play.since)
            play.since = None
        self.watching(False)
        if play is not None and (ended or leaving):
            s.play = None
            self.emit(
                FilmWatched(
                    s.session_id,
                    play.seq,
                    play.zone_id,
                    play.film_id,
                    play.language,
                    round(play.watched_s, 3),
                    round(play.length_s, 3),
                    ended,
                    self._wall(play.started_mono),
                )
            )

    def _last_seen(self, s: _Open) -> float:
        """The visitor's last sign of life: a touch, or the film or narration they followed to its end."""
        return max(s.last_mono, min(self._held_until(s), self.clock.monotonic()))

    def use_language(self, language: str) -> None:
        s = self._open
        if not s or language in s.languages:
            return
        s.languages.add(language)
        self.emit(LanguageUsed(s.session_id, language, self._wall(self.clock.monotonic())))

    def enter_zone(self, zone_id: str) -> None:
        s = self._open
        if not s:
            return
        self.leave_zone()
        now = self.clock.monotonic()
        s.seq += 1
        s.zone_seq, s.zone_entered_mono = s.seq, now
        self.emit(ZoneEntered(s.session_id, s.seq, zone_id, self._wall(now)))

    def leave_zone(self, at_mono: float | None = None) -> None:
        s = self._open
        if not s or s.zone_seq is None:
            return
        at = self.clock.monotonic() if at_mono is None else at_mono
        dwell = max(0.0, at - s.zone_entered_mono)
        self.emit(ZoneLeft(s.session_id, s.zone_seq, self._wall(at), round(dwell, 3)))
        s.zone_seq = None

    def view_page(self, zone_id: str, page_id: str) -> None:
        s = self._open
        if not s:
            return
        s.seq += 1
        self.emit(PageViewed(s.session_id, s.seq, zone_id, page_id, self._wall(self.clock.monotonic())))

    def interact(
        self,
        zone_id: str | None,
        page_id: str | None,
        kind: str,
        item: str,
        value: str = "",
        correct: bool | None = None,
    ) -> None:
        s = self._open
        if not s:
            return
        s.seq += 1
        at = self._wall(self.clock.monotonic())
        self.emit(Interaction(s.session_id, s.seq, zone_id, page_id, kind, item, value, correct, at))

    def sample_touch(self, screen: str, x: float, y: float, portrait: bool) -> None:
        """A tap at (x, y), fractions of the screen: one in `touch_every` is recorded, coarsened."""
        self._taps += 1
        if (self._taps - 1) % self.touch_every:
            return
        doubt = self._open.doubt if self._open else (self.watch.doubt() if self.watch else None)
        if doubt:
            return  # a sample, not a count: one filed under a wrong day would only mislead
        slot = math.floor(self.stamp() / TOUCH_SLOT_S) * TOUCH_SLOT_S
        self._emit(TouchSampled(uuid.uuid4().hex, screen, _cell(x), _cell(y), portrait, float(slot)))

    def idle_deadline(self) -> float | None:
        """Monotonic time at which the session times out, if one is open."""
        s = self._open
        return max(s.last_mono, self._held_until(s)) + self.idle_timeout_s if s else None

    def tick(self) -> bool:
        """End the session if the visitor has gone; True when it just ended."""
        deadline = self.idle_deadline()
        if deadline is None or self.clock.monotonic() < deadline:
            return False
        self.end("timeout")
        return True

    def end(self, reason: EndReason) -> None:
        s = self._open
        if not s:
            return
        # The visitor's time ends at their last touch (or film), not when we noticed they left.
        end = self._last_seen(s)
        self.film_stopped()
        self.leave_zone(at_mono=end)
        self.emit(SessionEnded(s.session_id, self._wall(end), round(end - s.start_mono, 3), reason))
        self._open = None


def _cell(fraction: float) -> int:
    return min(TOUCH_GRID - 1, max(0, int(fraction * TOUCH_GRID)))


# -- records as JSON lines: the spool and the quarantine keep them so ----------------------

RECORD_TYPES = {
    cls.__name__: cls
    for cls in (
        SessionStarted,
        LanguageUsed,
        ZoneEntered,
        ZoneLeft,
        PageViewed,
        Interaction,
        FilmWatched,
        Activity,
        EntryCounted,
        SessionEnded,
        Doubtful,
        TouchSampled,
    )
}


def _as_dict(event) -> dict:
    fields = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    if isinstance(event, Doubtful):
        fields["record"] = _as_dict(event.record)
    return {"type": type(event).__name__, **fields}


def _from_dict(data: dict):
    data = dict(data)
    kind = RECORD_TYPES[data.pop("type")]
    if kind is Doubtful:
        data["record"] = _from_dict(data["record"])
    return kind(**data)


def to_json(event) -> str:
    return json.dumps(_as_dict(event), default=repr)


def from_json(line: str):
    return _from_dict(json.loads(line))
