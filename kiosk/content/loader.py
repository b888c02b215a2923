"""zones/*.yaml -> Exhibit, with every problem found at once as `file:line: field: message`.

A zone file with errors is left out and reported; the other zones still load, so one typo
never blanks the screen.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kiosk.config import Config
from kiosk.content.captions import CaptionError, clock, read_captions
from kiosk.content.colour import contrast_ratio, hex_rgb
from kiosk.content.film import probe
from kiosk.content.media import (
    MediaError,
    check_image,
    forget_handed,
    hand_over,
    header_pixels,
    open_image,
    resolve_media,
)
from kiosk.content.model import (
    Exhibit,
    Film,
    Pavilion,
    Quiz,
    Zone,
    field_names,
    page_media,
    texts,
    zone_films,
    zone_narration,
)
from kiosk.content.narration import narration_length
from kiosk.yamldoc import Problem, YamlDocument, dotted, problems_from_validation, read_yaml

PAVILION_FILE = "pavilion.yaml"

log = logging.getLogger(__name__)


@dataclass
class ContentReport:
    """What loading found: the exhibit (None if nothing could be shown) and all problems."""

    exhibit: Exhibit | None
    problems: list[Problem] = field(default_factory=list)
    documents: dict[str, YamlDocument] = field(default_factory=dict)  # "pavilion" or zone id
    missing: dict[str, dict[str, int]] = field(default_factory=dict)  # file -> language -> texts

    def locate(self, key: str, path: tuple) -> tuple[str, int]:
        """(file, line) of a value in the pavilion file or a zone's file."""
        doc = self.documents[key]
        return doc.name, doc.line_of(path)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def load_exhibit(config: Config, check_images: bool = True) -> ContentReport:
    zones_dir = config.zones_path
    problems: list[Problem] = []
    name = _display_name(zones_dir / PAVILION_FILE, config.base_dir)
    for setting, folder in (("zones_dir", zones_dir), ("media_dir", config.media_path)):
        if not folder.is_dir():
            hint = "relative to the folder of config.yaml"
            problems.append(config.problem(setting, f"folder not found: {folder}", hint))
    if problems:
        return ContentReport(None, problems)

    missing: dict[str, dict[str, int]] = {}
    pavilion, doc = _load_model(zones_dir / PAVILION_FILE, name, Pavilion, config, problems, missing)
    documents = {"pavilion": doc} if doc else {}
    zones: dict[str, Zone] = {}
    for path in sorted(zones_dir.glob("*.yml")):
        problems.append(
            Problem(
                _display_name(path, config.base_dir),
                1,
                "(file)",
                "not read: only .yaml files are",
                f"rename it to {path.stem}.yaml",
                severity="warning",
            )
        )
    for path in sorted(zones_dir.glob("*.yaml")):
        if path.name == PAVILION_FILE:
            continue
        zone_name = _display_name(path, config.base_dir)
        zone, zone_doc = _load_model(path, zone_name, Zone, config, problems, missing)
        if zone is None or zone_doc is None:
            continue
        if zone.id != path.stem:
            problems.append(
                zone_doc.problem(
                    ("id",),
                    f"id '{zone.id}' differs from the file name",
                    f"rename to {zone.id}.yaml or set id: " + path.stem,
                )
            )
            continue
        if not _ids_unique(zone, zone_doc, problems) or not _accent_readable(
            zone, zone_doc, config, problems
        ):
            continue
        zones[zone.id] = zone
        documents[zone.id] = zone_doc
    if check_images:
        refs = {ref for zone in zones.values() for _, ref in zone.media()}
        verdicts = _check_media(refs, config, first_drawn={zone.cover for zone in zones.values()})
        for zone_id in list(zones):
            zone, zone_doc = zones[zone_id], documents[zone_id]
            pictures_ok = _media_ok(zone, zone_doc, verdicts, config, problems)
            sound_ok = _narration_ok(zone, zone_doc, config, problems)
            if not (_films_ok(zone, zone_doc, config, problems) and pictures_ok and sound_ok):
                # a zone with a picture, film or sound that cannot be played is left out whole
                del zones[zone_id]

    if pavilion is None or doc is None:
        return ContentReport(None, problems, documents, missing)
    ordered = _order(pavilion, doc, zones, zones_dir, config, problems)
    if not ordered:
        problems.append(doc.problem(("zones",), "no zone can be shown"))
        return ContentReport(None, problems, documents, missing)
    return ContentReport(Exhibit(pavilion=pavilion, zones=tuple(ordered)), problems, documents, missing)


