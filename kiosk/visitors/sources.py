"""The stores a report reads, and the few places their SQL differs.

A report (`kiosk.visitors.reports`) is written once, in SQL both SQLite and PostgreSQL take, and
reads either a kiosk's own SQLite file (one kiosk) or the central PostgreSQL store
(`kiosk.fleet.central`: many kiosks, told apart by `kiosk_id`). The differences stay here:
placeholders (`?` or `%s`), how a sum comes back (SQLite's TOTAL; PostgreSQL's SUM of a bigint is
a numeric, cast back to a whole number), where the kiosk's name comes from, and how a report keeps
to some kiosks. The central store is read through a psycopg connection made by
`kiosk.fleet.reading`; nothing here imports psycopg.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kiosk.visitors import store


class Unreadable(Exception):
    """A store that cannot be reached or read, said in one line (a central store's password masked)."""


class Source:
    """What a report needs of a store; SQLite's own ways, which PostgreSQL's subclass changes."""

    # The kiosk column of a report's rows: a kiosk's file is one kiosk, named in Python (`name`).
    kiosk = "''"

    def __init__(self, conn) -> None:
        self.conn = conn
        self._name: str | None = None

    def rows(self, sql: str, params=()) -> list[tuple]:
        return self.conn.execute(sql, list(params)).fetchall()

    def count(self, expr: str) -> str:
        return f"SUM({expr})"

    def total(self, expr: str) -> str:
        return f"TOTAL({expr})"

    def tables(self) -> set[str]:
        return {row[0] for row in self.rows("SELECT name FROM sqlite_master WHERE type = 'table'")}

    def only(self, kiosks: set[str] | None) -> tuple[str, list] | None:
        """A WHERE clause's `AND ...` keeping to `kiosks`, with its parameters; None: none of them here."""
        if kiosks is None or self.name("") in kiosks:
            return "", []
        return None

    def same_kiosk(self, chosen: str, row: str) -> str:
        """A join's `AND ...` that keeps a session's rows to its own kiosk: a file is one kiosk,
        while session ids are only unique per kiosk centrally."""
        return ""

    def known(self) -> set[str]:
        """The kiosks this store holds records of."""
        return {self.name("")}

    def name(self, kiosk: str) -> str:
        """The kiosk a row of this store belongs to: the id its sessions carry (the one most of them
        do, should it have been renamed), else the file's name."""
        if self._name is None:
            found = self.rows(
                f"{self.totals_source()}SELECT item FROM figure_totals"
                " WHERE span = 'day' AND figure = 'kiosk' GROUP BY item ORDER BY SUM(n) DESC, item LIMIT 1"
            )
            if found:
                self._name = found[0][0]
            else:
                path = next((row[2] for row in self.rows("PRAGMA database_list") if row[1] == "main"), "")
                self._name = Path(path).stem or "kiosk"
        return self._name

    def totals_source(self) -> str:
        """A store written by an older kiosk has no totals yet: they are added up from its records
        (read-only, so that kiosk can still open it); tables it lacks count as empty."""
        tables = self.tables()
        if "figure_totals" in tables:
            return ""
        return f"WITH figure_totals AS ({store.totals_from_records(tables)}) "


class CentralSource(Source):
    """The central PostgreSQL store: every kiosk that forwards to it, by `kiosk_id`."""

    kiosk = "kiosk_id"

    def rows(self, sql: str, params=()) -> list[tuple]:
        # No report's SQL holds a literal ? or %: the placeholders are the only ones.
        return self.conn.execute(sql.replace("?", "%s"), list(params)).fetchall()

    def count(self, expr: str) -> str:
        return f"SUM({expr})::bigint"

    def total(self, expr: str) -> str:
        return f"COALESCE(SUM({expr}), 0)::double precision"

    def tables(self) -> set[str]:
        return {
            row[0] for row in self.rows("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        }

    def only(self, kiosks: set[str] | None) -> tuple[str, list] | None:
        if kiosks is None:
            return "", []
        return " AND kiosk_id = ANY(?)", [sorted(kiosks)]

    def name(self, kiosk: str) -> str:
        return kiosk

    def same_kiosk(self, chosen: str, row: str) -> str:
        return f" AND {chosen} = {row}.kiosk_id"

    def known(self) -> set[str]:
        # Day totals: a row a kiosk a day, so this reads thousands of rows, not the records.
        return {row[0] for row in self.rows("SELECT DISTINCT kiosk_id FROM figure_totals WHERE span = 'day'")}

    def totals_source(self) -> str:
        return ""  # kept by the central schema's triggers from its first migration


def of(conn) -> Source:
    """The source for a connection: a kiosk's SQLite file, else the central store."""
    return Source(conn) if isinstance(conn, sqlite3.Connection) else CentralSource(conn)
