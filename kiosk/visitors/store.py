"""The visitor store: session events in SQLite (WAL), schema under numbered migrations.

Every write is idempotent (keyed by session and sequence number), so an event written twice
is counted once. On start the kiosk closes sessions a crash left open as `interrupted`, at
their last recorded activity.

Beside the records, `figure_totals` keeps running totals per 15-minute slot and per UTC day,
maintained by triggers inside the transaction of each write, so no path that writes records
can leave them out of step, and a report over a year reads thousands of rows, not millions.
The writer that survives store faults is `kiosk.visitors.recorder`. The `outbox` lists the
records changed since the central store last took them (`kiosk.fleet.forwarder`).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from kiosk.visitors.sessions import (
    Activity,
    Doubtful,
    EntryCounted,
    Event,
    FilmWatched,
    Interaction,
    LanguageUsed,
    PageViewed,
    SessionEnded,
    SessionStarted,
    TouchSampled,
    ZoneEntered,
    ZoneLeft,
    to_json,
)

log = logging.getLogger(__name__)

# Append only: a migration, once shipped, is never edited; a change is a new entry.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        kiosk_id TEXT NOT NULL,
        started_at REAL NOT NULL,          -- UTC epoch seconds
        last_activity_at REAL NOT NULL,
        ended_at REAL,
        duration_s REAL,
        end_reason TEXT
    );
    CREATE INDEX sessions_started ON sessions (started_at);
    CREATE TABLE session_languages (
        session_id TEXT NOT NULL REFERENCES sessions (id),
        language TEXT NOT NULL,
        first_at REAL NOT NULL,
        PRIMARY KEY (session_id, language)
    );
    CREATE TABLE zone_visits (
        session_id TEXT NOT NULL REFERENCES sessions (id),
        seq INTEGER NOT NULL,
        zone_id TEXT NOT NULL,
        entered_at REAL NOT NULL,
        left_at REAL,
        dwell_s REAL,
        PRIMARY KEY (session_id, seq)
    );
    CREATE TABLE page_views (
        session_id TEXT NOT NULL REFERENCES sessions (id),
        seq INTEGER NOT NULL,
        zone_id TEXT NOT NULL,
        page_id TEXT NOT NULL,
        viewed_at REAL NOT NULL,
        PRIMARY KEY (session_id, seq)
    );
    """,
    """
    CREATE TABLE interactions (
        session_id TEXT NOT NULL REFERENCES sessions (id),
        seq INTEGER NOT NULL,
        zone_id TEXT,
        page_id TEXT,
        kind TEXT NOT NULL,                -- quiz, hotspot, gallery, a11y
        item TEXT NOT NULL,
        value TEXT NOT NULL,
        correct INTEGER,                   -- quiz answers only: 1 right, 0 wrong
        at REAL NOT NULL,
        PRIMARY KEY (session_id, seq)
    );
    CREATE INDEX interactions_kind ON interactions (kind, zone_id, item);
    """,
    """
    CREATE TABLE entries (
        id TEXT PRIMARY KEY,               -- given by the counter, so a retried pulse counts once
        source TEXT NOT NULL,              -- the kiosk's key, or the sensor that posted it
        at REAL NOT NULL,
        count INTEGER NOT NULL
    );
    -- Reports read date ranges: these indexes hold every column they add up, so a report
    -- reads the indexes alone, in time order.
    CREATE INDEX entries_at ON entries (at, count);
    CREATE INDEX zone_visits_at ON zone_visits (entered_at, zone_id, dwell_s);
    CREATE INDEX page_views_at ON page_views (viewed_at, zone_id, page_id);
    CREATE INDEX session_languages_at ON session_languages (first_at, language);
    CREATE INDEX interactions_at ON interactions (at, kind, zone_id, item, correct);
    CREATE INDEX sessions_report ON sessions (started_at, duration_s, last_activity_at, end_reason, kiosk_id);
    """,
]


@dataclass(frozen=True)
class Figure:
    """What each record of a table adds to a figure, as SQL over the record's own columns."""

    name: str
    table: str
    at: str  # the column that places the record in time
    zone: str = "''"
    item: str = "''"
    n: str = "1"
    total: str = "0"
    where: str = "1"
    changing: tuple[str, ...] = ()  # columns an update may fill in after the insert


