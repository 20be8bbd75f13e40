"""The list's lines: year markers interleaved with the events a filter lets through."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field


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
    year_counts: dict[int, int] = field(default_factory=dict)

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


def build_lines(spans: list[tuple[int, int, int]], rows: list[int]) -> Lines:
    """Lays out ascending rows under year markers.

    Works a year at a time with bisect and ranges, so a filter over 100k events
    costs a few C-level list extensions rather than a Python step per event.
    """
    built = Lines(rows=rows)
    for year, first_row, end_row in spans:
        start = bisect_left(rows, first_row)
        end = bisect_left(rows, end_row, start)
        if start == end:
            continue
        built.year_positions.append(start)
        built.year_counts[year] = end - start
        built.lines.append(~year)
        offset = len(built.lines) - start
        built.event_line.extend(range(start + offset, end + offset))
        built.lines.extend(range(start, end))
    return built
