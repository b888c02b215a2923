"""`kiosk doctor`: is this machine ready to show the exhibit all day, unattended?

Each check is one small function returning a `Result` (ok, warn or fail, a name, one line);
none of them prints. The rule for the status: **fail** when visitors would see nothing or
wrong things, or records would be lost (no screen, content with errors, a store that cannot
be written or a disk about to fill, a clock before any visitor came, screen blanking that
will darken the exhibit, a dashboard with no password, a unit that would never bring a
hung kiosk back); **warn** when the kiosk runs but something is doubtful or could not be
seen from here (a clock not known to be synced, a curator's font that gives way to the
kiosk's own, a machine where no systemd is there to ask).

Nothing here touches what a running kiosk holds: the store is opened read-only, its lock is
never taken, and writing is tried with a probe file made and removed beside it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from kiosk.clock import PLAUSIBLE_FROM
from kiosk.config import Config, ConfigError, NoSite, config_file, load_config
from kiosk.visitors.recorder import LOW_DISK_BYTES

# The drivers the kiosk can show on: under cage (the unit sets wayland), under X, or alone on
# the console. SDL's "offscreen" and "dummy" draw nowhere.
DRIVERS = ("wayland", "x11", "kmsdrm")
HEADLESS = ("offscreen", "dummy")
PROBE_TIMEOUT_S = 10.0  # a driver that takes longer to open a screen is as good as hung

# Free disk in days at today's rate. A store's bytes per visitor are measured once it holds
# enough visits for its empty tables not to count; before that, this estimate: a replayed
# visit of three zones and four pages grew the store by 1.1 KB, rounded up for quizzes,
# galleries and hotspots.
VISITOR_BYTES_ESTIMATE = 2048
MEASURE_FROM_VISITS = 1000
# Early in the morning today's count says little: never reckon with fewer than a busy
# kiosk's day (a visitor every 40 s for 11 open hours).
BUSY_DAY_VISITORS = 1000
DISK_FAIL_DAYS = 7  # less than a week: staff must act now
DISK_WARN_DAYS = 30

UNITS_DIR = Path("/etc/systemd/system")  # where `kiosk service` says to install the unit
CONSOLE_BLANK = Path("/sys/module/kernel/parameters/consoleblank")

Status = Literal["ok", "warn", "fail"]


@dataclass(frozen=True)
class Result:
    status: Status
    name: str
    detail: str

    def line(self) -> str:
        return f"{self.status:<5} {self.name:<10} {self.detail}"


def run_checks(named: Path | None, env: Mapping[str, str] | None = None) -> list[Result]:
    """Every check, in the order a technician fixes things; the config's own first."""
    env = dict(os.environ if env is None else env)
    results = []
    config, path = None, None
    try:
        path = config_file(named)
        config = load_config(path)
        results.append(Result("ok", "config", str(config.base_dir / "config.yaml")))
    except ConfigError as exc:
        first = exc.problems[0]
        more = f" (+{len(exc.problems) - 1} more; kiosk validate lists them)" if exc.problems[1:] else ""
        results.append(Result("fail", "config", f"{first}{more}"))
    except NoSite as exc:
        results.append(Result("fail", "config", str(exc)))
    except Exception as exc:  # e.g. a time zone file damaged on disk: doctor still says the rest
        results.append(
            Result(
                "fail",
                "config",
                f"{path} cannot be loaded ({type(exc).__module__}.{type(exc).__name__}: {exc})",
            )
        )
    unit = find_unit(path) if path else None
    results.append(check_display(env))
    if config is not None:
        results.append(check_sound(config, env))
        report, content = check_content(config)
        results += [content, check_fonts(config, report)]
        results.append(check_store(config, as_user=unit.user if unit else None))
        results.append(check_timezone(config))
    results.append(check_clock())
    results.append(check_blanking(env))
    if config is not None:
        results.append(check_dashboard(config))
    results.append(check_service(unit))
    return results


