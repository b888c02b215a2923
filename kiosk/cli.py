"""The `kiosk` command: a thin layer that turns domain errors into messages and exit codes."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from kiosk.config import ConfigError, load_config


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "run")  # `kiosk` and `kiosk --windowed` mean `kiosk run ...`
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except ConfigError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk", description="The pavilion's touchscreen exhibit. With no command: run."
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = commands.add_parser("run", help="show the exhibit (fullscreen unless --windowed)")
    _config_option(run)
    run.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    run.add_argument("--size", metavar="WxH", help="window size, e.g. 1080x1920 for portrait")
    run.add_argument("--allow-quit", action="store_true", help="Esc and closing the window quit")
    run.add_argument("--headless", action="store_true", help="no window; needs --replay")
    run.add_argument("--replay", metavar="SCRIPT", type=Path, help="YAML visitor script to play")
    run.add_argument("--screenshots", metavar="DIR", type=Path, help="where screenshot steps go")
    run.set_defaults(handler=_run)

    validate = commands.add_parser("validate", help="check config and content; exit 1 on errors")
    _config_option(validate)
    validate.set_defaults(handler=_validate)

    stats = commands.add_parser("stats", help="visitor numbers from the store")
    _config_option(stats)
    fmt = stats.add_mutually_exclusive_group()
    fmt.add_argument("--json", dest="format", action="store_const", const="json")
    fmt.add_argument("--csv", dest="format", action="store_const", const="csv")
    stats.add_argument("--from", dest="date_from", type=_day, metavar="YYYY-MM-DD")
    stats.add_argument("--to", dest="date_to", type=_day, metavar="YYYY-MM-DD")
    stats.set_defaults(handler=_stats, format="text")
    return parser


def _config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, metavar="PATH", help="config file (default: ./config.yaml)"
    )


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2017-09-07") from None


def _validate(args: argparse.Namespace) -> int:
    from kiosk.content.loader import load_exhibit

    config = load_config(args.config)
    report = load_exhibit(config)
    for problem in report.problems:
        print(problem)
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    zones = len(report.exhibit.zones) if report.exhibit else 0
    print(f"ok: {zones} zones, {warnings} warning(s)", file=sys.stderr)
    return 0


def _run(args: argparse.Namespace) -> int:
    from kiosk.runner import run

    return run(args)


def _stats(args: argparse.Namespace) -> int:
    from kiosk.visitors.stats_cli import print_stats

    return print_stats(load_config(args.config), args.format, args.date_from, args.date_to)
