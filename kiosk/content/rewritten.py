"""What a spreadsheet does to a text cell it takes for something else.

Opened from CSV, LibreOffice and Excel turn `6 сентября 2017` into `09/06/17`, `0012` into
`12`, `1/2` into a date, `50%` into `0.5`, and `=1+1` into a formula. A translation that
looks like one of those where the source text does not is probably such a rewrite.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"[-+]?[\d\s\u00a0\u202f.,']*\d[\d\s\u00a0\u202f.,']*(E[-+]?\d+)?%?", re.IGNORECASE)
_DATE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}([ T]\d{1,2}:\d{2}(:\d{2})?)?")
_TIME = re.compile(r"\d{1,2}:\d{2}(:\d{2}([.,]\d+)?)?(\s?[AP]M)?", re.IGNORECASE)
_LOST = re.compile(r"(?<![\w?])[\w?]*\?\w[\w?]*")  # a word with '?' before a letter: a lost letter


def looks_rewritten(source: str, value: str) -> str | None:
    """Why `value` looks like a spreadsheet's rewrite of a translation of `source`, or None."""
    value, source = value.strip(), source.strip()
    if value.startswith("=") and not source.startswith("="):
        return "a formula"
    if value == source:
        return None
    kind = next(
        (
            name
            for name, form in (("a date", _DATE), ("a time", _TIME), ("a number", _NUMBER))
            if form.fullmatch(value)
        ),
        None,
    )
    if kind is None:
        return None
    if any(ch.isalpha() for ch in source):
        return f"{kind} where the source has words"
    if _digits(value) != _digits(source):
        return f"{kind} with other digits than the source"
    return None


def lost_letter(value: str) -> str | None:
    """The first word with a '?' inside it, as a legacy encoding writes a letter it lacks."""
    found = _LOST.search(value)
    return found.group(0) if found else None


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
