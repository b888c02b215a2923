"""Where set text lands: the box it belongs to, followed through the pieces a screen is built of."""

from __future__ import annotations

import pygame
import pytest

from kiosk.config import Config
from kiosk.ui import widgets
from kiosk.ui.layout import Metrics, Rect
from kiosk.ui.placing import Traced, placed
from kiosk.ui.text import Fonts, Typesetter


@pytest.fixture(scope="module")
def ts():
    pygame.font.init()
    return Typesetter(Fonts(Config().media_path), Metrics(1920, 1080))


def test_text_set_on_a_panel_belongs_to_it_and_is_held_to_its_letters(ts):
    screen = Traced((800, 600))
    screen.fill((255, 255, 255))
    card = Rect(100, 100, 300, 80)
    widgets.panel(screen, card, (240, 240, 240), 12)
    words = ts.block("Polska – Kazachstan", "heading", (0, 0, 0), (240, 240, 240), 260, bold=True)
    screen.blit(words, (120, 110))  # two lines: the second runs out through the card's bottom
    (text,) = placed(screen)
    assert text.written.text == "Polska – Kazachstan" and text.box == card
    assert not text.inside and text.ink.bottom > card.bottom
    # Its box is its letters, not its line box: a word that fits is inside however it is spaced.
    short = ts.line("Las", "heading", (0, 0, 0), (240, 240, 240))
    screen.blit(short, (120, 110))
    assert placed(screen)[-1].inside and placed(screen)[-1].ink.h < short.get_height()


def test_a_piece_hands_its_text_to_the_screen_moved_to_where_it_lands(ts):
    piece = ts.surface((400, 1000))  # a column, scrolled: shown from y=300
    widgets.panel(piece, Rect(0, 400, 400, 100), (240, 240, 240), 12)
    piece.blit(ts.line("10", "display", (0, 0, 0), (240, 240, 240)), (10, 410))
    screen = Traced((800, 600))
    screen.fill((255, 255, 255))
    screen.blit(piece, (50, 60), pygame.Rect(0, 300, 400, 500))
    (text,) = placed(screen)
    assert text.box == Rect(50, 160, 400, 100) and text.ink.y >= 170 and not text.inside
    # A whole new picture over the screen leaves nothing noted from the old one.
    screen.blit(pygame.Surface((800, 600)), (0, 0))
    assert placed(screen) == []


def test_text_on_no_panel_belongs_to_its_surface(ts):
    screen = Traced((300, 100))
    words = ts.line("Narodowy Dzień Polski", "heading", (0, 0, 0), (255, 255, 255))
    screen.blit(words, (100, 0))  # wider than what is left of the screen: cut at its edge
    (text,) = placed(screen)
    assert text.box == Rect(0, 0, 300, 100) and not text.inside
