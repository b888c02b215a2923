"""A zone: its pages one at a time, text on one side and a picture or a figure on the other."""

from __future__ import annotations

import pygame

from kiosk.content.model import Fact, Heading, Page, Paragraphs, Picture, Zone
from kiosk.ui import layout, text, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.theme import hex_rgb


def visual_blocks(page: Page) -> list:
    """What goes beside the text: the page's pictures, or else its big figures."""
    pictures = [b for b in page.blocks if isinstance(b, Picture)]
    return pictures or [b for b in page.blocks if isinstance(b, Fact)]


class ZoneScene(Scene):
    name = "zone"

    def __init__(self, app, zone: Zone, page_index: int = 0):
        super().__init__(app)
        self.zone = zone
        self.page_index = page_index

    @property
    def page(self) -> Page:
        return self.zone.pages[self.page_index]

    def compose(self, surface: pygame.Surface) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        accent = hex_rgb(self.zone.accent)
        self.compose_header(surface, app.text(self.zone.title), with_home=True, accent=accent)
        beside = visual_blocks(self.page)
        # A long title wraps onto a second line and the page moves down to make room.
        title = text.render(
            app.fonts.get(m.type_title, True),
            app.text(self.page.title),
            theme.ink,
            layout.body(m).w,
            line_height=1.1,
            max_lines=2,
        )
        frame = layout.zone_frame(m, has_visual=bool(beside), title_h=title.get_height())
        surface.blit(title, (frame.title.x, frame.title.y))

        flow = [b for b in self.page.blocks if all(b is not v for v in beside)]
        self._flow(surface, flow, frame.text, accent)
        if frame.visual:
            self._visual(surface, beside, frame.visual, accent)
        self._footer(surface, frame, accent)

    # -- the text column ----------------------------------------------------------------------
    def _flow(self, surface: pygame.Surface, blocks: list, box: layout.Rect, accent) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        column = surface.subsurface(widgets.rect(box))  # nothing spills out of the column
        y = 0
        for block in blocks:
            if isinstance(block, Heading):
                piece = text.render(
                    app.fonts.get(m.type_heading, True),
                    app.text(block.text),
                    theme.ink,
                    box.w,
                    line_height=1.2,
                )
            elif isinstance(block, Paragraphs):
                piece = text.render(
                    app.fonts.get(m.type_body),
                    app.text(block.text),
                    theme.ink,
                    box.w,
                    line_height=1.42,
                )
            elif isinstance(block, Fact):
                piece = self._fact_inline(block, box.w, accent)
            else:
                continue
            column.blit(piece, (0, y))
            y += piece.get_height() + m.px(30)

    def _fact_inline(self, block: Fact, width: int, accent) -> pygame.Surface:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        bar = m.px(10)
        value = text.render(
            app.fonts.get(m.type_title, True),
            app.text(block.value),
            accent,
            width - bar - m.px(24),
            line_height=1.1,
        )
        label = text.render(
            app.fonts.get(m.type_body), app.text(block.label), theme.muted, width - bar - m.px(24)
        )
        piece = pygame.Surface((width, value.get_height() + label.get_height()), pygame.SRCALPHA)
        pygame.draw.rect(piece, accent, (0, 0, bar, piece.get_height()), border_radius=bar // 2)
        piece.blit(value, (bar + m.px(24), 0))
        piece.blit(label, (bar + m.px(24), value.get_height()))
        return piece

    # -- the visual column --------------------------------------------------------------------
    def _visual(self, surface: pygame.Surface, blocks: list, box: layout.Rect, accent) -> None:
        block = blocks[0]
        if isinstance(block, Picture):
            self._picture(surface, block, box)
        else:
            self._fact_card(surface, block, box, accent)

    def _picture(self, surface: pygame.Surface, block: Picture, box: layout.Rect) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        notes = []
        if block.caption:
            notes.append(
                text.render(
                    app.fonts.get(m.type_small + m.px(2)),
                    app.text(block.caption),
                    theme.ink,
                    box.w,
                    max_lines=2,
                )
            )
        if block.credit:
            notes.append(
                text.render(
                    app.fonts.get(m.type_small),
                    app.text(block.credit),
                    theme.muted,
                    box.w,
                    max_lines=1,
                )
            )
        notes_h = sum(n.get_height() for n in notes) + (m.px(16) if notes else 0)
        image = app.images.get(block.src, (box.w, box.h - notes_h), fit="contain")
        image = widgets.rounded_image(image, m.px(self.app.theme.radius))
        surface.blit(image, (box.x, box.y))
        y = box.y + image.get_height() + m.px(16)
        for note in notes:
            surface.blit(note, (box.x, y))
            y += note.get_height()

    def _fact_card(self, surface: pygame.Surface, block: Fact, box: layout.Rect, accent) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        pad = m.px(56)
        value = text.render(
            app.fonts.get(m.type_display, True),
            app.text(block.value),
            theme.on_colour,
            box.w - 2 * pad,
            line_height=1.05,
        )
        label = text.render(
            app.fonts.get(m.type_heading),
            app.text(block.label),
            theme.on_colour,
            box.w - 2 * pad,
            line_height=1.25,
        )
        card_h = min(box.h, value.get_height() + label.get_height() + 2 * pad + m.px(24))
        card = layout.Rect(box.x, box.y + (box.h - card_h) // 2, box.w, card_h)
        widgets.panel(surface, card, accent, m.px(theme.radius))
        surface.blit(value, (card.x + pad, card.y + pad))
        surface.blit(label, (card.x + pad, card.y + pad + value.get_height() + m.px(24)))

    # -- navigation ---------------------------------------------------------------------------
    def _footer(self, surface: pygame.Surface, frame: layout.ZoneFrame, accent) -> None:
        app, m, theme = self.app, self.app.metrics, self.app.theme
        bar = layout.footer(m)
        pygame.draw.line(surface, theme.line, (m.margin, bar.y), (m.width - m.margin, bar.y), max(1, m.px(2)))
        back = self.target("back", frame.back)
        widgets.button(
            surface,
            app.fonts,
            m,
            theme,
            back,
            "‹  " + self.say("all_zones"),
            theme.card,
            theme.ink,
            theme.line,
        )
        pages = len(self.zone.pages)
        widgets.dots(surface, frame.dots, pages, self.page_index, accent, theme.line, m)
        stroke = max(3, m.px(6))
        for widget_id, r, direction, shown in (
            ("prev", frame.prev, -1, self.page_index > 0),
            ("next", frame.next, 1, self.page_index < pages - 1),
        ):
            if not shown:
                continue
            self.target(widget_id, r)
            widgets.panel(surface, r, accent, m.px(theme.radius))
            widgets.chevron(surface, r, direction, theme.on_colour, stroke)

    # -- behaviour ----------------------------------------------------------------------------
    def activate(self, widget_id: str) -> None:
        if widget_id == "next":
            self.app.turn_page(+1)
        elif widget_id == "prev":
            self.app.turn_page(-1)
        elif widget_id == "back":
            self.app.show_home()
        else:
            super().activate(widget_id)

    def swipe(self, dx: float) -> None:
        # Content follows the finger: a swipe to the left brings the next page.
        self.app.turn_page(+1 if dx < 0 else -1)
