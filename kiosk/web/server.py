"""Running the dashboard: on its own (`kiosk serve`) or beside the exhibit (`kiosk run`).

uvicorn is imported here, when a server is started, so the rest of the kiosk loads without it.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from kiosk.config import Config

STARTUP_WAIT_S = 10.0


def proxy_settings(config: Config) -> dict:
    """uvicorn's handling of X-Forwarded-For: believed only from the proxies config names.

    Left to itself uvicorn believes it from loopback, so anyone on the machine, or a guesser
    behind any local proxy, could name a new address with every guess and never be held up.
    """
    proxies = list(config.web.trusted_proxies)
    return {"proxy_headers": bool(proxies), "forwarded_allow_ips": proxies or []}


def serve(
    config: Config,
    host: str | None = None,
    port: int | None = None,
    live: Callable[[], dict] | None = None,
    stores: list | None = None,
) -> None:
    """Serve the dashboard in the foreground until Ctrl+C (host and port default to config.web;
    `stores` to this kiosk's, see `create_app`)."""
    import uvicorn

    from kiosk.web.app import create_app

    uvicorn.run(
        create_app(config, stores=stores, live=live),
        host=host or config.web.host,
        port=port or config.web.port,
        log_level="warning",
        **proxy_settings(config),
    )


class RunningDashboard:
    """The dashboard serving from a background thread; `stop()` ends it."""

    def __init__(self, server, thread: threading.Thread):
        self._server = server
        self._thread = thread

    @property
    def port(self) -> int:
        return self._server.config.port

    def stop(self, timeout: float = 5.0) -> None:
        self._server.should_exit = True
        self._thread.join(timeout)


def start_in_thread(
    config: Config,
    live: Callable[[], dict] | None = None,
    host: str | None = None,
    port: int | None = None,
) -> RunningDashboard:
    """Start the dashboard beside the kiosk, in a daemon thread: it never keeps the kiosk alive.

    Returns once it listens; raises OSError when it cannot (e.g. the port is taken), so the
    kiosk can say so and show the exhibit anyway.
    """
    import uvicorn

    from kiosk.web.app import create_app

    server_config = uvicorn.Config(
        create_app(config, live=live),
        host=host or config.web.host,
        port=port or config.web.port,
        log_level="warning",
        **proxy_settings(config),
    )
    server = uvicorn.Server(server_config)

    def run() -> None:
        # uvicorn leaves signals alone outside the main thread, so Ctrl+C and SIGTERM still
        # reach the kiosk, which then stops this server. It exits when it cannot listen: that
        # is reported below as OSError.
        with contextlib.suppress(SystemExit):
            server.run()

    thread = threading.Thread(target=run, name="staff-dashboard", daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_WAIT_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise OSError(
                f"the staff dashboard could not listen on {server_config.host}:{server_config.port}"
            )
        time.sleep(0.02)
    return RunningDashboard(server, thread)
