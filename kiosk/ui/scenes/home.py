"""The home screen: one card per zone, in the order the pavilion file gives."""

from __future__ import annotations

import pygame

from kiosk.ui import layout, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.visit.intents import OpenZone


class HomeScene(Scene):
    name = "home"

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        self.compose_chrome(surface, look.text(look.exhibit.pavilion.title))
        intro = layout.home_intro(m)
        heading = ts.line(self.say("zones"), "heading", theme.ink, theme.paper, intro.w)
        surface.blit(heading, (intro.x, intro.y + (intro.h - heading.get_height()) // 2))

        zones = look.exhibit.zones
        for zone, box in zip(zones, layout.zone_tiles(m, len(zones))):
            self.target(f"zone:{zone.id}", box)
            self._card(surface, zone, box)

    def _card(self, surface: pygame.Surface, zone, box: layout.Rect) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        widgets.panel(surface, box, theme.card, m.radius, theme.line, m.px(2))
        pad, bar_h = m.px(26), m.px(8)
        if m.portrait:
            picture = layout.Rect(box.x, box.y, round(box.w * 0.38), box.h)
            words = layout.Rect(
                picture.right + pad, box.y + pad, box.right - picture.right - 2 * pad, box.h - 2 * pad
            )
        else:
            words = layout.Rect(box.x + pad, box.y, box.w - 2 * pad, box.h)
        title = ts.block(
            look.text(zone.title),
            "heading",
            theme.ink,
            theme.card,
            words.w,
            bold=True,
            line_height=1.15,
            max_lines=2,
            smaller=("body",),
        )
        if not m.portrait:
            # The picture gives way to the title, which must always be read whole.
            text_h = bar_h + m.px(18) + title.get_height() + 2 * pad
            picture_h = min(round(box.h * 0.5), max(round(box.h * 0.25), box.h - text_h - m.px(60)))
            picture = layout.Rect(box.x, box.y, box.w, picture_h)
            words = layout.Rect(words.x, picture.bottom + pad, words.w, box.bottom - picture.bottom - 2 * pad)
        image = look.images.get(zone.cover, (picture.w, picture.h))
        surface.blit(look.picture(zone.cover, (picture.w, picture.h)), (picture.x, picture.y))
        # Square off the inner corners so the picture meets the card cleanly.
        r = m.radius
        if m.portrait:
            surface.blit(image, (picture.right - r, picture.y), pygame.Rect(picture.w - r, 0, r, picture.h))
        else:
            surface.blit(image, (picture.x, picture.bottom - r), pygame.Rect(0, picture.h - r, picture.w, r))
        pygame.draw.rect(
            surface, theme.accent(zone.accent), (words.x, words.y, m.px(64), bar_h), border_radius=bar_h // 2
        )
        y = words.y + bar_h + m.px(18)
        surface.blit(title, (words.x, y))
        y += title.get_height() + m.px(10)
        if zone.summary:
            line_h = round(ts.font("small").get_height() * 1.3)
            lines = (words.bottom - y) // line_h
            # The summary is a bonus: shown whole or not at all (large text leaves little room).
            if lines >= 1 and ts.fits(look.text(zone.summary), "small", words.w, lines):
                summary = ts.block(look.text(zone.summary), "small", theme.muted, theme.card, words.w)
                surface.blit(summary, (words.x, y))

    def activate(self, widget_id: str) -> None:
        if widget_id.startswith("zone:"):
            self.post(OpenZone(widget_id.split(":", 1)[1]))
        else:
            super().activate(widget_id)
