"""Opening hours in the running kiosk: closed at night, nothing counted, a visit ended by closing
time, the attract loop at opening, staff's word, /metrics, the screen's blanking, a replay."""

from __future__ import annotations

import json
from datetime import datetime

import pygame

from kiosk.clock import VirtualClock
from kiosk.config import Config
from kiosk.staff import StaffSecrets
from kiosk.ui.app import KioskApp
from kiosk.ui.input import Pointer
from kiosk.ui.scenes.closed import CARD_ON_TOUCH_S
from kiosk.ui.theme import contrast_ratio
from kiosk.ui.window import WindowLoop
from kiosk.visit.intents import Finish
from kiosk.visitors import reports
from kiosk.visitors.sessions import SessionEnded, SessionStarted
from kiosk.web.metrics import Reading, exposition
from tests.running import run_cli
from tests.scrape import Scrape

HOURS = {"hours": "10:00-20:00", "closed_dates": ["2026-06-03"]}


def at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=Config().tz).timestamp()


def make_app(shipped, start: str, tmp_path=None, **schedule):
    config, exhibit = shipped
    data = {"schedule": {**HOURS, **schedule}}
    if tmp_path is not None:
        data["store_path"] = str(tmp_path / "visitors.db")
    site = Config.model_validate(data).with_base(config.base_dir)
    clock = VirtualClock(at(start))
    events = []
    return KioskApp(site, exhibit, (1920, 1080), clock, events.append), clock, events


def tap(app, widget_id):
    x, y = app.widget_centre(widget_id)
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


def touch(app, x=960, y=540):
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


def test_at_night_the_closed_card_shows_and_touches_count_nothing(shipped):
    app, clock, events = make_app(shipped, "2026-06-01T22:00")
    assert app.scene.name == "closed" and not app.hours.open
    assert not app.scene.targets  # nothing on it leads a visitor in
    for _ in range(5):
        touch(app)
        clock.advance(1)
        app.update()
    app.count_entry()  # the cleaners through the door
    assert app.scene.name == "closed" and events == [] and not app.tracker.active
    assert app.live()["open"] is False
    nobody = reports.summary(None, app.config.tz)
    text = exposition([Reading("k", nobody, app.live())], reports.today(app.config.tz)).decode()
    assert Scrape(text).value("kiosk_open", kiosk="k") == 0
    # The closed dates too, in daytime.
    app, _, _ = make_app(shipped, "2026-06-03T12:00")
    assert app.scene.name == "closed"


def test_a_visit_still_open_at_closing_time_ends_as_closed_then_opening_time_brings_the_attract_loop(shipped):
    app, clock, events = make_app(shipped, "2026-06-01T19:59:00")
    assert app.scene.name == "attract" and app.hours.open
    tap(app, "attract")
    tap(app, "lang:en")
    clock.advance(30)  # 19:59:30, the visitor reads on
    touch(app, 960, 700)
    clock.advance(1)
    for _ in range(10):  # the quiet passes that build the likely next screens
        app.update()
    assert app.tracker.active
    assert 0 < app.next_wakeup() <= 29  # the kiosk wakes for closing time, whatever the visitor does
    clock.advance(29)
    app.update()
    ended = [e for e in events if isinstance(e, SessionEnded)]
    assert [e.reason for e in ended] == ["closed"] and ended[0].duration_s == 30.0
    assert app.scene.name == "closed" and not app.tracker.active and app.language == "pl"
    clock.advance(1)  # the slide to the closed card
    app.update()
    assert app.next_wakeup() == 60.0  # closed till morning: it looks at the clock once a minute
    # Overnight in one step, as after a suspended machine: the next look opens it.
    clock.advance(14 * 3600 - 2)
    app.update()
    assert app.scene.name == "closed"
    clock.advance(1)
    app.update()
    assert app.scene.name == "attract" and app.hours.open
    tap(app, "attract")
    assert sum(isinstance(e, SessionStarted) for e in events) == 2


def test_staff_open_the_kiosk_after_hours_until_the_next_opening(shipped, tmp_path):
    app, clock, events = make_app(shipped, "2026-06-01T21:00", tmp_path)
    StaffSecrets.shared(app.config.staff_file, clock).set("pin", "4711")
    app.pointer(Pointer("down", *app.staff_door.corner(app.metrics).center))
    clock.advance(3.1)
    app.update()
    for key in "4711":
        tap(app, f"pin:{key}")
    tap(app, "pin:ok")
    assert app.scene.name == "staff"
    assert "closed until Tue 10:00" in app.hours.status()
    tap(app, "staff:hours")  # "Open now"
    assert app.hours.open and app.hours.status() == "open by staff until Tue 10:00"
    assert app.scene.name == "staff"  # staff see it first; visitors once they close the screen
    tap(app, "staff:close")
    assert app.scene.name == "attract"
    tap(app, "attract")
    assert app.tracker.active  # this visitor counts: staff opened the kiosk
    app.apply(Finish("finished"))
    # 10:00 the next day: the schedule's word again, the kiosk still open, no change on screen.
    clock.advance(13 * 3600)
    app.update()
    assert app.hours.open and not app.hours.opening.by_staff() and app.scene.name == "attract"
    assert app.hours.status() == "open until Tue 20:00"


