"""Which language a dashboard page speaks: the one staff chose on the page (`?lang=`, kept in a
cookie), else the browser's (Accept-Language), else the config's (`staff.language`).

Only the staff languages (pl, en, kk, ru) are offered; anything else falls through to the next.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from kiosk.config import STAFF_LANGUAGES, Config

COOKIE = "kiosk_lang"
REMEMBER_S = 365 * 86400  # a season at the pavilion


def asked(request: Request) -> str | None:
    """The language staff chose with a link of the switcher, if it is one of ours."""
    code = request.query_params.get("lang", "").strip().lower()
    return code if code in STAFF_LANGUAGES else None


def from_browser(header: str) -> str | None:
    """The first staff language in an Accept-Language header, by its q-values:
    "kk-KZ,ru;q=0.9,en;q=0.8" -> "kk"; "de, ru;q=0.5" -> "ru"."""
    ranked = []
    for order, item in enumerate(header.split(",")[:40]):  # a hostile header is cut, not parsed whole
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        primary = tag.strip().split("-")[0].lower()
        if primary in STAFF_LANGUAGES and quality > 0:
            ranked.append((-quality, order, primary))
    return min(ranked)[2] if ranked else None


def choose(request: Request, config: Config) -> str:
    """This request's language."""
    remembered = request.cookies.get(COOKIE, "")
    return (
        asked(request)
        or (remembered if remembered in STAFF_LANGUAGES else None)
        or from_browser(request.headers.get("accept-language", ""))
        or config.staff_language
    )


def remember(request: Request, response: Response, language: str) -> Response:
    """The page's response, saying its language; one chosen on the page is kept for the next
    pages."""
    code = asked(request)
    if code is not None and request.cookies.get(COOKIE) != code:
        # No Path: the browser keeps it to the folder of the page, the dashboard's own.
        response.set_cookie(COOKIE, code, max_age=REMEMBER_S, path=None, httponly=True, samesite="lax")
    response.headers["Content-Language"] = language
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response
