"""Pure layout: screen size -> rectangles. No pygame, so it is tested without a window.

Every size derives from `unit`, the screen's short side over 1080: the same layout serves
1280x720 and 3840x2160, landscape and portrait.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    @property
    def center(self) -> tuple[int, int]:
        return self.x + self.w // 2, self.y + self.h // 2

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom

    def overlaps(self, other: Rect) -> bool:
        return (
            self.x < other.right and other.x < self.right and self.y < other.bottom and other.y < self.bottom
        )

    def inside(self, other: Rect) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.right <= other.right
            and self.bottom <= other.bottom
        )

    def inset(self, dx: int, dy: int | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, max(0, self.w - 2 * dx), max(0, self.h - 2 * dy))

    def split_x(self, width: int, gap: int = 0) -> tuple[Rect, Rect]:
        left = Rect(self.x, self.y, width, self.h)
        return left, Rect(self.x + width + gap, self.y, max(0, self.w - width - gap), self.h)

    def split_y(self, height: int, gap: int = 0) -> tuple[Rect, Rect]:
        top = Rect(self.x, self.y, self.w, height)
        return top, Rect(self.x, self.y + height + gap, self.w, max(0, self.h - height - gap))


@dataclass(frozen=True)
class Metrics:
    """Sizes for one screen: spacing, type scale and bars, all from the short side."""

    width: int
    height: int

    @property
    def unit(self) -> float:
        return min(self.width, self.height) / 1080

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    def px(self, value: float) -> int:
        return max(1, round(value * self.unit))

    @property
    def margin(self) -> int:
        return self.px(56)

    @property
    def gap(self) -> int:
        return self.px(28)

    @property
    def screen(self) -> Rect:
        return Rect(0, 0, self.width, self.height)

    # Type scale in pixels: readable from a metre away on a 32" screen at 1080p.
    @property
    def type_display(self) -> int:
        return self.px(92)

    @property
    def type_title(self) -> int:
        return self.px(60)

    @property
    def type_heading(self) -> int:
        return self.px(42)

    @property
    def type_body(self) -> int:
        return self.px(31)

    @property
    def type_small(self) -> int:
        return self.px(23)


def band(m: Metrics) -> int:
    """Height of the red band along the top edge of every screen."""
    return m.px(8)


def header(m: Metrics) -> Rect:
    """The bar under the band: home, title and languages, the same on every screen."""
    return Rect(0, band(m), m.width, m.px(128))


def footer(m: Metrics) -> Rect:
    h = m.px(136)
    return Rect(0, m.height - h, m.width, h)


def body(m: Metrics) -> Rect:
    top, bottom = header(m).bottom, footer(m).y
    return Rect(m.margin, top + m.gap, m.width - 2 * m.margin, bottom - top - 2 * m.gap)


def home_button(m: Metrics) -> Rect:
    bar = header(m)
    size = m.px(88)
    return Rect(m.margin, bar.y + (bar.h - size) // 2, size, size)


def language_pills(m: Metrics, count: int) -> list[Rect]:
    """Small language switches at the right of the header, same place on every screen."""
    bar = header(m)
    w, h, gap = m.px(92), m.px(76), m.px(12)
    x = m.width - m.margin - count * w - (count - 1) * gap
    y = bar.y + (bar.h - h) // 2
    return [Rect(x + i * (w + gap), y, w, h) for i in range(count)]


def header_title(m: Metrics, languages: int, with_home: bool) -> Rect:
    """The room between the home button and the language switches."""
    bar = header(m)
    left = home_button(m).right + m.gap if with_home else m.margin
    right = language_pills(m, languages)[0].x - m.gap
    return Rect(left, bar.y, max(0, right - left), bar.h)


def grid(area: Rect, count: int, columns: int, gap: int) -> list[Rect]:
    """`count` equal cells, row by row; a short last row is centred."""
    rows = math.ceil(count / columns)
    cell_w = (area.w - (columns - 1) * gap) // columns
    cell_h = (area.h - (rows - 1) * gap) // rows
    cells = []
    for i in range(count):
        row, col = divmod(i, columns)
        in_row = min(columns, count - row * columns)
        offset = (area.w - (in_row * cell_w + (in_row - 1) * gap)) // 2
        cells.append(
            Rect(
                area.x + offset + col * (cell_w + gap),
                area.y + row * (cell_h + gap),
                cell_w,
                cell_h,
            )
        )
    return cells


def zone_tiles(m: Metrics, count: int) -> list[Rect]:
    """Home screen: tall cards side by side in landscape, wide rows in portrait."""
    area = Rect(
        m.margin,
        header(m).bottom + m.px(96),
        m.width - 2 * m.margin,
        m.height - header(m).bottom - m.px(96) - m.margin,
    )
    if m.portrait:
        columns = 1 if count <= 5 else 2
    else:
        columns = count if count <= 5 else math.ceil(count / 2)
    return grid(area, count, columns, m.gap)


def home_intro(m: Metrics) -> Rect:
    """The line above the tiles."""
    return Rect(m.margin, header(m).bottom, m.width - 2 * m.margin, m.px(96))


def language_choices(m: Metrics, count: int) -> list[Rect]:
    """Language screen: big buttons, a row in landscape, a column in portrait."""
    area_h = m.px(300) if not m.portrait else count * m.px(210)
    # Centred a little below the middle, leaving room above for the prompt.
    top = (m.height - area_h) // 2 + m.px(90)
    width = min(m.width - 2 * m.margin, m.px(1640) if not m.portrait else m.px(760))
    area = Rect((m.width - width) // 2, top, width, area_h)
    columns = 1 if m.portrait else min(count, 4)
    return grid(area, count, columns, m.gap)


@dataclass(frozen=True)
class ZoneFrame:
    """Rectangles of a zone page: the page title, text column, visual column, navigation."""

    title: Rect
    text: Rect
    visual: Rect | None
    back: Rect
    prev: Rect
    next: Rect
    dots: Rect


def zone_frame(m: Metrics, has_visual: bool, title_h: int | None = None) -> ZoneFrame:
    """`title_h`: the height the page title needs (one or two lines); one line by default."""
    area = body(m)
    title, rest = area.split_y(title_h or m.px(92), m.gap)
    if not has_visual:
        text = Rect(rest.x, rest.y, min(rest.w, m.px(1300)), rest.h)
        visual = None
    elif m.portrait:
        visual, text = rest.split_y(round(rest.h * 0.44), m.px(40))
    else:
        text, visual = rest.split_x(round(rest.w * 0.44), m.px(64))
    bar = footer(m)
    button_h = m.px(92)
    y = bar.y + (bar.h - button_h) // 2
    nav_w = m.px(150)
    back_w = m.px(360)
    nxt = Rect(m.width - m.margin - nav_w, y, nav_w, button_h)
    prv = Rect(nxt.x - m.gap - nav_w, y, nav_w, button_h)
    back = Rect(m.margin, y, back_w, button_h)
    dots = Rect(back.right + m.gap, y, prv.x - back.right - 2 * m.gap, button_h)
    return ZoneFrame(title, text, visual, back, prv, nxt, dots)


def attract_frame(m: Metrics) -> tuple[Rect, Rect]:
    """(words, mosaic): the invitation side and the picture side of the attract screen."""
    area = m.screen.inset(m.margin + m.px(24))
    if m.portrait:
        mosaic, words = area.split_y(round(area.h * 0.46), m.px(64))
        return words, mosaic
    words, mosaic = area.split_x(round(area.w * 0.48), m.px(72))
    return words, mosaic


def mosaic(area: Rect, count: int, gap: int) -> list[Rect]:
    """Zone covers on the attract screen: one large picture and the rest in a row below."""
    if count <= 1:
        return [area]
    big, row = area.split_y(round(area.h * 0.62), gap)
    return [big, *grid(row, count - 1, count - 1, gap)]
