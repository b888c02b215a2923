"""What the application ships: its own fonts, and the sample pavilion a new site starts from.

Both come with the package (`importlib.resources`), so an installed wheel runs from any folder.
A curator's font of the same name in the site's `media/fonts/` takes the place of the shipped one.
"""

from __future__ import annotations

import shutil
from importlib.resources import files
from pathlib import Path

SHIPPED = Path(str(files("kiosk") / "shipped"))
CHECKOUT = Path(__file__).resolve().parent.parent


def font_file(name: str, media_dir: Path) -> Path:
    """The site's own font of that name if it has one, else the kiosk's."""
    curated = media_dir / "fonts" / name
    return curated if curated.is_file() else shipped_font(name)


def shipped_font(name: str) -> Path:
    return SHIPPED / "fonts" / name


def sample_site() -> Path:
    """The folder of the sample pavilion: in the wheel, or the top of a development checkout
    (where curators and developers edit it, and an editable install finds it)."""
    packaged = SHIPPED / "sample"
    if (packaged / "config.yaml").is_file():
        return packaged
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "config.yaml").is_file():
        return CHECKOUT
    raise FileNotFoundError(f"this installation carries no sample pavilion (looked in {packaged})")


SITE_PARTS = ("config.yaml", "zones", "media", "schema")  # what a site is made of; data/ it makes itself


class SiteExists(Exception):
    pass


def init_site(folder: Path) -> list[Path]:
    """Write a ready site into a new or empty folder: the sample pavilion's config.yaml (every
    setting commented), zones/, media/ and the schema the zone files point to."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SiteExists(f"{folder} is not an empty folder; kiosk init writes a site only into a new one")
    source = sample_site()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for part in SITE_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, folder / part, ignore=shutil.ignore_patterns(".*", "__pycache__"))
        else:
            shutil.copyfile(source / part, folder / part)
        written.append(folder / part)
    return written
