"""The staff dashboard: staff only, the same figures as `kiosk stats`, door pulses stored once."""

from __future__ import annotations

import base64
import csv
import io
import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from kiosk.config import Config
from kiosk.staff import StaffSecrets
from kiosk.visitors import reports, store
from kiosk.visitors.report import Report
from kiosk.web import tokens
from kiosk.web.app import create_app
from kiosk.web.auth import presented_password
from kiosk.web.passwords import Budget
from tests.scrape import Scrape
from tests.visiting_day import local, record_visiting_day, visit

PASSWORD = "forest-and-sun"
ROUTES = [
    ("GET", "/"),
    ("GET", "/?from=2017-09-01&to=2017-09-07"),
    ("GET", "/stats.json"),
    ("GET", "/stats.csv?by=zone"),
    ("GET", "/metrics"),
    ("GET", "/static/style.css"),
    ("POST", "/entries"),
    ("GET", "/no-such-page"),
]


def basic(password: str, user: str = "staff") -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def direct_summary(config: Config, day_from=None, day_to=None) -> Report:
    conn = reports.open_readonly(config.store_file)  # None before anything was recorded
    try:
        return reports.summary(conn, config.tz, day_from, day_to)
    finally:
        if conn is not None:
            conn.close()


class Figures(HTMLParser):
    """data-figure name -> data-value of every figure on a page."""

    def __init__(self, page: str):
        super().__init__()
        self.values: dict[str, str] = {}
        self.repeated: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "data-figure" in attributes:
            name = attributes["data-figure"]
            if name in self.values:
                self.repeated.append(name)
            self.values[name] = attributes["data-value"]


def number(text: str) -> float:
    return float(text)


@pytest.fixture
def kiosk_config(tmp_path):
    config = Config().with_base(tmp_path)
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    return config


@pytest.fixture
def client(kiosk_config):
    return TestClient(create_app(kiosk_config))


@pytest.fixture
def staff():
    return basic(PASSWORD)


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def scraper(kiosk_config):
    """Prometheus: a metrics token."""
    return bearer(tokens.add(StaffSecrets(kiosk_config.staff_file), "prometheus", "metrics"))


@pytest.fixture
def sensor(kiosk_config):
    """The door sensor: an entries token."""
    return bearer(tokens.add(StaffSecrets(kiosk_config.staff_file), "door-1", "entries"))


def roomy() -> Budget:
    """A hashing budget no test of the lock-out runs into (the budget has its own tests)."""
    return Budget(rate=1000, burst=1000)


# --- staff only ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {},
        basic("wrong-password"),
        {"Authorization": "Bearer wrong-password"},
        {"Authorization": "Basic not-base64!"},
        {"Authorization": f"Digest {PASSWORD}"},
        basic("", user=PASSWORD),  # the password in the user name does not count
    ],
    ids=["none", "basic-wrong", "bearer-wrong", "basic-garbled", "other-scheme", "empty-password"],
)
def test_every_route_refuses_without_the_password(kiosk_config, client, headers):
    record_visiting_day(kiosk_config)
    for method, path in ROUTES:
        response = client.request(
            method, path, headers=headers, json={"id": "x"} if method == "POST" else None
        )
        assert response.status_code == 401, (method, path)
        assert response.headers["www-authenticate"] == 'Basic realm="kiosk staff"'
        assert not re.search(r"\d", response.text), (path, response.text)  # no figure leaks
    assert direct_summary(kiosk_config).entries == 6  # the refused pulse was not stored


