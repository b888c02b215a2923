"""systemd's notify protocol: the real window loop under Xvfb tells a real socket it is ready,
alive and stopping; the notifier alone, against real sockets."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kiosk.notify import Notifier, status_text


def _listen(path: str | bytes) -> socket.socket:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    sock.settimeout(5)
    return sock


def test_messages_reach_a_socket_on_a_path(tmp_path: Path):
    sock = _listen(str(tmp_path / "notify"))
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "notify")})
    notifier.ready()
    notifier.ready()  # once is enough
    notifier.status("attract screen")
    notifier.status("attract screen")  # unchanged: not sent again
    notifier.stopping()
    assert [sock.recv(4096) for _ in range(3)] == [b"READY=1", b"STATUS=attract screen", b"STOPPING=1"]
    sock.settimeout(0.1)
    with pytest.raises(TimeoutError):
        sock.recv(4096)


def test_abstract_namespace(tmp_path: Path):
    name = f"kiosk-test-{os.getpid()}-{time.monotonic_ns()}"
    sock = _listen(b"\0" + name.encode())
    Notifier({"NOTIFY_SOCKET": "@" + name}).ready()
    assert sock.recv(4096) == b"READY=1"


def test_no_socket_no_messages_and_the_loop_sleeps_its_second():
    notifier = Notifier({})
    assert not notifier.enabled
    assert not notifier.send("READY=1")
    notifier.watchdog(0.0)
    assert notifier.max_sleep_s == 1.0


def test_watchdog_fed_often_enough_and_no_more(tmp_path: Path):
    sock = _listen(str(tmp_path / "notify"))
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": "2000000"})
    assert notifier.max_sleep_s == 1.0  # half the interval
    # A frame loop running at 60 fps for 2 s of its clock: four feeds, not 120.
    for frame in range(120):
        notifier.watchdog(frame / 60)
    sock.settimeout(0.1)
    feeds = []
    with pytest.raises(TimeoutError):
        while True:
            feeds.append(sock.recv(4096))
    assert feeds == [b"WATCHDOG=1"] * 4
    short = Notifier({"NOTIFY_SOCKET": str(tmp_path / "notify"), "WATCHDOG_USEC": "600000"})
    assert short.max_sleep_s == pytest.approx(0.3)


def test_a_watchdog_of_another_process_is_not_ours(tmp_path: Path):
    env = {"NOTIFY_SOCKET": str(tmp_path / "n"), "WATCHDOG_USEC": "2000000"}
    assert Notifier({**env, "WATCHDOG_PID": "1"}).watchdog_s is None
    assert Notifier({**env, "WATCHDOG_PID": str(os.getpid())}).watchdog_s == 2.0
    assert Notifier({**env, "WATCHDOG_PID": str(os.getppid())}).watchdog_s == 2.0  # cage's


def test_a_manager_gone_does_not_stop_the_kiosk(tmp_path: Path):
    notifier = Notifier({"NOTIFY_SOCKET": str(tmp_path / "nobody-listens")})
    assert not notifier.send("READY=1")
    notifier.ready()
    assert not notifier.ready_sent


def test_status_line():
    assert status_text({"screen": "attract", "visitors_today": 12}) == "attract screen, 12 visitors today"
    assert status_text({"open": False, "screen": "closed", "content_errors": 2}) == (
        "closed, closed screen, 2 content error(s)"
    )


# -- the real window loop, under Xvfb ---------------------------------------------------------

WATCHDOG_S = 3.0  # the loop feeds every second; a loaded CI machine may delay a pass by one


@pytest.fixture
def xvfb():
    """A display of our own: Xvfb picks a free number and tells it on a pipe."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (Debian: apt-get install xvfb)")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
        pass_fds=[write],
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    server.terminate()
    server.wait(10)


def _collect(sock: socket.socket, until: float) -> list[tuple[float, str]]:
    got = []
    while (left := until - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            got.append((time.monotonic(), sock.recv(4096).decode()))
        except TimeoutError:
            break
    return got


def test_window_loop_speaks_to_systemd(project: Path, xvfb: str, tmp_path: Path):
    sock = _listen(str(tmp_path / "notify"))
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "SDL_VIDEODRIVER": "x11",
        "NOTIFY_SOCKET": str(tmp_path / "notify"),
        "WATCHDOG_USEC": str(int(WATCHDOG_S * 1e6)),
    }
    env.pop("WATCHDOG_PID", None)
    started = time.monotonic()
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "run", "--windowed", "--size", "1280x720"]
        + ["--config", str(project), "--store", str(tmp_path / "visitors.db")],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        messages: list[tuple[float, str]] = []
        deadline = started + 30
        while not any(m == "READY=1" for _, m in messages) and time.monotonic() < deadline:
            messages += _collect(sock, min(deadline, time.monotonic() + 0.5))
            assert kiosk.poll() is None, kiosk.stdout.read().decode()
        ready_at = next(t for t, m in messages if m == "READY=1")
        print(f"time from start to READY=1: {ready_at - started:.2f} s")
        # Idle on the attract screen: the watchdog keeps being fed, within its interval.
        idle = _collect(sock, ready_at + 3 * WATCHDOG_S)
        feeds = [t for t, m in messages + idle if m == "WATCHDOG=1" and t >= ready_at]
        gaps = [b - a for a, b in zip([ready_at] + feeds, feeds + [time.monotonic()])]
        assert len(feeds) >= 4 and max(gaps) < WATCHDOG_S, gaps
        assert len(feeds) <= 3 * WATCHDOG_S / (WATCHDOG_S / 4) + 2  # rate-limited, not per frame
        statuses = [m for _, m in messages + idle if m.startswith("STATUS=")]
        assert statuses and "attract screen, 0 visitors today" in statuses[0], statuses
        kiosk.send_signal(signal.SIGTERM)
        assert kiosk.wait(20) == 0, kiosk.stdout.read().decode()
        assert "STOPPING=1" in [m for _, m in _collect(sock, time.monotonic() + 1)]
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
