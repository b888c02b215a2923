"""Who may read what at the dashboard, over a real server on loopback: scopes, tokens, lock-outs.

Every request here is real HTTP to uvicorn as `kiosk run` starts it (start_in_thread), from
real client addresses: the kernel routes all of 127.0.0.0/8 to loopback, so a client socket
bound to 127.0.0.N is another address to the server. Hashing is real too; the tests only
lower scrypt's cost (a setting), so that a hundred guesses do not take a minute.
"""

from __future__ import annotations

import base64
import http.client
import json
import socket
import time

import pytest

from kiosk import staff as staff_module
from kiosk.cli import main
from kiosk.config import Config, WebSettings
from kiosk.staff import StaffSecrets
from kiosk.web import start_in_thread, tokens
from kiosk.web.lockout import GLOBAL_FREE

PASSWORD = "forest-and-sun"
PULSE = json.dumps({"id": "door-1-000001", "count": 1})


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch):
    monkeypatch.setattr(staff_module, "PASSWORD_COST", {"n": 2**10, "r": 8, "p": 1})


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def basic(secret: str) -> str:
    return "Basic " + base64.b64encode(f"staff:{secret}".encode()).decode()


class Dashboard:
    """A dashboard serving on loopback, and requests to it from any 127.0.0.N."""

    def __init__(self, config: Config):
        self.config = config
        self.port = free_port()
        self.running = start_in_thread(config, port=self.port)

    def request(
        self,
        method: str,
        path: str,
        authorization: str | None = None,
        source: str = "127.0.0.1",
        forwarded_for: str | None = None,
        body: str | None = None,
    ) -> tuple[int, str, dict[str, str]]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10, source_address=(source, 0))
        headers = {"Authorization": authorization} if authorization else {}
        if forwarded_for:
            headers["X-Forwarded-For"] = forwarded_for
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            return answer.status, answer.read().decode(), {k.lower(): v for k, v in answer.getheaders()}
        finally:
            conn.close()

    def checked(self, *args, **kwargs) -> tuple[int, str, dict[str, str]]:
        """`request`, sent again while the hashing budget answers "busy" (never checked)."""
        deadline = time.monotonic() + 30
        while True:
            status, text, headers = self.request(*args, **kwargs)
            if "Too many passwords to check just now" not in text or time.monotonic() > deadline:
                return status, text, headers
            time.sleep(0.1)

    def stop(self) -> None:
        self.running.stop()


def site(tmp_path, **web) -> Config:
    (tmp_path / "config.yaml").write_text("")  # the same site for the command line
    config = Config(web=WebSettings(**web)).with_base(tmp_path)
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    return config


@pytest.fixture
def dashboard(tmp_path):
    running = Dashboard(site(tmp_path))
    yield running
    running.stop()


def token(config: Config, name: str, scope: str) -> str:
    return "Bearer " + tokens.add(StaffSecrets(config.staff_file), name, scope)


# --- every route with every credential -----------------------------------------------------------

ROUTES = [
    ("GET", "/"),
    ("GET", "/?from=2017-09-01&to=2017-09-07"),
    ("GET", "/stats.json"),
    ("GET", "/stats.csv?by=zone"),
    ("GET", "/static/style.css"),
    ("GET", "/evaluation?from=2017-09-01&to=2017-09-07"),
    ("GET", "/static/evaluation.css"),
    ("GET", "/metrics"),
    ("POST", "/entries"),
    ("GET", "/no-such-page"),
]
PERSON = {path: 200 for _, path in ROUTES} | {"/metrics": 403, "/entries": 403, "/no-such-page": 404}
# This site has no zones: past the same credentials as every page, the Evaluation page says it
# cannot read the content (its reading times and pages come from there).
PERSON["/evaluation?from=2017-09-01&to=2017-09-07"] = 503
EXPECTED = {
    "nothing": dict.fromkeys(PERSON, 401),
    "a wrong password": dict.fromkeys(PERSON, 401),
    "a revoked token": dict.fromkeys(PERSON, 401),
    "the password": PERSON,
    "the password as Bearer": PERSON,
    "a dashboard token": PERSON,
    "a dashboard token as Basic": PERSON,
    "a metrics token": {**dict.fromkeys(PERSON, 403), "/metrics": 200},
    "an entries token": {**dict.fromkeys(PERSON, 403), "/entries": 201},
}


