"""The slide from one screen to the next (0.3 s): two finished pictures moved, nothing blended."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

TRANSITION_S = 0.3


def ease_out(p: float) -> float:
    return 1 - (1 - p) ** 3


@dataclass
class Transition:
    """The screen that was slides out as the screen that comes slides in.

    Sliding only moves two finished pictures (no blending), so it stays cheap at 4K."""

    before: pygame.Surface
    after: pygame.Surface
    direction: int  # +1: the new screen comes from the right (deeper, next); -1: from the left
    start: float

    def progress(self, now: float) -> float:
        return min(1.0, (now - self.start) / TRANSITION_S)

    def draw(self, surface: pygame.Surface, now: float) -> None:
        width = surface.get_width()
        offset = round(width * ease_out(self.progress(now))) * self.direction
        surface.blit(self.before, (-offset, 0))
        surface.blit(self.after, (self.direction * width - offset, 0))
