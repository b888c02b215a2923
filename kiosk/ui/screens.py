"""Which scene shows a place, which stands in when one fails, and the surfaces they draw on."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from kiosk.ui.faults import Faults
from kiosk.ui.look import Host
from kiosk.ui.placing import Traced
from kiosk.ui.scenes.attract import AttractScene
from kiosk.ui.scenes.base import Scene
from kiosk.ui.scenes.closed import ClosedScene
from kiosk.ui.scenes.home import HomeScene
from kiosk.ui.scenes.language import LanguageScene
from kiosk.ui.scenes.staff import StaffPinScene, StaffScene
from kiosk.ui.scenes.zone import ZoneScene
from kiosk.visit.flow import REST, Place

SCREENS = {"language": LanguageScene, "home": HomeScene, "staff-pin": StaffPinScene, "staff": StaffScene}


class Screens:
    def __init__(
        self,
        host: Host,
        size: tuple[int, int],
        open_now: Callable[[], bool],
        faults: Faults,
        measure_only: bool = False,
    ):
        self._host, self._size, self._open, self._faults = host, size, open_now, faults
        self._measure_only = measure_only
        # Full-screen pictures reused for every navigation: two for the scenes' static pictures
        # (the one shown, the one coming), two for the slide between them. Measuring only (content
        # checks): token surfaces, what is drawn on them is clipped away. Made when first needed:
        # the first frame does not wait for them.
        self._surfaces: list[pygame.Surface | None] = [None] * 4

    def surface(self, i: int) -> pygame.Surface:
        """0 and 1: scenes' static pictures; 2 and 3: the slide's before and after."""
        if self._surfaces[i] is None:
            # Drawn on, they note where text lands and what it belongs to (kiosk.ui.placing).
            self._surfaces[i] = pygame.Surface((1, 1)) if self._measure_only else Traced(self._size)
        return self._surfaces[i]

    def held(self) -> set[int]:
        """The surfaces made so far, by id (the memory test checks pictures stay on them)."""
        return {id(s) for s in self._surfaces if s is not None}

    def blank(self, shown: Scene) -> pygame.Surface:
        """A full-screen surface for a new scene's picture: not the one `shown` draws from."""
        return self.surface(1) if self._surfaces[0] is shown.static else self.surface(0)

    def for_place(self, place: Place) -> Scene:
        if place.screen == "zone" and place.zone_id is not None:
            return ZoneScene(self._host, self._host.look.exhibit.zone(place.zone_id), place.page_index)
        if place.screen == "rest":
            return self.rest()
        return SCREENS[place.screen](self._host)

    def rest(self) -> Scene:
        """Where the kiosk waits for the next visitor: the attract loop, or closed."""
        return AttractScene(self._host) if self._open() else ClosedScene(self._host)

    def fallback(self, failed: Scene) -> Scene:
        """A screen that cannot be built: the visitor goes back to one that can."""
        # Closed, nothing may lead a visitor in: the closed card or nothing.
        for make in (HomeScene, AttractScene) if self._open() else (ClosedScene,):
            if type(failed) is make:
                continue
            scene = make(self._host)
            if self._faults.guard("build", scene.name, scene.build):
                return scene
        return failed  # nothing builds: its picture is the plain paper, and the kiosk goes on


def place_of(scene: Scene) -> Place:
    if isinstance(scene, ZoneScene):
        return Place("zone", scene.zone.id, scene.page_index)
    if isinstance(scene, (AttractScene, ClosedScene)):
        return REST
    return Place(scene.name)  # type: ignore[arg-type]


def resting(scene: Scene) -> bool:
    """The kiosk waits for a visitor: new content may be shown now."""
    return isinstance(scene, (AttractScene, ClosedScene))


def may_blank(scene: Scene) -> bool:
    """Dark and closed: the system may let the screen sleep."""
    return isinstance(scene, ClosedScene) and not scene.showing_card
