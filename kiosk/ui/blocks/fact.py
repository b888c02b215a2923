"""A big figure with its label: a card beside the text, or a marked line in the text."""

from __future__ import annotations

import pygame

from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece
from kiosk.ui.layout import STATEMENT, Rect
from kiosk.ui.text import _height as text_height
from kiosk.ui.text import _rows as text_rows


@view("fact")
class FactView(BlockView):
    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        frame = self.page.frame
        if frame is not None and frame.composition == STATEMENT:
            return self._statement(surface, box)
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

    def _statement(self, surface: pygame.Surface, box: Rect) -> None:
        """The page's statement: the figure set very large in the zone's colour on the page
        itself, a short rule over it, its label under it; no card, nothing boxed in."""
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        accent = self.accent
        rule_h, under_rule, under_value = m.px(14), m.px(40), m.px(28)
        words, label_words = look.text(self.block.value), look.text(self.block.label)
        # The largest size at which figure and label stand whole in the room the page gives.
        sizes = (("statement", "title"), ("display", "title"), ("title", "heading"), ("heading", "body"))
        for value_style, label_style in sizes:
            if ts.fits(words, value_style, box.w, None, bold=True) and ts.fits(
                label_words, label_style, box.w, None
            ):
                value_h = self._height(words, value_style, box.w, True, 1.0)
                label_h = self._height(label_words, label_style, box.w, False, 1.2)
                if rule_h + under_rule + value_h + under_value + label_h <= box.h:
                    break
        value = ts.block(words, value_style, accent, theme.paper, box.w, bold=True, line_height=1.0)
        label = ts.block(label_words, label_style, theme.ink, theme.paper, box.w, line_height=1.2)
        height = rule_h + under_rule + value.get_height() + under_value + label.get_height()
        y = box.y + max(0, (box.h - height) // 2)
        pygame.draw.rect(surface, accent, (box.x, y, m.px(120), rule_h), border_radius=rule_h // 2)
        y += rule_h + under_rule
        surface.blit(value, (box.x, y))
        surface.blit(label, (box.x, y + value.get_height() + under_value))

    def _height(self, words: str, style: str, width: int, bold: bool, line_height: float) -> int:
        """How tall the words would be set, without setting (nor recording) them."""
        font = self.look.type.font(style, bold)
        return text_height(font, text_rows(font, words, width, None)[0], line_height)

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
