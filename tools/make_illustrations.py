"""Draw the kiosk's bundled illustrations into media/images/.

The source text of the exhibit has no pictures, so every image the zones show is drawn
here: flat, light, schematic graphics in the spirit of Expo 2017 "Future Energy" – soft
backgrounds, the zone's accent colour, simple geometric shapes and generous margins.

The images are honest illustrations, not photographs or maps: diagrams, patterns and icons.
They contain no words, so they work in every kiosk language (the only characters drawn are
the day numbers on the calendar sheets). The zone files credit them as
"Ilustracja poglądowa" / "Illustration (schematic)".

Everything is drawn at twice the final size and scaled down with LANCZOS for smooth edges.
Nothing is random, so running the script again gives the same files:

    /tmp/venv/bin/python tools/make_illustrations.py            # all images
    /tmp/venv/bin/python tools/make_illustrations.py forest     # only names containing "forest"

Covers are 1200x800 (images/<zone-id>-cover.png), page images 1600x1000. Each PNG is
optimised and, if still larger than MAX_BYTES, reduced to a 256-colour palette.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "media" / "images"
FONT_BOLD = ROOT / "kiosk" / "shipped" / "fonts" / "NotoSans-Bold.ttf"

SS = 2  # supersampling factor: draw at 2x, then downscale
COVER = (1200, 800)
PAGE = (1600, 1000)
MAX_BYTES = 250_000

Colour = tuple[int, int, int]
Point = tuple[float, float]

# -- colours -------------------------------------------------------------------------------


def rgb(hex_colour: str) -> Colour:
    h = hex_colour.lstrip("#")
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def mix(a: Colour, b: Colour, t: float) -> Colour:
    """`a` moved a fraction `t` of the way towards `b`."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))  # type: ignore[return-value]


WHITE: Colour = (255, 255, 255)
INK: Colour = rgb("#27303D")  # the darkest tone used in drawings
GREY: Colour = rgb("#C9D0DA")
AMBER: Colour = rgb("#F2A33A")
ORANGE: Colour = rgb("#E8702A")
YELLOW: Colour = rgb("#FFD37A")

ACCENT = {
    "technologies": rgb("#1F4E8C"),
    "forest": rgb("#2E6B3A"),
    "regions": rgb("#8A4B0F"),
    "poland-kazakhstan": rgb("#00697A"),
    "national-day": rgb("#B0122B"),
}


def tint(colour: Colour, t: float) -> Colour:
    """`colour` lightened: t=0 is the colour, t=1 is white."""
    return mix(colour, WHITE, t)


def shade(colour: Colour, t: float) -> Colour:
    """`colour` darkened: t=0 is the colour, t=1 is the ink tone."""
    return mix(colour, INK, t)


# -- geometry ------------------------------------------------------------------------------


def bezier(*ctrl: Point, steps: int = 40) -> list[Point]:
    """Points along a quadratic or cubic Bézier curve."""
    pts = []
    for i in range(steps + 1):
        t = i / steps
        if len(ctrl) == 3:
            (x0, y0), (x1, y1), (x2, y2) = ctrl
            x = (1 - t) ** 2 * x0 + 2 * (1 - t) * t * x1 + t**2 * x2
            y = (1 - t) ** 2 * y0 + 2 * (1 - t) * t * y1 + t**2 * y2
        else:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3) = ctrl
            a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            x = a * x0 + b * x1 + c * x2 + d * x3
            y = a * y0 + b * y1 + c * y2 + d * y3
        pts.append((x, y))
    return pts


def arc_points(cx: float, cy: float, r: float, a0: float, a1: float, steps: int = 60) -> list[Point]:
    """Points on a circle from angle a0 to a1 (degrees, 0 = east, clockwise as on screen)."""
    return [
        (
            cx + r * math.cos(math.radians(a0 + (a1 - a0) * i / steps)),
            cy + r * math.sin(math.radians(a0 + (a1 - a0) * i / steps)),
        )
        for i in range(steps + 1)
    ]


def hexagon(cx: float, cy: float, r: float) -> list[Point]:
    """A pointy-top regular hexagon of circumradius r."""
    return [
        (cx + r * math.cos(math.radians(60 * i - 90)), cy + r * math.sin(math.radians(60 * i - 90)))
        for i in range(6)
    ]


# -- the drawing surface -------------------------------------------------------------------


