"""The Kiosks page: every kiosk of the pavilion as its heartbeats tell it, and the releases.

Shown when the dashboard reads the central store (`kiosk serve --db postgresql://…`, or with
fleet.database_url). Each kiosk is ONLINE, OFFLINE (no heartbeat for two minutes), CLOSED (by
its opening hours, or staff) or MAINTENANCE, with when it was last seen in the pavilion's time,
the release it shows and any it refused, and its figures. Staff may ask a kiosk for a picture
of its screen; it comes with the kiosk's next heartbeats (kiosk/fleet/heartbeat.py).

Ages are reckoned on the central server's clock, which stamped the heartbeats. Every figure is
an element with `data-figure` and `data-value`, as on the dashboard (pages.py).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from urllib.parse import parse_qs, urlencode, urlsplit

import psycopg
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from kiosk.config import Config
from kiosk.fleet import heartbeat, publish, reading
from kiosk.fleet import url as fleet_url
from kiosk.l10n import ENGLISH, N_, Words, words
from kiosk.visitors import reports
from kiosk.visitors.sources import Unreadable
from kiosk.web import language, metrics
from kiosk.web.pages import counted, document, figure, html, switcher

log = logging.getLogger(__name__)

MAX_KIOSK_ID = 100
STATUSES = ("ONLINE", "OFFLINE", "CLOSED", "MAINTENANCE")


@dataclass(frozen=True)
class Watched:
    """One kiosk's last heartbeat, and its screenshot's state."""

    kiosk: str
    seen_at: float
    figures: dict
    now: float  # the central server's time when this was read
    shot_at: float | None = None  # its latest screenshot
    asked_at: float | None = None  # a screenshot asked for and not yet sent

    def status(self, now: float | None = None) -> str:
        if (self.now if now is None else now) - self.seen_at > heartbeat.OFFLINE_AFTER_S:
            return "OFFLINE"
        if self.figures.get("maintenance"):
            return "MAINTENANCE"
        if self.figures.get("open") is False:
            return "CLOSED"
        return "ONLINE"


def watched(conn: psycopg.Connection) -> list[Watched]:
    """Every kiosk that ever sent a heartbeat, by name."""
    (found,) = conn.execute("SELECT to_regclass('kiosk_heartbeats') IS NOT NULL").fetchone()
    if not found:  # a central store no kiosk of this version has reached yet
        return []
    rows = conn.execute(
        "SELECT h.kiosk_id, h.seen_at, h.figures, extract(epoch from now())::double precision,"
        " s.taken_at, r.asked_at FROM kiosk_heartbeats h"
        " LEFT JOIN screenshots s USING (kiosk_id) LEFT JOIN screenshot_requests r USING (kiosk_id)"
        " ORDER BY h.kiosk_id"
    ).fetchall()
    return [Watched(*row) for row in rows]


class KiosksPage:
    """The routes of the Kiosks page over the central stores named (`urls`)."""

    def __init__(self, config: Config, urls: list[str]):
        self.config = config
        self.urls = urls

    def routes(self) -> list[Route]:
        return [
            Route("/kiosks", self.page),
            Route("/kiosks/screenshot", self.ask_screenshot, methods=["POST"]),
            Route("/kiosks/screen.png", self.screen),
            Route("/static/kiosks.css", self.stylesheet),
        ]

    def _read(self):
        if not self.urls:
            return None
        return reading.opened(self.urls[:1])

    def page(self, request: Request) -> Response:
        if not self.urls:
            return _no_central()
        try:
            with self._read() as (conn,):
                kiosks = watched(conn)
                made = publish.releases(conn) if _has(conn, "releases") else []
        except Unreadable as exc:
            return PlainTextResponse(f"{exc}\n", status_code=503)
        said = language.choose(request, self.config)
        return language.remember(request, HTMLResponse(render(self.config, kiosks, made, words(said))), said)

    async def ask_screenshot(self, request: Request) -> Response:
        if not self.urls:
            return _no_central()
        if not _same_origin(request):
            # A page elsewhere cannot make a signed-in browser ask kiosks for their screens.
            return PlainTextResponse("ask from the dashboard's own page\n", status_code=403)
        body = b""
        async for chunk in request.stream():  # a form of one field; no form library needed
            body += chunk
            if len(body) > 4 * MAX_KIOSK_ID:
                return PlainTextResponse("a form of one kiosk id\n", status_code=413)
        kiosk_id = parse_qs(body.decode("utf-8", "replace")).get("kiosk", [""])[0].strip()
        if not 1 <= len(kiosk_id) <= MAX_KIOSK_ID:
            return PlainTextResponse("kiosk: the id of a kiosk on the Kiosks page\n", status_code=400)
        url = self.urls[0]
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=reading.CONNECT_TIMEOUT_S) as conn:
                heartbeat.ask_screenshot(conn, kiosk_id)
        except psycopg.Error as exc:
            said = (
                f"cannot reach the central store at {fleet_url.mask(url)}: {fleet_url.scrub(str(exc), url)}"
            )
            return PlainTextResponse(said + "\n", status_code=503)
        return RedirectResponse("../kiosks", status_code=303)

    def screen(self, request: Request) -> Response:
        if not self.urls:
            return _no_central()
        kiosk_id = request.query_params.get("kiosk", "")
        try:
            with self._read() as (conn,):
                row = conn.execute("SELECT png FROM screenshots WHERE kiosk_id = %s", (kiosk_id,)).fetchone()
        except Unreadable as exc:
            return PlainTextResponse(f"{exc}\n", status_code=503)
        if row is None:
            return PlainTextResponse("no screenshot from that kiosk yet\n", status_code=404)
        return Response(bytes(row[0]), media_type="image/png")

    def stylesheet(self, request: Request) -> Response:
        return Response(STYLE, media_type="text/css; charset=utf-8")

    def metrics(self) -> bytes:
        """/metrics over the central store: every kiosk, each series with its kiosk label."""
        with self._read() as conns:
            kiosks = {k.kiosk: k for k in watched(conns[0])}
            hours = self.config.opening_hours
            whole = reports.summary(conns, self.config.tz, None, None, hours)
            out = []
            for kiosk_id in sorted(set(whole.kiosks) | set(kiosks)):
                report = reports.summary(conns, self.config.tz, None, None, hours, kiosks={kiosk_id})
                seen = kiosks.get(kiosk_id)
                if seen is None:
                    out.append(metrics.Reading(kiosk_id, report, heard=False))
                    continue
                live = {**seen.figures, "heartbeat_age_seconds": max(0.0, seen.now - seen.seen_at)}
                uptime = seen.figures.get("uptime_seconds")
                started = seen.seen_at - uptime if isinstance(uptime, int | float) else None
                heard = seen.status() != "OFFLINE"
                out.append(metrics.Reading(kiosk_id, report, live, heard=heard, started_at=started))
        return metrics.exposition(out, reports.today(self.config.tz))


def _has(conn: psycopg.Connection, table: str) -> bool:
    return conn.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()[0]


def _no_central() -> Response:
    return PlainTextResponse(
        "The Kiosks page shows the central store: kiosk serve --db postgresql://… (or fleet.database_url)\n",
        status_code=404,
    )


def _same_origin(request: Request) -> bool:
    # Browsers say where a request comes from in Sec-Fetch-Site. The dashboard's no-referrer
    # policy makes their Origin "null" on its own forms, so Origin only counts for older ones.
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site in ("same-origin", "none")
    origin = request.headers.get("origin")
    if origin is None:
        return True  # not a browser: a script with the password
    return origin != "null" and urlsplit(origin).netloc == request.headers.get("host")


# -- the page --------------------------------------------------------------------------------

# How each status reads; its data-value and the page's CSS classes stay the English word.
STATUS_WORDS = {
    "ONLINE": N_("online"),
    "OFFLINE": N_("offline"),
    "CLOSED": N_("closed"),
    "MAINTENANCE": N_("maintenance"),
}


@dataclass(frozen=True)
class _Page:
    """What every part of the page is written with: the config, today, the staff's language."""

    config: Config
    today: date
    words: Words

    def when(self, moment: float | None) -> str:
        """A time in the pavilion's zone: 20:15:07 today, "7 Sept 20:15" on another day."""
        _ = self.words
        if moment is None:
            return _("never")
        local = datetime.fromtimestamp(moment, self.config.tz)
        if local.date() == self.today:
            return _.time(local, seconds=True)
        return f"{_.skeleton('MMMd', local)} {_.time(local)}"

    def status(self, status: str) -> str:
        return self.words(STATUS_WORDS[status])


