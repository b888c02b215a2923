"""Content loading: each class of curator mistake gives its `file:line: field: message`."""

from __future__ import annotations

import os

import pytest
from PIL import Image

from kiosk.config import load_config
from kiosk.content.loader import load_exhibit


def problems(project):
    report = load_exhibit(load_config(project))
    return report, [str(p) for p in report.problems]


def edit(project, name, old, new, count=1):
    path = project.parent / "zones" / name
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, count))
    return text


def line_of(text, needle, start=1):
    return next(i for i, line in enumerate(text.splitlines(), 1) if i >= start and needle in line)


def test_shipped_content_is_clean(project):
    report, found = problems(project)
    assert found == []
    assert [z.id for z in report.exhibit.zones] == [
        "technologies",
        "forest",
        "regions",
        "poland-kazakhstan",
        "national-day",
    ]


def test_a_broken_zone_is_left_out_and_the_rest_still_shows(project):
    edit(project, "forest.yaml", "accent:", "accent: [", 1)
    report, found = problems(project)
    assert any(f.startswith("zones/forest.yaml:") and "YAML syntax" in f for f in found)
    assert "forest" not in [z.id for z in report.exhibit.zones]
    assert len(report.exhibit.zones) == 4


def test_missing_translation_points_at_the_text(project):
    text = edit(project, "forest.yaml", "  ru: Лес\n", "", 1)
    _, found = problems(project)
    title_line = line_of(text, "title:")
    assert f"zones/forest.yaml:{title_line}: title.ru: Field required (add the ru translation)" in found


def test_optional_language_missing_is_a_warning(project):
    config_path = project
    config_path.write_text(config_path.read_text().replace("required_languages:", "required_languages: [pl]"))
    edit(project, "forest.yaml", "  ru: Лес\n", "", 1)
    report, found = problems(project)
    assert report.errors == []
    assert any("title.ru: warning: missing translation" in f for f in found)
    forest = report.exhibit.zone("forest")
    assert forest.title.get("ru", "pl") == "Las"  # falls back to the default language


def test_duplicate_page_ids(project):
    text = (project.parent / "zones" / "forest.yaml").read_text()
    first_id = next(line for line in text.splitlines() if line.startswith("  - id:"))
    second_id = [line for line in text.splitlines() if line.startswith("  - id:")][1]
    edit(project, "forest.yaml", second_id, first_id)
    _, found = problems(project)
    assert any(f"pages.1.id: page id '{first_id.split(': ')[1]}' is used twice" in f for f in found)


def test_a_number_where_text_belongs_gets_a_quoting_hint(project):
    edit(project, "forest.yaml", "  en: Forest\n", "  en: 2017\n", 1)
    _, found = problems(project)
    assert any(
        'title.en: Input should be a valid string (put the text in quotes: "2017")' in f for f in found
    )


def test_id_must_match_the_file_name(project):
    edit(project, "forest.yaml", "id: forest", "id: forrest")
    _, found = problems(project)
    assert (
        "zones/forest.yaml:3: id: id 'forrest' differs from the file name (rename to forrest.yaml or set id: forest)"
        in found
    )


def test_zone_order_names_missing_and_unlisted_zones(project):
    pavilion = edit(project, "pavilion.yaml", "  - forest\n", "  - forests\n")
    _, found = problems(project)
    line = line_of(pavilion, "  - forest")
    assert (
        f"zones/pavilion.yaml:{line}: zones.1: no file zones/forests.yaml (create it or remove the zone from this list)"
        in found
    )
    assert any("zone 'forest' is not listed, so not shown" in f and "warning" in f for f in found)


def cover_of(project, zone="forest"):
    text = (project.parent / "zones" / f"{zone}.yaml").read_text()
    ref = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("cover:"))
    return ref, project.parent / "media" / ref, line_of(text, "cover:")


def test_an_image_with_too_many_pixels_is_refused_without_decoding(project):
    _, path, line = cover_of(project)
    Image.new("1", (9000, 9000)).save(path, "PNG")  # small file, 81 million pixels
    _, found = problems(project)
    assert (
        f"zones/forest.yaml:{line}: cover: image is 9000x9000 pixels, more than 40,000,000 (scale it down: a kiosk screen needs at most 3840x2160)"
        in found
    )