# -- the screen ------------------------------------------------------------------------------


def _probe(question: list[str], env: Mapping[str, str]) -> dict:
    """Ask kiosk.probe in a child process; a hang or a crash is an answer too."""
    env = {**env, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}
    package_root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "kiosk.probe", *question],
            env=env,
            capture_output=True,
            text=True,
            timeout=PROBE_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"no answer in {PROBE_TIMEOUT_S:g} s (hung)"}
    if done.returncode < 0:
        return {"error": f"crashed (signal {-done.returncode})"}
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        said = (done.stderr.strip().splitlines() or ["no answer"])[-1]
        return {"error": said}


def check_display(env: Mapping[str, str]) -> Result:
    """A screen SDL can open, tried with each driver the kiosk would use (or the one named in
    $SDL_VIDEODRIVER, as a kiosk started from here would)."""
    named = env.get("SDL_VIDEODRIVER")
    drivers = [named] if named else list(DRIVERS)
    tried = []
    for driver in drivers:
        answer = _probe(["display"], {**env, "SDL_VIDEODRIVER": driver})
        if "error" in answer:
            tried.append(f"{driver}: {answer['error']}")
        elif answer["driver"] in HEADLESS:
            tried.append(f"{driver}: draws nowhere (SDL's {answer['driver']} driver)")
        else:
            sizes = ", ".join(f"{w}x{h}" for w, h in answer["sizes"]) or "no screen size"
            where = {"x11": env.get("DISPLAY"), "wayland": env.get("WAYLAND_DISPLAY")}.get(answer["driver"])
            return Result("ok", "display", f"{answer['driver']}{f' on {where}' if where else ''}: {sizes}")
    return Result("fail", "display", "no screen; " + "; ".join(tried))


def check_sound(config: Config, env: Mapping[str, str]) -> Result:
    """A sound output for narration; without one the kiosk goes on silently, so at most a warning."""
    if not config.sound.enabled:
        return Result("ok", "sound", "off (sound.enabled: false)")
    answer = _probe(["sound"], env)
    if "error" in answer:
        return Result("warn", "sound", f"no sound output ({answer['error']}): narration plays silently")
    if answer["driver"] in ("dummy", "disk"):
        return Result(
            "warn", "sound", f"plays nowhere (SDL's {answer['driver']} driver): narration is silent"
        )
    return Result("ok", "sound", f"{answer['driver']}, volume {config.sound.volume:g}")


# -- content and fonts -----------------------------------------------------------------------


def check_content(config: Config):
    """(the content report, its result): errors fail as `kiosk validate` fails on them."""
    from kiosk.content.loader import load_exhibit

    report = load_exhibit(config)
    errors, warnings = report.errors, report.warnings
    if errors:
        more = f" (+{len(errors) - 1} more)" if errors[1:] else ""
        left = "nothing to show" if report.exhibit is None else "shown without what has errors"
        return report, Result("fail", "content", f"{left}: {errors[0]}{more}; kiosk validate lists all")
    zones = len(report.exhibit.zones) if report.exhibit else 0
    if warnings:
        return report, Result("warn", "content", f"{zones} zones; {len(warnings)} warning(s): {warnings[0]}")
    return report, Result("ok", "content", f"{zones} zones in {config.zones_path}, no errors or warnings")


