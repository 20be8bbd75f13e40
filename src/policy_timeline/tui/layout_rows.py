"""The list's lines: year markers interleaved with the events a filter lets through."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import overload


@dataclass(slots=True)
class Lines:
    """Positions are indexes into ``rows``; rows are indexes into ``timeline.events``.

    A line holds a position (>= 0) or a year marker, read as ``~year`` (< 0).
    Only the markers are kept: every other line follows from them by bisection,
    so a filter lays out a list in a step per year, not one per event (at 100k
    events, the two arrays of lines cost 2 to 5 ms a filter to build and as much
    to free again).
    """

    rows: Sequence[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    year_positions: list[int] = field(default_factory=list)
    year_counts: dict[int, int] = field(default_factory=dict)
    # The line of each year's marker: its first position plus the markers before it.
    year_lines: list[int] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) + len(self.years)

    @property
    def lines(self) -> LineValues:
        """What each line holds: a position, or ``~year`` for a year's marker."""
        return LineValues(self)

    @property
    def event_line(self) -> EventLines:
        """The line of each position."""
        return EventLines(self)

    def position_at(self, line: int) -> int | None:
        value = self.lines[line] if 0 <= line < len(self) else -1
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


class _Worked(Sequence[int]):
    """Numbers worked out from a list's markers when read, a screenful at a time."""

    __slots__ = ("_of",)

    def __init__(self, lines: Lines) -> None:
        self._of = lines

    def _at(self, index: int) -> int:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self._at(at) for at in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._at(index)

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]


class LineValues(_Worked):
    """``Lines.lines``: what each line holds, a position or ``~year``."""

    __slots__ = ()

    def __len__(self) -> int:
        return len(self._of)

    def _at(self, index: int) -> int:
        of = self._of
        # Every list opens with a marker, so one lies at or before any line.
        marker = bisect_right(of.year_lines, index) - 1
        if of.year_lines[marker] == index:
            return ~of.years[marker]
        return index - marker - 1


class EventLines(_Worked):
    """``Lines.event_line``: a position's line is itself plus the markers up to it."""

    __slots__ = ()

    def __len__(self) -> int:
        return len(self._of.rows)

    def _at(self, index: int) -> int:
        return index + bisect_right(self._of.year_positions, index)


def build_lines(spans: list[tuple[int, int, int]], rows: Sequence[int]) -> Lines:
    """Lays out ascending rows under year markers, a bisection per year."""
    built = Lines(rows=rows)
    for year, first_row, end_row in spans:
        start = bisect_left(rows, first_row)
        end = bisect_left(rows, end_row, start)
        if start == end:
            continue
        built.year_lines.append(start + len(built.years))
        built.years.append(year)
        built.year_positions.append(start)
        built.year_counts[year] = end - start
    return built
