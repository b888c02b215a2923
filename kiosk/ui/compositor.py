"""Whether the Wayland compositor the kiosk shows in (cage) is still there.

When the compositor dies, SDL's Wayland driver sends one quit event and then draws into
nothing. The kiosk ignores quit events (visitors cannot close it), so it asks here whether
that one came from a compositor that is gone; if so it ends, and the service starts both again.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from pathlib import Path


def wayland_socket(env: Mapping[str, str] | None = None) -> Path | None:
    """The compositor's socket, as libwayland finds it; None when not on Wayland."""
    env = os.environ if env is None else env
    name = env.get("WAYLAND_DISPLAY", "wayland-0")
    if name.startswith("/"):
        return Path(name)
    runtime = env.get("XDG_RUNTIME_DIR")
    return Path(runtime) / name if runtime else None


def compositor_gone(env: Mapping[str, str] | None = None) -> bool:
    """True when the compositor's socket no longer takes connections (a stale file, or none)."""
    path = wayland_socket(env)
    if path is None:
        return False  # nothing to ask: keep running
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1.0)
        try:
            probe.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError):
            return True
        except OSError:
            return False  # busy or slow is not gone
    return False