def test_five_different_wrong_passwords_make_that_address_wait(kiosk_config, staff):
    from kiosk.clock import VirtualClock

    clock = VirtualClock(0.0)
    app = create_app(kiosk_config, monotonic=clock.monotonic, budget=roomy())
    guesser, colleague = (
        TestClient(app, client=("10.0.0.66", 5000)),
        TestClient(app, client=("10.0.0.7", 5000)),
    )
    for _ in range(10):  # a sensor retrying an old password is not guessing
        assert guesser.get("/", headers=basic("last-years-password")).status_code == 401
    for guess in ("1234", "admin", "expo2017"):
        assert guesser.get("/", headers=basic(guess)).status_code == 401
    assert guesser.get("/", headers=staff).status_code == 200  # 4 different wrong: not yet
    # A right password (maybe a colleague's at the same address) does not wipe the count.
    assert guesser.get("/", headers=basic("astana")).status_code == 401
    refused = guesser.get("/", headers=staff)  # the right password too, while it waits
    assert refused.status_code == 429 and refused.headers["retry-after"] == "30"
    assert "try again in 30 s" in refused.text
    assert colleague.get("/", headers=staff).status_code == 200  # other addresses are not held up
    clock.advance(31)
    assert guesser.get("/", headers=basic("poland")).status_code == 401  # a sixth: 60 s now
    assert guesser.get("/", headers=staff).headers["retry-after"] == "60"
    clock.advance(61)
    assert guesser.get("/", headers=staff).status_code == 200
    clock.advance(900)  # a quiet quarter of an hour: the address starts afresh
    for guess in ("1234", "admin", "expo2017", "astana"):
        assert guesser.get("/", headers=basic(guess)).status_code == 401
    assert guesser.get("/", headers=staff).status_code == 200


def test_guesses_sent_side_by_side_get_five_verdicts(kiosk_config):
    import asyncio

    import httpx2

    from kiosk.clock import VirtualClock

    # The wait runs on a clock that stands still: all twelve guesses pass the first check at
    # once and queue for the one hashing thread, which hashes them one after another, and on
    # the real clock a starved (niced) hashing thread let the 30 s wait end before the last
    # of them came back, so that those got verdicts too.
    clock = VirtualClock(0.0)

    async def guess_at_once() -> tuple[list[int], int]:
        app = create_app(kiosk_config, monotonic=clock.monotonic, budget=roomy())
        transport = httpx2.ASGITransport(app=app, client=("10.0.0.66", 5000))
        async with httpx2.AsyncClient(transport=transport, base_url="http://kiosk") as guesser:
            guesses = [f"guess-{i}" for i in range(12)]
            answers = await asyncio.gather(*(guesser.get("/", headers=basic(g)) for g in guesses))
            # The right password after the burst: within it, its answer (200 or 429) would
            # depend on where the hashing thread took it.
            after = await guesser.get("/", headers=basic(PASSWORD))
            return [answer.status_code for answer in answers], after.status_code

    codes, after = asyncio.run(guess_at_once())
    assert sorted(codes) == [401] * 5 + [429] * 7  # no verdict after the fifth wrong one
    assert after == 429


def test_a_wait_resumes_after_a_restart_whatever_the_wall_clock_says(kiosk_config, staff):
    from kiosk.clock import VirtualClock

    clock = VirtualClock(1_504_771_200.0)
    guesser = TestClient(
        create_app(kiosk_config, monotonic=clock.monotonic, budget=roomy()), client=("10.0.0.66", 5000)
    )
    for guess in ("1234", "admin", "expo2017", "astana", "pavilion"):
        assert guesser.get("/", headers=basic(guess)).status_code == 401
    clock.advance(10)
    assert guesser.get("/", headers=staff).headers["retry-after"] == "20"  # the time left is written
    stored = json.loads(kiosk_config.staff_file.read_text())["dashboard_locks"]
    assert stored == {"10.0.0.66": {"wrong": 5, "remaining": 20.0}}  # time left, no wall-clock date
    # A restart (the monotonic clock starts again near zero; the wall clock says anything).
    rebooted = VirtualClock(0.0, start_monotonic=2.0)
    app = create_app(kiosk_config, monotonic=rebooted.monotonic, budget=roomy())
    guesser = TestClient(app, client=("10.0.0.66", 5000))
    assert guesser.get("/", headers=staff).headers["retry-after"] == "20"
    assert TestClient(app, client=("10.0.0.7", 5000)).get("/", headers=staff).status_code == 200
    rebooted.advance(20)
    assert guesser.get("/", headers=basic("poland")).status_code == 401  # the sixth: 60 s now
    assert guesser.get("/", headers=staff).headers["retry-after"] == "60"
    rebooted.advance(60)
    assert guesser.get("/", headers=staff).status_code == 200
    assert "dashboard_locks" not in json.loads(kiosk_config.staff_file.read_text())