def _load_model(
    path: Path,
    name: str,
    model: type[BaseModel],
    config: Config,
    problems: list[Problem],
    missing: dict[str, dict[str, int]] | None = None,
) -> tuple[BaseModel | None, YamlDocument | None]:
    if not path.exists():
        problems.append(Problem(name, 1, "(file)", "file not found"))
        return None, None
    try:
        return _read_model(path, name, model, config, problems, missing)
    except Exception as exc:  # unforeseen: this file is left out, the others still show
        log.exception("%s could not be loaded", name)
        problems.append(Problem(name, 1, "(file)", f"could not be read ({type(exc).__name__}: {exc})"[:300]))
        return None, None


def _read_model(
    path: Path,
    name: str,
    model: type[BaseModel],
    config: Config,
    problems: list[Problem],
    missing: dict[str, dict[str, int]] | None,
) -> tuple[BaseModel | None, YamlDocument | None]:
    doc, found = read_yaml(path, name)
    problems.extend(found)
    if doc is None:
        return None, None
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "the file must be a mapping of fields (key: value)"))
        return None, None
    try:
        instance = model.model_validate(doc.data)
    except ValidationError as exc:
        problems.extend(problems_from_validation(doc, exc, field_names()))
        return None, None
    translation_problems = _translations(instance, doc, config)
    problems.extend(translation_problems)
    if missing is not None:
        counts = missing.setdefault(name, dict.fromkeys(config.languages, 0))
        for problem in translation_problems:
            code = problem.field.rsplit(".", 1)[-1]
            if code in counts:
                counts[code] += 1
    if any(p.severity == "error" for p in translation_problems):
        return None, None
    return instance, doc


def _translations(model: BaseModel, doc: YamlDocument, config: Config) -> list[Problem]:
    """Required languages missing are errors; other offered languages missing are warnings."""
    found = []
    required = set(config.required)
    for path, text in texts(model):
        have = text.languages()
        for code in config.languages:
            if code in have:
                continue
            if code in required:
                found.append(doc.problem((*path, code), "Field required", f"add the {code} translation"))
            else:
                found.append(
                    doc.problem(
                        (*path, code),
                        "missing translation",
                        f"{config.default_language} is shown instead",
                        severity="warning",
                    )
                )
        for code in sorted(have - set(config.languages)):
            found.append(
                doc.problem(
                    (*path, code),
                    f"'{code}' is not one of the kiosk's languages",
                    "check config.yaml languages",
                    severity="warning",
                )
            )
    return found


def _ids_unique(zone: Zone, doc: YamlDocument, problems: list[Problem]) -> bool:
    """Page ids and quiz ids name things in reports: each once per zone."""
    first: dict[tuple[str, str], tuple] = {}
    ok = True
    for p, page in enumerate(zone.pages):
        named = [(("page", page.id), ("pages", p, "id"))]
        named += [
            ((b.kind, b.id), ("pages", p, "blocks", i, "id"))
            for i, b in enumerate(page.blocks)
            if isinstance(b, (Quiz, Film))  # reports count them as zone/id
        ]
        for key, path in named:
            if key in first:
                problems.append(
                    doc.problem(
                        path,
                        f"{key[0]} id '{key[1]}' is used twice",
                        f"first on line {doc.line_of(first[key])}; ids must differ",
                    )
                )
                ok = False
            first.setdefault(key, path)
    return ok


