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


def test_values_are_read_by_yaml_1_2_core_rules_as_editors_read_them():
    doc, problems = parse_yaml(
        "time: 10:30\nlong: 12:30:00\nwords: [yes, no, on, off, y, n]\nbools: [true, True, FALSE]\n"
        "zeros: 0012\noctal: 0o12\nhex: 0x1A\nunderscored: 1_000\nday: 2017-09-07\n"
        "floats: [1e3, .5, -.inf]\nnothing: [~, null, Null]\nempty:\nyes: key\n",
        "f.yaml",
    )
    assert problems == []
    assert doc.data == {
        "time": "10:30",  # YAML 1.1 (PyYAML's own reading) says 630
        "long": "12:30:00",
        "words": ["yes", "no", "on", "off", "y", "n"],
        "bools": [True, True, False],
        "zeros": 12,  # decimal, never octal 10
        "octal": 10,
        "hex": 26,
        "underscored": "1_000",
        "day": "2017-09-07",
        "floats": [1000.0, 0.5, float("-inf")],
        "nothing": [None, None, None],
        "empty": None,
        "yes": "key",  # a key like any other, not True
    }


def test_a_tag_cannot_bring_back_what_1_2_does_not_read():
    for text, message in [
        ("a: !!int 1_000\n", "cannot read value: not an integer: 1_000"),
        ("a: !!bool yes\n", "cannot read value: not true or false: yes"),
        ("a: !!timestamp 2017-09-07\n", "tag tag:yaml.org,2002:timestamp is not allowed"),
    ]:
        doc, problems = parse_yaml(text, "f.yaml")
        assert doc is None and [p.message for p in problems] == [message]
    doc, _ = parse_yaml("a: !!str 10\nb: !!int '7'\n", "f.yaml")
    assert doc.data == {"a": "10", "b": 7}


def test_a_number_where_text_belongs_is_quoted_in_the_hint_as_the_curator_wrote_it(project):
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit

    path = project.parent / "zones" / "forest.yaml"
    text = path.read_text()
    path.write_text(
        text.replace("  en: Forest\n", "  en: 0012\n", 1).replace("  kk: Орман\n", "  kk: 10:30\n", 1)
    )
    report = load_exhibit(load_config(project), check_images=False)
    found = [str(p) for p in report.errors]
    assert found == [
        'zones/forest.yaml:6: title.en: Input should be a valid string (put the text in quotes: "0012")'
    ]
