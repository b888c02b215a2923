"""Staff secrets: the kiosk's PIN and the dashboard's password, stored hashed, with lock-out.

Both live in one small JSON file beside the visitor store (`staff.json`), as scrypt hashes
with their salt, never in clear. Wrong PINs lock the staff screen for a growing time; the
count is kept in the same file, so a restart does not reset it.

Lock-outs run on the monotonic clock and are written as the time that *remains*, never as a
wall-clock deadline: kiosks boot with a wrong clock and correct it later, and a step of ten
years must neither lock staff out for ten years nor open the pad early. After a restart the
remaining time counts again from the restart (how long the kiosk was off cannot be measured
honestly). On a full or read-only disk the checks go on and the count lives in memory;
`problem` says so, and the log says so once.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from kiosk.clock import SystemClock

FREE_TRIES = 5
LOCK_BASE_S = 30.0  # after 5 wrong PINs: 30 s, then 60 s, 120 s, ... up to an hour
LOCK_MAX_S = 3600.0
# While locked, the time left is written again at most this often: a restart (counting the
# written time afresh) then locks at most this much longer than it should, never shorter.
REWRITE_S = 5.0

log = logging.getLogger(__name__)
# The kiosk and its dashboard thread both rewrite staff.json, each its own entries.
_writing = threading.Lock()
_shared: dict[str, StaffSecrets] = {}
_UNREAD = object()


def lock_seconds(wrong: int) -> float:
    """How long a lock lasts after `wrong` wrong guesses (0 while tries are still free)."""
    if wrong < FREE_TRIES:
        return 0.0
    return min(LOCK_MAX_S, LOCK_BASE_S * 2 ** (wrong - FREE_TRIES))


# scrypt's cost for the dashboard's password. OWASP's guidance is N=2^17, r=8, p=1 (128 MiB a
# check) or, the same work in less memory, N=2^15, r=8, p=3 (32 MiB): a kiosk PC with 2 GB and
# the exhibit's pictures in memory takes the second (about 0.25 s on this machine's cores).
PASSWORD_COST = {"n": 2**15, "r": 8, "p": 3}
# The PIN is checked on the kiosk's own screen, between frames: it keeps the cheaper cost (4 to 8
# digits are no stronger for a slower hash; the lock-out is what protects them).
PIN_COST = {"n": 2**14, "r": 8, "p": 1}
OLD_COST = {"n": 2**14, "r": 8, "p": 1}  # what hashes written without their cost were made with
MAX_MEMORY = 64 * 1024 * 1024  # OpenSSL's default (32 MiB) is just short of N=2^15, r=8


def _hash(secret: str, salt: bytes, cost: dict) -> str:
    return hashlib.scrypt(
        secret.encode(), salt=salt, n=cost["n"], r=cost["r"], p=cost["p"], dklen=32, maxmem=MAX_MEMORY
    ).hex()


def make_hash(secret: str, cost: dict = PIN_COST) -> dict:
    salt = secrets.token_bytes(16)
    return {"salt": salt.hex(), "hash": _hash(secret, salt, cost), **cost}


def _cost(stored: dict) -> dict:
    return {name: int(stored.get(name, OLD_COST[name])) for name in OLD_COST}


def matches(secret: str, stored: dict | None) -> bool:
    try:
        cost = _cost(stored)
        if cost["n"] > 2**17 or cost["r"] > 8 or cost["p"] > 16:
            return False  # a hand-edited cost must not make one check take all the memory
        return hmac.compare_digest(_hash(secret, bytes.fromhex(stored["salt"]), cost), stored["hash"])
    except (KeyError, TypeError, ValueError, AttributeError):  # none stored, or a hand-edited file
        return False


def stored_lock(
    entry: object, wall_now: float, lock: Callable[[int], float] = lock_seconds
) -> tuple[int, float]:
    """(wrong guesses, seconds left) from a lock as written; never longer than such a lock lasts.

    Files written before locks were kept as remaining time hold a wall-clock `until`: read
    against a clock that has since been set back, it would lock staff out for years.
    """
    if not isinstance(entry, dict):
        return 0, 0.0
    try:
        wrong = max(0, int(entry.get("wrong", 0)))
        left = float(entry["remaining"] if "remaining" in entry else entry.get("until", 0.0) - wall_now)
    except (TypeError, ValueError):
        return FREE_TRIES, LOCK_BASE_S  # a damaged lock holds, briefly
    return wrong, min(lock(wrong), max(0.0, left))


def write_atomically(path: Path, data: dict) -> None:
    """Write then rename, each synced: a power cut leaves the old file or the new one, whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # mkstemp makes the file 0600 from the start and never reuses one a crash left behind.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as file:
            file.write(json.dumps(data, indent=2))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself is in the folder: sync it too
    finally:
        os.close(folder)


