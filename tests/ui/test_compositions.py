"""Zone pages composed from what they hold: the choice, the frames, and the screens they make.

The choice and the frames are pure (no window); the screens are the kiosk's own, drawn
headless: no half-empty screens, nothing important under the bottom fade, a quiz that plays
like a game, a hotspot card set apart from the text it would cross.
"""

from __future__ import annotations

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.ui import layout
from kiosk.ui.app import KioskApp
from kiosk.ui.blocks.quiz import ANSWER, BURST_S, confetti, mark
from kiosk.ui.column import placed
from kiosk.ui.layout import Metrics, Rect
from kiosk.visit.intents import OpenZone, SetLanguage, TurnPage

SIZES = [(1920, 1080), (1080, 1920)]


# -- the choice and the frames (pure) ------------------------------------------------------------
@pytest.mark.parametrize(
    "feature, column, expected",
    [
        ("image", ("text",), layout.PICTURE),
        ("image", ("heading", "text"), layout.PICTURE),
        ("image", ("text", "fact"), layout.SIDE),  # a figure beside the picture: side by side
        ("gallery", (), layout.GALLERY),
        ("gallery", ("text",), layout.SIDE),
        ("fact", ("text",), layout.STATEMENT),
        ("fact", (), layout.STATEMENT),
        (None, ("quiz",), layout.QUIZ),
        ("image", ("text", "quiz"), layout.QUIZ),
        ("hotspots", ("text",), layout.SIDE),
        ("video", ("text",), layout.SIDE),
        (None, ("text",), layout.SIDE),
        (None, ("timeline",), layout.TIMELINE),
        (None, ("text", "timeline"), layout.SIDE),  # with words of its own it stays in the text
    ],
)
def test_a_page_is_composed_from_what_it_holds(feature, column, expected):
    assert layout.composition(feature, column) == expected


@pytest.mark.parametrize("size", SIZES + [(1280, 720), (3840, 2160), (1280, 1024)])
@pytest.mark.parametrize("text_h", [100, 400, 3000])
def test_a_picture_page_bleeds_to_the_edge_under_a_panel_that_holds_its_words(size, text_h):
    m = Metrics(*size)
    f = layout.zone_frame(m, True, True, m.px(70), m.px(300), layout.PICTURE, text_h, m.px(60))
    assert f.panel is not None and f.visual is not None
    assert f.visual.right == m.width  # off the screen's edge
    if m.portrait:
        assert f.visual.x == 0
    assert f.text.inside(f.panel) and f.notes.inside(f.panel) and not f.text.overlaps(f.notes)
    assert f.panel.overlaps(f.visual)  # laid over the picture's edge
    for r in (f.panel, f.visual):
        assert r.y >= f.title.bottom and r.bottom <= layout.footer(m).y
    assert f.text.w == layout.zone_frame(m, True, True, m.px(70), m.px(300), layout.PICTURE).text.w


@pytest.mark.parametrize("size", SIZES)
def test_upright_the_feature_takes_what_the_text_does_not_need(size):
    m = Metrics(*size)
    short = layout.zone_frame(m, True, True, m.px(70), m.px(300), layout.SIDE, text_h=m.px(150))
    long = layout.zone_frame(m, True, True, m.px(70), m.px(300), layout.SIDE, text_h=m.px(3000))
    if m.portrait:
        assert short.visual.h > long.visual.h
    else:
        assert short == long


