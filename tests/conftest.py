"""Tests run headless: SDL's dummy drivers are chosen before anything imports pygame."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A new site made by `kiosk init` from the sample pavilion, to break or run freely.

    Returns the path of its config.yaml; the visitor store goes inside the site.
    """
    from kiosk.resources import init_site

    init_site(tmp_path)
    return tmp_path / "config.yaml"


@pytest.fixture
def config(project: Path):
    from kiosk.config import load_config

    return load_config(project)


@pytest.fixture(scope="module")
def display():
    """A headless display for the module: pictures are converted to the screen's format."""
    import pygame

    pygame.display.init()
    pygame.display.set_mode((1, 1))
    yield
    pygame.display.quit()


@pytest.fixture(scope="module")
def shipped():
    """The shipped config and exhibit, on a headless display, for tests that drive the app."""
    import pygame

    from kiosk.config import load_config
    from kiosk.content.loader import load_exhibit

    pygame.display.init()
    pygame.display.set_mode((1, 1))
    config = load_config(ROOT / "config.yaml")
    yield config, load_exhibit(config).exhibit
    pygame.display.quit()
