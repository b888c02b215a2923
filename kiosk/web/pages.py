"""The dashboard page as HTML, built from reports (`reports.summary`) and nothing else.

Every figure on the page is an element with `data-figure` (a stable name such as `sessions`,
`zone:forest:views`, `language:pl`, `hour:10:entries`, `day:2017-09-07:sessions`) and
`data-value` (the raw number, e.g. seconds where the page shows minutes:seconds), so tests and
scripts read the page exactly. All text from the store is escaped. Words, numbers and dates
are in the page's language (`View.words`, kiosk/l10n.py), zones named by their titles.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape
from urllib.parse import urlencode

from kiosk.config import STAFF_LANGUAGES
from kiosk.l10n import ENGLISH, N_, Words, words
from kiosk.visitors.report import Counts, Report
from kiosk.web.charts import Bar, Column, column_chart, meter

MIN_HOURS_SHOWN = 8  # a quiet morning still shows as a working day, not three fat bars
# The downloads' breakdowns, named for the catalogs; the `by` values of stats.csv stay English.
CSV_BY = {
    "day": N_("CSV by day"),
    "hour": N_("CSV by hour"),
    "zone": N_("CSV by zone"),
    "language": N_("CSV by language"),
    "kiosk": N_("CSV by kiosk"),
}


@dataclass(frozen=True)
class View:
    """What one dashboard page shows, and in which language."""

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
    words: Words = ENGLISH
    zone_titles: dict[str, str] = field(default_factory=dict)  # zone id -> title in `words`

    @property
    def is_today(self) -> bool:
        return self.day_from == self.day_to == self.today

    @property
    def whose(self) -> str:
        """Whose visitors the page shows: a kiosk, or the whole pavilion."""
        if self.kiosk is not None:
            return self.kiosk
        _ = self.words
        return _("Whole pavilion") if self.pavilion else self.kiosk_id

    def link(self, **params: str) -> str:
        """A link to this dashboard with `params`, keeping to the page's kiosk."""
        return "?" + urlencode({**params, **({"kiosk": self.kiosk} if self.kiosk else {})})

    def same_days(self, **params: str) -> str:
        """A link to these days with `params` (today's page stays today's, with its last 7 days)."""
        span = {} if self.is_today else {"from": self.day_from.isoformat(), "to": self.day_to.isoformat()}
        return "?" + urlencode({**span, **params}) if span or params else "./"

    def zone(self, zone_id: str) -> str:
        """A zone's title for staff, its id where the content has none."""
        return self.zone_titles.get(zone_id, zone_id)


def clock(seconds: float) -> str:
    """Seconds as m:ss, or h:mm:ss from an hour on."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def long_day(day: date, said: Words = ENGLISH) -> str:
    """E.g. "Thursday, 7 September 2017", "czwartek, 7 września 2017"."""
    return said.date(day, "full")


def span_title(first: date, last: date, said: Words = ENGLISH) -> str:
    """E.g. "1 – 7 September 2017", "30 sierpnia – 7 września 2017"; the year once if shared."""
    return said.span(first, last)


def figure(name: str, value: float, shown: str | None = None, tag: str = "span", css: str = "") -> str:
    """One figure: its stable name and raw value as attributes, the readable form as text."""
    raw = str(int(value)) if float(value).is_integer() else str(value)
    text = raw if shown is None else shown
    css_class = f' class="{css}"' if css else ""
    return f'<{tag}{css_class} data-figure="{escape(name)}" data-value="{escape(raw)}">{escape(text)}</{tag}>'


def counted(name: str, value: float, said: Words, **attrs) -> str:
    """A figure shown as the page's language writes numbers (12 345)."""
    return figure(name, value, said.number(value), **attrs)


def html(template: str, **parts: str) -> str:
    """A translated text, escaped, with `parts` (already HTML) put in its {places}."""
    return escape(template).format(**parts)


