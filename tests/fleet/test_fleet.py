"""Store and forward to a real PostgreSQL server: exact, idempotent, through its faults.

The server is CI's (KIOSK_TEST_DATABASE_URL) or one this session starts (tests/postgres.py);
each test gets a database of its own. The tests that stop or kill a server start their own.
"""

from __future__ import annotations

import logging
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import psycopg
import pytest

from kiosk.fleet import central
from kiosk.fleet import url as fleet_url
from kiosk.fleet.forwarder import Forwarder, Unreachable
from kiosk.resources import init_site
from kiosk.visitors import reports, store
from kiosk.visitors.report import QuizFigures, Report
from kiosk.visitors.sessions import (
    EntryCounted,
    FilmWatched,
    Interaction,
    LanguageUsed,
    PageViewed,
    SessionEnded,
    SessionStarted,
    ZoneEntered,
    ZoneLeft,
)
from tests.postgres import URL_VARIABLE, NoServer, Server, create_database, drop_database
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]
DAY = 1_504_764_000.0  # 2017-09-07 06:00 UTC: 12:00 in Astana
ZONES = ("technologies", "forest", "regions", "poland-kazakhstan", "national-day")


@pytest.fixture(scope="session")
def server_url():
    """The URL of a server's maintenance database, where test databases are made."""
    if os.environ.get(URL_VARIABLE):
        yield os.environ[URL_VARIABLE]
        return
    try:
        server = Server()
    except NoServer as exc:
        pytest.skip(f"no PostgreSQL server: {exc}")
    yield server.url
    server.remove()


@pytest.fixture
def central_url(server_url):
    url = create_database(server_url)
    yield url
    drop_database(server_url, url)


@pytest.fixture
def own_server():
    """A server of this test's own, to stop and start."""
    try:
        server = Server()
    except NoServer as exc:
        pytest.skip(f"no PostgreSQL server of our own to stop: {exc}")
    yield server
    server.remove()


def with_password(url: str, password: str = "s3cret-Pw") -> str:
    """The test servers trust loopback, so a password in the URL is ignored: the masking is what is tested."""
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{password}@")


def kiosk(*args: str, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", **(env or {})},
        timeout=timeout,
    )


def make_site(folder: Path, kiosk_id: str, batch: int = 2000) -> Path:
    init_site(folder)
    config = folder / "config.yaml"
    text = config.read_text().replace("kiosk_id: kiosk-1", f"kiosk_id: {kiosk_id}", 1)
    config.write_text(text.replace("batch_size: 2000", f"batch_size: {batch}", 1))
    return config


def visits(kiosk_id: str, start: float, count: int, spacing: float = 120.0) -> list:
    """`count` visitors as the kiosk records them: languages, zones with dwell, pages, a quiz, the door."""
    events = []
    for i in range(count):
        at = start + i * spacing
        sid = f"{kiosk_id}-{int(start)}-{i}"
        events += [EntryCounted(f"{sid}-door", kiosk_id, at - 5, 1), SessionStarted(sid, kiosk_id, at)]
        events.append(LanguageUsed(sid, ("pl", "en", "kk", "ru")[i % 4], at + 1))
        zone = ZONES[i % len(ZONES)]
        events += [ZoneEntered(sid, 1, zone, at + 2), PageViewed(sid, 2, zone, "p1", at + 2)]
        events.append(PageViewed(sid, 3, zone, "p2", at + 8))
        events.append(Interaction(sid, 4, zone, "p2", "quiz", "q1", str(i % 3), i % 3 == 1, at + 9))
        events.append(ZoneLeft(sid, 1, at + 20 + i % 7, 18.0 + i % 7))
        events.append(SessionEnded(sid, at + 20 + i % 7, 20.0 + i % 7, "timeout" if i % 2 else "finished"))
    return events


def record(store_path: Path, events: list) -> None:
    conn = store.connect(store_path)
    for at in range(0, len(events), 5000):
        store.write(conn, events[at : at + 5000])
    conn.close()


# -- comparing the central store with a kiosk's --------------------------------------------------


def central_rows(url: str, kiosk_id: str) -> dict[str, list[tuple]]:
    with psycopg.connect(url) as pg:
        out = {}
        for table, columns in store.FORWARDED.items():
            names = ", ".join(f'"{c}"' for c in columns)
            out[table] = sorted(
                pg.execute(f"SELECT {names} FROM {table} WHERE kiosk_id = %s", (kiosk_id,)).fetchall(),
                key=repr,
            )
        out["figure_totals"] = sorted(
            pg.execute(
                "SELECT span, figure, bucket, zone, item, n, round(total::numeric, 6)::float8"
                " FROM figure_totals WHERE kiosk_id = %s AND (n <> 0 OR total <> 0)",
                (kiosk_id,),
            ).fetchall()
        )
        return out


