"""What each problem did to the view: an event left out, or an event shown despite it.

A problem in a required field (or a file that cannot be read) leaves its event
out; one in an optional field drops only that value, and a duplicate id or a
link to a missing event leaves the event in place. The loader does not record
which item a problem came from, so this goes by file: a problem whose file put
at least one event in the timeline counts as shown despite it. In a file that
holds a list, an item with a broken required field is still left out.

Core module: no Rich, no Textual.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from policy_timeline.model.events import Event, Timeline
from policy_timeline.model.problems import Problem
from policy_timeline.reading.discover import display_path


@dataclass(slots=True)
class Outcomes:
    left_out: list[Problem] = field(default_factory=list)
    shown: list[Problem] = field(default_factory=list)


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
    """The event a problem is about, when it is in the timeline (a list file's first)."""
    events = event_files(timeline).get(problem.path)
    return min(events, key=lambda event: event.index) if events else None


def sort_out(problems: list[Problem], timeline: Timeline) -> Outcomes:
    return sort_out_by_files(problems, event_files(timeline))


def sort_out_by_files(problems: list[Problem], files: Collection[str]) -> Outcomes:
    """``sort_out`` given the names of the files that put events in the timeline."""
    outcomes = Outcomes()
    for problem in problems:
        (outcomes.shown if problem.path in files else outcomes.left_out).append(problem)
    return outcomes


def describe(problems: list[Problem], timeline: Timeline) -> str:
    """One sentence: how many problems, and what they did to the view."""
    return describe_by_files(problems, event_files(timeline))


def describe_by_files(problems: list[Problem], files: Collection[str]) -> str:
    """``describe`` given the names of the files that put events in the timeline."""
    outcomes = sort_out_by_files(problems, files)
    parts = []
    if outcomes.left_out:
        parts.append(f"{_files(outcomes.left_out)} left out")
    if outcomes.shown:
        parts.append(f"{_files(outcomes.shown)} shown despite problems")
    noun = "problem" if len(problems) == 1 else "problems"
    return f"{len(problems)} {noun}: " + "; ".join(parts)


def _files(problems: list[Problem]) -> str:
    count = len({problem.path for problem in problems})
    return f"events of {count} file" + ("" if count == 1 else "s")
