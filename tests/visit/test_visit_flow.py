"""VisitFlow without a window: navigation and counting from intents alone.

Each test runs in a child process that never imports pygame, and says so.
"""

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SETUP = """
import sys
from pathlib import Path
from kiosk.clock import VirtualClock
from kiosk.config import load_config
from kiosk.content.loader import load_exhibit
from kiosk.visit.flow import REST, Place, VisitFlow
from kiosk.visit.intents import *
from kiosk.visitors.sessions import VisitTracker

config = load_config(Path({root!r}) / "config.yaml")
exhibit = load_exhibit(config).exhibit
clock = VirtualClock(1_700_000_000.0)
events = []
tracker = VisitTracker(config.kiosk_id, config.idle_timeout_s, clock, events.append)
flow = VisitFlow(exhibit, tracker, config.languages, config.default_language)
zone = exhibit.zones[0]
kinds = lambda: [type(e).__name__ for e in events]
"""


def run_without_pygame(body: str) -> None:
    code = SETUP.format(root=str(ROOT)) + textwrap.dedent(body) + '\nassert "pygame" not in sys.modules\n'
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_visit_walks_language_home_zone_and_pages_and_is_counted():
    run_without_pygame("""
        change = flow.apply(StartVisit())
        assert change.show == Place("language") and kinds() == ["SessionStarted"]
        change = flow.apply(SetLanguage("en", then_home=True))
        assert change.show == Place("home") and change.rebuild  # the words change first
        assert flow.state.language == "en"
        change = flow.apply(OpenZone(zone.id))
        assert change.show == Place("zone", zone.id, 0) and change.direction == 1
        change = flow.apply(TurnPage(+1))
        assert change.show == Place("zone", zone.id, 1)
        assert flow.apply(TurnPage(-1)).direction == -1
        assert flow.apply(TurnPage(-1)).show is None  # no page before the first
        change = flow.apply(GoHome())
        assert change.show == Place("home") and change.direction == -1
        assert kinds() == ["SessionStarted", "LanguageUsed", "ZoneEntered", "PageViewed",
                           "PageViewed", "PageViewed", "ZoneLeft"]
        pages = [e.page_id for e in events if type(e).__name__ == "PageViewed"]
        assert pages == [zone.pages[0].id, zone.pages[1].id, zone.pages[0].id]
    """)


def test_modes_are_counted_where_switched_and_finish_resets_the_visit():
    run_without_pygame("""
        flow.apply(StartVisit())
        flow.apply(SetLanguage("kk", then_home=True))
        flow.apply(OpenZone(zone.id))
        change = flow.apply(ToggleMode("large_text"))
        assert change.modes and change.rebuild and flow.state.large_text
        a11y = events[-1]
        assert (a11y.kind, a11y.item, a11y.value) == ("a11y", "large-text", "on")
        assert (a11y.zone_id, a11y.page_id) == (zone.id, zone.pages[0].id)
        change = flow.apply(Finish())
        assert change.show == REST and change.reset and change.direction == -1
        assert flow.state.language == config.default_language and not flow.state.large_text
        assert events[-1].reason == "finished"
    """)


def test_staff_at_work_are_not_counted_and_the_timeout_resets():
    run_without_pygame("""
        assert flow.apply(StaffAction("pin")).staff == "pin"
        flow.apply(StaffAction("open"))
        flow.apply(StaffAction("maintenance"))
        assert flow.state.maintenance
        flow.apply(StaffAction("close"))
        flow.apply(StartVisit())
        assert events == [] and flow.state.place == Place("language")
        flow.apply(StaffAction("maintenance"))
        flow.apply(StartVisit())
        assert kinds() == ["SessionStarted"]
        assert flow.tick() is None
        clock.advance(config.idle_timeout_s + 1)
        change = flow.tick()
        assert change is not None and change.show == REST and events[-1].reason == "timeout"
        assert flow.apply(StaffAction("quit")).staff == "quit"  # the kiosk's to carry out
    """)


def test_unknown_languages_change_nothing_and_interactions_are_counted():
    run_without_pygame("""
        flow.apply(StartVisit())
        assert flow.apply(SetLanguage("xx")).rebuild is False
        assert flow.state.language == config.default_language
        flow.apply(Interacted(zone.id, zone.pages[0].id, "quiz", "q1", "2", True))
        assert kinds() == ["SessionStarted", "Interaction"] and events[-1].correct is True
        flow.count_entry()
        assert kinds()[-1] == "EntryCounted"
    """)


def test_the_likely_next_screens_are_the_next_page_then_home_then_the_page_before():
    run_without_pygame("""
        assert flow.likely_next() == [Place("language")]
        flow.apply(StartVisit())
        assert flow.likely_next() == [Place("home")]
        flow.apply(SetLanguage("en", then_home=True))
        flow.arrived(Place("home"))
        assert flow.likely_next() == [Place("zone", z.id, 0) for z in exhibit.zones]
        flow.apply(OpenZone(zone.id))
        flow.arrived(Place("zone", zone.id, 0))
        assert flow.likely_next() == [Place("zone", zone.id, 1), Place("home")]
        last = len(zone.pages) - 1
        flow.arrived(Place("zone", zone.id, last))
        assert flow.likely_next() == [Place("home"), Place("zone", zone.id, last - 1)]
        flow.arrived(Place("staff"))
        assert flow.likely_next() == []
    """)
