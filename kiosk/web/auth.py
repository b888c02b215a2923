"""Staff only: every request to the dashboard carries the staff password, or gets nothing.

The password is the one `kiosk set-password` stored (scrypt, in staff.json). Browsers send it
with HTTP Basic (any user name); scripts and scrapers may send `Authorization: Bearer
<password>`. Without a password set the dashboard stays shut (503) rather than open. An
address that has tried five different wrong passwords waits, as at the PIN pad: 30 s, then
60 s, 120 s... (429), whatever it sends meanwhile. The wait runs on the monotonic clock and
is kept in staff.json as the time that remains, so neither a restart nor a clock set back or
forward ends it early or stretches it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import math
import secrets
import time
from collections.abc import Callable
from pathlib import Path

import anyio
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.staff import REWRITE_S, StaffSecrets, lock_seconds

REALM = 'Basic realm="kiosk staff"'
MAX_REMEMBERED = 256  # verdicts kept; past that the memory starts again (one scrypt per password)

# Sent with every answer: staff figures are not to be cached by a proxy, framed or sniffed.
PROTECTIVE_HEADERS = [
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (
        b"content-security-policy",
        b"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'",
    ),
]


def presented_password(authorization: str) -> str | None:
    """The password in an Authorization header (Basic with any user name, or Bearer), if any."""
    scheme, _, value = authorization.strip().partition(" ")
    value = value.strip()
    if scheme.lower() == "bearer":
        return value or None
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    _user, colon, password = decoded.partition(":")
    return password if colon and password else None


class WrongPasswords:
    """Different wrong passwords tried per client address, and how long each must wait.

    Only different ones count: a sensor or a scraper retrying an old password is not guessing.
    """

    def __init__(
        self, now: Callable[[], float] = time.monotonic, held: dict[str, tuple[int, float]] | None = None
    ):
        """`held`: address -> (different wrong passwords, seconds left), as a restart found them."""
        self.now = now
        self._tried: dict[str, set[bytes]] = {}
        self._until: dict[str, float] = {}
        for client, (wrong, left) in (held or {}).items():
            # The passwords themselves were never kept: only how many there were.
            self._tried[client] = {b"before the restart %d" % i for i in range(wrong)}
            self._until[client] = self.now() + left

    def wait_s(self, client: str) -> float:
        return max(0.0, self._until.get(client, 0.0) - self.now())

    def wrong(self, client: str, key: bytes) -> bool:
        """Counts a wrong password; True when that starts a wait (which a restart must keep)."""
        if len(self._tried) >= MAX_REMEMBERED and client not in self._tried:
            self._forget_unlocked()
        tried = self._tried.setdefault(client, set())
        if key in tried or not lock_seconds(len(tried) + 1):
            tried.add(key)
            return False
        tried.add(key)
        self._until[client] = self.now() + lock_seconds(len(tried))
        return True

    def right(self, client: str) -> bool:
        """Forgets the address's wrong passwords; True if it had waited (so the saved list changes)."""
        self._tried.pop(client, None)
        return self._until.pop(client, None) is not None

    def held(self) -> dict[str, tuple[int, float]]:
        """Addresses still waiting: address -> (different wrong passwords, seconds left)."""
        # Copied first: the staff.json writer calls this from a worker thread.
        waits = {client: self.wait_s(client) for client in list(self._until)}
        return {c: (len(self._tried.get(c, ())), left) for c, left in waits.items() if left > 0}

    def _forget_unlocked(self) -> None:
        for client in [c for c in self._tried if self.wait_s(c) == 0]:
            self.right(client)


class StaffOnly:
    """ASGI middleware in front of the whole dashboard, static files and /metrics included."""

    def __init__(self, app: ASGIApp, staff_file: Path, now: Callable[[], float] = time.monotonic):
        self.app = app
        self.staff = StaffSecrets(staff_file)
        self.wrong_passwords = WrongPasswords(now, self.staff.dashboard_locks())
        # scrypt takes ~50 ms, too long to pay on every request of a page and its stylesheet,
        # so verdicts are remembered per password. They are keyed by an HMAC under a key that
        # lives only in this process: memory holds no password, nor a hash that is cheap to
        # attack, and a lookup's timing tells an attacker nothing about the stored password.
        self._key = secrets.token_bytes(32)
        self._verdicts: dict[bytes, bool] = {}
        self._stored_password: dict | None = None
        self._waits_written = -math.inf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # the server's lifespan messages carry no request
            await self.app(scope, receive, send)
            return
        refusal = await self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, self._protected(send))
            return
        await self.app(scope, receive, self._protected(send))

    async def _refusal(self, scope: Scope) -> PlainTextResponse | None:
        self._forget_if_password_changed()
        if not self.staff.has("password"):
            return PlainTextResponse(
                "The staff dashboard is closed until it has a password: "
                "set a password with `kiosk set-password`.\n",
                status_code=503,
            )
        client = (scope.get("client") or ("unknown",))[0]
        if self.wrong_passwords.wait_s(client) > 0:
            if self.wrong_passwords.now() - self._waits_written >= REWRITE_S:
                await self._save_waits()  # so that a restart resumes about where the wait was
            return self._wait(client)
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        password = presented_password(authorization)
        if password is not None:
            key = hmac.new(self._key, password.encode("utf-8"), hashlib.sha256).digest()
            accepted = await self._accepts(key, password)
            # Guesses sent side by side are checked side by side: once five of them have been
            # found wrong, the rest get no verdict either way.
            if self.wrong_passwords.wait_s(client) > 0:
                return self._wait(client)
            if accepted:
                if self.wrong_passwords.right(client):
                    await self._save_waits()
                return None
            if self.wrong_passwords.wrong(client, key):
                await self._save_waits()
        return PlainTextResponse(
            "Staff only: sign in with the dashboard password.\n",
            status_code=401,
            headers={"WWW-Authenticate": REALM},
        )

    def _wait(self, client: str) -> PlainTextResponse:
        seconds = math.ceil(self.wrong_passwords.wait_s(client))
        return PlainTextResponse(
            f"Too many wrong passwords from this address: try again in {seconds} s.\n",
            status_code=429,
            headers={"Retry-After": str(seconds)},
        )

    async def _save_waits(self) -> None:
        self._waits_written = self.wrong_passwords.now()
        # In a worker thread: a slow or failing disk does not hold up the event loop. A disk
        # that cannot be written leaves the waits in memory (StaffSecrets logs it once).
        await anyio.to_thread.run_sync(self.staff.save_dashboard_locks, self.wrong_passwords.held)

    async def _accepts(self, key: bytes, password: str) -> bool:
        verdict = self._verdicts.get(key)
        if verdict is None:
            # In a worker thread: the event loop keeps serving other staff meanwhile.
            verdict = await anyio.to_thread.run_sync(self.staff.check_password, password)
            if len(self._verdicts) >= MAX_REMEMBERED:
                self._verdicts.clear()
            self._verdicts[key] = verdict
        return verdict

    def _forget_if_password_changed(self) -> None:
        """A new password (or a restored staff.json) makes every remembered verdict stale."""
        # The stored hash and its salt are compared, not the file: unlike its modification
        # time this cannot miss two changes within one tick of the file system, and waits
        # written beside it do not make every verdict stale.
        stored = self.staff.stored("password")
        if stored != self._stored_password:
            self._verdicts.clear()
            self._stored_password = stored

    @staticmethod
    def _protected(send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *PROTECTIVE_HEADERS]
            await send(message)

        return send_with_headers
