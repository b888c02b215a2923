"""The attract screen: the pavilion, its zones in turn, "touch to start" in every language.

Only the big picture moves (a cross-fade of 0.5 s every 3.5 s), so after the first frame
only what changed is drawn: the big picture while it fades, and at each turn the outlined
thumbnail and the highlighted invitation, the old and the new.
"""

from __future__ import annotations

import pygame

from kiosk.ui import layout, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.strings import say
from kiosk.visit.intents import StartVisit

CYCLE_S = 3.5  # each zone and each language's invitation is highlighted this long
FADE_S = 0.5
AHEAD_S = 0.5  # after a fade, the next big picture is scaled this long later, while all is still


class AttractScene(Scene):
    name = "attract"

    def __init__(self, host):
        super().__init__(host)
        self.turn = 0  # how many cycles have passed: picks the zone and the language
        self.turned_at = -FADE_S
        self.now = 0.0
        self.invitations: list[tuple[pygame.Surface, pygame.Surface, layout.Rect]] = []
        self.covers: dict[int, pygame.Surface] = {}  # the big pictures shown, fading or next
        self.labels: list[list[pygame.Surface]] = []  # [zone][language]
        self.big = layout.Rect(0, 0, 0, 0)
        self.thumbs: list[layout.Rect] = []
        self.drawn: tuple[int, float, bool] | None = None  # (turn, fade, marker) of the last frame

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        pavilion, default, codes = look.exhibit.pavilion, look.config.default_language, look.config.languages
        self.target("attract", m.screen)
        self.drawn = None
        widgets.flag_band(surface, m, theme)
        words, pictures = layout.attract_frame(m)

        zones = look.exhibit.zones
        self.big, self.thumbs = layout.mosaic(pictures, len(zones), m.gap)
        self.covers = {}
        for zone, box in zip(zones, self.thumbs):
            surface.blit(look.picture(zone.cover, (box.w, box.h)), (box.x, box.y))
        label_w = self.big.w - 2 * m.px(32)
        self.labels = []
        for zone in zones:
            accent = theme.accent(zone.accent)
            self.labels.append(
                [
                    ts.line(
                        zone.title.get(code, default),
                        "heading",
                        theme.on_accent,
                        accent,
                        label_w,
                        smaller=("body",),
                    )
                    for code in codes
                ]
            )

        y = words.y + (m.px(40) if not m.portrait else 0)
        title = ts.block(
            pavilion.title.get(default, default),
            "display",
            theme.ink,
            theme.paper,
            words.w,
            bold=True,
            line_height=1.1,
            smaller=("title",),
        )
        surface.blit(title, (words.x, y))
        y += title.get_height() + m.px(20)
        pygame.draw.rect(surface, theme.signal, (words.x, y, m.px(120), m.px(10)))
        y += m.px(44)
        if pavilion.subtitle:
            sub = ts.block(
                pavilion.subtitle.get(default, default),
                "heading",
                theme.muted,
                theme.paper,
                words.w,
                line_height=1.2,
                smaller=("body",),
            )
            surface.blit(sub, (words.x, y))
            y += sub.get_height() + m.px(20)
        if look.config.show_visitors_today and look.visitors_today:
            count = say(default, "visitors_today").format(n=look.visitors_today())
            surface.blit(ts.line(count, "body", theme.muted, theme.paper, words.w, bold=False), (words.x, y))

        # The invitations, bottom-aligned: each pre-rendered plain and highlighted.
        row_h = ts.font("heading", True).get_height() + m.px(36)
        gap = m.px(14)
        top = words.bottom - len(codes) * row_h - (len(codes) - 1) * gap
        self.invitations = []
        for i, code in enumerate(codes):
            text = pavilion.invitation.root.get(code) or say(code, "touch")
            box = layout.Rect(words.x, top + i * (row_h + gap), words.w, row_h)
            plain = ts.line(text, "heading", theme.muted, theme.paper, words.w - m.px(56), smaller=("body",))
            lit = ts.line(
                text, "heading", theme.on_signal, theme.signal, words.w - m.px(56), smaller=("body",)
            )
            self.invitations.append((plain, lit, box))

    def _cover(self, turn: int) -> pygame.Surface:
        """The big picture of a turn's zone: scaled when first needed, and only the ones the
        fade shows are held (a 4K screen's ten would be 330 MB)."""
        zones = self.look.exhibit.zones
        index = turn % len(zones)
        if index not in self.covers:
            keep = {(self.turn + k) % len(zones) for k in (-1, 0, 1)}
            self.covers = {i: c for i, c in self.covers.items() if i in keep}
            # Opaque, on the paper colour: blending them in the fade costs least.
            self.covers[index] = self.look.picture(
                zones[index].cover, (self.big.w, self.big.h), backdrop=self.look.theme.paper
            )
        return self.covers[index]

    def _next_waits(self) -> bool:
        return (self.turn + 1) % len(self.look.exhibit.zones) not in self.covers

    def _fade(self) -> float:
        return min(1.0, (self.now - self.turned_at) / FADE_S)

    def _pill(self, turn: int) -> layout.Rect:
        """The zone's name on the big picture (a long one may reach past its right edge)."""
        m = self.look.metrics
        label = self.labels[turn % len(self.labels)][turn % len(self.invitations)]
        pad = m.px(24)
        return layout.Rect(
            self.big.x + m.px(32),
            self.big.bottom - m.px(32) - label.get_height() - 2 * pad // 2,
            label.get_width() + 2 * pad,
            label.get_height() + pad,
        )

    def _outline(self, turn: int) -> layout.Rect:
        return self.thumbs[turn % len(self.thumbs)].inset(-self.look.metrics.px(6))

    def _marker(self) -> pygame.Rect:
        m = self.look.metrics
        r = m.px(14) + 1
        return pygame.Rect(m.width - m.margin - r, m.height - m.margin - r, 2 * r + 1, 2 * r + 1)

    def draw_live(self, surface: pygame.Surface) -> None:
        m, theme = self.look.metrics, self.look.theme
        zones = self.look.exhibit.zones
        zone = self.turn % len(zones)
        fade = self._fade()
        surface.blit(self._cover(self.turn), (self.big.x, self.big.y))
        if fade < 1.0:
            previous = self._cover(self.turn - 1)
            previous.set_alpha(round(255 * (1 - fade)))
            surface.blit(previous, (self.big.x, self.big.y))
            previous.set_alpha(None)
        language = self.turn % len(self.invitations)
        label = self.labels[zone][language]
        pad = m.px(24)
        pill = self._pill(self.turn)
        widgets.panel(surface, pill, theme.accent(zones[zone].accent), m.radius)
        surface.blit(label, (pill.x + pad, pill.y + pad // 2))
        pygame.draw.rect(
            surface,
            theme.accent(zones[zone].accent),
            widgets.rect(self._outline(self.turn)),
            m.px(6),
            border_radius=m.radius + m.px(6),
        )

        for i, (plain, lit, box) in enumerate(self.invitations):
            if i == language:
                pill = layout.Rect(box.x, box.y, lit.get_width() + m.px(56), box.h)
                widgets.panel(surface, pill, theme.signal, box.h // 2)
                surface.blit(lit, (box.x + m.px(28), box.y + (box.h - lit.get_height()) // 2))
            else:
                surface.blit(plain, (box.x + m.px(28), box.y + (box.h - plain.get_height()) // 2))

        if self.look.content_problems:
            # For staff: the last edit was refused (details in the log and `kiosk validate`).
            r = m.px(14)
            pygame.draw.circle(surface, theme.signal, (m.width - m.margin, m.height - m.margin), r)

    def changed_regions(self) -> list[pygame.Rect] | None:
        if self.drawn is None:
            return None
        turn, fade, marker = self.drawn
        rect = widgets.rect
        regions = []
        if (turn, fade) != (self.turn, self._fade()):
            regions.append(rect(self.big).union(rect(self._pill(self.turn))).union(rect(self._pill(turn))))
        if turn != self.turn:  # the outline and the highlight move: where they were, where they go
            for t in (turn, self.turn):
                regions += [rect(self._outline(t)), rect(self.invitations[t % len(self.invitations)][2])]
        if marker != bool(self.look.content_problems):
            regions.append(self._marker())
        return regions

    def draw_layers(self, surface: pygame.Surface, region: pygame.Rect | None) -> None:
        cover = self._cover(self.turn)
        fills = cover.get_size() == (self.big.w, self.big.h) and not cover.get_flags() & pygame.SRCALPHA
        if region is not None and fills and widgets.rect(self.big).contains(region):
            self.draw_live(surface)  # the opaque cover hides the paper under the big picture
        else:
            super().draw_layers(surface, region)

    def update(self, now: float, dt: float) -> bool:
        self.now = now
        turn = int(now / CYCLE_S)
        if turn != self.turn:
            self.turn, self.turned_at = turn, now
            return True
        if now - self.turned_at >= FADE_S + AHEAD_S and self._next_waits() and self.static is not None:
            self._cover(self.turn + 1)  # nothing moves now: the next fade will not wait for it
        return self.animating or now - self.turned_at < FADE_S + 0.05

    @property
    def animating(self) -> bool:
        return self.now - self.turned_at < FADE_S

    def next_change(self, now: float) -> float:
        """Seconds until the next highlight (or until the next picture is to be scaled): the
        window loop may sleep until then."""
        turn_in = CYCLE_S - (now % CYCLE_S)
        if self.static is not None and self._next_waits():
            return max(0.0, min(turn_in, self.turned_at + FADE_S + AHEAD_S - now))
        return turn_in

    def draw(self, surface: pygame.Surface, regions: list[pygame.Rect] | None = None) -> None:
        self.pressed = None  # the whole screen is one target: no press shade
        super().draw(surface, regions)
        self.drawn = (self.turn, self._fade(), bool(self.look.content_problems))

    def activate(self, widget_id: str) -> None:
        self.post(StartVisit())
