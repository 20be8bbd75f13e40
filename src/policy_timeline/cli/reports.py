"""The commands that print a timeline for reading: summary, show and targets."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from policy_timeline.cli.options import (
    UsageError,
    date_option,
    filter_from_options,
    index_for_reading,
    load_for_reading,
)
from policy_timeline.model.problems import did_you_mean

if TYPE_CHECKING:
    from rich.console import RenderableType


def run_summary(options: argparse.Namespace) -> int:
    from rich.console import Console

    from policy_timeline.query.store_query import StoredIndex
    from policy_timeline.render.summary import (
        Line,
        markdown_chunks,
        render_summary,
        summary_chunks,
    )

    index = index_for_reading(options)
    query = filter_from_options(options, index)
    events: Sequence[Line]
    if isinstance(index, StoredIndex) and not options.long:
        events = index.lines(query)  # the fields of a line, not the whole event
    else:
        events = index.events(query)
    if options.format == "markdown":
        sys.stdout.writelines(markdown_chunks(index.timeline, events, query, options.long))
        return 0
    console = Console(highlight=False, markup=False, emoji=False)
    if console.is_terminal:
        console.print(render_summary(index.timeline, events, query, options.long))
        return 0
    # Piped or redirected: one line per event, for grep and diff, written as it is
    # made (what print_renderable would write, without Rich laying out every line).
    console.width = 1000
    sys.stdout.writelines(summary_chunks(console, index.timeline, events, query, options.long))
    return 0


def print_renderable(renderable: RenderableType, piped_width: int | None = None) -> None:
    """Rich output on a terminal; plain lines without trailing blanks when piped."""
    from rich.console import Console

    from policy_timeline.render.summary import without_trailing_blanks

    console = Console(highlight=False, markup=False, emoji=False)
    if console.is_terminal:
        console.print(renderable)
        return
    if piped_width:
        console.width = piped_width
    with console.capture() as captured:
        console.print(renderable)
    sys.stdout.write(without_trailing_blanks(captured.get()))


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
        date_option(options.due_from, "--due-from"),
        date_option(options.due_to, "--due-to"),
        frozenset(options.status),
    )
    index = index_for_reading(options)
    query = filter_from_options(options, index)
    rows = board_rows(list(index.events(query)), wanted)
    heading = board_heading(rows, query, wanted)
    if options.format != "text":
        sys.stdout.write(BOARD_FORMATS[options.format](index.timeline, rows, heading))
        return 0
    # Piped, one line per target whatever its length, for grep and cut.
    print_renderable(render_board(index.timeline, rows, heading), piped_width=1000)
    return 0
