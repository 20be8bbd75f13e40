"""The command line: the explorer by default, and summary, targets, validate, export, show,
new and schema.

Each command's work lives in its own module; this one wires arguments to it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from policy_timeline import __version__
from policy_timeline.model.dates import DateError, PartialDate, parse_partial_date
from policy_timeline.model.problems import count_line, did_you_mean
from policy_timeline.model.text import plain
from policy_timeline.paths import bundled_timeline
from policy_timeline.query.index import FACETS, Facet, Filter, TimelineIndex
from policy_timeline.reading.loader import LoadResult, TimelineNotFound, load_timeline
from policy_timeline.reading.outcomes import describe

if TYPE_CHECKING:
    from rich.console import RenderableType

PROG = "policy-timeline"
MARKED_HELP = "only the events marked in the explorer (m) for this timeline folder"


class UsageError(Exception):
    """A command line that cannot be acted on; reported in one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args or (args[0] not in COMMANDS and args[0] not in ("-h", "--help", "--version")):
        args.insert(0, "open")
    options = parser.parse_args(args)
    try:
        return int(COMMANDS[options.command](options))
    except (UsageError, TimelineNotFound) as error:
        # Messages quote paths and values as given, which may hold control characters.
        print(f"{PROG}: error: {plain(str(error), one_line=True)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`| head`); quietly stop writing to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        return 130


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
        help="read every file afresh instead of reusing the load cache",
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


def timeline_folder(options: argparse.Namespace) -> Path:
    folder: Path | None = getattr(options, "folder", None)
    if folder is not None and options.timeline is not None:
        raise UsageError("give the timeline folder once: either DIR or -t DIR")
    return folder or options.timeline or bundled_timeline()


def load_for_reading(options: argparse.Namespace) -> LoadResult:
    """Loads for commands that show data: problems are a warning, not a stop."""
    result = load_timeline(timeline_folder(options), cache=not options.no_cache)
    if result.problems:
        print(
            f"{PROG}: warning: {describe(result.problems, result.timeline)} "
            f"(run '{PROG} validate' for details)",
            file=sys.stderr,
        )
    return result


def filter_from_options(options: argparse.Namespace, index: TimelineIndex) -> Filter:
    query = Filter(
        date_from=_date_option(options.date_from, "--from"),
        date_to=_date_option(options.date_to, "--to"),
        search=options.search,
        ids=_marked_ids(options) if getattr(options, "marked", False) else None,
    )
    for facet in FACETS.values():
        query = facet.choose(query, _facet_values(getattr(options, facet.name), facet, index))
    return query


def _marked_ids(options: argparse.Namespace) -> frozenset[str]:
    from policy_timeline.query.marks import Marks, default_data_dir

    marks = Marks.for_timeline(default_data_dir(), timeline_folder(options))
    if marks.error:
        raise UsageError(marks.error)
    if not marks.ids:
        print(
            f"{PROG}: warning: no events are marked for {timeline_folder(options)} "
            "(mark them in the explorer with m)",
            file=sys.stderr,
        )
    return frozenset(marks.ids)


def _facet_values(given: list[str], facet: Facet, index: TimelineIndex) -> frozenset[str]:
    known = set(index.values(facet.name)) | set(facet.declared(index.timeline) or {})
    folded = {value.casefold() for value in known}
    for value in given:
        if value.casefold() not in folded:
            hint = did_you_mean(value, known) or (
                f" (known: {', '.join(sorted(known))})" if len(known) <= 12 else ""
            )
            raise UsageError(f"no {facet.name} {value!r} in this timeline{hint}")
    return frozenset(given)


def _date_option(text: str | None, option: str) -> PartialDate | None:
    if text is None:
        return None
    try:
        return parse_partial_date(text)
    except DateError as error:
        raise UsageError(f"{option}: {error}") from None


def run_open(options: argparse.Namespace) -> int:
    from policy_timeline.tui.launch import launch_explorer

    return launch_explorer(timeline_folder(options), cache=not options.no_cache)


def run_summary(options: argparse.Namespace) -> int:
    from rich.console import Console

    from policy_timeline.render.summary import markdown_chunks, render_summary, summary_chunks

    result = load_for_reading(options)
    index = TimelineIndex(result.timeline)
    query = filter_from_options(options, index)
    events = index.events(query)
    if options.format == "markdown":
        sys.stdout.writelines(markdown_chunks(result.timeline, events, query, options.long))
        return 0
    console = Console(highlight=False, markup=False, emoji=False)
    if console.is_terminal:
        console.print(render_summary(result.timeline, events, query, options.long))
        return 0
    # Piped or redirected: one line per event, for grep and diff, written as it is
    # made (what print_renderable would write, without Rich laying out every line).
    console.width = 1000
    chunks = summary_chunks(console, result.timeline, events, query, options.long)
    sys.stdout.writelines(_without_trailing_blanks(chunk) for chunk in chunks)
    return 0


def _without_trailing_blanks(text: str) -> str:
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def print_renderable(renderable: RenderableType, piped_width: int | None = None) -> None:
    """Rich output on a terminal; plain lines without trailing blanks when piped."""
    from rich.console import Console

    console = Console(highlight=False, markup=False, emoji=False)
    if console.is_terminal:
        console.print(renderable)
        return
    if piped_width:
        console.width = piped_width
    with console.capture() as captured:
        console.print(renderable)
    sys.stdout.write(_without_trailing_blanks(captured.get()))


def run_validate(options: argparse.Namespace) -> int:
    result = load_timeline(timeline_folder(options), cache=not options.no_cache)
    for problem in result.problems:
        print(problem.format())
    if result.problems:
        print(count_line(result.problems))
        return 1
    count = len(result.timeline.events)
    print(
        plain(
            f"{result.timeline.root}: valid: {count} events in {result.files} files", one_line=True
        )
    )
    return 0


def run_export(options: argparse.Namespace) -> int:
    from policy_timeline.atomic import write_atomically, write_folder
    from policy_timeline.render.export import BY_NAME, ExportError, ExportOptions, format_for_suffix

    name = options.format
    if name is None and options.output is not None:
        name = format_for_suffix(options.output.suffix)
    if name is None:
        raise UsageError(
            f"give --format (one of: {', '.join(BY_NAME)}), or -o FILE with a suffix that names one"
        )
    entry = BY_NAME.get(name)
    if entry is None:
        hint = did_you_mean(name, BY_NAME) or f" (one of: {', '.join(BY_NAME)})"
        raise UsageError(f"unknown export format {name!r}{hint}")
    if entry.writes != "text" and options.output is None:
        what = "DIR" if entry.writes == "folder" else "FILE"
        raise UsageError(
            f"--format {name} writes {'a folder' if what == 'DIR' else 'a file'}: give -o {what}"
        )
    result = load_for_reading(options)
    if options.output is not None:
        _check_output(options.output, result.timeline.root, entry.writes == "folder")
    index = TimelineIndex(result.timeline)
    events = index.events(filter_from_options(options, index))
    export_options = ExportOptions(
        formula_guard=options.formula_guard, ics_periods=options.ics_periods
    )
    try:
        # Text is written as it is made where the format allows (ExportFormat.text_chunks);
        # those formats raise no ExportError, so nothing is half written before one.
        output: str | bytes | dict[str, str] | Iterator[str] = (
            entry.text_chunks(result.timeline, events, export_options)
            if entry.writes == "text"
            else entry.exporter()(result.timeline, events, export_options)
        )
    except ExportError as error:
        print(f"{PROG}: error: cannot export as {name}: {error}", file=sys.stderr)
        return 1
    if options.output is None:
        assert isinstance(output, Iterator)
        sys.stdout.writelines(output)
        return 0
    try:
        if isinstance(output, dict):
            for file_name in output:
                _check_output(options.output / file_name, result.timeline.root)
            write_folder(options.output, output)
        else:
            write_atomically(options.output, output)
    except OSError as error:
        raise UsageError(f"cannot write {options.output}: {error.strerror or error}") from None
    print(f"wrote {len(events)} events to {options.output}", file=sys.stderr)
    return 0


def run_import(options: argparse.Namespace) -> int:
    from policy_timeline.authoring.import_read import ImportError_
    from policy_timeline.authoring.importing import import_file

    if options.timeline is None:
        raise UsageError("give the timeline folder to add the events to: -t DIR")
    if not options.timeline.is_dir():
        raise UsageError(f"timeline folder not found: {options.timeline}")
    try:
        report = import_file(options.source, options.timeline)
    except ImportError_ as error:
        raise UsageError(str(error)) from None
    # Notes and problems quote the source file's cells: made inert like every problem line.
    for note in report.notes:
        print(f"{PROG}: note: {plain(note, one_line=True)}", file=sys.stderr)
    for problem in report.problems:
        print(plain(problem, one_line=True))
    if report.problems:
        print(
            f"nothing was imported: {len(report.problems)} "
            f"problem{'s' if len(report.problems) != 1 else ''}"
        )
        return 1
    for path in report.written:
        print(plain(str(path), one_line=True))
    print(f"imported {len(report.written)} events into {options.timeline}", file=sys.stderr)
    return 0


def _check_output(output: Path, root: Path, folder: bool = False) -> None:
    from policy_timeline.render.destination import export_refusal

    reason = export_refusal(output, root, folder)
    if reason:
        raise UsageError(f"refusing to write {output}: {reason}")


def run_show(options: argparse.Namespace) -> int:
    from policy_timeline.render.show import UnknownEvent, find_event, render_event

    result = load_for_reading(options)
    try:
        event = find_event(result.timeline, options.event_id)
    except UnknownEvent as error:
        raise UsageError(str(error)) from None
    if options.cite:
        from policy_timeline.render.citation import cite

        print(cite(result.timeline, event))
        return 0
    print_renderable(render_event(result.timeline, event))
    return 0


def run_targets(options: argparse.Namespace) -> int:
    from policy_timeline.query.board import STATUS_CHOICES, TargetFilter, board_rows
    from policy_timeline.render.board_formats import BOARD_FORMATS, board_heading, render_board

    for status in options.status:
        if status not in STATUS_CHOICES:
            hint = did_you_mean(status, STATUS_CHOICES) or f" (one of: {', '.join(STATUS_CHOICES)})"
            raise UsageError(f"--status: unknown outcome status {status!r}{hint}")
    wanted = TargetFilter(
        _date_option(options.due_from, "--due-from"),
        _date_option(options.due_to, "--due-to"),
        frozenset(options.status),
    )
    result = load_for_reading(options)
    index = TimelineIndex(result.timeline)
    query = filter_from_options(options, index)
    rows = board_rows(index.events(query), wanted)
    heading = board_heading(rows, query, wanted)
    if options.format != "text":
        sys.stdout.write(BOARD_FORMATS[options.format](result.timeline, rows, heading))
        return 0
    # Piped, one line per target whatever its length, for grep and cut.
    print_renderable(render_board(result.timeline, rows, heading), piped_width=1000)
    return 0


def run_new(options: argparse.Namespace) -> int:
    from policy_timeline.authoring.scaffold import ScaffoldError, create_event_file, gather

    if options.timeline is None:
        raise UsageError("give the timeline folder to add the event to: -t DIR")
    ask = input if sys.stdin.isatty() else None
    try:
        new = gather(options.event_id, options.date, options.title, ask)
        path = create_event_file(options.timeline, new)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    except EOFError:
        return 1
    print(path)
    print(
        f"Fill in kind, issuers, summary and sources, then run: {PROG} validate -t "
        f"{options.timeline}",
        file=sys.stderr,
    )
    return 0


def run_schema(options: argparse.Namespace) -> int:
    from policy_timeline.render.schema import schema_text

    if not options.write:
        sys.stdout.write(schema_text())
        return 0
    from policy_timeline.authoring.scaffold import ScaffoldError, write_schema_files

    if options.timeline is None:
        raise UsageError("give the timeline folder to write the schemas into: -t DIR")
    try:
        for path in write_schema_files(options.timeline):
            print(path)
    except ScaffoldError as error:
        raise UsageError(str(error)) from None
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "open": run_open,
    "summary": run_summary,
    "validate": run_validate,
    "export": run_export,
    "import": run_import,
    "show": run_show,
    "targets": run_targets,
    "new": run_new,
    "schema": run_schema,
}
