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

from kiosk.content.media import MediaError, image_bytes, open_image, resolve_media
from kiosk.ui import widgets
from kiosk.ui.blank import Blank

log = logging.getLogger(__name__)


# Decoded files do not grow with the screen: a budget that holds a pavilion's pictures, so a
# navigation never waits for a PNG to decode twice (measured: 20-40 ms a picture at 1080p).
SOURCE_BUDGET_BYTES = 64 * 2**20
HEADERS_KEPT = 4096  # measuring: picture sizes remembered (a header read each is ~0.1 ms)


def _bytes_of(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


class ImageCache:
    """Pictures scaled, rounded and laid on their backdrop once, kept within a byte budget.

    Both the finished surfaces and the decoded sources (one picture is shown at several
    sizes) are evicted least recently used first, by bytes rather than count: a 4K screen's
    pictures are four times a 1080p screen's. `KioskApp` sizes the budget from the screen."""

    def __init__(
        self,
        media_dir: Path,
        budget_bytes: int = 64 * 2**20,
        source_budget_bytes: int = SOURCE_BUDGET_BYTES,
        draw: bool = True,
    ):
        self.media_dir = media_dir
        self.draw = draw  # False: `Blank` stand-ins of the right size, for checking content quickly
        self.budget_bytes = budget_bytes  # finished surfaces
        self.source_budget_bytes = source_budget_bytes  # decoded files
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._sources: OrderedDict[str, Image.Image] = OrderedDict()
        self._headers: dict[str, tuple[int, int] | None] = {}  # measuring: each picture's size
        self.surface_bytes = 0
        self.source_bytes = 0

    def get(
        self,
        ref: str,
        size: tuple[int, int],
        fit: str = "cover",
        radius: int = 0,
        backdrop: tuple[int, int, int] | None = None,
    ) -> pygame.Surface:
        """The image scaled to `size`: `cover` fills and crops, `contain` fits inside.

        `radius` rounds its corners; `backdrop` lays it on an opaque colour (cheapest to blend)."""
        if not self.draw:
            return Blank(self._measure(ref, (max(1, size[0]), max(1, size[1])), fit))
        key = (ref, size, fit, radius, backdrop)
        surface = self._surfaces.get(key)
        if surface is not None:
            self._surfaces.move_to_end(key)
            return surface
        surface = self._load(ref, size, fit)
        if radius:
            surface = widgets.rounded_image(surface, radius)
        if backdrop is not None:
            opaque = pygame.Surface(surface.get_size())
            opaque.fill(backdrop)
            opaque.blit(surface, (0, 0))
            surface = opaque
        self._surfaces[key] = surface
        self.surface_bytes += _bytes_of(surface)
        # The newest always stays, even alone over budget: the screen asked for it.
        while self.surface_bytes > self.budget_bytes and len(self._surfaces) > 1:
            _, dropped = self._surfaces.popitem(last=False)
            self.surface_bytes -= _bytes_of(dropped)
        return surface

    def clear(self) -> None:
        self._surfaces.clear()
        self._sources.clear()
        self._headers.clear()
        self.surface_bytes = self.source_bytes = 0

    def __len__(self) -> int:
        return len(self._surfaces)

    def _load(self, ref: str, size: tuple[int, int], fit: str) -> pygame.Surface:
        size = (max(1, size[0]), max(1, size[1]))
        try:
            source = self._source(ref)
        except MediaError as exc:
            log.warning("image %s not shown: %s", ref, exc.message)
            return placeholder(size)
        scaled = scale(source, size, fit)
        return pygame.image.frombytes(scaled.tobytes(), scaled.size, scaled.mode)

    def _measure(self, ref: str, size: tuple[int, int], fit: str) -> tuple[int, int]:
        """The size `get` would give, from the picture's header alone (nothing decoded)."""
        if fit == "cover":
            return size
        w, h = self._header_size(ref) or size
        ratio = min(size[0] / w, size[1] / h)
        return max(1, round(w * ratio)), max(1, round(h * ratio))

    def _header_size(self, ref: str) -> tuple[int, int] | None:
        if ref not in self._headers:
            try:
                with Image.open(resolve_media(self.media_dir, ref)) as image:  # reads the header only
                    self._headers[ref] = image.size
            except (MediaError, OSError):
                self._headers[ref] = None
            while len(self._headers) > HEADERS_KEPT:
                del self._headers[next(iter(self._headers))]  # the oldest read
        return self._headers[ref]

    def _source(self, ref: str) -> Image.Image:
        """The decoded file, kept for a while: one picture is shown at several sizes."""
        image = self._sources.get(ref)
        if image is not None:
            self._sources.move_to_end(ref)
            return image
        image = open_image(resolve_media(self.media_dir, ref))
        self._sources[ref] = image
        self.source_bytes += image_bytes(image)
        while self.source_bytes > self.source_budget_bytes and len(self._sources) > 1:
            _, dropped = self._sources.popitem(last=False)
            self.source_bytes -= image_bytes(dropped)
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
