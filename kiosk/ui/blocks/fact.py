"""A big figure with its label: a card beside the text, or a marked line in the text."""

from __future__ import annotations

import pygame

from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece
from kiosk.ui.layout import Rect


@view("fact")
class FactView(BlockView):
    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        """Alone beside the text: the figure large, on the zone's colour."""
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        accent = self.accent
        pad = m.px(56)
        width = box.w - 2 * pad
        value = ts.block(
            look.text(self.block.value),
            "display",
            theme.on_accent,
            accent,
            width,
            bold=True,
            line_height=1.05,
            smaller=("title", "heading"),
        )
        label = ts.block(
            look.text(self.block.label),
            "heading",
            theme.on_accent,
            accent,
            width,
            line_height=1.25,
            smaller=("body",),
        )
        card_h = min(box.h, value.get_height() + label.get_height() + 2 * pad + m.px(24))
        card = Rect(box.x, box.y + (box.h - card_h) // 2, box.w, card_h)
        widgets.panel(surface, card, accent, m.radius)
        surface.blit(value, (card.x + pad, card.y + pad))
        surface.blit(label, (card.x + pad, card.y + pad + value.get_height() + m.px(24)))

    def piece(self, width: int) -> Piece:
        """In the text, beside a picture: the figure in the zone's colour, a bar before it."""
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        accent = self.accent
        bar = m.px(10)
        inner = width - bar - m.px(24)
        value = ts.block(
            look.text(self.block.value), "title", accent, theme.paper, inner, bold=True, line_height=1.1
        )
        label = ts.block(look.text(self.block.label), "body", theme.muted, theme.paper, inner)
        piece = ts.surface((width, value.get_height() + label.get_height()))
        widgets.panel(piece, Rect(0, 0, bar, piece.get_height()), accent, bar // 2)
        piece.blit(value, (bar + m.px(24), 0))
        piece.blit(label, (bar + m.px(24), value.get_height()))
        return Piece(piece)
