"""The `kiosk` command: a thin layer that turns domain errors into messages and exit codes."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import logging
import os
import sqlite3
import sys
import time
from datetime import date, datetime
from pathlib import Path

from kiosk.clock import VirtualClock
from kiosk.config import ConfigError, NoSite, load_config
from kiosk.visitors.reports import BREAKDOWNS


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "run")  # `kiosk` and `kiosk --windowed` mean `kiosk run ...`
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="kiosk: %(message)s")
    try:
        code = args.handler(args)
        sys.stdout.flush()  # here, so a reader that went away is met below, not at exit
        return code
    except BrokenPipeError:
        # `kiosk stats --json | head`: the reader has what it wanted. Python would still try
        # to flush at exit and print a traceback; point stdout at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as a shell tool killed by SIGPIPE
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except NoSite as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="The pavilion's touchscreen exhibit. With no command: run."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="write a ready site (config, zones, media, schema) into DIR")
    init.add_argument("dir", type=Path, metavar="DIR", help="a new or empty folder")
    init.set_defaults(handler=_init)

    run = commands.add_parser("run", help="show the exhibit (fullscreen unless --windowed)")
    _config_option(run)
    run.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    run.add_argument("--size", metavar="WxH", help="window size, e.g. 1080x1920 for portrait")
    run.add_argument("--allow-quit", action="store_true", help="Esc and closing the window quit")
    run.add_argument("--headless", action="store_true", help="no window; needs --replay")
    run.add_argument("--replay", metavar="SCRIPT", type=Path, help="YAML visitor script to play")
    run.add_argument("--screenshots", metavar="DIR", type=Path, help="where screenshot steps go")
    run.add_argument(
        "--store",
        metavar="PATH",
        type=Path,
        help="visitor store to record into (default: store_path of the config; a replay must not "
        "share a live kiosk's)",
    )
    run.add_argument(
        "--start",
        metavar="YYYY-MM-DDTHH:MM",
        type=_moment,
        help="replay: virtual wall time of the start, in the pavilion's time zone",
    )
    run.set_defaults(handler=_run)

    service = commands.add_parser(
        "service", help="print the systemd unit that boots this site's kiosk under cage, with a watchdog"
    )
    _config_option(service)
    service.add_argument(
        "--user", default="kiosk", metavar="NAME", help="who the kiosk runs as (default: kiosk)"
    )
    service.set_defaults(handler=_service)

    validate = commands.add_parser("validate", help="check config and content; exit 1 on errors")
    _config_option(validate)
    validate.add_argument("--json", dest="format", action="store_const", const="json", help="for tools")
    validate.add_argument("--strict", action="store_true", help="warnings fail too")
    validate.set_defaults(handler=_validate, format="text")

    serve = commands.add_parser(
        "serve", help="the staff dashboard in a browser (password: kiosk set-password)"
    )
    _config_option(serve)
    serve.add_argument("--host", help="address to listen on (default: web.host)")
    serve.add_argument("--port", type=int, help="port (default: web.port)")
    serve.add_argument(
        "--db",
        action="append",
        metavar="PATH|URL",
        help="the stores to show, as for kiosk stats (default: the central store, fleet.database_url,"
        " when set: the whole pavilion; else this kiosk's)",
    )
    serve.set_defaults(handler=_serve)

    snapshot = commands.add_parser("snapshot", help="every screen as PNG plus an index.html to sign off")
    _config_option(snapshot)
    snapshot.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="where the pictures and index.html go (default: the site's snapshot/)",
    )
    snapshot.set_defaults(handler=_snapshot)

    i18n = commands.add_parser(
        "i18n", help="translations out to a workbook or CSV and back into the zone files"
    )
    i18n_commands = i18n.add_subparsers(dest="i18n_command", metavar="ACTION", required=True)
    export = i18n_commands.add_parser("export", help="id, default-language text, current translation")
    _config_option(export)
    export.add_argument("--lang", required=True, help="the language to translate into, e.g. kk")
    export.add_argument(
        "--out",
        type=Path,
        help="FILE.xlsx (recommended: text cells, with notes on length) or FILE.csv "
        "(default: CSV on standard output)",
    )
    export.set_defaults(handler=_i18n_export)
    imp = i18n_commands.add_parser(
        "import", help="write a filled-in workbook or CSV back into the zone files"
    )
    _config_option(imp)
    imp.add_argument("file", type=Path, help="the .xlsx or .csv from `kiosk i18n export`, filled in")
    imp.set_defaults(handler=_i18n_import)

    for name, what in (
        ("set-pin", "the staff screen's PIN (4 to 8 digits)"),
        ("set-password", "the staff dashboard's password (at least 8 characters)"),
    ):
        secret = commands.add_parser(name, help=f"set {what}; stored hashed")
        _config_option(secret)
        secret.add_argument("--stdin", action="store_true", help="read it from standard input (scripts)")
        secret.set_defaults(handler=_set_secret, secret=name.removeprefix("set-"))

    token = commands.add_parser("token", help="named tokens for machines: a scraper, a door sensor")
    token_commands = token.add_subparsers(dest="token_command", metavar="ACTION", required=True)
    add = token_commands.add_parser("add", help="make a token; printed once, as the only line on stdout")
    _config_option(add)
    add.add_argument("name", help="who uses it, e.g. prometheus or door-1")
    add.add_argument("--scope", required=True, choices=("dashboard", "metrics", "entries"))
    add.set_defaults(handler=_token_add)
    listing = token_commands.add_parser("list", help="names, scopes, when made, when last used")
    _config_option(listing)
    listing.set_defaults(handler=_token_list)
    revoke = token_commands.add_parser("revoke", help="the token stops working at once")
    _config_option(revoke)
    revoke.add_argument("name")
    revoke.set_defaults(handler=_token_revoke)

    schema = commands.add_parser("schema", help="write the JSON Schema of the content files, for editors")
    _config_option(schema)
    schema.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="folder for zone.schema.json and pavilion.schema.json (default: the site's schema/)",
    )
    schema.set_defaults(handler=_schema)

    narrate = commands.add_parser(
        "narrate", help="draft pages' narration with espeak-ng, to review and replace by a recorded voice"
    )
    _config_option(narrate)
    narrate.add_argument("--lang", required=True, metavar="L", help="the language to draft, e.g. pl")
    narrate.add_argument(
        "--out", type=Path, metavar="DIR", help="folder for the .ogg files (default: the site's media/audio/)"
    )
    narrate.add_argument(
        "--page", metavar="ZONE/PAGE", help="one page, e.g. forest/natural-wealth (default: all)"
    )
    narrate.add_argument("--force", action="store_true", help="draft again files that are there already")
    narrate.set_defaults(handler=_narrate)

    doctor = commands.add_parser("doctor", help="is this machine ready for the exhibit? one line per check")
    _config_option(doctor)
    doctor.set_defaults(handler=_doctor)

    sync = commands.add_parser(
        "sync", help="forward every visitor record not yet forwarded to the central store, now"
    )
    _config_option(sync)
    sync.set_defaults(handler=_sync)

    publish = commands.add_parser(
        "publish", help="check the site's content and publish it to the kiosks as a new release"
    )
    _config_option(publish)
    publish.add_argument("--kiosks", metavar="ID,...", help="only these kiosks (try a release on one first)")
    publish.add_argument("--note", default="", metavar="TEXT", help="what changed, shown on the dashboard")
    publish.add_argument("--rollback", action="store_true", help="withdraw the newest release: back one")
    publish.set_defaults(handler=_publish)

    stats = commands.add_parser("stats", help="visitor numbers from the store")
    _config_option(stats)
    fmt = stats.add_mutually_exclusive_group()
    fmt.add_argument("--json", dest="format", action="store_const", const="json")
    fmt.add_argument("--csv", dest="format", action="store_const", const="csv")
    stats.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD")
    stats.add_argument(
        "--by",
        choices=BREAKDOWNS,
        help="one table: per day, per hour of the day, per zone, per language or per kiosk",
    )
    stats.add_argument(
        "--db",
        action="append",
        metavar="PATH|URL",
        help="a kiosk's store, a folder of them, or the central store (postgresql://...);"
        " repeat for several (default: this kiosk's)",
    )
    stats.add_argument(
        "--kiosk",
        action="append",
        dest="kiosks",
        metavar="ID",
        help="only this kiosk (a store's kiosk is the one its sessions name); repeat for several",
    )
    stats.add_argument(
        "--evaluation",
        action="store_true",
        help="the figures museum evaluators use instead: attraction, holding power, thorough visitors,"
        " dwell as a survival curve, the path to a zone's last page, where visitors touch (README)",
    )
    stats.set_defaults(handler=_stats, format="text")
    return parser


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        metavar="PATH",
        help="the site's config.yaml (default: $KIOSK_CONFIG, else ./config.yaml)",
    )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2017-09-07") from None


def _init(args: argparse.Namespace) -> int:
    from kiosk.resources import SiteExists, init_site

    try:
        written = init_site(args.dir)
    except (SiteExists, OSError) as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    config = args.dir / "config.yaml"
    print(f"next: kiosk validate --config {config}, then kiosk run --config {config}", file=sys.stderr)
    return 0


def _service(args: argparse.Namespace) -> int:
    import pwd

    from kiosk.config import config_file
    from kiosk.service import unit_text

    path = config_file(args.config)
    load_config(path)  # a unit for a site that does not load would only restart forever
    if args.user == "root":
        print("kiosk: the kiosk runs as an unprivileged user, not root", file=sys.stderr)
        return 1
    try:
        pwd.getpwnam(args.user)
    except KeyError:
        print(f"kiosk: note: no user {args.user} on this machine yet (useradd it first)", file=sys.stderr)
    sys.stdout.write(unit_text(path.resolve(), args.user))
    return 0


def _validate(args: argparse.Namespace) -> int:
    import json

    from kiosk.content.loader import load_exhibit

    try:
        config = load_config(args.config)
    except ConfigError as exc:  # a broken config is content trouble too: same lines, exit 1
        for problem in exc.problems:
            print(problem)
        return 1
    report = load_exhibit(config)
    problems = list(report.problems)
    if report.exhibit is not None:
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # fonts and layout, no window
        from kiosk.ui.lint import check_fit, check_glyphs

        problems += check_glyphs(report, config) + check_fit(report, config)
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    failed = bool(errors) or (args.strict and bool(warnings))
    if args.format == "json":
        print(
            json.dumps(
                {
                    "ok": not failed,
                    "errors": [dataclasses.asdict(p) for p in errors],
                    "warnings": [dataclasses.asdict(p) for p in warnings],
                    "missing_translations": report.missing,
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return 1 if failed else 0
    for problem in problems:
        print(problem)
    gaps = {file: counts for file, counts in report.missing.items() if any(counts.values())}
    if gaps:
        print(f"\nmissing translations  {'  '.join(f'{code:>3}' for code in config.languages)}")
        for file, counts in gaps.items():
            print(f"{file:<21} {'  '.join(f'{counts[code]:>3}' for code in config.languages)}")
    zones = len(report.exhibit.zones) if report.exhibit else 0
    summary = f"{len(errors)} error(s), {len(warnings)} warning(s)"
    print(summary if failed else f"ok: {zones} zones, {len(warnings)} warning(s)", file=sys.stderr)
    return 1 if failed else 0


def _serve(args: argparse.Namespace) -> int:
    from kiosk.staff import StaffSecrets
    from kiosk.web import serve

    config = load_config(args.config)
    if not StaffSecrets(config.staff_file).has("password"):
        print("kiosk: set a password with `kiosk set-password` first", file=sys.stderr)
        return 1
    host, port = args.host or config.web.host, args.port or config.web.port
    # A kiosk that forwards to the central store serves the whole pavilion from it.
    stores = args.db or ([config.fleet_url] if config.fleet_url else None)
    if stores is None:
        _say_store(config.store_file)
    else:
        problem = _stores_problem(stores)
        if problem:
            print(f"kiosk: {problem}", file=sys.stderr)
            return 1
        print(f"kiosk: visitor figures from {', '.join(_shown(name) for name in stores)}", file=sys.stderr)
    print(f"kiosk: staff dashboard on http://{host}:{port}/ (Ctrl+C stops it)", file=sys.stderr)
    serve(config, host, port, stores=stores)
    return 0


def _shown(name: str) -> str:
    """A store's name as said: a URL's password masked."""
    from kiosk.fleet import url as fleet_url

    return fleet_url.mask(name) if "://" in name else name


def _stores_problem(names: list[str]) -> str | None:
    """Why the dashboard cannot show these stores (a file not there, a central store out of
    reach), said at the start rather than as a 503 on every page; None when all can be read."""
    from kiosk.visitors.sources import Unreadable

    urls = [name for name in names if "://" in name]
    missing = [name for name in names if name not in urls and not Path(name).exists()]
    if missing:
        return f"no visitor store at {', '.join(missing)}"
    try:
        with _central_stores(urls):
            return None
    except Unreadable as exc:
        return str(exc)


def _snapshot(args: argparse.Namespace) -> int:
    from kiosk.content.loader import load_exhibit

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")  # drawn off screen
    config = load_config(args.config)
    report = load_exhibit(config)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.exhibit is None:
        print("kiosk: no content can be shown; `kiosk validate` lists what to fix", file=sys.stderr)
        return 1
    from kiosk.ui.snapshot import write_snapshot

    print(write_snapshot(config, report.exhibit, args.out or config.base_dir / "snapshot"))
    return 0


def _i18n_export(args: argparse.Namespace) -> int:
    from kiosk.content.i18n import ImportRefused, entries, export_csv

    config = load_config(args.config)
    if args.lang not in config.languages:
        print(
            f"kiosk: '{args.lang}' is not one of the kiosk's languages ({', '.join(config.languages)})",
            file=sys.stderr,
        )
        return 2
    try:
        if args.out and args.out.suffix.lower() == ".xlsx":
            return _i18n_workbook(config, args.lang, args.out)
        text = "\ufeff" + export_csv(config, args.lang)  # the mark makes spreadsheets read UTF-8
    except ImportRefused as exc:  # a zone file the kiosk cannot read either
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"{args.out}: {len(entries(config))} texts", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _i18n_workbook(config, language: str, out: Path) -> int:
    from kiosk.content.i18n import entries
    from kiosk.content.i18n_xlsx import write_workbook
    from kiosk.content.loader import load_exhibit
    from kiosk.ui.room import notes

    found = entries(config)
    report = load_exhibit(config)
    said = notes(report, config, language)  # measured on the kiosk's own screens
    default = config.default_language
    rows = [
        [e.id, e.texts.get(default, ""), e.texts.get(language, ""), said.get((e.file.stem, e.path), "")]
        for e in found
    ]
    write_workbook(out, ["id", default, language, "notes"], rows)
    print(f"{out}: {len(rows)} texts; translate in column C, the others are locked", file=sys.stderr)
    return 0


def _i18n_import(args: argparse.Namespace) -> int:
    from kiosk.content.i18n import ImportRefused, import_rows

    config = load_config(args.config)
    try:
        if args.file.suffix.lower() == ".xlsx":
            from kiosk.content.i18n_xlsx import read_workbook

            header, rows = read_workbook(args.file)
            lossy = None
        else:
            from kiosk.content.i18n_csv import read_csv

            sheet = read_csv(config, args.file.read_bytes())
            if sheet.recognised:
                print(f"kiosk: {args.file}: {sheet.recognised}", file=sys.stderr)
            header, rows, lossy = sheet.header, sheet.rows, sheet.lossy
        result = import_rows(config, header, rows, str(args.file), lossy)
    except ImportRefused as exc:
        for problem in exc.problems:
            print(problem)
        print("nothing imported; no file was changed", file=sys.stderr)
        return 1
    except (OSError, ValueError) as exc:
        print(f"kiosk: {args.file}: {exc}", file=sys.stderr)
        return 1
    for text_id in result.changed:
        print(f"changed {text_id}")
    for warning in result.warnings:
        print(warning)
    for text_id in result.unknown:
        print(f"{args.file}: warning: no text has the id {text_id} (renamed or removed since the export?)")
    print(
        f"{len(result.changed)} text(s) changed in {len(result.files)} file(s); "
        "run `kiosk validate` to check them",
        file=sys.stderr,
    )
    return 0


def _set_secret(args: argparse.Namespace) -> int:
    import getpass

    from kiosk.staff import StaffSecrets

    config = load_config(args.config)
    if args.stdin:
        value = sys.stdin.readline().strip()
    else:
        value = getpass.getpass(f"New {args.secret}: ")
        if getpass.getpass("Again: ") != value:
            print("kiosk: the two did not match; nothing changed", file=sys.stderr)
            return 1
    if args.secret == "pin" and not (value.isdigit() and 4 <= len(value) <= 8):
        print("kiosk: a PIN is 4 to 8 digits; nothing changed", file=sys.stderr)
        return 1
    if args.secret == "password" and len(value) < 8:
        print("kiosk: a password has at least 8 characters; nothing changed", file=sys.stderr)
        return 1
    if args.secret == "password" and value.startswith("kt-"):  # kept for tokens (kiosk token add)
        print("kiosk: a password may not begin with kt-; nothing changed", file=sys.stderr)
        return 1
    try:
        StaffSecrets(config.staff_file).set(args.secret, value)
    except OSError as exc:
        return _unwritable(config.staff_file, exc)
    print(f"{args.secret} set in {config.staff_file} (hashed)", file=sys.stderr)
    return 0


def _unwritable(path: Path, exc: OSError) -> int:
    """A full or read-only disk under the staff secrets: said in one line, and nothing changed."""
    print(f"kiosk: {path} cannot be written ({exc.strerror or exc}); nothing changed", file=sys.stderr)
    return 1


def _token_add(args: argparse.Namespace) -> int:
    from kiosk.staff import StaffSecrets
    from kiosk.web import tokens

    config = load_config(args.config)
    try:
        token = tokens.add(StaffSecrets(config.staff_file), args.name, args.scope)
    except tokens.TokenError as exc:
        print(f"kiosk: {exc}; nothing changed", file=sys.stderr)
        return 1
    except OSError as exc:
        return _unwritable(config.staff_file, exc)
    print(token)
    print(
        f"token '{args.name}' ({args.scope}) stored hashed in {config.staff_file}; it is shown only now",
        file=sys.stderr,
    )
    return 0


def _token_list(args: argparse.Namespace) -> int:
    from kiosk.staff import StaffSecrets
    from kiosk.web import tokens

    config = load_config(args.config)
    listed = tokens.listed(StaffSecrets(config.staff_file))

    def when(moment: float | None) -> str:
        if not moment:
            return "never"
        return datetime.fromtimestamp(moment, config.tz).strftime("%Y-%m-%d %H:%M")

    rows = [("name", "scope", "made", "last used")]
    rows += [(t.name, t.scope, when(t.created), when(t.last_used)) for t in listed]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    return 0


def _token_revoke(args: argparse.Namespace) -> int:
    from kiosk.staff import StaffSecrets
    from kiosk.web import tokens

    config = load_config(args.config)
    try:
        tokens.revoke(StaffSecrets(config.staff_file), args.name)
    except tokens.TokenError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        return _unwritable(config.staff_file, exc)
    print(f"token '{args.name}' revoked", file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from kiosk.content.schema import write_schemas

    for path in write_schemas(args.out or load_config(args.config).base_dir / "schema"):
        print(path)
    return 0


def _narrate(args: argparse.Namespace) -> int:
    from kiosk.content.captions import clock
    from kiosk.content.loader import load_exhibit
    from kiosk.content.narration import narration_length
    from kiosk.narrate import EXPERIMENTAL, NarrateError, draft_pages

    config = load_config(args.config)
    report = load_exhibit(config, check_images=False)
    if report.exhibit is None:
        for problem in report.errors:
            print(problem, file=sys.stderr)
        return 1
    media = config.media_path.resolve()
    out = (args.out or config.media_path / "audio").resolve()
    try:
        drafts = draft_pages(report.exhibit, args.lang, out, args.page, args.force)
    except NarrateError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    for draft in drafts:
        length = clock(narration_length(draft.path, float("inf")))
        verb = "drafted" if draft.written else "kept (there already; --force drafts it again)"
        print(f"{verb}: {draft.path} ({length})")
    print(
        "These are drafts by a speech synthesizer: listen to each, and replace it by a recorded voice "
        "before visitors hear it."
    )
    if args.lang in EXPERIMENTAL:
        print(f"espeak-ng's voice for '{args.lang}' is marked experimental: expect words said wrongly.")
    if not out.is_relative_to(media):
        print(f"The files are outside {media}: move them into it, then name them in each page's audio:.")
        return 0
    print("To play them, give each page the line shown (at the end of the page, under its blocks):")
    for draft in drafts:
        zone = report.exhibit.zone(draft.zone_id)
        p = zone.pages.index(draft.page)
        audio = dict(draft.page.audio)
        for code in config.languages:  # every language drafted so far, in the kiosk's order
            name = draft.path.with_name(f"{draft.zone_id}-{draft.page.id}.{code}.ogg")
            if name.exists():
                audio[code] = name.relative_to(media).as_posix()
        file, line = report.locate(zone.id, ("pages", p, "id"))
        pairs = ", ".join(f"{code}: {ref}" for code, ref in audio.items())
        print(f"{file}:{line}: {zone.id}/{draft.page.id}\n    audio: {{{pairs}}}")
    return 0


def _moment(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a time like 2017-09-07T10:00") from None


def _size(text: str | None) -> tuple[int, int] | None:
    if not text:
        return None
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"kiosk: --size takes WIDTHxHEIGHT, e.g. 1920x1080, not '{text}'") from None
    if not (320 <= width <= 16384 and 320 <= height <= 16384):
        raise SystemExit(f"kiosk: --size {text} is out of range")
    return width, height


def _run(args: argparse.Namespace) -> int:
    if args.headless != bool(args.replay):
        print("kiosk: --headless and --replay SCRIPT go together", file=sys.stderr)
        return 2
    if args.headless:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")  # an exhibit without sound needs no device
    size = _size(args.size)
    from kiosk.memory import tune_allocator

    tune_allocator()  # before the first picture is drawn

    from kiosk.content.loader import load_exhibit
    from kiosk.replay import ReplayError, load_script

    config = load_config(args.config)
    report = load_exhibit(config)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.exhibit is None:
        print("kiosk: no content can be shown; `kiosk validate` lists what to fix", file=sys.stderr)
        return 1
    try:
        steps = load_script(args.replay) if args.replay else []
        from kiosk.ui import run as ui
    except ReplayError as exc:
        print(exc, file=sys.stderr)
        return 1
    except ImportError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2

    from kiosk.visitors import reports
    from kiosk.visitors.recorder import Recorder, StoreInUse, StoreUnwritable, check_writable

    if args.store:
        config = config.model_copy(update={"store_path": str(args.store.resolve())})
    store_file = config.store_file
    print(  # once, at start: which site this kiosk is showing and counting
        f"kiosk: content {config.zones_path} ({len(report.exhibit.zones)} zones), pictures "
        f"{config.media_path}, visitors {store_file}{'' if store_file.exists() else ' (new)'}",
        file=sys.stderr,
    )
    try:
        check_writable(store_file)
        recorder = Recorder(store_file, config.timezone)
    except (StoreInUse, StoreUnwritable) as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    if recorder.interrupted_closed:
        print(
            f"kiosk: closed {recorder.interrupted_closed} session(s) left open by a crash",
            file=sys.stderr,
        )
    dashboard, running = None, []  # the dashboard reads the running kiosk's live figures
    if config.web.enabled and not args.headless:
        from kiosk.web import start_in_thread

        try:
            dashboard = start_in_thread(config, live=lambda: running[0].live() if running else {})
        except OSError as exc:
            print(f"kiosk: staff dashboard not started ({exc}); the exhibit runs without it", file=sys.stderr)
    clock = VirtualClock(_start_time(args.start, config)) if args.headless else None
    forwarder = _start_forwarding(config, store_file)
    watching = _start_watching(config, running, forwarder, store_file) if not args.headless else []

    def visitors_today() -> int:
        return reports.sessions_today(store_file, config.tz, clock.wall() if clock else None)

    try:
        if args.headless:
            ui.run_replay(
                config,
                report.exhibit,
                recorder.record,
                steps,
                size or config.display.width_height,
                args.screenshots,
                clock,
                str(args.replay),
                visitors_today,
                store_health=recorder.health,
            )
        else:
            ui.run_window(
                config,
                report.exhibit,
                recorder.record,
                args.windowed,
                size,
                args.allow_quit or config.allow_quit,
                visitors_today,
                report.problems,
                on_app=running.append,
                store_health=recorder.health,
            )
    except ui.NoDisplayError as exc:
        print(
            f"kiosk: no display to show the exhibit on ({exc}); "
            "on a machine without a screen use --headless --replay SCRIPT",
            file=sys.stderr,
        )
        return 1
    except ReplayError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        if dashboard:
            dashboard.stop()
        recorder.close()
        if forwarder:
            forwarder.stop()
        for worker in watching:
            worker.stop()
    return 0


def _start_watching(config, running: list, forwarder, store_file: Path) -> list:
    """With a central store named: the heartbeat and the release taker, each on its own thread."""
    url = config.fleet_url
    if url is None or not url.startswith(("postgresql://", "postgres://")):
        return []
    from kiosk.fleet.heartbeat import Heartbeat, Sources
    from kiosk.fleet.releases import ReleaseTaker
    from kiosk.visitors import reports

    taker = ReleaseTaker(config, url)
    sources = Sources(
        live=lambda: running[0].live() if running else {},
        visitors_today=lambda: reports.sessions_today(store_file, config.tz),
        store_dir=store_file.parent,
        backlog=forwarder.backlog if forwarder else None,
        releases=taker.state,
        screen=lambda: running[0].screen_copy if running else None,
    )
    return [Heartbeat(url, config.kiosk_id, sources).start(), taker.start()]


def _start_forwarding(config, store_file: Path):
    """With a central store named, a worker thread forwards the visitor records to it."""
    url = config.fleet_url
    if url is None:
        return None
    from kiosk.fleet import url as fleet_url
    from kiosk.fleet.forwarder import Forwarder

    problem = fleet_url.check(url)
    if problem:  # only KIOSK_FLEET_URL can get here: config.yaml's is checked when it loads
        print(f"kiosk: {fleet_url.ENVIRONMENT} {problem}; nothing is forwarded", file=sys.stderr)
        return None
    print(f"kiosk: visitor records forwarded to {fleet_url.mask(url)}", file=sys.stderr)
    fleet = config.fleet
    return Forwarder(store_file, url, config.kiosk_id, fleet.batch_size, fleet.interval_s).start()


def _sync(args: argparse.Namespace) -> int:
    from kiosk.fleet import url as fleet_url
    from kiosk.fleet.forwarder import Forwarder, Unreachable

    config = load_config(args.config)
    url = config.fleet_url
    if url is None:
        print(
            f"kiosk: no central store: set fleet.database_url in {config.base_dir / 'config.yaml'}"
            f" or {fleet_url.ENVIRONMENT}",
            file=sys.stderr,
        )
        return 1
    problem = fleet_url.check(url)
    if problem:
        print(f"kiosk: {fleet_url.ENVIRONMENT} {problem}", file=sys.stderr)
        return 1
    if not config.store_file.exists():
        print(f"kiosk: no visitors recorded yet at {config.store_file}; nothing to forward", file=sys.stderr)
        return 0
    # Not the recorder's lock: sync runs beside a live kiosk, taking turns with its worker by batch.
    forwarder = Forwarder(config.store_file, url, config.kiosk_id, config.fleet.batch_size)
    try:
        sent = forwarder.forward()
    except Unreachable as exc:
        waiting = forwarder.backlog()
        print(f"kiosk: {exc}; {waiting} record(s) wait for the next sync", file=sys.stderr)
        return 1
    finally:
        forwarder.close()
    waiting = forwarder.backlog()
    more = f"; {waiting} record(s) still waiting (another sender had the store)" if waiting else ""
    refused = f", {sent.refused} refused and set aside (quarantine)" if sent.refused else ""
    print(
        f"kiosk: {sent.records} record(s) forwarded to {fleet_url.mask(url)} in {sent.seconds:.1f} s"
        f"{refused}{more}",
        file=sys.stderr,
    )
    return 0


def _publish(args: argparse.Namespace) -> int:
    from kiosk.fleet import url as fleet_url

    config = load_config(args.config)
    url = config.fleet_url
    if url is None or fleet_url.check(url):
        print(
            f"kiosk: no central store to publish to: set fleet.database_url in"
            f" {config.base_dir / 'config.yaml'} or {fleet_url.ENVIRONMENT}",
            file=sys.stderr,
        )
        return 1
    import psycopg

    from kiosk.fleet import publish

    if args.rollback and args.kiosks:
        print(
            "kiosk: --rollback withdraws the newest release, whoever it is for: no --kiosks", file=sys.stderr
        )
        return 2
    kiosks = [k.strip() for k in (args.kiosks or "").split(",") if k.strip()] or None
    if not args.rollback:
        problems = publish.site_problems(config)
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            for problem in errors:
                print(problem)
            print(f"kiosk: {len(errors)} error(s) in the content; nothing published", file=sys.stderr)
            return 1
    try:
        with psycopg.connect(
            url, autocommit=True, connect_timeout=10, application_name="kiosk publish"
        ) as conn:
            if args.rollback:
                withdrawn, now = publish.rollback(conn)
                print(
                    f"kiosk: release {withdrawn} withdrawn; its kiosks go back to release {now}",
                    file=sys.stderr,
                )
                return 0
            done = publish.publish(conn, publish.site_files(config), args.note, kiosks)
    except publish.NothingToRollBack as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 1
    except psycopg.Error as exc:
        print(
            f"kiosk: cannot publish to {fleet_url.mask(url)}: {fleet_url.scrub(str(exc), url)}",
            file=sys.stderr,
        )
        return 1
    whom = ", ".join(done.kiosks) if done.kiosks else "every kiosk"
    print(done.release)
    print(
        f"kiosk: release {done.release} published to {fleet_url.mask(url)} for {whom}: {done.files} file(s),"
        f" {done.new_files} new ({done.new_bytes:,} bytes); kiosks show it on their attract screen",
        file=sys.stderr,
    )
    return 0


def _central_stores(urls: list[str]):
    """Read-only connections to the central stores named (none: psycopg is not even loaded)."""
    if not urls:
        return contextlib.nullcontext([])
    from kiosk.fleet import reading

    return reading.opened(urls)


def _say_store(path: Path, only_if_new: bool = False) -> None:
    """Which store the numbers come from, so zeros from the wrong folder are never believed."""
    if not path.exists():
        print(f"kiosk: no visitors recorded yet at {path}", file=sys.stderr)
    elif not only_if_new:
        print(f"kiosk: visitor figures from {path}", file=sys.stderr)


def _start_time(moment: datetime | None, config) -> float:
    if moment is None:
        return time.time()
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=config.tz)
    return moment.timestamp()


def _doctor(args: argparse.Namespace) -> int:
    from kiosk.doctor import run_checks

    results = run_checks(args.config)
    for result in results:
        print(result.line(), flush=True)
    return 1 if any(r.status == "fail" for r in results) else 0


def _stats(args: argparse.Namespace) -> int:
    import json

    from kiosk.visitors import reports
    from kiosk.visitors.sources import Unreadable

    config = load_config(args.config)
    names = args.db or []
    urls = [name for name in names if "://" in name]  # the central store; the rest are files
    paths = [Path(name) for name in names if name not in urls]
    files = reports.store_files(paths) if names else [config.store_file]
    # Staff believe the numbers they read: a store that is not there is never a row of zeros.
    missing = [str(p) for p in paths if not p.exists()]
    if missing or (paths and not files):
        where = ", ".join(missing) or ", ".join(str(p) for p in paths)
        print(f"kiosk: no visitor store at {where}", file=sys.stderr)
        return 1
    if not names:
        _say_store(config.store_file, only_if_new=True)
    if args.evaluation and args.by:
        print("kiosk: --evaluation is a view of its own; leave out --by", file=sys.stderr)
        return 2
    exhibit = None
    if args.evaluation:  # reading times and pages come from the content
        from kiosk.content.loader import load_exhibit

        exhibit = load_exhibit(config, check_images=False).exhibit
        if exhibit is None:
            print(
                "kiosk: the content cannot be read, so neither can its pages: see kiosk validate",
                file=sys.stderr,
            )
            return 1
    kiosks = set(args.kiosks) if args.kiosks else None
    conns = []
    try:
        for path in files:
            conns.append(reports.open_readonly(path))
            if conns[-1]:
                conns[-1].execute("PRAGMA schema_version")  # a file that is not a store says so here
        with _central_stores(urls) as central:
            known = reports.known_kiosks(conns + central) if kiosks else set()
            if kiosks and kiosks - known:
                print(
                    f"kiosk: no records of kiosk {', '.join(sorted(kiosks - known))}"
                    f" (the stores hold: {', '.join(sorted(known)) or 'none'})",
                    file=sys.stderr,
                )
                return 1
            span = (args.date_from, args.date_to)
            if exhibit is not None:
                from kiosk.visitors.evaluate import evaluate

                langs = (config.languages, config.default_language)
                report = evaluate(conns + central, config.tz, exhibit, *langs, *span, kiosks=kiosks)
            else:
                report = reports.summary(
                    conns + central, config.tz, *span, config.opening_hours, kiosks=kiosks
                )
    except sqlite3.DatabaseError as exc:
        print(f"kiosk: {files[len(conns) - 1]}: not a readable visitor store ({exc})", file=sys.stderr)
        return 1
    except Unreadable as exc:
        print(f"kiosk: {exc}", file=sys.stderr)  # the central store: one line, its password masked
        return 1
    finally:
        for conn in conns:
            if conn:
                conn.close()
    if exhibit is not None:
        from kiosk.visitors import evaluation

        if args.format == "json":
            print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
        else:
            sys.stdout.write(
                evaluation.to_csv(report) if args.format == "csv" else evaluation.to_text(report) + "\n"
            )
        return 0
    if args.format == "json":
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.write(reports.to_csv(report, args.by))
    else:
        print(reports.to_text(report, args.by))
    return 0
