"""Reading curators' YAML: lines kept, hostile input refused."""

from __future__ import annotations

from kiosk.yamldoc import MAX_YAML_BYTES, parse_yaml, read_yaml


def test_lines_of_keys_and_items_are_kept():
    doc, problems = parse_yaml("a: 1\nb:\n  - x\n  - y: 2\n", "f.yaml")
    assert problems == []
    assert doc.data == {"a": 1, "b": ["x", {"y": 2}]}
    assert doc.line_of(("b", 1, "y")) == 4
    assert doc.line_of(("b", 1, "missing")) == 4  # falls back to the nearest known parent


def test_syntax_error_names_the_line():
    doc, problems = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    assert doc is None
    assert len(problems) == 1
    assert str(problems[0]).startswith("f.yaml:3: (file): YAML syntax")


def test_duplicate_keys_are_errors():
    doc, problems = parse_yaml("title: a\nother: 1\ntitle: b\n", "f.yaml")
    assert doc is None
    assert str(problems[0]) == "f.yaml:3: title: duplicate key (first given on line 1)"


def test_alias_bomb_is_refused_without_expanding_it():
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        bomb.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]")
    doc, problems = parse_yaml("\n".join(bomb), "bomb.yaml")
    assert doc is None
    assert problems and all("aliases" in p.message for p in problems)
    assert problems[0].line == 2


def test_huge_file_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("a: " + "x" * (MAX_YAML_BYTES + 10))
    doc, problems = read_yaml(path, "huge.yaml")
    assert doc is None
    assert "limit" in problems[0].message


def test_python_tags_are_not_run():
    doc, problems = parse_yaml("a: !!python/object/apply:os.system ['echo hi']\n", "f.yaml")
    assert doc is None
    assert "python/object/apply" in problems[0].message
    assert "not allowed" in problems[0].message


def test_not_utf8_is_a_clear_error(tmp_path):
    path = tmp_path / "latin.yaml"
    path.write_bytes("title: Łódź\n".encode("utf-16"))
    doc, problems = read_yaml(path, "latin.yaml")
    assert doc is None
    assert "UTF-8" in problems[0].message
