"""Read curator-edited YAML safely and report problems as `file:line: field: message`.

Files are read by YAML 1.2's core rules, as editors (yaml-language-server) read them: `10:30`
is the text "10:30", never 630; only `true` and `false` are booleans (`yes`, `on` are words);
`0012` is twelve, never octal; dates are text. Only PyYAML's SafeLoader is used, so a file can
never run code. A size cap and a ban on
anchors/aliases keep hostile files (huge files, "billion laughs") from eating memory, and
the line of every key is kept so validation errors point at the right line. Nesting deeper
than any content needs, and control characters that the renderer refuses, are errors too.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import ValidationError

MAX_YAML_BYTES = 1_000_000
# Content is at most about ten levels deep (zone > pages > blocks > images > caption > pl);
# far deeper files are hostile, and building them would exhaust Python's recursion limit.
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, worded for the person who edits it."""

    file: str
    line: int
    field: str
    message: str
    hint: str | None = None
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.field}: {self.message}"
        if self.severity == "warning":
            text = f"{self.file}:{self.line}: {self.field}: warning: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


@dataclass
class YamlDocument:
    """Parsed data plus the line of every key and list item, by path."""

    name: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    # What the file says where YAML read a number, boolean or null: hints quote it as written.
    written: dict[Path_, str] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of the longest prefix of `path` that exists in the file."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(tuple(path[:end]))
            if line is not None:
                return line
        return 1

    def problem(self, path: Path_, message: str, hint: str | None = None, **kw: Any) -> Problem:
        return Problem(self.name, self.line_of(path), dotted(path), message, hint, **kw)


def dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path) if path else "(file)"


def read_yaml(path: Path, name: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Read one YAML file; never raises for bad content, returns problems instead."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            return None, [
                Problem(name, 1, "(file)", f"file is {size:,} bytes; the limit is {MAX_YAML_BYTES:,}")
            ]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [Problem(name, 1, "(file)", f"cannot read file: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, "(file)", "not UTF-8 text", "save the file as UTF-8")]
    return parse_yaml(text, name)


# libyaml's parser when PyYAML was built with it (many times faster); the same safe constructors.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SafeLoader(_BaseLoader):
    """PyYAML's safe loader with YAML 1.2 core schema resolvers in place of 1.1's."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 -- PyYAML's class-level registry


def _add(tag: str, pattern: str, first: list[str]) -> None:
    SafeLoader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern, re.X), first)


# The YAML 1.2 spec, 10.3.2 (Tag Resolution of the core schema); nothing else is implicit.
_NULL = r"^(?:~|null|Null|NULL|)$"
_BOOL = r"^(?:true|True|TRUE|false|False|FALSE)$"
_INT = r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"
_FLOAT = r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
            |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"""
_MERGE = r"^<<$"  # no merge key in 1.2, but kept as one so the builder can say merging is refused
_add("null", _NULL, [*"~nN", ""])
_add("bool", _BOOL, [*"tTfF"])
_add("int", _INT, [*"-+0123456789"])
_add("float", _FLOAT, [*"-+.0123456789"])
_add("merge", _MERGE, ["<"])
_NOT_TEXT = [re.compile(p, re.X) for p in (_NULL, _BOOL, _INT, _FLOAT, _MERGE)]


def _scalar(node: yaml.ScalarNode, pattern: str, kind: str) -> str:
    if not re.match(pattern, node.value, re.X):  # only a tag such as !!int can bring one here
        raise yaml.constructor.ConstructorError(None, None, f"not {kind}: {node.value}", node.start_mark)
    return node.value


def _construct_int(loader: SafeLoader, node: yaml.ScalarNode) -> int:
    text = _scalar(node, _INT, "an integer")
    base = {"0o": 8, "0x": 16}.get(text[:2])
    return int(text[2:], base) if base else int(text, 10)


def _construct_float(loader: SafeLoader, node: yaml.ScalarNode) -> float:
    text = _scalar(node, _FLOAT, "a number").lower()
    return float(text.replace(".inf", "inf").replace(".nan", "nan"))


def _construct_bool(loader: SafeLoader, node: yaml.ScalarNode) -> bool:
    return _scalar(node, _BOOL, "true or false").lower() == "true"


SafeLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
SafeLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
SafeLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)


def reads_as_text(value: str) -> bool:
    """Whether `value`, written without quotes, is read back as text (not a number, a boolean...)."""
    return not any(pattern.match(value) for pattern in _NOT_TEXT)


def parse_yaml(text: str, name: str) -> tuple[YamlDocument | None, list[Problem]]:
    try:
        loader = SafeLoader(text)  # the pure-Python reader checks characters already here
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(text, name, exc)]
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = mark.line + 1 if mark else 1
            return None, [Problem(name, line, "(file)", f"YAML syntax: {exc.problem or exc.context}")]
        except yaml.reader.ReaderError as exc:
            return None, [_reader_problem(text, name, exc)]
        except yaml.YAMLError as exc:
            return None, [Problem(name, 1, "(file)", f"YAML syntax: {exc}")]
        except RecursionError:  # only the pure-Python composer recurses; libyaml stops at 1000
            return None, [Problem(name, 1, "(file)", f"nested deeper than {MAX_DEPTH} levels")]
        doc = YamlDocument(name, None)
        if node is None:
            return doc, []
        deep = _too_deep(node)
        if deep is not None:
            return None, [
                Problem(
                    name,
                    deep.start_mark.line + 1,
                    "(file)",
                    f"nested deeper than {MAX_DEPTH} levels",
                    "content needs about ten; check the indentation and brackets",
                )
            ]
        problems: list[Problem] = []
        doc.data = _Builder(loader, doc, problems).build(node, ())
    finally:
        loader.dispose()
    return (None if any(p.severity == "error" for p in problems) else doc), problems


