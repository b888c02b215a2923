"""The dashboard page as HTML, built from reports (`reports.summary`) and nothing else.

Every figure on the page is an element with `data-figure` (a stable name such as `sessions`,
`zone:forest:views`, `language:pl`, `hour:10:entries`, `day:2017-09-07:sessions`) and
`data-value` (the raw number, e.g. seconds where the page shows minutes:seconds), so tests and
scripts read the page exactly. All text from the store is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from urllib.parse import urlencode

from kiosk.visitors.report import Counts, Report
from kiosk.web.charts import Bar, Column, column_chart, meter

LANGUAGE_NAMES = {"pl": "Polish", "en": "English", "kk": "Kazakh", "ru": "Russian"}
MIN_HOURS_SHOWN = 8  # a quiet morning still shows as a working day, not three fat bars


@dataclass(frozen=True)
class View:
    """What one dashboard page shows."""

    kiosk_id: str
    timezone: str
    today: date
    day_from: date
    day_to: date
    period: Report  # day_from..day_to: big numbers, hours, zones, languages, quizzes
    days: Report  # behind the per-day chart
    days_from: date
    days_to: date
    pavilion: bool = False  # the central store, or several kiosks: the page names each kiosk
    kiosk: str | None = None  # the one kiosk the page keeps to (?kiosk=ID), if any

    @property
    def is_today(self) -> bool:
        return self.day_from == self.day_to == self.today

    @property
    def whose(self) -> str:
        """Whose visitors the page shows: a kiosk, or the whole pavilion."""
        if self.kiosk is not None:
            return self.kiosk
        return "Whole pavilion" if self.pavilion else self.kiosk_id

    def link(self, **params: str) -> str:
        """A link to this dashboard with `params`, keeping to the page's kiosk."""
        return "?" + urlencode({**params, **({"kiosk": self.kiosk} if self.kiosk else {})})

    def same_days(self, **params: str) -> str:
        """A link to these days with `params` (today's page stays today's, with its last 7 days)."""
        span = {} if self.is_today else {"from": self.day_from.isoformat(), "to": self.day_to.isoformat()}
        return "?" + urlencode({**span, **params}) if span or params else "./"


def clock(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour on."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def long_day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def span_title(first: date, last: date) -> str:
    """E.g. "1 – 7 September 2017", "30 August – 7 September 2017"; the year once if shared."""
    if first.year != last.year:
        return f"{first.day} {first:%B %Y} – {last.day} {last:%B %Y}"
    if first.month != last.month:
        return f"{first.day} {first:%B} – {last.day} {last:%B %Y}"
    return f"{first.day} – {last.day} {last:%B %Y}"


def short_day(day: date) -> str:
    return f"{day.day} {day:%b}"


def figure(name: str, value: float, shown: str | None = None, tag: str = "span", css: str = "") -> str:
    """One figure: its stable name and raw value as attributes, the readable form as text."""
    raw = str(int(value)) if float(value).is_integer() else str(value)
    text = raw if shown is None else shown
    css_class = f' class="{css}"' if css else ""
    return f'<{tag}{css_class} data-figure="{escape(name)}" data-value="{escape(raw)}">{escape(text)}</{tag}>'


def dashboard(view: View) -> str:
    report = view.period
    return _document(
        f"Visitors · {view.whose}",
        "".join(
            [
                _band(view),
                '<main class="wrap">',
                _intro(view),
                _big_numbers(report, view.pavilion and view.kiosk is None),
                _kiosks(view),
                '<div class="pair">',
                _hours(view),
                _days(view),
                "</div>",
                '<div class="pair">',
                _zones(report),
                _languages(report),
                "</div>",
                _quizzes(report),
                _downloads(view),
                "</main>",
            ]
        ),
    )


def _document(title: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)}</title>\n"
        # Relative links keep working when the dashboard sits behind a proxy under a sub-path.
        '<link rel="stylesheet" href="static/style.css">\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _band(view: View) -> str:
    span = {} if view.is_today else {"from": view.day_from.isoformat(), "to": view.day_to.isoformat()}
    return (
        '<header class="band"><div class="wrap band-row">'
        '<span class="brand">Pavilion kiosk <span class="thin">· Visitors</span></span>'
        f'<nav class="nav" aria-label="Pages"><a href="evaluation{escape(view.link(**span))}">'
        "Evaluation</a></nav>"
        f'<span class="kiosk">{escape(view.whose)}</span>'
        "</div></header>"
    )


