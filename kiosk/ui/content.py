"""The content a kiosk shows, and the edit that waits to replace it.

Good new content waits until no visitor is using the kiosk (the attract screen); bad content
is refused, and its problems are kept for the staff screen while the last good content stays.
"""

from __future__ import annotations

import logging
from datetime import datetime

from kiosk.clock import Clock
from kiosk.config import Config
from kiosk.content.loader import ContentReport, load_exhibit
from kiosk.content.model import Exhibit
from kiosk.content.reload import CHECK_EVERY_S, ContentReloader
from kiosk.l10n import ENGLISH, Words
from kiosk.yamldoc import Problem

log = logging.getLogger(__name__)


class ContentSwap:
    def __init__(
        self,
        config: Config,
        clock: Clock,
        reloader: ContentReloader | None,
        problems: list[Problem] | None,
    ):
        self.config, self.clock, self.reloader = config, clock, reloader
        self.problems = [p for p in problems or [] if p.severity == "error"]
        self.pending: Exhibit | None = None
        self.source = config.zones_path.resolve()  # the site's zones, or a release's
        self.loaded_wall = clock.wall()

    def poll(self, now: float) -> bool:
        """Look for an edit (at the reloader's pace); True when there is news for staff."""
        if self.reloader is None:
            return False
        report = self.reloader.poll(now)
        if report is None:
            return False
        self.offer(report)
        return True

    def wait_s(self, now: float) -> float:
        if self.reloader is None:
            return float("inf")
        return CHECK_EVERY_S - (now - self.reloader.last_check)

    def reload(self) -> None:
        """Staff's "reload content": at once, not at the next look."""
        if self.reloader is not None:
            self.reloader.force()
        else:
            self.offer(load_exhibit(self.config))

    def offer(self, report: ContentReport) -> None:
        if report.exhibit is None or report.errors:
            self.problems = report.errors or report.problems
            self.pending = None
            for problem in self.problems:
                log.error("content not reloaded: %s", problem)
        else:
            self.problems = []
            self.pending = report.exhibit

    def take(self) -> Exhibit:
        """The waiting content, now shown."""
        exhibit, self.pending = self.pending, None
        assert exhibit is not None
        self.loaded_wall = self.clock.wall()
        self.source = self.config.zones_path.resolve()
        log.warning("content reloaded: %d zones", len(exhibit.zones))
        return exhibit

    def lines(self, zones: int, words: Words | None = None) -> list[str]:
        """The content's own lines, in `words` (English unless given)."""
        _ = words or ENGLISH
        loaded = datetime.fromtimestamp(self.loaded_wall, self.config.tz)
        when = f"{_.date(loaded.date(), 'short')} {_.time(loaded)}"
        lines = [_.ngettext("loaded {when}: {n} zone", "loaded {when}: {n} zones", zones, when=when)]
        if self.pending is not None:
            lines.append(_("new content waits for the attract screen"))
        if self.problems:
            n = len(self.problems)
            lines.append(
                _.ngettext(
                    "{n} error in the last edit, not shown to visitors:",
                    "{n} errors in the last edit, not shown to visitors:",
                    n,
                )
            )
            lines += [str(p) for p in self.problems[:8]]  # file:line: field: message, as written
        else:
            lines.append(_("no errors"))
        return lines