def _accent_readable(zone: Zone, doc: YamlDocument, config: Config, problems: list[Problem]) -> bool:
    """Buttons and figures print text in the theme's `on_signal` colour on the zone's colour."""
    ratio = contrast_ratio(hex_rgb(zone.accent), hex_rgb(config.theme.on_signal))
    if ratio >= 4.5:
        return True
    problems.append(
        doc.problem(
            ("accent",),
            f"too light: text on it has contrast {ratio:.1f}:1, at least 4.5:1 is needed",
            "choose a darker colour",
        )
    )
    return False


# Pixels decoded at once while checking: one huge picture at a time, small ones side by side.
CHECK_PIXELS_IN_FLIGHT = 80_000_000

Verdict = tuple[MediaError | None, int]  # why a picture cannot be shown, and its pixels


def _check_media(refs: set[str], config: Config, first_drawn: Collection[str] = ()) -> dict[str, Verdict]:
    """Open every picture once (decoding runs outside the GIL, so on every core), holding at
    most CHECK_PIXELS_IN_FLIGHT decoded at a time so a folder of huge photos stays in memory.

    Those in `first_drawn` (the covers: the attract screen shows them all) are handed over
    decoded, for the picture cache to take instead of decoding them again."""
    gate = _PixelGate(CHECK_PIXELS_IN_FLIGHT)
    forget_handed()  # an earlier check's pictures: this one's supersede them

    def verdict(ref: str) -> Verdict:
        try:
            path = resolve_media(config.media_path, ref)
            with gate.hold(header_pixels(path)):
                if ref in first_drawn:
                    image = open_image(path, config.media_max_pixels)
                    hand_over(path, image)
                    width, height = image.size
                else:
                    width, height = check_image(path, config.media_max_pixels)
        except MediaError as exc:
            return exc, 0
        return None, width * height

    ordered = sorted(refs)
    with ThreadPoolExecutor() as pool:
        return dict(zip(ordered, pool.map(verdict, ordered)))


class _PixelGate:
    """A semaphore counted in pixels; a picture bigger than the whole allowance goes alone."""

    def __init__(self, allowance: int):
        self.allowance, self.used = allowance, 0
        self.changed = threading.Condition()

    @contextmanager
    def hold(self, pixels: int) -> Iterator[None]:
        pixels = min(pixels, self.allowance)
        with self.changed:
            self.changed.wait_for(lambda: self.used + pixels <= self.allowance)
            self.used += pixels
        try:
            yield
        finally:
            with self.changed:
                self.used -= pixels
                self.changed.notify_all()


def _media_ok(
    zone: Zone, doc: YamlDocument, verdicts: dict[str, Verdict], config: Config, problems: list[Problem]
) -> bool:
    ok = True
    for path, ref in zone.media():
        error = verdicts[ref][0]
        if error is not None:
            problems.append(doc.problem(path, error.message, error.hint))
            ok = False
    budget = config.media_page_max_pixels
    for p, page in enumerate(zone.pages):
        # A page holds its pictures decoded while shown; the same picture twice is held once.
        refs = {ref for _, ref in page_media(page, p)}
        total = sum(verdicts[ref][1] for ref in refs)
        if total > budget:
            where = next(path for path, _ in page_media(page, p))
            problems.append(
                doc.problem(
                    where[:4],
                    f"the page's pictures add up to {total:,} pixels, more than "
                    f"media_page_max_pixels ({budget:,}): about {total * 4 // 2**20:,} MB decoded",
                    "scale the pictures down (a screen needs at most 3840x2160) or use fewer",
                )
            )
            ok = False
    return ok


CAPTION_SLACK_S = 0.1  # a last caption timed to the end, rounded to the millisecond, still ends within


def _films_ok(zone: Zone, doc: YamlDocument, config: Config, problems: list[Problem]) -> bool:
    """Each film plays whole within video_max_s, and each caption file reads and ends within it."""
    ok = True
    for path, film in zone_films(zone):
        try:
            facts = probe(resolve_media(config.media_path, film.src), config.video_max_s)
        except MediaError as exc:
            problems.append(doc.problem((*path, "src"), exc.message, exc.hint))
            ok = False
            continue
        ok = _captions_ok(film, path, facts.duration, doc, config, problems) and ok
    return ok


