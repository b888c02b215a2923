"""A page read aloud: *Listen* on the bar plays its narration, a second tap pauses it.

The narration's moment is read from the kiosk's clock, as a film's is: it ends when its length
has passed (whether or not the machine has sound), so a replay on virtual time ends it
exactly and the idle reset counts from its end. It plays in the visitor's language, else the
default language's, else the first the page has. It stops when the page is left, when the
visitor changes language (a tap then plays the new one), and when the visit ends.
"""

from __future__ import annotations

import logging
import math
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.content.media import MediaError, resolve_media
from kiosk.content.model import Page
from kiosk.content.narration import narration_length
from kiosk.visit.intents import Listening

if TYPE_CHECKING:
    from kiosk.ui.look import Look

log = logging.getLogger(__name__)

LISTEN_ID = "listen"  # the bar's control; the keypad's help key activates it too


class Narration:
    def __init__(self, look: Look, post, zone_id: str, page: Page):
        self.look, self.post, self.zone_id, self.page = look, post, zone_id, page
        self.playing = False
        self.language: str | None = None  # of the narration started (None: none yet)
        self.position = 0.0  # seconds heard; while playing, at `since` on the clock
        self.since = self.since_position = 0.0
        self.length = 0.0

    def wanted(self) -> str:
        """The narration's language for the visitor now."""
        audio, language = self.page.audio, self.look.language
        for code in (language, self.look.config.default_language):
            if code in audio:
                return code
        return next(iter(audio))

    # -- what the visitor does -----------------------------------------------------------------
    def toggle(self) -> None:
        if self.playing:
            self.pause()
        elif self.language == self.wanted() and 0 < self.position < self.length:
            self.resume()
        else:
            self.start()

    def start(self) -> None:
        code = self.wanted()
        try:
            path = resolve_media(self.look.config.media_path, self.page.audio[code])
            self.length = narration_length(path, math.inf)
        except (MediaError, OSError) as exc:  # `kiosk validate` names it; the page goes on
            log.warning("narration %s/%s %s not played: %s", self.zone_id, self.page.id, code, exc)
            return
        self.language, self.position = code, 0.0
        self._run(path)

    def _run(self, path: Path | None) -> None:
        now = self.look.clock.monotonic()
        self.playing, self.since, self.since_position = True, now, self.position
        if path is not None:
            self.look.sound.play(self, path)
        else:
            self.look.sound.resume(self)
        self._tell(True)

    def resume(self) -> None:
        self._run(None)

    def pause(self) -> None:
        self.update(self.look.clock.monotonic())
        if not self.playing:
            return  # it ended just now
        self.playing = False
        self.look.sound.pause(self)
        self._tell(False)

    def stop(self) -> None:
        """Back to the beginning: the page left, another language, the visit over."""
        was = self.playing
        self.playing, self.position = False, 0.0
        self.look.sound.stop(self)
        if was:
            self._tell(False)

    def leave(self) -> None:
        """The page is gone: the visit knows (it stops holding the reset as it moves on)."""
        self.playing, self.position = False, 0.0
        self.look.sound.stop(self)

    def _tell(self, playing: bool) -> None:
        left = self.length - self.position if playing else 0.0
        self.post(Listening(self.zone_id, self.page.id, self.language or "", playing, left, self.position))

    # -- on the kiosk's clock -----------------------------------------------------------------
    def update(self, now: float) -> bool:
        """True when it just ended (the bar's control is drawn again)."""
        if not self.playing:
            return False
        self.position = self.since_position + (now - self.since)
        if self.position >= self.length:
            self.stop()
            return True
        return False

    def next_change(self, now: float) -> float:
        return max(0.0, self.since + self.length - self.since_position - now) if self.playing else math.inf