@pytest.mark.parametrize("size", SIZES + [(1280, 720), (3840, 2160)])
@pytest.mark.parametrize("count", [2, 5, 8])
def test_a_timelines_events_lie_along_one_line_and_the_arrows_reach_the_last(size, count):
    m = Metrics(*size)
    box = layout.zone_frame(m, False, True, m.px(70), m.px(300), layout.TIMELINE).visual
    start, seen = 0, set()
    while True:
        f = layout.timeline_frame(m, box, count, start, need=m.px(300), above=m.px(100), below=m.px(200))
        assert f.across == (not m.portrait)
        along = [x for x, _ in f.dots] if f.across else [y for _, y in f.dots]
        across = {y for _, y in f.dots} if f.across else {x for x, _ in f.dots}
        assert len(across) == 1 and along == sorted(along)  # one line, in order
        for slot in f.slots:
            assert slot.inside(box)
        for a, b in zip(f.slots, f.slots[1:]):
            assert not a.overlaps(b)
        for arrow in (f.prev, f.next):
            if arrow is not None:
                assert arrow.inside(box) and min(arrow.w, arrow.h) >= m.target
                assert not any(arrow.overlaps(slot) for slot in f.slots)
        seen.update(range(f.start, f.start + f.per_view))
        if f.next is None:
            break
        start = f.start + f.per_view
    assert seen == set(range(count))  # stepping on brings every event, the last too, into view
    assert (f.prev is None) == (f.start == 0)


def test_a_card_goes_on_the_picture_when_it_fits_there_and_else_is_set_apart_from_the_text():
    picture, area, text = Rect(0, 100, 1000, 600), Rect(0, 100, 1000, 1500), Rect(0, 760, 1000, 800)
    marker = Rect(500, 500, 80, 80)
    card, over = layout.card_place((400, 200), marker, picture, area, text, 12)
    assert card.inside(picture) and not over  # above its marker, on the picture
    card, over = layout.card_place((900, 700), marker, picture, area, text, 12)
    assert card.inside(area) and over  # too tall for the picture: the text behind is veiled


def test_nothing_starts_under_the_fade_and_a_figure_is_not_cut_by_the_edge():
    # Running text (not whole) may run on under the fade; a figure starting there moves below.
    tops = placed([500, 80, 60], [False, True, True], 30, view_h=600, fade_h=48)
    assert tops == [0, 600, 710]
    tops = placed([450, 150], [False, True], 30, view_h=600, fade_h=48)
    assert tops == [0, 600]  # it would have been cut by the edge at 630
    assert placed([450, 150], [False, True], 30, view_h=None, fade_h=48) == [0, 480]
    assert placed([900], [True], 30, view_h=600, fade_h=48) == [0]  # taller than the box: it stays


# -- the screens ---------------------------------------------------------------------------------
pytestmark = pytest.mark.usefixtures("display")


def pages(shipped, size, language="en", large=False):
    """Every zone page, on a kiosk of that size, in that language and text size."""
    config, exhibit = shipped
    app = KioskApp(config, exhibit, size, VirtualClock(1_504_771_200.0))
    app.apply(SetLanguage(language))
    app.set_modes(large_text=large)
    for zone in exhibit.zones:
        app.apply(OpenZone(zone.id))
        for i in range(len(zone.pages)):
            if i:
                app.apply(TurnPage(+1))
            yield app, f"{zone.id}/{i + 1}"


def drawn(app) -> pygame.Surface:
    canvas = pygame.Surface(app.size)
    app.transition = None
    app.draw(canvas, force=True)
    return canvas


def empty(canvas: pygame.Surface, r: Rect, paper) -> bool:
    """All but a few pixels of the rectangle are the page's paper."""
    region = canvas.subsurface(r.x, r.y, r.w, r.h)
    same = pygame.mask.from_threshold(region, (*paper, 255), (6, 6, 6, 255)).count()
    return same >= 0.995 * r.w * r.h


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_no_page_leaves_a_third_of_the_screen_empty(shipped, size, language):
    for app, where in pages(shipped, size, language):
        m, page = app.metrics, layout.body(app.metrics)
        canvas = drawn(app)
        if m.portrait:
            third = Rect(page.x, page.y + page.h * 2 // 3, page.w, page.h // 3)
        else:
            third = Rect(page.x + page.w * 2 // 3, page.y, page.w // 3, page.h)
        assert not empty(canvas, third, app.theme.paper), where


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "ru", "pl", "kk"])
def test_nothing_important_starts_under_the_bottom_fade(shipped, size, language):
    for app, where in pages(shipped, size, language):
        scene = app.scene
        view_h, fade_h = scene.column_box.h, scene.fade_bottom.get_height()
        if scene.column_height <= view_h:
            continue
        for top, bottom, whole in scene.column_spans:
            assert not view_h - fade_h <= top < view_h, (where, top, view_h)
            assert not (whole and top < view_h < bottom), (where, top, bottom, view_h)


