"""The keypad path: a visitor who cannot use the touchscreen moves a focus ring through the
controls with arrow keys and presses Enter where a finger would tap (EZ Access style).

Pure logic over the controls' rectangles (the same ones taps are hit-tested against), so it
is tested without a window: the reading order, the next control for each key, and where
the focus goes when its control disappears. The window (`window.py`) and replay scripts
turn real keys into the names below; `app.py` activates what this module chooses.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from kiosk.ui.layout import Rect

KEYS = ("up", "down", "left", "right", "enter", "help", "other")
MOVES = ("up", "down", "left", "right")
HELP_WIDGET = "listen"  # the help key plays the page's narration: the bar's "listen" control


def rows(controls: Mapping[str, Rect]) -> list[list[str]]:
    """Controls in lines, top to bottom, each line left to right. A control joins the line
    above when its middle lies within that line's first control (buttons of different
    heights on one bar are one line); ties keep the order the screen gave them."""
    index = {wid: i for i, wid in enumerate(controls)}
    lines: list[list[str]] = []
    span: tuple[int, int] | None = None
    for wid in sorted(controls, key=lambda w: (controls[w].y, index[w])):
        r = controls[wid]
        middle = r.y + r.h / 2
        if span is not None and span[0] <= middle < span[1]:
            lines[-1].append(wid)
        else:
            lines.append([wid])
            span = (r.y, max(r.bottom, r.y + 1))
    return [sorted(line, key=lambda w: (controls[w].x, index[w])) for line in lines]


def reading_order(controls: Mapping[str, Rect]) -> list[str]:
    return [wid for line in rows(controls) for wid in line]


def _middle_x(r: Rect) -> float:
    return r.x + r.w / 2


def step(controls: Mapping[str, Rect], current: str | None, key: str) -> str | None:
    """The control focused after an arrow key: left and right go back and on in reading
    order, up and down to the nearest control on the line above or below; all wrap round,
    so one key alone reaches every control."""
    order = reading_order(controls)
    if not order:
        return None
    if current not in controls:
        return order[-1] if key in ("left", "up") else order[0]
    if key in ("left", "right"):
        i = order.index(current)
        return order[(i + (1 if key == "right" else -1)) % len(order)]
    lines = rows(controls)
    here = next(n for n, line in enumerate(lines) if current in line)
    line = lines[(here + (1 if key == "down" else -1)) % len(lines)]
    x = _middle_x(controls[current])
    return min(line, key=lambda w: abs(_middle_x(controls[w]) - x))


def nearest(controls: Mapping[str, Rect], where: Rect) -> str | None:
    """The control closest to where the focused one was (a gallery's last arrow goes away)."""
    if not controls:
        return None
    cx, cy = where.x + where.w / 2, where.y + where.h / 2
    return min(
        controls,
        key=lambda w: math.hypot(_middle_x(controls[w]) - cx, controls[w].y + controls[w].h / 2 - cy),
    )


def outside(r: Rect, covers: list[Rect]) -> list[Rect]:
    """The parts of r that no cover overlaps, as rectangles: where the ring may be drawn
    when an open card lies over part of it (the card's words are never drawn over)."""
    parts = [r]
    for c in covers:
        rest: list[Rect] = []
        for p in parts:
            if not p.overlaps(c):
                rest.append(p)
                continue
            top, bottom = max(p.y, c.y), min(p.bottom, c.bottom)
            if c.y > p.y:
                rest.append(Rect(p.x, p.y, p.w, c.y - p.y))
            if c.bottom < p.bottom:
                rest.append(Rect(p.x, c.bottom, p.w, p.bottom - c.bottom))
            if c.x > p.x:
                rest.append(Rect(p.x, top, c.x - p.x, bottom - top))
            if c.right < p.right:
                rest.append(Rect(c.right, top, p.right - c.right, bottom - top))
        parts = rest
    return parts


def press(focus: Focus, scene, key: str, middle: tuple[int, int]) -> None:
    """A key on the scene shown: the focused stop takes it (text scrolls), or the ring moves,
    or the control chosen is activated as a tap on it is (`scene.activate`). A screen with no
    control at all (closed) hears it as a tap in its middle."""
    held = focus.on(scene.focusable())
    if held is not None and scene.nudge(held, key):
        return
    chosen = focus.press(key, scene.focusable())
    if focus.current is not None:
        scene.reveal(focus.current)  # a control scrolled away comes into view
    if chosen is not None:
        scene.activate(chosen)
    elif not scene.focusable():
        scene.tap_elsewhere(*middle)


class Focus:
    """Which control the keypad's ring is on. Hidden until a key is pressed (touch visitors
    never see it) and hidden again by a touch; back to the first control on a new screen."""

    def __init__(self) -> None:
        self.shown = False
        self.current: str | None = None
        self._where: Rect | None = None  # the focused control's rectangle, when last seen

    def reset(self) -> None:
        """A new screen: the ring starts again from its first control."""
        self.current, self._where = None, None

    def hide(self) -> None:
        self.shown = False

    def on(self, controls: Mapping[str, Rect]) -> str | None:
        """The focused control among these, if the ring shows: its own, or if that is gone
        the one nearest to where it was, or on a new screen the first in reading order."""
        if not self.shown:
            return None
        if self.current not in controls:
            if self._where is not None:
                self.current = nearest(controls, self._where)
            else:
                order = reading_order(controls)
                self.current = order[0] if order else None
        self._where = controls[self.current] if self.current is not None else None
        return self.current

    def press(self, key: str, controls: Mapping[str, Rect]) -> str | None:
        """A key: the control to activate as a tap would, or None (the ring moved or showed).

        A screen with one control (the attract screen is one) is woken by any key. The
        first key on a screen shows where the ring is rather than acting unseen."""
        if len(controls) == 1:
            self.shown = True
            return next(iter(controls))
        if key == "help":
            if HELP_WIDGET not in controls:
                return None
            self.shown, self.current = True, HELP_WIDGET
            self._where = controls[HELP_WIDGET]
            return HELP_WIDGET
        was_shown = self.shown
        self.shown = True
        focused = self.on(controls)
        if key in MOVES and was_shown:
            self.current = step(controls, focused, key)
            self._where = controls[self.current] if self.current is not None else None
            return None
        if key == "enter" and was_shown:
            return focused
        return None
