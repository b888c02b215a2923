"""Only what changed is drawn and shown: the attract screen's cross-fade and drift, upright and turned.

The app hands the window the rectangles it drew; these tests check which ones, and that the
picture built up from them is, pixel for pixel, the one a whole redraw gives.
"""

from __future__ import annotations

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.ui.app import KioskApp
from kiosk.ui.input import to_logical, to_physical
from kiosk.ui.sleep import _sdl_wait, sleeper
from kiosk.ui.widgets import rect
from kiosk.ui.window import WindowLoop

SIZE = (1280, 720)


def twins(shipped, size=SIZE):
    """Two kiosks on one clock: one drawn as the window draws it, one drawn whole every frame."""
    config, exhibit = shipped
    clock = VirtualClock(1_504_771_200.0)  # monotonic 1000.0: 1 s before the attract screen turns
    return KioskApp(config, exhibit, size, clock), KioskApp(config, exhibit, size, clock), clock


def whole(app: KioskApp, size) -> pygame.Surface:
    surface = pygame.Surface(size)
    app.update()
    app.draw(surface, force=True)
    return surface


def same(a: pygame.Surface, b: pygame.Surface) -> bool:
    return pygame.image.tobytes(a, "RGB") == pygame.image.tobytes(b, "RGB")


def test_the_cross_fade_draws_only_the_big_picture_and_the_screen_stays_whole(shipped):
    app, reference, clock = twins(shipped)
    surface = pygame.Surface(SIZE)
    app.update()
    assert app.draw(surface) == [surface.get_rect()]  # the first frame: all of it

    clock.advance(1.0)  # the turn: a new picture fades in, outline and highlight move on
    app.update()
    turned = app.draw(surface)
    scene = app.scene
    big, column = rect(scene.big), scene._column()
    assert turned[:2] == [big, column] and len(turned) == 4  # and the outline, old and new
    assert sum(r.w * r.h for r in turned) < 0.5 * SIZE[0] * SIZE[1]
    assert same(surface, whole(reference, SIZE))

    drawn = []
    for _ in range(30):  # the fade and the glide: the loop wakes 60 times a second, draws 30
        clock.advance(1 / 60)
        app.update()
        drawn.append(app.draw(surface))
        # the zone's name rides inside its picture; between fade steps the old picture drifts on
        assert drawn[-1] in ([], [big], [big, column])
        assert same(surface, whole(reference, SIZE))
    assert 14 <= drawn.count([big, column]) <= 16
    assert not scene.animating

    steps = 0
    for _ in range(12):  # the picture drifts on, in steps, until the next turn
        clock.advance(0.2)
        app.update()
        drawn = app.draw(surface)
        assert drawn in ([], [big])  # the drift draws only the big picture
        steps += drawn == [big]
        assert same(surface, whole(reference, SIZE))
    assert steps >= 10  # 7 steps a second
    assert 0 < app.next_wakeup() <= 4.0 / 28 + 1e-9  # asleep until the next step


def test_the_whole_screen_is_drawn_again_after_anything_else_covered_it(shipped):
    app, _, clock = twins(shipped)
    surface = pygame.Surface(SIZE)
    app.update()
    app.draw(surface)
    app.maintenance = True  # staff at work: their marker lies over the screen
    clock.advance(1 / 60)
    app.update()
    app.dirty = True
    assert app.draw(surface) == [surface.get_rect()]
    app.maintenance = False
    app.dirty = True
    assert app.draw(surface) == [surface.get_rect()]  # the marker's place is painted over too
    app.dirty = True
    assert app.draw(surface) == []  # and then only what moves
    assert app.draw(surface, force=True) == [surface.get_rect()]


@pytest.fixture
def shown(monkeypatch):
    """What the window loop asked pygame to put on the screen: None for all of it, or rects."""
    calls: list = []
    monkeypatch.setattr(pygame.display, "flip", lambda: calls.append(None))
    monkeypatch.setattr(pygame.display, "update", lambda rects: calls.append(list(rects)))
    return calls


def test_a_turned_screen_gets_each_changed_part_turned_and_in_its_place(shipped, shown):
    physical, logical = (1280, 720), (720, 1280)  # a portrait exhibit on a screen mounted sideways
    window = pygame.display.set_mode(physical)
    app, reference, clock = twins(shipped, logical)
    loop = WindowLoop(app, window, 90, allow_quit=False)
    for _ in range(120):  # the start's fade, a still picture, the turn and its fade
        loop.step([])
        picture = pygame.transform.rotate(whole(reference, logical), 90)
        assert same(window, picture)
        clock.advance(1 / 60)
    assert shown[0] is None  # the first frame: all of it
    big = pygame.Rect(to_physical(rect(app.scene.big), logical, 90))
    fading = [call[0] for call in shown[1:] if call and len(call) <= 2]
    assert fading and all(r.contains(big) and r.w * r.h < 0.5 * physical[0] * physical[1] for r in fading)
    assert None not in shown[1:]
    assert any(call and len(call) == 4 for call in shown)  # the turn: picture, invitations, outlines

    exposed = pygame.event.Event(pygame.WINDOWEXPOSED)
    loop.step([exposed])  # the screen's copy may be gone: it is shown whole again
    assert shown[-1] is None


def test_a_rectangle_turns_to_the_screen_and_back():
    logical = (720, 1280)
    r = (100, 200, 30, 40)
    for rotation in (0, 90, 180, 270):
        x, y, w, h = to_physical(r, logical, rotation)
        # the rectangle's pixel centres, found again from the screen's side
        corners = {
            to_logical(x + dx, y + dy, logical, rotation) for dx in (0.5, w - 0.5) for dy in (0.5, h - 0.5)
        }
        xs, ys = {c[0] for c in corners}, {c[1] for c in corners}
        assert (min(xs), min(ys), max(xs), max(ys)) == (100.5, 200.5, 129.5, 239.5), rotation


def test_the_window_sleeps_on_sdls_own_wait_which_leaves_the_event_for_pygame(shipped):
    assert _sdl_wait() is not None  # found in the SDL pygame loaded, and the same version
    pygame.event.clear()
    pygame.event.post(pygame.event.Event(pygame.USEREVENT, marker=7))
    sleeper(headless=False)(5.0)  # returns at once: an event waits
    assert [e.marker for e in pygame.event.get(pygame.USEREVENT)] == [7]


def test_the_attract_screen_holds_only_the_big_pictures_its_fade_shows(shipped):
    config, exhibit = shipped
    clock = VirtualClock(1_504_771_200.0)
    app = KioskApp(config, exhibit, (1280, 720), clock)
    canvas = pygame.Surface((1280, 720))
    held = set()
    for _ in range(round(len(exhibit.zones) * 3.5 * 2 * 10)):  # two rounds of every zone
        clock.advance(0.1)
        app.update()
        app.draw(canvas)
        held.add(len(app.scene.covers))
    assert len(exhibit.zones) > 3 and max(held) <= 3  # the one shown, the one fading, the next
