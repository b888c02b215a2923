"""Staff only: every request to the dashboard carries the staff password, or gets nothing.

The password is the one `kiosk set-password` stored (scrypt, in staff.json). Browsers send it
with HTTP Basic (any user name); scripts and scrapers may send `Authorization: Bearer
<password>`. Without a password set the dashboard stays shut (503) rather than open.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from pathlib import Path

import anyio
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.staff import StaffSecrets

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


class StaffOnly:
    """ASGI middleware in front of the whole dashboard, static files and /metrics included."""

    def __init__(self, app: ASGIApp, staff_file: Path):
        self.app = app
        self.staff = StaffSecrets(staff_file)
        # scrypt takes ~50 ms, too long to pay on every request of a page and its stylesheet,
        # so verdicts are remembered per password. They are keyed by an HMAC under a key that
        # lives only in this process: memory holds no password, nor a hash that is cheap to
        # attack, and a lookup's timing tells an attacker nothing about the stored password.
        self._key = secrets.token_bytes(32)
        self._verdicts: dict[bytes, bool] = {}
        self._staff_file_contents: bytes | None = None

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
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        password = presented_password(authorization)
        if password is None or not await self._accepts(password):
            return PlainTextResponse(
                "Staff only: sign in with the dashboard password.\n",
                status_code=401,
                headers={"WWW-Authenticate": REALM},
            )
        return None

    async def _accepts(self, password: str) -> bool:
        key = hmac.new(self._key, password.encode("utf-8"), hashlib.sha256).digest()
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
        # The file is a few hundred bytes: comparing it whole is cheap and, unlike its
        # modification time, cannot miss two changes within one tick of the file system.
        try:
            contents = self.staff.path.read_bytes()
        except OSError:
            contents = None
        if contents != self._staff_file_contents:
            self._verdicts.clear()
            self._staff_file_contents = contents

    @staticmethod
    def _protected(send: Send) -> Send:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *PROTECTIVE_HEADERS]
            await send(message)

        return send_with_headers