def check_fonts(config: Config, report) -> Result:
    """The fonts the kiosk draws with open, and draw every character of the content."""
    from kiosk.resources import font_file
    from kiosk.ui.lint import check_glyphs
    from kiosk.ui.text import BOLD, REGULAR, missing_glyphs

    files = [font_file(name, config.media_path) for name in (REGULAR, BOLD)]
    whose = "the site's" if all(f.is_relative_to(config.media_path) for f in files) else "the kiosk's"
    names = ", ".join(f.name for f in files)
    if report.exhibit is None:  # no texts to try them on: at least they must open
        try:
            for font in files:
                missing_glyphs(font, "A")
        except Exception as exc:  # pygame's own error type: a damaged file
            return Result("fail", "fonts", f"{font} cannot be read ({exc})")
        return Result("ok", "fonts", f"{names} ({whose}) open; no content to try them on")
    problems = check_glyphs(report, config)
    unreadable = [p for p in problems if p.field == "(file)"]
    lacking = [p for p in problems if p.field != "(file)"]
    if lacking:
        return Result("fail", "fonts", f"{len(lacking)} text(s) with characters the font lacks: {lacking[0]}")
    if unreadable:  # the kiosk draws with its own instead: visitors see text, staff should know
        return Result("warn", "fonts", f"{unreadable[0].file}: not a readable font; the kiosk's own is used")
    return Result("ok", "fonts", f"{names} ({whose}) draw every character of the content")


# -- the visitor store -----------------------------------------------------------------------


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit in ("bytes", "KB") or n >= 100 else f"{n:.1f} {unit}"
        n /= 1000
    return ""


# Run as the kiosk's user: only the shell is needed, not a Python that user may not reach.
_PROBE_SH = 'set -C; f="$1/.kiosk-doctor-$$.probe"; : > "$f" && rm -f "$f"'


def _writable(folder: Path, as_user: str | None) -> str | None:
    """Why the kiosk's user cannot make a file in `folder`, or None. Only a probe file is
    made and removed: the store and its lock stay the running kiosk's."""
    if as_user and os.geteuid() == 0 and as_user != "root":
        try:
            done = subprocess.run(
                ["/bin/sh", "-c", _PROBE_SH, "sh", str(folder)],
                user=as_user,
                capture_output=True,
                text=True,
                timeout=10,
            )
        except KeyError:
            return f"there is no user {as_user} on this machine"
        except (OSError, subprocess.SubprocessError) as exc:
            return f"cannot try as {as_user}: {exc}"
        if done.returncode == 0:
            return None
        said = done.stderr.strip().splitlines()
        return said[-1].rsplit(": ", 1)[-1] if said else f"exit {done.returncode}"
    try:
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".kiosk-doctor-", suffix=".probe")
    except OSError as exc:
        return exc.strerror or str(exc)
    os.close(fd)
    os.unlink(probe)
    return None


def _store_figures(path: Path, config: Config) -> tuple[int, int, int] | str:
    """(visitors today, visitors recorded, bytes on disk), or why the store cannot be read."""
    from kiosk.visitors import reports

    if not path.exists():
        return 0, 0, 0
    try:
        today = reports.sessions_today(path, config.tz)
        conn = reports.open_readonly(path)
        try:
            recorded = conn.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"not a readable visitor store ({exc})"
    wal = path.with_name(path.name + "-wal")
    return today, recorded, path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def check_store(config: Config, as_user: str | None = None) -> Result:
    """The store's folder can be written by the kiosk's user, and the disk holds many days.

    Days = free bytes / (bytes per visitor x visitors a day). Bytes per visitor: the store's
    size over its visits once it has `MEASURE_FROM_VISITS`, else the estimate; visitors a
    day: today's so far, but never fewer than a busy day's.
    """
    path = config.store_file
    folder = next(p for p in (path.parent, *path.parent.parents) if p.exists())
    # Root can write anywhere: what counts is the kiosk's user, when the unit names one.
    tried_as = as_user if as_user and os.geteuid() == 0 else ("root" if os.geteuid() == 0 else None)
    who = f" by {tried_as}" if tried_as else ""
    why = _writable(folder, as_user)
    if why is None and path.exists():
        try:
            open(path, "r+b").close()  # opened for writing, nothing written, no lock taken
        except OSError as exc:
            why = f"{path.name}: {exc.strerror or exc}"
    if why:
        return Result("fail", "store", f"{folder} cannot be written{who} ({why})")
    made = "" if folder == path.parent else f" ({path.parent.name}/ is made at first start)"
    figures = _store_figures(path, config)
    if isinstance(figures, str):
        return Result("warn", "store", f"{path}: {figures}; the kiosk moves it aside and starts afresh")
    today, recorded, size = figures
    free = shutil.disk_usage(folder).free
    measured = recorded >= MEASURE_FROM_VISITS
    per_visitor = size / recorded if measured else VISITOR_BYTES_ESTIMATE
    per_day = max(today, BUSY_DAY_VISITORS)
    days = max(0.0, free - LOW_DISK_BYTES) / (per_day * per_visitor)
    if today >= BUSY_DAY_VISITORS:
        rate = f"today's {today:,} visitors"
    else:
        rate = f"a busy day's {per_day:,} visitors (today {today:,} so far)"
    size_of = f"~{_size(per_visitor)} each, {'measured' if measured else 'estimated'}"
    detail = f"{path} writable{who}{made}; {_size(free)} free, ~{days:,.0f} days at {rate}, {size_of}"
    if free < LOW_DISK_BYTES or days < DISK_FAIL_DAYS:
        return Result("fail", "store", detail)
    return Result("warn" if days < DISK_WARN_DAYS else "ok", "store", detail)


