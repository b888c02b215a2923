"""Pure layout at every supported screen size: nothing overlaps, nothing leaves the screen."""

from __future__ import annotations

import itertools

import pytest

from kiosk.ui import layout
from kiosk.ui.layout import Metrics, Rect

SIZES = [(1280, 720), (1920, 1080), (3840, 2160), (720, 1280), (1080, 1920), (2160, 3840), (1280, 1024)]


def assert_apart(rects):
    for a, b in itertools.combinations(rects, 2):
        assert not a.overlaps(b), (a, b)


MODES = [1.0, 1.5]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scale", MODES)
def test_chrome_controls_fit_and_do_not_overlap(size, scale):
    m = Metrics(*size, text_scale=scale)
    c = layout.chrome(m, 4, finish_w=m.px(220))
    controls = [c.home, c.title, c.large_text, c.contrast, c.finish, *c.languages]
    assert_apart(controls)
    for r in controls:
        assert r.inside(c.bar)
    assert c.title.w > m.width // 4


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("zones", [1, 3, 5, 8])
@pytest.mark.parametrize("scale", MODES)
def test_zone_tiles_fit_below_the_header(size, zones, scale):
    m = Metrics(*size, text_scale=scale)
    tiles = layout.zone_tiles(m, zones)
    assert len(tiles) == zones
    assert_apart([*tiles, layout.header(m), layout.home_intro(m)])
    for tile in tiles:
        assert tile.inside(m.screen)
        assert tile.w > 0 and tile.h > 0


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text, visual", [(True, True), (True, False), (False, True)])
def test_zone_page_frame(size, text, visual):
    m = Metrics(*size)
    f = layout.zone_frame(m, text, visual, title_h=m.px(92), back_w=m.px(360))
    parts = [f.title, f.back, f.prev, f.next, f.dots, layout.header(m)]
    parts += [f.text] if text else []
    parts += [f.visual] if visual else []
    assert_apart(parts)
    for r in parts:
        assert r.inside(m.screen), r
        assert r.h > m.height // 4 or r in (f.title, f.back, f.prev, f.next, f.dots, layout.header(m))


@pytest.mark.parametrize("size", SIZES)
def test_language_choices_and_attract(size):
    m = Metrics(*size)
    choices = layout.language_choices(m, 4, prompt_h=m.px(150))
    assert_apart([*choices, layout.header(m)])
    for r in choices:
        assert r.inside(m.screen)
    words, pictures = layout.attract_frame(m)
    assert not words.overlaps(pictures)
    big, thumbs = layout.mosaic(pictures, 5, m.gap)
    assert_apart([big, *thumbs])


@pytest.mark.parametrize("size", SIZES)
def test_touch_targets_are_at_least_15_mm(size):
    for diagonal in (21.5, 32, 55):
        m = Metrics(*size, diagonal_in=diagonal)
        assert m.target >= 15 * m.px_per_mm


def test_short_last_row_is_centred():
    cells = layout.grid(Rect(0, 0, 1000, 500), 5, 3, 10)
    assert cells[3].x - 0 == 1000 - cells[4].right


def test_sizes_follow_the_short_side():
    assert Metrics(1920, 1080).px(100) == 100
    assert Metrics(3840, 2160).px(100) == 200
    assert Metrics(1080, 1920).px(100) == 100