def test_a_dark_closed_screen_lets_the_system_blank_it_and_wakes_to_a_touch(shipped):
    app, clock, _ = make_app(shipped, "2026-06-01T19:59:50", when_closed="dark")
    surface = pygame.display.set_mode((1920, 1080))
    loop = WindowLoop(app, surface, 0, allow_quit=False)
    loop.step([])
    assert not pygame.display.get_allow_screensaver()  # open: the screen never blanks
    clock.advance(10)
    loop.step([])
    clock.advance(1)  # the slide to the closed screen has ended
    loop.step([])
    assert app.scene.name == "closed" and app.screen_may_blank
    assert pygame.display.get_allow_screensaver()
    assert surface.get_at((960, 540))[:3] == (0, 0, 0)
    touch(app)  # someone tries: the card shows for a while, and the screen stays on meanwhile
    loop.step([])
    assert not pygame.display.get_allow_screensaver()
    assert surface.get_at((960, 540))[:3] != (0, 0, 0)
    clock.advance(CARD_ON_TOUCH_S)
    loop.step([])
    assert pygame.display.get_allow_screensaver() and surface.get_at((960, 540))[:3] == (0, 0, 0)
    clock.advance(14 * 3600)  # 10:00: open, blanking off again
    loop.step([])
    assert app.hours.open and not pygame.display.get_allow_screensaver()


def test_a_replay_across_closing_time_records_the_visit_as_closed(project, tmp_path):
    text = project.read_text()
    project.write_text(
        text.replace("  hours:                     # empty", '  hours: "10:00-20:00"      # empty')
    )
    script = tmp_path / "closing.yaml"
    script.write_text(
        "- {at: 2, tap: attract}\n"
        "- {at: 4, tap: 'lang:en'}\n"
        "- {at: 20, tap: 'zone:forest'}\n"
        "- {at: 70, screenshot: closed}\n"
        "- {at: 75, tap: [960, 540]}\n"  # a touch on the closed card
        "- {at: 90, quit: true}\n"
    )
    shots = tmp_path / "shots"
    run = run_cli(
        "run", "--headless", "--replay", str(script), "--screenshots", str(shots),
        "--config", str(project), "--start", "2026-06-01T19:59",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert (shots / "closed.png").is_file()
    report = json.loads(run_cli("stats", "--json", "--config", str(project)).stdout)
    assert report["sessions"] == 1 and report["end_reasons"] == {"closed": 1}
    assert report["open_hours"]["19"] == 1.0 and report["open_hours"]["20"] == 0.0  # closed, not empty
    assert report["zones"]["forest"]["dwell_s"] == 0.0  # the last touch was the zone's first


def test_the_closed_card_says_when_the_kiosk_opens_in_every_language_with_no_text_cut(shipped):
    app, _, _ = make_app(shipped, "2026-06-02T21:00")  # Tuesday evening; Wednesday is a closed date
    shown = {written.text: written for written in app.type.record}
    for words in ("Zamknięte", "Closed", "Жабық", "Закрыто", "Otwieramy w czwartek o 10:00",
                  "We open on Thursday at 10:00", "Бейсенбі күні сағат 10:00-де ашыламыз",
                  "Откроемся в четверг в 10:00"):  # fmt: skip
        assert words in shown and not shown[words].cut, words
        assert contrast_ratio(shown[words].colour, shown[words].background) >= 4.5, words


def test_the_dashboard_sets_visitors_against_the_hours_the_kiosk_was_open(tmp_path):
    from starlette.testclient import TestClient

    from kiosk.web.app import create_app
    from tests.web.test_web import PASSWORD, Figures, basic, record_visiting_day

    # Closed 01:00-02:00 only, so that some open time has passed whenever the test runs.
    config = Config.model_validate({"schedule": {"hours": "00:00-01:00, 02:00-24:00"}}).with_base(tmp_path)
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    record_visiting_day(config)
    today = reports.today(config.tz)
    english = {**basic(PASSWORD), "Accept-Language": "en"}  # the config's staff would read Polish
    page = TestClient(create_app(config)).get(f"/?from={today}&to={today}", headers=english)
    shown = Figures(page.text).values
    assert "sessions_per_open_hour" in shown and "Per open hour" in page.text
    assert "hour:00:sessions" in shown and "hour:23:sessions" in shown  # open, even if nobody came
    assert "01:00–02:00 (closed)" in page.text
