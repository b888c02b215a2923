"""Running the kiosk: on a real screen, or a replay script on the dummy driver."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kiosk.clock import SystemClock, VirtualClock
from kiosk.config import Config
from kiosk.content.model import Exhibit
from kiosk.content.reload import ContentReloader
from kiosk.replay import Step
from kiosk.ui.app import KioskApp
from kiosk.ui.replay import play
from kiosk.ui.window import NoDisplayError as NoDisplayError  # the CLI's to catch
from kiosk.ui.window import headless_display, open_window, serve, stop_on_signals
from kiosk.visitors.recorder import StoreHealth
from kiosk.yamldoc import Problem


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
