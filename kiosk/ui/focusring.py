"""The keypad's focus ring: where Enter will act, seen from a step back.

Two bands around the control, never over it: a dark one against the control and a bright
one outside (the pairing of GOV.UK's focus style, #0B0C0C with #FFDD00). Whatever the
control and the background, light, dark, a photograph or high contrast's black and yellow,
one band stands out from it and the other from that band. An open card's words are never
covered: the ring is drawn only outside the cards over the page.
"""

from __future__ import annotations

import pygame

from kiosk.ui import widgets
from kiosk.ui.keypad import outside
from kiosk.ui.layout import Metrics, Rect

DARK = (11, 12, 12)
BRIGHT = (255, 221, 0)
BAND_PX = 5  # each band at 1080p: 10 px of ring in all, at least 3 px each on any screen


def band(m: Metrics) -> int:
    return max(3, m.px(BAND_PX))


def bounds(r: Rect, m: Metrics) -> Rect:
    """All the ring covers: the control and its two bands around it."""
    b = band(m)
    return r.inset(-2 * b)


def draw(surface: pygame.Surface, r: Rect, m: Metrics, covers: list[Rect] = ()) -> pygame.Rect:
    """Draw the ring around r, outside any of `covers`; returns the rectangle drawn in."""
    b = band(m)
    whole = bounds(r, m)
    clip = surface.get_clip()
    for part in outside(whole, list(covers)):
        surface.set_clip(widgets.rect(part).clip(clip))
        pygame.draw.rect(surface, BRIGHT, widgets.rect(whole), b, border_radius=m.radius + 2 * b)
        pygame.draw.rect(surface, DARK, widgets.rect(r.inset(-b)), b, border_radius=m.radius + b)
    surface.set_clip(clip)
    return widgets.rect(whole).clip(surface.get_rect())
