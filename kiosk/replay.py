"""Replay scripts: a scripted visitor, so a whole visit can be run and checked without a person.

A script is a YAML list of steps; `at` is seconds of virtual time since start:

    - {at: 1.5, tap: [960, 540]}          # a point on the screen
    - {at: 2, tap: "zone:forest"}         # the centre of a widget, by id
    - {at: 3, swipe: {from: [1500, 600], to: [400, 600]}}
    - {at: 4, screenshot: home}           # DIR/home.png with --screenshots DIR
    - {at: 5, hold: staff-corner}         # a press held 3.5 s (or `seconds: N`): the staff PIN pad
    - {at: 6, key: right}                 # the keypad path: up, down, left, right, enter, help, other
    - {at: 200, quit: true}
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    model_validator,
)

from kiosk.yamldoc import Problem, problems_from_validation, read_yaml

Point = Annotated[list[float], Field(min_length=2, max_length=2)]
Key = Literal["up", "down", "left", "right", "enter", "help", "other"]  # kiosk/ui/keypad.py's KEYS


class SwipeSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    start: Point = Field(alias="from")
    end: Point = Field(alias="to")


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid")

    at: float = Field(ge=0)
    tap: Point | Annotated[str, StringConstraints(min_length=1)] | None = None
    swipe: SwipeSpec | None = None
    key: Key | None = None
    hold: Point | Annotated[str, StringConstraints(min_length=1)] | None = None
    seconds: float = Field(3.5, gt=0, le=60)  # how long a hold lasts
    screenshot: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+$")] | None = None
    quit: bool | None = None
    line: int = Field(0, exclude=True)

    @model_validator(mode="after")
    def _one_action(self) -> Step:
        actions = [
            a for a in ("tap", "hold", "swipe", "key", "screenshot", "quit") if getattr(self, a) is not None
        ]
        if len(actions) != 1:
            raise ValueError("a step needs exactly one of tap, hold, swipe, key, screenshot, quit")
        return self

    def describe(self) -> str:
        return f"step at {self.at:g}s (line {self.line})"


class ReplayError(Exception):
    """The script cannot be played; the message names the file and line."""

    def __init__(self, problems: list[Problem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def load_script(path: Path) -> list[Step]:
    doc, problems = read_yaml(path, str(path))
    if doc is None:
        raise ReplayError(problems)
    if not isinstance(doc.data, list) or not doc.data:
        raise ReplayError([doc.problem((), "a replay script is a list of steps")])
    steps: list[Step] = []
    errors: list[Problem] = []
    for i, raw in enumerate(doc.data):
        try:
            step = Step.model_validate(raw)
        except ValidationError as exc:
            errors.extend(problems_from_validation(doc, exc, Step.model_fields, prefix=(i,)))
            continue
        steps.append(step.model_copy(update={"line": doc.line_of((i,))}))
    if errors:
        raise ReplayError(errors)
    for before, after in zip(steps, steps[1:]):
        if after.at < before.at:
            raise ReplayError(
                [
                    Problem(
                        str(path),
                        after.line,
                        "at",
                        f"{after.at:g} comes before the previous step ({before.at:g})",
                    )
                ]
            )
    return steps
