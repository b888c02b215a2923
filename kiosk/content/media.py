"""Media files: paths that cannot leave media/, and images checked before anyone draws them.

The loader's check decodes every picture to prove it whole. Those the first screen draws
(the zone covers) are handed over decoded (`hand_over`), and the next `open_image` of the
same unchanged file takes that copy: from start to the first frame, each is decoded once.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from PIL import ExifTags, Image, ImageOps

from kiosk.bounded import Bounded

# Pillow's format name -> the name curators know. Phones save many JPEGs as MPO.
SUPPORTED_FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG", "WEBP": "WebP", "GIF": "GIF", "BMP": "BMP"}
MAX_FILE_BYTES = 50_000_000
MAX_PIXELS = 40_000_000  # a 8000x5000 photo; far beyond any kiosk screen
# Checked pictures waiting to be drawn, at most this many bytes decoded (the picture cache's
# own budget for decoded files); a new check lets the last one's leftovers go.
HANDED_BYTES = 64 * 2**20

log = logging.getLogger(__name__)


class MediaError(Exception):
    """A media reference that cannot be shown; the message is for curators."""

    def __init__(self, message: str, hint: str | None = None):
        super().__init__(message)
        self.message, self.hint = message, hint


def check_ref(ref: str) -> None:
    """A path written inside media/ that cannot leave it, whatever is on disk; else MediaError."""
    if "\\" in ref or ref.startswith("/") or (len(ref) > 1 and ref[1] == ":"):
        raise MediaError(f"'{ref}' is not a relative path inside media/", "write e.g. images/forest.png")
    parts = PurePosixPath(ref).parts
    if ".." in parts:
        raise MediaError(f"'{ref}' leaves the media folder", "keep files inside media/")


def resolve_media(media_dir: Path, ref: str) -> Path:
    """The file `ref` names inside media_dir; anything that would leave media/ is refused."""
    check_ref(ref)
    root = media_dir.resolve()
    path = (media_dir / ref).resolve()
    if not path.is_relative_to(root):
        raise MediaError(f"'{ref}' points outside the media folder (a link?)", "copy the file into media/")
    if not path.is_file():
        raise MediaError(f"file not found: media/{ref}", "check the spelling and the folder")
    return path


def open_image(path: Path, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Decode an image fully, upright (EXIF), as RGB or RGBA; MediaError if it is unusable.

    The pixel count is checked from the header before decoding, so a decompression bomb is
    refused without ever being loaded. A picture the loader's check handed over is taken as
    it is, decoded no second time.
    """
    handed = _handed.pop(_identity(path)) if len(_handed) else None
    if handed is not None and handed.width * handed.height <= max_pixels:
        return handed
    with _decoded(path, max_pixels) as image:
        # Turned only when the file says so: exif_transpose copies the picture even when not.
        turned = image.getexif().get(ExifTags.Base.Orientation, 1) not in (0, 1)
        upright = ImageOps.exif_transpose(image) if turned else image
        mode = "RGBA" if "A" in upright.getbands() or "transparency" in upright.info else "RGB"
        return upright.convert(mode)  # a copy of its own: the file's closes with the block


def hand_over(path: Path, image: Image.Image) -> None:
    """A picture just checked, for the next `open_image` of that file (if it is unchanged)."""
    _handed.put(_identity(path), image)


def forget_handed() -> None:
    """Let go of checked pictures no one took (a new check, or nothing will draw them)."""
    _handed.clear()


def image_bytes(image: Image.Image) -> int:
    return image.width * image.height * len(image.getbands())


_handed: Bounded[Image.Image] = Bounded(HANDED_BYTES, image_bytes)


def _identity(path: Path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return (str(path),)
    return (str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino)


def check_image(path: Path, max_pixels: int = MAX_PIXELS) -> tuple[int, int]:
    """Decode an image to prove it is whole; its (width, height). Nothing is kept: checking
    many pictures costs one decoded picture at a time, without the copies drawing needs."""
    with _decoded(path, max_pixels) as image:
        return image.size


@contextmanager
def _decoded(path: Path, max_pixels: int) -> Iterator[Image.Image]:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise MediaError(f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}", "export a smaller copy")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                _check_header(image, max_pixels)
                image.load()
                yield image
    except MediaError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise MediaError("image is too large to decode safely", "scale it down") from None
    except Image.UnidentifiedImageError:
        raise MediaError("not an image, or a format that cannot be read", "use PNG or JPEG") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise MediaError(f"image is damaged or truncated ({exc})", "export the file again") from None
    except Exception as exc:  # a decoder or EXIF reader tripped up by a malformed file
        log.warning("%s: %s reading it", path, type(exc).__name__, exc_info=True)
        raise MediaError(f"image is damaged ({type(exc).__name__})", "export the file again") from None


def header_pixels(path: Path) -> int:
    """Width x height as the header says, nothing decoded; 0 if it cannot be read (the full
    check then says why)."""
    try:
        with warnings.catch_warnings(), Image.open(path) as image:
            warnings.simplefilter("ignore")  # a bomb is refused by check_image, in words
            width, height = image.size
    except Exception:  # any unreadable file: check_image reports it in curators' words
        return 0
    return width * height


def _check_header(image: Image.Image, max_pixels: int) -> None:
    """Refuse by what the header says, before any pixel is decoded."""
    if image.format not in SUPPORTED_FORMATS:
        raise MediaError(
            f"{image.format or 'unknown'} images are not supported",
            f"use {', '.join(sorted(set(SUPPORTED_FORMATS.values())))}",
        )
    width, height = image.size
    if width * height > max_pixels:
        raise MediaError(
            f"image is {width}x{height} pixels, more than {max_pixels:,}",
            "scale it down: a kiosk screen needs at most 3840x2160",
        )
