"""A picture beside the text, with its caption and credit."""

from __future__ import annotations

import pygame

from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import Framed
from kiosk.ui.layout import Rect


@view("image")
class PictureView(Framed):
    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        notes = self.notes(self.block.caption, self.block.credit, box.w)
        self.blit_framed(surface, self.fitted(self.block.src, notes, box), notes, box)
