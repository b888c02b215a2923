"""What every screen shares: a picture built once, touch targets by id, the header.

A scene draws everything that does not move into `static` when it is built (on entering, on
a language change); a frame is then one blit plus the press state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from kiosk.ui import layout, widgets
from kiosk.ui.layout import Rect
from kiosk.ui.strings import say

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp


class Scene:
    name = "scene"

    def __init__(self, app: KioskApp):
        self.app = app
        self.targets: dict[str, Rect] = {}
        self.pressed: str | None = None
        self.static: pygame.Surface | None = None

    # -- building ------------------------------------------------------------------------------
    def build(self) -> None:
        m = self.app.metrics
        self.targets = {}
        self.static = pygame.Surface((m.width, m.height))
        self.static.fill(self.app.theme.paper)
        self.compose(self.static)

    def compose(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def target(self, widget_id: str, r: Rect) -> Rect:
        self.targets[widget_id] = r
        return r

    def compose_header(
        self,
        surface: pygame.Surface,
        title: str,
        with_home: bool,
        accent: tuple[int, int, int] | None = None,
    ) -> None:
        """Home at the left, languages at the right: the same place on every screen."""
        app, m, theme = self.app, self.app.metrics, self.app.theme
        bar = layout.header(m)
        pygame.draw.rect(surface, theme.card, widgets.rect(bar))
        pygame.draw.line(surface, theme.line, (0, bar.bottom - 1), (m.width, bar.bottom - 1), max(1, m.px(2)))
        widgets.flag_band(surface, m, theme)
        if with_home:
            home = self.target("home", layout.home_button(m))
            widgets.panel(surface, home, theme.paper, m.px(theme.radius), theme.line, m.px(2))
            widgets.home_icon(surface, home, theme.ink, max(2, m.px(5)))
        title_box = layout.header_title(m, len(app.config.languages), with_home)
        if accent:
            mark = m.px(14)
            pygame.draw.rect(
                surface,
                accent,
                (title_box.x, title_box.y + (title_box.h - m.px(56)) // 2, mark, m.px(56)),
                border_radius=mark // 2,
            )
            title_box = Rect(
                title_box.x + mark + m.px(20),
                title_box.y,
                title_box.w - mark - m.px(20),
                title_box.h,
            )
        # A long title steps down a size before it is shortened.
        font = app.fonts.get(m.type_heading, True)
        if font.size(title)[0] > title_box.w:
            font = app.fonts.get(m.type_body, True)
        words = widgets.text.line(font, title, theme.ink, title_box.w)
        surface.blit(words, (title_box.x, title_box.y + (title_box.h - words.get_height()) // 2))
        for code, pill in zip(app.config.languages, layout.language_pills(m, len(app.config.languages))):
            self.target(f"lang:{code}", pill)
            on = code == app.language
            widgets.button(
                surface,
                app.fonts,
                m,
                theme,
                pill,
                code.upper(),
                theme.ink if on else theme.card,
                theme.card if on else theme.ink,
                None if on else theme.line,
                px=m.type_small + m.px(3),
            )

    def say(self, key: str) -> str:
        return say(self.app.language, key)

    # -- running -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        if self.static is None:
            self.build()
        surface.blit(self.static, (0, 0))
        self.draw_live(surface)
        if self.pressed in self.targets:
            widgets.pressed_overlay(surface, self.targets[self.pressed], self.app.metrics, self.app.theme)

    def draw_live(self, surface: pygame.Surface) -> None:
        """Whatever changes while the scene is shown; nothing by default."""

    def update(self, now: float) -> bool:
        """Advance animations; True when the screen must be redrawn."""
        return False

    def hit(self, x: float, y: float) -> str | None:
        for widget_id, r in self.targets.items():
            if r.contains(x, y):
                return widget_id
        return None

    def press(self, x: float, y: float) -> None:
        self.pressed = self.hit(x, y)

    def release(self) -> None:
        self.pressed = None

    def tap(self, x: float, y: float) -> None:
        widget_id = self.hit(x, y)
        if widget_id is not None:
            self.activate(widget_id)

    def activate(self, widget_id: str) -> None:
        """Shared controls; scenes handle their own ids first and defer to this."""
        if widget_id.startswith("lang:"):
            self.app.switch_language(widget_id.split(":", 1)[1])
        elif widget_id == "home":
            self.app.show_home()

    def swipe(self, dx: float) -> None:
        """A horizontal swipe; most screens ignore it."""