def kiosk_rows(store_path: Path, kiosk_id: str) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(store_path)
    out = {}
    for table, columns in store.FORWARDED.items():
        out[table] = sorted(conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
    out["figure_totals"] = sorted(
        conn.execute(
            "SELECT span, figure, bucket, zone, item, n, round(total, 6) FROM figure_totals"
            " WHERE n != 0 OR total != 0"
        ).fetchall()
    )
    conn.close()
    return out


def central_summary(url: str, kiosk_id: str, tz) -> Report:
    """`reports.summary` over the central store's totals for one kiosk (copied into SQLite)."""
    copy = sqlite3.connect(":memory:")
    copy.execute(
        "CREATE TABLE figure_totals (span TEXT, figure TEXT, bucket INTEGER, zone TEXT, item TEXT,"
        " n INTEGER, total REAL, PRIMARY KEY (span, figure, bucket, zone, item))"
    )
    copy.execute(
        "CREATE TABLE sessions (id TEXT, kiosk_id TEXT, started_at REAL, last_activity_at REAL,"
        " ended_at REAL, duration_s REAL, end_reason TEXT)"
    )
    with psycopg.connect(url) as pg:
        totals = "SELECT span, figure, bucket, zone, item, n, total FROM figure_totals WHERE kiosk_id = %s"
        copy.executemany(
            "INSERT INTO figure_totals VALUES (?, ?, ?, ?, ?, ?, ?)", pg.execute(totals, (kiosk_id,))
        )
        sessions = (
            "SELECT id, kiosk_id, started_at, last_activity_at, ended_at, duration_s, end_reason"
            " FROM sessions WHERE kiosk_id = %s"
        )
        copy.executemany(
            "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)", pg.execute(sessions, (kiosk_id,))
        )
    return reports.summary(copy, tz)


def assert_exact(url: str, store_path: Path, kiosk_id: str, tz=None) -> None:
    """The central store holds exactly the kiosk's records and totals, and nothing waits."""
    assert central_rows(url, kiosk_id) == kiosk_rows(store_path, kiosk_id)
    conn = sqlite3.connect(store_path)
    assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone() == (0,)
    if tz is not None:
        assert central_summary(url, kiosk_id, tz) == reports.summary(conn, tz)
    conn.close()


def snapshot(url: str) -> list:
    """Everything in the central store, with each row's version: what a second sync must not move."""
    with psycopg.connect(url) as pg:
        out = []
        for table in (*store.FORWARDED, "figure_totals"):
            out.append(pg.execute(f"SELECT xmin::text, * FROM {table} ORDER BY 2, 3, 4, 5, 6").fetchall())
        return out


# -- the tests ------------------------------------------------------------------------------------

DAY_SCRIPT = """
- {at: 1, tap: attract}
- {at: 2, tap: "lang:en"}
- {at: 4, tap: "zone:poland-kazakhstan"}
- {at: 5, tap: next}
- {at: 6, tap: next}
- {at: 7, tap: next}
- {at: 8, tap: next}
- {at: 9, tap: "quiz:1:answer:1"}
- {at: 12, tap: home}
- {at: 13, tap: "zone:technologies"}
- {at: 14, tap: next}
- {at: 15, tap: next}
- {at: 16, tap: next}
- {at: 17, tap: "gallery:next"}
- {at: 18, tap: back}
- {at: 19, tap: "zone:regions"}
- {at: 20, tap: "hotspot:lubelskie"}
- {at: 22, tap: finish}
- {at: 30, tap: attract}
- {at: 31, tap: "lang:kk"}
- {at: 32, tap: "zone:forest"}
- {at: 40, tap: next}
- {at: 50, tap: "lang:ru"}
- {at: 300, tap: attract}
- {at: 302, tap: "lang:pl"}
- {at: 304, tap: "zone:national-day"}
- {at: 306, tap: "a11y:contrast"}
- {at: 3600, tap: attract}
- {at: 3601, tap: "lang:en"}
- {at: 3603, tap: "zone:forest"}
- {at: 3700, quit: true}
"""


def test_two_kiosks_each_with_a_replayed_day_are_exact_centrally_and_a_second_sync_changes_nothing(
    tmp_path, central_url
):
    script = tmp_path / "day.yaml"
    script.write_text(DAY_SCRIPT)
    sites = {}
    for kiosk_id, start in (("hall-a", "2017-09-07T10:00"), ("hall-b", "2017-09-07T15:30")):
        config = make_site(tmp_path / kiosk_id, kiosk_id)
        run = kiosk("run", "--headless", "--replay", str(script), "--config", str(config), "--start", start)
        assert run.returncode == 0, run.stderr
        sites[kiosk_id] = config
    # Door counts, as the dashboard's POST /entries stores them.
    record(
        sites["hall-a"].parent / "data" / "visitors.db",
        [EntryCounted(f"d{i}", "http", DAY + i, 2) for i in range(7)],
    )
    secret = "s3cret-Pw"
    url = with_password(central_url, secret)
    for config in sites.values():
        synced = kiosk("sync", "--config", str(config), env={"KIOSK_FLEET_URL": url})
        assert synced.returncode == 0, synced.stderr
        assert "record(s) forwarded to postgresql://postgres:***@127.0.0.1" in synced.stderr
        assert secret not in synced.stdout + synced.stderr
    from kiosk.config import load_config

    for kiosk_id, config in sites.items():
        site = load_config(config)
        assert_exact(central_url, site.store_file, kiosk_id, site.tz)
        report = central_summary(central_url, kiosk_id, site.tz)
        assert report.sessions == 4 and report.kiosks == {kiosk_id: 4}
    assert central_summary(central_url, "hall-a", site.tz).entries == 14
    assert central_summary(central_url, "hall-b", site.tz).quizzes == {
        "poland-kazakhstan/forum-agreements": QuizFigures(answers=1, correct=0)
    }

    before = snapshot(central_url)
    again = kiosk("sync", "--config", str(sites["hall-a"]), env={"KIOSK_FLEET_URL": url})
    assert again.returncode == 0 and "0 record(s) forwarded" in again.stderr, again.stderr
    assert snapshot(central_url) == before


def test_the_same_batch_sent_twice_or_out_of_order_changes_nothing(tmp_path, central_url):
    path = tmp_path / "v.db"
    events = visits("k1", DAY, 3)
    record(path, [e for e in events if not isinstance(e, (SessionEnded, ZoneLeft))])  # visitors still there
    forwarder = Forwarder(path, central_url, "k1")
    from kiosk.fleet.forwarder import _read_batch

    lite = sqlite3.connect(path, isolation_level=None)
    _, open_batch = _read_batch(lite, 1000)
    forwarder.forward()
    record(path, events)  # the visits end: sessions and zone visits are updated
    _, ended_batch = _read_batch(lite, 1000)
    assert len(ended_batch["sessions"]) == 3 and not ended_batch["page_views"]  # only what changed
    forwarder.forward()
    assert_exact(central_url, path, "k1")
    before = snapshot(central_url)
    with psycopg.connect(central_url, autocommit=True) as pg:
        central.send(pg, "k1", ended_batch)  # the same batch again
        central.send(pg, "k1", open_batch)  # and an older one, late: the sessions stay ended
    assert snapshot(central_url) == before
    forwarder.close()
    lite.close()


def test_film_plays_reach_the_central_store_with_their_totals_and_the_pavilions_report(tmp_path, central_url):
    path = tmp_path / "v.db"
    events = visits("k-film", DAY, 4)
    for i, session in enumerate(e.session_id for e in events if isinstance(e, SessionStarted)):
        completed = i % 2 == 0
        events.append(
            FilmWatched(
                session,
                9,
                "national-day",
                "pavilion-dates",
                "kk",
                20.0 if completed else 6.0,
                20.0,
                completed,
                DAY + i * 120 + 10,
            )
        )
    record(path, events)
    Forwarder(path, central_url, "k-film").forward()
    assert_exact(central_url, path, "k-film", ZoneInfo("Asia/Almaty"))  # the report's videos too
    report = central_summary(central_url, "k-film", ZoneInfo("Asia/Almaty"))
    assert report.to_json()["videos"] == {
        "national-day/pavilion-dates": {
            "plays": 4,
            "watched_s": 52.0,
            "completed": 2,
            "holding_power": 0.65,
            "languages": {"kk": 4},
        }
    }


def test_sync_with_the_server_down_fails_in_one_line_and_the_next_catches_up(project, central_url):
    path = project.parent / "data" / "visitors.db"
    record(path, visits("kiosk-1", DAY, 20))
    down = f"postgresql://kiosk:s3cret-Pw@127.0.0.1:{_closed_port()}/pavilion"
    failed = kiosk("sync", "--config", str(project), env={"KIOSK_FLEET_URL": down})
    assert failed.returncode == 1
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1, failed.stderr
    assert lines[0].startswith("kiosk: cannot reach the central store at postgresql://kiosk:***@127.0.0.1:")
    assert "record(s) wait for the next sync" in lines[0] and "s3cret-Pw" not in failed.stderr
    assert "Traceback" not in failed.stderr
    conn = sqlite3.connect(path)
    assert (
        conn.execute("SELECT COUNT(*) FROM outbox").fetchone()[0] == 20 * 7
    )  # nothing lost (7 records a visit)
    conn.close()
    synced = kiosk("sync", "--config", str(project), env={"KIOSK_FLEET_URL": central_url})
    assert synced.returncode == 0, synced.stderr
    assert "140 record(s) forwarded" in synced.stderr
    assert_exact(central_url, path, "kiosk-1")


def _closed_port() -> int:
    from postgres import free_port

    return free_port()  # nobody listens on it once it is given back


def test_sync_says_what_is_missing(project, tmp_path):
    no_url = kiosk("sync", "--config", str(project), env={"KIOSK_FLEET_URL": ""})
    assert no_url.returncode == 1 and "no central store: set fleet.database_url" in no_url.stderr
    nothing = kiosk("sync", "--config", str(project), env={"KIOSK_FLEET_URL": "postgresql://x@127.0.0.1/p"})
    assert nothing.returncode == 0 and "no visitors recorded yet" in nothing.stderr
    assert not (project.parent / "data" / "visitors.db").exists()
    bad = kiosk("sync", "--config", str(project), env={"KIOSK_FLEET_URL": "mysql://u:pw@h/db"})
    assert bad.returncode == 1 and "must begin with postgresql://" in bad.stderr and "pw" not in bad.stderr


def test_the_url_is_never_shown_with_its_password():
    url = "postgresql://kiosk:p%40ss@fleet.example:5432/pavilion?sslmode=require"
    assert fleet_url.mask(url) == "postgresql://kiosk:***@fleet.example:5432/pavilion?sslmode=require"
    assert fleet_url.mask("postgresql://fleet.example/pavilion") == "postgresql://fleet.example/pavilion"
    said = fleet_url.scrub(f'connection to {url} failed:\n  password "p@ss" rejected', url)
    assert "p@ss" not in said and "p%40ss" not in said and "\n" not in said


def test_the_central_schema_migrates_once_and_refuses_a_newer_one(central_url):
    with psycopg.connect(central_url, autocommit=True) as pg:
        assert central.migrate(pg) == len(central.MIGRATIONS)
        assert central.migrate(pg) == len(central.MIGRATIONS)
        assert pg.execute("SELECT COUNT(*) FROM schema_version").fetchone() == (len(central.MIGRATIONS),)
        pg.execute("INSERT INTO schema_version (version) VALUES (99)")
        with pytest.raises(RuntimeError, match="newer than this kiosk knows"):
            central.migrate(pg)


def test_an_older_store_queues_its_whole_history(tmp_path):
    path = tmp_path / "v.db"
    conn = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(store.MIGRATIONS[:-1], 1):  # as a kiosk before the outbox left it
        for statement in store._statements(migration):
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {number}")
    store.write(conn, visits("k1", DAY, 4))
    conn.close()
    conn = store.connect(path)
    assert conn.execute("SELECT COUNT(*) FROM outbox").fetchone() == (4 * 7,)  # every record, once
    conn.close()


def test_the_server_stopped_mid_batch_loses_and_doubles_nothing(tmp_path, own_server):
    config = make_site(tmp_path / "site", "hall-c", batch=300)
    path = tmp_path / "site" / "data" / "visitors.db"
    record(path, visits("hall-c", DAY, 3000, spacing=30))
    url = create_database(own_server.url)
    env = {"KIOSK_FLEET_URL": url}
    sync = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--config", str(config)],
        cwd=ROOT,
        env={**os.environ, **env},
        stderr=subprocess.PIPE,
        text=True,
    )
    _wait_for_some_sessions(url, 1000)
    own_server.stop("immediate")  # no goodbye to the client: as a power cut of the server would be
    stderr = sync.communicate(timeout=60)[1]
    assert sync.returncode == 1 and len(stderr.strip().splitlines()) == 1, stderr
    assert "cannot reach the central store" in stderr
    own_server.start()
    synced = kiosk("sync", "--config", str(config), env=env)
    assert synced.returncode == 0, synced.stderr
    assert_exact(url, path, "hall-c")


