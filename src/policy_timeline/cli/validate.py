"""`validate`: every problem in a timeline, one line each, and a non-zero exit if any."""

from __future__ import annotations

import argparse

from policy_timeline.cli.options import timeline_folder
from policy_timeline.model.problems import count_line
from policy_timeline.model.text import plain
from policy_timeline.reading.loader import load_timeline


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
