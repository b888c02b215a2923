"""The Evaluation page in a real browser, on a replayed day of many visitors.

The real kiosk plays a scripted day (visitors in four languages through the zones, some walking
away, every tap going through the kiosk's own touch sampling), the door counts its people, and
the real server (uvicorn in a thread) serves the page to Debian's chromium. The figures the
browser shows are `kiosk stats --evaluation`'s; axe-core finds no accessibility violation (where
it is installed: `npm install -g axe-core`); a phone shows it without sideways scrolling. The
screenshot goes to docs/evaluation.png only with KIOSK_UPDATE_DOCS=1.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiosk.config import load_config
from kiosk.content.loader import load_exhibit
from kiosk.content.model import Exhibit
from kiosk.staff import StaffSecrets
from kiosk.visitors import store
from kiosk.visitors.sessions import EntryCounted
from tests.web.test_dashboard_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PASSWORD,
    PHONE,
    ROOT,
    free_port,
)

DAY = "2017-09-07"
VISITORS = 60


def axe_script() -> Path | None:
    """axe-core's script, from KIOSK_AXE_JS or npm's global folder."""
    named = os.environ.get("KIOSK_AXE_JS")
    if named:
        return Path(named)
    try:
        root = subprocess.run(
            ["npm", "root", "-g"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return None
    found = Path(root) / "axe-core" / "axe.min.js"
    return found if root and found.exists() else None


def day_script(exhibit: Exhibit, visitors: int, seed: int = 7) -> str:
    """A replay script of `visitors`: each picks a language and one to three zones, reads some of
    their pages (a few read everything), and either presses Finish or walks away; some leave at the
    language screen."""
    rnd = random.Random(seed)
    steps, t = [], 1.0
    for _ in range(visitors):
        steps.append((t, "attract"))
        t += rnd.uniform(1, 3)
        if rnd.random() < 0.12:
            t += 70  # gone before choosing: the kiosk times out
            continue
        steps.append((t, f"lang:{rnd.choice(['pl', 'en', 'kk', 'ru'])}"))
        t += rnd.uniform(2, 5)
        diligent = rnd.random() < 0.15  # reads the whole exhibit
        for zone in exhibit.zones if diligent else rnd.sample(exhibit.zones, rnd.choice([1, 1, 2, 3])):
            steps.append((t, f"zone:{zone.id}"))
            t += rnd.uniform(4, 25)
            for page in range(len(zone.pages) if diligent else rnd.randint(1, len(zone.pages))):
                if rnd.random() < 0.6:  # a reader's finger on the text column, which leads nowhere
                    steps.append((t, [round(rnd.uniform(80, 840)), round(rnd.uniform(240, 660))]))
                    t += rnd.uniform(2, 6)
                if page < len(zone.pages) - 1 and (diligent or rnd.random() < 0.7):
                    steps.append((t, "next"))
                    t += rnd.uniform(5, 30)
            steps.append((t, "home"))
            t += rnd.uniform(1, 4)
        if rnd.random() < 0.5:
            steps.append((t, "finish"))
            t += rnd.uniform(5, 40)
        else:
            t += 65
        t += rnd.expovariate(1 / 150)  # the next visitor comes along: the day runs to mid-afternoon
    lines = [f"- {{at: {at:.1f}, tap: {tap if isinstance(tap, list) else repr(tap)}}}" for at, tap in steps]
    return "\n".join([*lines, f"- {{at: {t + 5:.1f}, quit: true}}"]) + "\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(config file, the dashboard's address) over a replayed day; the real server, stopped after."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: apt-get install chromium")
    from kiosk.resources import init_site
    from kiosk.web import start_in_thread

    folder = tmp_path_factory.mktemp("site")
    init_site(folder)
    config_file = folder / "config.yaml"
    config = load_config(config_file)
    script = folder / "day.yaml"
    script.write_text(day_script(load_exhibit(config).exhibit, VISITORS))
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "run", "--headless", "--replay", str(script), "--config", str(config_file),
         "--start", f"{DAY}T10:00"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "SDL_VIDEODRIVER": "dummy"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    # The door: more people than sessions, and an hour with a queue.
    door = [(10, 41), (11, 58), (12, 66), (13, 37), (14, 30), (15, 12)]
    conn = store.connect(config.store_file)
    store.write(
        conn,
        [
            EntryCounted(f"door-{hour}", "door", datetime.fromisoformat(f"{DAY}T{hour}:20").replace(tzinfo=config.tz).timestamp(), n)
            for hour, n in door
        ],
    )  # fmt: skip
    conn.close()
    StaffSecrets(config.staff_file).set("password", PASSWORD)
    running = start_in_thread(config, port=free_port())
    try:
        yield config_file, f"http://127.0.0.1:{running.port}/"
    finally:
        running.stop()


def evaluation_json(config_file: Path) -> dict:
    command = [sys.executable, "-m", "kiosk", "stats", "--evaluation", "--json", "--config", str(config_file)]
    command += ["--from", DAY, "--to", DAY]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    return json.loads(done.stdout)


def test_the_evaluation_page_in_a_browser_shows_what_kiosk_stats_says(site, tmp_path):
    from playwright.sync_api import sync_playwright

    config_file, address = site
    stats = evaluation_json(config_file)
    shot = (
        ROOT / "docs" / "evaluation.png" if os.environ.get("KIOSK_UPDATE_DOCS") == "1" else tmp_path / "e.png"
    )
    axe = axe_script()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            staff = browser.new_context(
                http_credentials={"username": "staff", "password": PASSWORD}, viewport=DESKTOP
            )
            page = staff.new_page()
            # Staff come from the dashboard's page of that day, by its link in the band.
            assert page.goto(f"{address}?from={DAY}&to={DAY}").status == 200
            page.click("text=Evaluation")
            assert page.url.endswith(f"evaluation?from={DAY}&to={DAY}")
            shown = page.eval_on_selector_all(
                "[data-figure]",
                "els => Object.fromEntries(els.map(e => [e.dataset.figure, e.dataset.value]))",
            )
            assert float(shown["attraction"]) == stats["attraction"]["per_100_entries"]
            for hour, h in stats["attraction"]["hours"].items():
                assert float(shown[f"attraction:hour:{hour}"]) == h["per_100_entries"]
            assert float(shown["thorough_pct"]) == stats["thorough"]["pct"]
            assert float(shown["dwell:median_s"]) == stats["dwell"]["median_s"]
            for t, share in stats["dwell"]["still_there_after_s"].items():
                assert float(shown[f"dwell:after:{t}"]) == share
            for step, counts in stats["path"].items():
                assert float(shown[f"path:{step}"]) == counts["sessions"]
            for zone, h in stats["holding_power"]["zones"].items():
                assert float(shown[f"holding:{zone}:visits"]) == h["visits"]
                assert float(shown[f"holding:{zone}:power"]) == (h["power"] or 0)
            sampled = 0
            for heat in stats["heat_maps"]:
                name = f"touches:{heat['screen']}{':portrait' if heat['portrait'] else ''}"
                for x, y, n in heat["cells"]:
                    assert float(shown[f"{name}:{x}:{y}"]) == n
                    sampled += n
            assert sampled >= VISITORS  # a day's taps, one in four: a heat map worth reading
            assert stats["path"]["started"]["sessions"] == VISITORS
            page.screenshot(path=str(shot), full_page=True)
            page.set_viewport_size(PHONE)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            page.screenshot(path=str(tmp_path / "evaluation-phone.png"), full_page=True)
            staff.close()
            if axe is not None:
                # The page's own policy refuses scripts; the auditor alone may bring axe in.
                auditor = browser.new_context(
                    http_credentials={"username": "staff", "password": PASSWORD}, bypass_csp=True
                )
                audited = auditor.new_page()
                for viewport in (DESKTOP, PHONE):
                    audited.set_viewport_size(viewport)
                    audited.goto(f"{address}evaluation?from={DAY}&to={DAY}")
                    audited.add_script_tag(path=str(axe))
                    found = audited.evaluate("async () => (await axe.run(document)).violations")
                    assert found == [], json.dumps(found, indent=1)[:3000]
                auditor.close()
        finally:
            browser.close()
    assert shot.stat().st_size > 10_000
