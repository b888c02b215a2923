"""Pages read aloud: the narration files checked, *Listen* on the bar, and the visit around it.

Sound plays for real through SDL's dummy audio driver (tests/conftest.py); the narration's
end is read from the kiosk's clock, so on virtual time the idle reset comes exactly when it
should, with no sleeping.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.config import load_config
from kiosk.content.loader import load_exhibit
from kiosk.content.media import MediaError
from kiosk.content.narration import narration_length
from kiosk.ui.app import KioskApp
from kiosk.visit.intents import OpenZone
from kiosk.visitors.sessions import Interaction, SessionEnded

ROOT = Path(__file__).resolve().parents[2]
AUDIO = ROOT / "media" / "audio"
START = 1_504_771_200.0  # 2017-09-07 08:00 UTC


def make_app(shipped, language="pl", zone="forest", size=(1920, 1080)):
    config, exhibit = shipped
    events: list = []
    clock = VirtualClock(START)
    app = KioskApp(config, exhibit, size, clock, events.append)
    tap(app, "attract")
    tap(app, f"lang:{language}")
    app.apply(OpenZone(zone))
    run(app, clock, 1.0)  # the slide is over
    return app, clock, events


from tests.ui.test_video import run, tap  # noqa: E402 - the kiosk's loop on virtual time


def length_of(name: str) -> float:
    return narration_length(AUDIO / name, 3600)


# -- the files, as `kiosk validate` reads them ---------------------------------------------------


def test_the_sample_narration_decodes_in_four_languages_and_is_small():
    files = sorted(AUDIO.glob("*.ogg"))
    assert len(files) == 8 and sum(f.stat().st_size for f in files) < 300_000
    for code in ("pl", "en", "kk", "ru"):
        assert 5 < length_of(f"forest-co2-absorption.{code}.ogg") < 30


def audio_problems(project: Path, pairs: dict[str, str], max_s: float | None = None) -> tuple[list[str], int]:
    """The zone's first page given `audio: pairs`; the problems loading finds, and that line."""
    path = project.parent / "zones" / "forest.yaml"
    text = path.read_text()
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("    audio:")]
    first = next(i for i, line in enumerate(lines) if line.startswith("  - id: natural-wealth"))
    refs = ", ".join(f"{code}: {ref}" for code, ref in pairs.items())
    lines.insert(first + 1, f"    audio: {{{refs}}}\n")
    path.write_text("".join(lines))
    config = load_config(project)
    if max_s is not None:
        config = config.model_copy(
            update={"sound": config.sound.model_copy(update={"narration_max_s": max_s})}
        )
    report = load_exhibit(config)
    return [str(p) for p in report.problems], first + 2


def test_the_loader_names_a_missing_file_one_outside_media_and_one_that_is_no_sound(project):
    site = project.parent
    (site / "media" / "audio" / "notes.ogg").write_text("not a sound\n")
    problems, line = audio_problems(
        project,
        {
            "pl": "audio/forest-natural-wealth.pl.ogg",
            "en": "audio/nowhere.en.ogg",
            "kk": "../config.yaml",
            "ru": "images/forest-cover.png",
        },
    )
    where = f"zones/forest.yaml:{line}: pages.0.audio"
    assert (
        f"{where}.en: file not found: media/audio/nowhere.en.ogg (check the spelling and the folder)"
        in problems
    )
    assert f"{where}.kk: '../config.yaml' leaves the media folder (keep files inside media/)" in problems
    assert f"{where}.ru: the file holds no sound (export it as Ogg Vorbis (.ogg) or WAV)" in problems
    assert not any(".pl:" in p for p in problems)  # the good one
    problems, _ = audio_problems(project, {"pl": "audio/notes.ogg"})
    assert any(
        p.startswith(f"{where}.pl: not a sound file, or damaged") and "Ogg Vorbis" in p for p in problems
    ), problems


def test_the_loader_refuses_narration_longer_than_the_cap_and_leaves_the_zone_out(project):
    problems, line = audio_problems(project, {"pl": "audio/forest-natural-wealth.pl.ogg"}, max_s=5)
    assert any(
        p.startswith(f"zones/forest.yaml:{line}: pages.0.audio.pl: narration is 0:22")
        and "sound.narration_max_s allows 0:05.0" in p
        for p in problems
    ), problems
    config = load_config(project)
    config = config.model_copy(update={"sound": config.sound.model_copy(update={"narration_max_s": 5})})
    assert "forest" not in [z.id for z in load_exhibit(config).exhibit.zones]


