"""A site: the folder a kiosk runs from, made by `kiosk init`, named by --config or KIOSK_CONFIG.

Bad sites get one clear line and exit 1: missing folders, a store folder that cannot be written.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content.loader import load_exhibit
from tests.disks import tmpfs

VISIT = '- {at: 1, tap: attract}\n- {at: 2, tap: "lang:pl"}\n- {at: 4, tap: "zone:forest"}\n- {at: 90, quit: true}\n'


def test_init_writes_a_site_that_validates_and_keeps_paths_beside_its_config(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "pavilion"]) == 0
    site = tmp_path / "pavilion"
    config = load_config(site / "config.yaml")
    assert config.zones_path == site / "zones" and config.store_file == site / "data" / "visitors.db"
    report = load_exhibit(config)
    assert report.exhibit is not None and not [p for p in report.problems if p.severity == "error"]
    # The zone files name the schema written beside them, for the curator's editor.
    first = (site / "zones" / "forest.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/zone.schema.json"
    assert (site / "zones" / first.split("=")[1]).resolve().is_file()


def test_init_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("keep me")
    assert main(["init", str(tmp_path)]) == 1
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_kiosk_config_names_the_site_from_any_folder(project, tmp_path, monkeypatch, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert main(["validate"]) == 1
    assert "no config.yaml in" in capsys.readouterr().err
    monkeypatch.setenv("KIOSK_CONFIG", str(project))
    assert main(["validate"]) == 0
    assert main(["schema"]) == 0  # rewritten into the site, not the working folder
    assert str(project.parent / "schema" / "zone.schema.json") in capsys.readouterr().out
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("setting", ["zones_dir", "media_dir"])
def test_a_config_pointing_at_a_missing_folder_says_so_in_one_line(project, setting, capsys):
    text = project.read_text()
    project.write_text(text.replace(f"{setting}: ", f"{setting}: moved-away #", 1))
    line = next(i for i, row in enumerate(project.read_text().splitlines(), 1) if row.startswith(setting))
    assert main(["validate", "--config", str(project)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == [
        f"{project}:{line}: {setting}: folder not found: {project.parent / 'moved-away'}"
        " (relative to the folder of config.yaml)"
    ]
    assert main(["run", "--config", str(project), "--headless", "--replay", str(project)]) == 1


def test_a_store_folder_that_cannot_be_written_stops_the_start_in_one_line(project, tmp_path):
    script = tmp_path / "visit.yaml"
    script.write_text(VISIT)
    command = [sys.executable, "-m", "kiosk", "run", "--config", str(project), "--headless"]
    with tmpfs(tmp_path / "readonly", "ro,size=1m") as folder:
        result = subprocess.run(
            [*command, "--replay", str(script), "--store", str(folder / "visitors.db")],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        f"kiosk: the visitor store's folder {folder} cannot be written (Read-only file system): "
        "give it to the kiosk's user, or point store_path elsewhere"
    )


def test_stats_says_the_store_has_no_visitors_yet(project, capsys):
    assert main(["stats", "--config", str(project)]) == 0
    store = project.parent / "data" / "visitors.db"
    assert f"kiosk: no visitors recorded yet at {store}" in capsys.readouterr().err


def test_a_damaged_font_in_the_site_gives_way_to_the_kiosks_own(project, capsys):
    import pygame

    from kiosk.resources import shipped_font
    from kiosk.ui.text import REGULAR, Fonts

    fonts = project.parent / "media" / "fonts"
    fonts.mkdir()
    (fonts / REGULAR).write_bytes(b"not a font at all")
    assert main(["validate", "--config", str(project)]) == 0  # the exhibit still shows: a warning
    out = capsys.readouterr().out
    assert f"{fonts / REGULAR}:1: (file): warning: not a readable font" in out
    pygame.font.init()
    site_fonts = Fonts(project.parent / "media")
    assert site_fonts.get(31).size("Ąż")[0] > 0
    assert site_fonts.files[False] == shipped_font(REGULAR)


def test_service_prints_the_unit_of_the_named_site(project, capsys, monkeypatch, tmp_path):
    from kiosk.service import unit_text

    monkeypatch.chdir(tmp_path)
    assert main(["service", "--config", str(project.parent), "--user", "kiosk"]) == 0
    assert capsys.readouterr().out == unit_text(project, "kiosk")
    assert main(["service", "--config", str(project), "--user", "root"]) == 1
    assert "unprivileged user" in capsys.readouterr().err
    project.write_text("idle_timout_s: 30\n")
    assert main(["service", "--config", str(project)]) == 2  # a unit for a broken site: refused