# A session's length counts once it has ended; an open session's is read live by reports.
ENDED_LENGTH = (
    "CASE WHEN ended_at IS NULL THEN 0 ELSE COALESCE(duration_s, last_activity_at - started_at) END"
)

# Part of migration 4: a change to these is a new migration, never an edit.
FIGURES = (
    Figure("sessions", "sessions", "started_at", total=ENDED_LENGTH, changing=("ended_at", "duration_s")),
    Figure("ended", "sessions", "started_at", item="COALESCE(end_reason, 'open')", changing=("end_reason",)),
    Figure("kiosk", "sessions", "started_at", item="kiosk_id"),
    Figure("entries", "entries", "at", n="count"),
    Figure(
        "zone",
        "zone_visits",
        "entered_at",
        item="zone_id",
        total="COALESCE(dwell_s, 0)",
        changing=("dwell_s",),
    ),
    Figure("page", "page_views", "viewed_at", zone="zone_id", item="page_id"),
    Figure("language", "session_languages", "first_at", item="language"),
    Figure("interaction", "interactions", "at", item="kind"),
    Figure(
        "quiz",
        "interactions",
        "at",
        zone="COALESCE(zone_id, '')",
        item="item",
        total="COALESCE(correct, 0)",
        where="kind = 'quiz'",
    ),
)
SPANS = {"slot": 900, "day": 86400}


def figure_rows(figure: Figure, which: str = "1", sign: str = "") -> str:
    """SELECT the rows `figure` adds to the totals, at every span, for the records `which`."""
    spans = " UNION ALL ".join(f"SELECT '{name}' AS span, {s} AS seconds" for name, s in SPANS.items())
    return (
        f"SELECT spans.span AS span, '{figure.name}' AS figure,"
        f" CAST({figure.at} / spans.seconds AS INTEGER) AS bucket, {figure.zone} AS zone,"
        f" {figure.item} AS item, {sign}({figure.n}) AS n, {sign}({figure.total}) AS total"
        f" FROM {figure.table}, ({spans}) AS spans WHERE ({which}) AND ({figure.where})"
    )


def totals_from_records(tables: set[str] | None = None) -> str:
    """SELECT the totals afresh from the records (only from `tables`, for an older store)."""
    rows = " UNION ALL ".join(figure_rows(f) for f in FIGURES if tables is None or f.table in tables)
    return (
        "SELECT span, figure, bucket, zone, item, SUM(n) AS n, TOTAL(total) AS total"
        f" FROM ({rows}) GROUP BY span, figure, bucket, zone, item"
    )


def _add_to_totals(figure: Figure, which: str, sign: str = "") -> str:
    return (
        "INSERT INTO figure_totals (span, figure, bucket, zone, item, n, total)"
        f" SELECT * FROM ({figure_rows(figure, which, sign)}) WHERE 1"
        " ON CONFLICT DO UPDATE SET n = n + excluded.n, total = total + excluded.total;"
    )


def _totals_migration() -> str:
    triggers = []
    for f in FIGURES:
        triggers.append(
            f"CREATE TRIGGER totals_{f.name}_insert AFTER INSERT ON {f.table}"
            f" BEGIN {_add_to_totals(f, f'{f.table}.rowid = NEW.rowid')} END;"
        )
        if f.changing:
            columns = ", ".join(f.changing)
            # Take the record's old contribution out before the update, put the new one in after.
            triggers.append(
                f"CREATE TRIGGER totals_{f.name}_update_before BEFORE UPDATE OF {columns} ON {f.table}"
                f" BEGIN {_add_to_totals(f, f'{f.table}.rowid = OLD.rowid', '-')} END;"
            )
            triggers.append(
                f"CREATE TRIGGER totals_{f.name}_update_after AFTER UPDATE OF {columns} ON {f.table}"
                f" BEGIN {_add_to_totals(f, f'{f.table}.rowid = NEW.rowid')} END;"
            )
    return f"""
    CREATE TABLE figure_totals (
        span TEXT NOT NULL,                -- slot: 15 minutes; day: a UTC day
        figure TEXT NOT NULL,              -- sessions, ended, kiosk, entries, zone, page, ...
        bucket INTEGER NOT NULL,           -- UTC epoch seconds / the span's length
        zone TEXT NOT NULL,
        item TEXT NOT NULL,
        n INTEGER NOT NULL,                -- records counted
        total REAL NOT NULL,               -- seconds (sessions, zones) or right answers (quizzes)
        PRIMARY KEY (span, figure, bucket, zone, item)
    ) WITHOUT ROWID;
    {"".join(triggers)}
    INSERT INTO figure_totals {totals_from_records()};
    CREATE INDEX sessions_open ON sessions (started_at) WHERE ended_at IS NULL;
    DROP INDEX interactions_kind;
    DROP INDEX entries_at;
    DROP INDEX zone_visits_at;
    DROP INDEX page_views_at;
    DROP INDEX session_languages_at;
    DROP INDEX interactions_at;
    DROP INDEX sessions_report;
    """


