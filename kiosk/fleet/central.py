"""The central store: every kiosk's visitor records in PostgreSQL, under numbered migrations.

Each table is the kiosk's own (`kiosk.visitors.store`) plus `kiosk_id`, and each record is keyed
by its identity (kiosk, session, sequence), so a batch sent twice changes nothing. Each record
also carries `change`, its number in the kiosk's outbox: an older version never overwrites a
newer one, whatever order two sends arrive in.

`figure_totals` has the SQLite store's shape plus `kiosk_id`: running totals per 15-minute slot
and per UTC day, made from the same figures (`store.FIGURES`) by statement triggers inside the
transaction of each batch. An update takes the record's old contribution out and puts the new
one in, so a session that ends later moves its slot's totals by the difference, once.
"""

from __future__ import annotations

import psycopg

from kiosk.visitors import store

# (column, PostgreSQL type) of each forwarded table, in `store.FORWARDED`'s order.
TYPES = {
    "id": "text",
    "session_id": "text",
    "seq": "integer",
    "started_at": "double precision",
    "last_activity_at": "double precision",
    "ended_at": "double precision",
    "duration_s": "double precision",
    "end_reason": "text",
    "language": "text",
    "first_at": "double precision",
    "zone_id": "text",
    "entered_at": "double precision",
    "left_at": "double precision",
    "dwell_s": "double precision",
    "page_id": "text",
    "viewed_at": "double precision",
    "kind": "text",
    "item": "text",
    "value": "text",
    "correct": "integer",
    "at": "double precision",
    "source": "text",
    "count": "integer",
    "screen": "text",
    "cell_x": "integer",
    "cell_y": "integer",
    "portrait": "integer",
    "film_id": "text",
    "watched_s": "double precision",
    "length_s": "double precision",
    "completed": "integer",
}
KEYS = {
    "sessions": ("id",),
    "session_languages": ("session_id", "language"),
    "zone_visits": ("session_id", "seq"),
    "page_views": ("session_id", "seq"),
    "interactions": ("session_id", "seq"),
    "entries": ("id",),
    "touches": ("id",),
    "film_plays": ("session_id", "seq"),
}
NOT_NULL = {"started_at", "last_activity_at", "first_at", "zone_id", "entered_at", "page_id", "viewed_at"}
NOT_NULL |= {"kind", "item", "value", "at", "source", "count", "screen", "cell_x", "cell_y", "portrait"}
NOT_NULL |= {"film_id", "watched_s", "length_s", "completed"}


def _tables(tables: tuple[str, ...]) -> str:
    out = []
    for table in tables:
        columns = store.FORWARDED[table]
        cols = ",\n        ".join(
            f'"{c}" {TYPES[c]}{" NOT NULL" if c in NOT_NULL or c in KEYS[table] else ""}' for c in columns
        )
        key = ", ".join(f'"{c}"' for c in ("kiosk_id", *KEYS[table]))
        out.append(
            f"CREATE TABLE {table} (\n        kiosk_id text NOT NULL,\n        {cols},\n"
            f"        change bigint NOT NULL,\n        PRIMARY KEY ({key})\n    );"
        )
    return "\n    ".join(out)


def _figure_rows(figure: store.Figure, rows: str, sign: str = "") -> str:
    where = "TRUE" if figure.where == "1" else figure.where
    spans = ", ".join(f"('{name}', {seconds})" for name, seconds in store.SPANS.items())
    # floor, not a cast: PostgreSQL rounds a double cast to an integer, SQLite truncates.
    return (
        f"SELECT kiosk_id, spans.span, '{figure.name}' AS figure,"
        f' floor("{figure.at}" / spans.seconds)::bigint AS bucket, {figure.zone} AS zone,'
        f" {figure.item} AS item, {sign}({figure.n})::bigint AS n,"
        f" {sign}({figure.total})::double precision AS total"
        f" FROM {rows} CROSS JOIN (VALUES {spans}) AS spans (span, seconds) WHERE {where}"
    )


def _add_to_totals(select: str, only_changes: bool) -> str:
    having = " HAVING SUM(n) <> 0 OR SUM(total) <> 0" if only_changes else ""
    return (
        "INSERT INTO figure_totals AS t (kiosk_id, span, figure, bucket, zone, item, n, total)"
        f" SELECT kiosk_id, span, figure, bucket, zone, item, SUM(n), SUM(total) FROM ({select}) AS r"
        f" GROUP BY kiosk_id, span, figure, bucket, zone, item{having}"
        " ON CONFLICT (kiosk_id, span, figure, bucket, zone, item)"
        " DO UPDATE SET n = t.n + excluded.n, total = t.total + excluded.total;"
    )


def _totals() -> str:
    out = [
        """CREATE TABLE figure_totals (
        kiosk_id text NOT NULL,
        span text NOT NULL,                -- slot: 15 minutes; day: a UTC day
        figure text NOT NULL,              -- sessions, ended, kiosk, entries, zone, page, ...
        bucket bigint NOT NULL,            -- UTC epoch seconds / the span's length
        zone text NOT NULL,
        item text NOT NULL,
        n bigint NOT NULL,                 -- records counted
        total double precision NOT NULL,   -- seconds (sessions, zones) or right answers (quizzes)
        PRIMARY KEY (kiosk_id, span, figure, bucket, zone, item)
    );"""
    ]
    return "\n    ".join(out + [_totals_triggers(store.OUTBOX_FIRST, store.FIGURES)])


