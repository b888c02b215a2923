"""The evaluator's figures: hand-computed small cases, then a real store and `kiosk stats`.

The pure figures (kiosk/visitors/figures.py) on numbers worked out by hand; the words and
reading times of a small exhibit; a day of visitors in a real SQLite file, read into the typed
`Evaluation` and checked figure by figure; and `kiosk stats --evaluation` on the replayed
pavilion of test_stats_output.py, whose default output stays as it was.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.cli import main
from kiosk.content.model import Exhibit
from kiosk.content.words import ENGLISH_WPM, pace, reading, words
from kiosk.visitors import evaluation, figures, store
from kiosk.visitors.evaluate import evaluate
from kiosk.visitors.sessions import (
    EntryCounted,
    LanguageUsed,
    PageViewed,
    SessionEnded,
    SessionStarted,
    TouchSampled,
    ZoneEntered,
    ZoneLeft,
)
from tests.visitors.test_stats_output import pavilion  # noqa: F401 - the replayed pavilion, a fixture

ALMATY = ZoneInfo("Asia/Almaty")


# -- the figures, by hand -------------------------------------------------------------------------


def test_attraction_is_sessions_per_hundred_entries():
    assert figures.attraction(3, 12) == 25.0
    assert figures.attraction(7, 3) == 233.3  # several kiosks, or a visitor who starts twice
    assert figures.attraction(4, 0) is None  # no door count: nothing to set it against


def test_holding_power_is_mean_dwell_over_mean_reading_time():
    # Two visits: 30 s and 90 s against 60 s of text each: 120 s over 120 s.
    assert figures.holding_power([(30.0, 60.0), (90.0, 60.0)]) == 1.0
    # 20 s in a 40 s text and 20 s in an 80 s one (another language): 40 / 120.
    assert figures.holding_power([(20.0, 40.0), (20.0, 80.0)]) == 0.33
    assert figures.holding_power([]) is None


def test_thorough_visitors_saw_more_than_half_of_the_pages():
    # Of 21 pages, 11 is more than half and 10 is not.
    assert figures.thorough([0, 10, 11, 21], 21) == 2
    assert figures.thorough([2, 3], 4) == 1  # exactly half is not more than half
    assert figures.thorough([5], 0) == 0


def test_survival_is_the_share_still_there_after_t():
    lengths = [0.0, 10.0, 20.0, 40.0]
    # After 0 s: three of four (one left at once); after 10 s: 20 and 40; after 30 s: 40 alone.
    assert figures.survival(lengths, [0, 10, 30, 40]) == [0.75, 0.5, 0.25, 0.0]
    assert figures.survival([], [0]) == [0.0]
    assert figures.survival_time(lengths, 0.5) == 10.0  # half had left by 10 s
    assert figures.survival_time(lengths, 0.75) == 0.0
    assert figures.survival_time(lengths, 0.25) == 20.0
    assert figures.survival_time([], 0.5) is None


def test_a_path_counts_each_step_after_the_ones_before():
    sessions = [
        (True, True, True, True),
        (True, True, True, False),
        (True, True, False, False),
        (True, False, True, True),  # a zone without a language: stops at the second step
    ]
    assert figures.steps(sessions) == [4, 3, 2, 1]
    assert figures.steps([]) == []


# -- words and reading time -----------------------------------------------------------------------


def exhibit() -> Exhibit:
    """Two zones: forest (two pages) and sun (one); English 10 and 4 words, Polish 8 and 2."""

    def text(en: str, pl: str) -> dict:
        return {"en": en, "pl": pl}

    return Exhibit.model_validate(
        {
            "pavilion": {"title": text("Pavilion", "Pawilon"), "invitation": text("Touch", "Dotknij"),
                         "zones": ["forest", "sun"]},
            "zones": [
                {
                    "id": "forest", "title": text("Forest power", "Moc lasu"), "accent": "#225522",
                    "cover": "images/forest.png",
                    "pages": [
                        {"id": "wood", "title": text("Wood", "Drewno"),
                         "blocks": [{"type": "text", "text": text("Trees store carbon – 6.09.2017", "Drzewa wiążą węgiel")}]},
                        {"id": "co2", "title": text("CO2 today", "CO2"),
                         "blocks": [{"type": "text", "text": text("Less of it", "Mniej")}]},
                    ],
                },
                {
                    "id": "sun", "title": text("Sun", "Słońce"), "accent": "#AA8800", "cover": "images/sun.png",
                    "pages": [{"id": "panels", "title": text("Panels", "Panele"),
                               "blocks": [{"type": "text", "text": {"en": "Panels on roofs"}}]}],
                },
            ],
        }
    )  # fmt: skip


def test_words_are_counted_as_a_reader_reads_them():
    assert words("Polsko-Kazachstańskie Forum (6.09.2017) – o 10:30 · Poland's") == 6
    assert words("  – · ") == 0


def test_reading_time_counts_the_zones_texts_in_the_visitors_language():
    shown = exhibit()
    # forest in English: Forest power (2), Wood (1), Trees store carbon 6.09.2017 (4), CO2 today (2),
    # Less of it (3) = 12; in Polish: Moc lasu (2), Drewno (1), Drzewa wiążą węgiel (3), CO2 (1), Mniej (1) = 8.
    # sun: Sun, Panels, Panels on roofs = 5 in English; in Polish 2, and the untranslated text is
    # read in the default language, English: 3 more.
    reads = reading(shown, ["en", "pl"], "en")
    assert reads.words == {"forest": {"en": 12, "pl": 8}, "sun": {"en": 5, "pl": 5}}
    # Polish says the same in fewer words: over the texts in both, 14 English words to 10 Polish
    # (the sun's text has no Polish and is left out), so Polish is read at 238 x 10/14 words a minute.
    assert pace(shown, "en") == ENGLISH_WPM == 238
    assert reads.wpm["pl"] == round(238 * 10 / 14, 1) == 170.0
    assert reads.seconds("forest", "en") == pytest.approx(60 * 12 / 238)
    assert reads.seconds("forest", "pl") == pytest.approx(60 * 8 / 170)
    assert reads.seconds("gone", "en") is None


# -- a real store ---------------------------------------------------------------------------------


def at(hour: int, minute: int = 0, second: float = 0) -> float:
    return datetime(2017, 9, 7, hour, minute, tzinfo=ALMATY).timestamp() + second


def visitor(sid, start, length, language, zones, pages):
    """A session: its language, zone visits (zone, dwell), page views (zone, page)."""
    events = [SessionStarted(sid, "k1", start)]
    if language:
        events.append(LanguageUsed(sid, language, start + 1))
    seq = 0
    for zone, dwell in zones:
        seq += 1
        events += [ZoneEntered(sid, seq, zone, start + 2), ZoneLeft(sid, seq, start + 2 + dwell, dwell)]
    for zone, page in pages:
        seq += 1
        events.append(PageViewed(sid, seq, zone, page, start + 3))
    events.append(SessionEnded(sid, start + length, length, "timeout"))
    return events


@pytest.fixture
def day(tmp_path):
    """Four sessions at 10:00 and one at 11:00 local, door counts, touches; a real SQLite file."""
    events = [
        # Saw all three pages, and the last pages of both zones.
        *visitor("a", at(10, 5), 100, "en", [("forest", 30), ("sun", 20)],
                 [("forest", "wood"), ("forest", "co2"), ("sun", "panels")]),
        # Two of three pages (more than half), forest's last page among them.
        *visitor("b", at(10, 20), 40, "pl", [("forest", 16)], [("forest", "wood"), ("forest", "co2")]),
        # Opened forest, left on its first page.
        *visitor("c", at(10, 40), 10, "en", [("forest", 6)], [("forest", "wood")]),
        # Left at the language screen.
        *visitor("d", at(10, 50), 0, None, [], []),
        *visitor("e", at(11, 10), 20, "en", [], []),
        EntryCounted("door-1", "k", at(10, 0), 8),
        EntryCounted("door-2", "k", at(11, 0), 1),
        EntryCounted("door-3", "k", at(12, 0), 3),
        *[TouchSampled(f"t{i}", "home", 4, 9, False, at(10, 0)) for i in range(3)],
        TouchSampled("t9", "home", 15, 2, False, at(10, 15)),
        TouchSampled("t10", "zone", 19, 10, False, at(11, 0)),
        TouchSampled("t11", "zone", 19, 10, False, at(12, 0) + 86400),  # the next day: out of range
    ]  # fmt: skip
    conn = store.connect(tmp_path / "k1.db")
    store.write(conn, events)
    yield conn
    conn.close()


def test_a_day_in_a_real_store_gives_every_figure(day):
    ev = evaluate(day, ALMATY, exhibit(), ["en", "pl"], "en", date(2017, 9, 7), date(2017, 9, 7))
    a = ev.attraction
    assert (a.sessions, a.entries, a.per_100) == (5, 12, 41.7)
    assert {h: (x.sessions, x.entries, x.per_100) for h, x in a.hours.items()} == {
        10: (4, 8, 50.0),
        11: (1, 1, 100.0),
        12: (0, 3, 0.0),
    }
    # forest: a (en, 30 s), b (pl, 16 s), c (en, 6 s): 52 s over 12/238 + 8/170 + 12/238 minutes.
    needed = 60 * (12 / 238 + 8 / 170 + 12 / 238)
    forest = ev.holding["forest"]
    assert (forest.visits, forest.dwell_s) == (3, round(52 / 3, 1))
    assert forest.reading_s == round(needed / 3, 1)
    assert forest.power == round(52 / needed, 2)
    assert ev.holding["sun"].power == round(20 / (60 * 5 / 238), 2)
    assert ev.thorough == evaluation.Thorough(sessions=5, thorough=2, pages_total=3)
    assert ev.thorough.pct == 40.0
    # Lengths 0, 10, 20, 40, 100.
    d = ev.dwell
    assert (d.sessions, d.mean_s, d.median_s) == (5, 34.0, 20.0)
    assert (d.curve[0], d.curve[10], d.curve[20], d.curve[50], d.curve[100]) == (0.8, 0.6, 0.4, 0.2, 0.0)
    assert max(d.curve) == 120  # to the longest visit, in whole minutes
    assert [(s.name, s.sessions, s.pct) for s in ev.path] == [
        ("started", 5, 100.0),
        ("language", 4, 80.0),
        ("zone", 3, 60.0),
        ("last_page", 2, 40.0),
    ]
    assert ev.zone_paths == {"forest": evaluation.ZonePath(3, 2), "sun": evaluation.ZonePath(1, 1)}
    assert [(m.screen, m.portrait, m.cells) for m in ev.heat_maps] == [
        ("home", False, {(4, 9): 3, (15, 2): 1}),
        ("zone", False, {(19, 10): 1}),
    ]


def test_a_store_from_before_the_touches_still_evaluates(day, tmp_path):
    day.execute("DROP TABLE touches")  # as an older kiosk's file, read as it is
    ev = evaluate(day, ALMATY, exhibit(), ["en", "pl"], "en")
    assert ev.heat_maps == () and ev.attraction.sessions == 5


def test_json_text_and_csv_say_the_same(day):
    ev = evaluate(day, ALMATY, exhibit(), ["en", "pl"], "en", date(2017, 9, 7), date(2017, 9, 7))
    out = ev.to_json()
    assert out["attraction"]["per_100_entries"] == 41.7
    assert out["holding_power"]["words_per_minute"] == {"en": 238.0, "pl": 170.0}
    assert out["path"]["last_page"] == {"sessions": 2, "pct": 40.0}
    assert out["dwell"]["still_there_after_s"]["10"] == 0.6
    assert out["heat_maps"][0] == {"screen": "home", "portrait": False, "grid": 20, "touches": 4,
                                   "cells": [[4, 9, 3], [15, 2, 1]]}  # fmt: skip
    text = evaluation.to_text(ev)
    assert "attraction        41.7 sessions per 100 entries (5 / 12)" in text
    assert "thorough visitors 40% (2 of 5 saw more than half of 3 pages)" in text
    assert "reached a zone's last page              2      40" in text
    rows = evaluation.to_csv(ev).splitlines()
    assert f"holding_power,forest,{out['holding_power']['zones']['forest']['power']}" in rows
    assert "touches:home,4,9,3" not in rows and 'touches:home,"4,9",3' in rows


# -- kiosk stats ---------------------------------------------------------------------------------


def test_kiosk_stats_evaluation_on_the_replayed_pavilion(pavilion, capsys):  # noqa: F811
    config, stores = pavilion
    span = ["--from", "2017-09-07", "--to", "2017-09-09"]
    assert main(["stats", "--config", str(config), "--db", str(stores), "--evaluation", "--json", *span]) == 0
    out = json.loads(capsys.readouterr().out)
    assert main(["stats", "--config", str(config), "--db", str(stores), "--json", *span]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert (
        out["attraction"]["sessions"] == stats["sessions"]
        and out["attraction"]["entries"] == stats["entries"]
    )
    assert out["path"]["started"]["sessions"] == stats["sessions"]
    # The replayed visitor went to four zones; the taps it made were sampled on the screens it saw.
    screens = {m["screen"] for m in out["heat_maps"]}
    assert screens <= {"attract", "language", "home", "zone"} and "zone" in screens
    assert main(["stats", "--config", str(config), "--db", str(stores), "--evaluation", "--by", "day"]) == 2
    assert "--evaluation is a view of its own" in capsys.readouterr().err