MIGRATIONS.append(_totals_migration())
MIGRATIONS.append(
    """
    CREATE TABLE quarantine (            -- records the store refused, kept with why
        id INTEGER PRIMARY KEY,
        set_aside_at REAL NOT NULL DEFAULT ((julianday('now') - 2440587.5) * 86400.0),
        record TEXT NOT NULL,              -- the record as JSON, with its type
        error TEXT NOT NULL
    );
    """
)


# The records a central store (kiosk.fleet) is sent; each table's columns in the order they go.
FORWARDED: dict[str, tuple[str, ...]] = {
    "sessions": ("id", "started_at", "last_activity_at", "ended_at", "duration_s", "end_reason"),
    "session_languages": ("session_id", "language", "first_at"),
    "zone_visits": ("session_id", "seq", "zone_id", "entered_at", "left_at", "dwell_s"),
    "page_views": ("session_id", "seq", "zone_id", "page_id", "viewed_at"),
    "interactions": ("session_id", "seq", "zone_id", "page_id", "kind", "item", "value", "correct", "at"),
    "entries": ("id", "source", "at", "count"),
    "touches": ("id", "screen", "cell_x", "cell_y", "portrait", "at"),  # since migration 8
    "film_plays": (  # since migration 9
        "session_id",
        "seq",
        "zone_id",
        "film_id",
        "language",
        "started_at",
        "watched_s",
        "length_s",
        "completed",
    ),
}
# The tables the outbox came with (migration 6): shipped, so never changed; later ones add their own.
OUTBOX_FIRST = ("sessions", "session_languages", "zone_visits", "page_views", "interactions", "entries")


def _outbox_triggers(table: str) -> str:
    # DELETE then INSERT, not INSERT OR REPLACE: inside a trigger the outer statement's
    # conflict policy (the store's INSERT OR IGNORE) would win and keep the old number.
    body = (
        f"DELETE FROM outbox WHERE tbl = '{table}' AND row = NEW.rowid;"
        f" INSERT INTO outbox (tbl, row) VALUES ('{table}', NEW.rowid);"
    )
    return "".join(
        f"CREATE TRIGGER outbox_{table}_{when.lower()} AFTER {when} ON {table} BEGIN {body} END;"
        for when in ("INSERT", "UPDATE")
    )


def _outbox_migration() -> str:
    """What is not yet forwarded: one outbox entry per record changed since it was last sent.

    A record written or updated (a session ended, a zone visit given its dwell) takes a new
    entry, numbered after every entry ever made (AUTOINCREMENT never reuses a number), in place
    of its old one. The forwarder sends the lowest-numbered entries and deletes those it sent
    once the central store has committed them; a change made meanwhile has a higher number and
    stays. The number goes with the record, so the central store keeps the newest version
    whatever order two sends arrive in. Triggers, so every path that writes records (the
    recorder, the dashboard's door counts, closing crashed sessions) is covered."""
    triggers = [_outbox_triggers(table) for table in OUTBOX_FIRST]
    history = "".join(
        f"INSERT INTO outbox (tbl, row) SELECT '{t}', rowid FROM {t} ORDER BY rowid;" for t in OUTBOX_FIRST
    )
    return f"""
    CREATE TABLE outbox (
        change INTEGER PRIMARY KEY AUTOINCREMENT,
        tbl TEXT NOT NULL,
        row INTEGER NOT NULL,              -- the record's rowid in tbl
        UNIQUE (tbl, row)
    );
    CREATE TABLE forwarded (             -- what the central store last confirmed
        id INTEGER PRIMARY KEY CHECK (id = 1),
        change INTEGER NOT NULL,           -- the highest outbox number it has committed
        at REAL NOT NULL,                  -- when (UTC epoch seconds)
        records INTEGER NOT NULL           -- records it has committed, all told
    );
    {history}
    {"".join(triggers)}
    """


