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


def two_lines(m):
    """The tallest title the home screen sets: two lines of the heading style (bold, 1.15)."""
    return lambda width: 2 * round(m.type("heading") * 1.36 * 1.15)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("zones", [1, 3, 5, 8, 20, 50])
@pytest.mark.parametrize("scale", MODES)
def test_home_cards_hold_their_titles_on_pages_that_fit_the_screen(size, zones, scale):
    m = Metrics(*size, text_scale=scale)
    title_h = two_lines(m)
    g = layout.home_grid(m, zones, title_h)
    assert len(g.cards) == zones
    assert [i for p in range(g.pages) for i in g.on_page(p)] == list(range(zones))
    assert (g.nav is None) == (g.pages == 1)
    nav = [g.nav.prev, g.nav.next, g.nav.dots] if g.nav else []
    for page in range(g.pages):
        cards = [g.cards[i] for i in g.on_page(page)]
        assert_apart([*cards, layout.header(m), layout.home_intro(m), *nav])
        for card in cards:
            assert card.inside(m.screen)
            assert card.w == g.cards[0].w and card.h == g.cards[0].h  # one size on every page
            assert layout.card_words_width(m, card.w, g.side) == g.title_w
            frame = layout.zone_card(m, card, title_h(g.title_w), g.side)
            assert layout.holds_title(m, frame) and frame.title.inside(card)
            assert frame.picture.inside(card) and frame.words.inside(card)
    for r in nav:
        assert r.inside(m.screen)
    if g.nav:
        assert layout.dots_width(m, g.pages) <= g.nav.dots.w


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("zones", [1, 3, 5, 8])
def test_zones_that_fit_stay_on_one_screen_as_before(size, zones):
    """A title of one line leaves room: the cards are laid out as they always were."""
    m = Metrics(*size)
    g = layout.home_grid(m, zones, lambda width: round(m.type("heading") * 1.36 * 1.15))
    columns = (1 if zones <= 5 else 2) if m.portrait else (zones if zones <= 5 else 4)
    assert g.nav is None and g.pages == 1
    assert list(g.cards) == layout.grid(layout.home_area(m), zones, columns, m.gap)
    assert g.side == (m.portrait and zones <= 5)


def test_titles_that_need_more_room_than_the_screen_has_put_cards_on_pages():
    m = Metrics(1920, 1080, text_scale=1.5)
    g = layout.home_grid(m, 5, two_lines(m))
    assert g.pages == 2 and g.per_page == 3  # large text, landscape: a row of three a page
    assert [c.y for c in g.cards] == [g.cards[0].y] * 5  # the second page keeps the first's row
    first, second = g.cards[:3], g.cards[3:]
    assert first[0].x - m.margin == m.width - m.margin - first[2].right  # a full row
    assert second[0].x - m.margin == m.width - m.margin - second[1].right  # a short row, centred
    assert g.nav.prev.bottom <= m.height and g.cards[0].bottom <= g.nav.bar.y - m.gap
    # Each card is as tall as the page allows, and no shorter than its title needs.
    assert g.cards[0].h >= layout.card_height(m, g.cards[0].w, two_lines(m)(g.title_w), side=False)


@pytest.mark.parametrize("size", SIZES)
def test_home_page_arrows_are_where_a_zone_has_its_page_arrows(size):
    m = Metrics(*size)
    zone = layout.zone_frame(m, True, True, title_h=m.px(92), back_w=m.px(360))
    nav = layout.page_nav(m, 3)
    assert (nav.prev, nav.next) == (zone.prev, zone.next)
    assert nav.dots.center[0] == m.width // 2  # a few pages: the dots in the middle
    many = layout.page_nav(m, 17)
    assert layout.dots_width(m, 17) <= many.dots.w and many.dots.right <= many.prev.x


@pytest.mark.parametrize("side", [False, True])
def test_a_card_holds_its_title_from_the_height_it_asks_for(side):
    m = Metrics(1920, 1080)
    for title_h in (50, 66, 132, 198):
        h = layout.card_height(m, 400, title_h, side)
        assert not layout.holds_title(m, layout.zone_card(m, Rect(0, 0, 400, h - 1), title_h, side))
        for taller in (h, h + 1, h + 100, 3 * h):
            assert layout.holds_title(m, layout.zone_card(m, Rect(0, 0, 400, taller), title_h, side))


def test_a_rows_pictures_line_up_whatever_each_title_needs():
    m = Metrics(1920, 1080)
    box = Rect(0, 0, 340, 330)
    short = layout.zone_card(m, box, 66, side=False, room_h=132)
    tall = layout.zone_card(m, box, 132, side=False, room_h=132)
    assert short.picture == tall.picture and short.title.y == tall.title.y
    assert short.title.h == 66 and short.summary_top < tall.summary_top


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text, visual", [(True, True), (True, False), (False, True)])
def test_zone_page_frame(size, text, visual):
    m = Metrics(*size)
    # A long text: it has a fair share of the page (a short one leaves the feature more).
    f = layout.zone_frame(m, text, visual, title_h=m.px(92), back_w=m.px(360), text_h=m.px(2000))
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
