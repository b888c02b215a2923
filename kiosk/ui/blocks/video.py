"""A film beside the text: its poster until a tap plays it, captions under it, no sound.

The film's moment is read from the kiosk's clock (`update(now)`), never from how fast frames
arrive: a replay on virtual time plays it exactly, and a busy machine skips frames rather
than slowing the film. Its decoding thread starts at the first tap, so a page built ahead
never decodes, and ends when the page goes: `leave()` from the app, or the view's end.
While it plays, the page tells the visit (`Watching`), so the idle reset waits for its end.
"""

from __future__ import annotations

import logging
import math
import weakref

import pygame

from kiosk.clock import VirtualClock
from kiosk.content.captions import CaptionError, Cue, cue_at, read_captions
from kiosk.content.film import FilmFacts, film_facts
from kiosk.content.media import MediaError, resolve_media
from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView
from kiosk.ui.film import Reel, first_frame
from kiosk.ui.layout import Rect

log = logging.getLogger(__name__)

# The frame surface's layout, given to FFmpeg: B, G, R, unused in memory (SDL's XRGB8888,
# what the screen has), so a frame is one copy into the surface and a plain blit.
FRAME_MASKS = (0xFF0000, 0xFF00, 0xFF, 0)
PIXEL_FORMAT = "bgr0"
PLAY_ID = "video:play"
CAPTION_STYLES = ("body", "small")  # the type captions are set in, the larger while it fits
FILM_SHARE = 0.45  # of the box's height the film keeps, however long its captions


class _Projector:
    """What plays: the reel, kept apart from the view so that the view's end can stop it."""

    def __init__(self):
        self.reel: Reel | None = None

    def stop(self) -> None:
        if self.reel is not None:
            self.reel.stop()
            self.reel = None


