"""Hostile content and settings: each is a `file:line` error in `kiosk validate`, and the loader,
hot reload and `kiosk i18n import` refuse it alike, so none of it reaches the screen."""

from __future__ import annotations

import csv
import logging
import unicodedata
from pathlib import Path

import pygame
import pytest
from PIL import Image

from kiosk.cli import main
from kiosk.clock import VirtualClock
from kiosk.config import ConfigError, load_config
from kiosk.content import reload as reload_module
from kiosk.content.loader import load_exhibit
from kiosk.content.reload import ContentReloader
from kiosk.resources import shipped_font
from kiosk.ui import text
from kiosk.ui.app import KioskApp

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def display():
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


def validate(project, capsys):
    code = main(["validate", "--config", str(project)])
    captured = capsys.readouterr()
    return code, captured.out


def zone_file(project, name="forest"):
    return project.parent / "zones" / f"{name}.yaml"


def edit(project, old, new, name="forest"):
    path = zone_file(project, name)
    content = path.read_text(encoding="utf-8")
    assert old in content, old
    path.write_text(content.replace(old, new, 1), encoding="utf-8")


def settings(project, extra):
    project.write_text(project.read_text() + extra)


def after_a_reload(project, change):
    """A kiosk running the project; `change` edits it; the kiosk a second later."""
    config = load_config(project)
    clock = VirtualClock(1_504_771_200.0)
    reloader = ContentReloader(config, clock.monotonic())
    app = KioskApp(config, load_exhibit(config).exhibit, (1920, 1080), clock, reloader=reloader)
    before = app.exhibit
    change()
    clock.advance(1.0)
    app.update()
    reloader.wait()
    app.update()
    return app, before


# -- control characters --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("escape", "said"),
    [
        ("\\0", "control character U+0000 at character 7"),
        ("\\e", "control character U+001B at character 7"),
        ("\\x85", "control character U+0085 at character 7"),
        ("\\ud800", ""),  # half a surrogate pair: libyaml refuses it itself
    ],
)
def test_a_control_character_in_a_text_is_an_error_with_its_line(project, capsys, escape, said):
    edit(project, "  en: Forest\n", f'  en: "Forest{escape}"\n')
    code, out = validate(project, capsys)
    assert code == 1
    assert (f"zones/forest.yaml:6: title.en: {said}" if said else "zones/forest.yaml:6: ") in out
    report = load_exhibit(load_config(project))
    assert "forest" not in [zone.id for zone in report.exhibit.zones]  # the rest still shows


def test_line_breaks_and_tabs_stay_allowed(project, capsys):
    edit(project, "  en: Forest\n", '  en: "For\\test\\nland"\n')
    report = load_exhibit(load_config(project))
    assert report.errors == []
    assert report.exhibit.zone("forest").title.root["en"] == "For\test\nland"


def test_every_character_the_renderer_refuses_is_refused_and_no_other():
    """The loader's quick search finds just what the letter-by-letter check names."""
    from kiosk.content.model import text_problem

    every = [chr(c) for c in range(0x110000)]
    refused = [ch for ch in every if unicodedata.category(ch) in ("Cc", "Cs") and ch not in "\n\t"]
    assert len(refused) == 65 - 2 + 2048
    assert [ch for ch in every if text_problem(f"a{ch}b") is not None] == refused
    assert "at character 2" in text_problem("a\x07b")


def test_a_raw_nul_byte_in_a_file_names_its_line(project, capsys):
    path = zone_file(project)
    lines = path.read_bytes().split(b"\n")
    lines[5] = b"  en: Forest\x00"
    path.write_bytes(b"\n".join(lines))
    code, out = validate(project, capsys)
    assert code == 1
    assert "zones/forest.yaml:6: (file): YAML syntax:" in out


def test_a_control_character_in_a_setting_is_a_config_error(project, capsys):
    project.write_text(project.read_text().replace("kiosk_id: kiosk-1", 'kiosk_id: "hall\\0a"'))
    with pytest.raises(ConfigError) as caught:
        load_config(project)
    assert str(caught.value.problems[0]).startswith(f"{project}:4: kiosk_id: control character U+0000")


