"""A question, its answers as large cards, and once answered: right or wrong, and why.

The first answer counts; the cards then say ✓ or ✗ in shape and colour (the kiosk's font has
no such glyphs), the explanation shows under them, in view, and a right answer sets off a
short burst of confetti from its card, timed by the kiosk's clock.
"""

from __future__ import annotations

import math

import pygame

from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece
from kiosk.ui.layout import Metrics, Rect, body
from kiosk.ui.strings import say

ANSWER = "quiz:1:answer:"  # replay scripts name answers so: a page holds one quiz
LETTERS = "ABCDEFGH"
BURST_S = 1.2  # how long the confetti of a right answer flies
PIECES = 36
GOLDEN = math.pi * (3 - math.sqrt(5))  # spreads the confetti evenly without a random source


def card_columns(m: Metrics, width: int, answers: int) -> int:
    """Answers side by side when each card keeps a comfortable width, else one under another."""
    if answers and width // answers >= m.px(420) and not m.portrait:
        return answers
    return 1


def answer_cards(m: Metrics, width: int, top: int, heights: list[int], answered: bool = False) -> list[Rect]:
    """The answer cards under the question: a row of equal cards, or a column of wide ones;
    each at least as tall as its words need and never smaller than a large touch target.
    Answered, a row's cards are lower: the explanation under them must stay in view."""
    count = len(heights)
    columns = card_columns(m, width, count)
    gap = m.px(24)
    if columns > 1:
        w = (width - (columns - 1) * gap) // columns
        h = max(m.px(96 if answered else 180), m.target, *heights)
        return [Rect(k * (w + gap), top, w, h) for k in range(count)]
    cards, y = [], top
    # Upright, the cards fill the page until the explanation needs the room.
    tall = round(body(m).h * 0.15) if m.portrait and not answered else 0
    for need in heights:
        h = max(m.px(120 if answered else 150), m.target, tall, need)
        cards.append(Rect(0, y, width, h))
        y += h + gap
    return cards


def confetti(t: float, origin: tuple[int, int], m: Metrics) -> list[tuple[int, int, int, float]]:
    """(x, y, size, opacity) of each piece `t` seconds after the burst: flung out and falling."""
    if not 0 <= t < BURST_S:
        return []
    fall = m.px(2600)  # px/s² downwards
    pieces = []
    for i in range(PIECES):
        angle = i * GOLDEN
        speed = m.px(700) * (0.55 + 0.45 * ((i * 7) % 11) / 10)
        x = origin[0] + math.cos(angle) * speed * t
        y = origin[1] - abs(math.sin(angle)) * speed * t * 1.3 + 0.5 * fall * t * t
        size = m.px(10 + (i % 3) * 5)
        pieces.append((round(x), round(y), size, min(1.0, 3 * (1 - t / BURST_S))))
    return pieces


