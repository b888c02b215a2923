"""A copy of the screen for staff, asked for from another thread (the fleet's heartbeat)."""

from __future__ import annotations

import io
import threading

import pygame


class ScreenCopy:
    """A picture of the screen for staff (the fleet's heartbeat asks for it from its thread).

    The copy is taken on the frame thread, from the frame just drawn; it is made a PNG by
    whoever takes it, on their thread, so the visitor's frame is not held up by the encoding."""

    def __init__(self):
        self._wanted = threading.Event()
        self._lock = threading.Lock()
        self._copy: pygame.Surface | None = None

    def ask(self) -> None:
        self._wanted.set()

    def capture(self, surface: pygame.Surface) -> None:
        if self._wanted.is_set():
            self._wanted.clear()
            copy = surface.copy()
            with self._lock:
                self._copy = copy

    def take(self) -> bytes | None:
        """The copy as PNG, once; None while none has been taken."""
        with self._lock:
            copy, self._copy = self._copy, None
        if copy is None:
            return None
        buffer = io.BytesIO()
        pygame.image.save(copy, buffer, "screen.png")
        return buffer.getvalue()
