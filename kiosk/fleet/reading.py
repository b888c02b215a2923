"""The central store opened for reading: reports over the whole pavilion (`kiosk stats`,
`kiosk serve`), through the same `kiosk.visitors.reports` as a kiosk's own store."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import psycopg

from kiosk.fleet import url as fleet_url
from kiosk.visitors.sources import Unreadable

CONNECT_TIMEOUT_S = 5
STATEMENT_TIMEOUT_MS = 60_000  # a report is well under a few seconds; a hung server is not waited for


def connect(url: str) -> psycopg.Connection:
    """A read-only connection to the central store, which must hold the kiosks' records."""
    where = fleet_url.mask(url)
    problem = fleet_url.check(url)
    if problem:
        raise Unreadable(f"{where}: {problem}")
    try:
        conn = psycopg.connect(
            url,
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name="kiosk reports",
            options=f"-c default_transaction_read_only=on -c statement_timeout={STATEMENT_TIMEOUT_MS}",
        )
    except psycopg.Error as exc:
        raise Unreadable(
            f"cannot reach the central store at {where}: {fleet_url.scrub(str(exc), url)}"
        ) from None
    try:
        (found,) = conn.execute("SELECT to_regclass('figure_totals') IS NOT NULL").fetchone()
    except psycopg.Error as exc:
        conn.close()
        raise Unreadable(
            f"the central store at {where} could not be read: {fleet_url.scrub(str(exc), url)}"
        ) from None
    if not found:
        conn.close()
        raise Unreadable(f"no kiosk has forwarded visitor records to {where} yet (kiosk sync sends them)")
    return conn


@contextlib.contextmanager
def opened(urls: list[str]) -> Iterator[list[psycopg.Connection]]:
    """Read-only connections to the central stores named, closed after; a failure on the way is
    Unreadable, in one line with the password masked."""
    conns: list[psycopg.Connection] = []
    try:
        for url in urls:
            conns.append(connect(url))
        try:
            yield conns
        except psycopg.Error as exc:
            said = str(exc)
            for url in urls:
                said = fleet_url.scrub(said, url)
            where = ", ".join(fleet_url.mask(url) for url in urls)
            raise Unreadable(f"the central store at {where} could not be read: {said}") from None
    finally:
        for conn in conns:
            conn.close()
