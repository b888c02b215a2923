"""`kiosk validate` finds what the kiosk would show badly: cut text, missing glyphs, and more."""

from __future__ import annotations

import json

from PIL import Image

from kiosk.cli import main


def validate(project, capsys, *flags):
    code = main(["validate", "--config", str(project), *flags])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def edit(project, name, old, new):
    path = project.parent / "zones" / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_text_too_long_for_its_screen_is_found_with_its_line(project, capsys):
    long_title = "Poznaj bogactwo polskich lasów " * 6
    edit(
        project,
        "forest.yaml",
        "      pl: Poznaj bogactwo polskich lasów\n",
        f"      pl: {long_title.strip()}\n",
    )
    code, out, _ = validate(project, capsys)
    assert code == 1
    line = next(line for line in out.splitlines() if "pages.0.title.pl" in line)
    assert line.startswith("zones/forest.yaml:19: pages.0.title.pl: does not fit on the forest page 1 screen")
    assert line.endswith("(shorten it)")


def test_a_character_the_font_cannot_draw(project, capsys):
    edit(project, "forest.yaml", "  en: Forest\n", "  en: Forest 森\n")
    code, out, _ = validate(project, capsys)
    assert code == 1
    assert "zones/forest.yaml:6: title.en: the kiosk's font cannot draw '森' (U+68EE)" in out


def test_json_output_for_tools(project, capsys):
    edit(project, "forest.yaml", "accent:", "acent:")
    code, out, _ = validate(project, capsys, "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ok"] is False
    error = next(e for e in report["errors"] if e["field"] == "acent")
    assert (
        error["file"] == "zones/forest.yaml"
        and error["line"] == 14
        and error["hint"] == "did you mean `accent`?"
    )
    assert set(report["missing_translations"]["zones/regions.yaml"]) == {"pl", "en", "kk", "ru"}


def test_warnings_pass_unless_strict_and_the_matrix_shows_the_gaps(project, capsys):
    project.write_text(project.read_text().replace("required_languages:", "required_languages: [pl, en]"))
    edit(project, "forest.yaml", "  kk: Орман\n", "")
    edit(project, "regions.yaml", "      kk: ", "      kz: ")
    code, out, err = validate(project, capsys)
    assert code == 0 and "warning" in out
    matrix = out[out.index("missing translations") :].splitlines()
    assert matrix[0].split()[-4:] == ["pl", "en", "kk", "ru"]
    forest = next(row for row in matrix if row.startswith("zones/forest.yaml"))
    assert forest.split()[1:] == ["0", "0", "1", "0"]
    code, _, _ = validate(project, capsys, "--strict")
    assert code == 1


def test_a_quiz_id_used_twice_in_a_zone(project, capsys):
    path = project.parent / "zones" / "poland-kazakhstan.yaml"
    text = path.read_text()
    quiz_page = text[text.index("  - id: forum-quiz") :]
    path.write_text(text + quiz_page.replace("  - id: forum-quiz", "  - id: forum-quiz-again", 1))
    code, out, _ = validate(project, capsys)
    assert code == 1
    assert "quiz id 'forum-agreements' is used twice (first on line 192; ids must differ)" in out


def test_the_shipped_schema_is_the_models_and_every_zone_file_points_to_it():
    from pathlib import Path

    from kiosk.content.schema import SCHEMAS, schema_text

    root = Path(__file__).resolve().parents[2]
    for name, model in SCHEMAS.items():
        assert (root / "schema" / name).read_text() == schema_text(model), "run `kiosk schema`"
    for path in (root / "zones").glob("*.yaml"):
        kind = "pavilion" if path.name == "pavilion.yaml" else "zone"
        first = path.read_text().splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"


def test_snapshot_draws_every_page_in_every_language_with_an_index(project, tmp_path, capsys):
    """In normal and large text, in high contrast, with cards open and quizzes answered."""
    import re

    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit

    project.write_text(project.read_text().replace("orientation: auto", "orientation: portrait"))
    out = tmp_path / "snap"
    assert main(["snapshot", "--config", str(project), "--out", str(out)]) == 0
    exhibit = load_exhibit(load_config(project)).exhibit
    pages = sum(len(zone.pages) for zone in exhibit.zones)
    pictures = sorted(out.rglob("*.png"))
    assert {p.parent.name for p in pictures} == {"1080x1920", "pl", "en", "kk", "ru", "large", "contrast"}
    for language in ("pl", "en", "kk", "ru"):
        folder = out / "1080x1920" / language
        normal, large = sorted(folder.glob("*.png")), sorted((folder / "large").glob("*.png"))
        assert [p.name for p in normal] == [p.name for p in large]  # every screen in both sizes
        tapped = [p.name for p in normal if "-hotspot-" in p.name or "-quiz-" in p.name]
        assert len(normal) == 1 + pages + len(tapped)
        assert any("-hotspot-" in name for name in tapped) and any("-quiz-" in name for name in tapped)
        contrast = {p.name for p in (folder / "contrast").glob("*.png")}
        assert {"home.png", *tapped} <= contrast and len(contrast) < len(normal)
    index = (out / "index.html").read_text()
    linked = set(re.findall(r"src='([^']+)'", index))
    assert {str(p.relative_to(out)) for p in pictures} == linked
    for label in ("Large text", "High contrast", "large text", "open", "answered right", "answered wrong"):
        assert label in index, label
    # An open card and an answer are drawn: the picture differs from the page before the tap.
    with (
        Image.open(folder / "large" / tapped[0]) as after,
        Image.open(folder / "large" / normal[0].name) as home,
    ):
        assert after.size == home.size == (1080, 1920)
    page = re.sub(r"-(hotspot|quiz)-.*", ".png", tapped[0])
    with Image.open(folder / tapped[0]) as after, Image.open(folder / page) as before:
        assert after.tobytes() != before.tobytes()


def test_the_curators_guide_names_every_field():
    from pathlib import Path

    from kiosk.content import model

    guide = (Path(__file__).resolve().parents[2] / "docs" / "content.md").read_text()
    for name in model.field_names():
        assert f"`{name}`" in guide, f"docs/content.md does not explain the field `{name}`"
    for block_type in model.BLOCK_TYPES:
        assert f"`{block_type}`" in guide, f"docs/content.md does not explain the block type `{block_type}`"