def mark(size: int, right: bool, disc, ink) -> pygame.Surface:
    """A round badge with a tick or a cross, drawn 4x and scaled down: smooth edges."""
    big = 4 * size
    surface = pygame.Surface((big, big), pygame.SRCALPHA)
    pygame.draw.circle(surface, disc, (big // 2, big // 2), big // 2)
    stroke = max(4, big // 9)
    if right:
        points = [(0.28, 0.53), (0.44, 0.68), (0.73, 0.36)]
    else:
        points = [(0.32, 0.32), (0.68, 0.68), None, (0.68, 0.32), (0.32, 0.68)]
    run: list[tuple[int, int]] = []
    for p in [*points, None]:
        if p is not None:
            run.append((round(p[0] * big), round(p[1] * big)))
            continue
        pygame.draw.lines(surface, ink, False, run, stroke)
        for x, y in run:  # round joints and ends
            pygame.draw.circle(surface, ink, (x, y), stroke // 2)
        run = []
    return pygame.transform.smoothscale(surface, (size, size))


@view("quiz")
class QuizView(BlockView):
    def __init__(self, page, block):
        super().__init__(page, block)
        self.chosen: int | None = None
        self.burst_at: float | None = None  # when the confetti flew (the kiosk's clock)
        self._burst_due = False

    @property
    def right(self) -> int:
        return next(k for k, a in enumerate(self.block.answers) if a.correct)

    def activate(self, widget_id: str) -> bool:
        if not widget_id.startswith(ANSWER):
            return False
        if self.chosen is None:
            self.chosen = int(widget_id.removeprefix(ANSWER)) - 1
            quiz = self.block
            correct = quiz.answers[self.chosen].correct
            self.page.interact("quiz", quiz.id, str(self.chosen + 1), correct)
            self._burst_due = correct
            self.page.reflow()
        return True

    # -- the burst: on the kiosk's clock, so a replay shows the same frames ---------------------
    def update(self, now: float) -> bool:
        if self._burst_due:
            self._burst_due, self.burst_at = False, now
            return True
        if self.burst_at is not None:
            if now - self.burst_at >= BURST_S:
                self.burst_at = None  # a last frame without confetti
            self._now = now
            return True
        return False

    @property
    def animating(self) -> bool:
        return self._burst_due or self.burst_at is not None

    def next_change(self, now: float) -> float:
        return now if self.animating else math.inf

    def draw_live(self, surface: pygame.Surface) -> None:
        if self.burst_at is None:
            return
        card = self.page.targets.get(f"{ANSWER}{self.right + 1}")
        if card is None:
            return
        m, theme = self.look.metrics, self.look.theme
        colours = [self.accent, theme.right, (236, 178, 40), theme.signal]
        t = getattr(self, "_now", self.burst_at) - self.burst_at
        for i, (x, y, size, opacity) in enumerate(confetti(t, card.center, m)):
            piece = pygame.Surface((size, size // 2 + 2), pygame.SRCALPHA)
            piece.fill((*colours[i % len(colours)][:3], round(255 * opacity)))
            surface.blit(pygame.transform.rotate(piece, (i * 47 + t * 540) % 360), (x, y))

    # -- the cards ------------------------------------------------------------------------------
    def piece(self, width: int) -> Piece:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        block, chosen = self.block, self.chosen
        asked = look.text(block.question)
        # Large while it takes two lines at most, so that answers and explanation stay in view.
        style = "title" if ts.fits(asked, "title", width, 3 if m.portrait else 1, bold=True) else "heading"
        question = ts.block(asked, style, theme.ink, theme.paper, width, bold=True, line_height=1.15)
        pad = m.px(28)
        badge = max(m.px(64), m.type("heading") + m.px(20))
        columns = card_columns(m, width, len(block.answers))
        gap = m.px(24)
        card_w = (width - (columns - 1) * gap) // columns
        # A row's words sit under the badge until it is answered; a column's beside it.
        stacked = columns > 1 and chosen is None
        words_w = card_w - 2 * pad if stacked else card_w - 3 * pad - badge
        # One size for every answer, the largest at which no word of any needs hyphenating:
        # a card reads at a glance, and its neighbours match it.
        words = [w for answer in block.answers for w in look.text(answer.text).split()]
        sizes = ("title", "heading", "body")
        face_style = next(
            (s for s in sizes if max(ts.font(s, True).size(w)[0] for w in words) <= words_w), sizes[-1]
        )
        states = []
        for k, answer in enumerate(block.answers):
            state = "plain"
            if chosen is not None:
                state = "right" if answer.correct else ("wrong" if k == chosen else "past")
            fill, ink, border = {
                "plain": (theme.card, theme.ink, self.accent),
                "past": (theme.paper, theme.muted, theme.line),
                "right": (theme.right, theme.on_signal, None),
                "wrong": (theme.wrong, theme.on_signal, None),
            }[state]
            face = ts.block(look.text(answer.text), face_style, ink, fill, words_w, bold=True,
                            line_height=1.1, smaller=sizes[sizes.index(face_style) + 1 :])  # fmt: skip
            states.append((state, fill, ink, border, face))
        extra = badge + pad if stacked else 0
        top = question.get_height() + m.px(28)
        needs = [max(badge, face.get_height()) + 2 * pad + extra for *_, face in states]
        cards = answer_cards(m, width, top, needs, answered=chosen is not None)
        targets = {f"{ANSWER}{k + 1}": r for k, r in enumerate(cards)}
        y = max(r.bottom for r in cards)
        after = []
        if chosen is not None:
            right = block.answers[chosen].correct
            said = say(look.language, "right" if right else "wrong")
            verdict = ts.block(said, "title", theme.ink, theme.paper, width - badge - pad, bold=True,
                               line_height=1.1, max_lines=2, smaller=("heading",))  # fmt: skip
            explanation = ts.block(look.text(block.explanation), "body", theme.ink, theme.paper, width,
                                   line_height=1.35)  # fmt: skip
            after = [verdict, explanation]
        after_h = (
            (m.px(28) + max(badge, after[0].get_height()) + m.px(12) + after[1].get_height()) if after else 0
        )
        piece = ts.surface((width, y + after_h))
        piece.blit(question, (0, 0))
        for k, (r, (state, fill, ink, border, face)) in enumerate(zip(cards, states)):
            widgets.panel(piece, r, fill, m.radius, border, m.px(3))
            bx, by = (r.x + pad, r.y + pad) if stacked else (r.x + pad, r.y + (r.h - badge) // 2)
            self._badge(piece, (bx, by), badge, state, LETTERS[k % len(LETTERS)], ink, fill)
            fx = r.x + pad if stacked else bx + badge + pad
            fy = by + badge + pad if stacked else r.y + (r.h - face.get_height()) // 2
            piece.blit(face, (fx, fy))
        if after:
            verdict, explanation = after
            y += m.px(28)
            right = block.answers[chosen].correct
            if not widgets.unseen(piece, pygame.Rect(0, y, badge, badge)):
                disc = theme.right if right else theme.wrong
                piece.blit(mark(badge, right, disc, theme.on_signal), (0, y))
            piece.blit(verdict, (badge + pad, y + (badge - verdict.get_height()) // 2))
            y += max(badge, verdict.get_height()) + m.px(12)
            piece.blit(explanation, (0, y))
        return Piece(piece, targets)

    def _badge(self, piece, at: tuple[int, int], size: int, state: str, letter: str, ink, fill) -> None:
        """The answer's letter in a ring; once answered, ✓ on the right one and ✗ on the one
        chosen wrongly, in white on their colour."""
        theme, ts = self.look.theme, self.look.type
        # Set (and so recorded) whether drawn or only measured: the content check sees it too.
        words = (
            ts.line(letter, "heading", ink, fill, size, bold=True)
            if state not in ("right", "wrong")
            else None
        )
        if widgets.unseen(piece, pygame.Rect(*at, size, size)):
            return
        if words is None:
            piece.blit(mark(size, state == "right", theme.on_signal, fill), at)
            return
        centre = (at[0] + size // 2, at[1] + size // 2)
        pygame.draw.circle(piece, ink, centre, size // 2, max(2, self.look.metrics.px(4)))
        piece.blit(words, words.get_rect(center=centre))
