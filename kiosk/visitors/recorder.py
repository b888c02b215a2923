"""The kiosk's one writer of visitor records: on its own thread, through every store fault.

`record()` never blocks a frame and never raises. Behind it:
- records go in batches, one transaction each; a record the store refuses (a constraint, a
  value SQLite cannot take) is set aside in the store's quarantine with its error, and the
  records behind it are written all the same;
- while the store cannot be written (disk full, read-only, the file gone, damaged), records
  wait in memory, retried with a growing pause; past `MAX_WAITING` they go to a spool file
  beside the store, which the next start writes first. Closing writes what waits, or spools it;
- a store that is not a database, or is damaged, is moved aside (kept for inspection) and a
  fresh one started; one that was deleted under the kiosk is started afresh;
- an exclusive lock beside the store refuses a second kiosk on the same records.
Staff read `health()`: what is wrong, how many errors, waiting and set-aside records. The log
gets one line when writing stops and one when it resumes, never one per record.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import queue
import shutil
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kiosk.l10n import ENGLISH, Words
from kiosk.visitors import localtime, store
from kiosk.visitors.sessions import Doubtful, from_json, to_json

log = logging.getLogger(__name__)

BATCH = 500
MAX_WAITING = 50_000  # records held in memory while the store fails; then spooled to disk
RETRY_FIRST_S, RETRY_MAX_S = 1.0, 30.0
LOW_DISK_BYTES = 8 * 2**20  # the write-ahead log wants about 4 MB of room: warn at twice that
RESERVE_BYTES = 4 * 2**20  # kept beside the store, given up when the disk fills: the WAL's headroom
BUSY_WAIT_MS = 2000  # a store locked by another program (a backup): try again later, not now

# Faults of the store as a whole: wait and try again (the records are not at fault).
TRANSIENT = {
    "SQLITE_BUSY",
    "SQLITE_LOCKED",
    "SQLITE_FULL",
    "SQLITE_IOERR",
    "SQLITE_READONLY",
    "SQLITE_CANTOPEN",
    "SQLITE_PROTOCOL",
    "SQLITE_PERM",
    "SQLITE_NOLFS",
}
# The file is not (or no longer) a sound database: move it aside, start afresh.
DAMAGED = {"SQLITE_CORRUPT", "SQLITE_NOTADB"}


class StoreInUse(RuntimeError):
    """Another kiosk (or replay) already writes into this store."""


class StoreUnwritable(RuntimeError):
    """The store's folder refuses this user (read-only, or not theirs)."""


