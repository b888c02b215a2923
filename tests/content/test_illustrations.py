"""The bundled illustrations show what their pages say: the real flags, a map of Poland on
which the Lubelskie hotspot sits in Lubelskie, and lit pictures rather than flat clip-art.

They read the committed pictures (what visitors see) and the generator that draws them
(tools/make_illustrations.py), so a picture changed by hand or left stale fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "media" / "images"


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location(
        "make_illustrations", ROOT / "tools" / "make_illustrations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def share(image: Image.Image, box, test) -> float:
    """The fraction of pixels inside `box` (x0, y0, x1, y1) for which `test(r, g, b)` holds."""
    region = image.convert("RGB").crop(tuple(round(v) for v in box))
    pixels = (
        list(region.get_flattened_data()) if hasattr(region, "get_flattened_data") else list(region.getdata())
    )
    return sum(1 for p in pixels if test(*p)) / len(pixels)


def white(r, g, b):
    return min(r, g, b) > 190 and max(r, g, b) - min(r, g, b) < 30


def red(r, g, b):
    return r > 140 and g < 70 and b < 90


def sky_blue(r, g, b):
    return r < 90 and g > 130 and b > 150


def gold(r, g, b):
    return r > 190 and g > 140 and b < 110


def inner(box, left, top, right, bottom):
    """Part of a flag's box, as fractions of its width and height."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    return (x0 + w * left, y0 + h * top, x0 + w * right, y0 + h * bottom)


def test_the_polish_flag_is_white_over_red(gen):
    picture = Image.open(IMAGES / "national-day-flags.png")
    box = gen.FLAG_BOXES["poland"]
    # away from the edges, where the waving moves the cloth by a few pixels
    assert share(picture, inner(box, 0.1, 0.12, 0.9, 0.38), white) > 0.9
    assert share(picture, inner(box, 0.1, 0.62, 0.9, 0.88), red) > 0.9
    flat = gen.poland_flag(80, 50)  # the design itself: two equal bands
    w, h = flat.size
    assert share(flat, (0, 0, w, h / 2 - 1), white) == 1.0
    assert share(flat, (0, h / 2 + 1, w, h), red) == 1.0


def test_the_kazakh_flag_is_sky_blue_with_sun_eagle_and_ornament(gen):
    picture = Image.open(IMAGES / "national-day-flags.png")
    box = gen.FLAG_BOXES["kazakhstan"]
    assert share(picture, inner(box, 0.05, 0.1, 0.95, 0.9), sky_blue) > 0.6
    assert share(picture, inner(box, 0.46, 0.3, 0.54, 0.44), gold) > 0.6  # the sun's disc
    ring = inner(box, 0.38, 0.1, 0.62, 0.2)  # above the disc: rays between blue
    assert 0.1 < share(picture, ring, gold) < 0.7
    assert share(picture, inner(box, 0.33, 0.6, 0.67, 0.82), gold) > 0.15  # the eagle's wings
    assert share(picture, inner(box, 0.03, 0.1, 0.1, 0.9), gold) > 0.15  # the ornament at the hoist
    assert share(picture, inner(box, 0.15, 0.1, 0.3, 0.9), gold) < 0.02  # ... and only there


# each voivodeship's seat, (lon, lat): the map must put it in its own voivodeship
SEATS = {
    "zachodniopomorskie": (14.55, 53.43),
    "pomorskie": (18.5, 54.3),
    "warminsko-mazurskie": (20.49, 53.78),
    "podlaskie": (23.16, 53.13),
    "lubuskie": (15.51, 51.94),
    "wielkopolskie": (16.93, 52.41),
    "kujawsko-pomorskie": (18.0, 53.12),
    "mazowieckie": (21.01, 52.23),
    "lodzkie": (19.46, 51.76),
    "lubelskie": (22.57, 51.25),
    "dolnoslaskie": (17.04, 51.11),
    "opolskie": (17.93, 50.67),
    "slaskie": (19.02, 50.26),
    "swietokrzyskie": (20.63, 50.87),
    "malopolskie": (19.94, 50.06),
    "podkarpackie": (22.0, 50.04),
}


