"""KioskApp owns the screen, the scenes and the visitor's session.

The app itself is driven from outside: the window loop (`window.py`, the only module that
calls `pygame.display`) feeds it real events and the system clock; a replay (`replay.py`)
feeds it scripted pointers and a virtual clock. Both record visitors the same way.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import deque
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pygame

from kiosk import memory
from kiosk.clock import PLAUSIBLE_FROM, Clock, ClockWatch, SystemClock, VirtualClock
from kiosk.config import Config
from kiosk.content.loader import ContentReport, load_exhibit
from kiosk.content.model import Exhibit, Text
from kiosk.content.reload import CHECK_EVERY_S, ContentReloader
from kiosk.replay import Step
from kiosk.schedule import Opening
from kiosk.staff import StaffSecrets
from kiosk.ui.faults import Faults
from kiosk.ui.gestures import Fling, GestureRecognizer, Swipe, Tap
from kiosk.ui.images import ImageCache
from kiosk.ui.input import Pointer
from kiosk.ui.layout import Metrics, Rect, Sizes
from kiosk.ui.look import Look
from kiosk.ui.overlays import Overlays
from kiosk.ui.replay import play
from kiosk.ui.scenes.attract import AttractScene
from kiosk.ui.scenes.base import Scene
from kiosk.ui.scenes.closed import ClosedScene
from kiosk.ui.scenes.home import HomeScene
from kiosk.ui.scenes.language import LanguageScene
from kiosk.ui.scenes.staff import STAFF_IDLE_S, StaffPinScene, StaffScene
from kiosk.ui.scenes.zone import ZoneScene
from kiosk.ui.screencopy import ScreenCopy
from kiosk.ui.staff import StaffDoor
from kiosk.ui.text import Fonts, Typesetter
from kiosk.ui.theme import high_contrast, theme_from
from kiosk.ui.transition import Transition
from kiosk.ui.window import NoDisplayError as NoDisplayError  # the CLI's to catch
from kiosk.ui.window import WindowLoop as WindowLoop  # tests and benchmarks drive it
from kiosk.ui.window import _events as _events
from kiosk.ui.window import headless_display, open_window, serve, stop_on_signals
from kiosk.visit.flow import REST, Change, Place, VisitFlow
from kiosk.visit.intents import (
    Finish,
    GoHome,
    Intent,
    Interacted,
    OpenZone,
    SetLanguage,
    StaffAction,
    StartVisit,
    TurnPage,
)
from kiosk.visitors.recorder import StoreHealth
from kiosk.visitors.sessions import VisitTracker
from kiosk.yamldoc import Problem

log = logging.getLogger(__name__)


IMAGE_SCREENS = 5  # the picture cache holds this many full screens' worth of pixels
IMAGE_MIN_BYTES = 64 * 2**20  # and at least this: small screens still keep a visit's pictures
HOURS_CHECK_S = 60.0  # the opening hours are read at least this often: a clock step is seen soon


class KioskApp:
    def __init__(
        self,
        config: Config,
        exhibit: Exhibit,
        size: tuple[int, int],
        clock: Clock,
        record=lambda event: None,
        visitors_today: Callable[[], int] | None = None,
        images: ImageCache | None = None,
        reloader: ContentReloader | None = None,
        problems: list[Problem] | None = None,
        measure_only: bool = False,
        store_health: Callable[[], StoreHealth] | None = None,
    ):
        self.config = config
        self.clock = clock
        self.size = size
        self.visitors_today = visitors_today
        self.reloader = reloader
        self.pending: Exhibit | None = None  # good new content, shown once no visitor is using the kiosk
        self.content_source = config.zones_path.resolve()  # the site's zones, or a release's
        self.screen_copy = ScreenCopy()
        self.content_problems = [p for p in problems or [] if p.severity == "error"]
        self.store_health = store_health
        self.faults = Faults()  # what failed to build or draw, left out of the screen
        self.fonts = Fonts(config.media_path)
        self.measure_only = measure_only  # build screens to check the content, drawing no pixels
        self.images = images or ImageCache(
            config.media_path,
            budget_bytes=max(IMAGE_MIN_BYTES, IMAGE_SCREENS * size[0] * size[1] * 4),
            draw=not measure_only,
        )
        # Full-screen pictures reused for every navigation: two for the scenes' static
        # pictures (the one shown, the one coming), two for the slide between them.
        # Measuring only (content checks): token surfaces; what is drawn on them is clipped away.
        self._screens = [pygame.Surface((1, 1) if measure_only else size) for _ in range(4)]
        self.record = record
        self.tracker = VisitTracker(
            config.kiosk_id, config.idle_timeout_s, clock, record, watch=ClockWatch(clock)
        )
        # Where the visit is, and what is counted: the screen follows it.
        self.visit = VisitFlow(exhibit, self.tracker, config.languages, config.default_language)
        self.look = Look(self)  # all that scenes see of the app
        self.overlays = Overlays(self.look)
        # Opening hours: a doubtful clock (1970 at boot) keeps the kiosk open, never dark.
        self.opening = Opening(config.opening_hours, clock, PLAUSIBLE_FROM)
        self.open = self.opening.is_open()
        self.quit_requested = False
        self.started_wall = clock.wall()
        self.loaded_wall = clock.wall()
        self.frame_times: deque[float] = deque(maxlen=600)  # seconds, for /metrics
        self.staff_door = StaffDoor(config, clock)
        self._last_input = clock.monotonic()
        self._apply_modes()
        m = self.metrics
        self.gestures = GestureRecognizer(slop_px=m.px(28), swipe_px=m.px(140))
        self.transition: Transition | None = None
        self._swallow = False  # the touch that dismissed "are you still there?" does nothing else
        self._last_update = clock.monotonic()
        self._scene: Scene = self._rest_scene()
        if not measure_only:
            self.rebuild()
        self.dirty = True

    # -- the visit's state, kept by the flow -----------------------------------------------------
    @property
    def scene(self) -> Scene:
        return self._scene

    @scene.setter
    def scene(self, scene: Scene) -> None:
        self._scene = scene
        self.visit.arrived(_place_of(scene))  # the one shown, even when a fallback

    @property
    def exhibit(self) -> Exhibit:
        return self.visit.exhibit

    @exhibit.setter
    def exhibit(self, exhibit: Exhibit) -> None:
        self.visit.exhibit = exhibit

    def _state(name: str) -> property:  # type: ignore[misc]
        def read(self):
            return getattr(self.visit.state, name)

        def write(self, value) -> None:
            self.visit.state = dataclasses.replace(self.visit.state, **{name: value})

        return property(read, write)

    language = _state("language")
    large_text = _state("large_text")
    high_contrast = _state("high_contrast")
    maintenance = _state("maintenance")  # staff at work: nothing they touch is counted
    del _state

    # -- intents: every move a visitor (or staff) makes comes here ------------------------------
    def apply(self, intent: Intent) -> Change:
        """The visit moves first (and counts); then the screen follows."""
        change = self.visit.apply(intent)
        self._follow(change)
        return change

    def _follow(self, change: Change) -> None:
        if change.reset or change.staff == "pin":
            self.gestures.cancel()
        if change.staff == "pin":
            # Read the numbers while staff type the PIN: the staff screen then opens at once.
            self.staff_door.read_figures_ahead()
        if change.modes:
            self._apply_modes()
        if change.rebuild:
            self.rebuild()
        if change.show is not None:
            self.show(self._scene_for(change.show), direction=change.direction)
        if change.reset:
            memory.give_back()  # the visit's pictures are gone: their pages go back to the system
        if change.staff == "hours":
            self.toggle_open()
        elif change.staff == "reload":
            self.reload_content()
        elif change.staff == "quit":
            self.quit_requested = True
        self.dirty = True

    def _scene_for(self, place: Place) -> Scene:
        if place.screen == "zone" and place.zone_id is not None:
            return ZoneScene(self, self.exhibit.zone(place.zone_id), place.page_index)
        if place.screen == "rest":
            return self._rest_scene()
        screens = {
            "language": LanguageScene,
            "home": HomeScene,
            "staff-pin": StaffPinScene,
            "staff": StaffScene,
        }
        return screens[place.screen](self)

    def _apply_modes(self) -> None:
        t = self.config.theme
        sizes = Sizes(
            t.margin, t.gap, t.radius, t.type_display, t.type_title, t.type_heading, t.type_body, t.type_small
        )
        scale = t.large_text_scale if self.large_text else 1.0
        self.metrics = Metrics(*self.size, sizes, scale, self.config.display.diagonal_in)
        base = theme_from(t)
        self.theme = high_contrast(base) if self.high_contrast else base
        self.type = Typesetter(self.fonts, self.metrics, draw=not self.measure_only)
        self.overlays.forget()

    def picture(self, ref: str, size: tuple[int, int], fit: str = "cover", backdrop=None) -> pygame.Surface:
        """An image at a size, with the theme's rounded corners, from the picture cache."""
        return self.images.get(ref, size, fit, self.metrics.radius, backdrop)

    def blank_screen(self) -> pygame.Surface:
        """A full-screen surface for a new scene's static picture: not the one on screen now."""
        return self._screens[1] if self._screens[0] is self.scene.static else self._screens[0]

    # -- words ---------------------------------------------------------------------------------
    def text(self, value: Text) -> str:
        return value.get(self.language, self.config.default_language)

    # -- navigation: every move a visitor makes goes through here -----------------------------
    def show(self, scene: Scene, direction: int = 1) -> None:
        before, after = self._screens[2], self._screens[3]
        self.faults.guard("draw", self.scene.name, self.scene.draw, before)
        # Built while the old scene still holds its picture: the new one takes the other.
        if not self.faults.guard("build", scene.name, scene.build):
            scene = self._fallback(scene)
        self.scene = scene
        self.faults.guard("draw", scene.name, scene.draw, after)
        self.transition = Transition(before, after, direction, self.clock.monotonic())
        self.dirty = True

    def rebuild(self) -> None:
        """The same screen built again (new words, text size); one that fails gives way."""
        if not self.faults.guard("build", self.scene.name, self.scene.build):
            self.scene = self._fallback(self.scene)
        self.dirty = True

    def _fallback(self, failed: Scene) -> Scene:
        """A screen that cannot be built: the visitor goes back to one that can."""
        # Closed, nothing may lead a visitor in: the closed card or nothing.
        for make in (HomeScene, AttractScene) if self.open else (ClosedScene,):
            if type(failed) is make:
                continue
            scene = make(self)
            if self.faults.guard("build", scene.name, scene.build):
                return scene
        return failed  # nothing builds: its picture is the plain paper, and the kiosk goes on

    def _rest_scene(self) -> Scene:
        """Where the kiosk waits for the next visitor: the attract loop, or closed."""
        return AttractScene(self) if self.open else ClosedScene(self)

    def _follow_hours(self) -> None:
        """Opening or closing time (or staff's word): a visit still open ends as `closed`."""
        now_open = self.opening.is_open()
        if now_open == self.open:
            return
        self.open = now_open
        log.warning("the kiosk %s", "opens" if now_open else "closes")
        if not now_open:
            self.visit.end("closed")
        if not self.scene.name.startswith("staff"):  # staff at work go back to the right one
            self._reset()

    def toggle_open(self) -> None:
        """Staff's "open now" / "close now", until the next scheduled change."""
        self.opening.toggle()
        self._follow_hours()

    def hours_status(self) -> str:
        """One line for staff: open or closed, by whom, and until when."""
        left = self.opening.seconds_to_change()
        state = "open" if self.open else "closed"
        who = " by staff" if self.opening.by_staff() else ""
        if left is None:
            return state + who if who or not self.open else "always open (no schedule)"
        until = datetime.fromtimestamp(self.clock.wall() + left, self.config.tz).strftime("%a %H:%M")
        return f"{state}{who} until {until}"

    @property
    def screen_may_blank(self) -> bool:
        """The system's screen blanking: never while open; dark and closed, the screen may sleep."""
        scene = self.scene
        return isinstance(scene, ClosedScene) and not scene.showing_card and self.transition is None

    def start_visit(self) -> None:
        self.apply(StartVisit())

    # -- staff ----------------------------------------------------------------------------------
    def staff_corner(self) -> Rect:
        return self.staff_door.corner(self.metrics)

    def open_pin(self) -> None:
        self.apply(StaffAction("pin"))

    def staff_figures(self) -> tuple:
        return self.staff_door.figures()

    def open_staff(self) -> None:
        self.apply(StaffAction("open"))

    def close_staff(self) -> None:
        self.apply(StaffAction("close"))

    def count_entry(self) -> None:
        """One person through the door, from a people counter typing the tally key."""
        if not self.open:
            return  # outside opening hours nothing is counted: the cleaners come and go
        self.visit.count_entry()

    def reload_content(self) -> None:
        if self.reloader is not None:
            self.reloader.force()
        else:
            self.offer_content(load_exhibit(self.config))

    def content_status(self) -> list[str]:
        loaded = datetime.fromtimestamp(self.loaded_wall, self.config.tz).strftime("%Y-%m-%d %H:%M")
        lines = [f"loaded {loaded}: {len(self.exhibit.zones)} zones"]
        if self.pending is not None:
            lines.append("new content waits for the attract screen")
        if self.content_problems:
            lines.append(f"{len(self.content_problems)} error(s) in the last edit, not shown to visitors:")
            lines += [str(p) for p in self.content_problems[:8]]
        else:
            lines.append("no errors")
        lines += self.faults.lines()
        return lines

    def store_status(self) -> list[str]:
        """The visitor store's state (and the staff secrets' file), for the staff screen."""
        lines = ["visitor store: not recording"] if self.store_health is None else self.store_health().lines()
        secrets = StaffSecrets.shared(self.config.staff_file, self.clock)
        return lines + (
            [secrets.problem + ": PIN lock-outs are kept in memory only"] if secrets.problem else []
        )

    def live(self) -> dict:
        """Figures of the running kiosk for /metrics and the service manager's status line."""
        times = sorted(self.frame_times)
        figures = {
            "open": self.open,
            "screen": self.scene.name,
            "uptime_seconds": self.clock.wall() - self.started_wall,
            "content_errors": len(self.content_problems),
            "screen_faults": self.faults.total,
            "maintenance": self.maintenance,
            "content_source": str(self.content_source),
            "content_waiting": self.pending is not None,
        }
        if self.store_health is not None:
            health = self.store_health()
            figures["store_errors"] = health.errors
            figures["store_waiting"] = health.waiting
            figures["store_quarantined"] = health.quarantined
        if times:
            figures["frame_time_p50"] = times[len(times) // 2]
            figures["frame_time_p99"] = times[min(len(times) - 1, round(len(times) * 0.99))]
        return figures

    # The app's own words for the intents, for tools and tests that drive it.
    def switch_language(self, code: str) -> None:
        self.apply(SetLanguage(code))

    def set_modes(
        self, large_text: bool | None = None, high_contrast: bool | None = None, rebuild: bool = True
    ) -> None:
        """Large text and high contrast: for this visitor, on every screen, until the reset."""
        for mode, value in (("large_text", large_text), ("high_contrast", high_contrast)):
            if value is not None:
                self.visit.set_mode(mode, value)  # type: ignore[arg-type]
        self._apply_modes()
        if rebuild:
            self.rebuild()
        self.dirty = True

    def record_interaction(
        self,
        zone_id: str | None,
        page_id: str | None,
        kind: str,
        item: str,
        value: str = "",
        correct: bool | None = None,
    ) -> None:
        self.apply(Interacted(zone_id, page_id, kind, item, value, correct))

    def show_home(self) -> None:
        self.apply(GoHome())

    def open_zone(self, zone_id: str) -> None:
        self.apply(OpenZone(zone_id))

    def turn_page(self, step: int) -> None:
        self.apply(TurnPage(step))

    def end_visit(self, reason: str) -> None:
        self.apply(Finish(reason))

    def _reset(self) -> None:
        """Ready for the next visitor: default language, normal text and contrast."""
        self._follow(self.visit.reset())

    # -- input and time ------------------------------------------------------------------------
    def warning_left(self) -> float | None:
        """Seconds left to answer "are you still there?", while it is shown."""
        deadline = self.tracker.idle_deadline()
        warning = self.config.idle_warning_s
        if deadline is None or warning <= 0:
            return None
        left = deadline - self.clock.monotonic()
        return left if 0 < left <= warning else None

    def pointer(self, p: Pointer) -> None:
        now = self.clock.monotonic()
        self._last_input = now
        self.staff_door.pointer(p.kind, p.x, p.y, now, self.staff_corner(), bool(self.gestures.axis))
        if p.kind == "down" and self.warning_left() is not None:
            self._swallow = True
        self.visit.touch()
        self.dirty = True
        if self._swallow:
            self._swallow = p.kind != "up"
            return
        self.transition = None  # a touch lands on the screen that is coming, at once
        scene = self.scene
        if p.kind == "down":
            self.gestures.down(p.x, p.y, now)
            scene.press(p.x, p.y)
        elif p.kind == "move":
            dy = self.gestures.move(p.x, p.y, now)
            if self.gestures.axis:
                scene.release()  # the finger travels: no press shade, no tap
            if dy and self.gestures.start:
                scene.drag(*self.gestures.start, dy)
        else:
            self.gestures.move(p.x, p.y, now)
            gesture = self.gestures.up(p.x, p.y, now)
            scene.release()
            if isinstance(gesture, Tap):
                scene.tap(gesture.x, gesture.y)
            elif isinstance(gesture, Swipe):
                scene.swipe(gesture.x, gesture.y, gesture.dx)
            elif isinstance(gesture, Fling):
                scene.fling(gesture.vy)

    def offer_content(self, report: ContentReport) -> None:
        """Edited content: good content waits for the attract screen; bad content is refused."""
        if report.exhibit is None or report.errors:
            self.content_problems = report.errors or report.problems
            self.pending = None
            for problem in self.content_problems:
                log.error("content not reloaded: %s", problem)
        else:
            self.content_problems = []
            self.pending = report.exhibit
        self.dirty = True

    def _apply_pending(self) -> None:
        self.exhibit, self.pending = self.pending, None
        self.loaded_wall = self.clock.wall()
        self.content_source = self.config.zones_path.resolve()
        self.images.clear()  # the old pictures go with the old content
        self.images.media_dir = self.config.media_path  # a new release brings its own media/
        self.scene = self._rest_scene()
        self.rebuild()
        self.dirty = True
        log.warning("content reloaded: %d zones", len(self.exhibit.zones))

    def update(self) -> None:
        now = self.clock.monotonic()
        dt, self._last_update = now - self._last_update, now
        if self.staff_door.held_long_enough(now):
            self.open_pin()
        if self.scene.name.startswith("staff") and now - self._last_input >= STAFF_IDLE_S:
            self.close_staff()
        timed_out = self.visit.tick()
        if timed_out is not None:
            self._follow(timed_out)
        self._follow_hours()
        if self.reloader is not None:
            report = self.reloader.poll(now)
            if report is not None:
                self.offer_content(report)
        if self.scene.update(now, dt):
            self.dirty = True
        if self.transition is not None:
            self.dirty = True
            if self.transition.progress(now) >= 1:
                self.transition = None
        # Never under a visitor's finger: new content appears on the attract screen.
        resting = self.scene.name in ("attract", "closed")
        if self.pending is not None and resting and self.transition is None:
            self._apply_pending()
        if self.warning_left() is not None:
            self.dirty = True  # the countdown

    @property
    def busy(self) -> bool:
        """Something moves: the loop runs at full frame rate instead of sleeping."""
        return (
            self.transition is not None
            or self.scene.animating
            or self.gestures.start is not None
            or self.staff_door.holding
        )

    def next_wakeup(self) -> float:
        """Seconds the window loop may sleep if no event comes."""
        if self.busy:
            return 0.0
        now = self.clock.monotonic()
        waits = [self.scene.next_change(now)]
        if not self.opening.schedule.always_open:
            hours = self.opening.seconds_to_change()
            waits += [HOURS_CHECK_S] if hours is None else [HOURS_CHECK_S, hours]
        if self.reloader is not None:
            waits.append(CHECK_EVERY_S - (now - self.reloader.last_check))
        deadline = self.tracker.idle_deadline()
        if deadline is not None:
            left = deadline - now
            warning_from = left - self.config.idle_warning_s
            waits.append(warning_from if warning_from > 0 else left % 1.0 or 1.0)
            waits.append(left)
        return max(0.0, min(waits))

    def draw(self, surface: pygame.Surface, force: bool = False) -> list[pygame.Rect]:
        """Draw what changed: the rectangles drawn (the whole surface when everything was),
        none when nothing changed. The window shows only those."""
        drawn = self._draw(surface, force)
        self.screen_copy.capture(surface)  # staff asked to see the screen: the frame just drawn
        return drawn

    def _draw(self, surface: pygame.Surface, force: bool) -> list[pygame.Rect]:
        if not (self.dirty or force):
            return []
        scene, left, bounds = self.scene, self.warning_left(), surface.get_rect()
        plain = self.transition is None and left is None and not self.maintenance
        # Only what changed, when the surface holds this scene's last frame with nothing over it.
        if plain and not force and scene.shown_on is surface:
            regions = scene.changed_regions()
            if regions is not None:
                regions = [r.clip(bounds) for r in regions if r.colliderect(bounds)]
                if not regions or self.faults.guard("draw", scene.name, scene.draw, surface, regions):
                    self.dirty = False
                    return regions
        if self.transition is not None:
            self.transition.draw(surface, self.clock.monotonic())
        elif not self.faults.guard("draw", scene.name, scene.draw, surface):
            surface.fill(self.theme.paper)
            self.show(self._fallback(scene), direction=-1)
        if left is not None:
            self.overlays.still_there(surface, left)
        if self.maintenance:
            self.overlays.maintenance(surface)
        if not plain:
            scene.shown_on = None  # covered or sliding: drawn whole next time
        self.dirty = False
        return [bounds]

    def shutdown(self) -> None:
        """The kiosk stops (Esc, a signal, the script's end): a visit still open is recorded."""
        self.visit.end("shutdown")

    def widget_centre(self, widget_id: str) -> tuple[int, int] | None:
        r = self.scene.targets.get(widget_id)
        return r.center if r else None


def _place_of(scene: Scene) -> Place:
    if isinstance(scene, ZoneScene):
        return Place("zone", scene.zone.id, scene.page_index)
    if isinstance(scene, (AttractScene, ClosedScene)):
        return REST
    return Place(scene.name)  # type: ignore[arg-type]


# -- running: the window, or a replay ----------------------------------------------------------


def run_window(
    config: Config,
    exhibit: Exhibit,
    record,
    windowed: bool,
    size: tuple[int, int] | None,
    allow_quit: bool,
    visitors_today: Callable[[], int] | None = None,
    problems: list[Problem] | None = None,
    on_app: Callable[[KioskApp], None] | None = None,
    store_health: Callable[[], StoreHealth] | None = None,
) -> None:
    window, logical, rotation = open_window(config, windowed, size)
    clock = SystemClock()
    reloader = ContentReloader(config, clock.monotonic())
    app = KioskApp(
        config,
        exhibit,
        logical,
        clock,
        record,
        visitors_today,
        reloader=reloader,
        problems=problems,
        store_health=store_health,
    )
    if on_app:
        on_app(app)  # e.g. the staff dashboard's /metrics reads its live figures
    serve(app, window, rotation, allow_quit)


def run_replay(
    config: Config,
    exhibit: Exhibit,
    record,
    steps: list[Step],
    size: tuple[int, int],
    screenshots: Path | None,
    clock: VirtualClock,
    script_name: str = "replay",
    visitors_today: Callable[[], int] | None = None,
    store_health: Callable[[], StoreHealth] | None = None,
) -> None:
    """Play a script on the dummy video driver, as fast as the machine allows."""
    with headless_display():
        stop_on_signals()  # after SDL, which installs its own handlers that swallow them
        app = KioskApp(config, exhibit, size, clock, record, visitors_today, store_health=store_health)
        try:
            play(app, steps, size, screenshots, clock, script_name)
        finally:
            app.shutdown()
