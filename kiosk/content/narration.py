"""Narration files: proof that a page's `audio:` is sound the kiosk plays, and how long it is.

Read with PyAV (FFmpeg's libraries, in its wheel); no pygame. The kiosk plays through
pygame's mixer, which reads Ogg (Vorbis or Opus) and WAV: those are what is accepted. The
whole file is decoded once (a few minutes of speech take a fraction of a second), so a file
cut short or damaged half-way is found here, not by a visitor.
"""

from __future__ import annotations

from pathlib import Path

import av

from kiosk.content.captions import clock
from kiosk.content.media import MediaError

PLAYED = {"ogg": {"vorbis", "opus"}, "wav": {"pcm_s16le", "pcm_u8", "pcm_s24le", "pcm_s32le", "pcm_f32le"}}
MAX_NARRATION_BYTES = 100_000_000
EXPORT = "export it as Ogg Vorbis (.ogg) or WAV"

# Each content edit checks again: a file proved whole and unchanged since is not decoded again.
_PROVED: dict[tuple, float] = {}
PROVED_FILES = 512


def narration_length(path: Path, max_s: float) -> float:
    """Seconds of sound in the file; MediaError in curators' words if the kiosk cannot play it."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, max_s)
    if key not in _PROVED:
        if len(_PROVED) >= PROVED_FILES:
            _PROVED.clear()
        _PROVED[key] = _length(path, stat.st_size, max_s)
    return _PROVED[key]


def _length(path: Path, size: int, max_s: float) -> float:
    if size > MAX_NARRATION_BYTES:
        raise MediaError(f"file is {size:,} bytes; the limit is {MAX_NARRATION_BYTES:,}", EXPORT)
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise MediaError("the file holds no sound", EXPORT)
            formats = set(container.format.name.split(","))
            codec = container.streams.audio[0].codec_context.name
            if not any(codec in PLAYED[f] for f in formats if f in PLAYED):
                raise MediaError(f"sound in {container.format.name} as {codec} is not played", EXPORT)
            end = 0.0
            for frame in container.decode(audio=0):
                end = max(end, float(frame.time or 0.0) + frame.samples / frame.sample_rate)
    except MediaError:
        raise
    except (av.FFmpegError, OSError, ValueError, IndexError) as exc:
        reason = str(getattr(exc, "strerror", None) or exc).strip()[:80]
        raise MediaError(f"not a sound file, or damaged ({reason})", EXPORT) from None
    if not end > 0:
        raise MediaError("the file holds no sound", EXPORT)
    if end > max_s:
        raise MediaError(
            f"narration is {clock(end)} long; sound.narration_max_s allows {clock(max_s)}",
            "shorten it, or raise sound.narration_max_s in config.yaml",
        )
    return end
