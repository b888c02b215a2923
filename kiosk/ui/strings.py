"""The kiosk's own words (buttons, prompts), in every language it ships with.

Exhibit texts come from zones/*.yaml; these are the few words of the interface itself.
A language missing here falls back to English, then to the first entry.
"""

from __future__ import annotations

LANGUAGE_NAMES = {"pl": "Polski", "en": "English", "kk": "Қазақша", "ru": "Русский"}

STRINGS: dict[str, dict[str, str]] = {
    "pl": {
        "finish": "Zakończ",
        "still_here": "Czy nadal tu jesteś?",
        "continue": "Dotknij ekranu, aby kontynuować",
        "right": "Dobrze!",
        "wrong": "Niestety nie.",
        "visitors_today": "Dziś odwiedzających: {n}",
        "choose_language": "Wybierz język",
        "zones": "Strefy pawilonu",
        "all_zones": "Wszystkie strefy",
        "home": "Start",
        "touch": "Dotknij, aby rozpocząć",
    },
    "en": {
        "finish": "Finish",
        "still_here": "Are you still there?",
        "continue": "Touch the screen to continue",
        "right": "Correct!",
        "wrong": "Not quite.",
        "visitors_today": "Visitors today: {n}",
        "choose_language": "Choose your language",
        "zones": "Pavilion zones",
        "all_zones": "All zones",
        "home": "Home",
        "touch": "Touch to start",
    },
    "kk": {
        "finish": "Аяқтау",
        "still_here": "Сіз әлі осындасыз ба?",
        "continue": "Жалғастыру үшін экранды түртіңіз",
        "right": "Дұрыс!",
        "wrong": "Өкінішке орай, қате.",
        "visitors_today": "Бүгінгі келушілер: {n}",
        "choose_language": "Тілді таңдаңыз",
        "zones": "Павильон аймақтары",
        "all_zones": "Барлық аймақтар",
        "home": "Басты бет",
        "touch": "Бастау үшін түртіңіз",
    },
    "ru": {
        "finish": "Завершить",
        "still_here": "Вы ещё здесь?",
        "continue": "Коснитесь экрана, чтобы продолжить",
        "right": "Верно!",
        "wrong": "К сожалению, нет.",
        "visitors_today": "Посетителей сегодня: {n}",
        "choose_language": "Выберите язык",
        "zones": "Зоны павильона",
        "all_zones": "Все зоны",
        "home": "Главная",
        "touch": "Коснитесь, чтобы начать",
    },
}


def say(language: str, key: str) -> str:
    for code in (language, "en"):
        if key in STRINGS.get(code, {}):
            return STRINGS[code][key]
    return next(iter(STRINGS.values()))[key]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code.upper())