class Canvas:
    """An image drawn in final-size coordinates at SS times the resolution."""

    def __init__(self, size: tuple[int, int], background: Colour):
        self.w, self.h = size
        self.img = Image.new("RGB", (self.w * SS, self.h * SS), background)
        self.d = ImageDraw.Draw(self.img)

    @staticmethod
    def _pts(points: Sequence[Point]) -> list[Point]:
        return [(x * SS, y * SS) for x, y in points]

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        fill: Colour | None = None,
        outline: Colour | None = None,
        width: float = 0,
    ) -> None:
        self.d.ellipse(
            [(cx - r) * SS, (cy - r) * SS, (cx + r) * SS, (cy + r) * SS],
            fill=fill,
            outline=outline,
            width=round(width * SS),
        )

    def ellipse(self, x0: float, y0: float, x1: float, y1: float, fill: Colour) -> None:
        self.d.ellipse([x0 * SS, y0 * SS, x1 * SS, y1 * SS], fill=fill)

    def rect(
        self,
        x0: float,
        y0: float,
        x1: float,
        y1: float,
        fill: Colour | None = None,
        radius: float = 0,
        outline: Colour | None = None,
        width: float = 0,
        corners: tuple[bool, bool, bool, bool] | None = None,
    ) -> None:
        """A rectangle; `corners` (top-left, top-right, bottom-right, bottom-left) picks which
        corners are rounded."""
        self.d.rounded_rectangle(
            [x0 * SS, y0 * SS, x1 * SS, y1 * SS],
            radius=round(radius * SS),
            fill=fill,
            outline=outline,
            width=round(width * SS),
            corners=corners,
        )

    def poly(self, points: Sequence[Point], fill: Colour) -> None:
        self.d.polygon(self._pts(points), fill=fill)

    def line(self, points: Sequence[Point], fill: Colour, width: float) -> None:
        """A stroke with round ends, filled as one polygon so curves stay smooth.

        Smooth paths become a single outline offset by half the width on each side; paths with
        sharp corners are drawn segment by segment with round joints.
        """
        pts: list[Point] = []
        for x, y in self._pts(points):
            if not pts or math.hypot(x - pts[-1][0], y - pts[-1][1]) > 1e-6:
                pts.append((x, y))
        hw = width * SS / 2
        cap = max(hw - 0.5, 0.5)  # PIL ellipses are one pixel wider than their radius
        if len(pts) == 1:
            x, y = pts[0]
            self.d.ellipse([x - cap, y - cap, x + cap, y + cap], fill=fill)
            return
        normals = []
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            length = math.hypot(x1 - x0, y1 - y0)
            normals.append((-(y1 - y0) / length, (x1 - x0) / length))
        left, right, sharp = [], [], False
        for i, (x, y) in enumerate(pts):
            n1 = normals[max(i - 1, 0)]
            n2 = normals[min(i, len(normals) - 1)]
            nx, ny = n1[0] + n2[0], n1[1] + n2[1]
            norm = math.hypot(nx, ny)
            cos_half = norm / 2
            if cos_half < 0.8:
                sharp = True
                break
            nx, ny = nx / norm, ny / norm
            k = hw / cos_half
            left.append((x + nx * k, y + ny * k))
            right.append((x - nx * k, y - ny * k))
        if sharp:
            for (x0, y0), (x1, y1), (nx, ny) in zip(pts, pts[1:], normals):
                self.d.polygon(
                    [
                        (x0 + nx * hw, y0 + ny * hw),
                        (x1 + nx * hw, y1 + ny * hw),
                        (x1 - nx * hw, y1 - ny * hw),
                        (x0 - nx * hw, y0 - ny * hw),
                    ],
                    fill=fill,
                )
            ends = pts
        else:
            self.d.polygon(left + right[::-1], fill=fill)
            ends = [pts[0], pts[-1]]
        for x, y in ends:
            self.d.ellipse([x - cap, y - cap, x + cap, y + cap], fill=fill)

    def dashed(self, points: Sequence[Point], fill: Colour, width: float, dash: float, gap: float) -> None:
        """A dashed polyline (dashes measured along the path)."""
        segments: list[list[Point]] = []
        current: list[Point] = []
        pos, on = 0.0, True
        limit = dash
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            seg = math.hypot(x1 - x0, y1 - y0)
            start = 0.0
            while seg - start > 1e-9:
                step = min(limit - pos, seg - start)
                t0, t1 = start / seg, (start + step) / seg
                a = (x0 + (x1 - x0) * t0, y0 + (y1 - y0) * t0)
                b = (x0 + (x1 - x0) * t1, y0 + (y1 - y0) * t1)
                if on:
                    if not current:
                        current.append(a)
                    current.append(b)
                start += step
                pos += step
                if pos >= limit - 1e-9:
                    if on and current:
                        segments.append(current)
                    current = []
                    on = not on
                    pos, limit = 0.0, (dash if on else gap)
        if on and len(current) > 1:
            segments.append(current)
        for seg_pts in segments:
            self.line(seg_pts, fill, width)

    def arrow_head(self, tip: Point, towards: Point, fill: Colour, size: float) -> None:
        """A triangular head with its tip at `tip`, pointing away from `towards`."""
        (x, y), (px, py) = tip, towards
        length = math.hypot(x - px, y - py) or 1.0
        ux, uy = (x - px) / length, (y - py) / length
        bx, by = x - ux * size, y - uy * size
        half = size * 0.55
        self.poly([(x, y), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)], fill)

    def arrow(
        self,
        points: Sequence[Point],
        fill: Colour,
        width: float,
        head: float | None = None,
        both: bool = False,
    ) -> None:
        """A polyline ending in an arrow head (and starting with one if `both`)."""
        head = head or width * 3.2
        pts = list(points)
        base, pts = self._cut(pts, head * 0.8)
        self.arrow_head(points[-1], base, fill, head)
        if both:
            base, rev = self._cut(pts[::-1], head * 0.8)
            self.arrow_head(points[0], base, fill, head)
            pts = rev[::-1]
        self.line(pts, fill, width)

    @staticmethod
    def _cut(pts: list[Point], distance: float) -> tuple[Point, list[Point]]:
        """The point `distance` before the end of the path, and the path up to that point."""
        out = list(pts)
        remaining = distance
        while len(out) > 1:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            seg = math.hypot(x1 - x0, y1 - y0)
            if seg >= remaining:
                t = (seg - remaining) / seg if seg else 0.0
                out[-1] = (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
                return out[-1], out
            remaining -= seg
            out.pop()
        return out[0], [out[0], out[0]]

    def digits(self, cx: float, cy: float, text: str, size: float, fill: Colour) -> None:
        """Digits only (the images carry no words); centred on (cx, cy)."""
        assert text.isdigit(), "illustrations carry no words"
        font = ImageFont.truetype(str(FONT_BOLD), round(size * SS))
        self.d.text((cx * SS, cy * SS), text, font=font, fill=fill, anchor="mm")

    def save(self, name: str) -> Path:
        small = self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)
        path = OUT / name
        small.save(path, optimize=True)
        if path.stat().st_size > MAX_BYTES:
            small.quantize(256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
                path, optimize=True
            )
        return path


# -- shared motifs -------------------------------------------------------------------------


def backdrop(size: tuple[int, int], accent: Colour, blobs: Sequence[tuple[float, float, float]]) -> Canvas:
    """A soft light background in the accent's tint, with a few large pale circles."""
    c = Canvas(size, tint(accent, 0.93))
    for cx, cy, r in blobs:
        c.circle(cx, cy, r, fill=tint(accent, 0.86))
    return c


def flame(
    c: Canvas, cx: float, base: float, w: float, h: float, colours: Sequence[Colour] = (ORANGE, AMBER, YELLOW)
) -> None:
    """A stylised flame: nested teardrops, widest at the bottom."""
    for i, colour in enumerate(colours):
        k = 1 - i * 0.3
        ww, hh = w * k, h * k
        b = base - (1 - k) * h * 0.08
        left = bezier((cx, b), (cx - ww * 0.62, b), (cx - ww * 0.5, b - hh * 0.55), (cx + ww * 0.02, b - hh))
        right = bezier((cx + ww * 0.02, b - hh), (cx + ww * 0.42, b - hh * 0.5), (cx + ww * 0.62, b), (cx, b))
        c.poly(left + right, colour)


