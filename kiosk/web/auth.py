"""Staff only: every request to the dashboard carries a credential that opens its route.

People sign in with the staff password (`kiosk set-password`, scrypt in staff.json), which
opens the dashboard's pages and downloads. Machines get named tokens with one scope each
(`kiosk token add`, tokens.py): a `metrics` token reads /metrics and nothing else, an
`entries` token (a door sensor) only posts /entries, a `dashboard` token opens what the
password opens. Browsers send either with HTTP Basic (any user name, the secret as the
password); scripts may send `Authorization: Bearer <secret>`. With neither a password nor a
token set the dashboard stays shut (503) rather than open.

Wrong passwords make the address, and past a point everyone, wait (lockout.py); the waits
survive a restart. The client address is the connection's: `X-Forwarded-For` counts only from
a proxy named in `web.trusted_proxies` (uvicorn is started so, see server.py).
"""

from __future__ import annotations

import base64
import binascii
import math
import time
from collections.abc import Callable
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.staff import REWRITE_S, StaffSecrets
from kiosk.web import tokens
from kiosk.web.lockout import WrongPasswords, global_lock_seconds
from kiosk.web.passwords import Budget, PasswordChecker

REALM = 'Basic realm="kiosk staff"'
# The scope each route needs; every other path (pages, downloads, the stylesheet) is the
# dashboard's. The password is for people: it opens the dashboard scope only.
ROUTE_SCOPES = {"/metrics": "metrics", "/entries": "entries"}
PASSWORD_SCOPE = "dashboard"

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
    """The secret in an Authorization header (Basic with any user name, or Bearer), if any."""
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


def route_scope(path: str) -> str:
    return ROUTE_SCOPES.get(path.rstrip("/") or "/", PASSWORD_SCOPE)