def test_validate_says_it_by_file_and_line_without_a_traceback(project):
    path = project.parent / "zones" / "forest.yaml"
    path.write_text(path.read_text().replace("audio/forest-co2-absorption.kk.ogg", "audio/gone.kk.ogg"))
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if "audio/gone.kk.ogg" in text)
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", "--config", str(project)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    out = done.stdout + done.stderr
    assert done.returncode == 1 and "Traceback" not in out, out
    assert f"zones/forest.yaml:{line}: pages.1.audio.kk: file not found: media/audio/gone.kk.ogg" in out


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (3840, 2160), (1080, 1920), (1280, 1024)])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_listen_takes_room_from_the_title_and_moves_no_other_control(size, scale):
    from kiosk.ui import layout

    m = layout.Metrics(*size, text_scale=scale)
    plain = layout.chrome(m, 4, finish_w=m.px(220))
    c = layout.chrome(m, 4, finish_w=m.px(220), listen_w=m.px(260))
    assert plain.listen is None and c.listen is not None and c.listen.w == m.px(260)
    assert (c.home, c.large_text, c.contrast, c.finish, c.languages) == (
        plain.home,
        plain.large_text,
        plain.contrast,
        plain.finish,
        plain.languages,
    )
    others = [c.home, c.title, c.large_text, c.contrast, c.finish, *c.languages]
    assert c.listen.inside(c.bar) and not any(c.listen.overlaps(r) for r in others)
    assert c.title.w > m.width // 5


# -- on the screen -------------------------------------------------------------------------------


def test_listen_is_on_the_bar_only_of_pages_with_narration(shipped):
    app, _, _ = make_app(shipped)
    assert "listen" in app.scene.targets  # forest, page 1
    other, _, _ = make_app(shipped, zone="regions")
    assert "listen" not in other.scene.targets
    config, exhibit = shipped
    quiet = config.model_copy(update={"sound": config.sound.model_copy(update={"enabled": False})})
    off, _, _ = make_app((quiet, exhibit))
    assert "listen" not in off.scene.targets
    for size in ((1080, 1920), (3840, 2160)):  # the title gives way; nothing overlaps
        app, _, _ = make_app(shipped, "kk", size=size)
        listen = app.scene.targets["listen"]
        others = [r for k, r in app.scene.targets.items() if k != "listen" and r.y < listen.bottom]
        assert not any(listen.overlaps(r) for r in others)


def test_a_visitor_who_listens_and_then_leaves_the_screen_alone_is_reset_after_the_narration(shipped):
    app, clock, events = make_app(shipped)
    config = shipped[0]
    length = length_of("forest-natural-wealth.pl.ogg")
    tap(app, "listen")
    played_at = clock.monotonic()
    narration = app.scene.narration
    assert narration.playing and app.sound.sounding  # the mixer plays it, on the dummy driver
    assert app.tracker.idle_deadline() == pytest.approx(played_at + length + config.idle_timeout_s)
    (listened,) = [e for e in events if isinstance(e, Interaction) and e.kind == "listen"]
    assert (listened.zone_id, listened.page_id, listened.value) == ("forest", "natural-wealth", "pl")
    run(app, clock, length + config.idle_timeout_s - config.idle_warning_s - 0.5)
    assert app.scene.name == "zone" and app.warning_left() is None  # no "still there?" yet
    assert not narration.playing and app.sound.owner is None  # it ended on the kiosk's clock
    run(app, clock, config.idle_warning_s + 1.0)
    assert app.scene.name == "attract"
    (ended,) = [e for e in events if isinstance(e, SessionEnded)]
    assert ended.reason == "timeout"
    assert ended.at == pytest.approx(START + (played_at - 1000.0) + length, abs=1e-6)  # its end


def test_a_second_tap_pauses_and_the_idle_reset_counts_from_the_pause(shipped):
    app, clock, events = make_app(shipped)
    tap(app, "listen")
    run(app, clock, 3.0)
    tap(app, "listen")
    narration = app.scene.narration
    assert not narration.playing and narration.position == pytest.approx(3.0, abs=0.11)
    assert app.tracker.idle_deadline() == pytest.approx(clock.monotonic() + shipped[0].idle_timeout_s)
    assert not app.sound.sounding
    tap(app, "listen")  # on from where it was: the same play, not counted again
    assert narration.playing and narration.position == pytest.approx(3.0, abs=0.11)
    assert len([e for e in events if isinstance(e, Interaction) and e.kind == "listen"]) == 1


def test_leaving_the_page_stops_the_narration(shipped):
    app, clock, _ = make_app(shipped)
    tap(app, "listen")
    run(app, clock, 2.0)
    narration = app.scene.narration
    tap(app, "next")
    assert not narration.playing and app.sound.owner is None and not app.sound.sounding
    assert app.tracker.idle_deadline() == pytest.approx(clock.monotonic() + shipped[0].idle_timeout_s)
    run(app, clock, 1.0)
    assert not app.scene.narration.playing  # the next page waits to be asked


