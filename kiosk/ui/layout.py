"""Pure layout: screen size -> rectangles. No pygame, so it is tested without a window.

Every size derives from `unit`, the scale at which the 1920x1080 design fits the screen (on
its side in portrait): the same layout serves 1280x720 and 3840x2160, landscape and portrait,
and a squarer screen (5:4, 4:3) gets the type its width has room for, not its height.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
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
class Sizes:
    """The design's sizes at 1080p: spacing and the type scale (from the theme settings)."""

    margin: int = 56
    gap: int = 28
    radius: int = 18
    display: int = 92
    title: int = 60
    heading: int = 42
    body: int = 31
    small: int = 23
    statement: int = 150  # a fact set as the page's statement (not in the theme settings)


@dataclass(frozen=True)
class Metrics:
    """Sizes for one screen: spacing and type, all from `unit`; text may be enlarged."""

    width: int
    height: int
    sizes: Sizes = Sizes()
    text_scale: float = 1.0  # large-text mode
    diagonal_in: float = 32.0

    @functools.cached_property
    def unit(self) -> float:
        return min(min(self.width, self.height) / 1080, max(self.width, self.height) / 1920)

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    def px(self, value: float) -> int:
        return max(1, round(value * self.unit))

    @functools.cached_property
    def px_per_mm(self) -> float:
        return math.hypot(self.width, self.height) / (self.diagonal_in * 25.4)

    def mm(self, value: float) -> int:
        """Pixels for a physical length: touch targets are measured in millimetres."""
        return math.ceil(value * self.px_per_mm)

    @functools.cached_property
    def target(self) -> int:
        """The smallest side a touch target may have: 15 mm, or the design's size if larger."""
        return max(self.mm(15), self.px(76))

    @functools.cached_property
    def margin(self) -> int:
        return self.px(self.sizes.margin)

    @functools.cached_property
    def gap(self) -> int:
        return self.px(self.sizes.gap)

    @functools.cached_property
    def radius(self) -> int:
        return self.px(self.sizes.radius)

    @property
    def screen(self) -> Rect:
        return Rect(0, 0, self.width, self.height)

    def type(self, style: str) -> int:
        """Text size in pixels for a style of the type scale."""
        return max(8, round(getattr(self.sizes, style) * self.unit * self.text_scale))


def band(m: Metrics) -> int:
    """Height of the red band along the top edge of every screen."""
    return m.px(8)


# The frames below are asked for on every page; pure, so worked out once per screen and mode.
@functools.cache
def header(m: Metrics) -> Rect:
    """The bar under the band: home, title and the controls every screen shares."""
    row = max(m.px(128), m.target + m.px(36))
    return Rect(0, band(m), m.width, row * 2 if two_row_header(m) else row)


def two_row_header(m: Metrics) -> bool:
    """Narrow screens and large text put the controls on a row of their own, under the title."""
    return m.portrait or m.text_scale > 1


@dataclass(frozen=True)
class Chrome:
    """The controls every screen after the first shares, always in the same places."""

    bar: Rect
    home: Rect
    title: Rect
    large_text: Rect
    contrast: Rect
    finish: Rect
    languages: tuple[Rect, ...]
    labels: int  # which of the languages' labels the buttons are wide enough for (0: the first)
    listen: Rect | None = None  # a page read aloud: *Listen*, where it moves none of the others


@functools.cache
def chrome(
    m: Metrics, languages: int, finish_w: int, labels_w: tuple[tuple[int, ...], ...] = (), listen_w: int = 0
) -> Chrome:
    """Home and title at the left; accessibility, finish and languages at the right (landscape),
    or on a second row (portrait). `finish_w`: the width the finish button's label needs;
    `labels_w`: what each language's labels need, in the order they are preferred (names,
    then short forms): the buttons are as wide as the first the bar has room for (the title
    keeps a quarter of the screen), else the last's. `listen_w`: the width *Listen* with its
    word needs (0: the page has no narration). It goes before the text size in landscape, and
    at the end of the title's row when the controls have a row of their own: the title gives
    way, no other control moves."""
    for i, widths in enumerate(labels_w):
        c = _chrome(m, languages, finish_w, widths, i, listen_w)
        if two_row_header(m):
            room = c.finish.w >= finish_w  # the finish button keeps the width its label needs
        else:
            room = c.title.w >= m.width // 4
        if room or i == len(labels_w) - 1:
            return c
    return _chrome(m, languages, finish_w, (), 0, listen_w)


