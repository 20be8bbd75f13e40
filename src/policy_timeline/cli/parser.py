"""The argument parser: every command, its options, and the options commands share."""

from __future__ import annotations

import argparse
from pathlib import Path

from policy_timeline import __version__
from policy_timeline.cli.options import PROG

MARKED_HELP = "only the events marked in the explorer (m) for this timeline folder"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Explore timelines of government policy. With no command, opens the "
        "explorer on the timeline folder given (or the bundled one).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    timeline = argparse.ArgumentParser(add_help=False)
    timeline.add_argument(
        "-t",
        "--timeline",
        metavar="DIR",
        type=Path,
        help="timeline folder (default: the bundled timeline)",
    )
    timeline.add_argument(
        "--no-cache",
        action="store_true",
        help="read every file afresh instead of reusing the load cache or the index",
    )

    filters = argparse.ArgumentParser(add_help=False)
    group = filters.add_argument_group("filters (values OR within one option, AND across options)")
    group.add_argument("--sector", action="append", default=[], metavar="SLUG")
    group.add_argument("--issuer", action="append", default=[], metavar="CODE")
    group.add_argument("--kind", action="append", default=[], metavar="KIND")
    group.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="events that reach this partial date or later (2017, 2017-12)",
    )
    group.add_argument(
        "--to", dest="date_to", metavar="DATE", help="events that start by this partial date"
    )
    group.add_argument(
        "--search",
        default="",
        metavar="TEXT",
        help="words that must all appear in title, summary or highlights",
    )

    explorer = commands.add_parser(
        "open", parents=[timeline], help="open the explorer (the default command)"
    )
    explorer.add_argument(
        "folder",
        nargs="?",
        type=Path,
        metavar="DIR",
        help="timeline folder, as an alternative to -t",
    )

    summary = commands.add_parser(
        "summary", parents=[timeline, filters], help="print a summary grouped by year"
    )
    summary.add_argument("--format", choices=("text", "markdown"), default="text")
    summary.add_argument(
        "--long", action="store_true", help="add summaries, highlights, targets, sources and links"
    )
    summary.add_argument("--marked", action="store_true", help=MARKED_HELP)

    targets = commands.add_parser(
        "targets",
        parents=[timeline, filters],
        help="print every target of the filtered events, by deadline, with its outcome",
    )
    targets.add_argument(
        "--due-from",
        metavar="DATE",
        help="targets whose deadline reaches this partial date or later",
    )
    targets.add_argument("--due-to", metavar="DATE", help="targets due by this partial date")
    targets.add_argument(
        "--status",
        action="append",
        default=[],
        metavar="STATUS",
        help="repeatable: met, missed, partly-met, unknown or not-recorded",
    )
    targets.add_argument("--format", choices=("text", "markdown", "csv", "json"), default="text")

    commands.add_parser(
        "validate", parents=[timeline], help="check a timeline and report every problem"
    )

    from policy_timeline.render.export import ICS_PERIODS, REGISTRY

    export = commands.add_parser(
        "export",
        parents=[timeline, filters],
        help="write the filtered events in a machine-readable form",
    )
    export.add_argument(
        "--format",
        metavar="FORMAT",
        help="; ".join(
            f"{entry.name}: {entry.help}"
            + (f" ({', '.join(entry.suffixes)})" if entry.suffixes else "")
            for entry in REGISTRY
        )
        + ". Without it, the suffix of -o FILE names the format.",
    )
    export.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output",
    )
    export.add_argument(
        "--no-formula-guard",
        dest="formula_guard",
        action="store_false",
        help="csv: leave cells starting with = + - @ as they are, for "
        "pandas or DuckDB rather than a spreadsheet",
    )
    export.add_argument(
        "--ics-periods",
        choices=ICS_PERIODS,
        default=ICS_PERIODS[0],
        help="ics: a period longer than a month as an entry on its first "
        "and one on its last day (markers, the default), or one entry "
        "across all its days (spans)",
    )
    export.add_argument("--marked", action="store_true", help=MARKED_HELP)

    importing = commands.add_parser(
        "import",
        parents=[timeline],
        help="add events from a CSV, xlsx, JSON or JSON Lines file: one YAML file per row",
    )
    importing.add_argument(
        "source",
        type=Path,
        metavar="FILE",
        help="columns are matched to event fields by name, as export writes them",
    )

    show = commands.add_parser(
        "show", parents=[timeline], help="print one event in full, with its links both ways"
    )
    show.add_argument("event_id", metavar="ID")
    show.add_argument("--cite", action="store_true", help="print a one-line citation instead")

    new = commands.add_parser(
        "new", parents=[timeline], help="start a new event file in a timeline folder"
    )
    new.add_argument("--id", dest="event_id", metavar="ID", help="the event's id (a slug)")
    new.add_argument("--date", metavar="DATE", help="a partial date: 2017, 2017-12, 2017-12-13")
    new.add_argument("--title", metavar="TEXT", help="the English title")

    schema = commands.add_parser(
        "schema", parents=[timeline], help="print the JSON Schema of event files (draft-07)"
    )
    schema.add_argument(
        "--write",
        action="store_true",
        help="write event.schema.json and timeline.schema.json into the "
        "timeline folder given with -t, for editors to use",
    )
    return parser
