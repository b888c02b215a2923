"""/metrics: the kiosk's figures in the Prometheus text format (version 0.0.4), for monitoring.

Visitor figures come from the all-time `reports.summary`, like everything staff see. The
running kiosk may add its own state through `live()` (`KioskApp.live` in kiosk/ui/app.py), a
dict with any of these keys, times in seconds:

    {"open": True, "uptime_seconds": 3600.0, "frame_time_p50": 0.004, "frame_time_p99": 0.012,
     "content_errors": 0}
"""

from __future__ import annotations

from datetime import date

from kiosk.visitors.report import Report

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# (key of live(), type, metric, help): the store's and the screen's troubles, for alerts.
LIVE_COUNTS = [
    ("store_errors", "counter", "kiosk_store_errors_total", "Failed attempts to write visitor records."),
    (
        "store_waiting",
        "gauge",
        "kiosk_store_waiting_records",
        "Visitor records not yet written to the store.",
    ),
    (
        "store_quarantined",
        "counter",
        "kiosk_store_quarantined_total",
        "Visitor records the store refused, set aside with their error.",
    ),
    (
        "screen_faults",
        "counter",
        "kiosk_screen_faults_total",
        "Parts of screens that failed and were left out.",
    ),
    # Said by a kiosk's heartbeat (kiosk/fleet/heartbeat.py), on the central dashboard's /metrics.
    ("maintenance", "gauge", "kiosk_maintenance", "1 while staff work on the kiosk (nothing is counted)."),
    ("forward_backlog", "gauge", "kiosk_forward_backlog_records", "Visitor records not yet forwarded."),
    ("free_disk_bytes", "gauge", "kiosk_free_disk_bytes", "Free disk beside the kiosk's visitor store."),
    ("heartbeat_age_seconds", "gauge", "kiosk_heartbeat_age_seconds", "Seconds since the last heartbeat."),
]
FRAME_TIME_QUANTILES = [("0.5", "frame_time_p50"), ("0.99", "frame_time_p99")]  # (label, key of live())

Sample = tuple[dict[str, str], float]
Family = tuple[str, str, str, list[Sample]]  # (name, type, help, samples)


def _label_value(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _help_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _number(value: float) -> str:
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def _family(name: str, kind: str, help_text: str, samples: list[Sample]) -> list[Family]:
    return [(name, kind, help_text, samples)]


def _render(families: list[Family]) -> str:
    lines: list[str] = []
    for name, kind, help_text, samples in families:
        lines += _lines(name, kind, help_text, samples)
    return "\n".join(lines) + "\n"


def _lines(name: str, kind: str, help_text: str, samples: list[Sample]) -> list[str]:
    lines = [f"# HELP {name} {_help_text(help_text)}", f"# TYPE {name} {kind}"]
    for labels, value in samples:
        label_text = ",".join(f'{key}="{_label_value(str(val))}"' for key, val in labels.items())
        lines.append(f"{name}{{{label_text}}} {_number(value)}" if labels else f"{name} {_number(value)}")
    return lines


def exposition(report: Report, today: date, kiosk_id: str, live: dict | None) -> str:
    """The text a Prometheus server scrapes. `today`: the pavilion's date."""
    return _render(_families(report, today, kiosk_id, live))


def fleet_exposition(kiosks: list[tuple[str, Report, dict | None, bool]], today: date) -> str:
    """The central store's /metrics: every kiosk's series, each with its `kiosk` label.

    `kiosks`: (kiosk id, its all-time report, its last heartbeat's figures, heard from in the
    last two minutes). A family's samples of every kiosk are written together, as the format asks."""
    merged: dict[str, Family] = {}
    for kiosk_id, report, live, up in kiosks:
        families = _families(report, today, kiosk_id, live)
        families[0] = (
            "kiosk_up",
            "gauge",
            "1 while the kiosk's heartbeats arrive (one in the last 2 minutes).",
            [({}, int(up))],
        )
        for name, kind, help_text, samples in families:
            labelled = [({"kiosk": kiosk_id, **labels}, value) for labels, value in samples]
            merged.setdefault(name, (name, kind, help_text, []))[3].extend(labelled)
    return _render(list(merged.values()))


def _families(report: Report, today: date, kiosk_id: str, live: dict | None) -> list[Family]:
    # A kiosk with no visitor yet still exports its series, at 0, so alerts and graphs see it.
    kiosks = report.kiosks or {kiosk_id: 0}
    zones = report.zones
    lines = _family("kiosk_up", "gauge", "1 while the kiosk's staff dashboard answers.", [({}, 1)])
    lines += _family(
        "kiosk_sessions_total",
        "counter",
        "Visitor sessions recorded, per kiosk.",
        [({"kiosk": kiosk}, count) for kiosk, count in kiosks.items()],
    )
    lines += _family(
        "kiosk_entries_total", "counter", "People counted through the door.", [({}, report.entries)]
    )
    lines += _family(
        "kiosk_zone_views_total",
        "counter",
        "Times visitors opened each zone.",
        [({"zone": zone_id}, zone.views) for zone_id, zone in zones.items()],
    )
    lines += _family(
        "kiosk_zone_dwell_seconds_total",
        "counter",
        "Seconds visitors spent in each zone.",
        [({"zone": zone_id}, float(zone.dwell_s)) for zone_id, zone in zones.items()],
    )
    lines += _family(
        "kiosk_sessions_today",
        "gauge",
        "Visitor sessions so far today, in the pavilion's time zone.",
        [({}, report.day(today).sessions)],
    )
    lines += _live_families(live or {})
    return lines


def _live_families(live: dict) -> list[Family]:
    lines: list[Family] = []
    if "uptime_seconds" in live:
        lines += _family(
            "kiosk_uptime_seconds",
            "gauge",
            "Seconds since the kiosk started.",
            [({}, float(live["uptime_seconds"]))],
        )
    quantiles = [(q, live[key]) for q, key in FRAME_TIME_QUANTILES if key in live]
    if quantiles:
        lines += _family(
            "kiosk_frame_time_seconds",
            "summary",
            "Time to draw a frame on the kiosk's screen, over the recent frames.",
            [({"quantile": quantile}, float(seconds)) for quantile, seconds in quantiles],
        )
    if "open" in live:
        lines += _family(
            "kiosk_open",
            "gauge",
            "1 while the kiosk is open to visitors (opening hours, or staff's word), 0 while closed.",
            [({}, int(bool(live["open"])))],
        )
    if "content_errors" in live:
        lines += _family(
            "kiosk_content_errors",
            "gauge",
            "Errors in the content at the last reload (visitors keep the last good content).",
            [({}, int(live["content_errors"]))],
        )
    for key, kind, name, help_text in LIVE_COUNTS:
        if key in live:
            lines += _family(name, kind, help_text, [({}, int(live[key]))])
    return lines
