"""A real PostgreSQL server for the fleet tests: the one CI started, or one of our own.

CI (`.ci/run`) starts a server and names it in KIOSK_TEST_DATABASE_URL. Without it, a test
session starts its own from Debian's binaries: `initdb` into a temporary folder and `pg_ctl`
on 127.0.0.1, as the unprivileged `postgres` user when run as root (the server refuses root).
Tests that stop the server in their middle always get one of their own.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

URL_VARIABLE = "KIOSK_TEST_DATABASE_URL"


class NoServer(Exception):
    """No PostgreSQL server can be had on this machine; says why."""


def bin_dir() -> Path:
    """Where initdb and pg_ctl are: on PATH, else Debian's newest /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not versions:
        raise NoServer(
            "PostgreSQL is not installed (apt-get install postgresql) and KIOSK_TEST_DATABASE_URL is unset"
        )
    return Path(versions[-1]).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A throwaway cluster on loopback, trusting local connections; stop, start and kill it."""

    def __init__(self) -> None:
        self.bin = bin_dir()
        self.user = None  # whom the server runs as: ourselves, or `postgres` when we are root
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                raise NoServer(
                    "running as root and there is no `postgres` user to run the server as"
                ) from None
        # Not under pytest's tmp_path: that folder is private to root, the server could not enter it.
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.port = free_port()
        if self.user:
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        self._as_user(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "--no-sync",
                "-E",
                "UTF8",
            ]
        )
        self.start()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _as_user(self, argv: list[str], check: bool = True) -> subprocess.CompletedProcess:
        if self.user:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=self.dir)
        if check and result.returncode:
            raise NoServer(f"{' '.join(argv)} failed: {result.stderr.strip() or result.stdout.strip()}")
        return result

    def start(self) -> None:
        # fsync off: a test cluster need not survive the machine's power cut, only the server's death.
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off"
        self._as_user(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.log),
                "-w",
                "-o",
                options,
                "start",
            ]
        )

    def stop(self, mode: str = "fast") -> None:
        self._as_user([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"], check=False)

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


def create_database(admin_url: str) -> str:
    """A fresh, empty database on the server of `admin_url`; returns its URL."""
    import psycopg

    name = f"kiosk_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def drop_database(admin_url: str, url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.OperationalError:
        pass  # the server went with its test


@contextlib.contextmanager
def admin_url():
    """The maintenance database of CI's server, or of one started here and removed after."""
    if os.environ.get(URL_VARIABLE):
        yield os.environ[URL_VARIABLE]
        return
    server = Server()
    try:
        yield server.url
    finally:
        server.remove()