def coal_lump(c: Canvas, cx: float, cy: float, r: float, base: Colour = INK) -> None:
    """A low-poly lump of coal: facets lit from the upper left around a flat top face."""
    o = [
        (-1.0, 0.1),
        (-0.75, -0.5),
        (-0.2, -0.8),
        (0.5, -0.68),
        (0.98, -0.15),
        (0.8, 0.5),
        (0.15, 0.72),
        (-0.62, 0.58),
    ]
    i = [(-0.45, -0.25), (0.1, -0.42), (0.45, -0.05), (-0.05, 0.2)]
    facets = [
        ([i[0], i[1], i[2], i[3]], 0.48),
        ([o[1], o[2], i[1], i[0]], 0.4),
        ([o[2], o[3], i[1]], 0.33),
        ([o[3], o[4], i[2], i[1]], 0.26),
        ([o[4], o[5], i[2]], 0.14),
        ([o[5], o[6], i[3], i[2]], 0.05),
        ([o[6], o[7], i[3]], 0.0),
        ([o[7], o[0], i[0], i[3]], 0.1),
        ([o[0], o[1], i[0]], 0.22),
    ]
    for points, light in facets:
        c.poly([(cx + x * r, cy + y * r) for x, y in points], mix(base, WHITE, light))


def sparkle(c: Canvas, cx: float, cy: float, r: float, colour: Colour) -> None:
    """A four-pointed star."""
    k = r * 0.22
    c.poly(
        [
            (cx, cy - r),
            (cx + k, cy - k),
            (cx + r, cy),
            (cx + k, cy + k),
            (cx, cy + r),
            (cx - k, cy + k),
            (cx - r, cy),
            (cx - k, cy - k),
        ],
        colour,
    )


def leaf(
    c: Canvas, cx: float, cy: float, length: float, angle: float, colour: Colour, vein: Colour | None = None
) -> None:
    """A leaf shape along `angle` (degrees), centred at (cx, cy)."""
    a = math.radians(angle)
    ux, uy = math.cos(a), math.sin(a)
    nx, ny = -uy, ux
    half, wide = length / 2, length * 0.3
    p0 = (cx - ux * half, cy - uy * half)
    p1 = (cx + ux * half, cy + uy * half)
    s1 = bezier(
        p0,
        (cx - ux * half * 0.3 + nx * wide, cy - uy * half * 0.3 + ny * wide),
        (cx + ux * half * 0.4 + nx * wide * 0.8, cy + uy * half * 0.4 + ny * wide * 0.8),
        p1,
    )
    s2 = bezier(
        p1,
        (cx + ux * half * 0.4 - nx * wide * 0.8, cy + uy * half * 0.4 - ny * wide * 0.8),
        (cx - ux * half * 0.3 - nx * wide, cy - uy * half * 0.3 - ny * wide),
        p0,
    )
    c.poly(s1 + s2, colour)
    if vein:
        c.line([p0, (cx + ux * half * 0.75, cy + uy * half * 0.75)], vein, length * 0.035)


def conifer(c: Canvas, x: float, ground: float, h: float, colour: Colour, trunk: Colour) -> None:
    w = h * 0.5
    c.rect(x - h * 0.035, ground - h * 0.2, x + h * 0.035, ground, fill=trunk)
    for i, (top, bottom, width) in enumerate(((0.0, 0.45, 0.6), (0.22, 0.68, 0.8), (0.42, 0.88, 1.0))):
        c.poly(
            [
                (x, ground - h + top * h),
                (x + w * width / 2, ground - h + bottom * h),
                (x - w * width / 2, ground - h + bottom * h),
            ],
            mix(colour, WHITE, 0.06 * i),
        )


def broadleaf(c: Canvas, x: float, ground: float, h: float, colour: Colour, trunk: Colour) -> None:
    r = h * 0.3
    c.rect(x - h * 0.04, ground - h * 0.45, x + h * 0.04, ground, fill=trunk, radius=h * 0.02)
    c.circle(x - r * 0.55, ground - h * 0.55, r * 0.72, fill=shade(colour, 0.12))
    c.circle(x + r * 0.55, ground - h * 0.55, r * 0.72, fill=shade(colour, 0.12))
    c.circle(x, ground - h + r, r, fill=colour)


def person(c: Canvas, x: float, top: float, h: float, colour: Colour) -> None:
    """A simple person icon, `h` tall: a round head over rounded shoulders."""
    head = h * 0.2
    c.circle(x, top + head, head, fill=colour)
    body_top = top + head * 2 + h * 0.06
    w = h * 0.27
    c.ellipse(x - w, body_top, x + w, body_top + 2 * w, colour)
    c.rect(
        x - w, body_top + w, x + w, top + h, fill=colour, radius=h * 0.04, corners=(False, False, True, True)
    )


def pin(c: Canvas, x: float, tip_y: float, r: float, colour: Colour) -> None:
    """A location pin whose tip is at (x, tip_y): a circle with a tangent point below."""
    d = r * 2.1
    cy = tip_y - d
    alpha = math.acos(r / d)
    c.poly(
        [
            (x, tip_y),
            (x + r * math.sin(alpha), cy + r * math.cos(alpha)),
            (x - r * math.sin(alpha), cy + r * math.cos(alpha)),
        ],
        colour,
    )
    c.circle(x, cy, r, fill=colour)
    c.circle(x, cy, r * 0.42, fill=WHITE)


def document(
    c: Canvas, x: float, y: float, w: float, h: float, paper: Colour, lines: Colour, signature: Colour
) -> None:
    fold = w * 0.22
    c.poly([(x, y), (x + w - fold, y), (x + w, y + fold), (x + w, y + h), (x, y + h)], paper)
    c.poly([(x + w - fold, y), (x + w - fold, y + fold), (x + w, y + fold)], mix(paper, lines, 0.5))
    pad = w * 0.16
    for i in range(4):
        ly = y + h * 0.24 + i * h * 0.12
        end = x + w - pad - (w * 0.25 if i == 3 else 0)
        c.line([(x + pad, ly), (end, ly)], lines, h * 0.035)
    sig = [
        (
            x + pad + i * (w * 0.5) / 30,
            y + h * 0.8 - math.sin(i / 30 * math.pi * 3) * h * 0.05 - i * h * 0.002,
        )
        for i in range(31)
    ]
    c.line(sig, signature, h * 0.03)


