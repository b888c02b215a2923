"""The kiosk's screens, headless: every screen, language and orientation; navigation; timeout."""

from __future__ import annotations

import itertools

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.content.loader import load_exhibit
from kiosk.content.model import texts
from kiosk.resources import shipped_font
from kiosk.ui.app import KioskApp
from kiosk.ui.images import ImageCache
from kiosk.ui.input import Pointer
from kiosk.ui.placing import Traced, placed
from kiosk.ui.strings import LANGUAGE_NAMES, STRINGS
from kiosk.ui.text import BOLD, REGULAR, missing_glyphs
from kiosk.ui.theme import contrast_ratio
from kiosk.visit.intents import OpenZone, StaffAction

SIZES = [(1920, 1080), (1080, 1920), (1280, 720), (3840, 2160)]


@pytest.fixture(scope="module")
def shipped():
    from pathlib import Path

    from kiosk.config import load_config

    config = load_config(Path(__file__).resolve().parents[2] / "config.yaml")
    report = load_exhibit(config)
    assert report.exhibit is not None, report.problems
    return config, report.exhibit


@pytest.fixture(scope="module", autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


IMAGES: dict = {}  # one scaled-image cache per screen size, shared by the apps below


def make_app(shipped, size=(1920, 1080)):
    config, exhibit = shipped
    events = []
    clock = VirtualClock(1_504_771_200.0)
    images = IMAGES.setdefault(size, ImageCache(config.media_path, budget_bytes=2**30))
    return KioskApp(config, exhibit, size, clock, events.append, images=images), clock, events


def tap(app, widget_id):
    x, y = app.widget_centre(widget_id)
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


def home_pages(app):
    """Turn the home screen's pages from the one shown to the last, yielding at each."""
    yield
    while "next" in app.scene.targets:
        tap(app, "next")
        yield


def open_zone(app, zone_id):
    """Tap a zone's card on the home screen, turning its pages until the card is shown."""
    for _ in home_pages(app):
        if f"zone:{zone_id}" in app.scene.targets:
            return tap(app, f"zone:{zone_id}")
    raise AssertionError(f"no page of the home screen shows {zone_id}")


def every_screen(app, language=None):
    """Walk the app from the language screen through each zone page, yielding at each."""
    yield "language"
    tap(app, f"lang:{language or app.config.languages[0]}")
    for page, _ in enumerate(home_pages(app)):
        yield f"home page {page + 1}"
    tap(app, "home")
    for zone in app.exhibit.zones:
        open_zone(app, zone.id)
        yield f"{zone.id}/0"
        for page in range(1, len(zone.pages)):
            tap(app, "next")
            yield f"{zone.id}/{page}"
        tap(app, "back")


def walks():
    """(size, language, mode): every language in both orientations, normal and large text
    (large text is where text runs out of room); high contrast changes colours only, so two
    alphabets suffice; the smallest and largest screens, and a squarer one."""
    for size in ((1920, 1080), (1080, 1920)):
        for language in ("pl", "en", "kk", "ru"):
            yield size, language, "normal"
            yield size, language, "large-text"
        for language in ("pl", "kk"):
            yield size, language, "contrast"
    for size in ((1280, 720), (3840, 2160), (1280, 1024)):  # 1280x1024: a 5:4 touch monitor
        yield size, "kk", "large-text"
    yield (1280, 1024), "pl", "normal"


class LeavesItsBox(AssertionError):
    """Text whose letters run out of the card, button or panel it was set on (or the screen)."""


def spills(surface, where):
    """What the visitor sees leave its box on the surface just drawn (a `Traced` one)."""
    return [
        f"{where}: {p.written.text[:40]!r} at {p.ink} leaves {p.box}" for p in placed(surface) if not p.inside
    ]


def check_screen(app, where, surface=None, spilt=None):
    """Controls on screen, apart and big enough; text legible and whole, each text inside the
    card, button or panel it was set on (read from `surface`, the screen just drawn, traced;
    else from the scene's picture). `spilt`: a list to add such text to, instead of failing."""
    m, theme = app.metrics, app.theme
    screen = pygame.Rect(0, 0, m.width, m.height)
    rects = {k: pygame.Rect(r.x, r.y, r.w, r.h) for k, r in app.scene.targets.items()}
    for widget_id, r in rects.items():
        assert screen.contains(r), (where, widget_id)
        whole = getattr(app.scene, "column_targets", {}).get(
            widget_id, r
        )  # a control scrolled half out of view
        assert min(whole.w, whole.h) >= 15 * m.px_per_mm, (where, widget_id, whole)
    if app.scene.name != "attract":
        for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2):
            assert not ra.colliderect(rb), (where, a, b)
    # The typesetter's record, and what is on the screen drawn: a screen built ahead of time
    # leaves the record to the next one built.
    traced = surface if isinstance(surface, Traced) else app.scene.static
    for written in [*app.type.record, *(p.written for p in placed(traced))]:
        assert not written.cut, (where, written.text)
        ratio = contrast_ratio(written.colour[:3], written.background[:3])
        assert ratio >= theme.minimum_contrast, (where, written.text, round(ratio, 2))
    # Text drawn on a card (a zone's title, its summary) stays inside the card.
    for words, text, card in getattr(app.scene, "text_boxes", ()):
        assert text.inside(card), (where, words, text, card)
    found = spills(traced, where)
    if spilt is None and found:
        raise LeavesItsBox("\n".join(found))
    if spilt is not None:
        spilt += found


