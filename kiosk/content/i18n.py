"""Translation round-trip: texts out to a CSV for translators, and back into the YAML files.

A text's id names its file and its place, pages by their id (`forest:natural-wealth.title`),
so rows still find their text after pages are reordered. Import edits the files with
ruamel.yaml's round-trip mode: comments, key order and block styles stay as curators wrote.
Import checks every cell as the loader checks a text (control characters, hostile lengths)
and every file as the loader reads it: one bad cell refuses the whole import, nothing written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from kiosk.config import Config
from kiosk.content.model import text_problem
from kiosk.yamldoc import Problem, read_yaml


class ImportRefused(ValueError):
    """The CSV or a zone file holds what the kiosk could not show; `problems` says where."""

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


@dataclass
class ImportResult:
    changed: list[str]
    unknown: list[str]  # ids in the CSV that no text has (renamed or removed since export)
    files: list[Path]


def import_csv(config: Config, csv_text: str, name: str = "translations.csv") -> ImportResult:
    """Write the CSV's translations into the zone files; ImportRefused (nothing written) if a
    cell or a file could not be shown, ValueError if it is not a translation file at all."""
    rows, starts = _read_rows(csv_text.lstrip("\ufeff"))
    if not rows or len(rows[0]) < 3 or rows[0][0] != "id":
        raise ValueError("not a translation file: the first row must be id, <default language>, <language>")
    language = rows[0][2].strip()
    if language not in config.languages:
        raise ValueError(f"'{language}' is not one of the kiosk's languages ({', '.join(config.languages)})")
    known = {entry.id: entry for entry in entries(config)}
    wanted = {row[0]: row[2] for row in rows[1:] if len(row) >= 3 and row[2].strip()}
    refused = [
        Problem(name, start, f"{row[0]} ({language})", why, "fix the cell and import again")
        for row, start in zip(rows[1:], starts[1:])
        if len(row) >= 3 and row[2].strip() and (why := text_problem(row[2]))
    ]
    if refused:
        raise ImportRefused(refused)
    result = ImportResult([], [i for i in wanted if i not in known], [])
    by_file: dict[Path, list[tuple[Entry, str]]] = {}
    for text_id, value in wanted.items():
        entry = known.get(text_id)
        if entry is not None and entry.texts.get(language) != value:
            by_file.setdefault(entry.file, []).append((entry, value))
    for file, changes in by_file.items():
        editor = _yaml()  # round-trip mode builds plain data and comments, never Python objects
        data = editor.load(file.read_text(encoding="utf-8"))
        for entry, value in changes:
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


def _read_rows(csv_text: str) -> tuple[list[list[str]], list[int]]:
    """The rows, and the line each starts on (a cell may span lines)."""
    reader = csv.reader(io.StringIO(csv_text))
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
    """A new translation takes the block style its neighbours use (folded `>-`, literal `|`)."""
    for other in siblings.values():
        if isinstance(other, (FoldedScalarString, LiteralScalarString)):
            return type(other)(value)
    return value
