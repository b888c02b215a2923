"""The systemd unit that boots a site's kiosk: cage on tty1 as an unprivileged user, the kiosk
inside it, restarted when it dies or its frame loop stops feeding the watchdog.

cage is the unit's main process and the kiosk its client, so the kiosk's notifications are
accepted from any process of the unit (`NotifyAccess=all`). A login session of its own
(PAMName=login: pam_systemd via Debian's common-session) gives the user /run/user/UID and
the seat (screen and touch) through logind, as a console login would; the unit takes tty1
from getty, as cage's own guide does.
"""

from __future__ import annotations

import sys
from pathlib import Path

WATCHDOG_S = 20  # a frame loop silent this long is hung: far above the slowest frame
START_LIMIT_INTERVAL_S = 600
START_LIMIT_BURST = 10  # more starts than this in START_LIMIT_INTERVAL_S: stop, for a technician


def kiosk_command() -> list[str]:
    """How this very kiosk is started, by absolute paths: its interpreter, then `-m kiosk`."""
    return [str(Path(sys.executable).absolute()), "-m", "kiosk"]


def unit_text(
    config_file: Path,
    user: str,
    kiosk: list[str] | None = None,
    cage: str = "/usr/bin/cage",
    tty: str = "tty1",
    watchdog_s: int = WATCHDOG_S,
) -> str:
    """The unit file for the site whose config is `config_file`, run as `user`."""
    config_file = Path(config_file).absolute()
    command = [cage, "-d", "--", *(kiosk or kiosk_command()), "run", "--config", str(config_file)]
    return f"""\
# The pavilion kiosk of {config_file.parent}, on {tty}: made by `kiosk service`.
# Install: this file as /etc/systemd/system/kiosk.service, then
#   systemctl daemon-reload && systemctl enable --now kiosk.service

[Unit]
Description=Pavilion kiosk ({_value(str(config_file.parent))})
# Logins allowed, and a boot splash on its way out, before the screen is taken.
After=systemd-user-sessions.service plymouth-quit-wait.service
# logind hands the seat (screen, touch) to the kiosk's session.
Wants=dbus.socket systemd-logind.service
After=dbus.socket systemd-logind.service
# The kiosk owns the console: no login prompt behind it.
Conflicts=getty@{tty}.service
After=getty@{tty}.service
ConditionPathExists=/dev/{tty}
StartLimitIntervalSec={START_LIMIT_INTERVAL_S}
StartLimitBurst={START_LIMIT_BURST}

[Service]
# READY=1 once the first frame is shown; WATCHDOG=1 from the frame loop. The kiosk is a
# child of cage, the main process: its messages count too.
Type=notify
NotifyAccess=all
WatchdogSec={watchdog_s}
Restart=always
RestartSec=2
TimeoutStopSec=20
User={_value(user)}
WorkingDirectory={_value(str(config_file.parent))}
Environment=SDL_VIDEODRIVER=wayland
ExecStart={" ".join(_word(w) for w in command)}
# A session on the console, as if {_value(user)} had logged in there.
PAMName=login
TTYPath=/dev/{tty}
TTYReset=yes
TTYVHangup=yes
TTYVTDisallocate=yes
StandardInput=tty-fail
StandardOutput=journal
StandardError=journal
UtmpIdentifier={tty}
UtmpMode=user

[Install]
WantedBy=graphical.target
"""


def _value(text: str) -> str:
    """A setting's value: systemd expands % specifiers in it."""
    if "\n" in text:
        raise ValueError(f"a unit setting cannot hold a line break: {text!r}")
    return text.replace("%", "%%")


def _word(word: str) -> str:
    """One word of ExecStart=: quoted when it holds spaces or quotes; $ and % kept literal."""
    word = _value(word).replace("$", "$$")
    if word and not any(c in word for c in " \t\"'\\;"):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