def quiz_pages(shipped, size, language="en", large=False):
    for app, where in pages(shipped, size, language, large):
        quiz = next((v for v in app.scene.flow if v.block.type == "quiz"), None)
        if quiz is not None:
            yield app, where, quiz


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "ru", "pl", "kk"])
def test_after_answering_the_explanation_is_in_view_without_scrolling(shipped, size, language):
    found = 0
    for app, where, quiz in quiz_pages(shipped, size, language):
        wrong = next(k for k, a in enumerate(quiz.block.answers) if not a.correct)
        app.scene.activate(f"{ANSWER}{wrong + 1}")
        scene = app.scene
        bottom = scene.column_height - round(scene.scroll)
        assert bottom <= scene.column_box.h, where  # the explanation ends the column: in view
        # and the question stays in view above the cards, at the default text size
        assert scene.scroll == 0, where
        found += 1
    assert found


@pytest.mark.parametrize("size", SIZES)
def test_answer_cards_are_large_and_a_row_of_them_in_landscape(shipped, size):
    for app, where, quiz in quiz_pages(shipped, size):
        cards = [r for w, r in app.scene.targets.items() if w.startswith(ANSWER)]
        m = app.metrics
        assert len(cards) == len(quiz.block.answers)
        for r in cards:
            assert r.h >= m.px(150) and r.h >= m.target, (where, r)
        if not m.portrait:
            assert len({r.y for r in cards}) == 1, where  # side by side
            assert max(r.right for r in cards) - min(r.x for r in cards) > layout.body(m).w * 0.9


def test_a_tick_and_a_cross_are_drawn_as_shapes_that_differ():
    disc, ink = (22, 120, 60), (255, 255, 255)
    tick, cross = mark(64, True, disc, ink), mark(64, False, disc, ink)
    assert pygame.image.tobytes(tick, "RGBA") != pygame.image.tobytes(cross, "RGBA")
    # ink at the tick's low corner, none there in the cross (whose strokes meet in the middle)
    assert tick.get_at((28, 43))[0] > 200 and cross.get_at((28, 43))[0] < 100
    assert cross.get_at((32, 32))[0] > 200


def answered_right(shipped, size=(1920, 1080)):
    app, where, quiz = next(quiz_pages(shipped, size))
    right = next(k for k, a in enumerate(quiz.block.answers) if a.correct)
    return app, quiz, right


def test_a_right_answer_bursts_for_a_moment_on_the_kiosks_clock_and_replays_exactly(shipped):
    frames = []
    for _ in range(2):
        app, quiz, right = answered_right(shipped)
        scene = app.scene
        assert not scene.animating and scene.next_change(0.0) == float("inf")  # still: free
        scene.activate(f"{ANSWER}{right + 1}")
        assert scene.animating
        assert scene.update(100.0, 0.0) and scene.update(100.4, 0.4)
        frames.append(pygame.image.tobytes(drawn(app), "RGB"))
        assert scene.update(100.0 + BURST_S + 0.01, 0.8)  # the last frame, without confetti
        assert not scene.animating and not scene.update(103.0, 1.0)
        frames.append(pygame.image.tobytes(drawn(app), "RGB"))
    assert frames[0] == frames[2]  # the same moment of the burst, the same picture
    assert frames[0] != frames[1]  # confetti, then none
    assert confetti(BURST_S, (0, 0), Metrics(1920, 1080)) == []


def test_a_wrong_answer_sets_off_nothing(shipped):
    app, quiz, right = answered_right(shipped)
    wrong = next(k for k, a in enumerate(quiz.block.answers) if not a.correct)
    app.scene.activate(f"{ANSWER}{wrong + 1}")
    assert not app.scene.animating and not app.scene.update(100.0, 0.0)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("large", [False, True])