@pytest.mark.parametrize("size, language, mode", list(walks()))
def test_every_screen_is_legible_whole_and_touchable(shipped, size, language, mode):
    app, clock, _ = make_app(shipped, size)
    surface = Traced(size)
    check_screen(app, "attract")
    tap(app, "attract")
    app.set_modes(large_text=mode == "large-text", high_contrast=mode == "contrast")
    spilt = []  # text that leaves its box: every screen is walked before the walk says so
    for where in every_screen(app, language):
        clock.advance(1)
        app.update()
        assert app.draw(surface, force=True)
        check_screen(app, where, surface, spilt)
        # What is in the text column can be scrolled into view and is just as legible.
        scene = app.scene
        if getattr(scene, "max_scroll", 0) > 0:
            scene.drag(*scene.column_box.center, -scene.max_scroll)
            assert app.draw(surface, force=True)
            check_screen(app, where + " (scrolled)", surface, spilt)
    if spilt:
        raise LeavesItsBox("\n".join(spilt))


def test_a_screen_is_not_blank(shipped):
    app, clock, _ = make_app(shipped)
    surface = pygame.Surface((1920, 1080))
    tap(app, "attract")
    for _ in every_screen(app):
        clock.advance(1)
        app.update()
        app.draw(surface, force=True)
        colours = {surface.get_at((x, y))[:3] for x in range(0, 1920, 40) for y in range(0, 1080, 40)}
        assert len(colours) > 8, app.scene.name


def test_a_visit_and_the_reset_after_the_timeout(shipped):
    app, clock, events = make_app(shipped)
    tap(app, "attract")
    assert app.scene.name == "language" and app.tracker.active
    tap(app, "lang:en")
    zone = app.exhibit.zones[0]
    tap(app, f"zone:{zone.id}")
    assert app.scene.name == "zone"
    clock.advance(app.config.idle_timeout_s - 1)
    app.update()
    assert app.scene.name == "zone"
    clock.advance(1)
    app.update()
    assert app.scene.name == "attract" and not app.tracker.active
    assert app.language == app.config.default_language  # the next visitor starts afresh
    assert type(events[-1]).__name__ == "SessionEnded" and events[-1].reason == "timeout"


def test_switching_language_keeps_the_page(shipped):
    app, _, events = make_app(shipped)
    tap(app, "attract")
    tap(app, "lang:pl")
    zone = next(z for z in app.exhibit.zones if len(z.pages) > 1)
    tap(app, f"zone:{zone.id}")
    tap(app, "next")
    tap(app, "lang:kk")
    assert app.scene.name == "zone" and app.scene.page_index == 1 and app.language == "kk"
    assert [e.language for e in events if type(e).__name__ == "LanguageUsed"] == ["pl", "kk"]


