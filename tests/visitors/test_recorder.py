"""The recorder through store faults, on real files: poison, damage, deletion, full and read-only disks.

Full and read-only disks are real: a small tmpfs mounted for the test (root only; skipped
with the reason where mounting is not allowed).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from kiosk.visitors import store
from kiosk.visitors.recorder import Recorder, StoreInUse
from kiosk.visitors.sessions import (
    Activity,
    Interaction,
    PageViewed,
    SessionEnded,
    SessionStarted,
    ZoneEntered,
    from_json,
    to_json,
)
from tests.disks import tmpfs

T0 = 1_504_771_200.0


def visit(n: int, at: float = T0) -> list:
    """A visit with `n` page views, its records in the order the kiosk makes them."""
    sid = f"s-{uuid.uuid4().hex[:8]}"
    events = [SessionStarted(sid, "kiosk-1", at), ZoneEntered(sid, 1, "forest", at + 1)]
    events += [PageViewed(sid, i + 2, "forest", f"p{i}", at + 2 + i) for i in range(n)]
    events.append(SessionEnded(sid, at + 3 + n, 3.0 + n, "finished"))
    return events


def count(path: Path, sql: str = "SELECT COUNT(*) FROM sessions") -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def test_records_survive_the_round_trip_through_the_spool_format():
    for event in visit(2) + [Interaction("s", 3, "forest", "p", "quiz", "q1", "2", True, T0)]:
        assert from_json(to_json(event)) == event


def test_a_poisoned_record_is_set_aside_and_never_holds_back_the_rest(tmp_path):
    path = tmp_path / "v.db"
    recorder = Recorder(path)
    good = []
    for i in range(1000):
        good += visit(28, T0 + i * 60)  # 30,000 and more records
    middle = len(good) // 2
    poisons = [
        PageViewed("no-such-session", 1, "forest", "p1", T0),  # breaks the foreign key
        Interaction(good[0].session_id, 999, "forest", "p", "quiz", "q\udc80", "1", None, T0),  # not UTF-8
        Activity(good[0].session_id, 10**30),  # too large for SQLite
    ]
    for event in good[:middle] + poisons + good[middle:]:
        recorder.record(event)
    assert recorder.flush()
    health = recorder.health()
    recorder.close()
    assert count(path) == 1000
    assert count(path, "SELECT COUNT(*) FROM sessions WHERE end_reason = 'finished'") == 1000
    assert count(path, "SELECT COUNT(*) FROM page_views") == 28 * 1000
    assert health.quarantined == 3 and health.waiting == 0
    conn = store.connect(path)
    kept = conn.execute("SELECT record, error FROM quarantine ORDER BY id").fetchall()
    assert [from_json(r).__class__.__name__ for r, _ in kept] == ["PageViewed", "Interaction", "Activity"]
    assert "FOREIGN KEY" in kept[0][1]


@pytest.mark.parametrize(
    "damage",
    ["random bytes", "not a database", "truncated", "header only", "damaged page"],
)
def test_a_damaged_store_is_moved_aside_and_a_fresh_one_started(tmp_path, damage):
    path = tmp_path / "v.db"
    conn = store.connect(path)
    for i in range(300):
        store.write(conn, visit(5, T0 + i * 60))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = path.read_bytes()
    pages = len(data) // 4096
    if damage == "random bytes":
        path.write_bytes(os.urandom(len(data)))
    elif damage == "not a database":
        path.write_text("visitors,zones\n1,forest\n")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 3])
    elif damage == "header only":
        path.write_bytes(data[:100])
    else:
        middle = pages // 2 * 4096
        path.write_bytes(data[:middle] + os.urandom(4096) + data[middle + 4096 :])
    damaged = path.read_bytes()
    recorder = Recorder(path)
    for event in visit(1, T0 + 99_000):
        recorder.record(event)
    assert recorder.flush()
    health = recorder.health()
    recorder.close()
    assert health.moved_aside is not None
    assert Path(health.moved_aside).read_bytes() == damaged  # kept as it was, for inspection
    assert count(path) == 1  # the fresh store has the new visit
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()


def test_a_store_deleted_while_the_kiosk_runs_is_started_afresh(tmp_path):
    path = tmp_path / "v.db"
    recorder = Recorder(path)
    for event in visit(2):
        recorder.record(event)
    assert recorder.flush()
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    for event in visit(3, T0 + 600):
        recorder.record(event)
    assert recorder.flush()
    recorder.close()
    assert count(path) == 1
    assert count(path, "SELECT COUNT(*) FROM page_views") == 3


def test_a_second_kiosk_on_the_same_store_is_refused(tmp_path):
    path = tmp_path / "v.db"
    first = Recorder(path)
    try:
        with pytest.raises(StoreInUse, match="in use by process"):
            Recorder(path)
        other = subprocess.run(
            [sys.executable, "-c", f"from kiosk.visitors.recorder import Recorder; Recorder({str(path)!r})"],
            capture_output=True,
            text=True,
        )
        assert other.returncode != 0 and "one kiosk per store" in other.stderr
    finally:
        first.close()
    Recorder(path).close()  # free again once the first has closed


# -- real small disks --------------------------------------------------------------------------


def fill(disk: Path) -> Path:
    """Fill the disk to the last byte with one file."""
    filler = disk / "filler"
    with contextlib.suppress(OSError), open(filler, "wb") as f:
        while True:
            f.write(b"\0" * 65536)
    with contextlib.suppress(OSError), open(filler, "ab") as f:
        while True:
            f.write(b"\0" * 512)
            f.flush()
    return filler


def test_a_full_disk_uses_the_reserve_then_keeps_records_waiting_until_room_comes_back(tmp_path):
    with tmpfs(tmp_path / "disk", "size=24m") as disk:
        path = disk / "v.db"
        recorder = Recorder(path)
        for event in visit(1):
            recorder.record(event)
        assert recorder.flush()
        assert recorder.reserve_path.stat().st_size == 4 * 2**20
        filler = fill(disk)
        for event in visit(10, T0 + 600):
            recorder.record(event)
        assert recorder.flush()  # written in the room the reserve gave up
        assert not recorder.reserve_path.exists()
        assert "disk nearly full" in recorder.health().warning
        (disk / "more").mkdir()
        more = fill(disk / "more")  # and full again
        waiting = []
        for i in range(200):
            waiting += visit(10, T0 + 1200 + i * 60)
        for event in waiting:
            recorder.record(event)
        assert not recorder.flush()
        health = recorder.health()
        assert not health.writing and health.errors >= 1 and health.waiting == len(waiting)
        assert "cannot write" in health.problem
        filler.unlink()
        more.unlink()
        assert recorder.flush()
        assert recorder.health().writing and recorder.health().problem is None
        recorder.close()
        assert count(path) == 202


def test_a_store_that_cannot_even_be_made_lets_the_kiosk_run_and_catches_up(tmp_path):
    with tmpfs(tmp_path / "disk", "size=1m") as disk:
        filler = fill(disk)
        path = disk / "data" / "v.db"
        recorder = Recorder(path)  # no traceback: the kiosk runs, records wait
        for event in visit(4):
            recorder.record(event)
        assert not recorder.flush()
        assert "cannot open" in recorder.health().problem
        filler.unlink()
        assert recorder.flush()
        recorder.close()
        assert count(path) == 1


def test_a_read_only_disk_keeps_records_waiting_until_it_is_writable(tmp_path):
    with tmpfs(tmp_path / "disk", "size=8m") as disk:
        path = disk / "v.db"
        Recorder(path).close()  # yesterday's store
        # The kernel makes a file system read-only only while nothing writes to it.
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        recorder = Recorder(path)
        for event in visit(6, T0 + 600):
            recorder.record(event)
        assert not recorder.flush()
        health = recorder.health()
        assert health.waiting == 9 and not health.writing and "cannot" in health.problem
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert recorder.flush()
        recorder.close()
        assert count(path) == 1
        assert count(path, "SELECT COUNT(*) FROM page_views") == 6


def test_closing_while_the_store_is_locked_spools_and_the_next_start_writes_first(tmp_path):
    path = tmp_path / "v.db"
    first = Recorder(path)
    backup = sqlite3.connect(path, isolation_level=None)
    backup.execute("BEGIN EXCLUSIVE")  # another program holds the store, as a backup tool can
    events = visit(3)
    for event in events:
        first.record(event)
    assert not first.flush()
    assert "locked" in first.health().problem
    first.close()
    assert [from_json(line) for line in first.spool_path.read_text().splitlines()] == events
    backup.execute("ROLLBACK")
    backup.close()
    second = Recorder(path)
    assert second.flush()
    second.close()
    assert count(path) == 1 and not second.spool_path.exists()
    assert count(path, "SELECT COUNT(*) FROM page_views") == 3


def test_a_store_from_a_newer_kiosk_is_left_alone_and_the_records_wait(tmp_path):
    path = tmp_path / "v.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    recorder = Recorder(path)  # no traceback, no hang: the kiosk runs
    for event in visit(1):
        recorder.record(event)
    assert not recorder.flush(timeout=5)
    assert "update the kiosk software" in recorder.health().problem
    recorder.close()
    assert len(recorder.spool_path.read_text().splitlines()) == 4  # kept for a kiosk that can write them
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone() == (99,)
    conn.close()