MIGRATIONS.append(_outbox_migration())


def _local(at: str) -> str:
    """`at` (UTC epoch seconds) moved to the pavilion's clock, by its offset at that moment."""
    return f"{at} + (SELECT offset_s FROM time_zone WHERE since <= {at} ORDER BY since DESC LIMIT 1)"


def _when(local: str, name: str) -> str:
    """A local moment as the columns an analyst groups by: the time, its day and its hour."""
    return (
        f"datetime({local}, 'unixepoch') AS {name}, date({local}, 'unixepoch') AS day,"
        f" CAST(strftime('%H', {local}, 'unixepoch') AS INTEGER) AS hour"
    )


# Views for analysts (Datasette, sqlite3, a spreadsheet's ODBC): local times, named columns.
# The offsets are looked up in time_zone (kiosk.visitors.localtime), written at every start.
MIGRATIONS.append(
    f"""
    CREATE TABLE time_zone (              -- the pavilion's UTC offsets through time
        since INTEGER PRIMARY KEY,         -- UTC epoch seconds from which this offset holds
        until INTEGER,                     -- up to (not including) this; NULL: from then on
        offset_s INTEGER NOT NULL,         -- local time minus UTC, in seconds
        abbreviation TEXT NOT NULL,        -- as clocks there say it: CET, CEST, +05
        zone TEXT NOT NULL                 -- the config's timezone, e.g. Asia/Almaty
    );
    CREATE VIEW visits_local AS SELECT
        id AS session_id, kiosk_id, {_when("started", "started")},
        datetime(ended, 'unixepoch') AS ended, duration_s, end_reason,
        (SELECT language FROM session_languages WHERE session_id = id ORDER BY first_at LIMIT 1)
            AS first_language,
        (SELECT COUNT(*) FROM zone_visits WHERE session_id = id) AS zone_visits,
        (SELECT COUNT(*) FROM page_views WHERE session_id = id) AS page_views,
        started_at AS started_utc
        FROM (SELECT *, {_local("started_at")} AS started, {_local("ended_at")} AS ended FROM sessions);
    CREATE VIEW zone_visits_local AS SELECT
        session_id, seq, zone_id, {_when("entered", "entered")},
        datetime(left_, 'unixepoch') AS left, dwell_s, entered_at AS entered_utc
        FROM (SELECT *, {_local("entered_at")} AS entered, {_local("left_at")} AS left_ FROM zone_visits);
    CREATE VIEW page_views_local AS SELECT
        session_id, seq, zone_id, page_id, {_when("viewed", "viewed")}, viewed_at AS viewed_utc
        FROM (SELECT *, {_local("viewed_at")} AS viewed FROM page_views);
    CREATE VIEW quiz_answers_local AS SELECT
        session_id, seq, zone_id, page_id, item AS quiz, value AS answer, correct,
        {_when("answered", "answered")}, at AS answered_utc
        FROM (SELECT *, {_local("at")} AS answered FROM interactions WHERE kind = 'quiz');
    CREATE VIEW entries_local AS SELECT
        id, source, count, {_when("counted", "counted")}, at AS counted_utc
        FROM (SELECT *, {_local("at")} AS counted FROM entries);
    """
)


