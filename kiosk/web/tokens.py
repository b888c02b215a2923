"""Named tokens for machines: a Prometheus scraper, a door sensor, a wall display.

Each token has one scope, and opens only the routes of that scope (see `ROUTE_SCOPES` in
auth.py). A token is a long random secret, shown once when it is made and kept in staff.json
only as its SHA-256: 256 random bits need no slow hash, so checking one costs microseconds and
a flood of wrong tokens costs the kiosk nothing. The comparison runs in constant time over
every stored token, so its timing tells nothing about which one came close.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

from kiosk.staff import StaffSecrets

SCOPES = ("dashboard", "metrics", "entries")
PREFIX = "kt-"  # tells a token from a password at a glance (and to secret scanners)
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
# "last used" is written at most this often per token: a scrape every 15 s is not a disk write.
LAST_USED_EVERY_S = 300.0


class TokenError(ValueError):
    """A token cannot be made or revoked as asked; the message says why."""


@dataclass(frozen=True)
class Token:
    name: str
    scope: str
    created: float  # wall clock, for people reading `kiosk token list`
    last_used: float | None


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def looks_like_token(secret: str) -> bool:
    return secret.startswith(PREFIX)


def add(staff: StaffSecrets, name: str, scope: str, now: float | None = None) -> str:
    """Make a token named `name` for `scope`; returns it (the only time it is seen in clear).

    Raises TokenError for a bad name or scope or a name already taken, OSError when staff.json
    cannot be written.
    """
    if not NAME.match(name):
        raise TokenError(f"'{name}': a name is letters, digits, '.', '_' and '-', up to 64")
    if scope not in SCOPES:
        raise TokenError(f"scope: '{scope}' is not one of {', '.join(SCOPES)}")
    token = PREFIX + secrets.token_urlsafe(32)
    made = time.time() if now is None else now

    def put(tokens: dict[str, dict]) -> None:
        if name in tokens:
            raise TokenError(f"a token named '{name}' exists; revoke it first or choose another name")
        tokens[name] = {"scope": scope, "sha256": digest(token), "created": made}

    staff.update_tokens(put, strict=True)
    return token


def revoke(staff: StaffSecrets, name: str) -> None:
    """Raises TokenError when there is no such token, OSError when staff.json cannot be written."""

    def drop(tokens: dict[str, dict]) -> None:
        if tokens.pop(name, None) is None:
            raise TokenError(f"no token is named '{name}'")

    staff.update_tokens(drop, strict=True)


def listed(staff: StaffSecrets) -> list[Token]:
    tokens = []
    for name, entry in sorted(staff.tokens().items()):
        if isinstance(entry, dict):
            tokens.append(
                Token(name, str(entry.get("scope")), entry.get("created", 0.0), entry.get("last_used"))
            )
    return tokens


def find(staff: StaffSecrets, presented: str) -> tuple[str, str] | None:
    """(name, scope) of the token `presented` is, or None."""
    wanted = digest(presented)
    found = None
    for name, entry in staff.tokens().items():
        stored = entry.get("sha256") if isinstance(entry, dict) else None
        # Every stored token is compared, all the way: no early exit to time.
        if isinstance(stored, str) and hmac.compare_digest(stored, wanted) and entry.get("scope") in SCOPES:
            found = (name, entry["scope"])
    return found


def mark_used(staff: StaffSecrets, names: dict[str, float]) -> bool:
    """Write when each token in `names` (name -> wall time) was last used."""

    def put(tokens: dict[str, dict]) -> None:
        for name, when in names.items():
            if isinstance(tokens.get(name), dict):
                tokens[name] = {**tokens[name], "last_used": when}

    return staff.update_tokens(put)