def test_a_wait_holds_when_staff_json_cannot_be_written(kiosk_config, staff, monkeypatch, caplog):
    from kiosk import staff as staff_module
    from kiosk.clock import VirtualClock

    def read_only(path, data):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(staff_module, "write_atomically", read_only)
    clock = VirtualClock(1_504_771_200.0)
    guesser = TestClient(
        create_app(kiosk_config, monotonic=clock.monotonic, budget=roomy()), client=("10.0.0.66", 5000)
    )
    for guess in ("1234", "admin", "expo2017", "astana", "pavilion"):
        assert guesser.get("/", headers=basic(guess)).status_code == 401
    for _ in range(3):  # the wait is tried to be written again now and then: no new log line
        assert guesser.get("/", headers=staff).status_code == 429
        clock.advance(9.9)
    clock.advance(0.3)
    assert guesser.get("/", headers=staff).status_code == 200
    assert caplog.text.count("cannot be written") == 1  # one line, not one per guess


def test_with_no_password_set_the_dashboard_is_shut(tmp_path):
    config = Config().with_base(tmp_path)
    client = TestClient(create_app(config))
    for method, path in ROUTES:
        for headers in ({}, basic(PASSWORD), {"Authorization": "Bearer anything"}):
            response = client.request(method, path, headers=headers)
            assert response.status_code == 503, (method, path)
            assert "set a password with `kiosk set-password`" in response.text
    StaffSecrets(config.staff_file).set("pin", "1234")  # a PIN alone does not open it either
    assert client.get("/", headers=basic("1234")).status_code == 503


def test_the_password_opens_the_pages_and_tokens_the_rest(kiosk_config, client, staff):
    for method, path in ROUTES:
        response = client.request(method, path, headers=staff, json={"id": "p"} if method == "POST" else None)
        expected = 403 if path in ("/metrics", "/entries") else 404 if path == "/no-such-page" else 200
        assert response.status_code == expected, (method, path, response.text)
    refused = client.get("/metrics", headers=staff)
    assert "kiosk token add NAME --scope metrics" in refused.text  # says what to do instead
    assert client.get("/", headers=bearer(PASSWORD)).status_code == 200
    assert client.get("/", headers=basic(PASSWORD, user="")).status_code == 200  # any user name
    page = client.get("/", headers=staff)
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["cache-control"] == "no-store"
    assert client.get("/static/style.css", headers=staff).headers["content-type"] == "text/css; charset=utf-8"


def test_the_password_is_checked_once_then_remembered(kiosk_config, client, staff, monkeypatch):
    calls = []
    original = StaffSecrets.check_password

    def counted(self, secret):
        calls.append(secret)
        return original(self, secret)

    monkeypatch.setattr(StaffSecrets, "check_password", counted)
    for _ in range(5):
        assert client.get("/static/style.css", headers=staff).status_code == 200
        assert client.get("/", headers=basic("wrong-password")).status_code == 401
    assert sorted(calls) == [PASSWORD, "wrong-password"]
    # A new password makes the remembered verdicts stale: the old password no longer opens.
    StaffSecrets(kiosk_config.staff_file).set("password", "a-new-password")
    assert client.get("/", headers=staff).status_code == 401
    assert client.get("/", headers={"Authorization": "Bearer a-new-password"}).status_code == 200


def test_passwords_are_read_from_basic_and_bearer():
    assert presented_password(basic("pa:ss")["Authorization"]) == "pa:ss"  # colons in the password
    assert presented_password(basic("zażółć")["Authorization"]) == "zażółć"
    assert presented_password("bearer  secret ") == "secret"
    assert presented_password("Basic " + base64.b64encode(b"no-colon").decode()) is None
    assert presented_password("") is None


# --- the same figures everywhere ---------------------------------------------------------------


