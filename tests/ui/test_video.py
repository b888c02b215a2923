"""Films on the kiosk, with the sample film itself: decoded, checked, captioned, timed.

Everything runs on virtual time: the film's frame at a moment is exactly the frame of that
moment, and the idle reset comes when it would, with no sleeping.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
from pathlib import Path

import av
import pygame
import pytest

from kiosk.clock import VirtualClock
from kiosk.config import load_config
from kiosk.content.captions import CaptionError, cue_at, parse_captions, read_captions
from kiosk.content.film import probe
from kiosk.content.loader import load_exhibit
from kiosk.content.media import MediaError
from kiosk.ui.app import KioskApp
from kiosk.ui.input import Pointer
from kiosk.visit.intents import OpenZone, TurnPage
from kiosk.visitors.sessions import SessionEnded
from tests.waiting import wait_for

ROOT = Path(__file__).resolve().parents[2]
FILM = ROOT / "media" / "video" / "national-day-timeline.mp4"
ZONE, FILM_PAGE = "national-day", 5
START = 1_504_771_200.0  # 2017-09-07 08:00 UTC


pytestmark = pytest.mark.usefixtures("display")


@pytest.fixture(scope="module")
def shipped():
    config = load_config(ROOT / "config.yaml")
    report = load_exhibit(config)
    assert report.exhibit is not None and not report.errors, report.problems
    return config, report.exhibit


def make_app(shipped, size=(1920, 1080)):
    config, exhibit = shipped
    events: list = []
    clock = VirtualClock(START)
    return KioskApp(config, exhibit, size, clock, events.append), clock, events


def tap(app, widget_id):
    x, y = app.widget_centre(widget_id)
    app.pointer(Pointer("down", x, y))
    app.pointer(Pointer("up", x, y))


def run(app, clock, seconds, step=0.1):
    """The kiosk's loop on virtual time: update every `step` seconds."""
    left = seconds
    while left > 1e-9:
        clock.advance(min(step, left))
        left -= step
        app.update()


def on_film_page(shipped, language="pl", size=(1920, 1080)):
    app, clock, events = make_app(shipped, size)
    tap(app, "attract")
    tap(app, f"lang:{language}")
    app.apply(OpenZone(ZONE))
    for _ in range(FILM_PAGE):
        run(app, clock, 1.0)
        app.apply(TurnPage(+1))
    run(app, clock, 1.0)  # the slide is over
    assert app.scene.name == "zone" and app.scene.page_index == FILM_PAGE
    return app, clock, events


def no_film_decodes() -> bool:
    """No film thread is running. Apps of earlier tests are freed first: an app is a cycle (its
    look reads it), so what it played waits for the collector, as a kiosk's one app never does."""
    gc.collect()
    return not [t for t in threading.enumerate() if t.name.startswith("film ") and t.is_alive()]


def reference_frame(t: float, size: tuple[int, int]) -> bytes:
    """The film's frame due at `t` seconds, decoded here on its own, as the kiosk shows it."""
    shown = None
    with av.open(str(FILM)) as container:
        for frame in container.decode(video=0):
            if frame.time > t + 1e-9:
                break
            shown = frame
    return bytes(shown.reformat(width=size[0], height=size[1], format="bgr0").planes[0])


# -- the film and its captions, as `kiosk validate` reads them -----------------------------------


def test_the_sample_film_is_what_the_kiosk_plays_and_small():
    facts = probe(FILM, max_s=180)
    assert (facts.codec, facts.width, facts.height, facts.fps) == ("h264", 1280, 720, 30.0)
    assert facts.duration == pytest.approx(20.0)
    assert FILM.stat().st_size < 2_000_000


def test_a_film_cut_short_a_film_too_long_and_a_file_that_is_no_film(tmp_path):
    data = FILM.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) // 2])
    with pytest.raises(
        MediaError, match=r"the film stops at 0:\d\d\.\d of its 0:20\.0: the file is cut short"
    ):
        probe(cut, max_s=180)
    with pytest.raises(MediaError, match=r"film is 0:20\.0 long; video_max_s allows 0:10\.0"):
        probe(FILM, max_s=10)
    headless = tmp_path / "headless.mp4"
    headless.write_bytes(data[:2000])  # the index only, no pictures
    with pytest.raises(MediaError):
        probe(headless, max_s=180)
    text = tmp_path / "notes.mp4"
    text.write_text("not a film\n")
    with pytest.raises(MediaError, match="not a film, or damaged"):
        probe(text, max_s=180)


