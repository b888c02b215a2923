"""The `kiosk` command end to end: validate, a replayed visitor, stats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from tests.running import run_cli

ROOT = Path(__file__).resolve().parent.parent


def test_validate_passes_on_the_shipped_content():
    result = run_cli("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "ok: 5 zones, 0 warning(s)" in result.stderr


def test_validate_reports_every_error_with_file_line_field(project, capsys):
    forest = project.parent / "zones" / "forest.yaml"
    text = forest.read_text()
    forest.write_text(text.replace("  kk:", "  kz:", 1))  # a wrong language code
    regions = project.parent / "zones" / "regions.yaml"
    regions.write_text(regions.read_text().replace("accent:", "acent:", 1))
    assert main(["validate", "--config", str(project)]) == 1
    out = capsys.readouterr().out.splitlines()
    kk_line = next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith("  kk:"))
    assert any(line.startswith("zones/forest.yaml:") and ".kk: Field required" in line for line in out)
    assert any(line.startswith(f"zones/forest.yaml:{kk_line}: ") and "kz" in line for line in out)
    accent = next(line for line in out if "acent" in line)
    assert accent.startswith("zones/regions.yaml:") and "did you mean `accent`?" in accent
    assert "Traceback" not in "\n".join(out)


def test_validate_on_broken_yaml_is_one_clear_line(project, capsys):
    (project.parent / "zones" / "forest.yaml").write_text("id: forest\ntitle: [unclosed\n")
    assert main(["validate", "--config", str(project)]) == 1
    out = capsys.readouterr().out
    assert "zones/forest.yaml:3: (file): YAML syntax" in out or "zones/forest.yaml:2:" in out


def test_validate_refuses_media_outside_the_media_folder(project, capsys, tmp_path):
    forest = project.parent / "zones" / "forest.yaml"
    forest.write_text(forest.read_text().replace("cover: images/", "cover: ../../", 1))
    assert main(["validate", "--config", str(project)]) == 1
    assert "leaves the media folder" in capsys.readouterr().out


def test_validate_reports_a_corrupt_image(project, capsys):
    forest = project.parent / "zones" / "forest.yaml"
    cover = next(
        line.split(":", 1)[1].strip() for line in forest.read_text().splitlines() if line.startswith("cover:")
    )
    image = project.parent / "media" / cover
    image.write_bytes(image.read_bytes()[:300])  # truncated mid-file
    assert main(["validate", "--config", str(project)]) == 1
    out = capsys.readouterr().out
    assert "zones/forest.yaml:" in out and ": cover: image is damaged or truncated" in out


def test_a_replayed_visit_is_counted_exactly(project, tmp_path):
    script = tmp_path / "visit.yaml"
    script.write_text("""