def music_note(c: Canvas, x: float, y: float, s: float, colour: Colour) -> None:
    """Two beamed eighth notes; (x, y) is the first note head."""
    for dx in (0, s * 1.1):
        c.ellipse(x + dx - s * 0.3, y - s * 0.21, x + dx + s * 0.3, y + s * 0.21, colour)
        c.rect(x + dx + s * 0.22, y - s * 1.25, x + dx + s * 0.32, y, fill=colour)
    c.poly(
        [
            (x + s * 0.22, y - s * 1.25),
            (x + s * 1.42, y - s * 1.4),
            (x + s * 1.42, y - s * 1.15),
            (x + s * 0.22, y - s * 1.0),
        ],
        colour,
    )


def wavy_flag(
    c: Canvas, pole_x: float, top: float, w: float, h: float, colour: Colour, phase: float = 0.0
) -> None:
    """A plain flag (no national design) waving to the right of a pole."""
    n = 40
    amp = h * 0.07
    top_edge = [
        (pole_x + w * i / n, top + amp * math.sin(i / n * math.pi * 2 + phase) * i / n) for i in range(n + 1)
    ]
    bottom = [(x, y + h) for x, y in reversed(top_edge)]
    c.poly(top_edge + bottom, colour)


def pole(c: Canvas, x: float, top: float, ground: float, colour: Colour) -> None:
    c.rect(x - 5, top, x + 5, ground, fill=colour, radius=4)
    c.circle(x, top - 6, 11, fill=colour)
    c.rect(x - 34, ground - 8, x + 34, ground + 6, fill=colour, radius=6)


def cartogram_tiles() -> list[tuple[float, float, bool]]:
    """A tile cartogram of Poland's 16 voivodeships, deliberately schematic.

    Each voivodeship is one hexagon in a rough north-to-south, west-to-east arrangement;
    sizes and borders are not geographic. The Lubelskie tile (east) is flagged True.
    """
    rows = [
        (0.5, ["zachodniopomorskie", "pomorskie", "warminsko-mazurskie", "podlaskie"]),
        (0.0, ["lubuskie", "wielkopolskie", "kujawsko-pomorskie", "mazowieckie"]),
        (0.5, ["dolnoslaskie", "lodzkie", "swietokrzyskie", "lubelskie"]),
        (0.0, ["opolskie", "slaskie", "malopolskie", "podkarpackie"]),
    ]
    tiles = []
    for row, (offset, names) in enumerate(rows):
        for col, name in enumerate(names):
            tiles.append((col + offset, row, name == "lubelskie"))
    assert len(tiles) == 16
    return tiles


def draw_cartogram(
    c: Canvas,
    cx: float,
    cy: float,
    r: float,
    accent: Colour,
    others: Sequence[Colour],
    dot: bool = True,
) -> None:
    """The tile cartogram centred on (cx, cy) with tiles of circumradius r.

    `dot` draws a white dot in the highlighted tile; leave it out where the kiosk puts its own
    hotspot marker on the tile (regions-voivodeships.png).
    """
    dx, dy = r * math.sqrt(3), r * 1.5
    tiles = cartogram_tiles()
    min_x = min(t[0] for t in tiles)
    max_x = max(t[0] for t in tiles)
    ox = cx - (min_x + max_x) / 2 * dx
    oy = cy - 1.5 * dy
    for i, (col, row, highlight) in enumerate(tiles):
        x, y = ox + col * dx, oy + row * dy
        if highlight:
            c.poly(hexagon(x, y, r * 0.93), accent)
            if dot:
                c.circle(x, y, r * 0.22, fill=WHITE)
        else:
            c.poly(hexagon(x, y, r * 0.93), others[(i * 7 + row) % len(others)])


# -- the images ----------------------------------------------------------------------------


def technologies_cover() -> Canvas:
    a = ACCENT["technologies"]
    c = backdrop(COVER, a, [(930, 180, 260), (160, 700, 200)])
    # a pattern of hexagons, like a molecular lattice
    for i in range(6):
        for j in range(4):
            x, y = 120 + i * 84 + (42 if j % 2 else 0), 150 + j * 72
            if (i + j * 2) % 5 != 0:
                c.poly(hexagon(x, y, 40), tint(a, 0.78 - 0.08 * ((i + j) % 3)))
    coal_lump(c, 420, 520, 150, base=shade(a, 0.75))
    c.arrow(bezier((600, 520), (680, 430), (760, 430)), a, 16)
    c.circle(900, 470, 150, fill=tint(a, 0.7))
    flame(c, 900, 590, 150, 240)
    for x, y, r in ((330, 310, 26), (560, 360, 18), (1060, 300, 22)):
        sparkle(c, x, y, r, a)
    return c


def technologies_clean_coal() -> Canvas:
    a = ACCENT["technologies"]
    c = backdrop(PAGE, a, [(1350, 160, 300), (200, 880, 240)])
    c.circle(800, 500, 300, fill=tint(a, 0.8))
    c.circle(800, 500, 300, outline=a, width=14)
    coal_lump(c, 800, 520, 175, base=shade(a, 0.75))
    for x, y, r in ((655, 330, 34), (965, 360, 26), (930, 690, 20), (630, 650, 16)):
        sparkle(c, x, y, r, WHITE if r < 25 else a)
    # two satellites: gas flame (gasification) and leaf (biomass)
    for (sx, sy), draw in (((250, 270), "flame"), ((1350, 730), "leaf")):
        dist = math.hypot(sx - 800, sy - 500)
        ux, uy = (sx - 800) / dist, (sy - 500) / dist
        c.dashed([(800 + ux * 322, 500 + uy * 322), (sx - ux * 150, sy - uy * 150)], a, 8, 20, 18)
        c.circle(sx, sy, 130, fill=WHITE)
        c.circle(sx, sy, 130, outline=tint(a, 0.5), width=6)
        if draw == "flame":
            flame(c, sx, sy + 80, 120, 170)
        else:
            leaf(c, sx, sy, 170, -50, rgb("#4E9A5A"), vein=tint(rgb("#4E9A5A"), 0.5))
    return c