# -- time ------------------------------------------------------------------------------------


def check_timezone(config: Config) -> Result:
    """The pavilion's zone reads from its file (not a cached copy), with the offset it gives."""
    try:
        zone = zoneinfo.ZoneInfo.no_cache(config.timezone)
    except Exception as exc:  # a damaged file fails in whatever way its parser trips on it
        return Result("fail", "timezone", f"{config.timezone}: cannot be read ({exc})")
    now = datetime.now(zone)
    source = next(
        (str(Path(p) / config.timezone) for p in zoneinfo.TZPATH if (Path(p) / config.timezone).is_file()),
        "the tzdata package",
    )
    offset = f"{now:%z}"
    shown = f"{now:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"
    return Result("ok", "timezone", f"{config.timezone}: {shown}, from {source}")


# Linux's clock states (adjtimex(2)); TIME_ERROR: the kernel's clock is not synchronised.
TIME_ERROR = 5
STA_UNSYNC = 0x0040


class _Timeval(ctypes.Structure):
    _fields_ = [("tv_sec", ctypes.c_long), ("tv_usec", ctypes.c_long)]


class _Timex(ctypes.Structure):
    """struct timex of <sys/timex.h>, as far as it is read here, padded to the kernel's size."""

    _fields_ = [
        ("modes", ctypes.c_uint),
        ("offset", ctypes.c_long),
        ("freq", ctypes.c_long),
        ("maxerror", ctypes.c_long),
        ("esterror", ctypes.c_long),
        ("status", ctypes.c_int),
        ("constant", ctypes.c_long),
        ("precision", ctypes.c_long),
        ("tolerance", ctypes.c_long),
        ("time", _Timeval),
        ("tick", ctypes.c_long),
        ("rest", ctypes.c_long * 20),
    ]


