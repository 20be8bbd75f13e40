"""The periods view's lines: a lane per kind, lead issuer or sector, its events in date order.

Like the list's lines, two flat int arrays however many events there are: a line
holds a row of ``timeline.events`` (>= 0) or a lane heading stored as ``~lane``.
An event with several sectors sits in each of their lanes.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from policy_timeline.query.rank_bits import flags_of, picked

GROUPINGS = ("kind", "issuer", "sector")
GROUPING_NAMES = {"kind": "kind", "issuer": "lead issuer", "sector": "sector"}


@dataclass(slots=True)
class Lanes:
    grouping: str = "kind"
    names: list[str] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    # Each lane's first event line, and its lane by name: an event's line is
    # found by bisecting its lane rather than kept for every row.
    starts: list[int] = field(default_factory=list)
    lane_of: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lines)

    def row_at(self, line: int) -> int | None:
        value = self.lines[line] if 0 <= line < len(self.lines) else -1
        return value if value >= 0 else None

    def line_of(self, row: int, keys: tuple[str, ...]) -> int | None:
        """The first line showing ``row``, an event in the lanes named ``keys``."""
        found = None
        for key in keys:
            lane = self.lane_of.get(key)
            if lane is None:
                continue
            start = self.starts[lane]
            stop = start + self.counts[lane]
            line = bisect_left(self.lines, row, start, stop)
            if line < stop and self.lines[line] == row and (found is None or line < found):
                found = line
        return found

    def event_line_near(self, line: int, step: int) -> int | None:
        """The first event line from ``line`` going ``step`` (+1 or -1), skipping headings."""
        while 0 <= line < len(self.lines):
            if self.lines[line] >= 0:
                return line
            line += step
        return None


def build_lanes(all_lanes: dict[str, list[int]], rows: Sequence[int], grouping: str) -> Lanes:
    """Lays out the rows a filter lets through, lane by lane, lanes by name."""
    built = Lanes(grouping=grouping)
    # Every row in view (no filter): each lane as it is. Otherwise each lane's
    # rows picked by a flag per row, in C-level passes that keep their order,
    # not a Python step per row, nor a set per lane sorted back: a filter at
    # 100k events.
    everything = len(rows) == sum(map(len, all_lanes.values())) if all_lanes else True
    if not everything:
        # Every row is in a lane, and each lane is in date order: its last is its largest.
        allowed = flags_of(
            rows, max((lane[-1] for lane in all_lanes.values() if lane), default=-1) + 1
        )
    for name in sorted(all_lanes, key=str.casefold):
        lane = all_lanes[name]
        lane_rows = lane if everything else picked(lane, lane, allowed)
        if not lane_rows:
            continue
        built.lines.append(~len(built.names))
        built.lane_of[name] = len(built.names)
        built.names.append(name)
        built.counts.append(len(lane_rows))
        built.starts.append(len(built.lines))
        built.lines.extend(lane_rows)
    return built