class StaffSecrets:
    """One staff.json. `clock` gives monotonic() for lock-outs (and wall() for old files)."""

    def __init__(self, path: Path, clock=None):
        self.path = Path(path)
        self.clock = clock or SystemClock()
        self.problem: str | None = None  # why staff.json cannot be written, for staff to see
        self._last_read: dict = {}
        self._lock_seen: object = _UNREAD  # the file's PIN lock as last read or written
        self._wrong = 0
        self._until = 0.0  # on self.clock.monotonic()
        self._lock_written = 0.0  # when the time left was last written (or tried to be)

    @classmethod
    def shared(cls, path: Path, clock) -> StaffSecrets:
        """This process's keeper of `path`: a PIN pad opened again keeps counting wrong PINs,
        also those a full disk kept from being written. A new clock means a new kiosk."""
        key = os.path.abspath(path)
        keeper = _shared.get(key)
        if keeper is None or keeper.clock is not clock:
            keeper = _shared[key] = cls(Path(path), clock)
        return keeper

    def _read(self) -> dict:
        try:
            data = json.loads(self.path.read_text())
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError):
            # A disk that fails to read (or a torn restore) must not shut staff out: keep the
            # secrets as last read.
            return self._last_read
        data = data if isinstance(data, dict) else {}
        self._last_read = data
        if data.get("lock") != self._lock_seen:  # first read, or `kiosk set-pin` reset it
            self._lock_seen = data.get("lock")
            self._wrong, left = stored_lock(self._lock_seen, self.clock.wall())
            now = self.clock.monotonic()
            self._until, self._lock_written = now + left, now
        return data

    def _update(self, change: Callable[[dict], None]) -> bool:
        """Rewrite staff.json with `change` applied; False (and `problem` set) if it cannot be."""
        with _writing:
            data = dict(self._read())
            change(data)
            try:
                write_atomically(self.path, data)
            except OSError as exc:
                if self.problem is None:
                    log.warning(
                        "%s cannot be written (%s): lock-outs are kept in memory until it can",
                        self.path,
                        exc.strerror or exc,
                    )
                self.problem = f"{self.path.name} cannot be written ({exc.strerror or exc})"
                return False
            if self.problem is not None:
                log.warning("%s is written again", self.path)
                self.problem = None
            self._last_read, self._lock_seen = data, data.get("lock")
            return True

    def set(self, name: str, secret: str) -> None:
        """name: "pin" (the kiosk's staff screen) or "password" (the web dashboard).

        Raises OSError if staff.json cannot be written: a secret not stored is not set.
        """
        with _writing:
            data = dict(self._read())
            data[name] = make_hash(secret, PASSWORD_COST if name == "password" else PIN_COST)
            if name == "pin":
                data.pop("lock", None)
            write_atomically(self.path, data)

    def has(self, name: str) -> bool:
        return name in self._read()

    def stored(self, name: str) -> dict | None:
        """The stored hash and salt of a secret (to notice it changed), or None."""
        return self._read().get(name)

    def check_password(self, secret: str) -> bool:
        """True if right; a right password hashed at an older cost is hashed again at today's."""
        stored = self._read().get("password")
        if not matches(secret, stored):
            return False
        if _cost(stored) != PASSWORD_COST:

            def rehash(data: dict) -> None:
                if data.get("password") == stored:  # not changed meanwhile by `kiosk set-password`
                    data["password"] = make_hash(secret, PASSWORD_COST)

            self._update(rehash)  # a disk that cannot be written: the old hash still works
        return True

    def locked_for(self) -> float:
        """Seconds the PIN pad stays locked (0: open)."""
        self._read()  # `kiosk set-pin` may have lifted it meanwhile
        if self._left() > 0 and self.clock.monotonic() - self._lock_written >= REWRITE_S:
            self._write_lock()
        return self._left()

    def try_pin(self, pin: str) -> bool:
        """True if right; a wrong PIN counts towards a lock-out that survives restarts."""
        if self.locked_for() > 0:
            return False
        right = matches(pin, self._read().get("pin"))
        if right and not self._wrong:
            return True  # nothing to write
        self._wrong = 0 if right else self._wrong + 1
        self._until = self.clock.monotonic() + lock_seconds(self._wrong)
        self._write_lock()
        return right

    def _write_lock(self) -> None:
        self._lock_written = self.clock.monotonic()  # tried, written or not: a full disk is not hammered
        self._update(self._put_lock)

    def _put_lock(self, data: dict) -> None:
        if self._wrong:
            data["lock"] = {"wrong": self._wrong, "remaining": self._left()}
        else:
            data.pop("lock", None)

    def _left(self) -> float:
        return max(0.0, self._until - self.clock.monotonic())

    # -- the dashboard's lock-out: per address, counted by kiosk.web.auth -----------------------

    def dashboard_locks(self) -> dict[str, tuple[int, float]]:
        """Addresses held back at the dashboard: address -> (different wrong passwords, seconds left)."""
        entries = self._read().get("dashboard_locks")
        if not isinstance(entries, dict):
            return {}
        locks = {client: stored_lock(entry, self.clock.wall()) for client, entry in entries.items()}
        return {client: lock for client, lock in locks.items() if lock[1] > 0}

    def dashboard_backoff(self, lock: Callable[[int], float]) -> tuple[int, float]:
        """The wait every password check shares after many wrong ones from anywhere:
        (wrong passwords, seconds left), never longer than `lock` gives for that many."""
        return stored_lock(self._read().get("dashboard_backoff"), self.clock.wall(), lock)

    def save_dashboard_locks(
        self,
        held: Callable[[], dict[str, tuple[int, float]]],
        backoff: Callable[[], tuple[int, float]] = lambda: (0, 0.0),
    ) -> bool:
        """Write the addresses `held()` gives and the shared backoff, read under the file's lock
        so the newest wins."""

        def put(data: dict) -> None:
            locks = {c: {"wrong": wrong, "remaining": left} for c, (wrong, left) in held().items()}
            if locks:
                data["dashboard_locks"] = locks
            else:
                data.pop("dashboard_locks", None)
            wrong, left = backoff()
            if left > 0:
                data["dashboard_backoff"] = {"wrong": wrong, "remaining": left}
            else:
                data.pop("dashboard_backoff", None)

        return self._update(put)

    # -- tokens for machines: kept by kiosk.web.tokens ------------------------------------------

    def tokens(self) -> dict[str, dict]:
        entries = self._read().get("tokens")
        return dict(entries) if isinstance(entries, dict) else {}

    def update_tokens(self, change: Callable[[dict[str, dict]], None], strict: bool = False) -> bool:
        """Rewrite the tokens with `change` applied. `strict`: raise OSError when staff.json
        cannot be written (a token not stored is not made), else False."""

        def put(data: dict) -> None:
            tokens = dict(data.get("tokens") or {})
            change(tokens)
            if tokens:
                data["tokens"] = tokens
            else:
                data.pop("tokens", None)

        if not strict:
            return self._update(put)
        with _writing:
            data = dict(self._read())
            put(data)
            write_atomically(self.path, data)
            self._last_read, self._lock_seen = data, data.get("lock")
        return True
