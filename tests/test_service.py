"""The systemd unit `kiosk service` prints: systemd itself reads it without a complaint, and
it says what a kiosk on tty1 needs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.service import kiosk_command, unit_text


def _settings(unit: str) -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in unit.splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def test_the_unit_says_what_a_kiosk_needs(project: Path):
    s = _settings(unit_text(project, "kiosk"))
    assert s["Type"] == ["notify"] and s["NotifyAccess"] == ["all"]
    assert s["WatchdogSec"] == ["20"] and s["Restart"] == ["always"]
    assert s["StartLimitIntervalSec"] == ["600"] and s["StartLimitBurst"] == ["10"]
    assert s["User"] == ["kiosk"]
    assert s["PAMName"] == ["login"] and s["TTYPath"] == ["/dev/tty1"]
    assert s["Conflicts"] == ["getty@tty1.service"]
    assert s["Environment"] == ["SDL_VIDEODRIVER=wayland"]
    assert s["ExecStart"] == [f"/usr/bin/cage -d -- {sys.executable} -m kiosk run --config {project}"]
    assert s["WorkingDirectory"] == [str(project.parent)]


def test_paths_with_spaces_dollars_and_percents_survive(tmp_path: Path):
    site = tmp_path / "Pawilon 100% $HOME"
    unit = unit_text(site / "config.yaml", "kiosk", kiosk=["/opt/kiosk/bin/kiosk"])
    (exec_start,) = _settings(unit)["ExecStart"]
    assert exec_start.endswith(f'run --config "{tmp_path}/Pawilon 100%% $$HOME/config.yaml"')
    with pytest.raises(ValueError):
        unit_text(Path("/srv/a\nb/config.yaml"), "kiosk")


def test_the_kiosk_is_started_by_absolute_paths():
    interpreter, *rest = kiosk_command()
    assert Path(interpreter).is_absolute() and rest == ["-m", "kiosk"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_reads_the_unit_without_a_word(project: Path, tmp_path: Path):
    cage = shutil.which("cage")
    if cage is None:
        pytest.skip("cage is not installed (Debian: apt-get install cage); verify checks ExecStart's binary")
    unit = tmp_path / "kiosk.service"
    unit.write_text(unit_text(project, "kiosk", cage=cage))
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60
    )
    # verify exits 0 on settings it ignores; its stderr names them, so it must stay empty.
    assert done.returncode == 0 and done.stderr == "", done.stderr
    broken = tmp_path / "broken.service"
    broken.write_text(unit.read_text().replace("Type=notify", "Type=notifyy"))
    done = subprocess.run(["systemd-analyze", "verify", str(broken)], capture_output=True, text=True)
    assert "Failed to parse service type" in done.stderr  # the check would see a bad unit
