"""Sites made for tests and benchmarks: many zones from the shipped ones, or stretched texts.

`large_site` copies the shipped zones under new ids (100 zones is a big pavilion);
`stretched` lengthens every text of a loaded exhibit, so fit checks find plenty to report
(cut titles, ellipses, words wider than a line) on every kind of block.
"""

from __future__ import annotations

import copy
import hashlib
import shutil
from pathlib import Path

import yaml

from kiosk.content.loader import ContentReport
from kiosk.content.model import texts

ROOT = Path(__file__).resolve().parent.parent


def large_site(folder: Path, count: int, distinct: bool = False) -> Path:
    """A site of `count` zones copied from the shipped ones; its config.yaml.

    `distinct`: every copy's texts differ from the others' (a number is woven into each), so
    nothing measured for one zone can be reused for another, as in a real pavilion."""
    shutil.copytree(ROOT / "media", folder / "media")
    zones = folder / "zones"
    zones.mkdir()
    sources = sorted(p for p in (ROOT / "zones").glob("*.yaml") if p.name != "pavilion.yaml")
    ids = []
    for i in range(count):
        source = sources[i % len(sources)]
        zone_id = f"{source.stem}-{i:03d}"
        if distinct:
            data = yaml.safe_load(source.read_text())
            data["id"] = zone_id
            text = yaml.safe_dump(_numbered(data, i), allow_unicode=True, sort_keys=False)
        else:
            text = source.read_text().replace(f"id: {source.stem}\n", f"id: {zone_id}\n", 1)
        (zones / f"{zone_id}.yaml").write_text(text)
        ids.append(zone_id)
    pavilion = (ROOT / "zones" / "pavilion.yaml").read_text()
    head = pavilion[: pavilion.index("zones:")]
    (zones / "pavilion.yaml").write_text(head + "zones:\n" + "".join(f"  - {z}\n" for z in ids))
    config = folder / "config.yaml"
    config.write_text("store_path: visitors.db\n")
    return config


LANGUAGES = {"pl", "en", "kk", "ru"}


def _numbered(value, serial: int):
    """Texts (mappings of language -> words) get the zone's number after their first word."""
    if isinstance(value, dict):
        if value and set(value) <= LANGUAGES and all(isinstance(v, str) for v in value.values()):
            return {code: _weave(words, serial) for code, words in value.items()}
        return {key: _numbered(item, serial) for key, item in value.items()}
    if isinstance(value, list):
        return [_numbered(item, serial) for item in value]
    return value


def _weave(words: str, serial: int) -> str:
    first, _, rest = words.partition(" ")
    return f"{first} {serial}" + (f" {rest}" if rest else "")


def stretched(report: ContentReport) -> ContentReport:
    """The same report with every text made longer by a factor picked from its place (1-6),
    and every seventh text given a word far wider than any line."""
    exhibit = copy.deepcopy(report.exhibit)
    models = [("pavilion", exhibit.pavilion), *((zone.id, zone) for zone in exhibit.zones)]
    for key, model in models:
        for path, text in texts(model):
            seed = int(hashlib.sha256(repr((key, path)).encode()).hexdigest()[:8], 16)
            for code, words in list(text.root.items()):
                longer = " ".join([words] * (1 + seed % 6))
                if seed % 7 == 0:
                    longer = longer.replace(" ", "", 12)  # the first words run together
                text.root[code] = longer
    return ContentReport(exhibit, report.problems, report.documents, report.missing)
