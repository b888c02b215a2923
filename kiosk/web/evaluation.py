"""The Evaluation page: the figures museum evaluators use, for a day or a period.

Attraction (sessions per 100 door entries, by hour), holding power per zone, thorough visitors,
dwell as a survival curve, the path from the attract screen to a zone's last page, and where
visitors touch, from `evaluate.evaluate`: the figures `kiosk stats --evaluation` prints. Every
word a person reads is in TEXT, in English, so the page can be translated in one place. Every
figure is an element with `data-figure` and `data-value`, as on the dashboard (pages.py).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from pathlib import Path
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kiosk.config import Config
from kiosk.content.loader import load_exhibit
from kiosk.visitors import reports
from kiosk.visitors.evaluate import evaluate
from kiosk.visitors.evaluation import Evaluation
from kiosk.visitors.sources import Unreadable
from kiosk.web.charts import Bar, Column, column_chart
from kiosk.web.evaluation_charts import heat_map, path_bars, survival_curve
from kiosk.web.pages import clock, figure, long_day, span_title

MAX_DAYS = 92  # each session's records are read: a season at most; kiosk stats takes any span

TEXT = {
    "title": "Evaluation",
    "brand": "Pavilion kiosk",
    "visitors": "Visitors",
    "today": "Today",
    "one_day": "One day",
    "period": "Period",
    "last_days": "Last {n} days",
    "times_in": "times in {tz}",
    "from": "From",
    "to": "To",
    "show": "Show",
    "attraction": "Attraction",
    "attraction_note": "sessions per 100 people through the door ({sessions} of {entries})",
    "no_entries": "no door count in this period",
    "thorough": "Thorough visitors",
    "thorough_note": "sessions that saw more than half of the {pages} pages",
    "median": "Median visit",
    "median_note": "minutes:seconds; the mean is {mean}",
    "last_page": "Reached a last page",
    "last_page_note": "sessions that read a zone to its end",
    "by_hour": "Attraction by hour",
    "by_hour_chart": "Sessions per 100 door entries, per hour of the day",
    "by_hour_tip": "{hour}: {per_100} per 100 ({sessions} sessions, {entries} entries)",
    "by_hour_none": "No door entries in this period: attraction needs the door counter.",
    "by_hour_note": "an hour with no door count is left out",
    "dwell": "How long visitors stay",
    "dwell_chart": "Share of sessions still at the kiosk after each minute",
    "dwell_note": "share of {n} ended sessions still at the kiosk after t; {quarter} a quarter had gone,"
    " {three} three quarters",
    "minutes": "minutes",
    "median_mark": "median {t}",
    "dwell_none": "No session ended in this period.",
    "path": "The path through the exhibit",
    "path_chart": "Sessions reaching each step, from the attract screen to a zone's last page",
    "path_note": "each step counts the sessions that also made the steps before it",
    "step_started": "Left the attract screen",
    "step_language": "Chose a language",
    "step_zone": "Opened a zone",
    "step_last_page": "Reached a zone's last page",
    "holding": "Holding power",
    "zone": "Zone",
    "visits": "Visits",
    "dwell_col": "Stayed",
    "reading_col": "To read",
    "power_col": "Power",
    "end_col": "To the end",
    "holding_note": "time in the zone over the time its texts take to read, in the visitor's language,"
    " at {paces} words a minute ({source}); 1 means long enough to read it all",
    "touches": "Where visitors touch",
    "touches_note": "one tap in four, on a 20 × 20 grid; darker cells had more",
    "touches_none": "No touches sampled in this period.",
    "touches_map": "Where visitors touched the {screen} screen: {n} taps sampled",
    "screen_attract": "Attract screen",
    "screen_language": "Language",
    "screen_home": "Home",
    "screen_zone": "Zone pages",
    "portrait": "portrait",
    "sampled": "{n} taps sampled",
    "definitions": "What the figures mean",
    "define_attraction": "Attraction: sessions begun for every 100 people the door counted"
    " (after Bitgood's attraction power: the share of visitors who stop).",
    "define_holding": "Holding power: mean time in a zone over the time its texts take to read"
    " (after Bitgood: time spent over time needed).",
    "define_thorough": "Thorough visitors: sessions that saw more than half of the pages"
    " (Serrell 1998, Paying Attention: diligent visitors).",
    "define_dwell": "Dwell as a survival curve: the share of sessions still at the kiosk after t seconds,"
    " not only a mean, which a few long visits lift.",
    "define_touches": "Touches are sampled anonymously: one in four, as a grid cell and a quarter-hour,"
    " with no session.",
    "same_as": "The same figures as {command}, from the visitor store.",
    "no_content": "The content cannot be read, so neither can its pages: see kiosk validate.",
}


def t(key: str, **values) -> str:
    return TEXT[key].format(**values) if values else TEXT[key]


class EvaluationPage:
    """The Evaluation page over the dashboard's stores; `read_range` and `read_kiosks` are the
    dashboard's own readers of ?from=, ?to= and ?kiosk=."""

    def __init__(
        self,
        config: Config,
        stores: list,
        read_range: Callable[[Request], tuple[date | None, date | None]],
        read_kiosks: Callable[[Request], set[str] | None],
    ):
        self.config = config
        self.stores = stores
        self.read_range = read_range
        self.read_kiosks = read_kiosks

    def routes(self) -> list[Route]:
        return [Route("/evaluation", self.page), Route("/static/evaluation.css", self.stylesheet)]

    def stylesheet(self, request: Request) -> Response:
        return Response(STYLE, media_type="text/css; charset=utf-8")

    def page(self, request: Request) -> Response:
        asked_from, asked_to = self.read_range(request)
        today = reports.today(self.config.tz)
        day_to = asked_to or (max(asked_from, today) if asked_from else today)
        day_from = asked_from or day_to
        if (day_to - day_from).days >= MAX_DAYS:
            return PlainTextResponse(
                f"the Evaluation page shows at most {MAX_DAYS} days;"
                " kiosk stats --evaluation takes any span\n",
                status_code=400,
            )
        exhibit = load_exhibit(self.config, check_images=False).exhibit
        if exhibit is None:
            return PlainTextResponse(t("no_content") + "\n", status_code=503)
        kiosks = self.read_kiosks(request)
        try:
            ev = self._evaluate(exhibit, day_from, day_to, kiosks)
        except sqlite3.DatabaseError as exc:
            return PlainTextResponse(f"the visitor store could not be read: {exc}\n", status_code=503)
        except Unreadable as exc:
            return PlainTextResponse(f"{exc}\n", status_code=503)
        kiosk = min(kiosks) if kiosks else None
        return HTMLResponse(render(ev, self.config, today, kiosk))

    def _evaluate(self, exhibit, day_from: date, day_to: date, kiosks: set[str] | None) -> Evaluation:
        urls = [str(name) for name in self.stores if "://" in str(name)]
        files = reports.store_files([Path(name) for name in self.stores if str(name) not in urls])
        conns = [reports.open_readonly(path) for path in files]
        try:
            with _central(urls) as central:
                langs = (self.config.languages, self.config.default_language)
                return evaluate(conns + central, self.config.tz, exhibit, *langs, day_from, day_to, kiosks)
        finally:
            for conn in conns:
                if conn is not None:
                    conn.close()


