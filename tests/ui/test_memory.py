"""Flat memory: a screen that is left is freed at once, caches stay within their bytes."""

from __future__ import annotations

import gc
from pathlib import Path

import pygame

from kiosk.clock import VirtualClock
from kiosk.ui.app import KioskApp
from kiosk.ui.images import ImageCache
from kiosk.ui.scenes.base import Scene
from kiosk.ui.wanderer import Wanderer

ROOT = Path(__file__).resolve().parents[2]


def alive_scenes() -> list[Scene]:
    return [o for o in gc.get_objects() if isinstance(o, Scene)]


def test_left_screens_are_freed_without_the_cycle_collector(shipped):
    config, exhibit = shipped
    clock = VirtualClock(1_504_771_200.0)
    app = KioskApp(config, exhibit, (1280, 720), clock)
    gc.collect()
    gc.disable()  # only reference counting frees what is left: no cycles may hold a screen
    try:
        shows = []
        real_show = app.show
        app.show = lambda scene, direction=1, built=False: (
            shows.append(1),
            real_show(scene, direction, built),
        )
        wanderer = Wanderer(app, clock, seed=3, canvas=pygame.Surface((1280, 720)))
        while len(shows) < 50:
            wanderer.visit()
        scenes = alive_scenes()
        assert len(scenes) <= 2, [type(s).__name__ for s in scenes]
        assert app.scene in scenes
    finally:
        gc.enable()


def test_full_screen_pictures_are_reused_across_navigations(shipped):
    config, exhibit = shipped
    clock = VirtualClock(1_504_771_200.0)
    app = KioskApp(config, exhibit, (1280, 720), clock)
    wanderer = Wanderer(app, clock, seed=5)
    pictures = set()
    for _ in range(8):
        wanderer.visit()
        pictures.add(id(app.scene.static))
        if app.transition:
            pictures |= {id(app.transition.before), id(app.transition.after)}
    assert pictures <= app.screens.held()


def test_the_picture_cache_stays_within_its_bytes(shipped):
    config, _ = shipped
    budget = 6 * 2**20
    cache = ImageCache(config.media_path, budget_bytes=budget, source_budget_bytes=budget // 2)
    refs = sorted(
        p.relative_to(config.media_path).as_posix() for p in (config.media_path / "images").glob("*.png")
    )
    for size in ((640, 400), (800, 500), (1000, 600)):
        for ref in refs:
            cache.get(ref, size, "cover", radius=12)
            assert cache.surface_bytes <= budget
            assert cache.source_bytes <= budget // 2 or len(cache._sources) == 1
    assert 0 < len(cache) < len(refs) * 3  # something was let go


def test_a_rounded_picture_is_made_once(shipped):
    config, _ = shipped
    cache = ImageCache(config.media_path)
    first = cache.get("images/forest-cover.png", (400, 300), "cover", radius=18)
    assert cache.get("images/forest-cover.png", (400, 300), "cover", radius=18) is first
    assert first.get_at((0, 0)).a == 0  # the corner is rounded away
    laid = cache.get("images/forest-cover.png", (400, 300), "cover", radius=18, backdrop=(10, 20, 30))
    assert laid.get_at((0, 0))[:3] == (10, 20, 30)
