"""A kiosk nobody watches: faults left out of the screen, floods of touches, a lying clock, signals.

Each runs the real headless app (or the real `kiosk run` in a subprocess) on real content.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.config import load_config
from kiosk.ui.app import KioskApp
from kiosk.ui.blocks.gallery import GalleryView
from kiosk.ui.blocks.hotspots import HotspotsView
from kiosk.ui.input import Pointer, PointerInput
from kiosk.ui.wanderer import flood
from kiosk.ui.window import WindowLoop
from kiosk.visitors.recorder import Recorder
from kiosk.visitors.sessions import PageViewed, SessionEnded, SessionStarted, ZoneEntered, ZoneLeft

ROOT = Path(__file__).resolve().parents[2]
SIZE = (1280, 720)


def make_app(shipped, clock=None, **options):
    config, exhibit = shipped
    events: list = []
    clock = clock or VirtualClock(1_504_771_200.0)
    return KioskApp(config, exhibit, SIZE, clock, events.append, **options), clock, events


def tap(app, widget_id):
    x, y = app.widget_centre(widget_id)
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


def open_page_with(app, clock, block_type: str):
    """Go to the first page that features a block of this type."""
    tap(app, "attract")
    tap(app, "lang:en")
    for zone in app.exhibit.zones:
        for i, page in enumerate(zone.pages):
            featured = page.feature()
            if featured is not None and featured.type == block_type:
                tap(app, f"zone:{zone.id}")
                for _ in range(i):
                    tap(app, "next")
                clock.advance(1)
                app.update()
                return zone, page
    raise AssertionError(f"no page features a {block_type}")


# -- faults left out ---------------------------------------------------------------------------


def test_a_feature_that_fails_to_build_is_left_out_and_the_page_shows(shipped, monkeypatch):
    app, clock, _ = make_app(shipped)

    def broken(self, surface, box):
        raise RuntimeError("the gallery's pictures are in a format nobody expected")

    monkeypatch.setattr(GalleryView, "compose", broken)
    zone, page = open_page_with(app, clock, "gallery")
    assert app.scene.name == "zone" and app.scene.page.id == page.id
    assert app.scene.feature is None
    assert {"back", "home", "finish"} <= set(app.scene.targets)  # the rest of the page is there
    canvas = pygame.Surface(SIZE)
    assert app.draw(canvas, force=True)
    assert app.faults.total == 1 and app.live()["screen_faults"] == 1
    status = "\n".join(app.look.content_status())
    assert "screen fault" in status and "gallery" in status and "nobody expected" in status


def test_a_feature_that_fails_to_draw_is_dropped_after_one_frame(shipped, monkeypatch):
    app, clock, _ = make_app(shipped)
    open_page_with(app, clock, "hotspots")
    monkeypatch.setattr(HotspotsView, "draw_live", lambda self, s: 1 / 0)
    canvas = pygame.Surface(SIZE)
    for _ in range(5):
        app.draw(canvas, force=True)
    assert app.scene.feature is None and app.faults.total == 1


def test_a_screen_that_cannot_be_built_gives_way_to_one_that_can(shipped, monkeypatch):
    from kiosk.ui.scenes.zone import ZoneScene

    app, clock, _ = make_app(shipped)
    tap(app, "attract")
    tap(app, "lang:en")
    monkeypatch.setattr(ZoneScene, "compose", lambda self, surface: {}["no such field"])
    tap(app, f"zone:{app.exhibit.zones[0].id}")
    assert app.scene.name == "home"  # the visitor stays on a working screen
    assert app.faults.total == 1
    app.draw(pygame.Surface(SIZE), force=True)


# -- floods ------------------------------------------------------------------------------------


def test_a_flood_of_touches_crashes_nothing_and_counts_nothing_twice(shipped):
    """100,000 raw events in a minute: many hands, SDL's mouse copies, long presses, taps
    during slides, through the real window loop on a virtual clock."""
    config, exhibit = shipped
    clock = VirtualClock(1_504_771_200.0)
    records: list = []
    app = KioskApp(config, exhibit, SIZE, clock, records.append)
    window = pygame.Surface(SIZE)
    loop = WindowLoop(app, window, 0, allow_quit=False)
    downs = []
    real_pointer = app.pointer
    app.pointer = lambda p: (downs.append(p) if p.kind == "down" else None, real_pointer(p))
    events = flood(random.Random(7), 100_000, 60.0)
    frame, batch = 1 / 60, []
    for at, event in events:
        while clock.elapsed + frame < at:
            assert loop.step(batch)
            batch = []
            clock.advance(frame)
        batch.append(event)
    loop.step(batch)
    clock.advance(config.idle_timeout_s + 1)
    loop.step([])
    # One pointer per first finger down: neither the mouse copies nor the other fingers count.
    first_fingers = 0
    held: int | None = None
    for _, event in events:
        if event.type == pygame.FINGERDOWN and held is None:
            held, first_fingers = event.finger_id, first_fingers + 1
        elif event.type == pygame.FINGERUP and event.finger_id == held:
            held = None
    # The input layer makes one pointer of each first finger: the mouse copies and other fingers drop.
    translated = PointerInput(SIZE, SIZE)
    assert sum(1 for _, e in events if (p := translated.translate(e)) and p.kind == "down") == first_fingers
    # The app gets those, less the ones in a frame that already brought a new screen.
    assert first_fingers * 0.5 < len(downs) <= first_fingers
    started = [r for r in records if isinstance(r, SessionStarted)]
    ended = Counter(r.session_id for r in records if isinstance(r, SessionEnded))
    assert started and all(ended[s.session_id] == 1 for s in started)  # every visit ends, once
    keys = [(r.session_id, r.seq) for r in records if hasattr(r, "seq") and not isinstance(r, ZoneLeft)]
    assert len(keys) == len(set(keys))  # no record made twice
    assert any(isinstance(r, PageViewed) for r in records) and any(
        isinstance(r, ZoneEntered) for r in records
    )


# -- a clock that lies -------------------------------------------------------------------------


class JumpingClock(VirtualClock):
    """The wall clock is set while the kiosk runs, as NTP does after a boot without a battery."""

    def __init__(self, start_wall: float):
        super().__init__(start_wall)
        self.step = 0.0

    def wall(self) -> float:
        return super().wall() + self.step


@pytest.mark.parametrize("jump", [-10 * 365 * 86400.0, -3600.0, 3 * 3600.0, 9 * 365 * 86400.0])
def test_a_wall_clock_jump_mid_visit_gives_no_negative_or_hour_long_dwell(shipped, jump):
    clock = JumpingClock(1_504_771_200.0)
    app, clock, records = make_app(shipped, clock)
    tap(app, "attract")
    tap(app, "lang:en")
    tap(app, f"zone:{app.exhibit.zones[0].id}")
    clock.advance(20)
    clock.step = jump
    app.count_entry()  # a person through the door, stamped like the visit
    tap(app, "next")
    clock.advance(15)
    tap(app, "back")
    clock.advance(5)
    tap(app, "finish")
    left = [r for r in records if isinstance(r, ZoneLeft)]
    ended = [r for r in records if isinstance(r, SessionEnded)]
    assert [round(r.dwell_s) for r in left] == [35]
    assert round(ended[0].duration_s) == 40
    stamps = [r.at for r in records if hasattr(r, "at")]
    assert max(stamps) - min(stamps) < 60  # one visit, one stretch of time, whatever the clock did


# -- signals and a second kiosk ----------------------------------------------------------------


def write_long_script(path: Path) -> Path:
    path.write_text("- {at: 1, tap: attract}\n- {at: 2, tap: 'lang:en'}\n- {at: 500000, quit: true}\n")
    return path


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGQUIT, signal.SIGINT])
def test_a_headless_replay_stops_cleanly_on_a_signal(project, tmp_path, signum):
    script = write_long_script(tmp_path / "long.yaml")
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kiosk",
            "run",
            "--config",
            str(project),
            "--headless",
            "--replay",
            str(script),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    store = project.parent / "data" / "visitors.db"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait for the visit to have begun
        if store.exists():
            conn = sqlite3.connect(store)
            try:
                if conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]:
                    break
            except sqlite3.Error:
                pass
            finally:
                conn.close()
        with pytest.raises(subprocess.TimeoutExpired):  # still running, as it should be
            run.wait(timeout=0.05)
    run.send_signal(signum)
    out, err = run.communicate(timeout=30)
    assert run.returncode == 0, err
    conn = sqlite3.connect(store)
    assert conn.execute("SELECT end_reason FROM sessions").fetchall() == [("shutdown",)]
    conn.close()


def test_a_replay_is_refused_on_a_store_a_live_kiosk_uses(project, tmp_path):
    config = load_config(project)
    live = Recorder(config.store_file)
    script = tmp_path / "short.yaml"
    script.write_text("- {at: 1, tap: attract}\n- {at: 3, quit: true}\n")
    try:
        command = [sys.executable, "-m", "kiosk", "run", "--config", str(project), "--headless"]
        refused = subprocess.run(command + ["--replay", str(script)], capture_output=True, text=True)
        assert refused.returncode == 1
        assert "in use by process" in refused.stderr.splitlines()[-1], refused.stderr
        assert "Traceback" not in refused.stderr
        own = tmp_path / "replay.db"
        allowed = subprocess.run(
            command + ["--replay", str(script), "--store", str(own)], capture_output=True, text=True
        )
        assert allowed.returncode == 0, allowed.stderr
    finally:
        live.close()
    conn = sqlite3.connect(own)
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 1
    conn.close()
    conn = sqlite3.connect(config.store_file)
    assert conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0  # the live store untouched
    conn.close()


def test_visits_under_a_clock_that_cannot_be_believed_are_kept_apart(shipped, tmp_path):
    """A kiosk without a battery-backed clock boots in 1970; NTP sets it right later."""
    clock = JumpingClock(86_400.0 * 3)  # 4 January 1970
    app, clock, _ = make_app(shipped, clock)
    recorder = Recorder(tmp_path / "v.db")
    app.tracker._emit = recorder.record
    tap(app, "attract")
    tap(app, "lang:en")
    app.count_entry()
    tap(app, "finish")
    clock.step = 1_504_771_200.0 - 86_400.0 * 3  # corrected to 7 September 2017
    clock.advance(5)
    tap(app, "attract")  # the first visit after the jump is doubtful too: which side was right?
    tap(app, "finish")
    clock.advance(5)
    tap(app, "attract")
    tap(app, "lang:pl")
    tap(app, "finish")
    assert recorder.flush()
    health = recorder.health()
    recorder.close()
    conn = sqlite3.connect(tmp_path / "v.db")
    kept_apart = conn.execute("SELECT error FROM quarantine").fetchall()
    sessions = conn.execute("SELECT started_at FROM sessions").fetchall()
    entries = conn.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    conn.close()
    assert len(sessions) == 1 and sessions[0][0] > 1_504_771_200.0  # only the believable visit is filed
    assert entries == 0
    reasons = {error for (error,) in kept_apart}
    assert any("1970-01-04" in r for r in reasons) and any("jumped by +" in r for r in reasons)
    assert health.doubtful == len(kept_apart) and health.quarantined == 0
    assert any("clock was wrong" in line for line in health.lines())


def test_set_pin_on_a_read_only_disk_says_so_and_changes_nothing(project, tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,ro", "tmpfs", str(disk)]).returncode:
        pytest.skip("cannot mount a read-only tmpfs here: needs root")
    try:
        text = project.read_text().replace("store_path: data/visitors.db", f"store_path: {disk}/visitors.db")
        assert text != project.read_text()
        project.write_text(text)
        result = subprocess.run(
            [sys.executable, "-m", "kiosk", "set-pin", "--config", str(project), "--stdin"],
            input="2468\n",
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1
        assert result.stderr.count("\n") == 1 and "cannot be written" in result.stderr, result.stderr
    finally:
        subprocess.run(["umount", "-l", str(disk)])
