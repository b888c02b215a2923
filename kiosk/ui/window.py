"""The window: the only module that calls `pygame.display`.

It opens the screen (or SDL's headless stand-in for replays), feeds the app real events and
the system clock, shows its frames, and tells the service manager the kiosk is up and alive.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import tempfile
import time
from collections.abc import Iterator

import pygame

from kiosk.config import Config
from kiosk.notify import Notifier, status_text
from kiosk.ui.compositor import compositor_gone
from kiosk.ui.input import PointerInput, to_physical
from kiosk.ui.keys import KEY_REPEAT_DELAY_MS, KEY_REPEAT_MS, KeyInput
from kiosk.ui.sleep import Sleep, sleeper

log = logging.getLogger(__name__)


class NoDisplayError(RuntimeError):
    pass


HEADLESS_DRIVERS = ("offscreen", "dummy")


def open_window(
    config: Config, windowed: bool, size: tuple[int, int] | None
) -> tuple[pygame.Surface, tuple[int, int], int]:
    """(window, logical size, rotation): the picture is rotated for screens mounted sideways."""
    fullscreen = config.display.fullscreen and not windowed
    try:
        with _sdl_messages_silenced():
            pygame.display.init()
            if pygame.display.get_driver() in HEADLESS_DRIVERS:
                # SDL falls back to drawing nowhere when it finds no screen.
                raise NoDisplayError("no screen found")
            if pygame.display.get_driver() == "x11":
                # SDL's default on X11 presents through OpenGL, uploading and drawing the whole
                # window whatever changed (16 ms of CPU a frame at 1080p under Xvfb's software
                # GL); its plain X11 framebuffer sends only the rectangles that changed.
                os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
            if fullscreen:
                window = pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                window = pygame.display.set_mode(size or config.display.width_height)
    except pygame.error as exc:
        raise NoDisplayError(str(exc)) from None
    pygame.display.set_caption("Pavilion kiosk")
    if fullscreen:
        pygame.mouse.set_visible(False)
    w, h = window.get_size()
    wanted = config.display.orientation
    turn = (wanted == "portrait" and w > h) or (wanted == "landscape" and h > w)
    return window, ((h, w) if turn else (w, h)), (90 if turn else 0)


@contextlib.contextmanager
def _sdl_messages_silenced():
    """SDL prints its probing of video back-ends straight to stderr; keep it for the log only."""
    saved = os.dup(2)
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            noise = sink.read().decode(errors="replace").strip()
            if noise:
                log.debug("SDL: %s", noise)


STATUS_EVERY_S = 30.0  # the status line's visitor count is read from the store this often


COMPOSITOR_DOUBT_S = 15  # after SDL's QUIT, how long the compositor's socket is asked again


class WindowLoop:
    """A real window: its events go to the app, the app's frames go to the screen, and the
    service manager hears that the kiosk is up and its loop alive."""

    def __init__(
        self,
        app,  # a KioskApp (which imports this module, not back)
        window: pygame.Surface,
        rotation: int,
        allow_quit: bool,
        notifier: Notifier | None = None,
    ):
        self.app, self.window, self.rotation, self.allow_quit = app, window, rotation, allow_quit
        self.notifier = notifier or Notifier({})
        self.wayland = pygame.display.get_driver() == "wayland"
        self._quit_seen_at: float | None = None  # when SDL last said QUIT under Wayland
        self._status_at: float | None = None
        self._status_screen = ""
        # SDL keeps the system's screen blanking off while it runs; said here, so that the
        # closed-and-dark screen can let it on and the opening turn it off again.
        self._may_blank = False
        pygame.display.set_allow_screensaver(False)
        logical = (app.metrics.width, app.metrics.height)
        self.canvas = window if rotation == 0 else pygame.Surface(logical)
        self.input = PointerInput(window.get_size(), logical, rotation)
        self.keys = KeyInput()  # the keypad path, for visitors who cannot use the touchscreen
        pygame.key.set_repeat(KEY_REPEAT_DELAY_MS, KEY_REPEAT_MS)
        self.sleep: Sleep = sleeper(pygame.display.get_driver() in HEADLESS_DRIVERS)
        self._whole = True  # the next frame goes to the screen whole: the first, or after an expose
        self.wakeups = 0  # passes of the loop and frames shown, for the CPU benchmark
        self.frames = 0
        try:
            self.tally_key = pygame.key.key_code(app.config.tally_key)
        except ValueError:
            log.error("tally_key '%s' is not a key name; the door count is off", app.config.tally_key)
            self.tally_key = None

    def step(self, events: list[pygame.event.Event]) -> bool:
        """Handle a batch of events and draw if needed; False when the kiosk should stop."""
        shown = self.app.scene
        self.wakeups += 1
        if self._display_lost(events):
            return False
        for event in events:
            if _wants_quit(event) and self.allow_quit:
                return False
            if event.type == pygame.KEYDOWN and event.key == self.tally_key:
                self.app.count_entry()
                continue
            key = self.keys.translate(event)
            if key is not None:
                if self.app.scene is shown:  # one new screen per frame, as for taps
                    self.app.key(key)
                continue
            pointer = self.input.translate(event)
            # One new screen per frame: hands mashing the glass cannot make the kiosk build
            # several screens in one frame (nobody taps twice in 16 ms on purpose).
            if pointer and self.app.scene is shown:
                self.app.pointer(pointer)
            elif event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE):
                self.app.dirty = True
                self._whole = True
        self.app.update()
        if self.app.screen_may_blank != self._may_blank:
            self._may_blank = self.app.screen_may_blank
            pygame.display.set_allow_screensaver(self._may_blank)
        started = time.perf_counter()
        drawn = self.app.draw(self.canvas, force=self._whole)
        if drawn or self._whole:
            self._show(drawn)
            self.frames += 1
            self.app.frame_times.append(time.perf_counter() - started)
            self.notifier.ready()  # the first frame is on its way to the screen
        # Fed here, not from a thread: a loop that hangs stops feeding and is restarted.
        self.notifier.watchdog(time.monotonic())
        self._tell_status()
        return not self.app.quit_requested

    def _show(self, drawn: list[pygame.Rect]) -> None:
        """Put the new frame on the screen: only the rectangles the app drew, or all of it when
        the screen's copy may be stale (the first frame, an exposed window)."""
        whole = self._whole or any(r.contains(self.canvas.get_rect()) for r in drawn)
        self._whole = False
        if whole and self.rotation:
            self.window.blit(pygame.transform.rotate(self.canvas, self.rotation), (0, 0))
        elif self.rotation:
            # A portrait picture on a screen mounted sideways: each changed part is turned and
            # put where it lands on the screen, the rest of the screen already shows the rest.
            logical = self.canvas.get_size()
            turned = [pygame.Rect(to_physical(r, logical, self.rotation)) for r in drawn]
            for r, on_screen in zip(drawn, turned):
                part = pygame.transform.rotate(self.canvas.subsurface(r), self.rotation)
                self.window.blit(part, on_screen)
            drawn = turned
        if whole:
            pygame.display.flip()
        else:
            pygame.display.update(drawn)

    def run(self, seconds: float | None = None) -> None:
        """Step until the kiosk stops (or for `seconds`): asleep while nothing moves, at 60
        frames a second while something does."""
        ticker = pygame.time.Clock()
        end = None if seconds is None else time.monotonic() + seconds
        while self.step(_events(self.next_sleep(end), self.sleep)):
            if end is not None and time.monotonic() >= end:
                return
            if self.app.busy:
                ticker.tick(60)

    def next_sleep(self, end: float | None = None) -> float:
        """Seconds to sleep waiting for events: the app's wish, within the watchdog's reach."""
        wish = min(self.app.next_wakeup(), self.notifier.max_sleep_s)
        return wish if end is None else max(0.0, min(wish, end - time.monotonic()))

    def _display_lost(self, events: list[pygame.event.Event]) -> bool:
        # SDL's Wayland driver sends one QUIT when the compositor goes away; the kiosk then
        # ends with it (cage leaves its clients running when it dies). A dying compositor may
        # still take connections for a moment (writing its core dump), so after that QUIT the
        # kiosk asks again on every pass for a while, not once.
        now = time.monotonic()
        if self.wayland and any(event.type == pygame.QUIT for event in events):
            self._quit_seen_at = now
        if self._quit_seen_at is None:
            return False
        if compositor_gone():
            log.warning("the Wayland compositor is gone; the kiosk stops")
            return True
        if now - self._quit_seen_at > COMPOSITOR_DOUBT_S:
            self._quit_seen_at = None  # a QUIT of its own kind, not the compositor's end
        return False

    def _tell_status(self) -> None:
        if not self.notifier.enabled:
            return
        now = time.monotonic()
        screen = self.app.scene.name
        if screen == self._status_screen and self._status_at and now - self._status_at < STATUS_EVERY_S:
            return
        self._status_at, self._status_screen = now, screen
        figures = self.app.live()
        if self.app.visitors_today is not None:
            try:
                figures["visitors_today"] = self.app.visitors_today()
            except Exception:  # the status line never stops the exhibit
                log.debug("visitors today not read for the status line", exc_info=True)
        self.notifier.status(status_text(figures))


