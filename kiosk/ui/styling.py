"""The sizes, colours and type a screen is drawn with, from the theme and the visitor's modes."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from kiosk.config import Config
from kiosk.ui.layout import Metrics, Sizes
from kiosk.ui.text import Fonts, Typesetter
from kiosk.ui.theme import Theme, high_contrast, theme_from


class Styling(NamedTuple):
    metrics: Metrics
    theme: Theme
    type: Typesetter


def styling(
    config: Config,
    size: tuple[int, int],
    fonts: Fonts,
    large_text: bool,
    contrast: bool,
    draw: bool,
    language: Callable[[], str | None] = lambda: None,
) -> Styling:
    """`language`: the visitor's language now, whose rules break the lines."""
    t = config.theme
    sizes = Sizes(
        t.margin, t.gap, t.radius, t.type_display, t.type_title, t.type_heading, t.type_body, t.type_small
    )
    scale = t.large_text_scale if large_text else 1.0
    metrics = Metrics(*size, sizes, scale, config.display.diagonal_in)
    base = theme_from(t)
    return Styling(
        metrics, high_contrast(base) if contrast else base, Typesetter(fonts, metrics, draw, language)
    )