def technologies_gasification() -> Canvas:
    a = ACCENT["technologies"]
    c = backdrop(PAGE, a, [(1450, 120, 260), (120, 920, 220)])
    ground = 760
    c.rect(120, ground, 1480, ground + 14, fill=tint(a, 0.7), radius=7)
    # 1. coal
    for x, y, r in ((230, 700, 62), (350, 705, 56), (290, 625, 58)):
        coal_lump(c, x, y, r, base=shade(a, 0.75))
    c.arrow([(450, 640), (590, 640)], AMBER, 18)
    # 2. the reactor vessel, glowing inside
    c.rect(640, 280, 900, ground, fill=a, radius=60)
    c.rect(680, 340, 860, 700, fill=shade(a, 0.25), radius=36)
    for i in range(4):
        y = 390 + i * 80
        c.rect(700, y, 840, y + 40, fill=mix(AMBER, shade(a, 0.25), 0.15 + i * 0.2), radius=20)
    c.rect(740, 230, 800, 290, fill=shade(a, 0.3), radius=10)
    # 3. gas led by a pipe to a burner with a flame
    pipe = [(900, 360), (1010, 360), (1010, 690), (1090, 690)]
    c.line(pipe, tint(a, 0.45), 36)
    c.line(pipe, tint(a, 0.78), 16)
    for tip, tail in (((975, 360), (945, 360)), ((1010, 540), (1010, 510))):
        c.arrow_head(tip, tail, a, 34)
    c.rect(1090, 620, 1340, ground, fill=shade(a, 0.2), radius=24)
    c.rect(1120, 590, 1310, 630, fill=shade(a, 0.45), radius=12)
    flame(c, 1215, 595, 200, 320)
    return c


def technologies_biomass() -> Canvas:
    a = ACCENT["technologies"]
    green = rgb("#4E9A5A")
    c = backdrop(PAGE, a, [(1420, 880, 280), (160, 140, 220)])
    ground = 760
    c.rect(120, ground, 1480, ground + 14, fill=tint(a, 0.7), radius=7)
    # leaves and a heap of pellets
    leaf(c, 300, 370, 230, -35, green, vein=tint(green, 0.45))
    leaf(c, 420, 420, 170, -75, mix(green, YELLOW, 0.3), vein=tint(green, 0.5))
    pellet = rgb("#B07A3B")
    for row, count in enumerate((7, 6, 5, 3)):
        for i in range(count):
            x = 210 + i * 56 + row * 28 + (row % 2) * 4
            y = ground - 30 - row * 44
            c.rect(x - 24, y - 17, x + 24, y + 17, fill=mix(pellet, WHITE, 0.12 * ((i + row) % 3)), radius=17)
    c.arrow(bezier((640, 560), (760, 470), (880, 560)), a, 18)
    # a stove with a flame
    c.rect(960, 420, 1360, ground, fill=a, radius=40)
    c.rect(1010, 480, 1310, 700, fill=shade(a, 0.4), radius=28)
    flame(c, 1160, 690, 220, 230)
    c.rect(1130, 330, 1190, 420, fill=shade(a, 0.2), radius=8)
    return c


def forest_scene(c: Canvas, a: Colour, ground: float, width: int, scale: float = 1.0) -> None:
    greens = [a, rgb("#3F8A4E"), rgb("#5E9F5A"), rgb("#7DB36B")]
    trunk = rgb("#7A5A3A")
    # back row, lighter; front row, stronger
    back = [
        (0.08, 0.7, "c"),
        (0.19, 0.85, "b"),
        (0.3, 0.75, "c"),
        (0.42, 0.9, "c"),
        (0.55, 0.8, "b"),
        (0.66, 0.95, "c"),
        (0.78, 0.75, "b"),
        (0.9, 0.85, "c"),
    ]
    front = [
        (0.13, 1.0, "c"),
        (0.25, 0.85, "b"),
        (0.37, 1.1, "c"),
        (0.5, 0.95, "b"),
        (0.61, 1.15, "c"),
        (0.73, 0.9, "b"),
        (0.85, 1.05, "c"),
        (0.96, 0.8, "b"),
    ]
    for layer, trees, lighten in ((0, back, 0.45), (1, front, 0.0)):
        g = ground - (30 if layer == 0 else 0)
        for i, (fx, fh, kind) in enumerate(trees):
            colour = tint(greens[(i + layer) % len(greens)], lighten)
            h = 300 * fh * scale
            draw = conifer if kind == "c" else broadleaf
            draw(c, fx * width, g, h, colour, tint(trunk, lighten))


def forest_cover() -> Canvas:
    a = ACCENT["forest"]
    c = backdrop(COVER, a, [(950, 170, 110)])
    c.circle(950, 170, 70, fill=tint(YELLOW, 0.2))
    c.poly(
        [(0, 560), *bezier((0, 560), (400, 430), (800, 620), (1200, 500)), (1200, 800), (0, 800)],
        tint(a, 0.72),
    )
    forest_scene(c, a, 640, 1200, scale=1.05)
    c.rect(0, 640, 1200, 800, fill=tint(a, 0.55))
    return c


def forest_wealth() -> Canvas:
    a = ACCENT["forest"]
    c = backdrop(PAGE, a, [(1300, 200, 150)])
    c.circle(1300, 200, 95, fill=tint(YELLOW, 0.2))
    c.poly(
        [(0, 640), *bezier((0, 640), (500, 520), (1000, 720), (1600, 580)), (1600, 1000), (0, 1000)],
        tint(a, 0.72),
    )
    forest_scene(c, a, 800, 1600, scale=1.3)
    c.rect(0, 800, 1600, 1000, fill=tint(a, 0.55))
    # birds
    for x, y, s in ((380, 200, 34), (450, 250, 26), (520, 190, 22)):
        c.line(bezier((x - s, y - s * 0.3), (x - s * 0.4, y - s * 0.6), (x, y)), shade(a, 0.3), 6)
        c.line(bezier((x, y), (x + s * 0.4, y - s * 0.6), (x + s, y - s * 0.3)), shade(a, 0.3), 6)
    # mushrooms and ferns in the foreground
    for x in (260, 1180):
        c.rect(x - 10, 860, x + 10, 900, fill=tint(rgb("#7A5A3A"), 0.5), radius=6)
        c.poly(arc_points(x, 866, 34, 180, 360), rgb("#C4553B"))
    for x in (600, 980):
        for ang in (-140, -110, -70, -40):
            leaf(
                c,
                x + math.cos(math.radians(ang)) * 40,
                900 + math.sin(math.radians(ang)) * 40,
                90,
                ang,
                tint(a, 0.2),
            )
    return c


def co2_molecule(c: Canvas, x: float, y: float, r: float, angle: float = 0) -> None:
    """Carbon in the middle, an oxygen on each side (no letters)."""
    ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    oxygen, carbon = rgb("#E07B67"), rgb("#4A5160")
    for s in (-1, 1):
        c.circle(x + s * ux * r * 1.55, y + s * uy * r * 1.55, r * 0.82, fill=oxygen)
    c.circle(x, y, r, fill=carbon)


