"""What failed on screen, kept for staff: a screen or block that fails is left out, never shown
to the visitor as an error.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from kiosk.l10n import ENGLISH, Words

log = logging.getLogger(__name__)


class Faults:
    """What failed on screen: left out and counted, logged once per kind, listed for staff."""

    def __init__(self):
        self.total = 0
        self.seen: dict[tuple[str, str], str] = {}  # (what, where) -> the error, first time

    def guard(self, what: str, where: str, action: Callable, *args) -> bool:
        """Run `action`; a failure is recorded and False returned, never raised to the visitor."""
        try:
            action(*args)
            return True
        except Exception as exc:  # the exhibit goes on whatever a screen does
            self.note(what, where, exc)
            return False

    def note(self, what: str, where: str, exc: BaseException) -> None:
        self.total += 1
        if (what, where) not in self.seen:
            self.seen[(what, where)] = f"{type(exc).__name__}: {exc}"[:200]
            log.exception("screen fault: %s %s failed; left out, the kiosk goes on", what, where)

    def lines(self, words: Words | None = None) -> list[str]:
        if not self.seen:
            return []
        _ = words or ENGLISH
        head = _.ngettext("{n} screen fault, left out:", "{n} screen faults, left out:", self.total)
        return [head] + [f"{what} {where}: {error}" for (what, where), error in list(self.seen.items())[:6]]
