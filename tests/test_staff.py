"""Staff secrets: hashed, and a growing lock-out after wrong PINs that survives a restart."""

from __future__ import annotations

from kiosk.staff import FREE_TRIES, LOCK_BASE_S, StaffSecrets


def test_secrets_are_stored_hashed(tmp_path):
    secrets = StaffSecrets(tmp_path / "staff.json")
    secrets.set("pin", "4711")
    secrets.set("password", "correct horse")
    stored = (tmp_path / "staff.json").read_text()
    assert "4711" not in stored and "correct horse" not in stored
    assert secrets.try_pin("4711", now=0)
    assert secrets.check_password("correct horse") and not secrets.check_password("wrong horse")


def test_wrong_pins_lock_the_pad_for_longer_each_time_even_after_a_restart(tmp_path):
    StaffSecrets(tmp_path / "staff.json").set("pin", "4711")
    now = 1000.0
    for _ in range(FREE_TRIES):
        assert not StaffSecrets(tmp_path / "staff.json").try_pin("0000", now)
    restarted = StaffSecrets(tmp_path / "staff.json")  # a new process reads the same file
    assert restarted.locked_for(now) == LOCK_BASE_S
    assert not restarted.try_pin("4711", now + 1)  # even the right PIN waits
    now += LOCK_BASE_S
    assert not restarted.try_pin("1111", now)
    assert restarted.locked_for(now) == 2 * LOCK_BASE_S
    now += 2 * LOCK_BASE_S
    assert restarted.try_pin("4711", now)
    assert restarted.locked_for(now) == 0


def test_no_pin_set_means_no_way_in(tmp_path):
    assert not StaffSecrets(tmp_path / "staff.json").try_pin("0000", 0)
    assert not StaffSecrets(tmp_path / "staff.json").check_password("")
