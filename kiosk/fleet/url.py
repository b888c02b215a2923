"""The central store's address, said without its password wherever it is shown."""

from __future__ import annotations

import os
from urllib.parse import unquote, urlsplit, urlunsplit

ENVIRONMENT = "KIOSK_FLEET_URL"
SCHEMES = ("postgresql", "postgres")


def check(url: str) -> str | None:
    """Why `url` cannot name a central store, or None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        return f"not a URL ({exc})"
    if parts.scheme not in SCHEMES:
        return "must begin with postgresql:// (e.g. postgresql://kiosk:PASSWORD@fleet.example/pavilion)"
    return None


def chosen(configured: str | None) -> str | None:
    """KIOSK_FLEET_URL if set, else fleet.database_url, else None: nothing is forwarded."""
    return os.environ.get(ENVIRONMENT) or configured or None


def mask(url: str) -> str:
    """The URL with its password as ***."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return "(a URL that cannot be read)"
    if password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, f"{user}:***@{host}", parts.path, parts.query, parts.fragment))


def scrub(text: str, url: str) -> str:
    """`text` (a driver's message) on one line, with the URL's password nowhere in it."""
    text = " ".join(part.strip() for part in str(text).splitlines() if part.strip())
    text = text.replace(url, mask(url))
    try:
        password = urlsplit(url).password
    except ValueError:
        password = None
    for secret in {password, unquote(password or "")} - {None, ""}:
        text = text.replace(secret, "***")
    return text
