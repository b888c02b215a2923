"""The built wheel, installed in a fresh venv far from the checkout, makes and runs a site.

This is what a technician does: pip install the wheel, `kiosk init SITE`, then validate, run
and stats with --config. Nothing may come from the checkout, nor be written into the working
folder.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built from a copy of the checkout (a build writes build/ and egg-info)."""
    source = tmp_path_factory.mktemp("source")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if listed.returncode != 0:
        pytest.skip("the wheel is built from the files git knows; this is not a git checkout")
    for name in listed.stdout.decode().split("\0"):
        if name and (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(source)],
        check=True,
        timeout=300,
    )
    return next(out.glob("pavilion_kiosk-*.whl"))


@pytest.fixture(scope="module")
def kiosk_exe(wheel, tmp_path_factory) -> Path:
    """`kiosk` of a fresh venv holding the wheel; its dependencies are this environment's."""
    env_dir = tmp_path_factory.mktemp("fresh") / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
    )
    # pygame-ce, pydantic and the rest are this environment's: a plain path entry, so the
    # checkout's own editable install (a .pth of that folder) is not followed.
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir / "bin" / "kiosk"


def test_the_wheel_carries_fonts_catalogs_sample_pavilion_and_schema(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "kiosk/shipped/fonts/NotoSans-Regular.ttf",
        "kiosk/shipped/fonts/NotoSans-Bold.ttf",
        "kiosk/shipped/fonts/OFL.txt",
        "kiosk/shipped/sample/config.yaml",
        "kiosk/shipped/sample/zones/pavilion.yaml",
        "kiosk/shipped/sample/schema/zone.schema.json",
    ):
        assert needed in names
    for language in ("pl", "en", "kk", "ru"):  # the staff screen and dashboard in their languages
        assert f"kiosk/locale/{language}/LC_MESSAGES/kiosk.mo" in names
    shipped_zones = {n for n in names if n.startswith("kiosk/shipped/sample/zones/")}
    assert len(shipped_zones) == len(list((ROOT / "zones").glob("*.yaml")))
    shipped_pictures = {n for n in names if n.startswith("kiosk/shipped/sample/media/")}
    assert len(shipped_pictures) == len([p for p in (ROOT / "media").rglob("*") if p.is_file()])


def test_a_site_made_and_run_from_the_installed_wheel(kiosk_exe, tmp_path):
    work, site = tmp_path / "work", tmp_path / "hall" / "site"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("KIOSK_CONFIG", "PYTHONPATH")}
    env["SDL_VIDEODRIVER"] = "dummy"

    def kiosk(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(kiosk_exe), *args], cwd=work, env=env, capture_output=True, text=True, timeout=300
        )

    where = subprocess.run(
        [kiosk_exe.parent / "python", "-c", "import kiosk; print(kiosk.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert where.stdout.startswith(str(kiosk_exe.parent.parent)), where  # the wheel's, not the checkout's
    said = subprocess.run(
        [kiosk_exe.parent / "python", "-c", "from kiosk.l10n import words; print(words('kk')('Sessions'))"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert said.stdout.strip() == "Сеанстар", said  # the staff catalogs came with the wheel

    made = kiosk("init", str(site))
    assert made.returncode == 0, made.stderr
    config = site / "config.yaml"
    assert (site / "zones" / "pavilion.yaml").is_file() and (site / "schema" / "zone.schema.json").is_file()
    assert not (site / "media" / "fonts").exists()  # the kiosk's own fonts come from the package
    again = kiosk("init", str(site))
    assert again.returncode == 1 and "not an empty folder" in again.stderr

    checked = kiosk("validate", "--config", str(config))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "ok: 5 zones" in checked.stderr

    script = tmp_path / "visit.yaml"
    script.write_text(
        '- {at: 1, tap: attract}\n- {at: 2, tap: "lang:en"}\n- {at: 4, tap: "zone:forest"}\n'
        "- {at: 9, tap: home}\n- {at: 200, quit: true}\n"
    )
    ran = kiosk("run", "--headless", "--replay", str(script), "--config", str(config))
    assert ran.returncode == 0, ran.stderr
    assert f"visitors {site / 'data' / 'visitors.db'} (new)" in ran.stderr
    assert (site / "data" / "visitors.db").is_file()

    stats = kiosk("stats", "--json", "--config", str(config))
    assert stats.returncode == 0, stats.stderr
    report = json.loads(stats.stdout)
    assert report["sessions"] == 1 and report["zones"]["forest"]["views"] == 1

    lost = kiosk("stats")  # the wrong folder: said so, never a row of zeros
    assert lost.returncode == 1 and lost.stderr.startswith("kiosk: no config.yaml in ")
    assert list(work.iterdir()) == []  # nothing was written into the working folder