def test_every_route_with_every_credential(dashboard):
    config = dashboard.config
    wall = token(config, "wall-display", "dashboard")
    revoked = token(config, "old-door", "entries")
    assert main(["token", "revoke", "old-door", "--config", str(config.base_dir / "config.yaml")]) == 0
    credentials = {
        "nothing": None,
        "a wrong password": basic("not-the-password"),
        "a revoked token": revoked,
        "the password": basic(PASSWORD),
        "the password as Bearer": f"Bearer {PASSWORD}",
        "a dashboard token": wall,
        "a dashboard token as Basic": basic(wall.removeprefix("Bearer ")),
        "a metrics token": token(config, "prometheus", "metrics"),
        "an entries token": token(config, "door-1", "entries"),
    }
    answers = {}
    for who, authorization in credentials.items():
        for method, path in ROUTES:
            status, text, headers = dashboard.request(
                method, path, authorization, body=PULSE if method == "POST" else None
            )
            answers[who, path] = status
            if status in (401, 403):
                assert "kiosk_" not in text and headers["cache-control"] == "no-store"
    assert answers == {(who, path): EXPECTED[who][path] for who in credentials for _, path in ROUTES}
    # The two wrong ones were sent 8 times each: a retried credential is counted once, no wait.
    assert dashboard.request("GET", "/", basic(PASSWORD))[0] == 200


def test_a_metrics_token_cannot_read_the_page_nor_a_sensor_token_the_metrics(dashboard):
    scraper = token(dashboard.config, "prometheus", "metrics")
    sensor = token(dashboard.config, "door-1", "entries")
    status, text, _ = dashboard.request("GET", "/", scraper)
    assert status == 403 and "'prometheus' (metrics) does not open /" in text
    assert dashboard.request("GET", "/metrics", sensor)[0] == 403
    assert dashboard.request("GET", "/metrics", scraper)[0] == 200
    assert dashboard.request("POST", "/entries", sensor, body=PULSE)[0] == 201


def test_tokens_are_shown_once_listed_without_themselves_and_marked_used(dashboard, capsys):
    config_file = str(dashboard.config.base_dir / "config.yaml")
    assert main(["token", "add", "prometheus", "--scope", "metrics", "--config", config_file]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and out.startswith("kt-") and len(out.strip()) > 40  # one line: the token
    secret = out.strip()
    stored = dashboard.config.staff_file.read_text()
    assert secret not in stored and tokens.digest(secret) in stored
    assert main(["token", "add", "prometheus", "--scope", "entries", "--config", config_file]) == 1
    with pytest.raises(SystemExit):  # one scope of three, or argparse says which
        main(["token", "add", "x", "--scope", "everything", "--config", config_file])
    assert main(["token", "list", "--config", config_file]) == 0
    listing = capsys.readouterr().out
    assert "prometheus  metrics" in listing and listing.rstrip().endswith("never") and secret not in listing
    assert dashboard.request("GET", "/metrics", f"Bearer {secret}")[0] == 200
    assert main(["token", "list", "--config", config_file]) == 0
    assert not capsys.readouterr().out.rstrip().endswith("never")  # last used: just now
    assert main(["token", "revoke", "prometheus", "--config", config_file]) == 0
    assert dashboard.request("GET", "/metrics", f"Bearer {secret}")[0] == 401  # at once
    assert main(["token", "revoke", "prometheus", "--config", config_file]) == 1


def test_a_password_may_not_look_like_a_token(tmp_path, monkeypatch):
    (tmp_path / "config.yaml").write_text("")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("kt-my-own-password\n"))
    assert main(["set-password", "--stdin", "--config", str(tmp_path / "config.yaml")]) == 1


# --- lock-outs that hold ------------------------------------------------------------------------------


