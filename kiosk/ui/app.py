"""KioskApp: the screens, the slide between them, and the visit they follow.

Scenes post intents; the app hands each to `VisitFlow` (which moves the visit and counts)
and makes the screen follow the `Change` it returns. The app is driven from outside: the
window loop (`window.py`) feeds it real events and the system clock; a replay (`replay.py`)
feeds it scripted pointers and a virtual clock. Around it, one job a module: `hours.py`
(open or closed), `content.py` (the edit that waits), `staff.py` (staff's way in),
`overlays.py`, `status.py` (what the kiosk says about itself).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pygame

from kiosk import memory
from kiosk.clock import Clock, ClockWatch
from kiosk.config import Config
from kiosk.content.model import Exhibit, Text
from kiosk.content.reload import ContentReloader
from kiosk.frames import FrameTimes
from kiosk.ui import focusring, keypad, status
from kiosk.ui.ahead import Ahead
from kiosk.ui.content import ContentSwap
from kiosk.ui.faults import Faults
from kiosk.ui.hours import Hours
from kiosk.ui.idle import StillThere
from kiosk.ui.images import ImageCache
from kiosk.ui.input import Pointer
from kiosk.ui.look import Look
from kiosk.ui.overlays import Overlays
from kiosk.ui.scenes.base import Scene
from kiosk.ui.scenes.staff import STAFF_IDLE_S
from kiosk.ui.screencopy import ScreenCopy
from kiosk.ui.screens import Screens, may_blank, place_of, resting
from kiosk.ui.sound import Speaker
from kiosk.ui.staff import StaffDoor
from kiosk.ui.styling import styling
from kiosk.ui.text import Fonts
from kiosk.ui.touch import Touch
from kiosk.ui.transition import Transition
from kiosk.visit.flow import Change, VisitFlow
from kiosk.visit.intents import Intent, StaffAction, StartVisit
from kiosk.visitors.recorder import StoreHealth
from kiosk.visitors.sessions import VisitTracker
from kiosk.yamldoc import Problem

IMAGE_SCREENS = 5  # the picture cache holds this many full screens' worth of pixels
IMAGE_MIN_BYTES = 64 * 2**20  # and at least this: small screens still keep a visit's pictures


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
        self.config, self.clock, self.size = config, clock, size
        self.visitors_today = visitors_today
        self.store_health = store_health
        self.measure_only = measure_only  # build screens to check the content, drawing no pixels
        self.faults = Faults()  # what failed to build or draw, left out of the screen
        self.content = ContentSwap(config, clock, reloader, problems)
        self.hours = Hours(config.opening_hours, clock, config.tz)
        self.staff_door = StaffDoor(config, clock)
        self.screen_copy = ScreenCopy()
        # Narration's way out; opened at the first *Listen*, never when only measuring.
        self.sound = Speaker(config.sound.volume, enabled=config.sound.enabled and not measure_only)
        self.fonts = Fonts(config.media_path)
        self.images = images or ImageCache(
            config.media_path,
            budget_bytes=max(IMAGE_MIN_BYTES, IMAGE_SCREENS * size[0] * size[1] * 4),
            draw=not measure_only,
        )
        self.screens = Screens(self, size, lambda: self.hours.open, self.faults, measure_only)
        # The likely next screens, built while the visitor reads (never when only measuring).
        self.ahead = None if measure_only else Ahead(size, scratch=lambda: self.screens.surface(2))
        self.record = record
        self.tracker = VisitTracker(
            config.kiosk_id, config.idle_timeout_s, clock, record, watch=ClockWatch(clock)
        )
        # Where the visit is, and what is counted: the screen follows it.
        self.visit = VisitFlow(exhibit, self.tracker, config.languages, config.default_language)
        self.still_there = StillThere(self.tracker, config.idle_warning_s, clock)
        self.look = Look(self)  # all that scenes see of the app
        self.overlays = Overlays(self.look)
        self.quit_requested = False
        self.started_wall = clock.wall()
        self.frame_times = FrameTimes()  # seconds, for /metrics and the staff
        self._apply_modes()
        self.touch = Touch(slop_px=self.metrics.px(28), swipe_px=self.metrics.px(140))
        self.gestures = self.touch.gestures
        self.focus = keypad.Focus()  # where the keypad's ring is
        self.transition: Transition | None = None
        self._last_input = self._last_update = clock.monotonic()
        self._scene: Scene = self.screens.rest()
        if not measure_only:
            self.rebuild()
        self.dirty = True

    # -- the visit's state, kept by the flow -----------------------------------------------------
    @property
    def scene(self) -> Scene:
        return self._scene

    @scene.setter
    def scene(self, scene: Scene) -> None:
        if scene is not self._scene:
            self._scene.leave()  # a page that plays a film stops it now
            self.focus.reset()  # the keypad's ring starts again on the new screen
        self._scene = scene
        self.visit.arrived(place_of(scene))  # the one shown, even when a fallback

    @property
    def exhibit(self) -> Exhibit:
        return self.visit.exhibit

    def _state(name: str) -> property:  # type: ignore[misc]
        def write(self, value) -> None:  # tools that draw every language set it outright
            self.visit.state = dataclasses.replace(self.visit.state, **{name: value})

        return property(lambda self: getattr(self.visit.state, name), write)

    language = _state("language")
    large_text = _state("large_text")
    high_contrast = _state("high_contrast")
    maintenance = _state("maintenance")  # staff at work: nothing they touch is counted
    del _state

    def text(self, value: Text) -> str:
        return value.get(self.language, self.config.default_language)

    # -- intents: every move a visitor (or staff) makes comes here ------------------------------
    def apply(self, intent: Intent) -> Change:
        """The visit moves first (and counts); then the screen follows."""
        change = self.visit.apply(intent)
        self._follow(change)
        return change

    def _follow(self, change: Change) -> None:
        if change.reset or change.staff == "pin":
            self.gestures.cancel()
        if change.reset:
            self.focus.hide()  # the next visitor may well use the touchscreen
        if change.staff == "pin":
            # Read the numbers while staff type the PIN: the staff screen then opens at once.
            self.staff_door.read_figures_ahead()
        if change.modes:
            self._apply_modes()
        if change.show is not None:  # the screen left is not built again first: nobody reads it
            built = self.ahead.take(change.show, self._ahead_key()) if self.ahead else None
            self.show(built or self.screens.for_place(change.show), change.direction, built=built is not None)
        elif change.rebuild:
            self.rebuild()
        if change.reset:
            memory.give_back()  # the visit's pictures are gone: their pages go back to the system
        if change.staff == "hours":
            self.hours.toggle()
            self._follow_hours()
        elif change.staff == "reload":
            self.content.reload()
        elif change.staff == "quit":
            self.quit_requested = True
        self.dirty = True

    def set_modes(
        self, large_text: bool | None = None, high_contrast: bool | None = None, rebuild: bool = True
    ) -> None:
        """Large text and high contrast set outright (for tools that draw every mode)."""
        for mode, value in (("large_text", large_text), ("high_contrast", high_contrast)):
            if value is not None:
                self.visit.set_mode(mode, value)  # type: ignore[arg-type]
        self._apply_modes()
        if rebuild:
            self.rebuild()

    def _apply_modes(self) -> None:
        state = self.visit.state
        self.metrics, self.theme, self.type = styling(
            self.config, self.size, self.fonts, state.large_text, state.high_contrast, not self.measure_only
        )
        self.overlays.forget()

    def picture(self, ref: str, size: tuple[int, int], fit: str = "cover", backdrop=None) -> pygame.Surface:
        """An image at a size, with the theme's rounded corners, from the picture cache."""
        return self.images.get(ref, size, fit, self.metrics.radius, backdrop)

    def blank_screen(self) -> pygame.Surface:
        """A full-screen surface for a new scene's static picture: not the one on screen now."""
        return self.screens.blank(self.scene)

    # -- screens -------------------------------------------------------------------------------
    def show(self, scene: Scene, direction: int = 1, built: bool = False) -> None:
        before, after = self.screens.surface(2), self.screens.surface(3)
        self.faults.guard("draw", self.scene.name, self.scene.draw, before)
        # Built while the old scene still holds its picture: the new one takes the other.
        if not built and not self.faults.guard("build", scene.name, scene.build):
            scene = self.screens.fallback(scene)
        self.scene = scene
        self.faults.guard("draw", scene.name, scene.draw, after)
        self.transition = Transition(before, after, direction, self.clock.monotonic())
        self.dirty = True

    def rebuild(self) -> None:
        """The same screen built again (new words, text size); one that fails gives way."""
        if not self.faults.guard("build", self.scene.name, self.scene.build):
            self.scene = self.screens.fallback(self.scene)
        self.dirty = True

    def _follow_hours(self) -> None:
        """Opening or closing time (or staff's word): a visit still open ends as `closed`."""
        if not self.hours.follow():
            return
        if not self.hours.open:
            self.visit.end("closed")
        if not self.scene.name.startswith("staff"):  # staff at work go back to the right one
            self._follow(self.visit.reset())

    def _take_content(self) -> None:
        """New content, shown from the attract screen: never under a visitor's finger."""
        self.visit.exhibit = self.content.take()
        self.images.clear()  # the old pictures go with the old content
        self.images.media_dir = self.config.media_path  # a new release brings its own media/
        self.scene = self.screens.rest()
        self.rebuild()

    @property
    def screen_may_blank(self) -> bool:
        """The system's screen blanking: never while open; dark and closed, the screen may sleep."""
        return may_blank(self.scene) and self.transition is None

    def count_entry(self) -> None:
        """One person through the door, from a people counter typing the tally key."""
        if self.hours.open:  # outside opening hours the cleaners come and go, uncounted
            self.visit.count_entry()

    def live(self) -> dict:
        return status.live(self)

    def widget_centre(self, widget_id: str) -> tuple[int, int] | None:
        r = self.scene.targets.get(widget_id)
        return r.center if r else None

    # -- input and time ------------------------------------------------------------------------
    def warning_left(self) -> float | None:
        """Seconds left to answer "are you still there?", while it is shown."""
        return self.still_there.left()

    def pointer(self, p: Pointer) -> None:
        now = self.clock.monotonic()
        self._last_input = now
        corner = self.staff_door.corner(self.metrics)
        self.staff_door.pointer(p.kind, p.x, p.y, now, corner, bool(self.gestures.axis))
        swallowed = self.touch.swallowed(p, self.warning_left() is not None)  # before the touch counts
        self.visit.touch()
        self.focus.hide()  # a finger: the keypad's ring goes until the next key
        self.visit.touched(self.scene.name, p.kind, p.x, p.y, self.size)  # the heat maps, sampled
        self.dirty = True
        if not swallowed:
            self.transition = None  # a touch lands on the screen that is coming, at once
            self.touch.route(p, self.scene, now)

    def key(self, name: str) -> None:
        """A key of the keypad path (`keypad.KEYS`), from the window or a replay script: a
        touch for the idle timer and "are you still there?"; else the ring moves, or the
        focused control is activated exactly as a tap on it would be."""
        self._last_input = self.clock.monotonic()
        warned = self.warning_left() is not None
        self.visit.touch()
        self.dirty = True
        self.scene.shown_on = None  # the ring moves: the screen is drawn whole
        if warned:
            return  # the key that answered "are you still there?" does nothing else
        self.transition = None
        keypad.press(self.focus, self.scene, name, self.metrics.screen.center)

    def update(self) -> None:
        now = self.clock.monotonic()
        dt, self._last_update = now - self._last_update, now
        if self.staff_door.held_long_enough(now):
            self.apply(StaffAction("pin"))
        if self.scene.name.startswith("staff") and now - self._last_input >= STAFF_IDLE_S:
            self.apply(StaffAction("close"))
        timed_out = self.visit.tick()
        if timed_out is not None:
            self._follow(timed_out)
        self._follow_hours()
        if self.content.poll(now) or self.scene.update(now, dt):
            self.dirty = True
        if self.transition is not None:
            self.dirty = True
            if self.transition.progress(now) >= 1:
                self.transition = None
        if self.content.pending is not None and resting(self.scene) and self.transition is None:
            self._take_content()
        if self.warning_left() is not None:
            self.dirty = True  # the countdown
        if self._ahead_pending():
            self.ahead.step(self.visit.likely_next(), self._ahead_key(), self.screens.for_place, self.scene)

    def _ahead_key(self) -> tuple:
        """What a screen built ahead depends on: shown otherwise, it is built again."""
        state = self.visit.state
        return state.language, state.large_text, state.high_contrast, id(self.exhibit), self.hours.open

    def _ahead_pending(self) -> bool:
        """Screens to build ahead, and a quiet moment: nothing slides, no finger is down."""
        if self.ahead is None or self.busy or self.maintenance:
            return False
        return self.ahead.pending(self.visit.likely_next(), self._ahead_key())

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
        if self.busy or self._ahead_pending():
            return 0.0
        now = self.clock.monotonic()
        waits = [self.scene.next_change(now), self.hours.wait_s(), self.content.wait_s(now)]
        return max(0.0, min(waits + self.still_there.waits(now)))

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
                    if regions:
                        self._draw_focus(surface, regions)
                    self.dirty = False
                    return regions
        if self.transition is not None:
            self.transition.draw(surface, self.clock.monotonic())
        elif not self.faults.guard("draw", scene.name, scene.draw, surface):
            surface.fill(self.theme.paper)
            self.show(self.screens.fallback(scene), direction=-1)
        elif self.focus.shown:
            self._draw_focus(surface, [])
        if left is not None:
            self.overlays.still_there(surface, left)
        if self.maintenance:
            self.overlays.maintenance(surface)
        if not plain:
            scene.shown_on = None  # covered or sliding: drawn whole next time
        self.dirty = False
        return [bounds]

    def _draw_focus(self, surface: pygame.Surface, regions: list[pygame.Rect]) -> None:
        """The keypad's ring over the scene drawn, kept off an open card; in `regions` too
        when only part of the screen was drawn over it."""
        drawn = focusring.draw_focus(surface, self.scene, self.focus, self.metrics)
        if drawn is not None:
            regions.append(drawn)

    def shutdown(self) -> None:
        """The kiosk stops (Esc, a signal, the script's end): a visit still open is recorded."""
        self.visit.end("shutdown")

    def start_visit(self) -> None:
        self.apply(StartVisit())
