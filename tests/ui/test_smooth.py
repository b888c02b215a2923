"""Rounded corners and icons are antialiased: their edges blend into what is behind them."""

from __future__ import annotations

import pygame

from kiosk.ui import smooth, widgets
from kiosk.ui.layout import Rect

PAPER, INK = (255, 255, 255), (20, 20, 30)


def blended(colour, a=PAPER, b=INK) -> bool:
    """Strictly between the two colours, as an edge pixel drawn with coverage is."""
    return colour[:3] not in (a, b) and all(min(x, y) <= c <= max(x, y) for c, x, y in zip(colour, a, b))


def edge_pixels(surface, box, r):
    """The pixels of the top left corner's square that are neither paper nor ink."""
    return [
        surface.get_at((x, y))
        for y in range(box.y, box.y + r)
        for x in range(box.x, box.x + r)
        if surface.get_at((x, y))[:3] not in (PAPER, INK)
    ]


def test_a_rounded_card_has_blended_pixels_along_its_corner():
    surface = pygame.Surface((200, 200))
    surface.fill(PAPER)
    widgets.panel(surface, Rect(20, 20, 160, 120), INK, 24)
    edges = edge_pixels(surface, Rect(20, 20, 160, 120), 24)
    assert len(edges) >= 24 and all(blended(c) for c in edges)
    assert surface.get_at((20, 20))[:3] == PAPER and surface.get_at((44, 44))[:3] == INK
    assert surface.get_at((100, 20))[:3] == INK  # straight edges stay crisp


def test_a_bordered_button_blends_its_ring_on_both_sides():
    surface = pygame.Surface((200, 200))
    surface.fill(PAPER)
    grey = (200, 200, 200)
    widgets.panel(surface, Rect(10, 10, 120, 90), grey, 20, INK, 3)
    corner = [surface.get_at((x, y))[:3] for y in range(10, 30) for x in range(10, 30)]
    outside = [c for c in corner if blended(c, PAPER, INK) and c[0] > 200]  # paper into ink
    inside = [c for c in corner if blended(c, grey, INK) and c[0] < 200]  # ink into the fill
    assert len(outside) >= 6 and len(inside) >= 6


def test_icons_have_blended_edges():
    for draw in (
        lambda s, r: widgets.home_icon(s, r, INK, 5),
        lambda s, r: widgets.contrast_icon(s, r, INK, PAPER, 5),
        lambda s, r: widgets.chevron(s, r, 1, INK, 6),
        lambda s, r: widgets.close_icon(s, r, INK, 5),
    ):
        surface = pygame.Surface((100, 100))
        surface.fill(PAPER)
        draw(surface, Rect(0, 0, 100, 100))
        pixels = [surface.get_at((x, y)) for y in range(100) for x in range(100)]
        assert sum(c[:3] == INK for c in pixels) > 40  # the icon is drawn
        assert sum(blended(c) for c in pixels) > 20


def test_a_picture_with_rounded_corners_fades_out_at_them():
    picture = pygame.Surface((120, 80))
    picture.fill((200, 30, 40))
    rounded = widgets.rounded_image(picture, 20)
    alphas = [rounded.get_at((x, y)).a for y in range(20) for x in range(20)]
    assert rounded.get_at((0, 0)).a == 0 and rounded.get_at((60, 40)) == (200, 30, 40, 255)
    assert sum(0 < a < 255 for a in alphas) >= 20
    # the picture's colour is kept where it fades: no dark fringe
    assert all(
        rounded.get_at((x, y))[:3] == (200, 30, 40)
        for y in range(20)
        for x in range(20)
        if rounded.get_at((x, y)).a > 0
    )


def test_corners_and_icons_are_kept_within_their_bytes():
    smooth.corners.cache.clear()
    smooth.icon.cache.clear()
    radii = range(2, 400, 7)  # together far more than the budget: the oldest must go
    for radius in radii:
        smooth.corners(radius, (radius % 256, 0, 0), None, 2)
        smooth.icon("home", radius, radius, (0, 0, radius % 256), 4)
        assert smooth.corners.cache.used <= smooth.SHAPES_BYTES
        assert smooth.icon.cache.used <= smooth.SHAPES_BYTES
    assert len(smooth.icon.cache) < len(radii)  # the oldest went
