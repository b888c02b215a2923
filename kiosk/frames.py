"""Frame times of the running kiosk: the recent ones, and every one counted into buckets.

/metrics gives frame time as a Prometheus histogram, which counts every frame since the start
(a window of recent frames would make its counters go down). `FrameTimes` stands in for the
deque of recent times the app keeps (`append`, `extend`, iteration, `len`), and also counts each frame
into `FRAME_BUCKETS_S`; `histogram()` is the `frame_time_histogram` figure of `KioskApp.live`
that kiosk/web/metrics.py reads, plain lists and numbers so that a heartbeat carries it as JSON.

The frame thread appends while the dashboard's thread reads, so both go through one lock.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator

# Upper bounds in seconds: around a frame's budget at 60 and 30 fps, then the hitches staff chase.
FRAME_BUCKETS_S = (0.002, 0.004, 0.008, 0.0167, 0.0333, 0.05, 0.1, 0.25, 0.5, 1.0)
RECENT = 600  # frames kept for the recent quantiles (the staff screen, heartbeats)


class FrameTimes:
    def __init__(self, recent: int = RECENT, buckets: tuple[float, ...] = FRAME_BUCKETS_S):
        self.buckets = buckets
        self._recent: deque[float] = deque(maxlen=recent)
        self._counts = [0] * (len(buckets) + 1)  # per bucket, not added up; the last is +Inf
        self._sum = 0.0
        self._lock = threading.Lock()

    def append(self, seconds: float) -> None:
        with self._lock:
            self._recent.append(seconds)
            self._counts[bisect_left(self.buckets, seconds)] += 1  # le: at most the bound
            self._sum += seconds

    def extend(self, times: Iterable[float]) -> None:
        for seconds in times:
            self.append(seconds)

    def __iter__(self) -> Iterator[float]:
        with self._lock:
            return iter(list(self._recent))

    def __len__(self) -> int:
        return len(self._recent)

    def histogram(self) -> dict:
        """{"buckets": [[upper bound, frames at most that long], ...], "sum": s, "count": n}."""
        with self._lock:
            counts, total = list(self._counts), self._sum
        cumulative, buckets = 0, []
        for bound, n in zip(self.buckets, counts):
            cumulative += n
            buckets.append([bound, cumulative])
        return {"buckets": buckets, "sum": total, "count": cumulative + counts[-1]}