def test_swipes_turn_pages_and_a_drag_does_nothing(shipped):
    app, _, _ = make_app(shipped)
    tap(app, "attract")
    tap(app, "lang:en")
    zone = next(z for z in app.exhibit.zones if len(z.pages) > 1)
    tap(app, f"zone:{zone.id}")
    for kind, x in (("down", 1500), ("move", 900), ("up", 300)):
        app.pointer(Pointer(kind, x, 600))
    assert app.scene.page_index == 1
    for kind, x in (("down", 300), ("move", 900), ("up", 1500)):
        app.pointer(Pointer(kind, x, 600))
    assert app.scene.page_index == 0
    # A press on "next" that slides off before lifting is not a tap.
    x, y = app.widget_centre("next")
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("move", x, y - 300))
    app.pointer(Pointer("up", x, y - 300))
    assert app.scene.page_index == 0


def test_nothing_is_redrawn_when_nothing_changes(shipped):
    app, clock, _ = make_app(shipped)
    tap(app, "attract")
    tap(app, "lang:en")
    surface = pygame.Surface((1920, 1080))
    clock.advance(1)  # the transition to the home screen is over
    app.update()
    assert app.draw(surface)
    clock.advance(0.5)
    for _ in range(10):  # quiet passes build the likely next screens, drawing nothing
        app.update()
        assert not app.draw(surface)
    assert app.next_wakeup() > 1  # then the window loop may sleep until an event or the timeout


def test_every_character_visitors_can_see_has_a_glyph(shipped):
    config, exhibit = shipped
    shown = []
    for model in (exhibit.pavilion, *exhibit.zones):
        for _, text in texts(model):
            shown.extend(text.root.values())
    for words in STRINGS.values():
        shown.extend(words.values())
    shown.extend(LANGUAGE_NAMES.values())
    shown.append("‹›…·0123456789")
    characters = "".join(shown)
    assert any(ch in characters for ch in "ҒҚҢҰ")  # the Kazakh letters are really there
    for font in (REGULAR, BOLD):
        assert missing_glyphs(shipped_font(font), characters) == set()


def drawn_words(shipped, language, tmp_path, size=(1920, 1080)):
    """Every text the kiosk draws in one language, as the typesetter set it, with the font it
    was set in: (text, bold) pairs. Every screen a visitor meets (an open hotspot card, an
    answered quiz, "are you still there?", closed), and staff's in that language too (the PIN
    pad and its messages, the staff screen over a day of visitors, the maintenance marker)."""
    from kiosk.config import StaffSettings
    from kiosk.l10n import words
    from kiosk.ui.scenes.closed import ClosedScene
    from tests import staff_day

    config, exhibit = shipped
    update = {"store_path": str(tmp_path / f"{language}.db"), "staff": StaffSettings(language=language)}
    staffed = config.model_copy(update=update).with_base(config.base_dir)
    staff_day.record(staffed)
    app, clock, _ = make_app((staffed, exhibit), size)
    surface = Traced(size)
    seen = set()

    def look():
        clock.advance(1)
        app.update()
        app.draw(surface, force=True)
        # What is on the screen, and what was set last (the screens built ahead, an overlay).
        seen.update((p.written.text, p.written.bold) for p in placed(surface))
        seen.update((w.text, w.bold) for w in app.type.record)

    look()  # attract
    tap(app, "attract")
    look()  # the languages
    tap(app, f"lang:{language}")
    for _ in home_pages(app):
        look()
    tap(app, "home")
    for zone in exhibit.zones:
        open_zone(app, zone.id)
        for page in range(len(zone.pages)):
            if page:
                tap(app, "next")
            look()
            for widget_id in [w for w in app.scene.targets if w.startswith(("hotspot:", "quiz:"))]:
                app.scene.activate(widget_id)  # each card opened, each answer given
                look()
        tap(app, "back")
    clock.advance(config.idle_timeout_s - config.idle_warning_s)
    look()  # are you still there?
    tap(app, "home")
    app.apply(StaffAction("pin"))
    look()
    _ = words(language)
    for message in (
        _("No PIN set: kiosk set-pin"),
        _("Wrong PIN - locked for {n} s").format(n=480) + _(" · disk not writable"),
    ):
        app.scene.message = message
        app.scene.build()
        look()
    app.maintenance = True
    app.apply(StaffAction("open"))
    look()
    closed = ClosedScene(app)
    closed.build()
    seen.update((w.text, w.bold) for w in app.type.record)
    return app, seen


