"""Screens built ahead while the visitor reads: a tap then shows its screen without a build."""

from __future__ import annotations

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.ui.app import KioskApp
from kiosk.ui.input import Pointer
from kiosk.ui.scenes.base import Scene
from kiosk.visit.intents import GoHome, OpenZone, SetLanguage, StartVisit

SIZE = (1280, 720)


@pytest.fixture
def app(shipped):
    config, exhibit = shipped
    return KioskApp(config, exhibit, SIZE, VirtualClock(1_504_771_200.0))


def idle(app, seconds=1.0):
    """The visitor reads: the loop runs its quiet passes."""
    canvas = pygame.Surface(SIZE)
    for _ in range(round(seconds * 60)):
        app.clock.advance(1 / 60)
        app.update()
        app.draw(canvas)


def tap(app, widget_id):
    x, y = app.widget_centre(widget_id)
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


@pytest.fixture
def builds(monkeypatch):
    """The scenes built, by name, from now on."""
    built = []
    real = Scene.build

    def counted(self):
        built.append(self.name)
        real(self)

    monkeypatch.setattr(Scene, "build", counted)
    return built


def screen(app) -> bytes:
    canvas = pygame.Surface(SIZE)
    app.transition = None
    app.draw(canvas, force=True)
    return pygame.image.tobytes(canvas, "RGB")


def test_the_next_page_and_home_are_built_while_the_visitor_reads(app, builds):
    zone = app.exhibit.zones[0]
    app.apply(StartVisit())
    app.apply(SetLanguage("en", then_home=True))
    app.apply(OpenZone(zone.id))
    idle(app)
    builds.clear()
    tap(app, "next")
    assert app.scene.name == "zone" and app.scene.page_index == 1
    assert builds == []  # shown as it was built ahead
    assert app.next_wakeup() == 0.0  # and the page after it is being built now
    idle(app)
    assert app.next_wakeup() > 0.0  # all built: the kiosk sleeps again
    assert builds == ["zone", "zone"]  # the page after it, and the page before
    tap(app, "home")
    assert app.scene.name == "home" and builds == ["zone", "zone"]  # home was kept from page 1


def test_a_screen_built_ahead_is_the_screen_built_on_demand(app):
    zone = app.exhibit.zones[0]
    app.apply(StartVisit())
    app.apply(SetLanguage("en", then_home=True))
    app.apply(OpenZone(zone.id))
    idle(app)
    tap(app, "next")
    ahead = screen(app)
    app.rebuild()
    assert screen(app) == ahead


def test_a_new_language_makes_the_screens_built_ahead_stale(app, builds):
    zone = app.exhibit.zones[0]
    app.apply(StartVisit())
    app.apply(SetLanguage("en", then_home=True))
    app.apply(OpenZone(zone.id))
    idle(app)
    tap(app, "lang:kk")
    builds.clear()
    app.apply(GoHome())  # at once, before any quiet pass: built again, in Kazakh
    assert builds == ["home"]
    shown = screen(app)
    app.rebuild()
    assert screen(app) == shown


def test_the_zones_from_home_are_warmed_again_each_time_the_visitor_comes_home(app, builds):
    app.apply(StartVisit())
    app.apply(SetLanguage("en", then_home=True))
    idle(app)
    first = builds.count("zone")
    assert first >= 3  # every zone's first page, while the visitor looks at the cards
    app.apply(OpenZone(app.exhibit.zones[0].id))
    idle(app)
    builds.clear()
    app.apply(GoHome())
    idle(app)
    assert builds.count("zone") >= first - 2  # warmed again (the kept ones may still be whole)
