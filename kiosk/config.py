"""config.yaml -> Config: the one registry of settings, each with a default and a help line.

The pydantic models below are that registry: every field carries its default and its help
(`description`), the README's table is checked against them by a test, and unknown keys in
config.yaml are errors with file and line. Settings that contradict each other, or a store path
that cannot be a file, are errors too: a config that validates must run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from kiosk.schedule import WEEKDAYS, Schedule, parse_closed, parse_hours
from kiosk.yamldoc import Problem, YamlDocument, problems_from_validation, read_yaml

LANGUAGE_CODE = r"^[a-z]{2,3}$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DisplaySettings(_Strict):
    fullscreen: StrictBool = Field(
        True, description="Fill the whole screen (false: a window, for development)."
    )
    size: str = Field(
        "1920x1080",
        pattern=r"^[1-9][0-9]{2,4}x[1-9][0-9]{2,4}$",
        description="Window size WIDTHxHEIGHT when not fullscreen, and the size of headless runs.",
    )
    orientation: Literal["auto", "landscape", "portrait"] = Field(
        "auto",
        description="auto: as the screen is. landscape/portrait: rotate the picture (and touch) "
        "when the screen is mounted the other way.",
    )

    diagonal_in: float = Field(
        32, ge=7, le=120, description="Screen diagonal in inches: touch targets are sized in millimetres."
    )

    @property
    def width_height(self) -> tuple[int, int]:
        width, height = self.size.split("x")
        return int(width), int(height)


Hex = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class ThemeSettings(_Strict):
    """The look of the exhibit; zone colours come from the zone files (`accent`)."""

    paper: Hex = Field("#F6F4EF", description="Background of every screen.")
    card: Hex = Field("#FFFFFF", description="Cards, bars and buttons.")
    ink: Hex = Field("#1A1A1F", description="Text.")
    muted: Hex = Field("#54545E", description="Secondary text (captions, summaries).")
    line: Hex = Field("#DDD8CF", description="Thin borders and dividers.")
    signal: Hex = Field("#C8102E", description="The signal colour: the top band, the invitation.")
    on_signal: Hex = Field("#FFFFFF", description="Text on the signal colour and on zone colours.")
    radius: int = Field(18, ge=0, le=60, description="Corner radius, in pixels at 1080p.")
    margin: int = Field(56, ge=8, le=200, description="Space at the screen's edges, at 1080p.")
    gap: int = Field(28, ge=4, le=120, description="Space between cards and controls, at 1080p.")
    type_display: int = Field(
        92, ge=20, le=200, description="Largest text (attract title, big figures), at 1080p."
    )
    type_title: int = Field(60, ge=16, le=160, description="Page titles, at 1080p.")
    type_heading: int = Field(42, ge=14, le=120, description="Headings and card titles, at 1080p.")
    type_body: int = Field(31, ge=12, le=80, description="Running text and buttons, at 1080p.")
    type_small: int = Field(23, ge=10, le=60, description="Captions and credits, at 1080p.")
    large_text_scale: float = Field(1.5, ge=1.5, le=2.5, description="Text size in large-text mode.")


class WebSettings(_Strict):
    enabled: StrictBool = Field(False, description="`kiosk run` also serves the staff dashboard.")
    host: str = Field(
        "127.0.0.1", description="Address the dashboard listens on (loopback: this machine only)."
    )
    port: int = Field(8765, ge=1, le=65535, description="Port of the dashboard.")
    trusted_proxies: list[str] = Field(
        default_factory=list,
        description="Addresses (or networks) of proxies in front of the dashboard whose "
        "X-Forwarded-For is believed; from any other address it is ignored.",
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies(cls, value: list[str]) -> list[str]:
        import ipaddress

        for proxy in value:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                raise ValueError(
                    f"'{proxy}' is not an address like 127.0.0.1 or a network like 10.0.0.0/24"
                ) from None
        return value


class SoundSettings(_Strict):
    """Pages read aloud (their `audio:`) when a visitor taps *Listen*; nothing else makes sound."""

    enabled: StrictBool = Field(
        True, description="Offer *Listen* on pages that have narration (false: no sound at all)."
    )
    volume: float = Field(0.8, ge=0, le=1, description="Loudness of narration, 0 (silent) to 1 (full).")
    narration_max_s: float = Field(
        300,
        ge=1,
        le=3600,
        description="Longest narration accepted, in seconds; `kiosk validate` refuses longer ones.",
    )


class FleetSettings(_Strict):
    database_url: str | None = Field(
        None,
        description="The central PostgreSQL store the kiosk forwards its visitor records to, as "
        "postgresql://USER:PASSWORD@HOST/DATABASE; none: nothing is forwarded. KIOSK_FLEET_URL in "
        "the environment takes its place.",
    )
    batch_size: int = Field(2000, ge=1, le=100_000, description="Records sent in one transaction.")
    interval_s: float = Field(
        10, ge=0.1, le=3600, description="Seconds between forwarding passes while the central store answers."
    )

    @field_validator("database_url")
    @classmethod
    def _postgresql(cls, value: str | None) -> str | None:
        from kiosk.fleet.url import check

        problem = check(value) if value else None
        if problem:
            raise ValueError(problem)  # the URL itself is not repeated: it may hold a password
        return value or None


STAFF_LANGUAGES = ("pl", "en", "kk", "ru")  # those with staff catalogs in kiosk/locale


class StaffSettings(_Strict):
    language: str | None = Field(
        None,
        description="Language of the staff screen, and of the dashboard for a browser that asks "
        "for none of pl, en, kk, ru; none: the kiosk's default_language (English if it has no "
        "staff words).",
    )

    @field_validator("language")
    @classmethod
    def _has_words(cls, value: str | None) -> str | None:
        if value is not None and value not in STAFF_LANGUAGES:
            raise ValueError(f"'{value}' is not one of {', '.join(STAFF_LANGUAGES)}")
        return value


class WeekHours(_Strict):
    """Hours per weekday: "10:00-20:00", "10:00-13:00, 14:00-20:00", "18:00-02:00" or closed."""

    mon: str
    tue: str
    wed: str
    thu: str
    fri: str
    sat: str
    sun: str

    @field_validator(*WEEKDAYS, mode="before")
    @classmethod
    def _hours(cls, value: object) -> str:
        parse_hours(value)
        return value  # type: ignore[return-value]


def _closed_date(item: object) -> str:
    start, end = parse_closed(item)
    return start.isoformat() if start == end else f"{start.isoformat()}..{end.isoformat()}"


ClosedDate = Annotated[str, BeforeValidator(_closed_date)]


class ScheduleSettings(_Strict):
    hours: WeekHours | None = Field(
        None,
        description="Opening hours in the pavilion's time zone: one text for every day "
        '("10:00-20:00"), or one per weekday (mon ... sun: "10:00-20:00", or closed); none: always open.',
    )
    closed_dates: list[ClosedDate] = Field(
        [],
        description="Days the pavilion is closed: YYYY-MM-DD, or YYYY-MM-DD..YYYY-MM-DD for a run of days.",
    )
    when_closed: Literal["card", "dark"] = Field(
        "card",
        description='Outside hours: card: "closed" in every language, with the next opening; '
        "dark: a black screen that the screen's power saving may switch off.",
    )

    @field_validator("hours", mode="before")
    @classmethod
    def _every_day(cls, value: object) -> object:
        if value is None or isinstance(value, dict):
            return value
        parse_hours(value)  # one text for the whole week
        return dict.fromkeys(WEEKDAYS, value)


class Config(_Strict):
    kiosk_id: str = Field(
        "kiosk-1", min_length=1, max_length=64, description="Name of this kiosk in visitor records."
    )
    languages: list[str] = Field(
        ["pl", "en", "kk", "ru"],
        min_length=1,
        description="Languages offered to visitors, in the order of the language buttons.",
    )
    default_language: str = Field(
        "pl",
        description="Language of the attract screen and the fallback for missing translations.",
    )
    required_languages: list[str] | None = Field(
        None,
        description="Languages every text must have (validate reports the rest as warnings); "
        "empty: all of `languages`.",
    )
    idle_timeout_s: float = Field(
        60, ge=10, le=3600, description="Seconds without a touch before the kiosk resets itself."
    )
    idle_warning_s: float = Field(
        10,
        ge=0,
        le=60,
        description="Seconds before the reset that 'Are you still there?' is shown (0: never).",
    )
    show_visitors_today: StrictBool = Field(
        False, description="The attract screen shows how many visitors the kiosk had today."
    )
    timezone: str = Field("Asia/Almaty", description="The pavilion's time zone: days and hours in reports.")
    store_path: str = Field(
        "data/visitors.db", description="SQLite file of visitor records (relative to this file)."
    )
    zones_dir: str = Field("zones", description="Folder of the zone YAML files (relative to this file).")
    media_dir: str = Field(
        "media",
        description="Folder of images, and of fonts that replace the kiosk's own (relative to this file).",
    )
    media_max_pixels: int = Field(
        40_000_000,
        ge=1_000_000,
        le=400_000_000,
        description="Largest picture accepted, in pixels (width x height); bigger ones are refused unread.",
    )
    media_page_max_pixels: int = Field(
        64_000_000,
        ge=1_000_000,
        le=2_000_000_000,
        description="Most picture pixels one page may show, all its pictures added up (a gallery's "
        "too); each takes 4 bytes of memory decoded, so a page over it is refused.",
    )
    video_max_s: float = Field(
        180,
        ge=1,
        le=3600,
        description="Longest film accepted, in seconds; `kiosk validate` refuses longer ones.",
    )
    tally_key: str = Field(
        "f9", description="Key a USB people counter at the door types once per person (pygame key name)."
    )
    allow_quit: StrictBool = Field(
        False, description="Let Esc and the window's close button quit (development only)."
    )
    display: DisplaySettings = Field(default_factory=DisplaySettings, description="The screen.")
    theme: ThemeSettings = Field(default_factory=ThemeSettings, description="Colours, type and spacing.")
    sound: SoundSettings = Field(default_factory=SoundSettings, description="Narration of pages.")
    web: WebSettings = Field(default_factory=WebSettings, description="The staff dashboard.")
    schedule: ScheduleSettings = Field(
        default_factory=ScheduleSettings, description="Opening hours; outside them nothing is counted."
    )
    fleet: FleetSettings = Field(
        default_factory=FleetSettings, description="Forwarding visitor records to a central store."
    )
    staff: StaffSettings = Field(
        default_factory=StaffSettings, description="The staff screen and the dashboard."
    )

    _base_dir: Path = PrivateAttr(default_factory=Path.cwd)  # set by load_config
    _doc: YamlDocument | None = PrivateAttr(None)  # where each setting was written

    @field_validator("languages")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not re.match(LANGUAGE_CODE, code):
                raise ValueError(f"'{code}' is not a language code like pl, en, kk, ru")
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone '{value}' (e.g. Asia/Almaty, Europe/Warsaw)") from None
        except Exception as exc:  # a damaged zoneinfo file: struct.error, OSError, ...
            raise ValueError(f"time zone '{value}' cannot be read ({exc}); reinstall tzdata") from None
        return value

    @field_validator("default_language")
    @classmethod
    def _offered(cls, value: str, info: ValidationInfo) -> str:
        if value not in info.data.get("languages", [value]):
            raise ValueError(f"'{value}' is not one of languages")
        return value

    @field_validator("required_languages")
    @classmethod
    def _all_offered(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        for code in value or []:
            if code not in info.data.get("languages", [code]):
                raise ValueError(f"'{code}' is not one of languages")
        return value

    # Paths are relative to the folder of config.yaml, so the kiosk runs from anywhere.
    @property
    def base_dir(self) -> Path:
        return self._base_dir

    @property
    def store_file(self) -> Path:
        return self._base_dir / self.store_path

    @property
    def staff_file(self) -> Path:
        """The staff PIN and dashboard password (hashed), beside the visitor store."""
        return self.store_file.parent / "staff.json"

    @property
    def release_path(self) -> Path | None:
        """The content release this kiosk took from the central store (`kiosk publish`), if any:
        SITE/releases/current, switched by the kiosk when it takes a new one."""
        current = self._base_dir / "releases" / "current"
        return current if current.is_dir() else None

    @property
    def zones_path(self) -> Path:
        release = self.release_path
        return release / "zones" if release else self._base_dir / self.zones_dir

    @property
    def media_path(self) -> Path:
        release = self.release_path
        return release / "media" if release else self._base_dir / self.media_dir

    @property
    def required(self) -> list[str]:
        return list(self.required_languages or self.languages)

    @property
    def staff_language(self) -> str:
        """The staff's language: staff.language, else the default language if staff have words in it."""
        if self.staff.language:
            return self.staff.language
        return self.default_language if self.default_language in STAFF_LANGUAGES else "en"

    @property
    def fleet_url(self) -> str | None:
        """The central store's URL: KIOSK_FLEET_URL, else fleet.database_url, else None."""
        from kiosk.fleet.url import chosen

        return chosen(self.fleet.database_url)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def opening_hours(self) -> Schedule:
        return Schedule.from_settings(self.schedule, self.tz)

    def with_base(self, base_dir: Path, doc: YamlDocument | None = None) -> Config:
        self._base_dir, self._doc = base_dir, doc
        return self

    def problem(self, setting: str, message: str, hint: str | None = None) -> Problem:
        """A problem with one setting, at its line of config.yaml."""
        if self._doc is None:
            return Problem("config.yaml", 1, setting, message, hint)
        return self._doc.problem((setting,), message, hint)


