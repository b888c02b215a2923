"""What every screen shares: a picture built once, touch targets by id, the chrome.

A scene draws everything that does not move into `static` when it is built (on entering, on
a language or mode change); a frame is then one blit plus whatever is live (a scrolled
column, a gallery) and the press state. A scene whose moving part is small (the attract
screen's cross-fade) says which rectangles changed, and only those are drawn and shown.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from kiosk.ui import layout, widgets
from kiosk.ui.layout import Rect
from kiosk.ui.strings import say
from kiosk.visit.intents import Finish, GoHome, SetLanguage, ToggleMode

if TYPE_CHECKING:
    from kiosk.ui.look import Host


class Scene:
    name = "scene"

    def __init__(self, host: Host):
        self.look = host.look  # what it draws with, read-only
        self.post = host.apply  # what the visitor asks for, as intents
        self.targets: dict[str, Rect] = {}
        self.pressed: str | None = None
        self.static: pygame.Surface | None = None
        self.shown_on: pygame.Surface | None = None  # the surface holding this scene's last frame
        self.listen_box: Rect | None = None  # *Listen* on the bar, on a page read aloud

    # -- building ------------------------------------------------------------------------------
    def build(self) -> None:
        m = self.look.metrics
        self.targets = {}
        self.shown_on = None  # a new picture: drawn whole next time
        self.look.type.record.clear()
        if self.static is None or self.static.get_size() != (m.width, m.height):
            self.static = self.look.blank_screen()
        self.static.fill(self.look.theme.paper)
        self.compose(self.static)

    def compose(self, surface: pygame.Surface) -> None:
        raise NotImplementedError

    def target(self, widget_id: str, r: Rect) -> Rect:
        self.targets[widget_id] = r
        return r

    def compose_chrome(self, surface: pygame.Surface, title: str, accent=None, listen: bool = False) -> None:
        """Home, title, text size, contrast, finish and languages: the same places everywhere;
        `listen`: the page is read aloud, and *Listen* joins them."""
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        finish_label = self.say("finish")
        finish_w = ts.font("body", True).size(finish_label)[0] + m.px(56)
        size = max(m.px(88), m.target)
        listen_w = ts.font("body", True).size(self.say("listen"))[0] + size + m.px(24) if listen else 0
        c = layout.chrome(m, len(look.config.languages), finish_w, listen_w)
        pygame.draw.rect(surface, theme.card, widgets.rect(c.bar))
        pygame.draw.line(
            surface, theme.line, (0, c.bar.bottom - 1), (m.width, c.bar.bottom - 1), max(1, m.px(2))
        )
        widgets.flag_band(surface, m, theme)
        stroke = max(2, m.px(5))

        home = self.target("home", c.home)
        widgets.panel(surface, home, theme.paper, m.radius, theme.line, m.px(2))
        widgets.home_icon(surface, home, theme.ink, stroke)

        box = c.title
        if accent:
            mark = m.px(14)
            pygame.draw.rect(
                surface,
                accent,
                (box.x, box.y + (box.h - m.px(56)) // 2, mark, m.px(56)),
                border_radius=mark // 2,
            )
            box = Rect(box.x + mark + m.px(20), box.y, box.w - mark - m.px(20), box.h)
        words = (
            ts.block(
                title, "heading", theme.ink, theme.card, box.w, bold=True, max_lines=1, smaller=("body",)
            )
            if box.w > 0
            else None
        )
        if words:
            surface.blit(words, (box.x, box.y + (box.h - words.get_height()) // 2))

        for widget_id, r, on in (
            ("a11y:large-text", c.large_text, look.large_text),
            ("a11y:contrast", c.contrast, look.high_contrast),
        ):
            self.target(widget_id, r)
            fill, ink = (theme.ink, theme.card) if on else (theme.card, theme.ink)
            widgets.panel(surface, r, fill, m.radius, None if on else theme.line, m.px(2))
            if widget_id == "a11y:large-text":
                label = ts.line("Aa", "body", ink, fill)
                surface.blit(label, label.get_rect(center=widgets.rect(r).center))
            else:
                widgets.contrast_icon(surface, r, ink, fill, stroke)

        self.listen_box = c.listen
        if c.listen is not None:
            self.target("listen", c.listen)
            self.draw_listen(surface, on=False, worded=c.listen.w >= listen_w)

        finish = self.target("finish", c.finish)
        widgets.button(surface, ts, m, finish, finish_label, theme.card, theme.ink, theme.line)

        for code, pill in zip(look.config.languages, c.languages):
            self.target(f"lang:{code}", pill)
            on = code == look.language
            fill, ink = (theme.ink, theme.card) if on else (theme.card, theme.ink)
            widgets.button(
                surface, ts, m, pill, code.upper(), fill, ink, None if on else theme.line, style="small"
            )

    def draw_listen(self, surface: pygame.Surface, on: bool, worded: bool) -> None:
        """*Listen*: a speaker and the word; while it plays, filled, with the sign for pause."""
        m, theme, ts, r = self.look.metrics, self.look.theme, self.look.type, self.listen_box
        fill, ink = (theme.ink, theme.card) if on else (theme.card, theme.ink)
        widgets.panel(surface, r, fill, m.radius, None if on else theme.line, m.px(2))
        icon = layout.Rect(r.x, r.y, r.h, r.h) if worded else r
        if on:
            widgets.pause_icon(surface, icon, ink)
        else:
            widgets.speaker_icon(surface, icon, ink, max(2, m.px(5)))
        if worded:
            words = ts.line(self.say("listen"), "body", ink, fill, r.w - r.h - m.px(12), bold=True)
            surface.blit(words, (r.x + r.h, r.y + (r.h - words.get_height()) // 2))

    def say(self, key: str) -> str:
        return say(self.look.language, key)

    # -- running -------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface, regions: list[pygame.Rect] | None = None) -> None:
        """The whole screen, or only `regions` of it when `surface` shows this scene's last frame."""
        self.shown_on = None
        if self.static is None:
            self.build()
        if regions is None:
            self.draw_layers(surface, None)
        else:
            clip = surface.get_clip()
            for region in regions:
                # Everything is drawn as for the whole screen, clipped: the same pixels, and
                # what falls outside the region costs next to nothing.
                surface.set_clip(region.clip(clip))
                self.draw_layers(surface, region)
            surface.set_clip(clip)
        self.shown_on = surface

    def draw_layers(self, surface: pygame.Surface, region: pygame.Rect | None) -> None:
        if region is None:
            surface.blit(self.static, (0, 0))
        else:
            surface.blit(self.static, region, region)
        self.draw_live(surface)
        if self.pressed in self.targets:
            widgets.pressed_overlay(surface, self.targets[self.pressed], self.look.metrics)

    def changed_regions(self) -> list[pygame.Rect] | None:
        """What changed since the frame on `shown_on`, when only part of the screen moves;
        None when the whole screen is to be drawn (the default: scenes that do not track it)."""
        return None

    def draw_live(self, surface: pygame.Surface) -> None:
        """Whatever changes while the scene is shown; nothing by default."""

    def update(self, now: float, dt: float) -> bool:
        """Advance animations; True when the screen must be redrawn."""
        return False

    @property
    def animating(self) -> bool:
        """True while something moves on its own (the loop then runs at full frame rate)."""
        return False

    def next_change(self, now: float) -> float:
        """Seconds until the scene changes by itself; the window loop sleeps until then."""
        return math.inf

    def leave(self) -> None:
        """The scene is no longer shown: stop what runs on its own (a film's decoding)."""

    def hit(self, x: float, y: float) -> str | None:
        # Later targets are drawn on top (cards over pictures), so they win.
        for widget_id, r in reversed(self.targets.items()):
            if r.contains(x, y):
                return widget_id
        return None

    # -- the keypad: the same controls, reached by keys (`kiosk/ui/keypad.py`) ---------------
    def focusable(self) -> dict[str, Rect]:
        """The controls a keypad may focus, where they are: those a tap may hit, by default."""
        return self.targets

    def reveal(self, widget_id: str) -> None:
        """The keypad focused this control: bring it into view if it is scrolled away."""

    def ring_box(self, widget_id: str) -> Rect | None:
        """Where the focus ring goes round a focused control: the control, where a tap hits it."""
        return self.targets.get(widget_id)

    def nudge(self, widget_id: str, key: str) -> bool:
        """A key the focused stop takes itself (text that scrolls); False: the ring acts."""
        return False

    def covers(self) -> list[Rect]:
        """What lies over the controls (an open card): the focus ring is not drawn over it."""
        return []

    def press(self, x: float, y: float) -> None:
        self.pressed = self.hit(x, y)

    def release(self) -> None:
        self.pressed = None

    def tap(self, x: float, y: float) -> None:
        widget_id = self.hit(x, y)
        if widget_id is not None:
            self.activate(widget_id)
        else:
            self.tap_elsewhere(x, y)

    def tap_elsewhere(self, x: float, y: float) -> None:
        """A tap on no control; some scenes close a card."""

    def activate(self, widget_id: str) -> None:
        """Shared controls; scenes handle their own ids first and defer to this."""
        if widget_id.startswith("lang:"):
            self.post(SetLanguage(widget_id.split(":", 1)[1]))
        elif widget_id == "home":
            self.post(GoHome())
        elif widget_id == "finish":
            self.post(Finish("finished"))
        elif widget_id == "a11y:large-text":
            self.post(ToggleMode("large_text"))
        elif widget_id == "a11y:contrast":
            self.post(ToggleMode("high_contrast"))

    def swipe(self, x: float, y: float, dx: float) -> None:
        """A horizontal swipe that started at (x, y); most screens ignore it."""

    def drag(self, x: float, y: float, dy: float) -> bool:
        """A vertical drag at (x, y) moved by dy; True if something scrolled."""
        return False

    def fling(self, vy: float) -> None:
        """The finger left a vertical drag at vy pixels per second."""
