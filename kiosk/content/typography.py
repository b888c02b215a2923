"""Where a line may break, by each language's rules: pure text in, text and break points out.

The wrapping on screen (`kiosk/ui/text.py`) and the content check's measuring both read these
rules, so what is checked is what visitors see:

- a Polish one-letter word ("i", "w", "z" ...) never ends a line, nor a Russian one ("в", "с");
- a number stays with the word after it ("6 września", "2012 году", "759 mln USD"), and an
  English month with the day after it ("September 7");
- a dash never starts a line ("Polska – Kazachstan");
- a no-break space (U+00A0) a curator wrote never breaks;
- a soft hyphen (U+00AD) is never drawn: it is a place the word may break, with a "-" shown.

Long words may also break where `pyphen`'s dictionary for the language says (Polish, English,
Russian; there is none for Kazakh, whose words then break only at soft hyphens).
"""

from __future__ import annotations

import functools
import re

NBSP = "\u00a0"
SHY = "\u00ad"
# Spaces a line may break at: every whitespace but the no-break ones (U+00A0, U+2007 figure
# space, U+202F narrow no-break space). str.split() would break at all of them.
_BREAKABLE = re.compile(r"[^\S\u00a0\u2007\u202f]+")

# One-letter words bound to the word after them.
ONE_LETTER = {
    "pl": frozenset("aiouwzAIOUWZ"),
    "ru": frozenset("авиксоуяАВИКСОУЯ"),
    "en": frozenset(),
    "kk": frozenset(),
}
# Words that go with the number before them and, like it, hold on to the word after
# ("759 mln USD", "1,5 млрд тенге").
MAGNITUDES = frozenset(
    ["tys.", "tys", "mln", "mld", "bln", "млн", "млрд", "трлн", "тыс.", "тыс", "мың", "mn", "bn", "m."]
)
# A month that comes before its day (English), bound to the day.
MONTHS_BEFORE_DAY = frozenset(
    ["January", "February", "March", "April", "May", "June"]
    + ["July", "August", "September", "October", "November", "December"]
)
DASHES = frozenset("–—")  # en and em dash; a hyphen "-" between spaces is a typing slip, left alone
# Languages with a hyphenation dictionary in pyphen (looked up once each).
HYPHENATED = ("pl", "en", "ru")
HYPHENATE_FROM = 8  # letters: shorter words are never hyphenated by the dictionary


def words(text: str) -> list[str]:
    """The pieces a line may break between: split at breakable spaces only."""
    return [w for w in _BREAKABLE.split(text) if w]


def tidy(text: str) -> str:
    """Runs of breakable whitespace made one space; no-break spaces kept."""
    return " ".join(words(text))


def _number(word: str) -> bool:
    word = word.lstrip("([«„\"'")  # "(6 września" is a date in brackets
    return bool(word) and word[0].isdigit()


def glue(text: str, language: str | None = None) -> str:
    """The text with no-break spaces where its language forbids a line break.

    `language` None: the rules of every language at once (one-letter words in Polish and
    Russian)."""
    pieces = words(text)
    if len(pieces) < 2:
        return pieces[0] if pieces else ""
    letters = ONE_LETTER.get(language, frozenset()) if language else frozenset().union(*ONE_LETTER.values())
    out = [pieces[0]]
    for before, word in zip(pieces, pieces[1:]):
        bare = before.rsplit(NBSP, 1)[-1]
        stay = (
            (len(bare) == 1 and bare in letters)
            or (_number(bare) and bare[-1] not in ",:;.!?)]»")  # "2017," ends a clause
            or (_number(bare) and bare[-1] == "." and word[:1].islower())  # "16. pozycję"
            or (bare in MAGNITUDES and _number_before(out[-1]))
            or (bare in MONTHS_BEFORE_DAY and _number(word))
            or word in DASHES
        )
        if stay:
            out[-1] += NBSP + word
        else:
            out.append(word)
    return " ".join(out)


def loosen(group: str, language: str | None = None) -> list[str]:
    """A bound group too wide for its line, in pieces: the bonds after numbers, months and
    dashes let go first; a one-letter word keeps its word unless nothing else is left."""
    parts = group.split(NBSP)
    letters = ONE_LETTER.get(language, frozenset()) if language else frozenset().union(*ONE_LETTER.values())
    pieces = [parts[0]]
    for before, part in zip(parts, parts[1:]):
        if len(before) == 1 and before in letters:
            pieces[-1] += NBSP + part
        else:
            pieces.append(part)
    return pieces if len(pieces) > 1 else parts


def _number_before(glued: str) -> bool:
    """The piece ends in `number NBSP magnitude`: the magnitude belongs to a number."""
    parts = glued.split(NBSP)
    return len(parts) >= 2 and _number(parts[-2])


def shown(word: str) -> str:
    """A word as it is drawn: soft hyphens left out."""
    return word.replace(SHY, "")


def breaks(word: str, language: str | None = None) -> list[tuple[str, str]]:
    """Where a word may break across lines, the longest head first: (the head as drawn at the
    end of the line, with its "-", and the rest as written, soft hyphens kept). Soft hyphens
    and hyphens the word has; where it has neither, the dictionary's places for its language."""
    plain = shown(word)
    at = [i for i, ch in enumerate(word) if ch != SHY]  # where each shown letter is written
    at.append(len(word))
    cuts: dict[int, str] = {}  # index in the shown word -> what the head ends with
    n = 0
    for ch in word:
        if ch == SHY:
            if 0 < n < len(plain):
                cuts[n] = "-"
            continue
        n += 1
        if ch in "-‐" and 1 < n < len(plain):
            cuts[n] = ""  # after a hyphen: it is drawn already
    if not cuts and language in HYPHENATED and not any(_number(p) for p in plain.split(NBSP)):
        # Only the last part of a bound group (after its last no-break space) is hyphenated:
        # "w Kazachstanie" may break inside "Kazachstanie", never before it. A date or an
        # amount ("6 września", "759 mln") is read at a glance: it is never hyphenated.
        start = plain.rfind(NBSP) + 1
        tail = plain[start:]
        core = tail.strip(".,;:!?»«„”“‘’()[]…\"'")
        if len(core) >= HYPHENATE_FROM and core.isalpha():
            lead = start + tail.index(core)
            for p in _dictionary(language).positions(core):
                cuts[lead + p] = "-"
    return [(plain[:c] + cuts[c], word[at[c] :]) for c in sorted(cuts, reverse=True)]


@functools.cache
def _dictionary(language: str):
    import pyphen  # only when a word is long enough to need it

    # left/right: at least two letters on each side of a break ("a-", "-ło" read badly)
    return pyphen.Pyphen(lang=language, left=2, right=3)
