"""The keypad path: a whole visit with keys alone, counted as the same visit by taps; the
reading order; the ring on screen; the ring's place on a new screen; keys as touches."""

from __future__ import annotations

import dataclasses

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.replay import Key, load_script
from kiosk.ui import focusring
from kiosk.ui.app import KioskApp
from kiosk.ui.input import Pointer
from kiosk.ui.keypad import KEYS, Focus, nearest, outside, reading_order, rows, step
from kiosk.ui.keys import KeyInput
from kiosk.ui.layout import Rect
from kiosk.ui.replay import play
from kiosk.visit.intents import OpenZone, SetLanguage, TurnPage
from kiosk.visitors.sessions import Interaction, TouchSampled

SIZE = (1920, 1080)


def make_app(shipped, size=SIZE):
    config, exhibit = shipped
    events: list = []
    clock = VirtualClock(1_504_771_200.0)
    return KioskApp(config, exhibit, size, clock, events.append), clock, events


# -- reading order, without a window ------------------------------------------------------------
BAR = {
    "finish": Rect(1500, 20, 200, 80),
    "home": Rect(20, 20, 80, 80),
    "contrast": Rect(1400, 30, 60, 60),  # smaller, a little lower: still the bar's line
}
PAGE = {
    "answer:2": Rect(100, 500, 700, 100),
    "answer:1": Rect(100, 380, 700, 100),
    "spot": Rect(1200, 400, 72, 72),  # beside the first answer: on its line, to its right
    "back": Rect(40, 960, 300, 90),
    "prev": Rect(1560, 960, 120, 90),
    "next": Rect(1700, 960, 120, 90),
}


def test_reading_order_is_lines_top_to_bottom_each_left_to_right():
    controls = {**PAGE, **BAR}
    assert rows(controls) == [
        ["home", "contrast", "finish"],
        ["answer:1", "spot"],
        ["answer:2"],
        ["back", "prev", "next"],
    ]
    assert reading_order(controls)[:4] == ["home", "contrast", "finish", "answer:1"]


def test_arrows_go_on_and_back_in_reading_order_and_between_lines_and_wrap():
    controls = {**BAR, **PAGE}
    assert step(controls, "finish", "right") == "answer:1"
    assert step(controls, "answer:1", "left") == "finish"
    assert step(controls, "next", "right") == "home"  # round again
    assert step(controls, "home", "left") == "next"
    assert step(controls, "spot", "down") == "answer:2"  # the only one on the line below
    assert step(controls, "answer:2", "down") == "back"  # the nearest below it
    assert step(controls, "finish", "down") == "spot"  # nearer to the right than the answer
    assert step(controls, "home", "up") == "back"  # up from the top: the last line
    assert step(controls, None, "right") == "home" and step(controls, None, "left") == "next"
    assert step({}, None, "right") is None


def test_the_ring_moves_to_the_nearest_control_when_its_own_goes():
    controls = {**BAR, **PAGE}
    focus = Focus()
    focus.press("right", controls)  # the first key shows the ring where it is
    assert focus.current == "home"
    for _ in range(reading_order(controls).index("next")):
        focus.press("right", controls)
    assert focus.current == "next"
    gone = {k: v for k, v in controls.items() if k != "next"}  # a gallery's last arrow goes
    assert focus.on(gone) == "prev"
    assert nearest(gone, PAGE["next"]) == "prev"
    focus.reset()
    assert focus.on(controls) == "home"  # a new screen: from its first control


def test_enter_acts_only_once_the_ring_is_seen_and_help_only_where_there_is_listen():
    controls = {**BAR, **PAGE}
    focus = Focus()
    assert focus.press("enter", controls) is None and focus.shown  # unseen, it would surprise
    assert focus.press("enter", controls) == "home"
    assert focus.press("help", controls) is None and focus.current == "home"
    assert focus.press("help", {**controls, "listen": Rect(1000, 20, 80, 80)}) == "listen"
    assert Focus().press("down", {"attract": Rect(0, 0, 1920, 1080)}) == "attract"  # any key wakes it
    focus.hide()
    assert focus.on(controls) is None


def test_a_cover_is_cut_out_of_the_ring():
    ring = Rect(0, 0, 100, 100)
    parts = outside(ring, [Rect(50, 40, 100, 20)])
    area = sum(p.w * p.h for p in parts)
    assert area == 100 * 100 - 50 * 20
    assert not any(p.overlaps(Rect(50, 40, 100, 20)) for p in parts)
    assert outside(ring, [Rect(200, 200, 5, 5)]) == [ring]


def test_replay_keys_and_the_keypad_speak_the_same_names():
    assert set(KEYS) == set(Key.__args__)