def _events(sleep_s: float, sleep: Sleep | None = None) -> list[pygame.event.Event]:
    """Events waiting now; when nothing moves, sleep until one comes or the app needs a frame."""
    if sleep_s <= 0:
        return pygame.event.get()
    if sleep is not None:
        sleep(min(1.0, sleep_s))
        return pygame.event.get()
    first = pygame.event.wait(max(1, min(1000, round(sleep_s * 1000))))  # polls every millisecond
    return ([first] if first.type != pygame.NOEVENT else []) + pygame.event.get()


def stop_on_signals(notifier: Notifier | None = None) -> None:
    """A service manager stops the kiosk with SIGTERM (a terminal with SIGINT or SIGQUIT): the
    visit is ended and the records written, as on Esc. SDL's own handlers would swallow them."""

    def stop(signum: int, frame: object) -> None:
        if notifier is not None:
            notifier.stopping()  # at once: writing the records may take a moment
        raise SystemExit(0)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT):
        signal.signal(signum, stop)


def _wants_quit(event: pygame.event.Event) -> bool:
    # Visitors cannot leave: window close, Esc and Alt+F4 are ignored unless quitting is allowed.
    return event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE)


def serve(app, window: pygame.Surface, rotation: int, allow_quit: bool) -> None:
    """Run the app in the window until Esc (if allowed), the compositor's end or a signal."""
    notifier = Notifier()
    loop = WindowLoop(app, window, rotation, allow_quit, notifier)
    stop_on_signals(notifier)
    try:
        loop.run()
    finally:
        notifier.stopping()  # Esc, the compositor gone, or a signal: systemd hears it first
        app.shutdown()
        pygame.display.quit()
        notifier.close()


@contextlib.contextmanager
def headless_display() -> Iterator[None]:
    """A screen of one pixel, shown nowhere, for replays and snapshots: surfaces convert."""
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    try:
        yield
    finally:
        pygame.display.quit()
