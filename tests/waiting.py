"""Waiting on real things a test starts (a server, a worker thread), never on time itself.

Code under test that keeps time reads an injected clock (kiosk.clock.VirtualClock); what is
left to wait for is another process or thread doing real work, polled here until it has.
"""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable


def wait_for(done: Callable[[], bool], seconds: float, what: str, every: float = 0.05) -> None:
    """Poll `done` until it is true; fail naming `what` after `seconds`."""
    give_up = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < give_up, f"waited {seconds:g} s in vain: {what}"
        time.sleep(every)


def listening(server: subprocess.Popen, port: int, seconds: float = 30) -> None:
    """Until the server takes connections on loopback `port` (it must not die meanwhile)."""

    def up() -> bool:
        assert server.poll() is None, server.stderr.read() if server.stderr else "the server ended"
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    wait_for(up, seconds, "kiosk serve did not listen", every=0.1)
