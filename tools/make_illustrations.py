"""Draw the kiosk's bundled illustrations into media/images/.

The source text of the exhibit has no pictures, so every image the zones show is drawn
here, in the spirit of Expo 2017 "Future Energy": lit scenes in the zone's accent colour.
Each object is drawn on a layer of its own and then lit from above, given a soft shadow
(and a glow, for flames, the sun and lit doorways); backgrounds are gradients with a pool
of light, out-of-focus discs, a faint texture and darker corners (see Canvas.layer).

The images are honest illustrations, not photographs: scenes, diagrams and icons of what
each page says. The two flags are drawn to their designs (Poland: white over red;
Kazakhstan: sky blue, the golden sun with 32 rays, the steppe eagle and the ornament at
the hoist) and the map of the 16 voivodeships is drawn from simplified longitudes and
latitudes of their borders (P and VOIVODESHIPS below). They contain no words, so they work
in every kiosk language (the only characters drawn are the day numbers on the calendar
sheets). The zone files credit them as "Ilustracja poglądowa" / "Illustration (schematic)".

Everything is drawn at twice the final size and scaled down with LANCZOS for smooth edges.
Nothing is random, so running the script again gives the same files:

    /work/venv/bin/python tools/make_illustrations.py            # all images
    /work/venv/bin/python tools/make_illustrations.py forest     # only names containing "forest"

Covers are 1200x800 (images/<zone-id>-cover.png), page images 1600x1000, full-colour PNG;
a picture over MAX_BYTES is refused rather than written. After changing the pictures, remake
the sample film (tools/make_film.py), and if the map moves, the Lubelskie hotspot's x and y
in zones/regions.yaml (lubelskie_marker() gives them).
"""

from __future__ import annotations

import contextlib
import functools
import math
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "media" / "images"
FONT_BOLD = ROOT / "kiosk" / "shipped" / "fonts" / "NotoSans-Bold.ttf"

SS = 2  # supersampling factor: draw at 2x, then downscale
COVER = (1200, 800)
PAGE = (1600, 1000)
MAX_BYTES = 400_000

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
SHADOW: Colour = rgb("#1A1F2B")  # shadows and the dark side of lit shapes
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

    def __init__(self, size: tuple[int, int], background: Colour | Image.Image):
        self.w, self.h = size
        if isinstance(background, Image.Image):
            self.img = background.convert("RGB").resize((self.w * SS, self.h * SS), Image.Resampling.BICUBIC)
        else:
            self.img = Image.new("RGB", (self.w * SS, self.h * SS), background)
        self.d = ImageDraw.Draw(self.img)

    # -- light and depth: every object is drawn on a layer of its own, then lit, shadowed and
    # laid on the picture, so shapes read as things in a room rather than cut-out paper.

    @contextlib.contextmanager
    def layer(
        self,
        light: float = 0.22,
        shadow: float = 0.28,
        blur: float = 14,
        offset: Point = (6, 12),
        glow: Colour | None = None,
        glow_radius: float = 40,
        sheen: float = 0.0,
        round_form: bool = False,
    ) -> Iterator[None]:
        """Draw the block's shapes as one object: lit from above (`light`: how much lighter
        the top and darker the bottom), casting a soft shadow (`shadow` opacity, `blur`,
        `offset`), optionally glowing (`glow` colour) and with a glossy `sheen` band."""
        base, base_draw = self.img, self.d
        layer = Image.new("RGBA", base.size, (0, 0, 0, 0))
        self.img, self.d = layer, ImageDraw.Draw(layer)
        try:
            yield
        finally:
            self.img, self.d = base, base_draw
        alpha = layer.getchannel("A")
        box = alpha.getbbox()
        if box is None:
            return
        reach = round((max(blur, glow_radius if glow else 0) * 2.5 + max(map(abs, offset))) * SS)
        x0, y0 = max(box[0] - reach, 0), max(box[1] - reach, 0)
        x1, y1 = min(box[2] + reach, base.width), min(box[3] + reach, base.height)
        region = (x0, y0, x1, y1)
        size = (x1 - x0, y1 - y0)
        a = alpha.crop(region)
        if glow:
            halo = a.filter(ImageFilter.GaussianBlur(glow_radius * SS)).point(lambda v: min(255, v * 2))
            lit = ImageChops.screen(base.crop(region).convert("RGB"), Image.new("RGB", size, glow))
            base.paste(lit, region[:2], halo)
        if shadow > 0:
            dx, dy = round(offset[0] * SS), round(offset[1] * SS)
            soft = Image.new("L", size, 0)
            soft.paste(a, (dx, dy))
            soft = soft.filter(ImageFilter.GaussianBlur(blur * SS)).point(lambda v: round(v * shadow))
            base.paste(Image.new("RGB", size, SHADOW), region[:2], soft)
        rgb_part = layer.crop(region).convert("RGB")
        if light > 0:
            h = box[3] - box[1]
            ramp = Image.linear_gradient("L").resize((1, max(h, 1))).resize((size[0], max(h, 1)))
            ramp_full = Image.new("L", size, 128)
            ramp_full.paste(Image.new("L", (size[0], max(box[1] - y0, 0)), 0), (0, 0))
            ramp_full.paste(ramp, (0, box[1] - y0))
            ramp_full.paste(Image.new("L", (size[0], max(y1 - box[3], 0)), 255), (0, box[3] - y0))
            up = ramp_full.point(lambda v: round(max(0, 128 - v) * 2 * light))
            down = ramp_full.point(lambda v: round(max(0, v - 128) * 2 * light))
            rgb_part = Image.composite(Image.new("RGB", size, WHITE), rgb_part, up)
            rgb_part = Image.composite(Image.new("RGB", size, SHADOW), rgb_part, down)
        if round_form:  # a cylinder: highlight left of centre, both sides turning away into shade
            bw = box[2] - box[0]
            for tone, curve in (
                (WHITE, lambda u: max(0.0, 1 - abs(u - 0.3) / 0.22) * 0.32),
                (SHADOW, lambda u: max(0.0, (abs(u - 0.35) - 0.25) / 0.4) * 0.5),
            ):
                prof = Image.new("L", (32, 1))
                prof.putdata([round(255 * curve((i + 0.5) / 32)) for i in range(32)])
                across = Image.new("L", size, 0)
                across.paste(
                    prof.resize((bw, 1), Image.Resampling.BILINEAR).resize((bw, size[1])), (box[0] - x0, 0)
                )
                rgb_part = Image.composite(Image.new("RGB", size, tone), rgb_part, across)
        if sheen > 0:
            band = Image.linear_gradient("L").rotate(-35, expand=False).resize(size)
            band = band.point(lambda v: round(sheen * 255 * max(0.0, 1 - abs(v - 90) / 40)))
            rgb_part = Image.composite(Image.new("RGB", size, WHITE), rgb_part, band)
        base.paste(rgb_part, region[:2], a)

    def faded(self, points: Sequence[Point], colour: Colour, clear_y: float, solid_y: float) -> None:
        """A shape that fades out towards `clear_y` and is solid from `solid_y`."""
        mask = Image.new("L", self.img.size, 0)
        ImageDraw.Draw(mask).polygon(self._pts(points), fill=255)
        mask = mask.filter(ImageFilter.GaussianBlur(5 * SS))  # soft shores where no land covers them
        y0, y1 = sorted((clear_y, solid_y))
        ramp = Image.linear_gradient("L").resize((self.img.width, max(1, round((y1 - y0) * SS))))
        if clear_y > solid_y:
            ramp = ramp.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
        fade = Image.new("L", self.img.size, 255 if clear_y < solid_y else 0)
        fade.paste(0 if clear_y < solid_y else 255, (0, 0, self.img.width, round(y0 * SS)))
        fade.paste(ramp, (0, round(y0 * SS)))
        self.img.paste(colour, (0, 0), ImageChops.multiply(mask, fade))

    def glow(self, cx: float, cy: float, r: float, colour: Colour, strength: float = 0.8) -> None:
        """Light falling on the picture: a soft round glow of `colour` (screen blend)."""
        size = max(2, round(2 * r * SS))
        ramp = Image.radial_gradient("L").resize((size, size), Image.Resampling.BICUBIC)
        mask = ramp.point(lambda v: round(max(0.0, 1 - v / 255) ** 1.6 * 255 * strength))
        box = (round((cx - r) * SS), round((cy - r) * SS))
        region = (box[0], box[1], box[0] + size, box[1] + size)
        lit = ImageChops.screen(self.img.crop(region).convert("RGB"), Image.new("RGB", (size, size), colour))
        self.img.paste(lit, box, mask)

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

    def final(self) -> Image.Image:
        """The picture at its final size, as it is saved."""
        small = self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)
        # full colour, as a palette would band the gradients; the lowest bit of each channel
        # is dropped, which no eye sees and which makes the files a fifth smaller
        return ImageOps.posterize(small, 7)

    def save(self, name: str) -> Path:
        path = OUT / name
        self.final().save(path, optimize=True)
        if path.stat().st_size > MAX_BYTES:
            raise SystemExit(
                f"{name} is {path.stat().st_size // 1024} KB, over {MAX_BYTES // 1024} KB: simplify it"
            )
        return path


# -- shared motifs -------------------------------------------------------------------------


