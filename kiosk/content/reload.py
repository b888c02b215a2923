"""Hot reload: notice edited content files and load them off the frame loop.

The running kiosk asks `poll(now)` every frame; about once a second it compares the files'
sizes and modification times with what it loaded. On a change it loads the content again on
a worker thread and hands the finished report back; the app decides when to show it. A load
that fails in a way nobody foresaw still hands back a report, with the failure as its error,
so the kiosk keeps its content and staff see why (a thread that died silently showed nothing).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from kiosk.config import Config
from kiosk.content.loader import ContentReport, load_exhibit
from kiosk.yamldoc import Problem

log = logging.getLogger(__name__)

CHECK_EVERY_S = 1.0

Fingerprint = tuple[tuple[str, int, int], ...]


def fingerprint(folders: list[Path]) -> Fingerprint:
    """(path, size, mtime) of every file under the folders: any save changes it."""
    entries = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            try:
                stat = path.stat()
            except OSError:
                continue  # removed while we looked, or a broken link: the load will say
            if path.is_file():
                entries.append((str(path), stat.st_size, stat.st_mtime_ns))
    return tuple(entries)


class ContentReloader:
    def __init__(self, config: Config, now: float):
        self.config = config
        self.loaded = fingerprint(self.folders)
        self.last_check = now
        self._worker: threading.Thread | None = None
        self._result: ContentReport | None = None

    @property
    def folders(self) -> list[Path]:
        # Asked each time, resolved: a new release (a switched symlink) is a change too.
        return [self.config.zones_path.resolve(), self.config.media_path.resolve()]

    def poll(self, now: float) -> ContentReport | None:
        """A freshly loaded report when one is ready, else None. Cheap to call every frame."""
        if self._worker is not None:
            if self._worker.is_alive():
                return None
            self._worker = None
            result, self._result = self._result, None
            return result
        if now - self.last_check >= CHECK_EVERY_S:
            self.last_check = now
            current = fingerprint(self.folders)
            if current != self.loaded:
                self.loaded = current
                self._worker = threading.Thread(target=self._load, name="content-reload", daemon=True)
                self._worker.start()
        return None

    def force(self) -> None:
        """Load again at the next poll, changed or not (staff's "reload content")."""
        self.loaded = ()
        self.last_check = float("-inf")

    def wait(self) -> None:
        """Let a load in progress finish (tests and replays, which must not race the loader)."""
        if self._worker is not None:
            self._worker.join()

    def _load(self) -> None:
        try:
            self._result = load_exhibit(self.config)
        except Exception as exc:  # anything at all: the frame loop must hear of it
            log.exception("content reload failed")
            problem = Problem(
                self.config.zones_dir,
                1,
                "(reload)",
                f"the content could not be loaded: {type(exc).__name__}: {exc}"[:300],
                "the last good content stays on screen; the log has the details",
            )
            self._result = ContentReport(None, [problem])
