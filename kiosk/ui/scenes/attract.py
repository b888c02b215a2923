"""The attract screen: the pavilion, its zones in turn, "touch to start" in every language.

Choreography on the kiosk's clock (so a replay shows the same frames):
- each zone's picture drifts slowly across its frame (a Ken Burns pan), and each path starts
  where the last one ended, so the drift runs on through the cross-fade;
- the zone's name rides on its own picture and fades with it, never on the next one;
- the highlight glides from one language's invitation to the next.

Cheap when idle: the pan moves in whole-pixel steps a few times a second (too slow to be seen
as steps), each step drawing only the big picture; the window loop sleeps in between. Only the
cross-fade and the glide run faster, at 30 frames a second, for half a second in each turn.
"""

from __future__ import annotations

import math

import pygame

from kiosk.ui import layout, widgets
from kiosk.ui.scenes.base import Scene
from kiosk.ui.strings import say
from kiosk.visit.intents import StartVisit

CYCLE_S = 3.5  # each zone and each language's invitation is highlighted this long
FADE_S = 0.5  # the cross-fade, and the highlight's glide to the next invitation
FADE_STEPS = 15  # 30 frames a second: as smooth to the eye as 60 for a fade, at half the cost
AHEAD_S = 0.5  # after a fade, the next big picture is scaled this long later, while all is still
PAN_S = CYCLE_S + FADE_S  # a picture drifts from the moment it fades in until it has faded out
PAN_STEPS = 28  # one design pixel a step: 7 steps a second
# Where each zone's drift starts and ends, as fractions of the slack around the frame: each
# path starts where the one before it ended, so the motion never jumps back.
PATHS = (
    ((0.0, 0.2), (1.0, 0.8)),
    ((1.0, 0.8), (0.0, 1.0)),
    ((0.0, 1.0), (1.0, 0.0)),
    ((1.0, 0.0), (0.0, 0.2)),
)


def _ease(f: float) -> float:
    return f * f * (3 - 2 * f)