def _reader_problem(text: str, name: str, exc: yaml.reader.ReaderError) -> Problem:
    """A character YAML itself refuses (a raw NUL, say), on its own line."""
    # libyaml reads the text as UTF-8 and counts bytes; the pure-Python reader counts characters.
    data = text.encode("utf-8", "surrogatepass") if _BaseLoader is not yaml.SafeLoader else text
    position = exc.position if isinstance(exc.position, int) else 0
    line = data[:position].count("\n" if isinstance(data, str) else b"\n") + 1
    return Problem(name, line, "(file)", f"YAML syntax: {exc.reason}", _CHAR_HINT)


def _too_deep(root: yaml.Node) -> yaml.Node | None:
    """The first node nested deeper than MAX_DEPTH, found without recursion.

    Each node is visited once: aliases share nodes, and following every share is how an alias
    bomb grows (the builder reports aliases)."""
    stack, seen = [(root, 0)], set()
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            return node
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend((value, depth + 1) for _, value in node.value)
    return None


_CHAR_HINT = "remove it: a text may hold line breaks and tabs, but no other control characters"


def bad_character(value: str) -> str | None:
    """Why `value` cannot be drawn, or None: control characters (but line breaks and tabs)
    stop the font renderer (a NUL raises), and lone surrogates cannot be encoded at all."""
    for index, ch in enumerate(value):
        if ch in "\n\t":
            continue
        kind = unicodedata.category(ch)
        if kind == "Cc":
            return f"control character U+{ord(ch):04X} at character {index + 1}"
        if kind == "Cs":
            return f"broken character U+{ord(ch):04X} (half a surrogate pair) at character {index + 1}"
    return None


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("map", "seq", "str", "int", "float", "bool", "null")}


class _Builder:
    """Turns nodes into plain data, recording lines; aliases and duplicate keys are errors."""

    def __init__(self, loader: SafeLoader, doc: YamlDocument, problems: list[Problem]):
        self.loader, self.doc, self.problems = loader, doc, problems
        self.seen: set[int] = set()

    def error(self, node: yaml.Node, path: Path_, message: str, hint: str | None = None) -> None:
        self.problems.append(Problem(self.doc.name, node.start_mark.line + 1, dotted(path), message, hint))

    def build(self, node: yaml.Node, path: Path_) -> Any:
        if id(node) in self.seen:
            # Shared nodes only come from aliases; expanding them is how alias bombs work.
            self.problems.append(
                Problem(
                    self.doc.name,
                    self.doc.line_of(path),
                    dotted(path),
                    "anchors and aliases (& and *) are not allowed",
                    "write the value out in full",
                )
            )
            return None
        self.seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            self.error(node, path, f"tag {node.tag} is not allowed", "remove the !-word")
            return None
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                # An alias carries its anchor's position; use the list's own line instead.
                shared = id(item) in self.seen
                line = self.doc.line_of(path) if shared else item.start_mark.line + 1
                self.doc.lines[(*path, index)] = line
                items.append(self.build(item, (*path, index)))
            return items
        try:
            value = self.loader.construct_object(node)
        except yaml.YAMLError as exc:
            self.error(node, path, f"cannot read value: {getattr(exc, 'problem', exc)}")
            return None
        if not isinstance(value, str):
            self.doc.written[path] = node.value
        return self.checked(node, path, value)

    def checked(self, node: yaml.Node, path: Path_, value: Any) -> Any:
        """Strings the kiosk could not draw are errors here, before any model sees them."""
        # isprintable first: a quick test that almost every string passes.
        if isinstance(value, str) and not value.isprintable() and (why := bad_character(value)):
            self.error(node, path, why, _CHAR_HINT)
            return None
        return value

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(key_node, path, "merge keys (<<) are not allowed", "write the value out in full")
                continue
            key = self.loader.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            key = self.checked(key_node, path, key)
            if isinstance(key, bool) or not isinstance(key, (str, int)):
                self.error(key_node, path, "a key must be a plain word")
                continue
            key_path = (*path, key)
            if key in result:
                first = self.doc.lines[key_path]
                self.error(key_node, key_path, f"duplicate key (first given on line {first})")
                continue
            self.doc.lines[key_path] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, key_path)
        return result


