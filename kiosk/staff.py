"""Staff secrets: the kiosk's PIN and the dashboard's password, stored hashed, with lock-out.

Both live in one small JSON file beside the visitor store (`staff.json`), as scrypt hashes
with their salt, never in clear. Wrong PINs lock the staff screen for a growing time; the
count is kept in the same file, so a restart does not reset it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path

FREE_TRIES = 5
LOCK_BASE_S = 30.0  # after 5 wrong PINs: 30 s, then 60 s, 120 s, ... up to an hour
LOCK_MAX_S = 3600.0


def lock_seconds(wrong: int) -> float:
    """How long a lock lasts after `wrong` wrong guesses (0 while tries are still free)."""
    if wrong < FREE_TRIES:
        return 0.0
    return min(LOCK_MAX_S, LOCK_BASE_S * 2 ** (wrong - FREE_TRIES))


def _hash(secret: str, salt: bytes) -> str:
    return hashlib.scrypt(secret.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32).hex()


def make_hash(secret: str) -> dict:
    salt = secrets.token_bytes(16)
    return {"salt": salt.hex(), "hash": _hash(secret, salt)}


def matches(secret: str, stored: dict | None) -> bool:
    if not stored:
        return False
    return hmac.compare_digest(_hash(secret, bytes.fromhex(stored["salt"])), stored["hash"])


class StaffSecrets:
    def __init__(self, path: Path):
        self.path = path

    def _read(self) -> dict:
        try:
            return json.loads(self.path.read_text())
        except (OSError, ValueError):
            return {}

    def _write(self, data: dict) -> None:
        # Write then rename: a crash leaves the old file or the new one, never half of one.
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(data, indent=2))
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)

    def set(self, name: str, secret: str) -> None:
        """name: "pin" (the kiosk's staff screen) or "password" (the web dashboard)."""
        data = self._read()
        data[name] = make_hash(secret)
        if name == "pin":
            data.pop("lock", None)
        self._write(data)

    def has(self, name: str) -> bool:
        return name in self._read()

    def check_password(self, secret: str) -> bool:
        return matches(secret, self._read().get("password"))

    def locked_for(self, now: float) -> float:
        """Seconds the PIN pad stays locked (0: open)."""
        lock = self._read().get("lock", {})
        return max(0.0, lock.get("until", 0.0) - now)

    def try_pin(self, pin: str, now: float) -> bool:
        """True if right; a wrong PIN counts towards a lock-out that survives restarts."""
        data = self._read()
        if self.locked_for(now) > 0:
            return False
        if matches(pin, data.get("pin")):
            data.pop("lock", None)
            self._write(data)
            return True
        lock = data.get("lock", {"wrong": 0, "until": 0.0})
        lock["wrong"] += 1
        if lock["wrong"] >= FREE_TRIES:
            lock["until"] = now + lock_seconds(lock["wrong"])
        data["lock"] = lock
        self._write(data)
        return False