# Where visitors touch, for the heat maps (TouchSampled): anonymous samples, forwarded like the
# records. Reports read a date range of them by screen, so the index holds what they count.
MIGRATIONS.append(
    f"""
    CREATE TABLE touches (
        id TEXT PRIMARY KEY,               -- random: a sample written twice is stored once
        screen TEXT NOT NULL,              -- attract, language, home, zone
        cell_x INTEGER NOT NULL,           -- grid cell from the left, 0..19 (5% of the width each)
        cell_y INTEGER NOT NULL,           -- from the top, 0..19
        portrait INTEGER NOT NULL,         -- 1: the screen was taller than wide
        at REAL NOT NULL                   -- UTC epoch seconds, the start of its 15-minute slot
    );
    CREATE INDEX touches_at ON touches (at, screen, portrait, cell_x, cell_y);
    {_outbox_triggers("touches")}
    CREATE VIEW touches_local AS SELECT
        screen, portrait, cell_x, cell_y, {_when("slot", "slot")}, at AS slot_utc
        FROM (SELECT *, {_local("at")} AS slot FROM touches);
    """
)


# Films watched, with totals of their own: `FIGURES` is part of migration 4 and of the central
# store's first migration, so these come with a migration of their own, as does their outbox.
FILM_FIGURES = (
    Figure("film", "film_plays", "started_at", zone="zone_id", item="film_id", total="watched_s"),
    Figure("film_length", "film_plays", "started_at", zone="zone_id", item="film_id", total="length_s"),
    Figure("film_done", "film_plays", "started_at", zone="zone_id", item="film_id", where="completed = 1"),
    Figure("film_language", "film_plays", "started_at", zone="zone_id || '/' || film_id", item="language"),
)


def _films_migration() -> str:
    triggers = "".join(
        f"CREATE TRIGGER totals_{f.name}_insert AFTER INSERT ON {f.table}"
        f" BEGIN {_add_to_totals(f, f'{f.table}.rowid = NEW.rowid')} END;"
        for f in FILM_FIGURES
    )
    return f"""
    CREATE TABLE film_plays (            -- one play of a film, written when it ends
        session_id TEXT NOT NULL REFERENCES sessions (id),
        seq INTEGER NOT NULL,
        zone_id TEXT NOT NULL,
        film_id TEXT NOT NULL,
        language TEXT NOT NULL,            -- of the captions shown; '' when none
        started_at REAL NOT NULL,
        watched_s REAL NOT NULL,           -- seconds it played, pauses left out
        length_s REAL NOT NULL,
        completed INTEGER NOT NULL,        -- 1: played to its end
        PRIMARY KEY (session_id, seq)
    );
    {triggers}
    {_outbox_triggers("film_plays")}
    """


