"""The whole pavilion's dashboard in a real browser: `kiosk serve` over the central store.

Three kiosks record a day and forward it to a real PostgreSQL server (test_fleet.py's); `kiosk
serve`, with fleet.database_url set, serves the pavilion from it. Chromium (Playwright) reads
the Kiosks card and each kiosk's own page, and they say what `kiosk stats --db postgresql://…`
says. The screenshots go to docs/dashboard-pavilion*.png only with KIOSK_UPDATE_DOCS=1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.fleet.forwarder import Forwarder
from kiosk.staff import StaffSecrets
from kiosk.visitors import reports, store
from kiosk.visitors.sessions import LanguageUsed, SessionEnded, SessionStarted, ZoneEntered, ZoneLeft
from tests.fleet.test_fleet import central_url, server_url  # noqa: F401 - fixtures
from tests.waiting import listening
from tests.web.test_dashboard_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PASSWORD,
    PHONE,
    free_port,
    record_visiting_day,
)

ROOT = Path(__file__).resolve().parents[2]
# (kiosk, extra visitors today): three kiosks of one pavilion, busy in different measure.
KIOSKS = (("entrance-hall", 14), ("forest-room", 5), ("energy-wall", 0))


def forwarded_day(folder: Path, kiosk_id: str, extra: int, url: str) -> Path:
    """A kiosk's day recorded (the browser test's day, and `extra` more visitors), then forwarded."""
    folder.mkdir()
    config_file = folder / "config.yaml"
    config_file.write_text(f"kiosk_id: {kiosk_id}\nstore_path: visitors.db\n")
    config = load_config(config_file)
    record_visiting_day(config)
    today = reports.today(config.tz)
    events = []
    for number in range(extra):
        sid = f"extra-{number}"
        start = datetime.combine(today, clock_time(11 + number % 5, 3 * number), tzinfo=config.tz).timestamp()
        zone = ("forest", "energy", "regions")[number % 3]
        events += [
            SessionStarted(sid, kiosk_id, start),
            LanguageUsed(sid, ("kk", "en")[number % 2], start + 1),
        ]
        events += [ZoneEntered(sid, 1, zone, start + 2), ZoneLeft(sid, 1, start + 50, 48.0)]
        events.append(SessionEnded(sid, start + 60 + number, 60.0 + number, "finished"))
    conn = store.connect(config.store_file)
    store.write(conn, events)
    conn.close()
    forwarder = Forwarder(config.store_file, url, kiosk_id)
    assert forwarder.forward().records > 0
    forwarder.close()
    return config_file


def stats(config_file: Path, url: str, *args: str) -> dict:
    command = [sys.executable, "-m", "kiosk", "stats", "--json", "--config", str(config_file), "--db", url]
    done = subprocess.run([*command, *args], cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


@pytest.fixture
def pavilion(tmp_path, central_url):  # noqa: F811 - the fixture
    """(a site's config file, the central store, the dashboard's address): `kiosk serve` running."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    files = [forwarded_day(tmp_path / k, k, extra, central_url) for k, extra in KIOSKS]
    office = files[0]  # the office serves from one site's folder, its password in its staff.json
    StaffSecrets(load_config(office).staff_file).set("password", PASSWORD)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "serve", "--config", str(office), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "KIOSK_FLEET_URL": central_url},
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        listening(server, port)
        yield office, central_url, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        said = server.communicate(timeout=10)[1]
        assert "visitor figures from postgresql://" in said, said


def test_the_pavilion_dashboard_shows_each_kiosk_as_kiosk_stats_does(pavilion, tmp_path):
    from playwright.sync_api import sync_playwright

    config_file, url, address = pavilion
    day = reports.today(load_config(config_file).tz)
    today, week_ago = day.isoformat(), (day - timedelta(days=6)).isoformat()
    whole = stats(config_file, url, "--from", today, "--to", today)
    assert set(whole["by_kiosk"]) == {k for k, _ in KIOSKS} and whole["sessions"] == 3 * 10 + 14 + 5
    docs = os.environ.get("KIOSK_UPDATE_DOCS") == "1"
    shots = ROOT / "docs" if docs else tmp_path

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            staff = browser.new_context(
                http_credentials={"username": "staff", "password": PASSWORD}, viewport=DESKTOP
            )
            page = staff.new_page()
            assert page.goto(address).status == 200

            def shown() -> dict:
                return page.eval_on_selector_all(
                    "[data-figure]",
                    "els => Object.fromEntries(els.map(e => [e.dataset.figure, Number(e.dataset.value)]))",
                )

            figures = shown()
            assert figures["sessions"] == whole["sessions"] and figures["entries"] == whole["entries"]
            for kiosk_id, kiosk in whole["by_kiosk"].items():
                for key in ("sessions", "entries", "avg_session_s"):
                    assert figures[f"kiosk:{kiosk_id}:{key}"] == kiosk[key]
            assert page.inner_text(".band .kiosk") == "Whole pavilion"
            page.screenshot(path=str(shots / "dashboard-pavilion.png"), full_page=True)

            # A kiosk's name opens its own page: that kiosk's figures, as `kiosk stats --kiosk` gives.
            page.click("text=forest-room")
            page.wait_for_load_state()
            one = stats(config_file, url, "--from", today, "--to", today, "--kiosk", "forest-room")
            figures = shown()
            assert figures["sessions"] == one["sessions"] == 15
            assert figures["avg_session_s"] == one["avg_session_s"]
            for zone_id, zone in one["zones"].items():
                assert figures[f"zone:{zone_id}:views"] == zone["views"]
            assert not any(name.startswith("kiosk:") for name in figures)
            assert page.inner_text(".band .kiosk") == "forest-room"
            assert page.url.endswith("/?kiosk=forest-room")  # today's page, with its last 7 days
            week = stats(config_file, url, "--from", week_ago, "--to", today, "--kiosk", "forest-room")
            assert len(week["days"]) == 7
            for day, counts in week["days"].items():
                assert figures[f"day:{day}:sessions"] == counts["sessions"]
            page.screenshot(path=str(shots / "dashboard-pavilion-kiosk.png"), full_page=True)
            # Its downloads and its range keep to it; "All kiosks" goes back.
            csv = page.get_attribute("text=CSV by zone", "href")
            assert "kiosk=forest-room" in csv
            page.click("text=Last 7 days")
            page.wait_for_load_state()
            assert "kiosk=forest-room" in page.url
            page.click("text=All kiosks")
            page.wait_for_load_state()
            assert "kiosk:energy-wall:sessions" in shown()

            page.set_viewport_size(PHONE)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(tmp_path / "dashboard-pavilion-phone.png"), full_page=True)
            staff.close()
        finally:
            browser.close()
