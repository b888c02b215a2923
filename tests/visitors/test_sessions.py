"""The session state machine on a virtual clock: start, dwell, timeout, trailing idle."""

from __future__ import annotations

import itertools

from kiosk.clock import VirtualClock
from kiosk.visitors.sessions import (
    Activity,
    LanguageUsed,
    PageViewed,
    SessionEnded,
    SessionStarted,
    VisitTracker,
    ZoneEntered,
    ZoneLeft,
)

T0 = 1_504_771_200.0  # 2017-09-07 08:00 UTC


def make(timeout: float = 60):
    clock = VirtualClock(T0)
    events: list = []
    ids = (f"s{i}" for i in itertools.count(1))
    tracker = VisitTracker("k1", timeout, clock, events.append, new_id=lambda: next(ids))
    return tracker, clock, events


def kinds(events, kind):
    return [e for e in events if isinstance(e, kind)]


def test_a_visit_from_start_to_timeout():
    tracker, clock, events = make()
    tracker.start()
    clock.advance(2)
    tracker.touch()
    tracker.use_language("en")
    clock.advance(3)
    tracker.touch()
    tracker.enter_zone("forest")
    tracker.view_page("forest", "wealth")
    clock.advance(20)
    tracker.touch()
    tracker.view_page("forest", "co2")
    # The visitor walks away: nothing happens until the timeout.
    clock.advance(59.9)
    assert not tracker.tick()
    clock.advance(0.1)
    assert tracker.tick()
    assert not tracker.active

    assert events[0] == SessionStarted("s1", "k1", T0)
    assert kinds(events, LanguageUsed) == [LanguageUsed("s1", "en", T0 + 2)]
    assert kinds(events, ZoneEntered) == [ZoneEntered("s1", 1, "forest", T0 + 5)]
    assert [p.page_id for p in kinds(events, PageViewed)] == ["wealth", "co2"]
    # Dwell and length end at the last touch (t=25), not at the reset (t=85).
    assert kinds(events, ZoneLeft) == [ZoneLeft("s1", 1, T0 + 25, 20.0)]
    assert events[-1] == SessionEnded("s1", T0 + 25, 25.0, "timeout")


def test_touches_postpone_the_timeout():
    tracker, clock, _ = make(timeout=60)
    tracker.start()
    for _ in range(5):
        clock.advance(50)
        tracker.touch()
        assert not tracker.tick()
    clock.advance(60)
    assert tracker.tick()


def test_leaving_a_zone_counts_its_dwell_and_a_new_zone_starts_fresh():
    tracker, clock, events = make()
    tracker.start()
    tracker.enter_zone("forest")
    clock.advance(12)
    tracker.touch()
    tracker.enter_zone("regions")  # straight from one zone to another
    clock.advance(8)
    tracker.touch()
    tracker.leave_zone()
    assert [(e.seq, e.dwell_s) for e in kinds(events, ZoneLeft)] == [(1, 12.0), (2, 8.0)]


def test_activity_is_reported_at_most_once_a_second():
    tracker, clock, events = make()
    tracker.start()
    for _ in range(30):
        clock.advance(0.1)
        tracker.touch()
    assert len(kinds(events, Activity)) == 3


def test_each_language_is_recorded_once():
    tracker, _, events = make()
    tracker.start()
    for code in ("pl", "en", "pl", "kk", "en"):
        tracker.use_language(code)
    assert [e.language for e in kinds(events, LanguageUsed)] == ["pl", "en", "kk"]


def test_nothing_is_recorded_without_a_session():
    tracker, clock, events = make()
    tracker.touch()
    tracker.enter_zone("forest")
    tracker.view_page("forest", "x")
    clock.advance(600)
    assert not tracker.tick()
    assert events == []


def test_ending_on_purpose_and_a_second_visitor():
    tracker, clock, events = make()
    tracker.start()
    clock.advance(10)
    tracker.touch()
    tracker.end("finished")
    clock.advance(5)
    tracker.start()
    assert kinds(events, SessionEnded) == [SessionEnded("s1", T0 + 10, 10.0, "finished")]
    assert kinds(events, SessionStarted)[1] == SessionStarted("s2", "k1", T0 + 15)


def test_a_film_holds_the_timeout_until_its_end_and_each_play_is_recorded_when_it_ends():
    from kiosk.visitors.sessions import FilmWatched

    tracker, clock, events = make(timeout=60)
    tracker.start()
    clock.advance(5)
    tracker.touch()
    tracker.film_started("z", "film", "kk", left_s=20, length_s=20)
    assert tracker.idle_deadline() == 1000 + 5 + 20 + 60
    clock.advance(8)
    tracker.film_stopped(leaving=False)  # paused at 8 s: the timeout counts from now
    assert tracker.idle_deadline() == 1000 + 13 + 60
    clock.advance(30)
    tracker.touch()
    tracker.film_started("z", "film", "kk", left_s=12, length_s=20)  # the same play goes on
    clock.advance(100)  # nobody touches: the film ended 12 s in, the timeout 60 s after
    assert tracker.tick()
    (play,) = kinds(events, FilmWatched)
    assert (play.seq, play.watched_s, play.length_s, play.completed, play.language) == (
        1,
        20.0,
        20.0,
        True,
        "kk",
    )
    assert play.at == T0 + 5
    (ended,) = kinds(events, SessionEnded)
    assert ended.duration_s == 5 + 8 + 30 + 12  # to the film's end, not to the reset


def test_a_film_left_half_way_is_an_incomplete_play():
    from kiosk.visitors.sessions import FilmWatched

    tracker, clock, events = make()
    tracker.start()
    tracker.film_started("z", "film", "", left_s=20, length_s=20)
    clock.advance(7)
    tracker.touch()
    tracker.film_stopped()  # the visitor turned the page
    (play,) = kinds(events, FilmWatched)
    assert (play.watched_s, play.completed, play.language) == (7.0, False, "")
    assert tracker.idle_deadline() == 1000 + 7 + 60
