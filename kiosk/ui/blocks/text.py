"""Running text."""

from __future__ import annotations

from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece


@view("text")
class ParagraphsView(BlockView):
    lede = False  # set by a page whose few words would leave its panel half empty

    def piece(self, width: int) -> Piece:
        look, theme = self.look, self.look.theme
        style, spacing = ("heading", 1.3) if self.lede else ("body", 1.42)
        return Piece(
            look.type.block(
                look.text(self.block.text), style, theme.ink, theme.paper, width, line_height=spacing
            ),
            whole=False,  # running text reads on under the fade
        )
