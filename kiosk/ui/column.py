"""The text column of a zone page: its blocks' pieces one under another, in order.

The column is one tall surface that scrolls under the finger; its controls (quiz answers)
are placed in the column's own coordinates and follow the scroll.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from kiosk.ui.layout import Rect

if TYPE_CHECKING:
    from kiosk.ui.blocks import BlockView
    from kiosk.ui.look import Look


@dataclass
class Column:
    surface: pygame.Surface
    height: int
    targets: dict[str, Rect] = field(default_factory=dict)  # in the column's coordinates


def build_column(look: Look, views: list[BlockView], width: int) -> Column:
    m = look.metrics
    pieces = []
    for view in views:
        try:
            pieces.append(view.piece(width))
        except Exception as exc:  # the block is left out; the rest of the column shows
            look.faults.note("build", f"{view.block.type} block", exc)
    spacing = m.px(30)
    height = sum(p.surface.get_height() for p in pieces) + spacing * max(0, len(pieces) - 1)
    column = Column(look.type.surface((max(1, width), max(1, height))), height)
    y = 0
    for piece in pieces:
        column.surface.blit(piece.surface, (0, y))
        for widget_id, r in piece.targets.items():
            column.targets[widget_id] = Rect(r.x, r.y + y, r.w, r.h)
        y += piece.surface.get_height() + spacing
    return column