def _totals_triggers(tables: tuple[str, ...], all_figures: tuple[store.Figure, ...]) -> str:
    """The statement triggers that keep `figure_totals` for these tables' figures."""
    out = []
    for table in tables:
        figures = [f for f in all_figures if f.table == table]
        inserted = " UNION ALL ".join(_figure_rows(f, "new_rows") for f in figures)
        updated = " UNION ALL ".join(
            _figure_rows(f, "old_rows", "-") + " UNION ALL " + _figure_rows(f, "new_rows") for f in figures
        )
        for event, select, referencing in (
            ("insert", inserted, "NEW TABLE AS new_rows"),
            ("update", updated, "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ):
            name = f"totals_{table}_{event}"
            out.append(
                f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                f" {_add_to_totals(select, event == 'update')} RETURN NULL; END $$;"
            )
            out.append(
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} REFERENCING {referencing}"
                f" FOR EACH STATEMENT EXECUTE FUNCTION {name}();"
            )
    return "\n    ".join(out)


# Append only: a migration, once shipped, is never edited; a change is a new entry. The first is
# made from the kiosk's figures as they are now: a change to those is a new migration here too.
MIGRATIONS: list[str] = [
    f"""
    {_tables(store.OUTBOX_FIRST)}
    {_totals()}
    """,
    # Reports over the whole pavilion read a date range of every kiosk at once: this index holds
    # every column they add up, so they read it alone, in time order (the key leads with the kiosk).
    # Sessions still open are read live, so they get an index of their own, as in the kiosk's store.
    """
    CREATE INDEX figure_totals_by_time ON figure_totals (span, figure, bucket)
        INCLUDE (kiosk_id, zone, item, n, total);
    CREATE INDEX sessions_open ON sessions (started_at) WHERE ended_at IS NULL;
    """,
    # Kiosks watched and content published (heartbeat.py, releases.py, publish.py). A kiosk's
    # last heartbeat is one row, times on the central server's clock, so a kiosk whose own clock
    # is wrong is still seen at the right time. Files are kept once by their SHA-256; a release
    # is never changed, only withdrawn (kiosk publish --rollback), and names the kiosks it is for
    # (NULL: all).
    """
    CREATE TABLE kiosk_heartbeats (
        kiosk_id text PRIMARY KEY,
        seen_at double precision NOT NULL,   -- epoch seconds, the central server's clock
        figures jsonb NOT NULL
    );
    CREATE TABLE screenshot_requests (
        kiosk_id text PRIMARY KEY,
        asked_at double precision NOT NULL
    );
    CREATE TABLE screenshots (
        kiosk_id text PRIMARY KEY,
        taken_at double precision NOT NULL,
        png bytea NOT NULL
    );
    CREATE TABLE content_files (
        sha256 text PRIMARY KEY,
        data bytea NOT NULL
    );
    CREATE TABLE releases (
        id bigserial PRIMARY KEY,
        manifest jsonb NOT NULL,             -- {"files": {path: sha256}}
        note text NOT NULL DEFAULT '',
        made_by text NOT NULL,
        made_at double precision NOT NULL,
        kiosks text[],
        withdrawn_at double precision
    );
    """,
    # Where visitors touch (the kiosk's migration 8): anonymous samples, read by date range.
    f"""
    {_tables(("touches",))}
    CREATE INDEX touches_at ON touches (at) INCLUDE (screen, portrait, cell_x, cell_y);
    """,
    # Films watched (the kiosk's migration 9), with the totals of store.FILM_FIGURES.
    f"""
    {_tables(("film_plays",))}
    {_totals_triggers(("film_plays",), store.FILM_FIGURES)}
    """,
]

# Two kiosks starting at once must not both apply a migration: the first holds this lock.
MIGRATION_LOCK = 0x4B494F534B  # "KIOSK"


def migrate(conn: psycopg.Connection) -> int:
    """Bring the central schema up to date; returns its version. Safe to run from many kiosks."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        (version,) = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
        if version > len(MIGRATIONS):
            raise RuntimeError(
                f"the central store has schema version {version}, newer than this kiosk knows"
                f" ({len(MIGRATIONS)}): update the kiosk software"
            )
        for number in range(version + 1, len(MIGRATIONS) + 1):
            conn.execute(MIGRATIONS[number - 1])
            conn.execute("INSERT INTO schema_version (version) VALUES (%s)", (number,))
    return len(MIGRATIONS)


def _upsert(table: str) -> str:
    columns = store.FORWARDED[table]
    names = ", ".join(f'"{c}"' for c in columns)
    arrays = ", ".join(f"%s::{TYPES[c]}[]" for c in columns)
    key = ", ".join(f'"{c}"' for c in ("kiosk_id", *KEYS[table]))
    changed = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in KEYS[table])
    return (
        f"INSERT INTO {table} AS t (kiosk_id, change, {names})"
        f" SELECT %s, * FROM unnest(%s::bigint[], {arrays})"
        f" ON CONFLICT ({key}) DO UPDATE SET {changed}, change = excluded.change"
        " WHERE t.change < excluded.change"
    )


UPSERTS = {table: _upsert(table) for table in store.FORWARDED}


def send(conn: psycopg.Connection, kiosk_id: str, rows: dict[str, list[tuple]]) -> None:
    """Write one batch (rows per table, each `(change, *columns)`) in one transaction."""
    with conn.transaction():
        for table, records in rows.items():
            if records:
                conn.execute(UPSERTS[table], [kiosk_id, *map(list, zip(*records))])
