"""A picture beside the text, with its caption and credit."""

from __future__ import annotations

import pygame

from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import Framed
from kiosk.ui.layout import PICTURE, Rect


@view("image")
class PictureView(Framed):
    def panel_notes(self, width: int) -> list[pygame.Surface]:
        """Caption and credit set for the text panel, when the picture bleeds under it."""
        return self.notes(self.block.caption, self.block.credit, width, caption_lines=3)  # a narrower line

    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        frame = self.page.frame
        if frame is not None and frame.composition == PICTURE:
            # Edge to edge: filled and cropped, square corners where it meets the screen's edge.
            surface.blit(self.look.images.get(self.block.src, (box.w, box.h), "cover"), (box.x, box.y))
            return
        notes = self.notes(self.block.caption, self.block.credit, box.w)
        self.blit_framed(surface, self.fitted(self.block.src, notes, box), notes, box)