def _central(urls: list[str]):
    if not urls:
        return contextlib.nullcontext([])
    from kiosk.fleet import reading  # psycopg only where there is a central store

    return reading.opened(urls)


def render(ev: Evaluation, config: Config, today: date, kiosk: str | None = None) -> str:
    day_from, day_to = ev.day_from or today, ev.day_to or today
    body = "".join(
        [
            '<header class="band"><div class="wrap band-row">'
            f'<span class="brand">{t("brand")} <span class="thin">· {t("title")}</span></span>'
            f'<a class="kiosk" href="{escape(_link(kiosk, day_from, day_to, today, "./"))}">'
            f"{t('visitors')}</a>"
            "</div></header>",
            '<main class="wrap">',
            _intro(config, today, day_from, day_to, kiosk),
            _big_numbers(ev),
            '<div class="pair">',
            _by_hour(ev),
            _dwell(ev),
            "</div>",
            '<div class="pair">',
            _path(ev),
            _holding(ev),
            "</div>",
            _touches(ev),
            _definitions(),
            _footer(day_from, day_to, kiosk),
            "</main>",
        ]
    )
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(t('title'))} · {escape(kiosk or config.kiosk_id)}</title>\n"
        '<link rel="stylesheet" href="static/style.css">\n'
        '<link rel="stylesheet" href="static/evaluation.css">\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _link(kiosk: str | None, day_from: date, day_to: date, today: date, page: str = "evaluation") -> str:
    span = {} if day_from == day_to == today else {"from": day_from.isoformat(), "to": day_to.isoformat()}
    params = {**span, **({"kiosk": kiosk} if kiosk else {})}
    return f"{page}?{urlencode(params)}" if params else page


