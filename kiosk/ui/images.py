"""Images for the screen: decoded and scaled once per size with Pillow, then cached.

A missing or damaged file never breaks a screen: a quiet placeholder takes its place and the
problem is logged (the content check reports it to curators with file and line).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from pathlib import Path

import pygame
from PIL import Image

from kiosk.content.media import MediaError, open_image, resolve_media

log = logging.getLogger(__name__)


SOURCES_KEPT = 12  # decoded pictures kept for rescaling (a 1600x1000 one is about 5 MB)


class ImageCache:
    def __init__(self, media_dir: Path, capacity: int = 48, draw: bool = True):
        self.media_dir = media_dir
        self.draw = draw  # False: blank surfaces of the right size, for checking content quickly
        self.capacity = capacity  # bounded: a kiosk runs for months
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._sources: OrderedDict[str, Image.Image] = OrderedDict()

    def get(self, ref: str, size: tuple[int, int], fit: str = "cover") -> pygame.Surface:
        """The image scaled to `size`: `cover` fills and crops, `contain` fits inside."""
        key = (ref, size, fit)
        surface = self._surfaces.get(key)
        if surface is not None:
            self._surfaces.move_to_end(key)
            return surface
        surface = self._load(ref, size, fit)
        self._surfaces[key] = surface
        while len(self._surfaces) > self.capacity:
            self._surfaces.popitem(last=False)
        return surface

    def clear(self) -> None:
        self._surfaces.clear()
        self._sources.clear()

    def __len__(self) -> int:
        return len(self._surfaces)

    def _load(self, ref: str, size: tuple[int, int], fit: str) -> pygame.Surface:
        size = (max(1, size[0]), max(1, size[1]))
        if not self.draw:
            return pygame.Surface(self._measure(ref, size, fit))
        try:
            source = self._source(ref)
        except MediaError as exc:
            log.warning("image %s not shown: %s", ref, exc.message)
            return placeholder(size)
        scaled = scale(source, size, fit)
        return pygame.image.frombytes(scaled.tobytes(), scaled.size, scaled.mode)

    def _measure(self, ref: str, size: tuple[int, int], fit: str) -> tuple[int, int]:
        if fit == "cover":
            return size
        try:
            with Image.open(resolve_media(self.media_dir, ref)) as image:  # reads the header only
                w, h = image.size
        except (MediaError, OSError):
            return size
        ratio = min(size[0] / w, size[1] / h)
        return max(1, round(w * ratio)), max(1, round(h * ratio))

    def _source(self, ref: str) -> Image.Image:
        """The decoded file, kept for a while: one picture is shown at several sizes."""
        image = self._sources.get(ref)
        if image is None:
            image = open_image(resolve_media(self.media_dir, ref))
            self._sources[ref] = image
            while len(self._sources) > SOURCES_KEPT:
                self._sources.popitem(last=False)
        else:
            self._sources.move_to_end(ref)
        return image


def scale(image: Image.Image, size: tuple[int, int], fit: str) -> Image.Image:
    """`cover`: fill `size`, cropping the overflow evenly; `contain`: fit inside it whole."""
    w, h = image.size
    if fit == "cover":
        ratio = max(size[0] / w, size[1] / h)
        # The crop never exceeds the picture, even by a rounding error (Pillow refuses that box).
        crop_w, crop_h = min(w, size[0] / ratio), min(h, size[1] / ratio)
        box = ((w - crop_w) / 2, (h - crop_h) / 2, (w + crop_w) / 2, (h + crop_h) / 2)
        return image.resize(size, Image.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    ratio = min(size[0] / w, size[1] / h)
    target = (max(1, round(w * ratio)), max(1, round(h * ratio)))
    return image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)


def placeholder(size: tuple[int, int]) -> pygame.Surface:
    """A calm grey panel with a simple picture sign, in place of an image that cannot be shown."""
    surface = pygame.Surface(size)
    surface.fill((226, 222, 214))
    w, h = size
    s = max(8, min(w, h) // 6)
    cx, cy = w // 2, h // 2
    colour = (190, 184, 174)
    pygame.draw.rect(surface, colour, (cx - s, cy - s * 3 // 4, 2 * s, s * 3 // 2), max(2, s // 10))
    pygame.draw.polygon(
        surface,
        colour,
        [
            (cx - s * 3 // 4, cy + s // 2),
            (cx - s // 6, cy - s // 4),
            (cx + s // 4, cy + s // 4),
            (cx + s * 3 // 4, cy + s // 2),
        ],
    )
    return surface
