"""Taps, swipes and what is neither; touch vs mouse; rotated screens."""

from __future__ import annotations

import pygame
import pytest

from kiosk.ui.gestures import Fling, GestureRecognizer, Swipe, Tap
from kiosk.ui.input import Pointer, PointerInput, to_logical


def recognizer():
    return GestureRecognizer(slop_px=20, swipe_px=100)


def test_a_still_touch_is_a_tap_at_where_it_began():
    g = recognizer()
    g.down(100, 100, 0.0)
    g.move(105, 104, 0.05)
    assert g.up(106, 103, 0.1) == Tap(100, 100)


def test_a_tap_that_turns_into_a_drag_is_not_a_tap():
    g = recognizer()
    g.down(100, 100, 0.0)
    g.move(160, 100, 0.1)
    g.move(102, 100, 0.2)  # back where it started: still not a tap
    assert g.up(102, 100, 0.5) is None


def test_fast_horizontal_travel_is_a_swipe_slow_is_not():
    g = recognizer()
    g.down(800, 500, 0.0)
    g.move(500, 510, 0.1)
    assert g.up(300, 520, 0.3) == Swipe(800, 500, -500, 20)
    g.down(800, 500, 0.0)
    g.move(500, 500, 1.0)
    assert g.up(300, 500, 3.0) is None  # a slow drag


def test_vertical_travel_drags_and_ends_in_a_fling():
    g = recognizer()
    g.down(500, 800, 0.0)
    assert g.move(500, 790, 0.01) == 0  # within the slop: not yet a drag
    assert g.move(505, 700, 0.05) == -90  # locked to the vertical axis: it scrolls
    assert g.axis == "y"
    assert g.move(530, 600, 0.1) == -100
    fling = g.up(530, 600, 0.1)
    assert isinstance(fling, Fling) and fling.vy == pytest.approx(-2000)


def test_up_without_down_is_nothing():
    assert recognizer().up(10, 10, 1.0) is None


def event(kind, **attrs):
    return pygame.event.Event(kind, attrs)


def test_a_touch_is_one_action_not_also_a_mouse_click():
    inp = PointerInput((1000, 500), (1000, 500))
    stream = [
        event(pygame.FINGERDOWN, finger_id=1, x=0.5, y=0.5, touch_id=1),
        event(pygame.MOUSEBUTTONDOWN, button=1, pos=(500, 250), touch=True),
        event(pygame.FINGERUP, finger_id=1, x=0.5, y=0.5, touch_id=1),
        event(pygame.MOUSEBUTTONUP, button=1, pos=(500, 250), touch=True),
    ]
    actions = [a for a in map(inp.translate, stream) if a]
    assert actions == [Pointer("down", 500, 250), Pointer("up", 500, 250)]


def test_a_second_finger_is_ignored():
    inp = PointerInput((1000, 500), (1000, 500))
    stream = [
        event(pygame.FINGERDOWN, finger_id=1, x=0.1, y=0.1, touch_id=1),
        event(pygame.FINGERDOWN, finger_id=2, x=0.9, y=0.9, touch_id=1),
        event(pygame.FINGERUP, finger_id=2, x=0.9, y=0.9, touch_id=1),
        event(pygame.FINGERUP, finger_id=1, x=0.1, y=0.1, touch_id=1),
    ]
    actions = [a for a in map(inp.translate, stream) if a]
    assert [a.kind for a in actions] == ["down", "up"]
    assert actions[0].x == pytest.approx(100)


def test_a_real_mouse_still_works_for_development():
    inp = PointerInput((1000, 500), (1000, 500))
    down = inp.translate(event(pygame.MOUSEBUTTONDOWN, button=1, pos=(10, 20), touch=False))
    up = inp.translate(event(pygame.MOUSEBUTTONUP, button=1, pos=(12, 20), touch=False))
    assert (down, up) == (Pointer("down", 10, 20), Pointer("up", 12, 20))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_touch_is_rotated_with_the_picture(rotation):
    """A point drawn on the picture, then rotated for display, maps back to itself."""
    logical = (1080, 1920)
    picture = pygame.Surface(logical)
    picture.fill((0, 0, 0))
    picture.set_at((100, 1700), (255, 0, 0))
    shown = pygame.transform.rotate(picture, rotation)
    mask = pygame.mask.from_threshold(shown, (255, 0, 0), (1, 1, 1, 255))
    x, y = mask.get_bounding_rects()[0].topleft
    back = to_logical(x + 0.5, y + 0.5, logical, rotation)
    assert back == pytest.approx((100.5, 1700.5))