def _range_link(view: View, day_from: date, day_to: date) -> str:
    return view.link(**{"from": day_from.isoformat(), "to": day_to.isoformat()})


def _intro(view: View) -> str:
    if view.is_today:
        eyebrow, title = "Today", long_day(view.today)
    elif view.day_from == view.day_to:
        eyebrow, title = "One day", long_day(view.day_from)
    else:
        eyebrow, title = "Period", span_title(view.day_from, view.day_to)
    chosen = (view.day_from, view.day_to)
    shortcuts = [("Today", view.link() if view.kiosk else "./", view.is_today)]
    for days in (7, 30):
        span = (view.today - timedelta(days=days - 1), view.today)
        shortcuts.append((f"Last {days} days", _range_link(view, *span), chosen == span))
    links = "".join(
        f'<a class="chip{" chip-on" if on else ""}" href="{escape(href)}">{label}</a>'
        for label, href, on in shortcuts
    )
    back = ""
    if view.kiosk is not None:  # one kiosk of the pavilion: the way back to all of them
        back = f'<a class="chip" href="{escape(view.same_days())}">All kiosks</a>'
    where = f" · kiosk {escape(view.kiosk)}" if view.kiosk else " · all kiosks" if view.pavilion else ""
    return (
        '<section class="intro">'
        f'<div><p class="eyebrow">{eyebrow}{where} · times in {escape(view.timezone)}</p>'
        f"<h1>{escape(title)}</h1></div>"
        '<form class="range" method="get" action=".">'
        f'<label>From <input type="date" name="from" value="{view.day_from.isoformat()}"></label>'
        f'<label>To <input type="date" name="to" value="{view.day_to.isoformat()}"></label>'
        + (f'<input type="hidden" name="kiosk" value="{escape(view.kiosk)}">' if view.kiosk else "")
        + '<button type="submit">Show</button>'
        f'<span class="chips">{links}{back}</span>'
        "</form></section>"
    )


def _big_numbers(report: Report, pavilion: bool = False) -> str:
    # (label, the figure, a note in HTML)
    used = "visitors who used a kiosk" if pavilion else "visitors who used the kiosk"
    cards = [
        ("Sessions", figure("sessions", report.sessions, css="big"), used),
        ("Entries", figure("entries", report.entries, css="big"), "people through the door"),
        (
            "Average visit",
            figure("avg_session_s", report.avg_session_s, clock(report.avg_session_s), css="big"),
            "minutes:seconds per session",
        ),
    ]
    opening = report.opening
    if opening is not None and opening.sessions_per_open_hour is not None:
        per_hour = opening.sessions_per_open_hour
        cards.append(
            (
                "Per open hour",
                figure("sessions_per_open_hour", per_hour, f"{per_hour:g}", css="big"),
                f"sessions per hour open ({opening.open_h_so_far:g} h; closed hours left out)",
            )
        )
    answers = sum(quiz.answers for quiz in report.quizzes.values())
    if answers:
        right = round(100 * sum(quiz.correct for quiz in report.quizzes.values()) / answers, 1)
        cards.append(
            (
                "Quiz answers right",
                figure("quiz_right_pct", right, f"{right:.0f}%", css="big"),
                f"of {figure('quiz_answers', answers)} answers",
            )
        )
    items = "".join(
        f'<div class="card figure"><span class="label">{label}</span>{number}'
        f'<span class="note">{note}</span></div>'
        for label, number, note in cards
    )
    return f'<section class="figures" aria-label="At a glance">{items}</section>'


