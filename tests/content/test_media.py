"""Pictures are decoded once from start to the first frame: the loader's check hands the
covers over decoded, the attract screen takes them, and nothing stale or unbounded is kept."""

from __future__ import annotations

import contextlib
import os
from collections import Counter

import pygame
import pytest
from PIL import Image

from kiosk.clock import VirtualClock
from kiosk.config import load_config
from kiosk.content import media
from kiosk.content.loader import load_exhibit
from kiosk.ui.app import KioskApp
from kiosk.ui.lint import check_fit


@pytest.fixture
def display():
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


@pytest.fixture
def decodes(monkeypatch):
    """How many times each file was decoded (headers read alone are not counted)."""
    counted: Counter = Counter()
    real = media._decoded

    @contextlib.contextmanager
    def counting(path, max_pixels):
        counted[path.name] += 1
        with real(path, max_pixels) as image:
            yield image

    monkeypatch.setattr(media, "_decoded", counting)
    return counted


def test_each_picture_is_decoded_once_from_start_to_the_first_frame(project, display, decodes):
    config = load_config(project)
    report = load_exhibit(config)
    pictures = {ref.rsplit("/", 1)[-1] for zone in report.exhibit.zones for _, ref in zone.media()}
    covers = {zone.cover.rsplit("/", 1)[-1] for zone in report.exhibit.zones}
    app = KioskApp(config, report.exhibit, (1920, 1080), VirtualClock(1_504_771_200.0))
    assert app.draw(pygame.Surface((1920, 1080)))
    assert app.scene.name == "attract" and app.faults.total == 0
    assert set(decodes) == pictures and set(decodes.values()) == {1}
    assert covers < pictures and len(media._handed) == 0  # every cover handed over was taken


def test_a_picture_changed_after_the_check_is_decoded_afresh(project, display):
    config = load_config(project)
    report = load_exhibit(config)
    cover = report.exhibit.zone("forest").cover
    path = config.media_path / cover
    before = os.stat(path)
    Image.new("RGB", (1200, 800), (255, 0, 0)).save(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    app = KioskApp(config, report.exhibit, (1920, 1080), VirtualClock(1_504_771_200.0))
    assert app.images.get(cover, (40, 40)).get_at((20, 20))[:3] == (255, 0, 0)


def test_pictures_handed_over_stay_within_their_bytes(tmp_path):
    media.forget_handed()
    picture = Image.new("RGB", (1000, 1000))  # 3 MB decoded
    for i in range(40):
        path = tmp_path / f"{i}.png"
        path.write_bytes(b"x" * (i + 1))  # its own file: a size and time of its own
        media.hand_over(path, picture)
        assert media._handed.used <= media.HANDED_BYTES
    assert 0 < len(media._handed) < 40  # the oldest were let go
    media.hand_over(tmp_path / "0.png", Image.new("RGB", (9000, 9000)))  # alone over budget: not kept
    assert media._handed.used <= media.HANDED_BYTES
    media.forget_handed()
    assert len(media._handed) == 0 and media._handed.used == 0


def test_a_new_check_lets_the_last_ones_pictures_go(project):
    config = load_config(project)
    load_exhibit(config)
    first = len(media._handed)
    assert first == 5  # the five covers
    load_exhibit(config)
    assert len(media._handed) == first  # the same five, not ten
    check_fit(load_exhibit(config), config)
    assert len(media._handed) == 0  # measuring draws none of them
