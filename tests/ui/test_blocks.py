"""Every block type has its view, in the place its model names."""

from __future__ import annotations

import pytest

from kiosk.content.model import BLOCK_TYPES, BLOCKS, Page, page_media
from kiosk.ui import blocks
from kiosk.ui.blocks.base import BlockView


def test_every_block_type_has_one_view_and_no_view_lacks_a_type():
    assert blocks.registered() == set(BLOCK_TYPES)


# Read in the text column, but alone on its page it fills the page (the TIMELINE composition).
ALONE = {"Timeline"}


def test_each_view_draws_where_its_model_places_it():
    for model in BLOCKS:
        view = blocks._VIEWS[model.model_fields["type"].annotation.__args__[0]]
        beside = view.compose is not BlockView.compose and model.__name__ not in ALONE
        in_text = view.piece is not BlockView.piece
        assert (beside, in_text) == {
            "picture": (True, False),
            "column": (False, True),
            "either": (True, True),
        }[model.place], model.__name__


def test_a_page_names_the_one_block_it_is_about_and_the_files_it_shows():
    page = Page.model_validate(
        {
            "id": "p",
            "title": {"en": "A page"},
            "blocks": [
                {"type": "fact", "value": {"en": "759"}, "label": {"en": "million"}},
                {"type": "gallery", "images": [{"src": "images/a.png"}, {"src": "images/b.png"}]},
            ],
        }
    )
    assert page.feature().type == "gallery"  # a picture block before a big figure
    assert list(page_media(page, 3)) == [
        (("pages", 3, "blocks", 1, "images", 0, "src"), "images/a.png"),
        (("pages", 3, "blocks", 1, "images", 1, "src"), "images/b.png"),
    ]


def test_two_blocks_a_page_is_about_are_refused_in_the_curators_words():
    with pytest.raises(
        ValueError, match="one image, gallery, timeline, quiz, hotspots or video block; this one has 2"
    ):
        Page.model_validate(
            {
                "id": "p",
                "title": {"en": "A page"},
                "blocks": [
                    {"type": "image", "src": "images/a.png"},
                    {"type": "timeline", "events": [{"date": {"en": "1"}, "text": {"en": "a"}}] * 2},
                ],
            }
        )


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_a_gallerys_dots_sit_under_its_pictures_in_both_orientations(shipped, size):
    from kiosk.clock import VirtualClock
    from kiosk.ui.app import KioskApp
    from kiosk.ui.blocks.gallery import GalleryView
    from kiosk.visit.intents import OpenZone, TurnPage

    config, exhibit = shipped
    app = KioskApp(config, exhibit, size, VirtualClock(1_504_771_200.0))
    zone = next(
        z for z in exhibit.zones if any(p.feature() and p.feature().type == "gallery" for p in z.pages)
    )
    index = next(i for i, p in enumerate(zone.pages) if p.feature() and p.feature().type == "gallery")
    app.apply(OpenZone(zone.id))
    for _ in range(index):
        app.apply(TurnPage(+1))
    gallery = app.scene.feature
    assert isinstance(gallery, GalleryView)
    # Its notes go under the picture beside text; alone on its page, beside (or under) the dots.
    beside = gallery.notes_at is not None
    under = max(
        i.get_height() + (0 if beside else sum(n.get_height() for n in notes)) for i, notes in gallery.slides
    )
    gap = gallery.dots_box.y - (gallery.box.y + under)
    assert 0 <= gap <= app.metrics.px(48), gap  # not floating half a screen below in portrait


def test_an_open_hotspot_card_upright_leaves_the_text_alone_or_veils_what_it_reaches_over(shipped):
    import pygame

    from kiosk.clock import VirtualClock
    from kiosk.ui.app import KioskApp
    from kiosk.visit.intents import OpenZone

    config, exhibit = shipped
    size = (1080, 1920)
    app = KioskApp(config, exhibit, size, VirtualClock(1_504_771_200.0))
    zone = next(z for z in exhibit.zones if z.pages[0].feature() and z.pages[0].feature().type == "hotspots")
    app.apply(OpenZone(zone.id))
    canvas = pygame.Surface(size)

    def text_column() -> bytes:
        app.transition = None
        app.draw(canvas, force=True)
        box = app.scene.column_box
        return pygame.image.tobytes(canvas.subsurface(box.x, box.y, box.w, box.h), "RGB")

    closed = text_column()
    spot = next(w for w in app.scene.targets if w.startswith("hotspot:"))
    app.scene.activate(spot)
    veiled = text_column()
    card = app.scene.feature.card_at
    if card.overlaps(app.scene.column_box):
        veil, app.scene.feature.veil = app.scene.feature.veil, None
        assert text_column() != veiled  # the words under the card are veiled: it stands apart
        app.scene.feature.veil = veil
    else:
        assert veiled == closed  # on the picture, beside its marker: the words stay as they are
    app.scene.tap_elsewhere(0, 0)
    assert text_column() == closed
