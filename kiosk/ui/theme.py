"""Colours of the exhibit: light and calm, with the red of the Polish flag as the signal colour.

Text colours are chosen for at least 4.5:1 contrast on the surfaces they sit on.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


def hex_rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@dataclass(frozen=True)
class Theme:
    paper: RGB = (246, 244, 239)  # the screen's background
    card: RGB = (255, 255, 255)
    ink: RGB = (26, 26, 31)
    muted: RGB = (84, 84, 94)
    line: RGB = (221, 216, 207)
    red: RGB = (200, 16, 46)  # Polish flag red; white text on it is 5.9:1
    on_colour: RGB = (255, 255, 255)
    radius: int = 18  # corner radius at 1080p

    def shade(self, colour: RGB, amount: float) -> RGB:
        """Darker (amount > 0) or lighter (< 0) version of a colour, for pressed states."""
        if amount >= 0:
            return tuple(round(c * (1 - amount)) for c in colour)  # type: ignore[return-value]
        return tuple(round(c + (255 - c) * -amount) for c in colour)  # type: ignore[return-value]


THEME = Theme()
