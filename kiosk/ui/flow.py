"""The text column of a zone page: headings, text, figures, timelines and quizzes, in order.

The column is one tall surface that scrolls under the finger; its controls (quiz answers)
are placed in the column's own coordinates and follow the scroll.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from kiosk.content.model import Fact, Heading, Paragraphs, Quiz, Timeline
from kiosk.ui import widgets
from kiosk.ui.layout import Rect

if TYPE_CHECKING:
    from kiosk.ui.look import Look


@dataclass
class Column:
    surface: pygame.Surface
    height: int
    targets: dict[str, Rect] = field(default_factory=dict)  # in the column's coordinates


def build_column(look: Look, blocks: list, width: int, accent, quiz_choice: int | None) -> Column:
    m = look.metrics
    pieces: list[tuple[pygame.Surface, dict[str, Rect]]] = []
    for block in blocks:
        try:
            pieces.append(_piece(look, block, width, accent, quiz_choice))
        except Exception as exc:  # the block is left out; the rest of the column shows
            look.faults.note("build", f"{block.type} block", exc)
    spacing = m.px(30)
    height = sum(p.get_height() for p, _ in pieces) + spacing * max(0, len(pieces) - 1)
    # Measuring only: the column's size matters, not its pixels.
    size = (max(1, width), max(1, height)) if look.type.draw else (1, 1)
    column = Column(pygame.Surface(size, pygame.SRCALPHA), height)
    y = 0
    for piece, targets in pieces:
        column.surface.blit(piece, (0, y))
        for widget_id, r in targets.items():
            column.targets[widget_id] = Rect(r.x, r.y + y, r.w, r.h)
        y += piece.get_height() + spacing
    return column


def _piece(look: Look, block, width: int, accent, quiz_choice: int | None):
    if isinstance(block, Heading):
        return _heading(look, block, width), {}
    if isinstance(block, Paragraphs):
        return _paragraphs(look, block, width), {}
    if isinstance(block, Fact):
        return _fact(look, block, width, accent), {}
    if isinstance(block, Timeline):
        return _timeline(look, block, width, accent), {}
    return _quiz(look, block, width, quiz_choice)


def _heading(look: Look, block: Heading, width: int) -> pygame.Surface:
    theme = look.theme
    return look.type.block(
        look.text(block.text), "heading", theme.ink, theme.paper, width, bold=True, line_height=1.2
    )


def _paragraphs(look: Look, block: Paragraphs, width: int) -> pygame.Surface:
    theme = look.theme
    return look.type.block(look.text(block.text), "body", theme.ink, theme.paper, width, line_height=1.42)


def _fact(look: Look, block: Fact, width: int, accent) -> pygame.Surface:
    m, theme, ts = look.metrics, look.theme, look.type
    bar = m.px(10)
    inner = width - bar - m.px(24)
    value = ts.block(look.text(block.value), "title", accent, theme.paper, inner, bold=True, line_height=1.1)
    label = ts.block(look.text(block.label), "body", theme.muted, theme.paper, inner)
    piece = pygame.Surface((width, value.get_height() + label.get_height()), pygame.SRCALPHA)
    pygame.draw.rect(piece, accent, (0, 0, bar, piece.get_height()), border_radius=bar // 2)
    piece.blit(value, (bar + m.px(24), 0))
    piece.blit(label, (bar + m.px(24), value.get_height()))
    return piece


def _timeline(look: Look, block: Timeline, width: int, accent) -> pygame.Surface:
    """Dates on a rail, each with its event."""
    m, theme, ts = look.metrics, look.theme, look.type
    rail_x, text_x = m.px(14), m.px(56)
    inner = width - text_x
    rows = [
        (
            ts.block(look.text(moment.date), "heading", accent, theme.paper, inner, bold=True),
            ts.block(look.text(moment.text), "body", theme.ink, theme.paper, inner, line_height=1.35),
        )
        for moment in block.events
    ]
    gap = m.px(24)
    height = sum(d.get_height() + t.get_height() for d, t in rows) + gap * (len(rows) - 1)
    piece = pygame.Surface((width, height), pygame.SRCALPHA)
    dots, y = [], 0
    for date, text in rows:
        dots.append((rail_x, y + date.get_height() // 2))
        piece.blit(date, (text_x, y))
        piece.blit(text, (text_x, y + date.get_height()))
        y += date.get_height() + text.get_height() + gap
    pygame.draw.line(piece, theme.line, dots[0], dots[-1], max(2, m.px(4)))
    for dot in dots:
        pygame.draw.circle(piece, accent, dot, m.px(12))
    return piece


def _quiz(look: Look, block: Quiz, width: int, chosen: int | None) -> tuple[pygame.Surface, dict[str, Rect]]:
    """The question, its answers as buttons, and once answered: right or wrong, and why."""
    m, theme, ts = look.metrics, look.theme, look.type
    from kiosk.ui.strings import say

    question = ts.block(look.text(block.question), "heading", theme.ink, theme.paper, width, bold=True)
    pad = m.px(22)
    faces, targets = [], {}
    y = question.get_height() + m.gap
    for k, answer in enumerate(block.answers):
        state = "plain"
        if chosen is not None and (answer.correct or k == chosen):
            state = "right" if answer.correct else "wrong"
        fill, ink, border = {
            "plain": (theme.card, theme.ink, theme.line),
            "right": (theme.right, theme.on_signal, None),
            "wrong": (theme.wrong, theme.on_signal, None),
        }[state]
        face = ts.block(look.text(answer.text), "body", ink, fill, width - 2 * pad, bold=True)
        r = Rect(0, y, width, max(m.target, face.get_height() + 2 * pad))
        targets[f"quiz:1:answer:{k + 1}"] = r
        faces.append((r, face, fill, border))
        y += r.h + m.px(16)
    after = []
    if chosen is not None:
        verdict = "right" if block.answers[chosen].correct else "wrong"
        after.append(ts.line(say(look.language, verdict), "heading", theme.ink, theme.paper, width))
        after.append(
            ts.block(look.text(block.explanation), "body", theme.ink, theme.paper, width, line_height=1.35)
        )
    height = y + sum(a.get_height() for a in after) + (m.px(8) if after else 0)
    piece = pygame.Surface((width, height), pygame.SRCALPHA)
    piece.blit(question, (0, 0))
    for r, face, fill, border in faces:
        widgets.panel(piece, r, fill, m.radius, border, m.px(2))
        piece.blit(face, (r.x + pad, r.y + (r.h - face.get_height()) // 2))
    y += m.px(8)
    for a in after:
        piece.blit(a, (0, y))
        y += a.get_height()
    return piece, targets
