"""PyAV against imageio-ffmpeg: what one film frame costs to decode, and what each brings.

Run: python benchmarks/video_decoders.py [--frames N]

Films of 1920x1080 and 3840x2160 at 30 fps (H.264 in MP4, a pan over a bundled
illustration with a little grain) are made in a temporary folder with PyAV's libx264.
Each library then decodes every frame and turns it into what the kiosk blits: BGRA at the
film box's size (960x540 on a 1080p screen, 1920x1080 on a 4K one). Printed per frame:
wall time, CPU time (the ffmpeg child's included), and the wall time as a multiple of the
floor, copying one BGRA frame of the film's own size, measured in the same run. The
machine may be shared: read the ratios, not the milliseconds. Then what each needs
installed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ILLUSTRATION = ROOT / "media" / "images" / "national-day-pavilion.png"
SIZES = [((1920, 1080), (960, 540)), ((3840, 2160), (1920, 1080))]
FPS = 30


def make_film(path: Path, size: tuple[int, int], frames: int) -> None:
    import av
    from PIL import Image, ImageChops

    w, h = size
    picture = Image.open(ILLUSTRATION).convert("RGB").resize((w * 5 // 4, h * 5 // 4))
    grain = Image.effect_noise((w, h), 24).convert("RGB")
    with av.open(str(path), "w") as out:
        stream = out.add_stream("libx264", rate=FPS)
        stream.width, stream.height, stream.pix_fmt = w, h, "yuv420p"
        stream.options = {"preset": "veryfast", "crf": "20"}
        for i in range(frames):
            x, y = (picture.width - w) * i // frames, (picture.height - h) * i // frames
            image = ImageChops.add(picture.crop((x, y, x + w, y + h)), grain, 1.0, -12)
            for packet in stream.encode(av.VideoFrame.from_image(image)):
                out.mux(packet)
        for packet in stream.encode():
            out.mux(packet)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(decode) -> tuple[float, float, int]:
    """(wall s, CPU s of this process and its children, frames) of one decoding run."""
    wall, cpu, child = time.perf_counter(), time.process_time(), children_cpu()
    frames = decode()
    return time.perf_counter() - wall, time.process_time() - cpu + children_cpu() - child, frames


def pyav(path: Path, box: tuple[int, int], threads: int):
    def decode() -> int:
        import av

        n = 0
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            stream.codec_context.thread_count = threads
            stream.thread_type = "FRAME" if threads != 1 else "NONE"
            for frame in container.decode(stream):
                bytes(frame.reformat(width=box[0], height=box[1], format="bgra").planes[0])
                n += 1
        return n

    return decode


def imageio(path: Path, box: tuple[int, int]):
    def decode() -> int:
        import imageio_ffmpeg

        # ffmpeg scales and converts in its own process; the kiosk reads raw frames from a pipe.
        # It logs that the size read differs from the film's: it is meant to.
        logging.getLogger("imageio_ffmpeg").setLevel(logging.ERROR)
        reader = imageio_ffmpeg.read_frames(
            str(path), pix_fmt="bgra", output_params=["-vf", f"scale={box[0]}:{box[1]}"]
        )
        next(reader)  # the metadata
        return sum(1 for _ in reader)

    return decode


def floor(size: tuple[int, int], frames: int):
    source = bytearray(size[0] * size[1] * 4)

    def copy() -> int:
        for _ in range(frames):
            bytes(source)
        return frames

    return copy


def installed_mb(dist: str) -> float:
    files = importlib.metadata.distribution(dist).files or []
    return sum((f.size or 0) for f in files) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3, help="each figure is the median of this many")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size, box in SIZES:
            film = Path(tmp) / f"{size[0]}x{size[1]}.mp4"
            make_film(film, size, args.frames)
            name = f"{size[0]}x{size[1]}"
            runs = {
                "floor: copy one frame": floor(size, args.frames),
                "PyAV, 1 thread": pyav(film, box, 1),
                "PyAV, 2 threads": pyav(film, box, 2),
                "imageio-ffmpeg (ffmpeg child)": imageio(film, box),
            }
            measured = {label: [] for label in runs}
            for _ in range(args.rounds):  # interleaved: a busy moment hits every row alike
                for label, run in runs.items():
                    measured[label].append(timed(run))
            base = statistics.median(wall / frames for wall, _, frames in measured["floor: copy one frame"])
            for label, samples in measured.items():
                wall = statistics.median(w / n for w, _, n in samples)
                cpu = statistics.median(c / n for _, c, n in samples)
                rows.append((name, f"{box[0]}x{box[1]}", label, wall * 1000, cpu * 1000, wall / base))
    print(f"{'film':<10} {'shown at':<10} {'decoder':<30} {'wall ms':>8} {'CPU ms':>7} {'x floor':>8}")
    for film, box, label, wall, cpu, ratio in rows:
        print(f"{film:<10} {box:<10} {label:<30} {wall:8.2f} {cpu:7.2f} {ratio:8.1f}")
    print()
    print(f"{'package':<16} {'installed MB':>12}  needs")
    av_needs = "nothing else: FFmpeg's libraries are in the wheel (libx264 too)"
    print(f"{'av':<16} {installed_mb('av'):12.1f}  {av_needs}")
    print(
        f"{'imageio-ffmpeg':<16} {installed_mb('imageio-ffmpeg'):12.1f}  its ffmpeg binary, one child "
        "process per film; no timestamps, metadata parsed from ffmpeg's log"
    )


if __name__ == "__main__":
    sys.exit(main())
