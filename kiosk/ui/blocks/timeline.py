"""Dates on a line, each with its event: across the page on a page of its own, else in the text.

On its own page (the TIMELINE composition) the line runs level across the page in landscape,
each date large above it and its event under it; upright it runs down the page's left, where
a tall screen has the room. Events that do not all fit are stepped through with the arrows at
the line's ends, or a swipe on the line; past its ends a swipe turns the page as anywhere.
"""

from __future__ import annotations

import pygame

from kiosk.ui import smooth, widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece
from kiosk.ui.layout import Rect, TimelineFrame, timeline_frame

ARROWS = ("timeline:prev", "timeline:next")


@view("timeline")
class TimelineView(BlockView):
    def __init__(self, page, block):
        super().__init__(page, block)
        self.start = 0  # the first event in view
        self.most = 1  # how many events a view may hold, for their texts to hold uncut
        self.box: Rect | None = None
        self.frame: TimelineFrame | None = None
        self.rows: list[tuple[pygame.Surface, pygame.Surface]] = []

    # -- on a page of its own -------------------------------------------------------------------
    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        look, m = self.look, self.look.metrics
        events = self.block.events
        self.box = box
        pad = m.px(28)  # between the line's dot and the words
        first = timeline_frame(m, box, len(events), self.start)
        # The texts in body type if fewer events to a view, each wider (landscape) or taller
        # (upright), let every one hold uncut in its room, two at least; else in small type;
        # one event alone only when no two hold; cut only when even one in small type does not.
        values = [look.text(e.text) for e in events]
        many = range(first.per_view, 1, -1)
        tries = [*(("body", k) for k in many), *(("small", k) for k in many), ("body", 1), ("small", 1)]
        for style, most in tries:
            self.most = most
            width = timeline_frame(m, box, len(events), self.start, most=most).slots[0].w
            dates = self._dates(width)
            dates_h = max(d.get_height() for d in dates)
            # Landscape, the texts go under the line; upright, each event has its share of it.
            room = box.h - dates_h - 3 * pad if first.across else box.h // most - dates_h - m.px(8) - m.gap
            words = self._words(values, style, width, room, cut=(style, most) == ("small", 1))
            if words is not None:
                break
        self.rows = list(zip(dates, words))
        self.frame = self._frame(self.start)
        self._targets()

    def _dates(self, width: int) -> list[pygame.Surface]:
        """Every date in one size, the largest in which each holds one line; else two lines."""
        look, theme, ts = self.look, self.look.theme, self.look.type
        values = [look.text(e.date) for e in self.block.events]
        style = next(
            (s for s in ("title", "heading") if all(ts.font(s, True).size(v)[0] <= width for v in values)),
            None,
        )
        return [
            ts.block(v, style or "heading", self.accent, theme.paper, width, bold=True, line_height=1.1,
                     max_lines=1 if style else 2)
            for v in values
        ]  # fmt: skip

    def _frame(self, start: int) -> TimelineFrame:
        """The line with the events from `start` in view, made room for as they are set."""
        m, pad = self.look.metrics, self.look.metrics.px(28)
        if m.portrait:
            need = max(d.get_height() + m.px(8) + t.get_height() for d, t in self.rows)
            return timeline_frame(m, self.box, len(self.rows), start, need=need, most=self.most)
        dates_h = max(d.get_height() for d, _ in self.rows)
        texts_h = max(t.get_height() for _, t in self.rows)
        return timeline_frame(
            m, self.box, len(self.rows), start, above=dates_h + pad, below=texts_h + pad, most=self.most
        )

    def _words(
        self, values: list[str], style: str, width: int, room: int, cut: bool
    ) -> list[pygame.Surface] | None:
        """The events' texts in one size, if each holds in the room; else None, or (`cut`: no
        other room to try) cut to the room's lines."""
        m, theme, ts = self.look.metrics, self.look.theme, self.look.type
        lines = max(2, room // round(m.type(style) * 1.35)) if cut else None
        words = [
            ts.block(v, style, theme.ink, theme.paper, width, line_height=1.35, max_lines=lines)
            for v in values
        ]
        return words if cut or max(w.get_height() for w in words) <= room else None

    def _targets(self) -> None:
        frame = self.frame
        for widget_id in ARROWS:
            self.page.untarget(widget_id)
        for widget_id, r in zip(ARROWS, (frame.prev, frame.next)):
            if r is not None:
                self.page.target(widget_id, r)

    def placed(self) -> list[tuple[int, Rect, Rect]]:
        """(event, its date's box, its text's box) for the events in view, on screen."""
        frame, m, pad = self.frame, self.look.metrics, self.look.metrics.px(28)
        out = []
        for k, (slot, dot) in enumerate(zip(frame.slots, frame.dots)):
            i = frame.start + k
            date, text = self.rows[i]
            if frame.across:
                d = Rect(slot.x, dot[1] - pad - date.get_height(), date.get_width(), date.get_height())
                t = Rect(slot.x, dot[1] + pad, text.get_width(), text.get_height())
            else:
                d = Rect(slot.x, slot.y, date.get_width(), date.get_height())
                t = Rect(slot.x, d.bottom + m.px(8), text.get_width(), text.get_height())
            out.append((i, d, t))
        return out

    def draw_live(self, surface: pygame.Surface) -> None:
        if self.frame is None:
            return
        m, theme, frame = self.look.metrics, self.look.theme, self.frame
        line = frame.line
        pygame.draw.rect(surface, theme.line, pygame.Rect(line.x, line.y, line.w, line.h))
        for (i, d, t), dot in zip(self.placed(), frame.dots):
            date, text = self.rows[i]
            widgets.disc(surface, theme.paper, dot, m.px(20))
            widgets.disc(surface, self.accent, dot, m.px(14))
            # Landscape: each event's words start under its dot.
            surface.blit(date, (d.x, d.y))
            surface.blit(text, (t.x, t.y))
        for widget_id, r in zip(ARROWS, (frame.prev, frame.next)):
            if r is None:
                continue
            centre = widgets.rect(r).center
            widgets.disc(surface, theme.card, centre, r.w // 2)
            widgets.disc(surface, theme.line, centre, r.w // 2, m.px(2))
            ahead = 1 if widget_id.endswith("next") else -1
            if frame.across:
                widgets.chevron(surface, r, ahead, theme.ink, max(3, m.px(5)))
            else:
                self._updown(surface, r, ahead, theme.ink, max(3, m.px(5)))

    @staticmethod
    def _updown(surface: pygame.Surface, r: Rect, ahead: int, colour, width: int) -> None:
        """An arrow up (-1) or down (+1) for an upright line: the smooth › turned a quarter."""
        icon = smooth.icon("next", r.h, r.w, tuple(colour[:3]), width)
        surface.blit(pygame.transform.rotate(icon, -90 * ahead), (r.x, r.y))

    def step(self, ahead: int) -> bool:
        """Bring the next (or previous) events into view; False at that end of the line."""
        frame = self.frame
        if frame is None:
            return False
        start = max(0, min(frame.last_start, frame.start + ahead * frame.per_view))
        if start == frame.start:
            return False
        self.start = start
        self.frame = self._frame(start)
        self._targets()
        self.page.interact("timeline", str(start + 1))
        return True

    def activate(self, widget_id: str) -> bool:
        if widget_id in ARROWS:
            self.step(1 if widget_id.endswith("next") else -1)
            return True
        return False

    def swipe(self, x: float, y: float, dx: float) -> bool:
        if self.frame is None or self.box is None or not self.box.contains(x, y):
            return False
        # Content follows the finger: a swipe to the left brings the later events.
        return self.step(1 if dx < 0 else -1)

    # -- in the text column -------------------------------------------------------------------
    def piece(self, width: int) -> Piece:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        accent = self.accent
        rail_x, text_x = m.px(14), m.px(56)
        inner = width - text_x
        rows = [
            (
                ts.block(look.text(moment.date), "heading", accent, theme.paper, inner, bold=True),
                ts.block(look.text(moment.text), "body", theme.ink, theme.paper, inner, line_height=1.35),
            )
            for moment in self.block.events
        ]
        gap = m.px(24)
        height = sum(d.get_height() + t.get_height() for d, t in rows) + gap * (len(rows) - 1)
        piece = ts.surface((width, height))
        dots, y = [], 0
        for date, text in rows:
            dots.append((rail_x, y + date.get_height() // 2))
            piece.blit(date, (text_x, y))
            piece.blit(text, (text_x, y + date.get_height()))
            y += date.get_height() + text.get_height() + gap
        pygame.draw.line(piece, theme.line, dots[0], dots[-1], max(2, m.px(4)))
        for dot in dots:
            widgets.disc(piece, accent, dot, m.px(12))
        return Piece(piece, whole=False)
