"""The commands that write a timeline's own files: import, new and schema --write."""

from __future__ import annotations

import argparse
import sys

from policy_timeline.cli.options import PROG, UsageError
from policy_timeline.model.text import plain


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