def _chrome(
    m: Metrics, languages: int, finish_w: int, names_w: tuple[int, ...], labels: int, listen_w: int
) -> Chrome:
    bar = header(m)
    size = max(m.px(88), m.target)
    pill_w, pill_h = max(m.px(92), m.target), max(m.px(76), m.target)
    widths = [max(pill_w, w) for w in names_w] or [pill_w] * languages
    gap = m.px(12)
    rows = (
        [bar]
        if not two_row_header(m)
        else [
            Rect(bar.x, bar.y, bar.w, bar.h // 2),
            Rect(bar.x, bar.y + bar.h // 2, bar.w, bar.h - bar.h // 2),
        ]
    )
    top, tools = rows[0], rows[-1]

    def middle(row: Rect, h: int) -> int:
        return row.y + (row.h - h) // 2

    home = Rect(m.margin, middle(top, size), size, size)
    x = m.width - m.margin - sum(widths) - (languages - 1) * gap
    pills, left = [], x
    for w in widths:
        pills.append(Rect(left, middle(tools, pill_h), w, pill_h))
        left += w + gap
    finish_w = max(size, finish_w)
    if two_row_header(m):
        large = Rect(m.margin, middle(tools, size), size, size)
        contrast = Rect(large.right + gap, large.y, size, size)
        # Where even the short forms leave no room (portrait, large text), the finish button
        # gives way: its label is set smaller rather than buttons overlapping.
        finish = Rect(
            contrast.right + gap, large.y, max(size, min(finish_w, x - 2 * gap - contrast.right)), size
        )
        # The second row may have no room left (large text, long words): *Listen* goes on the
        # title's row, at its end, where large text or not it always has its word.
        listen_w = min(listen_w, bar.w // 2)
        listen = Rect(m.width - m.margin - listen_w, middle(top, size), listen_w, size) if listen_w else None
        title_right = (listen.x - m.gap) if listen else m.width - m.margin
    else:
        finish = Rect(x - m.gap - finish_w, middle(tools, size), finish_w, size)
        contrast = Rect(finish.x - gap - size, finish.y, size, size)
        large = Rect(contrast.x - gap - size, finish.y, size, size)
        listen = Rect(large.x - gap - listen_w, large.y, listen_w, size) if listen_w else None
        title_right = (listen or large).x - m.gap
    title = Rect(home.right + m.gap, top.y, max(0, title_right - home.right - m.gap), top.h)
    return Chrome(bar, home, title, large, contrast, finish, tuple(pills), labels, listen)


@functools.cache
def footer(m: Metrics) -> Rect:
    h = max(m.px(136), m.target + m.px(40))
    return Rect(0, m.height - h, m.width, h)


@functools.cache
def body(m: Metrics) -> Rect:
    top, bottom = header(m).bottom, footer(m).y
    return Rect(m.margin, top + m.gap, m.width - 2 * m.margin, bottom - top - 2 * m.gap)


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


# -- the home screen: a card per zone, on as many pages as the cards need ------------------------

# A zone card at 1080p: the picture, then (below it, or beside it in a wide row) the zone's
# colour bar, its title and its summary.
CARD_PAD = 26
CARD_BAR_H = 8
CARD_BAR_W = 64
CARD_UNDER_BAR = 18
CARD_UNDER_TITLE = 10
CARD_SIDE_PICTURE = 0.38  # of a wide row's width
HOME_WIDEST = 5  # cards side by side in landscape; 3 in large text, whose titles need the width
HOME_WIDEST_LARGE = 3


@dataclass(frozen=True)
class CardFrame:
    """The parts of one zone card. `title` is as tall as the title set in it."""

    box: Rect
    picture: Rect
    words: Rect  # bar, title and summary go in here
    bar: Rect
    title: Rect
    summary_top: int
    side: bool  # the picture beside the words (a wide row), else above them


def card_words_width(m: Metrics, width: int, side: bool) -> int:
    """How wide a card's title is set, for a card `width` wide."""
    pad = m.px(CARD_PAD)
    return width - (round(width * CARD_SIDE_PICTURE) if side else 0) - 2 * pad


def zone_card(m: Metrics, box: Rect, title_h: int, side: bool, room_h: int | None = None) -> CardFrame:
    """Picture and words of a card whose title is `title_h` high. `room_h`: the tallest title
    of the card's row, which the picture makes room for, so that a row's pictures line up."""
    pad, bar_h = m.px(CARD_PAD), m.px(CARD_BAR_H)
    if side:
        picture = Rect(box.x, box.y, round(box.w * CARD_SIDE_PICTURE), box.h)
        words = Rect(picture.right + pad, box.y + pad, box.right - picture.right - 2 * pad, box.h - 2 * pad)
    else:
        # The picture gives way to the title, down to a quarter of the card.
        text_h = bar_h + m.px(CARD_UNDER_BAR) + max(title_h, room_h or 0) + 2 * pad
        picture_h = min(round(box.h * 0.5), max(round(box.h * 0.25), box.h - text_h - m.px(60)))
        picture = Rect(box.x, box.y, box.w, picture_h)
        words = Rect(
            box.x + pad, picture.bottom + pad, box.w - 2 * pad, box.bottom - picture.bottom - 2 * pad
        )
    bar = Rect(words.x, words.y, m.px(CARD_BAR_W), bar_h)
    title = Rect(words.x, bar.bottom + m.px(CARD_UNDER_BAR), words.w, title_h)
    return CardFrame(box, picture, words, bar, title, title.bottom + m.px(CARD_UNDER_TITLE), side)


def holds_title(m: Metrics, card: CardFrame) -> bool:
    """The title ends inside the card, clear of its edge by at least half the padding."""
    return card.title.bottom <= card.box.bottom - m.px(CARD_PAD) // 2


@functools.lru_cache(maxsize=64)  # the same few card widths and title heights on every build
def card_height(m: Metrics, width: int, title_h: int, side: bool) -> int:
    """The least height of a card `width` wide that holds a title `title_h` high."""
    h = m.px(CARD_PAD) + m.px(CARD_BAR_H) + m.px(CARD_UNDER_BAR) + title_h
    while not holds_title(m, zone_card(m, Rect(0, 0, width, h), title_h, side)):
        h += 1  # a few hundred steps at most
    return h


DOT, DOT_GAP, DOT_LONG = 16, 14, 44  # page dots at 1080p: each dot, between them, the current one


def dots_width(m: Metrics, count: int) -> int:
    """How wide a row of `count` page dots is drawn."""
    return (count - 1) * (m.px(DOT) + m.px(DOT_GAP)) + m.px(DOT_LONG)


@dataclass(frozen=True)
class PageNav:
    """Page dots and the arrows to the previous and next page, in the footer (as on a zone)."""

    bar: Rect
    prev: Rect
    next: Rect
    dots: Rect


def page_nav(m: Metrics, pages: int) -> PageNav:
    """The arrows where a zone's pages have them; the dots in the middle of the screen, or, when
    there are too many for that, in the middle of the room left of the arrows."""
    bar = footer(m)
    button_h = max(m.px(92), m.target)
    y = bar.y + (bar.h - button_h) // 2
    nav_w = max(m.px(150), m.target)
    nxt = Rect(m.width - m.margin - nav_w, y, nav_w, button_h)
    prv = Rect(nxt.x - m.gap - nav_w, y, nav_w, button_h)
    room = prv.x - m.gap
    dots = Rect(m.width - room, y, 2 * room - m.width, button_h)
    if dots.w < dots_width(m, pages):
        dots = Rect(m.margin, y, room - m.margin, button_h)
    return PageNav(bar, prv, nxt, dots)


@dataclass(frozen=True)
class HomeGrid:
    """Every zone's card where it sits on its page; pages hold `per_page` cards each."""

    cards: tuple[Rect, ...]
    per_page: int
    side: bool  # pictures beside the words: one wide card per row
    title_w: int  # the width every title is set in
    nav: PageNav | None  # None: every card is on the one page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(len(self.cards) / self.per_page))

    def page_of(self, index: int) -> int:
        return index // self.per_page

    def on_page(self, page: int) -> range:
        return range(page * self.per_page, min(len(self.cards), (page + 1) * self.per_page))


def home_intro(m: Metrics) -> Rect:
    """The line above the cards."""
    return Rect(m.margin, header(m).bottom, m.width - 2 * m.margin, round(m.type("heading") * 2.3))


def home_area(m: Metrics) -> Rect:
    """Where the cards go when they all fit on one screen: below the heading, to the margin."""
    intro = home_intro(m)
    return Rect(m.margin, intro.bottom, m.width - 2 * m.margin, m.height - intro.bottom - m.margin)


def home_grid(m: Metrics, count: int, title_h: Callable[[int], int]) -> HomeGrid:
    """Home screen: tall cards side by side in landscape, wide rows in portrait (two columns
    of tall cards beyond five zones). `title_h(width)`: the height the tallest title needs.

    When the cards cannot all hold their titles on one screen, they go on pages of whole
    rows, each card as tall as the tallest title needs, or taller to fill the page."""
    widest = HOME_WIDEST_LARGE if m.text_scale > 1 else HOME_WIDEST
    if m.portrait:
        columns = 1 if count <= 5 else 2
    else:
        columns = max(1, count if count <= widest else math.ceil(count / math.ceil(count / widest)))
    side = m.portrait and columns == 1
    area = home_area(m)
    rows = max(1, math.ceil(count / columns))
    cell_w = (area.w - (columns - 1) * m.gap) // columns
    cell_h = (area.h - (rows - 1) * m.gap) // rows
    title_w = card_words_width(m, cell_w, side)
    if cell_h >= card_height(m, cell_w, title_h(title_w), side):
        return HomeGrid(tuple(grid(area, count, columns, m.gap)), max(1, count), side, title_w, None)

    # Pages: as many cards a row as the screen takes, as many rows as hold their titles.
    if not m.portrait:
        columns = min(count, widest)
    side = m.portrait and columns == 1
    bottom = footer(m).y - m.gap
    area = Rect(area.x, area.y, area.w, bottom - area.y)
    cell_w = (area.w - (columns - 1) * m.gap) // columns
    title_w = card_words_width(m, cell_w, side)
    need = card_height(m, cell_w, title_h(title_w), side)
    rows = max(1, (area.h + m.gap) // (need + m.gap))
    cell_h = (area.h - (rows - 1) * m.gap) // rows
    per_page = rows * columns
    nav = page_nav(m, math.ceil(count / per_page))
    cards: list[Rect] = []
    for start in range(0, count, per_page):
        on_page = min(per_page, count - start)
        # A short last page keeps the rows of the others; only its last row is centred.
        used = math.ceil(on_page / columns)
        cards += grid(
            Rect(area.x, area.y, area.w, used * cell_h + (used - 1) * m.gap), on_page, columns, m.gap
        )
    return HomeGrid(tuple(cards), per_page, side, title_w, nav)


def language_choices(m: Metrics, count: int, prompt_h: int) -> list[Rect]:
    """Language screen: big buttons, a row in landscape, a column in portrait, under the prompt."""
    button_h = max(m.px(300) if not m.portrait else m.px(190), m.target)
    area_h = button_h if not m.portrait else count * button_h + (count - 1) * m.gap
    room = m.height - header(m).bottom
    top = header(m).bottom + max(prompt_h + m.gap, (room - area_h + prompt_h) // 2)
    width = min(m.width - 2 * m.margin, m.px(1640) if not m.portrait else m.px(760))
    area = Rect((m.width - width) // 2, top, width, area_h)
    columns = 1 if m.portrait else min(count, 4)
    return grid(area, count, columns, m.gap)


# -- a zone page: its composition chosen from what the page holds ------------------------------

SIDE, PICTURE, GALLERY, STATEMENT, QUIZ = "side", "picture", "gallery", "statement", "quiz"
TIMELINE = "timeline"
WORDS = ("text", "heading")  # blocks that are running text


def composition(feature: str | None, column: tuple[str, ...]) -> str:
    """The page's layout from its feature's type and its column's block types, in order:

    a quiz plays on the whole page; a picture with only words beside it bleeds to the edge
    under a text panel; a gallery alone fills the page; a fact with no picture is the page's
    statement; a timeline alone runs across the page; anything else (hotspots, a film, a
    picture with a figure) sits beside the text."""
    if "quiz" in column:
        return QUIZ
    if feature is None and column == ("timeline",):
        return TIMELINE
    if feature == "gallery" and not column:
        return GALLERY
    if feature == "fact":
        return STATEMENT
    if feature == "image" and column and all(t in WORDS for t in column):
        return PICTURE
    return SIDE


@dataclass(frozen=True)
class ZoneFrame:
    """Rectangles of a zone page: the page title, text column, feature, navigation.

    `panel`: the backdrop the text sits on over a picture (picture pages); `notes`: where a
    bled picture's caption and credit go (on the panel, under the text)."""

    title: Rect
    text: Rect
    visual: Rect | None
    back: Rect
    prev: Rect
    next: Rect
    dots: Rect
    composition: str = SIDE
    panel: Rect | None = None
    notes: Rect | None = None


def _clamp(value: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, value))


def panel_pad(m: Metrics) -> int:
    return m.px(44)


def bleed_overlap(m: Metrics) -> int:
    """How far a text panel reaches over the picture it is laid on."""
    return m.px(96)


@functools.cache
def zone_frame(
    m: Metrics,
    has_text: bool,
    has_visual: bool,
    title_h: int,
    back_w: int,
    composition: str = SIDE,
    text_h: int = 0,
    notes_h: int = 0,
    wide_panel: bool = False,
) -> ZoneFrame:
    """`title_h`: the height the page title needs; `back_w`: what the back button's label needs;
    `text_h`: the height the text column needs (its width never depends on it); `notes_h`: a
    bled picture's caption and credit; `wide_panel`: a picture page's words need a wider panel.

    No composition leaves a third of the screen empty: what the text does not need, the
    picture or the statement takes."""
    area = body(m)
    title, rest = area.split_y(title_h, m.gap)
    readable = Rect(rest.x, rest.y, min(rest.w, m.px(1300)), rest.h)
    panel = notes = None
    if composition == PICTURE and has_text and has_visual:
        pad, over = panel_pad(m), bleed_overlap(m)
        words_h = text_h + (notes_h + m.px(24) if notes_h else 0)
        if m.portrait:
            # The picture across the whole width, as tall as the text leaves room for (cropped
            # at most to 5:4); the panel over its lower edge holds text, caption and credit.
            room = rest.h - (words_h + 2 * pad) + over
            visual_h = _clamp(room, round(rest.h * 0.42), min(round(m.width / 1.25), rest.h - 3 * pad))
            visual = Rect(0, rest.y, m.width, visual_h)
            top = visual.bottom - over
            panel = Rect(rest.x, top, rest.w, rest.bottom - top)
        else:
            # The picture bleeds off the right edge, the whole height; the panel lies over
            # its left edge, as tall as its words.
            panel_w = round(rest.w * (0.5 if wide_panel else 0.42))
            panel_h = _clamp(words_h + 2 * pad, min(rest.h, m.px(320)), rest.h)
            panel = Rect(rest.x, rest.y + (rest.h - panel_h) // 2, panel_w, panel_h)
            visual = Rect(panel.right - over, rest.y, m.width - (panel.right - over), rest.h)
        inner = panel.inset(pad)
        shown_h = max(0, inner.h - (notes_h + m.px(24) if notes_h else 0))
        text = Rect(inner.x, inner.y, inner.w, shown_h)
        notes = Rect(inner.x, inner.bottom - notes_h, inner.w, notes_h) if notes_h else None
    elif composition == STATEMENT and has_visual:
        if not has_text:
            text, visual = Rect(rest.x, rest.y, 0, 0), rest
        elif m.portrait:
            # The statement gets what the text does not need, from a third to 60 % of the page.
            visual_h = _clamp(rest.h - text_h - m.px(64), round(rest.h * 0.34), round(rest.h * 0.6))
            visual, text = rest.split_y(visual_h, m.px(64))
        else:
            visual, text = rest.split_x(round(rest.w * 0.54), m.px(96))
    elif composition == TIMELINE:
        # The line of dates takes the whole page; the text column stays empty.
        text, visual = Rect(rest.x, rest.y, 0, 0), rest
    elif composition in (QUIZ, GALLERY):
        # The game and the pictures take the whole page, edge to edge of the margins.
        text, visual = (rest, None) if composition == QUIZ else (Rect(rest.x, rest.y, 0, 0), rest)
    elif not has_visual:
        text, visual = readable, None
    elif not has_text:
        text, visual = Rect(rest.x, rest.y, 0, 0), readable
    elif m.portrait:
        # The feature gets what the text does not need, between 46 % and 62 % of the page.
        visual_h = _clamp(rest.h - text_h - m.px(40), round(rest.h * 0.46), round(rest.h * 0.62))
        visual, text = rest.split_y(visual_h, m.px(40))
    else:
        text, visual = rest.split_x(round(rest.w * 0.44), m.px(64))
    bar = footer(m)
    button_h = max(m.px(92), m.target)
    y = bar.y + (bar.h - button_h) // 2
    nav_w = max(m.px(150), m.target)
    nxt = Rect(m.width - m.margin - nav_w, y, nav_w, button_h)
    prv = Rect(nxt.x - m.gap - nav_w, y, nav_w, button_h)
    back = Rect(m.margin, y, min(max(back_w, m.target), prv.x - m.margin - 3 * m.gap - m.px(120)), button_h)
    dots = Rect(back.right + m.gap, y, prv.x - back.right - 2 * m.gap, button_h)
    return ZoneFrame(title, text, visual, back, prv, nxt, dots, composition, panel, notes)


TIMELINE_SLOT = 420  # the least width of an event on a level line at 1080p


@dataclass(frozen=True)
class TimelineFrame:
    """A timeline on its own page: the line, the events in view, the arrows to the others.

    Landscape, the line runs level across the page, each event's date above it and its text
    under it; upright, it runs down the left of the page, each event beside it. `slots`: one
    rectangle per event in view (from `start`), along the line; `dots`: where each one's dot
    sits on the line."""

    across: bool  # a level line (landscape), else upright
    line: Rect  # the line itself, as a thin rectangle
    slots: tuple[Rect, ...]
    dots: tuple[tuple[int, int], ...]
    start: int
    per_view: int
    count: int
    prev: Rect | None  # None: nothing that way
    next: Rect | None

    @property
    def last_start(self) -> int:
        return max(0, self.count - self.per_view)


def timeline_frame(
    m: Metrics,
    box: Rect,
    count: int,
    start: int = 0,
    need: int = 0,
    above: int = 0,
    below: int = 0,
    most: int = 8,
) -> TimelineFrame:
    """Where `count` events go in `box`, the first in view being `start` (clamped so the last
    view is full). `need`: upright, the height the tallest event needs (landscape ignores it:
    an event there is at least TIMELINE_SLOT wide). When not all fit, the arrows at the ends of
    the line step through them. `above`, `below` (landscape): the height the dates need over
    the line and the texts under it; the line sits where both are centred on the page. `most`:
    at most so many in view (wider events, for texts that do not hold in narrower ones)."""
    size = max(m.px(88), m.target)
    gap = m.gap
    across = not m.portrait
    length = box.w if across else box.h
    # Large text gets wider events, fewer to a view, rather than narrow columns of long words.
    least = m.px(TIMELINE_SLOT * m.text_scale) if across else max(1, need)
    per_view = max(1, min(count, most, (length + gap) // (least + gap)))
    if per_view < count:
        # Room for the arrows at both ends of the line.
        per_view = max(1, min(count, most, (length - 2 * (size + gap) + gap) // (least + gap)))
    paged = per_view < count
    start = max(0, min(start, count - per_view))
    lead = size + gap if paged else 0
    room = length - 2 * lead
    slot = (room - (per_view - 1) * gap) // per_view
    slots, dots = [], []
    if across:
        middle = box.y + (box.h - above - below) // 2 + above if above or below else box.y + box.h // 2
        line_y = _clamp(middle, box.y + above, box.bottom - below)
        for k in range(per_view):
            x = box.x + lead + k * (slot + gap)
            slots.append(Rect(x, box.y, slot, box.h))
            dots.append((x + m.px(14), line_y))  # over the start of the event's words
        line = Rect(box.x, line_y - m.px(2), box.w, max(2, m.px(4)))
        prev = Rect(box.x, line_y - size // 2, size, size)
        nxt = Rect(box.right - size, line_y - size // 2, size, size)
    else:
        line_x = box.x + size // 2
        words_x = box.x + size + gap
        for k in range(per_view):
            y = box.y + lead + k * (slot + gap)
            slots.append(Rect(words_x, y, box.right - words_x, slot))
            dots.append((line_x, y + m.type("title") // 2 + m.px(8)))
        line = Rect(line_x - m.px(2), box.y, max(2, m.px(4)), box.h)
        prev = Rect(box.x, box.y, size, size)
        nxt = Rect(box.x, box.bottom - size, size, size)
    return TimelineFrame(
        across,
        line,
        tuple(slots),
        tuple(dots),
        start,
        per_view,
        count,
        prev if paged and start > 0 else None,
        nxt if paged and start + per_view < count else None,
    )


def needs_wide_panel(m: Metrics, composition: str, frame: ZoneFrame, text_h: int) -> bool:
    """A picture page's words that would scroll in their panel get a wider one (landscape)."""
    return composition == PICTURE and not m.portrait and frame.panel is not None and text_h > frame.text.h


def card_place(
    size: tuple[int, int], marker: Rect, picture: Rect, area: Rect, text: Rect, gap: int
) -> tuple[Rect, bool]:
    """Where an open hotspot card goes, and whether it reaches over the text (then what is
    behind it is veiled): below or above its marker on the picture when it fits there, else
    on the page, else at the page's top; never past the page."""
    w, h = size

    def at(y: int, room: Rect) -> Rect:
        x = min(max(room.x, marker.center[0] - w // 2), room.right - w)
        return Rect(max(area.x, x), y, w, h)

    for room in (picture, area):
        if w > room.w:
            continue
        for y in (marker.bottom + gap, marker.y - gap - h):
            card = at(y, room)
            if card.inside(room):
                return card, card.overlaps(text)
    card = at(area.y, area)
    return card, card.overlaps(text)


def attract_frame(m: Metrics) -> tuple[Rect, Rect]:
    """(words, mosaic): the invitation side and the picture side of the attract screen."""
    area = m.screen.inset(m.margin + m.px(24))
    if m.portrait:
        mosaic, words = area.split_y(round(area.h * 0.46), m.px(64))
        return words, mosaic
    words, mosaic = area.split_x(round(area.w * 0.48), m.px(72))
    return words, mosaic


def mosaic(area: Rect, count: int, gap: int) -> tuple[Rect, list[Rect]]:
    """Attract screen pictures: the highlighted zone large, every zone small in a row below."""
    big, row = area.split_y(round(area.h * 0.7), gap)
    return big, grid(row, count, max(1, count), gap)