def test_eight_wrong_passwords_with_varied_forwarded_for_meet_a_429(dashboard):
    codes = [
        dashboard.checked("GET", "/", basic(f"guess-{i}"), forwarded_for=f"203.0.113.{i}")[0]
        for i in range(8)
    ]
    assert codes == [401] * 5 + [429] * 3  # the header names no one: the connection's address counts
    scraper = token(dashboard.config, "prometheus", "metrics")
    assert dashboard.request("GET", "/metrics", scraper)[0] == 200  # guesses never stop a token
    assert dashboard.request("GET", "/", basic(PASSWORD), source="127.0.0.2")[0] == 200  # nor another address


def test_forwarded_for_counts_from_a_trusted_proxy_only(tmp_path):
    dashboard = Dashboard(site(tmp_path, trusted_proxies=["127.0.0.1"]))
    try:
        for i in range(5):  # five from one visitor behind the proxy
            assert dashboard.checked("GET", "/", basic(f"guess-{i}"), forwarded_for="198.51.100.7")[0] == 401
        assert dashboard.request("GET", "/", basic(PASSWORD), forwarded_for="198.51.100.7")[0] == 429
        assert dashboard.request("GET", "/", basic(PASSWORD), forwarded_for="198.51.100.8")[0] == 200
        # From an address that is not the proxy the header is ignored: 127.0.0.2 is itself.
        for i in range(5):
            dashboard.checked(
                "GET", "/", basic(f"other-{i}"), source="127.0.0.2", forwarded_for=f"192.0.2.{i}"
            )
        assert (
            dashboard.request("GET", "/", basic(PASSWORD), source="127.0.0.2", forwarded_for="192.0.2.99")[0]
            == 429
        )
    finally:
        dashboard.stop()


def test_rotating_addresses_meets_a_wait_for_everyone_that_survives_a_restart(tmp_path):
    config = site(tmp_path)
    dashboard = Dashboard(config)
    try:
        # A new address for every unique wrong password, as 100 loopback addresses allow.
        codes = [
            dashboard.checked("GET", "/", basic(f"rotated-{n}"), source=f"127.0.1.{n + 1}")[0]
            for n in range(100)
        ]
        assert codes.count(401) == GLOBAL_FREE and codes[GLOBAL_FREE:] == [429] * (100 - GLOBAL_FREE)
        status, text, headers = dashboard.request("GET", "/", basic(PASSWORD), source="127.0.2.1")
        assert status == 429 and "from many addresses" in text and int(headers["retry-after"]) <= 30
        scraper = token(config, "prometheus", "metrics")
        assert dashboard.request("GET", "/metrics", scraper, source="127.0.2.1")[0] == 200
    finally:
        dashboard.stop()
    assert json.loads(config.staff_file.read_text())["dashboard_backoff"]["wrong"] == GLOBAL_FREE
    restarted = Dashboard(config)
    try:
        status, text, _ = restarted.request("GET", "/", basic(PASSWORD), source="127.0.3.1")
        assert status == 429 and "from many addresses" in text
    finally:
        restarted.stop()


def test_the_budget_refuses_unknown_passwords_without_hashing_them(dashboard):
    answers = [
        dashboard.request("GET", "/", basic(f"flood-{i}"), source=f"127.0.4.{i + 1}") for i in range(30)
    ]
    checked = [text for status, text, _ in answers if status == 401]
    busy = [text for status, text, _ in answers if status == 429]
    assert 8 <= len(checked) <= 12  # a burst of 8, then 2 a second
    assert len(checked) + len(busy) == 30 and all("just now" in text for text in busy)
    assert all(headers["retry-after"] == "1" for status, _, headers in answers if status == 429)


# --- hostile input ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/?to=9999-12-31", None),
        ("GET", "/stats.json?from=9999-12-31&to=9999-12-31", None),
        ("GET", "/stats.csv?from=0001-01-01", None),
        ("POST", "/entries", "[" * 2000),
        ("POST", "/entries", "[" * 4000),
    ],
)
def test_hostile_input_is_a_400_not_a_500(dashboard, method, path, body):
    who = token(dashboard.config, "door", "entries") if method == "POST" else basic(PASSWORD)
    status, text, _ = dashboard.request(method, path, who, body=body)
    assert status == 400, text