def kernel_sync() -> tuple[bool, str] | None:
    """(synced, how it was told) from the kernel's own view (adjtimex, reading only), or None
    where the call is not there. Set by whatever disciplines the clock: chrony, ntpd,
    systemd-timesyncd."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        adjtimex = libc.adjtimex
    except (OSError, AttributeError, TypeError):
        return None
    timex = _Timex()  # modes 0: ask, change nothing
    state = adjtimex(ctypes.byref(timex))
    if state < 0:
        return None
    if state == TIME_ERROR or timex.status & STA_UNSYNC:
        return False, "the kernel says unsynchronised (adjtimex: STA_UNSYNC)"
    return True, f"the kernel says synchronised, within {timex.maxerror / 1000:.0f} ms (adjtimex)"


def systemd_runs() -> bool:
    """systemd is the init system: what sd_booted(3) checks."""
    return Path("/run/systemd/system").is_dir()


def ntp_sync() -> tuple[bool, str] | None:
    """(synced, how it was told), from timedatectl where systemd runs, else the kernel."""
    if systemd_runs() and shutil.which("timedatectl"):
        done = subprocess.run(
            ["timedatectl", "show", "-p", "NTPSynchronized", "--value"],
            capture_output=True,
            text=True,
            timeout=10,
        )
        if done.returncode == 0 and done.stdout.strip() in ("yes", "no"):
            synced = done.stdout.strip() == "yes"
            return synced, f"timedatectl: NTPSynchronized={done.stdout.strip()}"
    return kernel_sync()


def check_clock(now: float | None = None) -> Result:
    """Plausible (after PLAUSIBLE_FROM: else visits are set apart, not counted) and synced
    (a clock that drifts files visits under the wrong hour; only a warning: nothing is lost)."""
    now = time.time() if now is None else now
    shown = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(now))
    if now < PLAUSIBLE_FROM:
        return Result("fail", "clock", f"reads {shown}, before any visitor came: set it, or let NTP")
    sync = ntp_sync()
    if sync is None:
        return Result("warn", "clock", f"{shown}; synced: unknown (neither timedatectl nor adjtimex answers)")
    synced, how = sync
    return Result(
        "ok" if synced else "warn", "clock", f"{shown}; {'synced' if synced else 'not synced'}: {how}"
    )


# -- the screen staying on -------------------------------------------------------------------


def check_blanking(env: Mapping[str, str], console: Path = CONSOLE_BLANK) -> Result:
    """Nothing turns the screen off: the console's blank timer, X's screen saver and DPMS.

    The kiosk keeps SDL's screen saver off while it runs, but a timer left on still darkens
    the screen whenever that does not hold (between restarts, a driver that ignores it), and
    visitors find a black screen: a failure. What could not be seen is said, as a warning.
    """
    on, off, unknown = [], [], []
    try:
        seconds = int(console.read_text().strip())
        (on if seconds else off).append(f"console blank {f'after {seconds} s' if seconds else 'off'}")
    except (OSError, ValueError) as exc:
        unknown.append(f"console blank not readable ({exc.strerror if isinstance(exc, OSError) else exc})")
    if env.get("DISPLAY"):
        answer = _probe(["x11-blanking"], env)
        if "error" in answer:
            unknown.append(f"X on {env['DISPLAY']}: {answer['error']}")
        else:
            saver = answer["screensaver_s"]
            (on if saver else off).append(f"X screen saver {f'after {saver} s' if saver else 'off'}")
            dpms = answer["dpms"]
            if dpms is None:
                off.append("no DPMS on this X server")
            elif dpms["enabled"] and any(dpms["timeouts_s"]):
                on.append(
                    "X DPMS on (standby/suspend/off {} s)".format("/".join(map(str, dpms["timeouts_s"])))
                )
            else:
                off.append("X DPMS off")
    else:
        unknown.append("X not checked (DISPLAY unset)")
    if env.get("WAYLAND_DISPLAY"):
        # cage blanks nothing by itself; an idle daemon beside it (swayidle) would, and
        # doctor cannot see one. SDL asks the compositor to inhibit idling while the kiosk runs.
        unknown.append("Wayland: not checked (cage blanks nothing by itself; an idle daemon could)")
    detail = "; ".join(on + off + unknown)
    if on:
        return Result("fail", "blanking", detail + " (docs/deploy.md: screen blanking off)")
    return Result(
        "ok" if off and not [u for u in unknown if "not readable" in u] else "warn", "blanking", detail
    )


# -- staff -----------------------------------------------------------------------------------


def check_dashboard(config: Config) -> Result:
    """Where `kiosk run` serves the dashboard, a password keeps the figures to staff."""
    from kiosk.staff import StaffSecrets

    if not config.web.enabled:
        return Result("ok", "dashboard", "off (web.enabled: false)")
    where = f"http://{config.web.host}:{config.web.port}/"
    if StaffSecrets(config.staff_file).has("password"):
        return Result("ok", "dashboard", f"{where}; password set in {config.staff_file}")
    fix = f"kiosk set-password --config {config.base_dir / 'config.yaml'}"
    return Result(
        "fail", "dashboard", f"web.enabled but no password: staff cannot sign in to {where} ({fix})"
    )


# -- the service -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """A unit file that starts this site's kiosk, and what it says."""

    path: Path
    settings: dict[str, str]

    @property
    def user(self) -> str | None:
        return self.settings.get("User")