def _said(name: str, value: str, shown: str, css: str = "") -> str:
    """A figure whose value is a word (a status, a release), marked as pages.figure marks numbers."""
    css_class = f' class="{css}"' if css else ""
    marks = f'data-figure="{escape(name)}" data-value="{escape(str(value))}"'
    return f"<span{css_class} {marks}>{escape(shown)}</span>"


def _bytes(value: float, said: Words) -> str:
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if value >= size:
            return f"{said.number(value / size, 1)}\u00a0{unit}"  # never broken from its number
    return f"{said.number(int(value))}\u00a0B"


def _release(kiosk: Watched, _: Words) -> str:
    f = kiosk.figures
    name = f"kiosk:{kiosk.kiosk}"
    shown = f.get("release")
    text = _("release {release}").format(release=shown) if shown else _("the site's own content")
    out = _said(f"{name}:release", shown or "", text)
    taken = f.get("release_installed")
    if f.get("content_waiting") or (taken and taken != shown):
        waits = _("release {release} waits for the attract screen").format(release=taken or _("new"))
        out += f'<span class="hint">{escape(waits)}</span>'
    refused = f.get("release_refused")
    if refused:
        problems = [str(p) for p in refused.get("problems", [])]
        more = _.ngettext("and {n} more", "and {n} more", len(problems) - 3) if len(problems) > 3 else ""
        head = _("Refused release {release}").format(release=refused.get("release"))
        out += (
            f'<div class="refused" data-figure="{escape(name)}:refused"'
            f' data-value="{escape(str(refused.get("release")))}">'
            f"<strong>{escape(head)}</strong>"
            + "".join(f"<code>{escape(p)}</code>" for p in problems[:3])
            + (f"<span>{escape(more)}</span>" if more else "")
            + "</div>"
        )
    return out


