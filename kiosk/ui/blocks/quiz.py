"""A question, its answers as buttons, and once answered: right or wrong, and why.

The first answer counts; the explanation then shows, for everyone to read.
"""

from __future__ import annotations

from kiosk.ui import widgets
from kiosk.ui.blocks import view
from kiosk.ui.blocks.base import BlockView, Piece
from kiosk.ui.layout import Rect
from kiosk.ui.strings import say

ANSWER = "quiz:1:answer:"  # replay scripts name answers so: a page holds one quiz


@view("quiz")
class QuizView(BlockView):
    def __init__(self, page, block):
        super().__init__(page, block)
        self.chosen: int | None = None

    def activate(self, widget_id: str) -> bool:
        if not widget_id.startswith(ANSWER):
            return False
        if self.chosen is None:
            self.chosen = int(widget_id.removeprefix(ANSWER)) - 1
            quiz = self.block
            self.page.interact("quiz", quiz.id, str(self.chosen + 1), quiz.answers[self.chosen].correct)
            self.page.reflow()
        return True

    def piece(self, width: int) -> Piece:
        look, m, theme, ts = self.look, self.look.metrics, self.look.theme, self.look.type
        block, chosen = self.block, self.chosen
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
            targets[f"{ANSWER}{k + 1}"] = r
            faces.append((r, face, fill, border))
            y += r.h + m.px(16)
        after = []
        if chosen is not None:
            verdict = "right" if block.answers[chosen].correct else "wrong"
            after.append(ts.line(say(look.language, verdict), "heading", theme.ink, theme.paper, width))
            after.append(
                ts.block(
                    look.text(block.explanation), "body", theme.ink, theme.paper, width, line_height=1.35
                )
            )
        height = y + sum(a.get_height() for a in after) + (m.px(8) if after else 0)
        piece = ts.surface((width, height))
        piece.blit(question, (0, 0))
        for r, face, fill, border in faces:
            widgets.panel(piece, r, fill, m.radius, border, m.px(2))
            piece.blit(face, (r.x + pad, r.y + (r.h - face.get_height()) // 2))
        y += m.px(8)
        for a in after:
            piece.blit(a, (0, y))
            y += a.get_height()
        return Piece(piece, targets)
