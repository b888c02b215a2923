"""Run a benchmark's measuring half once per SDL video driver, each in a child process.

`dummy` draws nowhere (a flip costs nothing); `x11` gets an Xvfb of its own, big enough for
4K, so that a flip copies the picture to an X server as on a real screen. The child prints
its rows as one JSON line; the X server's pid is passed on so it can read the server's CPU.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path


def server_cpu(pid: int | None) -> float:
    """CPU seconds the X server has used so far (Linux /proc); 0 without one of our own."""
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def own_xvfb(size: str = "3840x2160") -> Iterator[tuple[str, int]]:
    """(DISPLAY, pid) of an Xvfb started here and stopped afterwards."""
    number = 90
    while Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
        number += 1
    xvfb = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if xvfb.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("Xvfb did not start")
            time.sleep(0.05)
        yield f":{number}", xvfb.pid
    finally:
        xvfb.terminate()
        xvfb.wait()


def rows_per_driver(script: str, drivers: list[str], args: list[str], display: str | None) -> list[dict]:
    """The child's rows for each driver: `script --child ARGS [--server PID]` under it."""
    rows: list[dict] = []
    for driver in drivers:
        env = dict(os.environ, SDL_VIDEODRIVER=driver, SDL_AUDIODRIVER="dummy")
        with contextlib.ExitStack() as stack:
            server = None
            if driver == "x11" and display is None:
                if not shutil.which("Xvfb"):
                    print("x11: Xvfb is not installed; skipped", file=sys.stderr)
                    continue
                env["DISPLAY"], server = stack.enter_context(own_xvfb())
            elif display:
                env["DISPLAY"] = display
            command = [sys.executable, script, "--child", *args]
            command += ["--server", str(server)] if server else []
            out = subprocess.run(command, env=env, capture_output=True, text=True)
            if out.returncode:
                raise SystemExit(f"{driver}: the measuring process failed\n{out.stderr}")
            rows += json.loads(out.stdout.strip().splitlines()[-1])
    return rows


def open_screen(config, size: tuple[int, int]):
    """The kiosk's own window (`kiosk run --windowed`), or under `dummy` a window drawn nowhere."""
    import pygame

    from kiosk.ui.window import NoDisplayError, open_window

    try:
        return open_window(config, windowed=True, size=size)[0]
    except NoDisplayError:
        return pygame.display.set_mode(size)