def test_held_arrows_repeat_a_held_enter_does_not():
    keys = KeyInput()
    down = lambda key: pygame.event.Event(pygame.KEYDOWN, key=key, mod=0)  # noqa: E731
    up = lambda key: pygame.event.Event(pygame.KEYUP, key=key, mod=0)  # noqa: E731
    assert [keys.translate(down(pygame.K_KP_6)) for _ in range(3)] == ["right"] * 3
    assert keys.translate(down(pygame.K_KP_ENTER)) == "enter"
    assert keys.translate(down(pygame.K_KP_ENTER)) is None  # pygame's repeat of the held key
    assert keys.translate(up(pygame.K_KP_ENTER)) is None
    assert keys.translate(down(pygame.K_KP_ENTER)) == "enter"
    assert keys.translate(down(pygame.K_KP_PLUS)) == "help"
    assert keys.translate(down(pygame.K_LSHIFT)) is None
    assert keys.translate(down(pygame.K_a)) == "other"


# -- a whole visit, by keys and by taps -------------------------------------------------------
# The same visitor twice: wake, English, the fourth zone, four pages on, the second answer
# of the quiz, back to all zones, finish. Each tap comes at the time of the Enter that
# stands for it (a visitor quick on the keys), so the records match to the second.
ZONE = "poland-kazakhstan"  # its fifth page asks a quiz
VISIT = [
    # (the tap, the keys that reach and activate it, the last one at the tap's time)
    ("attract", ["other"]),
    ("lang:en", ["down", "right", "enter"]),  # the line under the bar; the second language
    (f"zone:{ZONE}", ["down", "right", "right", "right", "enter"]),  # the fourth zone
    ("next", ["left", "enter"]),  # from the first control back round to the last: next
    ("next", ["left", "enter"]),
    ("next", ["left", "enter"]),
    ("next", ["left", "enter"]),
    ("quiz:1:answer:2", ["down", "right", "enter"]),  # the row of answer cards: the second
    ("back", ["down", "left", "enter"]),  # under the cards the page arrow, left of it "all zones"
    ("finish", ["right", "right", "right", "enter"]),  # home, text size, contrast, finish
]


def scripts(tmp_path):
    taps, keys = [], []
    for n, (tap, presses) in enumerate(VISIT):
        at = 5.0 * (n + 1)
        taps.append(f"- {{at: {at}, tap: '{tap}'}}")
        for key in presses:
            keys.append(f"- {{at: {at}, key: {key}}}")
    (tmp_path / "taps.yaml").write_text("\n".join(taps) + "\n")
    (tmp_path / "keys.yaml").write_text("\n".join(keys) + "\n")
    return load_script(tmp_path / "taps.yaml"), load_script(tmp_path / "keys.yaml")


def records(shipped, steps) -> list:
    app, clock, events = make_app(shipped)
    play(app, steps, SIZE, None, clock, "visit")
    ids: dict[str, str] = {}
    kept = []
    for e in events:
        if isinstance(e, TouchSampled):  # where a finger was, for the heat map: keys have no place
            continue
        if hasattr(e, "session_id"):
            e = dataclasses.replace(e, session_id=ids.setdefault(e.session_id, f"visit{len(ids)}"))
        kept.append(e)
    return kept


def test_a_visit_by_keys_alone_is_counted_as_the_same_visit_by_taps(shipped, tmp_path):
    taps, keys = scripts(tmp_path)
    assert all(s.key is not None for s in keys)
    by_taps, by_keys = records(shipped, taps), records(shipped, keys)
    kinds = [type(e).__name__ for e in by_keys]
    assert kinds.count("SessionStarted") == 1 and kinds.count("SessionEnded") == 1
    assert by_keys[-1].reason == "finished"
    assert [e.zone_id for e in by_keys if type(e).__name__ == "ZoneEntered"] == [ZONE]
    assert len([e for e in by_keys if type(e).__name__ == "PageViewed"]) == 5
    quiz = [e for e in by_keys if type(e).__name__ == "Interaction" and e.kind == "quiz"]
    assert [(q.item, q.value) for q in quiz] == [(quiz[0].item, "2")]
    assert by_keys == by_taps


def test_a_replay_names_a_bad_key_with_its_line(tmp_path):
    from kiosk.replay import ReplayError

    (tmp_path / "bad.yaml").write_text("- {at: 1, key: right}\n- {at: 2, key: jump}\n")
    with pytest.raises(ReplayError) as caught:
        load_script(tmp_path / "bad.yaml")
    assert "bad.yaml:2" in str(caught.value)


