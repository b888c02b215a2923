"""The exhibit's content: pavilion, zones, pages and blocks, as strict models.

Every visitor-facing text is a `Text`: a mapping of language code to text. Models reject
unknown keys (`extra="forbid"`) so a misspelt field is an error, not silently ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, ClassVar, Literal, Union, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    StrictBool,
    StringConstraints,
    model_validator,
)

from kiosk.config import LANGUAGE_CODE
from kiosk.yamldoc import bad_character

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=1, max_length=64)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
MediaRef = Annotated[str, StringConstraints(min_length=1, max_length=300)]
LanguageCode = Annotated[str, StringConstraints(pattern=LANGUAGE_CODE)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Far beyond any text that fits a screen (the longest shipped one has about 320 characters);
# they bound what one text can cost to lay out and draw. `kiosk validate` measures the real fit.
MAX_TEXT_CHARS = 5_000
MAX_WORD_CHARS = 200


# What bad_character refuses (control characters but line breaks and tabs, and lone
# surrogates), found by one search in C; only a text that holds one is read letter by letter.
_SUSPECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def text_problem(value: str) -> str | None:
    """Why a visitor-facing text cannot be shown, or None (also used by `kiosk i18n import`)."""
    bad = bad_character(value) if _SUSPECT.search(value) else None
    if bad:
        return bad
    for word in value.split():
        if len(word) > MAX_WORD_CHARS:
            start = value.find(word)
            return (
                f"a word of {len(word):,} characters (from character {start + 1}) is longer than "
                f"any line can hold; break it with spaces or hyphens"
            )
    if len(value) > MAX_TEXT_CHARS:
        return f"text of {len(value):,} characters; at most {MAX_TEXT_CHARS:,} fit any screen"
    return None


def _showable(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def _languages_as_property_names(schema: dict) -> None:
    """Editors refuse `PL:` as the kiosk does: every key a language code, each text a string."""
    (texts,) = schema.pop("patternProperties").values()
    schema["propertyNames"] = {"pattern": LANGUAGE_CODE}
    schema["additionalProperties"] = texts


# The length limit is checked by _showable (with a message in words); the schema says it too.
_OneText = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(_showable),
    Field(json_schema_extra={"maxLength": MAX_TEXT_CHARS}),
]


class Text(RootModel[Annotated[dict[LanguageCode, _OneText], Field(min_length=1)]]):
    """Text in several languages: `{pl: ..., en: ..., kk: ..., ru: ...}`."""

    model_config = ConfigDict(frozen=True, json_schema_extra=_languages_as_property_names)

    def get(self, language: str, fallback: str) -> str:
        """The text in `language`, else in the fallback (default) language, else any."""
        texts = self.root
        return texts.get(language) or texts.get(fallback) or next(iter(texts.values()), "")

    def languages(self) -> set[str]:
        return set(self.root)


class Block(Strict):
    """One piece of a page. A block type is its model here, listed in `BLOCKS`, and its view
    in `kiosk/ui/blocks/` (see docs/architecture.md, "Adding a block type")."""

    # Where the page shows it: beside the text ("picture"), in the text column ("column"), or
    # beside the text when the page has no picture block ("either": a big figure).
    place: ClassVar[Literal["picture", "column", "either"]] = "column"
    solo: ClassVar[bool] = False  # at most one of these per page: it is what the page is about
    kind: ClassVar[str] = "block"  # the curator's word for it in notes and messages

    def media(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """(path inside the block, media reference) of every picture the block shows."""
        return iter(())

    def films(self) -> Iterator[tuple[tuple[str | int, ...], Film]]:
        """(path inside the block, film) of every film the block plays: checked as films."""
        return iter(())


class Heading(Block):
    """A title inside a page."""

    kind: ClassVar[str] = "heading"
    type: Literal["heading"]
    text: Text


class Paragraphs(Block):
    """Running text; a blank line starts a new paragraph."""

    kind: ClassVar[str] = "running text"
    type: Literal["text"]
    text: Text


class Picture(Block):
    """An image from media/, with an optional caption and credit."""

    place: ClassVar = "picture"
    solo: ClassVar[bool] = True
    kind: ClassVar[str] = "picture"
    type: Literal["image"]
    src: MediaRef
    caption: Text | None = None
    credit: Text | None = None

    def media(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        yield ("src",), self.src


class Fact(Block):
    """A big figure with a label, e.g. "759 mln USD" / "trade in 2016"."""

    place: ClassVar = "either"
    kind: ClassVar[str] = "big figure"
    type: Literal["fact"]
    value: Text
    label: Text


class Slide(Strict):
    """One picture of a gallery."""

    kind: ClassVar[str] = "gallery picture"
    src: MediaRef
    caption: Text | None = None
    credit: Text | None = None


class Gallery(Block):
    """Pictures a visitor swipes through one by one."""

    place: ClassVar = "picture"
    solo: ClassVar[bool] = True
    kind: ClassVar[str] = "gallery"
    type: Literal["gallery"]
    images: list[Slide] = Field(min_length=2, max_length=12)

    def media(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        for i, slide in enumerate(self.images):
            yield ("images", i, "src"), slide.src


class Moment(Strict):
    """One dated event of a timeline."""

    kind: ClassVar[str] = "timeline event"
    date: Text
    text: Text


class Timeline(Block):
    """Dated events, oldest first."""

    solo: ClassVar[bool] = True  # read like text, it stays in the text column (the default place)
    kind: ClassVar[str] = "timeline"
    type: Literal["timeline"]
    events: list[Moment] = Field(min_length=2, max_length=8)


class Answer(Strict):
    kind: ClassVar[str] = "quiz answer"
    text: Text
    correct: StrictBool = False  # `yes` is a word in YAML 1.2, never true


class Quiz(Block):
    """A question with answers; the visitor's choice is counted anonymously."""

    solo: ClassVar[bool] = True
    kind: ClassVar[str] = "quiz"
    type: Literal["quiz"]
    id: Slug
    question: Text
    answers: list[Answer] = Field(min_length=2, max_length=4)
    explanation: Text

    @model_validator(mode="after")
    def _one_right_answer(self) -> Quiz:
        if sum(a.correct for a in self.answers) != 1:
            raise ValueError("exactly one answer needs `correct: true`")
        return self