def test_an_open_hotspot_card_has_a_shadow_and_never_lies_bare_on_the_text(shipped, size, large):
    found = 0
    for app, where in pages(shipped, size, "ru", large):
        scene = app.scene
        spots = [w for w in scene.targets if w.startswith("hotspot:")]
        for spot in spots:
            closed = drawn(app)
            scene.activate(spot)
            canvas = drawn(app)
            view = scene.feature
            card, m = view.card_at, app.metrics
            below = (card.x + card.w // 2, min(m.height - 1, card.bottom + m.px(8)))
            if scene.column_box.overlaps(Rect(card.x, card.y, card.w, card.h)):
                # The words behind it are veiled: paler than when the card was shut.
                box = scene.column_box
                outside = next(
                    (x, y)
                    for y in range(box.y, box.bottom, 4)
                    for x in range(box.x, box.right, 4)
                    if not card.contains(x, y) and closed.get_at((x, y))[:3] != app.theme.paper
                )
                assert canvas.get_at(outside)[:3] != closed.get_at(outside)[:3], where
            elif not card.overlaps(scene.column_box):
                assert sum(canvas.get_at(below)[:3]) < sum(closed.get_at(below)[:3]), (where, "shadow")
            scene.tap_elsewhere(0, 0)
            found += 1
    assert found


# -- the timeline on a page of its own -------------------------------------------------------------
def timeline_page(shipped, size, language="en", large=False):
    app, _ = next((a, w) for a, w in pages(shipped, size, language, large) if w == "regions/5")
    assert app.scene.page.id == "from-2012-to-expo"
    return app


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("large", [False, True])
def test_the_timeline_runs_across_the_page_and_a_swipe_brings_its_last_event(shipped, size, language, large):
    app = timeline_page(shipped, size, language, large)
    scene, m = app.scene, app.look.metrics
    view = scene.feature
    assert scene.frame.composition == layout.TIMELINE and view.block.type == "timeline"
    assert scene.flow == [] and scene.max_scroll == 0  # not in a scrolling column, under a fade
    count = len(view.block.events)
    page = Rect(0, scene.frame.title.bottom, m.width, layout.footer(m).y - scene.frame.title.bottom)
    shown = set()
    for _ in range(count):
        drawn(app)
        placed = view.placed()
        dots = view.frame.dots
        if not m.portrait:
            assert len({y for _, y in dots}) == 1  # one level line
            assert all(d.bottom <= dots[0][1] <= t.y for _, d, t in placed)  # dates over it, texts under
        for _, d, t in placed:
            assert d.inside(page) and t.inside(page), (d, t, page)
            assert d.inside(view.box) and t.inside(view.box)
        shown.update(i for i, _, _ in placed)
        x, y = view.box.center
        if not view.swipe(x, y, -200):
            break
    assert count - 1 in shown and shown == set(range(count))
    # At the line's end a swipe is the page's again (it turns the page); back, the line's.
    assert not view.swipe(*view.box.center, -200)
    assert view.swipe(*view.box.center, +200) == (view.frame.per_view < count)


@pytest.mark.parametrize("size, language", [((1920, 1080), "en"), ((1080, 1920), "ru")])
def test_the_timelines_arrows_step_it_and_are_targets_the_keypad_reaches(shipped, size, language):
    app = timeline_page(shipped, size, language)  # more events than one view holds
    scene = app.scene
    view = scene.feature
    drawn(app)
    assert "timeline:prev" not in scene.targets and "timeline:next" in scene.targets
    assert "timeline:next" in scene.focusable()
    scene.activate("timeline:next")
    assert view.frame.start > 0 and "timeline:prev" in scene.targets
    while "timeline:next" in scene.targets:
        scene.activate("timeline:next")
    assert view.frame.start + view.frame.per_view == len(view.block.events)
    scene.activate("timeline:prev")
    assert "timeline:next" in scene.targets