def _intro(config: Config, today: date, day_from: date, day_to: date, kiosk: str | None) -> str:
    if day_from == day_to == today:
        eyebrow, title = t("today"), long_day(today)
    elif day_from == day_to:
        eyebrow, title = t("one_day"), long_day(day_from)
    else:
        eyebrow, title = t("period"), span_title(day_from, day_to)
    shortcuts = [(t("today"), _link(kiosk, today, today, today), day_from == day_to == today)]
    for days in (7, 30):
        first = today - timedelta(days=days - 1)
        shortcuts.append(
            (t("last_days", n=days), _link(kiosk, first, today, today), (day_from, day_to) == (first, today))
        )
    chips = "".join(
        f'<a class="chip{" chip-on" if on else ""}" href="{escape(href)}">{escape(label)}</a>'
        for label, href, on in shortcuts
    )
    where = f" · {escape(kiosk)}" if kiosk else ""
    return (
        '<section class="intro">'
        f'<div><p class="eyebrow">{escape(eyebrow)}{where} · {escape(t("times_in", tz=config.timezone))}</p>'
        f"<h1>{escape(t('title'))}: {escape(title)}</h1></div>"
        '<form class="range" method="get" action="evaluation">'
        f'<label>{t("from")} <input type="date" name="from" value="{day_from.isoformat()}"></label>'
        f'<label>{t("to")} <input type="date" name="to" value="{day_to.isoformat()}"></label>'
        + (f'<input type="hidden" name="kiosk" value="{escape(kiosk)}">' if kiosk else "")
        + f'<button type="submit">{t("show")}</button>'
        f'<span class="chips">{chips}</span></form></section>'
    )


def _card(heading: str, content: str, note: str = "") -> str:
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return f'<section class="card"><h2>{escape(heading)}</h2>{content}{note_html}</section>'


def _big_numbers(ev: Evaluation) -> str:
    a, th, d = ev.attraction, ev.thorough, ev.dwell
    started = ev.path[0].sessions if ev.path else 0
    last = ev.path[-1] if ev.path else None
    cards = [
        (
            t("attraction"),
            figure(
                "attraction",
                a.per_100 if a.per_100 is not None else 0,
                f"{a.per_100:g}" if a.per_100 is not None else "–",
                css="big",
            ),
            t("attraction_note", sessions=a.sessions, entries=a.entries) if a.entries else t("no_entries"),
        ),
        (
            t("thorough"),
            figure("thorough_pct", th.pct, f"{th.pct:.0f}%", css="big"),
            t("thorough_note", pages=th.pages_total),
        ),
        (
            t("median"),
            figure("dwell:median_s", d.median_s or 0, clock(d.median_s or 0), css="big"),
            t("median_note", mean=clock(d.mean_s)),
        ),
        (
            t("last_page"),
            figure(
                "path:last_page:pct",
                last.pct if last else 0,
                f"{last.pct:.0f}%" if last and started else "–",
                css="big",
            ),
            t("last_page_note"),
        ),
    ]
    items = "".join(
        f'<div class="card figure"><span class="label">{escape(label)}</span>{number}'
        f'<span class="note">{escape(note)}</span></div>'
        for label, number, note in cards
    )
    return f'<section class="figures" aria-label="{escape(t("title"))}">{items}</section>'


def _by_hour(ev: Evaluation) -> str:
    hours = {h: x for h, x in ev.attraction.hours.items() if x.per_100 is not None}
    if not hours:
        return _card(t("by_hour"), f'<p class="empty">{escape(t("by_hour_none"))}</p>')
    columns = []
    for hour in range(min(hours), max(hours) + 1):
        x = hours.get(hour)
        label = f"{hour:02d}:00"
        value = x.per_100 if x else 0
        tip = t(
            "by_hour_tip",
            hour=label,
            per_100=f"{value:g}",
            sessions=x.sessions if x else 0,
            entries=x.entries if x else 0,
        )
        columns.append(Column(f"{hour:02d}", [Bar(value, f"attraction:hour:{hour:02d}", tip)]))
    return _card(t("by_hour"), column_chart(columns, t("by_hour_chart")), t("by_hour_note"))


def _dwell(ev: Evaluation) -> str:
    d = ev.dwell
    if not d.sessions:
        return _card(t("dwell"), f'<p class="empty">{escape(t("dwell_none"))}</p>')
    chart = survival_curve(d, t("dwell_chart"), t("minutes"), t("median_mark", t=clock(d.median_s or 0)))
    note = t(
        "dwell_note",
        n=d.sessions,
        quarter=clock(d.quarter_left_s or 0),
        three=clock(d.three_quarters_left_s or 0),
    )
    return _card(t("dwell"), chart, note)


def _path(ev: Evaluation) -> str:
    labels = {step.name: t(f"step_{step.name}") for step in ev.path}
    return _card(t("path"), path_bars(ev.path, labels, t("path_chart")), t("path_note"))


