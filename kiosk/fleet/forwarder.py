"""Store and forward: the kiosk's outbox, sent to the central store in batches.

A batch is the outbox's lowest-numbered entries, read from the kiosk's store in one snapshot,
written to PostgreSQL in one transaction, and deleted from the outbox only after PostgreSQL has
committed it. A crash between the two sends the batch again, which changes nothing (records are
keyed by identity and carry their outbox number). A change made while a batch is on its way has
a higher number and goes with a later one.

`kiosk sync` and the running kiosk's worker may forward from the same store at once. Each
batch, from reading to deleting, is sent under a lock beside the store
(`visitors.db.forward.lock`, not the recorder's), so the two take turns by batch and never
send the same one at the same time; `sync` waits for the worker's batch, the worker skips its
turn while `sync` holds it.

The worker (`Forwarder.start`) runs on a thread of its own, never the frame thread: it
forwards every `interval_s`, backs off with jitter while the central store cannot be reached
(up to `RETRY_MAX_S`), logs one line when forwarding stops and one when it has caught up, and
keeps `backlog()` (records waiting) for the kiosk's live figures.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import random
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg

from kiosk.fleet import central
from kiosk.fleet import url as fleet_url
from kiosk.visitors import store

log = logging.getLogger(__name__)

BATCH = 2000
INTERVAL_S = 10.0
RETRY_FIRST_S, RETRY_MAX_S = 2.0, 300.0
CONNECT_TIMEOUT_S = 5
LOCK_WAIT_S = 60.0  # sync waits this long for the worker's batch (one batch takes well under a second)
FINAL_PASS_S = 2.0  # at exit the worker sends what it can in this long, then stops
BUSY_WAIT_MS = 5000


class Unreachable(Exception):
    """The central store cannot be reached or went away mid-batch; the message is masked."""


@dataclass
class Sent:
    records: int = 0
    batches: int = 0
    refused: int = 0  # records the central store refused, set aside in the kiosk's quarantine
    seconds: float = 0.0


class Forwarder:
    """Sends a kiosk store's outbox to a central store; see the module's docstring."""

    def __init__(
        self,
        store_path: Path | str,
        url: str,
        kiosk_id: str,
        batch: int = BATCH,
        interval_s: float = INTERVAL_S,
        retry_max_s: float = RETRY_MAX_S,
    ):
        self.store_path = Path(store_path)
        self.url = url
        self.where = fleet_url.mask(url)
        self.kiosk_id = kiosk_id
        self.batch = batch
        self.interval_s = interval_s
        self.retry_max_s = retry_max_s
        self.problem: str | None = None  # why forwarding fails now, in one line (masked)
        self.failures = 0  # failed passes in a row
        self.last_forwarded_at: float | None = None  # wall time of the last batch committed
        self._backlog: int | None = None
        self._lite: sqlite3.Connection | None = None
        self._pg: psycopg.Connection | None = None
        self._lock_file = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- what the kiosk reads ------------------------------------------------------------------
    def backlog(self) -> int | None:
        """Records waiting to be forwarded, as last counted (None before the first count)."""
        return self._backlog

    # -- the worker ----------------------------------------------------------------------------
    def start(self) -> Forwarder:
        self._thread = threading.Thread(target=self._run, name="fleet-forwarder", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop promptly: what the last pass could not send waits in the outbox for the next run."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(FINAL_PASS_S + CONNECT_TIMEOUT_S + 1)

    def _run(self) -> None:
        delay = 0.0
        while not self._stop.wait(delay):
            delay = self._pass()
        if self.problem is None:  # at exit, what was recorded last, if the store answers at once
            self._pass(time.monotonic() + FINAL_PASS_S)
        self.close()

    def _pass(self, deadline: float | None = None) -> float:
        """One pass of the worker; returns how long to wait before the next."""
        try:
            sent = self.forward(wait_for_lock=False, deadline=deadline)
        except Unreachable as exc:
            self.failures += 1
            if self.problem is None:
                log.error("fleet: %s; records wait here and are forwarded once it answers", exc)
            self.problem = str(exc)
            ceiling = min(self.retry_max_s, RETRY_FIRST_S * 2 ** min(self.failures - 1, 20))
            return ceiling / 2 + random.uniform(0, ceiling / 2)  # jitter: kiosks back at once spread out
        except Exception as exc:  # a fault nobody foresaw must not end forwarding for good
            if self.problem is None:
                log.exception("fleet: unexpected fault; forwarding is tried again later")
            self.failures += 1
            self.problem = f"unexpected fault: {type(exc).__name__}: {fleet_url.scrub(str(exc), self.url)}"
            self.close_central()
            return self.retry_max_s
        if self.problem is not None:
            log.warning(
                "fleet: forwarding to %s again after %d failed attempt(s); caught up (%d record(s))",
                self.where,
                self.failures,
                sent.records,
            )
        self.problem, self.failures = None, 0
        return self.interval_s

    # -- one forwarding run: the worker's pass, or `kiosk sync` --------------------------------
    def forward(self, wait_for_lock: bool = True, deadline: float | None = None) -> Sent:
        """Send the whole outbox (until `deadline` on the monotonic clock, or a stop)."""
        sent = Sent()
        started = time.monotonic()
        lite = self._store()
        self._count(lite)
        while not (deadline is not None and time.monotonic() > deadline):
            if self._stop.is_set() and deadline is None:
                break
            if not self._lock(wait_for_lock):
                break  # the other sender has it: its batch goes, ours waits for the next pass
            try:
                batch = _read_batch(lite, self.batch)
                if batch is None:
                    break
                top, rows = batch
                refused = self._send(rows)
                _confirm(lite, top, sum(len(r) for r in rows.values()), refused)
            finally:
                self._unlock()
            sent.records += sum(len(r) for r in rows.values())
            sent.refused += len(refused)
            sent.batches += 1
            self.last_forwarded_at = time.time()
            # Counting the outbox after every batch would cost a long backlog more than sending it.
            self._backlog = max(0, (self._backlog or 0) - sum(len(r) for r in rows.values()))
        self._count(lite)
        sent.seconds = time.monotonic() - started
        return sent

    def _send(self, rows: dict[str, list[tuple]]) -> list[tuple[str, tuple, str]]:
        """Write the batch centrally; returns the records refused (set aside, never retried)."""
        pg = self._central()
        try:
            central.send(pg, self.kiosk_id, rows)
            return []
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            self.close_central()
            raise Unreachable(self._unreachable(exc)) from None
        except psycopg.Error:
            pass  # a record the central store refuses: found below, the others go all the same
        refused = []
        try:
            with pg.transaction():
                for table, records in rows.items():
                    for record in records:
                        try:  # each alone, in a savepoint of the batch's transaction
                            central.send(pg, self.kiosk_id, {table: [record]})
                        except (psycopg.OperationalError, psycopg.InterfaceError):
                            raise
                        except psycopg.Error as exc:
                            refused.append((table, record, fleet_url.scrub(str(exc), self.url)))
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            self.close_central()
            raise Unreachable(self._unreachable(exc)) from None
        for table, record, error in refused:
            log.error(
                "fleet: the central store refused a record, set aside: %s (%s %s)", error, table, record
            )
        return refused

    def _unreachable(self, exc: BaseException) -> str:
        return f"cannot reach the central store at {self.where}: {fleet_url.scrub(str(exc), self.url)}"

    def _central(self) -> psycopg.Connection:
        if self._pg is None or self._pg.closed:
            try:
                pg = psycopg.connect(
                    self.url,
                    autocommit=True,  # each batch is one explicit transaction, nothing implicit
                    connect_timeout=CONNECT_TIMEOUT_S,
                    application_name=f"kiosk {self.kiosk_id}"[:63],
                    # A server that hangs mid-batch must not hold the worker for ever.
                    options="-c statement_timeout=120000",
                )
                central.migrate(pg)
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                raise Unreachable(self._unreachable(exc)) from None
            except psycopg.Error as exc:  # no right to make the tables, say: the store is not usable
                why = fleet_url.scrub(str(exc), self.url)
                raise Unreachable(f"the central store at {self.where} refused its schema: {why}") from None
            self._pg = pg
        return self._pg

    def _store(self) -> sqlite3.Connection:
        if self._lite is None:
            self._lite = store.connect(self.store_path)
            self._lite.execute(f"PRAGMA busy_timeout = {BUSY_WAIT_MS}")
        return self._lite

    def _count(self, lite: sqlite3.Connection) -> None:
        self._backlog = lite.execute("SELECT COUNT(*) FROM outbox").fetchone()[0]

    def _lock(self, wait: bool) -> bool:
        if self._lock_file is None:
            path = self.store_path.with_name(self.store_path.name + ".forward.lock")
            self._lock_file = open(path, "a+")  # noqa: SIM115 - kept for the forwarder's life
        give_up = time.monotonic() + (LOCK_WAIT_S if wait else 0)
        while True:
            try:
                fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return True
            except OSError:
                if time.monotonic() >= give_up or self._stop.is_set():
                    return False
                time.sleep(0.05)

    def _unlock(self) -> None:
        fcntl.flock(self._lock_file, fcntl.LOCK_UN)

    def close_central(self) -> None:
        if self._pg is not None:
            with contextlib.suppress(psycopg.Error):
                self._pg.close()
            self._pg = None

    def close(self) -> None:
        self.close_central()
        if self._lite is not None:
            self._lite.close()
            self._lite = None
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None


def _read_batch(lite: sqlite3.Connection, limit: int) -> tuple[int, dict[str, list[tuple]]] | None:
    """The records of the outbox's `limit` lowest entries, in one snapshot; None when empty."""
    lite.execute("BEGIN")
    try:
        (top,) = lite.execute(
            "SELECT MAX(change) FROM (SELECT change FROM outbox ORDER BY change LIMIT ?)", (limit,)
        ).fetchone()
        if top is None:
            return None
        rows = {}
        for table, columns in store.FORWARDED.items():
            names = ", ".join(f"t.{c}" for c in columns)
            rows[table] = lite.execute(
                f"SELECT o.change, {names} FROM outbox o JOIN {table} t ON t.rowid = o.row"
                " WHERE o.change <= ? AND o.tbl = ?",
                (top, table),
            ).fetchall()
        return top, rows
    finally:
        lite.execute("COMMIT")


def _confirm(lite: sqlite3.Connection, top: int, records: int, refused: list) -> None:
    """The central store committed everything up to `top`: those entries leave the outbox."""
    with store.transaction(lite):
        lite.execute("DELETE FROM outbox WHERE change <= ?", (top,))
        lite.execute(
            "INSERT INTO forwarded (id, change, at, records) VALUES (1, ?, ?, ?) ON CONFLICT (id)"
            " DO UPDATE SET change = MAX(change, excluded.change), at = excluded.at,"
            " records = records + excluded.records",
            (top, time.time(), records - len(refused)),
        )
        for table, record, error in refused:
            data = dict(zip(("change", *store.FORWARDED[table]), record))
            store.quarantine(lite, json.dumps({"forward": table, **data}), f"central store: {error}")
