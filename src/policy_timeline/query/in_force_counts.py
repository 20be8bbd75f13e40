"""How many events may be in force in each year: a period counts in every year
from its first to its last, an event without an end in its own year.

From memory the rows in view are counted (``count_in_force``, with a timeline's
``YearRuns``); from the index, the filter's bitmap (``InForceBits``). Both lean
on the rows being in date order, so that a year's events are one run of rows
(``year_spans``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from policy_timeline.query.rank_bits import bits_below, bits_of_ranks


def count_in_force(
    firsts: Sequence[int],
    lasts: Sequence[int],
    rows: Sequence[int],
    runs: YearRuns | None = None,
) -> dict[int, int]:
    """How many of the ascending rows may be in force in each year, given each
    row's first and last year: starts minus ends.

    Without ``runs`` both are counted in C-level passes over the rows. With the
    timeline's ``runs`` the starts are each year's run of rows found by bisection,
    and only the periods that run past their first year are counted again (a
    fifth of the rows or so), which is what a filter's keystroke can afford.
    """
    if not rows:
        return {}
    # A row ends in the year it starts in, unless it is ``moved``: then in its last.
    moved: Counter[int] = Counter()
    if runs is None:
        starts = Counter(map(firsts.__getitem__, rows))
        ends = Counter(map(lasts.__getitem__, rows))
    else:
        starts = Counter()
        for year, first_row, end_row in runs.spans:
            start = bisect_left(rows, first_row)
            if start < len(rows) and rows[start] < end_row:
                starts[year] = bisect_left(rows, end_row, start) - start
        running_on = (
            runs.running_on
            if len(rows) == len(firsts)  # ascending and distinct: every row
            else runs.running_on_set.intersection(rows)
        )
        moved = Counter(map(firsts.__getitem__, running_on))
        ends = starts.copy()
        ends.update(map(lasts.__getitem__, running_on))
    return _running_totals(starts, ends, moved)


def _running_totals(
    starts: Counter[int], ends: Counter[int], moved: Counter[int]
) -> dict[int, int]:
    """Each year's events in force, from how many start and end in it; ``moved``
    of those counted as ending in their first year end in a later one instead."""
    if not starts:
        return {}
    counts: dict[int, int] = {}
    running = 0
    for year in range(min(starts), max(ends) + 1):
        running += starts[year]
        if running:
            counts[year] = running
        running -= ends[year] - moved[year]
    return counts


@dataclass(frozen=True, slots=True)
class YearRuns:
    """Each year's run of rows, and the rows whose last year is after their first."""

    spans: list[tuple[int, int, int]]
    running_on: list[int]
    running_on_set: frozenset[int]

    @classmethod
    def of(cls, firsts: Sequence[int], lasts: Sequence[int]) -> YearRuns:
        running_on = [
            row for row, (first, last) in enumerate(zip(firsts, lasts, strict=True)) if last > first
        ]
        return cls(year_spans(firsts), running_on, frozenset(running_on))


def year_spans(first_years: Sequence[int]) -> list[tuple[int, int, int]]:
    """Each year with the first and one-past-last row of its events, given each
    row's year in date order (so a year's rows are one run, found by bisection)."""
    spans: list[tuple[int, int, int]] = []
    start = 0
    while start < len(first_years):
        year = first_years[start]
        end = bisect_right(first_years, year, start)
        spans.append((year, start, end))
        start = end
    return spans


@dataclass(frozen=True, slots=True)
class InForceBits:
    """What counting a bitmap's events in force per year needs: each year's run of
    ranks, and in each run the periods that go on past that year, by last year.

    A period counts in every year from its first to its last, an event without
    an end in its own year (``count_in_force`` from lists of rows).
    """

    spans: list[tuple[int, int, int]]  # (year, first rank, one past its last)
    # Per span: (last year, bitmap of the span's periods ending then, bit 0 the
    # span's first rank), for the periods whose last year is after the span's.
    running: list[list[tuple[int, int]]]

    @classmethod
    def of(
        cls, spans: list[tuple[int, int, int]], firsts: Sequence[int], lasts: Sequence[int]
    ) -> InForceBits:
        running: list[list[tuple[int, int]]] = []
        for _, start, end in spans:
            by_last: dict[int, list[int]] = {}
            pairs = zip(firsts[start:end], lasts[start:end], strict=True)
            for offset, (first, last) in enumerate(pairs):
                if last > first:
                    by_last.setdefault(last, []).append(offset)
            width = end - start
            running.append(
                [(last, bits_of_ranks(offsets, width)) for last, offsets in sorted(by_last.items())]
            )
        return cls(spans, running)

    def counts(self, bits: int) -> dict[int, int]:
        """How many of the bitmap's events may be in force in each year."""
        starts: Counter[int] = Counter()
        ends: Counter[int] = Counter()
        moved: Counter[int] = Counter()  # started this year, end in a later one
        for (year, start, end), running in zip(self.spans, self.running, strict=True):
            run = bits >> start & bits_below(end - start)
            if not run:
                continue
            started = run.bit_count()
            starts[year] += started
            ends[year] += started
            for last, periods in running:
                going_on = (run & periods).bit_count()
                if going_on:
                    moved[year] += going_on
                    ends[last] += going_on
        return _running_totals(starts, ends, moved)