def _legend() -> str:
    return (
        '<p class="legend"><span class="key series-0"></span>Sessions'
        '<span class="key series-1"></span>Entries</p>'
    )


def _pair_bars(prefix: str, key: str, counts: Counts, tip_label: str) -> list[Bar]:
    return [
        Bar(counts.sessions, f"{prefix}:{key}:sessions", f"{tip_label}: {counts.sessions} sessions"),
        Bar(counts.entries, f"{prefix}:{key}:entries", f"{tip_label}: {counts.entries} entries"),
    ]


def _hours(view: View) -> str:
    heading = "Today by hour" if view.is_today else "By hour of the day"
    hours = view.period.hours
    # With opening hours, the chart spans the hours the kiosk was open: a 0 there is a real 0.
    opening = view.period.opening
    opened = [h for h, open_h in opening.open_hours.items() if open_h] if opening else []
    if not hours and not opened:
        return _card(heading, '<p class="empty">No visitors in this period yet.</p>')
    first, last = min([*hours, *opened]), max([*hours, *opened])
    while last - first + 1 < MIN_HOURS_SHOWN:
        if last < 23:
            last += 1
        else:
            first -= 1
    columns = []
    for hour in range(first, last + 1):
        counts = view.period.hour(hour)
        tip = f"{hour:02d}:00–{hour + 1:02d}:00"
        if opened and hour not in opened:
            tip += " (closed)"
        columns.append(Column(f"{hour:02d}", _pair_bars("hour", f"{hour:02d}", counts, tip)))
    chart = column_chart(columns, f"{heading}: sessions and entries per hour")
    return _card(heading, _legend() + chart)


def _days(view: View) -> str:
    last_week = (view.today - timedelta(days=6), view.today)
    heading = "Last 7 days" if (view.days_from, view.days_to) == last_week else "By day"
    columns = []
    day = view.days_from
    while day <= view.days_to:
        counts = view.days.day(day)
        label = f"{day:%a} {day.day}" if (view.days_to - view.days_from).days < 14 else short_day(day)
        columns.append(Column(label, _pair_bars("day", day.isoformat(), counts, long_day(day))))
        day += timedelta(days=1)
    chart = column_chart(columns, f"{heading}: sessions and entries per day")
    return _card(heading, _legend() + chart)