def test_a_file_that_is_not_an_image(project):
    _, path, line = cover_of(project)
    path.write_text("this is not a picture")
    _, found = problems(project)
    assert any(f.startswith(f"zones/forest.yaml:{line}: cover: not an image") for f in found)


def test_a_phone_jpeg_saved_as_mpo_is_accepted(project):
    _, path, _ = cover_of(project)
    left, right = Image.new("RGB", (120, 80), "green"), Image.new("RGB", (120, 80), "blue")
    left.save(path, "MPO", save_all=True, append_images=[right])  # as a phone camera writes it
    assert Image.open(path).format == "MPO"
    report, found = problems(project)
    assert found == []


@pytest.mark.parametrize("ref", ["/etc/passwd", "../config.yaml", "images/../../config.yaml"])
def test_paths_that_leave_media_are_refused(project, ref):
    old, _, line = cover_of(project)
    edit(project, "forest.yaml", f"cover: {old}", f"cover: {ref}")
    _, found = problems(project)
    assert any(
        f.startswith(f"zones/forest.yaml:{line}: cover: ") and ("leaves" in f or "not a relative" in f)
        for f in found
    ), found


def test_a_link_pointing_out_of_media_is_refused(project, tmp_path):
    old, _, line = cover_of(project)
    outside = tmp_path / "outside.png"
    Image.new("RGB", (10, 10)).save(outside)
    os.symlink(outside, project.parent / "media" / "images" / "sneaky.png")
    edit(project, "forest.yaml", f"cover: {old}", "cover: images/sneaky.png")
    _, found = problems(project)
    assert any(
        f.startswith(f"zones/forest.yaml:{line}: cover: ") and "outside the media folder" in f for f in found
    )


def test_a_missing_pavilion_file(project):
    (project.parent / "zones" / "pavilion.yaml").unlink()
    report, found = problems(project)
    assert report.exhibit is None
    assert "zones/pavilion.yaml:1: (file): file not found" in found


def test_words_for_patterns_and_a_colour_lost_to_a_comment(project):
    edit(project, "forest.yaml", "id: forest", "id: Forest Zone")
    edit(project, "regions.yaml", 'accent: "#', "accent: #")  # unquoted: YAML reads a comment
    edit(project, "technologies.yaml", "  pl: ", "  PL: ")
    _, found = problems(project)
    assert any(
        "zones/forest.yaml:3: id: not a valid id (use lowercase letters, digits and dashes" in f
        for f in found
    )
    assert any(
        f.startswith("zones/regions.yaml:") and "accent: empty value" in f and "# starts a comment" in f
        for f in found
    )
    assert any(".PL: not a language code" in f for f in found)


def test_a_zone_colour_too_light_for_white_text(project):
    text = (project.parent / "zones" / "forest.yaml").read_text()
    old = next(line for line in text.splitlines() if line.startswith("accent:"))
    edit(project, "forest.yaml", old, 'accent: "#F0E68C"')
    _, found = problems(project)
    assert any(f.startswith("zones/forest.yaml:") and "accent: too light" in f for f in found)


def test_a_yml_file_is_named_not_silently_ignored(project):
    (project.parent / "zones" / "energy.yml").write_text("id: energy\n")
    _, found = problems(project)
    assert (
        "zones/energy.yml:1: (file): warning: not read: only .yaml files are (rename it to energy.yaml)"
        in found
    )


def test_the_picture_size_cap_is_a_setting(project):
    project.write_text(project.read_text().replace("media_max_pixels: 40000000", "media_max_pixels: 1000000"))
    _, path, line = cover_of(project)
    Image.new("RGB", (1500, 1000)).save(path)
    _, found = problems(project)
    assert any(
        f.startswith(f"zones/forest.yaml:{line}: cover: image is 1500x1000 pixels, more than 1,000,000")
        for f in found
    )


def test_validate_on_a_broken_config_exits_1_with_its_line(project, capsys):
    from kiosk.cli import main

    project.write_text("languages: pl\n")
    assert main(["validate", "--config", str(project)]) == 1
    assert "config.yaml:1: languages: Input should be a valid list" in capsys.readouterr().out