def test_a_sync_killed_mid_way_is_followed_by_an_exact_one(tmp_path, central_url):
    config = make_site(tmp_path / "site", "hall-d", batch=300)
    path = tmp_path / "site" / "data" / "visitors.db"
    record(path, visits("hall-d", DAY, 3000, spacing=30))
    env = {"KIOSK_FLEET_URL": central_url}
    sync = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sync", "--config", str(config)],
        cwd=ROOT,
        env={**os.environ, **env},
        stderr=subprocess.DEVNULL,
    )
    _wait_for_some_sessions(central_url, 1000)
    sync.send_signal(signal.SIGKILL)
    sync.wait(timeout=10)
    with psycopg.connect(central_url) as pg:
        assert pg.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] < 3000  # killed part way
    synced = kiosk("sync", "--config", str(config), env=env)
    assert synced.returncode == 0, synced.stderr
    assert_exact(central_url, path, "hall-d")


def _wait_for_some_sessions(url: str, n: int) -> None:
    def arrived() -> bool:
        try:
            with psycopg.connect(url, connect_timeout=2) as pg:
                return pg.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] >= n
        except psycopg.Error:
            return False  # the tables are not made yet

    wait_for(arrived, 60, f"{n} sessions reaching the central store", every=0.02)


def test_a_kiosk_offline_for_a_week_catches_up_with_one_line_each_way(tmp_path, own_server, caplog):
    path = tmp_path / "v.db"
    url = create_database(own_server.url)
    record(path, visits("hall-e", DAY - 86400, 50))
    own_server.stop()
    forwarder = Forwarder(path, url, "hall-e", batch=1000, interval_s=0.2, retry_max_s=0.5)
    caplog.set_level(logging.WARNING, logger="kiosk.fleet.forwarder")
    forwarder.start()
    for day in range(7):  # the kiosk goes on recording while the central store is away
        record(path, visits("hall-e", DAY + day * 86400, 400, spacing=60))
    # Counted by the worker for the kiosk's live figures, while it keeps trying.
    wait_for(
        lambda: forwarder.failures >= 3 and forwarder.backlog() == (50 + 7 * 400) * 7,
        60,
        "three failed passes",
    )
    own_server.start()
    wait_for(lambda: forwarder.backlog() == 0 and forwarder.problem is None, 60, "the backlog sent")
    forwarder.stop()
    assert_exact(url, path, "hall-e")
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 2, said  # one line when it stops, one when it has caught up
    assert said[0].startswith("fleet: cannot reach the central store at postgresql://postgres@127.0.0.1:")
    assert said[1].startswith("fleet: forwarding to") and "caught up" in said[1]