def unseen_glyphs(app, seen) -> dict[str, set[str]]:
    """Characters drawn with no glyph in the font they were drawn in: font -> characters."""
    missing = {}
    for bold in (False, True):
        characters = "".join(text for text, b in seen if b == bold)
        lacking = missing_glyphs(app.fonts.files[bold], characters)
        if lacking:
            missing[app.fonts.files[bold].name] = lacking
    return missing


@pytest.mark.parametrize("language", ["pl", "en", "kk", "ru"])
def test_every_character_the_kiosk_draws_has_a_glyph_in_its_font(shipped, language, tmp_path):
    app, seen = drawn_words(shipped, language, tmp_path)
    texts = {text for text, _ in seen}
    # The walk saw the screens it claims: a hotspot card, the PIN pad's keys, the staff screen.
    assert {"C", "OK", "0"} <= texts or {"C", "0"} <= texts
    assert {spot.title.root[language] for zone in app.exhibit.zones for spot in _spots(zone)} <= texts
    assert len(texts) > 150
    assert unseen_glyphs(app, seen) == {}


def _spots(zone):
    return [spot for page in zone.pages for block in page.blocks for spot in getattr(block, "spots", [])]


def test_the_drawn_glyph_check_sees_a_symbol_written_in_code(shipped, tmp_path):
    """The PIN pad's clear key once read "⌫", which Noto Sans has no glyph for."""
    app, clock, _ = make_app(shipped)
    app.apply(StaffAction("pin"))
    app.scene.message = "⌫"
    app.scene.build()
    app.draw(pygame.Surface((1920, 1080)), force=True)
    seen = {(w.text, w.bold) for w in app.type.record}
    assert "⌫" in "".join(
        unseen_glyphs(app, seen).get(BOLD, set()) | unseen_glyphs(app, seen).get(REGULAR, set())
    )


def test_the_glyph_check_can_fail(shipped):
    config, _ = shipped
    assert missing_glyphs(shipped_font(REGULAR), "A中") == {"中"}


def window_loop(shipped, window_size, logical, rotation, allow_quit=False):
    from kiosk.ui.window import WindowLoop

    window = pygame.display.set_mode(window_size)
    app, _, _ = make_app(shipped, logical)
    return WindowLoop(app, window, rotation, allow_quit), app


def test_visitors_cannot_quit(shipped):
    loop, _ = window_loop(shipped, (1280, 720), (1280, 720), 0)
    alt_f4 = pygame.event.Event(pygame.QUIT)  # what the window manager sends for Alt+F4
    esc = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="\x1b", scancode=41)
    assert loop.step([alt_f4, esc]) is True
    staff, _ = window_loop(shipped, (1280, 720), (1280, 720), 0, allow_quit=True)
    assert staff.step([esc]) is False


def finger(kind, x, y, size):
    return pygame.event.Event(kind, finger_id=7, touch_id=1, x=x / size[0], y=y / size[1], dx=0, dy=0)


