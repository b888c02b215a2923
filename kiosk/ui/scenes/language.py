"""The language screen: the first choice a visitor makes, each language in its own words."""

from __future__ import annotations

import pygame

from kiosk.ui import layout, text, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.strings import language_name, say


class LanguageScene(Scene):
    name = "language"

    def compose(self, surface: pygame.Surface) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        codes = app.config.languages
        widgets.flag_band(surface, m, theme)

        # The prompt in every language, since the visitor's is not known yet.
        prompt_font = app.fonts.get(m.type_title, True)
        sub_font = app.fonts.get(m.type_body)
        first = say(codes[0], "choose_language")
        others = "  ·  ".join(say(c, "choose_language") for c in codes[1:])
        width = m.width - 2 * m.margin
        head = text.render(prompt_font, first, theme.ink, width, align="center")
        rest = text.render(sub_font, others, theme.muted, width, align="center")
        choices = layout.language_choices(m, len(codes))
        y = choices[0].y - head.get_height() - rest.get_height() - m.px(72)
        surface.blit(head, (m.margin, y))
        surface.blit(rest, (m.margin, y + head.get_height() + m.px(18)))

        for code, box in zip(codes, choices):
            self.target(f"lang:{code}", box)
            widgets.panel(surface, box, theme.card, m.px(theme.radius), theme.line, m.px(2))
            stripe = layout.Rect(box.x, box.y, m.px(14), box.h)
            pygame.draw.rect(
                surface,
                theme.red,
                widgets.rect(stripe),
                border_top_left_radius=m.px(theme.radius),
                border_bottom_left_radius=m.px(theme.radius),
            )
            name = text.line(
                app.fonts.get(m.type_title, True), language_name(code), theme.ink, box.w - m.px(60)
            )
            code_label = app.fonts.get(m.type_small, True).render(code.upper(), True, theme.muted)
            block_h = name.get_height() + code_label.get_height()
            top = box.y + (box.h - block_h) // 2
            surface.blit(name, name.get_rect(centerx=box.center[0] + m.px(7), top=top))
            surface.blit(
                code_label,
                code_label.get_rect(centerx=box.center[0] + m.px(7), top=top + name.get_height()),
            )

    def activate(self, widget_id: str) -> None:
        if widget_id.startswith("lang:"):
            self.app.switch_language(widget_id.split(":", 1)[1])
            self.app.show_home()