def _kiosk_card(kiosk: Watched, page: _Page) -> str:
    _ = page.words
    f = kiosk.figures
    name = f"kiosk:{kiosk.kiosk}"
    status = kiosk.status()
    rows = [
        (_("Last seen"), escape(f"{page.when(kiosk.seen_at)} · {_.ago(kiosk.now - kiosk.seen_at)}")),
        (_("Screen"), escape(str(f.get("screen", "?")))),
        (_("Content"), _release(kiosk, _)),
    ]
    numbers = []
    if "visitors_today" in f:
        numbers.append((_("Visitors today"), counted(f"{name}:visitors_today", f["visitors_today"], _)))
    if "frame_time_p99" in f:
        ms = _.number(round(1000 * float(f["frame_time_p99"])))
        numbers.append((_("Frame p99"), figure(f"{name}:frame_time_p99", f["frame_time_p99"], f"{ms} ms")))
    if "free_disk_bytes" in f:
        free = f["free_disk_bytes"]
        numbers.append((_("Free disk"), figure(f"{name}:free_disk_bytes", free, _bytes(free, _))))
    if "store_errors" in f:
        numbers.append((_("Store errors"), counted(f"{name}:store_errors", f["store_errors"], _)))
    if "forward_backlog" in f:
        numbers.append((_("To forward"), counted(f"{name}:forward_backlog", f["forward_backlog"], _)))
    details = "".join(f"<dt>{escape(label)}</dt><dd>{value}</dd>" for label, value in rows)
    small = "".join(f'<div class="num"><span>{escape(label)}</span>{value}</div>' for label, value in numbers)
    if kiosk.shot_at is not None:
        src = "kiosks/screen.png?" + urlencode({"kiosk": kiosk.kiosk, "at": f"{kiosk.shot_at:.0f}"})
        alt = _("The screen of {kiosk}").format(kiosk=kiosk.kiosk)
        at = _("Screen at {when}").format(when=page.when(kiosk.shot_at))
        shot = (
            f'<a class="shot" href="{escape(src)}"><img src="{escape(src)}" alt="{escape(alt)}"'
            f' loading="lazy"></a><p class="note">{escape(at)}</p>'
        )
    else:
        shot = ""
    waiting = ""
    if kiosk.asked_at is not None:
        asked = _("A screenshot asked at {when} comes with the kiosk's next heartbeats.")
        waiting = f'<p class="note asked">{escape(asked.format(when=page.when(kiosk.asked_at)))}</p>'
    ask = _("Ask for a screenshot")
    button = (
        '<form method="post" action="kiosks/screenshot">'
        f'<input type="hidden" name="kiosk" value="{escape(kiosk.kiosk)}">'
        f'<button type="submit">{escape(ask)}</button></form>'
    )
    version = _("version {version}").format(version=f.get("version", "?"))
    return (
        f'<section class="card kiosk-card status-{status.lower()}" data-kiosk="{escape(kiosk.kiosk)}">'
        f'<div class="kiosk-head"><h2>{escape(kiosk.kiosk)}</h2>'
        f"{_said(f'{name}:status', status, page.status(status).upper(), 'pill')}</div>"
        f'<dl>{details}</dl><div class="nums">{small}</div>{shot}{waiting}'
        f'<div class="kiosk-foot">{button}<span class="note">{escape(version)}</span></div>'
        "</section>"
    )