def test_another_language_stops_it_and_a_tap_then_plays_that_language(shipped):
    app, clock, events = make_app(shipped)
    tap(app, "listen")
    run(app, clock, 2.0)
    tap(app, "lang:kk")
    narration = app.scene.narration
    assert not narration.playing and not app.sound.sounding
    tap(app, "listen")
    assert narration.playing and narration.language == "kk" and narration.position == 0
    assert [e.value for e in events if isinstance(e, Interaction) and e.kind == "listen"] == ["pl", "kk"]
    assert narration.length == pytest.approx(length_of("forest-natural-wealth.kk.ogg"))


def test_the_visit_ending_stops_it(shipped):
    app, clock, _ = make_app(shipped)
    tap(app, "listen")
    tap(app, "finish")
    assert app.sound.owner is None and not app.sound.sounding
    run(app, clock, 1.0)
    assert app.scene.name == "attract"


def test_a_machine_without_audio_keeps_working_silently(shipped, monkeypatch, caplog):
    pygame.mixer.quit()
    monkeypatch.setenv("SDL_AUDIODRIVER", "no-such-driver")
    try:
        app, clock, events = make_app(shipped)
        tap(app, "listen")
        narration = app.scene.narration
        assert not app.sound.works and "no-such-driver" in app.sound.problem
        assert narration.playing  # silently, on the kiosk's clock: the visit is the same
        length = length_of("forest-natural-wealth.pl.ogg")
        assert app.tracker.idle_deadline() == pytest.approx(
            clock.monotonic() + length + shipped[0].idle_timeout_s
        )
        tap(app, "listen")
        tap(app, "listen")
        tap(app, "next")
        tap(app, "listen")
        assert app.scene.narration.playing
        said = [r for r in caplog.records if "no sound" in r.getMessage()]
        assert len(said) == 1  # said once, not at every tap
    finally:
        pygame.mixer.quit()


# -- drafting ------------------------------------------------------------------------------------


@pytest.mark.skipif(
    shutil.which("espeak-ng") is None or shutil.which("sox") is None, reason="espeak-ng or sox"
)
def test_kiosk_narrate_drafts_a_file_the_kiosk_plays_and_says_what_to_paste(project):
    media = project.parent / "media"
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "narrate", "--lang", "kk", "--page", "forest/co2-absorption",
         "--force", "--config", str(project)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    draft = media / "audio" / "forest-co2-absorption.kk.ogg"
    assert f"drafted: {draft}" in done.stdout
    assert 5 < narration_length(draft, 300) < 30
    assert "experimental" in done.stdout and "replace it by a recorded voice" in done.stdout
    assert (
        "    audio: {pl: audio/forest-co2-absorption.pl.ogg, en: audio/forest-co2-absorption.en.ogg, "
        in done.stdout
    )
    again = subprocess.run(
        [sys.executable, "-m", "kiosk", "narrate", "--lang", "pl", "--page", "forest/co2-absorption",
         "--config", str(project)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert "kept (there already; --force drafts it again)" in again.stdout


def test_a_narration_file_that_is_no_sound_is_refused_by_its_check(tmp_path):
    image = tmp_path / "picture.ogg"
    shutil.copyfile(ROOT / "media" / "images" / "forest-cover.png", image)
    with pytest.raises(MediaError):
        narration_length(image, 300)


def test_a_replayed_visitor_who_listens_and_leaves_it_is_one_session_ended_after_the_narration(
    project, tmp_path
):
    """From the command line, on virtual time: taps, then nobody touches the screen."""
    import json

    script = tmp_path / "listen.yaml"
    script.write_text(
        '- {at: 1, tap: attract}\n- {at: 2, tap: "lang:kk"}\n- {at: 3, tap: "zone:forest"}\n'
        "- {at: 4, tap: listen}\n"
    )

    def kiosk(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", *args, "--config", str(project)],
            capture_output=True, text=True, cwd=ROOT, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    kiosk("run", "--headless", "--replay", str(script), "--start", "2017-09-07T10:00")
    report = json.loads(kiosk("stats", "--json"))
    length = length_of("forest-natural-wealth.kk.ogg")
    assert report["sessions"] == 1 and report["end_reasons"] == {"timeout": 1}
    assert report["interactions"] == {"listen": 1}
    assert report["avg_session_s"] == pytest.approx(3.0 + length, abs=0.05)  # 1 s .. its end (to 0.1 s)