class AttractScene(Scene):
    name = "attract"

    def __init__(self, host):
        super().__init__(host)
        self.turn = 0  # how many cycles have passed: picks the zone and the language
        self.turned_at = -FADE_S
        self.now = 0.0
        self.invitations: list[tuple[pygame.Surface, pygame.Surface, layout.Rect]] = []
        self.covers: dict[int, pygame.Surface] = {}  # the big pictures shown, fading or next
        self.labels: list[list[pygame.Surface]] = []  # [zone][language]: each name on its pill
        self.corners: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self.big = layout.Rect(0, 0, 0, 0)
        self.slack = (0, 0)  # how far a picture drifts, in pixels across and down
        self.thumbs: list[layout.Rect] = []
        self.drawn: tuple | None = None  # (turn, fade, drift steps, marker) of the last frame

    def compose(self, surface: pygame.Surface) -> None:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        pavilion, default, codes = look.exhibit.pavilion, look.config.default_language, look.config.languages
        self.target("attract", m.screen)
        self.drawn = None
        widgets.flag_band(surface, m, theme)
        words, pictures = layout.attract_frame(m)

        zones = look.exhibit.zones
        self.big, self.thumbs = layout.mosaic(pictures, len(zones), m.gap)
        across = PAN_STEPS * max(1, m.px(1))  # whole pixels a step
        self.slack = (across, round(across * self.big.h / max(1, self.big.w)))
        self.covers = {}
        self.corners = self._corners(m.radius, theme.paper)
        for zone, box in zip(zones, self.thumbs):
            surface.blit(look.picture(zone.cover, (box.w, box.h)), (box.x, box.y))
        label_w = self.big.w - 2 * m.px(32)
        pad = m.px(24)
        self.labels = []
        for zone in zones:
            accent = theme.accent(zone.accent)
            pills = []
            for code in codes:
                name = ts.line(
                    zone.title.get(code, default),
                    "heading",
                    theme.on_accent,
                    accent,
                    label_w,
                    smaller=("body",),
                )
                pill = pygame.Surface((name.get_width() + 2 * pad, name.get_height() + pad), pygame.SRCALPHA)
                widgets.panel(pill, layout.Rect(0, 0, pill.get_width(), pill.get_height()), accent, m.radius)
                pill.blit(name, (pad, pad // 2))
                pills.append(pill)
            self.labels.append(pills)

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

    def _corners(self, radius: int, paper) -> list[tuple[pygame.Surface, tuple[int, int]]]:
        """The big frame's rounded corners, in the paper's colour, drawn four times larger and
        scaled down (smooth edges): laid over the drifting picture, whose own corners move away."""
        if radius <= 0:
            return []
        big = pygame.Surface((4 * radius, 4 * radius), pygame.SRCALPHA)
        big.fill((*paper, 255))
        pygame.draw.circle(big, (*paper, 0), (4 * radius, 4 * radius), 4 * radius)
        corner = pygame.transform.smoothscale(big, (radius, radius))
        b = self.big
        return [
            (corner, (b.x, b.y)),
            (pygame.transform.flip(corner, True, False), (b.right - radius, b.y)),
            (pygame.transform.flip(corner, False, True), (b.x, b.bottom - radius)),
            (pygame.transform.flip(corner, True, True), (b.right - radius, b.bottom - radius)),
        ]

    def _cover(self, turn: int) -> pygame.Surface:
        """The big picture of a turn's zone, a little larger than its frame (room to drift):
        scaled when first needed, and only the ones the fade shows are held (a 4K screen's ten
        would be 350 MB)."""
        zones = self.look.exhibit.zones
        index = turn % len(zones)
        if index not in self.covers:
            keep = {(self.turn + k) % len(zones) for k in (-1, 0, 1)}
            self.covers = {i: c for i, c in self.covers.items() if i in keep}
            # Opaque, on the paper colour: blending them in the fade costs least.
            size = (self.big.w + self.slack[0], self.big.h + self.slack[1])
            self.covers[index] = self.look.picture(zones[index].cover, size, backdrop=self.look.theme.paper)
        return self.covers[index]

    def _next_waits(self) -> bool:
        return (self.turn + 1) % len(self.look.exhibit.zones) not in self.covers

    def _fade(self) -> float:
        """How far the fade has come, in steps: between them nothing is drawn."""
        return min(1.0, math.floor((self.now - self.turned_at) / FADE_S * FADE_STEPS) / FADE_STEPS)

    def _step(self, turn: int) -> int:
        """How far a turn's picture has drifted, in steps: the one fading out keeps drifting."""
        into = self.now - self.turned_at
        if into < FADE_S:  # in the fade, a step waits for the fade's next frame: no frame between
            into = self._fade() * FADE_S
        since = into + (self.turn - turn) * CYCLE_S
        return max(0, min(PAN_STEPS, int(since * PAN_STEPS / PAN_S)))

    def _steps(self) -> tuple[int, int]:
        """The drift of the picture shown and of the one fading out (still after its fade)."""
        return self._step(self.turn), self._step(self.turn - 1)

    def _drift(self, turn: int) -> tuple[int, int]:
        """Where in its larger picture the frame looks, at this moment of the turn's drift."""
        (x0, y0), (x1, y1) = PATHS[turn % len(self.look.exhibit.zones) % len(PATHS)]
        f = self._step(turn) / PAN_STEPS
        return round((x0 + (x1 - x0) * f) * self.slack[0]), round((y0 + (y1 - y0) * f) * self.slack[1])

    def _pill(self, turn: int) -> layout.Rect:
        """The zone's name on its picture, riding with it (a long one may reach past its right
        edge)."""
        m = self.look.metrics
        label = self.labels[turn % len(self.labels)][turn % len(self.invitations)]
        ox, oy = self._drift(turn)
        return layout.Rect(
            self.big.x + m.px(32) + self.slack[0] // 2 - ox,
            self.big.bottom - m.px(32) - label.get_height() + self.slack[1] // 2 - oy,
            label.get_width(),
            label.get_height(),
        )

    def _pill_reach(self, turn: int) -> pygame.Rect:
        """Everywhere a turn's name may be during its drift."""
        p = widgets.rect(self._pill(turn))
        ox, oy = self._drift(turn)
        sx, sy = self.slack
        return pygame.Rect(p.x + ox - sx, p.y + oy - sy, p.w + sx, p.h + sy)

    def _outline(self, turn: int) -> layout.Rect:
        return self.thumbs[turn % len(self.thumbs)].inset(-self.look.metrics.px(6))

    def _marker(self) -> pygame.Rect:
        m = self.look.metrics
        r = m.px(14) + 1
        return pygame.Rect(m.width - m.margin - r, m.height - m.margin - r, 2 * r + 1, 2 * r + 1)

    def _column(self) -> pygame.Rect:
        """The invitations, where the highlight glides."""
        first, last = self.invitations[0][2], self.invitations[-1][2]
        return widgets.rect(first).union(widgets.rect(last))

    def _picture(self, surface: pygame.Surface, turn: int, alpha: int | None) -> None:
        """A turn's picture and its name, together: faded with the same alpha."""
        cover, label = self._cover(turn), self.labels[turn % len(self.labels)][turn % len(self.invitations)]
        ox, oy = self._drift(turn)
        pill = self._pill(turn)
        cover.set_alpha(alpha)
        label.set_alpha(255 if alpha is None else alpha)  # None would drop its own alpha: black corners
        surface.blit(cover, (self.big.x, self.big.y), (ox, oy, self.big.w, self.big.h))
        surface.blit(label, (pill.x, pill.y))
        cover.set_alpha(None)
        label.set_alpha(255)

    def draw_live(self, surface: pygame.Surface) -> None:
        m, theme = self.look.metrics, self.look.theme
        zones = self.look.exhibit.zones
        zone = self.turn % len(zones)
        fade = self._fade()
        self._picture(surface, self.turn, None)
        if fade < 1.0:
            self._picture(surface, self.turn - 1, round(255 * (1 - fade)))
        for corner, at in self.corners:
            surface.blit(corner, at)
        pygame.draw.rect(
            surface,
            theme.accent(zones[zone].accent),
            widgets.rect(self._outline(self.turn)),
            m.px(6),
            border_radius=m.radius + m.px(6),
        )
        self._invitations(surface, fade)

        if self.look.content_problems:
            # For staff: the last edit was refused (details in the log and `kiosk validate`).
            r = m.px(14)
            pygame.draw.circle(surface, theme.signal, (m.width - m.margin, m.height - m.margin), r)

    def _invitations(self, surface: pygame.Surface, fade: float) -> None:
        """Every language's invitation, and the highlight gliding from the last one to this one:
        a row's words turn bright where the highlight lies over them."""
        m, theme = self.look.metrics, self.look.theme
        n = len(self.invitations)
        here, there = self.invitations[self.turn % n], self.invitations[(self.turn - 1) % n]
        for plain, _, box in self.invitations:
            surface.blit(plain, (box.x + m.px(28), box.y + (box.h - plain.get_height()) // 2))
        e = _ease(fade)
        w0, w1 = there[1].get_width() + m.px(56), here[1].get_width() + m.px(56)
        box = here[2]
        pill = layout.Rect(
            box.x, round(there[2].y + (box.y - there[2].y) * e), round(w0 + (w1 - w0) * e), box.h
        )
        widgets.panel(surface, pill, theme.signal, box.h // 2)
        clip = surface.get_clip()
        surface.set_clip(clip.clip(widgets.rect(pill)))
        for _, lit, row in (there, here) if fade < 1.0 else (here,):
            surface.blit(lit, (row.x + m.px(28), row.y + (row.h - lit.get_height()) // 2))
        surface.set_clip(clip)

    def changed_regions(self) -> list[pygame.Rect] | None:
        if self.drawn is None:
            return None
        turn, fade, steps, marker = self.drawn
        rect = widgets.rect
        regions = []
        if (turn, fade, steps) != (self.turn, self._fade(), self._steps()):
            picture = rect(self.big).union(self._pill_reach(self.turn)).union(self._pill_reach(self.turn - 1))
            regions.append(picture.union(self._pill_reach(turn)))
        if (turn, fade) != (self.turn, self._fade()):  # the highlight glides
            regions.append(self._column())
        if turn != self.turn:  # the outline moves: where it was, where it goes
            regions += [rect(self._outline(turn)), rect(self._outline(self.turn))]
        if marker != bool(self.look.content_problems):
            regions.append(self._marker())
        return regions

    def draw_layers(self, surface: pygame.Surface, region: pygame.Rect | None) -> None:
        cover = self._cover(self.turn)
        fills = cover.get_width() >= self.big.w and not cover.get_flags() & pygame.SRCALPHA
        if region is not None and fills and widgets.rect(self.big).contains(region):
            self.draw_live(surface)  # the opaque cover hides the paper under the big picture
        else:
            super().draw_layers(surface, region)

    def update(self, now: float, dt: float) -> bool:
        steps = self._steps()
        self.now = now
        turn = int(now / CYCLE_S)
        if turn != self.turn:
            self.turn, self.turned_at = turn, now
            return True
        if now - self.turned_at >= FADE_S + AHEAD_S and self._next_waits() and self.static is not None:
            self._cover(self.turn + 1)  # nothing moves now: the next fade will not wait for it
        return self.animating or now - self.turned_at < FADE_S + 0.05 or self._steps() != steps

    @property
    def animating(self) -> bool:
        return self.now - self.turned_at < FADE_S

    def next_change(self, now: float) -> float:
        """Seconds until the next highlight, the picture's next step of its drift (or until the
        next picture is to be scaled): the window loop may sleep until then."""
        turn_in = CYCLE_S - (now % CYCLE_S)
        since = now - self.turned_at
        steps_done = math.floor(since * PAN_STEPS / PAN_S)
        step_in = (steps_done + 1) * PAN_S / PAN_STEPS - since if steps_done < PAN_STEPS else math.inf
        waits = [turn_in, max(0.0, step_in)]
        if self.static is not None and self._next_waits():
            waits.append(max(0.0, self.turned_at + FADE_S + AHEAD_S - now))
        return min(waits)

    def draw(self, surface: pygame.Surface, regions: list[pygame.Rect] | None = None) -> None:
        self.pressed = None  # the whole screen is one target: no press shade
        super().draw(surface, regions)
        self.drawn = (self.turn, self._fade(), self._steps(), bool(self.look.content_problems))

    def activate(self, widget_id: str) -> None:
        self.post(StartVisit())
