"""Make the sample film: the pavilion's dates as an animated timeline, with its captions.

    /work/venv/bin/python tools/make_film.py            # the film and its captions
    /work/venv/bin/python tools/make_film.py captions   # only the captions

Writes media/video/national-day-timeline.mp4 (1280x720, 30 fps, H.264, 20 s) and its
WebVTT captions in pl, en, kk and ru beside it. The pictures are the bundled illustrations
(tools/make_illustrations.py draws them): each date shows its picture, slowly drawing
nearer, while a marker walks along a timeline at the bottom. The film carries no words,
only dates in figures; the words are the captions, one sentence a date, each a fact of
the pavilion's source text. Nothing is random, so running it again gives the same film.
"""

from __future__ import annotations

import sys
from pathlib import Path

import av
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "media" / "images"
OUT = ROOT / "media" / "video"
NAME = "national-day-timeline"
FONT = ROOT / "kiosk" / "shipped" / "fonts" / "NotoSans-Bold.ttf"

W, H, FPS = 1280, 720, 30
SCENE_S = 4.0  # one date
FADE_S = 0.6  # one picture into the next
CUE_IN, CUE_OUT = 0.3, 3.9  # a caption's time within its date

PAPER = (246, 244, 239)
INK = (39, 48, 61)
LINE = (201, 208, 218)
RED = (176, 18, 43)  # the zone's accent
WHITE = (255, 255, 255)

# (picture, date in figures on the timeline, caption by language): facts of the source text.
# A caption with a line break is two captions, the date's time shared between them.
DATES = [
    (
        "poland-kazakhstan-trade.png",
        "2016",
        {
            "pl": "W 2016 r. obroty handlowe między Polską a Kazachstanem osiągnęły 759 mln USD.",
            "en": "In 2016, trade between Poland and Kazakhstan reached USD 759 million.",
            "kk": "2016 жылы Польша мен Қазақстан арасындағы тауар айналымы 759 млн АҚШ долларына жетті.",
            "ru": "В 2016 году товарооборот между Польшей и Казахстаном достиг 759 млн долларов США.",
        },
    ),
    (
        "national-day-visitors.png",
        "30.08.2017",
        {
            "pl": "Do 30 sierpnia 2017 r. Pawilon Polski odwiedziło ponad 257 tys. osób.",
            "en": "By 30 August 2017, more than 257,000 people had visited the Polish Pavilion.",
            "kk": "2017 жылғы 30 тамызға дейін Польша павильонына 257 мыңнан астам адам келді.",
            "ru": "К 30 августа 2017 года Павильон Польши посетили более 257 тысяч человек.",
        },
    ),
    (
        "poland-kazakhstan-agreements.png",
        "6.09.2017",
        {  # two facts, two captions: each short enough for two lines in large text
            "pl": "6 września 2017 r.: Polsko-Kazachstańskie Forum Gospodarcze.\n"
            "Podpisano na nim 10 dwustronnych porozumień.",
            "en": "6 September 2017: the Polish-Kazakh Economic Forum.\n"
            "10 bilateral agreements were signed there.",
            "kk": "2017 жылғы 6 қыркүйек: Польша-Қазақстан экономикалық форумы.\n"
            "Онда 10 екіжақты келісімге қол қойылды.",
            "ru": "6 сентября 2017 года: Польско-казахстанский экономический форум.\n"
            "На нём подписано 10 двусторонних соглашений.",
        },
    ),
    (
        "national-day-flags.png",
        "7.09.2017",
        {
            "pl": "7 września 2017 r. na Expo 2017 w Astanie odbył się Narodowy Dzień Polski.",
            "en": "On 7 September 2017, Expo 2017 in Astana held the National Day of Poland.",
            "kk": "2017 жылғы 7 қыркүйекте Астанадағы Expo 2017 көрмесінде Польшаның Ұлттық күні өтті.",
            "ru": "7 сентября 2017 года на Expo 2017 в Астане прошёл Национальный день Польши.",
        },
    ),
    (
        "national-day-pavilion.png",
        "10.09.2017",
        {
            "pl": "10 września 2017 r. zakończyła się Międzynarodowa Wystawa Expo 2017 w Astanie.",
            "en": "On 10 September 2017, the International Exhibition Expo 2017 in Astana closed.",
            "kk": "2017 жылғы 10 қыркүйекте Астанадағы Expo 2017 халықаралық көрмесі аяқталды.",
            "ru": "10 сентября 2017 года Международная выставка Expo 2017 в Астане завершилась.",
        },
    ),
]
LANGUAGES = ("pl", "en", "kk", "ru")

BAND_H = 120  # the timeline's band at the bottom
PICTURE_H = H - BAND_H


def smooth(t: float) -> float:
    """Ease in and out: 0 -> 0, 1 -> 1, slow at both ends."""
    t = min(1.0, max(0.0, t))
    return t * t * (3 - 2 * t)


