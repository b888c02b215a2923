"""Hot reload under a running kiosk: good edits appear on the attract screen, bad ones never."""

from __future__ import annotations

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.config import load_config
from kiosk.content.loader import load_exhibit
from kiosk.content.reload import ContentReloader
from kiosk.ui.app import KioskApp
from kiosk.ui.input import Pointer


@pytest.fixture(autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


def running_kiosk(project):
    config = load_config(project)
    clock = VirtualClock(1_504_771_200.0)
    reloader = ContentReloader(config, clock.monotonic())
    app = KioskApp(config, load_exhibit(config).exhibit, (1920, 1080), clock, reloader=reloader)
    return app, clock, reloader


def after_a_second(app, clock, reloader):
    """What the kiosk shows a second later, once the reload it started has finished."""
    clock.advance(1.0)
    app.update()  # notices the change, loads on a worker thread
    reloader.wait()
    app.update()  # takes the result


def rename_pavilion(project, new_title):
    pavilion = project.parent / "zones" / "pavilion.yaml"
    pavilion.write_text(pavilion.read_text().replace("Pawilon Polski", new_title, 1))


def test_a_valid_edit_shows_within_two_seconds_on_the_attract_screen(project):
    app, clock, reloader = running_kiosk(project)
    rename_pavilion(project, "Pawilon Polski — Expo")
    after_a_second(app, clock, reloader)
    assert app.exhibit.pavilion.title.root["pl"] == "Pawilon Polski — Expo"
    assert any(w.text == "Pawilon Polski — Expo" for w in app.type.record)  # on screen
    assert app.content.problems == []


def test_a_valid_edit_waits_until_the_visitor_has_gone(project):
    app, clock, reloader = running_kiosk(project)
    x, y = app.widget_centre("attract")
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))
    rename_pavilion(project, "Nowy tytuł")
    after_a_second(app, clock, reloader)
    assert app.content.pending is not None
    assert app.exhibit.pavilion.title.root["pl"] == "Pawilon Polski"  # not under the finger
    clock.advance(app.config.idle_timeout_s + 1)
    app.update()  # the visitor has gone: back to the attract screen
    clock.advance(1)
    app.update()
    assert app.scene.name == "attract"
    assert app.exhibit.pavilion.title.root["pl"] == "Nowy tytuł"


def test_an_invalid_edit_is_refused_and_reported(project):
    app, clock, reloader = running_kiosk(project)
    before = app.exhibit
    forest = project.parent / "zones" / "forest.yaml"
    forest.write_text(forest.read_text().replace("accent:", "acent:", 1))
    after_a_second(app, clock, reloader)
    assert app.exhibit is before  # visitors keep the last good content
    assert any("forest.yaml" in str(p) and "acent" in str(p) for p in app.content.problems)
    # Fixed again: the kiosk takes it and forgets the problem.
    forest.write_text(forest.read_text().replace("acent:", "accent:", 1))
    after_a_second(app, clock, reloader)
    assert app.content.problems == [] and app.exhibit is not before


def test_swapping_content_lets_the_old_pictures_go(project):
    app, clock, reloader = running_kiosk(project)
    assert len(app.images) > 0
    old_cover = app.scene._cover(app.scene.turn)
    rename_pavilion(project, "Pawilon")
    after_a_second(app, clock, reloader)
    assert all(cover is not old_cover for cover in app.scene.covers.values())
    assert len(app.images) <= len(app.exhibit.zones) * 2  # only what the new attract screen drew


def test_nothing_changed_means_nothing_loaded(project):
    app, clock, reloader = running_kiosk(project)
    before = app.exhibit
    after_a_second(app, clock, reloader)
    assert app.exhibit is before and app.content.pending is None
