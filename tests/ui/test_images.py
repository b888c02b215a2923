"""Pictures scaled for the screen: `cover` fills a frame, `contain` fits inside it."""

from __future__ import annotations

from PIL import Image

from kiosk.ui.images import scale


def test_cover_fills_any_frame_without_a_rounding_error():
    # Each of these once asked Pillow for a crop a hair wider or taller than the picture.
    for picture_size, frame in [((160, 90), (10, 13)), ((40, 30), (10, 21)), ((1600, 900), (10, 65))]:
        assert scale(Image.new("RGB", picture_size), frame, "cover").size == frame
    picture = Image.new("RGB", (160, 90))
    for width in range(10, 130, 3):
        for height in range(10, 90, 3):
            assert scale(picture, (width, height), "cover").size == (width, height)


def test_cover_crops_the_overflow_evenly():
    picture = Image.new("RGB", (300, 100), "black")
    picture.paste((255, 0, 0), (0, 0, 100, 100))
    picture.paste((0, 0, 255), (200, 0, 300, 100))
    square = scale(picture, (50, 50), "cover")  # the middle third, black
    assert square.getpixel((25, 25)) == (0, 0, 0)
    left, right = square.getpixel((2, 25)), square.getpixel((47, 25))
    assert left[0] < 60 and right[2] < 60  # at most a resampling filter's trace of the cropped sides


def test_contain_keeps_the_whole_picture():
    assert scale(Image.new("RGB", (1600, 900)), (800, 800), "contain").size == (800, 450)
