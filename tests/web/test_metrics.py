"""/metrics as Prometheus reads it: parsed by prometheus_client, checked by promtool.

The dashboard app answers through httpx (Starlette's TestClient) over a real store; the live
figures come from a real KioskApp, and the frame histogram from a real FrameTimes.
"""

from __future__ import annotations

import time

import pytest
from starlette.testclient import TestClient

from kiosk.clock import VirtualClock
from kiosk.config import Config
from kiosk.frames import FRAME_BUCKETS_S, FrameTimes
from kiosk.staff import StaffSecrets
from kiosk.web import tokens
from kiosk.web.app import create_app
from tests.scrape import Scrape, promtool_problems
from tests.visiting_day import record_visiting_day


def scrape(config: Config, live=None, stores=None) -> Scrape:
    secret = tokens.add(StaffSecrets(config.staff_file), f"prometheus-{time.monotonic_ns()}", "metrics")
    app = create_app(config, stores=stores, live=live)
    response = TestClient(app).get("/metrics", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    return Scrape(response.text)


@pytest.fixture
def running(shipped, tmp_path):
    """A kiosk on the attract screen, recording into its own store, with some frames drawn."""
    from kiosk.ui.app import KioskApp

    config, exhibit = shipped
    site = config.model_copy(update={"store_path": str(tmp_path / "visitors.db")}).with_base(config.base_dir)
    app = KioskApp(site, exhibit, (1920, 1080), VirtualClock(time.time()))
    app.frame_times.extend([0.003, 0.004, 0.005, 0.012, 0.040])
    record_visiting_day(site)
    return site, app


def test_a_running_kiosk_says_how_it_is_and_who_it_is(running):
    site, app = running
    scraped = scrape(site, live=app.live)
    kiosk = site.kiosk_id
    assert scraped.value("kiosk_open", kiosk=kiosk) == 1
    assert scraped.value("kiosk_content_errors", kiosk=kiosk) == 0
    assert scraped.value("kiosk_screen_faults_total", kiosk=kiosk) == 0
    assert scraped.value("kiosk_frame_time_p50_seconds", kiosk=kiosk) == 0.005
    assert scraped.value("kiosk_frame_time_p99_seconds", kiosk=kiosk) == 0.040
    assert scraped.value("kiosk_sessions_total", kiosk=kiosk) == 4
    # Prometheus's own `up` says the dashboard answers; the process says since when.
    assert not {"kiosk_up", "kiosk_uptime_seconds"} & scraped.names()
    started = scraped.value("process_start_time_seconds", kiosk=kiosk)
    assert time.time() - time.monotonic() < started <= time.time()  # after boot, before now
    assert scrape(site, live=app.live).value("process_start_time_seconds", kiosk=kiosk) == started
    assert scraped.value("process_resident_memory_bytes", kiosk=kiosk) > 0
    assert all(sample.labels.get("kiosk") == kiosk for sample in scraped.samples)
    assert promtool_problems(scraped.text) == ""


def test_frame_time_is_a_histogram_of_every_frame(running):
    site, app = running
    frames = FrameTimes(recent=3)  # what KioskApp.live is to give as frame_time_histogram
    frames.extend([0.001, 0.002, 0.0167, 0.02, 0.3, 2.5])
    scraped = scrape(site, live=lambda: {**app.live(), "frame_time_histogram": frames.histogram()})
    kiosk = site.kiosk_id
    family = scraped.families["kiosk_frame_time_seconds"]
    assert family.type == "histogram"
    buckets = {s.labels["le"]: s.value for s in family.samples if s.name.endswith("_bucket")}
    assert list(buckets) == [*(str(bound) for bound in FRAME_BUCKETS_S), "+Inf"]
    # Each bucket counts the frames at most that long: 2 ms and 16.7 ms fall in their own.
    assert buckets["0.002"] == 2 and buckets["0.0167"] == 3 and buckets["0.5"] == 5 and buckets["+Inf"] == 6
    assert scraped.value("kiosk_frame_time_seconds_count", kiosk=kiosk) == 6
    assert scraped.value("kiosk_frame_time_seconds_sum", kiosk=kiosk) == pytest.approx(2.8397)
    assert len(frames) == 3  # the recent window is apart from the counts
    assert promtool_problems(scraped.text) == ""


@pytest.mark.parametrize(
    "histogram",
    [
        {"buckets": [[0.01, 5], [0.1, 3]], "sum": 1.0, "count": 5},  # counts that go down
        {"buckets": [[0.1, 1], [0.01, 2]], "sum": 1.0, "count": 2},  # bounds out of order
        {"buckets": [[0.01, 5]], "sum": 1.0, "count": 4},  # fewer in all than in a bucket
        {"buckets": [[0.01, float("nan")]], "sum": 1.0, "count": 4},
        {"buckets": "many", "sum": 1.0, "count": 4},
        {"sum": 1.0},
        "a histogram",
    ],
)
def test_figures_that_are_not_numbers_are_left_out(kiosk_config, histogram):
    live = {"open": "yes", "content_errors": None, "store_waiting": 3, "frame_time_histogram": histogram}
    scraped = scrape(kiosk_config, live=lambda: live)
    assert scraped.value("kiosk_store_waiting_records", kiosk="kiosk-1") == 3
    assert not {"kiosk_open", "kiosk_content_errors", "kiosk_frame_time_seconds_count"} & scraped.names()
    assert promtool_problems(scraped.text) == ""


def test_a_kiosk_whose_live_figures_fail_still_gives_its_visitors(kiosk_config):
    def broken():
        raise RuntimeError("the kiosk is busy")

    record_visiting_day(kiosk_config)
    scraped = scrape(kiosk_config, live=broken)
    assert scraped.value("kiosk_sessions_total", kiosk="kiosk-1") == 4
    assert "kiosk_open" not in scraped.names()


def test_other_kiosks_files_are_each_their_own_kiosk(tmp_path):
    """`kiosk serve --db a.db --db b.db`: each store's series carry the kiosk its sessions name."""
    from kiosk.visitors import store
    from tests.visiting_day import visit

    config = Config().with_base(tmp_path)
    StaffSecrets(config.staff_file).set("password", "forest-and-sun")
    stores = [tmp_path / "hall-a.db", tmp_path / "hall-b.db"]
    for path, kiosk, visitors in zip(stores, ("hall-a", "hall-b"), (2, 3)):
        conn = store.connect(path)
        store.write(
            conn,
            [e for n in range(visitors) for e in visit(f"{kiosk}-{n}", kiosk, 1.5e9 + n, 30, [], ["pl"])],
        )
        conn.close()
    scraped = scrape(config, stores=stores)
    assert scraped.value("kiosk_sessions_total", kiosk="hall-a") == 2
    assert scraped.value("kiosk_sessions_total", kiosk="hall-b") == 3
    assert {s.labels["kiosk"] for s in scraped.samples} == {"hall-a", "hall-b", config.kiosk_id}
    assert promtool_problems(scraped.text) == ""


def test_frame_times_stand_in_for_the_recent_deque():
    frames = FrameTimes(recent=4)
    frames.extend([0.5, 0.001, 0.0167])
    frames.append(0.0168)
    frames.append(3.0)
    assert sorted(frames) == [0.001, 0.0167, 0.0168, 3.0] and len(frames) == 4
    histogram = frames.histogram()
    counts = dict((bound, n) for bound, n in histogram["buckets"])
    assert counts[0.002] == 1 and counts[0.0167] == 2 and counts[0.0333] == 3 and counts[1.0] == 4
    assert histogram["count"] == 5 and histogram["sum"] == pytest.approx(3.5345)
    assert FrameTimes().histogram() == {
        "buckets": [[bound, 0] for bound in FRAME_BUCKETS_S],
        "sum": 0.0,
        "count": 0,
    }


@pytest.fixture
def kiosk_config(tmp_path):
    config = Config().with_base(tmp_path)
    StaffSecrets(config.staff_file).set("password", "forest-and-sun")
    return config
