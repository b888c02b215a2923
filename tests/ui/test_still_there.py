"""'Are you still there?': 20 s to answer by default (WCAG 2.2.1), one large button to continue."""

from __future__ import annotations

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.ui.app import KioskApp
from kiosk.ui.input import Pointer
from kiosk.ui.strings import say


def tap_at(app, x, y):
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


def waiting_visitor(shipped, size, **modes):
    config, exhibit = shipped
    clock = VirtualClock(1_504_771_200.0)
    app = KioskApp(config, exhibit, size, clock)
    app.update()
    app.start_visit()
    app.set_modes(**modes)
    clock.advance(config.idle_timeout_s - config.idle_warning_s + 0.5)
    app.update()
    return app, clock


def test_the_question_gives_twenty_seconds_by_default(shipped):
    config, _ = shipped
    app, clock = waiting_visitor(shipped, (1920, 1080))
    assert config.idle_warning_s >= 20
    assert app.warning_left() == pytest.approx(config.idle_warning_s - 0.5)
    clock.advance(config.idle_warning_s - 1)
    app.update()
    assert app.warning_left() is not None and app.tracker.active  # still asking


@pytest.mark.parametrize(
    "size, modes",
    [
        ((1920, 1080), {}),
        ((1080, 1920), {}),
        ((1920, 1080), {"large_text": True}),
        ((1080, 1920), {"high_contrast": True}),
        ((3840, 2160), {}),
    ],
)
def test_continue_is_one_large_button_and_continues_the_visit(shipped, size, modes):
    app, clock = waiting_visitor(shipped, size, **modes)
    scene = app.scene
    surface = pygame.Surface(size)
    app.draw(surface, force=True)
    button = app.overlays.continue_button(app.warning_left())
    m = app.metrics
    assert button.h >= 2 * m.mm(15) and button.w >= 5 * m.mm(15)  # well above the 15 mm minimum
    assert button.x >= 0 and button.right <= size[0] and button.y >= 0 and button.bottom <= size[1]
    assert surface.get_at((button.x + m.px(20), button.y + button.h // 2))[:3] == app.theme.signal
    assert any(w.text == say(app.language, "go_on") for w in app.type.record)  # it says "Continue"

    x, y = button.x + button.w // 2, button.y + button.h // 2
    tap_at(app, x, y)
    app.update()
    assert app.warning_left() is None and app.tracker.active and app.scene is scene
    clock.advance(app.config.idle_timeout_s - app.config.idle_warning_s - 1)
    app.update()
    assert app.warning_left() is None and app.tracker.active  # a whole new minute


def test_any_touch_still_continues(shipped):
    app, _ = waiting_visitor(shipped, (1920, 1080))
    scene = app.scene
    tap_at(app, 5, 1075)  # a corner, far from the button
    app.update()
    assert app.warning_left() is None and app.tracker.active and app.scene is scene
