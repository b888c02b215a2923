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
    spans: list[tuple[int, int, bool]] = field(default_factory=list)  # each piece's top, bottom, whole


def placed(heights: list[int], whole: list[bool], spacing: int, view_h: int | None, fade_h: int) -> list[int]:
    """Where each piece starts. With `view_h` (the column is taller than its box), nothing
    starts under the box's bottom fade, and a piece read as one (a figure, a quiz) is not cut
    by the box's edge: it starts below the edge instead, where the scroll brings it whole."""
    tops, y = [], 0
    for h, one in zip(heights, whole):
        cut = one and y + h > view_h and h <= view_h if view_h is not None else False
        if view_h is not None and 0 < y < view_h and (y >= view_h - fade_h or cut):
            y = view_h
        tops.append(y)
        y += h + spacing
    return tops


def build_column(
    look: Look, views: list[BlockView], width: int, view_h: int | None = None, fade_h: int = 0
) -> Column:
    m = look.metrics
    pieces = []
    for view in views:
        try:
            pieces.append(view.piece(width))
        except Exception as exc:  # the block is left out; the rest of the column shows
            look.faults.note("build", f"{view.block.type} block", exc)
    spacing = m.px(30)
    heights = [p.surface.get_height() for p in pieces]
    tops = placed(heights, [p.whole for p in pieces], spacing, view_h, fade_h)
    height = tops[-1] + heights[-1] if pieces else 0
    column = Column(look.type.surface((max(1, width), max(1, height))), height)
    for piece, y, h in zip(pieces, tops, heights):
        column.surface.blit(piece.surface, (0, y))
        for widget_id, r in piece.targets.items():
            column.targets[widget_id] = Rect(r.x, r.y + y, r.w, r.h)
        column.spans.append((y, y + h, piece.whole))
    return column
