"""What `kiosk doctor` asks in a child process, one question per run, answered in one JSON line.

A video driver can hang or crash the process that opens it (a wedged X server, a DRM device
held by another program), and X can hang whoever connects to it: asked here, such a fault
ends only the child. Run as `python -m kiosk.probe QUESTION [ARG]`:
- `display`: the screen SDL opens with $SDL_VIDEODRIVER (the driver, the screen sizes);
- `x11-blanking`: the X server's screen saver and DPMS settings, on $DISPLAY;
- `sound`: the sound output SDL's mixer opens with $SDL_AUDIODRIVER (the driver).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import sys


def display() -> dict:
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    import pygame

    try:
        pygame.display.init()
    except pygame.error as exc:
        return {"error": str(exc)}
    return {"driver": pygame.display.get_driver(), "sizes": pygame.display.get_desktop_sizes()}


def sound() -> dict:
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    import pygame

    try:
        pygame.mixer.init()
    except pygame.error as exc:
        return {"error": str(exc)}
    return {"driver": pygame.mixer.get_driver()}


def x11_blanking() -> dict:
    x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XGetScreenSaver.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_int)] * 4
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    shown = x11.XOpenDisplay(None)
    if not shown:
        return {"error": f"cannot open X display {os.environ.get('DISPLAY', '')!r}"}
    try:
        timeout, interval, blanking, exposures = (ctypes.c_int() for _ in range(4))
        x11.XGetScreenSaver(shown, *(ctypes.byref(v) for v in (timeout, interval, blanking, exposures)))
        answer = {"screensaver_s": timeout.value, "dpms": _dpms(shown)}
    finally:
        x11.XCloseDisplay(shown)
    return answer


def _dpms(shown: int) -> dict | None:
    """DPMS as `xset q` shows it: enabled or not, and its standby/suspend/off timeouts."""
    name = ctypes.util.find_library("Xext") or "libXext.so.6"
    try:
        xext = ctypes.CDLL(name)
    except OSError:
        return None
    xext.DPMSQueryExtension.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_int)] * 2
    xext.DPMSCapable.argtypes = [ctypes.c_void_p]
    xext.DPMSInfo.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_ushort),
        ctypes.POINTER(ctypes.c_ubyte),
    ]
    xext.DPMSGetTimeouts.argtypes = [ctypes.c_void_p] + [ctypes.POINTER(ctypes.c_ushort)] * 3
    event, error = ctypes.c_int(), ctypes.c_int()
    if not xext.DPMSQueryExtension(shown, ctypes.byref(event), ctypes.byref(error)):
        return None  # the server has no DPMS: it cannot turn the screen off
    if not xext.DPMSCapable(shown):
        return None
    level, state = ctypes.c_ushort(), ctypes.c_ubyte()
    xext.DPMSInfo(shown, ctypes.byref(level), ctypes.byref(state))
    standby, suspend, off = (ctypes.c_ushort() for _ in range(3))
    xext.DPMSGetTimeouts(shown, *(ctypes.byref(v) for v in (standby, suspend, off)))
    return {"enabled": bool(state.value), "timeouts_s": [standby.value, suspend.value, off.value]}


QUESTIONS = {"display": display, "x11-blanking": x11_blanking, "sound": sound}

if __name__ == "__main__":
    print(json.dumps(QUESTIONS[sys.argv[1]](*sys.argv[2:])))
