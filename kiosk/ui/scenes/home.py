"""The home screen: one card per zone, in the order the pavilion file gives.

Cards that do not all fit with their titles whole go on pages, turned the way a zone's pages
turn: a swipe, or the arrows beside the page dots. The cards slide across as screens do.
"""

from __future__ import annotations

import pygame

from kiosk.ui import layout, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.text import Typesetter
from kiosk.ui.transition import TRANSITION_S, ease_out
from kiosk.visit.intents import OpenZone


class HomeScene(Scene):
    name = "home"

    def __init__(self, host):
        super().__init__(host)
        self.grid: layout.HomeGrid | None = None
        self.page = 0
        self.first = 0  # the first zone of the page shown: a rebuild (language, text size) keeps it
        # (text, where it was drawn, its card): for the checks that text stays inside its card
        self.text_boxes: list[tuple[str, layout.Rect, layout.Rect]] = []
        self.slide: tuple[int, float] | None = None  # (direction, start) while cards slide
        self.slide_offset = 0
        self._leaving: pygame.Surface | None = None  # the cards of the page slid away from
        self._measured_for: tuple | None = None
        self._measured: dict[int, tuple[list[int], list]] = {}
        self.title_px: dict[str, int] = {}  # each shown card's title size: one a row

    @property
    def pages(self) -> int:
        return self.grid.pages if self.grid else 1

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        self.compose_chrome(surface, look.text(look.exhibit.pavilion.title))
        intro = layout.home_intro(m)
        heading = ts.line(self.say("zones"), "heading", theme.ink, theme.paper, intro.w)
        surface.blit(heading, (intro.x, intro.y + (intro.h - heading.get_height()) // 2))

        zones = look.exhibit.zones
        # Titles are measured, not drawn, to size the cards: only one page's are drawn. A page
        # turn measures nothing again; a new language, text size or contrast does.
        measure = Typesetter(ts.fonts, m, draw=False, language=ts.speaks)
        if self._measured_for != (look.language, m, theme):
            self._measured_for, self._measured = (look.language, m, theme), {}
        measured = self._measured  # by width: each title's height, and its record

        def heights(width: int) -> list[int]:
            if width not in measured:
                measure.record.clear()
                tall = [self._title(measure, zone, width).get_height() for zone in zones]
                measured[width] = tall, list(measure.record)
            return measured[width][0]

        self.grid = grid = layout.home_grid(m, len(zones), lambda width: max(heights(width), default=0))
        self.page = min(grid.page_of(self.first), grid.pages - 1)
        shown = grid.on_page(self.page)
        self.first = shown.start
        self.text_boxes = []
        # One title size a row: the largest at which every title of the row fits whole (a
        # column of wide cards is one row). A row's pictures make room for its tallest title,
        # so that they line up.
        row_of = {i: 0 if grid.side else grid.cards[i].y for i in shown}
        style: dict[int, str] = {}
        for row in set(row_of.values()):
            titles = [look.text(zones[i].title) for i in shown if row_of[i] == row]
            fits = all(ts.fits(t, "heading", grid.title_w, 2, bold=True) for t in titles)
            style[row] = "heading" if fits else "body"
        rows: dict[int, int] = {}
        for i in shown:
            title_h = self._title(measure, zones[i], grid.title_w, style[row_of[i]]).get_height()
            rows[row_of[i]] = max(rows.get(row_of[i], 0), title_h)
        measure.record.clear()
        self.title_px = {}
        for i in shown:
            zone, box = zones[i], grid.cards[i]
            self.target(f"zone:{zone.id}", box)
            self.title_px[zone.id] = m.type(style[row_of[i]])
            self._card(surface, zone, box, rows[row_of[i]], style[row_of[i]])
        # The titles on the other pages are set too: the fit checks read them in the record.
        ts.record.extend(w for i, w in enumerate(measured[grid.title_w][1]) if i not in shown)
        if grid.nav:
            self._nav(surface, grid.nav)

    def _title(self, ts: Typesetter, zone, width: int, style: str | None = None) -> pygame.Surface:
        """The title in `style`, or, sizing the cards, the largest style it fits whole in."""
        theme = self.look.theme
        return ts.block(
            self.look.text(zone.title),
            style or "heading",
            theme.ink,
            theme.card,
            width,
            bold=True,
            line_height=1.15,
            max_lines=2,
            smaller=() if style else ("body",),
        )

    def _card(self, surface: pygame.Surface, zone, box: layout.Rect, room_h: int, style: str) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        side = self.grid.side
        widgets.panel(surface, box, theme.card, m.radius, theme.line, m.px(2))
        title = self._title(ts, zone, layout.card_words_width(m, box.w, side), style)
        card = layout.zone_card(m, box, title.get_height(), side, room_h)
        picture, words = card.picture, card.words
        image = look.images.get(zone.cover, (picture.w, picture.h))
        surface.blit(look.picture(zone.cover, (picture.w, picture.h)), (picture.x, picture.y))
        # Square off the inner corners so the picture meets the card cleanly.
        r = m.radius
        if side:
            surface.blit(image, (picture.right - r, picture.y), pygame.Rect(picture.w - r, 0, r, picture.h))
        else:
            surface.blit(image, (picture.x, picture.bottom - r), pygame.Rect(0, picture.h - r, picture.w, r))
        bar = card.bar
        widgets.panel(surface, bar, theme.accent(zone.accent), bar.h // 2)
        self._put(surface, title, look.text(zone.title), card.title.x, card.title.y, box)
        if zone.summary:
            y = card.summary_top
            line_h = round(ts.font("small").get_height() * 1.3)
            lines = (words.bottom - y) // line_h
            # The summary is a bonus: shown whole or not at all (large text leaves little room).
            if lines >= 1 and ts.fits(look.text(zone.summary), "small", words.w, lines):
                summary = ts.block(look.text(zone.summary), "small", theme.muted, theme.card, words.w)
                self._put(surface, summary, look.text(zone.summary), words.x, y, box)

    def _put(
        self, surface: pygame.Surface, text: pygame.Surface, words: str, x: int, y: int, card: layout.Rect
    ) -> None:
        surface.blit(text, (x, y))
        self.text_boxes.append((words, layout.Rect(x, y, text.get_width(), text.get_height()), card))

    def _nav(self, surface: pygame.Surface, nav: layout.PageNav) -> None:
        """Page dots and arrows, drawn as a zone's are, in the signal colour."""
        m, theme = self.look.metrics, self.look.theme
        pygame.draw.line(
            surface, theme.line, (m.margin, nav.bar.y), (m.width - m.margin, nav.bar.y), max(1, m.px(2))
        )
        widgets.dots(surface, nav.dots, self.pages, self.page, theme.signal, theme.line, m)
        stroke = max(3, m.px(6))
        for widget_id, r, direction, shown in (
            ("prev", nav.prev, -1, self.page > 0),
            ("next", nav.next, 1, self.page < self.pages - 1),
        ):
            if shown:
                self.target(widget_id, r)
                widgets.panel(surface, r, theme.signal, m.radius)
                widgets.chevron(surface, r, direction, theme.on_signal, stroke)

    # -- pages ---------------------------------------------------------------------------------
    def _band(self) -> layout.Rect:
        """What slides when the page turns: the cards' rows, the whole width of the screen."""
        m = self.look.metrics
        top = layout.home_intro(m).bottom
        return layout.Rect(0, top, m.width, layout.footer(m).y - m.gap // 2 - top)

    def turn(self, step: int) -> None:
        page = max(0, min(self.pages - 1, self.page + step))
        if page == self.page or self.grid is None:
            return
        band = self._band()
        if self._leaving is None or self._leaving.get_size() != (band.w, band.h):
            self._leaving = pygame.Surface((band.w, band.h))  # kept: every turn reuses it
        self._leaving.blit(self.static, (0, 0), widgets.rect(band))
        self.first = self.grid.on_page(page).start
        self.build()
        self.slide, self.slide_offset = (step, self.look.clock.monotonic()), 0

    def update(self, now: float, dt: float) -> bool:
        if self.slide is None:
            return False
        direction, start = self.slide
        progress = min(1.0, (now - start) / TRANSITION_S)
        self.slide_offset = round(self.look.metrics.width * ease_out(progress)) * direction
        if progress >= 1:
            self.slide = None
        return True

    @property
    def animating(self) -> bool:
        return self.slide is not None

    def draw_live(self, surface: pygame.Surface) -> None:
        if self.slide is None or self._leaving is None:
            return
        direction, band, offset = self.slide[0], self._band(), self.slide_offset
        surface.fill(self.look.theme.paper, widgets.rect(band))
        surface.blit(self._leaving, (-offset, band.y))
        surface.blit(self.static, (direction * band.w - offset, band.y), widgets.rect(band))

    def press(self, x: float, y: float) -> None:
        self.slide = None  # a touch lands on the page that is coming, at once
        super().press(x, y)

    def swipe(self, x: float, y: float, dx: float) -> None:
        # Content follows the finger: a swipe to the left brings the next page.
        self.turn(+1 if dx < 0 else -1)

    def activate(self, widget_id: str) -> None:
        if widget_id.startswith("zone:"):
            self.post(OpenZone(widget_id.split(":", 1)[1]))
        elif widget_id in ("next", "prev"):
            self.turn(+1 if widget_id == "next" else -1)
        else:
            super().activate(widget_id)
