"""Fonts and text: the kiosk's own Noto Sans (all four alphabets), wrapping, and rendering once.

Text is rendered into surfaces when a screen is built, never every frame; fonts are cached
per size, and the number of sizes is small and fixed by the type scale. The `Typesetter`
writes down every piece of text it sets (colours, whether it had to be cut), so tests and
the content check can prove that text is legible and fits, on every screen.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pygame

from kiosk import bounded
from kiosk.bounded import Bounded, text_bytes
from kiosk.content import typography
from kiosk.resources import font_file, shipped_font
from kiosk.ui.blank import Blank
from kiosk.ui.layout import Metrics
from kiosk.ui.placing import SetText, Traced

log = logging.getLogger(__name__)

REGULAR = "NotoSans-Regular.ttf"
BOLD = "NotoSans-Bold.ttf"

Colour = tuple[int, int, int] | tuple[int, int, int, int]


class Fonts:
    """The site's fonts (media/fonts/), or the kiosk's own where the site has none."""

    def __init__(self, media_dir: Path):
        self.files = {bold: self._readable(BOLD if bold else REGULAR, media_dir) for bold in (False, True)}
        self._cache: dict[tuple[int, bool], pygame.font.Font] = {}
        if not pygame.font.get_init():
            pygame.font.init()

    @staticmethod
    def _readable(name: str, media_dir: Path) -> Path:
        # pygame.font opens a damaged file without a word and fails (or crashes) when it
        # draws; FreeType refuses it at once, so a curator's broken font never reaches a screen.
        path = font_file(name, media_dir)
        try:
            _glyph_font(path)
        except (OSError, pygame.error) as exc:
            log.error("%s cannot be read (%s); the kiosk's own font is used", path, exc)
            return shipped_font(name)
        return path

    def get(self, px: int, bold: bool = False) -> pygame.font.Font:
        key = (px, bold)
        font = self._cache.get(key)
        if font is None:
            font = pygame.font.Font(self.files[bold], px)
            self._cache[key] = font
        return font


# Words and texts up to these lengths are measured once and remembered. Longer ones are rare
# (or hostile): remembering them, and every remainder of a broken word, would hold megabytes.
CACHED_WORD_CHARS = 64
CACHED_TEXT_CHARS = 2_000
# Widths of words lately measured: entries, each a word of at most CACHED_WORD_CHARS and a
# number (at most ~6 MB of the widest letters, ~2 MB of real words).
CACHED_WORDS = 16384
# Texts lately wrapped, weighed with their lines: edited texts come and go by the thousand
# in a kiosk that runs for months, and 4,096 of the longest would hold 16-32 MB.
WRAPPED_BYTES = 4 * 2**20
GLYPH_FONTS_KEPT = 8  # fonts opened to read their glyphs: a site's two, and a few releases'


def wrap(font: pygame.font.Font, text: str, width: int, language: str | None = None) -> list[str]:
    """Greedy word wrap by the language's rules (`kiosk.content.typography`); a word wider
    than the line is hyphenated where it may be, else broken between letters.

    The work is linear in the text's length however it breaks: a word is measured once, and
    a word too long for the line is cut where its glyph advances say, checked exactly."""
    return list(wrapped(font, text, width, language).lines)


class Wrapped(NamedTuple):
    lines: tuple[str, ...]
    long_word: str | None  # the first word wider than the line (hyphenated or broken)
    broken: bool  # a word was broken between letters: it did not fit


def wrapped(font: pygame.font.Font, text: str, width: int, language: str | None = None) -> Wrapped:
    """The lines, and the first word that had to be broken between letters."""
    if len(text) <= CACHED_TEXT_CHARS:
        return _wrap(font, text, width, language)
    return _wrap.__wrapped__(font, text, width, language)


def word_width(font: pygame.font.Font, word: str) -> int:
    if len(word) <= CACHED_WORD_CHARS:
        return _cached_width(font, word)
    return font.size(word)[0]


@functools.lru_cache(maxsize=CACHED_WORDS)
def _cached_width(font: pygame.font.Font, word: str) -> int:
    return font.size(word)[0]


def _wrapped_bytes(args: tuple, result: Wrapped) -> int:
    return text_bytes(args[1], *result.lines) + 64 * (len(result.lines) + 6)  # with the tuples


# A line left emptier than this by a word with soft hyphens that goes down whole is filled
# with its first syllables instead (narrow columns: hotspot cards, portrait cards).
HYPHENATE_BELOW = 1 / 2


@bounded.cache(WRAPPED_BYTES, _wrapped_bytes)  # a text is measured to fit, then drawn: wrap it once
def _wrap(font: pygame.font.Font, text: str, width: int, language: str | None) -> Wrapped:
    space = word_width(font, " ")
    lines: list[str] = []
    long_word: str | None = None
    broken_word = False

    def measured(candidate: str, estimate: int) -> int:
        if estimate > width * 0.97:
            return font.size(candidate)[0]  # near the edge: measure exactly (kerning)
        return estimate

    for paragraph_line in text.split("\n"):
        words = collections.deque(typography.words(typography.glue(paragraph_line, language)))
        if not words:
            lines.append("")
            continue
        line, line_w = "", 0
        while words:
            word = words.popleft()
            drawn = typography.shown(word)
            w = word_width(font, drawn)
            candidate = f"{line} {drawn}" if line else drawn
            candidate_w = measured(candidate, line_w + space + w if line else w)
            if candidate_w <= width:
                line, line_w = candidate, candidate_w
                continue
            alone = w <= width
            if not alone and typography.NBSP not in drawn:
                long_word = long_word or drawn
            # The dictionary's breaks only where a word is wider than the whole line; the
            # curator's soft hyphens also where the line would be left half empty.
            if not alone or (line_w < width * HYPHENATE_BELOW and typography.SHY in word):
                split = _hyphenate(font, line, word, width, language)
                if split is not None:
                    head, rest = split
                    lines.append(head)
                    words.appendleft(rest)
                    line, line_w = "", 0
                    continue
            if line:
                lines.append(line)
                line, line_w = "", 0
                split = None if alone else _hyphenate(font, "", word, width, language)
                if split is not None:  # too long for any line: its first syllables start one
                    lines.append(split[0])
                    words.appendleft(split[1])
                    continue
            if not alone and typography.NBSP in drawn:
                # A bound group wider than the line breaks at its bonds before inside a word.
                words.extendleft(reversed(typography.loosen(drawn, language)))
                line, line_w = "", 0
                continue
            if not alone and len(drawn) > 1:
                broken_word = True
                *broken, drawn = _break_word(font, drawn, width)
                lines.extend(broken)
            line, line_w = drawn, word_width(font, drawn)
        lines.append(line)
    return Wrapped(tuple(lines), long_word, broken_word)


def _hyphenate(
    font: pygame.font.Font, line: str, word: str, width: int, language: str | None
) -> tuple[str, str] | None:
    """The line with the longest head of `word` that fits after it, and the word's rest."""
    for head, rest in typography.breaks(word, language):
        candidate = f"{line} {head}" if line else head
        if font.size(candidate)[0] <= width:
            return candidate, rest
    return None


