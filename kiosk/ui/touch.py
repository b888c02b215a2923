"""A finger on the screen, made into what the scene understands: press, drag, tap, swipe.

The recognizer tells taps from drags; this module hands each to the scene shown, and lets
the touch that dismissed "are you still there?" do nothing else.
"""

from __future__ import annotations

from kiosk.ui.gestures import Fling, GestureRecognizer, Swipe, Tap
from kiosk.ui.input import Pointer


class Touch:
    def __init__(self, slop_px: int, swipe_px: int):
        self.gestures = GestureRecognizer(slop_px=slop_px, swipe_px=swipe_px)
        self._swallow = False

    def swallowed(self, p: Pointer, warning_shown: bool) -> bool:
        """True for every pointer of the touch that answered "are you still there?"."""
        if p.kind == "down" and warning_shown:
            self._swallow = True
        if self._swallow:
            self._swallow = p.kind != "up"
            return True
        return False

    def route(self, p: Pointer, scene, now: float) -> None:
        """Pass the pointer to the scene shown, as a press, a drag, a tap, a swipe or a fling."""
        gestures = self.gestures
        if p.kind == "down":
            gestures.down(p.x, p.y, now)
            scene.press(p.x, p.y)
        elif p.kind == "move":
            dy = gestures.move(p.x, p.y, now)
            if gestures.axis:
                scene.release()  # the finger travels: no press shade, no tap
            if dy and gestures.start:
                scene.drag(*gestures.start, dy)
        else:
            gestures.move(p.x, p.y, now)
            gesture = gestures.up(p.x, p.y, now)
            scene.release()
            if isinstance(gesture, Tap):
                scene.tap(gesture.x, gesture.y)
            elif isinstance(gesture, Swipe):
                scene.swipe(gesture.x, gesture.y, gesture.dx)
            elif isinstance(gesture, Fling):
                scene.fling(gesture.vy)
