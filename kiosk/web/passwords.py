"""Checking the staff password without letting guesses flood the kiosk's memory or cores.

scrypt is slow and large on purpose (kiosk/staff.py: 32 MiB, about a quarter of a second), so
a stream of unknown passwords could fill memory and take the cores the exhibit draws with.
Three limits stand in the way:
- one thread does all the hashing, one password at a time (so at most one scrypt's memory),
  at a lower priority than the exhibit's frame and recording threads; hashlib.scrypt lets go
  of the GIL while it works, so the other threads run Python meanwhile;
- a budget of unknown passwords per second, for everyone together; past it the answer is
  "busy" (429) and nothing is hashed;
- verdicts already reached are remembered, a bounded number of them, keyed by an HMAC under a
  key that lives only in this process: memory holds no password, nor a hash cheap to attack.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import logging
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

HASHES_PER_S = 2.0  # unknown passwords hashed per second, all addresses together
HASH_BURST = 8  # ...and at once after a quiet spell (a page's first requests, staff typing)
REMEMBERED_WRONG = 512  # wrong verdicts kept, the oldest forgotten first
REMEMBERED_RIGHT = 8  # right ones, apart: a flood of wrong ones cannot push them out
NICENESS = 10  # the hashing thread's nice value: frames and records go first

log = logging.getLogger(__name__)


def _lower_priority() -> None:
    # On Linux a thread has its own nice value, set through its thread id.
    # Not Linux, or not allowed: the budget still holds.
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)


class Budget:
    """A token bucket: `rate` hashes a second, `burst` at most saved up."""

    def __init__(
        self, rate: float = HASHES_PER_S, burst: int = HASH_BURST, now: Callable[[], float] = time.monotonic
    ):
        self.rate, self.burst, self.now = rate, float(burst), now
        self._left, self._at = float(burst), now()

    def take(self) -> bool:
        now = self.now()
        self._left = min(self.burst, self._left + (now - self._at) * self.rate)
        self._at = now
        if self._left < 1.0:
            return False
        self._left -= 1.0
        return True


class PasswordChecker:
    """Verdicts on passwords: remembered, or hashed on the one hashing thread within the budget."""

    def __init__(self, check: Callable[[str], bool], budget: Budget | None = None):
        self._check = check
        self.budget = budget or Budget()
        self._key = secrets.token_bytes(32)
        self._wrong: OrderedDict[bytes, None] = OrderedDict()
        self._right: OrderedDict[bytes, None] = OrderedDict()
        self._executor = ThreadPoolExecutor(
            1, thread_name_prefix="staff-password", initializer=_lower_priority
        )

    def key(self, password: str) -> bytes:
        return hmac.new(self._key, password.encode("utf-8"), hashlib.sha256).digest()

    def remembered(self, key: bytes) -> bool | None:
        """The verdict reached before on this password, or None."""
        for verdict, kept in ((True, self._right), (False, self._wrong)):
            if key in kept:
                kept.move_to_end(key)
                return verdict
        return None

    async def verify(self, key: bytes, password: str) -> bool:
        """Hash `password` on the hashing thread (the caller took from the budget)."""
        verdict = await asyncio.get_running_loop().run_in_executor(self._executor, self._check, password)
        kept, most = (self._right, REMEMBERED_RIGHT) if verdict else (self._wrong, REMEMBERED_WRONG)
        kept[key] = None
        while len(kept) > most:
            kept.popitem(last=False)
        return verdict

    def forget(self) -> None:
        """A new password makes every verdict stale."""
        self._wrong.clear()
        self._right.clear()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
