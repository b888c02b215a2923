"""Translations through real spreadsheets: the .xlsx workbook, Windows CSVs, LibreOffice."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime

import openpyxl
import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content.i18n import Row, entries, import_rows

# What spreadsheets rewrite when they guess a cell's type (the Russian texts of six places).
TRICKY = {
    "forest:title": "6 сентября 2017",
    "forest:summary": "10:30",
    "technologies:title": "0012",
    "regions:title": "1/2",
    "pavilion:title": "50%",
    "national-day:summary": "=1+1",
}


@pytest.fixture
def site(project):
    """The sample site, its Russian texts for TRICKY set as a curator would have them."""
    config = load_config(project)
    known = {entry.id: entry for entry in entries(config)}
    rows = [Row(n, i, known[i].texts["pl"], value) for n, (i, value) in enumerate(TRICKY.items(), 2)]
    import_rows(config, ["id", "pl", "ru"], rows, "setup")
    return project


def zone_texts(project):
    return {p.name: p.read_text(encoding="utf-8") for p in (project.parent / "zones").glob("*.yaml")}


def export_xlsx(project, path, language="ru"):
    assert main(["i18n", "export", "--config", str(project), "--lang", language, "--out", str(path)]) == 0
    return path


def import_file(project, path, capsys):
    code = main(["i18n", "import", "--config", str(project), str(path)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_workbook_holds_only_text_cells_with_notes_on_length(site, tmp_path, capsys):
    path = export_xlsx(site, tmp_path / "ru.xlsx")
    sheet = openpyxl.load_workbook(path).active
    assert [c.value for c in sheet[1]] == ["id", "pl", "ru", "notes"]
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert len(rows) == len(entries(load_config(site)))
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.number_format == "@", cell.coordinate
            assert cell.data_type == "s" or cell.value is None, cell.coordinate  # None: an empty text
    for text_id, value in TRICKY.items():
        assert rows[text_id][2].value == value
    # "=1+1" is a string in the file itself, not a formula openpyxl would have written.
    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "=1+1" in xml
    # Translators edit column C only; the header stays in view.
    assert sheet.protection.sheet and sheet.freeze_panes == "A2"
    assert rows["forest:title"][2].protection.locked is False
    assert rows["forest:title"][0].protection.locked and rows["forest:title"][1].protection.locked
    assert rows["forest:title"][2].alignment.wrap_text
    # Notes say the kind of text and the room its box has, measured on the kiosk's screens.
    assert rows["forest:natural-wealth.title"][3].value.startswith(
        "page title · pl 30 characters · fits about"
    )
    assert "any length" in rows["forest:natural-wealth.blocks.0.text"][3].value
    assert "not measured" in rows["pavilion:invitation"][3].value


def test_one_edited_cell_is_imported_as_exactly_one_change(site, tmp_path, capsys):
    path = export_xlsx(site, tmp_path / "ru.xlsx")
    before = zone_texts(site)
    book = openpyxl.load_workbook(path)
    sheet = book.active
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "forest:natural-wealth.title")
    row[2].value = "Богатство лесов Польши"
    book.save(path)

    code, out, err = import_file(site, path, capsys)
    assert code == 0, out + err
    assert out.splitlines() == ["changed forest:natural-wealth.title"]
    after = zone_texts(site)
    assert [name for name in before if before[name] != after[name]] == ["forest.yaml"]
    old, new = before["forest.yaml"].splitlines(), after["forest.yaml"].splitlines()
    assert [line for line in new if line not in old] == ["      ru: Богатство лесов Польши"]
    assert len(old) == len(new) and new[0].startswith("# yaml-language-server")  # comments kept
    assert '"6 сентября 2017"' in after["forest.yaml"] or "6 сентября 2017" in after["forest.yaml"]


def test_a_stale_export_is_refused_naming_both_texts(site, tmp_path, capsys):
    path = export_xlsx(site, tmp_path / "ru.xlsx")
    forest = site.parent / "zones" / "forest.yaml"
    forest.write_text(forest.read_text().replace("  pl: Las\n", "  pl: Las i bór\n", 1))
    before = zone_texts(site)
    book = openpyxl.load_workbook(path)
    row = next(r for r in book.active.iter_rows(min_row=2) if r[0].value == "forest:title")
    row[2].value = "Лес"
    book.save(path)

    code, out, err = import_file(site, path, capsys)
    assert code == 1
    assert "forest:title: the pl text is not the one translated: the file has 'Las', " in out
    assert "the zone file now has 'Las i bór'" in out
    assert "nothing imported" in err
    assert zone_texts(site) == before


def test_a_cell_a_spreadsheet_turned_into_a_date_is_named(site, tmp_path, capsys):
    path = export_xlsx(site, tmp_path / "ru.xlsx")
    book = openpyxl.load_workbook(path)
    row = next(r for r in book.active.iter_rows(min_row=2) if r[0].value == "forest:title")
    row[2].value = datetime(2017, 9, 6)  # what "6/9/2017" becomes in a cell not formatted as text
    book.save(path)
    code, out, _ = import_file(site, path, capsys)
    assert code == 0
    assert "changed forest:title" in out
    assert (
        "forest:title (ru): warning: '2017-09-06' looks rewritten by a spreadsheet (a date or time cell"
        in out
    )


def exported_csv(project, capsys, language):
    assert main(["i18n", "export", "--config", str(project), "--lang", language]) == 0
    text = capsys.readouterr().out
    assert text.startswith("\ufeff")  # always with the mark, so spreadsheets read UTF-8
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def as_excel_saves(rows, encoding, edit):
    for row in rows:
        if row[0] in edit:
            row[2] = edit[row[0]]
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding, errors="replace")  # Excel writes '?' for what it lacks


def test_a_semicolon_cp1251_csv_from_russian_excel_is_read(site, tmp_path, capsys):
    rows = exported_csv(site, capsys, "ru")
    sheet = tmp_path / "ru.csv"
    sheet.write_bytes(as_excel_saves(rows, "cp1251", {"forest:natural-wealth.title": "Богатство лесов"}))
    before = zone_texts(site)
    code, out, err = import_file(site, sheet, capsys)
    assert code == 0, out + err
    assert "read as cp1251 (Windows Cyrillic" in err and "cells separated by semicolons" in err
    assert "codec" not in err
    # The Polish column lost its ą, ł, ó to '?', but that is not taken for a stale export.
    assert out.splitlines() == ["changed forest:natural-wealth.title"]
    after = zone_texts(site)
    assert [name for name in before if before[name] != after[name]] == ["forest.yaml"]


def test_a_cp1250_csv_from_polish_excel_is_read(site, tmp_path, capsys):
    rows = exported_csv(site, capsys, "en")
    sheet = tmp_path / "en.csv"
    sheet.write_bytes(as_excel_saves(rows, "cp1250", {"forest:title": "Forests"}))
    code, out, err = import_file(site, sheet, capsys)
    assert code == 0, out + err
    assert "read as cp1250 (Windows Central European" in err
    assert out.splitlines() == ["changed forest:title"]


def test_letters_a_code_page_lost_are_refused(project, tmp_path, capsys):
    rows = exported_csv(project, capsys, "kk")
    sheet = tmp_path / "kk.csv"
    sheet.write_bytes(as_excel_saves(rows, "cp1251", {"forest:title": "Қарағай орманы"}))
    before = zone_texts(project)
    code, out, err = import_file(project, sheet, capsys)
    assert code == 1
    assert "forest:title (kk): '?ара?ай': a letter cp1251 cannot hold was saved as '?'" in out
    assert 'save the file as "CSV UTF-8"' in out
    assert zone_texts(project) == before


def test_a_csv_of_no_encoding_the_kiosk_can_tell_is_refused_saying_what_to_do(project, tmp_path, capsys):
    sheet = tmp_path / "kk.csv"
    sheet.write_bytes(b"id;pl;kk\r\nforest:title;Las;\xcb\xcc\xcd\r\n")
    code, _, err = import_file(project, sheet, capsys)
    assert code == 1
    assert 'save it as "CSV UTF-8"' in err and "codec" not in err


def test_values_that_look_rewritten_by_a_spreadsheet_are_warned(project, tmp_path, capsys):
    sheet = tmp_path / "ru.csv"
    sheet.write_text(
        "id,pl,ru\n"
        "national-day:title,Narodowy Dzień Polski,09/06/17\n"
        "forest:title,Las,=A1+1\n"
        "forest:natural-wealth.title,Poznaj bogactwo polskich lasów,Откройте богатство лесов\n",
        encoding="utf-8",
    )
    code, out, _ = import_file(project, sheet, capsys)
    assert code == 0
    assert (
        "national-day:title (ru): warning: '09/06/17' looks rewritten by a spreadsheet (a date where" in out
    )
    assert "forest:title (ru): warning: '=A1+1' looks rewritten by a spreadsheet (a formula)" in out
    assert "forest:natural-wealth.title (ru): warning" not in out


def test_a_broken_pipe_ends_quietly(project):
    read, write = os.pipe()
    os.close(read)  # the reader, as `head`, has gone
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "i18n", "export", "--config", str(project), "--lang", "kk"],
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    os.close(write)
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert done.returncode == 141


# -- LibreOffice, where it is installed ------------------------------------------------------------

SOFFICE = shutil.which("soffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc"
)


def libreoffice_saves(path, fmt, tmp_path):
    """Open the file in LibreOffice and save it again as `fmt`, as a translator would."""
    out = tmp_path / "saved"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",  # its own, for parallel runs
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / path.with_suffix("." + fmt.split(":")[0]).name


@needs_soffice
def test_a_russian_workbook_saved_by_libreoffice_keeps_its_dates_as_written(site, tmp_path, capsys):
    saved = libreoffice_saves(export_xlsx(site, tmp_path / "ru.xlsx"), "xlsx", tmp_path)
    before = zone_texts(site)
    sheet = openpyxl.load_workbook(saved).active
    cells = {row[0].value: row[2].value for row in sheet.iter_rows(min_row=2)}
    assert {i: cells[i] for i in TRICKY} == TRICKY
    code, out, err = import_file(site, saved, capsys)
    assert code == 0, out + err
    assert out == "" and zone_texts(site) == before

    book = openpyxl.load_workbook(saved)
    row = next(r for r in book.active.iter_rows(min_row=2) if r[0].value == "national-day:title")
    row[2].value = "7 сентября 2017 года: День Польши"
    book.save(saved)
    code, out, _ = import_file(site, saved, capsys)
    assert code == 0 and out.splitlines() == ["changed national-day:title"]


@needs_soffice
def test_a_csv_saved_by_libreoffice_is_not_rewritten_silently(site, tmp_path, capsys):
    path = tmp_path / "ru.csv"
    assert main(["i18n", "export", "--config", str(site), "--lang", "ru", "--out", str(path)]) == 0
    saved = libreoffice_saves(path, "csv", tmp_path)
    code, out, err = import_file(site, saved, capsys)
    # LibreOffice turns "=1+1" into 2 and "0012" into 12: whatever it changed is named.
    changed = [line.removeprefix("changed ") for line in out.splitlines() if line.startswith("changed ")]
    warned = [line for line in out.splitlines() if "looks rewritten by a spreadsheet" in line]
    assert code == 0, out + err
    assert changed and len(warned) == len(changed)


def test_a_file_that_is_no_workbook_is_refused_in_one_line(project, tmp_path, capsys):
    sheet = tmp_path / "ru.xlsx"
    sheet.write_text("id,pl,ru\n")  # a CSV renamed
    code, _, err = import_file(project, sheet, capsys)
    assert code == 1 and err.strip().endswith("not a workbook the kiosk can read (File is not a zip file)")