def vertical(size: tuple[int, int], top: Colour, bottom: Colour) -> Image.Image:
    """A smooth top-to-bottom gradient."""
    ramp = Image.linear_gradient("L").resize(size, Image.Resampling.BICUBIC)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), ramp)


def texture(size: tuple[int, int]) -> Image.Image:
    """Coarse noise for a mottled surface, the same on every run (a fixed seed)."""
    noise = Image.new("L", size)
    pick = random.Random(2017)
    noise.putdata([pick.randint(0, 255) for _ in range(size[0] * size[1])])
    return noise


def backdrop(
    size: tuple[int, int],
    accent: Colour,
    blobs: Sequence[tuple[float, float, float]],
    light: Point | None = None,
) -> Canvas:
    """A lit room in the accent's tint: deeper at the top, a pool of light, soft out-of-focus
    discs (the old flat circles, now bokeh), a faint mottled texture and darker corners.

    Built at a quarter of the size and scaled up: it is all soft, so nothing is lost.
    """
    w, h = size
    q = (w // 4, h // 4)
    img = vertical(q, tint(accent, 0.7), tint(accent, 0.93))
    lx, ly = light or (w * 0.72, h * 0.22)
    pool = Image.radial_gradient("L").resize((round(w * 0.45), round(w * 0.45)), Image.Resampling.BICUBIC)
    mask = pool.point(lambda v: round(max(0.0, 1 - v / 255) ** 1.4 * 200))
    img.paste(WHITE, (round(lx / 4 - w * 0.225), round(ly / 4 - w * 0.225)), mask)
    discs = Image.new("L", q, 0)
    dd = ImageDraw.Draw(discs)
    for cx, cy, r in blobs:
        dd.ellipse([(cx - r) / 4, (cy - r) / 4, (cx + r) / 4, (cy + r) / 4], fill=120)
    discs = discs.filter(ImageFilter.GaussianBlur(w / 260))
    img.paste(tint(accent, 0.55), (0, 0), discs.point(lambda v: v // 3))
    mottle = texture((max(w // 40, 2), max(h // 40, 2))).resize(q, Image.Resampling.BICUBIC)
    img = Image.composite(Image.new("RGB", q, shade(accent, 0.2)), img, mottle.point(lambda v: v // 40))
    corners = Image.radial_gradient("L").resize(
        (round(q[0] * 1.3), round(q[1] * 1.5)), Image.Resampling.BICUBIC
    )
    corners = corners.crop(
        (
            (corners.width - q[0]) // 2,
            (corners.height - q[1]) // 2,
            (corners.width - q[0]) // 2 + q[0],
            (corners.height - q[1]) // 2 + q[1],
        )
    )
    img.paste(shade(accent, 0.55), (0, 0), corners.point(lambda v: round(max(0, v - 150) * 0.9)))
    return Canvas(size, img)


def floor(c: Canvas, y: float, accent: Colour, x0: float = 0, x1: float | None = None) -> None:
    """A floor from `y` down: a lit edge, then deepening towards the viewer."""
    x1 = c.w if x1 is None else x1
    band = vertical((round((x1 - x0) * SS), round((c.h - y) * SS)), tint(accent, 0.72), tint(accent, 0.5))
    c.img.paste(band, (round(x0 * SS), round(y * SS)))
    c.rect(x0, y, x1, y + 3, fill=tint(accent, 0.9))


def lit(**style: float | Point) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Draw a motif as one lit object with its own shadow (see Canvas.layer)."""

    def wrap(draw: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(draw)
        def drawn(c: Canvas, *args: object, **kwargs: object) -> None:
            with c.layer(**style):  # type: ignore[arg-type]
                draw(c, *args, **kwargs)

        return drawn

    return wrap


def ball(c: Canvas, cx: float, cy: float, r: float, colour: Colour, steps: int = 14) -> None:
    """A sphere lit from the upper left: a dark rim, then rings growing lighter towards the
    highlight (a radial gradient drawn as stacked circles)."""
    c.circle(cx, cy, r, fill=shade(colour, 0.25))
    for i in range(1, steps + 1):
        t = i / steps
        rr = r * (1 - 0.82 * t)
        off = r * 0.32 * t
        c.circle(cx - off, cy - off, rr, fill=mix(shade(colour, 0.25), tint(colour, 0.55), t**0.8))


def flame(
    c: Canvas, cx: float, base: float, w: float, h: float, colours: Sequence[Colour] = (ORANGE, AMBER, YELLOW)
) -> None:
    """A stylised flame: nested teardrops, widest at the bottom, glowing on its surroundings."""
    with c.layer(light=0.0, shadow=0.0, glow=tint(AMBER, 0.3), glow_radius=w * 0.3):
        _flame(c, cx, base, w, h, colours)


def _flame(c: Canvas, cx: float, base: float, w: float, h: float, colours: Sequence[Colour]) -> None:
    for i, colour in enumerate(colours):
        k = 1 - i * 0.3
        ww, hh = w * k, h * k
        b = base - (1 - k) * h * 0.08
        left = bezier((cx, b), (cx - ww * 0.62, b), (cx - ww * 0.5, b - hh * 0.55), (cx + ww * 0.02, b - hh))
        right = bezier((cx + ww * 0.02, b - hh), (cx + ww * 0.42, b - hh * 0.5), (cx + ww * 0.62, b), (cx, b))
        c.poly(left + right, colour)


@lit(light=0.12, shadow=0.35, blur=10, offset=(6, 10))
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


@lit(light=0.0, shadow=0.0, glow=WHITE, glow_radius=12)
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


@lit(light=0.2, shadow=0.22, blur=8, offset=(5, 8))
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


@lit(light=0.2, shadow=0.2, blur=10, offset=(10, 4))
def conifer(c: Canvas, x: float, ground: float, h: float, colour: Colour, trunk: Colour) -> None:
    """A spruce of three tiers, lit from the left: each tier's right half in shade."""
    w = h * 0.5
    c.rect(x - h * 0.035, ground - h * 0.2, x + h * 0.035, ground, fill=trunk)
    for i, (top, bottom, width) in enumerate(((0.0, 0.45, 0.6), (0.22, 0.68, 0.8), (0.42, 0.88, 1.0))):
        apex = (x, ground - h + top * h)
        left = (x - w * width / 2, ground - h + bottom * h)
        right = (x + w * width / 2, ground - h + bottom * h)
        base = mix(colour, WHITE, 0.06 * i)
        c.poly([apex, right, left], tint(base, 0.1))
        c.poly([apex, right, (x + w * width * 0.04, right[1] + h * 0.015)], shade(base, 0.22))
        c.line(
            [(left[0] + w * 0.06, left[1] - h * 0.02), (x - w * 0.02, left[1] - h * 0.04)],
            tint(base, 0.3),
            h * 0.012,
        )


@lit(light=0.2, shadow=0.2, blur=10, offset=(10, 4))
def broadleaf(c: Canvas, x: float, ground: float, h: float, colour: Colour, trunk: Colour) -> None:
    """A leafy tree: a trunk under three lobes of crown, each with a lit upper left and
    clumps of foliage catching the light."""
    r = h * 0.3
    c.rect(x - h * 0.04, ground - h * 0.45, x + h * 0.04, ground, fill=trunk, radius=h * 0.02)
    c.rect(x - h * 0.04, ground - h * 0.45, x - h * 0.01, ground, fill=tint(trunk, 0.2))
    lobes = [
        (x - r * 0.55, ground - h * 0.55, r * 0.72),
        (x + r * 0.55, ground - h * 0.55, r * 0.72),
        (x, ground - h + r, r),
    ]
    for k, (cx, cy, rr) in enumerate(lobes):
        base = colour if k == 2 else shade(colour, 0.12)
        c.circle(cx, cy, rr, fill=shade(base, 0.15))
        c.circle(cx - rr * 0.12, cy - rr * 0.12, rr * 0.86, fill=base)
        c.circle(cx - rr * 0.3, cy - rr * 0.32, rr * 0.45, fill=tint(base, 0.16))
        for j in range(5):  # clumps, placed by a fixed pattern
            a = j * 2.4 + k
            d = rr * (0.35 + 0.1 * (j % 3))
            c.circle(
                cx + d * math.cos(a),
                cy + d * math.sin(a),
                rr * 0.16,
                fill=tint(base, 0.1) if math.sin(a) < 0 else shade(base, 0.1),
            )


@lit(light=0.28, shadow=0.25, blur=8, offset=(6, 8))
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


@lit(light=0.22, shadow=0.3, blur=10, offset=(8, 12))
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


@lit(light=0.08, shadow=0.25, blur=10, offset=(8, 12))
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


@lit(light=0.2, shadow=0.15, blur=6, offset=(4, 6))
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


@lit(light=0.0, shadow=0.25, blur=6, offset=(8, 4))
def pole(c: Canvas, x: float, top: float, ground: float, colour: Colour) -> None:
    c.rect(x - 5, top, x + 5, ground, fill=colour, radius=4)
    c.circle(x, top - 6, 11, fill=colour)
    c.rect(x - 34, ground - 8, x + 34, ground + 6, fill=colour, radius=6)


# -- the two national flags ----------------------------------------------------------------

PL_WHITE: Colour = (246, 246, 244)
PL_RED: Colour = rgb("#DC143C")
KZ_SKY: Colour = rgb("#00AFCA")
KZ_GOLD: Colour = rgb("#FEC50C")


def poland_flag(w: int, h: int) -> Image.Image:
    """The flag of Poland, flat, at SS times (w, h): two equal bands, white over red."""
    c = Canvas((w, h), PL_WHITE)
    c.rect(0, h / 2, w, h, fill=PL_RED)
    return c.img


def _curl(c: Canvas, cx: float, cy: float, r: float, start: float, turn: float, width: float) -> None:
    """A spiral stroke winding inwards: one horn of the ram's-horn ornament."""
    pts = []
    for i in range(41):
        t = i / 40
        a = math.radians(start + turn * t)
        rr = r * (1 - 0.7 * t)
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    c.line(pts, KZ_GOLD, width)


def steppe_eagle(c: Canvas, cx: float, cy: float, s: float, colour: Colour) -> None:
    """A soaring eagle with spread, upswept wings, head towards the hoist; `s` is the scale
    (the wingspan is about 0.76 s)."""
    for side in (-1, 1):
        upper = bezier((0.02, -0.03), (0.12, -0.11), (0.24, -0.05), (0.38, -0.14), steps=24)
        lower = bezier((0.38, -0.14), (0.31, 0.0), (0.16, 0.07), (0.02, 0.05), steps=24)
        serrated = []
        for i, (x, y) in enumerate(lower):
            bump = 0.018 if i % 4 == 2 and 0 < i < len(lower) - 2 else 0.0
            serrated.append((x + bump * 0.4, y + bump))
        c.poly([(cx + side * x * s, cy + y * s) for x, y in upper + serrated], colour)
    c.ellipse(cx - 0.04 * s, cy - 0.05 * s, cx + 0.04 * s, cy + 0.09 * s, colour)
    c.poly(
        [
            (cx - 0.03 * s, cy + 0.07 * s),
            (cx + 0.03 * s, cy + 0.07 * s),
            (cx + 0.055 * s, cy + 0.17 * s),
            (cx - 0.055 * s, cy + 0.17 * s),
        ],
        colour,
    )
    c.circle(cx - 0.045 * s, cy - 0.06 * s, 0.03 * s, fill=colour)
    c.poly(
        [(cx - 0.07 * s, cy - 0.07 * s), (cx - 0.105 * s, cy - 0.045 * s), (cx - 0.065 * s, cy - 0.04 * s)],
        colour,
    )


def kazakhstan_flag(w: int, h: int) -> Image.Image:
    """The flag of Kazakhstan, flat, at SS times (w, h): sky blue, the golden sun with its
    32 rays in the middle, the soaring steppe eagle under it, and the national ornament as
    a golden band along the hoist."""
    c = Canvas((w, h), KZ_SKY)
    sx, sy = w * 0.5, h * 0.37
    disc, ray_in, ray_out = h * 0.105, h * 0.13, h * 0.225
    half = math.pi / 32 * 0.55
    for i in range(32):
        a = 2 * math.pi * i / 32
        c.poly(
            [
                (sx + ray_in * math.cos(a - half), sy + ray_in * math.sin(a - half)),
                (
                    sx + (ray_in + ray_out) / 2 * math.cos(a - half * 0.9),
                    sy + (ray_in + ray_out) / 2 * math.sin(a - half * 0.9),
                ),
                (sx + ray_out * math.cos(a), sy + ray_out * math.sin(a)),
                (
                    sx + (ray_in + ray_out) / 2 * math.cos(a + half * 0.9),
                    sy + (ray_in + ray_out) / 2 * math.sin(a + half * 0.9),
                ),
                (sx + ray_in * math.cos(a + half), sy + ray_in * math.sin(a + half)),
            ],
            KZ_GOLD,
        )
    c.circle(sx, sy, disc, fill=KZ_GOLD)
    steppe_eagle(c, sx, h * 0.71, h * 1.1, KZ_GOLD)
    # the ornament: ram's horns stacked along the hoist
    bx, bw = w * 0.065, w * 0.07
    unit = bw * 1.25
    n = int(h / unit)
    top = (h - n * unit) / 2
    stroke = bw * 0.075
    for k in range(n):
        y = top + unit * (k + 0.5)
        c.poly(
            [(bx, y - unit * 0.2), (bx + bw * 0.12, y), (bx, y + unit * 0.2), (bx - bw * 0.12, y)], KZ_GOLD
        )
        for side in (-1, 1):
            for v in (-1, 1):
                start = 90 * v if side > 0 else 180 - 90 * v
                _curl(c, bx + side * bw * 0.27, y + v * unit * 0.2, bw * 0.2, start, 300 * side * v, stroke)
        c.line([(bx, y + unit * 0.2), (bx, y + unit * 0.8)], KZ_GOLD, stroke)
    return c.img


def waving_flag(
    c: Canvas,
    flat: Image.Image,
    x: float,
    y: float,
    w: float,
    h: float,
    phase: float = 0.0,
    amp: float = 0.06,
) -> None:
    """Lay a flat flag (drawn at SS times (w, h)) on the canvas at (x, y), waving: each thin
    column is lifted along a travelling wave, anchored at the hoist, and lit by its slope,
    so folds catch the light and fall into shade."""
    with c.layer(light=0.06, shadow=0.22, blur=12, offset=(14, 18)):
        strip = 2
        for col in range(0, flat.width, strip):
            t = col / flat.width
            angle = 2 * math.pi * t * 1.25 + phase
            dy = amp * h * math.sin(angle) * (0.25 + 0.75 * t)
            piece = flat.crop((col, 0, col + strip, flat.height))
            slope = math.cos(angle)
            tone = WHITE if slope > 0 else SHADOW
            piece = Image.blend(
                piece, Image.new("RGB", piece.size, tone), abs(slope) * (0.12 if slope > 0 else 0.2)
            )
            c.img.paste(piece, (round(x * SS) + col, round((y + dy) * SS)))


def flag_on_pole(
    c: Canvas,
    flat: Image.Image,
    pole_x: float,
    top: float,
    ground: float,
    w: float,
    h: float,
    pole_colour: Colour,
    phase: float = 0.0,
) -> tuple[float, float, float, float]:
    """A flag flying from the top of its pole; returns the flag's box (x0, y0, x1, y1)."""
    pole(c, pole_x, top, ground, pole_colour)
    waving_flag(c, flat, pole_x + 5, top + 12, w, h, phase)
    return (pole_x + 5, top + 12, pole_x + 5 + w, top + 12 + h)


def flag_badge(c: Canvas, flat: Image.Image, cx: float, cy: float, r: float) -> None:
    """A round badge cut from the middle of a flat flag, domed like a button: lit on its
    upper left, shaded towards the rim, with a soft shadow."""
    side = min(flat.size)
    x0, y0 = (flat.width - side) // 2, (flat.height - side) // 2
    face = flat.crop((x0, y0, x0 + side, y0 + side)).resize(
        (round(2 * r * SS),) * 2, Image.Resampling.LANCZOS
    )
    mask = Image.new("L", face.size, 0)
    ImageDraw.Draw(mask).ellipse([0, 0, face.width - 1, face.height - 1], fill=255)
    dome = Image.radial_gradient("L").resize(face.size, Image.Resampling.BICUBIC)
    rim = dome.point(lambda v: round(max(0, v - 150) * 0.9))
    face = Image.composite(Image.new("RGB", face.size, SHADOW), face, rim)
    light = Image.radial_gradient("L").resize((face.width // 2,) * 2, Image.Resampling.BICUBIC)
    spot = Image.new("L", face.size, 0)
    spot.paste(
        light.point(lambda v: round(max(0.0, 1 - v / 255) ** 2 * 150)), (face.width // 8, face.height // 8)
    )
    face = Image.composite(Image.new("RGB", face.size, WHITE), face, spot)
    with c.layer(light=0.0, shadow=0.4, blur=18, offset=(10, 18)):
        c.img.paste(face, (round((cx - r) * SS), round((cy - r) * SS)), mask)
        c.circle(cx, cy, r, outline=WHITE, width=r * 0.05)


# -- a map of Poland's voivodeships --------------------------------------------------------

# Simplified (lon, lat) of the border's bends and of the points where voivodeships meet.
# Neighbours share their points, so borders line up; accurate to a few kilometres' worth of
# a schematic map, not a survey.
P: dict[str, Point] = {
    # the country's outline, clockwise from the north-west coast
    "nw": (14.22, 53.92),
    "c1": (15.4, 54.15),
    "c2": (16.2, 54.45),
    "zp_pm_c": (16.7, 54.58),
    "c3": (17.6, 54.78),
    "rozewie": (18.35, 54.83),
    "hel": (18.8, 54.6),
    "gdynia": (18.55, 54.5),
    "gdansk": (18.7, 54.38),
    "c4": (19.3, 54.35),
    "pm_wn_n": (19.6, 54.45),
    "k1": (21.0, 54.35),
    "wn_pd_n": (22.55, 54.36),
    "lt": (22.8, 54.36),
    "e1": (23.5, 53.95),
    "e2": (23.55, 53.5),
    "e3": (23.9, 53.15),
    "e4": (23.95, 52.7),
    "pd_lu_e": (23.2, 52.25),
    "brest": (23.65, 52.07),
    "ua": (23.65, 51.5),
    "e5": (24.1, 50.87),
    "lu_pk_e": (23.55, 50.35),
    "e6": (22.95, 49.8),
    "e7": (22.7, 49.3),
    "sk_ua": (22.56, 49.08),
    "s1": (22.0, 49.2),
    "s2": (21.4, 49.43),
    "ma_pk_s": (21.1, 49.38),
    "s3": (20.6, 49.38),
    "tatry": (20.1, 49.2),
    "s4": (19.8, 49.2),
    "s5": (19.55, 49.58),
    "ma_sl_s": (19.4, 49.55),
    "cz_sk": (18.85, 49.52),
    "w1": (18.6, 49.85),
    "w2": (18.3, 49.95),
    "sl_op_s": (18.05, 50.02),
    "w3": (17.7, 50.1),
    "w4": (17.6, 50.27),
    "w5": (17.2, 50.35),
    "op_ds_s": (16.9, 50.45),
    "w6": (16.75, 50.15),
    "w7": (16.55, 50.15),
    "w8": (16.2, 50.42),
    "w9": (16.35, 50.65),
    "w10": (15.8, 50.75),
    "w11": (15.2, 50.98),
    "de_cz": (14.82, 50.87),
    "w12": (15.0, 51.25),
    "ds_lb_w": (14.85, 51.5),
    "w13": (14.7, 51.7),
    "w14": (14.6, 52.1),
    "lb_zp_w": (14.6, 52.62),
    "w15": (14.15, 52.87),
    "w16": (14.4, 53.25),
    "w17": (14.3, 53.6),
    # where voivodeships meet inside the country, and their borders' bends
    "zp_lb_wp": (15.9, 53.0),
    "zp_wp_pm": (16.9, 53.6),
    "wp_pm_kp": (17.35, 53.55),
    "pm_kp_wn": (19.2, 53.55),
    "kp_wn_mz": (19.7, 53.15),
    "kp_mz_ld": (19.2, 52.38),
    "wp_kp_ld": (18.8, 52.35),
    "wn_mz_pd": (21.6, 53.45),
    "mz_pd_lu": (22.95, 52.3),
    "mz_lu_sk": (21.82, 51.1),
    "lu_sk_pk": (21.85, 50.72),
    "sk_pk_ma": (21.2, 50.35),
    "sk_ma_sl": (19.85, 50.5),
    "sk_sl_ld": (19.8, 50.95),
    "sk_ld_mz": (20.4, 51.3),
    "ld_sl_op": (18.55, 51.05),
    "ld_op_wp": (18.15, 51.15),
    "op_ds_wp": (17.75, 51.15),
    "ds_wp_lb": (16.4, 51.75),
    "zp_pm1": (16.8, 54.05),
    "zp_lb1": (15.0, 52.83),
    "zp_lb2": (15.5, 52.95),
    "zp_wp1": (16.5, 53.15),
    "zp_wp2": (16.85, 53.35),
    "wp_kp1": (17.3, 53.15),
    "wp_kp2": (17.55, 52.75),
    "wp_kp3": (18.1, 52.5),
    "pm_kp1": (17.9, 53.5),
    "pm_kp2": (18.8, 53.7),
    "pm_wn1": (19.3, 53.85),
    "pm_wn2": (19.25, 54.1),
    "wn_mz1": (20.3, 53.2),
    "wn_mz2": (21.0, 53.4),
    "wn_pd1": (22.2, 53.55),
    "wn_pd2": (22.6, 53.85),
    "mz_pd1": (21.75, 53.05),
    "mz_pd2": (22.2, 52.85),
    "mz_pd3": (22.6, 52.5),
    "mz_lu1": (22.6, 52.05),
    "mz_lu2": (22.0, 51.9),
    "mz_lu3": (21.85, 51.55),
    "lu_pk1": (22.2, 50.75),
    "lu_pk2": (22.6, 50.45),
    "lu_pk3": (23.0, 50.4),
    "sk_pk1": (21.5, 50.5),
    "ma_pk1": (21.25, 50.0),
    "ma_pk2": (21.2, 49.65),
    "sk_ma1": (20.8, 50.25),
    "sk_ma2": (20.3, 50.25),
    "sk_ma3": (20.0, 50.45),
    "sk_sl1": (19.8, 50.75),
    "sk_ld1": (20.1, 51.15),
    "sk_mz1": (20.9, 51.18),
    "sk_mz2": (21.4, 51.05),
    "kp_mz1": (19.5, 52.8),
    "ld_mz1": (19.7, 52.3),
    "ld_mz2": (20.1, 52.2),
    "ld_mz3": (20.35, 51.95),
    "ld_mz4": (20.45, 51.6),
    "ld_sl1": (19.2, 51.0),
    "ld_wp1": (18.2, 51.5),
    "ld_wp2": (18.5, 51.75),
    "ld_wp3": (18.7, 52.05),
    "sl_op1": (18.6, 50.7),
    "sl_op2": (18.45, 50.4),
    "sl_op3": (18.1, 50.2),
    "sl_ma1": (19.5, 50.4),
    "sl_ma2": (19.3, 50.2),
    "sl_ma3": (19.15, 49.95),
    "sl_ma4": (19.3, 49.7),
    "op_ds1": (17.15, 50.65),
    "op_ds2": (17.4, 50.9),
    "ds_wp1": (17.5, 51.45),
    "ds_wp2": (17.0, 51.55),
    "ds_lb1": (15.9, 51.6),
    "ds_lb2": (15.4, 51.45),
    "lb_wp1": (16.0, 51.95),
    "lb_wp2": (15.85, 52.3),
    "lb_wp3": (15.8, 52.6),
    "lb_wp4": (16.0, 52.85),
}

VOIVODESHIPS: dict[str, list[str]] = {
    "zachodniopomorskie": [
        "nw",
        "c1",
        "c2",
        "zp_pm_c",
        "zp_pm1",
        "zp_wp_pm",
        "zp_wp2",
        "zp_wp1",
        "zp_lb_wp",
        "zp_lb2",
        "zp_lb1",
        "lb_zp_w",
        "w15",
        "w16",
        "w17",
    ],
    "pomorskie": [
        "zp_pm_c",
        "c3",
        "rozewie",
        "hel",
        "gdynia",
        "gdansk",
        "c4",
        "pm_wn_n",
        "pm_wn2",
        "pm_wn1",
        "pm_kp_wn",
        "pm_kp2",
        "pm_kp1",
        "wp_pm_kp",
        "zp_wp_pm",
        "zp_pm1",
    ],
    "warminsko-mazurskie": [
        "pm_wn_n",
        "k1",
        "wn_pd_n",
        "wn_pd2",
        "wn_pd1",
        "wn_mz_pd",
        "wn_mz2",
        "wn_mz1",
        "kp_wn_mz",
        "pm_kp_wn",
        "pm_wn1",
        "pm_wn2",
    ],
    "podlaskie": [
        "wn_pd_n",
        "lt",
        "e1",
        "e2",
        "e3",
        "e4",
        "pd_lu_e",
        "mz_pd_lu",
        "mz_pd3",
        "mz_pd2",
        "mz_pd1",
        "wn_mz_pd",
        "wn_pd1",
        "wn_pd2",
    ],
    "lubuskie": [
        "lb_zp_w",
        "zp_lb1",
        "zp_lb2",
        "zp_lb_wp",
        "lb_wp4",
        "lb_wp3",
        "lb_wp2",
        "lb_wp1",
        "ds_wp_lb",
        "ds_lb1",
        "ds_lb2",
        "ds_lb_w",
        "w13",
        "w14",
    ],
    "wielkopolskie": [
        "zp_lb_wp",
        "zp_wp1",
        "zp_wp2",
        "zp_wp_pm",
        "wp_pm_kp",
        "wp_kp1",
        "wp_kp2",
        "wp_kp3",
        "wp_kp_ld",
        "ld_wp3",
        "ld_wp2",
        "ld_wp1",
        "ld_op_wp",
        "op_ds_wp",
        "ds_wp1",
        "ds_wp2",
        "ds_wp_lb",
        "lb_wp1",
        "lb_wp2",
        "lb_wp3",
        "lb_wp4",
    ],
    "kujawsko-pomorskie": [
        "wp_pm_kp",
        "pm_kp1",
        "pm_kp2",
        "pm_kp_wn",
        "kp_wn_mz",
        "kp_mz1",
        "kp_mz_ld",
        "wp_kp_ld",
        "wp_kp3",
        "wp_kp2",
        "wp_kp1",
    ],
    "mazowieckie": [
        "kp_wn_mz",
        "wn_mz1",
        "wn_mz2",
        "wn_mz_pd",
        "mz_pd1",
        "mz_pd2",
        "mz_pd3",
        "mz_pd_lu",
        "mz_lu1",
        "mz_lu2",
        "mz_lu3",
        "mz_lu_sk",
        "sk_mz2",
        "sk_mz1",
        "sk_ld_mz",
        "ld_mz4",
        "ld_mz3",
        "ld_mz2",
        "ld_mz1",
        "kp_mz_ld",
        "kp_mz1",
    ],
    "lodzkie": [
        "wp_kp_ld",
        "kp_mz_ld",
        "ld_mz1",
        "ld_mz2",
        "ld_mz3",
        "ld_mz4",
        "sk_ld_mz",
        "sk_ld1",
        "sk_sl_ld",
        "ld_sl1",
        "ld_sl_op",
        "ld_op_wp",
        "ld_wp1",
        "ld_wp2",
        "ld_wp3",
    ],
    "lubelskie": [
        "mz_pd_lu",
        "pd_lu_e",
        "brest",
        "ua",
        "e5",
        "lu_pk_e",
        "lu_pk3",
        "lu_pk2",
        "lu_pk1",
        "lu_sk_pk",
        "mz_lu_sk",
        "mz_lu3",
        "mz_lu2",
        "mz_lu1",
    ],
    "dolnoslaskie": [
        "ds_lb_w",
        "ds_lb2",
        "ds_lb1",
        "ds_wp_lb",
        "ds_wp2",
        "ds_wp1",
        "op_ds_wp",
        "op_ds2",
        "op_ds1",
        "op_ds_s",
        "w6",
        "w7",
        "w8",
        "w9",
        "w10",
        "w11",
        "de_cz",
        "w12",
    ],
    "opolskie": [
        "op_ds_wp",
        "ld_op_wp",
        "ld_sl_op",
        "sl_op1",
        "sl_op2",
        "sl_op3",
        "sl_op_s",
        "w3",
        "w4",
        "w5",
        "op_ds_s",
        "op_ds1",
        "op_ds2",
    ],
    "slaskie": [
        "ld_sl_op",
        "ld_sl1",
        "sk_sl_ld",
        "sk_sl1",
        "sk_ma_sl",
        "sl_ma1",
        "sl_ma2",
        "sl_ma3",
        "sl_ma4",
        "ma_sl_s",
        "cz_sk",
        "w1",
        "w2",
        "sl_op_s",
        "sl_op3",
        "sl_op2",
        "sl_op1",
    ],
    "swietokrzyskie": [
        "sk_ld_mz",
        "sk_mz1",
        "sk_mz2",
        "mz_lu_sk",
        "lu_sk_pk",
        "sk_pk1",
        "sk_pk_ma",
        "sk_ma1",
        "sk_ma2",
        "sk_ma3",
        "sk_ma_sl",
        "sk_sl1",
        "sk_sl_ld",
        "sk_ld1",
    ],
    "malopolskie": [
        "sk_ma_sl",
        "sk_ma3",
        "sk_ma2",
        "sk_ma1",
        "sk_pk_ma",
        "ma_pk1",
        "ma_pk2",
        "ma_pk_s",
        "s3",
        "tatry",
        "s4",
        "s5",
        "ma_sl_s",
        "sl_ma4",
        "sl_ma3",
        "sl_ma2",
        "sl_ma1",
    ],
    "podkarpackie": [
        "lu_sk_pk",
        "lu_pk1",
        "lu_pk2",
        "lu_pk3",
        "lu_pk_e",
        "e6",
        "e7",
        "sk_ua",
        "s1",
        "s2",
        "ma_pk_s",
        "ma_pk2",
        "ma_pk1",
        "sk_pk_ma",
        "sk_pk1",
    ],
}

COAST = ["nw", "c1", "c2", "zp_pm_c", "c3", "rozewie", "hel", "gdynia", "gdansk", "c4", "pm_wn_n"]


def map_projection(centre: Point, height: float) -> Callable[[Point], Point]:
    """(lon, lat) to picture coordinates: an equirectangular map true to scale at 52° N,
    north up, with the country `height` tall and centred on `centre`."""
    k = math.cos(math.radians(52.0))
    lons = [lon for lon, _ in P.values()]
    lats = [lat for _, lat in P.values()]
    scale = height / (max(lats) - min(lats))
    mid_lon, mid_lat = (max(lons) + min(lons)) / 2, (max(lats) + min(lats)) / 2

    def project(point: Point) -> Point:
        lon, lat = point
        return (centre[0] + (lon - mid_lon) * k * scale, centre[1] - (lat - mid_lat) * scale)

    return project


def voivodeship_outline(name: str, project: Callable[[Point], Point]) -> list[Point]:
    return [project(P[key]) for key in VOIVODESHIPS[name]]


def polygon_area(points: Sequence[Point]) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]])) / 2


def polygon_centroid(points: Sequence[Point]) -> Point:
    area = polygon_area(points)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, [*points[1:], points[0]]):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (cx / (6 * area), cy / (6 * area))


def point_in_polygon(point: Point, polygon: Sequence[Point]) -> bool:
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in zip(polygon, [*polygon[1:], polygon[0]]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


# where the map sits in regions-voivodeships.png; the zone's Lubelskie hotspot points into it
VOIVODESHIPS_MAP = ((800.0, 540.0), 800.0)


# a four-colouring: neighbours never share a tone
MAP_TONE = {
    "zachodniopomorskie": 0,
    "pomorskie": 1,
    "warminsko-mazurskie": 2,
    "podlaskie": 0,
    "lubuskie": 1,
    "wielkopolskie": 2,
    "kujawsko-pomorskie": 0,
    "mazowieckie": 1,
    "lodzkie": 3,
    "dolnoslaskie": 0,
    "opolskie": 1,
    "slaskie": 2,
    "swietokrzyskie": 0,
    "malopolskie": 1,
    "podkarpackie": 2,
    "lubelskie": 3,
}
SEA: Colour = rgb("#8FB8D0")


def draw_map(
    c: Canvas, centre: Point, height: float, accent: Colour, tones: Sequence[Colour], dot: bool = True
) -> None:
    """Poland's voivodeships as a raised relief plate beside the Baltic, Lubelskie lifted
    higher in the accent colour. `dot` marks Lubelskie's centre; leave it out where the
    kiosk puts its own hotspot marker there (regions-voivodeships.png)."""
    project = map_projection(centre, height)
    coast = [project(P[k]) for k in COAST]
    top = max(min(y for _, y in coast) - height * 0.3, 0)
    # the Baltic: a soft pool of water north of the coast (the land covers its southern half)
    west, east = coast[0][0] - height * 0.08, coast[-1][0] + height * 0.1
    north = min(y for _, y in coast)
    mid_x, rx, ry = (west + east) / 2, (east - west) / 2, height * 0.26
    sea = [
        (mid_x + rx * math.cos(t), north + height * 0.06 + ry * math.sin(t))
        for t in (math.pi * (1 + i / 40) for i in range(41))
    ]
    sea += [(x, y + height * 0.02) for x, y in reversed(coast)]  # the shore, under the land
    c.faded(sea, tint(SEA, 0.1), north - ry, north)
    for k in range(1, 4):  # a few wave strokes
        y = top + (coast[0][1] - top) * (0.35 + k * 0.15)
        x0 = coast[0][0] + height * (0.02 + 0.07 * k)
        c.line([(x0 + i * 10, y + 4 * math.sin(i / 2.2)) for i in range(12)], tint(SEA, 0.5), 3)
    with c.layer(light=0.22, shadow=0.4, blur=16, offset=(10, 18)):
        for name in VOIVODESHIPS:
            if name != "lubelskie":
                c.poly(voivodeship_outline(name, project), tones[MAP_TONE[name]])
        for name in VOIVODESHIPS:
            ring = voivodeship_outline(name, project)
            c.line([*ring, ring[0]], tint(accent, 0.9), 3.5)
    lublin = voivodeship_outline("lubelskie", project)
    with c.layer(light=0.3, shadow=0.45, blur=10, offset=(7, 12)):
        c.poly([(x - 4, y - 8) for x, y in lublin], accent)
        c.line([(x - 4, y - 8) for x, y in [*lublin, lublin[0]]], tint(AMBER, 0.2), 4)
    if dot:
        x, y = polygon_centroid(lublin)
        with c.layer(light=0.2, shadow=0.3, blur=5, offset=(3, 5)):
            c.circle(x - 4, y - 8, height * 0.025, fill=WHITE)
            c.circle(x - 4, y - 8, height * 0.012, fill=AMBER)


def lubelskie_marker() -> Point:
    """Where Lubelskie's centre sits in regions-voivodeships.png, as fractions of the picture."""
    centre, height = VOIVODESHIPS_MAP
    x, y = polygon_centroid(voivodeship_outline("lubelskie", map_projection(centre, height)))
    return (x / PAGE[0], y / PAGE[1])


# -- the images ----------------------------------------------------------------------------


def lattice(c: Canvas, x0: float, y0: float, cols: int, rows: int, r: float, a: Colour) -> None:
    """A pattern of hexagons, like a molecular lattice, each a faceted tile."""
    step = r * 2.1
    for i in range(cols):
        for j in range(rows):
            x, y = x0 + i * step + (step / 2 if j % 2 else 0), y0 + j * step * 0.86
            if (i + j * 2) % 5 != 0:
                with c.layer(light=0.3, shadow=0.18, blur=5, offset=(3, 5)):
                    c.poly(hexagon(x, y, r), tint(a, 0.62 - 0.1 * ((i + j) % 3)))
                    c.poly(hexagon(x - r * 0.08, y - r * 0.1, r * 0.62), tint(a, 0.74 - 0.1 * ((i + j) % 3)))


def disc(
    c: Canvas, cx: float, cy: float, r: float, fill: Colour, ring: Colour | None = None, ring_w: float = 0
) -> None:
    """A raised round plate with an optional rim."""
    with c.layer(light=0.25, shadow=0.3, blur=16, offset=(8, 16)):
        c.circle(cx, cy, r, fill=fill)
        if ring:
            c.circle(cx, cy, r, outline=ring, width=ring_w)


def technologies_cover() -> Canvas:
    a = ACCENT["technologies"]
    c = backdrop(COVER, a, [(930, 180, 260), (160, 700, 200)], light=(880, 380))
    floor(c, 660, a)
    # the home screen's cards show the middle of a cover: the story stays within x 300-900
    lattice(c, 150, 130, 6, 4, 36, a)
    coal_lump(c, 440, 540, 115, base=shade(a, 0.75))
    with c.layer(light=0.2, shadow=0.2, blur=6, offset=(4, 6)):
        c.arrow(bezier((575, 500), (615, 430), (665, 425)), a, 14)
    c.glow(790, 470, 230, tint(AMBER, 0.2), 0.9)
    disc(c, 790, 470, 125, tint(a, 0.6))
    flame(c, 790, 570, 125, 200)
    for x, y, r in ((330, 310, 26), (560, 360, 18), (1060, 300, 22)):
        sparkle(c, x, y, r, WHITE)
    return c


def technologies_clean_coal() -> Canvas:
    a = ACCENT["technologies"]
    c = backdrop(PAGE, a, [(1350, 160, 300), (200, 880, 240)], light=(800, 420))
    c.glow(800, 500, 460, WHITE, 0.6)
    # two satellites: gas flame (gasification) and leaf (biomass)
    for (sx, sy), draw in (((250, 270), "flame"), ((1350, 730), "leaf")):
        dist = math.hypot(sx - 800, sy - 500)
        ux, uy = (sx - 800) / dist, (sy - 500) / dist
        with c.layer(light=0.0, shadow=0.15, blur=4, offset=(3, 5)):
            c.dashed([(800 + ux * 322, 500 + uy * 322), (sx - ux * 150, sy - uy * 150)], a, 8, 20, 18)
        disc(c, sx, sy, 130, WHITE, tint(a, 0.5), 6)
        if draw == "flame":
            flame(c, sx, sy + 80, 120, 170)
        else:
            leaf(c, sx, sy, 170, -50, rgb("#4E9A5A"), vein=tint(rgb("#4E9A5A"), 0.5))
    disc(c, 800, 500, 300, tint(a, 0.72), a, 14)
    coal_lump(c, 800, 520, 175, base=shade(a, 0.75))
    for x, y, r in ((655, 330, 34), (965, 360, 26), (930, 690, 20), (630, 650, 16)):
        sparkle(c, x, y, r, WHITE)
    return c


def technologies_gasification() -> Canvas:
    a = ACCENT["technologies"]
    c = backdrop(PAGE, a, [(1450, 120, 260), (120, 920, 220)], light=(1100, 300))
    ground = 760
    floor(c, ground, a)
    # 1. coal
    for x, y, r in ((230, 700, 62), (350, 705, 56), (290, 625, 58)):
        coal_lump(c, x, y, r, base=shade(a, 0.75))
    with c.layer(light=0.2, shadow=0.2, blur=6, offset=(4, 6)):
        c.arrow([(450, 640), (590, 640)], AMBER, 18)
    # 2. the reactor vessel, glowing inside
    with c.layer(light=0.15, shadow=0.35, blur=20, offset=(16, 10), round_form=True):
        c.rect(740, 230, 800, 290, fill=shade(a, 0.3), radius=10)
        c.rect(640, 280, 900, ground, fill=a, radius=60)
    with c.layer(light=0.0, shadow=0.0, glow=tint(AMBER, 0.5), glow_radius=10):
        c.rect(680, 340, 860, 700, fill=shade(a, 0.3), radius=36)
        for i in range(4):
            y = 390 + i * 80
            c.rect(700, y, 840, y + 40, fill=mix(YELLOW, shade(a, 0.25), 0.05 + i * 0.22), radius=20)
    # 3. gas led by a pipe to a burner with a flame
    pipe = [(900, 360), (1010, 360), (1010, 690), (1090, 690)]
    with c.layer(light=0.1, shadow=0.3, blur=8, offset=(8, 10)):
        c.line(pipe, tint(a, 0.45), 36)
        c.line(pipe, tint(a, 0.78), 16)
        for tip, tail in (((975, 360), (945, 360)), ((1010, 540), (1010, 510))):
            c.arrow_head(tip, tail, a, 34)
    with c.layer(light=0.2, shadow=0.35, blur=14, offset=(12, 8), round_form=True):
        c.rect(1090, 620, 1340, ground, fill=shade(a, 0.2), radius=24)
        c.rect(1120, 590, 1310, 630, fill=shade(a, 0.45), radius=12)
    c.glow(1215, 480, 260, tint(AMBER, 0.2), 0.8)
    flame(c, 1215, 595, 200, 320)
    return c


def technologies_biomass() -> Canvas:
    a = ACCENT["technologies"]
    green = rgb("#4E9A5A")
    c = backdrop(PAGE, a, [(1420, 880, 280), (160, 140, 220)], light=(1000, 300))
    ground = 760
    floor(c, ground, a)
    # leaves and a heap of pellets
    leaf(c, 300, 370, 230, -35, green, vein=tint(green, 0.45))
    leaf(c, 420, 420, 170, -75, mix(green, YELLOW, 0.3), vein=tint(green, 0.5))
    pellet = rgb("#B07A3B")
    for row, count in enumerate((7, 6, 5, 3)):
        for i in range(count):
            x = 210 + i * 56 + row * 28 + (row % 2) * 4
            y = ground - 30 - row * 44
            with c.layer(light=0.3, shadow=0.3, blur=4, offset=(3, 5)):
                c.rect(
                    x - 24, y - 17, x + 24, y + 17, fill=mix(pellet, WHITE, 0.12 * ((i + row) % 3)), radius=17
                )
                c.ellipse(x + 8, y - 13, x + 22, y + 13, shade(pellet, 0.25))
    with c.layer(light=0.2, shadow=0.2, blur=6, offset=(4, 6)):
        c.arrow(bezier((640, 560), (760, 470), (880, 560)), a, 18)
    # a stove with a flame
    with c.layer(light=0.22, shadow=0.35, blur=20, offset=(16, 10)):
        c.rect(1130, 330, 1190, 420, fill=shade(a, 0.2), radius=8)
        c.rect(960, 420, 1360, ground, fill=a, radius=40)
    with c.layer(light=0.0, shadow=0.0):
        c.rect(1010, 480, 1310, 700, fill=shade(a, 0.45), radius=28)
    c.glow(1160, 600, 200, tint(AMBER, 0.1), 0.9)
    flame(c, 1160, 690, 220, 230)
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


def sun(c: Canvas, x: float, y: float, r: float) -> None:
    """A low sun: a wide warm glow around a bright disc."""
    c.glow(x, y, r * 5, tint(YELLOW, 0.3), 0.9)
    c.glow(x, y, r * 2.2, WHITE, 0.8)
    with c.layer(light=0.0, shadow=0.0):
        c.circle(x, y, r, fill=tint(YELLOW, 0.55))


def hill(c: Canvas, points: Sequence[Point], bottom: float, colour: Colour) -> None:
    """A rolling hill along `points`, lit on its crest."""
    with c.layer(light=0.18, shadow=0.12, blur=20, offset=(0, -6)):
        c.poly([(points[0][0], bottom), *points, (points[-1][0], bottom)], colour)


def forest_cover() -> Canvas:
    a = ACCENT["forest"]
    c = backdrop(COVER, a, [(950, 170, 110)], light=(950, 170))
    sun(c, 950, 170, 62)
    hill(c, bezier((0, 560), (400, 430), (800, 620), (1200, 500)), 800, tint(a, 0.66))
    forest_scene(c, a, 640, 1200, scale=1.05)
    floor(c, 640, a)
    return c


def forest_wealth() -> Canvas:
    a = ACCENT["forest"]
    c = backdrop(PAGE, a, [(1300, 200, 150)], light=(1300, 200))
    sun(c, 1300, 200, 80)
    hill(c, bezier((0, 640), (500, 520), (1000, 720), (1600, 580)), 1000, tint(a, 0.66))
    forest_scene(c, a, 800, 1600, scale=1.3)
    floor(c, 800, a)
    # birds
    with c.layer(light=0.0, shadow=0.12, blur=4, offset=(4, 8)):
        for x, y, s in ((380, 200, 34), (450, 250, 26), (520, 190, 22)):
            c.line(bezier((x - s, y - s * 0.3), (x - s * 0.4, y - s * 0.6), (x, y)), shade(a, 0.3), 6)
            c.line(bezier((x, y), (x + s * 0.4, y - s * 0.6), (x + s, y - s * 0.3)), shade(a, 0.3), 6)
    # mushrooms and ferns in the foreground
    for x in (260, 1180):
        with c.layer(light=0.3, shadow=0.3, blur=5, offset=(5, 6)):
            c.rect(x - 10, 860, x + 10, 900, fill=tint(rgb("#7A5A3A"), 0.6), radius=6)
            c.poly(arc_points(x, 866, 34, 180, 360), rgb("#C4553B"))
            for dx, dy in ((-14, 852), (6, 846), (18, 858)):
                c.circle(x + dx, dy, 4, fill=tint(rgb("#C4553B"), 0.8))
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
    with c.layer(light=0.0, shadow=0.25, blur=8, offset=(5, 8)):
        for s in (-1, 1):
            ball(c, x + s * ux * r * 1.55, y + s * uy * r * 1.55, r * 0.82, oxygen)
        ball(c, x, y, r, carbon)


def forest_co2() -> Canvas:
    a = ACCENT["forest"]
    c = backdrop(PAGE, a, [(180, 160, 200), (1450, 260, 180)], light=(800, 120))
    floor(c, 820, a)
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
        with c.layer(light=0.0, shadow=0.15, blur=5, offset=(4, 6)):
            c.arrow(bezier((mx, my + 50), mid, (tx, ty - 45)), rgb("#5C6475"), 11, head=40)
    return c


def regions_cover() -> Canvas:
    a = ACCENT["regions"]
    c = backdrop(COVER, a, [(1040, 640, 230), (120, 120, 160)], light=(600, 200))
    draw_map(c, (600, 450), 620, a, [tint(a, 0.55), tint(a, 0.68), tint(AMBER, 0.5), tint(a, 0.78)])
    return c


def regions_voivodeships() -> Canvas:
    a = ACCENT["regions"]
    c = backdrop(PAGE, a, [(1420, 140, 220), (150, 880, 200)], light=(800, 300))
    centre, height = VOIVODESHIPS_MAP
    draw_map(c, centre, height, a, [tint(a, 0.6), tint(a, 0.72), tint(AMBER, 0.55), tint(a, 0.8)], dot=False)
    return c


def regions_education() -> Canvas:
    a = ACCENT["regions"]
    c = backdrop(PAGE, a, [(800, 470, 420), (1450, 880, 160)], light=(800, 200))
    floor(c, 870, a)
    # mortarboard
    cx, top = 800, 170
    with c.layer(light=0.25, shadow=0.35, blur=16, offset=(10, 18)):
        c.poly(
            [(cx - 150, top + 150), (cx + 150, top + 150), (cx + 130, top + 240), (cx - 130, top + 240)],
            shade(a, 0.35),
        )
        c.poly([(cx, top), (cx + 300, top + 110), (cx, top + 200), (cx - 300, top + 110)], a)
        c.poly([(cx, top + 8), (cx + 270, top + 110), (cx, top + 150), (cx - 270, top + 100)], tint(a, 0.15))
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
            with c.layer(light=0.25, shadow=0.3, blur=6, offset=(4, 5)):
                c.rect(x - w / 2, y, x + w / 2, y + 40, fill=covers[(k + shift) % 4], radius=8)
                c.rect(x + w / 2 - 30, y + 8, x + w / 2 - 6, y + 32, fill=WHITE, radius=4)
                c.rect(x - w / 2 + 14, y + 10, x - w / 2 + 22, y + 30, fill=tint(AMBER, 0.3), radius=3)
    return c


def regions_lublin_almaty() -> Canvas:
    a = ACCENT["regions"]
    other = ACCENT["poland-kazakhstan"]
    c = backdrop(PAGE, a, [(330, 620, 230), (1270, 620, 230)], light=(800, 300))
    path = bezier((345, 395), (560, 40), (1040, 40), (1255, 395), steps=120)
    base_end, body = Canvas._cut(path, 30)
    base_start, body = Canvas._cut(body[::-1], 30)
    with c.layer(light=0.0, shadow=0.18, blur=6, offset=(5, 10)):
        c.dashed(body[::-1], shade(a, 0.1), 10, 28, 22)
        c.arrow_head(path[-1], base_end, shade(a, 0.1), 44)
        c.arrow_head(path[0], base_start, shade(a, 0.1), 44)
    for x, colour in ((330, a), (1270, other)):
        c.glow(x, 755, 150, tint(colour, 0.5), 0.5)
        with c.layer(light=0.0, shadow=0.0):
            c.ellipse(x - 110, 735, x + 110, 775, tint(colour, 0.55))
    pin(c, 330, 720, 95, a)
    pin(c, 1270, 720, 95, other)
    # a briefcase: the planned business mission
    bx, by = 800, 345
    with c.layer(light=0.28, shadow=0.35, blur=16, offset=(10, 18)):
        c.rect(bx - 70, by - 95, bx + 70, by - 20, outline=shade(a, 0.4), width=16, radius=22)
        c.rect(bx - 150, by - 50, bx + 150, by + 150, fill=shade(a, 0.3), radius=28)
        c.rect(bx - 150, by + 20, bx + 150, by + 40, fill=shade(a, 0.55))
        c.rect(bx - 22, by + 5, bx + 22, by + 55, fill=AMBER, radius=8)
    return c


def two_circles(
    c: Canvas, left: Point, right: Point, r: float, colours: tuple[Colour, Colour], arrow: Colour
) -> None:
    """Poland and Kazakhstan as two flag badges, goods going both ways between them."""
    (lx, ly), (rx, ry) = left, right
    for (x, y), colour, flat in zip(
        (left, right),
        colours,
        (poland_flag(round(2 * r), round(2 * r)), kazakhstan_flag(round(4 * r), round(2 * r))),
    ):
        c.glow(x, y, r * 1.8, tint(colour, 0.5), 0.5)
        flag_badge(c, flat, x, y, r)

    def on(cx: float, cy: float, angle: float) -> Point:
        return (cx + r * 1.18 * math.cos(math.radians(angle)), cy + r * 1.18 * math.sin(math.radians(angle)))

    mid = (lx + rx) / 2
    top = bezier(on(lx, ly, -45), (mid, ly - r * 1.75), on(rx, ry, -135))
    bottom = bezier(on(rx, ry, 135), (mid, ly + r * 1.75), on(lx, ly, 45))
    with c.layer(light=0.15, shadow=0.2, blur=6, offset=(5, 8)):
        c.arrow(top, arrow, r * 0.12)
        c.arrow(bottom, arrow, r * 0.12)


def poland_kazakhstan_cover() -> Canvas:
    a = ACCENT["poland-kazakhstan"]
    c = backdrop(COVER, a, [(600, 400, 330)], light=(600, 330))
    for i, r in enumerate((300, 240, 180)):
        with c.layer(light=0.0, shadow=0.12, blur=6, offset=(3, 6)):
            c.circle(450, 400, r + 40, outline=tint(a, 0.45 + i * 0.12), width=10)
            c.circle(750, 400, r + 40, outline=tint(AMBER, 0.3 + i * 0.15), width=10)
    c.glow(600, 400, 360, tint(AMBER, 0.4), 0.6)
    flag_badge(c, poland_flag(340, 340), 450, 400, 170)
    flag_badge(c, kazakhstan_flag(680, 340), 750, 400, 170)
    return c


def poland_kazakhstan_trade() -> Canvas:
    a = ACCENT["poland-kazakhstan"]
    c = backdrop(PAGE, a, [(800, 500, 360)], light=(800, 300))
    two_circles(c, (380, 500), (1220, 500), 170, (a, AMBER), shade(a, 0.2))
    # small crates riding on the arrows
    for x, y, colour in ((700, 265, AMBER), (900, 735, a)):
        with c.layer(light=0.3, shadow=0.35, blur=8, offset=(6, 10)):
            c.rect(x - 40, y - 40, x + 40, y + 40, fill=colour, radius=10)
            c.rect(x - 40, y - 6, x + 40, y + 6, fill=mix(colour, WHITE, 0.4))
            c.rect(x - 6, y - 40, x + 6, y + 40, fill=mix(colour, WHITE, 0.25))
    return c


def poland_kazakhstan_agreements() -> Canvas:
    a = ACCENT["poland-kazakhstan"]
    c = backdrop(PAGE, a, [(160, 140, 200), (1460, 900, 220)], light=(800, 260))
    floor(c, 880, a)
    w, h, gap = 190, 250, 60
    x0 = (1600 - 5 * w - 4 * gap) / 2
    for i in range(10):
        col, row = i % 5, i // 5
        x, y = x0 + col * (w + gap), 170 + row * (h + 90) + (col % 2) * 12
        highlight = i in (0, 1)  # the two memoranda named on the page
        paper = tint(AMBER, 0.7) if highlight else WHITE
        document(c, x, y, w, h, paper, tint(a, 0.55), a if not highlight else shade(AMBER, 0.4))
        if highlight:  # a seal on the memoranda
            with c.layer(light=0.3, shadow=0.3, blur=4, offset=(3, 5)):
                c.circle(x + w - 40, y + h - 40, 26, fill=PL_RED)
                c.circle(x + w - 40, y + h - 40, 16, fill=tint(PL_RED, 0.25))
    return c


def poland_kazakhstan_sessions() -> Canvas:
    a = ACCENT["poland-kazakhstan"]
    c = backdrop(PAGE, a, [(800, 1000, 420)], light=(800, 200))
    floor(c, 860, a)
    cards = [(160, "coins"), (620, "energy"), (1080, "bridge")]
    for i, (x, kind) in enumerate(cards):
        last = i == 2
        with c.layer(light=0.08, shadow=0.35, blur=22, offset=(10, 22)):
            c.rect(x, 230, x + 360, 770, fill=WHITE, radius=36)
            if last:  # Lubelskie took part in the last session
                c.rect(x, 230, x + 360, 770, outline=AMBER, width=12, radius=36)
        cx, cy = x + 180, 500
        if kind == "coins":
            c.glow(cx, cy, 200, tint(AMBER, 0.6), 0.5)
            for j in range(5):  # a stack of coins, bottom first
                y = cy + 120 - j * 44
                c.ellipse(cx - 100, y - 6, cx + 100, y + 50, shade(AMBER, 0.3))
                c.rect(cx - 100, y - 6, cx + 100, y + 22, fill=shade(AMBER, 0.3))
                c.ellipse(cx - 100, y - 34, cx + 100, y + 22, AMBER if j % 2 else tint(AMBER, 0.15))
                c.ellipse(cx - 80, y - 26, cx + 60, y + 10, tint(AMBER, 0.3 if j % 2 else 0.45))
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
    c = backdrop(COVER, a, [(600, 820, 420), (1080, 120, 140), (160, 200, 90)], light=(560, 160))
    ground = 690
    floor(c, ground, a)
    # the home screen's cards show the middle of a cover: both flags within x 300-900
    flag_on_pole(c, poland_flag(240, 150), 310, 170, ground, 240, 150, shade(a, 0.55))
    flag_on_pole(c, kazakhstan_flag(300, 150), 590, 220, ground, 300, 150, shade(a, 0.55), phase=1.4)
    for i, (x, y) in enumerate(((150, 430), (1110, 520), (1060, 150), (190, 600))):
        c.glow(x, y, 40 + (i % 2) * 20, tint(AMBER, 0.3), 0.7)
    music_note(c, 170, 470, 44, tint(a, 0.15))
    music_note(c, 1080, 420, 36, shade(a, 0.3))
    return c


def calendar_sheet(
    c: Canvas, x: float, y: float, w: float, h: float, header: Colour, day: str, ink: Colour
) -> None:
    """A tear-off calendar: a pad of sheets under the day's page, rings on top."""
    with c.layer(light=0.1, shadow=0.35, blur=22, offset=(12, 22)):
        for k in (3, 2, 1):
            c.rect(
                x + k * 4, y + k * 7, x + w + k * 4, y + h + k * 7, fill=mix(WHITE, GREY, 0.25 * k), radius=34
            )
        c.rect(x, y, x + w, y + h, fill=WHITE, radius=34)
        c.rect(x, y, x + w, y + h * 0.26, fill=header, radius=34)
        c.rect(x, y + h * 0.14, x + w, y + h * 0.26, fill=header)
        c.digits(x + w / 2, y + h * 0.62, day, h * 0.48, ink)
    with c.layer(light=0.0, shadow=0.3, blur=5, offset=(4, 6), round_form=True):
        for rx in (x + w * 0.28, x + w * 0.72):
            c.rect(rx - 14, y - 40, rx + 14, y + 50, fill=mix(GREY, INK, 0.3), radius=14)


def national_day_calendar() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(PAGE, a, [(800, 520, 430)], light=(800, 300))
    floor(c, 880, a)
    calendar_sheet(c, 330, 230, 420, 560, ACCENT["poland-kazakhstan"], "6", INK)
    calendar_sheet(c, 850, 230, 420, 560, a, "7", INK)
    return c


# where the flags fly in national-day-flags.png (x0, y0, x1, y1), before they wave
FLAG_BOXES = {"poland": (225.0, 182.0, 545.0, 382.0), "kazakhstan": (625.0, 182.0, 1025.0, 382.0)}


def national_day_flags() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(PAGE, a, [(800, 1080, 560), (1420, 160, 160)], light=(700, 220))
    ground = 860
    floor(c, ground, a)
    for key, flat, px, phase in (
        ("poland", poland_flag(320, 200), 220, 0.0),
        ("kazakhstan", kazakhstan_flag(400, 200), 620, 1.3),
    ):
        box = flag_on_pole(
            c, flat, px, 170, ground, FLAG_BOXES[key][2] - FLAG_BOXES[key][0], 200, shade(a, 0.6), phase
        )
        assert box == FLAG_BOXES[key], box
        with c.layer(light=0.0, shadow=0.15, blur=4, offset=(3, 5)):
            c.arrow([(px - 45, 640), (px - 45, 420)], tint(a, 0.35), 10)
    # anthems: notes
    music_note(c, 960, 330, 50, tint(a, 0.25))
    music_note(c, 1060, 220, 38, shade(a, 0.3))
    # speeches: a lectern with a microphone
    lx = 1180
    with c.layer(light=0.0, shadow=0.2, blur=4, offset=(4, 6)):
        c.line([(lx, 540), (lx, 470), (lx - 30, 430)], INK, 8)
        ball(c, lx - 32, 420, 25, INK)
    with c.layer(light=0.2, shadow=0.4, blur=20, offset=(16, 10), round_form=True):
        c.poly([(lx - 120, 560), (lx + 120, 560), (lx + 90, ground), (lx - 90, ground)], shade(a, 0.25))
        c.rect(lx - 140, 540, lx + 140, 580, fill=shade(a, 0.45), radius=12)
        c.circle(lx, 650, 40, fill=tint(AMBER, 0.1))
    with c.layer(light=0.0, shadow=0.12, blur=4, offset=(3, 5)):
        for i, r in enumerate((90, 130)):
            c.line(arc_points(lx - 30, 420, r, -150, -100), tint(a, 0.3 + i * 0.2), 8)
    return c


def national_day_pavilion() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(PAGE, a, [(200, 160, 200), (1420, 200, 170)], light=(800, 200))
    ground = 840
    floor(c, ground, a)
    left, right, roof = 300, 1300, 230
    # the shell: a gently curved roof over two floors
    with c.layer(light=0.1, shadow=0.4, blur=26, offset=(18, 14)):
        roof_curve = bezier((left - 40, roof + 60), (800, roof - 80), (right + 40, roof + 60))
        c.poly([*roof_curve, (right + 40, roof + 100), (left - 40, roof + 100)], shade(a, 0.3))
        c.rect(left, roof + 90, right, ground, fill=WHITE)
        mid = (roof + 100 + ground) / 2
        c.rect(left, mid - 8, right, mid + 8, fill=shade(a, 0.3))
        for x in (left, right - 24):
            c.rect(x, roof + 90, x + 24, ground, fill=shade(a, 0.3))
    # five zones on two floors (the layout is schematic: which zone is where is not shown),
    # each a lit room seen through the glass
    tones = [a, tint(a, 0.3), tint(AMBER, 0.05), tint(a, 0.5), shade(a, 0.25)]
    upper = [(left + 60, left + 480), (left + 520, right - 60)]
    lower = [(left + 60, left + 320), (left + 350, left + 610), (left + 640, right - 190)]
    i = 0
    for (y0, y1), spans in (((roof + 130, mid - 40), upper), ((mid + 40, ground - 40), lower)):
        for x0, x1 in spans:
            with c.layer(light=0.3, shadow=0.25, blur=8, offset=(4, 8)):
                c.rect(x0, y0, x1, y1, fill=tones[i], radius=22)
                c.rect(x0 + 16, y0 + 12, x1 - 16, y0 + 26, fill=tint(tones[i], 0.35), radius=7)
            i += 1
    # stairs joining the floors
    n, x0, x1, yb, yt = 7, right - 170, right - 24, ground, mid + 8
    sw, sh = (x1 - x0) / n, (yb - yt) / n
    with c.layer(light=0.25, shadow=0.25, blur=6, offset=(5, 6)):
        for k in range(n):
            c.rect(
                x0 + k * sw, yb - (k + 1) * sh, x1, yb - k * sh, fill=mix(tint(a, 0.7), tint(a, 0.45), k / n)
            )
    return c


def national_day_visitors() -> Canvas:
    a = ACCENT["national-day"]
    c = backdrop(PAGE, a, [(1250, 540, 330)], light=(1260, 540))
    floor(c, 830, a)
    tones = [a, tint(a, 0.35), shade(a, 0.25), tint(AMBER, 0.05), tint(a, 0.55)]
    # an open door, lit from inside, its light spilling on the floor
    with c.layer(light=0.15, shadow=0.4, blur=20, offset=(14, 10)):
        c.rect(1120, 250, 1400, 830, fill=shade(a, 0.3), radius=30)
    c.glow(1260, 560, 420, tint(YELLOW, 0.3), 0.7)
    with c.layer(light=0.0, shadow=0.0, glow=tint(YELLOW, 0.2), glow_radius=12):
        c.rect(1160, 300, 1360, 830, fill=tint(YELLOW, 0.45), radius=18)
        c.poly([(1160, 830), (1360, 830), (1440, 960), (1040, 960)], tint(YELLOW, 0.6))
    # an isotype-like crowd: rows of people walking towards the door
    for row in range(4):
        for col in range(7):
            x = 170 + col * 120 + (60 if row % 2 else 0)
            person(c, x, 170 + row * 175, 140, tones[(col * 2 + row * 3) % len(tones)])
    with c.layer(light=0.0, shadow=0.15, blur=4, offset=(3, 5)):
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
