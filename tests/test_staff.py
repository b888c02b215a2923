"""Staff secrets: hashed; a growing lock-out that survives a restart, clock steps and bad disks.

Full and read-only disks are real: a small tmpfs where the test may mount one (root), or a
folder without write permission (not root). Root ignores permissions, so without mount a
read-only disk is made by turning the folder into a plain file; a full disk then cannot be
made and that test is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import subprocess
from pathlib import Path

import pytest

from kiosk import staff
from kiosk.clock import VirtualClock
from kiosk.staff import FREE_TRIES, LOCK_BASE_S, REWRITE_S, StaffSecrets
from kiosk.visit.intents import StaffAction

TEN_YEARS = 10 * 365.25 * 86400
START = 1_504_771_200.0  # 2017-09-07, the pavilion's season


class SteppedClock(VirtualClock):
    """A virtual clock whose wall time can be set, as a technician or NTP does: monotonic runs on."""

    def step_wall(self, seconds: float) -> None:
        self._wall0 += seconds


def lock_out(secrets: StaffSecrets, wrong: int = FREE_TRIES) -> None:
    for _ in range(wrong):
        assert not secrets.try_pin("0000")


def test_secrets_are_stored_hashed(tmp_path):
    secrets = StaffSecrets(tmp_path / "staff.json", VirtualClock(START))
    secrets.set("pin", "4711")
    secrets.set("password", "correct horse")
    stored = (tmp_path / "staff.json").read_text()
    # Four digits may turn up in a hex hash by chance: the PIN is looked for as a value.
    assert "4711" not in json.loads(stored)["pin"].values() and "correct horse" not in stored
    assert secrets.try_pin("4711")
    assert secrets.check_password("correct horse") and not secrets.check_password("wrong horse")
    assert oct((tmp_path / "staff.json").stat().st_mode & 0o777) == "0o600"


def test_a_password_hashed_at_an_older_cost_is_hashed_again_when_it_is_next_right(tmp_path):
    path = tmp_path / "staff.json"
    old = staff.make_hash("correct horse", {"n": 2**14, "r": 8, "p": 1})
    del old["n"], old["r"], old["p"]  # as files written before the cost was stored hold it
    path.write_text(json.dumps({"password": old}))
    secrets = StaffSecrets(path, VirtualClock(START))
    assert not secrets.check_password("wrong horse")
    assert json.loads(path.read_text())["password"] == old  # a wrong one changes nothing
    assert secrets.check_password("correct horse")
    stored = json.loads(path.read_text())["password"]
    assert {k: stored[k] for k in ("n", "r", "p")} == staff.PASSWORD_COST == {"n": 2**15, "r": 8, "p": 3}
    assert stored["salt"] != old["salt"]
    assert secrets.check_password("correct horse") and not secrets.check_password("wrong horse")
    # A cost edited by hand past what the kiosk would ever use opens nothing (nor takes all memory).
    path.write_text(json.dumps({"password": {**stored, "n": 2**24}}))
    assert not secrets.check_password("correct horse")


def test_wrong_pins_lock_the_pad_for_longer_each_time_even_after_a_restart(tmp_path):
    clock = VirtualClock(START)
    StaffSecrets(tmp_path / "staff.json", clock).set("pin", "4711")
    for _ in range(FREE_TRIES):
        assert not StaffSecrets(tmp_path / "staff.json", clock).try_pin("0000")
    restarted = StaffSecrets(tmp_path / "staff.json", clock)  # a new process reads the same file
    assert restarted.locked_for() == LOCK_BASE_S
    clock.advance(1)
    assert not restarted.try_pin("4711")  # even the right PIN waits
    clock.advance(LOCK_BASE_S - 1)
    assert not restarted.try_pin("1111")
    assert restarted.locked_for() == 2 * LOCK_BASE_S
    clock.advance(2 * LOCK_BASE_S)
    assert restarted.try_pin("4711")
    assert restarted.locked_for() == 0
    assert "lock" not in json.loads((tmp_path / "staff.json").read_text())


def test_no_pin_set_means_no_way_in(tmp_path):
    assert not StaffSecrets(tmp_path / "staff.json").try_pin("0000")
    assert not StaffSecrets(tmp_path / "staff.json").check_password("")
    (tmp_path / "staff.json").write_text('{"pin": "4711", "password": {"salt": "zz"}}')  # hand-edited
    assert not StaffSecrets(tmp_path / "staff.json").try_pin("4711")
    assert not StaffSecrets(tmp_path / "staff.json").check_password("")


# --- time that lies --------------------------------------------------------------------------


@pytest.mark.parametrize("step", [-TEN_YEARS, TEN_YEARS], ids=["set-back-ten-years", "set-forward-ten-years"])
def test_a_wall_clock_step_neither_stretches_nor_ends_a_lock(tmp_path, step):
    clock = SteppedClock(START)
    secrets = StaffSecrets(tmp_path / "staff.json", clock)
    secrets.set("pin", "4711")
    lock_out(secrets)
    clock.advance(10)
    clock.step_wall(step)
    assert secrets.locked_for() == LOCK_BASE_S - 10
    restarted = StaffSecrets(tmp_path / "staff.json", clock)  # and read back under the new clock
    assert restarted.locked_for() == LOCK_BASE_S - 10
    clock.advance(LOCK_BASE_S - 10 - 1)
    assert not restarted.try_pin("4711")
    clock.advance(1)
    assert restarted.try_pin("4711")


def test_a_restart_during_a_lock_resumes_the_time_left(tmp_path):
    clock = VirtualClock(START)
    secrets = StaffSecrets(tmp_path / "staff.json", clock)
    secrets.set("pin", "4711")
    lock_out(secrets)
    clock.advance(20)
    assert secrets.locked_for() == LOCK_BASE_S - 20  # a staff member tries: the time left is written
    # A restart after a power cut: the monotonic clock starts again near zero.
    rebooted = VirtualClock(START + 3600, start_monotonic=3.0)
    restarted = StaffSecrets(tmp_path / "staff.json", rebooted)
    assert restarted.locked_for() == LOCK_BASE_S - 20
    rebooted.advance(LOCK_BASE_S - 20)
    assert restarted.try_pin("4711")


def test_the_time_left_is_written_now_and_then_not_on_every_look(tmp_path, monkeypatch):
    clock = VirtualClock(START)
    secrets = StaffSecrets(tmp_path / "staff.json", clock)
    secrets.set("pin", "4711")
    lock_out(secrets)
    writes, real = [], staff.write_atomically

    def counted(path, data):
        writes.append(data["lock"])
        real(path, data)

    monkeypatch.setattr(staff, "write_atomically", counted)
    for _ in range(20):  # twenty presses a quarter-second apart: one write
        clock.advance(0.25)
        secrets.locked_for()
    clock.advance(REWRITE_S)
    secrets.locked_for()
    assert writes == [
        {"wrong": FREE_TRIES, "remaining": LOCK_BASE_S - REWRITE_S},
        {"wrong": FREE_TRIES, "remaining": LOCK_BASE_S - 2 * REWRITE_S},
    ]


def test_a_lock_written_as_a_wall_clock_deadline_is_never_longer_than_the_lock(tmp_path):
    # staff.json from before locks were kept as time left, read on a kiosk whose clock
    # booted ten years behind: the deadline looks ten years away.
    path = tmp_path / "staff.json"
    StaffSecrets(path).set("pin", "4711")
    data = json.loads(path.read_text())
    data["lock"] = {"wrong": FREE_TRIES, "until": START + TEN_YEARS}
    path.write_text(json.dumps(data))
    clock = VirtualClock(START)
    secrets = StaffSecrets(path, clock)
    assert secrets.locked_for() == LOCK_BASE_S
    clock.advance(LOCK_BASE_S)
    assert secrets.try_pin("4711")


def test_set_pin_lifts_a_lock_the_running_kiosk_holds(tmp_path):
    clock = VirtualClock(START)
    kiosk = StaffSecrets(tmp_path / "staff.json", clock)
    kiosk.set("pin", "4711")
    lock_out(kiosk)
    StaffSecrets(tmp_path / "staff.json").set("pin", "2468")  # `kiosk set-pin` in another process
    assert kiosk.locked_for() == 0
    assert kiosk.try_pin("2468")


# --- bad disks -------------------------------------------------------------------------------


def _mount_tmpfs(where: Path, size: str) -> str | None:
    """Mounts a tmpfs at `where`; the reason it could not be, or None."""
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True
    )
    return None if done.returncode == 0 else done.stderr.decode().strip() or "mount failed"


@contextlib.contextmanager
def bad_disk(tmp_path: Path, fault: str, clock):
    """A StaffSecrets with a PIN set, whose folder then becomes `fault`: "read-only" or "full"."""
    folder = tmp_path / "site"
    folder.mkdir()
    reason = _mount_tmpfs(folder, "64k")  # None: mounted
    if reason and fault == "full":
        pytest.skip(f"a full disk needs a tiny tmpfs, and none can be mounted here: {reason}")
    secrets = StaffSecrets.shared(folder / "staff.json", clock)
    secrets.set("pin", "4711")
    assert secrets.has("pin")  # read while the disk still worked
    try:
        if fault == "full":
            with contextlib.suppress(OSError), open(folder / "filler", "wb") as filler:
                while True:
                    filler.write(b"\0" * 4096)
                    filler.flush()
        elif not reason:
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
        elif os.geteuid() != 0:
            folder.chmod(0o500)
        else:  # root without mount ignores permissions: the folder becomes a plain file
            folder.rename(tmp_path / "site.moved")
            folder.write_text("not a folder")
        with pytest.raises(OSError):  # the fault is real
            (folder / "probe").write_bytes(b"x" * 8192)
        yield secrets
    finally:
        if not reason:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        elif folder.is_dir():
            folder.chmod(0o700)


@pytest.mark.parametrize("fault", ["read-only", "full"])
def test_a_pin_typed_on_a_bad_disk_still_opens_and_still_locks(tmp_path, fault, caplog):
    clock = VirtualClock(START)
    with bad_disk(tmp_path, fault, clock) as secrets, caplog.at_level(logging.WARNING, "kiosk.staff"):
        assert secrets.try_pin("4711")  # the right PIN opens
        lock_out(secrets, FREE_TRIES + 1)  # no traceback: the count lives in memory
        assert secrets.problem and "cannot be written" in secrets.problem
        assert secrets.locked_for() == LOCK_BASE_S
        again = StaffSecrets.shared(secrets.path, clock)  # the pad closed and opened again
        assert again is secrets and again.locked_for() == LOCK_BASE_S
        clock.advance(LOCK_BASE_S)
        assert not secrets.try_pin("1111")  # the sixth wrong one: 60 s now
        assert secrets.locked_for() == 2 * LOCK_BASE_S
        clock.advance(2 * LOCK_BASE_S)
        assert secrets.try_pin("4711")
    warnings = [r for r in caplog.records if r.name == "kiosk.staff"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]  # one line, not one per try


def test_a_disk_that_recovers_gets_the_lock_written(tmp_path, caplog, monkeypatch):
    clock = VirtualClock(START)
    path = tmp_path / "site" / "staff.json"
    StaffSecrets(path).set("pin", "4711")
    secrets = StaffSecrets(path, clock)

    def full(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(staff, "write_atomically", full)
    lock_out(secrets)
    monkeypatch.undo()  # space freed
    assert secrets.problem == "staff.json cannot be written (No space left on device)"
    clock.advance(REWRITE_S)
    assert secrets.locked_for() == LOCK_BASE_S - REWRITE_S  # written now
    assert secrets.problem is None
    assert json.loads(path.read_text())["lock"] == {"wrong": FREE_TRIES, "remaining": LOCK_BASE_S - REWRITE_S}
    assert "is written again" in caplog.text


def test_staff_json_is_synced_before_and_after_the_rename(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        calls.append(("fsync", Path(os.readlink(f"/proc/self/fd/{fd}")).name))
        real_fsync(fd)

    def replace(source, target):
        calls.append(("replace", Path(target).name))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    StaffSecrets(tmp_path / "staff.json").set("pin", "4711")
    kinds = [kind for kind, _ in calls]
    assert kinds == ["fsync", "replace", "fsync"]
    assert calls[0][1].endswith(".tmp") and calls[2][1] == tmp_path.name  # the file, then its folder
    assert [p.name for p in tmp_path.iterdir()] == ["staff.json"]  # no temporary left behind


# --- the PIN pad -------------------------------------------------------------------------------


def test_the_pad_reopened_or_under_a_stepped_clock_keeps_the_lock(config):
    from kiosk.content.loader import load_exhibit
    from kiosk.ui.app import KioskApp
    from kiosk.ui.input import Pointer

    def tap(widget_id):
        x, y = app.widget_centre(widget_id)
        app.pointer(Pointer("down", x, y))
        app.pointer(Pointer("up", x, y))

    def type_pin(pin):
        for digit in pin:
            tap(f"pin:{digit}")
        tap("pin:ok")

    StaffSecrets(config.staff_file).set("pin", "4711")
    clock = SteppedClock(START)
    app = KioskApp(config, load_exhibit(config).exhibit, (1280, 720), clock)
    app.apply(StaffAction("pin"))
    for _ in range(FREE_TRIES):
        type_pin("0000")
    # The sample site's staff read Polish (staff.language follows default_language: pl).
    assert app.scene.message == f"Zły PIN – blokada na {int(LOCK_BASE_S)} s"
    tap("pin:cancel")
    clock.step_wall(-TEN_YEARS)  # the clock is set back to where it booted
    app.apply(StaffAction("pin"))
    type_pin("4711")
    assert app.scene.name == "staff-pin" and app.scene.message == f"Zablokowane na {int(LOCK_BASE_S) + 1} s"
    clock.advance(LOCK_BASE_S)
    type_pin("4711")
    assert app.scene.name == "staff"
