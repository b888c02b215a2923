"""Running text."""

from __future__ import annotations

from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece


@view("text")
class ParagraphsView(BlockView):
    def piece(self, width: int) -> Piece:
        look, theme = self.look, self.look.theme
        return Piece(
            look.type.block(
                look.text(self.block.text), "body", theme.ink, theme.paper, width, line_height=1.42
            )
        )