def forest_co2() -> Canvas:
    a = ACCENT["forest"]
    c = backdrop(PAGE, a, [(180, 160, 200), (1450, 260, 180)])
    c.rect(0, 820, 1600, 1000, fill=tint(a, 0.6))
    greens = [a, rgb("#3F8A4E"), rgb("#5E9F5A")]
    trunk = rgb("#7A5A3A")
    for i, (x, h, kind) in enumerate(
        ((330, 420, "c"), (560, 500, "b"), (800, 560, "c"), (1040, 480, "b"), (1270, 430, "c"))
    ):
        (conifer if kind == "c" else broadleaf)(c, x, 820, h, greens[i % 3], trunk)
    # molecules drifting down into the canopies
    for i, (mx, my, tx, ty) in enumerate(
        (
            (250, 120, 330, 430),
            (560, 90, 560, 360),
            (880, 120, 800, 300),
            (1160, 100, 1040, 380),
            (1420, 150, 1270, 440),
        )
    ):
        co2_molecule(c, mx, my, 28, angle=(-15, 10, -5, 15, -10)[i])
        mid = ((mx + tx) / 2 + (40 if i % 2 else -40), (my + ty) / 2)
        c.arrow(bezier((mx, my + 50), mid, (tx, ty - 45)), rgb("#5C6475"), 11, head=40)
    return c


def regions_cover() -> Canvas:
    a = ACCENT["regions"]
    c = backdrop(COVER, a, [(1040, 640, 230), (120, 120, 160)])
    draw_cartogram(c, 600, 410, 92, a, [tint(a, 0.55), tint(a, 0.68), tint(AMBER, 0.5), tint(a, 0.78)])
    return c


def regions_voivodeships() -> Canvas:
    a = ACCENT["regions"]
    c = backdrop(PAGE, a, [(1420, 140, 220), (150, 880, 200)])
    # no dot on Lubelskie: the zone file puts a hotspot there and the kiosk draws its marker
    draw_cartogram(
        c, 800, 510, 120, a, [tint(a, 0.6), tint(a, 0.72), tint(AMBER, 0.55), tint(a, 0.8)], dot=False
    )
    return c


def regions_education() -> Canvas:
    a = ACCENT["regions"]
    c = backdrop(PAGE, a, [(800, 470, 420), (1450, 880, 160)])
    # mortarboard
    cx, top = 800, 170
    c.poly(
        [(cx - 150, top + 150), (cx + 150, top + 150), (cx + 130, top + 240), (cx - 130, top + 240)],
        shade(a, 0.35),
    )
    c.poly([(cx, top), (cx + 300, top + 110), (cx, top + 200), (cx - 300, top + 110)], a)
    c.circle(cx, top + 100, 16, fill=AMBER)
    c.line([(cx, top + 100), (cx + 230, top + 140), (cx + 230, top + 260)], AMBER, 9)
    c.rect(cx + 214, top + 250, cx + 246, top + 310, fill=AMBER, radius=10)
    # a row of young people
    tones = [tint(a, 0.15), tint(AMBER, 0.1), a, tint(a, 0.35), shade(a, 0.2)]
    for i, tone in enumerate(tones):
        x = 800 + (i - 2) * 150
        h = 250 + (25 if i % 2 else 0)
        person(c, x, 870 - h, h, tone)
    # stacks of books at the sides
    covers = [a, tint(AMBER, 0.1), shade(a, 0.3), tint(a, 0.4)]
    for bx, shift in ((270, 0), (1330, 1)):
        for k in range(4):
            w = 190 - (k % 2) * 24
            x = bx + (k % 3 - 1) * 10
            y = 870 - (k + 1) * 44
            c.rect(x - w / 2, y, x + w / 2, y + 40, fill=covers[(k + shift) % 4], radius=8)
            c.rect(x + w / 2 - 30, y + 8, x + w / 2 - 6, y + 32, fill=WHITE, radius=4)
    return c


def regions_lublin_almaty() -> Canvas:
    a = ACCENT["regions"]
    other = ACCENT["poland-kazakhstan"]
    c = backdrop(PAGE, a, [(330, 620, 230), (1270, 620, 230)])
    path = bezier((345, 395), (560, 40), (1040, 40), (1255, 395), steps=120)
    base_end, body = Canvas._cut(path, 30)
    base_start, body = Canvas._cut(body[::-1], 30)
    c.dashed(body[::-1], shade(a, 0.1), 10, 28, 22)
    c.arrow_head(path[-1], base_end, shade(a, 0.1), 44)
    c.arrow_head(path[0], base_start, shade(a, 0.1), 44)
    pin(c, 330, 720, 95, a)
    pin(c, 1270, 720, 95, other)
    for x, colour in ((330, a), (1270, other)):
        c.ellipse(x - 110, 735, x + 110, 775, tint(colour, 0.6))
    # a briefcase: the planned business mission
    bx, by = 800, 345
    c.rect(bx - 70, by - 95, bx + 70, by - 20, outline=shade(a, 0.4), width=16, radius=22)
    c.rect(bx - 150, by - 50, bx + 150, by + 150, fill=shade(a, 0.4), radius=28)
    c.rect(bx - 150, by + 20, bx + 150, by + 40, fill=shade(a, 0.6))
    c.rect(bx - 22, by + 5, bx + 22, by + 55, fill=AMBER, radius=8)
    return c


def two_circles(
    c: Canvas, left: Point, right: Point, r: float, colours: tuple[Colour, Colour], arrow: Colour
) -> None:
    (lx, ly), (rx, ry) = left, right
    c.circle(lx, ly, r, fill=colours[0])
    c.circle(rx, ry, r, fill=colours[1])

    def on(cx: float, cy: float, angle: float) -> Point:
        return (cx + r * 1.18 * math.cos(math.radians(angle)), cy + r * 1.18 * math.sin(math.radians(angle)))

    mid = (lx + rx) / 2
    top = bezier(on(lx, ly, -45), (mid, ly - r * 1.75), on(rx, ry, -135))
    bottom = bezier(on(rx, ry, 135), (mid, ly + r * 1.75), on(lx, ly, 45))
    c.arrow(top, arrow, r * 0.12)
    c.arrow(bottom, arrow, r * 0.12)


