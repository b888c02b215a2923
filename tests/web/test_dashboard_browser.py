"""The staff dashboard in a real browser: Debian's chromium, driven by Playwright.

The real server (uvicorn, in a thread, as `kiosk run` starts it) on a free port, a recorded
visiting day, and the figures the browser shows compared with `kiosk stats --json`. The
screenshot goes to docs/dashboard.png only with KIOSK_UPDATE_DOCS=1, so CI never writes into
the repository.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from kiosk.config import Config, load_config
from kiosk.staff import StaffSecrets
from kiosk.visitors import reports, store
from kiosk.visitors.sessions import (
    EntryCounted,
    Interaction,
    LanguageUsed,
    SessionEnded,
    SessionStarted,
    ZoneEntered,
    ZoneLeft,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # tests run as root in CI, where chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "forest-and-sun"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def record_visiting_day(config: Config) -> None:
    """A day at the pavilion: visitors in four languages across the zones, a quiz, the door."""
    today = reports.today(config.tz)

    def at(day, hour, minute=0) -> float:
        return datetime.combine(day, time(hour, minute), tzinfo=config.tz).timestamp()

    plan = [  # (hour, minute, length s, language, [(zone, dwell s)], quiz answer right?)
        (9, 20, 75, "pl", [("pavilion", 30)], None),
        (10, 5, 140, "en", [("forest", 60), ("regions", 45)], True),
        (10, 35, 95, "kk", [("energy", 50)], None),
        (11, 10, 210, "pl", [("forest", 90), ("energy", 70)], False),
        (11, 40, 60, "ru", [("regions", 35)], None),
        (12, 15, 180, "en", [("forest", 80), ("future", 60)], True),
        (13, 5, 120, "pl", [("energy", 55), ("forest", 40)], True),
        (14, 30, 45, "kk", [("future", 25)], None),
        (15, 20, 160, "pl", [("regions", 70), ("forest", 50)], False),
        (16, 0, 90, "en", [("energy", 45)], None),
    ]
    events = []
    for number, (hour, minute, length, language, zones, right) in enumerate(plan):
        sid, start = f"today-{number}", at(today, hour, minute)
        events += [SessionStarted(sid, config.kiosk_id, start), LanguageUsed(sid, language, start + 1)]
        for seq, (zone_id, dwell) in enumerate(zones, start=1):
            events += [
                ZoneEntered(sid, seq, zone_id, start + 2),
                ZoneLeft(sid, seq, start + 2 + dwell, dwell),
            ]
        if right is not None:
            events.append(Interaction(sid, 9, "forest", "p1", "quiz", "forum", "1", right, start + 3))
        events.append(SessionEnded(sid, start + length, length, "timeout"))
    for offset, sessions in ((1, 7), (2, 12), (3, 9), (4, 4), (5, 11), (6, 8)):
        day = today - timedelta(days=offset)
        for number in range(sessions):
            sid, start = f"before-{offset}-{number}", at(day, 10 + number % 7, 7 * number % 60)
            events += [
                SessionStarted(sid, config.kiosk_id, start),
                SessionEnded(sid, start + 80, 80, "timeout"),
            ]
        events.append(EntryCounted(f"door-before-{offset}", "door", at(day, 12), sessions * 3))
    for hour, people in ((9, 6), (10, 11), (11, 9), (12, 8), (13, 7), (14, 5), (15, 6), (16, 4)):
        events.append(EntryCounted(f"door-{hour}", "door", at(today, hour, 30), people))
    conn = store.connect(config.store_file)
    try:
        store.write(conn, events)
    finally:
        conn.close()


def kiosk_stats(config_file: Path, day) -> dict:
    command = [sys.executable, "-m", "kiosk", "stats", "--json", "--config", str(config_file)]
    command += ["--from", day.isoformat(), "--to", day.isoformat()]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


@pytest.fixture
def dashboard(tmp_path):
    """(config file, the dashboard's address): the real server, stopped after the test."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    from kiosk.web import start_in_thread

    config_file = tmp_path / "config.yaml"
    config_file.write_text(f"store_path: visitors.db\nweb:\n  host: 127.0.0.1\n  port: {free_port()}\n")
    config = load_config(config_file)
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    record_visiting_day(config)
    running = start_in_thread(config)
    try:
        yield config_file, f"http://127.0.0.1:{running.port}/"
    finally:
        running.stop()


def test_the_dashboard_in_a_browser_shows_what_kiosk_stats_says(dashboard, tmp_path):
    from playwright.sync_api import sync_playwright

    config_file, address = dashboard
    config = load_config(config_file)
    stats = kiosk_stats(config_file, reports.today(config.tz))
    shot = (
        ROOT / "docs" / "dashboard.png"
        if os.environ.get("KIOSK_UPDATE_DOCS") == "1"
        else tmp_path / "dashboard.png"
    )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            # Headless chromium fails a bare 401 navigation outright (it cannot ask anyone), so the
            # stranger's page offers a wrong password; a plain request then carries none at all.
            stranger = browser.new_context(http_credentials={"username": "staff", "password": "guess"})
            refused = stranger.new_page().goto(address)
            assert refused.status == 401
            assert not any(c.isdigit() for c in refused.text())
            stranger.close()
            anonymous = playwright.request.new_context()
            assert anonymous.get(address).status == 401
            anonymous.dispose()

            staff = browser.new_context(
                http_credentials={"username": "staff", "password": PASSWORD}, viewport=DESKTOP
            )
            page = staff.new_page()
            assert page.goto(address).status == 200
            shown = page.eval_on_selector_all(
                "[data-figure]",
                "els => Object.fromEntries(els.map(e => [e.dataset.figure, e.dataset.value]))",
            )
            assert float(shown["sessions"]) == stats["sessions"] == 10
            assert float(shown["entries"]) == stats["entries"] == 56
            assert float(shown["avg_session_s"]) == stats["avg_session_s"]
            for zone_id, zone in stats["zones"].items():
                assert float(shown[f"zone:{zone_id}:views"]) == zone["views"]
                assert float(shown[f"zone:{zone_id}:dwell_s"]) == zone["dwell_s"]
            for code, count in stats["languages"].items():
                assert float(shown[f"language:{code}"]) == count
            for hour, counts in stats["hours"].items():
                assert float(shown[f"hour:{hour}:sessions"]) == counts["sessions"]
            assert float(shown["quiz:forest/forum:answers"]) == stats["quizzes"]["forest/forum"]["answers"]
            # What a person reads is the same figure: the big number, and the length as m:ss.
            assert page.inner_text('[data-figure="sessions"]') == "10"
            minutes, seconds = divmod(round(stats["avg_session_s"]), 60)
            assert page.inner_text('[data-figure="avg_session_s"]') == f"{minutes}:{seconds:02d}"
            # The stylesheet came through the same password: the page is on the kiosk's paper.
            assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(246, 244, 239)"
            page.screenshot(path=str(shot), full_page=True)

            page.set_viewport_size(PHONE)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(tmp_path / "dashboard-phone.png"), full_page=True)
            staff.close()
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000


