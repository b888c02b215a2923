"""Captions: WebVTT files read into cues, every problem with its line.

The kiosk reads what captioning tools write (Subtitle Edit, Aegisub, YouTube's export,
ffmpeg): the `WEBVTT` header, cues with optional identifiers and settings, NOTE, STYLE
and REGION blocks (skipped). Cue settings and styling are not drawn: the kiosk sets every
caption in its own type, so tags such as `<i>` or `<v Speaker>` are taken out of the text.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.model import text_problem

MAX_CAPTION_BYTES = 2_000_000  # hours of captions; a bigger file is not a caption file
# mm:ss.ttt or hh:mm:ss.ttt (hours of any length, minutes and seconds below 60)
_TIME = r"(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})"
_TIMING = re.compile(rf"^{_TIME}[ \t]+-->[ \t]+{_TIME}(?:[ \t]+.*)?$")
_TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Cue:
    start: float  # seconds from the film's start
    end: float
    text: str  # lines joined with "\n", tags taken out
    line: int  # of its timing line, for messages


class CaptionError(Exception):
    """A caption file that cannot be shown; `line` is in the caption file."""

    def __init__(self, line: int, message: str, hint: str | None = None):
        super().__init__(f"line {line}: {message}")
        self.line, self.message, self.hint = line, message, hint


def read_captions(path: Path) -> list[Cue]:
    """The cues of a WebVTT file, in order; CaptionError at the first problem."""
    size = path.stat().st_size
    if size > MAX_CAPTION_BYTES:
        raise CaptionError(
            1, f"file is {size:,} bytes; a caption file is far smaller", "is it a caption file?"
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CaptionError(line, "not UTF-8 text", "save it as UTF-8 (the WebVTT standard)") from None
    return parse_captions(text)


def parse_captions(text: str) -> list[Cue]:
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows editors write
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0] if lines else ""
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise CaptionError(1, "a WebVTT file begins with the line WEBVTT", "is it an .srt file? convert it")
    cues: list[Cue] = []
    for start_line, block in _blocks(lines):
        if start_line == 1:
            continue  # the header, and whatever follows WEBVTT until the first blank line
        head = block[0]
        if head.startswith(("NOTE", "STYLE", "REGION")) and "-->" not in head:
            continue
        cues.append(_cue(start_line, block, cues[-1] if cues else None))
    return cues


def _blocks(lines: list[str]):
    """(number of its first line, its lines) of every block between blank lines."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip():
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _cue(start_line: int, block: list[str], previous: Cue | None) -> Cue:
    timing_at = 0 if "-->" in block[0] else 1  # an identifier line may come first
    if timing_at >= len(block) or "-->" not in block[timing_at]:
        raise CaptionError(
            start_line,
            f"'{block[0][:60]}' is neither a cue nor a note",
            "a cue starts 00:01.000 --> 00:04.000",
        )
    line = start_line + timing_at
    match = _TIMING.match(block[timing_at].strip())
    if not match:
        raise CaptionError(
            line,
            f"cue timing '{block[timing_at].strip()[:60]}' is not as WebVTT writes it",
            "write 00:01.000 --> 00:04.000 (a full stop before the milliseconds)",
        )
    start, end = _seconds(*match.groups()[:4]), _seconds(*match.groups()[4:])
    if end <= start:
        raise CaptionError(line, "the cue ends before it starts", "check the two times")
    if previous is not None and start < previous.start:
        raise CaptionError(line, "cues must come in the order they are shown", f"after line {previous.line}")
    words = "\n".join(html.unescape(_TAG.sub("", row)).strip() for row in block[timing_at + 1 :]).strip()
    if not words:
        raise CaptionError(line, "the cue has no text", "write its words under the timing line")
    problem = text_problem(words.replace("\n", " "))
    if problem:
        raise CaptionError(line + 1, problem)
    return Cue(start, end, words, line)


def _seconds(hours: str | None, minutes: str, seconds: str, millis: str) -> float:
    return int(hours or 0) * 3600 + int(minutes) * 60 + int(seconds) + int(millis) / 1000


def cue_at(cues: list[Cue], t: float) -> Cue | None:
    """The cue shown at `t` seconds into the film (the latest begun, if cues overlap)."""
    shown = None
    for cue in cues:
        if cue.start > t:
            break
        if t < cue.end:
            shown = cue
    return shown


def clock(seconds: float) -> str:
    """0:20.5, as curators read times in messages."""
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}"
