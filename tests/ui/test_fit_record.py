"""Measuring finds what it always found: the same findings, targets and cuts on every screen.

The record in tests/fit_findings/ was written by drawing-free measuring as it stood before it
was made faster (tests/fit_record.py writes it). Measuring is also held to what drawing gives.
"""

from __future__ import annotations

import json

import pytest

from tests.fit_record import FOLDER, job_name, jobs, record, screen_prints, sites


@pytest.fixture(scope="module")
def every_site(tmp_path_factory):
    return {name: rest for name, *rest in sites(tmp_path_factory.mktemp("sites"))}


@pytest.mark.parametrize("name", ["bundled", "stretched", "large"])
def test_findings_and_screens_are_those_recorded(every_site, name):
    report, config, per_screen = every_site[name]
    expected = json.loads((FOLDER / f"{name}.json").read_text())
    found = record(report, config, per_screen)
    assert found["findings"] == expected["findings"]
    if per_screen:
        for job, screens in expected["prints"].items():
            moved = [s for s, h in screens.items() if found["prints"][job].get(s) != h]
            assert not moved, f"{job}: measured differently on {moved}"
    assert found["prints"] == expected["prints"]


def test_the_stretched_record_holds_every_kind_of_finding(every_site):
    findings = json.loads((FOLDER / "stretched.json").read_text())["findings"]
    assert any("is wider than a line" in f for f in findings)
    assert any("does not fit on the home screen" in f for f in findings)
    assert any(".spots." in f for f in findings)  # a hotspot's card
    assert any("large text" in f for f in findings)


def test_measuring_gives_what_drawing_gives(every_site):
    """The kiosk drawing a screen and the check measuring it set the same text the same way."""
    report, config, _ = every_site["stretched"]
    landscape, portrait = sorted({size for size, _, _ in jobs(config)}, reverse=True)
    picked = [
        (landscape, False, "pl"),
        (landscape, True, "kk"),
        (portrait, False, "kk"),
        (portrait, True, "pl"),
    ]
    for job in picked:  # both sizes and text sizes, two alphabets
        drawn = screen_prints(report, config, *job, draw=True)
        measured = screen_prints(report, config, *job)
        assert measured == drawn, job_name(*job)
