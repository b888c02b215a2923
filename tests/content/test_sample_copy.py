"""The sample pavilion's copy: it speaks to the visitor and says only what its source says.

The source is the Lubelskie Voivodeship's note on Expo 2017 (lubelskie.pl, "Województwo
Lubelskie na Expo 2017"), kept beside this file. Every fact in zones/*.yaml comes from it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.content.loader import load_exhibit
from kiosk.content.model import Quiz, texts
from kiosk.ui.strings import STRINGS

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (Path(__file__).parent / "sources" / "lubelskie-expo-2017.pl.txt").read_text(encoding="utf-8")
LANGUAGES = ("pl", "en", "kk", "ru")

# A sentence that names a zone and tells, in the past, what it showed: a report about the
# pavilion, not an exhibit speaking to the person in front of it.
ZONE_WORD = {
    "pl": r"\bstref\w*",
    "en": r"\bzones?\b",
    "kk": r"аймағ\w*|аймақ\w*",
    "ru": r"\bзон\w*",
}
REPORTING = {
    "pl": r"\b(prezentował\w*|prezentowano|pokazywał\w*|pokazywano|pokazan\w*|przedstawiał\w*"
    r"|przedstawił\w*|koncentrował\w*|można było)\b",
    "en": r"\b(showed|shown|presented|focused|displayed|named|could|was|were)\b",
    "kk": r"(көрсетті|көрсетілген|таныстырды|таныстырылды|арналды|насихаттады|таныса алды)",
    "ru": r"\b(показывала|показанных|рассказывала|представляла|представила|представлена"
    r"|назвала|посвящена|могли)\b",
}


@pytest.fixture(scope="module")
def exhibit():
    return load_exhibit(load_config(ROOT / "config.yaml")).exhibit


def copy(exhibit, language):
    """(where, text) of every text visitors read in `language`, the pavilion's included."""
    for model in (exhibit.pavilion, *exhibit.zones):
        name = getattr(model, "id", "pavilion")
        for path, text in texts(model):
            if language in text.root:
                yield f"{name}:{'.'.join(map(str, path))}", text.root[language]


def sentences(text):
    return re.split(r"(?<=[.!?;])\s+", " ".join(text.split()))


def seed_zone_names():
    """The zones the source names: "pięć stref, m.in. „Technologie”, „Las”, „Regiony”"."""
    listing = re.search(r"pięć stref, m\.in\.(.*?), w ramach", SOURCE).group(1)
    return set(re.findall(r"„([^”]+)”", listing))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_reports_what_a_zone_showed(exhibit, language):
    reports = [
        (where, sentence)
        for where, text in copy(exhibit, language)
        for sentence in sentences(text)
        if re.search(ZONE_WORD[language], sentence, re.IGNORECASE)
        and re.search(REPORTING[language], sentence, re.IGNORECASE)
    ]
    assert reports == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_screen_does_not_call_every_card_a_zone(exhibit, language):
    # Five cards, of which the source calls three zones; the others are events and a topic.
    zones_on_cards = {z.id for z in exhibit.zones if z.title.root["pl"] in seed_zone_names()}
    assert len(zones_on_cards) == 3 < len(exhibit.pavilion.zones)
    for key in ("zones", "all_zones"):
        assert not re.search(ZONE_WORD[language], STRINGS[language][key], re.IGNORECASE), key


def test_the_pavilion_quiz_is_answered_by_a_zone_the_source_names(exhibit):
    (quiz,) = [b for p in exhibit.zone("national-day").pages for b in p.blocks if isinstance(b, Quiz)]
    assert quiz.id == "pavilion-zones"
    zones = {z.title.root["pl"]: z for z in exhibit.zones if z.title.root["pl"] in seed_zone_names()}
    right = next(a for a in quiz.answers if a.correct)
    assert right.text.root["pl"] in zones
    zone = zones[right.text.root["pl"]]
    for language in LANGUAGES:
        assert right.text.root[language] == zone.title.root[language]
        wrong = {a.text.root[language] for a in quiz.answers if not a.correct}
        assert wrong.isdisjoint(z.title.root[language] for z in zones.values())


SLIPS = {
    # "wicemarszałek" is a deputy of a voivodeship's marshal, not a military rank.
    "en": [r"Vice-Marshal", r"International Chamber of Commerce", r"Chamber of International Commerce"],
    "kk": [r"вице-маршал"],
    "ru": [r"вице-маршал", r"зона[^.]*назвала"],
    # The source writes "zgazowywanie"; one word for one process.
    "pl": [r"zgazowani"],
}
# A memorandum is between two parties, not "memoranda Polpharma – Kazakh Invest".
PAIRED_WITH_A_DASH = r"(Polpharma|Warsaw Expo)\s+–"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_translation_slips_are_gone(exhibit, language):
    found = [
        (where, pattern)
        for where, text in copy(exhibit, language)
        for pattern in [*SLIPS.get(language, []), PAIRED_WITH_A_DASH]
        if re.search(pattern, text, re.IGNORECASE)
    ]
    assert found == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_attract_screen_invites_in_one_wording(exhibit, language):
    assert exhibit.pavilion.invitation.root[language] == STRINGS[language]["touch"]


NUMBER_WORDS = {"dwóch": 2, "trzy": 3, "pięć": 5, "pięciu": 5}
THOUSANDS = r"\s*(?:tys\.|тыс|мың)"


def numbers(text):
    """The figures in a text: "257,000", "257 tys." and "257 мыңнан" are all 257000."""
    found = set()
    for match in re.finditer(rf"\d+(?:,\d{{3}})*(?P<k>{THOUSANDS})?", text):
        value = int(re.match(r"[\d,]+", match.group()).group().replace(",", ""))
        found.add(value * 1000 if match.group("k") else value)
    return found


def test_every_figure_in_the_copy_is_in_the_source(exhibit):
    source = numbers(SOURCE) | {n for w, n in NUMBER_WORDS.items() if re.search(rf"\b{w}\b", SOURCE)}
    assert {2, 3, 5, 16, 17, 257_000, 759, 2012, 2016} <= source  # the reader reads the source
    invented = {
        (where, n) for language in LANGUAGES for where, text in copy(exhibit, language) for n in numbers(text)
    }
    assert {(where, n) for where, n in invented if n not in source} == set()
