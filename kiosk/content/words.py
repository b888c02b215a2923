"""How long a zone's texts take to read, in each language: the yardstick of holding power.

The pace is Brysbaert's: adults read English non-fiction silently at 238 words a minute
(M. Brysbaert, "How many words do we read per minute? A review and meta-analysis of reading
rate", Journal of Memory and Language 109, 2019). He adds that other languages are read at the
pace that conveys the same message as fast: a language that says it in fewer, longer words
(Polish, Kazakh, Russian) is read at fewer words a minute. So each language's pace is 238 times
the exhibit's own English words over its words in that language, counted over the texts the
curators wrote in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.content.model import Exhibit, Text, Zone, texts

ENGLISH_WPM = 238.0
PACE_SOURCE = (
    "Brysbaert (2019), How many words do we read per minute?, Journal of Memory and Language 109:"
    " 238 words a minute, English non-fiction read silently; other languages by their words for"
    " the same message"
)
# A word: letters or digits, with what joins them inside it: "Polsko-Kazachstańskie", "Poland's",
# "6.09.2017", "10:30". Not str.split(): a dash or a "·" between spaces is no word.
WORD = re.compile(r"\w+(?:[-'’.,:/]\w+)*")


def words(text: str) -> int:
    return len(WORD.findall(text))


def zone_texts(zone: Zone) -> list[Text]:
    """What a visitor reads in the zone: its title and every text of its pages."""
    return [zone.title] + [text for page in zone.pages for _, text in texts(page)]


@dataclass(frozen=True)
class Reading:
    """Words per zone and language, and each language's pace."""

    words: dict[str, dict[str, int]]  # zone -> language -> words a visitor of it reads
    wpm: dict[str, float]  # language -> words a minute

    def seconds(self, zone_id: str, language: str) -> float | None:
        """Time to read the zone's texts in `language` (None: no such zone in the content)."""
        counts = self.words.get(zone_id)
        if counts is None or language not in counts:
            return None
        return 60.0 * counts[language] / self.wpm[language]


def reading(exhibit: Exhibit, languages: list[str], default_language: str) -> Reading:
    """Words and paces for `languages`; a text not translated counts as the visitor sees it, in
    the default language."""
    per_zone = {
        zone.id: {
            code: sum(words(text.get(code, default_language)) for text in zone_texts(zone))
            for code in languages
        }
        for zone in exhibit.zones
    }
    return Reading(per_zone, {code: pace(exhibit, code) for code in languages})


def pace(exhibit: Exhibit, language: str) -> float:
    """Words a minute in `language`: 238 scaled by the words the exhibit needs for the same texts."""
    if language == "en":
        return ENGLISH_WPM
    english = other = 0
    for zone in exhibit.zones:
        for text in zone_texts(zone):
            both = text.root
            if "en" in both and language in both:
                english += words(both["en"])
                other += words(both[language])
    if not english or not other:
        return ENGLISH_WPM  # nothing to compare: the English pace, as stated
    return round(ENGLISH_WPM * other / english, 1)