def _narration_ok(zone: Zone, doc: YamlDocument, config: Config, problems: list[Problem]) -> bool:
    """Each page's narration is a sound file inside media/ that plays whole within the cap."""
    ok = True
    for where, code, ref in zone_narration(zone):
        if code not in config.languages:
            problems.append(
                doc.problem(
                    where,
                    f"'{code}' is not one of the kiosk's languages",
                    "see languages in config.yaml",
                    severity="warning",
                )
            )
        try:
            narration_length(resolve_media(config.media_path, ref), config.sound.narration_max_s)
        except MediaError as exc:
            problems.append(doc.problem(where, exc.message, exc.hint))
            ok = False
    return ok


def _captions_ok(
    film: Film, path: tuple, duration: float, doc: YamlDocument, config: Config, problems: list[Problem]
) -> bool:
    ok = True
    if not film.captions:
        problems.append(
            doc.problem(
                (*path, "src"),
                "the film has no captions: visitors see it without words",
                "add captions: {pl: video/name.pl.vtt, ...}",
                severity="warning",
            )
        )
    for code in config.languages:
        if film.captions and code not in film.captions:
            required = code in config.required
            problems.append(
                doc.problem(
                    (*path, "captions", code),
                    "Field required" if required else "missing captions",
                    f"add the {code} captions" if required else f"{config.default_language} is shown instead",
                    severity="error" if required else "warning",
                )
            )
            ok = ok and not required
    for code, ref in film.captions.items():
        where = (*path, "captions", code)
        try:
            file = resolve_media(config.media_path, ref)
            cues = read_captions(file)
        except MediaError as exc:
            problems.append(doc.problem(where, exc.message, exc.hint))
            ok = False
            continue
        except CaptionError as exc:
            # Said at the caption file's own line; the zone file's line is where it is named.
            named = f"named at {doc.name}:{doc.line_of(where)}"
            hint = f"{exc.hint}; {named}" if exc.hint else named
            problems.append(
                Problem(_display_name(file, config.base_dir), exc.line, dotted(where), exc.message, hint)
            )
            ok = False
            continue
        late = next((cue for cue in cues if cue.end > duration + CAPTION_SLACK_S), None)
        if late is not None:
            problems.append(
                Problem(
                    _display_name(file, config.base_dir),
                    late.line,
                    dotted(where),
                    f"the caption runs to {clock(late.end)}, past the film's end at {clock(duration)}",
                    f"captions of another film? named at {doc.name}:{doc.line_of(where)}",
                )
            )
            ok = False
    return ok


def _order(
    pavilion: Pavilion,
    doc: YamlDocument,
    zones: dict[str, Zone],
    zones_dir: Path,
    config: Config,
    problems: list[Problem],
) -> list[Zone]:
    ordered: list[Zone] = []
    listed: set[str] = set()
    for i, zone_id in enumerate(pavilion.zones):
        if zone_id in listed:
            problems.append(doc.problem(("zones", i), f"zone '{zone_id}' is listed twice"))
            continue
        listed.add(zone_id)
        if zone_id in zones:
            ordered.append(zones[zone_id])
        elif f"{zone_id}.yaml" == PAVILION_FILE:
            problems.append(
                doc.problem(
                    ("zones", i), f"'{zone_id}' is the pavilion file, not a zone", "give the zone another id"
                )
            )
        elif not (zones_dir / f"{zone_id}.yaml").exists():
            problems.append(
                doc.problem(
                    ("zones", i),
                    f"no file {config.zones_dir}/{zone_id}.yaml",
                    "create it or remove the zone from this list",
                )
            )
    for zone_id in sorted(set(zones) - listed):
        problems.append(
            doc.problem(
                ("zones",),
                f"zone '{zone_id}' is not listed, so not shown",
                f"add {zone_id} to zones",
                severity="warning",
            )
        )
    return ordered


def _display_name(path: Path, base: Path) -> str:
    """Paths as curators see them: relative to the config folder when inside it."""
    try:
        return Path(os.path.relpath(path.resolve(), base.resolve())).as_posix()
    except ValueError:
        return str(path)
