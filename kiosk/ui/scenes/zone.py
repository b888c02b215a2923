"""A zone: its pages one at a time, text on one side and a feature on the other.

Each block is drawn by its view (`kiosk/ui/blocks/`); the page lays them out, scrolls the
text column, and passes taps to the views before its own controls.

Text longer than its column scrolls under a finger, with inertia, within bounds.
"""

from __future__ import annotations

import math

import pygame

from kiosk.content.model import Page, Zone
from kiosk.ui import layout, widgets
from kiosk.ui.blocks import BlockView, view_for
from kiosk.ui.column import build_column
from kiosk.ui.narration import LISTEN_ID, Narration
from kiosk.ui.scenes.base import Scene
from kiosk.visit.intents import GoHome, Interacted, TurnPage, Watching

TEXT = "text"  # the keypad's stop on a text column that scrolls (no tap target)
FRICTION_S = 0.35  # a fling's speed falls by e every this many seconds
STOP_PX_S = 20.0


class ZoneScene(Scene):
    name = "zone"

    def __init__(self, host, zone: Zone, page_index: int = 0):
        super().__init__(host)
        self.zone = zone
        self.page_index = page_index
        featured = self.page.feature()
        # Made once with the page: a rebuild (language, text size) keeps what the visitor did.
        self.featured: BlockView | None = view_for(self, featured) if featured is not None else None
        self.feature = self.featured  # None while it fails: the page shows without it
        self.flow = [view_for(self, b) for b in self.page.blocks if b is not featured]
        self.kind = layout.composition(
            self.featured.block.type if self.featured is not None else None,
            tuple(view.block.type for view in self.flow),
        )
        if self.kind == layout.TIMELINE:
            # A timeline alone is the page's feature: it runs across the page, not in the column.
            self.featured, self.flow = self.flow[0], []
            self.feature = self.featured
        sound = self.page.audio and self.look.config.sound.enabled
        self.narration = Narration(self.look, self.post, zone.id, self.page) if sound else None
        self.column: pygame.Surface | None = None
        self.column_height = 0
        self.column_box = layout.Rect(0, 0, 0, 0)
        self.frame: layout.ZoneFrame | None = None
        self.column_targets: dict[str, layout.Rect] = {}
        self.page_area = layout.Rect(0, 0, 0, 0)
        self.scroll = 0.0
        self.velocity = 0.0
        # Since the last frame: the views that moved by themselves (a film), or something more.
        self._moved: list[BlockView] = []
        self._whole = True

    @property
    def page(self) -> Page:
        return self.zone.pages[self.page_index]

    @property
    def max_scroll(self) -> float:
        return max(0, self.column_height - self.column_box.h)

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        accent = theme.accent(self.zone.accent)
        narration = self.narration
        if narration is not None and narration.language not in (None, narration.wanted()):
            narration.stop()  # another language: the next tap plays it
        self.compose_chrome(surface, look.text(self.zone.title), accent=accent, listen=narration is not None)
        # A long title wraps onto a second line and the page moves down to make room.
        title = ts.block(
            look.text(self.page.title),
            "title",
            theme.ink,
            theme.paper,
            layout.body(m).w,
            bold=True,
            line_height=1.1,
            max_lines=2,
            smaller=("heading",),
        )
        back_label = "‹  " + self.say("all_zones")
        back_w = ts.font("body", True).size(back_label)[0] + m.px(56)
        kind = self.kind
        has_text, has_visual = bool(self.flow), self.featured is not None
        # The text's width never depends on its height: set it, then give it the room it needs.
        width = layout.zone_frame(m, has_text, has_visual, title.get_height(), back_w, kind).text.w
        notes = self.featured.panel_notes(width) if kind == layout.PICTURE else []
        notes_h = sum(n.get_height() for n in notes)
        self.column_box = layout.Rect(0, 0, width, 0)

        def framed(wide: bool = False) -> layout.ZoneFrame:
            self._build_column()
            return layout.zone_frame(
                m, has_text, has_visual, title.get_height(), back_w, kind, self.column_height, notes_h, wide
            )

        # Beside a statement, or upright on a picture, a page's few words are set larger when
        # they fit: a lede, not a paragraph lost in its room.
        lede = (kind == layout.PICTURE and m.portrait) or kind == layout.STATEMENT
        ledes = [v for v in self.flow if hasattr(v, "lede")] if lede else []
        for view in ledes:
            view.lede = True
        frame = framed()
        if ledes and self.column_height > frame.text.h:
            for view in ledes:
                view.lede = False
            frame = framed()
        if layout.needs_wide_panel(m, kind, frame, self.column_height):
            wide = layout.zone_frame(
                m, has_text, has_visual, title.get_height(), back_w, kind, 0, notes_h, True
            )
            notes = self.featured.panel_notes(wide.text.w)
            notes_h = sum(n.get_height() for n in notes)
            self.column_box = layout.Rect(0, 0, wide.text.w, 0)
            frame = framed(wide=True)
        self.frame = frame
        surface.blit(title, (frame.title.x, frame.title.y))

        self.column_box = frame.text
        self.fade_top = widgets.edge_fade(frame.text.w, m.px(48), theme.paper, downwards=False)
        self.fade_bottom = widgets.edge_fade(frame.text.w, m.px(48), theme.paper, downwards=True)
        self._build_column()
        self.page_area = layout.Rect(
            frame.text.x,
            frame.title.bottom + m.gap,
            layout.body(m).w,
            layout.body(m).bottom - frame.title.bottom - m.gap,
        )
        self.feature = self.featured
        if self.feature is not None:
            try:
                self.feature.compose(surface, frame.visual)
            except Exception as exc:  # the page shows without it
                self.feature = None
                self.look.faults.note(
                    "build", f"{self.zone.id}/{self.page.id} {self.featured.block.type}", exc
                )
        if frame.panel is not None:
            # The words lie on a panel of the page's paper, lifted off the picture.
            widgets.shadow(surface, frame.panel, m.radius, m)
            widgets.panel(surface, frame.panel, theme.paper, m.radius)
            y = frame.notes.y if frame.notes else 0
            for note in notes:
                surface.blit(note, (frame.notes.x, y))
                y += note.get_height()
        self._footer(surface, frame, accent, back_label)

    # -- the text column ----------------------------------------------------------------------
    def _build_column(self) -> None:
        """(Re)render the text column; its controls follow the scroll."""
        if self.flow:
            # Taller than its box: nothing starts under the bottom fade (see `placed`).
            box = self.column_box
            built = build_column(self.look, self.flow, box.w)
            if box.h and built.height > box.h:
                built = build_column(self.look, self.flow, box.w, box.h, self.fade_bottom.get_height())
            self.column, self.column_height, self.column_targets = built.surface, built.height, built.targets
            self.column_spans = built.spans
        else:
            self.column, self.column_height, self.column_targets = None, 0, {}
            self.column_spans = []
        self.scroll = min(self.scroll, self.max_scroll)
        self._place_column_targets()

    def _place_column_targets(self) -> None:
        """Column controls on screen where (and as far as) they are visible in the column."""
        box, top = self.column_box, round(self.scroll)
        for widget_id, r in self.column_targets.items():
            y0 = max(box.y, box.y + r.y - top)
            y1 = min(box.bottom, box.y + r.bottom - top)
            if y1 - y0 > 0:
                self.targets[widget_id] = layout.Rect(box.x + r.x, y0, r.w, y1 - y0)
            else:
                self.targets.pop(widget_id, None)

    def draw_live(self, surface: pygame.Surface) -> None:
        box, column = self.column_box, self.column
        if column is not None:
            top = round(self.scroll)
            visible = pygame.Rect(0, top, box.w, min(box.h, column.get_height() - top))
            surface.blit(column, (box.x, box.y), visible)
            if self.max_scroll > 0:
                m, theme = self.look.metrics, self.look.theme
                if top > 0:
                    surface.blit(self.fade_top, (box.x, box.y))
                if top < self.max_scroll:
                    surface.blit(self.fade_bottom, (box.x, box.bottom - self.fade_bottom.get_height()))
                # Where in the text the visitor is.
                track = box.h - m.px(8)
                thumb = max(m.px(48), round(track * box.h / self.column_height))
                y = box.y + round((track - thumb) * top / self.max_scroll)
                widgets.panel(
                    surface, layout.Rect(box.right + m.px(10), y, m.px(6), thumb), theme.line, m.px(3)
                )
        for view in self.flow:  # what a column block draws over the page (a quiz's confetti)
            self.look.faults.guard(
                "draw", f"{self.zone.id}/{self.page.id} {view.block.type}", view.draw_live, surface
            )
        if self.narration is not None and self.narration.playing and self.listen_box is not None:
            self.draw_listen(surface, on=True, worded=self.listen_box.w > self.listen_box.h)
        if self.feature and not self.look.faults.guard(
            "draw", f"{self.zone.id}/{self.page.id} feature", self.feature.draw_live, surface
        ):
            self.feature = None  # left out from now on: the rest of the page goes on

    # -- navigation ---------------------------------------------------------------------------
    def _footer(self, surface: pygame.Surface, frame: layout.ZoneFrame, accent, back_label: str) -> None:
        m, theme, ts = self.look.metrics, self.look.theme, self.look.type
        bar = layout.footer(m)
        pygame.draw.line(surface, theme.line, (m.margin, bar.y), (m.width - m.margin, bar.y), max(1, m.px(2)))
        back = self.target("back", frame.back)
        widgets.button(surface, ts, m, back, back_label, theme.card, theme.ink, theme.line)
        pages = len(self.zone.pages)
        widgets.dots(surface, frame.dots, pages, self.page_index, accent, theme.line, m)
        stroke = max(3, m.px(6))
        for widget_id, r, direction, shown in (
            ("prev", frame.prev, -1, self.page_index > 0),
            ("next", frame.next, 1, self.page_index < pages - 1),
        ):
            if shown:
                self.target(widget_id, r)
                widgets.panel(surface, r, accent, m.radius)
                widgets.chevron(surface, r, direction, theme.on_accent, stroke)

    # -- behaviour ----------------------------------------------------------------------------
    # -- what the blocks see of their page -----------------------------------------------------
    def interact(self, kind: str, item: str, value: str = "", correct: bool | None = None) -> None:
        self.post(Interacted(self.zone.id, self.page.id, kind, item, value, correct))

    def watching(
        self, film_id: str, playing: bool, left_s: float, at_s: float, length_s: float, ended: bool = False
    ) -> None:
        self.post(Watching(self.zone.id, self.page.id, film_id, playing, left_s, at_s, length_s, ended))

    def untarget(self, widget_id: str) -> None:
        self.targets.pop(widget_id, None)

    def reflow(self) -> None:
        """The column changed (an answered quiz): what it added at its end is brought into view."""
        self._whole = True
        self._build_column()
        self.scroll = float(self.max_scroll)
        self._place_column_targets()

    def activate(self, widget_id: str) -> None:
        if any(view.activate(widget_id) for view in self.views):
            return  # a block's own control: a quiz answer, a gallery arrow, a hotspot
        if widget_id == LISTEN_ID:
            if self.narration is not None:
                self.narration.toggle()
        elif widget_id == "next":
            self.post(TurnPage(+1))
        elif widget_id == "prev":
            self.post(TurnPage(-1))
        elif widget_id == "back":
            self.post(GoHome())
        else:
            super().activate(widget_id)

    def focusable(self) -> dict[str, layout.Rect]:
        """Every control, the text column's scrolled-away ones too, at the column's edge they
        would come in from: the keypad reaches a quiz below the fold in the column's order."""
        box = self.column_box
        # Text longer than its column is a stop of its own, where the column starts: the
        # arrows up and down scroll it, and move on at its ends (`nudge`).
        spots = {TEXT: layout.Rect(box.x, box.y, box.w, 1)} if self.max_scroll > 0 else {}
        spots.update(self.targets)
        for widget_id, r in self.column_targets.items():
            if widget_id not in spots:
                above = box.y + r.y - round(self.scroll) < box.y
                spots[widget_id] = layout.Rect(box.x + r.x, box.y if above else box.bottom - 1, r.w, 1)
        return spots

    def reveal(self, widget_id: str) -> None:
        """Scroll the column (the least) so a focused control in it shows whole, clear of its fades."""
        r = self.column_targets.get(widget_id)
        if r is None or self.max_scroll <= 0:
            return
        pad = self.look.metrics.px(48)
        top = min(max(self.scroll, r.bottom + pad - self.column_box.h), r.y - pad)
        top = min(self.max_scroll, max(0.0, top))
        if top != self.scroll:
            self.scroll, self.velocity, self._whole = top, 0.0, True
            self._place_column_targets()

    def ring_box(self, widget_id: str) -> layout.Rect | None:
        return self.column_box if widget_id == TEXT else super().ring_box(widget_id)

    def nudge(self, widget_id: str, key: str) -> bool:
        """The text stop: down (or Enter) scrolls most of a column on, up back; at the end
        the arrow moves the ring on, and Enter goes back to the top."""
        if widget_id != TEXT or key not in ("up", "down", "enter"):
            return False
        if key == "enter" and self.scroll >= self.max_scroll:
            target = 0.0
        else:
            page = self.column_box.h * 0.8 * (-1 if key == "up" else 1)
            target = min(self.max_scroll, max(0.0, self.scroll + page))
        if target == self.scroll:
            return False
        self.scroll, self.velocity, self._whole = target, 0.0, True
        self._place_column_targets()
        return True

    def covers(self) -> list[layout.Rect]:
        return [r for r in (view.cover() for view in self.views) if r is not None]

    def tap_elsewhere(self, x: float, y: float) -> None:
        if self.feature:
            self.feature.tap_elsewhere(x, y)

    def swipe(self, x: float, y: float, dx: float) -> None:
        self._whole = True
        if self.feature and self.feature.swipe(x, y, dx):
            return
        # Content follows the finger: a swipe to the left brings the next page.
        self.post(TurnPage(+1 if dx < 0 else -1))

    def drag(self, x: float, y: float, dy: float) -> bool:
        self._whole = True
        if self.max_scroll <= 0 or not self.column_box.contains(x, y):
            return False
        self.velocity = 0.0
        self.scroll = min(self.max_scroll, max(0.0, self.scroll - dy))
        self._place_column_targets()
        return True

    def fling(self, vy: float) -> None:
        self._whole = True
        if self.max_scroll > 0:
            self.velocity = -vy

    @property
    def views(self) -> list[BlockView]:
        return [*self.flow, self.feature] if self.feature else list(self.flow)

    def update(self, now: float, dt: float) -> bool:
        moved = [view for view in self.views if self._advance(view, now)]
        self._moved += moved
        if self.narration is not None and self.narration.update(now):
            self._whole = True  # it ended: *Listen* as it was
            return True
        if self._coast(dt):
            self._whole = True
            return True
        return bool(moved)

    # -- drawing only what moved ----------------------------------------------------------------
    def draw(self, surface: pygame.Surface, regions: list[pygame.Rect] | None = None) -> None:
        super().draw(surface, regions)
        self._moved, self._whole = [], False

    def changed_regions(self) -> list[pygame.Rect] | None:
        """A playing film alone: its box, not the screen (at 4K, a frame's cost is the screen's)."""
        if self._whole:
            return None
        regions = []
        for view in self._moved:
            region = view.live_region()
            if region is None:
                return None
            regions.append(widgets.rect(region))
        return regions

    def press(self, x: float, y: float) -> None:
        self._whole = True  # a finger: the press shade, a scroll, a tap's answer, drawn whole
        super().press(x, y)

    def release(self) -> None:
        self._whole = True
        super().release()

    def tap(self, x: float, y: float) -> None:
        self._whole = True
        super().tap(x, y)

    def _advance(self, view: BlockView, now: float) -> bool:
        """A view that fails to move on is left out from now on, as when drawing."""
        try:
            return view.update(now)
        except Exception as exc:  # the page goes on without it
            self.look.faults.note("update", f"{self.zone.id}/{self.page.id} {view.block.type}", exc)
            view.leave()
            if view is self.feature:
                self.feature = None
                self._whole = True
            return False

    def _coast(self, dt: float) -> bool:
        """A fling's scroll, slowing down."""
        if not self.velocity:
            return False
        self.scroll += self.velocity * dt
        self.velocity *= math.exp(-dt / FRICTION_S)
        if self.scroll <= 0 or self.scroll >= self.max_scroll or abs(self.velocity) < STOP_PX_S:
            self.scroll = min(self.max_scroll, max(0.0, self.scroll))
            self.velocity = 0.0
        self._place_column_targets()
        return True

    @property
    def animating(self) -> bool:
        return bool(self.velocity) or any(view.animating for view in self.views)

    def next_change(self, now: float) -> float:
        ends = [self.narration.next_change(now)] if self.narration is not None else []
        return min([math.inf, *ends] + [view.next_change(now) for view in self.views])

    def leave(self) -> None:
        for view in [*self.flow, *([self.featured] if self.featured else [])]:
            view.leave()
        if self.narration is not None:
            self.narration.leave()
