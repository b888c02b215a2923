"""Staff in their own languages: catalogs in step with the code, Babel's plurals, numbers and
dates, and the dashboard, the Kiosks page and the staff screen as staff read them in Polish,
Kazakh and Russian (real pages through Starlette's TestClient, the real staff scene).
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import tokenize
from html.parser import HTMLParser
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kiosk.l10n import words
from kiosk.staff import StaffSecrets
from kiosk.web.app import create_app
from kiosk.web.language import from_browser
from tests import staff_day

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "forest-and-sun"
NBSP = "\u00a0"  # Babel's thousands mark in pl, kk and ru
DAY = staff_day.DAY.isoformat()


# --- the catalogs ---------------------------------------------------------------------------


def test_the_catalogs_are_in_step_with_the_code_and_wholly_translated():
    done = subprocess.run(
        [sys.executable, "tools/staff_catalogs.py", "--check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    for language in ("pl", "en", "kk", "ru"):
        assert (ROOT / "kiosk" / "locale" / language / "LC_MESSAGES" / "kiosk.mo").is_file()


def test_no_staff_message_hides_inside_an_f_string():
    """Babel reads no calls inside an f-string: a message there would never be translated."""
    call = re.compile(r"""(?<![\w.])(_|gettext|ngettext|pgettext)\(\s*["']|\.(n|p)?gettext\(\s*["']""")
    hidden = []
    for path in (ROOT / "kiosk").rglob("*.py"):
        with path.open("rb") as f:
            for token in tokenize.tokenize(f.readline):
                prefix = re.match(r"[A-Za-z]*", token.string).group().lower()
                if token.type == tokenize.STRING and "f" in prefix and call.search(token.string):
                    hidden.append(f"{path.relative_to(ROOT)}:{token.start[0]}")
    assert not hidden


def test_every_character_staff_can_see_has_a_glyph():
    """The shipped fonts draw every staff word, and what Babel writes: months, weekdays, marks."""
    from datetime import date, datetime

    from babel.messages.pofile import read_po

    from kiosk.resources import shipped_font
    from kiosk.ui.text import BOLD, REGULAR, missing_glyphs

    shown = ["C•0123456789"]
    for language in ("pl", "en", "kk", "ru"):
        with (ROOT / "kiosk" / "locale" / language / "LC_MESSAGES" / "kiosk.po").open("rb") as f:
            for message in read_po(f):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                shown.extend(strings)
        said = words(language)
        for month in range(1, 13):
            day = date(2017, month, 7 + month % 7)  # every month, every weekday
            shown += [said.date(day, "full"), said.span(day, date(2018, 1, 2)), said.skeleton("MMMd", day)]
            shown += [said.skeleton("Ed", day), said.skeleton("E", datetime(2017, month, day.day))]
        shown += [said.number(12345.5), said.percent(50), said.ago(420), said.ago(3 * 86400)]
        shown += [said.language_name(code) for code in ("pl", "en", "kk", "ru")]
    characters = "".join(shown)
    assert any(ch in characters for ch in "ҒҚҢҰ")
    for font in (REGULAR, BOLD):
        assert missing_glyphs(shipped_font(font), characters) == set()


# --- Babel's forms --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "language, forms",
    [
        ("pl", {1: "1 sesja", 2: "2 sesje", 5: "5 sesji", 12: "12 sesji", 22: "22 sesje", 25: "25 sesji"}),
        (
            "ru",
            {1: "1 сеанс", 2: "2 сеанса", 5: "5 сеансов", 11: "11 сеансов", 21: "21 сеанс", 24: "24 сеанса"},
        ),
        ("kk", {1: "1 сеанс", 2: "2 сеанс", 5: "5 сеанс"}),  # a noun after a numeral stays singular
        ("en", {1: "1 session", 2: "2 sessions"}),
    ],
)
def test_plurals_follow_each_language(language, forms):
    said = words(language)
    for count, expected in forms.items():
        assert said.ngettext("{language}: {n} session", "{language}: {n} sessions", count, language="x") == (
            f"x: {expected}"
        )


def test_numbers_dates_and_language_names_come_from_babel():
    from datetime import date

    day = date(2017, 9, 7)
    assert words("pl").number(12345.5) == f"12{NBSP}345,5"
    assert words("ru").number(12345) == f"12{NBSP}345"
    assert words("en").number(12345) == "12,345"
    assert words("pl").date(day) == "7 września 2017"
    assert words("ru").date(day).startswith("7 сентября 2017")
    assert words("kk").date(day, "full").replace("\u202f", " ") == "2017 ж. 7 қыркүйек, бейсенбі"
    assert words("en").date(day, "full") == "Thursday, 7 September 2017"  # British, as before
    assert [words("pl").language_name(c) for c in ("pl", "kk")] == ["Polski", "Kazachski"]
    assert words("kk").language_name("ru") == "Орыс тілі"
    assert words("ru").percent(50) == f"50{NBSP}%" and words("pl").percent(50) == "50%"
    assert words("de") is words("en")  # no staff words in German: English


def test_the_browser_s_language_is_the_first_staff_language_it_asks_for():
    assert from_browser("kk-KZ,kk;q=0.9,ru;q=0.8,en;q=0.5") == "kk"
    assert from_browser("de-DE, de;q=0.9, ru;q=0.5") == "ru"
    assert from_browser("en;q=0.3, pl;q=0.8") == "pl"
    assert from_browser("pl;q=0, ru") == "ru"  # q=0: "not this one"
    assert from_browser("fr, de") is None and from_browser("") is None
    assert from_browser("ru;q=abc, kk") == "kk"


# --- the dashboard --------------------------------------------------------------------------


class Text(HTMLParser):
    """What a person reads on a page: its text, outside scripts and styles."""

    def __init__(self, page: str):
        super().__init__()
        self.parts: list[str] = []
        self.feed(page)

    def handle_data(self, data):
        self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(self.parts)


@pytest.fixture
def dashboard(config):
    """(client, staff's headers) over the sample site with the staff day recorded."""
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    staff_day.record(config)
    token = base64.b64encode(f"staff:{PASSWORD}".encode()).decode()
    with TestClient(create_app(config)) as client:
        yield client, {"Authorization": f"Basic {token}"}


def english_messages() -> set[str]:
    """The English of every staff message, placeholders and all, as a page could show it."""
    from babel.messages.pofile import read_po

    with (ROOT / "kiosk/locale/en/LC_MESSAGES/kiosk.po").open("rb") as f:
        catalog = read_po(f)
    out = set()
    for message in catalog:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in re.split(r"\{\w*\}", text):
                piece = piece.strip(" .:;·(),-")
                if " " in piece and len(piece) >= 8:  # words, not a code such as "p99"
                    out.add(piece)
    return out


def test_the_dashboard_in_kazakh_names_zones_and_writes_plurals_numbers_and_dates(dashboard):
    client, staff = dashboard
    page = client.get(
        f"/?from={DAY}&to={DAY}", headers={**staff, "Accept-Language": "kk-KZ,kk;q=0.9,ru;q=0.8"}
    )
    assert page.status_code == 200 and page.headers["content-language"] == "kk"
    html = page.text
    assert '<html lang="kk">' in html
    assert "<title>Келушілер · kiosk-1</title>" in html
    for said in ("Павильон киоскісі", "Сеанстар", "Кірулер", "Орташа уақыт", "Аймақтар", "Тілдер"):
        assert said in html, said
    assert "2017 ж. 7 қыркүйек, бейсенбі" in html.replace("\u202f", " ")
    # Zones by their Kazakh titles, the id on hover; a zone the content lacks keeps its id.
    assert '<td class="name" title="forest">Орман' in html
    assert '<td class="name" title="poland-kazakhstan">Польша – Қазақстан' in html
    assert '<td class="name" title="energy">energy' in html
    assert "Поляк тілі" in html and "Қазақ тілі" in html
    assert f'data-figure="entries" data-value="{staff_day.DOOR}">12{NBSP}345<' in html
    assert "12:00–13:00: 5 сеанс<" in html  # Kazakh keeps the noun singular after a number


def test_the_dashboard_in_russian_and_polish_has_every_plural_form(dashboard):
    client, staff = dashboard
    ru = client.get(f"/?from={DAY}&to={DAY}&lang=ru", headers=staff).text
    for tip in ("10:00–11:00: 1 сеанс<", "11:00–12:00: 2 сеанса<", "12:00–13:00: 5 сеансов<"):
        assert tip in ru, tip
    assert "Лес" in ru and "Последние 30 дней" in ru and "Посетители" in ru
    pl = client.get(f"/?from={DAY}&to={DAY}&lang=pl", headers=staff).text
    for tip in ("10:00–11:00: 1 sesja<", "11:00–12:00: 2 sesje<", "12:00–13:00: 5 sesji<"):
        assert tip in pl, tip
    assert "czwartek, 7 września 2017" in pl and "Ostatnie 30 dni" in pl
    assert '<td class="name" title="national-day">Narodowy Dzień Polski' in pl
    # What staff read is in their language: no English message is left on the page.
    for page in (ru, pl):
        shown = Text(page).text
        left = sorted(m for m in english_messages() if m in shown)
        assert not left, left


def test_a_language_chosen_on_the_page_is_remembered_over_the_browser_s(dashboard):
    client, staff = dashboard
    polish_browser = {**staff, "Accept-Language": "pl-PL,pl;q=0.9"}
    assert '<html lang="pl">' in client.get("/", headers=polish_browser).text
    chosen = client.get(f"/?from={DAY}&to={DAY}&lang=ru", headers=polish_browser)
    assert "kiosk_lang=ru" in chosen.headers["set-cookie"]
    # The switcher offers each language by its own name, keeping the days shown.
    for code, name in (("pl", "Polski"), ("en", "English"), ("kk", "Қазақ тілі"), ("ru", "Русский")):
        assert (
            f'<a lang="{code}" hreflang="{code}" href="?from={DAY}&amp;to={DAY}&amp;lang={code}"'
            in chosen.text
        )
        assert f">{name}</a>" in chosen.text
    assert (
        'hreflang="ru" href="?from=2017-09-07&amp;to=2017-09-07&amp;lang=ru" aria-current="true"'
        in chosen.text
    )
    again = client.get("/", headers=polish_browser)  # the cookie, not the browser, decides now
    assert '<html lang="ru">' in again.text and "set-cookie" not in again.headers
    assert '<html lang="ru">' in client.get("/?lang=xx", headers=polish_browser).text  # not a staff language
    client.cookies.clear()
    assert '<html lang="pl">' in client.get("/", headers=staff).text  # no wish at all: the config's


def test_the_kiosks_page_speaks_the_staff_language(config):
    from kiosk.web.kiosks import Watched, render

    now = 1_504_771_200.0
    seen = [
        Watched("entrance-hall", now - 30, {"visitors_today": 12345, "free_disk_bytes": 2.5e9}, now),
        Watched("upper-floor", now - 420, {}, now),  # quiet for 7 minutes: offline
        Watched("cellar", now - 3 * 86400, {"maintenance": True}, now),
    ]
    made = [
        {
            "id": 1,
            "note": "Expo",
            "kiosks": [],
            "withdrawn_at": None,
            "made_at": now,
            "made_by": "a",
            "files": 3,
        }
    ]
    kk = render(config, seen, made, words("kk"))
    assert '<html lang="kk">' in kk and "Киоскілер" in kk and "Шығарылымдар" in kk and "күшінде" in kk
    assert 'data-value="ONLINE">ЖЕЛІДЕ<' in kk and 'data-value="OFFLINE">ЖЕЛІДЕН ТЫС<' in kk
    assert "7 мин. бұрын" in kk and "3 күн бұрын" in kk
    assert f">12{NBSP}345<" in kk and f"2,5{NBSP}GB" in kk
    ru = render(config, seen, made, words("ru"))
    assert "7 мин. назад" in ru and "3 дн. назад" in ru and 'data-value="ONLINE">В СЕТИ<' in ru
    pl = render(config, seen, made, words("pl"))
    assert "7 min temu" in pl and "3 dni temu" in pl and "Poproś o zrzut ekranu" in pl
    en = render(config, seen, made)
    assert "7 min ago" in en and 'data-value="ONLINE">ONLINE<' in en


# --- the staff screen -----------------------------------------------------------------------

STAFF_SAYS = {
    "pl": [
        "sesji",  # under 11
        "wejść",  # under 12 345
        "Narodowy Dzień Polski: 22 wyświetlenia, 22 min",
        "Technologie: 12 wyświetleń, 12 min",
        "Las: 5 wyświetleń, 5 min",
        "Regiony: 2 wyświetlenia, 2 min",
        "Polska – Kazachstan: 1 wyświetlenie, 1 min",
        "energy: 1 wyświetlenie, 1 min",
        "Polski: 5 sesji",
        "Angielski: 3 sesje",
        "Kazachski: 2 sesje",
        "Rosyjski: 1 sesja",
        "Ostatnie 7 dni",
        "Serwis: wył.",
        "Gotowe",
    ],
    "ru": [
        "сеансов",
        "входов",
        "Национальный день Польши: 22 просмотра, 22 мин",
        "Технологии: 12 просмотров, 12 мин",
        "Польша – Казахстан: 1 просмотр, 1 мин",
        "Польский: 5 сеансов",
        "Казахский: 2 сеанса",
        "Русский: 1 сеанс",
        "Последние 7 дней",
    ],
    "kk": ["сеанс", "кіру", "Орман: 5 қаралым, 5 мин", "Поляк тілі: 5 сеанс", "Соңғы 7 күн", "Дайын"],
    "en": ["sessions", "entries", "Forest: 5 views, 5 min", "Russian: 1 session", "Last 7 days", "Close"],
}


def staff_app(tmp_path, language: str, size=(1920, 1080)):
    """The kiosk over the sample content and the staff day, its staff screen in `language`."""
    import pygame

    from kiosk.clock import VirtualClock
    from kiosk.config import StaffSettings, load_config
    from kiosk.content.loader import load_exhibit
    from kiosk.ui.app import KioskApp

    shipped = load_config(ROOT / "config.yaml")
    update = {"store_path": str(tmp_path / "visitors.db"), "staff": StaffSettings(language=language)}
    config = shipped.model_copy(update=update).with_base(ROOT)
    staff_day.record(config)
    pygame.display.init()
    pygame.display.set_mode((1, 1))
    clock = VirtualClock(1_504_771_200.0)
    return KioskApp(config, load_exhibit(config).exhibit, size, clock), clock


@pytest.mark.parametrize("language", list(STAFF_SAYS))
def test_the_staff_screen_speaks_the_configured_language(tmp_path, language):
    import os

    import pygame

    from kiosk.visit.intents import StaffAction

    app, clock = staff_app(tmp_path, language)
    app.apply(StaffAction("pin"))
    app.apply(StaffAction("open"))
    clock.advance(1)  # past the slide from the PIN pad
    app.update()
    surface = pygame.Surface((1920, 1080))
    assert app.draw(surface, force=True)
    shown = [w.text for w in app.type.record]
    for said in STAFF_SAYS[language]:
        assert said in shown, (said, shown)
    assert "11" in shown  # sessions, over the word that agrees with 11
    assert (f"12{NBSP}345" if language != "en" else "12,345") in shown
    title = next(t for t in shown if "kiosk-1" in t)
    assert words(language).date(staff_day.DAY) in title
    if language == "pl":
        assert title.startswith("Obsługa · kiosk-1 · 7 września 2017 · ")
        docs = os.environ.get("KIOSK_UPDATE_DOCS") == "1"
        shot = ROOT / "docs" / "staff-pl.png" if docs else tmp_path / "staff-pl.png"
        pygame.image.save(surface, str(shot))
        assert shot.stat().st_size > 10_000
    pygame.display.quit()
