"""The language screen: the first choice a visitor makes, each language in its own words."""

from __future__ import annotations

import pygame

from kiosk.ui import layout, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.strings import language_name, say
from kiosk.visit.intents import SetLanguage


class LanguageScene(Scene):
    name = "language"

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        codes = look.config.languages
        self.compose_chrome(surface, look.text(look.exhibit.pavilion.title))

        # The prompt in every language, since the visitor's is not known yet.
        width = m.width - 2 * m.margin
        first = say(codes[0], "choose_language")
        others = "  ·  ".join(say(c, "choose_language") for c in codes[1:])
        head = ts.block(first, "title", theme.ink, theme.paper, width, bold=True, align="center", max_lines=2)
        rest = ts.block(others, "body", theme.muted, theme.paper, width, align="center")
        prompt_h = head.get_height() + m.px(18) + rest.get_height()
        choices = layout.language_choices(m, len(codes), prompt_h + m.px(40))
        y = choices[0].y - prompt_h - m.px(48)
        surface.blit(head, (m.margin, y))
        surface.blit(rest, (m.margin, y + head.get_height() + m.px(18)))

        for code, box in zip(codes, choices):
            self.target(f"lang:{code}", box)
            widgets.panel(surface, box, theme.card, m.radius, theme.line, m.px(2))
            stripe = layout.Rect(box.x, box.y, m.px(14), box.h)
            pygame.draw.rect(
                surface,
                theme.signal,
                widgets.rect(stripe),
                border_top_left_radius=m.radius,
                border_bottom_left_radius=m.radius,
            )
            name = ts.line(
                language_name(code), "title", theme.ink, theme.card, box.w - m.px(60), smaller=("heading",)
            )
            code_label = ts.line(code.upper(), "small", theme.muted, theme.card)
            block_h = name.get_height() + code_label.get_height()
            top = box.y + (box.h - block_h) // 2
            centre = box.center[0] + m.px(7)
            surface.blit(name, name.get_rect(centerx=centre, top=top))
            surface.blit(code_label, code_label.get_rect(centerx=centre, top=top + name.get_height()))

    def activate(self, widget_id: str) -> None:
        if widget_id.startswith("lang:") and self.hit(*self.targets[widget_id].center) == widget_id:
            self.post(SetLanguage(widget_id.split(":", 1)[1], then_home=True))
        else:
            super().activate(widget_id)