def test_page_json_metrics_and_summary_agree(kiosk_config, client, staff, scraper):
    record_visiting_day(kiosk_config)
    tz = kiosk_config.tz
    today = reports.today(tz)
    all_time = direct_summary(kiosk_config)
    today_only = direct_summary(kiosk_config, today, today)
    week = direct_summary(kiosk_config, today - timedelta(days=6), today)
    assert today_only.sessions == 3 and all_time.sessions == 4  # the day is what we think

    assert client.get("/stats.json", headers=staff).json() == all_time.to_json()
    assert client.get(f"/stats.json?from={today}&to={today}", headers=staff).json() == today_only.to_json()

    figures = Figures(client.get("/", headers=staff).text)
    assert not figures.repeated
    shown = {name: number(value) for name, value in figures.values.items()}
    assert shown["sessions"] == today_only.sessions == 3
    assert shown["entries"] == today_only.entries == 5
    assert shown["avg_session_s"] == today_only.avg_session_s
    for zone_id, zone in today_only.zones.items():
        assert shown[f"zone:{zone_id}:views"] == zone.views
        assert shown[f"zone:{zone_id}:dwell_s"] == zone.dwell_s
    assert {k for k in shown if k.startswith("zone:") and k.endswith(":views")} == {
        f"zone:{zone_id}:views" for zone_id in today_only.zones
    }
    for code, count in today_only.languages.items():
        assert shown[f"language:{code}"] == count
    for quiz_id, quiz in today_only.quizzes.items():
        assert shown[f"quiz:{quiz_id}:answers"] == quiz.answers == 2
        assert shown[f"quiz:{quiz_id}:correct"] == quiz.correct == 1
        assert shown[f"quiz:{quiz_id}:right_pct"] == 50.0
    for hour, counts in today_only.hours.items():
        assert shown[f"hour:{hour:02d}:sessions"] == counts.sessions
        assert shown[f"hour:{hour:02d}:entries"] == counts.entries
    assert sum(v for k, v in shown.items() if k.startswith("hour:") and k.endswith(":sessions")) == 3
    for offset in range(7):
        day = today - timedelta(days=offset)
        assert shown[f"day:{day}:sessions"] == week.day(day).sessions
        assert shown[f"day:{day}:entries"] == week.day(day).entries

    # /metrics: every series of this kiosk's store carries its id (config kiosk_id), whatever
    # id each session was recorded under.
    scraped = Scrape(client.get("/metrics", headers=scraper).text)
    assert scraped.value("kiosk_sessions_total", kiosk="kiosk-1") == all_time.sessions == 4
    assert scraped.value("kiosk_entries_total", kiosk="kiosk-1") == all_time.entries == 6
    for zone_id, zone in all_time.zones.items():
        assert scraped.value("kiosk_zone_views_total", kiosk="kiosk-1", zone=zone_id) == zone.views
        assert scraped.value("kiosk_zone_dwell_seconds_total", kiosk="kiosk-1", zone=zone_id) == zone.dwell_s
    assert scraped.value("kiosk_sessions_today", kiosk="kiosk-1") == today_only.sessions


def test_a_chosen_period_shows_that_period(kiosk_config, client, staff):
    record_visiting_day(kiosk_config)
    yesterday = reports.today(kiosk_config.tz) - timedelta(days=1)
    page = client.get(f"/?from={yesterday}&to={yesterday}", headers=staff).text
    shown = Figures(page).values
    assert shown["sessions"] == "1" and shown["entries"] == "1" and shown["zone:forest:views"] == "1"
    assert f"day:{yesterday}:sessions" in shown and "language:kk" not in shown
    assert f"stats.csv?from={yesterday}&amp;to={yesterday}&amp;by=day" in page


def test_an_empty_store_shows_zeros(kiosk_config, client, staff, scraper):
    page = client.get("/", headers=staff)
    assert page.status_code == 200
    shown = Figures(page.text).values
    assert (shown["sessions"], shown["entries"], shown["avg_session_s"]) == ("0", "0", "0")
    # No Accept-Language: the config's staff language (the sample's default, Polish).
    assert "W tym okresie nie było jeszcze zwiedzających." in page.text
    english = client.get("/", headers={**staff, "Accept-Language": "en-GB,en;q=0.9"})
    assert "No visitors in this period yet." in english.text
    scraped = Scrape(client.get("/metrics", headers=scraper).text)
    assert scraped.value("kiosk_sessions_total", kiosk="kiosk-1") == 0  # the series exists from the start


@pytest.mark.parametrize(
    "query",
    [
        "from=2017-9-7",
        "to=yesterday",
        "from=2017-09-08&to=2017-09-07",
        "from=2017-02-30",
        "from=20170907",
        "to=9999-12-31",  # past what the reports can count to
        "from=0001-01-01",
        "from=9999-12-31&to=9999-12-31",
    ],
)
def test_a_bad_period_is_refused_with_a_reason(client, staff, query):
    for path in ("/", "/stats.json", "/stats.csv"):
        response = client.get(f"{path}?{query}", headers=staff)
        assert response.status_code == 400, (path, query)
        assert any(why in response.text for why in ("2017-09-07", "after", "between 2000-01-01")), query