# --- the dashboard in the staff's languages -------------------------------------------------

AXE_PLACES = ["/usr/lib/node_modules/axe-core/axe.min.js", "/usr/local/lib/node_modules/axe-core/axe.min.js"]


def axe_script() -> Path | None:
    """axe-core's script, where npm put it (`npm install -g axe-core`)."""
    import shutil

    places = [Path(p) for p in AXE_PLACES]
    if shutil.which("npm"):
        root = subprocess.run(
            ["npm", "root", "-g"], capture_output=True, text=True, timeout=60
        ).stdout.strip()
        places.insert(0, Path(root) / "axe-core" / "axe.min.js")
    return next((p for p in places if p.is_file()), None)


@pytest.fixture
def pavilion_site(tmp_path):
    """(config, the dashboard's address) over the sample pavilion's content, so zones have
    titles, with a day of visitors whose counts need every plural form."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    from kiosk.resources import init_site
    from kiosk.web import start_in_thread
    from tests import staff_day

    init_site(tmp_path / "site")
    config_file = tmp_path / "site" / "config.yaml"
    config_file.write_text(config_file.read_text().replace("port: 8765", f"port: {free_port()}"))
    config = load_config(config_file)
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    staff_day.record(config, reports.today(config.tz))
    running = start_in_thread(config)
    try:
        yield config, f"http://127.0.0.1:{running.port}/"
    finally:
        running.stop()


def test_the_dashboard_in_kazakh_as_a_kazakh_browser_asks_for_it(pavilion_site, tmp_path):
    from playwright.sync_api import sync_playwright

    config, address = pavilion_site
    docs = os.environ.get("KIOSK_UPDATE_DOCS") == "1"
    shot = ROOT / "docs" / "dashboard-kk.png" if docs else tmp_path / "dashboard-kk.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            staff = browser.new_context(
                http_credentials={"username": "staff", "password": PASSWORD}, viewport=DESKTOP, locale="kk-KZ"
            )
            page = staff.new_page()
            assert page.goto(address).status == 200
            assert page.evaluate("document.documentElement.lang") == "kk"
            assert page.inner_text("h1").startswith(
                f"{reports.today(config.tz).year}"
            )  # "2017 ж. 7 қыркүйек, ..."
            assert page.inner_text('[data-figure="entries"]') == "12\u00a0345"
            assert "Орман" in page.inner_text("main") and "Поляк тілі" in page.inner_text("main")
            assert page.get_attribute("td[title=forest]", "title") == "forest"
            page.screenshot(path=str(shot), full_page=True)
            page.set_viewport_size(PHONE)
            page.screenshot(path=str(tmp_path / "dashboard-kk-phone.png"), full_page=True)
            wide = page.evaluate(
                "[...document.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > innerWidth)"
                ".map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 40))"
            )
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], wide
            # The switcher: Russian, and the choice holds on the next page without ?lang=.
            page.click('nav.languages a[lang="ru"]')
            assert page.evaluate("document.documentElement.lang") == "ru"
            page.goto(address)
            assert page.evaluate("document.documentElement.lang") == "ru" and "Посетители" in page.title()
            staff.close()
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000


def test_the_dashboard_in_every_staff_language_passes_axe(pavilion_site):
    """axe-core, the checker the pavilion's staff ran, finds nothing in any language."""
    from playwright.sync_api import sync_playwright

    script = axe_script()
    if script is None:
        pytest.skip("axe-core is not installed: npm install -g axe-core")
    config, address = pavilion_site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            # The page allows no script (its CSP): axe is let in past it, as a browser extension is.
            staff = browser.new_context(
                http_credentials={"username": "staff", "password": PASSWORD},
                viewport=DESKTOP,
                bypass_csp=True,
            )
            page = staff.new_page()
            for language in ("pl", "en", "kk", "ru"):
                assert page.goto(f"{address}?lang={language}").status == 200
                page.add_script_tag(path=str(script))
                found = page.evaluate(
                    "async () => (await axe.run()).violations.map(v => [v.id, v.nodes.length])"
                )
                assert found == [], (language, found)
            staff.close()
        finally:
            browser.close()
