"""Content published to the fleet: `kiosk publish` stores a checked release in a real central
store; a second kiosk fetches only the files it lacks, checks them, and shows the release on its
attract screen; a broken release is refused and said; rollback; a release for one kiosk first."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.config import load_config
from kiosk.content.loader import load_exhibit
from kiosk.content.reload import ContentReloader
from kiosk.fleet import heartbeat, publish
from kiosk.fleet.releases import ReleaseTaker, path_problem
from kiosk.resources import init_site
from kiosk.ui.app import KioskApp
from kiosk.ui.input import Pointer
from tests.fleet.test_fleet import central_url, server_url  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]
NOON = 1_504_764_000.0


@pytest.fixture(autouse=True)
def display():
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


def site(folder: Path, kiosk_id: str) -> Path:
    folder.mkdir(exist_ok=True)
    init_site(folder)
    config = folder / "config.yaml"
    config.write_text(config.read_text().replace("kiosk_id: kiosk-1", f"kiosk_id: {kiosk_id}", 1))
    return config


def retitle(config_file: Path, title: str) -> None:
    pavilion = config_file.parent / "zones" / "pavilion.yaml"
    pavilion.write_text(pavilion.read_text().replace("Pawilon Polski", title, 1))


def kiosk_cli(*args: str, url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "SDL_VIDEODRIVER": "dummy", "KIOSK_FLEET_URL": url},
        timeout=120,
    )


def running(config_file: Path):
    config = load_config(config_file)
    clock = VirtualClock(NOON)
    reloader = ContentReloader(config, clock.monotonic())
    app = KioskApp(config, load_exhibit(config).exhibit, (1280, 720), clock, reloader=reloader)
    return config, app, clock, reloader


def settle(app, clock, reloader) -> None:
    """A second on: the reload the release started has been loaded and offered."""
    clock.advance(1.0)
    app.update()
    reloader.wait()
    app.update()


def title(app) -> str:
    return app.exhibit.pavilion.title.root["pl"]


def put(url: str, office: Path, note: str = "", kiosks=None) -> int:
    with psycopg.connect(url, autocommit=True) as conn:
        return publish.publish(
            conn, publish.site_files(load_config(office)), note, kiosks, "curator@office"
        ).release


def test_a_published_release_reaches_a_second_kiosk_at_its_attract_screen(tmp_path, central_url):  # noqa: F811
    office = site(tmp_path / "office", "office")
    second = site(tmp_path / "second", "forest-room")
    retitle(office, "Pawilon Polski — Expo 2017")
    done = kiosk_cli("publish", "--config", str(office), "--note", "new title", url=central_url)
    assert done.returncode == 0, done.stderr
    release = done.stdout.strip()
    assert release == "1" and "for every kiosk" in done.stderr

    config, app, clock, reloader = running(second)
    x, y = app.widget_centre("attract")  # a visitor is at the kiosk
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))
    taker = ReleaseTaker(config, central_url)
    taken = taker.poll()
    files = publish.site_files(load_config(office))
    # The second kiosk has the sample content already: only the edited file comes over the wire.
    assert taken.installed and (taken.fetched, taken.reused) == (1, len(files) - 1)
    assert os.readlink(config.base_dir / "releases" / "current") == release
    assert (config.base_dir / "releases" / "1" / "zones" / "pavilion.yaml").read_bytes() == (
        office.parent / "zones" / "pavilion.yaml"
    ).read_bytes()
    settle(app, clock, reloader)
    assert title(app) == "Pawilon Polski"  # never under the visitor's finger
    assert app.live()["content_waiting"] is True
    clock.advance(config.idle_timeout_s + 1)  # the visitor walks away
    app.update()
    clock.advance(0.5)  # the slide back to the attract screen ends
    app.update()
    assert app.scene.name == "attract" and title(app) == "Pawilon Polski — Expo 2017"
    figures = heartbeat.figures(config.kiosk_id, heartbeat.Sources(live=app.live, releases=taker.state))
    assert figures["release"] == "1" and figures["release_refused"] is None
    assert taker.poll().installed is False  # nothing new: nothing fetched again


def test_a_broken_release_is_refused_and_the_kiosk_keeps_its_content(tmp_path, central_url):  # noqa: F811
    office = site(tmp_path / "office", "office")
    second = site(tmp_path / "second", "forest-room")
    forest = office.parent / "zones" / "forest.yaml"
    forest.write_text(forest.read_text().replace("pages:", "pagez:", 1))
    # `kiosk publish` refuses it, with the problem, and stores nothing.
    done = kiosk_cli("publish", "--config", str(office), url=central_url)
    assert done.returncode == 1 and "zones/forest.yaml" in done.stdout and "nothing published" in done.stderr
    # A release made without those checks (by an older kiosk, say) is refused by the kiosk itself.
    broken = put(central_url, office, "forest reworked")
    config, app, clock, reloader = running(second)
    taker = ReleaseTaker(config, central_url)
    assert taker.poll().installed is False
    refused = taker.state()["release_refused"]
    assert refused["release"] == str(broken) and any("zones/forest.yaml" in p for p in refused["problems"])
    assert not (config.base_dir / "releases" / "current").exists()
    assert not (config.base_dir / "releases" / str(broken)).exists()
    settle(app, clock, reloader)
    assert title(app) == "Pawilon Polski" and app.content.problems == []
    # A file whose bytes are not what the manifest says is refused too, and so is a path out of the site.
    forest.write_text(forest.read_text().replace("pagez:", "pages:", 1))
    retitle(office, "Zmieniony")
    good = put(central_url, office)
    with psycopg.connect(central_url, autocommit=True) as conn:
        (digest,) = conn.execute(
            "SELECT manifest->'files'->>'zones/pavilion.yaml' FROM releases WHERE id = %s", (good,)
        ).fetchone()
        conn.execute("UPDATE content_files SET data = 'tampered' WHERE sha256 = %s", (digest,))
    taker.poll()
    assert "zones/pavilion.yaml: its contents do not match" in taker.state()["release_refused"]["problems"][0]
    for bad in (
        "../config.yaml",
        "media/../../x",
        "media/images/../../../x",
        "zones/sub/a.yaml",
        "schema/x.json",
    ):
        assert path_problem(bad), bad
    assert path_problem("media/images/forest.png") is None and path_problem("zones/forest.yaml") is None


def test_rollback_goes_back_one_release_and_targeting_tries_one_kiosk_first(tmp_path, central_url):  # noqa: F811
    office = site(tmp_path / "office", "office")
    first = site(tmp_path / "first", "entrance-hall")
    second = site(tmp_path / "second", "forest-room")
    retitle(office, "Wydanie 1")
    one = put(central_url, office, "one")
    takers = {
        name: ReleaseTaker(load_config(path), central_url) for name, path in (("a", first), ("b", second))
    }
    assert takers["a"].poll().installed and takers["a"].current() == str(one)
    pavilion = office.parent / "zones" / "pavilion.yaml"
    pavilion.write_text(pavilion.read_text().replace("Wydanie 1", "Wydanie 2", 1))
    two = put(central_url, office, "two, on one kiosk first", ["entrance-hall"])
    assert takers["a"].poll().release == str(two) and takers["a"].current() == str(two)
    assert takers["b"].poll().release == str(one) and takers["b"].current() == str(one)  # not for it yet
    # Rollback: the kiosk that had release 2 goes back to 1, which it kept: nothing fetched.
    done = kiosk_cli("publish", "--config", str(office), "--rollback", url=central_url)
    assert done.returncode == 0 and f"release {two} withdrawn" in done.stderr, done.stderr
    back = takers["a"].poll()
    assert back.installed and back.fetched == 0 and takers["a"].current() == str(one)
    assert (first.parent / "releases" / str(two)).is_dir()  # the one before is kept in its turn
    with psycopg.connect(central_url, autocommit=True) as conn, pytest.raises(publish.NothingToRollBack):
        publish.rollback(conn)  # release 1 is the first: there is none before it
