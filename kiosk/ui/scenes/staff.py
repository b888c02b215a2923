"""The staff screens: a PIN pad behind a hidden gesture, then today's numbers and controls.

Nothing here is counted as a visit. The numbers come from the same reports as `kiosk stats`
and the dashboard. Both screens speak the staff's language (`staff.language`: pl, en, kk or
ru, from the catalogs in kiosk/locale), with Babel's numbers, dates and plurals, and name zones
by their titles in that language.
"""

from __future__ import annotations

from datetime import timedelta

import pygame

from kiosk.l10n import Words
from kiosk.staff import StaffSecrets
from kiosk.ui import layout, widgets
from kiosk.ui.layout import Rect
from kiosk.ui.scenes.base import Scene
from kiosk.visit.intents import StaffAction
from kiosk.visitors import reports
from kiosk.visitors.report import Counts

KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]
STAFF_IDLE_S = 60.0  # the staff screen closes itself


class StaffPinScene(Scene):
    name = "staff-pin"

    def __init__(self, host):
        super().__init__(host)
        self.entered = ""
        _ = self.words
        self.message = _("PIN")
        # The process's one keeper of the file: reopening the pad does not forget wrong PINs.
        self.secrets = StaffSecrets.shared(self.look.config.staff_file, self.look.clock)

    @property
    def words(self) -> Words:
        return self.look.staff_words

    def compose(self, surface: pygame.Surface) -> None:
        m, theme, ts = self.look.metrics, self.look.theme, self.look.type
        surface.fill(theme.ink)
        width = min(m.width - 2 * m.margin, m.px(620))
        key = (width - 2 * m.gap) // 3
        height = 4 * key + 3 * m.gap
        top = max(m.margin + m.px(180), (m.height - height) // 2 + m.px(60))
        left = (m.width - width) // 2
        shown = self.message if not self.entered else "•" * len(self.entered)
        _ = self.words
        ok = _("OK")
        # A long message ("wrong PIN, wait 30 s") steps down a size rather than lose its end.
        # It may be wider than the pad: centred above it, in the whole screen's width.
        room = m.width - 2 * m.margin - 2 * m.target  # clear of the close button
        label = ts.line(shown, "title", theme.card, theme.ink, room, smaller=("heading", "body", "small"))
        surface.blit(label, label.get_rect(centerx=m.width // 2, bottom=top - m.gap))
        for i, name in enumerate(KEYS):
            row, col = divmod(i, 3)
            r = self.target(
                f"pin:{name}", Rect(left + col * (key + m.gap), top + row * (key + m.gap), key, key)
            )
            fill = theme.signal if name == "ok" else theme.card
            ink = theme.on_signal if name == "ok" else theme.ink
            # "C" as on any keypad: the shipped fonts have no ⌫, and the key clears every digit.
            text = {"clear": "C", "ok": ok}.get(name, name)
            widgets.button(surface, ts, m, r, text, fill, ink, style="title")
        close = self.target("pin:cancel", Rect(m.width - m.margin - m.target, m.margin, m.target, m.target))
        widgets.panel(surface, close, theme.card, m.radius)
        widgets.close_icon(surface, close, theme.ink, max(3, m.px(5)))

    def activate(self, widget_id: str) -> None:
        key = widget_id.split(":", 1)[1]
        if key == "cancel":
            self.post(StaffAction("close"))
            return
        if key == "clear":
            self.entered = ""
        elif key == "ok":
            self._check()
        elif len(self.entered) < 8:
            self.entered += key
        self.build()

    def _check(self) -> None:
        _ = self.words
        if not self.secrets.has("pin"):
            self.message, self.entered = _("No PIN set: kiosk set-pin"), ""
            return
        locked = self.secrets.locked_for()
        if locked > 0:
            self.message, self.entered = _("Locked for {n} s").format(n=_.number(int(locked) + 1)), ""
            return
        if self.secrets.try_pin(self.entered):
            self.post(StaffAction("open"))
            return
        locked = self.secrets.locked_for()
        if locked:
            self.message = _("Wrong PIN - locked for {n} s").format(n=_.number(int(locked)))
        else:
            self.message = _("Wrong PIN")
        if self.secrets.problem:  # the count then lives in memory only: staff should know
            self.message += _(" · disk not writable")
        self.entered = ""


def _count(counts: Counts, closed: bool) -> int | str:
    """Sessions in an hour or a day; "-" when the kiosk was closed then and nobody came."""
    return "-" if closed and not counts.sessions else counts.sessions


def _film_rows(look, today) -> list[str]:
    """A line per film played today: its plays, how many to the end, how well it held."""
    words = look.staff_words
    return [
        words.ngettext(
            "{film}: {n} play, {completed} to the end, held {held}",
            "{film}: {n} plays, {completed} to the end, held {held}",
            film.plays,
            film=film_id,
            completed=words.number(film.completed),
            held=words.percent(round(100 * film.holding_power)),
        )
        for film_id, film in today.videos.items()
    ]


def _zone_rows(look, today) -> list[str]:
    """A line per zone opened today, named by its title in the staff's language (the id where
    the content no longer has the zone)."""
    words, default = look.staff_words, look.config.default_language
    titles = {zone.id: zone.title.get(words.language, default) for zone in look.exhibit.zones}
    return [
        words.ngettext(
            "{zone}: {n} view, {minutes} min",
            "{zone}: {n} views, {minutes} min",
            z.views,
            zone=titles.get(zone_id, zone_id),
            minutes=words.number(round(z.dwell_s / 60)),
        )
        for zone_id, z in today.zones.items()
    ]


def read_figures(config, wall: float) -> tuple:
    """(day, today's report, the last 7 days' report) from this kiosk's store."""
    tz, hours = config.tz, config.opening_hours
    day = reports.today(tz, wall)
    conn = reports.open_readonly(config.store_file)
    try:
        return (
            day,
            reports.summary(conn, tz, day, day, hours, wall),
            reports.summary(conn, tz, day - timedelta(days=6), day, hours, wall),
        )
    finally:
        if conn:
            conn.close()


class StaffScene(Scene):
    """Today at a glance, the content's state, and the few things staff may change."""

    name = "staff"

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        _ = words = look.staff_words
        day, today, week = look.staff_figures()
        self.figures = today
        widgets.flag_band(surface, m, theme)
        y = layout.band(m) + m.gap
        title = ts.line(
            _("Staff · {kiosk} · {day} · {hours}").format(
                kiosk=look.config.kiosk_id, day=words.date(day), hours=look.hours_status(words)
            ),
            "heading",
            theme.ink,
            theme.paper,
            m.width - 2 * m.margin,
            smaller=("body", "small"),  # a long date and status in portrait still whole
        )
        surface.blit(title, (m.margin, y))
        y += title.get_height() + m.gap

        # Big numbers, each over the word that agrees with it: "5 sesji", "2 сеанса".
        minutes, seconds = divmod(round(today.avg_session_s), 60)
        big = [
            (words.ngettext("session", "sessions", today.sessions), words.number(today.sessions)),
            (words.ngettext("entry", "entries", today.entries), words.number(today.entries)),
            (_("average visit"), f"{minutes}:{seconds:02d}"),
        ]
        box_w = (m.width - 2 * m.margin - 2 * m.gap) // 3
        for i, (label, value) in enumerate(big):
            box = Rect(m.margin + i * (box_w + m.gap), y, box_w, m.px(150))
            widgets.panel(surface, box, theme.card, m.radius, theme.line, m.px(2))
            surface.blit(
                ts.line(value, "title", theme.ink, theme.card, box.w - m.px(40)),
                (box.x + m.px(20), box.y + m.px(12)),
            )
            surface.blit(
                ts.line(label, "small", theme.muted, theme.card, box.w - m.px(40), bold=False),
                (box.x + m.px(20), box.bottom - m.px(44)),
            )
        y += m.px(150) + m.gap

        # Charts on the left and lists on the right; on a portrait screen, one above the other.
        if m.portrait:
            left = right = Rect(m.margin, y, m.width - 2 * m.margin, 0)
        else:
            left = Rect(m.margin, y, (m.width - 2 * m.margin - m.gap) // 2, 0)
            right = Rect(left.right + m.gap, y, left.w, 0)
        # A closed hour or day shows as "-", not as a 0: nobody could come then.
        open_hours = today.opening.open_hours if today.opening else {}
        closed_days = set(week.opening.closed_days) if week.opening else set()
        ly = self._bars(
            surface,
            left.x,
            y,
            left.w,
            _("Sessions per hour today (- closed)") if open_hours else _("Sessions per hour today"),
            [(h, _count(today.hour(h), bool(open_hours) and not open_hours[h])) for h in range(24)],
        )
        days = [
            (words.skeleton("MMMd", d), _count(week.day(d), d in closed_days))
            for d in (day - timedelta(days=6 - i) for i in range(7))
        ]
        week_title = words.ngettext("Last {n} day", "Last {n} days", 7)
        ly = self._bars(surface, left.x, ly + m.gap, left.w, week_title, days)
        rows = _zone_rows(look, today) + _film_rows(look, today)
        languages = [
            words.ngettext(
                "{language}: {n} session", "{language}: {n} sessions", n, language=words.language_name(code)
            )
            for code, n in today.languages.items()
        ]
        rows += [""] + languages if rows and languages else languages
        # Actions along the bottom.
        labels = [
            ("staff:maintenance", _("Maintenance: ON") if look.maintenance else _("Maintenance: off")),
            ("staff:hours", _("Close now") if look.open else _("Open now")),
            ("staff:reload", _("Reload content")),
            ("staff:exit", _("Exit kiosk")),
            # "Close" beside "Close now" reads as closing the kiosk: translators say "done".
            ("staff:close", words.pgettext("leave the staff screen", "Close")),
        ]
        per_row = 2 if m.portrait else 5  # so every label fits: staff must see maintenance is ON
        bh = max(m.target, m.px(96))
        rows_of_buttons = -(-len(labels) // per_row)
        top = m.height - m.margin - rows_of_buttons * bh - (rows_of_buttons - 1) * m.gap
        bottom = top - m.gap  # no list runs under the buttons
        ry = self._list(
            surface,
            right.x,
            ly + m.gap if m.portrait else y,
            right.w,
            _("Zones and languages today"),
            rows or [_("no visitors yet")],
            bottom,
        )
        # The kiosk's own state: on a landscape screen the content's under the charts, where there
        # is room, and the records' under the lists; on a portrait one, both under the lists.
        content = look.content_status(words)
        cx, cy = (right.x, ry) if m.portrait else (left.x, ly)
        cy = self._list(surface, cx, cy + m.gap, right.w, _("Content"), content, bottom)
        records = look.store_status(words)
        self._list(
            surface,
            right.x,
            (cy if m.portrait else ry) + m.gap,
            right.w,
            _("Visitor records"),
            records,
            bottom,
        )

        bw = (m.width - 2 * m.margin - (per_row - 1) * m.gap) // per_row
        for i, (widget_id, label) in enumerate(labels):
            row, col = divmod(i, per_row)
            r = self.target(widget_id, Rect(m.margin + col * (bw + m.gap), top + row * (bh + m.gap), bw, bh))
            on = widget_id == "staff:maintenance" and look.maintenance
            widgets.button(
                surface,
                ts,
                m,
                r,
                label,
                theme.signal if on else theme.card,
                theme.on_signal if on else theme.ink,
                None if on else theme.line,
            )

    def _bars(self, surface, x: int, y: int, width: int, title: str, values: list) -> int:
        m, theme, ts = self.look.metrics, self.look.theme, self.look.type
        head = ts.line(title, "body", theme.ink, theme.paper, width)
        surface.blit(head, (x, y))
        y += head.get_height() + m.px(8)
        height = m.px(150)
        step = width / len(values)
        counts = [ts.line(str(n), "small", theme.muted, theme.paper, bold=False) for _, n in values]
        values = [(key, n if isinstance(n, int) else 0) for key, n in values]  # "-": closed, no bar
        peak = max([n for _, n in values] + [1])
        # Each bar carries its count when every count fits over its bar: staff read figures, not heights.
        labelled = all(count.get_width() <= step - 4 for count in counts)
        room = height - m.px(30) - (counts[0].get_height() if labelled else 0)
        baseline = y + height - m.px(30)
        for i, (_, n) in enumerate(values):
            bar = round(room * n / peak)
            left = x + round(i * step) + 2
            pygame.draw.rect(surface, theme.signal, (left, baseline - bar, max(2, round(step) - 4), bar))
            if labelled:
                centre = left + (round(step) - 4 - counts[i].get_width()) // 2
                surface.blit(counts[i], (centre, baseline - bar - counts[i].get_height()))
        pygame.draw.line(surface, theme.line, (x, baseline), (x + width, baseline), max(1, m.px(2)))
        every = max(1, len(values) // 6)
        for i in range(0, len(values), every):
            text = ts.line(str(values[i][0]), "small", theme.muted, theme.paper, bold=False)
            surface.blit(text, (x + round(i * step), y + height - m.px(28)))
        return y + height

    def _list(self, surface, x: int, y: int, width: int, title: str, rows: list[str], bottom: int) -> int:
        """A heading and its lines, as many as fit above `bottom`; "… +3" says how many did not."""
        m, theme, ts = self.look.metrics, self.look.theme, self.look.type
        head = ts.line(title, "body", theme.ink, theme.paper, width)
        if y + head.get_height() > bottom:
            return y
        surface.blit(head, (x, y))
        y += head.get_height() + m.px(6)
        room = min(12, max(0, (bottom - y) // ts.font("small", False).get_height()))
        shown = rows if len(rows) <= room else [*rows[: room - 1], f"… +{len(rows) - room + 1}"][:room]
        for row in shown:
            line = ts.line(row or " ", "small", theme.ink, theme.paper, width, bold=False)
            surface.blit(line, (x, y))
            y += line.get_height()
        return y

    def activate(self, widget_id: str) -> None:
        if widget_id == "staff:maintenance":
            self.post(StaffAction("maintenance"))
            self.build()
        elif widget_id == "staff:hours":
            # Until the next scheduled change; visitors see it once staff close.
            self.post(StaffAction("hours"))
            self.build()
        elif widget_id == "staff:reload":
            self.post(StaffAction("reload"))
            self.build()
        elif widget_id == "staff:exit":
            self.post(StaffAction("quit"))
        elif widget_id == "staff:close":
            self.post(StaffAction("close"))