def check_writable(path: Path) -> None:
    """Before a kiosk starts on `path`: a folder that refuses its user is a mistake in the
    installation, and a kiosk started on it would count nobody. (A store that turns read-only
    while the kiosk runs is waited out instead: the records wait.) A full disk passes here:
    the reserve and the spool are for that."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with open(lock_path, "a"):
            pass
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR):
            raise StoreUnwritable(
                f"the visitor store's folder {lock_path.parent} cannot be written "
                f"({exc.strerror or exc}): give it to the kiosk's user, or point store_path elsewhere"
            ) from None


@dataclass(frozen=True)
class StoreHealth:
    path: str
    writing: bool  # the last attempt to write succeeded (or nothing needed writing)
    errors: int  # failed attempts to write since start
    waiting: int  # records not yet written (in memory and spooled)
    quarantined: int  # records the store refused, set aside since start
    problem: str | None  # why records cannot be written now, in one line
    moved_aside: str | None  # where a damaged store was put
    warning: str | None = None  # trouble ahead: the disk is nearly full
    doubtful: int = 0  # records made under a wall clock that could not be believed, kept apart

    def lines(self, words: Words | None = None) -> list[str]:
        """For the staff screen, in `words` (English unless given); the causes as the system said them."""
        _ = words or ENGLISH
        if self.problem is None and not self.waiting:
            head = _("visitor store: writing, no errors")
        elif self.problem:
            head = _("visitor store: {problem}").format(problem=self.problem)
        else:
            head = _("visitor store: catching up")
        out = [head]
        if self.waiting:
            out.append(
                _.ngettext(
                    "{n} record waiting to be written", "{n} records waiting to be written", self.waiting
                )
            )
        if self.quarantined:
            out.append(
                _.ngettext(
                    "{n} record refused by the store, set aside (quarantine)",
                    "{n} records refused by the store, set aside (quarantine)",
                    self.quarantined,
                )
            )
        if self.moved_aside:
            out.append(_("damaged store kept at {path}").format(path=self.moved_aside))
        if self.warning:
            out.append(self.warning)
        if self.doubtful:
            out.append(
                _.ngettext(
                    "{n} record made while the clock was wrong, kept apart (quarantine)",
                    "{n} records made while the clock was wrong, kept apart (quarantine)",
                    self.doubtful,
                )
            )
        return out


def _fault(exc: BaseException) -> str:
    """'transient', 'damaged' or 'record': whose fault a failed write is."""
    if isinstance(exc, sqlite3.Error):
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name in DAMAGED or "malformed" in str(exc) or "not a database" in str(exc):
            return "damaged"
        if name in TRANSIENT or (isinstance(exc, sqlite3.OperationalError) and not name):
            return "transient"
    return "record"  # a constraint, or a value SQLite cannot take: this record alone


class Recorder:
    """Writes events on its own thread; see the module's docstring for what it survives."""

    def __init__(self, path: Path | str, time_zone: str | None = None):
        self.path = Path(path)
        self.time_zone = time_zone  # the pavilion's, for the store's local-time views
        self.spool_path = self.path.with_name(self.path.name + ".waiting.jsonl")
        self.reserve_path = self.path.with_name(self.path.name + ".reserve")
        self._lock_file = _take_lock(self.path)
        self._queue: queue.Queue = queue.Queue()
        self._waiting: list = []
        self._spooled = self._count_spooled()
        self._conn: sqlite3.Connection | None = None
        self._inode: tuple[int, int] | None = None
        self.interrupted_closed = 0
        self.errors = 0
        self.quarantined = 0
        self.doubtful = 0
        self.problem: str | None = None
        self.moved_aside: str | None = None
        self.warning: str | None = None
        self._retry_s = RETRY_FIRST_S
        self._checked = False  # the store's pages were looked at once since start
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="visitor-store", daemon=True)
        self._thread.start()
        self._ready.wait()

    # -- the frame thread's side ---------------------------------------------------------------
    def record(self, event) -> None:
        self._queue.put(event)

    def flush(self, timeout: float = 30.0) -> bool:
        """Try to write everything now; True when nothing waits any more."""
        done = threading.Event()
        self._queue.put(done)
        done.wait(timeout)
        return not (self._waiting or self._spooled)

    def health(self) -> StoreHealth:
        return StoreHealth(
            str(self.path),
            self.problem is None,
            self.errors,
            len(self._waiting) + self._queue.qsize() + self._spooled,
            self.quarantined,
            self.problem,
            self.moved_aside,
            self.warning,
            self.doubtful,
        )

    def close(self) -> None:
        """Write what is queued (or spool it for the next start), then stop."""
        self._queue.put(None)
        self._thread.join()
        if self._lock_file is not None:
            self._lock_file.close()

    # -- the writer thread ---------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._open()
        finally:
            self._ready.set()  # the kiosk starts whatever the store does
        self._guarded(self._check_integrity)
        self._guarded(self._keep_time_zone)
        if self._spooled:
            self._guarded(self._write_waiting)  # what a previous run could not write goes in first
        stopping = False
        while True:
            try:
                item = self._queue.get(timeout=self._retry_s if self._waiting or self._spooled else None)
                batch = [item]
            except queue.Empty:
                batch = []
            while len(batch) < BATCH:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            stopping = stopping or None in batch
            self._waiting.extend(e for e in batch if e is not None and not isinstance(e, threading.Event))
            self._guarded(self._write_waiting)
            for marker in batch:
                if isinstance(marker, threading.Event):
                    marker.set()
            if stopping:
                self._guarded(self._write_waiting)
                if self._waiting:
                    self._spool(self._waiting)
                    self._waiting = []
                if self._conn is not None:
                    self._conn.close()
                return

    def _guarded(self, step) -> None:
        """A fault nobody foresaw must not end the writer: the records would stop for good."""
        try:
            step()
        except Exception as exc:
            log.exception("visitor store: unexpected fault")
            self._failed(f"unexpected fault: {type(exc).__name__}: {exc}")

    def _open(self) -> bool:
        """Open (or create) the store; a file that is not a sound database is moved aside."""
        try:
            conn = store.connect(self.path)
            try:
                if store.left_open(conn):
                    # Closing them writes: look at the file first, so that a damaged store is
                    # kept aside as it was found, not checkpointed into.
                    self._raise_if_damaged(conn)
                self.interrupted_closed += store.close_interrupted(conn)
            except BaseException:
                conn.close()
                raise
        except sqlite3.Error as exc:
            if _fault(exc) == "damaged" and self._move_aside(exc):
                return self._open()
            self._failed(f"cannot open {self.path}: {exc}")
            return False
        except RuntimeError as exc:  # a store from a newer kiosk: never overwritten
            self._failed(str(exc))
            return False
        except OSError as exc:  # the folder cannot be made
            self._failed(f"cannot open {self.path}: {exc.strerror or exc}")
            return False
        conn.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}")
        self._conn = conn
        stat = os.stat(self.path)
        self._inode = (stat.st_dev, stat.st_ino)
        return True

    def _keep_time_zone(self) -> None:
        """The offsets the store's views read local times by; here, after the kiosk started,
        as working them out takes a tenth of a second. Recording never waits for them."""
        if self._conn is None or self.time_zone is None:
            return
        try:
            localtime.keep(self._conn, self.time_zone, time.time())
        except (sqlite3.Error, KeyError, OSError) as exc:  # the views say NULL until a start can
            log.warning("visitor store: local-time offsets not written (%s)", exc)

    def _keep_reserve(self) -> None:
        """Hold some disk for the day it fills: giving it up lets the store go on writing."""
        if self.reserve_path.exists():
            return
        try:
            disk = os.statvfs(self.path.parent)
            if disk.f_bavail * disk.f_frsize < 2 * RESERVE_BYTES + LOW_DISK_BYTES:
                return
            fd = os.open(self.reserve_path, os.O_WRONLY | os.O_CREAT, 0o600)
            try:
                os.posix_fallocate(fd, 0, RESERVE_BYTES)
            finally:
                os.close(fd)
        except OSError:
            self.reserve_path.unlink(missing_ok=True)

    def _give_up_reserve(self) -> bool:
        try:
            self.reserve_path.unlink()
        except OSError:
            return False
        log.error("visitor store: the disk is full; the %d MB kept in reserve is used", RESERVE_BYTES >> 20)
        return True

    def _check_integrity(self) -> None:
        """A page damaged where writes never go would still spoil every report: look once."""
        if self._conn is None or self._checked:
            return
        try:
            self._raise_if_damaged(self._conn)
        except sqlite3.Error as exc:
            if _fault(exc) == "damaged":
                self._conn.close()
                self._conn = None
                if self._move_aside(exc):
                    self._open()

    def _raise_if_damaged(self, conn: sqlite3.Connection) -> None:
        found = conn.execute("PRAGMA quick_check").fetchall()
        if found != [("ok",)]:
            raise sqlite3.DatabaseError(f"database disk image is malformed: {found[0][0]}")
        self._checked = True

    def _move_aside(self, exc: BaseException) -> bool:
        """Keep the damaged file for inspection under another name; False if it cannot be moved."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm"):
                source = Path(str(self.path) + suffix)
                if source.exists():
                    shutil.move(source, Path(str(aside) + suffix))
        except OSError as move_error:
            self._failed(f"{self.path} is damaged ({exc}) and cannot be moved aside ({move_error})")
            return False
        self.moved_aside = str(aside)
        log.error(
            "visitor store %s is damaged (%s): kept as %s, a new store is started", self.path, exc, aside
        )
        return True

    def _replaced(self) -> bool:
        """The store file was deleted or replaced under the kiosk: its writes would vanish."""
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return True
        except OSError:
            return False
        return (stat.st_dev, stat.st_ino) != self._inode

    def _write_waiting(self) -> None:
        while self._waiting or self._spooled:
            if self._conn is not None and self._replaced():
                log.error("visitor store %s was deleted or replaced: a new store is started", self.path)
                self._conn.close()
                self._conn = None
            if self._conn is None and not self._open() and not (self._give_up_reserve() and self._open()):
                return self._backoff()
            if self._spooled and not self._catch_up_spool():
                return self._backoff()
            if not self._waiting:
                break
            batch = self._waiting[:BATCH]
            try:
                refused = self._write(batch)
            except sqlite3.Error as exc:
                if _fault(exc) == "damaged":
                    self._conn.close()
                    self._conn = None
                    if self._move_aside(exc):
                        continue
                    return self._backoff()
                if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" and self._give_up_reserve():
                    continue
                self._failed(f"cannot write to {self.path}: {exc}")
                return self._backoff()
            del self._waiting[: len(batch)]
            self.quarantined += refused
            self.doubtful += sum(isinstance(e, Doubtful) for e in batch)
            self._recovered()
        self._warn_low_disk()
        self._keep_reserve()
        self._spill()

    def _write(self, batch: list) -> int:
        """Write the batch in one transaction; returns how many records were set aside."""
        try:
            store.write(self._conn, batch)
            return 0
        except (sqlite3.Error, ValueError, TypeError, OverflowError) as exc:
            if isinstance(exc, sqlite3.Error) and _fault(exc) != "record":
                raise
        # Someone in the batch is refused: write each alone, setting aside the ones refused.
        refused = 0
        with store.transaction(self._conn) as conn:
            for event in batch:
                conn.execute("SAVEPOINT one")
                try:
                    store.write_one(conn, event)
                except (sqlite3.Error, ValueError, TypeError, OverflowError) as exc:
                    if isinstance(exc, sqlite3.Error) and _fault(exc) != "record":
                        raise
                    conn.execute("ROLLBACK TO one")
                    store.quarantine(conn, to_json(event), f"{type(exc).__name__}: {exc}")
                    log.error("visitor store refused a record, set aside: %s (%s)", exc, to_json(event))
                    refused += 1
                conn.execute("RELEASE one")
        return refused

    def _failed(self, problem: str) -> None:
        self.errors += 1
        if self.problem is None:
            log.error("visitor store: %s; records wait and are written once it works", problem)
        self.problem = problem

    def _recovered(self) -> None:
        if self.problem is not None:
            log.warning("visitor store writes again (%d failed attempts)", self.errors)
        self.problem = None
        self._retry_s = RETRY_FIRST_S

    def _backoff(self) -> None:
        self._retry_s = min(RETRY_MAX_S, self._retry_s * 2)
        self._spill()

    def _warn_low_disk(self) -> None:
        try:
            disk = os.statvfs(self.path.parent)
        except OSError:
            return
        free = disk.f_bavail * disk.f_frsize
        warning = (
            f"disk nearly full: {free // 1024} KB free beside {self.path}" if free < LOW_DISK_BYTES else None
        )
        if warning and not self.warning:
            log.error("visitor store: %s", warning)
        self.warning = warning

    # -- the spool: records kept on disk while the store cannot take them ----------------------
    def _spill(self) -> None:
        if len(self._waiting) > MAX_WAITING:
            self._spool(self._waiting)
            self._waiting = []

    def _spool(self, records: list) -> None:
        try:
            with open(self.spool_path, "a", encoding="utf-8") as f:
                f.write("".join(to_json(e) + "\n" for e in records))
                f.flush()
                os.fsync(f.fileno())
            self._spooled += len(records)
            log.warning("visitor store: %d record(s) kept in %s for later", len(records), self.spool_path)
        except OSError as exc:
            log.error(
                "visitor store: %d record(s) lost: neither the store nor %s can be written (%s)",
                len(records),
                self.spool_path,
                exc.strerror or exc,
            )

    def _count_spooled(self) -> int:
        try:
            with open(self.spool_path, encoding="utf-8") as f:
                return sum(1 for _ in f)
        except OSError:
            return 0

    def _read_spool(self) -> list:
        """Records a previous run could not write; a torn last line (a crash) is skipped."""
        if not self._spooled:
            return []
        records = []
        try:
            with open(self.spool_path, encoding="utf-8") as f:
                for line in f:
                    try:
                        records.append(from_json(line))
                    except (ValueError, KeyError, TypeError):
                        log.error("visitor store: a damaged line in %s is skipped", self.spool_path)
        except OSError:
            return []
        return records

    def _catch_up_spool(self) -> bool:
        """Spooled records go in before newer ones, then the spool file goes."""
        records = self._read_spool()
        try:
            for start in range(0, len(records), BATCH):
                self.quarantined += self._write(records[start : start + BATCH])
            self.spool_path.unlink(missing_ok=True)
        except (sqlite3.Error, OSError) as exc:
            self._failed(f"cannot write to {self.path}: {exc}")
            return False
        log.warning("visitor store: %d record(s) from %s written", len(records), self.spool_path)
        self._spooled = 0
        return True


def _take_lock(path: Path):
    """Hold an exclusive lock beside the store for the kiosk's life; refuse a second one."""
    lock_path = path.with_name(path.name + ".lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        f = open(lock_path, "a+")  # noqa: SIM115 - held open for the kiosk's life
    except OSError as exc:  # a read-only or full disk: the store itself will say so
        log.warning("visitor store: no lock at %s (%s)", lock_path, exc.strerror or exc)
        return None
    try:
        fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.seek(0)
        holder = f.read().strip() or "another process"
        f.close()
        raise StoreInUse(
            f"the visitor store {path} is in use by {holder}: one kiosk per store"
            " (a replay takes its own store with --store PATH)"
        ) from None
    try:
        f.seek(0)
        f.truncate()
        f.write(f"process {os.getpid()}\n")
        f.flush()
    except OSError:
        pass
    return f