def test_a_touch_through_the_window_is_one_tap_even_rotated(shipped):
    # A portrait exhibit on a screen mounted sideways: the picture is turned, so are touches.
    physical, logical = (1280, 720), (720, 1280)
    loop, app = window_loop(shipped, physical, logical, 90)
    loop.step([])
    tap(app, "attract")
    tap(app, "lang:en")
    x, y = app.widget_centre(f"zone:{app.exhibit.zones[1].id}")
    px, py = y, logical[0] - x  # where that point is shown on the turned screen
    stream = [
        finger(pygame.FINGERDOWN, px, py, physical),
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(px, py), touch=True),
        finger(pygame.FINGERUP, px, py, physical),
        pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(px, py), touch=True),
    ]
    seen = []
    handle = app.pointer
    app.pointer = lambda p: (seen.append(p.kind), handle(p))
    assert loop.step(stream)
    assert app.scene.name == "zone" and app.scene.zone.id == app.exhibit.zones[1].id
    assert seen == ["down", "up"]  # one tap, one action: SDL's mouse copy is dropped


def test_are_you_still_there_counts_down_and_a_touch_continues(shipped):
    app, clock, events = make_app(shipped)
    tap(app, "attract")
    tap(app, "lang:en")
    app.set_modes(large_text=True, high_contrast=True)
    clock.advance(app.config.idle_timeout_s - app.config.idle_warning_s - 1)
    app.update()
    assert app.warning_left() is None
    clock.advance(2)
    app.update()
    assert app.warning_left() == pytest.approx(app.config.idle_warning_s - 1)
    surface = pygame.Surface((1920, 1080))
    app.draw(surface, force=True)
    assert any(w.text == "Are you still there?" for w in app.type.record)
    assert any(w.text == str(int(app.config.idle_warning_s) - 1) for w in app.type.record)  # the countdown
    # A touch anywhere continues, and does nothing else (here: on a language switch).
    x, y = app.widget_centre("lang:kk")
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))
    assert app.warning_left() is None and app.tracker.active and app.language == "en"
    # Left alone again, the kiosk resets for the next visitor: default language, normal modes.
    clock.advance(app.config.idle_timeout_s)
    app.update()
    assert app.scene.name == "attract" and not app.tracker.active
    assert (app.language, app.large_text, app.high_contrast) == ("pl", False, False)
    assert events[-1].reason == "timeout"


def test_the_attract_screen_can_show_todays_visitors(shipped):
    config, exhibit = shipped
    counting = config.model_copy(update={"show_visitors_today": True}).with_base(config.base_dir)
    app = KioskApp(counting, exhibit, (1920, 1080), VirtualClock(0), visitors_today=lambda: 1234)
    assert any("1234" in w.text for w in app.type.record)
    plain, _, _ = make_app(shipped)
    assert not any("1234" in w.text for w in plain.type.record)


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
@pytest.mark.parametrize("large", [False, True])
def test_an_open_hotspot_card_is_whole_and_legible(shipped, size, large):
    app, clock, _ = make_app(shipped, size)
    tap(app, "attract")
    tap(app, "lang:kk")
    app.set_modes(large_text=large)
    tap(app, "zone:regions")
    spot = next(w for w in app.scene.targets if w.startswith("hotspot:"))
    tap(app, spot)
    clock.advance(1)
    app.update()
    surface = Traced(size)
    app.draw(surface, force=True)
    check_screen(app, f"regions with {spot} open", surface)
    card = app.scene.feature.cards[spot.split(":")[1]]
    assert card.get_height() <= app.scene.page_area.h


def test_the_door_counter_key_counts_entries_not_visits(shipped):
    from kiosk.ui.window import WindowLoop
    from kiosk.visitors.sessions import EntryCounted

    window = pygame.display.set_mode((1280, 720))
    app, _, events = make_app(shipped, (1280, 720))
    loop = WindowLoop(app, window, 0, allow_quit=False)
    f9 = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_F9, mod=0, unicode="", scancode=66)
    assert loop.step([f9, f9, f9])
    entries = [e for e in events if isinstance(e, EntryCounted)]
    assert len(entries) == 3 and len({e.entry_id for e in entries}) == 3
    assert app.scene.name == "attract" and not app.tracker.active  # no visitor was started


