"""Antialiased shapes: rounded corners and icons drawn four times larger with Pillow, then
scaled down, so their edges blend into what is behind them instead of stepping.

pygame's rounded rectangles and thick lines have no antialiasing; a card's corner or the
home icon's roof showed its pixels. Only the small pieces are drawn this way (a corner, an
icon), once, and kept within a budget in bytes; straight edges are still pygame's rectangles.
"""

from __future__ import annotations

import pygame
from PIL import Image, ImageDraw

from kiosk import bounded

SUPERSAMPLE = 4
# Corners and icons lately drawn: a few colours, radii and icon sizes per screen and mode
# (a 4K screen's pieces are four times a 1080p screen's).
SHAPES_BYTES = 4 * 2**20

RGB = tuple[int, ...]


def _surface(image: Image.Image) -> pygame.Surface:
    small = image.resize((image.width // SUPERSAMPLE, image.height // SUPERSAMPLE), Image.Resampling.BOX)
    return pygame.image.frombytes(small.tobytes(), small.size, "RGBA")  # no display needed


def _canvas(w: int, h: int, colour: RGB) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    # The clear pixels carry the shape's colour, so edges scaled down do not darken.
    image = Image.new("RGBA", (w * SUPERSAMPLE, h * SUPERSAMPLE), (*colour[:3], 0))
    return image, ImageDraw.Draw(image)


def _weigh(args: tuple, pieces) -> int:
    surfaces = pieces if isinstance(pieces, tuple) else (pieces,)
    return sum(s.get_width() * s.get_height() * 4 for s in surfaces) + 256


@bounded.cache(SHAPES_BYTES, _weigh)
def corners(radius: int, fill: RGB, border: RGB | None, border_px: int) -> tuple[pygame.Surface, ...]:
    """The four corners (top left, top right, bottom left, bottom right) of a rounded
    rectangle: a quarter disc each, in `fill` inside a ring of `border`."""
    image, draw = _canvas(2 * radius, 2 * radius, border or fill)
    s, d = SUPERSAMPLE, 2 * radius * SUPERSAMPLE - 1
    if border:
        draw.ellipse((0, 0, d, d), fill=(*border[:3], 255))
        inset = border_px * s
        if inset < radius * s:
            draw.ellipse((inset, inset, d - inset, d - inset), fill=(*fill[:3], 255))
    else:
        draw.ellipse((0, 0, d, d), fill=(*fill[:3], 255))
    disc = _surface(image)
    r = radius
    return tuple(disc.subsurface((x, y, r, r)).copy() for y in (0, r) for x in (0, r))


def rounded_rect(
    surface: pygame.Surface,
    box: pygame.Rect,
    fill: RGB,
    radius: int,
    border: RGB | None = None,
    border_px: int = 2,
) -> None:
    """A filled rounded rectangle, optionally with a border, its corners antialiased."""
    radius = min(radius, box.w // 2, box.h // 2)
    if radius < 2:
        pygame.draw.rect(surface, fill, box)
        if border:
            pygame.draw.rect(surface, border, box, max(1, border_px))
        return
    r, b = radius, max(1, border_px) if border else 0
    pygame.draw.rect(surface, fill, (box.x + r, box.y, box.w - 2 * r, box.h))
    pygame.draw.rect(surface, fill, (box.x, box.y + r, box.w, box.h - 2 * r))
    if border:
        for edge in (
            (box.x + r, box.y, box.w - 2 * r, b),
            (box.x + r, box.bottom - b, box.w - 2 * r, b),
            (box.x, box.y + r, b, box.h - 2 * r),
            (box.right - b, box.y + r, b, box.h - 2 * r),
        ):
            pygame.draw.rect(surface, border, edge)
    tl, tr, bl, br = corners(r, tuple(fill[:3]), tuple(border[:3]) if border else None, b)
    surface.blit(tl, (box.x, box.y))
    surface.blit(tr, (box.right - r, box.y))
    surface.blit(bl, (box.x, box.bottom - r))
    surface.blit(br, (box.right - r, box.bottom - r))


def round_corners(image: pygame.Surface, radius: int) -> pygame.Surface:
    """A copy of the image with rounded, antialiased corners (clear outside them)."""
    result = pygame.Surface(image.get_size(), pygame.SRCALPHA)
    result.blit(image, (0, 0))
    w, h = result.get_size()
    radius = min(radius, w // 2, h // 2)
    if radius < 2:
        return result
    tl, tr, bl, br = corners(radius, (255, 255, 255), None, 0)
    for piece, at in (
        (tl, (0, 0)),
        (tr, (w - radius, 0)),
        (bl, (0, h - radius)),
        (br, (w - radius, h - radius)),
    ):
        # White leaves the picture's colours; the corner's alpha is how much of it is kept.
        result.blit(piece, at, special_flags=pygame.BLEND_RGBA_MULT)
    return result


@bounded.cache(SHAPES_BYTES, _weigh)
def icon(kind: str, w: int, h: int, colour: RGB, stroke: int) -> pygame.Surface:
    """An icon `w` x `h`, centred as the controls draw it: home, contrast, close, prev, next."""
    image, draw = _canvas(w, h, colour)
    s = SUPERSAMPLE
    ink = (*colour[:3], 255)
    cx, cy, width = w * s / 2, h * s / 2, max(1, stroke * s)
    if kind == "home":
        k = min(w, h) * s / 4
        roof = [(cx - k - k / 3, cy - k / 6), (cx, cy - k - k / 6), (cx + k + k / 3, cy - k / 6)]
        walls = [(cx - k, cy - k / 3), (cx - k, cy + k), (cx + k, cy + k), (cx + k, cy - k / 3)]
        draw.line(roof, fill=ink, width=width, joint="curve")
        draw.line(walls, fill=ink, width=width, joint="curve")
    elif kind == "contrast":
        k = min(w, h) * s // 4
        box = (cx - k, cy - k, cx + k, cy + k)
        draw.pieslice(box, -90, 90, fill=ink)
        draw.ellipse(box, outline=ink, width=width)
    elif kind == "close":
        k = min(w, h) * s / 5
        draw.line([(cx - k, cy - k), (cx + k, cy + k)], fill=ink, width=width)
        draw.line([(cx - k, cy + k), (cx + k, cy - k)], fill=ink, width=width)
    elif kind in ("prev", "next"):
        direction = 1 if kind == "next" else -1
        k = min(w, h) * s / 5
        tip, tail = (cx + direction * k / 2, cy), cx - direction * k / 2
        draw.line([(tail, cy - k), tip, (tail, cy + k)], fill=ink, width=width, joint="curve")
    else:
        raise ValueError(kind)
    return _surface(image)
