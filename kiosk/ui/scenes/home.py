"""The home screen: one card per zone, in the order the pavilion file gives."""

from __future__ import annotations

import pygame

from kiosk.ui import layout, text, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.theme import hex_rgb


class HomeScene(Scene):
    name = "home"

    def compose(self, surface: pygame.Surface) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        self.compose_header(surface, app.text(app.exhibit.pavilion.title), with_home=False)
        intro = layout.home_intro(m)
        heading = text.line(app.fonts.get(m.type_heading, True), self.say("zones"), theme.ink, intro.w)
        surface.blit(heading, (intro.x, intro.y + (intro.h - heading.get_height()) // 2))

        zones = app.exhibit.zones
        for zone, box in zip(zones, layout.zone_tiles(m, len(zones))):
            self.target(f"zone:{zone.id}", box)
            self._card(surface, zone, box)

    def _card(self, surface: pygame.Surface, zone, box: layout.Rect) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        radius = m.px(theme.radius)
        widgets.panel(surface, box, theme.card, radius, theme.line, m.px(2))
        accent = hex_rgb(zone.accent)
        pad = m.px(26)
        if m.portrait:
            picture = layout.Rect(box.x, box.y, round(box.w * 0.38), box.h)
            words = layout.Rect(
                picture.right + pad,
                box.y + pad,
                box.right - picture.right - 2 * pad,
                box.h - 2 * pad,
            )
        else:
            picture = layout.Rect(box.x, box.y, box.w, round(box.h * 0.5))
            words = layout.Rect(
                box.x + pad,
                picture.bottom + pad,
                box.w - 2 * pad,
                box.bottom - picture.bottom - 2 * pad,
            )
        image = app.images.get(zone.cover, (picture.w, picture.h))
        surface.blit(widgets.rounded_image(image, radius), (picture.x, picture.y))
        # Square off the inner corners so the picture meets the card cleanly.
        if m.portrait:
            surface.blit(
                image,
                (picture.right - radius, picture.y),
                pygame.Rect(picture.w - radius, 0, radius, picture.h),
            )
        else:
            surface.blit(
                image,
                (picture.x, picture.bottom - radius),
                pygame.Rect(0, picture.h - radius, picture.w, radius),
            )
        bar_h = m.px(8)
        pygame.draw.rect(surface, accent, (words.x, words.y, m.px(64), bar_h), border_radius=bar_h // 2)
        y = words.y + bar_h + m.px(18)
        title = text.render(
            app.fonts.get(m.type_heading, True),
            app.text(zone.title),
            theme.ink,
            words.w,
            line_height=1.15,
            max_lines=2,
        )
        surface.blit(title, (words.x, y))
        y += title.get_height() + m.px(10)
        if zone.summary and words.bottom - y > m.type_small:
            lines = max(1, (words.bottom - y) // round(m.type_small * 1.3 * 1.36))
            summary = text.render(
                app.fonts.get(m.type_small),
                app.text(zone.summary),
                theme.muted,
                words.w,
                max_lines=min(4, lines),
            )
            surface.blit(summary, (words.x, y))

    def activate(self, widget_id: str) -> None:
        if widget_id.startswith("zone:"):
            self.app.open_zone(widget_id.split(":", 1)[1])
        else:
            super().activate(widget_id)
