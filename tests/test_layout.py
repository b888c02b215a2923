"""Pure layout at every supported screen size: nothing overlaps, nothing leaves the screen."""

from __future__ import annotations

import itertools

import pytest

from kiosk.ui import layout
from kiosk.ui.layout import Metrics, Rect

SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (720, 1280), (1080, 1920), (2160, 3840)]


def assert_apart(rects):
    for a, b in itertools.combinations(rects, 2):
        assert not a.overlaps(b), (a, b)


@pytest.mark.parametrize("size", SIZES)
def test_header_controls_fit_and_do_not_overlap(size):
    m = Metrics(*size)
    pills = layout.language_pills(m, 4)
    title = layout.header_title(m, 4, with_home=True)
    controls = [layout.home_button(m), title, *pills]
    assert_apart(controls)
    for r in controls:
        assert r.inside(layout.header(m))
    assert title.w > m.width // 4


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("zones", [1, 3, 5, 8])
def test_zone_tiles_fit_below_the_header(size, zones):
    m = Metrics(*size)
    tiles = layout.zone_tiles(m, zones)
    assert len(tiles) == zones
    assert_apart([*tiles, layout.header(m), layout.home_intro(m)])
    for tile in tiles:
        assert tile.inside(m.screen)
        assert tile.w > 0 and tile.h > 0


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("visual", [True, False])
def test_zone_page_frame(size, visual):
    m = Metrics(*size)
    f = layout.zone_frame(m, visual)
    parts = [f.title, f.text, f.back, f.prev, f.next, f.dots, layout.header(m)]
    if visual:
        parts.append(f.visual)
    assert_apart(parts)
    for r in parts:
        assert r.inside(m.screen), r
    assert f.text.h > m.height // 4


@pytest.mark.parametrize("size", SIZES)
def test_language_choices_and_attract(size):
    m = Metrics(*size)
    choices = layout.language_choices(m, 4)
    assert_apart(choices)
    for r in choices:
        assert r.inside(m.screen)
    words, pictures = layout.attract_frame(m)
    assert not words.overlaps(pictures)
    assert_apart(layout.mosaic(pictures, 5, m.gap))


def test_short_last_row_is_centred():
    cells = layout.grid(Rect(0, 0, 1000, 500), 5, 3, 10)
    assert cells[3].x - 0 == 1000 - cells[4].right


def test_sizes_follow_the_short_side():
    assert Metrics(1920, 1080).px(100) == 100
    assert Metrics(3840, 2160).px(100) == 200
    assert Metrics(1080, 1920).px(100) == 100
