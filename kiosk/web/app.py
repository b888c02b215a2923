"""The staff dashboard as a Starlette app: visitors at a glance, downloads, /metrics, the door.

Every figure comes from `reports.summary` over read-only connections opened for the request
and closed after it: the function `kiosk stats` uses, so the page, the downloads, /metrics
and the command line always agree, and the dashboard never holds the kiosk's store open. Over
the central store (a postgresql:// URL among the stores) it shows the whole pavilion, kiosk by
kiosk; `?kiosk=ID` keeps any page or download to one kiosk.
The one write, POST /entries, goes to the kiosk's own store and is committed before it is
acknowledged. Every route, the stylesheet included, needs the staff password or a token of
the route's scope (auth.py).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sqlite3
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from kiosk.config import Config
from kiosk.l10n import words
from kiosk.visitors import reports, store
from kiosk.visitors.report import Report
from kiosk.visitors.sessions import EntryCounted
from kiosk.visitors.sources import Unreadable
from kiosk.web import evaluation, language, metrics, pages
from kiosk.web import kiosks as kiosks_page
from kiosk.web.auth import StaffOnly
from kiosk.web.passwords import Budget
from kiosk.web.style import STYLE
from kiosk.web.titles import ZoneTitles

log = logging.getLogger(__name__)

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_PAGE_DAYS = 366  # one bar a day; longer spans are for the CSV
MAX_BODY_BYTES = 4096  # a pulse is a few dozen bytes
MAX_PULSE_COUNT = 1000
MAX_PULSE_ID = 100
# Days the dashboard answers for: a wider span is a typing error, and near date.max the
# reports' arithmetic would overflow.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2199, 12, 31)


class BadRequest(Exception):
    """The request cannot be answered as asked; the message says why, for the person or sensor."""


class StoreUnreadable(Exception):
    """A visitor store could not be read (e.g. a file that is not a store)."""


Range = tuple[date | None, date | None]


def create_app(
    config: Config,
    stores: list[Path | str] | None = None,
    live: Callable[[], dict] | None = None,
    monotonic: Callable[[], float] = time.monotonic,
    budget: Budget | None = None,
) -> Starlette:
    """The dashboard over `stores` (files, folders of *.db, or the central store's
    postgresql:// URL; default: this kiosk's store).

    `live`, when given, returns the running kiosk's own state for /metrics (see metrics.py).
    `monotonic` times the wait after wrong passwords; `budget` limits how many unknown
    passwords are hashed per second (passwords.py).
    """
    dashboard = _Dashboard(config, list(stores) if stores is not None else [config.store_file], live)
    watch = dashboard.watch = kiosks_page.KiosksPage(
        config, [str(s) for s in dashboard.stores if "://" in str(s)]
    )
    return Starlette(
        routes=[
            *watch.routes(),
            *evaluation.EvaluationPage(config, dashboard.stores, _range, _kiosks).routes(),
            Route("/", dashboard.page),
            Route("/stats.json", dashboard.stats_json),
            Route("/stats.csv", dashboard.stats_csv),
            Route("/metrics", dashboard.metrics),
            Route("/entries", dashboard.entries, methods=["POST"]),
            Route("/static/style.css", dashboard.stylesheet),
        ],
        middleware=[Middleware(StaffOnly, staff_file=config.staff_file, now=monotonic, budget=budget)],
        exception_handlers={
            BadRequest: lambda request, exc: PlainTextResponse(f"{exc}\n", status_code=400),
            StoreUnreadable: lambda request, exc: PlainTextResponse(f"{exc}\n", status_code=503),
        },
    )


def _day(request: Request, name: str) -> date | None:
    text = request.query_params.get(name, "").strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if DAY.match(text) else None
    except ValueError:
        day = None
    if day is None:
        raise BadRequest(f"{name}: '{text}' is not a day like 2017-09-07")
    if not FIRST_DAY <= day <= LAST_DAY:
        raise BadRequest(f"{name}: {day} is not between {FIRST_DAY} and {LAST_DAY}")
    return day


def _range(request: Request) -> Range:
    day_from, day_to = _day(request, "from"), _day(request, "to")
    if day_from and day_to and day_from > day_to:
        raise BadRequest(f"from ({day_from}) is after to ({day_to})")
    return day_from, day_to


def _kiosks(request: Request) -> set[str] | None:
    """`?kiosk=ID`: the page or download keeps to that kiosk."""
    chosen = request.query_params.get("kiosk", "").strip()
    if len(chosen) > MAX_PULSE_ID:
        raise BadRequest(f"kiosk: a kiosk id of at most {MAX_PULSE_ID} characters")
    return {chosen} if chosen else None


def _central_stores(urls: list[str]):
    """Read-only connections to the central stores named (none: psycopg is not even loaded)."""
    if not urls:
        return contextlib.nullcontext([])
    from kiosk.fleet import reading

    return reading.opened(urls)


def _attachment_name(kiosk_id: str, day_from: date | None, day_to: date | None, by: str | None) -> str:
    # The kiosk id is free text; a file name takes only the plain characters of it.
    safe_id = re.sub(r"[^A-Za-z0-9._-]+", "-", kiosk_id).strip("-.") or "kiosk"
    span = f"{day_from or 'start'}_{day_to or 'now'}"
    return f"{safe_id}-visitors-{span}{f'-by-{by}' if by else ''}.csv"


class _Dashboard:
    def __init__(self, config: Config, stores: list[Path], live: Callable[[], dict] | None):
        self.config = config
        self.stores = stores
        self.live = live
        self.titles = ZoneTitles(config)

    def _summaries(self, request: Request, *ranges: Range, kiosks: set[str] | None = None) -> list[Report]:
        """One summary per range, over connections opened for this request only; `kiosks`
        (else the request's ?kiosk=) keeps to those kiosks."""
        urls = [str(name) for name in self.stores if "://" in str(name)]
        files = reports.store_files([Path(name) for name in self.stores if str(name) not in urls])
        kiosks = kiosks or _kiosks(request)
        conns: list[sqlite3.Connection | None] = []
        try:
            for path in files:
                conns.append(reports.open_readonly(path))
            with _central_stores(urls) as central:
                hours = self.config.opening_hours
                return [
                    reports.summary(conns + central, self.config.tz, a, b, hours, kiosks=kiosks)
                    for a, b in ranges
                ]
        except sqlite3.DatabaseError as exc:
            names = ", ".join(str(path) for path in files)
            raise StoreUnreadable(f"the visitor store could not be read ({names}): {exc}") from None
        except Unreadable as exc:  # the central store, its password masked
            raise StoreUnreadable(str(exc)) from None
        finally:
            for conn in conns:
                if conn is not None:
                    conn.close()

    # Plain (not async) endpoints: Starlette runs them in a worker thread, so SQLite reads
    # never hold up the other requests.

    def page(self, request: Request) -> HTMLResponse:
        asked_from, asked_to = _range(request)
        today = reports.today(self.config.tz)
        if asked_from is None and asked_to is None:
            day_from = day_to = today
            days_from, days_to = today - timedelta(days=6), today
        else:
            # Half a range: "from" alone runs to today (or is one day), "to" alone is one day.
            day_to = asked_to or max(asked_from, today)
            day_from = asked_from or day_to
            days_from, days_to = day_from, day_to
        if (day_to - day_from).days >= MAX_PAGE_DAYS:
            raise BadRequest(f"the page shows at most {MAX_PAGE_DAYS} days; stats.csv takes any span")
        if (days_from, days_to) == (day_from, day_to):
            (period,) = self._summaries(request, (day_from, day_to))
            days = period
        else:
            period, days = self._summaries(request, (day_from, day_to), (days_from, days_to))
        kiosks = _kiosks(request)
        said = language.choose(request, self.config)
        view = pages.View(
            kiosk_id=self.config.kiosk_id,
            # Over the central store, or several kiosks' files, the page is the pavilion's.
            pavilion=any("://" in str(name) for name in self.stores) or len(period.by_kiosk) > 1,
            kiosk=min(kiosks) if kiosks else None,
            timezone=self.config.timezone,
            today=today,
            day_from=day_from,
            day_to=day_to,
            period=period,
            days=days,
            days_from=days_from,
            days_to=days_to,
            words=words(said),
            zone_titles=self.titles(said),
        )
        return language.remember(request, HTMLResponse(pages.dashboard(view)), said)

    def stats_json(self, request: Request) -> JSONResponse:
        (report,) = self._summaries(request, _range(request))
        return JSONResponse(report.to_json())

    def stats_csv(self, request: Request) -> Response:
        day_from, day_to = _range(request)
        by = request.query_params.get("by") or None
        if by is not None and by not in reports.BREAKDOWNS:
            raise BadRequest(f"by: '{by}' is not one of {', '.join(reports.BREAKDOWNS)}")
        (report,) = self._summaries(request, (day_from, day_to))
        kiosks = _kiosks(request)
        central = any("://" in str(name) for name in self.stores)
        who = min(kiosks) if kiosks else "pavilion" if central else self.config.kiosk_id
        name = _attachment_name(who, day_from, day_to, by)
        return Response(
            reports.to_csv(report, by),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    def metrics(self, request: Request) -> Response:
        if self.watch.urls:  # the central store: every kiosk, from its records and heartbeats
            try:
                return Response(self.watch.metrics(), media_type=metrics.CONTENT_TYPE)
            except Unreadable as exc:
                raise StoreUnreadable(str(exc)) from None
        own = self.config.kiosk_id
        text = metrics.exposition(self._readings(request), reports.today(self.config.tz), process_of=own)
        return Response(text, media_type=metrics.CONTENT_TYPE)

    def _readings(self, request: Request) -> list[metrics.Reading]:
        """The kiosk's own store is this kiosk, with its live figures. Other kiosks' files read
        together (`kiosk serve --db`) are one kiosk each, by the name their sessions carry."""
        (report,) = self._summaries(request, (None, None))
        if self.stores == [self.config.store_file] or not report.by_kiosk:
            return [metrics.Reading(self.config.kiosk_id, report, self._live())]
        if len(report.by_kiosk) == 1:
            return [metrics.Reading(next(iter(report.by_kiosk)), report)]
        return [
            metrics.Reading(kiosk, self._summaries(request, (None, None), kiosks={kiosk})[0])
            for kiosk in report.by_kiosk
        ]

    def _live(self) -> dict | None:
        if self.live is None:
            return None
        try:
            return self.live()
        except Exception:  # the kiosk's own state is a bonus: visitor figures still go out
            log.exception("staff dashboard: the kiosk's live figures could not be read")
            return None

    def stylesheet(self, request: Request) -> Response:
        return Response(STYLE, media_type="text/css; charset=utf-8")

    async def entries(self, request: Request) -> Response:
        """A door sensor's pulse: stored and committed before it is acknowledged.

        A pulse that arrives as the kiosk crashes is thus either stored or never answered 201,
        and a sensor that retries until it sees 201 loses no one. The same id twice counts once.
        """
        # JSON only: a cross-site form cannot send it, so a browser holding the staff password
        # cannot be tricked into posting entries from another page.
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
            return PlainTextResponse(
                "send the pulse as JSON with Content-Type: application/json,"
                ' e.g. {"id": "door-1-000123", "count": 1}\n',
                status_code=415,
            )
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:
                return PlainTextResponse("a pulse is a small JSON object\n", status_code=413)
        pulse_id, count = _pulse(body)
        try:
            await run_in_threadpool(self._store_entry, pulse_id, count)
        except sqlite3.Error as exc:
            # Not acknowledged, so the sensor sends it again later: nothing is lost.
            log.warning("staff dashboard: a door pulse could not be stored (%s)", exc)
            return PlainTextResponse(f"not stored, send it again: {exc}\n", status_code=503)
        return JSONResponse({"stored": True}, status_code=201)

    def _store_entry(self, pulse_id: str, count: int) -> None:
        conn = store.connect(self.config.store_file)
        try:
            store.write(conn, [EntryCounted(pulse_id, source="http", at=time.time(), count=count)])
        finally:
            conn.close()


def _pulse(body: bytes) -> tuple[str, int]:
    """(id, count) from a pulse's JSON body, or BadRequest saying what is wrong."""
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: a body of "[[[[..."
        raise BadRequest('the body is not JSON; send {"id": "door-1-000123", "count": 1}') from None
    if not isinstance(data, dict):
        raise BadRequest('the body is a JSON object: {"id": "door-1-000123", "count": 1}')
    unknown = sorted(set(data) - {"id", "count"})
    if unknown:
        raise BadRequest(f"unknown field(s): {', '.join(unknown)}; a pulse has id and count")
    count = data.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_PULSE_COUNT:
        raise BadRequest(f"count: a whole number from 1 to {MAX_PULSE_COUNT}")
    pulse_id = data.get("id")
    if pulse_id is None:
        # Without an id from the sensor a retried pulse cannot be recognised: a sensor that
        # sends again after a lost answer counts those people twice. Sensors should send ids.
        return f"http-{uuid.uuid4().hex}", count
    if not isinstance(pulse_id, str) or not 1 <= len(pulse_id) <= MAX_PULSE_ID:
        raise BadRequest(f"id: a text of 1 to {MAX_PULSE_ID} characters, unique per pulse")
    return pulse_id, count
