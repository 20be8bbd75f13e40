"""The periods view's geometry: years onto columns, and an event's dates onto cells.

No Textual here, so what a bar covers can be tested as plain strings. A cell
holds one of the glyphs below; the widget gives each its colour.

A date stands for every day it may mean (``2025`` is all of 2025), so a bar
runs from the first day its start may be to the last day its end may be. The
days it is certainly in force (from the latest start to the earliest end) are
drawn solid, the days it only may be in force are hatched: an end known only
to the year shows as a hatched last year.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass

from policy_timeline.model.dates import PartialDate, Precision

CERTAIN = "█"  # the event is in force in this cell
UNCERTAIN = "░"  # it may be: a start or end known only to the month or year
POINT = "◆"  # an event of one day
VAGUE_POINT = "◇"  # an event of one month or year, narrower than a cell
BEFORE = "◀"  # the bar goes on left of the window
AFTER = "▶"  # and right of it
EMPTY = " "

# The zoomed window: a few years around the year in focus.
ZOOM_YEARS = 5


@dataclass(frozen=True, slots=True)
class Axis:
    """The years ``first``..``last`` (inclusive) spread evenly over ``width`` columns.

    Positions are measured in years from the start of ``first`` (2.5 is the middle
    of the third year), so every year gets the same columns, leap or not, and a
    year's edges fall on the same columns on every row.
    """

    first: int
    last: int
    width: int

    @property
    def years(self) -> int:
        return self.last - self.first + 1

    def position(self, day: dt.date) -> float:
        """Where a day begins, in years from the window's start (negative before it)."""
        year_start = dt.date(day.year, 1, 1)
        length = 366 if calendar.isleap(day.year) else 365
        return day.year - self.first + (day - year_start).days / length

    def position_after(self, day: dt.date) -> float:
        """Where a day ends: the next day's position."""
        if day.month == 12 and day.day == 31:
            return float(day.year + 1 - self.first)
        return self.position(day + dt.timedelta(days=1))

    def column_at(self, position: float) -> int:
        """The column holding a position; below 0 or from ``width`` on outside the window."""
        return math.floor(position * self.width / self.years)

    def column(self, day: dt.date) -> int:
        return self.column_at(self.position(day))

    def column_span(self, column: int) -> tuple[float, float]:
        """The positions a column holds: ``[first, stop)``."""
        return (column * self.years / self.width, (column + 1) * self.years / self.width)

    def year_columns(self, year: int) -> tuple[int, int]:
        """The columns ``[first, stop)`` a year occupies (at least one)."""
        first = self.column_at(year - self.first)
        stop = math.ceil((year + 1 - self.first) * self.width / self.years)
        return first, max(stop, first + 1)

    def year_at(self, column: int) -> int:
        """The year a column begins in."""
        return self.first + math.floor(self.column_span(column)[0])

    def ticks(self) -> list[tuple[int, str]]:
        """Year labels at the columns where their years begin, as many as fit apart."""
        placed: list[tuple[int, str]] = []
        free_from = 0
        for year in range(self.first, self.last + 1):
            column, _ = self.year_columns(year)
            label = str(year)
            if column >= free_from and column + len(label) <= self.width:
                placed.append((column, label))
                free_from = column + len(label) + 1
        return placed


def whole_axis(first: int, last: int, width: int) -> Axis:
    return Axis(first, max(first, last), max(1, width))


def zoomed_axis(focus: int, first: int, last: int, width: int, years: int = ZOOM_YEARS) -> Axis:
    """A window of ``years`` years holding ``focus``, kept inside ``first``..``last``
    where the timeline is long enough."""
    start = focus - years // 2
    start = max(first, min(start, last - years + 1))
    return Axis(start, start + years - 1, max(1, width))


def bar_cells(start: PartialDate, end: PartialDate | None, axis: Axis) -> str:
    """An event's row of glyphs over the axis, ``axis.width`` long."""
    if end is not None and end.latest() < start.earliest():
        end = None  # an end before the start (the validator refuses it): drawn as its start
    whole = (axis.position(start.earliest()), axis.position_after((end or start).latest()))
    cells = [EMPTY] * axis.width
    if whole[1] <= 0 or whole[0] >= axis.years:
        return "".join(cells)
    first_column = max(0, axis.column_at(whole[0]))
    # A day belongs to the column it begins in, so a day that spills a sliver
    # into the next column does not draw it.
    last_column = min(axis.width - 1, axis.column((end or start).latest()))
    if end is None:
        _draw_point(cells, start, first_column, last_column)
    else:
        certain = (axis.position(start.latest()), axis.position_after(end.earliest()))
        for column in range(first_column, last_column + 1):
            cells[column] = _bar_glyph(axis.column_span(column), whole, certain)
    if whole[0] < 0:
        cells[0] = BEFORE
    if whole[1] > axis.years:
        cells[-1] = AFTER
    return "".join(cells)


def _draw_point(cells: list[str], date: PartialDate, first: int, last: int) -> None:
    if date.precision is Precision.DAY:
        cells[first] = POINT
    elif first == last:
        cells[first] = VAGUE_POINT
    else:
        cells[first : last + 1] = [UNCERTAIN] * (last - first + 1)


Span = tuple[float, float]


def _bar_glyph(column: Span, whole: Span, certain: Span) -> str:
    """Solid where the time certainly in force is at least the time that only may be."""
    covered = _overlap(column, whole)
    sure = _overlap(column, certain)
    return CERTAIN if sure > 0 and sure >= covered - sure else UNCERTAIN


def _overlap(first: Span, second: Span) -> float:
    return max(0.0, min(first[1], second[1]) - max(first[0], second[0]))