class Spot(Strict):
    """A tappable place on a picture; x and y are fractions of its width and height."""

    kind: ClassVar[str] = "hotspot card"
    id: Slug
    # strict: "0.5" in quotes is text, which the schema refuses too
    x: float = Field(ge=0, le=1, strict=True)
    y: float = Field(ge=0, le=1, strict=True)
    title: Text
    text: Text


class Hotspots(Block):
    """A picture with places to tap, each opening a short card."""

    place: ClassVar = "picture"
    solo: ClassVar[bool] = True
    kind: ClassVar[str] = "hotspot picture"
    type: Literal["hotspots"]
    src: MediaRef
    caption: Text | None = None
    credit: Text | None = None
    spots: list[Spot] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _unique_spots(self) -> Hotspots:
        ids = [spot.id for spot in self.spots]
        if len(set(ids)) != len(ids):
            raise ValueError("two spots have the same id")
        return self

    def media(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        yield ("src",), self.src


class Film(Block):
    """A film from media/, played silently with captions in the visitor's language."""

    place: ClassVar = "picture"
    solo: ClassVar[bool] = True
    kind: ClassVar[str] = "film"
    type: Literal["video"]
    id: Slug  # reports name it zone/id
    src: MediaRef
    poster: MediaRef | None = None  # else the film's first frame
    # WebVTT files by language; not a Text: the words are in the files, checked as captions
    captions: dict[LanguageCode, MediaRef] = Field(default_factory=dict)
    loop: StrictBool = False

    def media(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        if self.poster is not None:
            yield ("poster",), self.poster

    def films(self) -> Iterator[tuple[tuple[str | int, ...], Film]]:
        yield (), self


# Every block type a page may hold, in the order the curator's guide lists them.
BLOCKS: tuple[type[Block], ...] = (
    Heading,
    Paragraphs,
    Picture,
    Fact,
    Gallery,
    Timeline,
    Quiz,
    Hotspots,
    Film,
)
AnyBlock = Annotated[Union[BLOCKS], Field(discriminator="type")]  # noqa: UP007 (built from a tuple)


# Fields that map languages to files, not to words: translators are not given them.
FILES_BY_LANGUAGE = frozenset({"captions", "audio"})


def _type_of(block: type[Block]) -> str:
    """The `type:` a curator writes for a block model."""
    return get_args(block.model_fields["type"].annotation)[0]


BLOCK_TYPES = tuple(_type_of(b) for b in BLOCKS)


class Page(Strict):
    """One screen of a zone."""

    kind: ClassVar[str] = "page"
    id: Slug
    title: Text
    blocks: list[AnyBlock] = Field(min_length=1)
    # The page read aloud, a sound file by language (Ogg or WAV in media/): the *Listen* button
    audio: dict[LanguageCode, MediaRef] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_feature(self) -> Page:
        solos = [b for b in self.blocks if b.solo]
        if len(solos) > 1:
            *most, last = [_type_of(b) for b in BLOCKS if b.solo]
            raise ValueError(
                f"a page shows one {', '.join(most)} or {last} block; "
                f"this one has {len(solos)}: split it into two pages"
            )
        return self

    def feature(self) -> Block | None:
        """The block beside the text: a picture block, else the first big figure."""
        for place in ("picture", "either"):
            block = next((b for b in self.blocks if b.place == place), None)
            if block is not None:
                return block
        return None


class Zone(Strict):
    """One zone of the pavilion: a tile on the home screen and its pages."""

    kind: ClassVar[str] = "zone"
    id: Slug
    title: Text
    summary: Text | None = None
    accent: Colour
    cover: MediaRef
    pages: list[Page] = Field(min_length=1)

    def media(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """(path in the file, media reference) of every image the zone shows."""
        yield ("cover",), self.cover
        for p, page in enumerate(self.pages):
            yield from page_media(page, p)


def page_media(page: Page, p: int) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path in the zone file, media reference) of every image on page number `p`."""
    for b, block in enumerate(page.blocks):
        for path, ref in block.media():
            yield ("pages", p, "blocks", b, *path), ref


def zone_narration(zone: Zone) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path in the zone file, language, media reference) of every page's narration."""
    for p, page in enumerate(zone.pages):
        for code, ref in page.audio.items():
            yield ("pages", p, "audio", code), code, ref


def zone_films(zone: Zone) -> Iterator[tuple[tuple[str | int, ...], Film]]:
    """(path in the zone file, film) of every film in the zone."""
    for p, page in enumerate(zone.pages):
        for b, block in enumerate(page.blocks):
            for path, film in block.films():
                yield ("pages", p, "blocks", b, *path), film


class Pavilion(Strict):
    """The pavilion-level file: titles, the invitation, and the order of the zones."""

    kind: ClassVar[str] = "pavilion"

    title: Text
    subtitle: Text | None = None
    invitation: Text
    zones: list[Slug] = Field(min_length=1)


class Exhibit(Strict):
    """Everything the kiosk shows: the pavilion and its zones, in order."""

    pavilion: Pavilion
    zones: tuple[Zone, ...]

    def zone(self, zone_id: str) -> Zone:
        return next(z for z in self.zones if z.id == zone_id)


def texts(model: BaseModel, path: tuple = ()) -> Iterator[tuple[tuple, Text]]:
    """Every Text inside a model, with its path (for translation checks and glyph coverage)."""
    for name in type(model).model_fields:
        value = getattr(model, name)
        yield from _texts_in(value, (*path, name))


def _texts_in(value: object, path: tuple) -> Iterator[tuple[tuple, Text]]:
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        yield from texts(value, path)
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _texts_in(item, (*path, i))


def field_names() -> set[str]:
    """All field names of the content files, for "did you mean" hints."""
    names: set[str] = set()
    seen: set[type] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        names.update(model.model_fields)
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                walk(inner)

    for top in (Pavilion, Zone, *BLOCKS):
        walk(top)
    return names


def _models_in(annotation) -> Iterator[type[BaseModel]]:
    """The content models an annotation names (inside lists, unions and Annotated)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if not issubclass(annotation, RootModel):
            yield annotation
        return
    for arg in get_args(annotation):
        yield from _models_in(arg)