def staff_walks():
    """Every staff language on the screens the brief names, the 4K and 16:10 ones in Polish."""
    for language in ("pl", "en", "kk", "ru"):
        for size in ((1920, 1080), (1080, 1920), (1280, 720)):
            yield size, language
    yield (3840, 2160), "pl"
    yield (1280, 800), "pl"  # 1280x800 (16:10) once failed to crop a cover picture


@pytest.mark.parametrize(
    "size, language", list(staff_walks()), ids=lambda v: "x".join(map(str, v)) if isinstance(v, tuple) else v
)
def test_the_staff_screens_are_legible_whole_and_touchable(shipped, size, language, tmp_path):
    from kiosk.config import StaffSettings
    from kiosk.l10n import words
    from tests import staff_day

    config, exhibit = shipped
    # A day with visitors, so the lists are full: every zone's title, every language, plurals.
    update = {"store_path": str(tmp_path / "visitors.db"), "staff": StaffSettings(language=language)}
    staffed = (config.model_copy(update=update).with_base(config.base_dir), exhibit)
    staff_day.record(staffed[0])
    app, clock, _ = make_app(staffed, size)
    surface = Traced(size)
    app.apply(StaffAction("pin"))
    assert app.draw(surface, force=True)
    check_screen(app, "staff-pin", surface)
    _ = words(language)
    # The pad's longest words: a lock-out on a disk that cannot be written.
    for message in (
        _("No PIN set: kiosk set-pin"),
        _("Wrong PIN - locked for {n} s").format(n=480) + _(" · disk not writable"),
    ):
        app.scene.message = message
        app.type.record.clear()
        app.scene.build()
        assert app.draw(surface, force=True)
        check_screen(app, f"staff-pin: {app.scene.message}", surface)
    app.maintenance = True  # the longest label: "Maintenance: ON" must show whole
    app.apply(StaffAction("open"))
    clock.advance(1)
    app.update()
    assert app.draw(surface, force=True)
    check_screen(app, "staff", surface)
    assert any(written.text == _("Maintenance: ON") for written in app.type.record)
    assert any(
        written.text.startswith(_("Staff · {kiosk} · {day} · {hours}")[:4]) for written in app.type.record
    )


def test_the_staff_screen_closes_itself_after_a_minute(shipped, tmp_path):
    app, clock, _ = make_app(shipped)
    x, y = app.staff_door.corner(app.metrics).center
    app.pointer(Pointer("down", x, y))
    clock.advance(3.1)
    app.update()
    assert app.scene.name == "staff-pin"
    app.pointer(Pointer("up", x, y))
    clock.advance(59)
    app.update()
    assert app.scene.name == "staff-pin"
    clock.advance(2)
    app.update()
    assert app.scene.name == "attract"


# -- many zones: the home screen's pages ---------------------------------------------------------


@pytest.fixture(scope="module", params=[20, 50], ids=lambda n: f"{n}-zones")
def many(request, tmp_path_factory):
    """The sample zones copied until there are 20 (or 50), on a site of their own."""
    from kiosk.config import load_config
    from tests.many_zones import many_zones_site

    config = load_config(many_zones_site(tmp_path_factory.mktemp("site"), request.param))
    report = load_exhibit(config)
    assert report.exhibit is not None and len(report.exhibit.zones) == request.param, report.problems
    return config, report.exhibit


def many_walks():
    """Both orientations and 4K, normal and large text, in a Latin and a Cyrillic alphabet;
    the smallest screen, and 4K in portrait."""
    for size in ((1920, 1080), (1080, 1920), (3840, 2160)):
        for language in ("pl", "kk"):
            for mode in ("normal", "large-text"):
                yield size, language, mode
    yield (1280, 720), "kk", "large-text"
    yield (2160, 3840), "pl", "large-text"  # 4K on its side