def test_the_sample_captions_are_whole_in_four_languages_and_end_within_the_film():
    for code in ("pl", "en", "kk", "ru"):
        cues = read_captions(FILM.with_name(f"national-day-timeline.{code}.vtt"))
        assert len(cues) == 6 and cues[-1].end <= 20.0
        assert cue_at(cues, 9.5) is cues[2] and cue_at(cues, 4.0) is None  # between two captions
    assert "2017 жылғы 6 қыркүйек" in read_captions(FILM.with_name("national-day-timeline.kk.vtt"))[2].text


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("1\n00:00:01.000 --> 00:00:02.000\nHello\n", 1, "a WebVTT file begins with the line WEBVTT"),
        (
            "WEBVTT\n\n1\n00:00:01,000 --> 00:00:02,000\nSrt\n",
            4,
            "cue timing '00:00:01,000 --> 00:00:02,000'",
        ),
        ("WEBVTT\n\n00:03.000 --> 00:02.000\nBack\n", 3, "the cue ends before it starts"),
        ("WEBVTT\n\n00:05.000 --> 00:06.000\nB\n\n00:01.000 --> 00:02.000\nA\n", 6, "in the order"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n\n", 3, "the cue has no text"),
        ("WEBVTT\n\nJust words\nand more\n", 3, "is neither a cue nor a note"),
    ],
)
def test_a_caption_file_that_does_not_parse_names_its_line(text, line, message):
    with pytest.raises(CaptionError) as caught:
        parse_captions(text)
    assert caught.value.line == line and message in caught.value.message


def test_captions_read_as_captioning_tools_write_them():
    cues = parse_captions(
        "\ufeffWEBVTT - made by hand\r\nKind: captions\r\n\r\nNOTE a note\r\nover two lines\r\n\r\n"
        "STYLE\r\n::cue { color: yellow }\r\n\r\nintro\r\n00:00.500 --> 00:02.000 align:start\r\n"
        "<v Guide>Hello &amp; <i>welcome</i></v>\r\nsecond line\r\n\r\n"
        "01:00:00.000 --> 01:00:01.500\r\nAn hour on\r\n"
    )
    assert [(c.start, c.end, c.text, c.line) for c in cues] == [
        (0.5, 2.0, "Hello & welcome\nsecond line", 11),
        (3600.0, 3601.5, "An hour on", 15),
    ]


