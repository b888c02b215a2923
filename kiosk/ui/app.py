"""KioskApp owns the screen, the scenes, the visitor's session and the loop.

Only this module calls `pygame.display`. The app itself is driven from outside: the window
loop feeds it real events and the system clock; a replay feeds it scripted pointers and a
virtual clock. Both record visitors the same way.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import tempfile
from pathlib import Path

import pygame

from kiosk.clock import SystemClock, VirtualClock
from kiosk.config import Config
from kiosk.content.model import Exhibit, Text
from kiosk.replay import ReplayError, Step
from kiosk.ui.gestures import GestureRecognizer, Swipe, Tap
from kiosk.ui.images import ImageCache
from kiosk.ui.input import Pointer, PointerInput
from kiosk.ui.layout import Metrics
from kiosk.ui.scenes.attract import AttractScene
from kiosk.ui.scenes.base import Scene
from kiosk.ui.scenes.home import HomeScene
from kiosk.ui.scenes.language import LanguageScene
from kiosk.ui.scenes.zone import ZoneScene
from kiosk.ui.text import Fonts
from kiosk.ui.theme import THEME
from kiosk.visitors.sessions import Clock, VisitTracker
from kiosk.yamldoc import Problem

log = logging.getLogger(__name__)


class KioskApp:
    def __init__(
        self,
        config: Config,
        exhibit: Exhibit,
        size: tuple[int, int],
        clock: Clock,
        record=lambda event: None,
    ):
        self.config = config
        self.exhibit = exhibit
        self.clock = clock
        self.metrics = Metrics(*size)
        self.theme = THEME
        self.fonts = Fonts(config.media_path / "fonts")
        self.images = ImageCache(config.media_path)
        self.tracker = VisitTracker(config.kiosk_id, config.idle_timeout_s, clock, record)
        m = self.metrics
        self.gestures = GestureRecognizer(slop_px=m.px(28), swipe_px=m.px(140))
        self.language = config.default_language
        self.scene: Scene = AttractScene(self)
        self.scene.build()
        self.dirty = True

    # -- words ---------------------------------------------------------------------------------
    def text(self, value: Text) -> str:
        return value.get(self.language, self.config.default_language)

    # -- navigation: every move a visitor makes goes through here -----------------------------
    def show(self, scene: Scene) -> None:
        self.scene = scene
        scene.build()
        self.dirty = True

    def start_visit(self) -> None:
        self.tracker.start()
        self.show(LanguageScene(self))

    def switch_language(self, code: str) -> None:
        if code not in self.config.languages:
            return
        self.tracker.use_language(code)
        if code != self.language:
            self.language = code
            self.scene.build()  # same screen, same page, new words
            self.dirty = True

    def show_home(self) -> None:
        self.tracker.leave_zone()
        self.show(HomeScene(self))

    def open_zone(self, zone_id: str) -> None:
        zone = self.exhibit.zone(zone_id)
        self.tracker.enter_zone(zone.id)
        self.show(ZoneScene(self, zone))
        self.tracker.view_page(zone.id, zone.pages[0].id)

    def turn_page(self, step: int) -> None:
        scene = self.scene
        if not isinstance(scene, ZoneScene):
            return
        index = scene.page_index + step
        if not 0 <= index < len(scene.zone.pages):
            return
        scene.page_index = index
        scene.build()
        self.dirty = True
        self.tracker.view_page(scene.zone.id, scene.page.id)

    def end_visit(self, reason: str) -> None:
        self.tracker.end(reason)  # type: ignore[arg-type]
        self.language = self.config.default_language
        self.show(AttractScene(self))

    # -- input and time ------------------------------------------------------------------------
    def pointer(self, p: Pointer) -> None:
        self.tracker.touch()
        now = self.clock.monotonic()
        if p.kind == "down":
            self.gestures.down(p.x, p.y, now)
            self.scene.press(p.x, p.y)
        elif p.kind == "move":
            self.gestures.move(p.x, p.y)
            if self.scene.pressed and not self.scene.targets[self.scene.pressed].contains(p.x, p.y):
                self.scene.release()  # the finger slid off: no press shade, no tap
        else:
            gesture = self.gestures.up(p.x, p.y, now)
            self.scene.release()
            if isinstance(gesture, Tap):
                self.scene.tap(gesture.x, gesture.y)
            elif isinstance(gesture, Swipe):
                self.scene.swipe(gesture.dx)
        self.dirty = True

    def update(self) -> None:
        if self.tracker.tick():
            self.gestures.cancel()
            self.language = self.config.default_language
            self.show(AttractScene(self))
        if self.scene.update(self.clock.monotonic()):
            self.dirty = True

    def draw(self, surface: pygame.Surface, force: bool = False) -> bool:
        """Draw the current scene if anything changed; True if it drew."""
        if not (self.dirty or force):
            return False
        self.scene.draw(surface)
        self.dirty = False
        return True

    def widget_centre(self, widget_id: str) -> tuple[int, int] | None:
        r = self.scene.targets.get(widget_id)
        return r.center if r else None


# -- the window -----------------------------------------------------------------------------


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


class WindowLoop:
    """A real window: its events go to the app, the app's frames go to the screen."""

    def __init__(self, app: KioskApp, window: pygame.Surface, rotation: int, allow_quit: bool):
        self.app, self.window, self.rotation, self.allow_quit = app, window, rotation, allow_quit
        logical = (app.metrics.width, app.metrics.height)
        self.canvas = window if rotation == 0 else pygame.Surface(logical)
        self.input = PointerInput(window.get_size(), logical, rotation)

    def step(self, events: list[pygame.event.Event]) -> bool:
        """Handle a batch of events and draw if needed; False when the kiosk should stop."""
        for event in events:
            if _wants_quit(event) and self.allow_quit:
                return False
            pointer = self.input.translate(event)
            if pointer:
                self.app.pointer(pointer)
            elif event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE):
                self.app.dirty = True
        self.app.update()
        if self.app.draw(self.canvas):
            if self.rotation:
                self.window.blit(pygame.transform.rotate(self.canvas, self.rotation), (0, 0))
            pygame.display.flip()
        return True


