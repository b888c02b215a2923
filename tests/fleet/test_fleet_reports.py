"""One pavilion in the reports: the central PostgreSQL store read by the kiosk's own reports.

The same replayed day, read from the kiosk's SQLite store and, after `kiosk sync`, from the
central store, gives the identical `kiosk stats` (JSON, CSV, every table) and dashboard; kiosks'
files side by side give the central store's per-kiosk breakdown. A real server, as in
test_fleet.py (whose fixtures these are).
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
from starlette.testclient import TestClient

from kiosk.config import load_config
from kiosk.staff import StaffSecrets
from kiosk.visitors import reports
from kiosk.visitors.sessions import EntryCounted, SessionEnded, ZoneLeft
from kiosk.web.app import create_app
from tests.fleet.test_fleet import (  # noqa: F401 - fixtures
    DAY,
    DAY_SCRIPT,
    _closed_port,
    central_url,
    kiosk,
    make_site,
    record,
    server_url,
    visits,
    with_password,
)


def replayed_day(folder: Path, kiosk_id: str, start: str) -> Path:
    """A kiosk's visiting day: a replayed visitor script, a stream of recorded visitors (one still
    at the screen), and door counts posted to its dashboard. Returns its config file."""
    config = make_site(folder, kiosk_id)
    script = folder / "day.yaml"
    script.write_text(DAY_SCRIPT)
    run = kiosk("run", "--headless", "--replay", str(script), "--config", str(config), "--start", start)
    assert run.returncode == 0, run.stderr
    events = visits(kiosk_id, DAY + 3 * 3600, 40, spacing=400)
    still_there = {e.session_id for e in events if isinstance(e, SessionEnded)}.pop()
    events = [
        e for e in events if not (isinstance(e, (SessionEnded, ZoneLeft)) and e.session_id == still_there)
    ]
    events += [EntryCounted(f"{kiosk_id}-pulse-{i}", "http", DAY + 600 * i, 2) for i in range(9)]
    record(folder / "data" / "visitors.db", events)
    return config


def stats(*args: str) -> str:
    done = kiosk("stats", *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_same_day_gives_the_same_report_from_sqlite_and_from_postgresql(tmp_path, central_url):  # noqa: F811 - the fixture
    config = replayed_day(tmp_path / "hall-a", "hall-a", "2017-09-07T10:00")
    synced = kiosk("sync", "--config", str(config), env={"KIOSK_FLEET_URL": central_url})
    assert synced.returncode == 0, synced.stderr

    own = ["--config", str(config)]
    pavilion = [*own, "--db", central_url]
    local = json.loads(stats(*own, "--json"))
    assert local["sessions"] == 44 and local["by_kiosk"]["hall-a"]["entries"] == 40 + 18  # the day as meant
    # Every key, none excepted: a kiosk's store and the central one are the same numbers.
    assert json.loads(stats(*pavilion, "--json")) == local
    for span in (["--from", "2017-09-07", "--to", "2017-09-07"], ["--from", "2017-09-08"]):
        assert stats(*pavilion, "--json", *span) == stats(*own, "--json", *span)
    for by in reports.BREAKDOWNS:
        assert stats(*pavilion, "--csv", "--by", by) == stats(*own, "--csv", "--by", by)
        assert stats(*pavilion, "--by", by) == stats(*own, "--by", by)
    assert stats(*pavilion, "--csv") == stats(*own, "--csv")

    # The dashboard over the central store: the same JSON, and its page shows the kiosk.
    site = load_config(config)
    StaffSecrets(site.staff_file).set("password", "forest-and-sun")
    staff = {"Authorization": "Bearer forest-and-sun"}
    client = TestClient(create_app(site, stores=[central_url]))
    assert client.get("/stats.json", headers=staff).json() == local
    page = client.get("/?from=2017-09-07&to=2017-09-07", headers=staff).text
    assert 'data-figure="kiosk:hall-a:sessions" data-value="44"' in page


def test_several_kiosks_by_kiosk_and_one_kiosk_alone(tmp_path, central_url):  # noqa: F811 - the fixture
    configs = {
        "hall-a": replayed_day(tmp_path / "hall-a", "hall-a", "2017-09-07T10:00"),
        "hall-b": replayed_day(tmp_path / "hall-b", "hall-b", "2017-09-07T15:30"),
    }
    for config in configs.values():
        assert kiosk("sync", "--config", str(config), env={"KIOSK_FLEET_URL": central_url}).returncode == 0
    files = [str(config.parent / "data" / "visitors.db") for config in configs.values()]
    own = ["--config", str(configs["hall-a"])]
    side_by_side = [arg for path in files for arg in ("--db", path)]

    # Two kiosks' files are two kiosks, as the central store tells them apart.
    central = json.loads(stats(*own, "--json", "--db", central_url))
    assert central == json.loads(stats(*own, "--json", *side_by_side))
    assert set(central["by_kiosk"]) == {"hall-a", "hall-b"}
    assert central["sessions"] == sum(k["sessions"] for k in central["by_kiosk"].values()) == 88
    table = stats(*own, "--csv", "--by", "kiosk", "--db", central_url)
    assert table == stats(*own, "--csv", "--by", "kiosk", *side_by_side)
    assert table.splitlines()[0] == "kiosk,sessions,entries,avg_session_s"
    assert "kiosk" in stats(*own, "--db", central_url)  # the plain report lists the kiosks

    # --kiosk: one kiosk of the pavilion is that kiosk's own report.
    alone = json.loads(stats(*own, "--json", "--db", central_url, "--kiosk", "hall-b"))
    assert alone == json.loads(stats("--config", str(configs["hall-b"]), "--json"))
    assert alone == json.loads(stats(*own, "--json", *side_by_side, "--kiosk", "hall-b"))
    both = stats(*own, "--json", "--db", central_url, "--kiosk", "hall-a", "--kiosk", "hall-b")
    assert json.loads(both) == central
    # A mistyped kiosk is said to be one, never a report of zeros.
    for stores in (["--db", central_url], side_by_side):
        typo = kiosk("stats", *own, *stores, "--kiosk", "hall-z", "--kiosk", "hall-a")
        assert typo.returncode == 1 and typo.stdout == ""
        assert typo.stderr == "kiosk: no records of kiosk hall-z (the stores hold: hall-a, hall-b)\n"


def test_a_central_store_that_cannot_be_read_is_one_line_with_the_password_masked(tmp_path, central_url):  # noqa: F811 - the fixture
    config = make_site(tmp_path / "site", "hall-a")
    down = f"postgresql://kiosk:s3cret-Pw@127.0.0.1:{_closed_port()}/pavilion"
    for url, said in (
        (down, "kiosk: cannot reach the central store at postgresql://kiosk:***@127.0.0.1:"),
        (
            with_password(central_url),
            "kiosk: no kiosk has forwarded visitor records to postgresql://postgres:***@",
        ),
        ("postgresql://kiosk:s3cret-Pw@[::1", "kiosk: (a URL that cannot be read): not a URL"),
    ):
        done = kiosk("stats", "--config", str(config), "--db", url)
        assert done.returncode == 1 and done.stdout == ""
        assert len(done.stderr.strip().splitlines()) == 1 and done.stderr.startswith(said), done.stderr
        assert "s3cret-Pw" not in done.stderr and "Traceback" not in done.stderr
    # A store made by a kiosk but with its totals table gone (a damaged restore): one line too.
    with psycopg.connect(central_url, autocommit=True) as pg:
        pg.execute("CREATE TABLE figure_totals (kiosk_id text)")
    done = kiosk("stats", "--config", str(config), "--db", with_password(central_url))
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "could not be read" in done.stderr and "s3cret-Pw" not in done.stderr


def test_kiosk_serve_with_a_central_store_out_of_reach_says_so_in_one_line(tmp_path):
    config = make_site(tmp_path / "site", "hall-a")
    StaffSecrets(load_config(config).staff_file).set("password", "forest-and-sun")
    down = f"postgresql://kiosk:s3cret-Pw@127.0.0.1:{_closed_port()}/pavilion"
    for args, env in ((["--db", down], {}), ([], {"KIOSK_FLEET_URL": down})):
        done = kiosk("serve", "--config", str(config), *args, env=env)
        assert done.returncode == 1, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(
            "kiosk: cannot reach the central store at postgresql://kiosk:***@"
        )
        assert "s3cret-Pw" not in done.stderr
