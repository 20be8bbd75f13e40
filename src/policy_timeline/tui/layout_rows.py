"""The list's lines: year markers interleaved with the events a filter lets through."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from policy_timeline.model import Timeline


@dataclass(slots=True)
class Lines:
    """Positions are indexes into ``rows``; rows are indexes into ``timeline.events``.

    A line holds a position (>= 0) or a year marker stored as ``~year`` (< 0),
    so the whole list is two flat int arrays however many events there are.
    """

    rows: list[int] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    event_line: list[int] = field(default_factory=list)
    year_positions: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)

    def position_at(self, line: int) -> int | None:
        value = self.lines[line] if 0 <= line < len(self.lines) else -1
        return value if value >= 0 else None

    def next_year(self, position: int) -> int | None:
        """The first position of the next year marker after ``position``."""
        index = bisect_right(self.year_positions, position)
        return self.year_positions[index] if index < len(self.year_positions) else None

    def previous_year(self, position: int) -> int | None:
        """The start of this position's year, or the year before's when already there."""
        current = bisect_right(self.year_positions, position) - 1
        if current < 0:
            return None
        if self.year_positions[current] < position:
            return self.year_positions[current]
        return self.year_positions[current - 1] if current >= 1 else None


def build_lines(timeline: Timeline, rows: list[int]) -> Lines:
    built = Lines(rows=rows)
    events = timeline.events
    last_year: int | None = None
    for position, row in enumerate(rows):
        year = events[row].date.year
        if year != last_year:
            built.lines.append(~year)
            built.year_positions.append(position)
            last_year = year
        built.event_line.append(len(built.lines))
        built.lines.append(position)
    return built