def run_window(
    config: Config,
    exhibit: Exhibit,
    record,
    windowed: bool,
    size: tuple[int, int] | None,
    allow_quit: bool,
) -> None:
    window, logical, rotation = open_window(config, windowed, size)
    app = KioskApp(config, exhibit, logical, SystemClock(), record)
    loop = WindowLoop(app, window, rotation, allow_quit)
    ticker = pygame.time.Clock()
    # A service manager stops the kiosk with SIGTERM: end the visit cleanly, as on Esc.
    signal.signal(signal.SIGTERM, _stop)
    try:
        while loop.step(pygame.event.get()):
            ticker.tick(60)
    finally:
        app.tracker.end("shutdown")
        pygame.display.quit()


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(0)


def _wants_quit(event: pygame.event.Event) -> bool:
    # Visitors cannot leave: window close, Esc and Alt+F4 are ignored unless quitting is allowed.
    return event.type == pygame.QUIT or (event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE)


# -- headless replay -------------------------------------------------------------------------

TICK_S = 0.1  # virtual time advances in small steps so timeouts fire when they would


def run_replay(
    config: Config,
    exhibit: Exhibit,
    record,
    steps: list[Step],
    size: tuple[int, int],
    screenshots: Path | None,
    clock: VirtualClock,
    script_name: str = "replay",
) -> None:
    """Play a script on the dummy video driver, as fast as the machine allows."""
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    canvas = pygame.Surface(size)
    app = KioskApp(config, exhibit, size, clock, record)
    try:
        for step in steps:
            while clock.elapsed < step.at:
                clock.advance(min(TICK_S, step.at - clock.elapsed))
                app.update()
            if step.quit:
                return
            _play(app, step, canvas, screenshots, script_name)
        # A script that just ends lets the kiosk run until the visitor would have timed out.
        deadline = app.tracker.idle_deadline()
        if deadline is not None:
            clock.advance(max(0.0, deadline - clock.monotonic()))
            app.update()
    finally:
        app.tracker.end("shutdown")
        pygame.display.quit()


def _play(
    app: KioskApp, step: Step, canvas: pygame.Surface, screenshots: Path | None, script_name: str
) -> None:
    if step.tap is not None:
        x, y = _point(app, step, step.tap, script_name)
        app.pointer(Pointer("down", x, y))
        app.pointer(Pointer("up", x, y))
    elif step.swipe is not None:
        (x0, y0), (x1, y1) = step.swipe.start, step.swipe.end
        app.pointer(Pointer("down", x0, y0))
        app.pointer(Pointer("move", (x0 + x1) / 2, (y0 + y1) / 2))
        app.pointer(Pointer("up", x1, y1))
    elif step.screenshot is not None:
        app.update()
        app.draw(canvas, force=True)
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
            pygame.image.save(canvas, str(screenshots / f"{step.screenshot}.png"))


def _point(app: KioskApp, step: Step, tap, script_name: str) -> tuple[float, float]:
    if isinstance(tap, str):
        centre = app.widget_centre(tap)
        if centre is None:
            shown = ", ".join(sorted(app.scene.targets)) or "none"
            raise ReplayError(
                [
                    Problem(
                        script_name,
                        step.line,
                        "tap",
                        f"no widget '{tap}' on the {app.scene.name} screen "
                        f"({step.describe()}); on screen: {shown}",
                    )
                ]
            )
        return centre
    return tap[0], tap[1]
