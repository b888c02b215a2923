"""Opening hours, pure: weekdays, closed dates, overnight hours, DST, staff's word, clock jumps."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from kiosk.clock import VirtualClock
from kiosk.config import ConfigError, load_config
from kiosk.schedule import Opening, Schedule, parse_closed, parse_hours

ALMATY = ZoneInfo("Asia/Almaty")
WARSAW = ZoneInfo("Europe/Warsaw")


def at(text: str, tz=ALMATY) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=tz).timestamp()


def local(moment: float, tz=ALMATY) -> str:
    return datetime.fromtimestamp(moment, tz).strftime("%a %Y-%m-%d %H:%M")


def week(**days: str) -> tuple:
    names = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
    return tuple(tuple(parse_hours(days.get(name, "closed"))) for name in names)


WORKWEEK = week(
    mon="closed", tue="10:00-20:00", wed="10:00-20:00", thu="10:00-22:00", fri="10:00-20:00",
    sat="10:00-13:00, 14:00-20:00", sun="10:00-18:00",
)  # fmt: skip


def test_hours_are_read_as_a_curator_writes_them():
    assert parse_hours("10:00-20:00") == [(600, 1200)]
    assert parse_hours(" 9:30 - 13:00 ,14:00-24:00") == [(570, 780), (840, 1440)]
    assert parse_hours("18:00-02:00") == [(1080, 1560)]  # overnight: closes the next day
    assert parse_hours("Closed") == []
    for bad, why in [
        (600, "open-close"),  # a number
        ("10-20", "not open-close"),
        ("10:00-10:00", "same time"),
        ("24:30-25:00", "not open-close"),
        ("10:00-14:00, 13:00-20:00", "overlap"),
    ]:
        with pytest.raises(ValueError, match=why):
            parse_hours(bad)
    assert parse_closed(date(2026, 12, 25)) == (date(2026, 12, 25),) * 2
    assert parse_closed("2026-12-24..2026-12-26") == (date(2026, 12, 24), date(2026, 12, 26))


def test_each_weekday_keeps_its_own_hours():
    s = Schedule(ALMATY, WORKWEEK)
    # 2026-06-01 is a Monday: closed all day.
    assert not s.is_open(at("2026-06-01T12:00"))
    assert not s.is_open(at("2026-06-02T09:59"))
    assert s.is_open(at("2026-06-02T10:00"))
    assert s.is_open(at("2026-06-02T19:59:59"))
    assert not s.is_open(at("2026-06-02T20:00"))
    assert s.is_open(at("2026-06-04T21:30"))  # Thursday runs late
    assert not s.is_open(at("2026-06-06T13:30"))  # Saturday's lunch break
    assert s.is_open(at("2026-06-06T14:00"))
    assert local(s.next_change(at("2026-06-01T12:00"))) == "Tue 2026-06-02 10:00"
    assert local(s.next_change(at("2026-06-02T10:00"))) == "Tue 2026-06-02 20:00"
    assert local(s.next_change(at("2026-06-06T12:00"))) == "Sat 2026-06-06 13:00"
    assert local(s.next_change(at("2026-06-07T18:00"))) == "Tue 2026-06-09 10:00"  # Sunday evening


def test_closed_dates_and_runs_of_them_close_whole_days():
    s = Schedule(ALMATY, WORKWEEK, (parse_closed(date(2026, 6, 3)), parse_closed("2026-06-05..2026-06-06")))
    assert not s.is_open(at("2026-06-03T12:00"))
    assert s.is_open(at("2026-06-04T12:00"))
    assert not s.is_open(at("2026-06-06T12:00"))
    assert local(s.next_change(at("2026-06-02T15:00"))) == "Tue 2026-06-02 20:00"
    assert local(s.next_change(at("2026-06-02T20:00"))) == "Thu 2026-06-04 10:00"
    assert local(s.next_opening(at("2026-06-04T12:00"))) == "Sun 2026-06-07 10:00"


def test_no_hours_is_always_open_and_never_changes():
    s = Schedule(ALMATY)
    assert s.always_open and s.is_open(at("2026-06-01T03:00"))
    assert s.next_change(at("2026-06-01T03:00")) is None
    # Closed dates alone: open round the clock, but not on those days.
    s = Schedule(ALMATY, None, (parse_closed("2026-06-02"),))
    assert s.is_open(at("2026-06-01T23:59")) and not s.is_open(at("2026-06-02T00:00"))
    assert local(s.next_change(at("2026-06-01T12:00"))) == "Tue 2026-06-02 00:00"
    assert local(s.next_change(at("2026-06-02T12:00"))) == "Wed 2026-06-03 00:00"


def test_overnight_hours_belong_to_the_day_they_open():
    s = Schedule(ALMATY, week(fri="18:00-02:00", sat="10:00-02:00"), (parse_closed("2026-06-06"),))
    assert s.is_open(at("2026-06-05T23:00"))
    # Saturday is a closed date, but Friday's night runs into it: it closes at 02:00.
    assert s.is_open(at("2026-06-06T01:59"))
    assert not s.is_open(at("2026-06-06T02:00"))
    assert local(s.next_change(at("2026-06-05T20:00"))) == "Sat 2026-06-06 02:00"
    # Round the clock: a stretch that runs into the next is one stretch, no change at midnight.
    s = Schedule(ALMATY, week(mon="00:00-24:00", tue="00:00-24:00"))
    assert local(s.next_change(at("2026-06-01T12:00"))) == "Wed 2026-06-03 00:00"


def test_opening_hours_keep_the_wall_clock_across_dst_changes():
    s = Schedule(WARSAW, week(sat="10:00-20:00", sun="01:00-04:00"))
    # Warsaw springs forward on 2026-03-29 (Sunday) at 02:00 and falls back on 2026-10-25.
    opens, closes = (
        s.next_change(at("2026-03-28T09:00", WARSAW)),
        s.next_change(at("2026-03-28T12:00", WARSAW)),
    )
    assert local(opens, WARSAW) == "Sat 2026-03-28 10:00" and closes - opens == 10 * 3600
    spring = at("2026-03-29T00:30", WARSAW)
    assert local(s.next_change(spring), WARSAW) == "Sun 2026-03-29 01:00"
    assert (
        s.next_change(s.next_change(spring)) - s.next_change(spring) == 2 * 3600
    )  # 01:00-04:00 lost an hour
    autumn = at("2026-10-25T00:30", WARSAW)
    assert s.next_change(s.next_change(autumn)) - s.next_change(autumn) == 4 * 3600  # and gained one
    assert local(s.next_change(at("2026-10-25T05:00", WARSAW)), WARSAW) == "Sat 2026-10-31 10:00"
    # Reports count open time in real hours: the short Sunday gave two.
    assert s.open_seconds(at("2026-03-28T00:00", WARSAW), at("2026-03-30T00:00", WARSAW)) == 12 * 3600


def test_open_seconds_count_only_open_time_inside_the_span():
    s = Schedule(ALMATY, WORKWEEK)
    day = at("2026-06-06T00:00")
    assert s.open_seconds(day, day + 86400) == 9 * 3600  # Saturday, lunch break out
    assert s.open_seconds(at("2026-06-06T12:30"), at("2026-06-06T14:30")) == 3600
    assert s.open_seconds(at("2026-06-01T00:00"), at("2026-06-08T00:00")) == (10 * 3 + 12 + 9 + 8) * 3600


def test_staff_open_or_close_until_the_next_scheduled_change():
    clock = VirtualClock(at("2026-06-02T19:00"))  # a Tuesday, open until 20:00
    opening = Opening(Schedule(ALMATY, WORKWEEK), clock)
    assert opening.is_open() and not opening.by_staff()
    assert opening.toggle() is False  # "close now"
    assert not opening.is_open() and opening.by_staff()
    assert opening.seconds_to_change() == 3600
    clock.advance(3600)  # 20:00: the schedule closes anyway, and takes over again
    assert not opening.is_open() and not opening.by_staff()
    assert opening.toggle() is True  # "open now" in the evening: until tomorrow's opening
    assert opening.is_open() and opening.seconds_to_change() == 14 * 3600
    assert opening.toggle() is False and not opening.by_staff()  # and back: the schedule's word


def test_a_clock_that_jumps_leaves_the_kiosk_neither_stuck_open_nor_stuck_closed():
    class Jumpy(VirtualClock):
        def __init__(self, wall):
            super().__init__(wall)
            self.offset = 0.0

        def wall(self):
            return super().wall() + self.offset

    clock = Jumpy(at("2026-06-02T19:00"))
    opening = Opening(Schedule(ALMATY, WORKWEEK), clock)
    opening.toggle()  # staff close for the hour left
    clock.offset = -6 * 3600.0  # the clock steps back to 13:00: staff's hour still lasts an hour
    clock.advance(3599)
    assert not opening.is_open() and opening.seconds_to_change() == 1
    clock.advance(1)
    assert not opening.by_staff() and opening.is_open()  # 14:00 by the clock: the schedule's word
    clock.offset = 0.0  # NTP puts it right: 20:00, read afresh, closed
    assert not opening.is_open()
    # A clock that reads 1970 (no battery, before NTP) does not keep visitors out.
    clock = VirtualClock(0.0)
    opening = Opening(Schedule(ALMATY, WORKWEEK), clock, plausible_from=1_483_228_800.0)
    assert opening.is_open() and opening.seconds_to_change() is None


def test_schedule_settings_give_errors_with_their_line(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text(
        "schedule:\n"
        "  hours:\n"
        "    mon: 10:00\n"  # the text "10:00" (YAML 1.2), never 600
        "    tue: 10:00-25:00\n"
        "    wed: closed\n"
        "  closed_dates: [2026-12-25, xmas]\n"
        "  when_closed: dim\n"
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    lines = str(caught.value).splitlines()
    assert f"{path}:3: schedule.hours.mon: '10:00' is not open-close like 10:00-20:00 (or closed)" in lines
    assert any(line.startswith(f"{path}:4: schedule.hours.tue: '10:00-25:00'") for line in lines)
    assert any(line.startswith(f"{path}:2: schedule.hours.thu: Field required") for line in lines)
    assert any(line.startswith(f"{path}:6: schedule.closed_dates.1: 'xmas'") for line in lines)
    assert any(line.startswith(f"{path}:7: schedule.when_closed:") for line in lines)
    path.write_text("schedule:\n  hours: closed\n")
    with pytest.raises(ConfigError, match="config.yaml:2: schedule.hours: the kiosk would never open"):
        load_config(path)
    path.write_text("schedule:\n  hours: 10:00-20:00\n  closed_dates: [2026-12-24..2026-12-26]\n")
    s = load_config(path).opening_hours
    assert s.is_open(at("2026-12-23T12:00")) and not s.is_open(at("2026-12-25T12:00"))
    path.write_text("kiosk_id: hall-a\n")  # no schedule: always open, as before
    assert load_config(path).opening_hours.always_open