def unit_settings(text: str) -> dict[str, str]:
    """The [Service] settings of a unit file, the last of each name winning (as in systemd)."""
    settings, section = {}, ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
        elif section == "Service" and "=" in line and not line.startswith(("#", ";")):
            key, value = line.split("=", 1)
            settings[key.strip()] = value.strip()
    return settings


def find_unit(config_path: Path, units: Path = UNITS_DIR) -> Unit | None:
    """The installed unit whose ExecStart runs the kiosk with this site's config."""
    wanted = {str(Path(config_path).absolute()), str(Path(config_path).resolve())}
    wanted |= {str(Path(p).parent) for p in wanted}  # a site's folder stands for its config
    try:
        candidates = sorted(units.glob("*.service"))
    except OSError:
        return None
    for path in candidates:
        try:
            settings = unit_settings(path.read_text())
        except (OSError, UnicodeDecodeError):
            continue
        words = settings.get("ExecStart", "").replace('"', " ").split()
        if "kiosk" in " ".join(words) and any(w in wanted for w in words):
            return Unit(path, settings)
    return None


def _systemctl_show(unit: Unit) -> dict[str, str]:
    done = subprocess.run(
        ["systemctl", "show", "-p", "WatchdogUSec,ActiveState,UnitFileState,NRestarts", unit.path.name],
        capture_output=True,
        text=True,
        timeout=10,
    )
    return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)


def check_service(unit: Unit | None, systemd: bool | None = None) -> Result:
    """A unit runs this site under systemd, as Type=notify with a watchdog.

    Without systemd there is no one to ask: a warning, since the kiosk may run under some
    other supervisor doctor cannot see, though nothing here restarts a hung one. With
    systemd, no unit, or one without a watchdog, fails: a crash or a hang would leave the
    screen dark until someone came.
    """
    systemd = systemd_runs() if systemd is None else systemd
    if unit is None:
        found = f"no unit in {UNITS_DIR} runs this site (kiosk service makes one)"
        if not systemd:
            init = Path("/proc/1/comm").read_text().strip() if Path("/proc/1/comm").exists() else "?"
            return Result("warn", "service", f"systemd is not running here (PID 1 is {init}); {found}")
        return Result("fail", "service", found)
    kind, watchdog = unit.settings.get("Type", "simple"), unit.settings.get("WatchdogSec", "")
    if kind != "notify" or watchdog in ("", "0", "infinity"):
        said = f"Type={kind}, WatchdogSec={watchdog or 'unset'}: a hung kiosk is never restarted"
        return Result("fail", "service", f"{unit.path}: {said}")
    restart = unit.settings.get("Restart", "no")
    detail = f"{unit.path}: Type=notify, WatchdogSec={watchdog}, Restart={restart}"
    if not systemd:
        return Result("warn", "service", f"{detail}; but systemd is not running here")
    live = _systemctl_show(unit)
    state = ", ".join(live.get(key, "?") for key in ("ActiveState", "UnitFileState"))
    state += f", {live.get('NRestarts', '?')} restart(s)"
    healthy = live.get("ActiveState") == "active" and live.get("UnitFileState") == "enabled"
    return Result("ok" if healthy else "warn", "service", f"{detail}; {state}")
