"""Surfaces with a size and no pixels: what screens are built from when the kiosk only measures.

The content check builds every screen to learn whether its words fit; no pixel is looked at.
A `Blank` answers for its size as a surface does, takes blits and fills and drops them, and
anything pygame draws on it is clipped away at once (its own buffer is 0x0). It is still a
`pygame.Surface`, so code written for real surfaces (a real surface blitting it, pygame.draw
on it) needs no change.
"""

from __future__ import annotations

import pygame


class Blank(pygame.Surface):
    """A stand-in of `size` pixels that holds none."""

    def __init__(self, size: tuple[int, int], *_flags):
        super().__init__((0, 0))
        self._size = (max(0, int(size[0])), max(0, int(size[1])))

    # -- size: the only thing measuring reads -----------------------------------------------
    def get_size(self) -> tuple[int, int]:
        return self._size

    def get_width(self) -> int:
        return self._size[0]

    def get_height(self) -> int:
        return self._size[1]

    size = property(get_size)
    width = property(get_width)
    height = property(get_height)

    def get_rect(self, **where) -> pygame.Rect:
        r = pygame.Rect((0, 0), self._size)
        for name, value in where.items():
            setattr(r, name, value)
        return r

    def get_frect(self, **where) -> pygame.FRect:
        return pygame.FRect(self.get_rect(**where))

    # -- drawing: dropped -------------------------------------------------------------------
    def blit(self, source, dest=(0, 0), area=None, special_flags=0) -> pygame.Rect:
        return pygame.Rect(_origin(dest), (0, 0))

    def blits(self, blit_sequence, doreturn=True):
        return [pygame.Rect(_origin(item[1]), (0, 0)) for item in blit_sequence] if doreturn else None

    def fblits(self, blit_sequence, special_flags=0) -> None:
        return None

    def fill(self, color, rect=None, special_flags=0) -> pygame.Rect:
        return pygame.Rect(0, 0, 0, 0)

    # -- copies stay blank --------------------------------------------------------------------
    def copy(self) -> Blank:
        return Blank(self._size)

    __copy__ = copy

    def subsurface(self, *rect) -> Blank:
        return Blank(pygame.Rect(*rect).size)

    def convert(self, *_args) -> Blank:
        return self

    def convert_alpha(self, *_args) -> Blank:
        return self

    def __repr__(self) -> str:
        return f"<Blank({self._size[0]}x{self._size[1]})>"


def _origin(dest) -> tuple[int, int]:
    if isinstance(dest, pygame.Rect | pygame.FRect):
        return int(dest.x), int(dest.y)
    return int(dest[0]), int(dest[1])


def is_blank(surface: pygame.Surface) -> bool:
    return isinstance(surface, Blank)
