"""A film decoded off the frame thread, a few frames ahead of the page's clock.

The page says which moment of the film it shows (`frame_at(t)`, in film seconds read from
the kiosk's clock); the reel's thread decodes in order, converts each frame to the screen's
pixel layout at the size it is shown, and keeps at most AHEAD of them, so a paused film
costs nothing and one that falls behind catches up by skipping the conversion of frames
that are already late. FFmpeg decodes outside the GIL: the frame loop keeps running.

On a virtual clock (replays, tests, snapshots) nothing happens in real time, so the page
waits for the frame due: what it shows at `t` is exactly the frame of `t`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict, deque
from pathlib import Path

import av

from kiosk.content.film import film_length

log = logging.getLogger(__name__)

AHEAD = 4  # frames decoded before they are due: enough to ride out a busy moment


# The first pictures of the films shown last: a film page is built again each time the page
# before it is read (built ahead), and its poster is then not decoded again.
_FIRST: OrderedDict[tuple, av.VideoFrame] = OrderedDict()
FIRST_FRAMES = 4


def first_frame(path: Path, size: tuple[int, int], pixel_format: str) -> av.VideoFrame:
    """The film's first picture at a size: its poster when it has none of its own."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns, size, pixel_format)
    if key in _FIRST:
        _FIRST.move_to_end(key)
        return _FIRST[key]
    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
        shown = frame.reformat(width=size[0], height=size[1], format=pixel_format)
    _FIRST[key] = shown
    while len(_FIRST) > FIRST_FRAMES:
        _FIRST.popitem(last=False)
    return shown


class Reel:
    def __init__(
        self, path: Path, size: tuple[int, int], pixel_format: str, loop: bool, start_s: float = 0.0
    ):
        self.path, self.size, self.pixel_format, self.loop = path, size, pixel_format, loop
        self._frames: deque[tuple[float, av.VideoFrame]] = deque()
        self._changed = threading.Condition()
        self._wanted = start_s  # the moment the page shows: frames due before it are skipped
        self._start_s = start_s
        self._stopped = False
        self.done = False  # the thread has ended: the film's end, a stop, or an error
        self.error: str | None = None
        self.frames_decoded = 0  # and the CPU the thread spent on them: the decode cost
        self.cpu_s = 0.0
        self.frames_shown = 0
        self._thread = threading.Thread(target=self._run, name=f"film {path.name}", daemon=True)
        self._thread.start()

    # -- the page's side ------------------------------------------------------------------------
    def frame_at(self, t: float, wait: bool = False) -> av.VideoFrame | None:
        """The latest frame due by film time `t` not given before (None: nothing new).
        `wait`: block until it is decoded (virtual time only: the frame loop never waits)."""
        shown = None
        with self._changed:
            self._wanted = t
            while True:
                while self._frames and self._frames[0][0] <= t:
                    shown = self._frames.popleft()[1]
                    self._changed.notify_all()
                if not wait or self.done or self._frames:
                    self.frames_shown += shown is not None
                    return shown
                self._changed.wait()

    def stop(self) -> None:
        """The page is gone or the film paused for good: the thread ends at its next frame."""
        with self._changed:
            self._stopped = True
            self._frames.clear()
            self._changed.notify_all()

    def join(self, timeout: float) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    # -- the thread's side -----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            with av.open(str(self.path)) as container:
                self._play(container)
        except Exception as exc:  # a film that breaks while playing ends; the page shows its poster
            self.error = f"{type(exc).__name__}: {exc}"[:200]
            log.warning("film %s stopped: %s", self.path.name, self.error)
        finally:
            with self._changed:
                self.done = True
                self._changed.notify_all()

    def _play(self, container) -> None:
        stream = container.streams.video[0]
        # One core decodes, the other keeps the frame loop: FFmpeg's own threads would take both.
        stream.codec_context.thread_count = 1
        length = film_length(container)
        interval = 1.0 / float(stream.average_rate or 30)
        first = float(stream.start_time * stream.time_base) if stream.start_time else 0.0
        offset = 0.0  # film time at the start of this pass (a loop plays pass after pass)
        if self._start_s > 0:
            container.seek(int((self._start_s % length + first) / stream.time_base), stream=stream)
            offset = self._start_s // length * length
        while True:
            for frame in container.decode(stream):
                if self._stopped:
                    return
                t = offset + float(frame.time or 0.0) - first
                if t + interval <= max(self._wanted, self._start_s):
                    continue  # due and gone before it could be shown: not converted
                shown = frame.reformat(width=self.size[0], height=self.size[1], format=self.pixel_format)
                self.frames_decoded += 1
                self.cpu_s = time.thread_time()
                with self._changed:
                    self._changed.wait_for(lambda: len(self._frames) < AHEAD or self._stopped)
                    if self._stopped:
                        return
                    self._frames.append((t, shown))
                    self._changed.notify_all()
            if not self.loop or self._stopped:
                return
            container.seek(0)
            offset += length
