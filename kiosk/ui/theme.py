"""Colours of the exhibit, from the theme settings, and the high-contrast variant.

Text is drawn only in colour pairs that meet the WCAG contrast ratio the mode asks for
(4.5:1 normally, 7:1 in high contrast); `contrast_ratio` is what the tests measure with.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.config import ThemeSettings
from kiosk.content.colour import RGB, contrast_ratio, hex_rgb

__all__ = ["RGB", "Theme", "contrast_ratio", "hex_rgb", "high_contrast", "theme_from"]


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
