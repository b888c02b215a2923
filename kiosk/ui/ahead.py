"""Screens built before the visitor asks for them, so a tap shows its screen in one frame.

While the visitor reads, the kiosk builds the likeliest next screens (the next page, the
zones) one per idle pass. The first few are kept whole, each on a full-screen surface of its
own, and shown as they are; the rest are built once and let go, which leaves their pictures
decoded and scaled in the picture cache. A new language, text size, contrast or content
makes them stale: they are dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

import pygame

from kiosk.ui.placing import Traced
from kiosk.ui.scenes.base import Scene
from kiosk.visit.flow import Place

KEPT = 2  # screens kept built: the next page and the way home
WARMED = 6  # at most this many are built at all: the picture cache holds a few screens' worth


class Ahead:
    def __init__(self, size: tuple[int, int], scratch: Callable[[], pygame.Surface]):
        self._size = size
        self._surfaces: list[pygame.Surface] = []  # made at the first quiet pass, not at start
        self._scratch = scratch  # where the ones let go are built: free while nothing slides
        self._built: dict[Place, Scene] = {}
        self._tried: set[Place] = set()  # built (or tried) for the screen the visitor is on
        self._likely: list[Place] = []
        self._key: Hashable = None

    def forget(self) -> None:
        self._built.clear()
        self._tried.clear()
        self._likely = []

    def take(self, place: Place, key: Hashable) -> Scene | None:
        """The screen for `place` if it was built for the screen as it is now."""
        if key != self._key:
            return None
        return self._built.pop(place, None)

    def pending(self, likely: list[Place], key: Hashable) -> bool:
        if key != self._key or likely != self._likely:
            return True
        return any(p not in self._tried for p in likely[:WARMED])

    def step(self, likely: list[Place], key: Hashable, make: Callable[[Place], Scene], shown: Scene) -> None:
        """Build one more of the likely screens; `shown` keeps its picture."""
        if key != self._key:
            self.forget()
            self._key = key
        for place in list(self._built):  # screens no longer likely give their surface back
            if place not in likely:
                del self._built[place]
        if likely != self._likely:  # the visitor moved on: what was warmed then may be warmed again
            self._likely = likely
            self._tried = set(self._built)
        place = next((p for p in likely[:WARMED] if p not in self._tried), None)
        if place is None:
            return
        self._tried.add(place)
        kept = likely.index(place) < KEPT
        if not self._surfaces:
            # Traced as the screens' own are: a screen built ahead is checked as one built on entering.
            self._surfaces = [Traced(self._size) for _ in range(KEPT)]
        scratch = self._scratch()
        busy = {id(shown.static)} | {id(s.static) for s in self._built.values()}
        free = next((s for s in self._surfaces if id(s) not in busy), None)
        scene = make(place)
        scene.static = free if kept and free is not None else scratch
        try:
            scene.build()
        except Exception:  # noqa: BLE001 - built again when asked for, which notes the fault then
            return
        if scene.static is not scratch:
            self._built[place] = scene