class StaffOnly:
    """ASGI middleware in front of the whole dashboard, static files and /metrics included."""

    def __init__(
        self,
        app: ASGIApp,
        staff_file: Path,
        now: Callable[[], float] = time.monotonic,
        budget: Budget | None = None,
    ):
        self.app = app
        self.staff = StaffSecrets(staff_file)
        self.wrong_passwords = WrongPasswords(
            now, self.staff.dashboard_locks(), self.staff.dashboard_backoff(global_lock_seconds)
        )
        self.passwords = PasswordChecker(self.staff.check_password, budget)
        self._stored_password: dict | None = None
        self._waits_written = -math.inf
        # The last wait written ends then: past it the file is written again, so that a restart
        # does not bring back a wait that is over.
        self._written_until = self._last_wait_ends()
        self._used: dict[str, float] = {}  # token name -> wall time, not yet written
        self._used_written = -math.inf

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = await self._refusal(scope)
        if refusal is not None:
            await refusal(scope, receive, self._protected(send))
            return
        await self.app(scope, receive, self._protected(send))

    async def _lifespan(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def on_shutdown() -> Message:
            message = await receive()
            if message["type"] == "lifespan.shutdown":
                self.passwords.close()
                if self._used:
                    await run_in_threadpool(tokens.mark_used, self.staff, dict(self._used))
            return message

        await self.app(scope, on_shutdown, send)

    async def _refusal(self, scope: Scope) -> PlainTextResponse | None:
        self._forget_if_password_changed()
        if self.wrong_passwords.now() >= self._written_until > -math.inf:
            await self._save_waits()
        has_password = self.staff.has("password")
        if not has_password and not self.staff.tokens():
            return PlainTextResponse(
                "The staff dashboard is closed until it has a password: "
                "set a password with `kiosk set-password`.\n",
                status_code=503,
            )
        needed = route_scope(scope["path"])
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        secret = presented_password(authorization)
        if secret is None:
            return self._unauthorized()
        token = tokens.find(self.staff, secret)
        if token is not None:
            # Tokens cannot be guessed: no wait holds them up, so a flood of guesses never
            # stops the scraper or the door sensor.
            name, scope_of_token = token
            await self._mark_used(name)
            if scope_of_token != needed:
                return self._forbidden(
                    f"The token '{name}' ({scope_of_token}) does not open {scope['path']}."
                )
            return None
        client = (scope.get("client") or ("unknown",))[0]
        if self.wrong_passwords.wait_s(client) > 0:
            if self.wrong_passwords.now() - self._waits_written >= REWRITE_S:
                await self._save_waits()  # so that a restart resumes about where the wait was
            return self._wait(client)
        if tokens.looks_like_token(secret) or not has_password:
            accepted = False  # a revoked or mistyped token: wrong, and no scrypt for it
            key = self.passwords.key(secret)
        else:
            key = self.passwords.key(secret)
            accepted = self.passwords.remembered(key)
            if accepted is None:
                if not self.passwords.budget.take():
                    return self._busy()
                accepted = await self.passwords.verify(key, secret)
                # Guesses sent side by side are checked side by side: once five of them have
                # been found wrong, the rest get no verdict either way.
                if self.wrong_passwords.wait_s(client) > 0:
                    return self._wait(client)
        if accepted:
            if needed != PASSWORD_SCOPE:
                return self._forbidden(
                    f"The staff password opens the dashboard's pages; {scope['path']} takes a token: "
                    f"`kiosk token add NAME --scope {needed}`."
                )
            return None
        if self.wrong_passwords.wrong(client, key):
            await self._save_waits()
        return self._unauthorized()

    @staticmethod
    def _unauthorized() -> PlainTextResponse:
        return PlainTextResponse(
            "Staff only: sign in with the dashboard password.\n",
            status_code=401,
            headers={"WWW-Authenticate": REALM},
        )

    @staticmethod
    def _forbidden(why: str) -> PlainTextResponse:
        return PlainTextResponse(why + "\n", status_code=403)

    @staticmethod
    def _busy() -> PlainTextResponse:
        return PlainTextResponse(
            "Too many passwords to check just now: try again in a second.\n",
            status_code=429,
            headers={"Retry-After": "1"},
        )

    def _wait(self, client: str) -> PlainTextResponse:
        seconds = math.ceil(self.wrong_passwords.wait_s(client))
        everyone = self.wrong_passwords.everyone_waits()
        source = "from many addresses" if everyone else "from this address"
        return PlainTextResponse(
            f"Too many wrong passwords {source}: try again in {seconds} s.\n",
            status_code=429,
            headers={"Retry-After": str(seconds)},
        )

    async def _save_waits(self) -> None:
        self._waits_written = self.wrong_passwords.now()
        self._written_until = self._last_wait_ends()
        # In a worker thread: a slow or failing disk does not hold up the event loop. A disk
        # that cannot be written leaves the waits in memory (StaffSecrets logs it once).
        await run_in_threadpool(
            self.staff.save_dashboard_locks, self.wrong_passwords.held, self.wrong_passwords.backoff
        )

    def _last_wait_ends(self) -> float:
        """When the last wait now running ends, on the monotonic clock (-inf: none runs)."""
        lefts = [left for _, left in self.wrong_passwords.held().values()]
        longest = max([*lefts, self.wrong_passwords.backoff()[1]])
        return self.wrong_passwords.now() + longest if longest > 0 else -math.inf

    async def _mark_used(self, name: str) -> None:
        now = time.time()
        self._used[name] = now
        if time.monotonic() - self._used_written >= tokens.LAST_USED_EVERY_S:
            self._used_written = time.monotonic()
            used, self._used = self._used, {}
            await run_in_threadpool(tokens.mark_used, self.staff, used)

    def _forget_if_password_changed(self) -> None:
        """A new password (or a restored staff.json) makes every remembered verdict stale."""
        # The stored hash and its salt are compared, not the file: unlike its modification
        # time this cannot miss two changes within one tick of the file system, and waits
        # written beside it do not make every verdict stale.
        stored = self.staff.stored("password")
        if stored != self._stored_password:
            self.passwords.forget()
            self._stored_password = stored

    @staticmethod
    def _protected(send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *PROTECTIVE_HEADERS]
            await send(message)

        return send_with_headers
