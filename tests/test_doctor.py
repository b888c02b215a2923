"""`kiosk doctor`: each check on real things — a site from `kiosk init`, a read-only disk
(a tmpfs mounted for the test: root only, skipped with the reason elsewhere), a real X server
(Xvfb, where installed), the clock and console of this machine — and the command itself.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zoneinfo
from contextlib import contextmanager
from pathlib import Path

import pytest

from kiosk import doctor
from kiosk.cli import main
from kiosk.clock import PLAUSIBLE_FROM
from kiosk.config import load_config
from kiosk.service import unit_text
from kiosk.staff import StaffSecrets
from tests.disks import tmpfs

NAMES = ["config", "display", "sound", "content", "fonts", "store", "timezone", "clock", "blanking"]
NAMES += ["dashboard", "service"]
LINE = re.compile(r"^(ok|warn|fail) +(\w+) +\S.*$")


def _set(project: Path, key: str, value: str) -> None:
    text = project.read_text()
    project.write_text(re.sub(rf"(?m)^(\s*){key}:.*$", rf"\g<1>{key}: {value}", text, count=1))


@contextmanager
def _xvfb(*options: str):
    """A real X server on a display number it picks itself."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (Debian package xvfb)")
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", "1", "-nolisten", "tcp", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        yield f":{server.stdout.readline().strip()}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _bare_env(**extra: str) -> dict[str, str]:
    """This machine's environment without the tests' dummy video driver or any display."""
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    return {**env, **extra}


def test_a_new_site_passes_the_checks_of_its_own(project):
    config = load_config(project)
    report, content = doctor.check_content(config)
    assert content.status == "ok" and content.detail.startswith("5 zones")
    fonts = doctor.check_fonts(config, report)
    assert fonts.status == "ok" and "draw every character" in fonts.detail
    store = doctor.check_store(config)
    # data/ is not there until the kiosk first starts: the site's folder is what is tried.
    assert store.status == "ok", store.detail
    who = " by root" if os.geteuid() == 0 else ""  # root can write anywhere: doctor says it tried as root
    assert f"{config.store_file} writable{who} (data/ is made at first start); " in store.detail
    assert "a busy day's 1,000 visitors (today 0 so far), ~2 KB each, estimated" in store.detail
    assert not list(project.parent.rglob(".kiosk-doctor-*"))  # the probe file is gone again
    assert not config.store_file.parent.exists()  # and nothing was made
    zone = doctor.check_timezone(config)
    assert zone.status == "ok" and zone.detail.startswith("Asia/Almaty: ") and "(UTC+05:00)" in zone.detail
    assert doctor.check_dashboard(config) == doctor.Result("ok", "dashboard", "off (web.enabled: false)")


def test_a_broken_zone_file_fails_content_with_its_line(project):
    forest = project.parent / "zones" / "forest.yaml"
    forest.write_text(forest.read_text().replace("pages:", "pages: [", 1))
    _, content = doctor.check_content(load_config(project))
    assert content.status == "fail"
    assert "zones/forest.yaml:" in content.detail and content.detail.endswith("kiosk validate lists all")


def _line_of(config_file, setting):
    rows = config_file.read_text().splitlines()
    return next(i for i, row in enumerate(rows, 1) if row.startswith(f"{setting}:"))


