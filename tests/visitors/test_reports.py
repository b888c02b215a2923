"""Reports in the pavilion's time zone: days cut at local midnight, across DST too."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from kiosk.visitors import reports, store
from kiosk.visitors.report import Counts, ZoneFigures
from kiosk.visitors.sessions import (
    LanguageUsed,
    PageViewed,
    SessionEnded,
    SessionStarted,
    ZoneEntered,
    ZoneLeft,
)

ALMATY = ZoneInfo("Asia/Almaty")


def utc(*args) -> float:
    return datetime(*args, tzinfo=timezone.utc).timestamp()


def visit(sid, start, length, zones=(), languages=("pl",), reason="timeout"):
    events = [SessionStarted(sid, "k1", start)]
    events += [LanguageUsed(sid, code, start + 1) for code in languages]
    seq = 0
    for zone_id, dwell in zones:
        seq += 1
        events.append(ZoneEntered(sid, seq, zone_id, start + 2))
        events.append(ZoneLeft(sid, seq, start + 2 + dwell, dwell))
        seq += 1
        events.append(PageViewed(sid, seq, zone_id, "p1", start + 2))
    events.append(SessionEnded(sid, start + length, length, reason))
    return events


def db(tmp_path, events):
    conn = store.connect(tmp_path / "v.db")
    store.write(conn, events)
    return conn


def test_summary_counts_sessions_zones_languages(tmp_path):
    conn = db(
        tmp_path,
        [
            *visit("a", utc(2017, 9, 7, 4, 0), 100, [("forest", 40), ("regions", 30)], ("pl", "en")),
            *visit("b", utc(2017, 9, 7, 5, 30), 50, [("forest", 20)], ("kk",), "finished"),
        ],
    )
    report = reports.summary(conn, ALMATY)
    assert report.sessions == 2
    assert report.avg_session_s == 75.0
    assert report.zones == {"forest": ZoneFigures(2, 60.0), "regions": ZoneFigures(1, 30.0)}
    assert list(report.zones) == ["forest", "regions"]  # ranked by views
    assert report.languages == {"en": 1, "kk": 1, "pl": 1}
    assert report.end_reasons == {"finished": 1, "timeout": 1}
    assert report.pages == {"forest": {"p1": 2}, "regions": {"p1": 1}}


def test_days_and_hours_are_local_to_the_pavilion(tmp_path):
    # 19:30 UTC on 6 September is already 7 September in Almaty (UTC+6 in 2017).
    conn = db(
        tmp_path,
        [*visit("late", utc(2017, 9, 6, 19, 30), 30), *visit("noon", utc(2017, 9, 7, 6, 0), 30)],
    )
    report = reports.summary(conn, ALMATY)
    assert report.days == {date(2017, 9, 7): Counts(sessions=2)}
    assert report.hours == {1: Counts(sessions=1), 12: Counts(sessions=1)}
    assert report.hour(2) == report.day(date(2017, 9, 6)) == Counts(0, 0)
    only_6th = reports.summary(conn, ALMATY, date(2017, 9, 6), date(2017, 9, 6))
    assert only_6th.sessions == 0


def test_a_dst_day_is_cut_at_local_midnight(tmp_path):
    warsaw = ZoneInfo("Europe/Warsaw")  # 29 Oct 2017: clocks went back, a 25-hour day
    conn = db(
        tmp_path,
        [
            *visit("first", utc(2017, 10, 28, 22, 30), 10),  # 00:30 local, CEST
            *visit("last", utc(2017, 10, 29, 22, 30), 10),  # 23:30 local, CET
            *visit("next", utc(2017, 10, 29, 23, 30), 10),  # 00:30 on the 30th
        ],
    )
    report = reports.summary(conn, warsaw, date(2017, 10, 29), date(2017, 10, 29))
    assert report.sessions == 2
    assert report.days == {date(2017, 10, 29): Counts(sessions=2)}


def test_a_week_adds_up_to_its_days(tmp_path):
    # Visits every 7 hours for a week, so some fall just before and after local midnight
    # (18:00 UTC in Almaty): a range adds whole UTC days and the slots at its ragged edges.
    zones = ["forest", "regions", "technologies"]
    events = []
    for i in range(24):
        start = utc(2017, 9, 4, 17, 50) + i * 7 * 3600
        events += visit(f"v{i}", start, 60 + i, [(zones[i % 3], 10 + i)], (("pl", "en", "kk", "ru")[i % 4],))
    conn = db(tmp_path, events)
    week = reports.summary(conn, ALMATY, date(2017, 9, 5), date(2017, 9, 10))
    days = [reports.summary(conn, ALMATY, date(2017, 9, d), date(2017, 9, d)) for d in range(5, 11)]
    assert week.sessions == sum(day.sessions for day in days) == 20
    assert week.days == {day.day_from: day.day(day.day_from) for day in days}
    none = ZoneFigures(0, 0.0)
    for zone in zones:
        assert week.zones[zone].views == sum(d.zones.get(zone, none).views for d in days)
        assert week.zones[zone].dwell_s == sum(d.zones.get(zone, none).dwell_s for d in days)
    for code in ("pl", "en", "kk", "ru"):
        assert week.languages[code] == sum(d.languages.get(code, 0) for d in days)
    seconds = sum(day.avg_session_s * day.sessions for day in days)
    assert week.avg_session_s == round(seconds / week.sessions, 1)


def test_hours_follow_the_clock_across_a_dst_change(tmp_path):
    warsaw = ZoneInfo("Europe/Warsaw")  # clocks went back from 03:00 CEST to 02:00 CET
    conn = db(
        tmp_path,
        [
            *visit("sat", utc(2017, 10, 27, 22, 30), 10),  # 28th, 00:30 CEST
            *visit("before", utc(2017, 10, 29, 0, 30), 10),  # 29th, 02:30 CEST
            *visit("after", utc(2017, 10, 29, 1, 30), 10),  # 29th, 02:30 CET, an hour later
            *visit("mon", utc(2017, 10, 29, 23, 30), 10),  # 30th, 00:30 CET
        ],
    )
    report = reports.summary(conn, warsaw, date(2017, 10, 1), date(2017, 11, 30))
    assert {day.isoformat(): d.sessions for day, d in report.days.items()} == {
        "2017-10-28": 1,
        "2017-10-29": 2,
        "2017-10-30": 1,
    }
    assert {hour: h.sessions for hour, h in report.hours.items()} == {0: 2, 2: 2}


def test_a_year_in_warsaw_is_three_runs_of_one_clock():
    first, last = int(utc(2017, 1, 1) // 900), int(utc(2018, 1, 1) // 900)
    runs = reports._offset_runs(ZoneInfo("Europe/Warsaw"), first, last)
    spring, autumn = int(utc(2017, 3, 26, 1) // 900), int(utc(2017, 10, 29, 1) // 900)
    assert runs == [(first, spring, 3600), (spring, autumn, 7200), (autumn, last, 3600)]
    assert reports._offset_runs(ALMATY, first, last) == [(first, last, 6 * 3600)]


def test_a_half_hour_offset_places_slots_on_the_right_hour(tmp_path):
    kolkata = ZoneInfo("Asia/Kolkata")  # UTC+5:30
    conn = db(tmp_path, [*visit("a", utc(2017, 9, 6, 18, 15), 10), *visit("b", utc(2017, 9, 6, 18, 30), 10)])
    report = reports.summary(conn, kolkata)
    assert list(report.days) == [date(2017, 9, 6), date(2017, 9, 7)]  # 23:45 and 00:00 local
    assert list(report.hours) == [0, 23]


def test_no_store_yet_reports_zero(tmp_path):
    assert reports.open_readonly(tmp_path / "none.db") is None
    assert reports.summary(None, ALMATY).sessions == 0


def test_csv_has_one_figure_per_row(tmp_path):
    conn = db(tmp_path, visit("a", utc(2017, 9, 7, 4, 0), 100, [("forest", 40)]))
    text = reports.to_csv(reports.summary(conn, ALMATY))
    assert text.splitlines()[0] == "section,key,value"
    assert "zone_views,forest,1" in text
    assert "day_sessions,2017-09-07,1" in text


def test_entries_and_several_kiosks_add_up(tmp_path):
    from kiosk.visitors.sessions import EntryCounted

    a = store.connect(tmp_path / "a.db")
    b = store.connect(tmp_path / "b.db")
    store.write(a, visit("a1", utc(2017, 9, 7, 4, 0), 100, [("forest", 40)], ("pl",)))
    store.write(b, visit("b1", utc(2017, 9, 7, 4, 30), 50, [("forest", 20)], ("en",)))
    store.write(a, [EntryCounted(f"door-{i}", "door", utc(2017, 9, 7, 3, 59) + i, 1) for i in range(5)])
    store.write(a, [EntryCounted("door-0", "door", utc(2017, 9, 7, 3, 59), 1)])  # a retried pulse
    store.write(b, [EntryCounted("sensor-1", "sensor", utc(2017, 9, 7, 5, 0), 12)])
    files = reports.store_files([tmp_path])
    assert [f.name for f in files] == ["a.db", "b.db"]
    conns = [reports.open_readonly(f) for f in files]
    report = reports.summary(conns, ALMATY)
    assert report.sessions == 2 and report.entries == 17
    assert report.avg_session_s == 75.0
    assert report.kiosks == {"k1": 2}
    assert report.zones["forest"] == ZoneFigures(views=2, dwell_s=60.0)
    # Almaty is UTC+6: the door counted from 09:59, visitors came at 10:00 and 10:30.
    assert report.hours == {9: Counts(0, 5), 10: Counts(2, 0), 11: Counts(0, 12)}
    assert reports.rows_by(report, "hour")[0] == ["hour", "sessions", "entries"]
    assert reports.to_csv(report, "language").splitlines() == ["language,sessions", "en,1", "pl,1"]


def test_a_store_from_an_older_kiosk_is_read_not_changed(tmp_path):
    import sqlite3

    old = sqlite3.connect(tmp_path / "old.db")
    for statement in store._statements(store.MIGRATIONS[0]):  # schema version 1 only
        old.execute(statement)
    old.execute("PRAGMA user_version = 1")
    store.write(old, visit("a", utc(2017, 9, 7, 4, 0), 60, [("forest", 30)]))
    old.commit()
    old.close()
    report = reports.summary(reports.open_readonly(tmp_path / "old.db"), ALMATY)
    assert report.sessions == 1 and report.zones["forest"].views == 1 and report.entries == 0
    check = sqlite3.connect(tmp_path / "old.db")
    assert check.execute("PRAGMA user_version").fetchone()[0] == 1  # an older kiosk can still open it


def test_stats_on_a_file_that_is_not_a_store(tmp_path, capsys):
    from kiosk.cli import main

    (tmp_path / "notes.db").write_text("not a database")
    assert main(["stats", "--db", str(tmp_path / "notes.db")]) == 1
    assert "not a readable visitor store" in capsys.readouterr().err


def test_closed_hours_are_told_from_hours_nobody_came(tmp_path):
    from kiosk.schedule import Schedule, parse_closed, parse_hours

    almaty = ZoneInfo("Asia/Almaty")  # UTC+5 since 2024
    week = (tuple(parse_hours("10:00-20:00")),) * 5 + (tuple(parse_hours("10:00-14:00")),) + ((),)
    hours = Schedule(almaty, week, (parse_closed("2026-06-03"),))  # a Wednesday
    # Tuesday 2026-06-02: two visitors at 11:xx local, one at 21:xx while staff had it open.
    mornings = visit("a", utc(2026, 6, 2, 6, 5), 60) + visit("b", utc(2026, 6, 2, 6, 40), 90, reason="closed")
    events = mornings + visit("c", utc(2026, 6, 2, 16, 30), 30)
    conn = db(tmp_path, events)
    day = date(2026, 6, 2)
    report = reports.summary(conn, almaty, day, date(2026, 6, 3), hours, now=utc(2026, 6, 10))
    assert report.end_reasons == {"closed": 1, "timeout": 2}
    opening = report.opening
    assert opening.open_hours[11] == 1.0 and opening.open_hours[12] == 1.0  # open, one day
    assert opening.open_hours[9] == 0.0 and opening.open_hours[21] == 0.0  # closed
    assert opening.closed_at(21) and not opening.closed_at(12)
    assert opening.closed_days == (date(2026, 6, 3),)
    # Ten hours open on Tuesday, none on the closed Wednesday: 3 sessions in 10 open hours.
    assert opening.open_h_so_far == 10.0 and opening.sessions_per_open_hour == 0.3
    table = {row[0]: row for row in reports.rows_by(report, "hour")}
    assert table["12"] == ["12", 0, 0, 1.0]  # open, and nobody came: a real zero
    assert table["03"] == ["03", 0, 0, 0.0]  # closed
    text = reports.to_text(report, "hour")
    rows = {line.split()[0]: line.split()[1:] for line in text.splitlines() if line[:4].strip().isdigit()}
    assert rows["03"] == ["closed"] and rows["12"] == ["0", "0", "1.0"]
    assert rows["21"] == ["1", "0", "closed"]  # staff opened it late
    assert "per open hour     0.3 (open 10 h; closed hours left out)" in text
    assert "closed days       1" in text
    # Halfway through an open day, only the hours gone by count in the average.
    (tmp_path / "noon").mkdir()
    morning = db(tmp_path / "noon", mornings)
    midday = reports.summary(morning, almaty, day, day, hours, now=utc(2026, 6, 2, 7, 0))  # 12:00 local
    assert midday.opening.open_h_so_far == 2.0 and midday.opening.sessions_per_open_hour == 1.0
    assert midday.opening.open_hours[18] == 1.0  # later today: open, not closed
    # A site with no schedule keeps the report it had.
    always = reports.summary(conn, almaty, day, day, Schedule(almaty))
    assert always.opening is None and "open_hours" not in always.to_json()
