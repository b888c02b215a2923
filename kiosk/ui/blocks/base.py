"""What every block view shares, and what it sees of the page it sits on.

A view draws what never changes into the page's static picture (`piece` in the text column,
`compose` beside it) and what the visitor changes in `draw_live`, from surfaces rendered
once. What the visitor does goes to the page as an interaction (an intent). The state a
visitor made (a gallery's picture, a quiz answer, an open card) lives on the view, which the
page keeps across rebuilds: a new language or text size keeps it.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import pygame

from kiosk.ui.layout import Rect, ZoneFrame

if TYPE_CHECKING:
    from kiosk.content.model import Zone
    from kiosk.ui.look import Look


class PageHost(Protocol):
    """The zone page a view sits on (a `ZoneScene`, which imports this package, not back)."""

    look: Look
    zone: Zone
    page_area: Rect  # the page below its title: room an open card may use
    frame: ZoneFrame | None  # the page's composition and its rectangles
    column_box: Rect  # where the page's text shows

    @property
    def targets(self) -> dict[str, Rect]:
        """The page's controls where they are on screen now (a scrolled quiz's answers)."""

    def target(self, widget_id: str, r: Rect) -> Rect: ...

    def untarget(self, widget_id: str) -> None: ...

    def interact(self, kind: str, item: str, value: str = "", correct: bool | None = None) -> None: ...

    def reflow(self) -> None:
        """The text column changed (an answered quiz): render it again."""

    def watching(
        self, film_id: str, playing: bool, left_s: float, at_s: float, length_s: float, ended: bool = False
    ) -> None:
        """A film on the page started or stopped: the visit's idle reset waits while it plays."""


@dataclass
class Piece:
    """A block's part of the text column; its controls in the piece's own coordinates."""

    surface: pygame.Surface
    targets: dict[str, Rect] = field(default_factory=dict)
    whole: bool = True  # read as one (a figure, a quiz): not to be cut by the column's edge


class BlockView:
    def __init__(self, page: PageHost, block):
        # The page owns its views; a weak reference back lets a left screen be freed at once.
        self.page = weakref.proxy(page)
        self.block = block
        self.look = page.look

    @property
    def accent(self):
        return self.look.theme.accent(self.page.zone.accent)

    # -- in the text column --------------------------------------------------------------------
    def piece(self, width: int) -> Piece:
        raise NotImplementedError(f"a {self.block.type} block has no place in the text column")

    # -- beside the text -----------------------------------------------------------------------
    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        """Draw the parts that do not change into the box."""
        raise NotImplementedError(f"a {self.block.type} block has no place beside the text")

    def draw_live(self, surface: pygame.Surface) -> None:
        """Draw the parts a visitor changes."""

    # -- what moves by itself (a film) -----------------------------------------------------------
    def update(self, now: float) -> bool:
        """Advance to the kiosk's clock; True when the view must be drawn again."""
        return False

    @property
    def animating(self) -> bool:
        """True while it moves: the window loop then runs at its full frame rate."""
        return False

    def next_change(self, now: float) -> float:
        return math.inf

    def leave(self) -> None:
        """Its page is gone: stop whatever runs (a film's decoding)."""

    def cover(self) -> Rect | None:
        """What it shows over the page's controls now (an open card), else None."""
        return None

    def live_region(self) -> Rect | None:
        """Where `update` changed what it draws; None: the whole page is drawn again."""
        return None

    # -- what the visitor does -----------------------------------------------------------------
    def activate(self, widget_id: str) -> bool:
        """A tap on a control; True if it was this view's."""
        return False

    def swipe(self, x: float, y: float, dx: float) -> bool:
        return False

    def tap_elsewhere(self, x: float, y: float) -> bool:
        return False


class Framed(BlockView):
    """A picture with its caption and credit under it (pictures, galleries, hotspots)."""

    def notes(self, caption, credit, width: int, caption_lines: int = 2) -> list[pygame.Surface]:
        look, theme, ts = self.look, self.look.theme, self.look.type
        notes = []
        if caption:
            notes.append(
                ts.block(look.text(caption), "small", theme.ink, theme.paper, width, max_lines=caption_lines)
            )
        if credit:
            notes.append(ts.block(look.text(credit), "small", theme.muted, theme.paper, width, max_lines=1))
        return notes

    def fitted(self, ref: str, notes: list[pygame.Surface], box: Rect) -> pygame.Surface:
        """The image fitted into the box above its notes, with rounded corners."""
        m = self.look.metrics
        notes_h = sum(n.get_height() for n in notes) + (m.px(16) if notes else 0)
        return self.look.picture(ref, (box.w, max(1, box.h - notes_h)), "contain")

    def blit_framed(
        self, surface: pygame.Surface, image: pygame.Surface, notes: list[pygame.Surface], box: Rect
    ) -> None:
        surface.blit(image, (box.x, box.y))
        y = box.y + image.get_height() + self.look.metrics.px(16)
        for note in notes:
            surface.blit(note, (box.x, y))
            y += note.get_height()
