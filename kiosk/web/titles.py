"""Zones by their titles for the dashboard: read from the site's zone files, again when they change.

The store knows zones by id (`poland-kazakhstan`); staff know them by title ("Polska – Kazachstan").
A zone the content does not have keeps its id; an edit that does not load keeps the last
titles that did.
"""

from __future__ import annotations

import threading
from pathlib import Path

from kiosk.config import Config


def _signature(folder: Path) -> tuple:
    """What changes when a curator edits, adds or removes a zone file (or a release is taken)."""
    try:
        return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in folder.glob("*.yaml")))
    except OSError:
        return ()


class ZoneTitles:
    def __init__(self, config: Config):
        self.config = config
        self._lock = threading.Lock()  # pages are served from several worker threads
        self._seen: tuple | None = None
        self._titles: dict[str, dict[str, str]] = {}  # zone id -> {language: title}

    def __call__(self, language: str) -> dict[str, str]:
        """Zone id -> its title in `language` (else the default language's)."""
        default = self.config.default_language
        return {
            zone_id: texts.get(language) or texts.get(default) or next(iter(texts.values()), zone_id)
            for zone_id, texts in self._current().items()
        }

    def _current(self) -> dict[str, dict[str, str]]:
        folder = self.config.zones_path
        signature = (str(folder), _signature(folder))
        with self._lock:
            if signature != self._seen:
                self._seen = signature
                self._titles = _read(self.config) or self._titles
            return self._titles


def _read(config: Config) -> dict[str, dict[str, str]] | None:
    from kiosk.content.loader import load_exhibit  # only when a page is first asked for

    try:
        report = load_exhibit(config, check_images=False)  # titles only: the pictures are not read
    except Exception:  # a broken edit must not take the figures down with it
        return None
    if report.exhibit is None:
        return None
    return {zone.id: dict(zone.title.root) for zone in report.exhibit.zones}
