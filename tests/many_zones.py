"""A site with more zones than the sample's five: the sample zones copied under new ids.

Each copy's title gets its number (in every language), so a screen shows which card is
which and titles are a little longer than the sample's.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kiosk.resources import init_site


def many_zones_site(folder: Path, count: int) -> Path:
    """Write a site of `count` zones into the empty `folder`; returns its config.yaml."""
    init_site(folder)
    zones = folder / "zones"
    sources = sorted(p for p in zones.glob("*.yaml") if p.name != "pavilion.yaml")
    originals = {p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sources}
    for path in sources:
        path.unlink()
    ids = []
    for i in range(count):
        source = sources[i % len(sources)]
        zone = dict(originals[source], id=f"{source.stem}-{i + 1:02d}")
        zone["title"] = {lang: f"{text} {i + 1}" for lang, text in zone["title"].items()}
        (zones / f"{zone['id']}.yaml").write_text(yaml.safe_dump(zone, allow_unicode=True), encoding="utf-8")
        ids.append(zone["id"])
    pavilion = yaml.safe_load((zones / "pavilion.yaml").read_text(encoding="utf-8"))
    pavilion["zones"] = ids
    (zones / "pavilion.yaml").write_text(yaml.safe_dump(pavilion, allow_unicode=True), encoding="utf-8")
    return folder / "config.yaml"
