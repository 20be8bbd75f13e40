"""Noticing edits to a timeline's files by their size and modification time.

Polling needs no new dependency and works the same on every platform; a scan
is a few stat calls per file and runs in a thread worker, off the event loop.
"""

from __future__ import annotations

from pathlib import Path

from policy_timeline.discover import TimelineNotFound, find_files
from policy_timeline.problems import Problem

Snapshot = frozenset[tuple[str, int, int]]


def take_snapshot(root: Path) -> Snapshot | None:
    """Size and mtime of every file the loader reads; None when the folder is gone."""
    try:
        found, meta = find_files(root)
    except (TimelineNotFound, OSError):
        return None
    files = [*found, meta] if meta is not None else found
    return frozenset((file.path, file.size, file.mtime_ns) for file in files)


def newly_broken(accepted: list[Problem], fresh: list[Problem]) -> list[Problem]:
    """Problems in files that had none in the data on screen.

    Such a file is most likely half-saved, so its events would vanish from the
    view; the explorer keeps the last good data instead until it is fixed.
    """
    clean_before = {problem.path for problem in accepted}
    return [problem for problem in fresh if problem.path not in clean_before]
