"""Drawing helpers shared by the screens: buttons, icons, page dots, the band, fades.

They draw into a surface they are given; none of them reaches for the display.
"""

from __future__ import annotations

import pygame

from kiosk import bounded
from kiosk.ui import layout, smooth
from kiosk.ui.layout import Metrics, Rect
from kiosk.ui.placing import note_box
from kiosk.ui.text import Typesetter
from kiosk.ui.theme import RGB, Theme


def rect(r: Rect) -> pygame.Rect:
    return pygame.Rect(r.x, r.y, r.w, r.h)


def unseen(surface: pygame.Surface, r: pygame.Rect) -> bool:
    """Wholly outside what the surface shows: measuring (a `Blank` shows nothing), or off
    the edge. pygame-ce works out a rounded rectangle's corners before it clips (~6 us)."""
    return not surface.get_clip().colliderect(r)


def panel(
    surface: pygame.Surface, r: Rect, colour: RGB, radius: int, border: RGB | None = None, border_px: int = 2
) -> None:
    box = rect(r)
    if unseen(surface, box):
        return
    note_box(surface, r)  # text set on it later belongs to it: the checks hold it inside
    smooth.rounded_rect(surface, box, colour, radius, border, border_px)


def button(
    surface: pygame.Surface,
    ts: Typesetter,
    m: Metrics,
    r: Rect,
    label: str,
    fill: RGB,
    ink: RGB,
    border: RGB | None = None,
    style: str = "body",
    bold: bool = True,
) -> None:
    """A rounded button with a centred label that never spills out of it."""
    panel(surface, r, fill, m.radius, border, m.px(2))
    words = ts.line(label, style, ink, fill, r.w - 2 * m.px(18), bold=bold, smaller=("small",))
    surface.blit(words, words.get_rect(center=rect(r).center))


def pressed_overlay(surface: pygame.Surface, r: Rect, m: Metrics) -> None:
    """The press state: the touched control darkens at once, whatever it is."""
    shade = pygame.Surface((r.w, r.h), pygame.SRCALPHA)
    pygame.draw.rect(shade, (0, 0, 0, 64), shade.get_rect(), border_radius=m.radius)
    surface.blit(shade, (r.x, r.y))


def _icon(surface: pygame.Surface, r: Rect, kind: str, colour: RGB, width: int) -> None:
    box = rect(r)
    if not unseen(surface, box):
        surface.blit(smooth.icon(kind, r.w, r.h, tuple(colour[:3]), width), box)


def chevron(surface: pygame.Surface, r: Rect, direction: int, colour: RGB, width: int) -> None:
    """A ‹ or › arrow (direction -1 or +1) centred in r."""
    _icon(surface, r, "next" if direction > 0 else "prev", colour, width)


def home_icon(surface: pygame.Surface, r: Rect, colour: RGB, width: int) -> None:
    _icon(surface, r, "home", colour, width)


def contrast_icon(surface: pygame.Surface, r: Rect, colour: RGB, background: RGB, width: int) -> None:
    """A circle half filled: the usual sign for contrast."""
    _icon(surface, r, "contrast", colour, width)


def disc(surface: pygame.Surface, colour: RGB, centre: tuple[int, int], radius: int, width: int = 0) -> None:
    """A circle (filled, or a ring `width` wide) with antialiased edges."""
    pygame.draw.aacircle(surface, colour, centre, radius, width)


def speaker_icon(surface: pygame.Surface, r: Rect, colour: RGB, width: int) -> None:
    """A loudspeaker with two waves: the usual sign for sound."""
    cx, cy = rect(r).center
    s = min(r.w, r.h) // 6
    body = [(cx - s * 1.3, cy - s * 0.4), (cx - s * 0.6, cy - s * 0.4), (cx + s * 0.1, cy - s),
            (cx + s * 0.1, cy + s), (cx - s * 0.6, cy + s * 0.4), (cx - s * 1.3, cy + s * 0.4)]  # fmt: skip
    pygame.draw.polygon(surface, colour, body)
    for k in (1, 2):
        wave = pygame.Rect(0, 0, s * (0.9 + 0.8 * k) * 2, s * (0.9 + 0.8 * k) * 2)
        wave.center = (round(cx - s * 0.4), cy)
        pygame.draw.arc(surface, colour, wave, -0.8, 0.8, max(2, width * 2 // 3))


def pause_icon(surface: pygame.Surface, r: Rect, colour: RGB) -> None:
    """Two bars: the usual sign for pause."""
    cx, cy = rect(r).center
    s = min(r.w, r.h) // 6
    for x in (cx - s * 0.75, cx + s * 0.25):
        pygame.draw.rect(surface, colour, (round(x), cy - s, max(2, s // 2), 2 * s))


def close_icon(surface: pygame.Surface, r: Rect, colour: RGB, width: int) -> None:
    _icon(surface, r, "close", colour, width)


def dots(surface: pygame.Surface, r: Rect, count: int, index: int, on: RGB, off: RGB, m: Metrics) -> None:
    """Where the visitor is among pages or pictures: one dot each, the current one long."""
    if count <= 1:
        return
    d, gap, long = m.px(layout.DOT), m.px(layout.DOT_GAP), m.px(layout.DOT_LONG)
    total = layout.dots_width(m, count)
    x = r.x + (r.w - total) // 2
    y = r.y + (r.h - d) // 2
    if unseen(surface, pygame.Rect(x, y, total, d)):
        return
    for i in range(count):
        w = long if i == index else d
        smooth.rounded_rect(surface, pygame.Rect(x, y, w, d), on if i == index else off, d // 2)
        x += w + gap


def flag_band(surface: pygame.Surface, m: Metrics, theme: Theme) -> None:
    """A thin band along the top edge in the signal colour (the red of the Polish flag)."""
    pygame.draw.rect(surface, theme.signal, (0, 0, m.width, layout.band(m)))


def rounded_image(image: pygame.Surface, radius: int) -> pygame.Surface:
    """A copy of the image with rounded corners (done once, when a screen is built)."""
    return smooth.round_corners(image, radius)


# The same few strips on every page (one per column width, colour and edge); only ever
# blitted. Bounded in bytes: a 4K screen's strips are four times a 1080p screen's.
FADES_BYTES = 8 * 2**20


@bounded.cache(FADES_BYTES, lambda args, strip: strip.get_width() * strip.get_height() * 4)
def edge_fade(width: int, height: int, colour: RGB, downwards: bool) -> pygame.Surface:
    """A strip that fades text into the background: says "there is more" at a column's edge."""
    strip = pygame.Surface((width, height), pygame.SRCALPHA)
    for y in range(height):
        t = y / max(1, height - 1)
        alpha = round(255 * (t if downwards else 1 - t))
        pygame.draw.line(strip, (*colour, alpha), (0, y), (width, y))
    return strip


def shadow(surface: pygame.Surface, r: Rect, radius: int, m: Metrics) -> None:
    """A soft shadow under a card laid over a picture or text: it lifts the card off the page."""
    spread = m.px(18)
    box = rect(r).inflate(2 * spread, 2 * spread).move(0, m.px(8))
    if unseen(surface, box):
        return
    layer = pygame.Surface(box.size, pygame.SRCALPHA)
    steps = 6
    for i in range(steps):
        inset = round(spread * i / steps)
        pygame.draw.rect(
            layer,
            (0, 0, 0, 10 + 4 * i),
            layer.get_rect().inflate(-2 * inset, -2 * inset),
            border_radius=radius + spread - inset,
        )
    surface.blit(layer, box.topleft)