MIGRATIONS.append(_films_migration())


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) a store at the newest schema."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")  # a commit survives a power cut, not just a crash
    conn.execute("PRAGMA foreign_keys=ON")
    migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> int:
    """Apply the migrations this file has not had yet; returns the schema version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > len(MIGRATIONS):
        raise RuntimeError(
            f"the visitor store has schema version {version}, newer than this kiosk knows"
            f" ({len(MIGRATIONS)}): update the kiosk software"
        )
    for number in range(version + 1, len(MIGRATIONS) + 1):
        with transaction(conn):
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
    return len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    """The statements of a migration, triggers whole (its comments hold no semicolons)."""
    statements, pending = [], ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return [s for s in statements if s != ";"]


class transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on an error (a failed COMMIT too: disk full)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        self.conn.execute("BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
        except sqlite3.Error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise


def write(conn: sqlite3.Connection, events: list[Event]) -> None:
    """Write events in one transaction; writing the same events again changes nothing."""
    with transaction(conn):
        for event in events:
            write_one(conn, event)


def quarantine(conn: sqlite3.Connection, record: str, error: str) -> None:
    """Set aside a record the store refused, with why, for staff to see."""
    conn.execute("INSERT INTO quarantine (record, error) VALUES (?, ?)", (record, error))


def write_one(conn: sqlite3.Connection, e: Event) -> None:
    if isinstance(e, Doubtful):  # made under a wrong clock: kept apart, never filed by date
        quarantine(conn, to_json(e.record), f"clock: {e.reason}")
    elif isinstance(e, SessionStarted):
        conn.execute(
            "INSERT OR IGNORE INTO sessions (id, kiosk_id, started_at, last_activity_at) VALUES (?, ?, ?, ?)",
            (e.session_id, e.kiosk_id, e.at, e.at),
        )
    elif isinstance(e, LanguageUsed):
        conn.execute(
            "INSERT OR IGNORE INTO session_languages VALUES (?, ?, ?)",
            (e.session_id, e.language, e.at),
        )
        _activity(conn, e.session_id, e.at)
    elif isinstance(e, ZoneEntered):
        conn.execute(
            "INSERT OR IGNORE INTO zone_visits (session_id, seq, zone_id, entered_at) VALUES (?, ?, ?, ?)",
            (e.session_id, e.seq, e.zone_id, e.at),
        )
        _activity(conn, e.session_id, e.at)
    elif isinstance(e, ZoneLeft):
        conn.execute(
            "UPDATE zone_visits SET left_at = ?, dwell_s = ?"
            " WHERE session_id = ? AND seq = ? AND left_at IS NULL",
            (e.at, e.dwell_s, e.session_id, e.seq),
        )
    elif isinstance(e, PageViewed):
        conn.execute(
            "INSERT OR IGNORE INTO page_views VALUES (?, ?, ?, ?, ?)",
            (e.session_id, e.seq, e.zone_id, e.page_id, e.at),
        )
        _activity(conn, e.session_id, e.at)
    elif isinstance(e, Interaction):
        conn.execute(
            "INSERT OR IGNORE INTO interactions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.session_id,
                e.seq,
                e.zone_id,
                e.page_id,
                e.kind,
                e.item,
                e.value,
                None if e.correct is None else int(e.correct),
                e.at,
            ),
        )
        _activity(conn, e.session_id, e.at)
    elif isinstance(e, FilmWatched):
        conn.execute(
            "INSERT OR IGNORE INTO film_plays VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.session_id,
                e.seq,
                e.zone_id,
                e.film_id,
                e.language,
                e.at,
                e.watched_s,
                e.length_s,
                int(e.completed),
            ),
        )
        _activity(conn, e.session_id, e.at + e.watched_s)
    elif isinstance(e, Activity):
        _activity(conn, e.session_id, e.at)
    elif isinstance(e, EntryCounted):
        conn.execute(
            "INSERT OR IGNORE INTO entries VALUES (?, ?, ?, ?)", (e.entry_id, e.source, e.at, e.count)
        )
    elif isinstance(e, TouchSampled):
        conn.execute(
            "INSERT OR IGNORE INTO touches VALUES (?, ?, ?, ?, ?, ?)",
            (e.touch_id, e.screen, e.cell_x, e.cell_y, int(e.portrait), e.at),
        )
    elif isinstance(e, SessionEnded):
        _activity(conn, e.session_id, e.at)
        conn.execute(
            "UPDATE sessions SET ended_at = ?, duration_s = ?, end_reason = ?"
            " WHERE id = ? AND ended_at IS NULL",
            (e.at, e.duration_s, e.reason, e.session_id),
        )


def _activity(conn: sqlite3.Connection, session_id: str, at: float) -> None:
    conn.execute(
        "UPDATE sessions SET last_activity_at = MAX(last_activity_at, ?) WHERE id = ? AND ended_at IS NULL",
        (at, session_id),
    )


def left_open(conn: sqlite3.Connection) -> bool:
    """Sessions or zone visits a crash left open (which `close_interrupted` would close)."""
    return bool(
        conn.execute(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE ended_at IS NULL)"
            " OR EXISTS (SELECT 1 FROM zone_visits WHERE left_at IS NULL)"
        ).fetchone()[0]
    )


def close_interrupted(conn: sqlite3.Connection) -> int:
    """Close sessions a crash left open, at their last recorded activity. Returns how many."""
    with transaction(conn):
        conn.execute(
            "UPDATE zone_visits SET"
            " left_at = (SELECT MAX(s.last_activity_at, zone_visits.entered_at) FROM sessions s"
            "            WHERE s.id = zone_visits.session_id),"
            " dwell_s = MAX(0, (SELECT s.last_activity_at FROM sessions s"
            "                   WHERE s.id = zone_visits.session_id) - entered_at)"
            " WHERE left_at IS NULL"
        )
        cursor = conn.execute(
            "UPDATE sessions SET ended_at = last_activity_at,"
            " duration_s = last_activity_at - started_at, end_reason = 'interrupted'"
            " WHERE ended_at IS NULL"
        )
        return cursor.rowcount
