"""A translator's CSV as the spreadsheet saved it: encoding and separator found, rows out.

Excel on Polish or Russian Windows saves "CSV" with `;` between cells (the comma is their
decimal mark) in the Windows code page: cp1250 or cp1251. Which one is told from the texts
themselves: the file's cells are compared with the zone files' texts as that encoding would
have kept them, and only an encoding under which some non-ASCII cells match is taken.
Anything else is refused with what to do, never with a codec's complaint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.config import Config
from kiosk.content.i18n import Row, entries, read_csv_rows

LEGACY = {
    "cp1250": "Windows Central European, as Excel on Polish Windows saves CSV",
    "cp1251": "Windows Cyrillic, as Excel on Russian Windows saves CSV",
}
SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}
SAVE_AS = (
    'save it as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8; LibreOffice: Save As > Text CSV, '
    "character set Unicode (UTF-8)), or use the .xlsx export"
)


@dataclass
class CsvSheet:
    header: list[str]
    rows: list[Row]
    lossy: str | None  # the legacy encoding it came in, if not UTF-8
    recognised: str | None  # what was recognised, worded for the translator
    separator: str = ","


def read_csv(config: Config, data: bytes) -> CsvSheet:
    """The file's rows; ValueError, saying what to do, if its encoding cannot be told."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _parse(data[3:].decode("utf-8", errors="replace"), None)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text": UTF-16, tabs
        return _parse(data.decode("utf-16"), None, "UTF-16 (Unicode Text)")
    try:
        return _parse(data.decode("utf-8"), None)
    except UnicodeDecodeError:
        pass
    scores = {}
    for encoding in LEGACY:
        try:
            sheet = _parse(data.decode(encoding), encoding)
        except (UnicodeDecodeError, ValueError):
            continue
        scores[encoding] = (_matches(config, sheet, encoding), sheet)
    ranked = sorted(scores.items(), key=lambda item: -item[1][0])
    if ranked and ranked[0][1][0] > 0 and (len(ranked) == 1 or ranked[0][1][0] > ranked[1][1][0]):
        encoding, (matched, sheet) = ranked[0]
        sheet.recognised = (
            f"read as {encoding} ({LEGACY[encoding]}; {matched} non-ASCII texts matched the zone files)"
            + (f", cells separated by {SEPARATORS[sheet.separator]}" if sheet.separator != "," else "")
            + '; next time save it as "CSV UTF-8"'
        )
        return sheet
    raise ValueError(
        "not UTF-8, and not clearly Windows Central European (cp1250) or Cyrillic (cp1251) either: "
        + SAVE_AS
        + ", and import again"
    )


def _parse(text: str, lossy: str | None, named: str | None = None) -> CsvSheet:
    first = text.split("\n", 1)[0]
    found = re.match(r'\s*"?id"?\s*([,;\t])', first)
    separator = found.group(1) if found else ","
    rows, starts = read_csv_rows(text, separator)
    header = rows[0] if rows else []
    found_rows = [Row(start, *(row + ["", ""])[:3]) for row, start in zip(rows[1:], starts[1:]) if row]
    said = []
    if named:
        said.append(f"read as {named}")
    if separator != ",":
        said.append(f"cells separated by {SEPARATORS[separator]}")
    return CsvSheet(header, found_rows, lossy, ", ".join(said) or None, separator)


def _matches(config: Config, sheet: CsvSheet, encoding: str) -> int:
    """How many of the file's non-ASCII cells are the zone files' texts as `encoding` keeps them."""
    if len(sheet.header) < 3:
        return 0
    language, default = sheet.header[2].strip(), config.default_language
    known = {entry.id: entry.texts for entry in entries(config)}
    matched = 0
    for row in sheet.rows:
        texts = known.get(row.id, {})
        for given, current in ((row.source, texts.get(default)), (row.value, texts.get(language))):
            if current and not given.isascii():
                kept = current.encode(encoding, errors="replace").decode(encoding)
                matched += given.strip() == kept.strip()
    return matched
