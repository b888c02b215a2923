"""Staff's words in staff's language: the gettext catalogs in kiosk/locale, and Babel's dates,
numbers, plural rules and language names.

Visitors read the content's texts and ui/strings.py; this is for the staff screen and the
dashboard. English is the source language: a message with no translation stays English. The
catalogs are edited as .po files and shipped compiled (.mo); `tools/staff_catalogs.py` extracts,
merges and compiles them, and tests/web/test_l10n.py keeps the three in step.
"""

from __future__ import annotations

import functools
import gettext
import re
from datetime import date, datetime, timedelta
from importlib.resources import files
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, format_timedelta
from babel.numbers import format_decimal, format_percent

from kiosk.config import STAFF_LANGUAGES

DOMAIN = "kiosk"
LOCALE_DIR = Path(str(files("kiosk") / "locale"))
# English as the dashboard has always written it: "7 September 2017", 24-hour clock.
BABEL_LOCALES = {"en": "en_GB"}


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is written; it is translated where shown."""
    return message


class Words:
    """One staff language: its messages, and Babel's ways with its numbers and dates."""

    def __init__(self, language: str):
        self.language = language
        self.locale = Locale.parse(BABEL_LOCALES.get(language, language))
        self._catalog = gettext.translation(DOMAIN, LOCALE_DIR, [language], fallback=True)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    __call__ = gettext

    def pgettext(self, context: str, message: str) -> str:
        """A message whose English is ambiguous ("Close": the screen, or the kiosk?)."""
        return self._catalog.pgettext(context, message)

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """The language's plural form for `count` ("1 sesja, 2 sesje, 5 sesji"), with `{n}`
        filled in as this language writes the number (unless `values` gives `n`), and any other
        `{name}` from `values`."""
        return self._catalog.ngettext(singular, plural, count).format(**{"n": self.number(count), **values})

    def number(self, value: float, digits: int | None = None) -> str:
        """12 345,5 in Polish, 12,345.5 in English; `digits` fixes the decimals shown."""
        if digits is None:
            return format_decimal(value, locale=self.locale)
        return format_decimal(
            value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=self.locale
        )

    def percent(self, value: float) -> str:
        """`value` in per cent (50 -> "50%", "50 %" in Russian), whole."""
        return format_percent(value / 100, locale=self.locale)

    def date(self, day: date, form: str = "long") -> str:
        """A day as Babel writes it: long "7 września 2017", full with the weekday, ..."""
        return format_date(day, form, locale=self.locale)

    def skeleton(self, pattern: str, moment: date | datetime) -> str:
        """A day by a CLDR skeleton, in this language's order: "MMMd" -> "7 wrz", "Ed" -> "czw., 7"."""
        return format_skeleton(pattern, moment, locale=self.locale)

    def time(self, moment: datetime, seconds: bool = False) -> str:
        return format_time(moment, "HH:mm:ss" if seconds else "HH:mm", locale=self.locale)

    def span(self, first: date, last: date) -> str:
        """Days from `first` to `last`, months written out, the year once if shared:
        "1 – 7 September 2017", "30 sierpnia – 7 września 2017"."""
        if first == last:
            return self.date(first)
        field = "y" if first.year != last.year else "M" if first.month != last.month else "d"
        parts = self.locale.interval_formats.get("yMMMd", {}).get(field)
        if not parts:  # no interval pattern in this locale's data: both days whole
            return f"{self.date(first)} – {self.date(last)}"
        return "".join(
            format_date(day, _months_written_out(part), locale=self.locale)
            for day, part in zip((first, last), parts)
        )

    def ago(self, seconds: float) -> str:
        """How long ago, the unit chosen by Babel: "7 min ago", "7 min temu", "3 дня назад"."""
        # threshold 1.5: 89 s are still seconds and 36 hours still hours, as staff would say it
        return format_timedelta(
            timedelta(seconds=-max(0.0, seconds)),
            threshold=1.5,
            add_direction=True,
            format="short",
            locale=self.locale,
        )

    def language_name(self, code: str) -> str:
        """A language's name in this language, as a list item writes it: "Kazachski", "Қазақ тілі"."""
        try:
            name = Locale.parse(code).get_display_name(self.locale)
        except (ValueError, LookupError):
            name = None
        return (name[:1].upper() + name[1:]) if name else code


def _months_written_out(pattern: str) -> str:
    # CLDR's interval patterns abbreviate months (MMM); a heading writes them out (MMMM).
    return re.sub(r"(?<![ML])([ML])\1\1(?![ML])", r"\1\1\1\1", pattern)


def words(language: str) -> Words:
    """The staff words of `language` (one of STAFF_LANGUAGES; another falls back to English)."""
    return _words(language if language in STAFF_LANGUAGES else "en")


@functools.cache
def _words(language: str) -> Words:  # one per language: catalogs and locales are read once
    return Words(language)


ENGLISH = words("en")
