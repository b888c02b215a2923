"""The translator's workbook: every cell text, so no spreadsheet turns a text into a date.

A CSV carries no types, so LibreOffice and Excel guess them: `6 сентября 2017` becomes
`09/06/17`. In this workbook every cell, the empty translations too, is formatted as text
(`@`) and holds a string (openpyxl would take a string opening with `=` for a formula unless
told it is a string), so what a translator types stays as typed. The id, source and notes
columns are locked and grey (the sheet is protected without a password: it guards against
slips, not people); the header row stays in view.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zipfile import BadZipFile

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils.exceptions import InvalidFileException

from kiosk.content.i18n import Row

WIDTHS = (34, 60, 60, 40)  # characters: id, source, translation, notes
READ_ONLY = PatternFill("solid", fgColor="EDEDED")


def write_workbook(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """`header` and `rows`: id, default-language text, translation, notes."""
    book = Workbook()
    sheet = book.active
    sheet.title = header[2]
    for r, values in enumerate([header, *rows], start=1):
        for c, value in enumerate(values, start=1):
            cell = sheet.cell(r, c, value)
            cell.data_type = "s"  # a string, even one that opens with "="
            cell.number_format = "@"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            editable = c == 3 and r > 1
            cell.protection = Protection(locked=not editable)
            if r == 1:
                cell.font = Font(bold=True)
            elif not editable:
                cell.fill = READ_ONLY
    for c, width in enumerate(WIDTHS, start=1):
        column = sheet.column_dimensions[chr(ord("A") + c - 1)]
        column.width = width
        column.number_format = "@"  # rows a translator adds are text too
    sheet.freeze_panes = "A2"
    sheet.protection.sheet = True
    # Protected, a sheet still lets translators widen columns, fit rows and filter.
    sheet.protection.formatColumns = sheet.protection.formatRows = sheet.protection.autoFilter = False
    sheet.auto_filter.ref = f"A1:D{len(rows) + 1}"
    book.save(path)


def read_workbook(path: Path) -> tuple[list[str], list[Row]]:
    """The header and the rows of the workbook's first sheet; ValueError if it is none."""
    try:
        book = load_workbook(path, read_only=True, data_only=False)
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ValueError(f"not a workbook the kiosk can read ({exc})") from None
    try:
        sheet = book.worksheets[0]
        header, rows = [], []
        for number, cells in enumerate(sheet.iter_rows(max_col=3), start=1):
            values = [_text(cell.value) for cell in cells] + ["", "", ""]
            if number == 1:
                header = values[:3]
                continue
            if not any(values[:3]):
                continue
            made = _made(cells[2]) if len(cells) > 2 else None
            rows.append(Row(number, values[0].strip(), values[1], values[2], made))
        return header, rows
    finally:
        book.close()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    return str(value)


def _made(cell) -> str | None:
    """What the translation cell holds if not text: the spreadsheet's guess, not the typing."""
    if cell.data_type == "f":
        return "a formula"
    if isinstance(cell.value, (datetime, date, time, timedelta)):
        return "a date or time cell, not text"
    if isinstance(cell.value, (int, float)):
        return "a number cell, not text"
    return None
