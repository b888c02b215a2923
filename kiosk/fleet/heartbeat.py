"""Heartbeats: every 30 s a kiosk tells the central store how it is, from a thread of its own.

A heartbeat is one row per kiosk (`kiosk_heartbeats`), replaced each time: the kiosk's live
figures (what /metrics shows, `KioskApp.live`), visitors today, free disk, the forward backlog,
the content release it shows and any release it refused. The time it was seen is the central
server's, so a kiosk whose clock is wrong is still seen at the right time, and the dashboard
tells OFFLINE from the same clock.

Staff ask for a screenshot on the dashboard (`screenshot_requests`). The heartbeat that sees
the request asks the screen for a copy (`KioskApp.screen_copy`, taken on the frame thread);
the next heartbeat that finds it sends it as PNG. Nothing here ever runs on the frame thread,
and a central store out of reach only makes the kiosk look OFFLINE there.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import psycopg
from psycopg.types.json import Jsonb

import kiosk
from kiosk.fleet import central
from kiosk.fleet import url as fleet_url

log = logging.getLogger(__name__)

INTERVAL_S = 30.0
OFFLINE_AFTER_S = 120.0  # no heartbeat for this long: the dashboard says OFFLINE
CONNECT_TIMEOUT_S = 5
NOW = "extract(epoch from now())"


class Screen(Protocol):
    """The running kiosk's screen copy (`kiosk.ui.screencopy.ScreenCopy`)."""

    def ask(self) -> None: ...

    def take(self) -> bytes | None: ...


@dataclass
class Sources:
    """Where a heartbeat's figures come from; each may be missing (then it is left out)."""

    live: Callable[[], dict] = dict  # KioskApp.live: open, screen, maintenance, frame times, ...
    visitors_today: Callable[[], int] | None = None
    store_dir: Path | None = None  # free disk is measured here
    backlog: Callable[[], int | None] | None = None  # Forwarder.backlog
    releases: Callable[[], dict] | None = None  # ReleaseTaker.state: refusals
    screen: Callable[[], Screen | None] = field(default=lambda: None)


def release_of(content_source: str | None) -> str | None:
    """The release a kiosk shows, from the folder its zones were loaded from
    (SITE/releases/<id>/zones); None: the site's own content."""
    if not content_source:
        return None
    folder = Path(content_source).parent
    return folder.name if folder.parent.name == "releases" else None


def figures(kiosk_id: str, sources: Sources) -> dict:
    """The heartbeat's figures, read now; a source that fails is left out, never fatal."""
    out: dict = {"kiosk": kiosk_id, "version": kiosk.__version__}
    try:
        out.update(sources.live())
    except Exception:  # a kiosk between screens: the rest still goes
        log.debug("live figures not read for the heartbeat", exc_info=True)
    out["release"] = release_of(out.get("content_source"))
    reads = {
        "visitors_today": sources.visitors_today,
        "forward_backlog": sources.backlog,
        "free_disk_bytes": (lambda: shutil.disk_usage(sources.store_dir).free) if sources.store_dir else None,
    }
    for key, read in reads.items():
        if read is None:
            continue
        try:
            value = read()
        except Exception:
            log.debug("%s not read for the heartbeat", key, exc_info=True)
            continue
        if value is not None:
            out[key] = value
    if sources.releases is not None:
        out.update(sources.releases())
    return out


def send(
    conn: psycopg.Connection,
    kiosk_id: str,
    figures: dict,
    png: bytes | None = None,
    answered: float | None = None,
    at: float | None = None,
) -> float | None:
    """Store one heartbeat (and a screenshot taken for the request of `answered`); returns when
    staff asked for a screenshot still wanted (server time), else None. `at` (epoch seconds) is
    for tests of old heartbeats: normally the time is the central server's."""
    with conn.transaction():
        conn.execute(
            "INSERT INTO kiosk_heartbeats (kiosk_id, seen_at, figures)"
            f" VALUES (%s, COALESCE(%s, {NOW}), %s) ON CONFLICT (kiosk_id)"
            " DO UPDATE SET seen_at = excluded.seen_at, figures = excluded.figures",
            (kiosk_id, at, Jsonb(figures)),
        )
        if png is not None:
            conn.execute(
                f"INSERT INTO screenshots (kiosk_id, taken_at, png) VALUES (%s, {NOW}, %s)"
                " ON CONFLICT (kiosk_id) DO UPDATE SET taken_at = excluded.taken_at, png = excluded.png",
                (kiosk_id, png),
            )
            # The request this copy answers is done; one made since it was taken waits for the next.
            conn.execute(
                "DELETE FROM screenshot_requests WHERE kiosk_id = %s AND asked_at <= %s",
                (kiosk_id, answered if answered is not None else float("inf")),
            )
        row = conn.execute(
            "SELECT asked_at FROM screenshot_requests WHERE kiosk_id = %s", (kiosk_id,)
        ).fetchone()
    return row[0] if row else None


def ask_screenshot(conn: psycopg.Connection, kiosk_id: str) -> None:
    """Staff want to see the kiosk's screen: it sends it with its next heartbeats."""
    conn.execute(
        f"INSERT INTO screenshot_requests (kiosk_id, asked_at) VALUES (%s, {NOW})"
        " ON CONFLICT (kiosk_id) DO UPDATE SET asked_at = excluded.asked_at",
        (kiosk_id,),
    )


class Heartbeat:
    """The kiosk's heartbeat worker; `beat()` is one heartbeat, `start()` runs them every
    `interval_s` on a thread of its own."""

    def __init__(self, url: str, kiosk_id: str, sources: Sources, interval_s: float = INTERVAL_S):
        self.url, self.kiosk_id, self.sources, self.interval_s = url, kiosk_id, sources, interval_s
        self.where = fleet_url.mask(url)
        self.problem: str | None = None  # why the last heartbeat did not go, in one line (masked)
        self.sent = 0
        self._asked: float | None = None  # the request a screen copy was asked for, not yet sent
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def beat(self) -> bool:
        """Send one heartbeat now; False (and `problem` says why) when the store cannot take it."""
        screen = self.sources.screen()
        png = screen.take() if screen is not None and self._asked is not None else None
        try:
            with psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name=f"kiosk {self.kiosk_id} heartbeat"[:63],
                options="-c statement_timeout=30000",
            ) as conn:
                central.migrate(conn)
                asked = send(conn, self.kiosk_id, figures(self.kiosk_id, self.sources), png, self._asked)
        except psycopg.Error as exc:
            said = f"heartbeat not sent to {self.where}: {fleet_url.scrub(str(exc), self.url)}"
            if self.problem is None:
                log.error("fleet: %s; the dashboard will show this kiosk OFFLINE", said)
            self.problem = said
            return False
        if png is not None:
            self._asked = None
        if asked is not None and screen is not None and self._asked is None:
            screen.ask()  # taken at the next frame, sent with the next heartbeat
            self._asked = asked
        if self.problem is not None:
            log.warning("fleet: heartbeats reach %s again", self.where)
        self.problem = None
        self.sent += 1
        return True

    def start(self) -> Heartbeat:
        self._thread = threading.Thread(target=self._run, name="fleet-heartbeat", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.beat()
            except Exception:  # a fault nobody foresaw must not stop the heartbeats for good
                log.exception("fleet: heartbeat failed; tried again at the next")
            self._stop.wait(self.interval_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            with contextlib.suppress(RuntimeError):
                self._thread.join(CONNECT_TIMEOUT_S + 1)