def poland_kazakhstan_cover() -> Canvas:
    a = ACCENT["poland-kazakhstan"]
    c = backdrop(COVER, a, [(600, 400, 330)])
    for i, r in enumerate((300, 240, 180)):
        c.circle(450, 400, r + 40, outline=tint(a, 0.55 + i * 0.1), width=10)
        c.circle(750, 400, r + 40, outline=tint(AMBER, 0.35 + i * 0.15), width=10)
    c.circle(450, 400, 170, fill=a)
    c.circle(750, 400, 170, fill=AMBER)
    half = math.degrees(math.acos(150 / 170))
    lens = arc_points(450, 400, 170, -half, half) + arc_points(750, 400, 170, 180 - half, 180 + half)
    c.poly(lens, shade(a, 0.3))
    return c


def poland_kazakhstan_trade() -> Canvas:
    a = ACCENT["poland-kazakhstan"]
    c = backdrop(PAGE, a, [(800, 500, 360)])
    two_circles(c, (380, 500), (1220, 500), 170, (a, AMBER), shade(a, 0.2))
    # small crates riding on the arrows
    for x, y, colour in ((700, 265, AMBER), (900, 735, a)):
        c.rect(x - 40, y - 40, x + 40, y + 40, fill=colour, radius=10)
        c.rect(x - 40, y - 6, x + 40, y + 6, fill=mix(colour, WHITE, 0.4))
    for x, y in ((380, 500), (1220, 500)):
        c.circle(x, y, 60, fill=WHITE)
    return c


def poland_kazakhstan_agreements() -> Canvas:
    a = ACCENT["poland-kazakhstan"]
    c = backdrop(PAGE, a, [(160, 140, 200), (1460, 900, 220)])
    w, h, gap = 190, 250, 60
    x0 = (1600 - 5 * w - 4 * gap) / 2
    for i in range(10):
        col, row = i % 5, i // 5
        x, y = x0 + col * (w + gap), 190 + row * (h + 90)
        highlight = i in (0, 1)  # the two memoranda named on the page
        paper = tint(AMBER, 0.75) if highlight else WHITE
        document(c, x, y, w, h, paper, tint(a, 0.55), a if not highlight else shade(AMBER, 0.4))
    return c


def poland_kazakhstan_sessions() -> Canvas:
    a = ACCENT["poland-kazakhstan"]
    c = backdrop(PAGE, a, [(800, 1000, 420)])
    cards = [(160, "coins"), (620, "energy"), (1080, "bridge")]
    for i, (x, kind) in enumerate(cards):
        last = i == 2
        c.rect(x, 230, x + 360, 770, fill=WHITE, radius=36)
        if last:  # Lubelskie took part in the last session
            c.rect(x, 230, x + 360, 770, outline=AMBER, width=12, radius=36)
        cx, cy = x + 180, 500
        if kind == "coins":
            for j in range(5):  # a stack of coins, bottom first
                y = cy + 120 - j * 44
                c.ellipse(cx - 100, y - 6, cx + 100, y + 50, shade(AMBER, 0.3))
                c.rect(cx - 100, y - 6, cx + 100, y + 22, fill=shade(AMBER, 0.3))
                c.ellipse(cx - 100, y - 34, cx + 100, y + 22, AMBER if j % 2 else tint(AMBER, 0.15))
            c.circle(cx + 40, cy - 170, 58, fill=shade(AMBER, 0.15))
            c.circle(cx + 40, cy - 170, 36, fill=AMBER)
        elif kind == "energy":
            peak, left, right, foot = (cx - 20, cy + 20), cx - 150, cx + 150, cy + 160
            c.poly([(left, foot), peak, (cx + 45, cy + 85), (cx + 85, cy + 50), (right, foot)], tint(a, 0.5))
            k = 0.3  # snow cap: the top 30 % of the main peak
            c.poly(
                [
                    peak,
                    (peak[0] + (cx + 45 - peak[0]) * k, peak[1] + (cy + 85 - peak[1]) * k),
                    (peak[0] + (left - peak[0]) * k, peak[1] + (foot - peak[1]) * k),
                ],
                tint(a, 0.82),
            )
            c.poly(
                [
                    (cx + 15, cy - 250),
                    (cx - 75, cy - 100),
                    (cx - 15, cy - 100),
                    (cx - 50, cy - 10),
                    (cx + 65, cy - 150),
                    (cx + 5, cy - 150),
                    (cx + 55, cy - 250),
                ],
                AMBER,
            )
        else:
            c.rect(cx - 150, cy + 10, cx + 150, cy + 40, fill=a, radius=8)
            c.line(bezier((cx - 130, cy + 10), (cx, cy - 150), (cx + 130, cy + 10)), a, 16)
            for dx in (-65, 0, 65):
                top = cy - 60 if dx == 0 else cy - 40
                c.line([(cx + dx, top), (cx + dx, cy + 10)], tint(a, 0.3), 8)
            for dx in (-110, 110):
                c.rect(cx + dx - 16, cy + 40, cx + dx + 16, cy + 140, fill=shade(a, 0.2), radius=6)
            for dx, colour in ((-105, a), (105, AMBER)):
                c.circle(cx + dx, cy - 170, 34, fill=colour)
            c.dashed([(cx - 62, cy - 170), (cx + 62, cy - 170)], tint(a, 0.3), 8, 14, 12)
    return c


def national_day_cover() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(COVER, a, [(600, 820, 420), (1080, 120, 140)])
    ground = 680
    for x, colour, phase, top in ((420, a, 0.0, 180), (700, ACCENT["poland-kazakhstan"], 1.4, 230)):
        pole(c, x, top, ground, shade(a, 0.55))
        wavy_flag(c, x + 5, top + 10, 230, 150, colour, phase)
    for i, (x, y) in enumerate(((220, 220), (1000, 330), (970, 520), (180, 470), (1090, 620))):
        c.circle(x, y, 14 + (i % 3) * 6, fill=(AMBER, tint(a, 0.4), a)[i % 3])
    music_note(c, 210, 360, 44, tint(a, 0.2))
    music_note(c, 960, 450, 36, shade(a, 0.3))
    return c


def calendar_sheet(
    c: Canvas, x: float, y: float, w: float, h: float, header: Colour, day: str, ink: Colour
) -> None:
    c.rect(x + 14, y + 18, x + w + 14, y + h + 18, fill=mix(header, WHITE, 0.82), radius=34)
    c.rect(x, y, x + w, y + h, fill=WHITE, radius=34)
    c.rect(x, y, x + w, y + h * 0.26, fill=header, radius=34)
    c.rect(x, y + h * 0.14, x + w, y + h * 0.26, fill=header)
    for rx in (x + w * 0.28, x + w * 0.72):
        c.rect(rx - 14, y - 40, rx + 14, y + 50, fill=shade(header, 0.5), radius=14)
    c.digits(x + w / 2, y + h * 0.62, day, h * 0.48, ink)


