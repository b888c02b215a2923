"""The kiosk's own words (buttons, prompts), in every language it ships with.

Exhibit texts come from zones/*.yaml; these are the few words of the interface itself.
A language missing here falls back to English, then to the first entry.
"""

from __future__ import annotations

LANGUAGE_NAMES = {"pl": "Polski", "en": "English", "kk": "Қазақша", "ru": "Русский"}

STRINGS: dict[str, dict[str, str]] = {
    "pl": {
        "listen": "Słuchaj",  # the page read aloud
        "finish": "Zakończ",
        "still_here": "Czy nadal tu jesteś?",
        "continue": "Dotknij ekranu, aby kontynuować",
        "right": "Dobrze!",
        "wrong": "Niestety nie.",
        "visitors_today": "Dziś odwiedzających: {n}",
        "choose_language": "Wybierz język",
        "zones": "Co chcesz odkryć?",
        "all_zones": "Wszystkie tematy",
        "home": "Start",
        "touch": "Dotknij, aby rozpocząć",
        "closed": "Zamknięte",
        "opens": "Otwieramy {when} o {time}",
        "today": "dziś",
        "tomorrow": "jutro",
    },
    "en": {
        "listen": "Listen",
        "finish": "Finish",
        "still_here": "Are you still there?",
        "continue": "Touch the screen to continue",
        "right": "Correct!",
        "wrong": "Not quite.",
        "visitors_today": "Visitors today: {n}",
        "choose_language": "Choose your language",
        "zones": "What will you discover?",
        "all_zones": "All topics",
        "home": "Home",
        "touch": "Touch to start",
        "closed": "Closed",
        "opens": "We open {when} at {time}",
        "today": "today",
        "tomorrow": "tomorrow",
    },
    "kk": {
        "listen": "Тыңдау",
        "finish": "Аяқтау",
        "still_here": "Сіз әлі осындасыз ба?",
        "continue": "Жалғастыру үшін экранды түртіңіз",
        "right": "Дұрыс!",
        "wrong": "Өкінішке орай, қате.",
        "visitors_today": "Бүгінгі келушілер: {n}",
        "choose_language": "Тілді таңдаңыз",
        "zones": "Не білгіңіз келеді?",
        "all_zones": "Тақырыптар",
        "home": "Басты бет",
        "touch": "Бастау үшін экранды түртіңіз",
        "closed": "Жабық",
        "opens": "{when} сағат {time}-{suffix} ашыламыз",
        "today": "Бүгін",
        "tomorrow": "Ертең",
    },
    "ru": {
        "listen": "Слушать",
        "finish": "Завершить",
        "still_here": "Вы ещё здесь?",
        "continue": "Коснитесь экрана, чтобы продолжить",
        "right": "Верно!",
        "wrong": "К сожалению, нет.",
        "visitors_today": "Посетителей сегодня: {n}",
        "choose_language": "Выберите язык",
        "zones": "Что вы хотите узнать?",
        "all_zones": "Все темы",
        "home": "Главная",
        "touch": "Коснитесь, чтобы начать",
        "closed": "Закрыто",
        "opens": "Откроемся {when} в {time}",
        "today": "сегодня",
        "tomorrow": "завтра",
    },
}


# "On Monday", "on 12 January": the forms each language puts after "we open".
WEEKDAYS = {
    "pl": ["w poniedziałek", "we wtorek", "w środę", "w czwartek", "w piątek", "w sobotę", "w niedzielę"],
    "en": ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday", "on Sunday"],
    "kk": ["Дүйсенбі күні", "Сейсенбі күні", "Сәрсенбі күні", "Бейсенбі күні", "Жұма күні", "Сенбі күні",
           "Жексенбі күні"],
    "ru": ["в понедельник", "во вторник", "в среду", "в четверг", "в пятницу", "в субботу", "в воскресенье"],
}  # fmt: skip
MONTHS = {  # Polish and Russian in the genitive, Kazakh in the locative (on the 12th of ...)
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia",
           "września", "października", "listopada", "grudnia"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "kk": ["қаңтарда", "ақпанда", "наурызда", "сәуірде", "мамырда", "маусымда", "шілдеде", "тамызда",
           "қыркүйекте", "қазанда", "қарашада", "желтоқсанда"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"],
}  # fmt: skip
# Kazakh's "at" (-да/-де/-та/-те) follows the last word said: 10:00 is read "он нөл нөл" (-де),
# 10:30 "он отыз" (-да), 10:45 "он қырық бес" (-те).
_KK_UNITS = ["де", "де", "де", "те", "те", "те", "да", "де", "де", "да"]  # нөл, бір, екі, үш ...
_KK_TENS = {1: "да", 2: "да", 3: "да", 4: "та", 5: "де"}  # он, жиырма, отыз, қырық, елу


def kazakh_at(minute: int) -> str:
    return _KK_UNITS[minute % 10] if minute % 10 or minute == 0 else _KK_TENS[minute // 10]


def opens_at(language: str, today, opens) -> str:
    """ "We open tomorrow at 10:00" in a language: `today` and `opens` are local datetimes."""
    code = language if language in WEEKDAYS else "en"
    days = (opens.date() - today.date()).days
    if days == 0:
        when = say(code, "today")
    elif days == 1:
        when = say(code, "tomorrow")
    elif days < 7:
        when = WEEKDAYS[code][opens.weekday()]
    else:
        when = f"{opens.day} {MONTHS[code][opens.month - 1]}"
        if opens.year != today.year:
            when = {
                "pl": f"{when} {opens.year} r.",
                "kk": f"{opens.year} жылғы {when}",
                "ru": f"{when} {opens.year} года",
            }.get(code, f"{when} {opens.year}")
        if code == "en":
            when = f"on {when}"
    text = say(code, "opens").format(when=when, time=opens.strftime("%H:%M"), suffix=kazakh_at(opens.minute))
    return text[0].upper() + text[1:]


def say(language: str, key: str) -> str:
    for code in (language, "en"):
        if key in STRINGS.get(code, {}):
            return STRINGS[code][key]
    return next(iter(STRINGS.values()))[key]


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code.upper())
