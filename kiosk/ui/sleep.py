"""Sleeping until the next event, at no cost while nothing comes.

pygame-ce's `event.wait(timeout)` polls: it reads SDL's events and sleeps a millisecond, a
thousand times a second, which is 2-3 % of a core for a kiosk that shows a still page. SDL's
own `SDL_WaitEventTimeout` blocks on the display's connection (X11, Wayland) and returns when
an event arrives. pygame-ce does not offer it, so it is called through ctypes on the SDL
library pygame itself loaded; given no event to fill, SDL leaves the event in its queue for
`pygame.event.get()`. Headless drivers have no input and simply sleep.
"""

from __future__ import annotations

import ctypes
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path

import pygame

log = logging.getLogger(__name__)

Sleep = Callable[[float], None]  # seconds at most; returns early when an event is waiting

_SDL = re.compile(r"/libSDL2(-[^/_]*)?\.so[^/]*$")  # SDL itself, not SDL_image, SDL_ttf...


def sleeper(headless: bool) -> Sleep:
    """The cheapest way to wait that still wakes for a touch."""
    if headless:
        return time.sleep
    wait = _sdl_wait()
    if wait is None:
        log.info("SDL's event wait not found: waiting by polling every millisecond")
        return poll
    return lambda seconds: wait(None, _ms(seconds))


def poll(seconds: float) -> None:
    """pygame-ce's way: look for an event every millisecond."""
    deadline = time.monotonic() + seconds
    while not pygame.event.peek() and time.monotonic() < deadline:
        pygame.time.wait(1)


def _ms(seconds: float) -> int:
    return max(1, round(seconds * 1000))


def _sdl_wait():
    """SDL_WaitEventTimeout from the SDL pygame runs on, if it can be found and is the same."""
    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return None  # not Linux
    paths = {line.split(maxsplit=5)[-1] for line in maps.splitlines() if _SDL.search(line)}
    for path in sorted(paths):
        try:
            sdl = ctypes.CDLL(path)  # already loaded by pygame: the same library, not a second copy
            version = (ctypes.c_uint8 * 3)()
            sdl.SDL_GetVersion(version)
            wait = sdl.SDL_WaitEventTimeout
        except (OSError, AttributeError):
            continue
        if tuple(version) != pygame.get_sdl_version(linked=True):
            continue
        wait.argtypes = [ctypes.c_void_p, ctypes.c_int]
        wait.restype = ctypes.c_int
        return wait
    return None