def dashboard(view: View) -> str:
    report, _ = view.period, view.words
    return document(
        view.words,
        _("Visitors · {whose}").format(whose=view.whose),
        "".join(
            [
                _band(view),
                '<main class="wrap">',
                _intro(view),
                _big_numbers(report, view.words, view.pavilion and view.kiosk is None),
                _kiosks(view),
                '<div class="pair">',
                _hours(view),
                _days(view),
                "</div>",
                '<div class="pair">',
                _zones(view),
                _languages(report, view.words),
                "</div>",
                _quizzes(view),
                _films(view),
                _downloads(view),
                "</main>",
            ]
        ),
    )


def document(said: Words, title: str, body: str, extra_head: str = "") -> str:
    """A whole page in `said`'s language: <html lang> tells screen readers and spell checkers."""
    return (
        f'<!doctype html>\n<html lang="{said.language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)}</title>\n"
        # Relative links keep working when the dashboard sits behind a proxy under a sub-path.
        '<link rel="stylesheet" href="static/style.css">\n'
        f"{extra_head}</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def switcher(said: Words, link) -> str:
    """The languages staff may read the page in, each named in itself; `link(code)` is its href.
    The choice is remembered (language.py)."""
    items = []
    for code in STAFF_LANGUAGES:
        name = escape(words(code).language_name(code))
        current = ' aria-current="true"' if code == said.language else ""
        items.append(f'<a lang="{code}" hreflang="{code}" href="{escape(link(code))}"{current}>{name}</a>')
    _ = said
    label = _("Language")
    return f'<nav class="languages" aria-label="{escape(label)}">{"".join(items)}</nav>'


def _band(view: View) -> str:
    _ = view.words
    brand, visitors, pages, evaluation = _("Pavilion kiosk"), _("Visitors"), _("Pages"), _("Evaluation")
    span = {} if view.is_today else {"from": view.day_from.isoformat(), "to": view.day_to.isoformat()}
    return (
        '<header class="band"><div class="wrap band-row">'
        f'<span class="brand">{escape(brand)} <span class="thin">· {escape(visitors)}</span></span>'
        f'<nav class="nav" aria-label="{escape(pages)}"><a href="evaluation{escape(view.link(**span))}">'
        f"{escape(evaluation)}</a></nav>"
        f'<span class="kiosk">{escape(view.whose)}</span>'
        + switcher(_, lambda code: _same_page(view, lang=code))
        + "</div></header>"
    )


def _same_page(view: View, **params: str) -> str:
    """This very page (its days and kiosk) with `params`."""
    span = {} if view.is_today else {"from": view.day_from.isoformat(), "to": view.day_to.isoformat()}
    return "?" + urlencode({**span, **({"kiosk": view.kiosk} if view.kiosk else {}), **params})


def _range_link(view: View, day_from: date, day_to: date) -> str:
    return view.link(**{"from": day_from.isoformat(), "to": day_to.isoformat()})


def _intro(view: View) -> str:
    _ = view.words
    if view.is_today:
        eyebrow, title = _("Today"), long_day(view.today, _)
    elif view.day_from == view.day_to:
        eyebrow, title = _("One day"), long_day(view.day_from, _)
    else:
        eyebrow, title = _("Period"), span_title(view.day_from, view.day_to, _)
    chosen = (view.day_from, view.day_to)
    shortcuts = [(_("Today"), view.link() if view.kiosk else "./", view.is_today)]
    for days in (7, 30):
        span = (view.today - timedelta(days=days - 1), view.today)
        shortcuts.append(
            (_.ngettext("Last {n} day", "Last {n} days", days), _range_link(view, *span), chosen == span)
        )
    links = "".join(
        f'<a class="chip{" chip-on" if on else ""}" href="{escape(href)}">{escape(label)}</a>'
        for label, href, on in shortcuts
    )
    back = ""
    if view.kiosk is not None:  # one kiosk of the pavilion: the way back to all of them
        every = _("All kiosks")
        back = f'<a class="chip" href="{escape(view.same_days())}">{escape(every)}</a>'
    where = (
        [_("kiosk {kiosk}").format(kiosk=view.kiosk)]
        if view.kiosk
        else [_("all kiosks")]
        if view.pavilion
        else []
    )
    show = _("Show")
    eyebrows = " · ".join([eyebrow, *where, _("times in {timezone}").format(timezone=view.timezone)])
    return (
        '<section class="intro">'
        f'<div><p class="eyebrow">{escape(eyebrows)}</p>'
        f"<h1>{escape(title)}</h1></div>"
        '<form class="range" method="get" action=".">'
        + _day_field(_("From"), "from", view.day_from)
        + _day_field(_("To"), "to", view.day_to)
        + (f'<input type="hidden" name="kiosk" value="{escape(view.kiosk)}">' if view.kiosk else "")
        + f'<button type="submit">{escape(show)}</button>'
        f'<span class="chips">{links}{back}</span>'
        "</form></section>"
    )


def _big_numbers(report: Report, _: Words, pavilion: bool = False) -> str:
    # (label, the figure, a note in HTML)
    used = _("visitors who used a kiosk") if pavilion else _("visitors who used the kiosk")
    cards = [
        (_("Sessions"), counted("sessions", report.sessions, _, css="big"), escape(used)),
        (
            _("Entries"),
            counted("entries", report.entries, _, css="big"),
            escape(_("people through the door")),
        ),
        (
            _("Average visit"),
            figure("avg_session_s", report.avg_session_s, clock(report.avg_session_s), css="big"),
            escape(_("minutes:seconds per session")),
        ),
    ]
    opening = report.opening
    if opening is not None and opening.sessions_per_open_hour is not None:
        per_hour = opening.sessions_per_open_hour
        cards.append(
            (
                _("Per open hour"),
                counted("sessions_per_open_hour", per_hour, _, css="big"),
                escape(
                    _("sessions per hour open ({hours} h; closed hours left out)").format(
                        hours=_.number(opening.open_h_so_far)
                    )
                ),
            )
        )
    answers = sum(quiz.answers for quiz in report.quizzes.values())
    if answers:
        right = round(100 * sum(quiz.correct for quiz in report.quizzes.values()) / answers, 1)
        # n="{n}" keeps the place for the figure's HTML, put in after the text is escaped.
        of = _.ngettext("of {n} answer", "of {n} answers", answers, n="{n}")
        cards.append(
            (
                _("Quiz answers right"),
                figure("quiz_right_pct", right, _.percent(round(right)), css="big"),
                html(of, n=counted("quiz_answers", answers, _)),
            )
        )
    items = "".join(
        f'<div class="card figure"><span class="label">{escape(label)}</span>{number}'
        f'<span class="note">{note}</span></div>'
        for label, number, note in cards
    )
    glance = _("At a glance")
    return f'<section class="figures" aria-label="{escape(glance)}">{items}</section>'


def _legend(_: Words) -> str:
    sessions, entries = escape(_("Sessions")), escape(_("Entries"))
    return (
        f'<p class="legend"><span class="key series-0"></span>{sessions}'
        f'<span class="key series-1"></span>{entries}</p>'
    )


def _pair_bars(prefix: str, key: str, counts: Counts, when: str, _: Words) -> list[Bar]:
    return [
        Bar(
            counts.sessions,
            f"{prefix}:{key}:sessions",
            _.ngettext("{when}: {n} session", "{when}: {n} sessions", counts.sessions, when=when),
        ),
        Bar(
            counts.entries,
            f"{prefix}:{key}:entries",
            _.ngettext("{when}: {n} entry", "{when}: {n} entries", counts.entries, when=when),
        ),
    ]


def _hours(view: View) -> str:
    _ = view.words
    heading = _("Today by hour") if view.is_today else _("By hour of the day")
    hours = view.period.hours
    # With opening hours, the chart spans the hours the kiosk was open: a 0 there is a real 0.
    opening = view.period.opening
    opened = [h for h, open_h in opening.open_hours.items() if open_h] if opening else []
    if not hours and not opened:
        return _card(heading, _empty(_("No visitors in this period yet.")))
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
            tip = _("{hours} (closed)").format(hours=tip)
        columns.append(Column(f"{hour:02d}", _pair_bars("hour", f"{hour:02d}", counts, tip, _)))
    chart = column_chart(columns, _("{chart}: sessions and entries per hour").format(chart=heading), _.number)
    return _card(heading, _legend(_) + chart)


def _days(view: View) -> str:
    _ = view.words
    last_week = (view.today - timedelta(days=6), view.today)
    heading = (
        _.ngettext("Last {n} day", "Last {n} days", 7)
        if (view.days_from, view.days_to) == last_week
        else _("By day")
    )
    columns = []
    day = view.days_from
    # A week names its weekdays ("czw., 7"); longer spans give the month instead ("7 wrz").
    short = "Ed" if (view.days_to - view.days_from).days < 14 else "MMMd"
    while day <= view.days_to:
        counts = view.days.day(day)
        columns.append(
            Column(_.skeleton(short, day), _pair_bars("day", day.isoformat(), counts, long_day(day, _), _))
        )
        day += timedelta(days=1)
    chart = column_chart(columns, _("{chart}: sessions and entries per day").format(chart=heading), _.number)
    return _card(heading, _legend(_) + chart)


def _kiosks(view: View) -> str:
    """The pavilion kiosk by kiosk, each a link to its own page (the same dashboard, kept to it)."""
    if not view.pavilion or view.kiosk is not None:
        return ""
    _ = view.words
    kiosks = view.period.by_kiosk
    watch = _("Each kiosk's state, screen and content release")
    watch = f'<p class="note"><a href="kiosks">{escape(watch)}</a></p>'
    if not kiosks:
        return _card(_("Kiosks"), _empty(_("No kiosk had visitors in this period.")) + watch)
    most = max(kiosk.sessions for kiosk in kiosks.values()) or 1
    rows = []
    for kiosk_id, kiosk in sorted(kiosks.items(), key=lambda kv: (-kv[1].sessions, kv[0])):
        name = f"kiosk:{kiosk_id}"
        href = view.same_days(kiosk=kiosk_id)
        rows.append(
            f'<tr><td class="name"><a href="{escape(href)}">{escape(kiosk_id)}</a>'
            f"{meter(kiosk.sessions / most)}</td>"
            + counted(f"{name}:sessions", kiosk.sessions, _, tag="td", css="num")
            + counted(f"{name}:entries", kiosk.entries, _, tag="td", css="num")
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
        '<table class="ranked kiosks">'
        + _heads(_("Kiosk"), _("Sessions"), _("Entries"), _("Per visit"))
        + f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _card(_("Kiosks"), table + watch, _("ranked by sessions; a kiosk's name opens its own figures"))


def _zones(view: View) -> str:
    _ = view.words
    zones = view.period.zones
    if not zones:
        return _card(_("Zones"), _empty(_("No zone was opened in this period.")))
    most = max(zone.views for zone in zones.values())
    rows = []
    for zone_id, zone in zones.items():  # the report ranks them by views
        per_view = zone.dwell_per_view_s
        name = f"zone:{zone_id}"
        # The title for staff; the id (as in the CSV and the zone's file name) on a pointer's hover.
        rows.append(
            f'<tr><td class="name" title="{escape(zone_id)}">{escape(view.zone(zone_id))}'
            f"{meter(zone.views / most)}</td>"
            + counted(f"{name}:views", zone.views, _, tag="td", css="num")
            + figure(f"{name}:dwell_s", zone.dwell_s, clock(zone.dwell_s), tag="td", css="num")
            + figure(f"{name}:avg_dwell_s", per_view, clock(per_view), tag="td", css="num")
            + "</tr>"
        )
    table = (
        '<table class="ranked">'
        + _heads(_("Zone"), _("Views"), _("Time spent"), _("Per view"))
        + f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _card(_("Zones"), table, _("ranked by views; time as minutes:seconds"))


def _languages(report: Report, _: Words) -> str:
    languages = report.languages
    if not languages:
        return _card(_("Languages"), _empty(_("No language was chosen in this period.")))
    most = max(languages.values())
    rows = "".join(
        f'<tr><td class="name">{escape(_.language_name(code))}'
        f' <span class="code">{escape(code)}</span>{meter(count / most)}</td>'
        + counted(f"language:{code}", count, _, tag="td", css="num")
        + "</tr>"
        for code, count in languages.items()
    )
    table = '<table class="ranked">' + _heads(_("Language"), _("Sessions")) + f"<tbody>{rows}</tbody></table>"
    return _card(_("Languages"), table, _("a visitor who switched language counts for each"))


def _zone_item_cell(view: View, item_id: str) -> str:
    """A row's first cell for `zone/item` (a quiz, a film): the zone by its title, the id on hover."""
    zone_id, slash, name = item_id.partition("/")
    shown = f"{view.zone(zone_id)}{slash}{name}"
    # A line may break after the zone: long ids stay inside a phone's width.
    return f'<tr><td class="name" title="{escape(item_id)}">{escape(shown).replace("/", "/<wbr>")}</td>'


def _quizzes(view: View) -> str:
    _ = view.words
    quizzes = view.period.quizzes
    if not quizzes:
        return ""
    rows = []
    for quiz_id, quiz in quizzes.items():
        rows.append(
            _zone_item_cell(view, quiz_id)
            + counted(f"quiz:{quiz_id}:answers", quiz.answers, _, tag="td", css="num")
            + counted(f"quiz:{quiz_id}:correct", quiz.correct, _, tag="td", css="num")
            + figure(
                f"quiz:{quiz_id}:right_pct",
                quiz.right_pct,
                _.percent(round(quiz.right_pct)),
                tag="td",
                css="num",
            )
            + "</tr>"
        )
    table = (
        '<table class="ranked">'
        + _heads(_("Quiz"), _("Answers"), _("Right"), "%")
        + f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _card(_("Quizzes"), table, _("zone/quiz as in the zone files"))


def _films(view: View) -> str:
    _ = view.words
    films = view.period.videos
    if not films:
        return ""
    rows = []
    for film_id, film in films.items():
        rows.append(
            _zone_item_cell(view, film_id)
            + counted(f"video:{film_id}:plays", film.plays, _, tag="td", css="num")
            + counted(f"video:{film_id}:completed", film.completed, _, tag="td", css="num")
            + figure(
                f"video:{film_id}:holding_power",
                film.holding_power,
                _.percent(round(100 * film.holding_power)),
                tag="td",
                css="num",
            )
            + "</tr>"
        )
    table = (
        '<table class="ranked">'
        + _heads(_("Film"), _("Plays"), _("To the end"), _("Held"))
        + f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return _card(_("Films"), table, _("held: the time watched over the film's length, all plays together"))


def _downloads(view: View) -> str:
    _ = view.words
    span = {"from": view.day_from.isoformat(), "to": view.day_to.isoformat()}
    if view.kiosk is not None:
        span["kiosk"] = view.kiosk
    breakdowns = ["day", "hour", "zone", "language", *(["kiosk"] if view.pavilion and not view.kiosk else [])]
    links = [("stats.csv?" + urlencode({**span, "by": by}), _(CSV_BY[by])) for by in breakdowns]
    links += [
        ("stats.csv?" + urlencode(span), _("CSV, every figure")),
        (f"stats.json?{urlencode(span)}", "JSON"),
    ]
    anchors = "".join(f'<a class="chip" href="{escape(href)}">{escape(label)}</a>' for href, label in links)
    command = f"kiosk stats --from {span['from']} --to {span['to']}"
    if view.pavilion:
        command = command.replace("stats", "stats --db …", 1)  # the central store, or the kiosks' files
    if view.kiosk is not None:
        command += f" --kiosk {view.kiosk}"
    download = _("Download")
    same = html(
        _("The same figures as {command}, from the visitor store."), command=f"<code>{escape(command)}</code>"
    )
    return (
        '<footer class="downloads">'
        f'<p class="chips"><span class="label">{escape(download)}</span>{anchors}</p>'
        f'<p class="note">{same}</p>'
        "</footer>"
    )


def _heads(first: str, *numbers: str) -> str:
    """A ranked table's head: the name's column, then the figures' (right-aligned)."""
    cells = "".join(f'<th class="num">{escape(text)}</th>' for text in numbers)
    return f"<thead><tr><th>{escape(first)}</th>{cells}</tr></thead>"


def _day_field(label: str, name: str, day: date) -> str:
    return f'<label>{escape(label)} <input type="date" name="{name}" value="{day.isoformat()}"></label>'


def _empty(said: str) -> str:
    return f'<p class="empty">{escape(said)}</p>'


def _card(heading: str, content: str, note: str = "") -> str:
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return f'<section class="card"><h2>{escape(heading)}</h2>{content}{note_html}</section>'
