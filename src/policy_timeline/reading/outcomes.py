"""What each problem did to the view: an event left out, or an event shown despite it.

A problem in a required field (or a file that cannot be read) leaves its event
out; one in an optional field drops only that value, and a duplicate id or a
link to a missing event leaves the event in place. The loader does not record
which item a problem came from, so this goes by where it is: in a file that
holds a list, by the item whose lines hold the problem (a list item starts at a
dash in the first column); otherwise by file, a problem whose file put an event
in the timeline counting as shown despite it. Problems in ``_timeline.yaml``
(the name and the vocabularies) take no event away: the values are not used.

Core module: no Rich, no Textual.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.problems import Problem
from policy_timeline.reading.discover import META_FILE, display_path


@dataclass(slots=True)
class Outcomes:
    left_out: list[Problem] = field(default_factory=list)
    shown: list[Problem] = field(default_factory=list)
    settings: list[Problem] = field(default_factory=list)
    """Problems in _timeline.yaml: a value not used, no event taken away."""


def event_files(timeline: Timeline) -> dict[str, list[Event]]:
    """Each file that put events in the timeline, named as problems name it, with its events."""
    root = display_path(timeline.root)
    prefix = "" if root == "." else root.rstrip("/") + "/"
    found: dict[str, list[Event]] = {}
    for event in timeline.events:
        name = prefix + event.file if timeline.root.is_dir() else root
        found.setdefault(name, []).append(event)
    return found


def event_of(problem: Problem, timeline: Timeline) -> Event | None:
    """The event a problem is about, when it is in the timeline: in a list file, the
    item whose lines hold it (the first, for a problem above the items)."""
    events = event_files(timeline).get(problem.path)
    if not events:
        return None
    item = bisect_right(item_starts(Path(problem.path)), problem.line) - 1
    if item < 0:
        return min(events, key=lambda event: event.index)
    return next((event for event in events if event.index == item), None)


def sort_out(problems: list[Problem], timeline: Timeline) -> Outcomes:
    files = event_files(timeline)
    return sort_out_by_files(
        problems, files, lambda path: {event.index for event in files.get(path, ())}
    )


def sort_out_by_files(
    problems: list[Problem],
    files: Collection[str],
    items: Callable[[str], Collection[int]] | None = None,
) -> Outcomes:
    """``sort_out`` given the names of the files that put events in the timeline and,
    when known, which items of each file did (by file alone without them)."""
    outcomes = Outcomes()
    starts: dict[str, list[int]] = {}
    for problem in problems:
        if Path(problem.path).name == META_FILE:
            outcomes.settings.append(problem)
            continue
        shown = problem.path in files
        if shown and items is not None:
            if problem.path not in starts:
                starts[problem.path] = item_starts(Path(problem.path))
            item = bisect_right(starts[problem.path], problem.line) - 1
            shown = item < 0 or item in items(problem.path)
        (outcomes.shown if shown else outcomes.left_out).append(problem)
    return outcomes


def item_starts(path: Path) -> list[int]:
    """The lines where a list file's top-level items start; none for a single event."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    return [
        number
        for number, text in enumerate(lines, 1)
        if text.startswith("-") and not text.startswith("---")
    ]


def describe(problems: list[Problem], timeline: Timeline) -> str:
    """One sentence: how many problems, and what they did to the view."""
    return _said(problems, sort_out(problems, timeline))


def describe_by_files(
    problems: list[Problem], files: Collection[str], items: Callable[[str], Collection[int]]
) -> str:
    """``describe`` given the names of the files that put events in the timeline,
    and which items of each file did."""
    return _said(problems, sort_out_by_files(problems, files, items))


def _said(problems: list[Problem], outcomes: Outcomes) -> str:
    parts = []
    if outcomes.left_out:
        parts.append(f"{_files(outcomes.left_out)} left out")
    if outcomes.shown:
        parts.append(f"{_files(outcomes.shown)} shown despite problems")
    if outcomes.settings:
        parts.append(f"values in {META_FILE} not used")
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun}: " + "; ".join(parts)


def _files(problems: list[Problem]) -> str:
    count = len({problem.path for problem in problems})
    return f"events of {count} file" + ("" if count == 1 else "s")
