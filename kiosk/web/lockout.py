"""How long password checks must wait after wrong passwords: per address, and for everyone.

An address that has tried five different wrong passwords waits 30 s, then 60 s, 120 s... up
to an hour, as at the PIN pad. A right password does not wipe that count (it may be another
person's, or a scraper's, at the same address); the count is forgotten after a quiet quarter
of an hour. Only different passwords count: a sensor retrying an old one is not guessing.

Addresses are cheap to change (a /64 of IPv6, a pool of proxies), so wrong passwords from all
addresses are counted too: past twenty in a quarter of an hour every password check waits,
30 s, then 60 s... Tokens are not held up by either wait: 256 random bits cannot be guessed,
so a flood of guesses never stops the scraper or the door sensor.

Waits run on the monotonic clock; `held()` and `backoff()` give them as time that remains, which
staff.json keeps, so a restart resumes them (see kiosk/staff.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kiosk.staff import LOCK_BASE_S, LOCK_MAX_S, lock_seconds

FORGET_S = 900.0  # an address (or everyone) quiet this long after its last wrong password starts afresh
GLOBAL_FREE = 20  # different wrong passwords from all addresses before everyone waits
MAX_ADDRESSES = 1024  # addresses remembered; past it those not waiting are forgotten first


def global_lock_seconds(wrong: int) -> float:
    """The wait every password check shares after `wrong` wrong passwords from anywhere."""
    if wrong < GLOBAL_FREE:
        return 0.0
    return min(LOCK_MAX_S, LOCK_BASE_S * 2 ** min(wrong - GLOBAL_FREE, 32))


class _Count:
    """Different wrong passwords and the wait they earned, for one address or for everyone."""

    def __init__(self, lock: Callable[[int], float], wrong: int = 0, until: float = 0.0, last: float = 0.0):
        self.lock = lock
        # The passwords themselves are never kept, only keyed digests of them (see auth.py);
        # a count restored after a restart has placeholders instead.
        self.tried: set[bytes] = {b"before the restart %d" % i for i in range(wrong)}
        self.until = until
        self.last = last  # when the last wrong one came

    def add(self, key: bytes, now: float) -> bool:
        """True when this wrong password starts a wait (which a restart must keep)."""
        if key in self.tried:
            return False
        self.tried.add(key)
        self.last = now
        wait = self.lock(len(self.tried))
        if wait:
            self.until = now + wait
        return bool(wait)

    def stale(self, now: float) -> bool:
        return now >= self.until and now - self.last >= FORGET_S


class WrongPasswords:
    """The waits of every address and the one all of them share."""

    def __init__(
        self,
        now: Callable[[], float] = time.monotonic,
        held: dict[str, tuple[int, float]] | None = None,
        backoff: tuple[int, float] = (0, 0.0),
    ):
        """`held`: address -> (different wrong passwords, seconds left); `backoff`: the shared
        (wrong passwords, seconds left); both as a restart found them in staff.json."""
        self.now = now
        start = now()
        self._addresses = {
            client: _Count(lock_seconds, wrong, start + left, start)
            for client, (wrong, left) in (held or {}).items()
        }
        wrong, left = backoff
        self._everyone = _Count(global_lock_seconds, wrong, start + left, start if wrong else -FORGET_S)

    def wait_s(self, client: str) -> float:
        """Seconds before a password from `client` is checked again (0: now)."""
        count = self._addresses.get(client)
        until = max(count.until if count else 0.0, self._everyone.until)
        return max(0.0, until - self.now())

    def everyone_waits(self) -> bool:
        return self._everyone.until > self.now()

    def wrong(self, client: str, key: bytes) -> bool:
        """Counts a wrong password; True when that starts a wait (which a restart must keep)."""
        now = self.now()
        self._forget_stale(now)
        count = self._addresses.get(client)
        if count is None or count.stale(now):
            if len(self._addresses) >= MAX_ADDRESSES:
                self._forget_not_waiting(now)
            count = self._addresses[client] = _Count(lock_seconds)
        if self._everyone.stale(now):
            self._everyone = _Count(global_lock_seconds)
        # The same key is counted once for everyone too, but from each address it tries.
        return any([count.add(key, now), self._everyone.add(client.encode() + b"\0" + key, now)])

    def held(self) -> dict[str, tuple[int, float]]:
        """Addresses still waiting: address -> (different wrong passwords, seconds left)."""
        now = self.now()
        # Copied first: the staff.json writer calls this from a worker thread.
        return {
            client: (len(count.tried), count.until - now)
            for client, count in list(self._addresses.items())
            if count.until > now
        }

    def backoff(self) -> tuple[int, float]:
        """The shared wait: (different wrong passwords from everyone, seconds left)."""
        return len(self._everyone.tried), max(0.0, self._everyone.until - self.now())

    def _forget_stale(self, now: float) -> None:
        if len(self._addresses) < 64:  # a handful of addresses: not worth a pass
            return
        for client in [c for c, count in self._addresses.items() if count.stale(now)]:
            del self._addresses[client]

    def _forget_not_waiting(self, now: float) -> None:
        for client in [c for c, count in self._addresses.items() if count.until <= now]:
            del self._addresses[client]
