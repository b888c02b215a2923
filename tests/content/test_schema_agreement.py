"""The schema editors check against and `kiosk validate` agree, file by file.

Each case is a zone file a curator could write. check-jsonschema (the tool CI and editors'
users run) and `kiosk validate` read the same files; wherever the schema can know, both
accept or both refuse. What only the kiosk can know is listed, and must stay kiosk-only:
references between files, pictures, text fit, fonts, and rules across fields.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

T = "{pl: Tekst, en: Text, kk: Мәтін, ru: Текст}"
ZONE = f"""\
id: ZONE
title: {T}
accent: "#2E6B3A"
cover: images/forest-cover.png
pages:
  - id: one
    title: {T}
    blocks:
      - type: text
        text: {T}
"""
QUIZ = f"""\
  - id: two
    title: {T}
    blocks:
      - type: quiz
        id: q
        question: {T}
        answers:
          - text: {T}
            correct: true
          - text: {T}
        explanation: {T}
"""
SPOTS = f"""\
  - id: two
    title: {T}
    blocks:
      - type: hotspots
        src: images/forest-co2.png
        spots:
          - {{id: a, x: 0.5, y: 0.5, title: {T}, text: {T}}}
"""


def case(old: str = "", new: str = "", extra: str = "") -> str:
    text = ZONE + extra
    assert old in text
    return text.replace(old, new, 1)


# name -> (zone file text, what both say)
BOTH = {
    "plain": (case(), "accept"),
    "time-unquoted": (case("en: Text,", "en: 10:30,"), "accept"),  # text in YAML 1.2, not 630
    "yes-unquoted": (case("en: Text,", "en: yes,"), "accept"),
    "date-unquoted": (case("en: Text,", "en: 2017-09-07,"), "accept"),
    "a-quiz": (case(extra=QUIZ), "accept"),
    "spots": (case(extra=SPOTS), "accept"),
    "spot-at-an-edge": (case(extra=SPOTS.replace("x: 0.5", "x: 1")), "accept"),
    "number-as-text": (case("en: Text,", "en: 2017,"), "refuse"),
    "leading-zeros": (case("en: Text,", "en: 0012,"), "refuse"),
    "true-as-text": (case("en: Text,", "en: true,"), "refuse"),
    "empty-text": (case("en: Text,", "en: '',"), "refuse"),
    "no-text": (case("en: Text,", "en: ,"), "refuse"),
    "capital-language": (case("{pl: Tekst,", "{PL: Tekst,"), "refuse"),
    "not-a-language": (case("{pl: Tekst,", "{polish: Tekst,"), "refuse"),
    "no-language": (case(f"title: {T}", "title: {}"), "refuse"),
    "text-not-a-mapping": (case(f"title: {T}", "title: Forest"), "refuse"),
    "misspelt-field": (case("accent:", "acent:"), "refuse"),
    "unknown-field": (case("cover:", "colour: red\ncover:"), "refuse"),
    "colour-short": (case('"#2E6B3A"', '"#2E6B3"'), "refuse"),
    "colour-a-comment": (case('"#2E6B3A"', "#2E6B3A"), "refuse"),
    "page-id-spaces": (case("id: one", "id: page one"), "refuse"),
    "no-pages": (ZONE[: ZONE.index("pages:")] + "pages: []\n", "refuse"),
    "unknown-block": (case("type: text", "type: video"), "refuse"),
    "block-without-type": (case("- type: text\n        text:", "- text:"), "refuse"),
    "quiz-yes": (case(extra=QUIZ.replace("correct: true", "correct: yes")), "refuse"),
    "quiz-one-answer": (
        case(extra=QUIZ.replace(f"          - text: {T}\n        expl", "        expl")),
        "refuse",
    ),
    "spot-quoted": (case(extra=SPOTS.replace("x: 0.5", "x: '0.5'")), "refuse"),
    "spot-outside": (case(extra=SPOTS.replace("x: 0.5", "x: 1.5")), "refuse"),
    "too-long": (case("en: Text,", "en: " + "word " * 1200 + ","), "refuse"),
    "duplicate-key": (case("cover:", "accent: '#000000'\ncover:"), "refuse"),
    "bad-syntax": (case("pages:", "pages: [\n"), "refuse"),
}
# name -> (zone file text, why only the kiosk refuses it)
KIOSK_ONLY = {
    "id-not-the-file-name": (case("id: ZONE", "id: elsewhere"), "id '"),
    "missing-picture": (case("forest-cover.png", "no-such.png"), "not found"),
    "picture-outside-media": (case("images/forest-cover.png", "../config.yaml"), "leaves the media folder"),
    "missing-translation": (case(f"title: {T}", "title: {pl: Las, en: Forest, ru: Лес}"), "add the kk"),
    "too-long-for-the-screen": (case(f"title: {T}", "title: {pl: " + "Las " * 40 + ", en: a, kk: a, ru: a}"), "fit"),
    "font-cannot-draw": (case("en: Text,", "en: 森,"), "font cannot draw"),
    "control-character": (case("en: Text,", 'en: "Te\\x01xt",'), "control character"),
    "word-too-long": (case("en: Text,", "en: " + "x" * 300 + ","), "longer than any line"),
    "same-page-id-twice": (case(extra=QUIZ.replace("id: two", "id: one")), "used twice"),
    "two-right-answers": (case(extra=QUIZ.replace(f"- text: {T}\n        expl", f"- text: {T}\n            correct: true\n        expl")), "exactly one"),
    "two-pictures-on-a-page": (case(extra=QUIZ.replace("      - type: quiz", "      - {type: image, src: images/forest-co2.png}\n      - type: quiz")), "split it"),
    "same-spot-twice": (case(extra=SPOTS.replace("          - {id: a", "          - {id: a, x: 0.1, y: 0.1, title: " + T + ", text: " + T + "}\n          - {id: a")), "same id"),
    "accent-too-light": (case('"#2E6B3A"', '"#FFEE88"'), "contrast"),
    "an-alias": (case(f"    title: {T}\n    blocks:\n      - type: text\n        text: {T}", f"    title: &t {T}\n    blocks:\n      - type: text\n        text: *t"), "aliases"),
}  # fmt: skip


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory) -> dict[str, tuple[list[str], list[str]]]:
    """(what kiosk validate says, what check-jsonschema says) of each case's file: one run
    of each tool, as a curator and CI would run them, over a site holding every case."""
    from kiosk.resources import init_site

    site = tmp_path_factory.mktemp("site")
    init_site(site)
    zones = site / "zones"
    cases = [*BOTH, *KIOSK_ONLY]
    texts = {**BOTH, **KIOSK_ONLY}
    for name in cases:
        (zones / f"{name}.yaml").write_text(texts[name][0].replace("ZONE", name))
    pavilion = zones / "pavilion.yaml"
    # Listed, so each case is shown and its texts measured on every screen.
    pavilion.write_text(pavilion.read_text() + "".join(f"  - {name}\n" for name in cases))

    run = [sys.executable, "-m", "kiosk", "validate", "--config", str(site), "--json"]
    kiosk = json.loads(subprocess.run(run, capture_output=True, text=True, timeout=300).stdout)
    files = [str(zones / f"{name}.yaml") for name in cases]
    schema = str(site / "schema" / "zone.schema.json")
    run = [sys.executable, "-m", "check_jsonschema", "-o", "json", "--schemafile", schema, *files]
    checked = json.loads(subprocess.run(run, capture_output=True, text=True, timeout=300).stdout)
    said: dict[str, tuple[list[str], list[str]]] = {name: ([], []) for name in cases}
    for error in kiosk["errors"]:
        name = Path(error["file"]).stem
        if name in said:
            said[name][0].append(f"{error['line']}: {error['field']}: {error['message']} ({error['hint']})")
    for error in checked["errors"] + checked.get("parse_errors", []):
        said[Path(error["filename"]).stem][1].append(f"{error.get('path', '')}: {error['message']}")
    return said


@pytest.mark.parametrize("name", BOTH)
def test_where_the_schema_can_know_both_say_the_same(verdicts, name):
    kiosk, schema = verdicts[name]
    if BOTH[name][1] == "accept":
        assert kiosk == [] and schema == []
    else:
        assert kiosk and schema, f"kiosk: {kiosk}; check-jsonschema: {schema}"


@pytest.mark.parametrize("name", KIOSK_ONLY)
def test_what_only_the_kiosk_can_know(verdicts, name):
    kiosk, schema = verdicts[name]
    assert schema == [], "the schema knows this now: move the case to BOTH"
    assert any(KIOSK_ONLY[name][1] in said for said in kiosk), kiosk


def test_the_schema_is_valid_json_schema_and_the_shipped_zones_pass_it():
    root = Path(__file__).resolve().parents[2]
    for kind, files in [("zone", [p for p in (root / "zones").glob("*.yaml") if p.name != "pavilion.yaml"]),
                        ("pavilion", [root / "zones" / "pavilion.yaml"])]:  # fmt: skip
        schema = str(root / "schema" / f"{kind}.schema.json")
        run = [sys.executable, "-m", "check_jsonschema", "--check-metaschema", schema]
        assert subprocess.run(run, capture_output=True, timeout=120).returncode == 0
        run = [sys.executable, "-m", "check_jsonschema", "--schemafile", schema, *map(str, files)]
        done = subprocess.run(run, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stdout
