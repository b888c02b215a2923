"""The keypad's focus ring: where Enter will act, seen from a step back.

Three bands around the control, never over it: a bright one between two dark ones (the
colours of GOV.UK's focus style, #FFDD00 with #0B0C0C). Whatever the control and the
background, light, dark, a photograph, high contrast's black and yellow or the staff pad's
black keys on white, the bright band stands out from the dark ones and one dark band from
what lies around. An open card's words are never covered: the ring keeps outside the cards.
"""

from __future__ import annotations

import pygame

from kiosk.ui import widgets
from kiosk.ui.keypad import Focus, outside
from kiosk.ui.layout import Metrics, Rect

DARK = (11, 12, 12)
BRIGHT = (255, 221, 0)
BAND_PX = 4  # each band at 1080p: 12 px of ring in all, each at least 3 px on any screen


def band(m: Metrics) -> int:
    return max(3, m.px(BAND_PX))


def bounds(r: Rect, m: Metrics) -> Rect:
    """All the ring covers: the control and the bands around it."""
    return r.inset(-3 * band(m))


def draw_focus(surface: pygame.Surface, scene, focus: Focus, m: Metrics) -> pygame.Rect | None:
    """The ring round the scene's focused control, if the ring shows; the rectangle drawn in.
    A control as big as the screen (the attract screen's) has none."""
    focused = focus.on(scene.focusable())
    r = scene.ring_box(focused) if focused is not None else None
    if r is None or widgets.rect(r).contains(surface.get_rect()):
        return None
    return draw(surface, r, m, scene.covers())


def draw(surface: pygame.Surface, r: Rect, m: Metrics, covers: list[Rect] = ()) -> pygame.Rect:
    """Draw the ring around r, outside any of `covers`; returns the rectangle drawn in."""
    b = band(m)
    whole = bounds(r, m)
    clip = surface.get_clip()
    for part in outside(whole, list(covers)):
        surface.set_clip(widgets.rect(part).clip(clip))
        for k, colour in ((3, DARK), (2, BRIGHT), (1, DARK)):  # from the outside in
            pygame.draw.rect(
                surface, colour, widgets.rect(r.inset(-k * b)), b, border_radius=m.radius + k * b
            )
    surface.set_clip(clip)
    return widgets.rect(whole).clip(surface.get_rect())
