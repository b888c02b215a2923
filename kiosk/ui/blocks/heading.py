"""A title inside a page's text."""

from __future__ import annotations

from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece


@view("heading")
class HeadingView(BlockView):
    def piece(self, width: int) -> Piece:
        look, theme = self.look, self.look.theme
        return Piece(
            look.type.block(
                look.text(self.block.text),
                "heading",
                theme.ink,
                theme.paper,
                width,
                bold=True,
                line_height=1.2,
            )
        )