def _kiosks(view: View) -> str:
    """The pavilion kiosk by kiosk, each a link to its own page (the same dashboard, kept to it)."""
    if not view.pavilion or view.kiosk is not None:
        return ""
    kiosks = view.period.by_kiosk
    watch = '<p class="note"><a href="kiosks">Each kiosk\'s state, screen and content release</a></p>'
    if not kiosks:
        return _card("Kiosks", '<p class="empty">No kiosk had visitors in this period.</p>' + watch)
    most = max(kiosk.sessions for kiosk in kiosks.values()) or 1
    rows = []
    for kiosk_id, kiosk in sorted(kiosks.items(), key=lambda kv: (-kv[1].sessions, kv[0])):
        name = f"kiosk:{kiosk_id}"
        href = view.same_days(kiosk=kiosk_id)
        rows.append(
            f'<tr><td class="name"><a href="{escape(href)}">{escape(kiosk_id)}</a>'
            f"{meter(kiosk.sessions / most)}</td>"
            + figure(f"{name}:sessions", kiosk.sessions, tag="td", css="num")
            + figure(f"{name}:entries", kiosk.entries, tag="td", css="num")
            + figure(
                f"{name}:avg_session_s",
                kiosk.avg_session_s,
                clock(kiosk.avg_session_s),
                tag="td",
                css="num",
            )
            + "</tr>"
        )
    table = (
        '<table class="ranked kiosks"><thead><tr><th>Kiosk</th><th class="num">Sessions</th>'
        '<th class="num">Entries</th><th class="num">Per visit</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _card("Kiosks", table + watch, "ranked by sessions; a kiosk's name opens its own figures")


def _zones(report: Report) -> str:
    zones = report.zones
    if not zones:
        return _card("Zones", '<p class="empty">No zone was opened in this period.</p>')
    most = max(zone.views for zone in zones.values())
    rows = []
    for zone_id, zone in zones.items():  # the report ranks them by views
        per_view = zone.dwell_per_view_s
        name = f"zone:{zone_id}"
        rows.append(
            f'<tr><td class="name">{escape(zone_id)}{meter(zone.views / most)}</td>'
            + figure(f"{name}:views", zone.views, tag="td", css="num")
            + figure(f"{name}:dwell_s", zone.dwell_s, clock(zone.dwell_s), tag="td", css="num")
            + figure(f"{name}:avg_dwell_s", per_view, clock(per_view), tag="td", css="num")
            + "</tr>"
        )
    table = (
        '<table class="ranked"><thead><tr><th>Zone</th><th class="num">Views</th>'
        '<th class="num">Time spent</th><th class="num">Per view</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _card("Zones", table, "ranked by views; time as minutes:seconds")


def _languages(report: Report) -> str:
    languages = report.languages
    if not languages:
        return _card("Languages", '<p class="empty">No language was chosen in this period.</p>')
    most = max(languages.values())
    rows = "".join(
        f'<tr><td class="name">{escape(LANGUAGE_NAMES.get(code, code))}'
        f' <span class="code">{escape(code)}</span>{meter(count / most)}</td>'
        + figure(f"language:{code}", count, tag="td", css="num")
        + "</tr>"
        for code, count in languages.items()
    )
    table = (
        '<table class="ranked"><thead><tr><th>Language</th><th class="num">Sessions</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return _card("Languages", table, "a visitor who switched language counts for each")


def _quizzes(report: Report) -> str:
    quizzes = report.quizzes
    if not quizzes:
        return ""
    rows = "".join(
        # A line may break after the zone: long quiz ids stay inside a phone's width.
        f'<tr><td class="name">{escape(quiz_id).replace("/", "/<wbr>")}</td>'
        + figure(f"quiz:{quiz_id}:answers", quiz.answers, tag="td", css="num")
        + figure(f"quiz:{quiz_id}:correct", quiz.correct, tag="td", css="num")
        + figure(f"quiz:{quiz_id}:right_pct", quiz.right_pct, f"{quiz.right_pct:.0f}%", tag="td", css="num")
        + "</tr>"
        for quiz_id, quiz in quizzes.items()
    )
    table = (
        '<table class="ranked"><thead><tr><th>Quiz</th><th class="num">Answers</th>'
        '<th class="num">Right</th><th class="num">%</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return _card("Quizzes", table, "zone/quiz as in the zone files")


def _downloads(view: View) -> str:
    span = {"from": view.day_from.isoformat(), "to": view.day_to.isoformat()}
    if view.kiosk is not None:
        span["kiosk"] = view.kiosk
    breakdowns = ["day", "hour", "zone", "language", *(["kiosk"] if view.pavilion and not view.kiosk else [])]
    links = [(f"stats.csv?{urlencode({**span, 'by': by})}", f"CSV by {by}") for by in breakdowns]
    links += [
        (f"stats.csv?{urlencode(span)}", "CSV, every figure"),
        (f"stats.json?{urlencode(span)}", "JSON"),
    ]
    anchors = "".join(f'<a class="chip" href="{escape(href)}">{label}</a>' for href, label in links)
    command = f"kiosk stats --from {span['from']} --to {span['to']}"
    if view.pavilion:
        command = command.replace("stats", "stats --db …", 1)  # the central store, or the kiosks' files
    if view.kiosk is not None:
        command += f" --kiosk {view.kiosk}"
    return (
        '<footer class="downloads">'
        f'<p class="chips"><span class="label">Download</span>{anchors}</p>'
        f'<p class="note">The same figures as <code>{escape(command)}</code>, from the visitor store.</p>'
        "</footer>"
    )


def _card(heading: str, content: str, note: str = "") -> str:
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return f'<section class="card"><h2>{escape(heading)}</h2>{content}{note_html}</section>'
