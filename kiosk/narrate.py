"""`kiosk narrate`: draft narration for pages from their own texts, with espeak-ng.

A draft is a speech synthesizer reading the page (its title, then its blocks' words, credits
left out), so that a curator can hear where narration goes and how long it runs. It is not
the pavilion's voice: drafts are reviewed and replaced by a recorded one. espeak-ng writes
WAV; sox turns it into Ogg Vorbis, small enough to ship (speech at 16 kHz, mono).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kiosk.content.model import Exhibit, Page, Text, texts

VOICES = {"pl": "pl", "en": "en-gb", "kk": "kk", "ru": "ru"}  # espeak-ng's names
EXPERIMENTAL = {"kk"}  # espeak-ng's Kazakh is marked experimental: expect odd words
SKIPPED_FIELDS = {"credit"}  # "Illustration (schematic)" is not worth hearing
# Vorbis's lowest quality at 16 kHz: plenty for a synthetic voice, about 2.3 kB a second
QUALITY, RATE = "-1", "16000"


class NarrateError(Exception):
    """The drafts cannot be made (a tool missing, a language without a voice)."""


@dataclass(frozen=True)
class Draft:
    zone_id: str
    page: Page
    path: Path
    written: bool  # False: the file was there already (and --force not given)


def missing_tools() -> list[str]:
    return [tool for tool in ("espeak-ng", "sox") if shutil.which(tool) is None]


def page_words(page: Page, language: str) -> str:
    """What the draft reads: the page's title and texts in one language, in order."""
    said = []
    for path, text in texts(page):
        if SKIPPED_FIELDS & set(map(str, path)) or not isinstance(text, Text):
            continue
        words = text.root.get(language)
        if words:
            said.append(words.strip().rstrip(".") + ".")
    return "\n".join(said)


def draft_pages(
    exhibit: Exhibit, language: str, out: Path, page: str | None = None, force: bool = False
) -> list[Draft]:
    if language not in VOICES:
        raise NarrateError(f"no espeak-ng voice is set for '{language}' (there are {', '.join(VOICES)})")
    missing = missing_tools()
    if missing:
        raise NarrateError(
            f"{' and '.join(missing)} not found: install the Debian packages espeak-ng and sox"
        )
    chosen = [
        (zone.id, p) for zone in exhibit.zones for p in zone.pages if page in (None, f"{zone.id}/{p.id}")
    ]
    if not chosen:
        raise NarrateError(f"no page {page}: name it as zone/page-id, e.g. forest/natural-wealth")
    out.mkdir(parents=True, exist_ok=True)
    drafts = []
    for zone_id, p in chosen:
        words = page_words(p, language)
        if not words:
            continue  # nothing written in this language to read
        path = out / f"{zone_id}-{p.id}.{language}.ogg"
        if path.exists() and not force:
            drafts.append(Draft(zone_id, p, path, False))
            continue
        _speak(words, VOICES[language], path)
        drafts.append(Draft(zone_id, p, path, True))
    return drafts


def _speak(words: str, voice: str, path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        text, wav = Path(tmp) / "words.txt", Path(tmp) / "draft.wav"
        text.write_text(words, encoding="utf-8")
        _run(["espeak-ng", "-v", voice, "-s", "150", "-f", str(text), "-w", str(wav)])
        _run(["sox", str(wav), "-r", RATE, "-C", QUALITY, str(path)])


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    if done.returncode != 0:
        raise NarrateError(f"{command[0]} failed: {(done.stderr or done.stdout).strip()[:200]}")
