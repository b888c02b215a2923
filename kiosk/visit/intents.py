"""What a visitor (or staff) asks for, in the words of the exhibit, not of the screen.

Scenes turn gestures into these; the app hands them to `VisitFlow`. Frozen: an intent is a
fact about one tap, passed on and never changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Mode = Literal["large_text", "high_contrast"]


@dataclass(frozen=True)
class StartVisit:
    """A touch on the resting screen: a visitor is here."""


@dataclass(frozen=True)
class SetLanguage:
    code: str
    then_home: bool = False  # the language screen's choice also leads on to the zones


@dataclass(frozen=True)
class GoHome:
    """The zones: from the home button, *All topics*, or the language screen."""


@dataclass(frozen=True)
class OpenZone:
    zone_id: str


@dataclass(frozen=True)
class TurnPage:
    step: int  # +1 next, -1 previous


@dataclass(frozen=True)
class ToggleMode:
    mode: Mode


@dataclass(frozen=True)
class Finish:
    """The visit ends: the *Finish* button, or the kiosk's own reasons (timeout, closing)."""

    reason: str = "finished"


@dataclass(frozen=True)
class Interacted:
    """Something the visitor did on a page: a quiz answer, a gallery picture, a hotspot."""

    zone_id: str | None
    page_id: str | None
    kind: str
    item: str
    value: str = ""
    correct: bool | None = None


@dataclass(frozen=True)
class Watching:
    """A film on a page starts or stops playing: while it plays, the idle reset waits for it."""

    zone_id: str
    page_id: str
    film_id: str
    playing: bool
    left_s: float = 0.0  # seconds of the film still to play, when it starts
    at_s: float = 0.0  # where in the film it starts or stops
    length_s: float = 0.0
    ended: bool = False  # it stopped because it came to its end


@dataclass(frozen=True)
class Listening:
    """A page's narration starts or stops: while it plays, the idle reset waits for it."""

    zone_id: str
    page_id: str
    language: str  # of the narration played
    playing: bool
    left_s: float = 0.0  # seconds still to play, when it starts
    at_s: float = 0.0  # where in the narration it starts (0: from the beginning, a new play)


StaffVerb = Literal["pin", "open", "close", "maintenance", "hours", "reload", "quit"]


@dataclass(frozen=True)
class StaffAction:
    """Staff at work: the PIN pad (`pin`), the staff screen (`open`, `close`) and its buttons."""

    verb: StaffVerb


Intent = (
    StartVisit
    | SetLanguage
    | GoHome
    | OpenZone
    | TurnPage
    | ToggleMode
    | Finish
    | Interacted
    | Watching
    | Listening
    | StaffAction
)