def test_kiosk_run_forwards_while_it_runs_and_stops_promptly(project, tmp_path, central_url):
    script = tmp_path / "visit.yaml"
    script.write_text(
        "- {at: 1, tap: attract}\n- {at: 2, tap: 'lang:en'}\n- {at: 4, tap: 'zone:forest'}\n- {at: 200, quit: true}\n"
    )
    started = time.monotonic()
    run = kiosk(
        "run",
        "--headless",
        "--replay",
        str(script),
        "--config",
        str(project),
        env={"KIOSK_FLEET_URL": central_url},
    )
    assert run.returncode == 0, run.stderr
    assert f"kiosk: visitor records forwarded to {central_url}" in run.stderr
    assert time.monotonic() - started < 30
    from kiosk.config import load_config

    assert_exact(central_url, load_config(project).store_file, "kiosk-1")  # the last pass at exit took them


def test_unreachable_is_raised_not_hung(tmp_path):
    path = tmp_path / "v.db"
    record(path, visits("k1", DAY, 1))
    forwarder = Forwarder(path, f"postgresql://k:pw@127.0.0.1:{_closed_port()}/p", "k1")
    with pytest.raises(Unreachable, match=r"postgresql://k:\*\*\*@127\.0\.0\.1"):
        forwarder.forward()
    assert forwarder.backlog() == 7
    forwarder.close()