# -- pydantic errors, reworded ------------------------------------------------------------------


def problems_from_validation(
    doc: YamlDocument, exc: ValidationError, vocabulary: Iterable[str] = (), prefix: Path_ = ()
) -> list[Problem]:
    """Pydantic errors as problems; `vocabulary` (known field names) feeds "did you mean".

    `prefix` is where the validated value sits in the file, when it is not the whole file.
    """
    known = sorted(set(vocabulary))
    problems = []
    for err in exc.errors(include_url=False):
        path = _data_path(doc.data, (*prefix, *err["loc"]))
        if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
            path = (*path, (err.get("ctx") or {}).get("discriminator", "type").strip("'"))
        message, hint = _reword(err, path, known, doc.written.get(path))
        problems.append(doc.problem(path, message, hint))
    return problems


# What the content's patterns mean, in words (see kiosk/content/model.py).
PATTERN_WORDS = [
    (
        r"^[a-z0-9]+(-[a-z0-9]+)*$",
        "not a valid id",
        "use lowercase letters, digits and dashes, e.g. forest-energy",
    ),
    (r"^#[0-9a-fA-F]{6}$", "not a colour", 'write a colour as "#RRGGBB" in quotes, e.g. "#2E6B3A"'),
    (r"^[a-z]{2,3}$", "not a language code", "use two or three lowercase letters, e.g. pl, en, kk, ru"),
]


def _data_path(data: Any, loc: tuple) -> Path_:
    """Keep the parts of a pydantic location that name keys or items in the file.

    Discriminated unions and validators add parts of their own (e.g. the block type); those are
    dropped so the path matches what the curator wrote. A missing or unknown key stays last.
    """
    path: list[str | int] = []
    current = data
    for i, part in enumerate(loc):
        in_dict = isinstance(current, dict) and part in current
        in_list = isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current)
        if in_dict or in_list:
            current = current[part]
            path.append(part)
        elif i == len(loc) - 1 and isinstance(part, (str, int)) and isinstance(current, dict):
            path.append(part)
    return tuple(path)


def _reword(err: dict, path: Path_, known: list[str], written: str | None) -> tuple[str, str | None]:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "extra_forbidden":
        hint = None
        if known and path:
            close = difflib.get_close_matches(str(path[-1]), known, n=1)
            hint = f"did you mean `{close[0]}`?" if close else None
        return "unknown field", hint
    if kind == "missing":
        return "Field required", None
    if kind == "union_tag_not_found":
        return f"missing `{ctx.get('discriminator', 'type')}`".replace("'", ""), (
            f"one of {ctx.get('expected_tags', '')}" if ctx.get("expected_tags") else None
        )
    if kind == "union_tag_invalid":
        tag = ctx.get("tag", "")
        expected = [t.strip(" '") for t in str(ctx.get("expected_tags", "")).split(",")]
        close = difflib.get_close_matches(str(tag), expected, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"one of {', '.join(expected)}"
        return f"unknown type '{tag}'", hint
    if kind == "string_type" and isinstance(err.get("input"), (int, float, bool)):
        return err["msg"], f'put the text in quotes: "{written or err["input"]}"'
    if kind == "bool_type":
        return err["msg"], "write true or false"
    if kind == "float_type" and isinstance(err.get("input"), str):
        return err["msg"], "write the number without quotes, e.g. 0.5"
    if kind == "too_short" and err.get("input") == {}:
        return "no text in any language", "write it as {pl: ..., en: ...}, or remove the line"
    if kind == "string_type" and err.get("input") is None:
        return (
            "empty value",
            'write it after the colon; a colour needs quotes, "#2E6B3A", as # starts a comment',
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        for known, message, hint in PATTERN_WORDS:
            if pattern == known:
                return message, hint
    if kind == "string_too_short" and err.get("input") == "":
        return "empty text", "write the text, or remove the line"
    message = err["msg"]
    if message.startswith("Value error, "):
        message = message[len("Value error, ") :]
    return message, None
