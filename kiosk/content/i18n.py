"""Translation round-trip: texts out to translators (CSV or a workbook), and back into the YAML files.

A text's id names its file and its place, pages by their id (`forest:natural-wealth.title`),
so rows still find their text after pages are reordered. Import edits the files with
ruamel.yaml's round-trip mode: comments, key order and block styles stay as curators wrote.
Import checks every cell as the loader checks a text (control characters, hostile lengths),
every changed text's source against the zone file's (a stale export), and every file as the
loader reads it: one bad cell refuses the whole import, nothing written. Readers of the file
formats (`i18n_csv`, `i18n_xlsx`) hand over rows; this module decides what changes.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, LiteralScalarString

from kiosk.config import Config
from kiosk.content.model import FILES_BY_LANGUAGE, text_problem
from kiosk.content.rewritten import looks_rewritten, lost_letter
from kiosk.yamldoc import Problem, read_yaml, reads_as_text


class ImportRefused(ValueError):
    """The translator's file or a zone file holds what the kiosk could not show, or a stale
    export; `problems` says where."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    id: str
    file: Path
    path: tuple  # keys and indexes down to the language mapping
    texts: dict


def _yaml() -> YAML:
    yaml = YAML()  # round-trip
    yaml.width = 4096  # never re-wrap lines nobody touched
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def entries(config: Config) -> list[Entry]:
    """Every visitor-facing text in the content files, in file order."""
    found, refused = [], []
    for file in sorted(config.zones_path.glob("*.yaml")):
        # Our own reader first: it refuses what ruamel would choke on (nesting, NULs) in words.
        doc, problems = read_yaml(file, f"{config.zones_dir}/{file.name}")
        if doc is None:
            refused += [p for p in problems if p.severity == "error"]
            continue
        data = _yaml().load(file.read_text(encoding="utf-8"))
        found += list(_walk(data, (), file, [file.stem]))
    if refused:
        raise ImportRefused(refused)
    return found


def _walk(node, path: tuple, file: Path, label: list[str]):
    if isinstance(node, dict):
        if _is_text(node):
            yield Entry(f"{label[0]}:{'.'.join(label[1:])}", file, path, dict(node))
            return
        for key, value in node.items():
            if key not in FILES_BY_LANGUAGE:  # captions: a file per language, no words to translate
                yield from _walk(value, (*path, key), file, [*label, str(key)])
    elif isinstance(node, list):
        for i, item in enumerate(node):
            # Pages are named by their id, so a reordered file still matches its rows.
            name = item.get("id") if isinstance(item, dict) and path[-1:] == ("pages",) else None
            parts = [*label[:-1], str(name)] if name else [*label, str(i)]
            yield from _walk(item, (*path, i), file, parts)


def _is_text(node: dict) -> bool:
    """A mapping of language codes to strings (the shape of every visitor-facing text)."""
    return (
        bool(node)
        and all(isinstance(k, str) and 2 <= len(k) <= 3 and k.isalpha() and k.islower() for k in node)
        and all(isinstance(v, str) for v in node.values())
    )


def export_csv(config: Config, language: str) -> str:
    """id, the default language's text, the current translation (empty where missing)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    default = config.default_language
    writer.writerow(["id", default, language])
    for entry in entries(config):
        writer.writerow([entry.id, entry.texts.get(default, ""), entry.texts.get(language, "")])
    return out.getvalue()


@dataclass(frozen=True)
class Row:
    """One text as a translator's file gives it back."""

    line: int  # where it starts: the CSV line, the workbook row
    id: str
    source: str  # the default-language text the translator saw
    value: str
    made: str | None = None  # what a spreadsheet made of the cell instead of text ("a formula")


@dataclass
class ImportResult:
    changed: list[str]
    unknown: list[str]  # ids in the file that no text has (renamed or removed since export)
    files: list[Path]
    warnings: list[Problem] = field(default_factory=list)


def import_csv(config: Config, csv_text: str, name: str = "translations.csv") -> ImportResult:
    """Write a CSV's translations into the zone files (see `import_rows`)."""
    rows, starts = read_csv_rows(csv_text.lstrip("\ufeff"))
    header = rows[0] if rows else []
    found = [Row(start, *(row + ["", ""])[:3]) for row, start in zip(rows[1:], starts[1:]) if row]
    return import_rows(config, header, found, name)


