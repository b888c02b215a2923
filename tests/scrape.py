"""Reading /metrics as Prometheus would: prometheus_client's own text parser, and promtool."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from prometheus_client.parser import text_string_to_metric_families

PROMTOOL = shutil.which("promtool")  # Debian's `prometheus` package


class Scrape:
    """The families and samples of one /metrics text (the parser refuses a malformed one)."""

    def __init__(self, text: str):
        self.text = text
        self.families = {family.name: family for family in text_string_to_metric_families(text)}
        self.samples = [sample for family in self.families.values() for sample in family.samples]

    def value(self, name: str, **labels: str) -> float:
        """The one sample called `name` with exactly these labels."""
        found = [s.value for s in self.samples if s.name == name and s.labels == labels]
        assert len(found) == 1, (name, labels, [s for s in self.samples if s.name == name])
        return found[0]

    def names(self) -> set[str]:
        return {sample.name for sample in self.samples}


def promtool_problems(text: str) -> str:
    """What `promtool check metrics` says of the text: "" when it finds no problem."""
    if PROMTOOL is None:
        pytest.skip("promtool is not installed (Debian: apt-get install prometheus)")
    done = subprocess.run(
        [PROMTOOL, "check", "metrics"], input=text, capture_output=True, text=True, timeout=60
    )
    said = (done.stdout + done.stderr).strip()
    return said or ("" if done.returncode == 0 else f"exit {done.returncode}")
