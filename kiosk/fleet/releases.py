"""Content releases, kiosk side: a worker thread takes the release meant for this kiosk.

A release (made by `kiosk publish`, publish.py) is a manifest of paths (`zones/forest.yaml`,
`media/images/forest.png`) and the SHA-256 of each file. The kiosk takes the newest release
not withdrawn that names it (or names no kiosk):

1. every path is checked first: one that could leave the site refuses the whole release;
2. files it already holds (its site's own content, the releases it keeps) are copied, the
   others fetched from the central store by hash, and every file's hash checked as written,
   into `SITE/releases/.<id>.partial/`, renamed `SITE/releases/<id>/` once complete;
3. the release is loaded as the kiosk would show it (the content's checks; `kiosk publish`
   ran the fit and font checks on the publishing machine): an error refuses it;
4. `SITE/releases/current`, a symlink, is switched to it in one rename. The kiosk's content is
   read through it (`Config.zones_path`), so the hot reload sees new content and shows it on
   the attract screen, never under a visitor's finger.

The release before is kept, so a rollback (`kiosk publish --rollback`) switches back without
fetching anything. A refusal is kept in `refused` and goes with the heartbeat; the same
release is not tried again until another one is in force.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import psycopg

from kiosk.config import Config
from kiosk.content.loader import load_exhibit
from kiosk.content.media import MediaError, check_ref
from kiosk.fleet import central
from kiosk.fleet import url as fleet_url

log = logging.getLogger(__name__)

INTERVAL_S = 30.0
CONNECT_TIMEOUT_S = 5
FETCH_AT_ONCE = 50  # files fetched per query: a release of big pictures is not one huge answer
MANIFEST = "manifest.json"
SHA256 = re.compile(r"^[0-9a-f]{64}$")
ZONE_FILE = re.compile(r"^zones/[^/\\]+\.yaml$")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def path_problem(path: str) -> str | None:
    """Why a manifest's path cannot be written into a release folder, or None.

    Zone files sit directly in zones/; media files anywhere in media/, by the rules a picture's
    reference follows in the content (media.check_ref): nothing may leave the release."""
    if not isinstance(path, str) or "\x00" in path:
        return f"{path!r}: not a path"
    if path.startswith("zones/"):
        ok = ZONE_FILE.match(path) and not path.startswith("zones/.")
        return None if ok else f"{path}: zone files are zones/NAME.yaml"
    if not path.startswith("media/"):
        return f"{path}: only zones/ and media/ are published"
    ref = path.removeprefix("media/")
    try:
        check_ref(ref)
    except MediaError as exc:
        return f"{path}: {exc.message}"
    if (
        not ref
        or any(part in ("", ".") for part in ref.split("/"))
        or PurePosixPath(ref).name.startswith(".")
    ):
        return f"{path}: not a file inside media/"
    return None


@dataclass
class Taken:
    """What one pass did, for the log and the tests."""

    release: str | None = None  # the release in force for this kiosk
    installed: bool = False  # it became current in this pass
    fetched: int = 0  # files fetched from the central store
    reused: int = 0  # files the kiosk already held


class Refusal(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class ReleaseTaker:
    """Takes this kiosk's release from the central store; `poll()` is one pass, `start()` polls
    every `interval_s` on a thread of its own."""

    def __init__(self, config: Config, url: str, kiosk_id: str | None = None, interval_s: float = INTERVAL_S):
        self.config = config
        self.url = url
        self.where = fleet_url.mask(url)
        self.kiosk_id = kiosk_id or config.kiosk_id
        self.interval_s = interval_s
        self.root = config.base_dir / "releases"
        self.refused: dict | None = None  # {"release": id, "problems": [...]}, kept until another comes
        self.problem: str | None = None  # why the last pass could not ask the central store
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- what the heartbeat says ---------------------------------------------------------------
    def current(self) -> str | None:
        link = self.root / "current"
        return os.readlink(link) if link.is_symlink() else None

    def state(self) -> dict:
        return {"release_installed": self.current(), "release_refused": self.refused}

    # -- one pass -------------------------------------------------------------------------------
    def poll(self) -> Taken:
        """Ask for the release in force and take it if it is new here; never raises for the
        central store's faults (`problem` says them)."""
        try:
            with psycopg.connect(
                self.url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                application_name=f"kiosk {self.kiosk_id} releases"[:63],
                options="-c statement_timeout=300000",
            ) as conn:
                central.migrate(conn)
                taken = self._take(conn)
        except psycopg.Error as exc:
            said = f"releases not read from {self.where}: {fleet_url.scrub(str(exc), self.url)}"
            if self.problem is None:
                log.error("fleet: %s; the kiosk keeps its content", said)
            self.problem = said
            return Taken()
        self.problem = None
        return taken

    def _take(self, conn: psycopg.Connection) -> Taken:
        row = conn.execute(
            "SELECT id::text, manifest FROM releases WHERE withdrawn_at IS NULL"
            " AND (kiosks IS NULL OR %s = ANY(kiosks)) ORDER BY id DESC LIMIT 1",
            (self.kiosk_id,),
        ).fetchone()
        if row is None:
            return Taken()
        release, manifest = row
        taken = Taken(release)
        if self.refused is not None and self.refused["release"] != release:
            self.refused = None  # another release is in force: the old refusal no longer matters
        if release == self.current() or self.refused is not None:
            return taken
        folder = self.root / release
        try:
            if not (folder / MANIFEST).is_file():  # kept from before (a rollback): nothing to fetch
                self._assemble(conn, release, manifest.get("files", {}), taken)
            self._check(folder)
        except Refusal as exc:
            self.refused = {"release": release, "problems": exc.problems[:20]}
            log.error("fleet: release %s refused: %s", release, exc)
            with contextlib.suppress(OSError):
                shutil.rmtree(folder)
            return taken
        self._switch(release)
        taken.installed = True
        log.warning(
            "fleet: release %s taken (%d file(s) fetched, %d already here); shown on the attract screen",
            release,
            taken.fetched,
            taken.reused,
        )
        return taken

    def _assemble(self, conn: psycopg.Connection, release: str, files: dict, taken: Taken) -> None:
        problems = [p for p in map(path_problem, files) if p]
        problems += [
            f"{path}: not a SHA-256" for path, digest in files.items() if not SHA256.match(str(digest))
        ]
        if not files or not any(ZONE_FILE.match(p) for p in files):
            problems.append("the release has no zone files")
        if problems:
            raise Refusal(problems)
        self.root.mkdir(parents=True, exist_ok=True)
        staging = self.root / f".{release}.partial"
        shutil.rmtree(staging, ignore_errors=True)
        held = self._held(set(files.values()))
        wanted: dict[str, list[str]] = {}
        for path, digest in files.items():
            if digest in held:
                target = staging / path
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(held[digest], target)
                taken.reused += 1
            else:
                wanted.setdefault(digest, []).append(path)
        digests = sorted(wanted)
        for start in range(0, len(digests), FETCH_AT_ONCE):
            chunk = digests[start : start + FETCH_AT_ONCE]
            rows = conn.execute(
                "SELECT sha256, data FROM content_files WHERE sha256 = ANY(%s)", (chunk,)
            ).fetchall()
            found = {digest: bytes(data) for digest, data in rows}
            for digest in chunk:
                data = found.get(digest)
                if data is None:
                    raise Refusal([f"{wanted[digest][0]}: not in the central store"])
                if sha256(data) != digest:
                    raise Refusal([f"{wanted[digest][0]}: its contents do not match the release's hash"])
                for path in wanted[digest]:
                    target = staging / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                    taken.fetched += 1
        (staging / "zones").mkdir(parents=True, exist_ok=True)
        (staging / "media").mkdir(parents=True, exist_ok=True)
        (staging / MANIFEST).write_text(json.dumps({"release": release, "files": files}, indent=1))
        folder = self.root / release
        shutil.rmtree(folder, ignore_errors=True)
        os.rename(staging, folder)

    def _held(self, digests: set[str]) -> dict[str, Path]:
        """Files here whose hash a release wants: the site's own content and kept releases."""
        places = [self.config.base_dir / self.config.zones_dir, self.config.base_dir / self.config.media_dir]
        if self.root.is_dir():
            places += [p for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")]
        held: dict[str, Path] = {}
        for place in places:
            for path in sorted(place.rglob("*")) if place.is_dir() else []:
                if path.is_file() and not path.is_symlink() and path.name != MANIFEST:
                    with contextlib.suppress(OSError):
                        digest = file_sha256(path)  # read now: a file changed since is not reused
                        if digest in digests:
                            held.setdefault(digest, path)
        return held

    def _check(self, folder: Path) -> None:
        """The release as this kiosk would load it; its errors refuse it."""
        config = self.config.model_copy(update={"zones_dir": "zones", "media_dir": "media"})
        config.with_base(folder)
        report = load_exhibit(config)
        if report.exhibit is None or report.errors:
            raise Refusal([str(p) for p in (report.errors or report.problems)] or ["no content"])

    def _switch(self, release: str) -> None:
        before = self.current()
        link = self.root / ".current.new"
        with contextlib.suppress(FileNotFoundError):
            link.unlink()
        os.symlink(release, link)
        os.replace(link, self.root / "current")  # one rename: the old content or the new, never half
        keep = {release, before}
        for folder in self.root.iterdir():
            if folder.is_dir() and not folder.is_symlink() and folder.name not in keep:
                shutil.rmtree(folder, ignore_errors=True)

    # -- the worker -----------------------------------------------------------------------------
    def start(self) -> ReleaseTaker:
        self._thread = threading.Thread(target=self._run, name="fleet-releases", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.poll()
            except Exception:  # a full disk, say: the kiosk keeps its content and tries again later
                log.exception("fleet: taking a release failed; tried again later")
            self._stop.wait(self.interval_s)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(CONNECT_TIMEOUT_S + 1)