def pictures() -> list[Image.Image]:
    """Each illustration cut to the picture area's shape, a little larger for the slow zoom."""
    out = []
    for file, *_ in DATES:
        image = Image.open(IMAGES / file).convert("RGB")
        scale = max(W / image.width, PICTURE_H / image.height) * 1.08
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
        out.append(image)
    return out


def framed(image: Image.Image, t: float) -> Image.Image:
    """The picture at `t` (0..1 through its date): drawing 6 % nearer around its centre."""
    zoom = 1.0 + 0.06 * smooth(t)
    crop_w, crop_h = image.width / 1.08 / zoom, image.height / 1.08 / zoom
    if crop_w / crop_h > W / PICTURE_H:  # the picture area's shape, from the middle
        crop_w = crop_h * W / PICTURE_H
    else:
        crop_h = crop_w * PICTURE_H / W
    x0, y0 = (image.width - crop_w) / 2, (image.height - crop_h) / 2
    return image.resize((W, PICTURE_H), Image.BILINEAR, box=(x0, y0, x0 + crop_w, y0 + crop_h))


def band(position: float, font: ImageFont.FreeTypeFont) -> Image.Image:
    """The timeline: a dot a date, the marker at `position` (0 .. len(DATES) - 1)."""
    image = Image.new("RGB", (W * 2, BAND_H * 2), WHITE)  # drawn at twice the size, for smooth edges
    d = ImageDraw.Draw(image)
    d.line([(0, 0), (W * 2, 0)], fill=LINE, width=4)
    left, right, y = 120 * 2, (W - 120) * 2, 40 * 2
    step = (right - left) / (len(DATES) - 1)
    d.line([(left, y), (right, y)], fill=LINE, width=8)
    d.line([(left, y), (left + step * position, y)], fill=RED, width=8)
    for i, (_, date, _) in enumerate(DATES):
        x = left + step * i
        near = max(0.0, 1.0 - abs(position - i))  # the date shown grows and darkens
        r = 2 * (12 + 10 * near)
        fill = RED if i <= position + 1e-6 else WHITE
        d.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=RED if fill == RED else LINE, width=6)
        colour = tuple(round(a + (b - a) * near) for a, b in zip((120, 128, 140), INK))
        d.text((x, y + 58), date, font=font, fill=colour, anchor="mt")
    return image.resize((W, BAND_H), Image.LANCZOS)


def frame(index: int, shots: list[Image.Image], font) -> Image.Image:
    t = index / FPS
    scene = min(len(DATES) - 1, int(t // SCENE_S))
    within = (t - scene * SCENE_S) / SCENE_S
    picture = framed(shots[scene], within)
    fade_from = SCENE_S - FADE_S
    into = smooth((t - scene * SCENE_S - fade_from) / FADE_S) if scene < len(DATES) - 1 else 0.0
    if into > 0:
        coming = framed(shots[scene + 1], 0.0)
        picture = Image.blend(picture, coming, into)
    image = Image.new("RGB", (W, H), PAPER)
    image.paste(picture, (0, 0))
    image.paste(band(scene + into, font), (0, PICTURE_H))
    return image


def timestamp(seconds: float) -> str:
    minutes, rest = divmod(round(seconds * 1000), 60_000)
    return f"{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def write_captions() -> None:
    for code in LANGUAGES:
        lines = ["WEBVTT", "", f"NOTE The pavilion's dates ({code}); written by tools/make_film.py", ""]
        for i, (_, _, words) in enumerate(DATES):
            parts = words[code].split("\n")
            span = (CUE_OUT - CUE_IN) / len(parts)
            for k, part in enumerate(parts):
                start = i * SCENE_S + CUE_IN + k * span
                end = start + span - (0.1 if k < len(parts) - 1 else 0.0)
                lines += [f"{timestamp(start)} --> {timestamp(end)}", part, ""]
        (OUT / f"{NAME}.{code}.vtt").write_text("\n".join(lines), encoding="utf-8")


def write_film() -> Path:
    path = OUT / f"{NAME}.mp4"
    shots = pictures()
    font = ImageFont.truetype(str(FONT), 2 * 27)  # legible with the film at 1280 wide
    frames = round(len(DATES) * SCENE_S * FPS)
    # faststart: the index at the front, so a copy cut short still opens and shows where it ends
    with av.open(str(path), "w", options={"movflags": "+faststart"}) as out:
        stream = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuv420p"
        # a key frame every 2 s: playing again from the start and seeking stay cheap
        stream.options = {"preset": "slow", "crf": "27", "g": str(2 * FPS), "threads": "1"}
        for i in range(frames):
            for packet in stream.encode(av.VideoFrame.from_image(frame(i, shots, font))):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)
    return path


def main(only_captions: bool) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_captions()
    if not only_captions:
        path = write_film()
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(sys.argv[1:] == ["captions"])