def run_validate(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "validate", "--config", str(project)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_validate_names_a_damaged_film_and_a_broken_caption_file_by_file_and_line(project):
    site = project.parent
    film = site / "media" / "video" / "national-day-timeline.mp4"
    film.write_bytes(film.read_bytes()[: film.stat().st_size // 3])  # a copy cut off
    (site / "media" / "video" / "national-day-timeline.kk.vtt").write_text(
        "WEBVTT\n\n00:00.300 --> 00:03.900\nБірінші\n\n00:04,300 --> 00:07,900\nЕкінші\n", encoding="utf-8"
    )
    zone = (site / "zones" / "national-day.yaml").read_text().splitlines()
    src_line = next(i for i, line in enumerate(zone, 1) if "src: video/national-day-timeline.mp4" in line)
    kk_line = next(i for i, line in enumerate(zone, 1) if "kk: video/national-day-timeline.kk.vtt" in line)
    result = run_validate(project)
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out, out
    assert (
        f"zones/national-day.yaml:{src_line}: pages.{FILM_PAGE}.blocks.1.src: the film stops at 0:06.0 "
        "of its 0:20.0: the file is cut short (copy or export it again)"
    ) in out
    # the broken caption file is checked only once the film plays: a whole film here
    (site / "media" / "video" / "national-day-timeline.mp4").write_bytes(FILM.read_bytes())
    out = run_validate(project).stdout
    assert (
        f"media/video/national-day-timeline.kk.vtt:6: pages.{FILM_PAGE}.blocks.1.captions.kk: cue timing "
        "'00:04,300 --> 00:07,900' is not as WebVTT writes it (write 00:01.000 --> 00:04.000 (a full stop "
        f"before the milliseconds); named at zones/national-day.yaml:{kk_line})"
    ) in out


def test_validate_refuses_captions_past_the_film_a_missing_language_and_a_film_id_twice(project):
    site = project.parent
    (site / "media" / "video" / "national-day-timeline.en.vtt").write_text(
        "WEBVTT\n\n00:19.000 --> 00:25.000\nToo long\n", encoding="utf-8"
    )
    path = site / "zones" / "national-day.yaml"
    text = path.read_text()
    path.write_text(text.replace("          ru: video/national-day-timeline.ru.vtt\n", ""))
    out = run_validate(project).stdout
    assert (
        f"media/video/national-day-timeline.en.vtt:3: pages.{FILM_PAGE}.blocks.1.captions.en: the caption "
        "runs to 0:25.0, past the film's end at 0:20.0"
    ) in out
    assert f"pages.{FILM_PAGE}.blocks.1.captions.ru: Field required (add the ru captions)" in out
    film_page = text[text.index("  - id: dates-film") :]
    path.write_text(text + film_page.replace("id: dates-film", "id: dates-film-again"))
    out = run_validate(project).stdout
    assert f"pages.{FILM_PAGE + 1}.blocks.1.id: film id 'pavilion-dates' is used twice" in out


# -- playing -----------------------------------------------------------------------------------


def test_a_tap_plays_the_film_on_the_kiosks_clock_frame_by_frame(shipped):
    app, clock, _ = on_film_page(shipped)
    film = app.scene.feature
    assert not film.playing and film.projector.reel is None and not app.busy
    tap(app, "video:play")
    assert film.playing and app.busy and app.next_wakeup() == 0.0
    run(app, clock, 9.5)
    size = film.frame.get_size()
    assert film.frame.get_buffer().raw == reference_frame(9.5, size)
    assert film._cue().text.startswith("6 września 2017 r.")
    screen = pygame.Surface(app.size)
    app.draw(screen, force=True)
    fb = film.film_box
    assert screen.subsurface(fb.x, fb.y, fb.w, fb.h).get_at((fb.w // 2, fb.h // 2)) != (0, 0, 0)

    tap(app, "video:play")  # pause: the picture stays
    run(app, clock, 3.0)
    assert not film.playing and not app.busy
    assert film.frame.get_buffer().raw == reference_frame(9.5, size)
    tap(app, "video:play")
    run(app, clock, 1.0)
    assert film.frame.get_buffer().raw == reference_frame(10.5, size)


def test_a_visitor_who_watches_the_film_to_its_end_is_reset_after_it_not_during_it(shipped):
    app, clock, events = on_film_page(shipped)
    config = shipped[0]
    tap(app, "video:play")
    played_at = clock.monotonic()
    assert app.tracker.idle_deadline() == pytest.approx(played_at + 20.0 + config.idle_timeout_s)
    run(app, clock, 20.0 + config.idle_timeout_s - config.idle_warning_s - 0.5)
    assert app.scene.name == "zone" and app.warning_left() is None  # no "still there?" yet
    assert not app.scene.feature.playing  # the film is over: its poster again
    run(app, clock, config.idle_warning_s + 1.0)
    assert app.scene.name == "attract"
    (ended,) = [e for e in events if isinstance(e, SessionEnded)]
    assert ended.reason == "timeout"
    assert ended.at == pytest.approx(START + (played_at - 1000.0) + 20.0, abs=1e-6)  # the film's end


def test_a_paused_film_lets_the_idle_reset_count_from_the_pause(shipped):
    app, clock, _ = on_film_page(shipped)
    tap(app, "video:play")
    run(app, clock, 5.0)
    tap(app, "video:play")
    assert app.tracker.idle_deadline() == pytest.approx(clock.monotonic() + shipped[0].idle_timeout_s)


def test_the_film_stops_when_the_visitor_leaves_its_page_and_a_page_built_ahead_never_decodes(shipped):
    wait_for(no_film_decodes, 10, "the films of earlier tests stop")
    app, clock, _ = on_film_page(shipped)
    assert no_film_decodes()  # built, shown, not played: nothing decodes
    tap(app, "video:play")
    run(app, clock, 2.0)
    reel = app.scene.feature.projector.reel
    assert reel.alive
    tap(app, "prev")
    assert app.tracker.idle_deadline() == pytest.approx(clock.monotonic() + shipped[0].idle_timeout_s)
    assert reel.join(timeout=10) and no_film_decodes()
    run(app, clock, 3.0)  # the film page, likely again, is built ahead: still nothing decodes
    assert no_film_decodes()


def test_captions_follow_the_visitors_language_while_the_film_plays(shipped):
    app, clock, _ = on_film_page(shipped, "kk")
    film = app.scene.feature
    assert film._cue().text.startswith("2016 жылы")  # the poster shows the first caption
    tap(app, "video:play")
    run(app, clock, 4.5)
    tap(app, "lang:ru")
    run(app, clock, 5.0)
    assert app.scene.feature is film and film.playing
    assert film._cue().text.startswith("6 сентября 2017 года")


def test_validate_names_a_caption_too_long_for_the_screen_and_a_letter_the_font_lacks(project):
    site = project.parent
    long = " ".join(["Польша-Қазақстан экономикалық форумы"] * 12)
    (site / "media" / "video" / "national-day-timeline.kk.vtt").write_text(
        f"WEBVTT\n\n00:00.300 --> 00:03.900\n{long}\n\n00:04.000 --> 00:05.000\nKlingon \uf8e5\n",
        encoding="utf-8",
    )
    out = run_validate(project).stdout
    assert (
        f"media/video/national-day-timeline.kk.vtt:4: pages.{FILM_PAGE}.blocks.1.captions.kk: caption does "
        "not fit on the national-day page 6 screen at 1920x1080, even in smaller type (split it into two captions)"
    ) in out
    assert (
        f"media/video/national-day-timeline.kk.vtt:7: pages.{FILM_PAGE}.blocks.1.captions.kk: the kiosk's font "
        "cannot draw '\uf8e5' (U+F8E5)"
    ) in out


def looping(exhibit):
    """The exhibit with the sample film set to `loop: true`."""
    zone = exhibit.zone(ZONE)
    page = zone.pages[FILM_PAGE]
    blocks = [page.blocks[0], page.blocks[1].model_copy(update={"loop": True})]
    pages = [*zone.pages[:FILM_PAGE], page.model_copy(update={"blocks": blocks})]
    zones = tuple(z.model_copy(update={"pages": pages}) if z.id == ZONE else z for z in exhibit.zones)
    return exhibit.model_copy(update={"zones": zones})


def test_a_looping_film_plays_on_from_its_start_and_holds_the_reset_for_one_pass(shipped):
    config, exhibit = shipped
    app, clock, _ = on_film_page((config, looping(exhibit)))
    film = app.scene.feature
    tap(app, "video:play")
    assert app.tracker.idle_deadline() == pytest.approx(clock.monotonic() + 20.0 + config.idle_timeout_s)
    run(app, clock, 25.0)
    assert film.playing and film._film_time() == pytest.approx(5.0, abs=1e-6)
    assert film.frame.get_buffer().raw == reference_frame(5.0, film.frame.get_size())


def test_a_replayed_visitor_who_plays_the_film_and_leaves_it_is_one_complete_play_and_one_session(
    project, tmp_path
):
    """Issue 14's measure: play on a 20 s film, then nobody touches the screen."""
    import json

    script = tmp_path / "film.yaml"
    nexts = "".join(f"- {{at: {4 + i}, tap: next}}\n" for i in range(FILM_PAGE))
    script.write_text(
        '- {at: 1, tap: attract}\n- {at: 2, tap: "lang:kk"}\n- {at: 3, tap: "zone:national-day"}\n'
        + nexts
        + '- {at: 10, tap: "video:play"}\n'
    )
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy"}

    def kiosk(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", *args, "--config", str(project)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    kiosk("run", "--headless", "--replay", str(script), "--start", "2017-09-07T10:00")
    report = json.loads(kiosk("stats", "--json"))
    assert report["videos"] == {
        "national-day/pavilion-dates": {
            "plays": 1,
            "watched_s": 20.0,
            "completed": 1,
            "holding_power": 1.0,
            "languages": {"kk": 1},
        }
    }
    assert report["sessions"] == 1 and report["end_reasons"] == {"timeout": 1}
    assert report["avg_session_s"] == pytest.approx(29.0)  # 1 s .. the film's end at 30 s
    text = kiosk("stats")
    assert "  national-day/pavilion-dates          1     20 s          1     100%" in text


def test_film_plays_add_up_to_plays_watched_seconds_completion_holding_power_and_languages():
    from datetime import date
    from zoneinfo import ZoneInfo

    from kiosk.visitors import reports, store
    from kiosk.visitors.sessions import FilmWatched, SessionStarted
    from kiosk.web import metrics, pages

    conn = store.connect(":memory:")
    film = ("national-day", "pavilion-dates")
    store.write(
        conn,
        [
            SessionStarted("a", "kiosk-1", START),
            FilmWatched("a", 3, *film, "kk", 20.0, 20.0, True, START + 10),
            FilmWatched("a", 5, *film, "kk", 20.0, 20.0, True, START + 40),
            SessionStarted("b", "kiosk-1", START + 100),
            FilmWatched("b", 2, *film, "en", 5.0, 20.0, False, START + 110),
            FilmWatched("b", 2, *film, "en", 5.0, 20.0, False, START + 110),  # written twice: once
        ],
    )
    report = reports.summary(conn, ZoneInfo("Asia/Almaty"))
    (figures,) = report.videos.values()
    assert report.to_json()["videos"] == {
        "national-day/pavilion-dates": {
            "plays": 3,
            "watched_s": 45.0,
            "completed": 2,
            "holding_power": 0.75,  # 15 s of 20 watched on average
            "languages": {"kk": 2, "en": 1},
        }
    }
    assert figures.holding_power == 0.75
    text = metrics.exposition([metrics.Reading("kiosk-1", report)], date(2017, 9, 7)).decode()
    assert 'kiosk_film_plays_total{film="national-day/pavilion-dates",kiosk="kiosk-1"} 3.0' in text
    assert 'kiosk_film_holding_power_ratio{film="national-day/pavilion-dates",kiosk="kiosk-1"} 0.75' in text
    from kiosk.l10n import words

    day = date(2017, 9, 7)
    view = pages.View("kiosk-1", "Asia/Almaty", day, day, day, report, report, day, day, words=words("kk"))
    view.zone_titles["national-day"] = "Польшаның Ұлттық күні"
    card = pages._films(view)
    assert "Фильмдер" in card and "Польшаның Ұлттық күні/<wbr>pavilion-dates" in card and "75" in card
    assert 'data-figure="video:national-day/pavilion-dates:plays"' in card


def test_while_a_film_plays_only_its_box_is_drawn_and_the_screen_is_the_same_as_drawn_whole(shipped):
    app, clock, _ = on_film_page(shipped)
    tap(app, "video:play")
    screen, whole = pygame.Surface(app.size), pygame.Surface(app.size)
    app.draw(screen, force=True)
    drawn = []
    for _ in range(24):  # passes of the window loop, at 60 a second
        clock.advance(1 / 60)
        app.update()
        drawn.append(app.draw(screen))
    box = app.scene.feature.box
    frames = [d for d in drawn if d]
    assert len(frames) >= 11 and all(d == [pygame.Rect(box.x, box.y, box.w, box.h)] for d in frames)
    while not app.draw(screen):  # up to a frame just drawn: the progress bar is the frame's
        clock.advance(1 / 60)
        app.update()
    app.scene.draw(whole)
    assert pygame.image.tobytes(screen, "RGB") == pygame.image.tobytes(whole, "RGB")


def test_a_poster_of_its_own_shows_until_the_film_plays(shipped):
    config, exhibit = shipped
    zone = exhibit.zone(ZONE)
    page = zone.pages[FILM_PAGE]
    film = page.blocks[1].model_copy(update={"poster": "images/national-day-pavilion.png"})
    pages = [*zone.pages[:FILM_PAGE], page.model_copy(update={"blocks": [page.blocks[0], film]})]
    zones = tuple(z.model_copy(update={"pages": pages}) if z.id == ZONE else z for z in exhibit.zones)
    app, clock, _ = on_film_page((config, exhibit.model_copy(update={"zones": zones})))
    view = app.scene.feature
    fb = view.film_box
    poster = app.look.picture("images/national-day-pavilion.png", (fb.w, fb.h), "cover")
    screen = pygame.Surface(app.size)
    app.draw(screen, force=True)
    x, y = fb.w // 6, fb.h // 2  # away from the play button and the rounded corners
    assert screen.get_at((fb.x + x, fb.y + y)) == poster.get_at((x, y))
    tap(app, "video:play")
    run(app, clock, 1.0)
    app.draw(screen, force=True)
    assert view.frame.get_buffer().raw == reference_frame(1.0, view.frame.get_size())
