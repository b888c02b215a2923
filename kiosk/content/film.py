"""Films: what a film file is (codec, size, length), and proof that the kiosk can play it.

Read with PyAV (FFmpeg's libraries, in its wheel); no pygame. The limits are what this
kind of machine plays without stutter beside the frame loop (benchmarks/video_decoders.py):
H.264 at 1920x1080 costs 7-9 ms of one core a frame; 4K costs 26-36 ms, all of the 33 ms a
frame lasts at 30 fps, on one of the two cores the frame loop shares.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import av

from kiosk.content.captions import clock
from kiosk.content.media import MediaError

PLAYED_CODECS = {"h264": "H.264"}  # FFmpeg's name -> the name in export dialogs
MAX_SIDE, MAX_SHORT_SIDE = 1920, 1080  # either way up
MAX_FPS = 60
MAX_FILM_BYTES = 2_000_000_000
SHORT_BY_S = 0.5  # the packets end this much before the film's stated length: it was cut off


@dataclass(frozen=True)
class FilmFacts:
    codec: str
    width: int
    height: int
    fps: float
    duration: float  # seconds


# Each content edit checks the content again: a film the kiosk has proved whole, unchanged
# since, is not read again (a long film takes a moment to read through).
_PROVED: dict[tuple, FilmFacts] = {}
PROVED_FILMS = 256


def probe(path: Path, max_s: float) -> FilmFacts:
    """Open a film, read every packet and decode its first and last frames; MediaError in
    curators' words if the kiosk cannot play it whole."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, max_s)
    if key not in _PROVED:
        if len(_PROVED) >= PROVED_FILMS:
            _PROVED.clear()
        _PROVED[key] = _probe(path, max_s)
    return _PROVED[key]


def _probe(path: Path, max_s: float) -> FilmFacts:
    size = path.stat().st_size
    if size > MAX_FILM_BYTES:
        raise MediaError(f"file is {size:,} bytes; the limit is {MAX_FILM_BYTES:,}", "export a smaller copy")
    try:
        with av.open(str(path), metadata_errors="ignore") as container:
            facts = _facts(container, max_s)
            _read_whole(container, facts)
    except MediaError:
        raise
    except (av.FFmpegError, OSError, ValueError, IndexError) as exc:
        raise MediaError(
            f"not a film, or damaged ({_reason(exc)})", "export the film again as MP4 (H.264)"
        ) from None
    return facts


def _facts(container, max_s: float) -> FilmFacts:
    if not container.streams.video:
        raise MediaError("the file holds no picture, only sound or data", "export the film as MP4 (H.264)")
    stream = container.streams.video[0]
    codec = stream.codec_context.name
    if codec not in PLAYED_CODECS:
        raise MediaError(
            f"films coded as {codec} are not played",
            f"export it as {', '.join(PLAYED_CODECS.values())} in MP4",
        )
    width, height = stream.codec_context.width, stream.codec_context.height
    if max(width, height) > MAX_SIDE or min(width, height) > MAX_SHORT_SIDE:
        raise MediaError(
            f"film is {width}x{height}; the kiosk plays films up to 1920x1080",
            "export it at 1920x1080 or 1280x720: larger ones stutter",
        )
    rate = stream.average_rate or stream.guessed_rate
    fps = float(rate) if rate else 0.0
    if not 0 < fps <= MAX_FPS:
        raise MediaError(
            f"the film's frame rate ({fps:g} a second) cannot be played", "export it at 25 or 30 fps"
        )
    duration = film_length(container)
    if not duration > 0:
        raise MediaError("the film's length cannot be read", "export it again as MP4 (H.264)")
    if duration > max_s:
        raise MediaError(
            f"film is {clock(duration)} long; video_max_s allows {clock(max_s)}",
            "shorten it, or raise video_max_s in config.yaml",
        )
    return FilmFacts(codec, width, height, fps, duration)


def film_facts(path: Path) -> FilmFacts:
    """What the page needs to lay out and time a film, from its header alone (no checks:
    `kiosk validate` has made them)."""
    with av.open(str(path), metadata_errors="ignore") as container:
        stream = container.streams.video[0]
        rate = stream.average_rate or stream.guessed_rate or 30
        context = stream.codec_context
        return FilmFacts(context.name, context.width, context.height, float(rate), film_length(container))


def film_length(container) -> float:
    """Seconds, from the stream's own length, else the container's."""
    stream = container.streams.video[0]
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration:
        return container.duration / 1_000_000
    return math.nan


def _read_whole(container, facts: FilmFacts) -> None:
    """Every packet there (cheap: nothing decoded) and the first and last pictures decoded."""
    stream = container.streams.video[0]
    end = 0.0
    for packet in container.demux(stream):
        if packet.pts is not None and packet.time_base:
            end = max(end, float((packet.pts + (packet.duration or 0)) * packet.time_base))
    start = float(stream.start_time * stream.time_base) if stream.start_time else 0.0
    if end - start < facts.duration - SHORT_BY_S:
        raise MediaError(
            f"the film stops at {clock(end - start)} of its {clock(facts.duration)}: the file is cut short",
            "copy or export it again",
        )
    container.seek(0)
    if next(container.decode(stream), None) is None:
        raise MediaError("no picture of the film can be decoded", "export it again as MP4 (H.264)")
    # The last key frame and what follows it: a damaged end shows here.
    container.seek(max(0, int((facts.duration - 1.0) / stream.time_base)), stream=stream)
    for _ in container.decode(stream):
        pass


def _reason(exc: Exception) -> str:
    """FFmpeg's words without the file's full path, which curators know."""
    return str(getattr(exc, "strerror", None) or exc).strip()[:80]