- {at: 1, screenshot: attract}
- {at: 2, tap: attract}
- {at: 3, tap: "lang:en"}
- {at: 5, tap: "zone:forest"}
- {at: 6, screenshot: forest}
- {at: 10, tap: next}
- {at: 12, swipe: {from: [300, 600], to: [1500, 620]}}
- {at: 20, tap: "lang:kk"}
- {at: 25, tap: back}
- {at: 30, tap: "zone:regions"}
- {at: 40, tap: home}
- {at: 200, tap: attract}
- {at: 202, tap: "lang:ru"}
- {at: 204, tap: "zone:national-day"}
- {at: 400, quit: true}
""")
    shots = tmp_path / "shots"
    run = run_cli(
        "run",
        "--headless",
        "--replay",
        str(script),
        "--screenshots",
        str(shots),
        "--config",
        str(project),
        "--start",
        "2017-09-07T10:00",
    )
    assert run.returncode == 0, run.stderr
    assert (shots / "attract.png").exists() and (shots / "forest.png").exists()

    stats = run_cli("stats", "--json", "--config", str(project))
    assert stats.returncode == 0, stats.stderr
    report = json.loads(stats.stdout)
    assert report["sessions"] == 2
    assert report["languages"] == {"en": 1, "kk": 1, "ru": 1}
    assert report["days"] == {"2017-09-07": {"sessions": 2, "entries": 0}}
    assert report["zones"]["forest"] == {"views": 1, "dwell_s": 20.0}  # 5 s .. 25 s
    assert report["zones"]["regions"] == {"views": 1, "dwell_s": 10.0}
    assert report["zones"]["national-day"] == {"views": 1, "dwell_s": 0.0}
    # First visitor: 2 s .. 40 s; the second's last touch is its first zone at 204 s.
    assert report["avg_session_s"] == pytest.approx((38 + 4) / 2)
    assert report["end_reasons"] == {"timeout": 2}
    # Opened on the first page, "next" to the second, a swipe to the right back to the first.
    first, second = (page.id for page in _forest_pages(project))
    assert report["pages"]["forest"] == {first: 2, second: 1}


def _forest_pages(project):
    from kiosk.content.loader import load_exhibit

    return load_exhibit(load_config(project)).exhibit.zone("forest").pages[:2]


def test_a_tap_on_a_widget_that_is_not_there_names_the_step(project, tmp_path):
    script = tmp_path / "bad.yaml"
    script.write_text("- {at: 1, tap: attract}\n- {at: 2, tap: 'zone:forest'}\n")
    run = run_cli("run", "--headless", "--replay", str(script), "--config", str(project))
    assert run.returncode == 1
    assert "bad.yaml:2: tap: no widget 'zone:forest' on the language screen" in run.stderr
    assert "Traceback" not in run.stderr


def test_without_a_display_run_says_so_in_one_line(project):
    # A fresh machine with no screen: SDL picks its own driver (and falls back to drawing nowhere).
    hidden = ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", "XDG_RUNTIME_DIR")
    env = {k: v for k, v in os.environ.items() if k not in hidden}
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--config", str(project)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    # The line saying which site it runs, then the one reason it cannot.
    assert len(lines) == 2 and lines[1].startswith("kiosk: no display"), result.stderr
    assert lines[0].startswith(f"kiosk: content {project.parent / 'zones'} (5 zones)"), result.stderr


def test_stats_before_any_visitor(project, capsys):
    assert main(["stats", "--json", "--config", str(project)]) == 0
    assert json.loads(capsys.readouterr().out)["sessions"] == 0


def test_a_replayed_visit_with_every_interactive_block(project, tmp_path):
    """Quiz, gallery, hotspot, accessibility and finish, through `kiosk stats --json`."""
    script = tmp_path / "rich.yaml"
    script.write_text("""
