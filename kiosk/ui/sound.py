"""The kiosk's one sound output: pygame's mixer, opened when a visitor first asks for sound.

A machine without audio (no sound card, no server, a driver that fails) is told once, in the
log, and everything else goes on: narration then plays silently, on the kiosk's clock, so the
visit and its idle timer behave the same. Only narration makes sound; one plays at a time.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pygame

log = logging.getLogger(__name__)


class Speaker:
    def __init__(self, volume: float, enabled: bool = True):
        self.volume = volume
        self.enabled = enabled  # False: never opens the mixer (sound off, or only measuring)
        self._opened: bool | None = None  # None: not tried yet
        self.owner: object | None = None  # what plays now: another that stops does not stop it
        self.problem: str | None = None

    @property
    def works(self) -> bool:
        """The mixer opened (tried once, on first use)."""
        if self._opened is None:
            self._opened = self._open()
        return self._opened

    def _open(self) -> bool:
        if not self.enabled:
            return False
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init()
            return True
        except pygame.error as exc:  # no audio on this machine: silent, said once
            self.problem = str(exc)[:200]
            log.warning("no sound: the mixer cannot open (%s); narration plays silently", self.problem)
            return False

    def play(self, owner: object, path: Path) -> None:
        """From the beginning (a pause is `pause` and `resume`)."""
        self.owner = owner
        if not self.works:
            return
        try:
            pygame.mixer.music.load(str(path))
            pygame.mixer.music.set_volume(self.volume)
            pygame.mixer.music.play()
        except pygame.error as exc:  # a file the mixer refuses plays silently, said each time
            log.warning("narration %s not played: %s", path.name, exc)

    def pause(self, owner: object) -> None:
        if owner is self.owner and self.works:
            pygame.mixer.music.pause()

    def resume(self, owner: object) -> None:
        if owner is self.owner and self.works:
            pygame.mixer.music.unpause()

    def stop(self, owner: object) -> None:
        if owner is not self.owner:
            return
        self.owner = None
        if self.works:
            pygame.mixer.music.stop()
            pygame.mixer.music.unload()

    @property
    def sounding(self) -> bool:
        """The mixer is playing now (for tests and the doctor; the kiosk times by its clock)."""
        return bool(self.works and pygame.mixer.music.get_busy())
