"""`kiosk publish`: the site's content, checked as `kiosk validate` checks it, stored in the
central store as a release that never changes.

Files are stored once by their SHA-256 (`content_files`: only the ones the store lacks are
sent); the release is a manifest of paths and hashes, with a note, who made it and when, and
the kiosks it is for (none named: all). A rollback withdraws the newest release in force, so
every kiosk it was for goes back to the one before (which each kiosk kept, see releases.py).
"""

from __future__ import annotations

import getpass
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg.types.json import Jsonb

from kiosk.config import Config
from kiosk.fleet import central
from kiosk.fleet.releases import file_sha256, path_problem, sha256
from kiosk.yamldoc import Problem


@dataclass
class Published:
    release: int
    files: int
    new_files: int  # not in the central store before
    new_bytes: int
    kiosks: list[str] | None


class NothingToRollBack(Exception):
    """There is no earlier release to go back to."""


def site_problems(config: Config) -> list[Problem]:
    """Every problem `kiosk validate` finds in the site's content."""
    from kiosk.content.loader import load_exhibit

    report = load_exhibit(config)
    problems = list(report.problems)
    if report.exhibit is not None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # fonts and layout, no window
        from kiosk.ui.lint import check_fit, check_glyphs

        problems += check_glyphs(report, config) + check_fit(report, config)
    return problems


def site_files(config: Config) -> dict[str, Path]:
    """The files a release carries: zones/*.yaml and everything in media/, by release path."""
    files = {f"zones/{p.name}": p for p in sorted(config.zones_path.glob("*.yaml")) if p.is_file()}
    media = config.media_path
    root = media.resolve()
    for path in sorted(media.rglob("*")) if media.is_dir() else []:
        if path.is_file() and path.resolve().is_relative_to(root):  # a link out of media/ stays home
            files[f"media/{path.relative_to(media).as_posix()}"] = path
    return {name: path for name, path in files.items() if path_problem(name) is None}


def made_by() -> str:
    try:
        user = getpass.getuser()
    except Exception:  # no name for this uid (a container): the host still says where
        user = str(os.getuid())
    return f"{user}@{socket.gethostname()}"


def publish(
    conn: psycopg.Connection,
    files: dict[str, Path],
    note: str = "",
    kiosks: list[str] | None = None,
    who: str | None = None,
) -> Published:
    """Store `files` (release path -> file) as a new release, in one transaction."""
    central.migrate(conn)
    hashes = {name: file_sha256(path) for name, path in files.items()}
    with conn.transaction():
        have = {
            row[0]
            for row in conn.execute(
                "SELECT sha256 FROM content_files WHERE sha256 = ANY(%s)", (sorted(set(hashes.values())),)
            )
        }
        new_bytes, sent = 0, set()
        for name, digest in hashes.items():
            if digest in have or digest in sent:
                continue
            data = files[name].read_bytes()
            if sha256(data) != digest:
                raise OSError(f"{name} changed while it was published; publish again")
            conn.execute(
                "INSERT INTO content_files (sha256, data) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                (digest, data),
            )
            sent.add(digest)
            new_bytes += len(data)
        (release,) = conn.execute(
            "INSERT INTO releases (manifest, note, made_by, made_at, kiosks)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (Jsonb({"files": hashes}), note, who or made_by(), time.time(), kiosks or None),
        ).fetchone()
    return Published(release, len(hashes), len(sent), new_bytes, kiosks or None)


def rollback(conn: psycopg.Connection) -> tuple[int, int]:
    """Withdraw the newest release in force; (withdrawn, the one now newest)."""
    central.migrate(conn)
    with conn.transaction():
        rows = conn.execute(
            "SELECT id FROM releases WHERE withdrawn_at IS NULL ORDER BY id DESC LIMIT 2 FOR UPDATE"
        ).fetchall()
        if len(rows) < 2:
            raise NothingToRollBack(
                "no earlier release to go back to" if rows else "nothing has been published yet"
            )
        conn.execute("UPDATE releases SET withdrawn_at = %s WHERE id = %s", (time.time(), rows[0][0]))
    return rows[0][0], rows[1][0]


def releases(conn: psycopg.Connection, limit: int = 10) -> list[dict]:
    """The newest releases, for the dashboard."""
    rows = conn.execute(
        "SELECT id, note, made_by, made_at, kiosks, withdrawn_at,"
        " (SELECT COUNT(*) FROM jsonb_object_keys(manifest->'files'))"
        " FROM releases ORDER BY id DESC LIMIT %s",
        (limit,),
    ).fetchall()
    keys = ("id", "note", "made_by", "made_at", "kiosks", "withdrawn_at", "files")
    return [dict(zip(keys, row)) for row in rows]
