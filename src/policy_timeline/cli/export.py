"""`export`: the filtered events in a machine-readable form, to standard output or a file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from policy_timeline.cli.options import PROG, UsageError, filter_from_options, index_for_reading
from policy_timeline.model.problems import did_you_mean


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
    index = index_for_reading(options)
    timeline = index.timeline
    if options.output is not None:
        _check_output(options.output, timeline.root, entry.writes == "folder")
    events = index.events(filter_from_options(options, index))
    export_options = ExportOptions(
        formula_guard=options.formula_guard, ics_periods=options.ics_periods
    )
    try:
        # Text is written as it is made where the format allows (ExportFormat.text_chunks);
        # those formats raise no ExportError, so nothing is half written before one.
        output: str | bytes | dict[str, str] | Iterator[str] = (
            entry.text_chunks(timeline, events, export_options)
            if entry.writes == "text"
            else entry.exporter()(timeline, list(events), export_options)
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
                _check_output(options.output / file_name, timeline.root)
            write_folder(options.output, output)
        else:
            write_atomically(options.output, output)
    except OSError as error:
        raise UsageError(f"cannot write {options.output}: {error.strerror or error}") from None
    print(f"wrote {len(events)} events to {options.output}", file=sys.stderr)
    return 0


def _check_output(output: Path, root: Path, folder: bool = False) -> None:
    from policy_timeline.render.destination import export_refusal

    reason = export_refusal(output, root, folder)
    if reason:
        raise UsageError(f"refusing to write {output}: {reason}")