def test_the_page_escapes_what_the_store_holds(kiosk_config, client, staff, scraper):
    conn = store.connect(kiosk_config.store_file)
    start = local(kiosk_config, reports.today(kiosk_config.tz), 9)
    store.write(conn, visit("x", "kiosk-1", start, 20, [('<script>"z"</script>', 5)], ["pl"]))
    conn.close()
    page = client.get("/", headers=staff).text
    assert "<script>" not in page and "&lt;script&gt;" in page
    metrics = client.get("/metrics", headers=scraper).text
    assert 'kiosk_zone_views_total{kiosk="kiosk-1",zone="<script>\\"z\\"</script>"} 1.0' in metrics
    assert Scrape(metrics).value("kiosk_zone_views_total", kiosk="kiosk-1", zone='<script>"z"</script>') == 1


def test_several_stores_add_up(tmp_path, staff):
    config = Config().with_base(tmp_path)
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    record_visiting_day(config)
    other = Config(store_path="other/kiosk-2.db").with_base(tmp_path)
    record_visiting_day(other)  # the same sessions in a second store: counted twice, as the CLI does
    client = TestClient(create_app(config, stores=[config.store_file, other.store_file]))
    assert client.get("/stats.json", headers=staff).json()["sessions"] == 8


# --- downloads -----------------------------------------------------------------------------------


def test_csv_downloads(kiosk_config, client, staff):
    record_visiting_day(kiosk_config)
    today = reports.today(kiosk_config.tz)
    response = client.get(f"/stats.csv?from={today}&to={today}&by=zone", headers=staff)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="kiosk-1-visitors-{today}_{today}-by-zone.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows == [
        ["zone", "views", "dwell_s"],
        ["forest", "2", "60.0"],
        ["energy", "1", "65.0"],
        ["regions", "1", "30.0"],
    ]
    by_day = list(csv.reader(io.StringIO(client.get("/stats.csv?by=day", headers=staff).text)))
    assert by_day[0] == ["day", "sessions", "entries"]
    assert by_day[1:] == [[str(today - timedelta(days=1)), "1", "1"], [str(today), "3", "5"]]
    everything = client.get("/stats.csv", headers=staff)
    assert everything.text == reports.to_csv(direct_summary(kiosk_config))
    assert 'filename="kiosk-1-visitors-start_now.csv"' in everything.headers["content-disposition"]
    assert client.get("/stats.csv?by=week", headers=staff).status_code == 400


# --- the door --------------------------------------------------------------------------------------


def test_a_door_pulse_is_stored_once(kiosk_config, client, staff, sensor):
    pulse = {"id": "door-7-000123", "count": 4}
    for _ in range(3):  # a sensor retrying after a lost answer
        response = client.post("/entries", headers=sensor, json=pulse)
        assert response.status_code == 201
        assert response.json() == {"stored": True}
    # Committed before the answer: a fresh connection sees it at once.
    assert direct_summary(kiosk_config).entries == 4
    conn = reports.open_readonly(kiosk_config.store_file)
    assert conn.execute("SELECT id, source, count FROM entries").fetchall() == [("door-7-000123", "http", 4)]
    conn.close()
    assert client.post("/entries", headers=sensor, json={"id": "door-7-000124"}).status_code == 201  # count 1
    assert client.post("/entries", headers=sensor, json={}).status_code == 201  # an id is made up
    assert direct_summary(kiosk_config).entries == 6
    assert client.get("/stats.json", headers=staff).json()["entries"] == 6


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[1]",
        '{"id": "a", "count": 0}',
        '{"id": "a", "count": 1001}',
        '{"id": "a", "count": 2.5}',
        '{"id": "a", "count": "3"}',
        '{"id": "a", "count": true}',
        '{"id": "", "count": 1}',
        '{"id": 12, "count": 1}',
        json.dumps({"id": "x" * 101}),
        '{"id": "a", "count": 1, "door": "north"}',
        "[" * 2000,  # deeper than the JSON reader goes
    ],
)
def test_a_bad_pulse_is_refused(kiosk_config, client, sensor, body):
    response = client.post("/entries", headers={**sensor, "Content-Type": "application/json"}, content=body)
    assert response.status_code == 400, body
    assert direct_summary(kiosk_config).entries == 0