def _holding(ev: Evaluation) -> str:
    rows = []
    for zone_id, h in ev.holding.items():
        z = ev.zone_paths.get(zone_id)
        name = f"holding:{zone_id}"
        power = "–" if h.power is None else f"{h.power:.2f}"
        rows.append(
            f'<tr><td class="name">{escape(zone_id)}</td>'
            + figure(f"{name}:visits", h.visits, tag="td", css="num")
            + figure(f"{name}:dwell_s", h.dwell_s, clock(h.dwell_s), tag="td", css="num")
            + figure(f"{name}:reading_s", h.reading_s, clock(h.reading_s), tag="td", css="num")
            + figure(f"{name}:power", h.power if h.power is not None else 0, power, tag="td", css="num power")
            + figure(
                f"{name}:last_page",
                z.last_page if z else 0,
                f"{z.last_page}/{z.opened}" if z else "0/0",
                tag="td",
                css="num",
            )
            + "</tr>"
        )
    table = (
        f'<table class="ranked holding"><thead><tr><th>{t("zone")}</th><th class="num">{t("visits")}</th>'
        f'<th class="num">{t("dwell_col")}</th><th class="num">{t("reading_col")}</th>'
        f'<th class="num">{t("power_col")}</th><th class="num">{t("end_col")}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    paces = ", ".join(f"{code} {wpm:g}" for code, wpm in ev.wpm.items())
    return _card(t("holding"), table, t("holding_note", paces=paces, source="Brysbaert 2019"))


def _touches(ev: Evaluation) -> str:
    if not ev.heat_maps:
        return _card(t("touches"), f'<p class="empty">{escape(t("touches_none"))}</p>')
    maps = []
    for heat in ev.heat_maps:
        screen = TEXT.get(f"screen_{heat.screen}", heat.screen)
        shape = f" ({t('portrait')})" if heat.portrait else ""
        description = t("touches_map", screen=f"{screen}{shape}", n=heat.touches)
        maps.append(
            f'<figure class="screen-map{" tall" if heat.portrait else ""}">{heat_map(heat, description)}'
            f"<figcaption><strong>{escape(screen)}{escape(shape)}</strong>"
            f" · {escape(t('sampled', n=heat.touches))}</figcaption></figure>"
        )
    return _card(t("touches"), f'<div class="maps">{"".join(maps)}</div>', t("touches_note"))


def _definitions() -> str:
    items = "".join(
        f"<li>{escape(t(key))}</li>"
        for key in (
            "define_attraction",
            "define_holding",
            "define_thorough",
            "define_dwell",
            "define_touches",
        )
    )
    return _card(t("definitions"), f'<ul class="defs">{items}</ul>')


def _footer(day_from: date, day_to: date, kiosk: str | None) -> str:
    command = f"kiosk stats --evaluation --from {day_from} --to {day_to}" + (
        f" --kiosk {kiosk}" if kiosk else ""
    )
    said = escape(t("same_as", command="\0")).replace("\0", f"<code>{escape(command)}</code>")
    return f'<footer class="downloads"><p class="note">{said}</p></footer>'


STYLE = """
.band a.kiosk { color: #FFFFFF; text-decoration: none; }
.figures { margin-top: 0; }
svg.chart .grid { stroke: #EEEBE4; stroke-width: 1; }
svg.chart .line { fill: none; stroke: var(--signal); stroke-width: 2.5; stroke-linejoin: round; }
svg.chart .median { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 3 3; fill: var(--ink); }
svg.chart .hit { fill: transparent; }
svg.chart .track { fill: #EEEBE4; }
svg.chart.path text.tick { fill: var(--ink); font-size: 13px; }
.holding .power { font-weight: 700; }
/* Six columns on a phone: the headings may wrap, the numbers keep together. */
.ranked.holding th.num { white-space: normal; }
.ranked.holding .num { padding-left: 6px; }
.maps { display: grid; gap: 16px; grid-template-columns: repeat(auto-fill, minmax(min(100%, 360px), 1fr)); }
.screen-map { margin: 0; }
.screen-map.tall svg { max-width: 60%; }
svg.heat { display: block; width: 100%; height: auto; }
svg.heat .screen { fill: #F6F4EF; stroke: var(--line); }
svg.heat .cell { fill: var(--signal); }
svg.heat .guide { stroke: #DDD8CF; stroke-width: 0.6; stroke-dasharray: 2 3; }
.screen-map figcaption { font-size: 0.85rem; color: var(--muted); margin-top: 6px; }
.screen-map figcaption strong { color: var(--ink); font-weight: 600; }
.defs { margin: 0; padding-left: 18px; color: var(--ink); font-size: 0.9rem; }
.defs li { margin: 4px 0; }
"""
