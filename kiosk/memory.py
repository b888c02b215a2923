"""The C allocator tuned for a process that runs for months drawing large pictures.

A screen's pictures are big buffers that live for one visit. glibc serves buffers over
its mmap threshold with their own mappings, returned to the system when freed; but after
the first such free it raises that threshold (up to 32 MB), so every later full-screen
buffer lands in the heap, whose freed pages it keeps. Measured in the soak benchmark: RSS
climbed by hundreds of MB over a few hundred visitors while live objects barely grew.
A fixed threshold and two arenas keep RSS at what is really in use. Elsewhere than glibc
this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # mallopt's parameter numbers (malloc.h)
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, now kept


@functools.cache
def _libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def tune_allocator() -> bool:
    """Fix the mmap threshold and cap the arenas; True when glibc took the settings."""
    libc = _libc()
    if libc is None:
        return False
    ok = libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 and libc.mallopt(M_ARENA_MAX, 2) == 1
    if not ok:
        log.warning("memory: the C allocator refused the settings; memory may creep")
    return ok


def give_back() -> None:
    """Return the heap's free pages to the system (between visitors, never mid-frame)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
