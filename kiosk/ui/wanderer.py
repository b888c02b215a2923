"""Random visitors for soaks and floods: they tap what is on the screen, by widget id.

A wanderer drives a `KioskApp` on a virtual clock the way people do: it starts a visit,
picks a language and zones, turns pages, answers quizzes, opens hotspots, swipes galleries,
switches text size and contrast, and then finishes or walks away. Now and then staff open
their screen with the PIN. Every choice comes from one seeded `random.Random`, so a soak
can be run again exactly.
"""

from __future__ import annotations

import random

import pygame

from kiosk.clock import VirtualClock
from kiosk.ui.app import KioskApp
from kiosk.ui.input import Pointer
from kiosk.ui.replay import TICK_S
from kiosk.ui.staff import STAFF_HOLD_S

# How a visitor on a zone page spends a tap, by widget id prefix (the rest: page turns).
ZONE_TASTES = (
    ("quiz:", 3),
    ("hotspot:", 3),
    ("gallery:", 3),
    ("next", 6),
    ("prev", 1),
    ("a11y:", 1),
    ("lang:", 1),
    ("home", 1),
)


class Wanderer:
    def __init__(
        self,
        app: KioskApp,
        clock: VirtualClock,
        seed: int = 0,
        canvas: pygame.Surface | None = None,
        staff_pin: str | None = None,
        staff_every: int = 50,
    ):
        self.app, self.clock = app, clock
        self.random = random.Random(seed)
        self.canvas = canvas  # drawn after every step, as the window loop would
        self.staff_pin = staff_pin
        self.staff_every = staff_every
        self.visitors = 0

    # -- time and touch ------------------------------------------------------------------------
    def wait(self, seconds: float) -> None:
        """Let time pass in the app's small steps, drawing frames while something moves."""
        end = self.clock.elapsed + seconds
        while self.clock.elapsed < end:
            self.clock.advance(min(TICK_S, end - self.clock.elapsed))
            self.app.update()
            if self.canvas is not None and self.app.dirty:
                self.app.draw(self.canvas)

    def tap(self, widget_id: str) -> bool:
        centre = self.app.widget_centre(widget_id)
        if centre is None:
            return False
        self.app.pointer(Pointer("down", *centre))
        self.app.pointer(Pointer("up", *centre))
        self.wait(self.random.uniform(0.4, 2.5))
        return True

    def swipe(self, dx: float) -> None:
        w, h = self.app.size
        x0, y = w * (0.7 if dx < 0 else 0.3), h * 0.5
        self.app.pointer(Pointer("down", x0, y))
        self.app.pointer(Pointer("move", x0 + dx / 2, y))
        self.app.pointer(Pointer("up", x0 + dx, y))
        self.wait(self.random.uniform(0.4, 2.0))

    def _ids(self, prefix: str) -> list[str]:
        return [i for i in self.app.scene.targets if i.startswith(prefix)]

    # -- a visit ---------------------------------------------------------------------------------
    def visit(self) -> None:
        """One visitor from the attract screen back to it."""
        self.visitors += 1
        if self.staff_pin and self.visitors % self.staff_every == 0:
            self.staff_visit()
            return
        self.tap("attract")
        self.tap(self.random.choice(self._ids("lang:")))
        for _ in range(self.random.randint(1, 3)):
            zones = self._ids("zone:")
            if not zones:
                break
            self.tap(self.random.choice(zones))
            self._browse(self.random.randint(2, 8))
            if self.app.scene.name == "zone":
                self.tap("back")
        if self.random.random() < 0.5:
            self.tap("finish")
        else:  # walks away: the kiosk resets itself
            self.wait(self.app.config.idle_timeout_s + 1)
        if self.app.scene.name != "attract":
            self.wait(self.app.config.idle_timeout_s + 1)

    def _browse(self, taps: int) -> None:
        for _ in range(taps):
            if self.app.scene.name != "zone":
                return
            if self.random.random() < 0.15:
                self.swipe(self.random.choice((-1, 1)) * self.app.size[0] * 0.4)
                continue
            prefixes = [(p, w) for p, w in ZONE_TASTES if self._ids(p)]
            prefix = self.random.choices([p for p, _ in prefixes], [w for _, w in prefixes])[0]
            self.tap(self.random.choice(self._ids(prefix)))

    def staff_visit(self) -> None:
        """Staff hold the corner, type the PIN, look at the figures and close the screen."""
        x, y = self.app.staff_door.corner(self.app.metrics).center
        self.app.pointer(Pointer("down", x, y))
        self.wait(STAFF_HOLD_S + 0.2)
        self.app.pointer(Pointer("up", x, y))
        for digit in self.staff_pin or "":
            self.tap(f"pin:{digit}")
        self.tap("pin:ok")
        if self.app.scene.name == "staff":
            self.wait(2.0)
            self.tap("staff:close")
        else:
            self.tap("pin:cancel")


def flood(rng: random.Random, count: int, seconds: float) -> list[tuple[float, pygame.event.Event]]:
    """`count` raw input events over `seconds`, as hands mashing a screen: (time, event).

    Taps, drags and long presses with up to three fingers at once, each finger also sent as
    SDL's synthetic mouse copy (`touch=True`), and stray motion. Positions are 0..1 of the
    screen, as SDL gives touches."""
    events: list[tuple[float, pygame.event.Event]] = []
    t, finger = 0.0, 0
    step = seconds / count
    while len(events) < count:
        hands = rng.randint(1, 3)
        ids = list(range(finger, finger + hands))
        finger += hands
        points = {i: (rng.random(), rng.random()) for i in ids}
        held = rng.choice((0.0, 0.0, 0.05, 0.3, 1.5))  # most are taps; some long presses
        for i in ids:
            events += [(t, e) for e in _touch(pygame.FINGERDOWN, pygame.MOUSEBUTTONDOWN, i, *points[i])]
            t += step
        for _ in range(rng.randint(0, 6)):  # fingers wander
            i = rng.choice(ids)
            x, y = points[i] = (
                min(1.0, max(0.0, points[i][0] + rng.uniform(-0.05, 0.05))),
                min(1.0, max(0.0, points[i][1] + rng.uniform(-0.05, 0.05))),
            )
            events.append((t, pygame.event.Event(pygame.FINGERMOTION, finger_id=i, x=x, y=y, touch_id=0)))
            t += step
        t += held
        for i in ids:
            events += [(t, e) for e in _touch(pygame.FINGERUP, pygame.MOUSEBUTTONUP, i, *points[i])]
            t += step
    scale = seconds / max(t, 1e-9)  # long presses stretched the time: fit it to `seconds`
    return [(at * scale, event) for at, event in events[:count]]


def _touch(finger_type: int, mouse_type: int, finger: int, x: float, y: float) -> list[pygame.event.Event]:
    """A finger going down or up, and the mouse copy SDL sends of it."""
    return [
        pygame.event.Event(finger_type, finger_id=finger, x=x, y=y, touch_id=0),
        pygame.event.Event(mouse_type, button=1, pos=(x * 100, y * 100), touch=True),
    ]
