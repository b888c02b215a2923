"""VisitFlow: where a visit is, and what it counts, as intents arrive.

Pure (no pygame): given an intent it moves the visit's state (place, language, text size,
contrast, maintenance) and has the session tracker emit the visitor events, then says what
the screen must do (a `Change`). The screen follows; it never decides where a visit goes.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kiosk.content.model import Exhibit
from kiosk.visit.intents import (
    Finish,
    GoHome,
    Intent,
    Interacted,
    Listening,
    Mode,
    OpenZone,
    SetLanguage,
    StaffAction,
    StaffVerb,
    StartVisit,
    ToggleMode,
    TurnPage,
    Watching,
)
from kiosk.visitors.sessions import EntryCounted, VisitTracker

Screen = Literal["rest", "language", "home", "zone", "staff-pin", "staff"]


@dataclass(frozen=True)
class Place:
    """A screen of the visit; `rest` is the attract screen, or the closed card out of hours."""

    screen: Screen
    zone_id: str | None = None
    page_index: int = 0


REST = Place("rest")
NOT_VISITORS = {"staff-pin", "staff", "closed"}  # screens whose touches are not visitors'


@dataclass(frozen=True)
class VisitState:
    language: str
    large_text: bool = False
    high_contrast: bool = False
    place: Place = REST
    maintenance: bool = False  # staff at work: nothing they touch is counted


@dataclass(frozen=True)
class Change:
    """What the screen does after an intent; the default is nothing at all."""

    show: Place | None = None  # another screen slides in
    direction: int = 1  # +1 from the right (deeper, next), -1 from the left (back)
    rebuild: bool = False  # the same screen again first: new words
    modes: bool = False  # text size or contrast changed: new metrics and colours
    reset: bool = False  # the visit is over: forget half-made gestures, give memory back
    staff: StaffVerb | None = None  # staff's word the app carries out (PIN, hours, reload, quit)


NOTHING = Change()


class VisitFlow:
    def __init__(
        self, exhibit: Exhibit, tracker: VisitTracker, languages: Sequence[str], default_language: str
    ):
        self.exhibit = exhibit  # replaced when new content is shown
        self.tracker = tracker
        self.languages = tuple(languages)
        self.default_language = default_language
        self.state = VisitState(default_language)

    # -- intents ---------------------------------------------------------------------------------
    def apply(self, intent: Intent) -> Change:
        if isinstance(intent, StartVisit):
            if not self.state.maintenance:
                self.tracker.start()
            return self._go(Place("language"))
        if isinstance(intent, SetLanguage):
            return self._set_language(intent)
        if isinstance(intent, GoHome):
            return self._home(rebuild=False)
        if isinstance(intent, OpenZone):
            zone = self.exhibit.zone(intent.zone_id)
            self.tracker.enter_zone(zone.id)
            self.tracker.view_page(zone.id, zone.pages[0].id)
            return self._go(Place("zone", zone.id, 0))
        if isinstance(intent, TurnPage):
            return self._turn(intent.step)
        if isinstance(intent, ToggleMode):
            self.set_mode(intent.mode, not getattr(self.state, intent.mode))
            return Change(modes=True, rebuild=True)
        if isinstance(intent, Finish):
            self.tracker.end(intent.reason)  # type: ignore[arg-type]
            return self.reset()
        if isinstance(intent, Interacted):
            i = intent
            self.tracker.interact(i.zone_id, i.page_id, i.kind, i.item, i.value, i.correct)
            return NOTHING
        if isinstance(intent, Watching):
            self._watching(intent)
            return NOTHING
        if isinstance(intent, Listening):
            self._listening(intent)
            return NOTHING
        if isinstance(intent, StaffAction):
            return self._staff(intent.verb)
        raise TypeError(f"not an intent: {intent!r}")

    def likely_next(self) -> list[Place]:
        """Where the visitor most likely goes from here, likeliest first: the screens the
        kiosk builds ahead while the visitor reads."""
        place = self.state.place
        if place.screen == "rest":
            return [Place("language")]
        if place.screen == "language":
            return [Place("home")]
        if place.screen == "home":
            return [Place("zone", zone.id, 0) for zone in self.exhibit.zones]
        if place.screen == "zone" and place.zone_id is not None:
            pages = len(self.exhibit.zone(place.zone_id).pages)
            onward = (
                [Place("zone", place.zone_id, place.page_index + 1)] if place.page_index + 1 < pages else []
            )
            back = [Place("zone", place.zone_id, place.page_index - 1)] if place.page_index > 0 else []
            return [*onward, Place("home"), *back]
        return []

    def _set_language(self, intent: SetLanguage) -> Change:
        code = intent.code
        changed = False
        if code in self.languages:
            self.tracker.use_language(code)
            changed = code != self.state.language
            self._update(language=code)
        if intent.then_home:
            return self._home(rebuild=changed)
        return Change(rebuild=changed)

    def _home(self, rebuild: bool) -> Change:
        self.tracker.leave_zone()
        direction = -1 if self.state.place.screen == "zone" else 1
        return self._go(Place("home"), direction, rebuild=rebuild)

    def _turn(self, step: int) -> Change:
        place = self.state.place
        if place.screen != "zone" or place.zone_id is None:
            return NOTHING
        zone = self.exhibit.zone(place.zone_id)
        index = place.page_index + step
        if not 0 <= index < len(zone.pages):
            return NOTHING
        self.tracker.view_page(zone.id, zone.pages[index].id)
        return self._go(Place("zone", zone.id, index), direction=step)

    def _watching(self, intent: Watching) -> None:
        """A film plays or stops; a play is counted with the language of its captions."""
        if not intent.playing:
            self.tracker.film_stopped(ended=intent.ended, leaving=intent.ended)
            return
        film = self._film(intent.zone_id, intent.page_id, intent.film_id)
        captions = film.captions if film is not None else {}
        language = next((c for c in (self.state.language, self.default_language) if c in captions), "")
        self.tracker.film_started(intent.zone_id, intent.film_id, language, intent.left_s, intent.length_s)

    def _listening(self, intent: Listening) -> None:
        """Narration plays or stops; a play from its beginning is counted as `listen`."""
        if intent.playing and intent.at_s == 0:
            self.tracker.interact(intent.zone_id, intent.page_id, "listen", intent.page_id, intent.language)
        self.tracker.listening(intent.playing, intent.left_s)

    def _film(self, zone_id: str, page_id: str, film_id: str):
        zone = next((z for z in self.exhibit.zones if z.id == zone_id), None)
        page = next((p for p in zone.pages if p.id == page_id), None) if zone else None
        return next((b for b in page.blocks if getattr(b, "id", None) == film_id), None) if page else None

    def _staff(self, verb: StaffVerb) -> Change:
        if verb == "pin":
            self.tracker.end("finished")  # a visitor's session ends where staff take over
            return self._go(Place("staff-pin"), staff="pin")
        if verb == "open":
            return self._go(Place("staff"))
        if verb == "close":
            self._update(language=self.default_language)
            return self._go(REST, direction=-1)
        if verb == "maintenance":
            self._update(maintenance=not self.state.maintenance)
            return NOTHING
        return Change(staff=verb)  # hours, reload, quit: the kiosk's, not the visit's

    # -- the kiosk's own moves -------------------------------------------------------------------
    def set_mode(self, mode: Mode, value: bool) -> None:
        """Large text or high contrast, counted where the visitor switched it."""
        if value == getattr(self.state, mode):
            return
        self._update(**{mode: value})
        place = self.state.place
        zone_id = page_id = None
        if place.screen == "zone" and place.zone_id is not None:
            zone = self.exhibit.zone(place.zone_id)
            zone_id, page_id = zone.id, zone.pages[place.page_index].id
        self.tracker.interact(zone_id, page_id, "a11y", mode.replace("_", "-"), "on" if value else "off")

    def reset(self) -> Change:
        """Ready for the next visitor: default language, normal text and contrast."""
        self.state = VisitState(self.default_language, maintenance=self.state.maintenance)
        return Change(show=REST, direction=-1, modes=True, reset=True)

    def tick(self) -> Change | None:
        """The visitor has gone (the tracker's timeout): the kiosk resets itself."""
        return self.reset() if self.tracker.tick() else None

    def touch(self) -> None:
        self.tracker.touch()

    def touched(self, screen: str, kind: str, x: float, y: float, size: tuple[int, int]) -> None:
        """A finger at (x, y) on a screen of `size` pixels: sampled for the heat maps, where a
        visitor touched (staff's screens, maintenance and the closed card are not visitors')."""
        if kind != "down" or self.state.maintenance or screen in NOT_VISITORS:
            return
        width, height = size
        self.tracker.sample_touch(screen, x / width, y / height, portrait=height > width)

    def end(self, reason: str) -> None:
        """The session ends (closing time, shutdown); the screen is left to the caller."""
        self.tracker.end(reason)  # type: ignore[arg-type]

    def count_entry(self) -> None:
        """One person through the door, from a people counter."""
        kiosk_id = self.tracker.kiosk_id
        self.tracker.record_now(lambda at: EntryCounted(uuid.uuid4().hex, kiosk_id, at))

    def arrived(self, place: Place) -> None:
        """The screen shown is not the one asked for (it failed to build): the visit is there."""
        self._move(place)

    # -- helpers ---------------------------------------------------------------------------------
    def _go(self, place: Place, direction: int = 1, rebuild: bool = False, staff=None) -> Change:
        self._move(place)
        return Change(show=place, direction=direction, rebuild=rebuild, staff=staff)

    def _move(self, place: Place) -> None:
        if place != self.state.place:
            self.tracker.film_stopped()  # a film stops with the page it is on, and so does narration
            self.tracker.listening(False)
        self._update(place=place)

    def _update(self, **changes) -> None:
        self.state = dataclasses.replace(self.state, **changes)