def test_hot_reload_refuses_a_nul_and_keeps_the_last_good_content(project, display):
    app, before = after_a_reload(project, lambda: edit(project, "  en: Forest\n", '  en: "Forest\\0"\n'))
    assert app.exhibit is before
    assert any(":6: title.en: control character U+0000" in str(p) for p in app.content.problems)


def write_sheet(path, rows):
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows)


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("Орман\x00", "control character U+0000 at character 6"),
        ("Орман\x07", "control character U+0007 at character 6"),
        ("Ор" + "м" * 300, "a word of 302 characters (from character 1) is longer than any line can hold"),
    ],
)
def test_i18n_import_refuses_a_cell_the_kiosk_cannot_show(project, capsys, tmp_path, cell, said):
    zones = project.parent / "zones"
    before = {p.name: p.read_bytes() for p in zones.glob("*.yaml")}
    sheet = tmp_path / "kk.csv"
    write_sheet(
        sheet,
        [
            ["id", "pl", "kk"],
            ["pavilion:title", "Pawilon", "Жақсы"],
            ["forest:natural-wealth.blocks.0.text", "Strefa\nLas", "Екі\nжол"],  # spans two lines
            ["forest:title", "Las", cell],
        ],
    )
    code = main(["i18n", "import", "--config", str(project), str(sheet)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{sheet}:6: forest:title (kk): {said}" in out  # the cell above spans three lines
    assert {p.name: p.read_bytes() for p in zones.glob("*.yaml")} == before  # nothing written


def test_i18n_refuses_a_zone_file_it_cannot_read_in_words(project, capsys, tmp_path):
    zone_file(project, "deep").write_text("id: deep\nx: " + "{a: " * 500 + "1" + "}" * 500 + "\n")
    assert main(["i18n", "export", "--config", str(project), "--lang", "kk"]) == 1
    assert "zones/deep.yaml:2: (file): nested deeper than 32 levels" in capsys.readouterr().err


# -- nesting ---------------------------------------------------------------------------------------


def flow_bomb(depth=500):
    return "{a: " * depth + "1" + "}" * depth  # about 5 KB


def block_bomb(depth=60):
    return "".join(f"\n{'  ' * (i + 1)}a:" for i in range(depth)) + " 1"


@pytest.mark.parametrize("nested", [flow_bomb(), block_bomb(), "[" * 900 + "]" * 900])
def test_deep_nesting_is_a_file_line_error_not_a_traceback(project, capsys, nested):
    edit(project, "summary:\n", f"extra: {nested}\nsummary:\n")
    code, out = validate(project, capsys)
    assert code == 1
    assert "zones/forest.yaml:" in out and "nested deeper than 32 levels" in out
    line = next(x for x in out.splitlines() if "nested deeper" in x)
    assert int(line.split(":")[1]) >= 8  # on the line of the nesting, not line 1


def test_deep_nesting_in_config_yaml_is_a_config_error(project, capsys):
    settings(project, f"extra: {flow_bomb()}\n")
    with pytest.raises(ConfigError) as caught:
        load_config(project)
    assert "nested deeper than 32 levels" in str(caught.value.problems[0])
    code, out = validate(project, capsys)
    assert code == 1 and f"{project}:" in out


def test_hot_reload_survives_deep_nesting(project, display):
    app, before = after_a_reload(
        project, lambda: edit(project, "summary:\n", f"x: {flow_bomb()}\nsummary:\n")
    )
    assert app.exhibit is before
    assert any("nested deeper than 32 levels" in str(p) for p in app.content.problems)


def test_a_reload_that_fails_unforeseen_says_so(project, display, monkeypatch, caplog):
    def broken(config):
        raise MemoryError("no room")

    monkeypatch.setattr(reload_module, "load_exhibit", broken)
    with caplog.at_level(logging.ERROR):
        app, before = after_a_reload(project, lambda: edit(project, "Las", "Las!"))
    assert app.exhibit is before  # the kiosk goes on with what it had
    assert any("MemoryError: no room" in str(p) for p in app.content.problems)
    assert "content reload failed" in caplog.text


# -- words longer than a line ---------------------------------------------------------------------


def test_a_100000_character_word_is_refused_by_the_loader_at_once(project, capsys):
    edit(project, "  en: Forest\n", f"  en: {'W' * 100_000}\n")
    code, out = validate(project, capsys)
    assert code == 1
    assert (
        "zones/forest.yaml:6: title.en: a word of 100,000 characters (from character 1) is longer "
        "than any line can hold" in out
    )


def test_a_word_wider_than_its_line_is_named_by_validate(project, capsys):
    word = "Naturschutzgebietsverwaltungsgemeinschaft" * 3  # 123 letters: allowed, never fits
    edit(project, "      en: Discover the wealth of Polish forests\n", f"      en: Discover the {word}\n")
    code, out = validate(project, capsys)
    assert code == 1
    line = next(x for x in out.splitlines() if "pages.0.title.en" in x)
    assert line.startswith(
        "zones/forest.yaml:20: pages.0.title.en: the word 'Naturschutzgebietsve…' (123 letters)"
    )
    assert line.endswith("(break it with a space or a hyphen, or shorten it)")


def test_a_text_beyond_any_screen_is_refused(project):
    edit(project, "  en: Forest\n", f"  en: {'Forest ' * 1000}\n")
    report = load_exhibit(load_config(project))
    assert any(
        str(p).startswith("zones/forest.yaml:6: title.en: text of 6,999 characters") for p in report.errors
    )


class CountingFont:
    """A font that counts the letters it is asked to measure."""

    def __init__(self, font):
        self.font, self.letters, self.calls = font, 0, 0

    def size(self, value):
        self.calls += 1
        self.letters += len(value)
        return self.font.size(value)

    def metrics(self, value):
        self.calls += 1
        self.letters += len(value)
        return self.font.metrics(value)

    def get_height(self):
        return self.font.get_height()

    def render(self, *args):
        return self.font.render(*args)


def measured(length, layout):
    pygame.font.init()
    font = CountingFont(pygame.font.Font(shipped_font(text.REGULAR), 31))
    result = layout(font, "W" * length)
    return font, result


def test_breaking_a_long_word_is_linear_in_its_length():
    small, rows_small = measured(10_000, lambda f, t: text.wrap(f, t, 800))
    big, rows_big = measured(100_000, lambda f, t: text.wrap(f, t, 800))
    assert "".join(rows_big) == "W" * 100_000
    assert all(small.font.size(row)[0] <= 800 for row in rows_big[:50])
    assert len(rows_big) >= 9 * len(rows_small)
    # Ten times the word, about ten times the work (the old cut was cubic: 1000x and more).
    assert big.letters <= 12 * small.letters
    assert big.calls <= 12 * small.calls
    assert big.letters <= 6 * 100_000  # each letter measured a handful of times, not per cut


def test_shortening_a_long_title_costs_the_same_at_any_length():
    small, _ = measured(10_000, lambda f, t: text.line(f, t, (0, 0, 0), 800))
    big, surface = measured(100_000, lambda f, t: text.line(f, t, (0, 0, 0), 800))
    assert surface.get_width() <= 800
    assert big.calls == small.calls and big.calls <= 8
    assert big.letters <= 3 * 100_000


def test_a_long_title_in_two_lines_with_an_ellipsis_is_linear():
    def two_lines(font, value):
        return text.render(font, value, (0, 0, 0), 800, max_lines=2)

    small, _ = measured(10_000, two_lines)
    big, surface = measured(100_000, two_lines)
    assert surface.get_height() < 200
    assert big.letters <= 12 * small.letters


# -- pictures over the memory budget -------------------------------------------------------------


def test_a_page_whose_pictures_add_up_past_the_budget_is_refused(project, capsys):
    project.write_text(
        project.read_text().replace("media_page_max_pixels: 64000000", "media_page_max_pixels: 10000000")
    )
    for name in ("clean-coal", "gasification", "biomass"):  # each 6 MP: alone they pass
        Image.new("RGB", (3000, 2000), "gray").save(project.parent / f"media/images/technologies-{name}.png")
    code, out = validate(project, capsys)
    assert code == 1
    assert (
        "zones/technologies.yaml:122: pages.3.blocks.0: the page's pictures add up to 18,000,000 pixels, "
        "more than media_page_max_pixels (10,000,000): about 68 MB decoded" in out
    )
    assert out.count("media_page_max_pixels") == 1  # the pages of one picture each pass
    report = load_exhibit(load_config(project))
    assert "technologies" not in [zone.id for zone in report.exhibit.zones]


# -- damaged pictures (the covers are decoded once, by the check, and handed on) -----------------


def cover(project, zone="forest"):
    text = zone_file(project, zone).read_text()
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.startswith("cover:"))
    ref = text.splitlines()[line - 1].split(":", 1)[1].strip()
    return project.parent / "media" / ref, line


def starts_and_draws(project):
    """The kiosk built on what loaded, and its first frame drawn: the zones it shows."""
    config = load_config(project)
    app = KioskApp(config, load_exhibit(config).exhibit, (1280, 720), VirtualClock(1_504_771_200.0))
    assert app.draw(pygame.Surface((1280, 720))) and app.faults.total == 0
    return [zone.id for zone in app.exhibit.zones]


def test_a_cover_damaged_inside_is_refused_with_its_line_and_the_kiosk_starts(project, capsys, display):
    path, line = cover(project)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(b ^ 0x5A for b in data[middle : middle + 64])  # header intact
    path.write_bytes(bytes(data))
    code, out = validate(project, capsys)
    assert code == 1
    assert f"zones/forest.yaml:{line}: cover: image is damaged or truncated" in out
    assert "forest" not in starts_and_draws(project)


def test_a_picture_whose_reader_fails_unforeseen_is_refused_not_a_crash(
    project, capsys, display, monkeypatch
):
    path, line = cover(project)
    exif = Image.Exif()
    exif[0x0112] = 6  # turned: the EXIF step runs
    Image.new("RGB", (1200, 800), "green").save(path, "JPEG", exif=exif.tobytes())

    def trips(image):
        raise TypeError("unforeseen")

    monkeypatch.setattr("kiosk.content.media.ImageOps.exif_transpose", trips)
    code, out = validate(project, capsys)
    assert code == 1
    assert f"zones/forest.yaml:{line}: cover: image is damaged (TypeError) (export the file again)" in out
    assert "forest" not in starts_and_draws(project)


def test_a_turned_phone_photo_as_cover_is_shown_upright(project, display):
    path, _ = cover(project)
    exif = Image.Exif()
    exif[0x0112] = 6  # taken sideways: shown turned a quarter
    Image.new("RGB", (300, 200), "green").save(path, "JPEG", exif=exif.tobytes())
    config = load_config(project)
    report = load_exhibit(config)
    ref = report.exhibit.zone("forest").cover
    app = KioskApp(config, report.exhibit, (1280, 720), VirtualClock(1_504_771_200.0))
    assert app.images._source(ref).size == (200, 300)


# -- settings -------------------------------------------------------------------------------------


def test_an_idle_warning_as_long_as_the_timeout_is_a_config_error(project, capsys):
    project.write_text(project.read_text().replace("idle_warning_s: 10", "idle_warning_s: 60"))
    with pytest.raises(ConfigError) as caught:
        load_config(project)
    assert str(caught.value.problems[0]).startswith(
        f"{project}:9: idle_warning_s: idle_warning_s (60) must be shorter than idle_timeout_s (60)"
    )
    code, out = validate(project, capsys)
    assert code == 1 and "must be shorter than idle_timeout_s" in out


def test_a_short_timeout_against_the_default_warning_points_at_the_timeout(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("kiosk_id: hall\nidle_timeout_s: 10\n")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert ":2: idle_timeout_s: idle_warning_s (10) must be shorter than idle_timeout_s (10)" in str(
        caught.value.problems[0]
    )


@pytest.mark.parametrize(
    ("store", "said"),
    [
        ("/dev/null", "'/dev/null' is not a regular file"),
        ("zones", "'zones' is a folder"),
        ("", "'' is a folder"),
        ("config.yaml/visitors.db", "is not a folder, so 'config.yaml/visitors.db' cannot be made in it"),
    ],
)
def test_a_store_path_that_is_not_a_file_is_a_config_error(project, capsys, store, said):
    project.write_text(project.read_text().replace("store_path: data/visitors.db", f'store_path: "{store}"'))
    with pytest.raises(ConfigError) as caught:
        load_config(project)
    assert str(caught.value.problems[0]).startswith(f"{project}:12: store_path: ")
    assert said in str(caught.value.problems[0])
    code, out = validate(project, capsys)
    assert code == 1
    assert main(["run", "--config", str(project), "--headless", "--replay", str(project)]) == 2
