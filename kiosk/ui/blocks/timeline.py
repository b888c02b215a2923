"""Dates on a rail, each with its event, in the page's text."""

from __future__ import annotations

import pygame

from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece


@view("timeline")
class TimelineView(BlockView):
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
