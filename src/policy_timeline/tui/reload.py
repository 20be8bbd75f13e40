"""Deciding what a reload may show: the last good data stays while a file is half-saved."""

from __future__ import annotations

from policy_timeline.model.events import Timeline
from policy_timeline.model.problems import Problem
from policy_timeline.query.store_ranked import RankedTimeline
from policy_timeline.reading.outcomes import event_files


def newly_broken(
    accepted: list[Problem], fresh: list[Problem], before: Timeline, after: Timeline
) -> list[Problem]:
    """Problems in files that had none in the data on screen and now lose events.

    Such a file is most likely half-saved, so its events would vanish from the
    view; the explorer keeps the last good data instead until it is fixed. A
    deleted file has no problems of its own: its events go, and a link to them
    left in another file is a problem that takes no event away.
    """
    clean_before = {problem.path for problem in accepted}
    had, has = _file_counts(before), _file_counts(after)
    return [
        problem
        for problem in fresh
        if problem.path not in clean_before and has.get(problem.path, 0) < had.get(problem.path, 0)
    ]


def _file_counts(timeline: Timeline) -> dict[str, int]:
    """How many events each file put in the timeline, named as problems name it."""
    if isinstance(timeline, RankedTimeline):
        return timeline.file_counts()
    return {name: len(events) for name, events in event_files(timeline).items()}
