"""The language buttons: each language by its own name where the bar has room, else by its
own short form; always apart and as large as a touch target."""

from __future__ import annotations

import itertools

import pytest

from kiosk.ui import layout
from kiosk.ui.layout import Metrics
from kiosk.ui.strings import LANGUAGE_NAMES, LANGUAGE_SHORT
from tests.ui.test_app import make_app, tap
from tests.ui.test_layout import MODES, SIZES

NAMES = ["Polski", "English", "Қазақша", "Русский"]
SHORT = ["POL", "ENG", "ҚАЗ", "РУС"]


pytestmark = pytest.mark.usefixtures("display")


def labels_on(app):
    """The language buttons' labels as set on the screen shown, in the bar's order."""
    said = {w.text for w in app.type.record}
    return [label for label in [*NAMES, *SHORT] if label in said]


@pytest.mark.parametrize("language", ["pl", "en", "kk", "ru"])
def test_languages_are_named_in_their_own_words_on_a_landscape_screen(shipped, language):
    app, _, _ = make_app(shipped, (1920, 1080))
    tap(app, "attract")
    tap(app, f"lang:{language}")
    assert labels_on(app) == NAMES
    for large in (False, True):
        app.set_modes(large_text=large)
        assert labels_on(app) == NAMES, large
        assert not any(w.cut for w in app.type.record)


def test_a_narrow_bar_shows_the_languages_short_forms_whole(shipped):
    app, _, _ = make_app(shipped, (1080, 1920))
    tap(app, "attract")
    tap(app, "lang:ru")  # the longest finish label: "Завершить"
    app.set_modes(large_text=True)
    assert labels_on(app) == SHORT
    assert not any(w.cut for w in app.type.record)


def test_every_language_has_a_name_and_a_short_form():
    assert list(LANGUAGE_NAMES.values()) == NAMES and list(LANGUAGE_SHORT.values()) == SHORT


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("scale", MODES)
def test_buttons_wide_enough_for_names_stay_apart_and_touchable(size, scale):
    m = Metrics(*size, text_scale=scale)
    per_letter = m.type("small") * 0.62  # bold small type: about this wide a letter
    labels = tuple(
        tuple(round(len(word) * per_letter) + 2 * m.px(18) + m.px(6) for word in row)
        for row in (NAMES, SHORT)
    )
    c = layout.chrome(m, 4, round(m.px(220) * scale), labels)
    controls = [c.home, c.title, c.large_text, c.contrast, c.finish, *c.languages]
    for a, b in itertools.combinations(controls, 2):
        assert not a.overlaps(b), (a, b)
    for r in [c.home, c.large_text, c.contrast, c.finish, *c.languages]:
        assert r.inside(c.bar) and min(r.w, r.h) >= m.mm(15) - 1
    assert all(r.w >= w for r, w in zip(c.languages, labels[c.labels]))
    assert c.title.w > m.width // 4
    if not m.portrait:
        assert c.labels == 0  # a landscape bar has room for the names