@pytest.mark.parametrize("size, language, mode", list(many_walks()))
def test_with_many_zones_every_card_is_on_a_page_whole_and_opens_its_zone(many, size, language, mode):
    app, clock, _ = make_app(many, size)
    surface = Traced(size)
    tap(app, "attract")
    tap(app, f"lang:{language}")
    app.set_modes(large_text=mode == "large-text")
    home = app.scene
    asked = []
    home.post = asked.append  # what its cards ask for, without leaving the screen
    shown = []
    for page, _ in enumerate(home_pages(app)):
        clock.advance(1)  # the cards have slid in
        app.update()
        assert app.draw(surface, force=True)
        check_screen(app, f"home page {page + 1}", surface)
        cards = [w for w in home.targets if w.startswith("zone:")]
        assert len(home.text_boxes) >= len(cards)  # every card's title was checked to stay inside
        for card in cards:
            tap(app, card)
        shown += cards
    assert app.scene is home and home.pages > 1
    assert shown == [f"zone:{zone.id}" for zone in app.exhibit.zones]  # each once, in order
    assert asked == [OpenZone(zone.id) for zone in app.exhibit.zones]
    # And through the whole kiosk: a card on a later page opens its zone.
    home.post = app.apply
    for zone in app.exhibit.zones[len(app.exhibit.zones) // 2 :: 9]:
        tap(app, "home")  # back at home, the pages start again from the first
        open_zone(app, zone.id)
        assert app.scene.name == "zone" and app.scene.zone.id == zone.id


def large_text_home(shipped):
    """The bundled zones in large text on a landscape screen: three cards a page, two pages."""
    app, clock, _ = make_app(shipped)
    tap(app, "attract")
    tap(app, "lang:pl")
    app.set_modes(large_text=True)
    assert app.scene.name == "home" and app.scene.pages == 2
    return app, clock


def zones_shown(app):
    return [w.split(":", 1)[1] for w in app.scene.targets if w.startswith("zone:")]


def test_home_pages_turn_with_a_swipe_and_slide_in_like_screens(shipped):
    app, clock = large_text_home(shipped)
    ids = [zone.id for zone in app.exhibit.zones]
    assert zones_shown(app) == ids[:3]
    # A swipe to the left that starts on a card brings the next page and opens nothing.
    x, y = app.widget_centre(f"zone:{ids[2]}")
    for kind, px in (("down", x), ("move", x - 300), ("up", x - 600)):
        app.pointer(Pointer(kind, px, y))
    assert app.scene.name == "home" and zones_shown(app) == ids[3:]
    assert "next" not in app.scene.targets and "prev" in app.scene.targets  # the last page
    # The cards slide in (0.3 s, as screens do); then the kiosk rests again.
    assert app.busy
    clock.advance(0.15)
    app.update()
    assert app.busy and 0 < abs(app.scene.slide_offset) < app.metrics.width
    clock.advance(0.2)
    app.update()
    assert not app.busy and app.draw(pygame.Surface(app.size)) and not app.draw(pygame.Surface(app.size))
    # Past the last page a swipe does nothing; to the right, the first page comes back.
    for start, end in ((1500, 300), (300, 1500)):
        for kind, px in (("down", start), ("move", (start + end) / 2), ("up", end)):
            app.pointer(Pointer(kind, px, y))
    assert zones_shown(app) == ids[:3]


def test_a_drag_on_a_card_opens_nothing_and_a_tap_after_turning_opens_its_zone(shipped):
    app, clock = large_text_home(shipped)
    first = app.exhibit.zones[0].id
    x, y = app.widget_centre(f"zone:{first}")
    for kind, py in (("down", y), ("move", y - 200), ("up", y - 400)):
        app.pointer(Pointer(kind, x, py))
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("move", x + 40, y + 200))  # a slip sideways and down: not a tap
    app.pointer(Pointer("up", x + 40, y + 200))
    assert app.scene.name == "home" and zones_shown(app)[0] == first
    tap(app, "next")
    last = app.exhibit.zones[-1].id
    tap(app, f"zone:{last}")  # at once, while the cards still slide in
    assert app.scene.name == "zone" and app.scene.zone.id == last