- {at: 1, tap: attract}
- {at: 2, tap: "lang:en"}
- {at: 3, tap: "a11y:large-text"}
- {at: 3.5, tap: next}                  # large text: three cards a page, this one on the second
- {at: 4, tap: "zone:poland-kazakhstan"}
- {at: 5, tap: next}
- {at: 6, tap: next}
- {at: 7, tap: next}
- {at: 8, tap: next}
- {at: 8.5, swipe: {from: [700, 900], to: [700, 300]}}   # large text: scroll to the answers
- {at: 9, tap: "quiz:1:answer:2"}
- {at: 9.5, swipe: {from: [700, 480], to: [700, 940]}}   # the explanation came into view: back up to the answers
- {at: 10, tap: "quiz:1:answer:1"}
- {at: 11, screenshot: quiz}
- {at: 12, tap: home}
- {at: 13, tap: "zone:technologies"}
- {at: 14, tap: next}
- {at: 15, tap: next}
- {at: 16, tap: next}
- {at: 17, tap: "gallery:next"}
- {at: 18, tap: back}
- {at: 19, tap: "zone:regions"}
- {at: 20, tap: "hotspot:lubelskie"}
- {at: 21, screenshot: hotspot}
- {at: 22, tap: finish}
- {at: 30, tap: attract}
- {at: 31, tap: "lang:pl"}
- {at: 32, tap: "zone:national-day"}
- {at: 33, swipe: {from: [1500, 600], to: [300, 600]}}
- {at: 34, swipe: {from: [1500, 600], to: [300, 600]}}
- {at: 35, swipe: {from: [1500, 600], to: [300, 600]}}
- {at: 36, swipe: {from: [1500, 600], to: [300, 600]}}
- {at: 37, tap: "quiz:1:answer:1"}
- {at: 120, quit: true}
""")
    shots = tmp_path / "shots"
    run = run_cli(
        "run",
        "--headless",
        "--replay",
        str(script),
        "--config",
        str(project),
        "--screenshots",
        str(shots),
        "--start",
        "2017-09-07T12:00",
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run_cli("stats", "--json", "--config", str(project)).stdout)
    assert report["sessions"] == 2
    assert report["end_reasons"] == {"finished": 1, "timeout": 1}
    # The first answer counts; the second tap on the same quiz is not an answer.
    assert report["quizzes"] == {
        "national-day/pavilion-zones": {"answers": 1, "correct": 0},
        "poland-kazakhstan/forum-agreements": {"answers": 1, "correct": 1},
    }
    assert report["interactions"] == {"a11y": 1, "gallery": 1, "hotspot": 1, "quiz": 2}
    assert report["languages"] == {"en": 1, "pl": 1}
    assert (shots / "quiz.png").exists() and (shots / "hotspot.png").exists()


STAFF_VISIT = """
- {at: 1, hold: staff-corner}
- {at: 6, tap: "pin:1"}
- {at: 6.1, tap: "pin:2"}
- {at: 6.2, tap: "pin:3"}
- {at: 6.3, tap: "pin:4"}
- {at: 6.5, tap: "pin:ok"}
- {at: 7, screenshot: staff}
- {at: 8, tap: "staff:maintenance"}
- {at: 9, tap: "staff:close"}
- {at: 10, tap: attract}
- {at: 11, tap: "lang:en"}
- {at: 12, tap: "zone:forest"}
- {at: 13, tap: next}
- {at: 14, screenshot: maintenance}
- {at: 100, quit: true}
"""


def test_a_replay_in_maintenance_mode_counts_none_of_the_staff_touches(project, tmp_path):
    from kiosk.config import load_config
    from kiosk.staff import StaffSecrets

    StaffSecrets(load_config(project).staff_file).set("pin", "1234")
    script = tmp_path / "staff.yaml"
    script.write_text(STAFF_VISIT)
    shots = tmp_path / "shots"
    run = run_cli(
        "run", "--headless", "--replay", str(script), "--config", str(project), "--screenshots", str(shots)
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run_cli("stats", "--json", "--config", str(project)).stdout)
    assert report["sessions"] == 0 and report["zones"] == {} and report["languages"] == {}
    assert (shots / "staff.png").exists() and (shots / "maintenance.png").exists()
    # The same walk without switching maintenance on is a visit like any other.
    script.write_text(STAFF_VISIT.replace('- {at: 8, tap: "staff:maintenance"}\n', ""))
    assert run_cli("run", "--headless", "--replay", str(script), "--config", str(project)).returncode == 0
    report = json.loads(run_cli("stats", "--json", "--config", str(project)).stdout)
    assert report["sessions"] == 1 and report["zones"]["forest"]["views"] == 1


def test_a_wrong_pin_opens_nothing(project, tmp_path):
    from kiosk.config import load_config
    from kiosk.staff import StaffSecrets

    StaffSecrets(load_config(project).staff_file).set("pin", "1234")
    script = tmp_path / "wrong.yaml"
    script.write_text(STAFF_VISIT.replace('"pin:4"', '"pin:5"'))
    run = run_cli("run", "--headless", "--replay", str(script), "--config", str(project))
    assert run.returncode == 1
    assert "no widget 'staff:maintenance' on the staff-pin screen" in run.stderr


def test_stats_never_reads_a_missing_store_as_zeros(project, tmp_path, capsys):
    from kiosk.cli import main

    assert main(["stats", "--config", str(project), "--db", str(tmp_path / "no-such.db")]) == 1
    assert "no visitor store at" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["stats", "--config", str(project), "--db", str(tmp_path / "empty")]) == 1
    assert "no visitor store at" in capsys.readouterr().err
    assert main(["stats", "--config", str(project)]) == 0  # nothing recorded yet: zeros, said so
    assert "no visitors recorded yet at" in capsys.readouterr().err
