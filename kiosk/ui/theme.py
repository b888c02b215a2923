"""Colours of the exhibit, from the theme settings, and the high-contrast variant.

Text is drawn only in colour pairs that meet the WCAG contrast ratio the mode asks for
(4.5:1 normally, 7:1 in high contrast); `contrast_ratio` is what the tests measure with.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.config import ThemeSettings

RGB = tuple[int, int, int]


def hex_rgb(value: str) -> RGB:
    value = value.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: RGB) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """WCAG 2 contrast ratio, from 1 (same) to 21 (black on white)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass(frozen=True)
class Theme:
    paper: RGB  # the screen's background
    card: RGB
    ink: RGB
    muted: RGB
    line: RGB
    signal: RGB
    on_signal: RGB
    high_contrast: bool = False
    right: RGB = (22, 120, 60)  # a right quiz answer
    wrong: RGB = (176, 32, 32)

    def accent(self, zone_colour: str) -> RGB:
        """A zone's colour as a fill behind `on_accent` text, and as text on paper."""
        return self.signal if self.high_contrast else hex_rgb(zone_colour)

    @property
    def on_accent(self) -> RGB:
        return self.on_signal

    @property
    def minimum_contrast(self) -> float:
        return 7.0 if self.high_contrast else 4.5


def theme_from(settings: ThemeSettings) -> Theme:
    return Theme(
        paper=hex_rgb(settings.paper),
        card=hex_rgb(settings.card),
        ink=hex_rgb(settings.ink),
        muted=hex_rgb(settings.muted),
        line=hex_rgb(settings.line),
        signal=hex_rgb(settings.signal),
        on_signal=hex_rgb(settings.on_signal),
    )


def high_contrast(theme: Theme) -> Theme:
    """White and yellow on black: every pair at least 7:1, whatever the zone colours."""
    return replace(
        theme,
        paper=(0, 0, 0),
        card=(0, 0, 0),
        ink=(255, 255, 255),
        muted=(235, 235, 235),
        line=(200, 200, 200),
        signal=(255, 214, 0),
        on_signal=(0, 0, 0),
        right=(120, 230, 140),
        wrong=(255, 150, 140),
        high_contrast=True,
    )