def national_day_calendar() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(PAGE, a, [(800, 520, 430)])
    calendar_sheet(c, 330, 230, 420, 560, ACCENT["poland-kazakhstan"], "6", INK)
    calendar_sheet(c, 850, 230, 420, 560, a, "7", INK)
    return c


def national_day_flags() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(PAGE, a, [(800, 1080, 560), (1420, 160, 160)])
    ground = 860
    c.rect(200, ground, 1400, ground + 16, fill=tint(a, 0.6), radius=8)
    for x, colour, phase in ((300, a, 0.0), (660, ACCENT["poland-kazakhstan"], 1.3)):
        pole(c, x, 170, ground, shade(a, 0.6))
        wavy_flag(c, x + 5, 185, 230, 150, colour, phase)
        c.arrow([(x - 55, 600), (x - 55, 330)], tint(a, 0.45), 10)
    # anthems: notes
    music_note(c, 960, 330, 50, tint(a, 0.25))
    music_note(c, 1060, 220, 38, shade(a, 0.3))
    # speeches: a lectern with a microphone
    lx = 1180
    c.poly([(lx - 120, 560), (lx + 120, 560), (lx + 90, ground), (lx - 90, ground)], shade(a, 0.35))
    c.rect(lx - 140, 540, lx + 140, 580, fill=shade(a, 0.5), radius=12)
    c.line([(lx, 540), (lx, 470), (lx - 30, 430)], INK, 8)
    c.ellipse(lx - 55, 395, lx - 10, 445, INK)
    c.circle(lx, 650, 40, fill=tint(AMBER, 0.1))
    for i, r in enumerate((90, 130)):
        c.line(arc_points(lx - 30, 420, r, -150, -100), tint(a, 0.3 + i * 0.2), 8)
    return c


def national_day_pavilion() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(PAGE, a, [(200, 160, 200), (1420, 200, 170)])
    ground = 840
    c.rect(120, ground, 1480, ground + 16, fill=tint(a, 0.6), radius=8)
    left, right, roof = 300, 1300, 230
    # the shell: a gently curved roof over two floors
    roof_curve = bezier((left - 40, roof + 60), (800, roof - 80), (right + 40, roof + 60))
    c.poly([*roof_curve, (right + 40, roof + 100), (left - 40, roof + 100)], shade(a, 0.3))
    c.rect(left, roof + 90, right, ground, fill=WHITE)
    mid = (roof + 100 + ground) / 2
    c.rect(left, mid - 8, right, mid + 8, fill=shade(a, 0.3))
    for x in (left, right - 24):
        c.rect(x, roof + 90, x + 24, ground, fill=shade(a, 0.3))
    # five zones on two floors (the layout is schematic: which zone is where is not shown)
    tones = [a, tint(a, 0.3), tint(AMBER, 0.05), tint(a, 0.5), shade(a, 0.25)]
    upper = [(left + 60, left + 480), (left + 520, right - 60)]
    lower = [(left + 60, left + 320), (left + 350, left + 610), (left + 640, right - 190)]
    i = 0
    for (y0, y1), spans in (((roof + 130, mid - 40), upper), ((mid + 40, ground - 40), lower)):
        for x0, x1 in spans:
            c.rect(x0, y0, x1, y1, fill=tones[i], radius=22)
            i += 1
    # stairs joining the floors
    n, x0, x1, yb, yt = 7, right - 170, right - 24, ground, mid + 8
    sw, sh = (x1 - x0) / n, (yb - yt) / n
    steps = [(x0, yb)]
    for k in range(n):
        steps += [(x0 + k * sw, yb - (k + 1) * sh), (x0 + (k + 1) * sw, yb - (k + 1) * sh)]
    c.poly([*steps, (x1, yb)], tint(a, 0.6))
    return c


def national_day_visitors() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(PAGE, a, [(1250, 540, 330)])
    tones = [a, tint(a, 0.35), shade(a, 0.25), tint(AMBER, 0.05), tint(a, 0.55)]
    # an open door, lit from inside
    c.rect(1120, 250, 1400, 830, fill=shade(a, 0.3), radius=30)
    c.rect(1160, 300, 1360, 830, fill=tint(YELLOW, 0.35), radius=18)
    # an isotype-like crowd: rows of people walking towards the door
    for row in range(4):
        for col in range(7):
            x = 170 + col * 120 + (60 if row % 2 else 0)
            person(c, x, 170 + row * 175, 140, tones[(col * 2 + row * 3) % len(tones)])
    for k in range(3):
        x = 1010 + k * 34
        c.line([(x, 480), (x + 24, 510), (x, 540)], tint(a, 0.3 + k * 0.15), 10)
    return c


IMAGES: dict[str, Callable[[], Canvas]] = {
    "technologies-cover.png": technologies_cover,
    "technologies-clean-coal.png": technologies_clean_coal,
    "technologies-gasification.png": technologies_gasification,
    "technologies-biomass.png": technologies_biomass,
    "forest-cover.png": forest_cover,
    "forest-wealth.png": forest_wealth,
    "forest-co2.png": forest_co2,
    "regions-cover.png": regions_cover,
    "regions-voivodeships.png": regions_voivodeships,
    "regions-education.png": regions_education,
    "regions-lublin-almaty.png": regions_lublin_almaty,
    "poland-kazakhstan-cover.png": poland_kazakhstan_cover,
    "poland-kazakhstan-trade.png": poland_kazakhstan_trade,
    "poland-kazakhstan-agreements.png": poland_kazakhstan_agreements,
    "poland-kazakhstan-sessions.png": poland_kazakhstan_sessions,
    "national-day-cover.png": national_day_cover,
    "national-day-calendar.png": national_day_calendar,
    "national-day-flags.png": national_day_flags,
    "national-day-pavilion.png": national_day_pavilion,
    "national-day-visitors.png": national_day_visitors,
}


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    wanted = [name for name in IMAGES if not argv or any(a in name for a in argv)]
    if not wanted:
        print(f"no image matches {' '.join(argv)}", file=sys.stderr)
        return 1
    for name in wanted:
        path = IMAGES[name]().save(name)
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