def _releases(made: list[dict], page: _Page) -> str:
    _ = page.words
    releases = escape(_("Releases"))
    if not made:
        nothing = html(
            _("Nothing published yet: {command} sends the site's content to the kiosks."),
            command="<code>kiosk publish --note TEXT</code>",
        )
        return f'<section class="card"><h2>{releases}</h2><p class="empty">{nothing}</p></section>'
    in_force = next((r["id"] for r in made if r["withdrawn_at"] is None and not r["kiosks"]), None)
    rows = []
    for r in made:
        whom = ", ".join(r["kiosks"]) if r["kiosks"] else _("every kiosk")
        state = (
            _("withdrawn")
            if r["withdrawn_at"] is not None
            else _("in force")
            if r["id"] == in_force or r["kiosks"]
            else _("replaced")
        )
        rows.append(
            f'<tr data-release="{r["id"]}"><td>{r["id"]}</td>'
            f'<td class="name">{escape(r["note"] or "—")}<span class="code"> · {escape(whom)}</span></td>'
            f'<td class="state">{escape(state)}</td><td class="when">{escape(page.when(r["made_at"]))}'
            f'<span class="code"> {escape(r["made_by"])}</span></td>'
            f'<td class="num files">{_.number(r["files"])}</td></tr>'
        )
    how = html(
        _("{try_one} tries a release on one kiosk; {rollback} goes back one."),
        try_one="<code>kiosk publish --kiosks ID</code>",
        rollback="<code>kiosk publish --rollback</code>",
    )
    heads = [escape(text) for text in (_("Note · for"), _("State"), _("Made"), _("Files"))]
    return (
        f'<section class="card"><h2>{releases}</h2><table class="ranked releases"><thead><tr>'
        f'<th class="num">#</th><th>{heads[0]}</th><th>{heads[1]}</th>'
        f'<th>{heads[2]}</th><th class="num files">{heads[3]}</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<p class="note">{how}</p></section>'
    )


def render(config: Config, kiosks: list[Watched], made: list[dict], said: Words = ENGLISH) -> str:
    _ = said
    page = _Page(config, reports.today(config.tz), said)
    counts = {status: 0 for status in STATUSES}
    for kiosk in kiosks:
        counts[kiosk.status()] += 1
    summary = "".join(
        f'<span class="chip tally status-{s.lower()}">{counted(f"status:{s}", n, _)}'
        f" {escape(page.status(s))}</span>"
        for s, n in counts.items()
    )
    # Trouble first: a dark kiosk is what staff came to see.
    order = {"OFFLINE": 0, "MAINTENANCE": 1, "ONLINE": 2, "CLOSED": 3}
    cards = "".join(_kiosk_card(k, page) for k in sorted(kiosks, key=lambda k: (order[k.status()], k.kiosk)))
    if not kiosks:
        none = _("No kiosk has sent a heartbeat yet (a kiosk with fleet.database_url sends one every 30 s).")
        cards = f'<p class="empty">{escape(none)}</p>'
    meanings = {
        "OFFLINE": _("no heartbeat for 2 minutes."),
        "CLOSED": _("outside its opening hours (or closed by staff)."),
        "MAINTENANCE": _("staff at work, nothing counted."),
    }
    legend = " ".join(
        [
            *(f"{page.status(s).upper()}: {meaning}" for s, meaning in meanings.items()),
            _("Reload the page to see newer heartbeats."),
        ]
    )
    whole, kiosks_word, visitors = _("Whole pavilion"), _("Kiosks"), _("Visitors")
    times = _("times in {timezone}").format(timezone=config.timezone)
    brand = _("Pavilion kiosk")
    body = (
        '<header class="band"><div class="wrap band-row">'
        f'<span class="brand">{escape(brand)} <span class="thin">· {escape(kiosks_word)}</span></span>'
        f'<a class="kiosk" href="./">{escape(visitors)}</a>'
        + switcher(said, lambda code: "?" + urlencode({"lang": code}))
        + "</div></header>"
        '<main class="wrap"><section class="intro"><div>'
        f'<p class="eyebrow">{escape(whole)} · {escape(times)}</p>'
        f"<h1>{escape(kiosks_word)}</h1></div>"
        f'<p class="chips">{summary}</p></section>'
        f'<div class="kiosk-grid">{cards}</div>'
        f"{_releases(made, page)}"
        f'<p class="note">{escape(legend)}</p>'
        "</main>"
    )
    return document(
        said,
        _("Kiosks · {whose}").format(whose=whole),
        body,
        '<link rel="stylesheet" href="static/kiosks.css">\n',
    )