class ConfigError(Exception):
    """config.yaml could not be used; `problems` says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def settings_registry() -> list[tuple[str, object, str]]:
    """(dotted name, default, help) of every setting, nested ones included."""
    rows = []
    for name, info in Config.model_fields.items():
        section = info.annotation if isinstance(info.annotation, type) else None
        if section and issubclass(section, BaseModel):
            for sub, sub_info in section.model_fields.items():
                rows.append((f"{name}.{sub}", sub_info.default, sub_info.description or ""))
        else:
            default = info.default_factory() if info.default_factory else info.default
            rows.append((name, default, info.description or ""))
    return rows


class NoSite(Exception):
    """No config.yaml was named or found: the kiosk does not guess where its site is."""


def config_file(named: Path | None) -> Path:
    """The site's config.yaml: --config, else $KIOSK_CONFIG, else ./config.yaml (a checkout).
    A site's folder may stand for its config.yaml."""
    named = named if named is not None else os.environ.get("KIOSK_CONFIG") or None
    if named is not None:
        named = Path(named)
        return named / "config.yaml" if named.is_dir() else named
    if Path("config.yaml").is_file():
        return Path("config.yaml")
    raise NoSite(
        f"no config.yaml in {Path.cwd()}: name the site with --config PATH or KIOSK_CONFIG, "
        "or make one with `kiosk init DIR`"
    )


