"""What the running kiosk says about itself: to /metrics, the service manager and staff."""

from __future__ import annotations

from kiosk.l10n import ENGLISH, Words
from kiosk.staff import StaffSecrets


def live(app) -> dict:  # a KioskApp (which imports this module, not back)
    """Figures of the running kiosk, read on the frame thread's state."""
    times = sorted(app.frame_times)
    figures = {
        "open": app.hours.open,
        "screen": app.scene.name,
        "uptime_seconds": app.clock.wall() - app.started_wall,
        "content_errors": len(app.content.problems),
        "screen_faults": app.faults.total,
        "maintenance": app.maintenance,
        "content_source": str(app.content.source),
        "content_waiting": app.content.pending is not None,
    }
    if app.store_health is not None:
        health = app.store_health()
        figures["store_errors"] = health.errors
        figures["store_waiting"] = health.waiting
        figures["store_quarantined"] = health.quarantined
    figures["frame_time_histogram"] = app.frame_times.histogram()
    if times:
        figures["frame_time_p50"] = times[len(times) // 2]
        figures["frame_time_p99"] = times[min(len(times) - 1, round(len(times) * 0.99))]
    return figures


def store_lines(app, words: Words | None = None) -> list[str]:
    """The visitor store's state (and the staff secrets' file), for the staff screen."""
    _ = words or ENGLISH
    lines = [_("visitor store: not recording")] if app.store_health is None else app.store_health().lines(_)
    secrets = StaffSecrets.shared(app.config.staff_file, app.clock)
    if secrets.problem:
        lines.append(_("{problem}: PIN lock-outs are kept in memory only").format(problem=secrets.problem))
    return lines
