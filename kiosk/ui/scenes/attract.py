"""The attract screen: the pavilion, its zones in pictures, "touch to start" in every language."""

from __future__ import annotations

import pygame

from kiosk.ui import layout, text, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.strings import say

CYCLE_S = 3.0  # how long each language's invitation is highlighted


class AttractScene(Scene):
    name = "attract"

    def __init__(self, app):
        super().__init__(app)
        self.highlight = 0
        self.invitations: list[tuple[pygame.Surface, pygame.Surface, layout.Rect]] = []

    def compose(self, surface: pygame.Surface) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        pavilion, default = app.exhibit.pavilion, app.config.default_language
        self.target("attract", m.screen)
        widgets.flag_band(surface, m, theme)
        words, pictures = layout.attract_frame(m)

        covers = layout.mosaic(pictures, len(app.exhibit.zones), m.gap)
        for zone, box in zip(app.exhibit.zones, covers):
            image = app.images.get(zone.cover, (box.w, box.h))
            surface.blit(widgets.rounded_image(image, m.px(theme.radius)), (box.x, box.y))

        y = words.y + (m.px(40) if not m.portrait else 0)
        title = text.render(
            app.fonts.get(m.type_display, True),
            pavilion.title.get(default, default),
            theme.ink,
            words.w,
            line_height=1.1,
        )
        surface.blit(title, (words.x, y))
        y += title.get_height() + m.px(20)
        pygame.draw.rect(surface, theme.red, (words.x, y, m.px(120), m.px(10)))
        y += m.px(44)
        if pavilion.subtitle:
            sub = text.render(
                app.fonts.get(m.type_heading),
                pavilion.subtitle.get(default, default),
                theme.muted,
                words.w,
                line_height=1.2,
            )
            surface.blit(sub, (words.x, y))

        # The invitations, bottom-aligned: each pre-rendered plain and highlighted.
        font = app.fonts.get(m.type_heading, True)
        row_h = font.get_height() + m.px(36)
        gap = m.px(14)
        codes = app.config.languages
        top = words.bottom - len(codes) * row_h - (len(codes) - 1) * gap
        self.invitations = []
        for i, code in enumerate(codes):
            line = (
                pavilion.invitation.get(code, default)
                if code in pavilion.invitation.root
                else say(code, "touch")
            )
            box = layout.Rect(words.x, top + i * (row_h + gap), words.w, row_h)
            plain = text.line(font, line, theme.muted, words.w - m.px(56))
            lit = text.line(font, line, theme.on_colour, words.w - m.px(56))
            self.invitations.append((plain, lit, box))

    def draw_live(self, surface: pygame.Surface) -> None:
        m, theme = self.app.metrics, self.app.theme
        for i, (plain, lit, box) in enumerate(self.invitations):
            if i == self.highlight:
                pill = layout.Rect(box.x, box.y, lit.get_width() + m.px(56), box.h)
                widgets.panel(surface, pill, theme.red, box.h // 2)
                surface.blit(lit, (box.x + m.px(28), box.y + (box.h - lit.get_height()) // 2))
            else:
                surface.blit(plain, (box.x + m.px(28), box.y + (box.h - plain.get_height()) // 2))

    def update(self, now: float) -> bool:
        count = max(1, len(self.invitations))
        highlight = int(now / CYCLE_S) % count
        changed, self.highlight = highlight != self.highlight, highlight
        return changed

    def draw(self, surface: pygame.Surface) -> None:
        self.pressed = None  # the whole screen is one target: no press shade
        super().draw(surface)

    def activate(self, widget_id: str) -> None:
        self.app.start_visit()