def test_a_damaged_time_zone_file_fails_the_timezone(project, tmp_path):
    config = load_config(project)  # the zone was read once, and is cached: doctor reads it afresh
    broken = tmp_path / "zoneinfo"
    (broken / "Asia").mkdir(parents=True)
    (broken / "Asia" / "Almaty").write_bytes(b"TZif2 cut short by a bad copy")
    zoneinfo.reset_tzpath([str(broken)])
    try:
        result = doctor.check_timezone(config)
    finally:
        zoneinfo.reset_tzpath()
    assert result.status == "fail" and result.detail.startswith("Asia/Almaty: cannot be read")
    # Read first by doctor itself: the config cannot load, and the checks that need none still run.
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "doctor", "--config", str(project)],
        env=_bare_env(PYTHONTZPATH=str(broken)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and done.stderr == ""
    lines = done.stdout.splitlines()
    assert (
        lines[0]
        == f"fail  config     {project}:{_line_of(project, 'timezone')}: timezone: time zone 'Asia/Almaty' cannot be read "
        "(unpack requires a buffer of 24 bytes); reinstall tzdata"
    )
    assert [LINE.match(line).group(2) for line in lines] == [
        "config",
        "display",
        "clock",
        "blanking",
        "service",
    ]


def test_a_store_on_a_read_only_disk_fails(project, tmp_path):
    with tmpfs(tmp_path / "readonly", "ro,size=1m") as disk:
        _set(project, "store_path", f"{disk}/visitors.db")
        result = doctor.check_store(load_config(project))
    assert result.status == "fail"
    assert result.detail.startswith(f"{disk} cannot be written") and "Read-only file system" in result.detail


def test_a_disk_with_less_than_a_weeks_room_fails(project, tmp_path):
    with tmpfs(tmp_path / "small", "size=1m") as disk:
        _set(project, "store_path", f"{disk}/visitors.db")
        result = doctor.check_store(load_config(project))
        assert not list(disk.iterdir())
    assert result.status == "fail" and "~0 days" in result.detail


def test_the_store_is_tried_as_the_kiosks_user(project):
    if os.geteuid() != 0:
        pytest.skip("only root can try a folder as another user")
    # The site belongs to root: the unit's unprivileged user could not record a visitor.
    result = doctor.check_store(load_config(project), as_user="nobody")
    assert result.status == "fail" and "cannot be written by nobody (Permission denied)" in result.detail
    missing = doctor.check_store(load_config(project), as_user="no-such-kiosk-user")
    assert missing.status == "fail" and "there is no user no-such-kiosk-user" in missing.detail


def test_web_enabled_without_a_password_fails_until_one_is_set(project):
    _set(project, "enabled", "true")
    config = load_config(project)
    result = doctor.check_dashboard(config)
    assert result.status == "fail" and f"kiosk set-password --config {project}" in result.detail
    StaffSecrets(config.staff_file).set("password", "pavilion-2017")
    assert doctor.check_dashboard(config).status == "ok"


def test_sound_that_cannot_open_or_plays_nowhere_is_a_warning_and_sound_off_is_fine(project):
    config = load_config(project)
    broken = doctor.check_sound(config, {**os.environ, "SDL_AUDIODRIVER": "no-such-driver"})
    assert broken.status == "warn" and "no sound output" in broken.detail and "silently" in broken.detail
    nowhere = doctor.check_sound(config, {**os.environ, "SDL_AUDIODRIVER": "dummy"})
    assert nowhere == doctor.Result(
        "warn", "sound", "plays nowhere (SDL's dummy driver): narration is silent"
    )
    off = config.model_copy(update={"sound": config.sound.model_copy(update={"enabled": False})})
    assert doctor.check_sound(off, {}) == doctor.Result("ok", "sound", "off (sound.enabled: false)")


def test_sdl_drawing_nowhere_is_no_display():
    result = doctor.check_display({**os.environ, "SDL_VIDEODRIVER": "dummy"})
    assert result == doctor.Result("fail", "display", "no screen; dummy: draws nowhere (SDL's dummy driver)")


def test_an_x_server_is_a_display_and_its_screen_saver_is_blanking(tmp_path):
    console = tmp_path / "consoleblank"
    console.write_text("0\n")
    with _xvfb() as display:
        env = _bare_env(DISPLAY=display)
        shown = doctor.check_display(env)
        saver = doctor.check_blanking(env, console)
    assert shown == doctor.Result("ok", "display", f"x11 on {display}: 1280x1024")
    assert saver.status == "fail" and "X screen saver after 600 s" in saver.detail  # X's default
    with _xvfb("-s", "0") as display:
        quiet = doctor.check_blanking(_bare_env(DISPLAY=display), console)
    assert quiet.status == "ok" and quiet.detail.startswith("console blank off; X screen saver off")


def test_console_blanking_fails_and_an_unreadable_setting_warns(tmp_path):
    console = tmp_path / "consoleblank"
    console.write_text("600\n")
    result = doctor.check_blanking(_bare_env(), console)
    assert result.status == "fail" and result.detail.startswith("console blank after 600 s")
    unread = doctor.check_blanking(_bare_env(), tmp_path / "absent")
    assert unread.status == "warn" and "console blank not readable" in unread.detail


def test_a_clock_before_any_visitor_fails_and_sync_is_told_as_the_kernel_tells_it():
    assert doctor.check_clock(now=PLAUSIBLE_FROM - 86400).status == "fail"
    result = doctor.check_clock()
    sync = doctor.ntp_sync()
    if sync is None:
        assert result.status == "warn" and "synced: unknown" in result.detail
    else:
        assert result.status == ("ok" if sync[0] else "warn") and result.detail.endswith(sync[1])


def test_the_unit_kiosk_service_prints_is_found_with_its_watchdog(project, tmp_path):
    units = tmp_path / "units"
    units.mkdir()
    (units / "getty-extra.service").write_text("[Service]\nExecStart=/sbin/agetty tty2\n")
    assert doctor.find_unit(project, units) is None
    assert doctor.check_service(None, systemd=True).status == "fail"
    (units / "kiosk.service").write_text(unit_text(project.resolve(), "kiosk"))
    unit = doctor.find_unit(project, units)
    assert unit.path == units / "kiosk.service" and unit.user == "kiosk"
    result = doctor.check_service(unit, systemd=False)
    assert result.status == "warn"
    assert "Type=notify, WatchdogSec=20, Restart=always; but systemd is not running here" in result.detail
    (units / "kiosk.service").write_text(unit_text(project.resolve(), "kiosk").replace("WatchdogSec=", "#"))
    unwatched = doctor.check_service(doctor.find_unit(project, units), systemd=False)
    assert unwatched.status == "fail" and "WatchdogSec=unset" in unwatched.detail


def test_the_exit_code_is_1_when_a_check_fails(project, capsys):
    _set(project, "enabled", "true")  # no password: a failure whatever this machine has
    assert main(["doctor", "--config", str(project)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [LINE.match(line).group(2) for line in lines] == NAMES
    assert next(line for line in lines if " dashboard " in line).startswith("fail  dashboard  web.enabled")


def test_kiosk_doctor_on_this_machine(project):
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "doctor", "--config", str(project)],
        env=_bare_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    print(done.stdout)  # what this machine is told, for the record (pytest -s)
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert [LINE.match(line).group(2) for line in lines] == NAMES
    statuses = [LINE.match(line).group(1) for line in lines]
    assert done.returncode == (1 if "fail" in statuses else 0)
    assert lines[0] == f"ok    config     {project}"


def test_a_store_with_many_visits_is_measured_at_todays_rate(project):
    from datetime import datetime, time

    from kiosk.visitors import store
    from kiosk.visitors.sessions import PageViewed, SessionEnded, SessionStarted, ZoneEntered

    config = load_config(project)
    config.store_file.parent.mkdir()
    conn = store.connect(config.store_file)
    store.migrate(conn)
    midnight = datetime.combine(datetime.now(config.tz).date(), time(0), tzinfo=config.tz).timestamp()
    events = []
    for i in range(1200):  # all of them today, in the pavilion's time zone
        at = midnight + 60 + i
        events += [SessionStarted(f"s{i}", "kiosk-1", at), ZoneEntered(f"s{i}", 1, "forest", at)]
        events += [
            PageViewed(f"s{i}", 2, "forest", "wealth", at),
            SessionEnded(f"s{i}", at + 1, 1.0, "timeout"),
        ]
    store.write(conn, events)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    per_visitor = config.store_file.stat().st_size / 1200
    result = doctor.check_store(config)
    assert result.status == "ok", result.detail
    assert f"at today's 1,200 visitors, ~{doctor._size(per_visitor)} each, measured" in result.detail