def load_config(path: Path | None) -> Config:
    """Load the site's config.yaml (see `config_file`); its paths are relative to its folder."""
    path = config_file(path)
    if not path.is_file():
        raise ConfigError([Problem(str(path), 1, "(file)", "config file not found")])
    doc, problems = read_yaml(path, str(path))
    if doc is None:
        raise ConfigError(problems)
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise ConfigError([doc.problem((), "config must be a mapping of settings")])
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        vocabulary = [
            *Config.model_fields,
            *DisplaySettings.model_fields,
            *ThemeSettings.model_fields,
            *WebSettings.model_fields,
            *ScheduleSettings.model_fields,
            *FleetSettings.model_fields,
            *StaffSettings.model_fields,
            *WeekHours.model_fields,
        ]
        raise ConfigError(problems_from_validation(doc, exc, vocabulary)) from None
    config = config.with_base(path.resolve().parent, doc)
    contradictions = check_settings(config, doc)
    if contradictions:
        raise ConfigError(contradictions)
    return config


def check_settings(config: Config, doc: YamlDocument) -> list[Problem]:
    """What each setting allows alone but the kiosk cannot run with."""
    problems = []
    if config.idle_warning_s >= config.idle_timeout_s:
        # The warning would be up from the first second: every tap only dismisses it.
        key = "idle_warning_s" if "idle_warning_s" in (doc.data or {}) else "idle_timeout_s"
        problems.append(
            doc.problem(
                (key,),
                f"idle_warning_s ({config.idle_warning_s:g}) must be shorter than "
                f"idle_timeout_s ({config.idle_timeout_s:g})",
                "the warning shows this many seconds before the reset; 0 turns it off",
            )
        )
    if config.schedule.hours is not None and not any(config.opening_hours.week or ()):
        problems.append(
            doc.problem(
                ("schedule", "hours"),
                "the kiosk would never open",
                "give at least one day hours like 10:00-20:00, or leave hours out: always open",
            )
        )
    store_problem = _store_path_problem(config.store_file, config.store_path)
    if store_problem:
        problems.append(doc.problem(("store_path",), store_problem, "name a file, e.g. data/visitors.db"))
    return problems


def _store_path_problem(path: Path, written: str) -> str | None:
    """The visitor store must be a regular file, or one the kiosk can create in a folder."""
    if path.exists() and not path.is_file():
        kind = "a folder" if path.is_dir() else "not a regular file (a device or a pipe?)"
        return f"'{written}' is {kind}; the visitor store must be a file"
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                return f"{parent} is not a folder, so '{written}' cannot be made in it"
            break
    return None