def test_the_map_is_poland_s_sixteen_voivodeships_in_place(gen):
    assert set(gen.VOIVODESHIPS) == set(SEATS)
    for name, seat in SEATS.items():
        holders = [
            v for v, keys in gen.VOIVODESHIPS.items() if gen.point_in_polygon(seat, [gen.P[k] for k in keys])
        ]
        assert holders == [name], (name, holders)
    areas = {v: abs(gen.polygon_area([gen.P[k] for k in keys])) for v, keys in gen.VOIVODESHIPS.items()}
    # the largest are Mazowieckie and Wielkopolskie, the smallest Opolskie, as in reality
    assert sorted(areas, key=areas.get)[-2:] in (
        ["wielkopolskie", "mazowieckie"],
        ["mazowieckie", "wielkopolskie"],
    )
    assert min(areas, key=areas.get) == "opolskie"


def lubelskie_spot() -> dict:
    zone = yaml.safe_load((ROOT / "zones" / "regions.yaml").read_text(encoding="utf-8"))
    for page in zone["pages"]:
        for block in page["blocks"]:
            if block.get("type") == "hotspots" and block["src"] == "images/regions-voivodeships.png":
                return next(spot for spot in block["spots"] if spot["id"] == "lubelskie")
    raise AssertionError("no hotspots block on the voivodeships map")


def test_the_lubelskie_hotspot_sits_on_lubelskie(gen):
    spot = lubelskie_spot()
    w, h = gen.PAGE
    point = (spot["x"] * w, spot["y"] * h)
    centre, height = gen.VOIVODESHIPS_MAP
    project = gen.map_projection(centre, height)
    polygons = {name: gen.voivodeship_outline(name, project) for name in gen.VOIVODESHIPS}
    assert [n for n, poly in polygons.items() if gen.point_in_polygon(point, poly)] == ["lubelskie"]
    # deep inside, so the marker does not straddle a border
    for other, poly in polygons.items():
        for dx, dy in ((-40, 0), (40, 0), (0, -40), (0, 40)):
            inside = gen.point_in_polygon((point[0] + dx, point[1] + dy), poly)
            assert inside == (other == "lubelskie"), (other, dx, dy)
    # and the picture shows Lubelskie there, in the zone's accent
    r, g, b = Image.open(IMAGES / "regions-voivodeships.png").convert("RGB").getpixel(point)
    accent = gen.ACCENT["regions"]
    assert max(abs(r - accent[0]), abs(g - accent[1]), abs(b - accent[2])) < 60


@pytest.mark.parametrize("name", ["national-day-flags.png", "regions-voivodeships.png"])
def test_the_generator_is_deterministic_and_the_committed_pictures_are_its_own(gen, name):
    first = gen.IMAGES[name]().final()
    second = gen.IMAGES[name]().final()
    assert first.tobytes() == second.tobytes()
    committed = Image.open(IMAGES / name).convert("RGB")
    assert committed.size == first.size and committed.tobytes() == first.tobytes()


def test_pictures_are_lit_not_flat():
    sizes = 0
    for path in sorted(IMAGES.glob("*.png")):
        image = Image.open(path).convert("RGB")
        pixels = image.width * image.height
        colours = sorted((count for count, _ in image.getcolors(pixels)), reverse=True)
        # flat clip-art is a handful of fills (twelve colours cover 87-98 % of each old
        # picture); lit pictures spread over gradients
        assert sum(colours[:12]) / pixels < 0.5, path.name
        # the background itself is a gradient: top and bottom rows differ
        top = image.crop((0, 0, image.width, 4)).resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
        bottom = image.crop((0, image.height - 4, image.width, image.height)).resize(
            (1, 1), Image.Resampling.BOX
        )
        assert sum(abs(a - b) for a, b in zip(top, bottom.getpixel((0, 0)))) > 20, path.name
        sizes += path.stat().st_size
    assert sizes < 5_000_000  # all of them, still a small download
