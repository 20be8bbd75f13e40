"""The periods view's geometry: which years a bar covers, and which part of it is only maybe.

On an axis of one column per year, column ``n`` is year ``first + n``, so a
row of glyphs reads as a list of years.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policy_timeline.model.dates import PartialDate, parse_partial_date
from policy_timeline.tui.period_axis import (
    AFTER,
    BEFORE,
    CERTAIN,
    EMPTY,
    POINT,
    UNCERTAIN,
    VAGUE_POINT,
    Axis,
    bar_cells,
    whole_axis,
    zoomed_axis,
)

YEARLY = whole_axis(2010, 2029, 20)  # one column per year


def bar(start: str, end: str | None, axis: Axis = YEARLY) -> str:
    return bar_cells(parse_partial_date(start), parse_partial_date(end) if end else None, axis)


def years(cells: str, glyphs: str, axis: Axis = YEARLY) -> list[int]:
    return [axis.year_at(column) for column, glyph in enumerate(cells) if glyph in glyphs]


DRAWN = CERTAIN + UNCERTAIN + POINT + VAGUE_POINT + BEFORE + AFTER


@pytest.mark.parametrize(
    ("start", "end", "solid", "hatched"),
    [
        # Made in China 2025: a day to a year. 2025 is hatched: it ends some time that year.
        ("2015-05-08", "2025", list(range(2015, 2025)), [2025]),
        # The action plan: 13 Dec 2017 to 2020.
        ("2017-12-13", "2020", [2017, 2018, 2019], [2020]),
        # Year to year: both ends hatched, the years between solid.
        ("2015", "2018", [2016, 2017], [2015, 2018]),
        # Month to month: a month is less than half a year, so every year is solid.
        ("2016-03", "2019-10", [2016, 2017, 2018, 2019], []),
        # Day to day within one year.
        ("2026-04-22", "2026-06-30", [2026], []),
        # Day to a year that is the start's year: solid only if most of it is certain.
        ("2016-02-01", "2016", [], [2016]),
    ],
)
def test_bars_span_the_right_years(
    start: str, end: str, solid: list[int], hatched: list[int]
) -> None:
    cells = bar(start, end)
    assert years(cells, CERTAIN) == solid
    assert years(cells, UNCERTAIN) == hatched
    assert years(cells, DRAWN) == sorted(solid + hatched)


@pytest.mark.parametrize(
    ("start", "glyph", "covered"),
    [
        ("2016-08-18", POINT, [2016]),  # a day: a point in its year
        ("2016-08", VAGUE_POINT, [2016]),  # a month, narrower than a column: a hollow point
        ("2016", VAGUE_POINT, [2016]),  # a year, one column wide
    ],
)
def test_events_without_end_are_points_at_their_precision(
    start: str, glyph: str, covered: list[int]
) -> None:
    cells = bar(start, None)
    assert years(cells, glyph) == covered
    assert years(cells, DRAWN) == covered


def test_a_year_wider_than_a_cell_is_hatched_across_the_year() -> None:
    axis = whole_axis(2015, 2018, 40)  # ten columns a year
    cells = bar("2016", None, axis)
    assert cells[10:20] == UNCERTAIN * 10
    assert cells.strip() == UNCERTAIN * 10
    day = bar("2016-07-01", None, axis)
    assert day.count(POINT) == 1 and day.strip() == POINT
    assert axis.year_at(day.index(POINT)) == 2016


def test_a_month_start_is_hatched_only_over_its_month_when_zoomed() -> None:
    axis = whole_axis(2017, 2020, 48)  # about a column a month
    cells = bar("2017-11", "2020", axis)
    first = axis.column(dt.date(2017, 11, 1))
    certain = axis.column(dt.date(2017, 12, 1)) + 1
    assert cells[:first] == EMPTY * first
    assert set(cells[first:certain]) == {UNCERTAIN}  # Nov 2017: some day of that month
    assert cells[36:48] == UNCERTAIN * 12  # 2020: any month of it
    assert set(cells[certain:36]) == {CERTAIN}


def test_open_ended_windows_show_arrows_where_a_bar_goes_on() -> None:
    axis = zoomed_axis(2019, 2010, 2030, 50)
    assert (axis.first, axis.last) == (2017, 2021)
    cells = bar("2015-05-08", "2025", axis)
    assert cells[0] == BEFORE and cells[-1] == AFTER
    assert set(cells[1:-1]) == {CERTAIN}
    # A bar that ends before the window, or starts after it, is not drawn at all.
    assert bar("2011", "2015", axis) == EMPTY * axis.width
    assert bar("2023-01-01", "2024", axis) == EMPTY * axis.width


def test_an_end_before_the_start_is_drawn_as_the_start() -> None:
    assert bar("2018-05-01", "2016") == bar("2018-05-01", None)


def test_the_zoomed_window_stays_inside_the_timeline() -> None:
    early = zoomed_axis(2011, 2010, 2030, 50)
    assert (early.first, early.last) == (2010, 2014)
    assert zoomed_axis(2030, 2010, 2030, 50).last == 2030
    # A timeline shorter than the window keeps its start.
    assert zoomed_axis(2016, 2015, 2017, 50).first == 2015


def test_ticks_label_years_where_they_begin_without_overlap() -> None:
    axis = whole_axis(2015, 2026, 54)
    ticks = axis.ticks()
    assert ticks[0] == (0, "2015")
    for (column, label), (following, _) in itertools.pairwise(ticks):
        assert following > column + len(label)
        assert axis.year_at(column) == int(label)


@st.composite
def periods(draw: st.DrawFn) -> tuple[PartialDate, PartialDate]:
    def partial(day: dt.date) -> PartialDate:
        precision = draw(st.integers(1, 3))
        return PartialDate(
            day.year, day.month if precision >= 2 else None, day.day if precision == 3 else None
        )

    start = draw(st.dates(dt.date(2005, 1, 1), dt.date(2035, 12, 31)))
    end = draw(st.dates(start, dt.date(2036, 12, 31)))
    return partial(start), partial(end)


@given(periods(), st.integers(5, 200))
def test_a_bar_covers_exactly_the_years_its_dates_may_mean(
    period: tuple[PartialDate, PartialDate], width: int
) -> None:
    start, end = period
    axis = whole_axis(2000, 2039, 40)
    cells = bar_cells(start, end, axis)
    assert years(cells, DRAWN, axis) == list(range(start.year, end.year + 1))
    # And on any width, nothing is drawn outside the days the dates may mean.
    wide = whole_axis(2000, 2039, width)
    drawn = [column for column, glyph in enumerate(bar_cells(start, end, wide)) if glyph != EMPTY]
    assert drawn == list(range(drawn[0], drawn[-1] + 1))
    assert wide.column(start.earliest()) == drawn[0]
    assert wide.column(end.latest()) == drawn[-1]
