"""Every module-level cache has a bound, and those that fill with content edits or with a
long run stay within it (a kiosk runs for months, its curators edit it weekly)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pygame
import pytest

from kiosk.resources import shipped_font
from kiosk.ui import images, text, widgets
from kiosk.ui.images import ImageCache
from kiosk.ui.layout import Metrics
from kiosk.ui.text import BOLD, REGULAR, Fonts, Typesetter

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def font():
    pygame.font.init()
    return pygame.font.Font(shipped_font(REGULAR), 31)


def test_wrapped_texts_are_kept_within_their_bytes(font):
    """A year of edits: thousands of new texts, each as long as a text may be remembered."""
    text._wrap.cache.clear()
    for i in range(3000):
        words = f"Edycja {i}: " + "energia przyszłości dla Astany " * 60
        lines = text.wrap(font, words[: text.CACHED_TEXT_CHARS], 900)
        assert " ".join(lines) == " ".join(words[: text.CACHED_TEXT_CHARS].split())
        assert text._wrap.cache.used <= text.WRAPPED_BYTES
    assert 0 < len(text._wrap.cache) < 3000  # the oldest went
    assert text.wrap(font, "Edycja 2999: krótko", 900) == ["Edycja 2999: krótko"]


def test_measured_words_are_kept_within_their_count(font):
    for i in range(text.CACHED_WORDS + 500):
        text.word_width(font, f"słowo{i}")
    assert text._cached_width.cache_info().currsize <= text.CACHED_WORDS


def test_fonts_read_for_their_glyphs_are_kept_within_their_count(tmp_path):
    """Each release brings its own media/fonts/: the fonts of old ones are let go."""
    for release in range(3 * text.GLYPH_FONTS_KEPT):
        fonts = tmp_path / f"release-{release}" / "media" / "fonts"
        fonts.mkdir(parents=True)
        for name in (REGULAR, BOLD):
            shutil.copy(shipped_font(name), fonts / name)
        Fonts(fonts.parent)
        assert len(text._glyph_fonts) <= text.GLYPH_FONTS_KEPT


def test_a_font_replaced_under_its_name_is_read_again(tmp_path, caplog):
    fonts = tmp_path / "media" / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(shipped_font(REGULAR), fonts / REGULAR)
    assert Fonts(tmp_path / "media").files[False] == fonts / REGULAR
    (fonts / REGULAR).write_bytes(b"not a font any more")
    assert Fonts(tmp_path / "media").files[False] == shipped_font(REGULAR)  # seen, and refused
    assert "cannot be read" in caplog.text


def test_edge_fades_are_kept_within_their_bytes():
    """Every column width and colour a long run may meet (modes, screens, themes)."""
    pygame.display.init()
    for width in range(400, 3000, 40):
        for colour in ((246, 244, 239), (0, 0, 0)):
            strip = widgets.edge_fade(width, 96, colour, True)
            assert strip.get_size() == (width, 96)
            assert widgets.edge_fade.cache.used <= widgets.FADES_BYTES
    assert widgets.edge_fade(1000, 96, (0, 0, 0), True) is widgets.edge_fade(1000, 96, (0, 0, 0), True)


def test_picture_sizes_read_for_measuring_are_kept_within_their_count(monkeypatch, tmp_path):
    monkeypatch.setattr(images, "HEADERS_KEPT", 8)
    cache = ImageCache(tmp_path, draw=False)
    for i in range(50):
        assert cache.get(f"images/gone-{i}.png", (300, 200), "contain").get_size() == (300, 200)
        assert len(cache._headers) <= 8
    cache.clear()
    assert cache._headers == {}


def test_texts_measured_for_a_screen_set_are_kept_within_their_count(monkeypatch):
    monkeypatch.setattr(text, "MEASURED_KEPT", 16)
    ts = Typesetter(Fonts(ROOT / "media"), Metrics(1920, 1080), draw=False)
    for i in range(100):
        ts.block(f"Strefa {i}", "body", (0, 0, 0), (255, 255, 255), 400)
        ts.line(f"Strefa {i}", "body", (0, 0, 0), (255, 255, 255), 400)
        assert len(ts._measured) <= 16
    assert len(ts.record) == 200  # every text is still written down
