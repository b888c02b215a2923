"""The staff dashboard: visitor figures in a browser, /metrics for monitoring, door pulses in.

A small Starlette app (`app.create_app`), behind the staff password and scoped tokens
(auth.py), reading the same `reports.summary` as `kiosk stats`. `serve` runs it on its own;
`start_in_thread` runs it beside the exhibit when `web.enabled` is set.
"""

from kiosk.web.server import RunningDashboard, serve, start_in_thread

__all__ = ["RunningDashboard", "serve", "start_in_thread"]
