"""The figures museum evaluators use, as pure functions of plain numbers (no store, no clock).

Definitions, with their sources, are in the README ("Evaluation"): attraction and holding power
after Bitgood, the share of thorough ("diligent") visitors after Serrell (1998), dwell as a
survival curve, and the path from the attract screen to a zone's last page.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def per_hundred(part: int, whole: int) -> float | None:
    """`part` per 100 of `whole`, to a tenth; None when there is no whole to set it against."""
    return round(100 * part / whole, 1) if whole else None


def attraction(sessions: int, entries: int) -> float | None:
    """Sessions begun per 100 people through the door (Bitgood's attraction power, as a rate)."""
    return per_hundred(sessions, entries)


def holding_power(visits: Iterable[tuple[float, float]]) -> float | None:
    """Time spent over time needed, for (dwell s, reading time s) pairs: their sums' ratio, so
    it is the mean dwell over the mean reading time (None: no visit, or nothing to read)."""
    dwell = needed = 0.0
    for spent, reading in visits:
        dwell += spent
        needed += reading
    return round(dwell / needed, 2) if needed > 0 else None


def thorough(pages_seen: Iterable[int], pages_total: int) -> int:
    """Sessions that saw more than half of the exhibit's pages (Serrell's diligent visitors)."""
    return sum(1 for seen in pages_seen if 2 * seen > pages_total) if pages_total else 0


def survival(durations: Sequence[float], at: Iterable[float]) -> list[float]:
    """The share of sessions still at the kiosk after each time t: longer than t seconds."""
    n = len(durations)
    return [round(sum(1 for d in durations if d > t) / n, 4) if n else 0.0 for t in at]


def survival_time(durations: Sequence[float], share: float) -> float | None:
    """The time by which all but `share` of the sessions had left: the first length at which the
    share still there falls to `share` or below (0.5: the median visit)."""
    ordered = sorted(durations)
    n = len(ordered)
    for index, length in enumerate(ordered):
        if (n - index - 1) / n <= share:  # sessions longer than this one, as a share
            return length
    return None


def steps(sessions: Sequence[tuple[bool, ...]]) -> list[int]:
    """How many sessions got to each step of a path, each step counted only after the ones
    before it (a session flags whether it reached each)."""
    if not sessions:
        return []
    width = len(sessions[0])
    counts = [0] * width
    for reached in sessions:
        for step in range(width):
            if not reached[step]:
                break
            counts[step] += 1
    return counts