def import_rows(
    config: Config, header: list[str], rows: list[Row], name: str, lossy: str | None = None
) -> ImportResult:
    """Write the rows' translations into the zone files; ImportRefused (nothing written) if a
    cell or a file could not be shown, or a changed text's source is no longer the zone's
    (a stale export); ValueError if it is not a translation file at all. `lossy`: the
    legacy encoding the file came in, whose missing letters read as '?'."""
    if len(header) < 3 or header[0].strip() != "id":
        raise ValueError("not a translation file: the first row must be id, <default language>, <language>")
    language = header[2].strip()
    if language not in config.languages:
        raise ValueError(f"'{language}' is not one of the kiosk's languages ({', '.join(config.languages)})")
    default = config.default_language
    known = {entry.id: entry for entry in entries(config)}
    wanted = {row.id: row for row in rows if row.value.strip()}
    refused, warnings, changes = [], [], []
    for row in wanted.values():
        field_name = f"{row.id} ({language})"
        if why := text_problem(row.value):
            refused.append(Problem(name, row.line, field_name, why, "fix the cell and import again"))
        entry = known.get(row.id)
        if entry is None or _same(row.value, entry.texts.get(language, ""), lossy):
            continue
        if lossy and (word := lost_letter(row.value)):
            refused.append(
                Problem(
                    name,
                    row.line,
                    field_name,
                    f"'{word}': a letter {lossy} cannot hold was saved as '?'",
                    'save the file as "CSV UTF-8" and import again',
                )
            )
        source = entry.texts.get(default, "")
        if not _same(row.source, source, lossy):
            refused.append(
                Problem(
                    name,
                    row.line,
                    row.id,
                    f"the {default} text is not the one translated: the file has {row.source!r}, "
                    f"the zone file now has {source!r}",
                    "the text changed since the export, or a spreadsheet rewrote the cell: "
                    "export again and carry the translation over",
                )
            )
        if why := row.made or looks_rewritten(source, row.value):
            warnings.append(
                Problem(
                    name,
                    row.line,
                    field_name,
                    f"{row.value!r} looks rewritten by a spreadsheet ({why}); "
                    f"the {default} text is {source!r}",
                    "imported as it is: check it, and use the .xlsx export next time",
                    "warning",
                )
            )
        changes.append((entry, row.value.replace("\r\n", "\n")))
    if refused:
        raise ImportRefused(refused)
    result = ImportResult([], [i for i in wanted if i not in known], [], warnings)
    by_file: dict[Path, list[tuple[Entry, str]]] = {}
    for entry, value in changes:
        by_file.setdefault(entry.file, []).append((entry, value))
    for file, edits in by_file.items():
        editor = _yaml()  # round-trip mode builds plain data and comments, never Python objects
        data = editor.load(file.read_text(encoding="utf-8"))
        for entry, value in edits:
            texts = data
            for key in entry.path:
                texts = texts[key]
            texts[language] = _styled(value, texts)
            result.changed.append(entry.id)
        out = io.StringIO()
        editor.dump(data, out)
        file.write_text(out.getvalue(), encoding="utf-8")
        result.files.append(file)
    return result


def _same(given: str, current: str, lossy: str | None) -> bool:
    """The same text, but for what spreadsheets and legacy encodings do to it: line ends,
    spaces at the ends of lines, letters the encoding lacks."""

    def plain(text: str) -> str:
        return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))

    if lossy:
        current = current.encode(lossy, errors="replace").decode(lossy)
    return plain(given) == plain(current)


def read_csv_rows(csv_text: str, delimiter: str = ",") -> tuple[list[list[str]], list[int]]:
    """The rows, and the line each starts on (a cell may span lines)."""
    reader = csv.reader(io.StringIO(csv_text), delimiter=delimiter)
    rows, starts = [], []
    try:
        while True:
            start = reader.line_num + 1
            try:
                rows.append(next(reader))
            except StopIteration:
                break
            starts.append(start)
    except csv.Error as exc:
        raise ValueError(f"line {reader.line_num}: not readable as CSV ({exc})") from None
    return rows, starts


def _styled(value: str, siblings: dict):
    """A new translation takes the block style its neighbours use (folded `>-`, literal `|`);
    one the kiosk would read as something else (`0012` is a number, `true` a boolean) is
    quoted. ruamel quotes those itself; asking the kiosk's own reader keeps it so."""
    if "\n" not in value and not reads_as_text(value):
        return DoubleQuotedScalarString(value)
    for other in siblings.values():
        if isinstance(other, (FoldedScalarString, LiteralScalarString)):
            return type(other)(value)
    return value
