"""Shared paths and loading for the interop tests."""

from __future__ import annotations

from pathlib import Path

from policy_timeline.model.events import Timeline
from policy_timeline.reading.loader import load_timeline

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BUNDLED = REPO / "timeline"
TRICKY = HERE / "data" / "tricky"
TIMELINES = {"bundled": BUNDLED, "tricky": TRICKY}


def load(folder: Path) -> Timeline:
    result = load_timeline(folder)
    assert not result.problems, [problem.format() for problem in result.problems]
    return result.timeline
