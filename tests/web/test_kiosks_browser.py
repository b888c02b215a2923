"""The Kiosks page in a real browser, and a published release reaching a second kiosk.

Two kiosks run on virtual clocks and beat to a real PostgreSQL server (test_fleet.py's); two
more kiosks' last heartbeats are written as they would have come (one two minutes silent, one
under maintenance). `kiosk publish` sends a release: the second kiosk takes it and shows it on
its attract screen; a broken release tried on the first kiosk is refused. `kiosk serve` shows
it all, and Chromium (Playwright) reads the page, asks the second kiosk for its screen and sees
the picture come back. The screenshot goes to docs/kiosks.png only with KIOSK_UPDATE_DOCS=1.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psycopg
import pygame
import pytest

from kiosk.config import load_config
from kiosk.fleet import heartbeat
from kiosk.fleet.heartbeat import Heartbeat, Sources
from kiosk.fleet.releases import ReleaseTaker
from kiosk.staff import StaffSecrets
from tests.fleet.test_fleet import central_url, server_url  # noqa: F401 - fixtures
from tests.fleet.test_publish import ROOT, kiosk_cli, put, retitle, running, settle, site, title
from tests.waiting import listening
from tests.web.test_dashboard_browser import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PASSWORD, PHONE, free_port


@pytest.fixture(autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


class Kiosk:
    """A kiosk as `kiosk run` wires it: the app, its heartbeat and its release taker."""

    def __init__(self, config_file, url):
        self.config, self.app, self.clock, self.reloader = running(config_file)
        self.app.visitors_today = lambda: 12
        self.taker = ReleaseTaker(self.config, url)
        sources = Sources(
            live=self.app.live,
            visitors_today=self.app.visitors_today,
            store_dir=self.config.base_dir,
            backlog=lambda: 0,
            releases=self.taker.state,
            screen=lambda: self.app.screen_copy,
        )
        self.app.frame_times.extend([0.006] * 50)
        self.heartbeat = Heartbeat(url, self.config.kiosk_id, sources)
        self.canvas = pygame.Surface(self.app.size)

    def frame(self) -> None:
        """One pass of the window loop: time, the scene, a drawn frame (and a copy, if asked)."""
        self.clock.advance(0.5)
        self.app.update()
        self.app.draw(self.canvas)


def serve(office, url):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "serve", "--config", str(office), "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "KIOSK_FLEET_URL": url},
        stderr=subprocess.PIPE,
        text=True,
    )
    listening(server, port)
    return server, f"http://127.0.0.1:{port}/"


def test_the_kiosks_page_shows_the_fleet_and_a_release_reaching_a_second_kiosk(tmp_path, central_url):  # noqa: F811
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    office = site(tmp_path / "office", "office")
    StaffSecrets(load_config(office).staff_file).set("password", PASSWORD)
    first = Kiosk(site(tmp_path / "first", "entrance-hall"), central_url)
    second = Kiosk(site(tmp_path / "second", "forest-room"), central_url)
    for kiosk in (first, second):
        assert kiosk.heartbeat.beat(), kiosk.heartbeat.problem
    with psycopg.connect(central_url, autocommit=True) as conn:
        figures = {"version": "0.1.0", "open": True, "screen": "zone", "release": None}
        heartbeat.send(conn, "upper-floor", figures, at=time.time() - 7 * 60)
        heartbeat.send(conn, "lift-lobby", {**figures, "maintenance": True, "screen": "staff"})

    # A release for every kiosk: the second kiosk takes it and shows it at its attract screen.
    retitle(office, "Pawilon Polski — Expo 2017")
    done = kiosk_cli("publish", "--config", str(office), "--note", "Expo 2017 in the title", url=central_url)
    assert done.returncode == 0, done.stderr
    assert second.taker.poll().fetched == 1
    settle(second.app, second.clock, second.reloader)
    second.frame()
    assert title(second.app) == "Pawilon Polski — Expo 2017"
    # A broken release tried on the first kiosk alone: refused there, and said.
    forest = office.parent / "zones" / "forest.yaml"
    forest.write_text(forest.read_text().replace("pages:", "pagez:", 1))
    broken = put(central_url, office, "forest reworked", ["entrance-hall"])
    assert first.taker.poll().installed is False
    for kiosk in (first, second):
        assert kiosk.heartbeat.beat()

    server, address = serve(office, central_url)
    docs = os.environ.get("KIOSK_UPDATE_DOCS") == "1"
    shots = ROOT / "docs" if docs else tmp_path
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            try:
                staff = browser.new_context(
                    http_credentials={"username": "staff", "password": PASSWORD}, viewport=DESKTOP
                )
                page = staff.new_page()
                assert page.goto(address).status == 200
                page.click("text=Each kiosk's state, screen and content release")
                page.wait_for_load_state()
                assert page.url.endswith("/kiosks")

                def said(name: str) -> str:
                    return page.get_attribute(f'[data-figure="{name}"]', "data-value")

                assert said("kiosk:entrance-hall:status") == "ONLINE"
                assert said("kiosk:forest-room:status") == "ONLINE"
                assert said("kiosk:upper-floor:status") == "OFFLINE"
                assert said("kiosk:lift-lobby:status") == "MAINTENANCE"
                assert said("status:OFFLINE") == "1" and said("status:ONLINE") == "2"
                assert said("kiosk:forest-room:release") == "1"
                assert said("kiosk:entrance-hall:release") == ""  # still the site's own content
                assert said("kiosk:entrance-hall:refused") == str(broken)
                refusal = page.inner_text('[data-figure="kiosk:entrance-hall:refused"]')
                assert f"Refused release {broken}" in refusal and "zones/forest.yaml" in refusal
                assert "7 min ago" in page.inner_text('[data-kiosk="upper-floor"]')
                assert "Expo 2017 in the title" in page.inner_text(".releases")
                # The first card is the kiosk in trouble.
                assert page.get_attribute(".kiosk-card >> nth=0", "data-kiosk") == "upper-floor"

                # Staff ask the second kiosk for its screen; it comes with the next heartbeats.
                page.click('[data-kiosk="forest-room"] >> text=Ask for a screenshot')
                page.wait_for_load_state()
                assert page.url.endswith("/kiosks"), page.content()
                assert "comes with the kiosk's next heartbeats" in page.inner_text(
                    '[data-kiosk="forest-room"]'
                )
                assert second.heartbeat.beat()  # sees the request
                second.frame()  # the frame thread copies its screen
                assert second.heartbeat.beat()  # and the copy goes
                page.reload()
                image = page.locator('[data-kiosk="forest-room"] img')
                image.wait_for()
                page.wait_for_function(
                    "() => document.querySelector('[data-kiosk=\"forest-room\"] img').complete"
                )
                assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [1280, 720]
                page.screenshot(path=str(shots / "kiosks.png"), full_page=True)

                page.set_viewport_size(PHONE)
                assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
                page.screenshot(path=str(tmp_path / "kiosks-phone.png"), full_page=True)
                staff.close()
            finally:
                browser.close()
    finally:
        server.terminate()
        server.communicate(timeout=10)
    if not docs:
        print(f"screenshots in {tmp_path}")