@view("video")
class FilmView(BlockView):
    def __init__(self, page, block):
        super().__init__(page, block)
        self.playing = False
        self.position = 0.0  # film seconds shown; while playing, at `since` on the clock
        self.since = self.since_position = 0.0
        self.projector = _Projector()
        weakref.finalize(self, self.projector.stop)  # a page dropped unseen stops its film too
        self.facts: FilmFacts | None = None
        self.captions: dict[str, list[Cue]] = {}
        self.frame: pygame.Surface | None = None  # the film's picture, once it has played
        self.film_box = Rect(0, 0, 0, 0)
        self._shown_cue: Cue | None = None

    # -- building ------------------------------------------------------------------------------
    def compose(self, surface: pygame.Surface, box: Rect) -> None:
        m, theme = self.look.metrics, self.look.theme
        self.box = box
        path = resolve_media(self.look.config.media_path, self.block.src)
        if self.facts is None:
            self.facts = film_facts(path)
        self.cues = self._cues()
        self.film_box = self._layout(box)
        self.caption_y = self.film_box.bottom + m.px(30)
        self.page.target(PLAY_ID, self.film_box)
        size = (self.film_box.w, self.film_box.h)
        self.poster = self._poster(path, size)
        if self.frame is not None and self.frame.get_size() != size:
            self.frame = None  # a new text size moved the film: the reel starts again at its size
            if self.projector.reel is not None:
                self.projector.stop()
                if self.playing:
                    self._start_reel()
        pygame.draw.rect(surface, theme.ink, widgets.rect(self.film_box))
        self.play_icon = _play_icon(max(m.px(64), m.target // 2), theme)

    def _layout(self, box: Rect) -> Rect:
        """The film as large as the box allows above its captions; both centred in the box.
        The film keeps FILM_SHARE of the box's height: captions get the lines that leave
        (at most 3), in smaller type where the larger does not fit in them."""
        m, ts = self.look.metrics, self.look.type
        room_h = box.h - round(box.h * FILM_SHARE) - m.px(36)
        for style in CAPTION_STYLES:
            self.caption_lines = max(1, min(3, room_h // round(ts.font(style).get_height() * 1.3)))
            if all(ts.fits(cue.text, style, box.w, self.caption_lines) for cue in self.cues):
                break
        self.caption_style, self._captions = style, {}
        band = max([m.px(8)] + [self._caption(cue).get_height() for cue in self.cues])
        room = Rect(box.x, box.y, box.w, max(1, box.h - band - m.px(36)))
        film = _fitted(room, self.facts.width / self.facts.height)
        return Rect(box.x + (box.w - film.w) // 2, film.y, film.w, film.h)

    def _cues(self) -> list[Cue]:
        """The captions in the visitor's language, else the default one's; read once each."""
        language = self.look.language
        captions = self.block.captions
        code = language if language in captions else self.look.config.default_language
        ref = captions.get(code)
        if ref is None:
            return []
        if ref not in self.captions:
            try:
                self.captions[ref] = read_captions(resolve_media(self.look.config.media_path, ref))
            except (MediaError, CaptionError, OSError) as exc:  # `kiosk validate` names it
                log.warning("captions %s not shown: %s", ref, exc)
                self.captions[ref] = []
        return self.captions[ref]

    def _caption(self, cue: Cue) -> pygame.Surface:
        shown = self._captions.get(cue)
        if shown is None:
            theme = self.look.theme
            shown = self.look.type.block(
                cue.text,
                self.caption_style,
                theme.ink,
                theme.paper,
                self._balanced(cue.text),
                max_lines=self.caption_lines,
                align="center",
            )
            self._captions[cue] = shown
        return shown

    def _balanced(self, text: str) -> int:
        """The narrowest width that keeps the caption's lines as few as at the full width: its
        lines come out of even length, not one word alone under a full line."""
        ts, style, widest = self.look.type, self.caption_style, self.box.w
        lines = next((n for n in range(1, self.caption_lines + 1) if ts.fits(text, style, widest, n)), None)
        if lines is None or lines == 1:
            return widest
        low, high = widest // 2, widest  # fits at `high`; the answer lies between
        while high - low > 4:
            middle = (low + high) // 2
            low, high = (low, middle) if ts.fits(text, style, middle, lines) else (middle, high)
        return high

    def _poster(self, path, size: tuple[int, int]) -> pygame.Surface:
        if self.block.poster is not None:
            return self.look.picture(self.block.poster, size, "cover")
        if not self.look.images.draw:  # only measuring: no picture is looked at
            return pygame.Surface(size)
        surface = pygame.Surface(size, 0, 32, FRAME_MASKS)
        try:
            _show(surface, first_frame(path, size, PIXEL_FORMAT))
        except Exception as exc:  # `kiosk validate` says why; the poster is the film's dark box
            log.warning("film %s has no first frame: %s", self.block.src, exc)
            surface.fill(self.look.theme.ink)
        return surface

    # -- running -------------------------------------------------------------------------------
    def draw_live(self, surface: pygame.Surface) -> None:
        m, theme = self.look.metrics, self.look.theme
        fb = self.film_box
        surface.blit(self.frame if self.frame is not None else self.poster, (fb.x, fb.y))
        if not self.playing:
            surface.blit(self.play_icon, self.play_icon.get_rect(center=fb.center))
        length = self.facts.duration if self.facts else 0.0
        if length and (self.playing or self.position > 0):
            done = min(1.0, self._film_time() / length)
            pygame.draw.rect(surface, theme.line, (fb.x, fb.bottom + m.px(8), fb.w, m.px(6)))
            pygame.draw.rect(surface, self.accent, (fb.x, fb.bottom + m.px(8), round(fb.w * done), m.px(6)))
        cue = self._cue()
        if cue is not None:
            shown = self._caption(cue)
            surface.blit(shown, (self.box.x + (self.box.w - shown.get_width()) // 2, self.caption_y))

    def _cue(self) -> Cue | None:
        if not self.playing and self.position == 0:
            return self.cues[0] if self.cues else None  # the poster says what the film is about
        return cue_at(self.cues, self._film_time())

    def _film_time(self) -> float:
        length = self.facts.duration if self.facts else math.inf
        return self.position % length if self.block.loop else min(self.position, length)

    def update(self, now: float) -> bool:
        if not self.playing:
            return False
        self.position = self.since_position + (now - self.since)
        if not self.block.loop and self.position >= self.facts.duration:
            self._end()
            return True
        changed = self._cue() is not self._shown_cue
        self._shown_cue = self._cue()
        reel = self.projector.reel
        frame = reel.frame_at(self.position, wait=self._exact) if reel is not None else None
        if frame is not None:
            if self.frame is None:
                self.frame = pygame.Surface(frame_size(frame), 0, 32, FRAME_MASKS)
            _show(self.frame, frame)
            changed = True
        return changed

    @property
    def animating(self) -> bool:
        return self.playing

    def next_change(self, now: float) -> float:
        return 0.0 if self.playing else math.inf

    @property
    def _exact(self) -> bool:
        """Virtual time: the page waits for the frame due (see kiosk/ui/film.py)."""
        return isinstance(self.look.clock, VirtualClock)

    # -- what the visitor does -----------------------------------------------------------------
    def activate(self, widget_id: str) -> bool:
        if widget_id != PLAY_ID or self.facts is None:
            return False
        if self.playing:
            self.pause()
        else:
            self.play()
        return True

    def play(self) -> None:
        now = self.look.clock.monotonic()
        self.playing, self.since, self.since_position = True, now, self.position
        if self.projector.reel is None:
            self._start_reel()
        left = self.facts.duration - self._film_time()  # a loop holds the reset for this pass only
        self.page.watching(self.block.id, True, left, self._film_time(), self.facts.duration)

    def pause(self) -> None:
        self.update(self.look.clock.monotonic())
        self.playing = False
        self.page.watching(self.block.id, False, 0.0, self._film_time(), self.facts.duration)

    def _end(self) -> None:
        """The film is over: its poster again, ready to play from the start."""
        self.playing, self.position, self.frame, self._shown_cue = False, 0.0, None, None
        self.projector.stop()
        length = self.facts.duration
        self.page.watching(self.block.id, False, 0.0, length, length, ended=True)

    def _start_reel(self) -> None:
        path = resolve_media(self.look.config.media_path, self.block.src)
        size = (self.film_box.w, self.film_box.h)
        self.projector.reel = Reel(path, size, PIXEL_FORMAT, self.block.loop, start_s=self.position)

    def live_region(self) -> Rect:
        return self.box  # the film, its progress and its caption

    def leave(self) -> None:
        """The page is gone: the film stops where it was."""
        self.playing = False
        self.projector.stop()


def _fitted(room: Rect, aspect: float) -> Rect:
    """The largest rect of the film's shape in the room, at its top left; its width a multiple
    of 16 so each row of the frame is one aligned run of bytes."""
    w = min(room.w, round(room.h * aspect)) // 16 * 16
    return Rect(room.x, room.y, max(16, w), max(1, round(w / aspect)))


def frame_size(frame) -> tuple[int, int]:
    return frame.width, frame.height


def _show(surface: pygame.Surface, frame) -> None:
    """Copy a converted frame into the surface: one copy when the rows line up, as they do."""
    plane = frame.planes[0]
    row = surface.get_width() * 4
    if plane.line_size == row:
        surface.get_buffer().write(plane)
        return
    data, buffer = memoryview(plane), surface.get_buffer()
    for y in range(surface.get_height()):
        buffer.write(data[y * plane.line_size : y * plane.line_size + row], y * row)


def _play_icon(radius: int, theme) -> pygame.Surface:
    icon = pygame.Surface((radius * 2, radius * 2), pygame.SRCALPHA)
    pygame.draw.circle(icon, (*theme.ink[:3], 190), (radius, radius), radius)
    r = radius * 0.45
    points = [(radius - r * 0.6, radius - r), (radius - r * 0.6, radius + r), (radius + r, radius)]
    pygame.draw.polygon(icon, theme.card, points)
    return icon
