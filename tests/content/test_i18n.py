"""Translation round-trip: a CSV out, filled in a spreadsheet, back into the YAML files."""

from __future__ import annotations

import csv
import io

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content.i18n import entries
from kiosk.content.loader import load_exhibit


def export(project, capsys, language="kk"):
    assert main(["i18n", "export", "--config", str(project), "--lang", language]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufeff")  # standard output too, so `> kk.csv` opens right in Excel
    return list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))


def test_export_lists_every_text_with_the_default_language_beside_it(project, capsys):
    rows = export(project, capsys)
    assert rows[0] == ["id", "pl", "kk"]
    by_id = {row[0]: row for row in rows[1:]}
    assert by_id["forest:title"] == ["forest:title", "Las", "Орман"]
    assert "pavilion:invitation" in by_id
    # Pages are named by id, not position.
    assert any(i.startswith("forest:natural-wealth.") for i in by_id)
    exhibit = load_exhibit(load_config(project)).exhibit
    from kiosk.content.model import texts

    count = sum(1 for model in (exhibit.pavilion, *exhibit.zones) for _ in texts(model))
    assert len(rows) - 1 == count


def test_a_filled_in_csv_goes_back_keeping_comments_and_layout(project, capsys, tmp_path):
    rows = export(project, capsys)
    zones = project.parent / "zones"
    before = {p.name: p.read_text() for p in zones.glob("*.yaml")}
    for row in rows:
        if row[0] == "forest:title":
            row[2] = "Орман!"
        if row[0] == "forest:natural-wealth.blocks.0.text":
            row[2] = "Жаңа мәтін."
    rows.append(["forest:no-such-page.title", "x", "y"])
    sheet = tmp_path / "kk.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:  # as a spreadsheet saves it
        csv.writer(f).writerows(rows)
    assert main(["i18n", "import", "--config", str(project), str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "changed forest:title" in out and "changed forest:natural-wealth.blocks.0.text" in out
    assert "no text has the id forest:no-such-page.title" in out

    after = {p.name: p.read_text() for p in zones.glob("*.yaml")}
    assert {name for name in before if before[name] != after[name]} == {"forest.yaml"}
    old, new = before["forest.yaml"].splitlines(), after["forest.yaml"].splitlines()
    assert new[:2] == old[:2] and new[0].startswith("# yaml-language-server")  # comments kept
    changed = [line for line in new if line not in old]
    assert changed == ["  kk: Орман!", "            Жаңа мәтін."]
    forest = load_exhibit(load_config(project)).exhibit.zone("forest")
    assert forest.title.root["kk"] == "Орман!"
    assert forest.pages[0].blocks[0].text.root["kk"] == "Жаңа мәтін."


def test_a_missing_translation_is_added(project, capsys, tmp_path):
    forest = project.parent / "zones" / "forest.yaml"
    forest.write_text(forest.read_text().replace("  kk: Орман\n", "", 1))
    project.write_text(project.read_text().replace("required_languages:", "required_languages: [pl]"))
    rows = export(project, capsys)
    row = next(r for r in rows if r[0] == "forest:title")
    assert row[2] == ""
    row[2] = "Орман"
    sheet = tmp_path / "kk.csv"
    sheet.write_text("".join(",".join(r) + "\n" for r in [rows[0], row]), encoding="utf-8")
    assert main(["i18n", "import", "--config", str(project), str(sheet)]) == 0
    assert load_exhibit(load_config(project)).exhibit.zone("forest").title.root["kk"] == "Орман"


def test_a_file_that_is_not_a_translation_sheet_is_refused(project, capsys, tmp_path):
    sheet = tmp_path / "other.csv"
    sheet.write_text("name,price\nx,1\n")
    assert main(["i18n", "import", "--config", str(project), str(sheet)]) == 1
    assert "not a translation file" in capsys.readouterr().err


def test_imported_texts_are_read_back_as_written_and_quoted_only_when_yaml_needs_it(
    project, capsys, tmp_path
):
    # YAML 1.2, as the kiosk and editors read it: 10:30 and yes are words, 0012 and true are not.
    # ruamel quotes a date of its own accord (its reader still knows timestamps): harmless.
    values = {
        "10:30": "10:30",
        "yes": "yes",
        "2017-09-07": "'2017-09-07'",
        "0012": '"0012"',
        "true": '"true"',
    }
    rows = export(project, capsys)
    ids = ["forest:title", "forest:summary", "forest:natural-wealth.title", "forest:co2-absorption.title"]
    ids.append("forest:natural-wealth.blocks.1.credit")
    wanted = dict(zip(ids, values))
    sheet = tmp_path / "kk.csv"
    with sheet.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([rows[0], *([r[0], r[1], wanted[r[0]]] for r in rows[1:] if r[0] in wanted)])
    assert main(["i18n", "import", "--config", str(project), str(sheet)]) == 0
    capsys.readouterr()
    forest = (project.parent / "zones" / "forest.yaml").read_text()
    for written in values.values():
        assert f"kk: {written}\n" in forest
    read = {e.id: e.texts["kk"] for e in entries(load_config(project))}
    assert {text_id: read[text_id] for text_id in wanted} == wanted
