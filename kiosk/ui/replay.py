"""Scripted visitors on virtual time: a replay script's taps, holds, swipes and keys, played as
fast as the machine allows, with timeouts firing when they would.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from kiosk.clock import VirtualClock
from kiosk.replay import ReplayError, Step
from kiosk.ui.input import Pointer
from kiosk.yamldoc import Problem

TICK_S = 0.1  # virtual time advances in small steps so timeouts fire when they would


def play(
    app,  # a KioskApp (which imports this module, not back)
    steps: list[Step],
    size: tuple[int, int],
    screenshots: Path | None,
    clock: VirtualClock,
    script_name: str,
) -> None:
    """Play the steps, then let the kiosk run until the visitor would have timed out."""
    canvas = pygame.Surface(size)
    for step in steps:
        while clock.elapsed < step.at:
            clock.advance(min(TICK_S, step.at - clock.elapsed))
            app.update()
        if step.quit or app.quit_requested:
            return
        _play(app, step, canvas, screenshots, script_name, clock)
    # A script that just ends lets the kiosk run until the visitor would have timed out.
    deadline = app.tracker.idle_deadline()
    if deadline is not None:
        clock.advance(max(0.0, deadline - clock.monotonic()))
        app.update()


def _play(
    app,
    step: Step,
    canvas: pygame.Surface,
    screenshots: Path | None,
    script_name: str,
    clock: VirtualClock,
) -> None:
    if step.hold is not None:
        x, y = _point(app, step, step.hold, script_name)
        app.pointer(Pointer("down", x, y))
        held = 0.0
        while held < step.seconds:
            clock.advance(min(TICK_S, step.seconds - held))
            held += TICK_S
            app.update()
        app.pointer(Pointer("up", x, y))
    elif step.tap is not None:
        x, y = _point(app, step, step.tap, script_name)
        app.pointer(Pointer("down", x, y))
        app.pointer(Pointer("up", x, y))
    elif step.swipe is not None:
        (x0, y0), (x1, y1) = step.swipe.start, step.swipe.end
        app.pointer(Pointer("down", x0, y0))
        app.pointer(Pointer("move", (x0 + x1) / 2, (y0 + y1) / 2))
        app.pointer(Pointer("up", x1, y1))
    elif step.key is not None:
        app.key(step.key)
    elif step.screenshot is not None:
        app.update()
        app.draw(canvas, force=True)
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
            pygame.image.save(canvas, str(screenshots / f"{step.screenshot}.png"))


def _point(app, step: Step, tap, script_name: str) -> tuple[float, float]:
    if tap == "staff-corner":
        return app.staff_door.corner(app.metrics).center
    if isinstance(tap, str):
        centre = app.widget_centre(tap)
        if centre is None:
            shown = ", ".join(sorted(app.scene.targets)) or "none"
            raise ReplayError(
                [
                    Problem(
                        script_name,
                        step.line,
                        "tap",
                        f"no widget '{tap}' on the {app.scene.name} screen "
                        f"({step.describe()}); on screen: {shown}",
                    )
                ]
            )
        return centre
    return tap[0], tap[1]