def test_a_pulse_must_be_sent_as_json(kiosk_config, client, staff, sensor):
    # A form from another site cannot set this type: a staff browser cannot be made to post.
    response = client.post("/entries", headers=sensor, content='{"id": "a"}')
    assert response.status_code == 415
    too_big = client.post(
        "/entries", headers={**sensor, "Content-Type": "application/json"}, content="{" * 5000
    )
    assert too_big.status_code == 413
    assert direct_summary(kiosk_config).entries == 0


def test_a_taken_port_is_reported_not_hidden(kiosk_config):
    import socket

    from kiosk.web import start_in_thread

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError, match="could not listen on 127.0.0.1"):
            start_in_thread(kiosk_config, port=taken.getsockname()[1])


def test_a_damaged_store_is_reported_not_shown_as_zeros(kiosk_config, client, staff, scraper):
    kiosk_config.store_file.parent.mkdir(parents=True, exist_ok=True)
    kiosk_config.store_file.write_bytes(b"this is not a visitor store" * 100)
    for path, headers in (("/", staff), ("/stats.json", staff), ("/stats.csv", staff), ("/metrics", scraper)):
        response = client.get(path, headers=headers)
        assert response.status_code == 503, path
        assert "could not be read" in response.text


def test_lengths_and_periods_read_naturally():
    from datetime import date

    from kiosk.l10n import words
    from kiosk.web.pages import clock, span_title

    assert [clock(s) for s in (0, 75.4, 599.6, 3725)] == ["0:00", "1:15", "10:00", "1:02:05"]
    spans = [(date(2017, 9, 1), date(2017, 9, 7)), (date(2017, 8, 30), date(2017, 9, 7))]
    spans.append((date(2017, 12, 30), date(2018, 1, 2)))
    # Babel's (CLDR's) ranges, months written out; English keeps the British order.
    said = {
        "en": ["1 – 7 September 2017", "30 August – 7 September 2017", "30 December 2017 – 2 January 2018"],
        "pl": ["1–7 września 2017", "30 sierpnia–7 września 2017", "30 grudnia 2017–2 stycznia 2018"],
        "ru": [
            "1—7 сентября 2017 г.",
            "30 августа — 7 сентября 2017 г.",
            "30 декабря 2017 г. — 2 января 2018 г.",
        ],
        "kk": [
            "2017 ж. 1–7 қыркүйек",
            "2017 ж. 30 тамыз – 7 қыркүйек",
            "2017 ж. 30 желтоқсан – 2018 ж. 2 қаңтар",
        ],
    }
    for language, expected in said.items():
        shown = [span_title(a, b, words(language)) for a, b in spans]
        # CLDR puts thin and narrow no-break spaces round the dash and before "ж."/"г.".
        assert [s.replace("\u2009", " ").replace("\u202f", " ") for s in shown] == expected, language


def test_the_cli_and_the_staff_screen_agree_with_the_dashboard(kiosk_config, client, staff, tmp_path, capsys):
    """The fourth and fifth readers of the same day: `kiosk stats` and the kiosk's staff screen."""
    import os
    import time as wall_clock
    from pathlib import Path

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from kiosk.cli import main
    from kiosk.clock import VirtualClock
    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.ui.app import KioskApp
    from kiosk.ui.scenes.staff import StaffScene

    record_visiting_day(kiosk_config)
    (tmp_path / "config.yaml").write_text("store_path: data/visitors.db\n")
    assert main(["stats", "--json", "--config", str(tmp_path / "config.yaml")]) == 0
    assert json.loads(capsys.readouterr().out) == client.get("/stats.json", headers=staff).json()

    root = Path(__file__).resolve().parents[2]
    shipped = load_config(root / "config.yaml")
    config = shipped.model_copy(update={"store_path": str(kiosk_config.store_file)}).with_base(root)
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    app = KioskApp(config, load_exhibit(config).exhibit, (1920, 1080), VirtualClock(wall_clock.time()))
    scene = StaffScene(app)
    scene.build()
    today = reports.today(kiosk_config.tz)
    dashboard = client.get(f"/stats.json?from={today}&to={today}", headers=staff).json()
    assert scene.figures.to_json() == dashboard
    shown = [w.text for w in app.type.record]
    minutes, seconds = divmod(round(dashboard["avg_session_s"]), 60)
    assert str(dashboard["sessions"]) in shown and str(dashboard["entries"]) in shown
    assert f"{minutes}:{seconds:02d}" in shown
    pygame.display.quit()