# -- the ring on screen -----------------------------------------------------------------------
def band_colours(surface, r: Rect, band: int) -> list[set]:
    """The colours in the middle of each band around r, from the control outwards, on its
    four sides."""
    bands: list[set] = [set(), set(), set()]
    cx, cy = r.center
    for x, y, dx, dy in (
        (cx, r.y, 0, -1),
        (cx, r.bottom - 1, 0, 1),
        (r.x, cy, -1, 0),
        (r.right - 1, cy, 1, 0),
    ):
        for k in range(3):
            out = k * band + band // 2 + 1
            bands[k].add(tuple(surface.get_at((x + dx * out, y + dy * out)))[:3])
    return bands


def on_the_quiz_page(app):
    app.start_visit()
    app.apply(OpenZone(ZONE))
    for _ in range(4):
        app.apply(TurnPage(+1))


@pytest.mark.parametrize("contrast", [False, True])
def test_the_ring_is_drawn_around_the_focused_control(shipped, contrast):
    app, clock, _ = make_app(shipped)
    on_the_quiz_page(app)
    app.set_modes(high_contrast=contrast)
    clock.advance(1)
    app.update()
    surface = pygame.Surface(SIZE)
    app.draw(surface, force=True)
    before = surface.copy()
    for key in ("down", "down"):  # shown on the first control, then the line under the bar
        app.key(key)
    app.update()
    assert app.focus.current == "quiz:1:answer:1"
    app.draw(surface)
    r = app.scene.targets["quiz:1:answer:1"]
    band = focusring.band(app.metrics)
    assert band >= 3
    ring = [{focusring.DARK}, {focusring.BRIGHT}, {focusring.DARK}]
    assert band_colours(surface, r, band) == ring
    assert band_colours(before, r, band) != ring  # not there before the keys
    inside = pygame.Rect(r.x + 2, r.y + 2, r.w - 4, r.h - 4)
    assert surface.subsurface(inside).get_at((5, 5)) == before.subsurface(inside).get_at((5, 5))
    app.pointer(Pointer("down", 5, 700))  # a finger: the ring goes
    app.pointer(Pointer("up", 5, 700))
    app.draw(surface, force=True)
    assert band_colours(surface, r, band) != ring


def test_the_ring_keeps_off_an_open_hotspot_card(shipped):
    app, clock, _ = make_app(shipped)
    app.start_visit()
    app.apply(OpenZone("regions"))
    spot = next(w for w in app.scene.targets if w.startswith("hotspot:"))
    app.key("right")
    while app.focus.current != spot:
        app.key("right")
    app.key("enter")  # the card opens, the ring stays on its marker
    clock.advance(1)
    app.update()
    card = app.scene.covers()
    assert card and app.focus.current == spot
    surface = pygame.Surface(SIZE)
    app.draw(surface, force=True)
    with_ring = surface.copy()
    app.focus.hide()
    app.dirty = True
    app.draw(surface, force=True)
    box = pygame.Rect(card[0].x, card[0].y, card[0].w, card[0].h)
    assert (
        pygame.mask.from_threshold(with_ring.subsurface(box), focusring.BRIGHT, (1, 1, 1, 255)).count() == 0
    )
    changed = [
        (x, y)
        for x in range(box.x, box.right, 4)
        for y in range(box.y, box.bottom, 4)
        if with_ring.get_at((x, y)) != surface.get_at((x, y))
    ]
    assert changed == []  # the card's words as they are without the ring


def test_the_ring_starts_again_on_the_first_control_of_a_new_screen(shipped):
    app, _, _ = make_app(shipped)
    app.key("other")  # wakes the attract screen
    assert app.scene.name == "language"
    app.key("down")
    app.key("right")
    assert app.focus.current.startswith("lang:")
    app.key("enter")
    assert app.scene.name == "home"
    first = reading_order(app.scene.focusable())[0]
    assert app.focus.on(app.scene.focusable()) == first
    app.key("right")
    app.key("enter")  # text size: the same screen built again, the ring stays on its control
    assert app.large_text and app.focus.current == reading_order(app.scene.focusable())[1]


def test_a_quiz_below_the_fold_is_scrolled_into_view_when_focused(shipped):
    app, _, _ = make_app(shipped)
    on_the_quiz_page(app)
    app.apply(SetLanguage("en"))  # its explanation is long enough
    app.set_modes(large_text=True)
    scene = app.scene
    scene.activate("quiz:1:answer:2")  # answered: the column scrolls on to the explanation
    hidden = [w for w in scene.column_targets if w not in scene.targets]
    assert hidden, "in large text the answered quiz's answers no longer leave the column"
    order = reading_order(scene.focusable())
    assert order.index(hidden[-1]) < order.index("back")  # in the column's order, before the footer
    app.key("right")
    while app.focus.current != hidden[-1]:
        app.key("right")
    shown = scene.targets[hidden[-1]]
    assert shown.h == scene.column_targets[hidden[-1]].h  # scrolled back: whole in view