def test_a_new_language_or_text_size_keeps_the_home_page(shipped):
    app, clock = large_text_home(shipped)
    tap(app, "next")
    shown = zones_shown(app)
    tap(app, "lang:kk")
    assert app.language == "kk" and zones_shown(app) == shown
    tap(app, "a11y:large-text")  # normal text: every card on one page, these among them
    assert app.scene.pages == 1 and set(shown) <= set(zones_shown(app))
    assert "next" not in app.scene.targets and "prev" not in app.scene.targets


def test_the_titles_on_other_home_pages_are_checked_too(shipped):
    app, _ = large_text_home(shipped)
    written = {w.text for w in app.type.record}
    assert {app.text(zone.title) for zone in app.exhibit.zones} <= written


def test_the_walk_sees_a_title_that_leaves_its_card(shipped, monkeypatch):
    from kiosk.ui import layout

    monkeypatch.setattr(layout, "card_height", lambda *args: 1)  # every card "holds" its title
    app, _, _ = make_app(shipped)
    tap(app, "attract")
    tap(app, "lang:pl")
    app.set_modes(large_text=True)  # as before pages: two short rows, two-line titles run out
    assert app.scene.pages == 1
    with pytest.raises(AssertionError, match="Kazachstan|Narodowy"):
        check_screen(app, "home")


def test_the_walk_sees_text_leave_its_card_from_where_the_letters_land(shipped, monkeypatch):
    """Not from what the home screen says of its cards: from the pixels set on the screen."""
    from kiosk.ui import layout

    monkeypatch.setattr(layout, "card_height", lambda *args: 1)  # cards too short for two lines
    app, _, _ = make_app(shipped)
    tap(app, "attract")
    tap(app, "lang:pl")
    app.set_modes(large_text=True)
    app.scene.text_boxes = []  # the home screen's own note of its cards, left out
    found = spills(app.scene.static, "home")
    assert any("Kazachstan" in f for f in found) and any("Narodowy" in f for f in found), found
    assert not any("Technologie" in f or "'Las'" in f for f in found)  # one-line titles fit


PLURALS = {  # the staff day's counts: 1, 2, 3, 5 and 11 sessions; 1, 2 and 5 views of a zone
    "pl": [
        "Rosyjski: 1 sesja",
        "Kazachski: 2 sesje",
        "Polski: 5 sesji",
        "sesji",
        "Polska – Kazachstan: 1 wyświetlenie, 1 min",
        "Regiony: 2 wyświetlenia, 2 min",
        "Las: 5 wyświetleń, 5 min",
    ],
    "ru": [
        "Русский: 1 сеанс",
        "Английский: 3 сеанса",
        "Польский: 5 сеансов",
        "сеансов",
        "energy: 1 просмотр, 1 мин",
        "Регионы: 2 просмотра, 2 мин",
        "Лес: 5 просмотров, 5 мин",
    ],
    "kk": ["Орыс тілі: 1 сеанс", "Поляк тілі: 5 сеанс", "energy: 1 қаралым, 1 мин"],
    "en": [
        "Russian: 1 session",
        "English: 3 sessions",
        "sessions",
        "energy: 1 view, 1 min",
        "Regions: 2 views, 2 min",
    ],
}


@pytest.mark.parametrize("language", sorted(PLURALS))
def test_the_staff_screen_writes_each_count_with_its_plural_form(shipped, language, tmp_path):
    from kiosk.config import StaffSettings
    from tests import staff_day

    config, exhibit = shipped
    update = {"store_path": str(tmp_path / "visitors.db"), "staff": StaffSettings(language=language)}
    staffed = config.model_copy(update=update).with_base(config.base_dir)
    staff_day.record(staffed)
    app, clock, _ = make_app((staffed, exhibit))
    app.apply(StaffAction("open"))
    clock.advance(1)
    app.update()
    surface = Traced(app.size)
    app.draw(surface, force=True)
    drawn = {p.written.text for p in placed(surface)}  # as staff see it, on the screen
    assert set(PLURALS[language]) <= drawn
    assert not any(" 1 views" in t or " 1 sessions" in t for t in drawn)
