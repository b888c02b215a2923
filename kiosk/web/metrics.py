"""/metrics: the kiosk's figures for Prometheus, written by prometheus_client.

At each scrape `KioskCollector` turns readings, each a kiosk's all-time report (the typed
`Report` of `reports.summary`, like everything staff see) and its live figures, into metric
families; prometheus_client writes the text format. On a kiosk's own /metrics its
`ProcessCollector` adds the process's memory, CPU, open files and `process_start_time_seconds`
(a restart shows as a new start time). Every kiosk series carries the `kiosk` label, on a
kiosk's own /metrics as on the central store's, so one query reads both.

Live figures come from the running kiosk (`KioskApp.live`) or, centrally, from its last
heartbeat. Any of them may be missing, or not a number: that series is then left out. Times
are in seconds:

    {"open": True, "content_errors": 0, "frame_time_p50": 0.004, "frame_time_p99": 0.012,
     "frame_time_histogram": {"buckets": [[0.002, 10], ..., [1.0, 250]], "sum": 1.2, "count": 251}}

`frame_time_histogram` is what kiosk/frames.py's `FrameTimes.histogram()` gives.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from prometheus_client import generate_latest
from prometheus_client.metrics_core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.process_collector import ProcessCollector
from prometheus_client.registry import Collector, CollectorRegistry
from prometheus_client.utils import floatToGoString

from kiosk.visitors.report import Report

# generate_latest writes the text format 0.0.4 (names are all plain ASCII), which every
# Prometheus reads; newer prometheus_client calls its default content type version 1.0.0.
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

COUNTER, GAUGE = CounterMetricFamily, GaugeMetricFamily
# (key of the live figures, kind, metric, help): the kiosk's state and troubles, for alerts.
LIVE = [
    ("open", GAUGE, "kiosk_open", "1 while the kiosk is open to visitors (opening hours, or staff's word)."),
    (
        "content_errors",
        GAUGE,
        "kiosk_content_errors",
        "Errors in the content at the last reload (visitors keep the last good content).",
    ),
    ("store_errors", COUNTER, "kiosk_store_errors_total", "Failed attempts to write visitor records."),
    ("store_waiting", GAUGE, "kiosk_store_waiting_records", "Visitor records not yet written to the store."),
    (
        "store_quarantined",
        COUNTER,
        "kiosk_store_quarantined_total",
        "Visitor records the store refused, set aside with their error.",
    ),
    (
        "screen_faults",
        COUNTER,
        "kiosk_screen_faults_total",
        "Parts of screens that failed and were left out.",
    ),
    (
        "frame_time_p50",
        GAUGE,
        "kiosk_frame_time_p50_seconds",
        "Median time to draw a frame, over the kiosk's last 600 frames.",
    ),
    (
        "frame_time_p99",
        GAUGE,
        "kiosk_frame_time_p99_seconds",
        "99th percentile of the time to draw a frame, over the kiosk's last 600 frames.",
    ),
    # Said by a kiosk's heartbeat (kiosk/fleet/heartbeat.py), on the central dashboard's /metrics.
    ("maintenance", GAUGE, "kiosk_maintenance", "1 while staff work on the kiosk (nothing is counted)."),
    ("forward_backlog", GAUGE, "kiosk_forward_backlog_records", "Visitor records not yet forwarded."),
    ("free_disk_bytes", GAUGE, "kiosk_free_disk_bytes", "Free disk beside the kiosk's visitor store."),
    ("heartbeat_age_seconds", GAUGE, "kiosk_heartbeat_age_seconds", "Seconds since the last heartbeat."),
]


@dataclass(frozen=True)
class Reading:
    """One kiosk at a scrape: its all-time report and what it says of itself."""

    kiosk: str
    report: Report
    live: dict | None = None
    heard: bool | None = None  # central store: a heartbeat in the last two minutes
    started_at: float | None = None  # central store: when the kiosk's process started, by its heartbeat


class KioskCollector(Collector):
    """The visitor figures and live state of one or more kiosks, one family per metric."""

    def __init__(self, readings: list[Reading], today: date):
        self.readings = readings
        self.today = today

    def collect(self) -> Iterator[Metric]:
        families: dict[str, Metric] = {}

        def family(kind, name: str, help_text: str, *labels: str) -> Metric:
            if name not in families:
                families[name] = kind(name, help_text, labels=["kiosk", *labels])
            return families[name]

        for reading in self.readings:
            self._visitors(reading, family)
            self._live(reading, family)
        yield from families.values()

    def _visitors(self, reading: Reading, family) -> None:
        kiosk, report = reading.kiosk, reading.report
        # A kiosk with no visitor yet still exports its series, at 0, so alerts and graphs see it.
        family(COUNTER, "kiosk_sessions_total", "Visitor sessions recorded.").add_metric(
            [kiosk], report.sessions
        )
        family(COUNTER, "kiosk_entries_total", "People counted through the door.").add_metric(
            [kiosk], report.entries
        )
        family(
            GAUGE, "kiosk_sessions_today", "Visitor sessions so far today, in the pavilion's time zone."
        ).add_metric([kiosk], report.day(self.today).sessions)
        for zone_id, zone in report.zones.items():
            family(COUNTER, "kiosk_zone_views_total", "Times visitors opened each zone.", "zone").add_metric(
                [kiosk, zone_id], zone.views
            )
            family(
                COUNTER, "kiosk_zone_dwell_seconds_total", "Seconds visitors spent in each zone.", "zone"
            ).add_metric([kiosk, zone_id], zone.dwell_s)
        for film_id, film in report.videos.items():
            labels = [kiosk, film_id]
            family(COUNTER, "kiosk_film_plays_total", "Plays of each film (zone/id).", "film").add_metric(
                labels, film.plays
            )
            family(
                COUNTER, "kiosk_film_completed_total", "Plays of each film that reached its end.", "film"
            ).add_metric(labels, film.completed)
            family(
                COUNTER, "kiosk_film_watched_seconds_total", "Seconds each film was watched.", "film"
            ).add_metric(labels, film.watched_s)
            family(
                GAUGE,
                "kiosk_film_holding_power_ratio",
                "Mean time a film was watched over its length (museums' holding power).",
                "film",
            ).add_metric(labels, film.holding_power)

    def _live(self, reading: Reading, family) -> None:
        kiosk, live = reading.kiosk, reading.live or {}
        if reading.heard is not None:
            family(
                GAUGE, "kiosk_up", "1 while the kiosk's heartbeats arrive (one in the last 2 minutes)."
            ).add_metric([kiosk], int(reading.heard))
        if reading.started_at is not None:
            family(
                GAUGE,
                "process_start_time_seconds",
                "Start time of the kiosk's process since unix epoch in seconds, by its heartbeat.",
            ).add_metric([kiosk], reading.started_at)
        for key, kind, name, help_text in LIVE:
            value = _number(live.get(key))
            if value is not None:
                family(kind, name, help_text).add_metric([kiosk], value)
        histogram = _histogram(live.get("frame_time_histogram"))
        if histogram is not None:
            buckets, total = histogram
            family(
                HistogramMetricFamily,
                "kiosk_frame_time_seconds",
                "Time to draw a frame on the kiosk's screen, every frame since the kiosk started.",
            ).add_metric([kiosk], buckets, total)


class _OwnProcess(Collector):
    """prometheus_client's process metrics, with the kiosk's label like every other series."""

    def __init__(self, kiosk: str):
        self.kiosk = kiosk
        self.process = ProcessCollector(registry=None)

    def collect(self) -> Iterator[Metric]:
        for metric in self.process.collect():
            labelled = Metric(metric.name, metric.documentation, metric.type, metric.unit)
            labelled.samples = [s._replace(labels={**s.labels, "kiosk": self.kiosk}) for s in metric.samples]
            yield labelled


def exposition(readings: list[Reading], today: date, process_of: str | None = None) -> bytes:
    """The text a Prometheus server scrapes. `today`: the pavilion's date. `process_of`: the
    kiosk whose process answers, to add its process metrics (not on the central store)."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(KioskCollector(readings, today))
    if process_of is not None:
        registry.register(_OwnProcess(process_of))
    return generate_latest(registry)


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, int | float) and math.isfinite(value):
        return float(value)
    return None


def _histogram(figure: object) -> tuple[list[tuple[str, float]], float] | None:
    """(buckets with +Inf last, sum) from a `frame_time_histogram` figure, or None when it is
    missing or not a histogram (a kiosk of another version, a damaged heartbeat)."""
    try:
        bounds = [float(bound) for bound, _ in figure["buckets"]]
        counts = [float(n) for _, n in figure["buckets"]]
        count, total = float(figure["count"]), float(figure["sum"])
    except (KeyError, TypeError, ValueError):
        return None
    rising = all(a < b for a, b in zip(bounds, bounds[1:]))
    added_up = all(a <= b for a, b in zip([*counts, count], [*counts, count][1:]))  # cumulative
    finite = all(math.isfinite(n) and n >= 0 for n in [*bounds, *counts, count, total])
    if not rising or not added_up or not finite:
        return None
    return [(floatToGoString(b), n) for b, n in zip(bounds, counts)] + [("+Inf", count)], total
