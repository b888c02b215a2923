"""Kiosks watched: heartbeats from a running kiosk reach the central store (a real server), and
the Kiosks page and /metrics tell ONLINE, OFFLINE, CLOSED and MAINTENANCE from them; a
screenshot asked for on the dashboard comes back with the heartbeats."""

from __future__ import annotations

import time

import psycopg
import pygame
import pytest
from starlette.testclient import TestClient

from kiosk.clock import VirtualClock
from kiosk.config import load_config
from kiosk.content.loader import load_exhibit
from kiosk.fleet import heartbeat
from kiosk.fleet.heartbeat import Heartbeat, Sources
from kiosk.staff import StaffSecrets
from kiosk.ui.app import KioskApp
from kiosk.web import kiosks
from kiosk.web.app import create_app
from tests.fleet.test_fleet import central_url, server_url  # noqa: F401 - fixtures
from tests.scrape import Scrape, promtool_problems
from tests.waiting import wait_for

PASSWORD = "forest-and-sun"
NOON = 1_504_764_000.0  # 2017-09-07 12:00 in Astana, a Thursday


@pytest.fixture(autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


def running_kiosk(project, kiosk_id: str, hours: str | None = None, start: float = NOON):
    text = project.read_text().replace("kiosk_id: kiosk-1", f"kiosk_id: {kiosk_id}", 1)
    if hours:
        text = text.replace("  hours:  ", f'  hours: "{hours}"', 1)
    project.write_text(text)
    config = load_config(project)
    clock = VirtualClock(start)
    app = KioskApp(config, load_exhibit(config).exhibit, (1280, 720), clock, visitors_today=lambda: 7)
    return config, app, clock


def beating(app, config, url) -> Heartbeat:
    sources = Sources(
        live=app.live,
        visitors_today=app.visitors_today,
        store_dir=config.base_dir,
        backlog=lambda: 3,
        screen=lambda: app.screen_copy,
    )
    return Heartbeat(url, config.kiosk_id, sources, interval_s=0.05)


def stored(url: str) -> dict:
    with psycopg.connect(url, autocommit=True) as conn:
        return {k: (seen, figures) for k, seen, figures in conn.execute("SELECT * FROM kiosk_heartbeats")}


def test_a_running_kiosk_beats_from_its_own_thread_with_its_live_figures(project, central_url):  # noqa: F811
    config, app, clock = running_kiosk(project, "entrance-hall")
    app.frame_times.extend([0.004] * 99 + [0.020])
    worker = beating(app, config, central_url).start()
    try:
        # Two heartbeats, without the frame thread doing anything.
        wait_for(lambda: worker.sent >= 2, 10, f"two heartbeats ({worker.problem})", every=0.02)
    finally:
        worker.stop()
    seen, figures = stored(central_url)["entrance-hall"]
    assert abs(seen - time.time()) < 60  # the server's clock, not the kiosk's virtual 2017
    assert figures["kiosk"] == "entrance-hall" and figures["version"]
    assert figures["screen"] == "attract" and figures["open"] is True and figures["maintenance"] is False
    assert figures["visitors_today"] == 7 and figures["forward_backlog"] == 3
    assert figures["frame_time_p99"] == 0.020 and figures["free_disk_bytes"] > 0
    assert figures["release"] is None  # the site's own content, no release taken yet


def test_status_online_offline_closed_maintenance(project, tmp_path, central_url):  # noqa: F811
    config, app, clock = running_kiosk(project, "forest-room", hours="09:00-11:00")  # closed at noon
    assert not app.hours.open
    beat = beating(app, config, central_url)
    assert beat.beat()
    app.maintenance = True
    (tmp_path / "b").mkdir()
    other = tmp_path / "b" / "config.yaml"
    other.write_text("kiosk_id: energy-wall\n")
    with psycopg.connect(central_url, autocommit=True) as conn:
        heartbeat.send(conn, "energy-wall", {"open": True, "maintenance": True})
        heartbeat.send(conn, "lift-lobby", {"open": True, "maintenance": False})
        # A kiosk whose last word was two minutes and a second ago.
        heartbeat.send(conn, "upper-floor", {"open": True}, at=time.time() - 121)
        rows = kiosks.watched(conn)
    now = rows[0].now
    status = {row.kiosk: row.status(now) for row in rows}
    assert status == {
        "forest-room": "CLOSED",
        "energy-wall": "MAINTENANCE",
        "lift-lobby": "ONLINE",
        "upper-floor": "OFFLINE",
    }
    # Time goes on with no heartbeat: two minutes later every one of them is OFFLINE.
    assert {row.status(now + 121) for row in rows} == {"OFFLINE"}
    assert {row.status(now + 119) for row in rows if row.kiosk != "upper-floor"} != {"OFFLINE"}


def dashboard(project, url) -> TestClient:
    config = load_config(project)
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    client = TestClient(create_app(config, stores=[url]))
    client.auth = ("staff", PASSWORD)
    return client


def test_the_kiosks_page_and_metrics_cover_every_kiosk(project, central_url):  # noqa: F811
    config, app, clock = running_kiosk(project, "entrance-hall")
    app.frame_times.extend([0.01] * 10)
    assert beating(app, config, central_url).beat()
    with psycopg.connect(central_url, autocommit=True) as conn:
        heartbeat.send(conn, "upper-floor", {"open": True, "frame_time_p99": 0.5}, at=time.time() - 600)
    client = dashboard(project, central_url)
    page = client.get("/kiosks")
    assert page.status_code == 200, page.text
    assert 'data-figure="kiosk:entrance-hall:status" data-value="ONLINE"' in page.text
    assert 'data-figure="kiosk:upper-floor:status" data-value="OFFLINE"' in page.text
    assert "Asia/Almaty" in page.text
    metrics = client.get("/metrics", auth=None, headers={"Authorization": "Bearer " + token(config)}).text
    scraped = Scrape(metrics)
    assert scraped.value("kiosk_up", kiosk="entrance-hall") == 1
    assert scraped.value("kiosk_up", kiosk="upper-floor") == 0
    assert scraped.value("kiosk_frame_time_p99_seconds", kiosk="entrance-hall") == 0.01
    assert scraped.value("kiosk_frame_time_p99_seconds", kiosk="upper-floor") == 0.5
    assert scraped.value("kiosk_forward_backlog_records", kiosk="entrance-hall") == 3
    # When the kiosk started: its heartbeat's time on the central server's clock, less its uptime.
    started = scraped.value("process_start_time_seconds", kiosk="entrance-hall")
    assert started == pytest.approx(time.time() - app.live()["uptime_seconds"], abs=60)
    assert scraped.samples and all("kiosk" in sample.labels for sample in scraped.samples)
    assert promtool_problems(metrics) == ""


def token(config) -> str:
    from kiosk.web import tokens

    return tokens.add(StaffSecrets(config.staff_file), "prometheus", "metrics")


def test_a_screenshot_asked_on_the_dashboard_comes_with_the_next_heartbeats(project, central_url):  # noqa: F811
    config, app, clock = running_kiosk(project, "entrance-hall")
    beat = beating(app, config, central_url)
    assert beat.beat()
    client = dashboard(project, central_url)
    asked = client.post("/kiosks/screenshot", data={"kiosk": "entrance-hall"}, follow_redirects=False)
    assert asked.status_code == 303
    assert "screenshot asked" in client.get("/kiosks", headers={"Accept-Language": "en"}).text
    # From another site a form cannot ask (the browser says where the form came from).
    foreign = client.post(
        "/kiosks/screenshot", data={"kiosk": "entrance-hall"}, headers={"Origin": "https://elsewhere.example"}
    )
    assert foreign.status_code == 403
    assert beat.beat()  # sees the request: the screen is asked for a copy
    canvas = pygame.Surface((1280, 720))
    app.draw(canvas)  # the frame thread takes it with its next frame
    assert beat.beat()  # and the heartbeat sends it
    png = client.get("/kiosks/screen.png?kiosk=entrance-hall")
    assert png.status_code == 200 and png.headers["content-type"] == "image/png"
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    import io

    picture = pygame.image.load(io.BytesIO(png.content), "screen.png")
    assert picture.get_size() == (1280, 720)
    assert picture.get_at((640, 360)) == canvas.get_at((640, 360))
    assert "screenshot asked" not in client.get("/kiosks", headers={"Accept-Language": "en"}).text  # answered
    assert beat.beat() and beat._asked is None  # nothing more is sent