def test_a_key_is_a_touch_for_the_idle_timer_and_answers_are_you_still_there(shipped):
    app, clock, events = make_app(shipped)
    app.key("other")
    app.key("down")
    app.key("enter")  # Polski: the home screen
    assert app.scene.name == "home"
    idle = app.config.idle_timeout_s
    clock.advance(idle - 2)
    app.update()
    app.key("right")  # a key: the visitor is there
    clock.advance(idle - 2)
    app.update()
    assert app.scene.name == "home" and app.tracker.active
    clock.advance(1)
    app.update()
    assert app.warning_left() is not None
    focused = app.focus.current
    app.key("right")  # answers "are you still there?" and does nothing else
    assert app.warning_left() is None and app.focus.current == focused
    clock.advance(idle)
    app.update()
    assert app.scene.name == "attract" and events[-1].reason == "timeout"


def test_the_help_key_plays_the_narration_where_the_page_has_it(shipped):
    app, _, events = make_app(shipped)
    app.start_visit()
    app.apply(OpenZone("regions"))  # no narration on its pages
    plain = app.scene
    app.key("help")
    assert app.scene is plain and not app.focus.shown  # no narration here: nothing
    app.apply(OpenZone("forest"))  # read aloud: *Listen* on its bar
    app.key("help")
    assert app.scene.narration.playing and app.focus.current == "listen"
    assert [e.kind for e in events if isinstance(e, Interaction)][-1] == "listen"


def test_keys_through_the_window_wake_the_kiosk_and_move_the_ring(shipped):
    from kiosk.ui.window import WindowLoop

    window = pygame.display.set_mode((1280, 720))
    app, _, _ = make_app(shipped, (1280, 720))
    loop = WindowLoop(app, window, 0, allow_quit=False)
    press = lambda key: pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)  # noqa: E731
    f9 = press(pygame.K_F9)  # the door counter's key is not the keypad's
    assert loop.step([f9]) and app.scene.name == "attract"
    assert loop.step([press(pygame.K_KP_5)]) and app.scene.name == "language"
    # Keys that come together all act while the screen stays (a new one takes the next frame).
    assert loop.step([press(pygame.K_KP_2), press(pygame.K_KP_6)])
    assert app.focus.current == "lang:en"
    assert pygame.key.get_repeat() == (600, 250)


def test_text_longer_than_its_column_is_scrolled_by_the_arrows_then_left(shipped):
    app, _, _ = make_app(shipped)
    on_the_quiz_page(app)
    app.set_modes(large_text=True)
    scene = app.scene
    assert scene.max_scroll > 0
    order = reading_order(scene.focusable())
    assert order.index("text") < order.index("quiz:1:answer:1")  # the column from its top
    app.key("down")  # the ring shows on the first control
    while app.focus.current != "text":  # down the lines: the bar's (two in large text), the text
        app.key("down")
        assert app.focus.current in order[: order.index("text") + 1]
    assert scene.scroll == 0
    surface = pygame.Surface(SIZE)
    app.draw(surface, force=True)
    box = scene.column_box
    assert band_colours(surface, box, focusring.band(app.metrics))[1] == {focusring.BRIGHT}
    scrolls = []
    while app.focus.current == "text":
        app.key("down")
        scrolls.append(scene.scroll)
    assert scrolls[-2] == scene.max_scroll and scrolls[:-1] == sorted(scrolls[:-1])  # on to the end
    answer = app.focus.current  # then the ring moves on, to the row of answer cards under it
    assert answer.startswith("quiz:1:answer:")
    assert scene.targets[answer].h == scene.column_targets[answer].h  # in view
    app.key("up")  # back to the text, which goes up again with the next arrow
    assert app.focus.current == "text"
    app.key("up")
    assert scene.scroll < scene.max_scroll


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("large", [False, True])
def test_the_right_arrow_alone_visits_every_control_of_every_zone_page_with_its_ring(shipped, size, large):
    app, _, _ = make_app(shipped, size)
    app.start_visit()
    app.set_modes(large_text=large)
    for zone in app.exhibit.zones:
        app.apply(OpenZone(zone.id))
        for index in range(len(zone.pages)):
            if index:
                app.apply(TurnPage(+1))
            scene = app.scene
            assert (scene.zone.id, scene.page_index) == (zone.id, index)
            every = set(scene.focusable())
            assert set(scene.targets) <= every and set(scene.column_targets) <= every
            app.key("right")  # the ring shows
            seen = []
            for _ in range(len(every)):
                seen.append(app.focus.current)
                box = scene.ring_box(app.focus.current)
                assert box is not None and box.h > 1, (zone.id, index, app.focus.current)
                app.key("right")
            assert set(seen) == every and app.focus.current == seen[0], (zone.id, index)
