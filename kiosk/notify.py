"""systemd's notify protocol, spoken by the kiosk: ready, alive, stopping, and what it shows.

A service manager that starts the kiosk with `Type=notify` passes a datagram socket in
$NOTIFY_SOCKET (a path, or `@name` in the abstract namespace) and, with `WatchdogSec=`, the
interval in $WATCHDOG_USEC. Each message is one datagram of `KEY=value` lines. Without the
variable (a developer's desk, a test) every call does nothing.

A few lines over a socket rather than the `sdnotify` package: the protocol is one `sendto`,
and the watchdog's rules (whose watchdog it is, how often to feed it) are the kiosk's own.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)

# The frame loop sleeps at most this long when nothing moves and no watchdog asks for less.
IDLE_SLEEP_S = 1.0


class Notifier:
    """Messages to the service manager; feeds its watchdog no more often than needed."""

    def __init__(self, env: Mapping[str, str] | None = None):
        env = os.environ if env is None else env
        self.address = _address(env.get("NOTIFY_SOCKET", ""))
        self.watchdog_s = _watchdog_interval(env) if self.address else None
        self._socket: socket.socket | None = None
        self._fed: float | None = None  # monotonic time of the last WATCHDOG=1
        self._status = ""
        self.ready_sent = False
        self.stopping_sent = False
        self._failed = False

    @property
    def enabled(self) -> bool:
        return self.address is not None

    @property
    def max_sleep_s(self) -> float:
        """The longest the frame loop may sleep: half the watchdog interval, as systemd advises,
        so a loop that is merely idle is never taken for a hung one."""
        if self.watchdog_s is None:
            return IDLE_SLEEP_S
        return min(IDLE_SLEEP_S, self.watchdog_s / 2)

    def ready(self) -> None:
        if not self.ready_sent:
            self.ready_sent = self.send("READY=1")

    def stopping(self) -> None:
        if not self.stopping_sent:
            self.stopping_sent = self.send("STOPPING=1")

    def status(self, text: str) -> None:
        """STATUS= when it changed: `systemctl status` shows the latest."""
        if text != self._status and self.send(f"STATUS={text}"):
            self._status = text

    def watchdog(self, now: float) -> None:
        """Called from every pass of the frame loop; sends WATCHDOG=1 at most every quarter of
        the interval (twice within the half systemd asks for), so an idle kiosk stays quiet."""
        if self.watchdog_s is None:
            return
        due = self._fed is None or now - self._fed >= self.watchdog_s / 4
        if due and self.send("WATCHDOG=1"):
            self._fed = now

    def send(self, message: str) -> bool:
        if self.address is None:
            return False
        try:
            if self._socket is None:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._socket.sendto(message.encode(), self.address)
            return True
        except OSError as exc:
            # The manager went away or the socket is full: the kiosk goes on showing the exhibit.
            if not self._failed:  # said once, not with every watchdog feed
                log.warning("service manager not told %s: %s", message.split("=")[0], exc)
            self._failed = True
            return False

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _address(value: str) -> str | bytes | None:
    if value.startswith("@"):
        return b"\0" + value[1:].encode()  # the abstract namespace: no file behind it
    if value.startswith("/"):
        return value
    return None  # unset, or something that is not a unix socket (e.g. vsock): not for us


def _watchdog_interval(env: Mapping[str, str]) -> float | None:
    try:
        usec = int(env.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    # The watchdog is the main process's: ours, or cage's when the kiosk is its client
    # (the unit then says NotifyAccess=all). A watchdog of some other process is not ours to feed.
    pid = env.get("WATCHDOG_PID")
    if pid and pid not in (str(os.getpid()), str(os.getppid())):
        return None
    return usec / 1e6 if usec > 0 else None


def status_text(figures: Mapping[str, object]) -> str:
    """One line for `systemctl status`, from the kiosk's live figures: where it is, and today's
    visitors; whether the pavilion is open, once the figures say so."""
    parts = []
    if "open" in figures:
        parts.append("open" if figures["open"] else "closed")
    if "screen" in figures:
        parts.append(f"{figures['screen']} screen")
    if "visitors_today" in figures:
        parts.append(f"{figures['visitors_today']} visitors today")
    if figures.get("content_errors"):
        parts.append(f"{figures['content_errors']} content error(s)")
    return ", ".join(parts)