def _edges(font: pygame.font.Font, text: str) -> list[int]:
    """edges[i]: the width of text[:i] by glyph advances (kerning left out), from one call."""
    advances = [m[4] if m else word_width(font, ch) for m, ch in zip(font.metrics(text), text)]
    return list(itertools.accumulate(advances, initial=0))


def _largest(fits: Callable[[int], bool], guess: int, lo: int, hi: int) -> int:
    """The largest c in [lo, hi] that fits, walking from a close guess; lo is taken as fitting.

    Guesses come from glyph advances, which kerning moves by a pixel or two per letter pair,
    so the walk is a step or two of exact measuring."""
    c = min(max(guess, lo), hi)
    while c < hi and fits(c + 1):
        c += 1
    while c > lo and not fits(c):
        c -= 1
    return c


def _break_word(font: pygame.font.Font, word: str, width: int) -> list[str]:
    """Pieces of a word too wide for the line: each as long as fits, at least one letter."""
    edges = _edges(font, word)
    pieces, start, end = [], 0, len(word)

    def rest_fits() -> bool:
        # Far wider by advances is wider for sure; only a near fit is worth measuring exactly.
        if edges[end] - edges[start] > 1.5 * width + font.get_height():
            return False
        return font.size(word[start:])[0] <= width

    while end - start > 1 and not rest_fits():
        guess = bisect.bisect_right(edges, edges[start] + width) - 1
        cut = _largest(lambda c, s=start: font.size(word[s:c])[0] <= width, guess, start + 1, end - 1)
        pieces.append(word[start:cut])
        start = cut
    pieces.append(word[start:])
    return pieces


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single newlines inside one are spaces."""
    return [typography.tidy(p) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def render(
    font: pygame.font.Font,
    text: str,
    colour: Colour,
    width: int,
    line_height: float = 1.3,
    align: str = "left",
    max_lines: int | None = None,
    draw: bool = True,
    language: str | None = None,
) -> pygame.Surface:
    """Wrapped text as one transparent surface, paragraphs spaced by half a line.

    `draw=False` only measures: a `Blank` of the right size, no letters rendered (fit checks)."""
    rows, over, _, _ = _rows(font, text, width, max_lines, language)
    height = _height(font, rows, line_height)  # shortening the last row keeps it
    if not draw:
        return Blank((max(1, width), height))
    step = round(font.get_height() * line_height)
    if over:
        rows = _ellipsize(font, rows, width)
    surface = SetText((max(1, width), height), pygame.SRCALPHA)
    y = 0
    for row in rows:
        if row is None:
            y += step // 2
            continue
        if row:
            line = font.render(row, True, colour)
            x = {
                "left": 0,
                "center": (width - line.get_width()) // 2,
                "right": width - line.get_width(),
            }[align]
            top = y + (step - font.get_height()) // 2
            surface.blit(line, (x, top))
            seen = letters(font, row, x, top, line.get_width())
            surface.ink = seen if surface.ink is None else surface.ink.union(seen)
        y += step
    return surface


def letters(font: pygame.font.Font, row: str, x: int, y: int, width: int) -> pygame.Rect:
    """Where a line's letters are when it is drawn at (x, y): from its glyphs' metrics, so no
    pixel is read (the checks hold the letters, not the line box, inside their card)."""
    heights = [(m[2], m[3]) for m in font.metrics(row) if m]
    if not heights:
        return pygame.Rect(x, y, 0, 0)
    ascent = font.get_ascent()
    top, bottom = ascent - max(h for _, h in heights), ascent - min(d for d, _ in heights)
    return pygame.Rect(x, y + top, width, max(0, bottom - top))


def _height(font: pygame.font.Font, rows: list[str | None], line_height: float) -> int:
    step = round(font.get_height() * line_height)
    return sum(step // 2 if r is None else step for r in rows) or step


def _rows(
    font: pygame.font.Font, text: str, width: int, max_lines: int | None, language: str | None = None
) -> tuple[list[str | None], bool, bool, str | None]:
    """The wrapped rows (None = paragraph gap); whether there were more than `max_lines` (then
    only the first `max_lines` rows of text are kept, without gaps); whether a word was broken
    between letters; and the first word wider than the line."""
    rows: list[str | None] = []
    long_word, broken = None, False
    for i, para in enumerate(paragraphs(text) or [""]):
        if i:
            rows.append(None)
        result = wrapped(font, para, width, language)
        rows.extend(result.lines)
        long_word, broken = long_word or result.long_word, broken or result.broken
    written = [r for r in rows if r is not None]
    if max_lines is None or len(written) <= max_lines:
        return rows, False, broken, long_word
    return written[:max_lines], True, broken, long_word


def _ellipsize(font: pygame.font.Font, rows: list[str], width: int) -> list[str | None]:
    """The last row shortened, at a letter, until it and an ellipsis fit."""
    last = rows[-1]
    if font.size(last + "…")[0] > width:
        room = width - font.size("…")[0]
        guess = bisect.bisect_right(_edges(font, last), room) - 1
        fits = lambda c: font.size(last[:c].rstrip() + "…")[0] <= width  # noqa: E731
        cut = _largest(fits, guess, 0, max(0, len(last) - 1))
        last = last[:cut].rstrip()
    return [*rows[:-1], last + "…"]


def line(font: pygame.font.Font, text: str, colour: Colour, width: int | None = None) -> pygame.Surface:
    """One line, shortened with an ellipsis if it is wider than `width`."""
    text = typography.shown(text)
    if width is not None and font.size(text)[0] > width:
        room = width - font.size("…")[0]
        guess = bisect.bisect_right(_edges(font, text), room) - 1
        cut = _largest(lambda c: font.size(text[:c] + "…")[0] <= width, guess, 0, len(text) - 1)
        text = text[:cut].rstrip() + "…"
    return font.render(text, True, colour)


_glyph_fonts: Bounded = Bounded(GLYPH_FONTS_KEPT)


def _glyph_font(font_path: Path):
    """The font file opened with FreeType, once per file as it is now (a curator may replace
    a font under the same name; a new release brings its own folder)."""
    stat = font_path.stat()
    key = (str(font_path), stat.st_mtime_ns, stat.st_size)
    font = _glyph_fonts.get(key)
    if font is None:
        import pygame.freetype

        if not pygame.freetype.get_init():
            pygame.freetype.init()
        font = pygame.freetype.Font(font_path, 16)
        _glyph_fonts.put(key, font)
    return font


def missing_glyphs(font_path: Path, characters: str) -> set[str]:
    """Characters the font has no glyph for (drawn as empty boxes if shown)."""
    font = _glyph_font(font_path)
    unique = sorted(set(characters) - set(" \n\t\r"))
    return {ch for ch, metrics in zip(unique, font.get_metrics("".join(unique))) if metrics is None}


@dataclass(frozen=True)
class Written:
    """One piece of text set on a screen."""

    text: str
    colour: tuple
    background: tuple
    cut: bool  # shortened or broken inside a word: it did not fit
    long_word: str | None = None  # the first word wider than the line, when that is why
    bold: bool = False  # in the bold font: the glyph check asks the font it was drawn in


# Measuring only: what a text set with the same words, style, width and colours gave, kept
# for the screen's later pages (every page repeats its chrome, every zone page its title).
MEASURED_KEPT = 4096


class Typesetter:
    """Sets text in the type scale of one screen (and text size mode), keeping a record."""

    def __init__(
        self,
        fonts: Fonts,
        metrics: Metrics,
        draw: bool = True,
        language: Callable[[], str | None] = lambda: None,
    ):
        self.fonts = fonts
        self.metrics = metrics
        self.speaks = language  # the visitor's language now: whose rules break the lines
        self.draw = draw  # False: measure and record only, for checking content quickly
        self.record: list[Written] = []
        self._measured: dict[tuple, tuple[Written, Blank]] = {}

    def font(self, style: str, bold: bool = False) -> pygame.font.Font:
        return self.fonts.get(self.metrics.type(style), bold)

    def surface(self, size: tuple[int, int]) -> pygame.Surface:
        """A transparent surface to compose set text on; a `Blank` when only measuring."""
        if not self.draw:
            return Blank(size)
        return Traced(size, pygame.SRCALPHA)

    def block(
        self,
        value: str,
        style: str,
        colour: Colour,
        on: Colour,
        width: int,
        bold: bool = False,
        max_lines: int | None = None,
        line_height: float = 1.3,
        align: str = "left",
        smaller: tuple[str, ...] = (),
    ) -> pygame.Surface:
        """Wrapped text. If a word is wider than the line, or more lines are needed than allowed,
        the `smaller` styles are tried in turn before the text is cut."""
        language = self.speaks()
        key = (
            "block",
            value,
            style,
            tuple(colour),
            tuple(on),
            width,
            bold,
            max_lines,
            line_height,
            smaller,
            language,
        )
        if not self.draw and key in self._measured:
            return self._again(key)
        for candidate in (style, *smaller):
            font = self.font(candidate, bold)
            rows, over, broken, long_word = _rows(font, value, width, max_lines, language)
            if not broken and not over:
                break
        cut = broken or over
        written = Written(value, tuple(colour), tuple(on), cut, long_word if cut else None, bold)
        self.record.append(written)
        if self.draw:
            return _marked(
                render(font, value, colour, width, line_height, align, max_lines, language=language),
                written,
                font,
            )
        blank = Blank((max(1, width), _height(font, rows, line_height)))
        self._remember(key, written, blank)
        return blank

    def fits(self, value: str, style: str, width: int, max_lines: int | None, bold: bool = False) -> bool:
        """Would the text fit whole, without breaking a word or being cut?"""
        _, over, broken, _ = _rows(self.font(style, bold), value, width, max_lines, self.speaks())
        return not broken and not over

    def line(
        self,
        value: str,
        style: str,
        colour: Colour,
        on: Colour,
        width: int | None = None,
        bold: bool = True,
        smaller: tuple[str, ...] = (),
    ) -> pygame.Surface:
        """One line; a smaller style is tried before it is shortened with an ellipsis.

        Measuring, a shortened line is as wide as `width`: where its ellipsis falls is not
        worked out (the content check reads only that it was cut)."""
        key = ("line", value, style, tuple(colour), tuple(on), width, bold, smaller)
        if not self.draw and key in self._measured:
            return self._again(key)
        for candidate in (style, *smaller):
            font = self.font(candidate, bold)
            wide = font.size(typography.shown(value))[0]
            if width is None or wide <= width:
                break
        cut = width is not None and wide > width
        written = Written(value, tuple(colour), tuple(on), cut, bold=bold)
        self.record.append(written)
        if self.draw:
            drawn = line(font, value, colour, width)
            return _marked(drawn, written, font, value if drawn.get_width() >= font.size(value)[0] else "")
        blank = Blank((min(wide, width or wide), font.get_height()))
        self._remember(key, written, blank)
        return blank

    def _again(self, key: tuple) -> Blank:
        written, blank = self._measured[key]
        self.record.append(written)
        return blank

    def _remember(self, key: tuple, written: Written, blank: Blank) -> None:
        if len(self._measured) >= MEASURED_KEPT:
            del self._measured[next(iter(self._measured))]  # the first measured goes first
        self._measured[key] = (written, blank)


def _marked(surface: pygame.Surface, written: Written, font: pygame.font.Font, text: str = "") -> SetText:
    """The set text, knowing what it says: the checks read where it lands (kiosk.ui.placing)."""
    if not isinstance(surface, SetText):  # a line as the font drew it: its pixels, exactly
        copy = SetText(surface.get_size(), pygame.SRCALPHA)
        copy.blit(surface, (0, 0), special_flags=pygame.BLEND_RGBA_ADD)
        copy.ink = letters(font, text, 0, 0, surface.get_width()) if text else None  # else: its pixels
        surface = copy
    surface.written = written
    return surface
