"""The sample content wrapped as visitors see it: each language's rules hold on every line."""

from __future__ import annotations

import re

import pygame
import pytest

from kiosk.content.model import texts
from kiosk.content.typography import NBSP, ONE_LETTER, SHY, glue, words
from kiosk.resources import shipped_font
from kiosk.ui.text import BOLD, REGULAR, paragraphs, render, wrap

WIDTHS = [260, 340, 420, 560, 760, 1000]  # hotspot cards and portrait cards to wide columns
_NUMBER = re.compile(r"\d[\d.,]*$")


@pytest.fixture(scope="module")
def fonts():
    pygame.font.init()
    return [pygame.font.Font(shipped_font(REGULAR), 31), pygame.font.Font(shipped_font(BOLD), 42)]


def sample_texts(exhibit, language):
    for model in (exhibit.pavilion, *exhibit.zones):
        for _, text in texts(model):
            if language in text.root:
                yield text.root[language]


def too_wide(font, para, language, last, after, width):
    """The bound group that holds `last` and the word after it is wider than the line."""
    bond = f"{last}{NBSP}{after.replace(NBSP, ' ').split(' ')[0]}"
    groups = [g for g in words(glue(para, language)) if bond in g]
    return bool(groups) and all(font.size(g)[0] > width for g in groups)


@pytest.mark.parametrize("language", ["pl", "ru"])
def test_no_line_ends_in_a_one_letter_word_or_a_number(shipped, fonts, language):
    _, exhibit = shipped
    letters = ONE_LETTER[language]
    checked = 0
    for value in sample_texts(exhibit, language):
        for para in paragraphs(value):
            for font in fonts:
                for width in WIDTHS:
                    lines = wrap(font, para, width, language)
                    for line, after in zip(lines, lines[1:]):
                        last = line.replace(NBSP, " ").split(" ")[-1]
                        checked += 1
                        if last in letters:
                            assert too_wide(font, para, language, last, after, width), (line, after)
                        # "6 / września", "2012 / году": a number goes down with its word,
                        # unless the two together are wider than the line
                        ordinal = last.endswith(".") and after[:1].islower()  # "16. pozycję"
                        if _NUMBER.match(last) and (last[-1].isdigit() or ordinal):
                            assert too_wide(font, para, language, last, after, width), (line, after)
    assert checked > 1000


def test_the_sample_dates_stay_whole(shipped, fonts):
    _, exhibit = shipped
    dates = {"pl": "6 września", "ru": "6 сентября", "kk": "6 қыркүйек"}
    for language, date in dates.items():
        found = [p for v in sample_texts(exhibit, language) for p in paragraphs(v) if date in p]
        assert found, date
        for para in found:
            for width in WIDTHS:
                joined = "\n".join(wrap(fonts[0], para, width, language)).replace(NBSP, " ")
                assert date in joined, (width, joined)


def test_a_no_break_space_holds_and_a_soft_hyphen_is_drawn_only_at_a_break(fonts):
    font = fonts[0]
    text = f"Expo{NBSP}2017 Kazach{SHY}stan"  # the number holds on to the word after, too
    narrow = font.size("Expo 2017")[0] + 4
    assert "Expo 2017" in wrap(font, text, narrow)[0].replace(NBSP, " ")
    assert all(SHY not in line for line in wrap(font, text, 2000))
    assert wrap(font, text, 2000) == [f"Expo{NBSP}2017{NBSP}Kazachstan"]
    wide_enough = font.size("Kazach-")[0] + 2
    assert wrap(font, f"Kazach{SHY}stan", wide_enough) == ["Kazach-", "stan"]
    # drawn: a soft hyphen takes no room where the word is whole
    assert (
        render(font, f"Kazach{SHY}stan", (0, 0, 0), 2000).get_height()
        == render(font, "Kazachstan", (0, 0, 0), 2000).get_height()
    )
    assert font.size(wrap(font, f"Ka{SHY}zach{SHY}stan", 2000)[0]) == font.size("Kazachstan")


def test_a_word_too_long_for_a_narrow_column_is_hyphenated_not_cut(fonts):
    font = fonts[0]
    lines = wrap(font, "zgazowywanie", font.size("zgazowywa-")[0] + 2, "pl")
    assert lines == ["zgazowywa-", "nie"]