STYLE = """
.band a.kiosk { color: #FFFFFF; text-decoration: none; }
.kiosk-grid {
  display: grid; align-items: start; gap: 12px;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 340px), 1fr));
}
.kiosk-card { display: flex; flex-direction: column; gap: 10px; border-top: 4px solid var(--line); }
.kiosk-card.status-online { border-top-color: #1E7B3A; }
.kiosk-card.status-offline { border-top-color: var(--signal); }
.kiosk-card.status-maintenance { border-top-color: #B25E00; }
.kiosk-head { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
.kiosk-head h2 { margin: 0; overflow-wrap: anywhere; }
.pill {
  font-size: 0.75rem; font-weight: 700; letter-spacing: 0.06em; padding: 3px 9px; border-radius: 999px;
  background: #EEEBE4; color: var(--ink); white-space: nowrap;
}
.status-online .pill { background: #1E7B3A; color: #FFFFFF; }
.status-offline .pill { background: var(--signal); color: #FFFFFF; }
.status-maintenance .pill { background: #B25E00; color: #FFFFFF; }
.status-closed .pill { background: #54545E; color: #FFFFFF; }
.kiosk-card dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
.kiosk-card dt { color: var(--muted); font-size: 0.85rem; }
.kiosk-card dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.hint { display: block; color: #B25E00; font-size: 0.85rem; }
.refused {
  margin-top: 6px; padding: 8px 10px; border-radius: 8px; background: #FBEAEC; color: #7A0A1C;
  display: flex; flex-direction: column; gap: 4px; font-size: 0.85rem;
}
.refused code { background: transparent; padding: 0; }
.nums { display: grid; grid-template-columns: repeat(auto-fit, minmax(96px, 1fr)); gap: 8px; }
.nums .num { display: flex; flex-direction: column; font-variant-numeric: tabular-nums; }
.nums .num span:first-child { color: var(--muted); font-size: 0.78rem; }
.nums .num [data-figure] { font-weight: 700; font-size: 1.1rem; }
.shot img { display: block; width: 100%; height: auto; border-radius: 8px; border: 1px solid var(--line); }
.shot + .note { margin: 0; }
.asked { color: #B25E00; }
.kiosk-foot {
  display: flex; justify-content: space-between; align-items: center; gap: 8px; flex-wrap: wrap;
}
.kiosk-foot button {
  font: inherit; font-size: 0.85rem; background: var(--card); color: var(--ink);
  border: 1px solid var(--ink); border-radius: 8px; padding: 6px 12px; min-height: 36px; cursor: pointer;
}
.tally [data-figure] { font-weight: 700; }
.chip.status-offline { border-color: var(--signal); }
main > .card, main > .note { margin-top: 12px; }
.releases td { vertical-align: top; }
.releases td:first-child, .releases th:first-child { text-align: left; padding: 8px 12px 8px 0; }
.releases .state { white-space: nowrap; }
.releases .when { white-space: nowrap; font-size: 0.85rem; }
@media (max-width: 520px) {
  .releases .when .code, .releases .files { display: none; }
}
"""
