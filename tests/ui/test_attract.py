"""The attract screen's choreography: each picture drifts, its name stays on it through the
cross-fade, and the highlight glides through the four invitations; drawn a little at a time."""

from __future__ import annotations

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.ui.app import KioskApp
from kiosk.ui.widgets import rect

SIZES = [(1920, 1080), (1080, 1920)]


def attract(shipped, size):
    config, exhibit = shipped
    clock = VirtualClock(1_504_771_200.0)  # monotonic 1000.0: the screen turns at 1001.0
    app = KioskApp(config, exhibit, size, clock)
    surface = pygame.Surface(size)
    app.update()
    app.draw(surface)
    return app, clock, surface


def frame(app, clock, surface, seconds):
    clock.advance(seconds)
    app.update()
    return app.draw(surface)


def distance(a, b) -> int:
    return sum(abs(x - y) for x, y in zip(a[:3], b[:3]))


@pytest.mark.parametrize("size", SIZES)
def test_a_zones_name_fades_with_its_own_picture(shipped, size):
    app, clock, surface = attract(shipped, size)
    frame(app, clock, surface, 1.0 + 1e-6)  # the turn: zone 1's picture starts to fade in
    scene, theme = app.scene, app.theme
    zones = app.exhibit.zones
    old, new = (
        theme.accent(zones[i].accent) for i in ((scene.turn - 1) % len(zones), scene.turn % len(zones))
    )
    assert distance(old, new) > 60
    before, after = scene._pill(scene.turn - 1), scene._pill(scene.turn)
    # A spot in the padding of both names, left of their words.
    spot = (max(before.x, after.x) + app.metrics.px(6), max(before.y, after.y) + min(before.h, after.h) // 2)
    assert rect(before).collidepoint(spot) and rect(after).collidepoint(spot)

    frame(app, clock, surface, 0.1)  # a fifth of the fade: the old picture still dominates
    assert distance(surface.get_at(spot), old) < distance(surface.get_at(spot), new)
    assert distance(surface.get_at(spot), old) > 10  # and the new name is on its way in with it
    frame(app, clock, surface, 0.3)  # four fifths: the new picture and its name
    assert distance(surface.get_at(spot), new) < distance(surface.get_at(spot), old)
    frame(app, clock, surface, 0.2)
    assert surface.get_at(spot)[:3] == new


@pytest.mark.parametrize("size", SIZES)
def test_the_picture_drifts_drawing_only_itself_a_few_times_a_second(shipped, size):
    app, clock, surface = attract(shipped, size)
    frame(app, clock, surface, 1.0 + 1e-6)
    frame(app, clock, surface, 0.6)  # the fade is over
    big = rect(app.scene.big)
    first = surface.copy()
    drawn = []
    for _ in range(120):  # two seconds at 60 frames a second
        drawn.append(frame(app, clock, surface, 1 / 60))
    shown = [d for d in drawn if d]
    assert all(d == [big] for d in shown)  # each step draws the big picture, nothing else
    assert 10 <= len(shown) <= 16  # 7 steps a second
    assert big.w * big.h < 0.4 * size[0] * size[1]
    inside = first.subsurface(big), surface.subsurface(big)
    assert pygame.image.tobytes(inside[0], "RGB") != pygame.image.tobytes(inside[1], "RGB")
    still = first.copy()
    still.blit(surface, big, big)  # the rest of the screen did not change at all
    assert pygame.image.tobytes(still, "RGB") == pygame.image.tobytes(surface, "RGB")
    assert 0 < app.next_wakeup() < 0.2  # asleep between steps


def lit_rows(app, surface) -> list[int]:
    """The invitations the highlight lies over (at their left edge, mid-height)."""
    signal = app.theme.signal
    return [
        i
        for i, (_, _, box) in enumerate(app.scene.invitations)
        if surface.get_at((box.x + 4, box.y + box.h // 2))[:3] == signal
    ]


@pytest.mark.parametrize("size", SIZES)
def test_the_highlight_glides_through_the_four_invitations(shipped, size):
    app, clock, surface = attract(shipped, size)
    codes = app.config.languages
    frame(app, clock, surface, 1.0 + 1e-6)
    seen = []
    for _ in range(len(codes) + 1):
        frame(app, clock, surface, 0.25)  # halfway: between the last row and this one
        scene = app.scene
        n = len(scene.invitations)
        here, there = scene.invitations[scene.turn % n][2], scene.invitations[(scene.turn - 1) % n][2]
        column = scene._column()
        top = min(
            y
            for y in range(column.top, column.bottom)
            if surface.get_at((here.x + 4, y))[:3] == app.theme.signal
        )
        assert min(here.y, there.y) < top < max(here.y, there.y)  # moving, not jumping
        frame(app, clock, surface, 0.5)
        assert lit_rows(app, surface) == [scene.turn % n]
        seen.append(codes[scene.turn % n])
        frame(app, clock, surface, 3.5 - 0.75)
    assert sorted(seen[:4]) == sorted(codes) and seen[4] == seen[0]  # all four, in turn


def test_the_choreography_is_the_same_on_every_run(shipped):
    """On the kiosk's clock: two kiosks shown the same seconds show the same pixels."""
    runs = []
    for _ in range(2):
        app, clock, surface = attract(shipped, (1280, 720))
        for _ in range(37):
            frame(app, clock, surface, 0.113)
        runs.append(pygame.image.tobytes(surface, "RGB"))
    assert runs[0] == runs[1]
